"""The job queue on PostgreSQL: pgqueuer's tables in the state database, one job per message.

* :func:`install` creates or upgrades pgqueuer's tables with the library's own schema code
  (``pgq upgrade`` does the same): idempotent, under PostgreSQL's advisory lock, run on start.
* :func:`enqueue` puts one job per message, keyed ``triage:<message id>`` (pgqueuer's dedupe
  key: a message already queued or being worked on is not queued again).
* :func:`run` takes jobs from the queue until it is empty (``triage``) or until stopped
  (``watch``). A job claims its message before triaging it (:class:`~assistant.work.Worker`);
  a message another worker holds a live claim on is retried after that claim's lease ends.
  The jobs of a worker that died stay "picked" until their heartbeat is older than the lease;
  then pgqueuer hands them to another worker, whose claim on the message succeeds because the
  dead worker's lease has expired by then.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import make_url

from assistant.pipeline import RUN_ERRORS, TriageReport, pending_ids
from assistant.state import Store, leases
from assistant.work.jobs import Worker

log = logging.getLogger(__name__)

#: The queue's name for the triage job.
TRIAGE = "assistant.triage"


def is_queued(db_url: str) -> bool:
    """Work goes through the queue on PostgreSQL; SQLite runs it in process."""
    return make_url(db_url).get_backend_name() == "postgresql"


def _dsn(db_url: str) -> str:
    """``postgresql+psycopg://…`` as the plain ``postgresql://…`` the drivers take."""
    return make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)


def jobs_at_once(engine: object) -> int:
    """How many jobs a worker runs at once: the LLM engine's concurrency
    (``ASSISTANT_LLM_CONCURRENCY``), and at least two, so that one job's database round trips
    overlap the other's embedding (one job at a time embeds and retrieves)."""
    return max(2, int(getattr(engine, "concurrency", 1)))


def _dedupe_key(message_pk: int) -> str:
    return f"triage:{message_pk}"


async def _connect(db_url: str) -> Any:
    import asyncpg

    return await asyncpg.connect(_dsn(db_url))


def install(db_url: str) -> int:
    """Create or upgrade pgqueuer's tables in the database (nothing when they are current).
    Returns how many schema statements ran."""
    from pgqueuer.db import AsyncpgDriver
    from pgqueuer.queries import Queries

    async def upgrade() -> int:
        conn = await _connect(db_url)
        try:
            plan = await Queries(AsyncpgDriver(conn)).apply_upgrade()
        finally:
            await conn.close()
        return len(plan.statements)

    ran = asyncio.run(upgrade())
    if ran:
        log.info("job queue: %d schema statement(s) applied", ran)
    return ran


def enqueue(db_url: str, message_pks: Collection[int]) -> int:
    """One triage job per message (not for one already queued or being worked on); returns
    how many were queued now."""
    import psycopg
    from pgqueuer.db import SyncPsycopgDriver
    from pgqueuer.queries import SyncQueries

    pks = list(dict.fromkeys(message_pks))
    if not pks:
        return 0
    queued = 0
    with psycopg.connect(_dsn(db_url), autocommit=True) as conn:
        queries = SyncQueries(SyncPsycopgDriver(conn))
        for start in range(0, len(pks), 1000):
            chunk = pks[start : start + 1000]
            ids = queries.enqueue(
                [TRIAGE] * len(chunk),
                [str(pk).encode() for pk in chunk],
                [0] * len(chunk),
                dedupe_key=[_dedupe_key(pk) for pk in chunk],
                on_conflict="skip",
            )
            queued += sum(i is not None for i in ids)
    return queued


def enqueue_pending(store: Store, db_url: str) -> int:
    """Queue every pending message of a known client (those whose job was lost, too: a
    worker killed between storing a message and queueing it)."""
    return enqueue(db_url, pending_ids(store))


@dataclass
class QueueCounts:
    queued: int = 0  # waiting (deferred ones too)
    picked: int = 0  # taken by a worker, in progress
    stale: int = 0  # picked by a worker whose heartbeat stopped: handed to another soon


