"""Mail in: where raw client messages come from.

Two sources share one small interface, :class:`MailSource`:

- :class:`assistant.mailin.imap.ImapSource` — a real mailbox over IMAP (imaplib2);
- :class:`assistant.mailin.local.LocalSource` — a Maildir or a folder of ``.eml`` files
  (the bundled demo, or mail already synced by mbsync/offlineimap).

A source yields :class:`RawMessage` objects in a stable order. It never marks mail as read
and never deletes anything. The pipeline stores each message and only then advances the
source's :class:`Cursor`, so an interrupted sync loses nothing and repeats nothing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Cursor:
    """How far a folder has been read: the highest UID seen under one UIDVALIDITY."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class RawMessage:
    """One message exactly as the source holds it."""

    raw: bytes
    #: Where it came from, human-readable: ``imap://user@host/INBOX;UIDVALIDITY=7;UID=42``
    #: or a file path.
    location: str
    #: The cursor position *after* this message (IMAP only; ``None`` for local sources).
    cursor: Cursor | None = None
    #: The mailbox says it was answered: IMAP ``\Answered``, Maildir flag ``R``.
    answered: bool = False
    #: Why the message could not be read (``raw`` is then empty): it is quarantined at the
    #: "read" stage and the source goes on with the next one.
    error: str | None = None


class MailSource(ABC):
    """A place to read client mail from."""

    #: Stable identity used to store this source's cursor (e.g. ``imap://user@host/INBOX``).
    key: str

    @abstractmethod
    def fetch_new(self, cursor: Cursor | None, since: date | None = None) -> Iterator[RawMessage]:
        """Yield messages not yet seen past ``cursor`` (all of them when ``None``, or when
        the folder's UIDVALIDITY no longer matches the cursor's), leaving out those older
        than ``since`` (IMAP: the server's arrival date; local files: the Date header, else
        the file's modification time)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; sources without any need not override."""

    def __enter__(self) -> MailSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
