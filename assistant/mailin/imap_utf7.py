"""IMAP's modified UTF-7 for folder names (RFC 3501 section 5.1.3), and quoting them.

Folder names in settings and in the API are ordinary (Unicode) names such as ``Entwürfe``;
these functions convert them for the wire and back.
"""

from __future__ import annotations

import base64
import re


def encode_mailbox(name: str) -> str:
    """A Unicode folder name in IMAP modified UTF-7 (``Entwürfe`` -> ``Entw&APw-rfe``)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode("ascii").rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


_MUTF7_SHIFT = re.compile(r"&([A-Za-z0-9+,]*)-")


def decode_mailbox(name: str) -> str:
    """A modified UTF-7 folder name as Unicode; malformed input is returned unchanged."""

    def repl(match: re.Match[str]) -> str:
        b64 = match.group(1)
        if not b64:
            return "&"
        b64 = b64.replace(",", "/")
        b64 += "=" * (-len(b64) % 4)
        return base64.b64decode(b64).decode("utf-16-be")

    try:
        return _MUTF7_SHIFT.sub(repl, name)
    except (ValueError, UnicodeDecodeError):
        return name


def quote_mailbox(name: str) -> str:
    """A folder name as an IMAP quoted string (imaplib2 sends arguments verbatim)."""
    return quote_string(encode_mailbox(name))


def quote_string(text: str) -> str:
    """``text`` as an IMAP quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
