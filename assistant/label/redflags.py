"""Red-flag cues that transfer: per-category phrases of the seven ``domain.md`` categories,
read per sentence of what the client wrote now.

The word lists are data (``lexicon/redflags.toml``, every language of the corpus plus
Italian, Portuguese, Polish and Finnish). A category fires for a sentence when one of its
phrases matches, or when every group of one of its ``together`` lists matches in that same
sentence: "half now, the rest at the end of July" holds a payment word and a deferral, and so
does no thank-you sharing an open rate. Only the subject and the new text are read: the
parse stage has already set the signature, the disclaimer and the quoted history apart, so a
cue inside them never fires. The offline engine feeds the counts to its models and uses a
fired category as a floor on that category's probability (``offline.py``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from assistant.label.schema import CATEGORIES
from assistant.parse.requests import sentences

_THAI = re.compile(r"[\u0E00-\u0E7F]")


def _compile(patterns: list[str]) -> re.Pattern[str] | None:
    """Every pattern as one alternation. A Latin-script pattern is anchored at a word start, by
    one look-behind in front of all of them, and they are grouped by their first letter, so
    the engine tries at a word start only the patterns that begin with its letter."""
    by_letter: dict[str, list[str]] = {}
    other = []
    for p in patterns:
        if p[:1].isalpha() and not _THAI.match(p) and p[1:2] not in ("?", "*", "+", "{"):
            by_letter.setdefault(p[0].lower(), []).append(p[1:])
        else:
            other.append(p)
    branches = [f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in sorted(by_letter.items())]
    parts = ([rf"(?<!\w)(?:{'|'.join(branches)})"] if branches else []) + other
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None


@dataclass(frozen=True)
class _Category:
    phrases: re.Pattern[str] | None
    together: tuple[tuple[re.Pattern[str], ...], ...]

    def fires(self, sentence: str) -> bool:
        if self.phrases is not None and self.phrases.search(sentence):
            return True
        return any(all(g.search(sentence) for g in groups) for groups in self.together)


def _all_languages(table: dict[str, list[str]]) -> list[str]:
    return [p for patterns in table.values() for p in patterns]


@cache
def _lexicon() -> dict[str, _Category]:
    data = tomllib.loads(files("assistant.label").joinpath("lexicon", "redflags.toml").read_text(encoding="utf-8"))
    groups = {name: _compile(_all_languages(table)) for name, table in data["groups"].items()}
    out = {}
    for category in CATEGORIES:
        entry = data[category]
        together = tuple(tuple(groups[g] for g in names) for names in entry.get("together", []))
        out[category] = _Category(_compile(_all_languages(entry.get("phrases", {}))), together)  # type: ignore[arg-type]
    return out


def cue_sentences(subject: str, new_text: str) -> list[str]:
    """What the cues read: the subject (without its reply/forward prefixes) and each sentence
    of the new text."""
    subject = re.sub(r"^(?:\s*(?:re|fwd?|aw|sv|vs|tr|rif|r|enc|odp|pd)\s*:\s*)+", "", subject or "", flags=re.I)
    return [s for s in [subject.strip(), *sentences(new_text or "")] if s]


def red_flag_cues(subject: str, new_text: str) -> dict[str, int]:
    """Per category, how many sentences of the subject and new text carry its cue."""
    lexicon = _lexicon()
    found = dict.fromkeys(CATEGORIES, 0)
    for sentence in cue_sentences(subject, new_text):
        for category, cue in lexicon.items():
            if cue.fires(sentence):
                found[category] += 1
    return found
