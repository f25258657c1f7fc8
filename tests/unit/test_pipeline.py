"""Mail in → parse → state, through the MailSource interface (no network)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from assistant.mailin import Cursor, MailSource, RawMessage
from assistant.mailin.local import LocalSource
from assistant.pipeline import sync
from assistant.state import Store


def _eml(n: int, body: str = "Hello") -> bytes:
    m = EmailMessage()
    m["From"] = f"Client {n} <c{n}@client.example>"
    m["To"] = "anna@agency.example"
    m["Subject"] = f"Message {n}"
    m["Message-ID"] = f"<m{n}@client.example>"
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
    assert sorted((r.new, r.duplicates) for r in reports) == [(0, 2), (2, 0)]  # type: ignore[attr-defined]
    assert stores[0].count_messages() == 2
