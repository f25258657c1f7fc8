"""The building blocks of the parse stage: charset decoding, HTML to text, reply splitting."""

from __future__ import annotations

import pytest

from assistant.parse.body import html_to_text
from assistant.parse.quotes import split_reply
from assistant.parse.text import decode_bytes, lookup_codec, normalise


@pytest.mark.parametrize(
    ("data", "declared", "text", "defect"),
    [
        ("Grøn".encode("iso-8859-1"), "ISO-8859-1", "Grøn", None),
        (b"\x93quoted\x94", "iso-8859-1", "“quoted”", None),  # Latin-1 label, cp1252 bytes
        ("สวัสดี “ครับ”".encode("cp874"), "TIS-620", "สวัสดี “ครับ”", None),  # TIS-620 label, windows-874 bytes
        ("สวัสดี".encode("cp874"), "windows-874", "สวัสดี", None),
        ("Grøn".encode(), "us-ascii", "Grøn", "content is UTF-8"),
        ("Grøn".encode(), "iso-8859-1", "Grøn", "content is UTF-8"),  # lying Latin-1 label
        ("Grøn".encode(), "x-unknown", "Grøn", "unknown charset"),
        ("Grøn".encode("cp1252"), None, "Grøn", "unusable; decoded as cp1252"),
        (b"caf\xc3", "utf-8", "caf\ufffd", "unusable"),
        ("日本".encode("iso-2022-jp"), "iso-2022-jp", "日本", None),
        (b"plain", "zlib", "plain", None),  # not a text codec: ignored
    ],
)
def test_decode_bytes(data, declared, text, defect):
    defects: list[str] = []
    assert decode_bytes(data, declared, defects, "part") == text
    assert (defect is None and defects == []) or (defect and any(defect in d for d in defects))


def test_lookup_codec():
    assert lookup_codec("windows-874") == "cp874"
    assert lookup_codec('"UTF-8"') == "utf-8"
    assert lookup_codec("rot13") is None and lookup_codec("undefined") is None and lookup_codec("") is None


def test_normalise():
    assert normalise("\r\na  \r\nb\x00\x07\u00a0c\r\n\n\n\n\n\nd\n\n") == "a\nb c\n\n\nd"


def test_html_to_text_keeps_lines_and_quotes():
    html = (
        "<style>p {}</style><script>alert(1)</script><p>One<br>Two &amp; three</p>"
        "<table><tr><td>Cell A</td><td>Cell B</td></tr></table>"
        "<div class='gmail_signature'>Anna</div><blockquote>Old <b>mail</b></blockquote>"
        "<p>1. Not markdown - *really*</p>"
    )
    text = html_to_text(html)
    assert "alert" not in text and "p {}" not in text
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines == ["One", "Two & three", "Cell A Cell B", "--", "Anna", "> Old mail", "1. Not markdown - *really*"]


def test_split_reply_parts():
    parts = split_reply("Please call me.\n\nBest regards,\nAnna\n\nOn Mon, 3 Jun 2024, Bo <b@x.dk> wrote:\n> Pay now")
    assert (parts.new_text, parts.signature) == ("Please call me.", "Best regards,\nAnna")
    assert parts.quoted_text == "On Mon, 3 Jun 2024, Bo <b@x.dk> wrote:\n> Pay now"


def test_postscript_after_signature_stays_new_text():
    parts = split_reply("Please fix X.\n\nBest regards,\nAnna\nAcme\n\nP.S. Also fix Y,\nand Z.\n\n-- \nLegal")
    assert parts.new_text == "Please fix X.\n\nP.S. Also fix Y,\nand Z."
    assert parts.signature == "Best regards,\nAnna\nAcme\n\n-- \nLegal"


def test_thai_thanks_inside_text_is_not_a_sign_off():
    parts = split_reply("สวัสดีค่ะ\n\nขอบคุณมากสำหรับงานค่ะ\nขอแก้โลโก้ค่ะ\n\nขอบคุณค่ะ\nพิม")
    assert parts.new_text == "สวัสดีค่ะ\n\nขอบคุณมากสำหรับงานค่ะ\nขอแก้โลโก้ค่ะ"
    assert parts.signature == "ขอบคุณค่ะ\nพิม"


@pytest.mark.parametrize(
    "line", ["Thanks, could you also send the report?", "Tak for i dag", "Best regards to the team, we loved it"]
)
def test_sign_off_words_inside_sentences_are_kept(line):
    assert split_reply(f"Hi,\n\n{line}\nAnna").new_text == f"Hi,\n\n{line}\nAnna"


def test_undeclared_thai_is_guessed_when_charset_normalizer_is_installed():
    pytest.importorskip("charset_normalizer")
    text = "สวัสดีครับ รบกวนช่วยเปลี่ยนรูปภาพบนหน้าแรกของเว็บไซต์ให้หน่อยครับ และขอใบเสนอราคาสำหรับแคมเปญสงกรานต์ด้วยครับ ขอบคุณมากครับ"
    defects: list[str] = []
    assert decode_bytes(text.encode("tis-620"), None, defects, "part") == text
    assert defects and "guessed" in defects[0]
