"""Reading imaplib2's responses: FETCH bodies, SEARCH, LIST, response codes and server text.

Pure functions over the data imaplib2 returns (and, for response codes and untagged
responses, over the connection holding them); nothing here sends a command except
:func:`capabilities_after_login`'s fallback CAPABILITY.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import imaplib2

from assistant.mailin.imap_utf7 import decode_mailbox

log = logging.getLogger(__name__)


def uid_set(uids: Iterable[int]) -> str:
    """``[1, 2, 3, 7, 9, 10]`` -> ``"1:3,7,9:10"``."""
    ranges: list[str] = []
    ordered = sorted(set(uids))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        ranges.append(str(ordered[i]) if i == j else f"{ordered[i]}:{ordered[j]}")
        i = j + 1
    return ",".join(ranges)


_UID_RE = re.compile(rb"\bUID (\d+)")
_FLAGS_RE = re.compile(rb"\bFLAGS \(([^)]*)\)")
_BODY_RE = re.compile(rb"\bBODY\[\] \{\d+\}$")
_HEADER_RE = re.compile(rb"\bBODY\[HEADER\.FIELDS \([^)]*\)\] \{\d+\}$")


@dataclass(frozen=True)
class Fetched:
    """One message from ``UID FETCH ... (UID FLAGS BODY.PEEK[])``: its bytes and flags."""

    raw: bytes
    flags: frozenset[str] = frozenset()

    @property
    def answered(self) -> bool:
        return "\\answered" in self.flags


def parse_fetch_bodies(data: list[Any]) -> dict[int, Fetched]:
    """``{uid: Fetched}`` from imaplib2's data for ``UID FETCH ... (UID FLAGS BODY.PEEK[])``.

    Each message arrives as ``(b'5 (UID 12 FLAGS (\\Answered) BODY[] {n}', raw)`` followed by
    ``b')'``; some servers put ``UID 12`` or the FLAGS after the literal instead
    (``b' UID 12 FLAGS ())'``). Unsolicited FETCH responses (flag changes) are plain bytes
    and are skipped. Flags come lower-cased.
    """
    return _parse_fetch(data, _BODY_RE)


def parse_fetch_headers(data: list[Any]) -> dict[int, Fetched]:
    """The same for ``UID FETCH ... (UID FLAGS BODY.PEEK[HEADER.FIELDS (...)])``."""
    return _parse_fetch(data, _HEADER_RE)


def _parse_fetch(data: list[Any], literal: re.Pattern[bytes]) -> dict[int, Fetched]:
    fetched: dict[int, Fetched] = {}
    for i, item in enumerate(data):
        if not isinstance(item, tuple) or len(item) != 2:
            continue
        head, raw = item
        if not literal.search(head):
            continue
        tail = data[i + 1] if i + 1 < len(data) and isinstance(data[i + 1], bytes) else b""
        match = _UID_RE.search(head) or _UID_RE.search(tail)
        if match is None:
            log.warning("FETCH response without UID skipped: %.80r", head)
            continue
        flags = _FLAGS_RE.search(head) or _FLAGS_RE.search(tail)
        names = (
            frozenset(f.decode("ascii", "replace").lower() for f in flags.group(1).split()) if flags else frozenset()
        )
        fetched[int(match.group(1))] = Fetched(raw=raw, flags=names)
    return fetched


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def imap_date(day: date) -> str:
    """A date as IMAP SEARCH wants it (RFC 3501 ``date``): ``1-Nov-2026``, English month
    names whatever the locale."""
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day.year}"


def parse_search(data: list[Any]) -> list[int]:
    uids: list[int] = []
    for item in data:
        if isinstance(item, bytes):
            uids.extend(int(x) for x in item.split() if x.isdigit())
    return uids


@dataclass(frozen=True)
class ListEntry:
    """One LIST response line, with the name decoded to Unicode."""

    name: str
    attributes: frozenset[str]
    delimiter: str | None

    @property
    def selectable(self) -> bool:
        return not ({"\\noselect", "\\nonexistent"} & self.attributes)


_LIST_RE = re.compile(rb'^\((?P<attrs>[^)]*)\) (?P<delim>"(?:\\.|[^"\\])*"|NIL) (?P<name>.*)$', re.IGNORECASE)


def _unquote(text: bytes) -> bytes:
    if len(text) >= 2 and text[:1] == b'"' and text[-1:] == b'"':
        return re.sub(rb"\\(.)", rb"\1", text[1:-1])
    return text


def parse_list(data: list[Any]) -> list[ListEntry]:
    """Entries from imaplib2's LIST data; names sent as literals arrive as tuples."""
    entries: list[ListEntry] = []
    for item in data:
        if isinstance(item, tuple):
            head, literal = item
            line = head.rsplit(b"{", 1)[0] + b'"' + literal.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
        elif isinstance(item, bytes):
            line = item
        else:
            continue
        match = _LIST_RE.match(line.strip())
        if not match:
            continue
        delim = match.group("delim")
        delimiter = None if delim.upper() == b"NIL" else _unquote(delim).decode("utf-8", "replace")
        name = decode_mailbox(_unquote(match.group("name")).decode("utf-8", "replace"))
        attrs = frozenset(a.decode("ascii", "replace").lower() for a in match.group("attrs").split())
        entries.append(ListEntry(name=name, attributes=attrs, delimiter=delimiter))
    return entries


def server_text(exc: BaseException, secret: str | None = None) -> str:
    """The server's words from an imaplib2 exception, without the echoed command.

    imaplib2 appends ``Data: <the command sent>`` to BAD errors — for LOGIN that includes the
    password — so that part is always cut, and the secret is masked for good measure.
    """
    text = str(exc)
    text = text.split(". Data: ", 1)[0]
    text = re.sub(r"^b'(.*)'$", r"\1", text)
    text = re.sub(r"^b\"(.*)\"$", r"\1", text)
    if secret:
        text = text.replace(secret, "***")
    return text.strip() or exc.__class__.__name__


def response_text(data: list[Any] | None) -> str:
    if not data:
        return ""
    last = data[-1]
    if isinstance(last, tuple):
        last = last[0]
    if isinstance(last, bytes):
        return last.decode("utf-8", "replace")
    return str(last) if last is not None else ""


def strip_timing(text: str) -> str:
    """Dovecot appends ``(0.001 + 0.000 secs).`` to its replies; not for users."""
    return re.sub(r"\s*\([\d.+ ]+secs\)\.?$", "", text).strip()


def drain(conn: imaplib2.IMAP4) -> set[str]:
    """Remove all pending untagged responses; the set of their types."""
    return {typ for typ, _data in conn.pop_untagged_responses()}


def int_response(conn: imaplib2.IMAP4, code: str) -> int | None:
    _typ, data = conn.response(code)
    for item in reversed(data or []):
        if isinstance(item, bytes) and item.strip().isdigit():
            return int(item.strip())
    return None


def capabilities_after_login(conn: imaplib2.IMAP4) -> frozenset[str]:
    """imaplib2 keeps the pre-login CAPABILITY list; servers announce more after login
    (UIDPLUS, SPECIAL-USE, ...), in the tagged OK or on request."""
    _typ, data = conn.response("CAPABILITY")
    line = data[-1] if data and data[-1] else None
    if line is None:
        typ, data = conn.capability()
        line = data[-1] if typ == "OK" and data and data[-1] else None
    if line is None:
        return frozenset(c.upper() for c in conn.capabilities)
    return frozenset(line.decode("ascii", "replace").upper().split())
