"""Reading SOWs and call notes (Markdown, TXT, PDF, DOCX) into quotable, scope-aware chunks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.knowledge.chunking import MAX_CHUNK_CHARS, chunk_blocks, load_chunks, split_text
from assistant.knowledge.documents import DocumentError, read_blocks
from assistant.knowledge.models import Block, Chunk

DEMO_DOCS = Path(__file__).resolve().parents[2] / "assistant" / "demo" / "workspace" / "docs"

THAI_LONG = " ".join(
    f"ลูกค้าต้องส่งรูปภาพสินค้าและข้อมูลผลิตภัณฑ์ให้ครบถ้วนก่อนเริ่มงานรอบที่{i}เพื่อให้ทีมงานสามารถจัดทำชิ้นงานโฆษณาได้ตรงตามกำหนดเวลาที่ตกลงกันไว้"
    for i in range(1, 16)
)  # ~1,500 characters of Thai: no periods, sentences separated by spaces only


def by_text(chunks: list[Chunk]) -> dict[str, Chunk]:
    return {c.text: c for c in chunks}


def rows(chunks: list[Chunk]) -> list[tuple[str, str, bool]]:
    return [(c.text, c.section, c.excluded) for c in chunks]


# --- DOCX ---------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("Statement of Work", style="Title")
    doc.add_heading("2. Scope", level=1)
    doc.add_paragraph("This agreement covers content marketing for Example Ltd in 2026.")
    doc.add_heading("Included", level=2)
    doc.add_paragraph("4 blog articles per month", style="List Bullet")
    doc.add_paragraph("A monthly report by the 5th business day", style="List Bullet")
    doc.add_paragraph("Keyword rankings for 15 agreed keywords", style="List Bullet 2")
    doc.add_heading("Not included", level=2)
    doc.add_paragraph("Logo design", style="List Bullet")
    doc.add_paragraph("Paid advertising on Meta and Google", style="List Number")
    doc.add_heading("5. Prices", level=1)
    table = doc.add_table(rows=3, cols=2)
    prices = [("Service", "Price"), ("Extra article", "DKK 1.200"), ("Extra hour", "DKK 950")]
    for row, (service, price) in zip(table.rows, prices, strict=True):
        row.cells[0].text, row.cells[1].text = service, price
    doc.add_paragraph("Honoraret faktureres forud den 1. i måneden (æøå ÆØÅ).")
    doc.save(path)
    return path


def test_docx_headings_lists_tables(tmp_path: Path):
    path = make_docx(tmp_path / "sow.docx")
    blocks = read_blocks(path)
    assert blocks[:3] == [
        Block(kind="heading", text="Statement of Work", level=0),
        Block(kind="heading", text="2. Scope", level=1),
        Block(kind="paragraph", text="This agreement covers content marketing for Example Ltd in 2026."),
    ]
    assert Block(kind="item", text="Keyword rankings for 15 agreed keywords", level=2) in blocks
    assert Block(kind="item", text="Extra article | DKK 1.200", level=1) in blocks

    assert rows(load_chunks(path)) == [
        ("This agreement covers content marketing for Example Ltd in 2026.", "Statement of Work > 2. Scope", False),
        ("4 blog articles per month", "Statement of Work > 2. Scope > Included", False),
        ("A monthly report by the 5th business day", "Statement of Work > 2. Scope > Included", False),
        (
            "Keyword rankings for 15 agreed keywords",
            "Statement of Work > 2. Scope > Included > A monthly report by the 5th business day",
            False,
        ),
        ("Logo design", "Statement of Work > 2. Scope > Not included", True),
        ("1. Paid advertising on Meta and Google", "Statement of Work > 2. Scope > Not included", True),
        ("Service | Price", "Statement of Work > 5. Prices", False),
        ("Extra article | DKK 1.200", "Statement of Work > 5. Prices", False),
        ("Extra hour | DKK 950", "Statement of Work > 5. Prices", False),
        ("Honoraret faktureres forud den 1. i måneden (æøå ÆØÅ).", "Statement of Work > 5. Prices", False),
    ]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CLAUSES = f"""<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>"""


def _numbered(doc, text: str, num_id: int, ilvl: int, style: str | None = None) -> None:
    from docx.oxml import parse_xml

    p = doc.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_docx_auto_numbering_is_kept_as_word_shows_it(tmp_path: Path):
    """Word's automatic clause numbers are not in the paragraph text; without them a quoted
    clause could not be cited as "SOW 2.2"."""
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(CLAUSES))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(  # a second instance of the same list that restarts at 1
            f'<w:num xmlns:w="{W}" w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    _numbered(doc, "Deliverables", 90, 0, style="Heading 1")
    _numbered(doc, "Four blog articles a month.", 90, 1)
    _numbered(doc, "A monthly report.", 90, 1)
    _numbered(doc, "with rankings", 90, 2)
    _numbered(doc, "with traffic", 90, 2)
    _numbered(doc, "a bullet, unnumbered", 90, 3)
    _numbered(doc, "Payment", 90, 0, style="Heading 1")
    _numbered(doc, "Invoices are paid within 14 days.", 90, 1)
    _numbered(doc, "Annex clause", 91, 0)
    path = tmp_path / "numbered.docx"
    doc.save(path)

    blocks = read_blocks(path)
    assert [b.text for b in blocks] == [
        "1. Deliverables",
        "1.1 Four blog articles a month.",
        "1.2 A monthly report.",
        "a) with rankings",
        "b) with traffic",
        "a bullet, unnumbered",
        "2. Payment",
        "2.1 Invoices are paid within 14 days.",
        "1. Annex clause",
    ]
    assert (blocks[0].kind, blocks[1].kind) == ("heading", "item")
    assert "2.1 Invoices are paid within 14 days." in [c.text for c in load_chunks(path)]


def test_docx_number_already_typed_is_not_doubled(tmp_path: Path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("1.5 hours of support a month", style="List Number")  # starts with a number, not "1."
    doc.add_paragraph("2. Logo design", style="List Number")  # typed by hand and auto-numbered
    doc.add_paragraph("Photography", style="List Number")
    path = tmp_path / "typed.docx"
    doc.save(path)
    assert [b.text for b in read_blocks(path)] == [
        "1. 1.5 hours of support a month",
        "2. Logo design",
        "3. Photography",
    ]


# --- PDF ----------------------------------------------------------------------------------


def _pdf(font: str = "Helvetica"):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font(font, size=11)
    return pdf


def _pdf_heading(pdf, text: str, size: int = 13) -> None:
    pdf.ln(3)
    pdf.set_font_size(size)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(11)


def _pdf_bullets(pdf, items: list[str], marker: str = "-") -> None:
    for text in items:
        pdf.set_x(15)
        pdf.cell(5, 6, marker)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _pdf_paragraph(pdf, text: str) -> None:
    pdf.ln(3)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def make_pdf(path: Path) -> Path:
    pdf = _pdf()
    _pdf_heading(pdf, "Statement of Work", 16)
    _pdf_paragraph(
        pdf,
        "This statement of work describes the SEO retainer for Example Ltd. It is valid for 2026 "
        "and replaces all earlier agreements between the parties.",
    )
    _pdf_heading(pdf, "2. Included")
    _pdf_bullets(
        pdf,
        [
            "4 blog articles per month",
            "A monthly report with results, wins and next month's plan, delivered by the fifth business day "
            "of the following month, by email to both client contacts.",
        ],
    )
    _pdf_heading(pdf, "3. Not included")
    _pdf_bullets(pdf, ["Logo design", "Paid advertising (Google Ads, Meta Ads)"])
    _pdf_heading(pdf, "4. Ikke inkluderet")
    _pdf_bullets(pdf, ["Køb af links og keyword stuffing", "Grafisk design, også små ændringer af logoet"])
    _pdf_heading(pdf, "5. Betaling")
    _pdf_paragraph(pdf, "Honoraret på 14.500 kr. faktureres forud den 1. i måneden; betalingsfrist netto 14 dage.")
    pdf.output(str(path))
    return path


def test_pdf_headings_bullets_and_danish(tmp_path: Path):
    chunks = load_chunks(make_pdf(tmp_path / "sow.pdf"))
    assert rows(chunks) == [
        (
            "This statement of work describes the SEO retainer for Example Ltd. It is valid for 2026 and replaces "
            "all earlier agreements between the parties.",
            "Statement of Work",
            False,
        ),
        ("4 blog articles per month", "Statement of Work > 2. Included", False),
        (
            "A monthly report with results, wins and next month's plan, delivered by the fifth business day of the "
            "following month, by email to both client contacts.",
            "Statement of Work > 2. Included",
            False,
        ),
        ("Logo design", "Statement of Work > 3. Not included", True),
        ("Paid advertising (Google Ads, Meta Ads)", "Statement of Work > 3. Not included", True),
        ("Køb af links og keyword stuffing", "Statement of Work > 4. Ikke inkluderet", True),
        ("Grafisk design, også små ændringer af logoet", "Statement of Work > 4. Ikke inkluderet", True),
        (
            "Honoraret på 14.500 kr. faktureres forud den 1. i måneden; betalingsfrist netto 14 dage.",
            "Statement of Work > 5. Betaling",
            False,
        ),
    ]


THAI_PDF_TEXT = ("3. ไม่รวม", "ค่าโฆษณาบน Shopee และ Lazada", "การถ่ายภาพสินค้า")
THAI_PDF_CHARS = "".join(THAI_PDF_TEXT) + "-"  # and the bullet marker


def _thai_fonts() -> list[Path]:
    """The TrueType fonts fontconfig names for Thai, in its order."""
    if not shutil.which("fc-list"):
        return []
    out = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True).stdout
    paths = [Path(line.split(":")[0].strip()) for line in out.splitlines()]
    return [p for p in paths if p.suffix.lower() in (".ttf", ".otf") and p.exists()]


def _covers(font: Path, text: str) -> bool:
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as f:
        cmap = f.getBestCmap()
    return all(ord(c) in cmap for c in set(text))


def _thai_font(text: str) -> Path | None:
    """The first Thai font with a glyph for every character of ``text``: a Thai font need not
    have Latin letters (Noto Looped Thai has none), and fpdf2 leaves out what it cannot draw."""
    return next((font for font in _thai_fonts() if _covers(font, text)), None)


def _unavailable(reason: str) -> None:
    """Skip, or fail where CI promises every service and font (``ASSISTANT_REQUIRE_SERVICES=1``)."""
    if os.environ.get("ASSISTANT_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (ASSISTANT_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def _font(path: Path, chars: str) -> Path:
    """A TrueType font with a (blank) glyph for each of ``chars`` and no other."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    cmap = {ord(c): f"uni{ord(c):04X}" for c in set(chars)}
    names = [".notdef", *sorted(cmap.values())]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf({n: TTGlyphPen(None).glyph() for n in names})
    fb.setupHorizontalMetrics({n: (500, 0) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": path.stem, "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def _fc_list_naming(fonts: list[Path], bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ``fc-list`` on PATH that names ``fonts``, in this order, for any query."""
    bin_dir.mkdir()
    script = bin_dir / "fc-list"
    script.write_text("#!/bin/sh\n" + "".join(f"echo '{f}: '\n" for f in fonts))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")


def test_thai_pdf_where_the_first_thai_font_has_no_latin_letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Debian's fonts-noto: fc-list names Noto Looped Thai first, which has no glyph for "Shopee".
    thai_only = _font(tmp_path / "LoopedThai.ttf", "".join(c for c in THAI_PDF_CHARS if "\u0e00" <= c <= "\u0e7f"))
    _fc_list_naming([thai_only, _font(tmp_path / "ThaiLatin.ttf", THAI_PDF_CHARS)], tmp_path / "bin", monkeypatch)
    test_thai_pdf(tmp_path)


def test_without_a_thai_font_the_thai_pdf_test_skips_or_fails_when_services_are_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    _fc_list_naming([], tmp_path / "bin", monkeypatch)
    monkeypatch.delenv("ASSISTANT_REQUIRE_SERVICES", raising=False)  # a user's machine: skip, with the reason
    with pytest.raises(pytest.skip.Exception, match="fonts-thai-tlwg"):
        test_thai_pdf(tmp_path)
    monkeypatch.setenv("ASSISTANT_REQUIRE_SERVICES", "1")  # CI: a missing font must not pass unnoticed
    with pytest.raises(pytest.fail.Exception, match="fonts-thai-tlwg"):
        test_thai_pdf(tmp_path)


def test_thai_pdf(tmp_path: Path):
    font = _thai_font(THAI_PDF_CHARS)
    if font is None:
        _unavailable("no TrueType font with both Thai and Latin letters (fc-list :lang=th); install fonts-thai-tlwg")
    pdf = _pdf()
    pdf.add_font("thai", fname=str(font))
    pdf.set_font("thai", size=12)
    heading, *items = THAI_PDF_TEXT
    _pdf_heading(pdf, heading)
    _pdf_bullets(pdf, items)
    pdf.output(str(tmp_path / "thai.pdf"))
    chunks = load_chunks(tmp_path / "thai.pdf")
    assert [(c.text, c.excluded) for c in chunks] == [("ค่าโฆษณาบน Shopee และ Lazada", True), ("การถ่ายภาพสินค้า", True)]


# --- Markdown -----------------------------------------------------------------------------

MARKDOWN = f"""\
# Samarbejdsaftale 2026

Note:

Aftalen gælder fra 1. februar 2026 og erstatter alle tidligere aftaler.

## 2. Inkluderet

- 4 blogartikler pr. måned på dansk
- 2 rettelsesrunder pr. artikel
  - Rettelser samles i én mail pr. runde
- Out of scope: logo design

## 3. Ikke inkluderet

- 3.1 Logo og grafisk design
- 3.2 Betalt annoncering

Følgende er heller ikke omfattet af aftalen:

- Køb af links
  - herunder linknetværk og gæsteindlæg mod betaling

Andre ydelser tilbydes via en skriftlig ændringsanmodning.

## 4. ไม่รวม

1. ค่าโฆษณาบน Shopee และ Lazada
2. การถ่ายภาพสินค้า

## 5. ขอบเขตงาน

{THAI_LONG}

| Ydelse | Pris |
|---|---|
| Ekstra artikel | 1.200 kr. |
"""


def test_markdown_sections_nesting_exclusions(tmp_path: Path):
    path = tmp_path / "sow.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    chunks = load_chunks(path)
    c = by_text(chunks)

    # a lone "Note:" merges into the next paragraph
    first = chunks[0]
    assert (first.text, first.section) == (
        "Note: Aftalen gælder fra 1. februar 2026 og erstatter alle tidligere aftaler.",
        "Samarbejdsaftale 2026",
    )
    assert c["4 blogartikler pr. måned på dansk"].section == "Samarbejdsaftale 2026 > 2. Inkluderet"
    assert not c["4 blogartikler pr. måned på dansk"].excluded
    # nested item: the parent stays its own chunk and is part of the child's section
    assert not c["2 rettelsesrunder pr. artikel"].excluded
    assert c["Rettelser samles i én mail pr. runde"].section == (
        "Samarbejdsaftale 2026 > 2. Inkluderet > 2 rettelsesrunder pr. artikel"
    )
    # a clause that says so itself, under an "Inkluderet" heading
    assert c["Out of scope: logo design"].excluded
    # Danish "Ikke inkluderet" heading
    assert c["3.1 Logo og grafisk design"].excluded
    assert c["3.1 Logo og grafisk design"].section == "Samarbejdsaftale 2026 > 3. Ikke inkluderet"
    # an intro line introducing a list, and a nested item under it
    link = c["Køb af links"]
    assert link.excluded
    assert link.section == ("Samarbejdsaftale 2026 > 3. Ikke inkluderet > Følgende er heller ikke omfattet af aftalen:")
    assert c["herunder linknetværk og gæsteindlæg mod betaling"].section == link.section + " > Køb af links"
    assert c["Følgende er heller ikke omfattet af aftalen:"].excluded  # long intro kept as its own chunk
    # the paragraph after the list leaves the intro's context (still under the excluded heading)
    after = c["Andre ydelser tilbydes via en skriftlig ændringsanmodning."]
    assert after.section == "Samarbejdsaftale 2026 > 3. Ikke inkluderet"
    # Thai "ไม่รวม" heading, ordered list numbers kept for citing
    assert c["1. ค่าโฆษณาบน Shopee และ Lazada"].excluded
    assert c["2. การถ่ายภาพสินค้า"].section == "Samarbejdsaftale 2026 > 4. ไม่รวม"
    # Thai "scope" heading is not an exclusion; the long Thai paragraph splits on whitespace
    thai = [x for x in chunks if x.section == "Samarbejdsaftale 2026 > 5. ขอบเขตงาน" and "|" not in x.text]
    assert len(thai) == 2 and not any(x.excluded for x in thai)
    assert all(len(x.text) <= MAX_CHUNK_CHARS for x in thai)
    assert " ".join(x.text for x in thai) == THAI_LONG
    assert c["Ekstra artikel | 1.200 kr."].section == "Samarbejdsaftale 2026 > 5. ขอบเขตงาน"
    assert [x.position for x in chunks] == list(range(len(chunks)))


def test_markdown_strips_inline_formatting(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# Notes\n\n## Decisions\n\n- **Client:** Bai Mai, see [the SOW](sow.md) and `3.4`\n", encoding="utf-8"
    )
    assert [c.text for c in load_chunks(path)] == ["Client: Bai Mai, see the SOW and 3.4"]


# --- TXT ----------------------------------------------------------------------------------

TXT = f"""\
SAMARBEJDSAFTALE 2026
=====================

1. Leverancer

- 4 blogartikler pr. måned
- Teknisk SEO-audit én gang pr. kvartal, med en prioriteret
  handlingsliste til udviklerne.
    • Inkl. gennemgang på et statusmøde

2. Ikke inkluderet
2.1 Logo, grafisk design og visuel identitet.
2.2 Køb af links, linknetværk og keyword stuffing.

Scope
-----
Vi leverer også følgende:
a) On-page-optimering af 5 sider pr. måned
b) Månedlig rapport

Not included:
* Paid advertising
* Social media posts

ไม่อยู่ในขอบเขต
- ค่าโฆษณาบน Shopee และ Lazada

รายละเอียดงาน

{THAI_LONG}

BETALING
Honoraret faktureres forud den 1. i måneden.
"""


def test_txt_heuristics_danish_and_thai(tmp_path: Path):
    path = tmp_path / "aftale.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TXT.encode("utf-8"))  # with a BOM
    chunks = load_chunks(path)
    got = [(c.text, c.section, c.excluded) for c in chunks if c.text not in THAI_LONG]
    intro = "Vi leverer også følgende:"
    assert got == [
        ("4 blogartikler pr. måned", "SAMARBEJDSAFTALE 2026 > 1. Leverancer", False),
        (
            "Teknisk SEO-audit én gang pr. kvartal, med en prioriteret handlingsliste til udviklerne.",
            "SAMARBEJDSAFTALE 2026 > 1. Leverancer",
            False,
        ),
        (
            "Inkl. gennemgang på et statusmøde",
            "SAMARBEJDSAFTALE 2026 > 1. Leverancer > Teknisk SEO-audit én gang pr. kvartal, med en prioriteret "
            "handlingsliste til udviklerne.",
            False,
        ),
        ("2.1 Logo, grafisk design og visuel identitet.", "SAMARBEJDSAFTALE 2026 > 2. Ikke inkluderet", True),
        ("2.2 Køb af links, linknetværk og keyword stuffing.", "SAMARBEJDSAFTALE 2026 > 2. Ikke inkluderet", True),
        ("Vi leverer også følgende:", "SAMARBEJDSAFTALE 2026 > Scope", False),
        ("a) On-page-optimering af 5 sider pr. måned", "SAMARBEJDSAFTALE 2026 > Scope > " + intro, False),
        ("b) Månedlig rapport", "SAMARBEJDSAFTALE 2026 > Scope > " + intro, False),
        ("Paid advertising", "SAMARBEJDSAFTALE 2026 > Scope > Not included:", True),
        ("Social media posts", "SAMARBEJDSAFTALE 2026 > Scope > Not included:", True),
        # plain short lines are headings one level below the last structural heading ("Scope")
        ("ค่าโฆษณาบน Shopee และ Lazada", "SAMARBEJDSAFTALE 2026 > Scope > ไม่อยู่ในขอบเขต", True),
        ("Honoraret faktureres forud den 1. i måneden.", "BETALING", False),
    ]
    thai = [c for c in chunks if c.text in THAI_LONG]
    assert len(thai) == 2
    assert {c.section for c in thai} == {"SAMARBEJDSAFTALE 2026 > Scope > รายละเอียดงาน"}
    assert not any(c.excluded for c in thai)
    assert " ".join(c.text for c in thai) == THAI_LONG


def test_txt_legacy_encoding_falls_back(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    text = "Ikke inkluderet\n\n- Grafisk design og ændringer af logoet\n- Køb af links og linknetværk\n"
    path.write_bytes(text.encode("cp1252"))
    chunks = load_chunks(path)
    assert [(c.text, c.section, c.excluded) for c in chunks] == [
        ("Grafisk design og ændringer af logoet", "Ikke inkluderet", True),
        ("Køb af links og linknetværk", "Ikke inkluderet", True),
    ]
    path = tmp_path / "thai.txt"
    path.write_bytes("ไม่รวม\n\n- ค่าโฆษณาบน Shopee และ Lazada\n".encode("cp874"))  # TIS-620 family
    assert [(c.text, c.excluded) for c in load_chunks(path)] == [("ค่าโฆษณาบน Shopee และ Lazada", True)]


def test_numbered_lines_lists_versus_headings(tmp_path: Path):
    path = tmp_path / "list.txt"
    path.write_text("Not included\n\n1. Logo design\n2. Hosting\n3. Printing\n")
    assert [(b.kind, b.text) for b in read_blocks(path)] == [
        ("heading", "Not included"),
        ("item", "1. Logo design"),
        ("item", "2. Hosting"),
        ("item", "3. Printing"),
    ]
    path.write_text("3. Not included\n3.1 Logo design\n3.2 Hosting\n\n4. Communication\n4.1 Weekly calls\n")
    assert [(b.kind, b.text, b.level) for b in read_blocks(path)] == [
        ("heading", "3. Not included", 2),
        ("item", "3.1 Logo design", 1),
        ("item", "3.2 Hosting", 1),
        ("heading", "4. Communication", 2),
        ("item", "4.1 Weekly calls", 1),
    ]


# --- chunking rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, excluded",
    [
        ("3. Not included", True),
        ("Exclusions", True),
        ("Outside the scope of this SOW", True),
        ("Ikke inkluderet", True),
        ("Uden for aftalen", True),
        ("Nicht im Leistungsumfang", True),
        ("Leistungen: ausgeschlossen", True),
        ("Hors périmètre", True),
        ("No incluido", True),
        ("Ingår inte", True),
        ("Niet inbegrepen", True),
        ("สิ่งที่ไม่รวมในสัญญา", True),
        ("นอกขอบเขตงาน", True),
        ("Included", False),
        ("Inkluderet", False),
        ("Scope", False),
        ("2. Leverancer", False),
        ("ขอบเขตงาน", False),
    ],
)
def test_exclusion_headings(heading: str, excluded: bool):
    blocks = [Block(kind="heading", text=heading, level=1), Block(kind="item", text="Logo design", level=1)]
    assert chunk_blocks(blocks)[0].excluded is excluded


def test_clause_that_opens_with_exclusion_and_mid_sentence_mention():
    blocks = [
        Block(kind="heading", text="Scope", level=1),
        Block(kind="item", text="3.7 Out of scope: logo design", level=1),
        Block(kind="item", text="Media spend is not part of the fee but is reported monthly", level=1),
        Block(kind="item", text="Setup of the ad accounts", level=2),  # parent does not introduce exclusions
        Block(kind="item", text="Not included in the fee:", level=1),
        Block(kind="item", text="Travel to the client's office", level=2),
    ]
    assert [(c.text, c.excluded) for c in chunk_blocks(blocks)] == [
        ("3.7 Out of scope: logo design", True),
        ("Media spend is not part of the fee but is reported monthly", False),
        ("Setup of the ad accounts", False),
        ("Not included in the fee:", True),
        ("Travel to the client's office", True),
    ]


def test_long_paragraph_splits_at_sentences():
    sentence = "The agency delivers four articles per month and reports on them in the monthly report. "
    text = (sentence * 36).strip()  # ~3,200 characters: 13 + 13 + 10 sentences
    chunks = chunk_blocks([Block(kind="paragraph", text=text)])
    assert len(chunks) == 3
    assert all(len(c.text) <= MAX_CHUNK_CHARS and c.text.endswith("monthly report.") for c in chunks)
    assert " ".join(c.text for c in chunks) == text


def test_split_text_hard_cuts_text_without_whitespace():
    text = "ก" * 2500
    assert [len(p) for p in split_text(text)] == [1200, 1200, 100]


def test_short_fragments_merge_and_empty_blocks_drop():
    blocks = [
        Block(kind="heading", text="Notes", level=1),
        Block(kind="paragraph", text="Note:"),
        Block(kind="paragraph", text="   "),
        Block(kind="paragraph", text="Prices exclude VAT."),
        Block(kind="item", text="SEO", level=1),  # short items are clauses: never merged
        Block(kind="item", text="Ads", level=1),
        Block(kind="heading", text="Other", level=1),
        Block(kind="paragraph", text="A normal paragraph here."),
        Block(kind="paragraph", text="Thanks."),  # last in its section: joins the previous chunk
    ]
    assert [(c.text, c.section) for c in chunk_blocks(blocks)] == [
        ("Note: Prices exclude VAT.", "Notes"),
        ("SEO", "Notes"),
        ("Ads", "Notes"),
        ("A normal paragraph here. Thanks.", "Other"),
    ]


# --- errors -------------------------------------------------------------------------------


def _error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_blocks(path)
    err = info.value
    assert path.name in err.message and err.fix
    return err


def test_corrupt_pdf(tmp_path: Path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n\x00\xff garbage \x00 trailer")
    assert "export it again" in _error(path).fix
    path.write_text("just text, saved with a .pdf name")
    assert "Not a PDF" in _error(path).message


def test_pdf_without_text(tmp_path: Path):
    pdf = _pdf()
    pdf.rect(20, 20, 50, 50)  # a "scan": graphics, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    err = _error(tmp_path / "scan.pdf")
    assert "no extractable text" in err.message and "OCR" in err.fix


def test_password_protected_pdf(tmp_path: Path):
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.cell(0, 10, "Secret scope")
    pdf.output(str(tmp_path / "locked.pdf"))
    assert "password" in _error(tmp_path / "locked.pdf").message


def test_docx_that_is_really_text(tmp_path: Path):
    path = tmp_path / "sow.docx"
    path.write_text("This is not a Word document.")
    assert ".docx" in _error(path).fix


def test_docx_that_is_password_protected(tmp_path: Path):
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # an OLE container, as Word encrypts
    assert "password" in _error(path).message


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert "empty" in _error(path).message


def test_whitespace_only_file(tmp_path: Path):
    path = tmp_path / "blank.txt"
    path.write_text("\n   \n\t\n")
    assert "no text" in _error(path).message


def test_unsupported_type(tmp_path: Path):
    path = tmp_path / "budget.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    assert ".md .markdown .txt .pdf .docx" in _error(path).fix


def test_missing_file(tmp_path: Path):
    assert "not found" in _error(tmp_path / "nowhere.md").message


# --- the demo workspace -------------------------------------------------------------------


def test_demo_documents_chunk_sensibly():
    docs = sorted(p for p in DEMO_DOCS.glob("*/*") if p.is_file())
    assert len(docs) >= 12
    for doc in docs:
        chunks = load_chunks(doc)
        assert 8 <= len(chunks) <= 60, (doc, len(chunks))
        assert all(MAX_CHUNK_CHARS >= len(c.text) >= 10 for c in chunks), doc
        assert all(c.section for c in chunks), doc
        if doc.name == "sow.md":
            assert any(c.excluded for c in chunks), doc
            assert sum(c.excluded for c in chunks) < len(chunks) / 2, doc


def test_demo_sow_clauses():
    baimai = by_text(load_chunks(DEMO_DOCS / "baimai" / "sow.md"))
    assert baimai["3.4 Website and landing page development."].excluded
    assert baimai["3.4 Website and landing page development."].section == (
        "Statement of Work 2026: Paid Social Advertising > 3. Not included"
    )
    assert not baimai["2.3 Ad copy in Thai and English for every creative."].excluded
    cykel = by_text(load_chunks(DEMO_DOCS / "cykelhuset" / "sow.md"))
    logo = cykel["3.1 Logo, grafisk design og visuel identitet (også mindre justeringer af det eksisterende logo)."]
    assert logo.excluded and logo.section.endswith("> 3. Ikke inkluderet")
    articles = next(c for t, c in cykel.items() if t.startswith("2.1.1 4 blogartikler"))
    assert not articles.excluded and articles.section.endswith("> 2. Leverancer > 2.1 Indhold")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "# Kick-off call\n\n- **Client:** Nordlys Cykler ApS\n- **Attendees:** Mette, Anna\n- Deltagere: Jonas\n"
            "- Agreed: the new landing page will be quoted separately.\n- Out of scope: logo design.\n\n"
            "## Notes\n\n- Budget: DKK 20,000 per month for ads.\n",
            [
                "Agreed: the new landing page will be quoted separately.",
                "Out of scope: logo design.",
                "Budget: DKK 20,000 per month for ads.",
            ],
        ),
        (  # only a title: the numbered items read like "Key: value" lines but are the decisions
            "# Call notes — status call, 7 April 2026\n\n**Participants:** Line Kragh, Jonas Berg.\n\n"
            "1. **Rank tracking extended:** tracked keywords increased from 40 to 50 (SOW 2.1).\n"
            "2. **Audit:** the Q2 audit is scheduled for May.\n3. Next status calls: 21 April, 5 May.\n",
            [
                "1. Rank tracking extended: tracked keywords increased from 40 to 50 (SOW 2.1).",
                "2. Audit: the Q2 audit is scheduled for May.",
                "3. Next status calls: 21 April, 5 May.",
            ],
        ),
    ],
    ids=["sections", "numbered-items-without-sections"],
)
def test_preamble_metadata_is_not_indexed_but_decisions_are(tmp_path: Path, markdown: str, expected: list[str]):
    path = tmp_path / "notes.md"
    path.write_text(markdown, encoding="utf-8")
    assert [c.text for c in load_chunks(path)] == expected


def test_markdown_clauses_on_consecutive_lines_are_one_chunk_each(tmp_path: Path):
    # Markdown joins consecutive lines into one paragraph; a clause list written that way is
    # still one quotable clause per number (continuation lines stay with their clause).
    path = tmp_path / "sow.md"
    path.write_text(
        "# Statement of work\n\n## 8. Not included\n8.1 Copywriting of page copy.\n8.2 Photography,\n"
        "headshots and video.\n8.10 Translation.\n\n## 9. Notes\nWe deliver the pages in\n"
        "2026 and 12 pages\n15 articles are planned.\n",
        encoding="utf-8",
    )
    assert rows(load_chunks(path)) == [
        ("8.1 Copywriting of page copy.", "Statement of work > 8. Not included", True),
        ("8.2 Photography, headshots and video.", "Statement of work > 8. Not included", True),
        ("8.10 Translation.", "Statement of work > 8. Not included", True),
        ("We deliver the pages in 2026 and 12 pages 15 articles are planned.", "Statement of work > 9. Notes", False),
    ]


def test_an_intro_line_followed_by_clauses_on_consecutive_lines_gives_one_chunk_per_clause(tmp_path: Path):
    # "Not included:" and its clauses written on consecutive lines are one Markdown paragraph;
    # each clause is still its own quotable chunk, and the intro marks them excluded.
    path = tmp_path / "sow.md"
    path.write_text(
        "# Palvelukuvaus\n\n## 5. Rajaukset\n\nPalveluun eivät kuulu:\n5.1 maksettu mainonta (Google Ads);\n"
        "5.2 sosiaalisen median julkaisut,\nmyös TikTok;\n5.3 käännökset.\n\n## 6. Hinnat\n"
        "Kuukausihinta:\n6.1 Perusmaksu 2 400 €.\n6.2 Lisätyö 95 €/h.\n",
        encoding="utf-8",
    )
    assert rows(load_chunks(path)) == [
        ("Palveluun eivät kuulu:", "Palvelukuvaus > 5. Rajaukset", True),
        ("5.1 maksettu mainonta (Google Ads);", "Palvelukuvaus > 5. Rajaukset > Palveluun eivät kuulu:", True),
        (
            "5.2 sosiaalisen median julkaisut, myös TikTok;",
            "Palvelukuvaus > 5. Rajaukset > Palveluun eivät kuulu:",
            True,
        ),
        ("5.3 käännökset.", "Palvelukuvaus > 5. Rajaukset > Palveluun eivät kuulu:", True),
        ("6.1 Perusmaksu 2 400 €.", "Palvelukuvaus > 6. Hinnat > Kuukausihinta:", False),
        ("6.2 Lisätyö 95 €/h.", "Palvelukuvaus > 6. Hinnat > Kuukausihinta:", False),
    ]
