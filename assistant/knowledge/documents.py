"""Read client documents (SOWs, call notes) into structural blocks.

``read_blocks`` dispatches on the file suffix. Markdown is parsed with markdown-it-py, DOCX
with python-docx (styles and numbering), and plain text and PDF text share one set of line
heuristics for headings, list items and paragraphs. Every failure a user can meet (missing,
empty, encrypted, damaged or unsupported file) is a :class:`DocumentError`.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import UserError
from assistant.knowledge.models import Block

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".docx")
_SUPPORTED = " ".join(SUPPORTED_SUFFIXES)
_EXPORT_AGAIN = "export it again from the original as PDF, DOCX or Markdown"


class DocumentError(UserError):
    """A document could not be read; the message names the file."""


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
        raise DocumentError(f"Document is empty: {path}", f"add the content, or {_EXPORT_AGAIN}")
    try:
        blocks = reader(path)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}", "check the file's permissions") from exc
    except Exception as exc:  # third-party parsers raise many types on damaged input
        raise DocumentError(f"Could not read {path}: {exc}", f"the file may be damaged; {_EXPORT_AGAIN}") from exc
    if not blocks:
        raise DocumentError(f"Document has no text: {path}", f"add the content, or {_EXPORT_AGAIN}")
    return blocks


def _block(kind: str, text: str, level: int = 0) -> Block | None:
    """A block with whitespace collapsed and Unicode normalised; None when it has no text."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return Block(kind=kind, text=text, level=level) if text else None


def _keep(blocks: list[Block | None]) -> list[Block]:
    return [b for b in blocks if b is not None]


# --- plain text -------------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
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


def _read_text(path: Path) -> list[Block]:
    return text_blocks(_decode(path.read_bytes(), path))


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
            blocks.append(_block("paragraph", " ".join(para)))
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
        blocks.append(_block("heading", text, level))
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
            blocks.append(_block("item", line.text, len(item_indents)))
            item = (len(blocks) - 1, line.indent, False)
        elif _is_caps(line.text):
            heading(line.text, 1)
        elif item and (line.indent > item[1] or (not item[2] and line.indent == item[1] and not soft_heading_ok(i))):
            prev = blocks[item[0]]
            blocks[item[0]] = _block("item", f"{prev.text} {line.text}", prev.level)
        elif soft_heading_ok(i):
            heading(line.text, hard_level + 1, hard=False)
        else:
            end_list()
            para.append(line.text)
        i += 1
    flush()
    return _keep(blocks)


def _numbered_heading(line: _Line, nxt: _Line | None, item_depths: set[int]) -> bool:
    """'3. Not included' is a heading, '3.1 Logo design' between its siblings is a clause."""
    text = line.text
    if len(text) > 80 or text[-1] in ".,;!?" or line.depth in item_depths or nxt is None:
        return False
    if nxt.kind == "number":
        return nxt.depth > line.depth
    return nxt.kind != "atx"


# --- Markdown -----------------------------------------------------------------------------


