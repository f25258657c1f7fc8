"""Reading a dataset directory (``clients.json`` + ``cases.jsonl`` + docs + mail)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import UserError
from assistant.label.schema import Category, Label


class InlineMessage(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    sender: str = Field(alias="from")
    to: str = ""
    subject: str = ""
    date: str = ""
    body: str = ""


class Case(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    message: InlineMessage | None = None
    eml: str | None = None
    label: Label
    red_flags: list[Category] = Field(default_factory=list)
    client: str | None = None
    language: str | None = None
    #: Optional per-request annotations ({"text", "verdict", "basis"}), for per-request accuracy.
    requests: list[dict[str, Any]] | None = None
    auto_reply: bool = False

    @model_validator(mode="after")
    def _one_source(self) -> Case:
        if (self.message is None) == (self.eml is None):
            raise ValueError("exactly one of 'message' or 'eml' must be present")
        if (self.label == "red_flag") != bool(self.red_flags):
            raise ValueError("red_flags must be non-empty exactly when label is red_flag")
        return self


def load_cases(directory: Path) -> list[Case]:
    path = directory / "cases.jsonl"
    if not path.is_file():
        raise UserError(f"no cases.jsonl in {directory}", fix="pass a dataset directory (see the dataset format)")
    cases: list[Case] = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(Case.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            raise UserError(f"{path}:{n}: {detail}", fix="fix that line of cases.jsonl") from None
        if cases[-1].eml and not (directory / cases[-1].eml).is_file():
            raise UserError(f"{path}:{n}: {cases[-1].eml} not found", fix="fix the eml path (relative to the dataset)")
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise UserError(f"{path}: duplicate case ids", fix="give every case its own id")
    if not cases:
        raise UserError(f"{path} has no cases", fix="add at least one case")
    return cases


def render_inline(case: Case) -> bytes:
    """An inline message as RFC 5322 bytes, so it goes through the parser like real mail."""
    m = case.message
    assert m is not None
    msg = EmailMessage()
    msg["From"] = m.sender
    if m.to:
        msg["To"] = m.to
    msg["Subject"] = m.subject
    when = _date(m.date)
    if when is not None:
        msg["Date"] = format_datetime(when)
    msg["Message-ID"] = case_message_id(case.id)
    msg.set_content(m.body, charset="utf-8")
    return msg.as_bytes()


def case_message_id(case_id: str) -> str:
    return f"<{re.sub(r'[^A-Za-z0-9._-]', '_', case_id)}@eval.invalid>"


def raw_for(case: Case, directory: Path, seen_ids: set[str]) -> bytes:
    """The case's raw bytes; a Message-ID another case already used is replaced (only in the
    header) so two cases never collapse into one stored message."""
    if case.message is not None:
        return render_inline(case)
    raw = (directory / str(case.eml)).read_bytes()
    header_end = raw.find(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.find(b"\n\n")
    head = raw[: header_end if header_end >= 0 else len(raw)]
    match = re.search(rb"(?im)^message-id:[ \t]*(<[^>\r\n]+>)", head)
    mid = match.group(1).decode("ascii", "replace") if match else None
    if mid is None or mid in seen_ids:
        new = case_message_id(case.id).encode()
        if match:
            raw = raw[: match.start(1)] + new + raw[match.end(1) :]
        else:
            raw = b"Message-ID: " + new + b"\r\n" + raw
        mid = new.decode()
    seen_ids.add(mid)
    return raw


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
