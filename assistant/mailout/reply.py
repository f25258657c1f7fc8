"""The reply to a client message as an RFC 5322 message, threaded to what it answers."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from assistant.state.models import Draft, utcnow


def render_reply(draft: Draft, *, from_addr: str) -> bytes:
    """The reply as bytes, threaded to the message it answers (In-Reply-To, References)."""
    original = draft.message
    refs = list(original.parsed.get("references") or [])
    if original.message_id not in refs:
        refs.append(original.message_id)
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = draft.to_addr
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain=from_addr.rpartition("@")[2] or None)
    msg["In-Reply-To"] = original.message_id
    msg["References"] = " ".join(refs)
    msg.set_content(draft.body, charset="utf-8")
    return msg.as_bytes()
