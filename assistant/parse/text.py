"""Bytes to clean text: charset choice with sensible fallbacks, and text normalisation."""

from __future__ import annotations

import codecs
import re

#: Labels Python's codec registry does not know, mapped to the codec mail clients mean.
_ALIASES = {
    "windows-874": "cp874",
    "x-windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    "x-sjis": "cp932",
    "x-gbk": "gbk",
    "unicode-1-1-utf-8": "utf-8",
}
#: Declared charsets that senders routinely use for their superset (what browsers do too):
#: the superset decodes every valid text of the declared one the same way, plus the extras.
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}
#: Codecs whose text can look like plain ASCII bytes but is not.
_NOT_ASCII_COMPATIBLE = ("iso2022", "utf-7", "utf-16", "utf-32", "hz")
#: Single-byte charsets: valid multi-byte UTF-8 in such a part means the label lies.
_SINGLE_BYTE = re.compile(r"ascii|iso8859-\d+|cp12\d\d|cp874|tis-620|koi8.*|mac-.*")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_TRAILING_WS = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{4,}")  # more than two blank lines


def lookup_codec(label: str | None) -> str | None:
    """Python codec name for a MIME charset label, or None when unknown or not a text codec."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        info = codecs.lookup(_ALIASES.get(label, label))
    except (LookupError, ValueError):
        return None
    # "undefined" is a text codec that always fails; bytes-to-bytes codecs are not text.
    return info.name if info._is_text_encoding and info.name != "undefined" else None


def decode_bytes(data: bytes, declared: str | None, defects: list[str], where: str) -> str:
    """Decode ``data``: the declared charset (or the superset senders really mean), then
    UTF-8, then charset-normalizer's guess if that library is installed and the text is
    not mostly ASCII, and finally the declared charset (or cp1252) with replacement
    characters. Every deviation from the declared charset is recorded in ``defects``."""
    codec = lookup_codec(declared)
    if data.isascii() and not (codec or "").startswith(_NOT_ASCII_COMPATIBLE):
        return data.decode("ascii")
    if declared and codec is None:
        defects.append(f"{where}: unknown charset {declared!r}")
    if codec and _SINGLE_BYTE.fullmatch(codec) and _decodes(data, "utf-8"):
        defects.append(f"{where}: declared {declared!r} but content is UTF-8")
        return data.decode("utf-8")
    superset = _SUPERSETS.get(codec or "")
    for candidate in (superset, codec, "utf-8"):
        if candidate and _decodes(data, candidate):
            if codec and candidate != codec and not _decodes(data, codec):
                defects.append(f"{where}: bytes not valid in {declared or 'undeclared'!r}; decoded as {candidate}")
            return data.decode(candidate)
    # Text that is mostly ASCII is Western European far more often than not, and there a
    # detector's guess between similar code pages is worse than cp1252. Scripts written
    # with high bytes only (Thai, Cyrillic, CJK) are worth a guess.
    high = data[:100_000].translate(None, bytes(range(128)))
    guessed = _guess(data) if len(high) > 0.3 * min(len(data), 100_000) else None
    if guessed:
        defects.append(f"{where}: charset {declared or 'undeclared'!r} unusable; guessed {guessed}")
        return data.decode(guessed, "replace")
    fallback = (superset or codec) if codec not in (None, "ascii") else "cp1252"
    defects.append(f"{where}: charset {declared or 'undeclared'!r} unusable; decoded as {fallback}")
    return data.decode(fallback, "replace")


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeError, LookupError):
        return False
    return True


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, when that optional library is installed."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    try:
        best = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - a detector failure only loses the guess
        return None
    return lookup_codec(best.encoding) if best else None


def has_surrogates(text: str) -> bool:
    """Whether ``text`` carries raw 8-bit bytes as ``surrogateescape`` code points."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def unsurrogate(text: str, defects: list[str], where: str) -> str:
    """Turn raw 8-bit bytes smuggled through ``surrogateescape`` into real characters."""
    if not has_surrogates(text):
        return text
    return decode_bytes(text.encode("utf-8", "surrogateescape"), None, defects, where)


def normalise(text: str) -> str:
    """\\n newlines, no control characters, no trailing whitespace, at most two blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text).replace("\xa0", " ")
    text = _TRAILING_WS.sub("", text)
    return _MANY_BLANK_LINES.sub("\n\n\n", text).strip("\n")


def strip_invisible(text: str) -> str:
    """Remove zero-width and bidirectional control characters."""
    return _INVISIBLE.sub("", text)


def clean_line(text: str) -> str:
    """A header value on one line: folded whitespace joined, controls and invisibles gone."""
    return " ".join(strip_invisible(_CONTROL.sub("", text)).split())
