"""ImapSource and run_watch against a real Dovecot (see conftest.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import AuthenticationError, ConnectionLostError, MailboxError
from assistant.mailin import Cursor, RawMessage
from assistant.mailin.imap import FolderNotFoundError, ImapSource, ServerUnreachableError
from assistant.mailin.imap_utf7 import encode_mailbox
from assistant.mailin.watch import run_watch
from assistant.mailout.imap_folders import Mailbox

pytestmark = pytest.mark.live


def spy_source(settings: Any, sent: list[str], folder: str | None = None) -> ImapSource:
    """An ImapSource whose connection records every IMAP command it sends
    (``"EXAMINE"``, ``"UID SEARCH"``, ``"UID FETCH"``, ``"IDLE"``, ...)."""

    class Spy(ImapSource):
        @classmethod
        def open_connection(cls, s: Any) -> Any:
            conn = ImapSource.open_connection(s)
            original = conn._command

            def _command(name: str, *args: Any, **kw: Any) -> Any:
                sent.append(f"UID {args[0]}" if name == "UID" else name)
                return original(name, *args, **kw)

            conn._command = _command
            return conn

    return Spy(settings, folder=folder)


def wait_until(predicate: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def subjects(messages: list[RawMessage]) -> list[str]:
    out = []
    for m in messages:
        for line in m.raw.split(b"\r\n"):
            if line.startswith(b"Subject: "):
                out.append(line[9:].decode())
    return out


# -- reading ------------------------------------------------------------------------------------


def test_full_sync_returns_all_in_uid_order(imap_account, message, tmp_path: Path) -> None:
    raws = [message(f"m{i}") for i in range(3)]
    uids = [imap_account.append("INBOX", raw) for raw in raws]
    with ImapSource(imap_account.settings(tmp_path)) as source:
        got = list(source.fetch_new(None))
    assert [m.raw for m in got] == raws
    uidvalidity = imap_account.uidvalidity("INBOX")
    assert [m.cursor for m in got] == [Cursor(uidvalidity, uid) for uid in uids]
    assert got[0].location == f"{source.key};UIDVALIDITY={uidvalidity};UID={uids[0]}"
    assert source.key == f"imap://{imap_account.user}@127.0.0.1:{imap_account.port}/INBOX"


def test_empty_folder_yields_nothing(imap_account, tmp_path: Path) -> None:
    with ImapSource(imap_account.settings(tmp_path)) as source:
        assert list(source.fetch_new(None)) == []


def test_incremental_sync_returns_only_new(imap_account, message, tmp_path: Path) -> None:
    for i in range(2):
        imap_account.append("INBOX", message(f"old{i}"))
    with ImapSource(imap_account.settings(tmp_path)) as source:
        first = list(source.fetch_new(None))
        cursor = first[-1].cursor
        imap_account.append("INBOX", message("new0"))
        imap_account.append("INBOX", message("new1"))
        second = list(source.fetch_new(cursor))
    assert subjects(second) == ["new0", "new1"]
    assert second[-1].cursor is not None and second[-1].cursor.last_uid == cursor.last_uid + 2


def test_rerun_with_nothing_new_is_a_single_examine(imap_account, message, tmp_path: Path) -> None:
    imap_account.append("INBOX", message("only"))
    sent: list[str] = []
    with spy_source(imap_account.settings(tmp_path), sent) as source:
        cursor = list(source.fetch_new(None))[-1].cursor
        assert "UID SEARCH" in sent and "UID FETCH" in sent
        sent.clear()
        assert list(source.fetch_new(cursor)) == []
        assert sent == ["EXAMINE"]


def test_search_star_quirk_is_filtered(imap_account, message, tmp_path: Path) -> None:
    """`UID SEARCH UID n:*` returns the highest UID even when it is below n."""
    for i in range(3):
        imap_account.append("INBOX", message(f"m{i}"))
    with imap_account.imap() as conn:  # expunge UID 3, so UIDNEXT (4) > last seen (2) + 1
        conn.select("INBOX")
        conn.uid("STORE", "3", "+FLAGS", r"(\Deleted)")
        conn.expunge()
    sent: list[str] = []
    with spy_source(imap_account.settings(tmp_path), sent) as source:
        uidvalidity = imap_account.uidvalidity("INBOX")
        assert list(source.fetch_new(Cursor(uidvalidity, 2))) == []
        assert "UID SEARCH" in sent and "UID FETCH" not in sent


def test_fetch_in_batches(imap_account, message, tmp_path: Path) -> None:
    for i in range(5):
        imap_account.append("INBOX", message(f"m{i}"))
    sent: list[str] = []
    with spy_source(imap_account.settings(tmp_path, imap_batch_size=2), sent) as source:
        got = list(source.fetch_new(None))
    assert subjects(got) == [f"m{i}" for i in range(5)]
    assert sent.count("UID FETCH") == 3


def test_uidvalidity_change_rereads_everything(imap_account, message, tmp_path: Path) -> None:
    for i in range(2):
        imap_account.append("INBOX", message(f"m{i}"))
    settings = imap_account.settings(tmp_path)
    with ImapSource(settings) as source:
        cursor = list(source.fetch_new(None))[-1].cursor
    assert cursor is not None
    imap_account.set_uidvalidity("INBOX", cursor.uidvalidity + 1000)
    with ImapSource(settings) as source:
        again = list(source.fetch_new(cursor))
    assert subjects(again) == ["m0", "m1"]
    assert {m.cursor.uidvalidity for m in again if m.cursor} == {cursor.uidvalidity + 1000}


def test_uidvalidity_change_of_recreated_folder(imap_account, message, tmp_path: Path) -> None:
    imap_account.create_folder("Clients")
    imap_account.append("Clients", message("before"))
    settings = imap_account.settings(tmp_path, imap_folder="Clients")
    with ImapSource(settings) as source:
        cursor = list(source.fetch_new(None))[-1].cursor
        imap_account.delete_folder("Clients")
        imap_account.create_folder("Clients")
        imap_account.append("Clients", message("after"))
        again = list(source.fetch_new(cursor))
    assert subjects(again) == ["after"]
    assert again[0].cursor is not None and again[0].cursor.uidvalidity != cursor.uidvalidity


def test_fetching_sets_no_seen_flag(imap_account, message, tmp_path: Path) -> None:
    uids = [imap_account.append("INBOX", message(f"m{i}")) for i in range(2)]
    with ImapSource(imap_account.settings(tmp_path)) as source:
        assert len(list(source.fetch_new(None))) == 2
    for uid in uids:
        assert "\\Seen" not in imap_account.flags("INBOX", uid)


def test_non_ascii_folder_name(imap_account, message, tmp_path: Path) -> None:
    imap_account.create_folder(encode_mailbox("Kunder/Æblegrød"))
    imap_account.append(encode_mailbox("Kunder/Æblegrød"), message("hej"))
    with ImapSource(imap_account.settings(tmp_path), folder="Kunder/Æblegrød") as source:
        assert subjects(list(source.fetch_new(None))) == ["hej"]
        assert "Kunder/Æblegrød" in [e.name for e in source.list_folders()]


# -- drafts -------------------------------------------------------------------------------------


def test_find_drafts_folder_via_special_use(imap_account, tmp_path: Path) -> None:
    sent: list[str] = []
    with spy_source(imap_account.settings(tmp_path), sent) as source:
        assert "SPECIAL-USE" in source.capabilities
        assert Mailbox(source).find_drafts_folder() == "Drafts"
    assert sent.count("LIST") == 1  # the special-use LIST was enough


def test_find_drafts_folder_prefers_the_setting(imap_account, tmp_path: Path) -> None:
    with ImapSource(imap_account.settings(tmp_path, imap_drafts_folder="Kladder")) as source:
        assert Mailbox(source).find_drafts_folder() == "Kladder"


def test_append_draft(imap_account, message, tmp_path: Path) -> None:
    raw = message("Re: the logo", body="Draft reply.")
    with ImapSource(imap_account.settings(tmp_path)) as source:
        list(source.fetch_new(None))  # with INBOX examined, as the pipeline would be
        uid = Mailbox(source).append_draft(raw)
    assert isinstance(uid, int)
    assert imap_account.uids("Drafts") == [uid]
    flags = imap_account.flags("Drafts", uid)
    assert {"\\Draft", "\\Seen"} <= flags
    with ImapSource(imap_account.settings(tmp_path), folder="Drafts") as drafts:
        assert [m.raw for m in drafts.fetch_new(None)] == [raw]


def test_append_draft_to_missing_folder_names_the_setting(imap_account, message, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_drafts_folder="NoSuchDrafts")
    with ImapSource(settings) as source, pytest.raises(FolderNotFoundError) as err:
        Mailbox(source).append_draft(message("x"))
    assert "ASSISTANT_IMAP_DRAFTS_FOLDER" in str(err.value)
    assert "Drafts" in str(err.value)


# -- waiting ------------------------------------------------------------------------------------


def test_idle_wakes_on_new_mail(imap_account, message, tmp_path: Path) -> None:
    imap_account.append("INBOX", message("first"))
    with ImapSource(imap_account.settings(tmp_path)) as source:
        cursor = list(source.fetch_new(None))[-1].cursor
        timer = threading.Timer(0.5, imap_account.append, ("INBOX", message("second")))
        timer.start()
        started = time.monotonic()
        try:
            assert source.wait_for_mail(20) is True
        finally:
            timer.join()
        assert time.monotonic() - started < 10
        assert subjects(list(source.fetch_new(cursor))) == ["second"]
    assert "\\Seen" not in imap_account.flags("INBOX", 1)


def test_idle_times_out_without_mail(imap_account, tmp_path: Path) -> None:
    with ImapSource(imap_account.settings(tmp_path)) as source:
        list(source.fetch_new(None))
        started = time.monotonic()
        assert source.wait_for_mail(1) is False
        assert 0.9 <= time.monotonic() - started < 5
        # the connection is still usable afterwards
        assert list(source.fetch_new(None)) == []


def test_idle_ends_promptly_on_stop(imap_account, tmp_path: Path) -> None:
    stop = threading.Event()
    with ImapSource(imap_account.settings(tmp_path)) as source:
        list(source.fetch_new(None))
        threading.Timer(0.3, stop.set).start()
        started = time.monotonic()
        assert source.wait_for_mail(60, stop=stop) is False
        assert time.monotonic() - started < 5
        assert list(source.fetch_new(None)) == []


class Collector:
    """A stand-in for the pipeline's sync: keeps messages and the cursor."""

    def __init__(self) -> None:
        self.cursor: Cursor | None = None
        self.messages: list[RawMessage] = []
        self.lock = threading.Lock()

    def __call__(self, source: ImapSource) -> int:
        count = 0
        for msg in source.fetch_new(self.cursor):
            with self.lock:
                self.messages.append(msg)
            self.cursor = msg.cursor
            count += 1
        return count

    def subjects(self) -> list[str]:
        with self.lock:
            return subjects(list(self.messages))


