"""Human relabels, kept so they teach: each becomes an example for the client's next messages.
The table, :class:`assistant.state.Correction`, lives with the others in ``assistant/state``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.errors import UserError
from assistant.label.engine import Example
from assistant.label.schema import CATEGORIES, LABELS
from assistant.state import Correction, Message, Store, TriageResult


def validate(label: str, red_flags: list[str]) -> list[str]:
    if label not in LABELS:
        raise UserError(f"unknown label {label!r}", fix=f"use one of: {', '.join(LABELS)}")
    flags = list(dict.fromkeys(red_flags))
    unknown = [f for f in flags if f not in CATEGORIES]
    if unknown:
        raise UserError(f"unknown red-flag categories: {', '.join(unknown)}")
    if label == "red_flag" and not flags:
        raise UserError("a red_flag label needs at least one red-flag category")
    if label != "red_flag" and flags:
        raise UserError("red-flag categories go with the red_flag label only")
    return flags


def record_correction(
    store: Store, message_pk: int, label: str, red_flags: list[str], reason: str, actor: str
) -> Correction:
    """Store a relabel, update the message's triage result and audit it ("triage.relabel")."""
    with store.session() as s:
        return apply_correction(s, store, message_pk, label, red_flags, reason, actor)


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise UserError("say why the label is wrong", fix="fill in the reason")
    return reason


def apply_correction(
    s: Session, store: Store, message_pk: int, label: str, red_flags: list[str], reason: str, actor: str
) -> Correction:
    """:func:`record_correction` inside the caller's transaction ``s``."""
    flags = validate(label, red_flags)
    reason = check_reason(reason)
    message = s.get(Message, message_pk)
    if message is None:
        raise UserError(f"no message {message_pk}")
    triage = s.scalar(select(TriageResult).where(TriageResult.message_pk == message_pk))
    previous = {"label": triage.label, "red_flags": list(triage.result.get("red_flags", []))} if triage else None
    if triage is None:
        triage = TriageResult(
            message_pk=message_pk,
            label=label,
            engine="human",
            confidence=1.0,
            result={
                "label": label,
                "red_flags": flags,
                "evidence": [],
                "requests": [],
                "confidence": 1.0,
                "rationale": "",
                "engine": "human",
                "reply_needed": label != "in_scope",
            },
        )
        s.add(triage)
    else:
        result = dict(triage.result)
        result.update(label=label, red_flags=flags, corrected_by=actor, correction_reason=reason)
        if label != "in_scope":
            result["reply_needed"] = True
        result.setdefault("original", previous)
        triage.result = result  # a new dict: the JSON column sees the change
        triage.label = label
    correction = Correction(
        message_pk=message_pk, client_id=message.client_id, label=label, red_flags=flags, reason=reason, actor=actor
    )
    s.add(correction)
    store.record(
        s,
        actor,
        "triage.relabel",
        "message",
        message.message_id,
        {"label": label, "red_flags": flags, "reason": reason, "from": previous},
    )
    s.flush()
    return correction


def corrections(store: Store, message_pk: int | None = None) -> list[Correction]:
    with store.session() as s:
        q = select(Correction).order_by(Correction.id)
        if message_pk is not None:
            q = q.where(Correction.message_pk == message_pk)
        return list(s.scalars(q).all())


def examples_for(store: Store, client_id: str, limit: int = 20) -> list[Example]:
    """The client's corrected messages, newest first (the latest correction per message),
    as examples for :class:`assistant.label.engine.TriageContext`."""
    out: list[Example] = []
    seen: set[int] = set()
    with store.session() as s:
        rows = s.execute(
            select(Correction, Message.new_text, Message.subject)
            .join(Message, Message.id == Correction.message_pk)
            .where(Correction.client_id == client_id)
            .order_by(Correction.id.desc())
        )
        for correction, text, subject in rows:
            if correction.message_pk in seen or not (text or "").strip():
                continue
            seen.add(correction.message_pk)
            out.append(
                Example(text=text, label=correction.label, red_flags=tuple(correction.red_flags), subject=subject or "")
            )
            if len(out) >= limit:
                break
    return out
