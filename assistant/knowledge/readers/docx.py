"""DOCX, read with python-docx: heading styles and outline levels, lists, tables, and the
numbers Word puts in front of numbered paragraphs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from assistant.knowledge.models import Block
from assistant.knowledge.readers.base import EXPORT_AGAIN, DocumentError, block, keep
from assistant.knowledge.readers.docx_numbering import DocxNumbering, ppr_elements, styles, wml

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE = re.compile(r"(heading|title)\s*(\d?)", re.I)


def read_docx(path: Path) -> list[Block]:
    if not zipfile.is_zipfile(path):
        with path.open("rb") as fh:
            ole = fh.read(8) == _OLE_MAGIC
        if ole:
            raise DocumentError(
                f"{path.name} is password-protected or an old Word .doc file: {path}",
                "open it in Word or LibreOffice and save it as .docx without a password",
            )
        raise DocumentError(
            f"Not a valid DOCX file: {path}", f"open it in Word or LibreOffice and save it as .docx, or {EXPORT_AGAIN}"
        )

    import docx
    from docx.table import Table

    document = docx.Document(str(path))
    numbering = DocxNumbering(document)
    blocks: list[Block | None] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat; keep each text once
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                blocks.append(block("item", " | ".join(cells), 1))
            continue
        text = numbering.labelled(part)
        level = _docx_heading_level(part)
        if level is not None:
            blocks.append(block("heading", text, level))
        elif (list_level := _docx_list_level(part)) is not None:
            blocks.append(block("item", text, list_level))
        else:
            blocks.append(block("paragraph", text))
    return keep(blocks)


def _docx_heading_level(paragraph) -> int | None:
    """'Title' -> 0 (above Heading 1), 'Heading N' -> N; else the outline level, if any."""
    for style in styles(paragraph):
        if m := _HEADING_STYLE.fullmatch(style.name or ""):
            return int(m[2] or 1) if m[1].lower() == "heading" else 0
    for ppr in ppr_elements(paragraph):
        outline = ppr.find(wml("outlineLvl")) if ppr is not None else None
        value = outline.get(wml("val"), "") if outline is not None else ""
        if value.isdigit() and int(value) < 9:  # 9 is body text
            return int(value) + 1
    return None


def _docx_list_level(paragraph) -> int | None:
    """Nesting level (1 = top) of a numbered or bulleted paragraph; None for body text."""
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    numbered = False
    for ppr in ppr_elements(paragraph):
        num = ppr.find(wml("numPr")) if ppr is not None else None
        if num is not None:
            num_id, ilvl = num.find(wml("numId")), num.find(wml("ilvl"))
            if num_id is not None and num_id.get(wml("val")) == "0":  # numbering switched off
                return None
            if ilvl is not None:
                return int(ilvl.get(wml("val"), "0")) + 1
            numbered = True
            break
    if numbered or name.lower().startswith("list"):
        return int(name[-1]) if name[-1:].isdigit() else 1  # "List Bullet 2" -> 2
    return None
