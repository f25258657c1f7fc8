"""Markdown, parsed with markdown-it-py (CommonMark plus tables and strikethrough)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.knowledge.models import Block
from assistant.knowledge.readers.base import block, decode, keep


def read_markdown(path: Path) -> list[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(decode(path.read_bytes(), path))
    blocks: list[Block | None] = []
    items: list[dict] = []  # open list items: level, text parts, emitted
    depth = 0
    heading_level = 0
    row: list[str] | None = None

    def emit_item(entry: dict) -> None:
        if not entry["emitted"]:
            blocks.append(block("item", " ".join(entry["parts"]), entry["level"]))
            entry["emitted"] = True

    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            if items:
                emit_item(items[-1])
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "list_item_open":
            prefix = f"{tok.info}{tok.markup}" if tok.info else ""  # keep "3." of ordered lists
            items.append({"level": depth, "parts": [prefix], "emitted": False})
        elif tok.type == "list_item_close":
            emit_item(items.pop())
        elif tok.type == "heading_open":
            heading_level = int(tok.tag[1])
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            blocks.append(block("item", " | ".join(c for c in row if c), 1))
            row = None
        elif tok.type in ("fence", "code_block"):
            blocks.append(block("paragraph", tok.content))
        elif tok.type == "inline":
            text = _inline_text(tok.children or [])
            if heading_level:
                blocks.append(block("heading", text, heading_level))
                heading_level = 0
            elif row is not None:
                row.append(text.strip())
            elif items and not items[-1]["emitted"]:
                items[-1]["parts"].append(text)
            elif items:  # text after a nested list: a continuation of the same clause
                blocks.append(block("item", text, items[-1]["level"]))
            elif (found := _clause_lines(_inline_text(tok.children or [], breaks="\n")))[1]:
                intro, clauses = found
                blocks += [block("paragraph", intro)] if intro else []
                blocks += [block("item", clause, 1) for clause in clauses]
            else:
                blocks.append(block("paragraph", text))
    return keep(blocks)


def _inline_text(children: list, breaks: str = " ") -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(breaks)
    return "".join(parts)


#: A line that opens a numbered clause: "8.1 Photography…", "3) Reports…", "(2) …".
_CLAUSE_LINE = re.compile(r"\(?\d{1,3}(?:\.\d{1,3})+\.?\s+\S|\(?\d{1,3}[.)]\s+\S")


def _clause_lines(text: str) -> tuple[str, list[str]]:
    """A Markdown paragraph written as numbered clauses on consecutive lines ("8.1 …" newline
    "8.2 …"), which Markdown joins into one paragraph: (the line that introduces them when it
    ends with a colon, "Not included:", or "", its clauses one each — a line that opens no
    clause continues the one above). No clauses for any other paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    intro = lines[0] if lines and lines[0].endswith(":") and not _CLAUSE_LINE.match(lines[0]) else ""
    body = lines[1:] if intro else lines
    if len(body) < 2 or not _CLAUSE_LINE.match(body[0]) or sum(bool(_CLAUSE_LINE.match(x)) for x in body) < 2:
        return "", []
    clauses: list[str] = []
    for line in body:
        if _CLAUSE_LINE.match(line):
            clauses.append(line)
        else:
            clauses[-1] += " " + line
    return intro, clauses
