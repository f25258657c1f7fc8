"""Read client documents (SOWs, call notes) into structural blocks.

``read_blocks`` dispatches on the file suffix to one reader per format (package
:mod:`assistant.knowledge.readers`): Markdown is parsed with markdown-it-py, DOCX with
python-docx (styles and numbering), and plain text and PDF text share one set of line
heuristics for headings, list items and paragraphs. Every failure a user can meet (missing,
empty, encrypted, damaged or unsupported file) is a :class:`DocumentError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.knowledge.models import Block
from assistant.knowledge.readers.base import EXPORT_AGAIN, DocumentError
from assistant.knowledge.readers.docx import read_docx
from assistant.knowledge.readers.markdown import read_markdown
from assistant.knowledge.readers.pdf import read_pdf
from assistant.knowledge.readers.text import read_text

__all__ = ["SUPPORTED_SUFFIXES", "DocumentError", "read_blocks"]

_READERS: dict[str, Callable[[Path], list[Block]]] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
SUPPORTED_SUFFIXES = tuple(_READERS)
_SUPPORTED = " ".join(SUPPORTED_SUFFIXES)


def read_blocks(path: Path) -> list[Block]:
    """Read ``path`` into headings, list items and paragraphs, in reading order."""
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"Document not found: {path}", "check the path and file name")
    if not path.is_file():
        raise DocumentError(f"Not a file: {path}", "give the path of a document, not a folder")
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(
            f"Unsupported document type '{path.suffix or '(none)'}': {path}",
            f"supported: {_SUPPORTED}; save or export it as one of these",
        )
    if path.stat().st_size == 0:
        raise DocumentError(f"Document is empty: {path}", f"add the content, or {EXPORT_AGAIN}")
    try:
        blocks = reader(path)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}", "check the file's permissions") from exc
    except Exception as exc:  # third-party parsers raise many types on damaged input
        raise DocumentError(f"Could not read {path}: {exc}", f"the file may be damaged; {EXPORT_AGAIN}") from exc
    if not blocks:
        raise DocumentError(f"Document has no text: {path}", f"add the content, or {EXPORT_AGAIN}")
    return blocks
