"""What a statement of work was understood to say, as triage will use it.

The document is read and cut into clauses exactly as ingestion does
(:func:`assistant.knowledge.chunking.load_chunks`); each clause is then sorted with the same
word tables the engines and the draft use (:mod:`assistant.knowledge.facts`, the price
patterns of :mod:`assistant.draft.evidence`, the limit of :mod:`assistant.label.judgement`):
exclusions, payment terms, the change-request rule, rates, and the remaining agreed items with
the quantity a request is held against. A manager reads it to see at once when a document was
misread, e.g. a "not included" section under a heading in a language the tables lack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.draft.evidence import hourly_rate, item_prices
from assistant.knowledge.chunking import load_chunks
from assistant.knowledge.facts import clause_pattern
from assistant.knowledge.models import Chunk
from assistant.label.judgement import clause_limit
from assistant.retrieve.search import EvidenceRef


@dataclass
class Item:
    """An agreed clause and the quantity it allows (None: no count in digits)."""

    text: str
    limit: int | None = None


@dataclass
class SowReading:
    path: Path
    included: list[Item] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    rates: list[str] = field(default_factory=list)  # "€95 per hour", "€180 per article"
    payment_terms: list[str] = field(default_factory=list)
    change_requests: list[str] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """What a reader most often gets wrong, said as the fix to try."""
        out = []
        if not self.exclusions:
            out.append(
                'no exclusions found: if it has a "not included" section, its heading is in words the reader '
                "does not know (add them to assistant/knowledge/lexicon/exclusions.toml), or the section is not "
                "a heading, an intro line ending in ':' or a clause starting with such words"
            )
        if not self.included:
            out.append("no included items found: check that its deliverables are headings, list items or paragraphs")
        return out


def read_sow(path: Path) -> SowReading:
    """``path`` read as ingestion reads it; raises :class:`DocumentError` when it cannot be read."""
    reading = SowReading(path=path)
    for chunk in load_chunks(path):
        _sort(chunk, reading, EvidenceRef(document=str(path), kind="scope", text=chunk.text, section=chunk.section))
    return reading


def _sort(chunk: Chunk, reading: SowReading, ref: EvidenceRef) -> None:
    if chunk.excluded:
        reading.exclusions.append(chunk.text)
        return
    commercial = False
    if clause_pattern("change_request").search(chunk.text):
        reading.change_requests.append(chunk.text)
        commercial = True
    if clause_pattern("payment").search(chunk.text) and clause_pattern("payment_terms").search(chunk.text):
        reading.payment_terms.append(chunk.text)
        commercial = True
    prices = [p for p in (hourly_rate(ref), *item_prices(ref)) if p is not None]
    for price in prices:
        reading.rates.append(" ".join(chunk.text[price.start : price.end].split()))
        commercial = True
    if not commercial:
        reading.included.append(Item(chunk.text, clause_limit(chunk.text)))
