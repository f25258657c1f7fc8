"""PDF, read with pypdf; its text goes through the plain-text heuristics."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.knowledge.models import Block
from assistant.knowledge.readers.base import EXPORT_AGAIN, DocumentError
from assistant.knowledge.readers.text import text_blocks

_PAGE_NUMBER = re.compile(  # "3", "Page 3 of 7", "Side 3/7", "หน้า 3": dropped from PDF text
    r"\s*(?:(?:page|side|seite|sida|หน้า)\s*)?\d{1,4}(?:\s*(?:/|of|af|av|von|จาก)\s*\d{1,4})?\s*", re.IGNORECASE
)


def read_pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader

    with path.open("rb") as fh:
        if b"%PDF-" not in fh.read(1024):
            raise DocumentError(f"Not a PDF file: {path}", f"check the file, or {EXPORT_AGAIN}")
    reader = PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):
        raise DocumentError(
            f"PDF is password-protected: {path}",
            "save an unprotected copy (or export it as DOCX/Markdown) and add that",
        )
    pages = []
    for page in reader.pages:
        try:
            text = page.extract_text(extraction_mode="layout")  # keeps indentation and blank lines
        except Exception:  # noqa: BLE001 - pypdf's stricter layout mode fails in assorted ways; plain extraction is the fallback
            text = page.extract_text()
        pages.append("\n".join(line for line in text.splitlines() if not _PAGE_NUMBER.fullmatch(line)))
    if not any(p.strip() for p in pages):
        raise DocumentError(
            f"PDF has no extractable text (probably a scanned image): {path}",
            "run OCR on it, or export the original as a text PDF, DOCX or Markdown",
        )
    return text_blocks("\n".join(pages))  # a clause may run on over a page break