def start_watch(
    settings: Any, collector: Collector, stop: threading.Event, **kw: Any
) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            run_watch(lambda: ImapSource(settings), collector, stop, **kw)
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, errors


def test_run_watch_picks_up_new_mail(imap_account, message, tmp_path: Path) -> None:
    imap_account.append("INBOX", message("before"))
    collector, stop = Collector(), threading.Event()
    thread, errors = start_watch(imap_account.settings(tmp_path), collector, stop, idle_seconds=10)
    try:
        assert wait_until(lambda: collector.subjects() == ["before"]), errors
        time.sleep(0.3)  # let it enter IDLE
        imap_account.append("INBOX", message("during"))
        assert wait_until(lambda: collector.subjects() == ["before", "during"], timeout=8), errors
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert errors == []


def test_run_watch_reconnects_after_server_restart(imap_account, dovecot, message, tmp_path: Path) -> None:
    collector, stop = Collector(), threading.Event()
    thread, errors = start_watch(
        imap_account.settings(tmp_path), collector, stop, idle_seconds=10, backoff_initial=0.2, backoff_max=1.0
    )
    try:
        imap_account.append("INBOX", message("one"))
        assert wait_until(lambda: collector.subjects() == ["one"]), errors
        dovecot.restart()
        imap_account.append("INBOX", message("two"))
        assert wait_until(lambda: collector.subjects() == ["one", "two"], timeout=20), errors
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert errors == []


