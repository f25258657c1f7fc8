"""Header values: decoded text, addresses, message ids and the date.

The message is parsed with ``policy.default``, whose header objects decode RFC 2047 and
parse addresses properly. When that fails or gives up on a value (an exception, U+FFFD,
undecoded encoded-words), the raw value is decoded the compat32 way instead:
``email.header.decode_header`` for encoded-words, ``email.utils`` for addresses and dates,
with the charset fallbacks of :mod:`assistant.parse.text`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from assistant.parse.models import Address
from assistant.parse.text import clean_line, decode_bytes, has_surrogates, unsurrogate

#: Runs of RFC 2047 encoded-words (whitespace between adjacent ones is not text).
_ENCODED_WORDS = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?]*\?=(?:\s*=\?[^?\s]+\?[bBqQ]\?[^?]*\?=)*")
_MSG_ID = re.compile(r"<([^<>]+)>")
#: What separates the words an address is picked out of (a character class: linear to split on).
_ADDR_BREAK = re.compile(r"[\s<>()\[\]\",;:]+")
ADDRESS_LIMIT = 8_192  # characters of an address header read (a long list is cut at a comma)
TEXT_LIMIT = 4_096  # characters of an unstructured header (Subject) kept
_NAME_LIMIT = 256  # display name kept when one address is too long
_ADDR_LIMIT = 320  # longer "addresses" are not addresses (RFC 5321: 64 + 1 + 255)


def raw_values(msg: Message, name: str) -> list[str]:
    """The header's raw values, in order, as the parser stored them (never raises)."""
    try:
        return [str(value) for key, value in msg.raw_items() if key.lower() == name.lower()]
    except Exception:  # noqa: BLE001 - a broken header store is as good as no header
        return []


def decode_words(raw: str, defects: list[str], where: str) -> str:
    """Decode a raw header value: encoded-words (also the broken forms: inside quotes, glued
    to other text, with spaces inside) and raw 8-bit bytes (UTF-8, else a fallback)."""
    out, pos = [], 0
    for match in _ENCODED_WORDS.finditer(raw):
        out.append(unsurrogate(raw[pos : match.start()], defects, where))
        try:
            chunks = decode_header(match.group())
        except (HeaderParseError, ValueError, LookupError):
            defects.append(f"{where}: undecodable encoded-word kept as is")
            chunks = [(match.group(), None)]
        for chunk, charset in chunks:
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8", "surrogateescape")
            out.append(decode_bytes(chunk, charset, defects, where))
        pos = match.end()
    out.append(unsurrogate(raw[pos:], defects, where))
    return clean_line("".join(out))


def text_header(msg: Message, name: str, defects: list[str]) -> str:
    """An unstructured header (Subject) as one clean line; "" when missing."""
    raws = raw_values(msg, name)
    if not raws:
        return ""
    try:
        value = str(msg[name])
    except Exception:  # noqa: BLE001 - policy.default gave up: decode the raw value
        value = None
    if value is None or _garbled(value):
        value = decode_words(_capped(raws[0], TEXT_LIMIT, defects, name), defects, name)
    return clean_line(_capped(value, TEXT_LIMIT, defects, name))


def _capped(value: str, limit: int, defects: list[str], name: str) -> str:
    if len(value) <= limit:
        return value
    defects.append(f"truncated: {name} header cut to {limit} characters")
    return value[:limit]


def address_header(msg: Message, name: str, defects: list[str]) -> list[Address]:
    """All addresses in a header (groups flattened, emails lower-cased)."""
    raws = raw_values(msg, name)
    if not raws:
        return []
    if any(len(raw) > ADDRESS_LIMIT for raw in raws):
        raws = [_cap_addresses(raw, defects, name) for raw in raws]
        pairs, sane = [], False
    else:
        pairs, sane = _modern_addresses(msg, name)
    if not sane:
        pairs = [(decode_words(shown, defects, name), addr) for shown, addr in getaddresses(raws)]
    addresses = []
    for shown, addr in pairs:
        addr = unsurrogate(addr, defects, name).strip()
        if addr and not _is_addr_spec(addr):
            # "Anna Jensen anna@x.dk" and similar: pick the address out of the text.
            found = find_addr_spec(addr)
            defects.append(f"{name}: malformed address {addr[:200]!r}")
            shown = shown or clean_line(addr.replace(found, "") if found else "").strip("\"'<> ")
            addr = found
        if addr or shown:
            addresses.append(Address(name=clean_line(shown).strip("\"' "), email=addr.lower()))
    return addresses


