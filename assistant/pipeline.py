"""The pipeline, stage by stage:

mail in → parse → resolve client   :func:`sync` (stores each message once)
retrieve → label → draft           :func:`triage_pending` (one result and at most one
                                    draft per message, whatever engine)
review → out to the mailbox        ``assistant drafts approve`` / the review page
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.draft import compose_draft
from assistant.label.engine import ClientInfo, Engine, Example, TriageContext, endpoint_failed
from assistant.label.schema import Decision
from assistant.mailin import MailSource
from assistant.parse import ParsedMessage, parse_message
from assistant.resolve import ClientDirectory
from assistant.retrieve import Evidence, match_requests, query_text, retrieve
from assistant.review.corrections import examples_for
from assistant.state import Agency, AuditEvent, Client, Correction, Draft, Message, Quarantine, Store, TriageResult
from vectorstore import ClientRecords, VectorStore

log = logging.getLogger(__name__)

#: Commit at least this often during a long sync, so an interruption loses little work.
COMMIT_EVERY = 50


@dataclass
class SyncReport:
    source: str
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    auto_replies: int = 0
    quarantined: int = 0  # new messages the parser failed on: stored in quarantine, not triaged
    new_message_ids: list[str] = field(default_factory=list)


def sync(source: MailSource, store: Store, on_message: Callable[[], None] | None = None) -> SyncReport:
    """Read what is new in ``source``, parse it and store it.

    The source's cursor is saved in the same transaction as the messages before it, so a
    crash mid-sync resumes where the last commit left off; a message seen again (another
    folder, a UIDVALIDITY reset, a re-run on a local folder) is recognised by Message-ID
    and skipped.
    """
    report = SyncReport(source=source.key)
    cursor = store.get_cursor(source.key)
    directory = ClientDirectory.from_store(store)
    # A plain session: committed every COMMIT_EVERY messages and at the end; on an error,
    # closing it rolls back only the uncommitted tail (messages and cursor together).
    with store.open_session() as session:
        for raw in source.fetch_new(cursor):
            report.fetched += 1
            parsed = parse_message(raw.raw)
            who = directory.resolve(parsed.sender.email)
            if store.add_message(
                session,
                parsed,
                raw.raw,
                source_key=source.key,
                location=raw.location,
                client_id=who.client_id,
                client_match=who.match,
            ):
                report.new += 1
                report.new_message_ids.append(parsed.message_id)
                report.auto_replies += not parsed.needs_triage
                report.quarantined += parsed.quarantine_reason is not None
            else:
                report.duplicates += 1
            if raw.cursor is not None:
                store.set_cursor(session, source.key, raw.cursor)
            if report.fetched % COMMIT_EVERY == 0:
                session.commit()
            if on_message:
                on_message()
        session.commit()
    log.info(
        "synced %s: %d fetched, %d new, %d already seen", source.key, report.fetched, report.new, report.duplicates
    )
    return report


#: A fixed question whose answers are the clauses a change-request outline quotes. The
#: multilingual embedding finds them in documents of any language.
COMMERCIAL_QUERY = (
    "hourly rate for additional work outside the scope; change request procedure; payment terms and invoices"
)


@dataclass
class TriageReport:
    engine: str
    triaged: int = 0
    drafts: int = 0
    skipped_unknown_sender: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    engines: dict[str, int] = field(default_factory=dict)  # who produced the results (fallbacks show here)


def pending_messages(store: Store) -> list[Message]:
    """Messages that still need a result: stored, not an auto-reply/bounce, not in quarantine."""
    with store.session() as s:
        q = (
            select(Message)
            .outerjoin(TriageResult, TriageResult.message_pk == Message.id)
            .outerjoin(Quarantine, Quarantine.message_pk == Message.id)
            .where(
                TriageResult.id.is_(None),
                Quarantine.message_pk.is_(None),
                Message.is_auto_reply.is_(False),
                Message.is_bounce.is_(False),
            )
            .order_by(Message.id)
        )
        return list(s.scalars(q).all())


def reset_fallbacks(
    store: Store,
    actor: str = "triage",
    *,
    only: Callable[[Mapping[str, Any]], bool] | None = None,
    limit: int | None = None,
) -> list[str]:
    """Make the results another engine produced because the first one failed (their
    ``fallback_reason`` is set) pending again, so the next triage asks the first engine anew.

    A result a person has acted on is kept: its draft is no longer pending or was edited, or
    the message was relabelled (a correction). The results and their pending, unedited drafts
    are deleted in one transaction, each audited as ``triage.retry``; returns the Message-IDs
    made pending (none on a second call with nothing new to retry). ``only`` picks among the
    stored fallback results, ``limit`` caps how many are reset (oldest message first)."""
    with store.session() as s:
        rows = s.execute(
            select(TriageResult, Message.message_id, Draft)
            .join(Message, Message.id == TriageResult.message_pk)
            .outerjoin(Draft, Draft.message_pk == TriageResult.message_pk)
            .where(TriageResult.result["fallback_reason"].as_string().is_not(None))
            .order_by(TriageResult.message_pk)
        ).all()
        fallbacks = [
            row
            for row in rows
            if (row[0].result or {}).get("fallback_reason") and (only is None or only(row[0].result))
        ]
        if not fallbacks:
            return []
        corrected = set(s.scalars(select(Correction.message_pk)))
        relabelled = set(
            s.scalars(
                select(AuditEvent.object_id).where(
                    AuditEvent.object_type == "message", AuditEvent.action == "triage.relabel"
                )
            )
        )
        edited = set(
            s.scalars(
                select(AuditEvent.object_id).where(
                    AuditEvent.object_type == "draft", AuditEvent.action == "draft.edited"
                )
            )
        )
        reset = []
        for result, message_id, draft in fallbacks:
            if result.message_pk in corrected or message_id in relabelled or (result.result or {}).get("corrected_by"):
                continue
            if draft is not None and (draft.status != "pending" or str(draft.id) in edited):
                continue
            if draft is not None:
                # Only as it was read: an edit or approval that got in first keeps it.
                gone = s.execute(
                    delete(Draft).where(
                        Draft.id == draft.id,
                        Draft.status == "pending",
                        Draft.body == draft.body,
                        Draft.subject == draft.subject,
                    )
                )
                if gone.rowcount != 1:  # type: ignore[attr-defined]
                    continue
            store.record(
                s,
                actor,
                "triage.retry",
                "message",
                message_id,
                {"engine": result.engine, "fallback": result.result["fallback_reason"]},
            )
            s.delete(result)
            reset.append(message_id)
            if limit is not None and len(reset) >= limit:
                break
    log.info("%d fallback result(s) made pending again", len(reset))
    return reset


def retry_fallbacks(
    store: Store, vectors: VectorStore, engine: Engine, actor: str = "watch", stop: threading.Event | None = None
) -> TriageReport | None:
    """``watch``: once ``engine`` answers again, triage anew the results its fallback engine
    produced because it had failed (or was not asked), unless a person acted on them; those
    that failed on their message alone (an invalid answer, a filter) are left as they are.

    One message goes first: only when its result comes from ``engine`` itself are the others
    reset and triaged, so an endpoint that still fails costs one message's call, not all of
    theirs. Returns what was triaged, or None when nothing was (nothing to retry, the engine
    not ready, or the first one fell back again)."""

    def ours(result: Mapping[str, Any]) -> bool:  # another engine stood in for this one
        return endpoint_failed(result) and result.get("engine") != engine.name

    if not reset_candidates(store, ours) or not engine.ready():
        return None
    if not reset_fallbacks(store, actor, only=ours, limit=1):
        return None
    report = triage_pending(store, vectors, engine, stop=stop)
    if not report.engines.get(engine.name):
        return None
    reset_fallbacks(store, actor, only=ours)
    rest = triage_pending(store, vectors, engine, stop=stop)
    report.triaged += rest.triaged
    report.drafts += rest.drafts
    report.skipped_unknown_sender = rest.skipped_unknown_sender
    for name, n in rest.labels.items():
        report.labels[name] = report.labels.get(name, 0) + n
    for name, n in rest.engines.items():
        report.engines[name] = report.engines.get(name, 0) + n
    return report


def reset_candidates(store: Store, only: Callable[[Mapping[str, Any]], bool] | None = None) -> int:
    """How many stored results are fallbacks (``only``: of those it picks), whether or not a
    person acted on them; a cheap look before anything is asked or reset."""
    with store.session() as s:
        results = s.scalars(
            select(TriageResult.result).where(TriageResult.result["fallback_reason"].as_string().is_not(None))
        ).all()
    return sum(1 for r in results if r and r.get("fallback_reason") and (only is None or only(r)))


def build_context(
    message: ParsedMessage,
    client: ClientInfo,
    vectors: VectorStore,
    commercial: list[Evidence],
    agency_name: str = "",
    records: ClientRecords | None = None,
) -> TriageContext:
    """Retrieve stage: the message's embedding (computed once), the client's closest clauses,
    and per request the client's records closest to it (``records``: all of the client's)."""
    text = query_text(f"{message.subject}\n{message.new_text}")
    vector = vectors.embedder.embed_query(text) if text else None
    evidence = retrieve(vectors, client.id, text, k=5, k_excluded=2, vector=vector) if text else []
    requests = []
    if records is not None and vector is not None:
        whole = vectors.search_vectors([vector], [text])[0]
        requests = match_requests(message.new_text, records, whole, lambda texts: _search_space(vectors, texts))
    return TriageContext(
        message=message,
        client=client,
        evidence=evidence,
        commercial=commercial,
        agency_name=agency_name,
        vector=vector,
        requests=requests,
    )


def _search_space(vectors: VectorStore, texts: Sequence[str]) -> np.ndarray:
    queries = [query_text(t) for t in texts]
    return vectors.search_vectors([vectors.embedder.embed_query(q) for q in queries], queries)


def decide(engine: Engine, ctx: TriageContext) -> Decision:
    """Label stage, then draft stage: the engine's decision, with the reply composed from the
    templates when the engine wrote none and a reply is needed."""
    decision = engine.decide(ctx)
    if decision.draft is None and decision.result.reply_needed:
        draft = compose_draft(ctx, decision.result, language=decision.result.language or None)
        decision = decision.model_copy(update={"draft": draft})
    return decision


class ContextBuilder:
    """Retrieve stage for stored messages: which client, the closest clauses, the client's
    commercial clauses (once per client) and the account managers' corrections (once per
    client). Used by triage and by the evaluation harness, so both take the same path."""

    def __init__(self, store: Store, vectors: VectorStore) -> None:
        self.store, self.vectors = store, vectors
        with store.session() as s:
            self.clients = {c.id: ClientInfo(c.id, c.name, c.account_manager) for c in s.scalars(select(Client))}
            agency = s.get(Agency, 1)
        self.agency_name = agency.name if agency else ""
        self._commercial: dict[str, list[Evidence]] = {}
        self._records: dict[str, ClientRecords] = {}
        self._examples: dict[str, list[Example]] = {}

    def client_of(self, m: Message) -> ClientInfo | None:
        """The message's client; None for an unknown sender (never guessed)."""
        return self.clients.get(m.client_id or "")

    def build(self, m: Message, client: ClientInfo) -> TriageContext:
        if client.id not in self._commercial:
            self._commercial[client.id] = retrieve(self.vectors, client.id, COMMERCIAL_QUERY, k=3, k_excluded=0)
        if client.id not in self._records:
            self._records[client.id] = self.vectors.client_records(client.id)
        ctx = build_context(
            ParsedMessage.model_validate(m.parsed),
            client,
            self.vectors,
            self._commercial[client.id],
            self.agency_name,
            self._records[client.id],
        )
        if client.id not in self._examples:
            self._examples[client.id] = [
                replace(ex, vector=tuple(self.vectors.embedder.embed_query(query_text(ex.text))))
                for ex in examples_for(self.store, client.id)
            ]
        ctx.examples = self._examples[client.id]  # the account managers' corrections for this client
        if ctx.examples and query_text(ctx.message.new_text):
            ctx.text_vector = self.vectors.embedder.embed_query(query_text(ctx.message.new_text))
            ctx.examples = _closest_first(ctx.examples, ctx.text_vector)
        return ctx


