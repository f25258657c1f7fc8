"""The pipeline, stage by stage:

mail in → parse → resolve client   :func:`sync` (stores each message once)
retrieve → label → draft           :func:`triage_pending` (one result and at most one
                                    draft per message, whatever engine)
review → out to the mailbox        ``assistant drafts approve`` / the review page
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.draft import compose_draft
from assistant.label.engine import ClientInfo, Engine, Example, TriageContext
from assistant.label.schema import Decision
from assistant.mailin import MailSource
from assistant.parse import ParsedMessage, parse_message
from assistant.resolve import ClientDirectory
from assistant.retrieve import Evidence, match_requests, query_text, requests_in, retrieve, retrieve_many
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


def reset_fallbacks(store: Store, actor: str = "triage") -> list[str]:
    """Make the results another engine produced because the first one failed (their
    ``fallback_reason`` is set) pending again, so the next triage asks the first engine anew.

    A result a person has acted on is kept: its draft is no longer pending or was edited, or
    the message was relabelled (a correction). The results and their pending, unedited drafts
    are deleted in one transaction, each audited as ``triage.retry``; returns the Message-IDs
    made pending (none on a second call with nothing new to retry)."""
    with store.session() as s:
        rows = s.execute(
            select(TriageResult, Message.message_id, Draft)
            .join(Message, Message.id == TriageResult.message_pk)
            .outerjoin(Draft, Draft.message_pk == TriageResult.message_pk)
            .order_by(TriageResult.message_pk)
        ).all()
        fallbacks = [row for row in rows if (row[0].result or {}).get("fallback_reason")]
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
    log.info("%d fallback result(s) made pending again", len(reset))
    return reset


def decide(engine: Engine, ctx: TriageContext) -> Decision:
    """Label stage, then draft stage: the engine's decision, with the reply composed from the
    templates when the engine wrote none and a reply is needed."""
    decision = engine.decide(ctx)
    if decision.draft is None and decision.result.reply_needed:
        draft = compose_draft(ctx, decision.result, language=decision.result.language or None)
        decision = decision.model_copy(update={"draft": draft})
    return decision


#: Query vectors a :class:`ContextBuilder` remembers (the most recently used; ~3 KB each).
REMEMBERED_VECTORS = 2048


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
        self._embedded: OrderedDict[str, np.ndarray] = OrderedDict()  # text → query vector, newest last

    def client_of(self, m: Message) -> ClientInfo | None:
        """The message's client; None for an unknown sender (never guessed)."""
        return self.clients.get(m.client_id or "")

    def build(self, m: Message, client: ClientInfo) -> TriageContext:
        return self.build_many([(m, client)])[0]

    def build_many(self, items: Sequence[tuple[Message, ClientInfo]]) -> list[TriageContext]:
        """The contexts of several messages, as :meth:`build` makes each one, with the work
        shared: every text they need embedded (each message's subject and new text, its
        requests, its new text alone where corrections are compared) in one encoder call,
        each distinct text's language detected once and its vector moved into the search
        space once, and two Chroma queries per client."""
        parsed = [ParsedMessage.model_validate(m.parsed) for m, _ in items]
        for _, client in items:
            self._client_data(client)
        texts = [query_text(f"{p.subject}\n{p.new_text}") for p in parsed]
        found = [requests_in(p.new_text) for p in parsed]
        # What to embed: the message, its requests unless the message is the one request (and
        # the client has records to weigh them against), its new text alone for corrections.
        searched: dict[str, None] = {}  # texts that go into the search space, each once
        raw_only: dict[str, None] = {}
        for (_, client), text, (requests, whole), p in zip(items, texts, found, parsed):
            if not text:
                continue
            searched[text] = None
            if requests and len(self._records[client.id].ids) and not whole:
                searched.update(dict.fromkeys(query_text(r) for r in requests))
            if self._examples[client.id] and query_text(p.new_text):
                raw_only[query_text(p.new_text)] = None
        raw = self._embed(list(searched) + [t for t in raw_only if t not in searched])
        order = list(searched)
        languages = self.vectors.languages(order) if order else None
        space = (
            dict(zip(order, self.vectors.search_vectors([raw[t] for t in order], order, languages=languages)))
            if order
            else {}
        )
        language = dict(zip(order, languages)) if languages is not None else {}

        evidence: dict[int, list[Evidence]] = {}
        by_client: dict[str, list[int]] = {}
        for i, ((_, client), text) in enumerate(zip(items, texts)):
            if text:
                by_client.setdefault(client.id, []).append(i)
        for client_id, idx in by_client.items():
            found_evidence = retrieve_many(self.vectors, client_id, [space[texts[i]] for i in idx], k=5, k_excluded=2)
            evidence.update(zip(idx, found_evidence))

        def search(requests: Sequence[str]) -> np.ndarray:
            return np.asarray([space[query_text(r)] for r in requests], dtype=np.float32)

        contexts = []
        for i, ((_, client), text, p, asks) in enumerate(zip(items, texts, parsed, found)):
            records = self._records[client.id]
            ctx = TriageContext(
                message=p,
                client=client,
                evidence=evidence.get(i, []),
                commercial=self._commercial[client.id],
                agency_name=self.agency_name,
                vector=raw[text] if text else None,
                query_language=language.get(text),
                requests=match_requests(p.new_text, records, space[text], search, asks) if text else [],
            )
            ctx.examples = self._examples[client.id]  # the account managers' corrections for this client
            if ctx.examples and query_text(p.new_text):
                ctx.text_vector = raw[query_text(p.new_text)]
                ctx.examples = _closest_first(ctx.examples, ctx.text_vector)
            contexts.append(ctx)
        return contexts

    def _embed(self, texts: list[str]) -> dict[str, list[float]]:
        """Query vectors of ``texts``: the ones embedded lately (a sentence clients repeat, a
        message seen again) remembered, the rest in one encoder call."""
        missing = [t for t in texts if t not in self._embedded]
        if missing:
            for text, vector in zip(missing, self.vectors.embedder.embed_queries(missing)):
                self._embedded[text] = np.asarray(vector, dtype=np.float64)  # exact for any model's floats
        out = {}
        for text in texts:
            self._embedded.move_to_end(text)
            out[text] = self._embedded[text].tolist()
        while len(self._embedded) > REMEMBERED_VECTORS:
            self._embedded.popitem(last=False)
        return out

    def _client_data(self, client: ClientInfo) -> None:
        """The client's commercial clauses, records and corrections, loaded once."""
        if client.id not in self._commercial:
            self._commercial[client.id] = retrieve(self.vectors, client.id, COMMERCIAL_QUERY, k=3, k_excluded=0)
        if client.id not in self._records:
            self._records[client.id] = self.vectors.client_records(client.id)
        if client.id not in self._examples:
            self._examples[client.id] = [
                replace(ex, vector=tuple(self.vectors.embedder.embed_query(query_text(ex.text))))
                for ex in examples_for(self.store, client.id)
            ]


