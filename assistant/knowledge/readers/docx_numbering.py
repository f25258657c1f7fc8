"""DOCX numbering: the numbers Word shows in front of auto-numbered paragraphs, and the
paragraph and style properties (python-docx / WordprocessingML) the DOCX reader looks up."""

from __future__ import annotations

import re
from collections.abc import Iterator


class DocxNumbering:
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
        for abstract in root.findall(wml("abstractNum")):
            levels = {}
            for lvl in abstract.findall(wml("lvl")):
                fmt, text, start = lvl.find(wml("numFmt")), lvl.find(wml("lvlText")), lvl.find(wml("start"))
                levels[int(lvl.get(wml("ilvl"), "0"))] = (
                    fmt.get(wml("val"), "decimal") if fmt is not None else "decimal",
                    text.get(wml("val"), "") if text is not None else "",
                    int(start.get(wml("val"), "1")) if start is not None else 1,
                )
            self.levels[abstract.get(wml("abstractNumId"), "")] = levels
        for num in root.findall(wml("num")):
            ref = num.find(wml("abstractNumId"))
            overrides = {}
            for override in num.findall(wml("lvlOverride")):
                start = override.find(wml("startOverride"))
                if start is not None:
                    overrides[int(override.get(wml("ilvl"), "0"))] = int(start.get(wml("val"), "1"))
            self.instances[num.get(wml("numId"), "")] = (ref.get(wml("val"), "") if ref is not None else "", overrides)

    def labelled(self, paragraph) -> str:
        """The paragraph's text with its number in front, as Word displays it."""
        label = self._label(paragraph)
        text = paragraph.text
        typed = re.match(rf"{re.escape(label)}(?![\w.])", text.lstrip()) if label else None  # also typed by hand
        return f"{label} {text}" if label and not typed else text

    def _label(self, paragraph) -> str:
        num_id, ilvl = docx_num(paragraph)
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


def wml(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def styles(paragraph) -> Iterator:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def ppr_elements(paragraph) -> Iterator:
    """The paragraph's own properties, then those of its style and the styles it is based on."""
    yield paragraph._p.pPr
    for style in styles(paragraph):
        yield style.element.pPr


def docx_num(paragraph) -> tuple[str | None, int]:
    """(numId, level) of the numbering that applies to a paragraph: its own, else its style's."""
    num_id, ilvl = None, None
    for ppr in ppr_elements(paragraph):
        num = ppr.find(wml("numPr")) if ppr is not None else None
        if num is None:
            continue
        if num_id is None and (el := num.find(wml("numId"))) is not None:
            num_id = el.get(wml("val"))
        if ilvl is None and (el := num.find(wml("ilvl"))) is not None:
            ilvl = int(el.get(wml("val"), "0"))
        if num_id is not None and ilvl is not None:
            break
    return (None if num_id in (None, "0") else num_id), (ilvl or 0)
