"""Typed message objects produced by the parser."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Address(BaseModel):
    name: str = ""
    email: str = ""  # lower-cased addr-spec; "" when the header is missing or unparsable

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2] if "@" in self.email else ""

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class Attachment(BaseModel):
    filename: str | None = None
    content_type: str
    size: int  # decoded size in bytes


class ParsedMessage(BaseModel):
    """One client message, decoded. ``new_text`` is what the sender wrote now; quoted
    history and signature/disclaimer are kept apart so triage never judges them."""

    message_id: str  # with angle brackets; synthesised from a content hash when missing
    message_id_synthesised: bool = False
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    subject: str = ""
    sender: Address = Field(default_factory=Address)  # From
    reply_to: list[Address] = Field(default_factory=list)
    to: list[Address] = Field(default_factory=list)
    cc: list[Address] = Field(default_factory=list)
    date: datetime | None = None

    body_text: str = ""  # the whole body as clean text (HTML converted)
    body_was_html: bool = False  # no text/plain part; text came from HTML
    new_text: str = ""  # what the sender wrote in this message
    quoted_text: str = ""  # quoted history (earlier messages in the thread)
    signature: str = ""  # signature and legal disclaimers

    attachments: list[Attachment] = Field(default_factory=list)
    is_auto_reply: bool = False  # out-of-office, vacation, auto-generated
    is_bounce: bool = False  # delivery status notification / mailer-daemon
    defects: list[str] = Field(default_factory=list)  # what was malformed and how it was handled
    #: Why the parser failed on this message (None: it did not). Such a message is kept in
    #: quarantine with this reason, never triaged, so that nothing is dropped unseen.
    quarantine_reason: str | None = None

    @property
    def needs_triage(self) -> bool:
        """Auto-replies and bounces are recorded but get no label or draft."""
        return not (self.is_auto_reply or self.is_bounce)