def _read_markdown(path: Path) -> list[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(_decode(path.read_bytes(), path))
    blocks: list[Block | None] = []
    items: list[dict] = []  # open list items: level, text parts, emitted
    depth = 0
    heading_level = 0
    row: list[str] | None = None

    def emit_item(entry: dict) -> None:
        if not entry["emitted"]:
            blocks.append(_block("item", " ".join(entry["parts"]), entry["level"]))
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
            blocks.append(_block("item", " | ".join(c for c in row if c), 1))
            row = None
        elif tok.type in ("fence", "code_block"):
            blocks.append(_block("paragraph", tok.content))
        elif tok.type == "inline":
            text = _inline_text(tok.children or [])
            if heading_level:
                blocks.append(_block("heading", text, heading_level))
                heading_level = 0
            elif row is not None:
                row.append(text.strip())
            elif items and not items[-1]["emitted"]:
                items[-1]["parts"].append(text)
            elif items:  # text after a nested list: a continuation of the same clause
                blocks.append(_block("item", text, items[-1]["level"]))
            elif clauses := _clause_lines(_inline_text(tok.children or [], breaks="\n")):
                blocks += [_block("item", clause, 1) for clause in clauses]
            else:
                blocks.append(_block("paragraph", text))
    return _keep(blocks)


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


def _clause_lines(text: str) -> list[str]:
    """A Markdown paragraph written as numbered clauses on consecutive lines ("8.1 …" newline
    "8.2 …"), which Markdown joins into one paragraph: its clauses, one each (a line that opens
    no clause continues the one above). Empty for any other paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or not _CLAUSE_LINE.match(lines[0]) or sum(bool(_CLAUSE_LINE.match(x)) for x in lines) < 2:
        return []
    clauses: list[str] = []
    for line in lines:
        if _CLAUSE_LINE.match(line):
            clauses.append(line)
        else:
            clauses[-1] += " " + line
    return clauses


# --- PDF ----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(  # "3", "Page 3 of 7", "Side 3/7", "หน้า 3": dropped from PDF text
    r"\s*(?:(?:page|side|seite|sida|หน้า)\s*)?\d{1,4}(?:\s*(?:/|of|af|av|von|จาก)\s*\d{1,4})?\s*", re.IGNORECASE
)


def _read_pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader

    with path.open("rb") as fh:
        if b"%PDF-" not in fh.read(1024):
            raise DocumentError(f"Not a PDF file: {path}", f"check the file, or {_EXPORT_AGAIN}")
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


# --- DOCX ---------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE = re.compile(r"(heading|title)\s*(\d?)", re.I)


def _read_docx(path: Path) -> list[Block]:
    if not zipfile.is_zipfile(path):
        with path.open("rb") as fh:
            ole = fh.read(8) == _OLE_MAGIC
        if ole:
            raise DocumentError(
                f"{path.name} is password-protected or an old Word .doc file: {path}",
                "open it in Word or LibreOffice and save it as .docx without a password",
            )
        raise DocumentError(
            f"Not a valid DOCX file: {path}", f"open it in Word or LibreOffice and save it as .docx, or {_EXPORT_AGAIN}"
        )

    import docx
    from docx.table import Table

    document = docx.Document(str(path))
    numbering = _DocxNumbering(document)
    blocks: list[Block | None] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat; keep each text once
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                blocks.append(_block("item", " | ".join(cells), 1))
            continue
        text = numbering.labelled(part)
        level = _docx_heading_level(part)
        if level is not None:
            blocks.append(_block("heading", text, level))
        elif (list_level := _docx_list_level(part)) is not None:
            blocks.append(_block("item", text, list_level))
        else:
            blocks.append(_block("paragraph", text))
    return _keep(blocks)


class _DocxNumbering:
    """The numbers Word shows in front of auto-numbered paragraphs ("3.", "3.2", "b)"), which
    the paragraph text does not contain: a clause is quoted and cited by them. Counters run
    per abstract list, as Word's do: each level counts from its start, a deeper level restarts
    when a shallower one advances, and a list instance with a start override restarts its
    level. Bullets and unnumbered levels get no label."""

    _ROMAN = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (format, text, start)
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: nothing is auto-numbered
            return
        for abstract in root.findall(_w("abstractNum")):
            levels = {}
            for lvl in abstract.findall(_w("lvl")):
                fmt, text, start = lvl.find(_w("numFmt")), lvl.find(_w("lvlText")), lvl.find(_w("start"))
                levels[int(lvl.get(_w("ilvl"), "0"))] = (
                    fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
                    text.get(_w("val"), "") if text is not None else "",
                    int(start.get(_w("val"), "1")) if start is not None else 1,
                )
            self.levels[abstract.get(_w("abstractNumId"), "")] = levels
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            overrides = {}
            for override in num.findall(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    overrides[int(override.get(_w("ilvl"), "0"))] = int(start.get(_w("val"), "1"))
            self.instances[num.get(_w("numId"), "")] = (ref.get(_w("val"), "") if ref is not None else "", overrides)

    def labelled(self, paragraph) -> str:
        """The paragraph's text with its number in front, as Word displays it."""
        label = self._label(paragraph)
        text = paragraph.text
        typed = re.match(rf"{re.escape(label)}(?![\w.])", text.lstrip()) if label else None  # also typed by hand
        return f"{label} {text}" if label and not typed else text

    def _label(self, paragraph) -> str:
        num_id, ilvl = _docx_num(paragraph)
        if num_id is None or num_id not in self.instances:
            return ""
        abstract, overrides = self.instances[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels or levels[ilvl][0] in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(abstract, {})
        if ilvl in overrides and (num_id, ilvl) not in self.restarted:
            self.restarted.add((num_id, ilvl))
            counters[ilvl] = overrides[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = levels[ilvl][2]
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        for shallower in range(ilvl):  # a level shown before its parent ever was: the parent's start
            counters.setdefault(shallower, levels.get(shallower, ("decimal", "", 1))[2])

        def number(match: re.Match[str]) -> str:
            k = int(match[1]) - 1
            return self._format(counters.get(k, 1), levels.get(k, ("decimal", "", 1))[0])

        return re.sub(r"%([1-9])", number, levels[ilvl][1]).strip()

    @classmethod
    def _format(cls, n: int, fmt: str) -> str:
        if fmt in ("lowerLetter", "upperLetter"):
            letters = ""
            while n > 0:
                n, rest = divmod(n - 1, 26)
                letters = chr(ord("a") + rest) + letters
            return letters if fmt == "lowerLetter" else letters.upper()
        if fmt in ("lowerRoman", "upperRoman"):
            roman = ""
            for value, digits in cls._ROMAN:
                while n >= value:
                    roman, n = roman + digits, n - value
            return roman if fmt == "lowerRoman" else roman.upper()
        if fmt == "decimalZero":
            return f"{n:02d}"
        return str(n)  # decimal, and any format this reader does not know


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _styles(paragraph) -> Iterator:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _ppr_elements(paragraph) -> Iterator:
    """The paragraph's own properties, then those of its style and the styles it is based on."""
    yield paragraph._p.pPr
    for style in _styles(paragraph):
        yield style.element.pPr


def _docx_heading_level(paragraph) -> int | None:
    """'Title' -> 0 (above Heading 1), 'Heading N' -> N; else the outline level, if any."""
    for style in _styles(paragraph):
        if m := _HEADING_STYLE.fullmatch(style.name or ""):
            return int(m[2] or 1) if m[1].lower() == "heading" else 0
    for ppr in _ppr_elements(paragraph):
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        value = outline.get(_w("val"), "") if outline is not None else ""
        if value.isdigit() and int(value) < 9:  # 9 is body text
            return int(value) + 1
    return None


def _docx_num(paragraph) -> tuple[str | None, int]:
    """(numId, level) of the numbering that applies to a paragraph: its own, else its style's."""
    num_id, ilvl = None, None
    for ppr in _ppr_elements(paragraph):
        num = ppr.find(_w("numPr")) if ppr is not None else None
        if num is None:
            continue
        if num_id is None and (el := num.find(_w("numId"))) is not None:
            num_id = el.get(_w("val"))
        if ilvl is None and (el := num.find(_w("ilvl"))) is not None:
            ilvl = int(el.get(_w("val"), "0"))
        if num_id is not None and ilvl is not None:
            break
    return (None if num_id in (None, "0") else num_id), (ilvl or 0)


def _docx_list_level(paragraph) -> int | None:
    """Nesting level (1 = top) of a numbered or bulleted paragraph; None for body text."""
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    numbered = False
    for ppr in _ppr_elements(paragraph):
        num = ppr.find(_w("numPr")) if ppr is not None else None
        if num is not None:
            num_id, ilvl = num.find(_w("numId")), num.find(_w("ilvl"))
            if num_id is not None and num_id.get(_w("val")) == "0":  # numbering switched off
                return None
            if ilvl is not None:
                return int(ilvl.get(_w("val"), "0")) + 1
            numbered = True
            break
    if numbered or name.lower().startswith("list"):
        return int(name[-1]) if name[-1:].isdigit() else 1  # "List Bullet 2" -> 2
    return None


_READERS: dict[str, Callable[[Path], list[Block]]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
