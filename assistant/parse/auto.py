"""Auto-replies (out-of-office, vacation, read receipts) and bounces (delivery failures)."""

from __future__ import annotations

import re
from email.message import Message

from assistant.parse.headers import raw_values
from assistant.parse.models import Address

#: Subjects that auto-responders start with, followed by ":" or nothing.
_AUTO_SUBJECT = re.compile(
    r"(?:\[[^\]]*\]\s*)?(?:"
    r"out of (?:the )?office(?: auto-?reply)?|automatic reply|auto(?:matic)?[- ]?(?:reply|response)"
    r"|autosvar|automatisk svar|automatiskt svar|fraværsmeddelelse|fravær|frånvaro"
    r"|abwesenheitsnotiz|automatische antwort|ตอบกลับอัตโนมัติ"
    r")\s*(?::|$)",
    re.IGNORECASE,
)
_BOUNCE_SUBJECT = re.compile(
    r"(?:undelivered mail returned to sender|delivery status notification|undeliverable\s*:"
    r"|mail delivery failed|delivery failure|returned mail\s*:|failure notice"
    r"|unzustellbar\s*:|kunne ikke leveres|kan ikke leveres|olevererbart\s*:)",
    re.IGNORECASE,
)
_BOUNCE_SENDERS = ("mailer-daemon", "postmaster")


def is_auto_reply(msg: Message, subject: str) -> bool:
    """RFC 3834 and vendor headers, read receipts, or a typical auto-reply subject.
    ``X-Auto-Response-Suppress`` alone says nothing: people's clients set it too."""
    if any(_token(v) != "no" for v in raw_values(msg, "Auto-Submitted")):
        return True
    vendor = raw_values(msg, "X-Autoreply") + raw_values(msg, "X-Autorespond")
    if any(_token(v) not in ("no", "false", "0") for v in vendor):
        return True
    if any(_token(v) == "auto_reply" for v in raw_values(msg, "Precedence")):
        return True
    if _report_type(msg) == "disposition-notification":
        return True
    return bool(_AUTO_SUBJECT.match(subject.strip()))


def is_bounce(msg: Message, sender: Address, subject: str) -> bool:
    """A delivery status report, a mail from MAILER-DAEMON/postmaster, or a bounce subject."""
    if _report_type(msg) == "delivery-status":
        return True
    local_part = sender.email.partition("@")[0]
    if local_part in _BOUNCE_SENDERS or (not sender.email and sender.name.lower() in _BOUNCE_SENDERS):
        return True
    return bool(_BOUNCE_SUBJECT.match(subject.strip()))


def _token(value: str) -> str:
    """The first word of a header value, lower-cased ("auto-replied; owner=..." -> "auto-replied")."""
    return value.split(";", 1)[0].strip().lower()


def _report_type(msg: Message) -> str:
    try:
        if msg.get_content_type() != "multipart/report":
            return ""
        return str(msg.get_param("report-type", "") or "").lower()
    except Exception:  # noqa: BLE001 - a broken Content-Type is no report
        return ""
