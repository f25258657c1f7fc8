"""The triage job: claim, triage, release; the same on SQLite (in process) and PostgreSQL
(one queued job per message)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from assistant.label.engine import ClientInfo, Engine, TriageContext
from assistant.pipeline import ContextBuilder, TriageReport, pending_ids, triage_pending
from assistant.state import Message, Store, leases
from vectorstore import VectorStore

log = logging.getLogger(__name__)

#: A worker's context builder (clients, their commercial clauses and corrections, cached) is
#: made anew after this long, so documents ingested and corrections made meanwhile count.
CONTEXT_SECONDS = 60.0


class _SharedContexts(ContextBuilder):
    """One builder for the jobs a worker runs at once: one at a time builds (embeds and
    retrieves), while the decisions (LLM calls) of several run side by side."""

    def __init__(self, store: Store, vectors: VectorStore) -> None:
        super().__init__(store, vectors)
        self._lock = threading.Lock()
        self.made = time.monotonic()

    def build(self, m: Message, client: ClientInfo) -> TriageContext:
        with self._lock:
            return super().build(m, client)


@dataclass
class Outcome:
    """What one job did."""

    report: TriageReport
    #: Message ids another worker holds a live claim on: left to it (retried after its lease).
    held_elsewhere: list[int] = field(default_factory=list)
    #: Seconds until the first of those leases expires (then retried, and taken over if its
    #: worker died).
    retry_in: float | None = None
    #: Claims this worker lost while it worked (its lease expired and another took over).
    lost: int = 0


@dataclass
class Worker:
    """One worker's job: triage the messages it can claim."""

    store: Store
    vectors: VectorStore
    engine: Engine
    lease_seconds: float = leases.DEFAULT_SECONDS
    name: str = field(default_factory=leases.worker_id)
    stop: threading.Event | None = None
    _contexts: _SharedContexts | None = field(default=None, init=False, repr=False)
    _contexts_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def contexts(self) -> _SharedContexts:
        with self._contexts_lock:
            if self._contexts is None or time.monotonic() - self._contexts.made > CONTEXT_SECONDS:
                self._contexts = _SharedContexts(self.store, self.vectors)
            return self._contexts

    def triage(
        self, message_pks: Collection[int] | None = None, on_message: Callable[[], None] | None = None
    ) -> Outcome:
        """Claim the pending messages among ``message_pks`` (every pending one when None),
        triage those claimed, and release the claims. A message another worker holds a live
        claim on is left to it (``held_elsewhere``); one whose claim expired (its worker
        died) is taken over."""
        # Given ids (a queued job's) are claimed as they are: triage_pending skips one that has
        # its result already, so no query for what is pending is needed first.
        wanted = (
            list(dict.fromkeys(message_pks)) if message_pks is not None else pending_ids(self.store, with_client=False)
        )
        if not wanted:
            return Outcome(TriageReport(engine=self.engine.name))
        keys = [leases.message_key(pk) for pk in wanted]
        with self.store.session() as s:
            claimed = leases.claim(s, keys, self.name, self.lease_seconds)
        held = sorted(set(keys) - set(claimed))
        outcome = Outcome(TriageReport(engine=self.engine.name))
        if held:
            outcome.held_elsewhere = [int(k.split(":", 1)[1]) for k in held]
            with self.store.session() as s:
                now = leases.db_now(s)
                ends = [h.expires_at for h in leases.held(s) if h.key in set(held)]
            outcome.retry_in = max(0.0, (min(ends) - now).total_seconds()) if ends else 0.0
        if not claimed:
            return outcome
        try:
            with leases.Renewal(self.store, claimed, self.name, self.lease_seconds) as renewing:
                # Pending is checked again inside: one another worker finished meanwhile is skipped.
                outcome.report = triage_pending(
                    self.store,
                    self.vectors,
                    self.engine,
                    on_message=on_message,
                    stop=self.stop,
                    only=[int(k.split(":", 1)[1]) for k in claimed],
                    contexts=self.contexts(),
                )
            outcome.lost = len(renewing.lost)
        finally:
            with self.store.session() as s:
                leases.release(s, claimed, self.name)
        return outcome
