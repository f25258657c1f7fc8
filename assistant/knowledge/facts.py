"""What a clause of a client's documents is about, read from per-language word tables
(``lexicon/clauses.toml``: payment, payment terms, change requests, call cadence, the
red-flag topics; ``lexicon/prices.toml``: hourly and per-item prices). The label stage uses
them to cite the change-request rule behind a request nothing agreed covers; the draft stage
to quote the clause and the price that fit. Documents and mail differ in language, so every
language's words are tried on every clause; adding a language is adding a line to each table.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def table(name: str) -> dict:
    """A word table of ``lexicon/`` (``clauses`` or ``prices``), as parsed TOML."""
    text = resources.files("assistant.knowledge").joinpath("lexicon", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def union(patterns_by_language: dict[str, list[str]]) -> str:
    """Every language's patterns as one alternation."""
    return "|".join(f"(?:{p})" for patterns in patterns_by_language.values() for p in patterns)


@cache
def clause_pattern(topic: str) -> re.Pattern[str]:
    """A topic of ``lexicon/clauses.toml`` ("payment", "topic.unclear_goals", ...) as a regex."""
    node = table("clauses")
    for part in topic.split("."):
        node = node[part]
    return re.compile(union(node), re.IGNORECASE)


@cache
def price_pattern(name: str) -> re.Pattern[str]:
    """A table of ``lexicon/prices.toml`` ("hourly", "per", ...) as a regex."""
    return re.compile(union(table("prices")[name]), re.IGNORECASE)
