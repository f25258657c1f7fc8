"""``parse_message``: raw RFC 5322 bytes in, :class:`ParsedMessage` out, never an exception."""

from __future__ import annotations

import email
import hashlib
import itertools
import logging
import re
import traceback
from email import headerregistry, policy
from email.message import Message
from pathlib import Path

from assistant.parse import auto, body, headers, quotes
from assistant.parse.models import Address, ParsedMessage

log = logging.getLogger(__name__)

MODERN_HEADER_LIMIT = 8_192  # longer header values are parsed the compat32 way ...
HEADER_LIMIT = 65_536  # ... and cut to this length
ANALYSIS_LIMIT = 100_000  # characters of body text kept and read by the new-text/quote/signature split
NEW_TEXT_LIMIT = 10_000  # characters of new text triage reads (language, cues, requests, embedding)
WORD_LIMIT = 500  # longer "words" in the subject and new text are cut (regexes downstream scan them per position)
MULTIPART_LIMIT = 200  # multipart and message/* declarations read; the stdlib parser recurses once per level
DELIMITER_LIMIT = 2 * body.MAX_PARTS  # MIME part delimiters read (the body walk stops at MAX_PARTS)
FIELD_LIMIT = 1_000  # header fields read; past them only the first of each field the parser reads

#: The header fields the parser reads (headers, auto, body): kept past ``FIELD_LIMIT`` once.
_READ_FIELDS = frozenset(
    b"from to cc reply-to subject message-id in-reply-to references date mime-version content-type"
    b" content-transfer-encoding content-disposition auto-submitted x-autoreply x-autorespond precedence".split()
)
_FIELD_NAME = re.compile(rb"([!-9;-~]+):")
_FIELD_START = re.compile(rb"(?m)^[!-9;-~]+:")
_READ_FIELD_START = re.compile(rb"(?im)^(" + b"|".join(sorted(_READ_FIELDS)) + rb"):")
_NOT_HEADER_LINE = re.compile(rb"(?m)^(?![ \t]|[!-9;-~]+:)")
_FIELD_END = re.compile(rb"\n(?![ \t])")  # a line end not followed by a continuation line
_CONTAINER = re.compile(rb"(?i)multipart|message/")  # in the header: the body may hold parts
_ENCLOSED = re.compile(rb"(?im)^content-type:\s*message/")

#: Cut by :func:`headers.address_header` instead, which keeps the address at the end.
_ADDRESS_HEADERS = {"from", "to", "cc", "reply-to"}
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{WORD_LIMIT + 1},}}")  # from a word start only: linear
_HEADER_END = re.compile(rb"\n\r?\n")
_BARE_CR = re.compile(rb"\r(?!\n)")
_BARE_LF = re.compile(rb"(?<!\r)\n")
#: What starts a real next header line: folding whitespace or a field name and a colon.
_NEXT_LINE = rb"(?![ \t]|[!-9;-~]+:)"
#: Line breaks inside a header value: any bare CR; in a CRLF message also a bare LF (not one
#: that makes a blank line) and CR CR LF, unless a header line follows.
_IN_VALUE_CRLF = re.compile(rb"\r+\r\n" + _NEXT_LINE + rb"|\r(?!\n)|(?<![\r\n])\n" + _NEXT_LINE)
_IN_VALUE_LF = _BARE_CR
#: A header-block line with no field name and no colon, with a header line after it: the rest
#: of the header before it, broken by a stray line end.
_STRAY_LINE = re.compile(rb"\r?\n([^ \t\r\n:][^:\r\n]*\r?\n)" + _NEXT_LINE.replace(b"?!", b"?=", 1))
_NESTING = re.compile(rb"(?im)^content-type:\s*(?:multipart|message)/")
_BOUNDARY = re.compile(rb'(?i)\bboundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))')


