"""The one place that reads and writes the state database."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, make_url, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker, undefer

from assistant.errors import UserError
from assistant.mailin import Cursor
from assistant.parse.models import ParsedMessage
from assistant.state.models import (
    DRAFT_STATUSES,
    Answer,
    AuditEvent,
    Draft,
    Message,
    Quarantine,
    SyncCursor,
    SyncRun,
    SyncWindow,
    utcnow,
)
from assistant.state.schema import upgrade as upgrade_schema

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


def _owner_only_sqlite(url: str) -> None:
    """The database holds client mail: its folder is made 0700 and the file 0600 before SQLite
    opens it (SQLite gives -wal and -shm the main file's mode); an existing file of ours that
    others can read is narrowed to 0600."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077 and file.stat().st_uid == os.getuid():
            file.chmod(0o600)


class Store:
    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            _owner_only_sqlite(url)
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "savepoint", _sqlite_begin_before_savepoint)
        self.backup = upgrade_schema(self.engine)  # where an upgraded SQLite file was copied first
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

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

    # -- sync windows and answered mail ---------------------------------------------------

    def window(self, session: Session, source_key: str, wanted: date | None) -> tuple[date | None, bool]:
        """``(since, recorded_before)``: the window recorded for ``source_key``, or, on its
        first sync, ``wanted`` — recorded now (in ``session``), so later runs keep it. A source
        read before windows existed (it has a cursor or messages) keeps reading everything."""
        row = session.get(SyncWindow, source_key)
        if row is not None:
            return row.since, True
        read_before = session.get(SyncCursor, source_key) is not None or session.scalar(
            select(Message.id).where(Message.source_key == source_key).limit(1)
        )
        since = None if read_before else wanted
        try:
            with session.begin_nested():
                session.add(SyncWindow(source_key=source_key, since=since))
        except IntegrityError:  # another run's first sync recorded it first: that choice holds
            row = session.get(SyncWindow, source_key)
            if row is None:
                raise
            return row.since, True
        return since, bool(read_before)

    @staticmethod
    def record_answer(
        session: Session,
        message_id: str,
        how: str,
        *,
        reply_id: str = "",
        replied_at: datetime | None = None,
        replied_by: str = "",
    ) -> None:
        """Note that ``message_id`` was answered (once per message, way and reply)."""
        message_id, reply_id = storable(message_id), storable(reply_id)
        key = (Answer.message_id == message_id, Answer.how == how, Answer.reply_id == reply_id)
        if session.scalar(select(Answer.id).where(*key)) is not None:
            return
        try:
            with session.begin_nested():
                session.add(
                    Answer(
                        message_id=message_id,
                        how=how,
                        reply_id=reply_id,
                        replied_at=replied_at,
                        replied_by=replied_by,
                    )
                )
        except IntegrityError:  # another run recorded it first
            if session.scalar(select(Answer.id).where(*key)) is None:
                raise

    def answers(self, message_ids: Sequence[str] | None = None) -> dict[str, list[Answer]]:
        """The signs that each message was answered (all messages' when ``message_ids`` is None)."""
        out: dict[str, list[Answer]] = {}
        ids = list(message_ids) if message_ids is not None else None
        with self.session() as s:
            # In slices: a first sync can triage thousands, more than a query may bind.
            for start in range(0, len(ids), 500) if ids is not None else (0,):
                q = select(Answer).order_by(Answer.id)
                if ids is not None:
                    q = q.where(Answer.message_id.in_(ids[start : start + 500]))
                for a in s.scalars(q):
                    out.setdefault(a.message_id, []).append(a)
        return out

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

    def drafts(self, status: str = "all", *, client_ids: Collection[str] | None = None) -> Sequence[Draft]:
        """Drafts in ``status`` ("all": any), oldest first; only those of messages of
        ``client_ids`` when it is given (the review page's manager view)."""
        if status != "all" and status not in DRAFT_STATUSES:
            raise UserError(f"unknown draft status {status!r}", fix=f"use one of: {', '.join(DRAFT_STATUSES)}, all")
        with self.session() as s:
            q = select(Draft).options(selectinload(Draft.message).selectinload(Message.triage)).order_by(Draft.id)
            if status != "all":
                q = q.where(Draft.status == status)
            if client_ids is not None:
                q = q.join(Draft.message).where(Message.client_id.in_(sorted(client_ids)))
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
