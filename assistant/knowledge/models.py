"""Typed pieces of client knowledge: documents read into blocks, blocks cut into chunks."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Block(BaseModel):
    """One structural unit of a document, in reading order."""

    kind: Literal["heading", "item", "paragraph"]
    text: str
    level: int = 0  # heading level (1 = top); list nesting depth for items


class Chunk(BaseModel):
    """A quotable piece of a document: a clause, a list item, a short paragraph."""

    text: str  # the clause as written, for quoting
    section: str = ""  # heading path, e.g. "3. Scope > Not included"
    excluded: bool = False  # sits under an "excluded / not included" heading (or says so itself)
    position: int = 0  # order within the document

    def embedding_text(self) -> str:
        """What gets embedded: the clause with its section, so a bare bullet keeps its context."""
        return f"{self.section}: {self.text}" if self.section else self.text
