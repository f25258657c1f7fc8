"""Tables of the state database (SQLAlchemy 2 ORM)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: "approving": claimed by one approval whose APPEND or SMTP send is under way (or was
#: interrupted: `assistant drafts release ID` puts it back to pending).
DRAFT_STATUSES = ("pending", "approving", "approved", "rejected", "sent")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class SyncCursor(Base):
    """How far one mail source has been read (IMAP: UIDVALIDITY + highest UID)."""

    __tablename__ = "sync_cursors"

    source_key: Mapped[str] = mapped_column(String(512), primary_key=True)
    uidvalidity: Mapped[int]
    last_uid: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncWindow(Base):
    """How far back a source's first sync reached (``since``; None: everything), kept so that
    later runs, and a re-read after a UIDVALIDITY change, never fetch older mail."""

    __tablename__ = "sync_windows"

    source_key: Mapped[str] = mapped_column(String(512), primary_key=True)
    since: Mapped[date | None]
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Answer(Base):
    """A sign that a message was already answered, so no draft is made for it: the mailbox's
    flag (IMAP ``\\Answered``, Maildir ``R``; ``how="flag"``) or a message from the agency whose
    In-Reply-To/References point at it (``how="reply"``, in the inbox or the Sent folder).
    Keyed by Message-ID: a reply may be read before the message it answers."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("message_id", "how", "reply_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(998), index=True)
    how: Mapped[str] = mapped_column(String(16))
    reply_id: Mapped[str] = mapped_column(String(998), default="")
    replied_at: Mapped[datetime | None]
    replied_by: Mapped[str] = mapped_column(String(320), default="")


class Message(Base):
    """A message seen once; ``message_id`` is unique, so a message is never stored twice."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(998), unique=True, index=True)
    source_key: Mapped[str] = mapped_column(String(512))
    location: Mapped[str] = mapped_column(Text)
    sender_email: Mapped[str] = mapped_column(String(320), index=True, default="")
    sender_name: Mapped[str] = mapped_column(String(512), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[datetime | None]
    new_text: Mapped[str] = mapped_column(Text, default="")
    is_auto_reply: Mapped[bool] = mapped_column(default=False)
    is_bounce: Mapped[bool] = mapped_column(default=False)
    #: The whole ParsedMessage as JSON (threading headers, quoted text, attachments...).
    parsed: Mapped[dict[str, Any]]
    #: The raw RFC 5322 bytes, kept so nothing is lost and a message can be re-parsed.
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    #: Set by the resolve stage: a client id, or None for an unknown sender.
    client_id: Mapped[str | None] = mapped_column(String(128), index=True)
    #: How the client was found: contact, domain, agency (our own mail), unknown, ambiguous.
    client_match: Mapped[str | None] = mapped_column(String(16))
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)

    triage: Mapped[TriageResult | None] = relationship(back_populates="message", uselist=False)
    draft: Mapped[Draft | None] = relationship(back_populates="message", uselist=False)


#: Where a message failed: read from the source, parse, resolve (its client), store (sync);
#: retrieve, decide (the label), draft (triage).
QUARANTINE_STAGES = ("read", "parse", "resolve", "store", "retrieve", "decide", "draft")


class Quarantine(Base):
    """A message some stage failed on: kept with its raw bytes, the stage and the reason, shown
    by ``assistant quarantine list|show``, the review page and the digest, never triaged until
    ``assistant quarantine retry`` gets it through. ``message_pk`` is set when the message
    itself was stored (parse, and the triage stages); a message that could not be stored
    lives here alone. ``key`` (the raw bytes' SHA-256, or the location when nothing could be
    read) keeps a message read again from being quarantined twice."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(1024), unique=True)
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), unique=True)
    message_id: Mapped[str] = mapped_column(String(998), default="", index=True)
    source_key: Mapped[str] = mapped_column(String(512), default="")
    location: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(default=0)
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, default=b"")
    attempts: Mapped[int] = mapped_column(default=1)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    message: Mapped[Message | None] = relationship()


