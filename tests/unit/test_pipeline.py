"""Mail in → parse → state, through the MailSource interface (no network)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from assistant.mailin import Cursor, MailSource, RawMessage
from assistant.mailin.local import LocalSource
from assistant.pipeline import sync, sync_replies
from assistant.state import Store

TODAY = date.today()


def _eml(n: int, body: str = "Hello", written: datetime | None = None, **headers: str) -> bytes:
    m = EmailMessage()
    m["From"] = f"Client {n} <c{n}@client.example>"
    m["To"] = "anna@agency.example"
    m["Subject"] = f"Message {n}"
    m["Message-ID"] = f"<m{n}@client.example>"
    if written is not None:
        m["Date"] = format_datetime(written)
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(f"{body} {n}")
    return m.as_bytes()


class FakeImap(MailSource):
    """A folder with UIDs under one UIDVALIDITY, like an IMAP server holds them."""

    key = "fake://INBOX"

    def __init__(self) -> None:
        self.uidvalidity = 1
        self.messages: dict[int, bytes] = {}
        self.fail_after: int | None = None
        self.arrived: dict[int, date] = {}  # the server's arrival date (SEARCH SINCE); default today
        self.answered: set[int] = set()  # \\Answered

    def fetch_new(self, cursor: Cursor | None, since: date | None = None) -> Iterator[RawMessage]:
        start = cursor.last_uid + 1 if cursor and cursor.uidvalidity == self.uidvalidity else 1
        found = [u for u in self.messages if u >= start and (since is None or self.arrived.get(u, TODAY) >= since)]
        for i, uid in enumerate(sorted(found)):
            if self.fail_after is not None and i >= self.fail_after:
                raise ConnectionError("connection dropped")
            yield RawMessage(
                self.messages[uid], f"uid {uid}", Cursor(self.uidvalidity, uid), answered=uid in self.answered
            )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'state.db'}")


def test_incremental_sync_and_uidvalidity_reset_never_duplicate(store: Store) -> None:
    src = FakeImap()
    src.messages = {1: _eml(1), 2: _eml(2)}
    assert sync(src, store).new == 2
    assert store.get_cursor(src.key) == Cursor(1, 2)

    src.messages[3] = _eml(3)
    report = sync(src, store)
    assert (report.fetched, report.new) == (1, 1)

    assert sync(src, store).fetched == 0  # idle re-run: nothing fetched

    # The server renumbers the folder: everything comes again, nothing is stored twice.
    src.uidvalidity = 99
    src.messages = {10: _eml(1), 11: _eml(2), 12: _eml(3), 13: _eml(4)}
    report = sync(src, store)
    assert (report.fetched, report.new, report.duplicates) == (4, 1, 3)
    assert store.get_cursor(src.key) == Cursor(99, 13)
    assert store.count_messages() == 4


def test_interrupted_sync_resumes_without_loss(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.pipeline.COMMIT_EVERY", 2)
    src = FakeImap()
    src.messages = {u: _eml(u) for u in range(1, 6)}
    src.fail_after = 3
    with pytest.raises(ConnectionError):
        sync(src, store)
    # Two committed (one commit of 2); the third was rolled back with its cursor.
    assert store.get_cursor(src.key) == Cursor(1, 2)
    assert store.count_messages() == 2
    src.fail_after = None
    report = sync(src, store)
    assert (report.fetched, report.new) == (3, 3)
    assert store.count_messages() == 5


def test_local_folder_and_maildir(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "eml"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.eml").write_bytes(_eml(1))
    (folder / "sub" / "b.eml").write_bytes(_eml(2))
    (folder / "notes.txt").write_text("not mail")
    assert sync(LocalSource(folder), store).new == 2
    assert sync(LocalSource(folder), store).duplicates == 2

    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "new" / "1700000000.M1.host").write_bytes(_eml(3))
    (maildir / "cur" / "1700000001.M2.host:2,S").write_bytes(_eml(4))
    (maildir / "tmp" / "partial").write_bytes(b"half-written")
    report = sync(LocalSource(maildir), store)
    assert report.new == 2
    assert sorted(p.name for p in (maildir / "new").iterdir()) == ["1700000000.M1.host"]  # untouched
    subjects = sorted(m.subject for m in store.messages())
    assert subjects == ["Message 1", "Message 2", "Message 3", "Message 4"]


def test_missing_local_folder_is_a_clear_error(tmp_path: Path) -> None:
    from assistant.errors import UserError

    with pytest.raises(UserError, match="mail folder not found"):
        LocalSource(tmp_path / "nope")


def race_at_first_insert(store: Store, barrier: threading.Barrier) -> None:
    """Hold this store's first INSERT until the other run reaches its own: both have checked
    that the row is missing, and both insert it (what two processes can do)."""
    from sqlalchemy import event

    waited: list[bool] = []

    def hold(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.startswith("INSERT INTO ") and not waited:
            waited.append(True)
            barrier.wait(timeout=20)

    event.listen(store.engine, "before_cursor_execute", hold)


def run_both(*runs: Callable[[], object]) -> list[object]:
    """Run each callable in its own thread; return their results, raising the first error."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        futures = [pool.submit(run) for run in runs]
        return [f.result(timeout=60) for f in futures]


