"""Multilingual cue words: client-agnostic signals the offline engine's model weighs.

One count per concept (payment, deferral, pricing, claims, tactics, extra work, timing…), over
its cue words in every language of the clients' mail. The words are data
(``lexicon/cues.toml``). Matching is case-insensitive; Latin-script cues match at word starts
("faktur" matches "fakturaen"; a trailing space ends the word), Thai cues anywhere (Thai is
written without spaces). After adding words the model is retrained by ``eval/train_offline.py``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files


@cache
def cue_lexicon() -> dict[str, tuple[str, ...]]:
    """Each concept's cues over all its languages, in the file's order of concepts."""
    data = tomllib.loads(files("assistant.label").joinpath("lexicon", "cues.toml").read_text(encoding="utf-8"))
    return {concept: tuple(w for words in by_language.values() for w in words) for concept, by_language in data.items()}


def concepts() -> tuple[str, ...]:
    """The concepts counted, in the order of the model's features."""
    return tuple(cue_lexicon())


_THAI = re.compile(r"[\u0E00-\u0E7F]")


@cache
def _pattern(concept: str) -> re.Pattern[str]:
    # Cues that match at a word start share one look-behind and are grouped by their first
    # character, so the engine tries at a word start only the cues that begin with it.
    by_first: dict[str, list[str]] = {}
    anywhere = []
    for word in cue_lexicon()[concept]:
        cue = word.strip()
        # A trailing space in the file means the word ends there ("new " is not "newsletter").
        end = r"(?!\w)" if word.endswith(" ") else ""
        if _THAI.search(cue) or not cue[:1].isalnum():
            anywhere.append(re.escape(cue) + end)
        else:
            by_first.setdefault(cue[0].lower(), []).append(re.escape(cue[1:]) + end)
    branches = [f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items()]
    parts = ([rf"(?<![\w])(?:{'|'.join(branches)})"] if branches else []) + anywhere
    return re.compile("|".join(parts), re.IGNORECASE)


def cue_counts(text: str) -> dict[str, int]:
    """How often each concept's cues occur in ``text``."""
    return {concept: len(_pattern(concept).findall(text)) for concept in cue_lexicon()}
