"""Checks on a draft reply, per language: does it agree to free work, does it offer both
options? Used by the draft stage's tests and by the evaluation harness on any engine's
drafts.

``promises_free_work`` looks for phrases that give work away ("for free", "uden
beregning", "kostenlos", "ฟรี", ...). A phrase does not count when:

- it is negated in its own clause ("we can't do this for free", "vi kan ikke ... gratis",
  "nicht kostenlos", "ไม่สามารถ...ฟรีได้", "ทำฟรีไม่ได้");
- it stands inside quotation marks: a quoted clause or a quoted line of the client's
  request is not the agency's promise;
- for the softer phrases only ("happy to add that in", "det klarer vi"), the same sentence
  puts a price on it (change request, fee, hourly rate, quote).

Patterns are data (``lexicon/checks.toml``), checked for the draft's language plus English
(drafts mix in English terms); for a language without its own patterns, every language's
patterns are used.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from assistant.text.language import detect_language

_I = re.IGNORECASE


@dataclass(frozen=True)
class _Lang:
    """One language's phrases (``lexicon/checks.toml``), compiled on first use."""

    free: tuple[str, ...]  # giving work away, outright
    soft: tuple[str, ...] = ()  # agreeing to extra work; fine when priced in the same sentence
    priced: tuple[str, ...] = ()  # naming a price
    negation_before: str = ""  # a negator earlier in the clause
    negation_after: str = ""  # a negator right after the phrase ("ทำฟรีไม่ได้")
    change_request: tuple[str, ...] = ()  # option (a)
    keep_focus: tuple[str, ...] = ()  # option (b)
    words: bool = True  # the script separates words with spaces
    compiled: dict[str, re.Pattern[str] | None] = field(default_factory=dict, compare=False)

    def pattern(self, name: str) -> re.Pattern[str] | None:
        if name not in self.compiled:
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = "|".join(f"(?:{p})" for p in value)
            self.compiled[name] = re.compile(value, _I) if value else None
        return self.compiled[name]


@cache
def _langs() -> dict[str, _Lang]:
    text = resources.files("assistant.draft").joinpath("lexicon", "checks.toml").read_text(encoding="utf-8")
    return {
        code: _Lang(**{k: tuple(v) if isinstance(v, list) else v for k, v in table.items()})
        for code, table in tomllib.loads(text).items()
    }


@cache
def _priced() -> re.Pattern[str]:
    """A price named in any language makes a soft phrase ("happy to add that in") acceptable."""
    return re.compile("|".join(f"(?:{p})" for lang in _langs().values() for p in lang.priced), _I)


# Paired quotation marks: what stands between them is quoted, not promised.
_QUOTED = re.compile(r"“[^”\n]*”|”[^”\n]*”|„[^“”\n]*[“”]|»[^«\n]*«|«[^»\n]*»|\"[^\"\n]*\"")
_CLAUSE_END = re.compile(r"[.!?;:\n]|,\s")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _specs(language: str) -> list[_Lang]:
    langs = _langs()
    lang = (language or "").lower()[:2]
    if lang == "nb" or lang == "nn":
        lang = "no"
    if lang in langs:
        return [langs[lang]] + ([langs["en"]] if lang != "en" else [])
    return list(langs.values())


def _mask_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def draft_language(body: str) -> str:
    """The language of a draft's own words. A clause quoted from the client's documents stays
    in the document's language ("as agreed in the SOW: “5.1 Monthly fee …”"), so what stands
    between quotation marks is left out; a draft that is all quotation is read whole."""
    own = _mask_quotes(body)
    return detect_language(own) or detect_language(body)


def _clause_before(text: str, start: int, spec: _Lang) -> str:
    window = text[max(0, start - 80) : start]
    cut = 0
    for m in _CLAUSE_END.finditer(window):
        cut = m.end()
    window = window[cut:]
    if not spec.words:  # Thai: the clause is the run of text since the last space, roughly
        window = window.rstrip()
        window = window[window.rfind(" ") + 1 :][-40:]
    return window


def _sentence_of(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]


def _negated(text: str, start: int, end: int, spec: _Lang) -> bool:
    before, after = spec.pattern("negation_before"), spec.pattern("negation_after")
    if before and before.search(_clause_before(text, start, spec)):
        return True
    return bool(after and after.search(text[end : end + 40]))


def promises_free_work(text: str, language: str) -> list[str]:
    """The phrases in ``text`` that agree to free or unpriced extra work (empty when none)."""
    masked = _mask_quotes(text)
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    specs = _specs(language)
    for spec in specs:
        for kind in ("free", "soft"):
            pattern = spec.pattern(kind)
            if pattern is None:
                continue
            for m in pattern.finditer(masked):
                span = (m.start(), m.end())
                if span in seen or any(_negated(masked, m.start(), m.end(), s) for s in specs):
                    continue
                if kind == "soft" and _priced().search(_sentence_of(masked, m.start(), m.end())):
                    continue
                seen.add(span)
                found.append(text[m.start() : m.end()])
    return found


def offers_both_options(text: str, language: str) -> bool:
    """True when ``text`` offers (a) a written change request with scope and fee AND (b)
    keeping the focus on the agreed work."""
    specs = _specs(language)
    has = {
        name: any((p := spec.pattern(name)) is not None and p.search(text) for spec in specs)
        for name in ("change_request", "keep_focus")
    }
    return has["change_request"] and has["keep_focus"]