def triage_pending(
    store: Store,
    vectors: VectorStore,
    engine: Engine,
    on_message: Callable[[], None] | None = None,
    stop: threading.Event | None = None,
) -> TriageReport:
    """Label every pending message and draft the replies they need; results are stored as
    they come, so a re-run does nothing (and costs no LLM call) for what is done. Setting
    ``stop`` ends the run after the messages already started (the rest stay pending)."""
    report = TriageReport(engine=engine.name)
    contexts = ContextBuilder(store, vectors)
    todo = []
    for m in pending_messages(store):
        client = contexts.client_of(m)
        if client is None:
            report.skipped_unknown_sender += 1
            continue
        todo.append((m, client))
    # The main thread retrieves (embeds) the next message while up to `workers` decisions run:
    # with an LLM engine the calls overlap the embedding instead of waiting for it. Results are
    # stored here, on this thread, as they complete.
    workers = max(1, int(getattr(engine, "concurrency", 1)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="triage") as pool:
        in_flight: dict[Future[Decision], tuple[Message, ParsedMessage]] = {}

        def store_done(keep: int) -> None:
            while len(in_flight) > keep:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    m, parsed = in_flight.pop(future)
                    _store_decision(store, m, parsed, future.result(), report)
                    if on_message:
                        on_message()

        for m, client in todo:
            if stop is not None and stop.is_set():
                break
            ctx = contexts.build(m, client)
            in_flight[pool.submit(decide, engine, ctx)] = (m, ctx.message)
            store_done(keep=workers)  # the pool stays busy while the next context is built
        store_done(keep=0)
    return report


def _closest_first(examples: list[Example], vector: list[float]) -> list[Example]:
    """Corrections ordered by how close each is to this message (the LLM sees the first few)."""
    v = np.asarray(vector, dtype=np.float32)
    return sorted(
        examples, key=lambda ex: -float(np.dot(v, np.asarray(ex.vector, dtype=np.float32))) if ex.vector else 0.0
    )


def _store_decision(store: Store, m: Message, parsed: ParsedMessage, decision: Decision, report: TriageReport) -> None:
    """Store one message's result (and draft), unless another run (a second ``triage``, or
    ``watch``) stored one first: between this run's check and its insert, that shows as the
    unique constraint, and the message is skipped."""
    result = decision.result
    try:
        with store.session() as s:
            if _has_result(s, m):
                return  # another run got here first: one result per message
            s.add(
                TriageResult(
                    message_pk=m.id,
                    label=result.label,
                    engine=result.engine,
                    confidence=result.confidence,
                    result=result.model_dump(mode="json"),
                )
            )
            store.record(
                s,
                result.engine,
                "triage",
                "message",
                m.message_id,
                {"label": result.label, "red_flags": list(result.red_flags), "fallback": result.fallback_reason},
            )
            if decision.draft is not None:
                to = parsed.reply_to[0].email if parsed.reply_to and parsed.reply_to[0].email else parsed.sender.email
                s.add(
                    Draft(
                        message_pk=m.id,
                        to_addr=to,
                        subject=decision.draft.subject,
                        body=decision.draft.body,
                        language=decision.draft.language,
                    )
                )
    except IntegrityError:
        with store.session() as s:
            if not _has_result(s, m):
                raise
        log.info("%s: another triage run stored its result first; skipped", m.message_id)
        return
    report.drafts += decision.draft is not None
    report.triaged += 1
    report.labels[result.label] = report.labels.get(result.label, 0) + 1
    report.engines[result.engine] = report.engines.get(result.engine, 0) + 1


def _has_result(session: Session, m: Message) -> bool:
    return session.scalar(select(TriageResult.id).where(TriageResult.message_pk == m.id)) is not None