def _modern_addresses(msg: Message, name: str) -> tuple[list[tuple[str, str]], bool]:
    """policy.default's (display name, address) pairs and whether they are all usable."""
    try:
        pairs = [(a.display_name, a.addr_spec) for header in msg.get_all(name, []) for a in header.addresses]
        return pairs, all(_is_addr_spec(addr) and not _garbled(shown) for shown, addr in pairs)
    except Exception:  # noqa: BLE001 - compat32 message or unparsable header
        return [], False


def _cap_addresses(raw: str, defects: list[str], name: str) -> str:
    """An oversized address header cut to ``ADDRESS_LIMIT`` in linear time: a list at its last
    comma; a single address (a huge display name) to a short name and its address."""
    defects.append(f"truncated: {name} header of {len(raw)} characters cut to {ADDRESS_LIMIT}")
    head = raw[:ADDRESS_LIMIT]
    comma = head.rfind(",")
    if comma > 0 and "@" in head[:comma]:
        return head[:comma]
    start = raw.rfind("<")
    end = raw.find(">", start + 1)
    if start >= 0 and start + 1 < end < start + _ADDR_LIMIT and "@" in raw[start:end]:
        addr, shown = raw[start + 1 : end], raw[:start]
    else:
        addr, shown = find_addr_spec(raw), ""
    shown = shown[:_NAME_LIMIT].replace("\\", "").replace('"', "").strip()
    return f'"{shown}" <{addr.strip()}>' if shown else f"<{addr.strip()}>" if addr else head


def find_addr_spec(text: str) -> str:
    """The first ``local@domain.tld`` in ``text`` ("" if none), in linear time."""
    for word in _ADDR_BREAK.split(text):
        pieces = word.split("@")
        for local, domain in zip(pieces, pieces[1:], strict=False):
            if local and "." in domain[1:-1] and len(local) + len(domain) < _ADDR_LIMIT:
                return f"{local}@{domain}"
    return ""


def message_ids(msg: Message, name: str, defects: list[str]) -> list[str]:
    """``<id>`` tokens of Message-ID / In-Reply-To / References, deduplicated, in order; raw
    8-bit bytes in an id are decoded like any header's (the same bytes give the same id)."""
    ids: dict[str, None] = {}
    for raw in raw_values(msg, name):
        tokens = _MSG_ID.findall(raw)
        if not tokens and "@" in raw and name.lower() == "message-id":
            tokens = [raw]  # id without angle brackets
        for token in tokens:
            token = clean_line(unsurrogate(token, defects, name)).replace(" ", "")
            if token:
                ids[f"<{token}>"] = None
    return list(ids)


def date_header(msg: Message, defects: list[str]) -> datetime | None:
    """The Date header as an aware datetime; naive dates are taken as UTC."""
    raws = raw_values(msg, "Date")
    if not raws:
        defects.append("Date: missing")
        return None
    try:
        value = parsedate_to_datetime(clean_line(raws[0]))
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"Date: unparsable {clean_line(raws[0])[:80]!r}")
        return None
    if value.tzinfo is None:
        defects.append("Date: no time zone; assumed UTC")
        value = value.replace(tzinfo=UTC)
    return value


def _is_addr_spec(addr: str) -> bool:
    local, at, domain = addr.rpartition("@")
    return bool(at and local and domain) and not any(c in addr for c in ' <>(),;"')


def _garbled(text: str) -> bool:
    """policy.default gave up on part of the value (or left encoded-words undecoded)."""
    return "\ufffd" in text or "=?" in text or has_surrogates(text)
