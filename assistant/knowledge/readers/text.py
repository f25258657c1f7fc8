"""Plain text, and the line heuristics for headings, list items and paragraphs that text
extracted from PDFs shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.knowledge.models import Block
from assistant.knowledge.readers.base import block, decode, keep


def read_text(path: Path) -> list[Block]:
    return text_blocks(decode(path.read_bytes(), path))


_BULLET = re.compile(r"(?P<marker>[-*+•◦▪▸‣●○■□\u2013\uf0a7\uf0b7])\s+(?P<text>\S.*)")
_NUMBER = re.compile(r"(?P<marker>\(?\d{1,2}(?:\.\d{1,2})*[.)]?)\s+(?P<text>\S.*)")
_LETTER = re.compile(r"(?P<marker>\(?[a-zA-Z][.)])\s+(?P<text>\S.*)")
_ATX = re.compile(r"(?P<marker>#{1,6})\s+(?P<text>.+?)(?:\s+#+)?\s*")
_UNDERLINE = re.compile(r"(=+|-+)\s*")
_TERMINAL = ".,;:!?…"
_SHORT = 60


@dataclass
class _Line:
    kind: str  # blank | underline | atx | bullet | number | letter | text
    text: str
    indent: int = 0
    depth: int = 1  # numbering depth: "3" -> 1, "3.1" -> 2; '#' count for atx

    @classmethod
    def parse(cls, raw: str) -> _Line:
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not stripped:
            return cls("blank", "")
        if len(stripped) >= 3 and _UNDERLINE.fullmatch(stripped):
            return cls("underline", stripped[0], indent)
        if m := _ATX.fullmatch(stripped):
            return cls("atx", m["text"], indent, len(m["marker"]))
        if m := _BULLET.fullmatch(stripped):
            return cls("bullet", m["text"], indent)
        m = _NUMBER.fullmatch(stripped)
        if m and ("." in m["marker"] or ")" in m["marker"]):  # a bare "2026 ..." is not a clause
            return cls("number", stripped, indent, m["marker"].strip("().").count(".") + 1)
        if _LETTER.fullmatch(stripped):
            return cls("letter", stripped, indent)
        return cls("text", stripped, indent)

    @property
    def is_item(self) -> bool:
        return self.kind in ("bullet", "number", "letter")


def _is_caps(text: str) -> bool:
    cased = [c for c in text if c.isupper() or c.islower()]
    return len(text) <= _SHORT and len(cased) >= 3 and all(c.isupper() for c in cased) and text[-1] not in ".!?"


def _is_title_like(text: str) -> bool:
    """Short, unpunctuated, starting with a capital (or an uncased script such as Thai)."""
    first = next((c for c in text if c.isalpha()), "")
    return len(text) <= _SHORT and text[-1] not in _TERMINAL and bool(first) and not first.islower()


def text_blocks(text: str) -> list[Block]:
    """Heuristic structure for plain text (also used for text extracted from PDFs)."""
    lines = [_Line.parse(raw) for raw in text.expandtabs(4).splitlines()]
    n = len(lines)
    blocks: list[Block | None] = []
    para: list[str] = []
    item: tuple[int, int, bool] | None = None  # (block index, marker indent, blank seen since)
    item_indents: list[int] = []  # nesting stack of the current list
    item_depths: set[int] = set()  # numbering depths already used as items in this list
    hard_level = 0  # level of the last heading found by an unambiguous rule

    def next_line(i: int) -> tuple[_Line | None, bool]:
        """The next non-blank line after ``i`` and whether a blank line came first."""
        j = i + 1
        while j < n and lines[j].kind == "blank":
            j += 1
        return (lines[j] if j < n else None), j > i + 1

    def flush() -> None:
        if para:
            blocks.append(block("paragraph", " ".join(para)))
            para.clear()

    def end_list() -> None:
        nonlocal item
        item = None
        item_indents.clear()
        item_depths.clear()

    def heading(text: str, level: int, hard: bool = True) -> None:
        nonlocal hard_level
        flush()
        end_list()
        blocks.append(block("heading", text, level))
        if hard:
            hard_level = level

    def soft_heading_ok(i: int) -> bool:
        line = lines[i]
        if not _is_title_like(line.text) or (para and para[-1][-1] not in ".!?:"):
            return False
        nxt, blank = next_line(i)
        if nxt is None:
            return False
        if nxt.is_item or blank:
            return True
        return not para and nxt.kind == "text" and len(nxt.text) > 1.5 * len(line.text)

    i = 0
    while i < n:
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < n else None
        if line.kind == "blank":
            flush()
            if item:
                item = (item[0], item[1], True)
            i += 1
            continue
        if line.kind == "underline":  # a rule on its own
            flush()
            i += 1
            continue
        if line.kind == "text" and not para and nxt is not None and nxt.kind == "underline":
            heading(line.text, 1 if nxt.text == "=" else 2)
            i += 2
            continue
        if line.kind == "atx":
            heading(line.text, line.depth)
        elif line.kind == "number" and _numbered_heading(line, next_line(i)[0], item_depths):
            heading(line.text, line.depth + 1)
        elif line.is_item:
            flush()
            indent = line.indent + (line.depth - 1 if line.kind == "number" else 0)
            while item_indents and item_indents[-1] > indent:
                item_indents.pop()
            if not item_indents or item_indents[-1] < indent:
                item_indents.append(indent)
            if line.kind == "number":
                item_depths.add(line.depth)
            blocks.append(block("item", line.text, len(item_indents)))
            item = (len(blocks) - 1, line.indent, False)
        elif _is_caps(line.text):
            heading(line.text, 1)
        elif item and (line.indent > item[1] or (not item[2] and line.indent == item[1] and not soft_heading_ok(i))):
            prev = blocks[item[0]]
            blocks[item[0]] = block("item", f"{prev.text} {line.text}", prev.level)
        elif soft_heading_ok(i):
            heading(line.text, hard_level + 1, hard=False)
        else:
            end_list()
            para.append(line.text)
        i += 1
    flush()
    return keep(blocks)


def _numbered_heading(line: _Line, nxt: _Line | None, item_depths: set[int]) -> bool:
    """'3. Not included' is a heading, '3.1 Logo design' between its siblings is a clause."""
    text = line.text
    if len(text) > 80 or text[-1] in ".,;!?" or line.depth in item_depths or nxt is None:
        return False
    if nxt.kind == "number":
        return nxt.depth > line.depth
    return nxt.kind != "atx"
