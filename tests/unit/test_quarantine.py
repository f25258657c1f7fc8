"""One bad message never stops the others (issue 15): a message that fails any stage is
quarantined with its bytes, stage and reason; the cursor moves past it; the run goes on and
says how many. ``assistant quarantine list|show|retry`` and ``assistant status``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.label.engine import TriageContext
from assistant.label.schema import Decision
from assistant.mailin import Cursor, MailSource, RawMessage
from assistant.mailin.local import LocalSource
from assistant.parse import ParsedMessage
from assistant.pipeline import sync, triage_pending
from assistant.resolve import ClientDirectory
from assistant.state import Message, Quarantine, Store
from assistant.state.status import status
from tests.unit import test_triage_pipeline
from tests.unit.test_cli import _workspace_and_mail
from tests.unit.test_pipeline import _eml, race_at_first_insert, run_both
from tests.unit.test_triage_pipeline import ScriptedEngine
from tests.unit.test_triage_pipeline import _eml as _client_eml

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]

#: A Message-ID with a raw 8-bit byte (not UTF-8, not encoded): the probe's poison message.
#: The parser now reads it (as cp1252), so the store's failure on it is put back by
#: :func:`poisoned` to have a message that fails the store stage.
POISON = (
    b"From: Mette <mette@nordlys.example>\r\nSubject: poison\r\nMessage-ID: <bad\xff@nordlys.example>\r\n\r\nHello\r\n"
)


def poisoned(add_message: Callable[..., bool]) -> Callable[..., bool]:
    """``Store.add_message`` failing on the poison message as release 0.1.0's store did
    (``UnicodeEncodeError`` on its Message-ID), and storing every other message."""

    def add(self: Store, session: object, parsed: ParsedMessage, raw: bytes, **kw: object) -> bool:
        if parsed.message_id.startswith(("<bad", "<poison")):
            parsed.message_id.encode("ascii")  # raises on the 8-bit byte, as read by the parser
        return add_message(self, session, parsed, raw, **kw)

    return add


@pytest.fixture(autouse=True)
def _poison_fails_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Store, "add_message", poisoned(Store.add_message))


class Imap(MailSource):
    """A folder with UIDs, as an IMAP server holds them."""

    key = "imap://anna@mail.example/INBOX"

    def __init__(self, messages: dict[int, bytes]) -> None:
        self.messages = messages

    def fetch_new(self, cursor: Cursor | None, since: date | None = None) -> Iterator[RawMessage]:
        start = cursor.last_uid + 1 if cursor else 1
        for uid in sorted(u for u in self.messages if u >= start):
            yield RawMessage(self.messages[uid], f"{self.key};UID={uid}", Cursor(1, uid))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'state.db'}")


def _folder(tmp_path: Path, files: dict[str | bytes, bytes]) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as f:
            f.write(data)
    return folder


def test_a_message_id_with_a_raw_8bit_byte_is_quarantined_once_and_the_cursor_passes_it(store: Store) -> None:
    source = Imap({1: _eml(1), 2: POISON, 3: _eml(3), 4: _eml(4)})
    first = sync(source, store)
    assert (first.fetched, first.new, first.quarantined, first.duplicates) == (4, 3, 1, 0)
    assert store.get_cursor(source.key) == Cursor(1, 4)  # past the poison
    [q] = store.quarantined()
    assert (q.stage, q.message_pk, q.location) == ("store", None, f"{source.key};UID=2")
    assert q.reason.startswith("UnicodeEncodeError") and q.message_id == "<badÿ@nordlys.example>"
    assert store.quarantine_entry(q.id).raw == POISON and q.size == len(POISON)

    source.messages[5] = _eml(5)
    second = sync(source, store)
    assert (second.fetched, second.new, second.quarantined) == (1, 1, 0)
    assert store.count_messages() == 4 and len(store.quarantined()) == 1


def test_a_maildir_file_name_that_is_not_utf8_is_stored_with_an_escaped_location(tmp_path: Path, store: Store) -> None:
    folder = _folder(tmp_path, {"1.eml": _eml(1), b"2-\xe6\xf8.eml": _eml(2), "3.eml": _eml(3)})
    report = sync(LocalSource(folder), store)
    assert (report.new, report.quarantined) == (3, 0)
    [odd] = [m for m in store.messages() if m.message_id == "<m2@client.example>"]
    assert odd.location == str(folder / "2-\\xe6\\xf8.eml")
    assert sync(LocalSource(folder), store).duplicates == 3


def test_a_local_folder_read_again_quarantines_its_poison_once(tmp_path: Path, store: Store) -> None:
    folder = _folder(tmp_path, {"1.eml": _eml(1), "2.eml": POISON, "3.eml": _eml(3)})
    first = sync(LocalSource(folder), store)
    again = sync(LocalSource(folder), store)
    assert (first.new, first.quarantined) == (2, 1)
    assert (again.new, again.quarantined, again.duplicates) == (0, 0, 3)
    assert len(store.quarantined()) == 1


def test_an_unreadable_file_is_quarantined_at_the_read_stage(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, {"1.eml": _eml(1), "2.eml": _eml(2)})
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "2.eml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = sync(LocalSource(folder), store)
    assert (report.new, report.quarantined) == (1, 1)
    [q] = store.quarantined()
    assert (q.stage, q.reason, q.size) == ("read", "PermissionError: Permission denied", 0)
    assert sync(LocalSource(folder), store).quarantined == 0  # the same location: once
    monkeypatch.setattr(Path, "read_bytes", real)
    readable = sync(LocalSource(folder), store)
    assert (readable.new, readable.quarantined, store.quarantined()) == (1, 0, [])


def test_a_failing_stage_undoes_only_its_message(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ClientDirectory.resolve

    def resolve(self: ClientDirectory, email: str) -> object:
        if email == "c2@client.example":
            raise RuntimeError("our own bug")
        return real(self, email)

    monkeypatch.setattr(ClientDirectory, "resolve", resolve)
    report = sync(Imap({1: _eml(1), 2: _eml(2), 3: _eml(3)}), store)
    assert (report.new, report.quarantined) == (2, 1)
    assert sorted(m.message_id for m in store.messages()) == ["<m1@client.example>", "<m3@client.example>"]
    [q] = store.quarantined()
    assert (q.stage, q.message_id) == ("resolve", "<m2@client.example>")
    assert q.reason.startswith("RuntimeError: our own bug (at test_quarantine.py:")


def test_every_message_read_is_stored_quarantined_or_a_duplicate(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.parse import parser

    real = parser._parse

    def fails_on_message_5(raw: bytes) -> object:
        if b"<m5@" in raw:
            raise ValueError("parser bug")
        return real(raw)

    monkeypatch.setattr(parser, "_parse", fails_on_message_5)
    files = {f"{n}.eml": _eml(n) for n in range(1, 7)}
    files |= {"1-copy.eml": _eml(1), "poison.eml": POISON, "poison-copy.eml": POISON}
    folder = _folder(tmp_path, files)
    distinct = 6 + 1  # six Message-IDs and the poison
    for _ in range(2):
        report = sync(LocalSource(folder), store)
        assert report.fetched == report.new + report.duplicates + report.quarantined == len(files)
        total = status(store)["total"]
        assert total["messages"] + total["quarantined"] == distinct
        assert (total["messages"], total["quarantined"]) == (5, 2)
        assert (
            total["messages"] == total["triaged"] + total["pending"] + total["unknown_sender"] + total["auto_replies"]
        )


@pytest.fixture
def world(tmp_path: Path) -> tuple[Store, object, Path]:
    """test_triage_pipeline's world: one client with a SOW, indexed; its mail synced."""
    return test_triage_pipeline.world.__wrapped__(tmp_path)  # type: ignore[attr-defined]


