"""Mail in: new messages from a mailbox (IMAP) or a local folder (Maildir, .eml)."""

from assistant.mailin.source import Cursor, MailSource, RawMessage

__all__ = ["Cursor", "MailSource", "RawMessage"]
