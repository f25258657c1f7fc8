"""Parse stage: raw message bytes -> :class:`ParsedMessage`.

``parse_message`` decodes headers (RFC 2047, addresses, ids, date), walks the MIME tree
(charsets, quoted-printable/base64, HTML -> text, attachments by name/type/size only),
separates new text from quoted history and signature/disclaimer, and flags auto-replies
and bounces. It never raises: malformed input is described in ``ParsedMessage.defects``,
and a failure of the parser itself sets ``ParsedMessage.quarantine_reason`` (the message is
then kept in quarantine, not triaged).
"""

from assistant.parse.models import Address, Attachment, ParsedMessage
from assistant.parse.parser import parse_message, synthesise_message_id

__all__ = ["Address", "Attachment", "ParsedMessage", "parse_message", "synthesise_message_id"]
