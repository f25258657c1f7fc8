"""parse_message on real-encoding sample messages (tests/data/mail, made by make_samples.py)."""

from __future__ import annotations

import base64
import importlib.util
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.parse import Attachment, ParsedMessage, parse_message, synthesise_message_id

MAIL = Path(__file__).resolve().parents[1] / "data" / "mail"


def load(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def parse(name: str) -> ParsedMessage:
    return parse_message(load(name))


def simple(*headers: str, body: str = "Hello.\r\n") -> bytes:
    head = "".join(f"{h}\r\n" for h in headers)
    return (head + "\r\n" + body).encode("utf-8")


def test_samples_match_their_generator():
    spec = importlib.util.spec_from_file_location("make_samples", MAIL / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.build().items():
        assert load(name) == data, f"{name} is stale: run python tests/data/mail/make_samples.py"


# --- Danish ---------------------------------------------------------------------------


def test_danish_iso_8859_1_quoted_printable():
    raw = load("danish_latin1_qp.eml")
    assert b"=E6ndre" in raw and b'charset="ISO-8859-1"' in raw  # really Latin-1 QP
    msg = parse_message(raw)
    assert msg.subject == "Ændring af forside og mødebooking"
    assert msg.sender.name == "Søren Løkke"
    assert msg.sender.email == "soren.lokke@kunde-eksempel.dk"
    assert msg.message_id == "<dk-qp-001@kunde-eksempel.dk>"
    assert msg.date == datetime(2024, 6, 4, 9, 15, tzinfo=timezone(timedelta(hours=2)))
    assert msg.new_text == (
        "Hej Mette,\n\n"
        'Kan I ændre overskriften på forsiden til "Grøn energi på Ærø"?\n'
        "Vi vil også gerne have et nyt billede i øverste sektion."
    )
    assert msg.signature == "Med venlig hilsen\nSøren Løkke\nKunde Eksempel A/S"
    assert msg.quoted_text.startswith("Den 3. jun. 2024 kl. 14.02 skrev Mette Bureau <mette@bureau.example>:")
    assert "> Skal vi sende fakturaen for maj og sætte betaling op via MobilePay?" in msg.quoted_text
    for word in ("faktura", "betaling", "MobilePay"):
        assert word not in msg.new_text
    assert msg.defects == []
    assert msg.needs_triage


def test_danish_windows_1252_with_disclaimer():
    raw = load("danish_cp1252.eml")
    assert b"\x93Sommerkampagne 2024\x94" in raw and b"12.500 \x80" in raw  # cp1252-only bytes
    msg = parse_message(raw)
    assert msg.subject == "Møde om kampagnen – torsdag"
    assert msg.sender.name == "Birgitte Ærenlund"
    assert msg.new_text == (
        "Hej igen,\n\nKan vi flytte mødet om “Sommerkampagne 2024” til torsdag kl. 10? "
        "Budgettet på 12.500 € er uændret."
    )
    assert msg.signature.startswith("Venlig hilsen\nBirgitte Ærenlund\n\nDenne e-mail er fortrolig")
    assert "betaling" in msg.signature and "faktura" in msg.signature
    assert "betaling" not in msg.new_text and "faktura" not in msg.new_text
    assert msg.quoted_text == ""


def test_outlook_danish_header_block_is_quoted():
    msg = parse("outlook_danish_block.eml")
    assert msg.new_text == "Hej,\n\nVi godkender designet. I må gerne gå i gang med udviklingen."
    assert msg.quoted_text.startswith("________________________________\nFra: Bureau <team@bureau.example>")
    assert "husk at betale depositum på 25.000 kr." in msg.quoted_text
    assert "betale" not in msg.new_text


# --- Thai -----------------------------------------------------------------------------


def test_thai_tis_620_base64():
    raw = load("thai_tis620_base64.eml")
    assert "สวัสดีครับ".encode("tis-620") in base64.b64decode(raw.split(b"\r\n\r\n", 1)[1])
    msg = parse_message(raw)
    assert msg.subject == "ขอแก้ไขหน้าแรกของเว็บไซต์"
    assert msg.sender.name == "สมชาย ใจดี"
    assert msg.sender.email == "somchai@lukkha.co.th"
    assert msg.new_text == "สวัสดีครับ\n\nรบกวนช่วยเปลี่ยนรูปภาพบนหน้าแรกของเว็บไซต์ให้หน่อยครับ"
    assert msg.signature == "ขอบคุณครับ\nสมชาย"
    assert msg.date == datetime(2024, 6, 5, 3, 0, tzinfo=UTC)
    assert msg.defects == []


def test_thai_windows_874_quoted_printable():
    raw = load("thai_windows874_qp.eml")
    assert b"=93" in raw and b"charset=windows-874" in raw  # “ is a windows-874 extra, not TIS-620
    msg = parse_message(raw)
    assert msg.subject == "ใบเสนอราคา “สงกรานต์”"  # encoded-word in windows-874, unknown to Python
    assert msg.new_text == "เรียนทีมงาน\n\nขอใบเสนอราคาสำหรับ “แคมเปญสงกรานต์” งบประมาณ 50,000 บาท (ประมาณ 1,300 €)"
    assert msg.signature == "ส่งจาก iPhone ของฉัน"
    assert msg.defects == []


def test_thai_utf8_reply_with_thai_quote_header_and_disclaimer():
    msg = parse("thai_utf8_reply.eml")
    assert msg.subject == "ตอบกลับ: ขอแก้ไขหน้าแรกของเว็บไซต์"
    assert msg.in_reply_to == "<agency-77@bureau.example>"
    assert msg.new_text == "ได้เลยครับ ช่วยส่งไฟล์โลโก้ใหม่มาให้ด้วยนะครับ"
    assert msg.quoted_text.startswith("เมื่อ จ. 3 มิ.ย. 2567 เวลา 10:15 ทีมงาน เอเจนซี่ <team@bureau.example> เขียนว่า:")
    assert "กรุณาชำระค่าบริการ" in msg.quoted_text
    assert msg.signature.startswith("อีเมลฉบับนี้และเอกสารแนบเป็นความลับ")
    assert "ชำระ" not in msg.new_text and "ใบแจ้งหนี้" not in msg.new_text


# --- other charsets and encodings -----------------------------------------------------


def test_lying_charset_us_ascii_with_utf8_bytes():
    msg = parse("lying_charset.eml")
    assert msg.new_text == "Kære team, prisen er 1.500 kr. – tak! 🙂"
    assert msg.subject == "Prøve på løsning"  # raw UTF-8 header, no encoded-word
    assert any("us-ascii" in d and "UTF-8" in d for d in msg.defects)


def test_iso_2022_jp():
    msg = parse("iso2022jp.eml")
    assert msg.subject == "ご確認のお願い"
    assert msg.new_text == "お世話になっております。\nバナーの色を変更してください。"


def test_unknown_charset_falls_back_and_is_recorded():
    msg = parse("broken_headers.eml")
    assert msg.new_text == "Vi ses i morgen på kontoret."
    assert "text/plain part: unknown charset 'x-no-such-charset'" in msg.defects


def test_raw_latin1_header_and_windows_874_encoded_word():
    raw = b"From: a@b.dk\r\nSubject: Tilbud p\xe5 l\xf8sning\r\n\r\nx\r\n"
    assert parse_message(raw).subject == "Tilbud på løsning"
    word = base64.b64encode("ด่วน".encode("cp874")).decode()
    assert parse_message(simple(f"Subject: =?windows-874?B?{word}?=")).subject == "ด่วน"


def test_zero_width_and_bidi_controls_removed_from_new_text():
    msg = parse_message(simple("From: a@b.dk", body="Pay\u200bment \u202edetails\u202c now\ufeff\r\n"))
    assert msg.new_text == "Payment details now"


# --- HTML and multipart ---------------------------------------------------------------


def test_html_only_body():
    msg = parse("html_only.eml")
    assert msg.body_was_html
    assert msg.new_text == (
        "Hi team,\n\n"
        "Please update the opening hours on the contact page:\nMon–Fri 9–17\nSat 10–14\n\n"
        "  * Remove the old phone number\n  * Add the new map"
    )
    assert msg.quoted_text == (
        "> Hi Jane, invoice #4411 is overdue. Please pay 2,400 EUR by Monday.\n>\n>> Earlier: can we have a call?"
    )
    for hidden in ("SCRIPT_PAYLOAD", "color: red", "TITLE_TEXT", "COMMENT_TEXT", "HIDDEN_PREHEADER"):
        assert hidden not in msg.body_text
    assert "invoice" not in msg.new_text


def test_multipart_alternative_prefers_plain():
    msg = parse("alternative.eml")
    assert msg.body_text == "PLAIN_VERSION: please call me about the banner."
    assert not msg.body_was_html


def test_multipart_alternative_placeholder_plain_uses_html():
    msg = parse("alternative_placeholder.eml")
    assert msg.body_text == "HTML_VERSION: please call me about the banner."
    assert msg.body_was_html


def test_attachments_recorded_without_content():
    msg = parse("attachments.eml")
    assert msg.new_text == "See the attached brief and logo."
    assert not msg.body_was_html
    assert msg.attachments == [
        Attachment(filename="Tilbud æøå.pdf", content_type="application/pdf", size=1033),
        Attachment(filename="logo grøn.png", content_type="image/png", size=100),
        Attachment(
            filename="Budget æøå.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            size=500,
        ),
        Attachment(filename="notes.txt", content_type="text/plain", size=len(b"ATTACHED_NOTES_TEXT")),
        Attachment(filename="forwarded.eml", content_type="message/rfc822", size=msg.attachments[4].size),
    ]
    assert msg.attachments[4].size > 100  # the enclosed mail, re-serialised
    assert "ATTACHED_NOTES_TEXT" not in msg.body_text
    assert "FORWARDED_SECRET" not in msg.body_text  # forwarded mail is not merged into the body


# --- quotes, signatures, disclaimers --------------------------------------------------


def test_english_on_wrote_and_dash_dash_signature():
    msg = parse("english_reply_signature.eml")
    assert msg.sender.email == "jane.doe@example.co.uk"
    assert msg.new_text == "Hi Anna,\n\nCould you move the launch to 14 June? The rest of the plan looks good."
    assert msg.signature == "--\nJane Doe\nHead of Marketing, Example Ltd\n+44 20 7946 0000"
    assert msg.quoted_text.startswith("On Mon, 3 Jun 2024 at 10:02, Anna Agency <anna@bureau.example>\nwrote:")
    assert "approve the extra invoice" in msg.quoted_text
    assert "invoice" not in msg.new_text


def test_outlook_original_message_block():
    msg = parse("outlook_original_message.eml")
    assert msg.new_text == (
        "Hello,\n\nPlease add our new office address to the footer: Vesterbrogade 1, 1620 København V."
    )
    assert msg.signature == "Best regards,\nLars"
    assert msg.quoted_text.startswith("-----Original Message-----\nFrom: Agency Team <team@bureau.example>")
    assert "please pay invoice 2024-117" in msg.quoted_text
    assert "invoice" not in msg.new_text.lower()


def test_legal_disclaimers_and_external_banner_go_to_signature():
    msg = parse("disclaimer_en.eml")
    assert msg.new_text == "Hi,\n\nCan you check why the contact form does not send emails?"
    assert msg.signature.startswith("CAUTION: This email originated from outside of the organization.")
    assert "CONFIDENTIALITY NOTICE: This email and any attachments are confidential" in msg.signature
    assert "Diese E-Mail enthält vertrauliche" in msg.signature
    for word in ("invoice", "payment", "bank", "Zahlung"):
        assert word not in msg.new_text


@pytest.mark.parametrize(
    ("body", "new", "quoted"),
    [
        ("Yes, go ahead.\n\nAnna Jensen skrev:\n> Skal vi fakturere nu?\n", "Yes, go ahead.", "Anna Jensen skrev:"),
        ("Ja tak.\n\nAm 03.06.2024 um 10:02 schrieb Team <t@b.example>:\n> Rechnung anbei\n", "Ja tak.", "Am 03.06"),
        ("OK!\n\n---------- Forwarded message ---------\nFrom: X <x@y.z>\nPay now\n", "OK!", "----------"),
        ("Fint.\n\nFra: Bureau <b@b.dk>\nSendt: 3. juni 2024\nTil: Lars\nEmne: Faktura\n\nBetal\n", "Fint.", "Fra:"),
        ("รับทราบครับ\n\nจาก: ทีมงาน <t@b.example>\nส่ง: 3 มิ.ย. 2567\nถึง: สมชาย\n\nชำระเงิน\n", "รับทราบครับ", "จาก:"),
        (
            "Hej Mette,\nTak for i dag.\nKan I ringe i morgen?\n",
            "Hej Mette,\nTak for i dag.\nKan I ringe i morgen?",
            "",
        ),
        (
            "Hi,\n\nThanks,\n" + "we also need item\n" * 12,
            "Hi,\n\nThanks,\n" + "\n".join(["we also need item"] * 12),
            "",
        ),
    ],
)
def test_quote_headers_in_other_forms(body, new, quoted):
    msg = parse_message(simple("From: a@b.dk", "Content-Type: text/plain; charset=utf-8", body=body))
    assert msg.new_text == new
    assert msg.quoted_text.startswith(quoted)


# --- auto-replies and bounces ---------------------------------------------------------


def test_auto_submitted_header():
    msg = parse("auto_submitted.eml")
    assert msg.is_auto_reply and not msg.is_bounce and not msg.needs_triage


def test_danish_auto_reply_subject_despite_suppress_header():
    msg = parse("autoreply_subject_da.eml")
    assert msg.subject == "Automatisk svar: Ændring af forside"
    assert msg.is_auto_reply


@pytest.mark.parametrize(
    "header",
    [
        "X-Autoreply: yes",
        "X-Autorespond: Vacation",
        "Precedence: auto_reply",
        "Auto-Submitted: auto-generated",
        "Subject: Out of Office: Banner",
        "Subject: Automatic reply: Banner",
        "Subject: Autosvar: Banner",
        "Subject: Fraværsmeddelelse",
        "Subject: Abwesenheitsnotiz: Banner",
        "Subject: =?UTF-8?B?" + base64.b64encode("ตอบกลับอัตโนมัติ: แบนเนอร์".encode()).decode() + "?=",
    ],
)
def test_auto_reply_variants(header):
    assert parse_message(simple("From: a@b.dk", header)).is_auto_reply


@pytest.mark.parametrize(
    "header",
    [
        "X-Auto-Response-Suppress: All",
        "Auto-Submitted: no",
        "Precedence: bulk",
        "Subject: Out of office cover during July?",
        "Subject: Re: out of office",
    ],
)
def test_not_auto_reply(header):
    msg = parse_message(simple("From: a@b.dk", header))
    assert not msg.is_auto_reply and msg.needs_triage


def test_bounce_delivery_status_report():
    msg = parse("bounce_report.eml")
    assert msg.is_bounce and not msg.needs_triage
    assert msg.sender.email == "mailer-daemon@mx.bureau.example"
    assert [a.content_type for a in msg.attachments] == ["message/delivery-status", "message/rfc822"]
    assert "<gone@kunde.dk>: user unknown" in msg.body_text
    assert "Please pay invoice 42" not in msg.body_text


@pytest.mark.parametrize(
    "headers",
    [
        ("From: postmaster@kunde.dk",),
        ("From: Mail Delivery Subsystem <MAILER-DAEMON@googlemail.com>",),
        ("From: a@b.dk", "Subject: Delivery Status Notification (Failure)"),
        ("From: a@b.dk", "Subject: Undeliverable: Banner"),
        ("From: a@b.dk", 'Content-Type: multipart/report; report-type="delivery-status"; boundary=x'),
    ],
)
def test_bounce_variants(headers):
    assert parse_message(simple(*headers)).is_bounce


def test_forwarded_bounce_from_a_person_is_not_a_bounce():
    inner = load("bounce_report.eml")
    raw = simple(
        "From: Lars <lars@kunde.dk>",
        "Subject: Fwd: we got this error",
        'Content-Type: multipart/mixed; boundary="fw"',
        body="--fw\r\nContent-Type: text/plain\r\n\r\nWhy does this bounce?\r\n"
        "--fw\r\nContent-Type: message/rfc822\r\n\r\n",
    )
    msg = parse_message(raw + inner + b"\r\n--fw--\r\n")
    assert not msg.is_bounce and not msg.is_auto_reply
    assert msg.new_text == "Why does this bounce?"


# --- ids, threading, addresses, dates -------------------------------------------------


def test_missing_message_id_is_synthesised_deterministically():
    raw = load("no_message_id.eml")
    first, second = parse_message(raw), parse_message(raw)
    assert first.message_id_synthesised
    assert re.fullmatch(r"<[0-9a-f]{32}@synthesised\.invalid>", first.message_id)
    assert first.message_id == second.message_id == synthesise_message_id(raw)
    assert parse_message(raw + b"x").message_id != first.message_id
    assert not parse("threading.eml").message_id_synthesised


def test_threading_headers_and_addresses():
    msg = parse("threading.eml")
    assert msg.message_id == "<thread-3@example.co.uk>"
    assert msg.in_reply_to == "<thread-2@bureau.example>"
    assert msg.references == ["<thread-1@example.co.uk>", "<thread-2@bureau.example>"]
    assert [str(a) for a in msg.reply_to] == ["Projects <projects@example.co.uk>"]
    assert [(a.name, a.email) for a in msg.cc] == [("Doe, John", "john@example.co.uk"), ("", "boss@example.co.uk")]
    assert msg.sender.domain == "example.co.uk"


def test_broken_headers_parsed_leniently():
    msg = parse("broken_headers.eml")
    assert (msg.sender.name, msg.sender.email) == ("Jørgen Hansen", "jorgen@example.dk")  # encoded-word in quotes
    assert [(a.name, a.email) for a in msg.to] == [
        ("Jensen, Anna", "anna@bureau.example"),
        ("Bo Berg", "bo@bureau.example"),
    ]
    assert msg.subject == "Re: Møde i morgen"  # encoded-word glued to text, unknown charset
    assert msg.message_id == "<broken-id@kunde.dk>"
    assert msg.date is None
    assert "Date: unparsable 'sometime next week'" in msg.defects


def test_date_without_zone_is_utc():
    msg = parse_message(simple("From: a@b.dk", "Date: 3 Jun 2024 10:00"))
    assert msg.date == datetime(2024, 6, 3, 10, 0, tzinfo=UTC)
    assert any(d.startswith("Date:") for d in msg.defects)


# --- malformed and huge input ---------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe\x80garbage\x00\r\n\x01\x02",
        bytes(range(256)) * 40,
        b"Subject: only headers",
        b"\r\n\r\n",
        b"From: <>\r\nTo: :;\r\nMessage-ID: <>\r\nReferences: <<<\r\n\r\n",
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\nno parts at all",
        b"Content-Type: multipart/alternative\r\n\r\nno boundary",
        b"Content-Type: text/plain; charset=utf-16\r\n\r\nodd",
        b"Content-Type: text/plain; charset=zlib\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%",
        b'Subject: =?utf-8?B?!!!?= =?utf-8?Q?=ZZ?=\r\nFrom: "unterminated <a@b\r\n\r\nx',
    ],
)
def test_malformed_input_never_raises(raw):
    msg = parse_message(raw)
    assert isinstance(msg, ParsedMessage)
    assert msg.message_id.startswith("<") and msg.message_id.endswith(">")
    assert msg.defects  # something was recorded