class SyncRun(Base):
    """When a mail source was last read, and what that read found (one row per source)."""

    __tablename__ = "sync_runs"

    source_key: Mapped[str] = mapped_column(String(512), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    fetched: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    quarantined: Mapped[int] = mapped_column(default=0)


class TriageResult(Base):
    """One label per message (unique on message), with the engine that produced it."""

    __tablename__ = "triage_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    label: Mapped[str] = mapped_column(String(32))
    engine: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(default=0.0)
    result: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    message: Mapped[Message] = relationship(back_populates="triage")


class Draft(Base):
    """A reply waiting for (or past) human approval; at most one per message."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    to_addr: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    #: Where the approved reply went: e.g. the UID APPENDed to the Drafts folder.
    delivered_to: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    message: Mapped[Message] = relationship(back_populates="draft")


class AuditEvent(Base):
    """Who did what, when: every decision about a draft or a label."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(998))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Agency(Base):
    """The agency itself (one row): its own domains are never a client."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(256), default="")
    domains: Mapped[list[Any]] = mapped_column(default=list)


class Client(Base):
    """A client of the agency: who writes for it, and who manages it."""

    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    domains: Mapped[list[Any]] = mapped_column(default=list)
    contacts: Mapped[list[Any]] = mapped_column(default=list)
    account_manager: Mapped[str] = mapped_column(String(320), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Correction(Base):
    """A reviewer's label for a message, replacing the engine's (written by
    :func:`assistant.review.corrections.record_correction`)."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    client_id: Mapped[str | None] = mapped_column(String(128), index=True)
    label: Mapped[str] = mapped_column(String(32))
    red_flags: Mapped[list[Any]] = mapped_column(default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class KnowledgeDocument(Base):
    """A scope document or call note indexed into one vector collection."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("collection", "client_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collection: Mapped[str] = mapped_column(String(128))
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    path: Mapped[str] = mapped_column(Text)  # as given in clients.json, or an absolute path
    #: "workspace" (from clients.json: dropped when it leaves the file) or "single" (added alone).
    origin: Mapped[str] = mapped_column(String(16), default="workspace")
    kind: Mapped[str] = mapped_column(String(16))  # scope | call_notes
    title: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[str] = mapped_column(String(32), default="")  # ISO date as written
    content_hash: Mapped[str] = mapped_column(String(64))
    chunks: Mapped[int] = mapped_column(default=0)
    indexed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReviewSession(Base):
    """A logged-in reviewer on the review page. The browser's cookie holds a random token;
    only its SHA-256 is stored, so this table cannot be used to log in. Deleted at logout and
    when the reviewer's password changes (``assistant serve --add-user``); a cookie whose row is
    gone logs nobody in."""

    __tablename__ = "review_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    #: SHA-256 of the reviewer's password hash at login: a new password ends the session.
    password_stamp: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Unix time after which the session is over.
    expires: Mapped[int]


class MailboxLabel(Base):
    """The verdict as the message's mailbox shows it (IMAP keywords, Gmail labels or copies in
    per-label folders), written and read back by :mod:`assistant.review.mailbox`."""

    __tablename__ = "mailbox_labels"

    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    source_key: Mapped[str] = mapped_column(String(512), index=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    #: keywords | gmail | folders
    method: Mapped[str] = mapped_column(String(16))
    #: applied | failed | skipped (its UIDVALIDITY changed: the UID no longer names it)
    status: Mapped[str] = mapped_column(String(16))
    #: Our labels on the message as last written or seen there (a change by someone else shows
    #: as a difference from these).
    labels: Mapped[list[Any]] = mapped_column(default=list)
    #: The labels the result asked for when they were last written.
    wanted: Mapped[list[Any]] = mapped_column(default=list)
    #: Folders mode: the UID of the copy in each label folder.
    copies: Mapped[dict[str, Any]] = mapped_column(default=dict)
    detail: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class FolderModseq(Base):
    """The highest mod-sequence (CONDSTORE) of a folder seen when its labels were last read, so
    the next read asks only for what changed since."""

    __tablename__ = "folder_modseqs"

    source_key: Mapped[str] = mapped_column(String(512), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    highest_modseq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
