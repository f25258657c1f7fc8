"""The daily inbox digest: one email per account manager (see :mod:`assistant.digest.build`)."""

from assistant.digest.build import (
    UNASSIGNED,
    ClientActivity,
    Digest,
    ManagerDigest,
    OutOfScopeLine,
    QuietClient,
    RedFlagLine,
    StaleDraft,
    build_digest,
)
from assistant.digest.render import render_html, render_markdown, render_text, write_digest
from assistant.digest.send import send_digests, to_email

__all__ = [
    "UNASSIGNED",
    "ClientActivity",
    "Digest",
    "ManagerDigest",
    "OutOfScopeLine",
    "QuietClient",
    "RedFlagLine",
    "StaleDraft",
    "build_digest",
    "render_html",
    "render_markdown",
    "render_text",
    "write_digest",
    "send_digests",
    "to_email",
]
