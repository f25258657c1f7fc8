"""Cut document blocks into quotable chunks: one clause, list item or paragraph each.

A chunk keeps its heading path (and the list items or intro line it sits under) as
``section``, and is marked ``excluded`` when that context, or the clause itself, says the
work is not included. Long paragraphs are split at sentence boundaries; tiny paragraph
fragments (a lone "Note:") are merged into the next chunk.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from assistant.knowledge.documents import read_blocks
from assistant.knowledge.models import Block, Chunk

MAX_CHUNK_CHARS = 1200
MIN_CHUNK_CHARS = 15
_MAX_CONTEXT_CHARS = 120  # a parent item quoted in a section path is cut to this length


@cache
def exclusion_phrases() -> dict[str, list[str]]:
    """Per language, the phrases that say "not part of the agreed work" (``lexicon/exclusions.toml``)."""
    return tomllib.loads(
        files("assistant.knowledge").joinpath("lexicon", "exclusions.toml").read_text(encoding="utf-8")
    )["phrases"]


def _phrase_pattern(phrase: str) -> str:
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    if any("\u0e00" <= ch <= "\u0e7f" for ch in phrase):  # Thai: no word boundaries to rely on
        return body
    return rf"(?<!\w){body}(?!\w)"


@cache
def _exclusion() -> re.Pattern[str]:
    return re.compile(
        "|".join(_phrase_pattern(p) for phrases in exclusion_phrases().values() for p in phrases), re.IGNORECASE
    )


_ENUMERATOR = re.compile(r"\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z])[.)]?\s+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…。])\s+")
#: A numbered clause or item ("1. Budget: …", "4.2 Payment: …"): never preamble metadata.
_NUMBERED = re.compile(r"\s*\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s")
#: A short "Key: value" line (client, agency, date, attendees…) in a document's preamble.
_METADATA = re.compile(
    r"(?!\s*(?:"
    + "|".join(
        [
            "agreed",
            "decision",
            "decided",
            "action",
            "next step",
            "to ?do",
            "note",
            "agreement",
            "outcome",
            "aftalt",
            "beslut",
            "handling",
            "næste skridt",
            "vereinbart",
            "beschlossen",
            "entscheidung",
            "aufgabe",
            "överens",
            "nästa steg",
            "avtalt",
            "besluttet",
            "ตกลง",
            "สรุป",
            "มติ",
            "การตัดสินใจ",
        ]
    )
    + r"))[^:\s][^:\n]{0,30}:\s+\S.{0,150}$",
    re.IGNORECASE,
)


def mentions_exclusion(text: str) -> bool:
    """True when a heading or intro line says what it introduces is not included."""
    return _exclusion().search(text) is not None


def starts_with_exclusion(text: str) -> bool:
    """True when a clause opens with an exclusion, e.g. "3.7 Out of scope: logo design"."""
    start = _ENUMERATOR.match(text)
    return _exclusion().match(text, start.end() if start else 0) is not None


@dataclass
class _Piece:
    text: str
    section: str
    excluded: bool
    fragment: bool  # a tiny paragraph piece that should join the next chunk


def chunk_blocks(blocks: Iterable[Block]) -> list[Chunk]:
    """One chunk per list item / clause / paragraph, with heading path and exclusion flag."""
    blocks = [b for b in blocks if b.text.strip()]
    headings: list[tuple[int, str]] = []
    # open list items, and an intro line ("Not included:") at level 0: (level, text, says "excluded")
    parents: list[tuple[int, str, bool]] = []
    pieces: list[_Piece] = []
    in_preamble = True  # before the first section below the document's title
    for i, block in enumerate(blocks):
        text = " ".join(block.text.split())
        if block.kind == "heading":
            in_preamble = in_preamble and not headings
            while headings and headings[-1][0] >= block.level:
                headings.pop()
            headings.append((block.level, text))
            parents.clear()
            continue
        if block.kind == "item":
            while parents and parents[-1][0] >= block.level:
                parents.pop()
        else:
            parents.clear()
        if in_preamble and _NUMBERED.match(text):
            in_preamble = False  # numbered clauses ("1. Budget: …") begin the body, sections or not
        if in_preamble and _METADATA.match(text) and not mentions_exclusion(text):
            continue  # "Client: …", "Attendees: …", "Date: …": about the document, not a clause
        section = " > ".join([h for _, h in headings] + [_shorten(p) for _, p, _ in parents])
        followed_by_list = i + 1 < len(blocks) and blocks[i + 1].kind == "item"
        intro = block.kind == "paragraph" and text.endswith(":") and followed_by_list
        excluded = (
            any(mentions_exclusion(h) for _, h in headings)
            or any(says for _, _, says in parents)
            or starts_with_exclusion(text)
            or (intro and mentions_exclusion(text))  # "The following are not included:"
        )
        if not (intro and len(text) < MIN_CHUNK_CHARS):  # a bare "Not included:" lives on in the sections
            fragment = block.kind == "paragraph" and not intro and len(text) < MIN_CHUNK_CHARS
            pieces += [_Piece(part, section, excluded, fragment) for part in split_text(text)]
        if block.kind == "item":  # it introduces any sub-items: "Out of scope:", "Not included in the fee:"
            says = starts_with_exclusion(text) or (text.endswith(":") and mentions_exclusion(text))
            parents.append((block.level, text, says))
        elif intro:
            parents.append((0, text, mentions_exclusion(text)))
    return [
        Chunk(text=p.text, section=p.section, excluded=p.excluded, position=n)
        for n, p in enumerate(_merge_fragments(pieces))
    ]


def load_chunks(path: Path) -> list[Chunk]:
    """Read a document and cut it into chunks."""
    return chunk_blocks(read_blocks(path))


def split_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at sentence ends, else at whitespace, else hard."""
    if len(text) <= limit:
        return [text]
    units: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) <= limit:
            units.append(sentence)
            continue
        for word in sentence.split():  # Thai and run-on text: fall back to whitespace runs
            units += [word[k : k + limit] for k in range(0, len(word), limit)]
    pieces: list[str] = []
    for unit in units:
        if pieces and len(pieces[-1]) + 1 + len(unit) <= limit:
            pieces[-1] += " " + unit
        else:
            pieces.append(unit)
    return pieces


def _merge_fragments(pieces: list[_Piece]) -> list[_Piece]:
    """Join each tiny fragment to the next chunk of its section (else the previous one)."""
    out: list[_Piece] = []
    carry: _Piece | None = None
    for i, piece in enumerate(pieces):
        if carry is not None:
            piece = _Piece(f"{carry.text} {piece.text}", piece.section, piece.excluded or carry.excluded, False)
            carry = None
        if piece.fragment:
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            if nxt and nxt.section == piece.section and len(piece.text) + 1 + len(nxt.text) <= MAX_CHUNK_CHARS:
                carry = piece
                continue
            prev = out[-1] if out else None
            if prev and prev.section == piece.section and len(prev.text) + 1 + len(piece.text) <= MAX_CHUNK_CHARS:
                out[-1] = _Piece(f"{prev.text} {piece.text}", prev.section, prev.excluded, False)
                continue
        out.append(piece)
    return out


def _shorten(text: str) -> str:
    """A parent item as section context: long clauses are cut."""
    return text if len(text) <= _MAX_CONTEXT_CHARS else text[: _MAX_CONTEXT_CHARS - 1].rstrip() + "…"
