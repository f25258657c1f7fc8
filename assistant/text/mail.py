"""Mail text every stage may need: the subject line of a reply."""

from __future__ import annotations

#: Reply prefixes that already mark a subject as a reply (English, Nordic, German).
REPLY_PREFIXES = ("re:", "sv:", "aw:")


def reply_subject(subject: str) -> str:
    """The subject of a reply: the client's own subject under one reply prefix."""
    s = subject.strip()
    return s if s.lower().startswith(REPLY_PREFIXES) else f"Re: {s}"
