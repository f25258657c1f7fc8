"""Text addressed to a machine instead of to the agency (``lexicon/orders.toml``): orders to
ignore instructions or to label the mail, forged chat roles and fences. The offline engine,
the search and the request finder read a message without it, so an order appended to routine
mail drives neither the label, nor the clauses found, nor the requests; the message itself
keeps it (the review page shows it, the LLM engine gets it fenced as data)."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files

#: Spans that hold an order as a whole: [a bracketed note], <<SYSTEM: ...>>, <!-- a comment -->.
_SPANS = re.compile(r"\[[^\[\]\n]{1,800}\]|<<[^<>]{1,800}>>|<!--.{0,800}?-->", re.S)
#: Where a line splits into sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anywhere, at a line's start), compiled once."""
    lexicon = tomllib.loads(files("assistant.text").joinpath("lexicon", "orders.toml").read_text(encoding="utf-8"))
    anywhere = lexicon["markers"] + [p for words in lexicon["ignore"].values() for p in words]
    return (
        re.compile("|".join(f"(?:{p})" for p in anywhere), re.I),
        re.compile("|".join(f"(?:{p})" for p in lexicon["roles"]), re.I),
    )


def is_order(segment: str) -> bool:
    """Whether a span, sentence or line holds an order to a machine."""
    anywhere, role = _patterns()
    return bool(anywhere.search(segment) or role.search(segment))


@lru_cache(maxsize=256)  # the engine reads a message's text several times
def without_orders(text: str) -> str:
    """``text`` without the spans, sentences and lines that give a machine orders; the text
    unchanged when it has none, or when nothing else would be left."""
    anywhere, role = _patterns()
    if not anywhere.search(text) and not any(role.match(line) for line in text.splitlines()):
        return text
    kept_spans = _SPANS.sub(lambda m: "" if is_order(m.group()) else m.group(), text)
    lines = []
    for line in kept_spans.splitlines():
        if role.match(line):
            continue
        sentences = [s for s in _SENTENCE_END.split(line) if not anywhere.search(s)]
        lines.append(" ".join(sentences))
    out = "\n".join(lines).strip()
    return out if out else text