def counts(db_url: str, stale_after: float = leases.DEFAULT_SECONDS) -> QueueCounts:
    """The triage jobs in the queue now (pgqueuer's queue table, read directly)."""
    import psycopg
    from pgqueuer.domain.settings import DBSettings

    table = DBSettings().queue_table
    out = QueueCounts()
    with psycopg.connect(_dsn(db_url), autocommit=True) as conn:
        if conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0] is None:  # type: ignore[index]
            return out
        rows = conn.execute(
            f"SELECT status::text, heartbeat < NOW() - make_interval(secs => %s), COUNT(*) "
            f"FROM {table} WHERE entrypoint = %s GROUP BY 1, 2",
            (stale_after, TRIAGE),
        ).fetchall()
    for status, stale, n in rows:
        if status == "queued":
            out.queued += n
        elif status == "picked":
            out.picked += n
            out.stale += n if stale else 0
    return out


@dataclass
class RunResult:
    report: TriageReport
    jobs: int = 0
    retried: int = 0  # jobs put back because another worker held their message
    errors: list[str] = field(default_factory=list)


def run(
    db_url: str,
    worker: Worker,
    *,
    until_empty: bool,
    stop: threading.Event,
    concurrency: int = 1,
) -> RunResult:
    """Take triage jobs from the queue and run them, ``concurrency`` at a time.

    ``until_empty`` (``triage``): return once no triage job is left in the queue, queued or
    picked by any worker (one that died included: its jobs come back after their lease, and
    are run here); else (``watch``) until ``stop`` is set. A failure that is not one message's
    (the database, a setting: :data:`~assistant.pipeline.RUN_ERRORS`) stops the run and is
    raised here."""
    result = RunResult(TriageReport(engine=worker.engine.name))
    failure: list[BaseException] = []
    while True:
        asyncio.run(_run_queue(db_url, worker, result, failure, until_empty, stop, concurrency))
        if failure:
            raise failure[0]
        if not until_empty or stop.is_set():
            return result
        left = counts(db_url, worker.lease_seconds)
        if not left.queued and not left.picked:
            return result
        time.sleep(0.5)  # jobs deferred to a lease's end, or picked by a worker that may have died


async def _run_queue(
    db_url: str,
    worker: Worker,
    result: RunResult,
    failure: list[BaseException],
    until_empty: bool,
    stop: threading.Event,
    concurrency: int,
) -> None:
    from pgqueuer import QueueManager
    from pgqueuer.db import AsyncpgDriver
    from pgqueuer.errors import RetryRequested
    from pgqueuer.models import Job
    from pgqueuer.queries import Queries
    from pgqueuer.types import QueueExecutionMode

    conn = await _connect(db_url)
    qm = QueueManager(Queries(AsyncpgDriver(conn)))
    running = asyncio.Semaphore(concurrency)

    @qm.entrypoint(TRIAGE)
    async def triage(job: Job) -> None:
        pk = int((job.payload or b"0").decode())
        async with running:
            if stop.is_set() or failure:
                raise RetryRequested(delay=timedelta(0), reason="worker stopping")
            try:
                outcome = await asyncio.to_thread(worker.triage, [pk])
            except RUN_ERRORS as exc:
                failure.append(exc)
                qm.shutdown.set()
                raise RetryRequested(delay=timedelta(seconds=1), reason=str(exc)[:200]) from exc
        result.jobs += 1
        result.report.add(outcome.report)
        if outcome.held_elsewhere:
            # Another worker claimed it: retry once its lease ends (taken over if it died).
            result.retried += 1
            delay = worker.lease_seconds if outcome.retry_in is None else outcome.retry_in + 0.5
            raise RetryRequested(delay=timedelta(seconds=delay), reason="claimed by another worker")

    async def watch_stop() -> None:
        while not stop.is_set() and not qm.shutdown.is_set():
            await asyncio.sleep(0.2)
        qm.shutdown.set()

    stopper = asyncio.create_task(watch_stop())
    try:
        await qm.run(
            mode=QueueExecutionMode.drain if until_empty else QueueExecutionMode.continuous,
            batch_size=1,
            max_concurrent_tasks=max(2, concurrency),
            dequeue_timeout=timedelta(seconds=2),
            heartbeat_timeout=timedelta(seconds=worker.lease_seconds),
        )
    finally:
        stopper.cancel()
        await conn.close()
