"""What the readers share: the error every reader raises, block construction, text decoding."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from assistant.errors import UserError
from assistant.knowledge.models import Block

EXPORT_AGAIN = "export it again from the original as PDF, DOCX or Markdown"


class DocumentError(UserError):
    """A document could not be read; the message names the file."""


def block(kind: str, text: str, level: int = 0) -> Block | None:
    """A block with whitespace collapsed and Unicode normalised; None when it has no text."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return Block(kind=kind, text=text, level=level) if text else None


def keep(blocks: list[Block | None]) -> list[Block]:
    return [b for b in blocks if b is not None]


def decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DocumentError(f"Could not detect the text encoding of {path}", "save it as UTF-8 text")
    # Short texts often tie; prefer Windows-1252, the usual legacy encoding of Western European files.
    tied = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos]
    return str(tied[0] if tied else best)