class _HeaderClasses(headerregistry.HeaderRegistry):
    """The stdlib's header registry, but each kind of header's class is made once: the stdlib
    makes a new class for every header it reads, and classes are garbage only a full
    collection frees (a message of many parts or headers leaves thousands). One class per
    registered header name plus one for all others, so the cache is bounded."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str | None, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower() if name.lower() in self.registry else None
        if key not in self._classes:
            self._classes[key] = super().__getitem__(name)
        return self._classes[key]


_POLICY = policy.default.clone(header_factory=_HeaderClasses())


def parse_message(raw: bytes) -> ParsedMessage:
    """Decode one message. Malformed input gives a best-effort result with ``defects``."""
    try:
        raw = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else bytes(raw or b"")
    except Exception:  # noqa: BLE001 - not bytes at all
        raw = b""
    try:
        return _parse(raw)
    except Exception as exc:  # noqa: BLE001 - untrusted input must never crash the pipeline; the message is quarantined
        return _quarantined(raw, exc)


def _quarantined(raw: bytes, exc: Exception) -> ParsedMessage:
    """What is left of a message the parser failed on: its (synthesised) id and why, so that it
    is stored in quarantine and shown, not lost. The failure may be our own bug: it is logged
    with where it happened."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    reason = f"{type(exc).__name__}: {exc}"[:500] + where
    log.error("the parser failed on a %d-byte message: %s; it is quarantined, not triaged", len(raw), reason)
    log.debug("parser failure", exc_info=exc)
    return ParsedMessage(
        message_id=synthesise_message_id(raw),
        message_id_synthesised=True,
        defects=[f"parser failure: {type(exc).__name__}"],
        quarantine_reason=reason,
    )


def synthesise_message_id(raw: bytes) -> str:
    """A deterministic stand-in for a missing Message-ID: same bytes, same id."""
    return f"<{hashlib.sha256(raw).hexdigest()[:32]}@synthesised.invalid>"


def _parse(raw: bytes) -> ParsedMessage:
    defects: list[str] = []
    if not raw.strip():
        defects.append("empty message")
    msg = _message(_bounded(raw, defects), defects)

    ids = headers.message_ids(msg, "Message-ID", defects)
    subject = headers.text_header(msg, "Subject", defects)
    senders = headers.address_header(msg, "From", defects)
    sender = senders[0] if senders else Address()
    if not sender.email:
        defects.append("From: missing or without address")
    content = body.extract_body(msg, defects)
    if len(content.text) > ANALYSIS_LIMIT:
        defects.append(f"truncated: body text cut to {ANALYSIS_LIMIT} characters for the reply split")
    parts = quotes.split_reply(content.text[:ANALYSIS_LIMIT])
    subject = _short_words(subject, defects, "Subject")
    new_text = _short_words(parts.new_text, defects, "new text")
    if len(new_text) > NEW_TEXT_LIMIT:
        defects.append(f"truncated: new text cut to {NEW_TEXT_LIMIT} characters for triage")
        new_text = new_text[:NEW_TEXT_LIMIT]

    return ParsedMessage(
        message_id=ids[0] if ids else synthesise_message_id(raw),
        message_id_synthesised=not ids,
        in_reply_to=next(iter(headers.message_ids(msg, "In-Reply-To", defects)), None),
        references=headers.message_ids(msg, "References", defects),
        subject=subject,
        sender=sender,
        reply_to=headers.address_header(msg, "Reply-To", defects),
        to=headers.address_header(msg, "To", defects),
        cc=headers.address_header(msg, "Cc", defects),
        date=headers.date_header(msg, defects),
        body_text=content.text[:ANALYSIS_LIMIT],  # kept with the message: bounded like the rest
        body_was_html=content.was_html,
        new_text=new_text,
        quoted_text=parts.quoted_text,
        signature=parts.signature,
        attachments=content.attachments,
        is_auto_reply=auto.is_auto_reply(msg, subject),
        is_bounce=auto.is_bounce(msg, sender, subject),
        defects=list(dict.fromkeys(defects)),
    )


def _short_words(text: str, defects: list[str], where: str) -> str:
    """``text`` with every run of non-space characters longer than ``WORD_LIMIT`` cut to it."""
    long_words = 0

    def cut(match: re.Match[str]) -> str:
        nonlocal long_words
        word = match.group()
        if len(word) <= WORD_LIMIT:
            return word
        long_words += 1
        return word[:WORD_LIMIT]

    out = _LONG_WORD.sub(cut, text)
    if long_words:
        defects.append(f"truncated: {where}: {long_words} word(s) longer than {WORD_LIMIT} characters cut")
    return out