def test_dropped_connection_raises_connection_lost_then_reconnects(
    imap_account, dovecot, message, tmp_path: Path
) -> None:
    imap_account.append("INBOX", message("one"))
    with ImapSource(imap_account.settings(tmp_path)) as source:
        cursor = list(source.fetch_new(None))[-1].cursor
        dovecot.restart()
        with pytest.raises(ConnectionLostError):
            list(source.fetch_new(cursor))
        imap_account.append("INBOX", message("two"))
        assert subjects(list(source.fetch_new(cursor))) == ["two"]  # reconnected lazily


def test_close_tolerates_a_dead_connection(imap_account, dovecot, tmp_path: Path) -> None:
    source = ImapSource(imap_account.settings(tmp_path))
    source.connect()
    dovecot.stop()
    try:
        source.close()  # must not raise
    finally:
        dovecot.start()
    assert not source.connected


# -- authentication ---------------------------------------------------------------------------


def test_xoauth2_login(imap_account, message, tmp_path: Path) -> None:
    """Dovecot checks an XOAUTH2 token like a password against the passwd-file."""
    imap_account.append("INBOX", message("oauth"))
    settings = imap_account.settings(
        tmp_path, imap_auth="xoauth2", imap_oauth_token=imap_account.password, imap_password=None
    )
    with ImapSource(settings) as source:
        assert subjects(list(source.fetch_new(None))) == ["oauth"]