def test_empty_and_header_only_messages():
    empty = parse_message(b"")
    assert "empty message" in empty.defects and empty.message_id_synthesised and empty.body_text == ""
    header_only = parse_message(b"Subject: only headers")
    assert header_only.subject == "only headers" and header_only.body_text == ""


def test_nul_bytes_are_dropped():
    assert parse("nul_byte.eml").new_text == "Please fix the menu."
    assert parse_message(b"Subject: Hel\x00lo\r\n\r\nx").subject == "Hello"


def test_broken_base64_keeps_what_decodes():
    msg = parse("broken_base64.eml")
    assert msg.new_text == "Please check the footer – thanks."
    assert any("InvalidBase64" in d for d in msg.defects)


def test_newlines_and_whitespace_normalised():
    msg = parse_message(simple("From: a@b.dk", body="one   \r\ntwo\rthree\r\n\r\n\r\n\r\n\r\n\r\nfour\t\r\n"))
    assert msg.body_text == "one\ntwo\nthree\n\n\nfour"


def test_huge_attachment_is_fast_and_not_kept():
    payload = bytes(range(256)) * (20_000_000 // 256)
    raw = simple(
        "From: a@b.dk",
        'Content-Type: multipart/mixed; boundary="b"',
        body="--b\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n--b\r\n"
        'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="big.bin"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n",
    )
    raw += base64.encodebytes(payload).replace(b"\n", b"\r\n") + b"--b--\r\n"
    assert len(raw) > 20_000_000
    started = time.perf_counter()
    msg = parse_message(raw)
    assert time.perf_counter() - started < 15
    assert msg.new_text == "See attachment."
    assert msg.attachments == [
        Attachment(filename="big.bin", content_type="application/octet-stream", size=len(payload))
    ]
    assert len(msg.model_dump_json()) < 2_000


def test_huge_text_is_truncated():
    line = "Please fix the page. " * 20 + "\r\n"
    part = "--b\r\nContent-Type: text/plain\r\n\r\n" + line * 6000 + "\r\n"  # ~2.5M characters each
    raw = simple("From: a@b.dk", 'Content-Type: multipart/mixed; boundary="b"', body=part * 3 + "--b--\r\n")
    msg = parse_message(raw)
    assert len(msg.body_text) == 100_000  # ANALYSIS_LIMIT: what is stored with the message is bounded
    assert any(d.startswith("truncated: text/plain part cut") for d in msg.defects)
    assert any(d.startswith("truncated: body text cut") for d in msg.defects)


def test_compat32_fallback_gives_the_same_result(monkeypatch):
    import email
    from email import policy

    real = email.message_from_bytes

    def modern_parser_fails(raw, policy=None):
        if policy is not email.policy.compat32:
            raise ValueError("broken headers")
        return real(raw, policy=policy)

    names = ["danish_latin1_qp.eml", "thai_tis620_base64.eml", "attachments.eml", "threading.eml", "broken_headers.eml"]
    expected = {name: parse(name) for name in names}
    monkeypatch.setattr(email, "message_from_bytes", modern_parser_fails)
    for name in names:
        fallback = parse(name)
        assert fallback.model_dump(exclude={"defects"}) == expected[name].model_dump(exclude={"defects"})
        assert any("compat32" in d for d in fallback.defects)
    assert policy.default is not policy.compat32


def test_bottom_posted_reply_keeps_the_new_text_below_the_quote() -> None:
    raw = (
        b"From: Mette <mette@nordlys.example>\r\nTo: anna@agency.example\r\nSubject: Re: Plan\r\n"
        b"Message-ID: <bp@nordlys.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"On Mon, 2 Mar 2026 at 10:00, Anna <anna@agency.example> wrote:\r\n"
        b"> Here is the plan for March.\r\n> Four articles as agreed.\r\n\r\n"
        b"Looks good. Could you also translate all four into German?\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.new_text == "Looks good. Could you also translate all four into German?"
    assert "Four articles as agreed." in parsed.quoted_text
    assert "Four articles" not in parsed.new_text


def test_a_parser_failure_is_logged_and_marks_the_message_for_quarantine(monkeypatch, caplog):
    def bug(raw: bytes) -> ParsedMessage:
        raise KeyError("our own bug")

    monkeypatch.setattr("assistant.parse.parser._parse", bug)
    with caplog.at_level("ERROR", logger="assistant.parse.parser"):
        msg = parse_message(simple("From: a@b.example", "Subject: Hi"))
    assert msg.quarantine_reason is not None and msg.quarantine_reason.startswith("KeyError: 'our own bug' (at ")
    [record] = caplog.records
    assert "KeyError: 'our own bug'" in record.getMessage() and "quarantine" in record.getMessage()
    assert parse_message(simple("From: a@b.example", "Subject: Hi")).quarantine_reason is not None
    monkeypatch.undo()
    assert parse_message(simple("From: a@b.example", "Subject: Hi")).quarantine_reason is None