def test_two_syncs_racing_for_one_message_store_it_once(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"{n}.eml").write_bytes(_eml(n))
    url = f"sqlite:///{tmp_path / 'state.db'}"
    stores, barrier = [Store(url), Store(url)], threading.Barrier(2)
    for s in stores:
        race_at_first_insert(s, barrier)
    reports = run_both(*(lambda s=s: sync(LocalSource(folder), s) for s in stores))
    # Each message is stored by one run and seen as a duplicate by the other; which run wins
    # which message depends on the timing (sync commits message by message).
    assert sum(r.new for r in reports) == 2  # type: ignore[attr-defined]
    assert [r.new + r.duplicates for r in reports] == [2, 2]  # type: ignore[attr-defined]
    assert stores[0].count_messages() == 2


# -- how far back the first sync reads --------------------------------------------------------


def test_first_sync_reads_only_the_window_and_later_syncs_keep_it(store: Store) -> None:
    src = FakeImap()
    src.messages = {1: _eml(1), 2: _eml(2), 3: _eml(3)}
    src.arrived = {1: TODAY - timedelta(days=3650), 2: TODAY - timedelta(days=2)}
    first = sync(src, store, since=TODAY - timedelta(days=30))
    assert (first.fetched, first.since, first.since_recorded) == (2, TODAY - timedelta(days=30), False)
    assert sorted(m.message_id for m in store.messages()) == ["<m2@client.example>", "<m3@client.example>"]

    # Old mail that turns up past the cursor (moved in from an archive) is not fetched either,
    # and a later run asked for everything keeps the first run's choice.
    src.messages[4], src.arrived[4] = _eml(4), TODAY - timedelta(days=400)
    src.messages[5] = _eml(5)
    later = sync(src, store, since=None)
    assert (later.fetched, later.since, later.since_recorded) == (1, TODAY - timedelta(days=30), True)

    # The server renumbers the folder: read again from the recorded day, not from the start.
    src.uidvalidity = 2
    again = sync(src, store)
    assert (again.fetched, again.new) == (3, 0)
    assert store.count_messages() == 3


def test_a_source_synced_before_windows_existed_keeps_reading_everything(store: Store) -> None:
    src = FakeImap()
    src.messages = {1: _eml(1)}
    src.arrived = {1: TODAY - timedelta(days=3650)}
    with store.open_session() as s:
        store.set_cursor(s, src.key, Cursor(1, 0))  # a cursor from an older version
        s.commit()
    report = sync(src, store, since=TODAY - timedelta(days=30))
    assert (report.fetched, report.since) == (1, None)