def _bounded(raw: bytes, defects: list[str]) -> bytes:
    """The raw bytes made safe for the stdlib parser, in linear time: at most ``FIELD_LIMIT``
    header fields in the message's header and as many in all its parts' headers together
    (:func:`_few_fields`), a bare CR or LF inside a header value (which the parser takes for a
    line end, cutting a display name from its address) becomes a space, and nothing past the
    ``MULTIPART_LIMIT``-th multipart or message/* declaration (deep nesting makes the parser
    recurse until ``RecursionError``) or the ``DELIMITER_LIMIT``-th part delimiter (the
    parser's cost grows with every part) is read."""
    raw = _few_fields(raw, defects)
    end = _HEADER_END.search(raw)
    head = raw[: end.start() + 1] if end else raw
    if b"\n" in head and _has_bare_line_end(head):  # CR-only line ends are left alone
        crlf = head.count(b"\r\n") * 2 > head.count(b"\n")  # most lines end in CRLF
        fixed, bare = (_IN_VALUE_CRLF if crlf else _IN_VALUE_LF).subn(b" ", head)
        if bare:
            if _BARE_CR.search(head):
                defects.append("headers: bare CR read as a space")
            if crlf and _BARE_LF.search(head):
                defects.append("headers: bare LF read as a space")
            raw = fixed + raw[len(head) :]
    end = _HEADER_END.search(raw)
    head = raw[: end.start() + 1] if end else raw
    joined, stray = _STRAY_LINE.subn(rb" \1", head)
    if stray:  # a display name broken over two lines (a server turns a bare CR into CRLF)
        defects.append("headers: line without a field name joined to the header before it")
        raw = joined + raw[len(head) :]
    end = _HEADER_END.search(raw)
    if not _CONTAINER.search(raw, 0, end.start() + 1 if end else len(raw)):
        return raw  # a single part: the stdlib reads its body as it is, whatever the body says
    for count, match in enumerate(_NESTING.finditer(raw), 1):
        if count > MULTIPART_LIMIT:
            defects.append(f"mime: more than {MULTIPART_LIMIT} multipart parts; the rest is not read")
            raw = raw[: match.start()]
            break
    end = _HEADER_END.search(raw)
    starts = [end.end()] if end and _ENCLOSED.search(raw, 0, end.end()) else []  # a message/* mail's header
    boundaries = list(dict.fromkeys(a or b for a, b in _BOUNDARY.findall(raw)))[:MULTIPART_LIMIT]
    if boundaries:
        delimiter = re.compile(rb"(?m)^--(?:" + b"|".join(re.escape(b) for b in boundaries) + rb")")
        for count, match in enumerate(delimiter.finditer(raw), 1):
            if count > DELIMITER_LIMIT:
                defects.append(f"mime: more than {DELIMITER_LIMIT} part delimiters; the rest is not read")
                raw = raw[: match.start()]
                break
            line_end = raw.find(b"\n", match.end())
            if line_end >= 0:  # the part's header starts on the next line
                starts.append(line_end + 1)
    return _few_part_fields(raw, starts, defects) if b"\n" in raw else raw


def _few_part_fields(raw: bytes, starts: list[int], defects: list[str]) -> bytes:
    """``raw`` with at most ``FIELD_LIMIT`` fields in the headers of all its parts together
    (each starts at one of ``starts``, in order; a message/* part's enclosed mail's header
    follows the part's own), plus in each the first of each field the parser reads."""
    budget, dropped, pos = FIELD_LIMIT, 0, 0
    out: list[bytes] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(raw)
        while start < stop:
            size, after = _blank_line(raw, start, stop)
            lines = raw.count(b"\n", start, size)
            if lines > budget:
                kept, fields, cut = _keep_part_fields(raw[start:size], budget)
                out += [raw[pos:start], kept]
                pos, dropped, budget = size, dropped + cut, max(budget - fields, 0)
            else:
                budget -= lines
            if after is None or not _ENCLOSED.search(raw, start, size):
                break
            start = after
    if not dropped:
        return raw
    defects.append(f"truncated: {dropped} header fields of parts past the first {FIELD_LIMIT} not read")
    return b"".join(out) + raw[pos:]


def _blank_line(raw: bytes, start: int, stop: int) -> tuple[int, int | None]:
    """Where the first empty line at or after the line start ``start`` (before ``stop``)
    begins and where the line after it begins; (``stop``, None) if there is none."""
    for empty in (b"\r\n", b"\n"):
        if raw.startswith(empty, start, stop):
            return start, start + len(empty)
    found = [
        (at + 1, at + 1 + len(empty)) for empty in (b"\r\n", b"\n") if (at := raw.find(b"\n" + empty, start, stop)) >= 0
    ]
    return min(found) if found else (stop, None)


