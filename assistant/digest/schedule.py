"""``assistant watch`` sends the digest once a day at ``ASSISTANT_DIGEST_TIME`` (local time):
the digest of the day before, to each account manager. Each manager served and the whole
day's digest are recorded in the audit trail, so neither a restart nor a retry after a
failed send emails anyone twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from assistant.config import Settings
from assistant.state import Store


def parse_time(value: str) -> time:
    return time.fromisoformat(value)


def due_digest_day(store: Store, send_at: time, now: datetime) -> date | None:
    """The day whose digest is due at ``now`` (yesterday, once ``send_at`` has passed today),
    or None when it is not time yet or it was already sent."""
    if now.time() < send_at:
        return None
    day = now.date() - timedelta(days=1)
    already = store.audit_trail("digest", day.isoformat())
    return None if any(e.action == "digest.sent" for e in already) else day


def send_due_digest(store: Store, settings: Settings, now: datetime | None = None) -> list[str]:
    """Send the due digest, if any; returns the recipients (empty when nothing was due)."""
    from assistant.digest import send_digests

    if not settings.digest_time:
        return []
    day = due_digest_day(store, parse_time(settings.digest_time), now or datetime.now().astimezone())
    if day is None:
        return []
    served = _served(store, day)
    recipients = send_digests(
        store,
        settings,
        day,
        skip=served,
        on_sent=lambda manager: store.audit("assistant", "digest.sent_to", "digest", day.isoformat(), manager=manager),
    )
    store.audit("assistant", "digest.sent", "digest", day.isoformat(), recipients=served + recipients)
    return recipients


def _served(store: Store, day: date) -> list[str]:
    """The managers who already have ``day``'s digest (from a run that failed after them)."""
    return [e.detail["manager"] for e in store.audit_trail("digest", day.isoformat()) if e.action == "digest.sent_to"]
