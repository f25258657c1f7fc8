"""``assistant status``: what the state database holds, per mailbox and in total.

Every message read is exactly one of: a duplicate of one already held, stored, or
quarantined; so ``messages + quarantined`` counts every distinct message read. A stored
message is then exactly one of: ``triaged`` (it has a result), ``pending`` (waiting for one),
``unknown_sender`` (no client: recorded, never labelled) or ``auto_replies`` (auto-replies and
bounces: no label needed).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from assistant.state.models import DRAFT_STATUSES, Draft, Message, Quarantine, SyncCursor, SyncRun, TriageResult
from assistant.state.store import Store

COUNTS = ("messages", "triaged", "pending", "unknown_sender", "auto_replies", "quarantined")


def mailbox_name(source_key: str) -> tuple[str, str]:
    """A source key as (kind, name): ``imap://user@host/INBOX`` → (imap, user@host/INBOX),
    ``dir:/path`` → (local, /path)."""
    if source_key.startswith("imap://"):
        return "imap", source_key.removeprefix("imap://")
    if source_key.startswith("dir:"):
        return "local", source_key.removeprefix("dir:")
    return "other", source_key or "(unknown)"


def _empty(source_key: str) -> dict[str, Any]:
    kind, name = mailbox_name(source_key)
    row: dict[str, Any] = {"mailbox": name, "kind": kind, "source": source_key}
    row.update(dict.fromkeys(COUNTS, 0))
    row["drafts"] = dict.fromkeys(DRAFT_STATUSES, 0)
    row["last_sync"] = None
    return row


def status(store: Store) -> dict[str, Any]:
    """``{"mailboxes": [...], "total": {...}}``: per mailbox (source) and in total, the counts
    of :data:`COUNTS`, drafts by status, and when the mailbox was last read (ISO 8601 UTC)."""
    boxes: dict[str, dict[str, Any]] = {}
    with store.session() as s:
        held = select(Quarantine.message_pk).where(Quarantine.message_pk.is_not(None))
        rows = s.execute(
            select(
                Message.source_key,
                Message.is_auto_reply | Message.is_bounce,
                Message.client_id.is_(None),
                TriageResult.id.is_not(None),
                func.count(Message.id),
            )
            .outerjoin(TriageResult, TriageResult.message_pk == Message.id)
            .where(Message.id.not_in(held))
            .group_by(
                Message.source_key,
                Message.is_auto_reply | Message.is_bounce,
                Message.client_id.is_(None),
                TriageResult.id.is_not(None),
            )
        ).all()
        for source, auto, unknown, triaged, n in rows:
            box = _box(boxes, source)
            box["messages"] += n
            bucket = "triaged" if triaged else "auto_replies" if auto else "unknown_sender" if unknown else "pending"
            box[bucket] += n
        for source, n in s.execute(
            select(Quarantine.source_key, func.count(Quarantine.id)).group_by(Quarantine.source_key)
        ):
            _box(boxes, source)["quarantined"] += n
        for source, state, n in s.execute(
            select(Message.source_key, Draft.status, func.count(Draft.id))
            .join(Message, Message.id == Draft.message_pk)
            .group_by(Message.source_key, Draft.status)
        ):
            drafts = _box(boxes, source)["drafts"]
            drafts[state] = drafts.get(state, 0) + n
        for source, at in s.execute(select(SyncRun.source_key, SyncRun.at)):
            _box(boxes, source)["last_sync"] = _iso(at)
        for source, at in s.execute(select(SyncCursor.source_key, SyncCursor.updated_at)):
            box = _box(boxes, source)
            box["last_sync"] = box["last_sync"] or _iso(at)  # a database from before sync runs were recorded
    mailboxes = sorted(boxes.values(), key=lambda b: b["source"])
    total = _empty("")
    total.update(mailbox="total", kind="total", source="")
    for b in mailboxes:
        for name in COUNTS:
            total[name] += b[name]
        for state, n in b["drafts"].items():
            total["drafts"][state] = total["drafts"].get(state, 0) + n
        if b["last_sync"] and (total["last_sync"] is None or b["last_sync"] > total["last_sync"]):
            total["last_sync"] = b["last_sync"]
    return {"mailboxes": mailboxes, "total": total}


def _box(boxes: dict[str, dict[str, Any]], source: str) -> dict[str, Any]:
    if source not in boxes:
        boxes[source] = _empty(source)
    return boxes[source]


def _iso(at: Any) -> str | None:
    if at is None:
        return None
    text = at.isoformat(timespec="seconds")
    return text if at.tzinfo else text + "+00:00"  # SQLite drops the zone; stored times are UTC