#: Messages whose contexts are built together (one encoder call, two Chroma queries per
#: client) and whose results are stored in one transaction.
BATCH = 32


def triage_pending(
    store: Store,
    vectors: VectorStore,
    engine: Engine,
    on_message: Callable[[], None] | None = None,
    stop: threading.Event | None = None,
) -> TriageReport:
    """Label every pending message and draft the replies they need; results are stored as
    they come, so a re-run does nothing (and costs no LLM call) for what is done. Setting
    ``stop`` ends the run after the messages already started (the rest stay pending).

    Messages go through in batches of :data:`BATCH`: their contexts are built together
    (:meth:`ContextBuilder.build_many`), each message is decided on its own, and the
    decisions finished by then are stored in one transaction. A message that fails (its
    context, its decision or its insert) takes no other message down with it: the others
    are stored first, then its error is raised."""
    report = TriageReport(engine=engine.name)
    contexts = ContextBuilder(store, vectors)
    todo = []
    for m in pending_messages(store):
        client = contexts.client_of(m)
        if client is None:
            report.skipped_unknown_sender += 1
            continue
        todo.append((m, client))
    # The main thread builds (embeds) the next batch while up to `workers` decisions of this
    # one run: the engine's work overlaps the embedding instead of waiting for it. Results are
    # stored here, on this thread.
    workers = max(1, int(getattr(engine, "concurrency", 1)))
    errors: list[BaseException] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="triage") as pool:
        in_flight: dict[Future[Decision], tuple[Message, ParsedMessage]] = {}

        def store_done(keep: int) -> None:
            """Wait until at most ``keep`` decisions are running, then store every finished one."""
            if len(in_flight) <= keep:
                return
            running = set(in_flight)
            while len(running) > keep:
                _, running = wait(running, return_when=FIRST_COMPLETED)
            finished = []
            for future in [f for f in in_flight if f.done()]:
                m, parsed = in_flight.pop(future)
                try:
                    finished.append((m, parsed, future.result()))
                except Exception as exc:  # noqa: BLE001 - this message alone; raised once the others are stored
                    errors.append(exc)
            errors.extend(_store_decisions(store, finished, report, on_message))

        for start in range(0, len(todo), BATCH):
            if stop is not None and stop.is_set():
                break
            batch = todo[start : start + BATCH]
            for m, ctx in _build_batch(contexts, batch):
                if isinstance(ctx, TriageContext):
                    in_flight[pool.submit(decide, engine, ctx)] = (m, ctx.message)
                else:
                    errors.append(ctx)
            store_done(keep=len(batch))  # the batch before is stored; this one keeps the pool busy
        store_done(keep=0)
    if errors:
        raise errors[0]
    return report