class Explodes(ScriptedEngine):
    """Decides like ScriptedEngine, except for the messages whose text names a failure."""

    def decide(self, ctx: TriageContext) -> Decision:
        if "explode" in ctx.message.new_text:
            raise RuntimeError("the engine broke on this one")
        return super().decide(ctx)


def test_a_decide_failure_of_one_message_triages_the_others(world: tuple[Store, object, Path]) -> None:
    store, vectors, mail = world
    _client_eml(mail, "boom", "mette@nordlys.example", "Please explode.")
    sync(LocalSource(mail), store)
    report = triage_pending(store, vectors, Explodes())  # type: ignore[arg-type]
    assert (report.quarantined, report.triaged) == (1, 2)  # the two other client messages
    assert report.failures == [
        {"message_id": "<boom@x.example>", "stage": "decide", "reason": report.failures[0]["reason"]}
    ]
    assert report.failures[0]["reason"].startswith("RuntimeError: the engine broke on this one (at ")
    [q] = store.quarantined()
    assert (q.stage, q.message.message_id) == ("decide", "<boom@x.example>")
    # Not pending any more: a second run neither retries nor counts it.
    again = triage_pending(store, vectors, Explodes())  # type: ignore[arg-type]
    assert (again.triaged, again.quarantined) == (0, 0)
    # Retried with a working engine, it gets its result and leaves quarantine.
    retried = triage_pending(store, vectors, ScriptedEngine(), retry=[q.message_pk])  # type: ignore[arg-type,list-item]
    assert (retried.triaged, retried.released) == (1, 1) and store.quarantined() == []


