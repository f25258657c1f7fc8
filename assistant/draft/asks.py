"""What the client asks, as a draft refers to it: a few words per request, never the
client's sentences glued together; and whether a question asks for information the
documents may hold ("when does the report come?") or for work ("could you move the call?").

Per-language words are data (``lexicon/asks.toml``).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from assistant.draft.templates import template_code
from assistant.text.language import clean_text

#: A request is named in at most this many characters.
MAX_PHRASE_CHARS = 70

_QUESTION = re.compile(r"[?？]|ไหม|มั้ย|หรือไม่|หรือเปล่า|เมื่อไหร่|เมื่อไร|อย่างไร|ยังไง|ที่ไหน|กี่")
_UNSPACED = re.compile(r"[\u0e00-\u0e7f]")  # Thai: no spaces, so no word boundaries either


@cache
def _tables() -> dict[str, dict[str, list[str]]]:
    text = resources.files("assistant.draft").joinpath("lexicon", "asks.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def _pattern(name: str, language: str, template: str) -> re.Pattern[str] | None:
    """Table ``name`` of ``language`` only: "et", "en" and "i" join requests in one language and
    start them in another ("Et nyt logo", "En ny logga")."""
    patterns = _tables()[name].get(template_code(language), [])
    return re.compile(template.format("|".join(patterns)), re.IGNORECASE) if patterns else None


_LEAD_IN = r"^(?:{})(?:\s*,\s*|\s+|(?=[\u0e00-\u0e7f]))"


def _opening(request: str, language: str) -> str:
    """The request on one line, without quotes, opening marks or its joining word ("And ...")."""
    text = " ".join(request.split()).strip(" \"'“”„»«¿¡")
    return _strip("connective", language, r"^(?:{})(?:\s*,\s*|\s+)", text)


def _strip(name: str, language: str, template: str, text: str) -> str:
    pattern = _pattern(name, language, template)
    return pattern.sub("", text, count=1) if pattern else text


@cache
def _question_word(language: str) -> re.Pattern[str]:
    """Question words of ``language``; of every language when it has none (a wrong guess only
    turns a placeholder into a quoted clause or back)."""
    table = _tables()["question"]
    words = table.get(template_code(language)) or [w for ws in table.values() for w in ws]
    return re.compile("|".join(w if _UNSPACED.search(w) else rf"(?<!\w)(?:{w})(?!\w)" for w in words), re.IGNORECASE)


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a sentence or word boundary to ``limit`` characters, "…" marking the cut."""
    text = " ".join(text.replace("**", "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("; "))
    if sentence > limit // 2:
        return cut[: sentence + 1].rstrip(" ,;:") + " …"
    clause = cut.rfind(", ")  # a whole clause reads better than one cut mid-phrase
    cut = cut[:clause] if clause > limit // 2 else cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ,;:") + " …"


def phrase(request: str, language: str) -> str:
    """A request in a few words: its joining word, politeness lead-in and end (in the client's
    ``language``) dropped, clipped."""
    text = _strip("lead_in", language, _LEAD_IN, _opening(request, language))
    text = text.rstrip(" ?？!.;:…")
    text = _strip("tail", language, r"(?:{})$", text).rstrip(" ,?？!.;:…")
    return clip(text, MAX_PHRASE_CHARS)


def asks_question(text: str) -> bool:
    return bool(_QUESTION.search(clean_text(text)))


def asks_information(request: str, language: str) -> bool:
    """A question for information ("when is the report due?", "is the call on Friday?"), not a
    question that asks for work ("could you move the call?")."""
    if not asks_question(request):
        return False
    if _question_word(language).search(request):
        return True
    lead_in = _pattern("lead_in", language, _LEAD_IN)
    return not (lead_in and lead_in.search(_opening(request, language)))