def _build_batch(
    contexts: ContextBuilder, batch: list[tuple[Message, ClientInfo]]
) -> list[tuple[Message, TriageContext | Exception]]:
    """The batch's contexts built together; when that fails, each message's on its own, so
    the error stays with the message that caused it."""
    try:
        return list(zip([m for m, _ in batch], contexts.build_many(batch)))
    except Exception:
        if len(batch) == 1:
            raise
        log.warning("building %d contexts together failed; building them one by one", len(batch), exc_info=True)
    out: list[tuple[Message, TriageContext | Exception]] = []
    for m, client in batch:
        try:
            out.append((m, contexts.build(m, client)))
        except Exception as exc:  # noqa: BLE001 - kept with its message, raised by triage_pending
            out.append((m, exc))
    return out


def _closest_first(examples: list[Example], vector: list[float]) -> list[Example]:
    """Corrections ordered by how close each is to this message (the LLM sees the first few)."""
    v = np.asarray(vector, dtype=np.float32)
    return sorted(
        examples, key=lambda ex: -float(np.dot(v, np.asarray(ex.vector, dtype=np.float32))) if ex.vector else 0.0
    )


def _store_decisions(
    store: Store,
    finished: list[tuple[Message, ParsedMessage, Decision]],
    report: TriageReport,
    on_message: Callable[[], None] | None = None,
) -> list[Exception]:
    """Store the messages' results (and drafts) in one transaction, each message in a
    savepoint of its own: a message another run (a second ``triage``, or ``watch``) stored
    first — between this run's check and its insert, that shows as the unique constraint —
    is skipped, and a message whose insert fails for another reason is rolled back alone.
    Returns those failures, after the others are committed."""
    if not finished:
        return []
    stored, failed, raced = [], [], []
    with store.session() as s:
        # Checked before the transaction writes anything (SQLite then reads outside it): a
        # transaction that read before its first write could not write after another run's
        # commit. A result stored between this check and the insert shows as the constraint.
        done = set(
            s.scalars(select(TriageResult.message_pk).where(TriageResult.message_pk.in_([m.id for m, *_ in finished])))
        )
        for m, parsed, decision in finished:
            if m.id in done:
                continue  # another run got here first: one result per message
            try:
                with s.begin_nested():
                    _add_decision(store, s, m, parsed, decision)
                    s.flush()
            except IntegrityError as exc:
                (raced if _has_result(s, m) else failed).append((m, exc))
                continue
            stored.append(decision)
    for m, _ in raced:
        log.info("%s: another triage run stored its result first; skipped", m.message_id)
    for decision in stored:
        result = decision.result
        report.drafts += decision.draft is not None
        report.triaged += 1
        report.labels[result.label] = report.labels.get(result.label, 0) + 1
        report.engines[result.engine] = report.engines.get(result.engine, 0) + 1
        if on_message:
            on_message()
    return [exc for _, exc in failed]


def _add_decision(store: Store, s: Session, m: Message, parsed: ParsedMessage, decision: Decision) -> None:
    result = decision.result
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


def _has_result(session: Session, m: Message) -> bool:
    return session.scalar(select(TriageResult.id).where(TriageResult.message_pk == m.id)) is not None
