"""The one place that reads and writes the state database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker, undefer

from assistant.errors import UserError
from assistant.mailin import Cursor
from assistant.parse.models import ParsedMessage
from assistant.state.models import (
    DRAFT_STATUSES,
    AuditEvent,
    Base,
    Draft,
    Message,
    Quarantine,
    SyncCursor,
    SyncRun,
    utcnow,
)

#: Allowed draft status changes. Anything else is refused; repeating the current status
#: (approving an approved draft) is a no-op, not an error.
_TRANSITIONS = {
    "pending": {"approving", "approved", "rejected"},
    "approving": {"approved", "sent", "pending"},
    "approved": {"sent"},
    "rejected": {"pending"},
    "sent": set(),
}


class DraftTransitionError(UserError):
    pass


class OutdatedStateError(UserError):
    """The state database was created by an older version whose tables lack columns."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # a reader (web page) never blocks the syncer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin_before_savepoint(conn: Any, _name: str) -> None:
    """Python's sqlite3 opens a transaction only just before a write. A SAVEPOINT outside one
    starts a transaction of its own, which its RELEASE commits: what came before would no
    longer roll back with the rest. Open the outer transaction first."""
    if not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN")


class Store:
    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "savepoint", _sqlite_begin_before_savepoint)
        legacy = self._set_aside_legacy_quarantine()
        Base.metadata.create_all(self.engine)
        if legacy:
            self._copy_legacy_quarantine()
        self._check_columns(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _check_columns(self, url: str) -> None:
        """create_all adds missing tables, never missing columns: refuse a database from an
        older version with one line naming the fix, instead of a traceback on first use."""
        found = inspect(self.engine)
        missing = [
            f"{table.name}.{column.name}"
            for table in Base.metadata.sorted_tables
            for column in table.columns
            if column.name not in {c["name"] for c in found.get_columns(table.name)}
        ]
        if missing:
            self.engine.dispose()
            where = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else "the state database"
            raise OutdatedStateError(
                f"{where} was created by an older version of the assistant (missing {', '.join(missing[:3])}"
                + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
                + ")",
                fix="move that file aside and run the command again: mail is fetched again from the mailbox "
                "and `assistant ingest DIR` re-reads the documents; there are no schema migrations yet",
            )

    def _set_aside_legacy_quarantine(self) -> bool:
        """The quarantine table of an older version (one row per stored message the parser
        failed on, keyed by the message) is renamed, to be copied into the current one."""
        found = inspect(self.engine)
        if "quarantine" not in found.get_table_names():
            return False
        if "id" in {c["name"] for c in found.get_columns("quarantine")}:
            return False
        with self.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE quarantine RENAME TO quarantine_legacy")
        return True

    def _copy_legacy_quarantine(self) -> None:
        with self.engine.begin() as conn:
            rows = conn.exec_driver_sql(
                "SELECT q.message_pk, q.reason, q.at, m.message_id, m.source_key, m.location, m.raw "
                "FROM quarantine_legacy q JOIN messages m ON m.id = q.message_pk"
            ).all()
            insert = text(
                "INSERT INTO quarantine (key, message_pk, message_id, source_key, location, stage, reason, size,"
                " raw, attempts, at) VALUES (:key, :pk, :message_id, :source_key, :location, 'parse', :reason,"
                " :size, :raw, 1, :at)"
            )
            for pk, reason, at, message_id, source_key, location, raw in rows:
                raw = bytes(raw or b"")
                conn.execute(
                    insert,
                    {
                        "key": quarantine_key(raw, location),
                        "pk": pk,
                        "message_id": message_id,
                        "source_key": source_key,
                        "location": location,
                        "reason": reason,
                        "size": len(raw),
                        "raw": raw,
                        "at": at,
                    },
                )
            conn.exec_driver_sql("DROP TABLE quarantine_legacy")

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def open_session(self) -> Session:
        """A session the caller commits itself (long-running work committed in steps)."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()

    # -- sync cursors ---------------------------------------------------------------------

    def get_cursor(self, source_key: str) -> Cursor | None:
        with self.session() as s:
            row = s.get(SyncCursor, source_key)
            return Cursor(row.uidvalidity, row.last_uid) if row else None

    # -- messages -------------------------------------------------------------------------

    def add_message(
        self,
        session: Session,
        parsed: ParsedMessage,
        raw: bytes,
        *,
        source_key: str,
        location: str,
        client_id: str | None = None,
        client_match: str | None = None,
    ) -> bool:
        """Store a message unless one with the same Message-ID is already there (one the parser
        failed on goes into quarantine with it). Returns True when it was new. Another run (a second ``triage``, ``watch``) may store
        it between the check and the insert: then the insert alone is undone (a savepoint)
        and the message counts as already there."""
        exists = session.scalar(select(Message.id).where(Message.message_id == parsed.message_id))
        if exists is not None:
            return False
        message = Message(
            message_id=parsed.message_id,
            source_key=source_key,
            location=location,
            raw=raw,
            **_parsed_fields(parsed, client_id, client_match),
        )
        try:
            with session.begin_nested():
                session.add(message)
                if parsed.quarantine_reason is not None:
                    session.flush()
                    self.quarantine(
                        session,
                        stage="parse",
                        reason=parsed.quarantine_reason,
                        raw=raw,
                        source_key=source_key,
                        location=location,
                        message_id=parsed.message_id,
                        message_pk=message.id,
                    )
        except IntegrityError:
            if session.scalar(select(Message.id).where(Message.message_id == parsed.message_id)) is None:
                raise
            return False
        return True

    @staticmethod
    def reparsed(
        session: Session, message_pk: int, parsed: ParsedMessage, client_id: str | None, client_match: str | None
    ) -> None:
        """A stored message parsed again (its quarantine retried): what it says, and its client."""
        message = session.get(Message, message_pk)
        if message is None:
            raise UserError(f"no stored message with id {message_pk}")
        for name, value in _parsed_fields(parsed, client_id, client_match).items():
            setattr(message, name, value)

    @staticmethod
    def set_cursor(session: Session, source_key: str, cursor: Cursor) -> None:
        row = session.get(SyncCursor, source_key)
        if row is None:
            session.add(SyncCursor(source_key=source_key, uidvalidity=cursor.uidvalidity, last_uid=cursor.last_uid))
        else:
            row.uidvalidity, row.last_uid = cursor.uidvalidity, cursor.last_uid

    def messages(self, limit: int | None = None) -> Sequence[Message]:
        with self.session() as s:
            q = (
                select(Message)
                .options(selectinload(Message.triage), selectinload(Message.draft))
                .order_by(Message.date.is_(None), Message.date, Message.id)
            )
            if limit:
                q = q.limit(limit)
            return s.scalars(q).all()

    # -- quarantine -----------------------------------------------------------------------

    @staticmethod
    def quarantine(
        session: Session,
        *,
        stage: str,
        reason: str,
        raw: bytes,
        source_key: str = "",
        location: str = "",
        message_id: str = "",
        message_pk: int | None = None,
        quarantine_id: int | None = None,
    ) -> Quarantine:
        """Put a message in quarantine, or, when it is there already (row ``quarantine_id``, the
        same stored message, or the same bytes), record the new failure on its row (stage,
        reason, one more attempt). Text is made storable first: the failure may be that it was not."""
        key = quarantine_key(raw, location)

        def existing() -> Quarantine | None:
            row = session.get(Quarantine, quarantine_id) if quarantine_id is not None else None
            if row is None and message_pk is not None:
                row = session.scalar(select(Quarantine).where(Quarantine.message_pk == message_pk))
            return row or session.scalar(select(Quarantine).where(Quarantine.key == key))

        row = existing()
        if row is None:
            # Another run may quarantine the same message between the check and the insert:
            # then the insert alone is undone and the failure is recorded on its row.
            try:
                with session.begin_nested():
                    row = Quarantine(
                        key=key,
                        attempts=0,
                        raw=raw,
                        size=len(raw),
                        stage=stage,
                        reason="",
                        message_pk=message_pk,
                        message_id=storable(message_id)[:998],
                        source_key=storable(source_key)[:512],
                        location=storable(location),
                    )
                    session.add(row)
            except IntegrityError:
                row = existing()
                if row is None:
                    raise
        row.stage, row.reason, row.at = stage, storable(reason)[:4000], utcnow()
        row.attempts = (row.attempts or 0) + 1
        row.message_pk = message_pk if message_pk is not None else row.message_pk
        row.message_id = storable(message_id)[:998] or row.message_id or ""
        row.source_key = storable(source_key)[:512] or row.source_key or ""
        row.location = storable(location) or row.location or ""
        session.flush()
        return row

    @staticmethod
    def is_quarantined(session: Session, raw: bytes, location: str) -> bool:
        """Whether these bytes (or, with none, this location) are in quarantine already."""
        return session.scalar(select(Quarantine.id).where(Quarantine.key == quarantine_key(raw, location))) is not None

    @staticmethod
    def release_unread(session: Session, location: str) -> None:
        """A message quarantined because ``location`` could not be read has been read since."""
        key = quarantine_key(b"", location)
        row = session.scalar(select(Quarantine).where(Quarantine.key == key, Quarantine.message_pk.is_(None)))
        if row is not None:
            session.delete(row)
            session.flush()

    def quarantined(self) -> Sequence[Quarantine]:
        """The messages in quarantine, oldest first (with their stored message, if any)."""
        with self.session() as s:
            q = select(Quarantine).options(selectinload(Quarantine.message)).order_by(Quarantine.at, Quarantine.id)
            return s.scalars(q).all()

    def quarantine_entry(self, quarantine_id: int) -> Quarantine:
        """One quarantined message, its raw bytes loaded."""
        with self.session() as s:
            row = s.get(Quarantine, quarantine_id, options=[undefer(Quarantine.raw), selectinload(Quarantine.message)])
            if row is None:
                raise UserError(
                    f"no quarantined message with id {quarantine_id}", fix="see `assistant quarantine list`"
                )
            return row

    @staticmethod
    def record_sync(session: Session, source_key: str, *, fetched: int, new: int, quarantined: int) -> None:
        """When ``source_key`` was last read and what that read found (a run finishing at the
        same moment may write its row first: then this one updates it)."""
        values = {"at": utcnow(), "fetched": fetched, "new": new, "quarantined": quarantined}
        for _ in range(2):
            if session.execute(update(SyncRun).where(SyncRun.source_key == source_key).values(**values)).rowcount:  # type: ignore[attr-defined]
                return
            try:
                with session.begin_nested():
                    session.add(SyncRun(source_key=source_key, **values))
                return
            except IntegrityError:
                continue

    def raw_message(self, message_id: str) -> bytes:
        """The stored RFC 5322 bytes of one message (kept out of ordinary queries)."""
        with self.session() as s:
            raw = s.scalar(select(Message.raw).where(Message.message_id == message_id))
            if raw is None:
                raise UserError(f"no stored message {message_id}")
            return raw

    def count_messages(self) -> int:
        from sqlalchemy import func

        with self.session() as s:
            return s.scalar(select(func.count(Message.id))) or 0

    # -- drafts ---------------------------------------------------------------------------

    def drafts(self, status: str = "all") -> Sequence[Draft]:
        if status != "all" and status not in DRAFT_STATUSES:
            raise UserError(f"unknown draft status {status!r}", fix=f"use one of: {', '.join(DRAFT_STATUSES)}, all")
        with self.session() as s:
            q = select(Draft).options(selectinload(Draft.message).selectinload(Message.triage)).order_by(Draft.id)
            if status != "all":
                q = q.where(Draft.status == status)
            return s.scalars(q).all()

    def draft(self, draft_id: int) -> Draft:
        with self.session() as s:
            draft = s.get(Draft, draft_id, options=[selectinload(Draft.message).selectinload(Message.triage)])
            if draft is None:
                raise UserError(f"no draft with id {draft_id}", fix="see `assistant drafts list`")
            return draft

    def set_draft_status(self, draft_id: int, status: str, *, actor: str, detail: dict[str, Any] | None = None) -> bool:
        """Move a draft to ``status``; returns False (and changes nothing) when it is
        already there. Every change is recorded in the audit trail."""
        with self.session() as s:
            draft = s.get(Draft, draft_id, with_for_update=True)
            if draft is None:
                raise UserError(f"no draft with id {draft_id}", fix="see `assistant drafts list`")
            if draft.status == status:
                return False
            if status not in _TRANSITIONS[draft.status]:
                raise DraftTransitionError(f"draft {draft_id} is {draft.status}; it cannot become {status}")
            previous, draft.status = draft.status, status
            self.record(s, actor, f"draft.{status}", "draft", str(draft_id), {"from": previous, **(detail or {})})
            return True

    def claim_draft(self, draft_id: int, *, actor: str, purpose: str) -> bool:
        """Move a pending draft to "approving" in one conditional UPDATE, so that of two
        approvals racing for it exactly one goes on to APPEND or send. False (nothing
        changed) when the draft was not pending."""
        with self.session() as s:
            claimed = (
                s.execute(
                    update(Draft).where(Draft.id == draft_id, Draft.status == "pending").values(status="approving")
                ).rowcount
                == 1
            )
            if claimed:
                self.record(
                    s, actor, "draft.approving", "draft", str(draft_id), {"from": "pending", "purpose": purpose}
                )
        if not claimed:
            self.draft(draft_id)  # an unknown id says so
        return claimed

    def edit_draft(self, draft_id: int, body: str, *, actor: str, subject: str | None = None) -> bool:
        """Replace a pending draft's text; False when nothing changed."""
        with self.session() as s:
            draft = s.get(Draft, draft_id, with_for_update=True)
            if draft is None:
                raise UserError(f"no draft with id {draft_id}", fix="see `assistant drafts list`")
            if draft.status != "pending":
                raise DraftTransitionError(f"draft {draft_id} is {draft.status}; only pending drafts can be edited")
            if draft.body == body and (subject is None or subject == draft.subject):
                return False
            draft.body = body
            if subject is not None:
                draft.subject = subject
            self.record(s, actor, "draft.edited", "draft", str(draft_id), {"chars": len(body)})
            return True

    # -- audit ----------------------------------------------------------------------------

    @staticmethod
    def record(
        session: Session, actor: str, action: str, object_type: str, object_id: str, detail: dict[str, Any]
    ) -> None:
        session.add(AuditEvent(actor=actor, action=action, object_type=object_type, object_id=object_id, detail=detail))

    def audit(self, actor: str, action: str, object_type: str, object_id: str, **detail: Any) -> None:
        with self.session() as s:
            self.record(s, actor, action, object_type, object_id, detail)

    def audit_trail(self, object_type: str | None = None, object_id: str | None = None) -> Sequence[AuditEvent]:
        with self.session() as s:
            q = select(AuditEvent).order_by(AuditEvent.id)
            if object_type:
                q = q.where(AuditEvent.object_type == object_type)
            if object_id:
                q = q.where(AuditEvent.object_id == object_id)
            return s.scalars(q).all()


def _parsed_fields(parsed: ParsedMessage, client_id: str | None, client_match: str | None) -> dict[str, Any]:
    return {
        "sender_email": parsed.sender.email,
        "sender_name": parsed.sender.name,
        "subject": parsed.subject,
        "date": parsed.date,
        "new_text": parsed.new_text,
        "is_auto_reply": parsed.is_auto_reply,
        "is_bounce": parsed.is_bounce,
        "parsed": parsed.model_dump(mode="json"),
        "client_id": client_id,
        "client_match": client_match,
    }


def quarantine_key(raw: bytes, location: str) -> str:
    """What makes a quarantined message the same one when it is read again: its bytes, or
    where it was when nothing could be read."""
    if raw:
        return "sha256:" + hashlib.sha256(raw).hexdigest()
    return "location:" + storable(location)[:1000]


def storable(text: str) -> str:
    """``text`` as any database stores it: a lone surrogate (a raw 8-bit byte decoded with
    ``surrogateescape``) becomes its escape, and a NUL is written out."""
    return (text or "").encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
