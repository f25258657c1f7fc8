"""A relabel rewrites what followed from the old label: the rationale, and the pending draft
(composed again by the draft stage for the new label, from the stored message, its client
and the evidence the result cites). A draft the account manager edited is replaced only
when they say so."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.draft import compose_draft
from assistant.label.engine import ClientInfo, TriageContext
from assistant.label.rationale import corrected, rationale, relabelled_requests
from assistant.label.schema import DraftReply, TriageResult
from assistant.parse.models import ParsedMessage
from assistant.retrieve import Evidence
from assistant.state import Agency, AuditEvent, Client, Message

#: Audit actions that set a draft's text: a person's edit, or a relabel's recomposition.
EDITED, RECOMPOSED = "draft.edited", "draft.recomposed"


def edited_by_hand(session: Session, draft_id: int) -> bool:
    """The draft's text is a person's: its last change was an edit, not a (re)composition."""
    last = session.scalar(
        select(AuditEvent.action)
        .where(
            AuditEvent.object_type == "draft",
            AuditEvent.object_id == str(draft_id),
            AuditEvent.action.in_((EDITED, RECOMPOSED)),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return last == EDITED


def relabelled_result(stored: dict[str, Any], actor: str, reason: str) -> dict[str, Any]:
    """The stored result after a relabel (its label and red flags already the new ones): the
    requests as the person decided them, a person's decision needs no more judgement, and
    the rationale is written again for the new label, saying who relabelled it and why."""
    label, flags = stored["label"], list(stored.get("red_flags", []))
    engines = (stored.get("original") or {}).get("requests", stored.get("requests", []))  # as the engine judged them
    requests = relabelled_requests(label, engines)
    out = dict(stored)
    out.update(
        requests=[r.model_dump(mode="json") for r in requests],
        needs_judgement=False,
        reply_needed=True,
        rationale=rationale(label, flags, requests) + " " + corrected(actor, reason),
    )
    original = dict(out.get("original") or {})
    original.setdefault("requests", stored.get("requests", []))
    original.setdefault("rationale", stored.get("rationale", ""))
    out["original"] = original
    return out


def compose_for(session: Session, message: Message, result: dict[str, Any]) -> DraftReply:
    """The draft stage's reply for ``result``, from the stored message, its client and the
    records the result cites (the result's evidence, then each request's deciding record)."""
    parsed = ParsedMessage.model_validate(message.parsed)
    client = session.get(Client, message.client_id) if message.client_id else None
    info = (
        ClientInfo(client.id, client.name, client.account_manager)
        if client
        else ClientInfo(message.client_id or "", message.client_id or "")
    )
    agency = session.get(Agency, 1)
    original = (result.get("original") or {}).get("requests") or []
    records = [*result.get("evidence", []), *(r.get("evidence") for r in original if isinstance(r, dict))]
    evidence: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for rec in records:
        if not rec or (rec.get("document", ""), rec.get("text", "")) in seen:
            continue
        seen.add((rec.get("document", ""), rec.get("text", "")))
        # in the order the result gives them: the first scores highest
        evidence.append(Evidence.model_validate({**rec, "score": round(1.0 - 0.01 * len(evidence), 4)}))
    ctx = TriageContext(message=parsed, client=info, evidence=evidence, agency_name=agency.name if agency else "")
    validated = TriageResult.model_validate(result)
    draft = compose_draft(ctx, validated, language=validated.language or None)
    if draft is None:  # reply_needed is set above: not reached
        raise ValueError("the draft stage wrote no reply for a result that needs one")
    return draft