def test_xoauth2_refused_token(imap_account, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_auth="xoauth2", imap_oauth_token="expired-token")
    with ImapSource(settings) as source, pytest.raises(AuthenticationError) as err:
        source.connect()
    assert "ASSISTANT_IMAP_OAUTH_TOKEN" in str(err.value)
    assert "expired-token" not in str(err.value)


# -- errors -----------------------------------------------------------------------------------


def test_wrong_password(imap_account, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_password="wrong-Secret-123")
    with ImapSource(settings) as source, pytest.raises(AuthenticationError) as err:
        list(source.fetch_new(None))
    text = str(err.value)
    assert "ASSISTANT_IMAP_PASSWORD" in text and "ASSISTANT_IMAP_USER" in text
    assert "app password" in text and "xoauth2" in text
    assert "wrong-Secret-123" not in text and "\n" not in text


def test_missing_folder_lists_existing_ones(imap_account, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_folder="Nope")
    with ImapSource(settings) as source, pytest.raises(FolderNotFoundError) as err:
        list(source.fetch_new(None))
    text = str(err.value)
    assert "ASSISTANT_IMAP_FOLDER" in text
    assert "INBOX" in text and "Drafts" in text


def test_connection_refused_names_port(imap_account, dovecot, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_port=dovecot.unused_port())
    with ImapSource(settings) as source, pytest.raises(MailboxError) as err:
        source.connect()
    assert isinstance(err.value, ServerUnreachableError)
    assert "ASSISTANT_IMAP_PORT" in str(err.value)


def test_unknown_host_names_host(imap_account, tmp_path: Path) -> None:
    # .invalid never resolves (RFC 2606); the resolver answers locally.
    settings = imap_account.settings(tmp_path, imap_host="imap.nonexistent.invalid", imap_security="ssl")
    with ImapSource(settings) as source, pytest.raises(ServerUnreachableError) as err:
        source.connect()
    assert "ASSISTANT_IMAP_HOST" in str(err.value)


def test_tls_to_plaintext_port_names_security(imap_account, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_security="ssl")
    started = time.monotonic()
    with ImapSource(settings) as source, pytest.raises(MailboxError) as err:
        source.connect()
    assert "ASSISTANT_IMAP_SECURITY" in str(err.value)
    assert time.monotonic() - started < 10


def test_starttls_not_offered_names_security(imap_account, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_security="starttls")
    with ImapSource(settings) as source, pytest.raises(MailboxError) as err:
        source.connect()
    assert "ASSISTANT_IMAP_SECURITY" in str(err.value)


def test_run_watch_raises_authentication_error(imap_account, tmp_path: Path) -> None:
    settings = imap_account.settings(tmp_path, imap_password="nope")
    collector, stop = Collector(), threading.Event()
    with pytest.raises(AuthenticationError):
        run_watch(lambda: ImapSource(settings), collector, stop, idle_seconds=1, backoff_initial=0.01)