def test_local_sources_honour_the_window_by_date_header_then_mtime(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "eml"
    folder.mkdir()
    now = datetime.now().astimezone()
    (folder / "old.eml").write_bytes(_eml(1, written=now - timedelta(days=900)))
    (folder / "new.eml").write_bytes(_eml(2, written=now - timedelta(days=1)))
    (folder / "undated-old.eml").write_bytes(_eml(3))
    (folder / "undated-new.eml").write_bytes(_eml(4))
    year_ago = (now - timedelta(days=365)).timestamp()
    os.utime(folder / "undated-old.eml", (year_ago, year_ago))
    os.utime(folder / "new.eml", (year_ago, year_ago))  # its Date header decides, not the file
    report = sync(LocalSource(folder), store, since=TODAY - timedelta(days=30))
    assert report.fetched == 2
    assert sorted(m.message_id for m in store.messages()) == ["<m2@client.example>", "<m4@client.example>"]


# -- already answered -------------------------------------------------------------------------


def _answered(store: Store) -> dict[str, list[tuple[str, str]]]:
    return {mid: [(a.how, a.reply_id) for a in rows] for mid, rows in store.answers().items()}


def test_the_answered_flag_and_the_maildir_r_flag_are_recorded(tmp_path: Path, store: Store) -> None:
    src = FakeImap()
    src.messages, src.answered = {1: _eml(1), 2: _eml(2)}, {1}
    sync(src, store)
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1700000001.M2.host:2,RS").write_bytes(_eml(3))
    (maildir / "cur" / "1700000002.M3.host:2,S").write_bytes(_eml(4))
    sync(LocalSource(maildir), store)
    assert _answered(store) == {"<m1@client.example>": [("flag", "")], "<m3@client.example>": [("flag", "")]}


def test_the_agencys_reply_marks_the_messages_it_points_at_answered(tmp_path: Path, store: Store) -> None:
    from assistant.state import Agency

    with store.session() as s:
        s.add(Agency(id=1, name="Agency", domains=["agency.example"]))
    written = datetime(2026, 11, 20, 9, 30).astimezone()
    reply = _eml(
        9, written=written, In_Reply_To="<m1@client.example>", References="<m0@client.example> <m1@client.example>"
    )
    reply = reply.replace(b"c9@client.example", b"anna@agency.example")
    not_ours = _eml(8, In_Reply_To="<m2@client.example>")  # a client's reply answers nothing
    src = FakeImap()
    src.messages = {1: _eml(1), 2: _eml(2), 3: reply, 4: not_ours}
    sync(src, store)
    assert _answered(store) == {
        "<m0@client.example>": [("reply", "<m9@client.example>")],
        "<m1@client.example>": [("reply", "<m9@client.example>")],
    }
    [row] = store.answers(["<m1@client.example>"])["<m1@client.example>"]
    assert row.replied_by == "anna@agency.example" and row.replied_at is not None

    class Sent(FakeImap):
        key = "fake://Sent"

    sent = Sent()
    sent.messages = {1: _eml(7, In_Reply_To="<m2@client.example>")}  # whatever its From: we sent it
    assert sync_replies(sent, store) == 1
    assert sync_replies(sent, store) == 0  # continues from its cursor
    assert ("reply", "<m7@client.example>") in _answered(store)["<m2@client.example>"]
    assert store.count_messages() == 4  # sent mail is read for its headers, not stored


def test_a_later_pass_of_a_run_counts_in_its_report() -> None:
    from assistant.pipeline import TriageReport

    first = TriageReport(engine="llm", triaged=1, drafts=1, labels={"in_scope": 1}, engines={"llm": 1})
    later = TriageReport(
        engine="llm",
        triaged=2,
        answered=1,
        quarantined=1,
        released=1,
        skipped_unknown_sender=3,
        labels={"in_scope": 1, "red_flag": 1},
        engines={"llm": 2},
        failures=[{"message_id": "<x@y>", "stage": "decide", "reason": "RuntimeError: x"}],
    )
    first.add(later)
    assert (first.triaged, first.drafts, first.answered, first.quarantined, first.released) == (3, 1, 1, 1, 1)
    assert first.skipped_unknown_sender == 3
    assert first.labels == {"in_scope": 2, "red_flag": 1} and first.engines == {"llm": 3}
    assert [f["stage"] for f in first.failures] == ["decide"]