def _keep_part_fields(block: bytes, limit: int) -> tuple[bytes, int, int]:
    """A part's header ``block`` with its first ``limit`` fields and the first of each field
    the parser reads after them; how many fields were kept and dropped. The stdlib reads a
    part's header up to its first line that is no header line: that line and all after it
    are kept. Searched with regexes, not line by line: a part may have a million lines."""
    body = _NOT_HEADER_LINE.search(block)
    end = body.start() if body else len(block)
    starts = [m.start() for m in itertools.islice(_FIELD_START.finditer(block, 0, end), limit + 1)]
    if len(starts) <= limit:
        return block, len(starts), 0
    cut = starts[limit]
    seen = {m.group(1).lower() for m in _READ_FIELD_START.finditer(block, 0, cut)}
    kept = [block[:cut]]
    for match in _READ_FIELD_START.finditer(block, cut, end):
        if (name := match.group(1).lower()) not in seen:
            seen.add(name)
            field_end = _FIELD_END.search(block, match.end(), end)
            kept.append(block[match.start() : field_end.end() if field_end else end])
    fields = len(_FIELD_START.findall(block, cut, end))
    return b"".join([*kept, block[end:]]), limit + len(kept) - 1, fields - (len(kept) - 1)


def _has_bare_line_end(head: bytes) -> bool:
    """Whether ``head`` has a CR or LF that is not part of a CRLF (counted, not searched)."""
    pairs = head.count(b"\r\n")
    return head.count(b"\r") != pairs or head.count(b"\n") != pairs


def _few_fields(raw: bytes, defects: list[str]) -> bytes:
    """``raw`` with at most ``FIELD_LIMIT`` fields in its header, plus the first of each field
    the parser reads that comes later; in linear time, before any regex or the stdlib parser
    reads the header (each field costs them, and every header look-up scans all fields).
    Which lines belong to which field: :func:`_keep_fields`."""
    sep = b"\n" if b"\n" in raw else b"\r"
    if sep == b"\n":
        end = _HEADER_END.search(raw)
        size = end.start() + 1 if end else len(raw)
    else:  # CR-only line ends
        size = raw.find(b"\r\r") + 1 or len(raw)
    head = raw[:size]
    if head.count(sep) <= FIELD_LIMIT:
        return raw
    lines = head.split(sep)
    last = lines.pop()  # after the header's last line end: kept as it is
    kept, _, dropped = _keep_fields(lines, FIELD_LIMIT)
    if not dropped:
        return raw
    defects.append(f"truncated: {dropped} header fields past the first {FIELD_LIMIT} not read")
    return sep.join([*kept, last]) + raw[size:]


def _keep_fields(lines: list[bytes], limit: int) -> tuple[list[bytes], int, int]:
    """The header ``lines`` of the first ``limit`` fields and of the first of each field the
    parser reads after them; how many fields there were and how many were dropped. A line
    without a field name continues the field before it when a header line follows (as
    ``_STRAY_LINE`` joins it); else the body starts there, and it and all after it are kept."""
    kept: list[bytes] = []
    seen: set[bytes] = set()
    fields = dropped = 0
    keep = True
    for i, line in enumerate(lines):
        name = None if line[:1] in (b" ", b"\t") else _FIELD_NAME.match(line)
        if name:
            fields += 1
            field = name.group(1).lower()
            keep = fields <= limit or (field in _READ_FIELDS and field not in seen)
            seen.add(field)
            dropped += not keep
        elif line[:1] not in (b" ", b"\t") and not (i + 1 < len(lines) and _header_line(lines[i + 1])):
            kept += lines[i:]
            break
        if keep:
            kept.append(line)
    return kept, fields, dropped


def _header_line(line: bytes) -> bool:
    return line[:1] in (b" ", b"\t") or _FIELD_NAME.match(line) is not None


def _message(raw: bytes, defects: list[str]) -> Message:
    """Parse with ``policy.default``; fall back to ``compat32`` if that fails or a header is
    too long for it (its header parser takes quadratic time and memory on some input)."""
    try:
        msg = email.message_from_bytes(raw, policy=_POLICY)
        if not any(len(v) > MODERN_HEADER_LIMIT for part in msg.walk() for _, v in part.raw_items()):
            return msg
        defects.append("headers: oversized header; used compat32")
    except Exception as exc:  # noqa: BLE001
        defects.append(f"headers: modern parser failed ({type(exc).__name__}); used compat32")
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    for part in msg.walk():
        for name in {k.lower() for k, v in part.raw_items() if len(v) > HEADER_LIMIT} - _ADDRESS_HEADERS:
            values = [v for k, v in part.raw_items() if k.lower() == name]
            del part[name]
            for value in values:
                part[name] = value[:HEADER_LIMIT]
            defects.append(f"truncated: {name} header cut to {HEADER_LIMIT} characters")
    return msg
