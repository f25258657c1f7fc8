"""The pipeline, stage by stage. Today: mail in → parse → resolve client → state. Later
stages (retrieve, label, draft) plug in after :func:`sync` stores a message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.mailin import MailSource
from assistant.parse import parse_message
from assistant.resolve import ClientDirectory
from assistant.state import Store

log = logging.getLogger(__name__)

#: Commit at least this often during a long sync, so an interruption loses little work.
COMMIT_EVERY = 50


@dataclass
class SyncReport:
    source: str
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    auto_replies: int = 0
    new_message_ids: list[str] = field(default_factory=list)


def sync(source: MailSource, store: Store, on_message: Callable[[], None] | None = None) -> SyncReport:
    """Read what is new in ``source``, parse it and store it.

    The source's cursor is saved in the same transaction as the messages before it, so a
    crash mid-sync resumes where the last commit left off; a message seen again (another
    folder, a UIDVALIDITY reset, a re-run on a local folder) is recognised by Message-ID
    and skipped.
    """
    report = SyncReport(source=source.key)
    cursor = store.get_cursor(source.key)
    directory = ClientDirectory.from_store(store)
    # A plain session: committed every COMMIT_EVERY messages and at the end; on an error,
    # closing it rolls back only the uncommitted tail (messages and cursor together).
    with store.open_session() as session:
        for raw in source.fetch_new(cursor):
            report.fetched += 1
            parsed = parse_message(raw.raw)
            who = directory.resolve(parsed.sender.email)
            if store.add_message(
                session, parsed, raw.raw, source_key=source.key, location=raw.location,
                client_id=who.client_id, client_match=who.match,
            ):
                report.new += 1
                report.new_message_ids.append(parsed.message_id)
                report.auto_replies += not parsed.needs_triage
            else:
                report.duplicates += 1
            if raw.cursor is not None:
                store.set_cursor(session, source.key, raw.cursor)
            if report.fetched % COMMIT_EVERY == 0:
                session.commit()
            if on_message:
                on_message()
        session.commit()
    log.info("synced %s: %d fetched, %d new, %d already seen", source.key, report.fetched, report.new, report.duplicates)
    return report
