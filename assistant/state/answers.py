"""Why a message got no draft although it asked for a reply: it was already answered."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from assistant.state.models import Answer, Message, TriageResult
from assistant.state.store import Store


def answered_reason(answers: Sequence[Answer]) -> str | None:
    """ "already answered on DATE" (the agency's earliest reply), else "already answered
    (...)" saying how it is known; None when there is no sign it was answered."""
    if not answers:
        return None
    dates = sorted(a.replied_at for a in answers if a.how == "reply" and a.replied_at is not None)
    if dates:
        return f"already answered on {dates[0].date().isoformat()}"
    if any(a.how == "reply" for a in answers):
        return "already answered (a reply from the agency is in the thread)"
    return "already answered (marked answered in the mailbox)"


def answered_without_draft(store: Store) -> list[tuple[Message, str]]:
    """Triaged messages with no draft because they were already answered, with the reason,
    newest first."""
    answers = store.answers()
    if not answers:
        return []
    with store.session() as s:
        messages = s.scalars(
            select(Message)
            .join(TriageResult, TriageResult.message_pk == Message.id)
            .options(selectinload(Message.draft), selectinload(Message.triage))
            .where(Message.message_id.in_(list(answers)))
            .order_by(Message.date.desc(), Message.id.desc())
        ).all()
    return [
        (m, reason)
        for m in messages
        if m.draft is None
        and (m.triage.result or {}).get("reply_needed", True)
        and (reason := answered_reason(answers[m.message_id]))
    ]