def test_two_runs_quarantining_one_message_at_once_make_one_row(
    tmp_path: Path, world: tuple[Store, object, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, vectors, mail = world
    _client_eml(mail, "boom", "mette@nordlys.example", "Please explode.")
    sync(LocalSource(mail), store)
    embed, one_at_a_time = vectors.embedder.embed_query, threading.Lock()  # type: ignore[attr-defined]

    def embed_query(text: str) -> list[float]:
        with one_at_a_time:
            return embed(text)

    monkeypatch.setattr(vectors.embedder, "embed_query", embed_query)  # type: ignore[attr-defined]
    url, barrier = f"sqlite:///{tmp_path / 'state.db'}", threading.Barrier(2)
    stores = [Store(url), Store(url)]
    for s in stores:
        race_at_first_insert(s, barrier)
    reports = run_both(*(lambda s=s: triage_pending(s, vectors, Explodes()) for s in stores))  # type: ignore[arg-type]
    assert [r.quarantined for r in reports] == [1, 1]  # type: ignore[attr-defined]
    [q] = store.quarantined()
    assert q.attempts == 2 and q.stage == "decide"


_SYNC_CHILD = """
import sys
from assistant.mailin.local import LocalSource
from assistant.parse import ParsedMessage
from assistant.pipeline import sync
from assistant.state import Store
from tests.unit.test_quarantine import poisoned
Store.add_message = poisoned(Store.add_message)
r = sync(LocalSource(sys.argv[1]), Store(sys.argv[2]))
print(r.new, r.duplicates, r.quarantined)
"""


def test_two_processes_syncing_one_folder_store_each_message_once(tmp_path: Path) -> None:
    n = 400
    folder = _folder(tmp_path, {f"{i:04}.eml": _eml(i, body="Hello " * 100) for i in range(n)} | {"p.eml": POISON})
    url = f"sqlite:///{tmp_path / 'state.db'}"
    Store(url).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _SYNC_CHILD, str(folder), url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    outs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], [err[-2000:] for _, err in outs]
    counts = [tuple(map(int, out.split())) for out, _ in outs]
    assert sum(c[0] for c in counts) == n and all(c[0] + c[1] + c[2] == n + 1 for c in counts)
    store = Store(url)
    assert store.count_messages() == n and len(store.quarantined()) == 1


# -- the command line -------------------------------------------------------------------------


def test_triage_quarantines_a_failing_message_prints_the_count_and_exits_0_then_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.label.offline import OfflineEngine

    folder = _workspace_and_mail(tmp_path)
    real = OfflineEngine.decide

    def decide(self: OfflineEngine, ctx: TriageContext) -> Decision:
        if ctx.message.subject == "Posts":
            raise RuntimeError("the engine broke on this one")
        return real(self, ctx)

    monkeypatch.setattr(OfflineEngine, "decide", decide)
    first = runner.invoke(app, ["triage", "--maildir", str(folder)], catch_exceptions=False, env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    assert "Triaged 2:" in first.stdout
    assert "1 message(s) failed to triage and were quarantined; the others went on" in first.stdout
    assert "decide: RuntimeError: the engine broke on this one" in first.stdout
    assert "Traceback" not in first.output
    log = (load_settings().home / "logs" / "assistant.log").read_text()
    assert "Traceback" in log and "RuntimeError: the engine broke on this one" in log

    [row] = json.loads(runner.invoke(app, ["quarantine", "list", "--json"], catch_exceptions=False).stdout)
    assert (row["stage"], row["stored"], row["attempts"]) == ("decide", True, 1)
    raw_file = tmp_path / "raw.eml"
    shown = runner.invoke(app, ["quarantine", "show", str(row["id"]), "--raw", str(raw_file)], catch_exceptions=False)
    assert "stage: decide" in shown.stdout and "Subject: Posts" in shown.stdout
    assert f"size: {row['size']}" in shown.stdout
    stored = Store(load_settings().db_url)
    assert raw_file.read_bytes() == stored.raw_message(row["message_id"])
    status_json = json.loads(runner.invoke(app, ["status", "--json"], catch_exceptions=False).stdout)
    assert status_json["total"]["quarantined"] == 1 and status_json["total"]["triaged"] == 2

    # Still broken: it stays, one more attempt on its row.
    still = runner.invoke(app, ["quarantine", "retry", str(row["id"])], catch_exceptions=False)
    assert still.exit_code == 0 and "0 out of quarantine, 1 still in it" in still.stdout
    assert stored.quarantine_entry(row["id"]).attempts == 2

    monkeypatch.setattr(OfflineEngine, "decide", real)
    fixed = runner.invoke(app, ["quarantine", "retry", "--all"], catch_exceptions=False)
    assert fixed.exit_code == 0 and "Retried 1: 1 out of quarantine, 0 still in it." in fixed.stdout
    assert stored.quarantined() == []
    total = json.loads(runner.invoke(app, ["status", "--json"]).stdout)["total"]
    assert (total["messages"], total["triaged"], total["quarantined"]) == (3, 3, 0)


def test_retry_stores_a_message_whose_store_failure_is_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _workspace_and_mail(tmp_path)
    real = Store.add_message

    def add_message(self: Store, session: object, parsed: object, *args: object, **kwargs: object) -> bool:
        if parsed.subject == "Invoice":  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")
        return real(self, session, parsed, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "add_message", add_message)
    first = json.loads(runner.invoke(app, ["triage", "--maildir", str(folder), "--json"]).stdout)
    assert (first["sync"]["new"], first["sync"]["quarantined"], first["triage"]["triaged"]) == (2, 1, 2)
    [row] = json.loads(runner.invoke(app, ["quarantine", "list", "--json"]).stdout)
    assert (row["stage"], row["stored"]) == ("store", False)
    monkeypatch.setattr(Store, "add_message", real)
    out = json.loads(runner.invoke(app, ["quarantine", "retry", "--all", "--json"], catch_exceptions=False).stdout)
    assert out["released"] == [row["id"]] and out["still"] == []
    store = Store(load_settings().db_url)
    [invoice] = [m for m in store.messages() if m.subject == "Invoice"]
    assert invoice.triage is not None and store.quarantined() == []


def test_quarantine_show_and_retry_say_what_is_wrong_in_one_line() -> None:
    shown = runner.invoke(app, ["quarantine", "show", "5"])
    assert shown.exit_code == 1 and "no quarantined message with id 5" in str(shown.exception)
    neither = runner.invoke(app, ["quarantine", "retry"])
    assert neither.exit_code == 1 and "--all" in str(neither.exception)


def test_status_counts_per_mailbox_and_in_total(store: Store, tmp_path: Path) -> None:
    sync(Imap({1: _eml(1), 2: POISON, 3: _eml(3)}), store)
    sync(LocalSource(_folder(tmp_path, {"a.eml": _eml(7)})), store)
    with store.session() as s:
        assert s.scalar(select(Quarantine.source_key)) == Imap.key
        assert len(s.scalars(select(Message)).all()) == 3
    result = runner.invoke(app, ["--home", str(tmp_path), "status", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    by_kind = {b["kind"]: b for b in out["mailboxes"]}
    assert by_kind["imap"]["mailbox"] == "anna@mail.example/INBOX"
    assert {k: by_kind["imap"][k] for k in ("messages", "quarantined", "unknown_sender", "pending")} == {
        "messages": 2,
        "quarantined": 1,
        "unknown_sender": 2,
        "pending": 0,
    }
    assert by_kind["local"]["messages"] == 1 and by_kind["local"]["last_sync"]
    assert out["total"]["messages"] == 3 and out["total"]["quarantined"] == 1
    assert set(out["total"]["drafts"]) >= {"pending", "approved", "rejected", "sent"}
    table = runner.invoke(app, ["--home", str(tmp_path), "status"], env={"COLUMNS": "250"}).stdout
    assert "total" in table and "anna@mail.example/INBOX (imap)" in table
