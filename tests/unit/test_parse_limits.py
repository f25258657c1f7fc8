"""Bounded cost (issue 15): oversized headers and bodies, bare CRs and MIME bombs still parse,
and every cap is recorded as a defect. Behaviour only; the timings are in the issue."""

from __future__ import annotations

from assistant.parse import parse_message
from assistant.parse.body import HTML_LIMIT, MAX_DEPTH, MAX_PARTS, TAG_LIMIT
from assistant.parse.headers import find_addr_spec
from assistant.parse.parser import (
    ANALYSIS_LIMIT,
    DELIMITER_LIMIT,
    FIELD_LIMIT,
    MULTIPART_LIMIT,
    NEW_TEXT_LIMIT,
    WORD_LIMIT,
)

_HEADERS = (
    "To: me@agency.dk\r\nSubject: Hej\r\nMessage-ID: <m1@client.dk>\r\n"
    "Date: Mon, 7 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
)


def _mail(sender: str, body: str = "Can you send the invoice?\r\n") -> bytes:
    return f"From: {sender}\r\n{_HEADERS}\r\n{body}".encode()


def _truncations(defects: list[str]) -> list[str]:
    return [d for d in defects if d.startswith("truncated:")]


def test_500kb_display_name_keeps_the_sender_and_records_the_cut() -> None:
    parsed = parse_message(_mail("A" * 500_000 + " <anna@client.dk>"))
    assert parsed.sender.email == "anna@client.dk"
    assert len(parsed.sender.name) <= 300
    assert any("From header" in d for d in _truncations(parsed.defects))
    assert parsed.new_text == "Can you send the invoice?"


def test_500kb_address_list_keeps_the_first_addresses() -> None:
    raw = _mail(", ".join(f"Person {i} <p{i}@client.dk>" for i in range(20_000)))
    parsed = parse_message(raw)
    assert parsed.sender.email == "p0@client.dk"
    assert any("From header" in d for d in _truncations(parsed.defects))


def test_500kb_word_without_an_address_gives_no_sender_but_parses() -> None:
    parsed = parse_message(_mail("a." * 250_000 + "anna@client.dk"))
    assert parsed.sender.email == ""
    assert "From: missing or without address" in parsed.defects
    assert parsed.quarantine_reason is None


def test_find_addr_spec_is_the_old_regex_in_linear_form() -> None:
    assert find_addr_spec("Anna Jensen anna@client.dk") == "anna@client.dk"
    assert find_addr_spec("x@y@client.dk") == "y@client.dk"
    assert find_addr_spec("(anna@client.dk);") == "anna@client.dk"
    assert find_addr_spec("anna@localhost") == ""
    assert find_addr_spec("A" * 100_000) == ""


def test_1mb_body_keeps_the_new_text_and_records_the_cut() -> None:
    body = "Can you send the invoice?\r\n\r\nOn Mon, Anna wrote:\r\n" + "> old history line\r\n" * 60_000
    parsed = parse_message(_mail("Anna <anna@client.dk>", body))
    assert parsed.sender.email == "anna@client.dk"
    assert parsed.new_text == "Can you send the invoice?"
    assert f"truncated: body text cut to {ANALYSIS_LIMIT} characters for the reply split" in parsed.defects
    assert len(parsed.body_text) == ANALYSIS_LIMIT  # what is stored with the message is bounded too


def test_bare_cr_in_display_name_keeps_the_sender() -> None:
    parsed = parse_message(_mail("Anna\rJensen <anna@client.dk>"))
    assert parsed.sender.email == "anna@client.dk"
    assert parsed.sender.name == "Anna Jensen"
    assert parsed.new_text == "Can you send the invoice?"
    assert "headers: bare CR read as a space" in parsed.defects


def test_crlf_message_records_no_bare_cr() -> None:
    assert "headers: bare CR read as a space" not in parse_message(_mail("Anna <anna@client.dk>")).defects


