"""A local mail source: a Maildir (``cur``/``new``) or any folder of ``.eml`` files."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from assistant.errors import UserError
from assistant.mailin import Cursor, MailSource, RawMessage

log = logging.getLogger(__name__)


class LocalSource(MailSource):
    """Reads every message under ``path``; deduplication happens in state by Message-ID.

    The folder is never modified: a Maildir is read, not ``mailbox.Maildir``-managed, so
    no message moves from ``new`` to ``cur`` and no flag changes.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        if not self.path.is_dir():
            raise UserError(f"mail folder not found: {self.path}", fix="pass a Maildir or a folder of .eml files")
        self.key = f"dir:{self.path.resolve()}"

    def _files(self) -> list[Path]:
        if (self.path / "cur").is_dir() or (self.path / "new").is_dir():
            files = [p for sub in ("new", "cur") if (self.path / sub).is_dir() for p in (self.path / sub).iterdir()]
        else:
            files = [p for p in self.path.rglob("*.eml")]
        return sorted((p for p in files if p.is_file() and not p.name.startswith(".")), key=lambda p: str(p))

    def fetch_new(self, cursor: Cursor | None = None, since: date | None = None) -> Iterator[RawMessage]:
        for path in self._files():
            location = printable_path(path)
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                # Renamed since the listing (a flag change moves cur/x:2,S to cur/x:2,RS):
                # the next read finds it under its new name.
                log.info("%s: gone since the folder was listed; read next time", location)
                continue
            except OSError as exc:
                yield RawMessage(raw=b"", location=location, error=f"{type(exc).__name__}: {exc.strerror or exc}")
                continue
            if since is not None and message_day(raw, path) < since:
                log.debug("%s: older than %s, not read", location, since)
                continue
            yield RawMessage(raw=raw, location=location, answered="R" in maildir_flags(path))


def maildir_flags(path: Path) -> str:
    """A Maildir file's flags: the letters after ``:2,`` in its name (``R``: replied)."""
    _, sep, flags = path.name.rpartition(":2,")
    return flags if sep else ""


def message_day(raw: bytes, path: Path) -> date:
    """The day a message was written (its Date header, in UTC), else the file's mtime."""
    header = BytesHeaderParser().parsebytes(raw).get("Date")
    if header:
        try:
            written = parsedate_to_datetime(str(header))
        except (TypeError, ValueError):
            written = None
        if written is not None:
            return (written if written.tzinfo else written.replace(tzinfo=UTC)).astimezone(UTC).date()
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()


def printable_path(path: Path) -> str:
    """A file name as text any database stores: bytes that are not UTF-8 (a Maildir written
    under another locale) are shown as ``\\xNN`` escapes instead of failing the message."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
