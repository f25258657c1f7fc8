"""Emailing the digest: one multipart message per account manager, through the SMTP settings."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from assistant.config import Settings
from assistant.digest.build import UNASSIGNED, Digest, build_digest
from assistant.digest.render import render_html, render_text, subject_line
from assistant.errors import ConfigError
from assistant.mailout.smtp import send
from assistant.state.store import Store


def _is_address(value: str) -> bool:
    addr = parseaddr(value)[1]
    return "@" in addr and " " not in addr


def to_email(digest: Digest, manager: str, sender: str) -> EmailMessage:
    """``manager``'s digest as multipart/alternative: text/plain and text/html (its chart is
    HTML bars, so there is no image part)."""
    md = digest.manager(manager)
    if not _is_address(manager):
        raise ConfigError(
            f"account manager {manager!r} is not an email address",
            fix="set the client's account_manager to an email address in clients.json and run `assistant ingest`",
        )
    msg = EmailMessage()
    msg["Subject"] = subject_line(digest, md)
    msg["From"] = sender
    msg["To"] = manager
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    msg["Message-ID"] = make_msgid("digest", domain=domain)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to this
    msg.set_content(render_text(digest, manager=manager), cte="quoted-printable")
    msg.add_alternative(render_html(digest, manager=manager), subtype="html", cte="quoted-printable")
    return msg


def send_digests(
    store: Store,
    settings: Settings,
    day: date,
    *,
    cadence_days: int = 14,
    now: datetime | None = None,
    skip: Collection[str] = (),
    on_sent: Callable[[str], None] | None = None,
) -> list[str]:
    """Email each account manager their digest of ``day``; returns the recipients in order.
    Clients without an account manager (``unassigned``) are not emailed, nor the managers in
    ``skip``. ``on_sent(manager)`` runs after each email, so a caller can record who was
    served before a later one fails."""
    settings.check_smtp()
    digest = build_digest(store, day, cadence_days=cadence_days, now=now, mailbox_of=settings.mailbox_label)
    sender = settings.smtp_sender()
    managers = [md.manager for md in digest.managers if md.manager != UNASSIGNED and md.manager not in skip]
    for manager in managers:  # check every address before sending anything
        if not _is_address(manager):
            to_email(digest, manager, sender)  # raises the ConfigError naming the fix
    sent = []
    for manager in managers:
        msg = to_email(digest, manager, sender)
        send(settings, msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))  # SMTP wants CRLF
        sent.append(manager)
        if on_sent is not None:
            on_sent(manager)
    return sent
