"""Out to the mailbox: an approved draft becomes a threaded RFC 5322 reply.

Approval appends it to the mailbox's Drafts folder (:mod:`assistant.mailout.imap_folders`),
from where the account manager sends it with their usual mail client; or it is sent over
SMTP (:mod:`assistant.mailout.smtp`) with a copy filed in Sent. The reply itself is built
in :mod:`assistant.mailout.reply`.
"""

from assistant.mailout.reply import render_reply

__all__ = ["render_reply"]