def _nested(depth: int) -> bytes:
    out = "From: Anna <anna@client.dk>\r\n" + _HEADERS
    for i in range(depth):
        out += f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'
    out += "Content-Type: text/plain\r\n\r\nDeep hello.\r\n"
    return (out + "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))).encode()


def test_mime_nesting_depth_2000_parses_with_a_defect() -> None:
    parsed = parse_message(_nested(2000))
    assert parsed.quarantine_reason is None
    assert parsed.sender.email == "anna@client.dk"
    assert parsed.message_id == "<m1@client.dk>"
    assert f"mime: nested deeper than {MAX_DEPTH} levels; deeper parts ignored" in parsed.defects


def test_mime_nesting_within_the_limit_is_read() -> None:
    parsed = parse_message(_nested(MAX_DEPTH - 2))
    assert parsed.new_text == "Deep hello."
    assert not any(d.startswith("mime: nested") for d in parsed.defects)


def test_1000_parts_stop_at_the_part_limit_with_a_defect() -> None:
    out = "From: Anna <anna@client.dk>\r\n" + _HEADERS + 'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
    out += "--B\r\nContent-Type: text/plain\r\n\r\nFirst hello.\r\n"
    for i in range(1000):
        out += f'--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="f{i}.pdf"\r\n\r\nxx\r\n'
    parsed = parse_message((out + "--B--\r\n").encode())
    assert parsed.sender.email == "anna@client.dk"
    assert parsed.new_text == "First hello."
    assert 0 < len(parsed.attachments) < MAX_PARTS
    assert f"mime: more than {MAX_PARTS} parts; the rest ignored" in parsed.defects


def test_raw_8bit_message_id_is_decoded_text_the_store_can_keep() -> None:
    raw = _mail("Anna <anna@client.dk>").replace(b"<m1@client.dk>", b"<caf\xe9-\xff@client.dk>")
    parsed = parse_message(raw)
    assert parsed.message_id == "<café-ÿ@client.dk>"
    assert parsed.message_id == parse_message(raw).message_id  # same bytes, same id
    parsed.model_dump_json()  # no lone surrogates left: UTF-8 (JSON, SQLite) can hold it
    assert any(d.startswith("Message-ID:") for d in parsed.defects)


def test_bare_lf_in_a_crlf_display_name_keeps_the_sender_and_the_other_headers() -> None:
    for broken in ("Anna\nJensen", "Anna\r\r\nJensen"):
        parsed = parse_message(_mail(f"{broken} <anna@client.dk>"))
        assert (parsed.sender.email, parsed.sender.name) == ("anna@client.dk", "Anna Jensen")
        assert parsed.message_id == "<m1@client.dk>" and parsed.subject == "Hej"
        assert parsed.new_text == "Can you send the invoice?"


def test_lf_message_keeps_its_line_ends() -> None:
    parsed = parse_message(_mail("Anna <anna@client.dk>").replace(b"\r\n", b"\n"))
    assert (parsed.sender.email, parsed.message_id, parsed.subject) == ("anna@client.dk", "<m1@client.dk>", "Hej")
    assert not any(d.startswith("headers: bare") for d in parsed.defects)


def test_message_rfc822_nesting_2000_keeps_the_outer_message() -> None:
    inner = b"From: x@y.example\r\nContent-Type: text/plain\r\n\r\nInner.\r\n"
    for _ in range(2000):
        inner = b"From: x@y.example\r\nContent-Type: message/rfc822\r\n\r\n" + inner
    head = _mail("Anna <anna@client.dk>", "").rstrip(b"\r\n") + b"\r\nContent-Type: message/rfc822\r\n\r\n"
    parsed = parse_message(head + inner)
    assert parsed.quarantine_reason is None
    assert (parsed.sender.email, parsed.message_id) == ("anna@client.dk", "<m1@client.dk>")
    assert f"mime: more than {MULTIPART_LIMIT} multipart parts; the rest is not read" in parsed.defects


def test_10000_parts_are_cut_before_the_stdlib_parser_reads_them() -> None:
    out = "From: Anna <anna@client.dk>\r\n" + _HEADERS + 'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
    out += "--B\r\nContent-Type: text/plain\r\n\r\nFirst hello.\r\n"
    out += "--B\r\nContent-Type: application/pdf\r\n\r\nxx\r\n" * 10_000
    parsed = parse_message((out + "--B--\r\n").encode())
    assert parsed.new_text == "First hello."
    assert f"mime: more than {DELIMITER_LIMIT} part delimiters; the rest is not read" in parsed.defects
    assert f"mime: more than {MAX_PARTS} parts; the rest ignored" in parsed.defects


def _html(body: str) -> bytes:
    return _mail("Anna <anna@client.dk>", body).replace(b"MIME-Version: 1.0", b"Content-Type: text/html")


def test_deeply_nested_html_is_read_up_to_the_tag_limit() -> None:
    for tag in ("div", "blockquote"):
        parsed = parse_message(_html(f"<p>Can you send the invoice?</p>{f'<{tag}>' * 50_000}deep"))
        assert parsed.new_text.startswith("Can you send the invoice?")
        assert f"truncated: HTML cut to {TAG_LIMIT} tags" in parsed.defects


def test_nested_tables_keep_their_cells_apart() -> None:
    parsed = parse_message(_html("<table><tr><td>Hours</td><td>12</td></tr></table>" * 3))
    assert "Hours 12" in parsed.new_text
    assert not any(d.startswith("truncated") for d in parsed.defects)


def test_huge_html_is_cut_with_a_defect() -> None:
    parsed = parse_message(_html("<p>Can you send the invoice?</p>" + "<p>filler words here</p>" * 40_000))
    assert parsed.new_text.startswith("Can you send the invoice?")
    assert f"truncated: HTML cut to {HTML_LIMIT} characters" in parsed.defects


def test_a_100000_character_word_is_cut_before_triage_reads_it() -> None:
    parsed = parse_message(_mail("Anna <anna@client.dk>", "Can you send it? " + "æ" * 100_000 + "\r\n"))
    assert parsed.new_text == "Can you send it? " + "æ" * WORD_LIMIT
    assert f"truncated: new text: 1 word(s) longer than {WORD_LIMIT} characters cut" in parsed.defects


def test_a_long_new_text_is_cut_for_triage_and_the_body_kept() -> None:
    body = "Can you send the invoice? " * 2_000
    parsed = parse_message(_mail("Anna <anna@client.dk>", body))
    assert len(parsed.new_text) == NEW_TEXT_LIMIT and parsed.new_text.startswith("Can you send the invoice?")
    assert len(parsed.body_text) > NEW_TEXT_LIMIT
    assert f"truncated: new text cut to {NEW_TEXT_LIMIT} characters for triage" in parsed.defects


def test_a_display_name_broken_by_a_server_made_crlf_keeps_the_sender() -> None:
    # Dovecot stores a bare CR or LF as CRLF: the name's second half becomes a line of its own.
    parsed = parse_message(_mail("Anna\r\nJensen <anna@client.dk>"))
    assert (parsed.sender.email, parsed.sender.name) == ("anna@client.dk", "Anna Jensen")
    assert parsed.message_id == "<m1@client.dk>" and parsed.new_text == "Can you send the invoice?"
    assert "headers: line without a field name joined to the header before it" in parsed.defects


def test_a_body_without_a_blank_line_is_not_joined_to_the_headers() -> None:
    parsed = parse_message(b"From: anna@client.dk\r\nSubject: Hej\r\nCan you send the invoice?\r\nThanks\r\n")
    assert parsed.subject == "Hej" and "invoice" in parsed.new_text


def test_thousands_of_header_fields_are_cut_keeping_the_fields_the_parser_reads() -> None:
    spam = "".join(f"X-Spam-{i}: junk {i}\r\n" for i in range(3 * FIELD_LIMIT))
    raw = (
        f"To: me@agency.dk\r\n{spam}From: Anna <anna@client.dk>\r\nSubject: Hej\r\n there\r\n"
        "To: second@agency.dk\r\nMessage-ID: <m1@client.dk>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0100\r\n"
        "X-Last: junk\r\n\r\nCan you send the invoice?\r\n"
    ).encode()
    parsed = parse_message(raw)
    assert (parsed.sender.email, parsed.subject, parsed.message_id) == ("anna@client.dk", "Hej there", "<m1@client.dk>")
    assert [a.email for a in parsed.to] == ["me@agency.dk"]  # a field already read is not read again
    assert parsed.date is not None and parsed.new_text == "Can you send the invoice?"
    assert f"truncated: {2 * FIELD_LIMIT + 3} header fields past the first {FIELD_LIMIT} not read" in parsed.defects
    assert not any(d.startswith("headers: bare") for d in parsed.defects)


def test_a_message_with_as_many_fields_as_the_limit_is_read_whole() -> None:
    spam = "".join(f"X-Spam-{i}: junk\r\n" for i in range(FIELD_LIMIT - 6))
    parsed = parse_message(_mail("Anna <anna@client.dk>").replace(b"MIME-Version", spam.encode() + b"MIME-Version"))
    assert parsed.sender.email == "anna@client.dk" and parsed.subject == "Hej"
    assert not _truncations(parsed.defects)


def _multipart(*parts: str) -> bytes:
    head = "From: Anna <anna@client.dk>\r\n" + _HEADERS + 'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
    return (head + "".join(f"--B\r\n{part}" for part in parts) + "--B--\r\n").encode()


def test_header_fields_of_parts_are_cut_to_the_limit_all_together() -> None:
    spam = "".join(f"X-Spam-{i}: junk\r\n" for i in range(FIELD_LIMIT))
    part = (
        spam + "Content-Type: text/plain;\r\n charset=utf-8\r\nX-Late: junk\r\n\r\nCan you send the invoice? \u00e6\r\n"
    )
    parsed = parse_message(_multipart(part, part, part))
    assert parsed.new_text == "\n\n".join(["Can you send the invoice? \u00e6"] * 3)  # each part's type and charset kept
    assert f"truncated: {2 * FIELD_LIMIT + 3} header fields of parts past the first {FIELD_LIMIT} not read" in (
        parsed.defects
    )


def test_a_part_without_a_blank_line_after_its_header_keeps_its_whole_body() -> None:
    spam = "".join(f"X-Spam-{i}: junk\r\n" for i in range(2 * FIELD_LIMIT))
    parsed = parse_message(_multipart(spam + "Content-Type: text/plain\r\nCan you?\r\nX-Not: a header\r\nMore.\r\n"))
    assert parsed.new_text == "Can you?\nX-Not: a header\nMore."
    assert any(d.startswith("truncated:") and "header fields of parts" in d for d in parsed.defects)


def test_an_enclosed_message_header_is_cut_like_a_part_header() -> None:
    spam = "".join(f"X-Spam-{i}: junk\r\n" for i in range(2 * FIELD_LIMIT))
    inner = f"Content-Type: message/rfc822\r\n\r\nFrom: x@y.example\r\n{spam}Content-Type: text/plain\r\n\r\nInner.\r\n"
    parsed = parse_message(_multipart("Content-Type: text/plain\r\n\r\nCan you send the invoice?\r\n", inner))
    assert parsed.new_text == "Can you send the invoice?"
    assert [a.content_type for a in parsed.attachments] == ["message/rfc822"]
    assert f"truncated: {FIELD_LIMIT + 3} header fields of parts past the first {FIELD_LIMIT} not read" in (
        parsed.defects
    )


def test_a_single_part_message_quoting_mime_headers_is_read_whole() -> None:
    quoted = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\r\n--b{i}\r\n" for i in range(MULTIPART_LIMIT + 1))
    parsed = parse_message(_mail("Anna <anna@client.dk>", f"Why does the log say this?\r\n{quoted}The end.\r\n"))
    assert parsed.body_text.endswith("The end.")  # a text part's body is no MIME structure, however it looks
    assert not any(d.startswith("mime:") for d in parsed.defects)
