"""ImapSource logic and run_watch without a server: a fake imaplib2 connection is put in
through the ``ImapSource.open_connection`` seam."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import imaplib2
import pytest

from assistant.config import Settings
from assistant.errors import AuthenticationError, ConnectionLostError, MailboxError
from assistant.mailin import Cursor
from assistant.mailin.imap import FolderNotFoundError, ImapSource, ServerUnreachableError, xoauth2_string
from assistant.mailin.imap_responses import imap_date, parse_fetch_bodies, parse_list, uid_set
from assistant.mailin.imap_utf7 import decode_mailbox, encode_mailbox
from assistant.mailin.watch import run_watch
from assistant.mailout.imap_folders import Mailbox


class FakeConn:
    """Just enough of imaplib2.IMAP4 for ImapSource; records the commands."""

    def __init__(
        self,
        messages: dict[int, bytes] | None = None,
        uidvalidity: int = 7,
        uidnext: int | None = None,
        caps: tuple[str, ...] = ("IMAP4REV1", "AUTH=PLAIN", "AUTH=XOAUTH2", "IDLE"),
        after_login: str = "IMAP4REV1 IDLE UIDPLUS",
        folders: list[bytes] | None = None,
        login_error: Exception | None = None,
        arrived: dict[int, date] | None = None,
        flags: dict[int, str] | None = None,
    ) -> None:
        self.messages = dict(messages or {})
        self.arrived = dict(arrived or {})  # INTERNALDATE per UID (default: today)
        self.flags = dict(flags or {})  # FLAGS per UID, as the server writes them
        self.searches: list[tuple[str, ...]] = []
        self.uidvalidity = uidvalidity
        self.uidnext = uidnext if uidnext is not None else max(self.messages, default=0) + 1
        self.capabilities = caps
        self.after_login = after_login
        self.folders = folders if folders is not None else [b'(\\HasNoChildren) "/" INBOX']
        self.login_error = login_error
        self.sent: list[str] = []
        self.state = "NONAUTH"
        self.untagged: dict[str, list[bytes]] = {}
        self.auth_exchange: list[bytes] = []

    def _code(self, name: str, value: str) -> None:
        self.untagged.setdefault(name, []).append(value.encode())

    def login(self, user: str, password: str) -> tuple[str, list[bytes]]:
        self.sent.append(f"LOGIN {user}")
        if self.login_error:
            raise self.login_error
        self.state = "AUTH"
        self._code("CAPABILITY", self.after_login)
        return "OK", [b"Logged in"]

    def authenticate(self, mechanism: str, authobject: Any) -> tuple[str, list[bytes]]:
        self.sent.append(f"AUTHENTICATE {mechanism}")
        self.auth_exchange.append(authobject(b""))
        if self.login_error:
            self.auth_exchange.append(authobject(b'{"status":"401"}'))
            raise self.login_error
        self.state = "AUTH"
        self._code("CAPABILITY", self.after_login)
        return "OK", [b"Logged in"]

    def capability(self) -> tuple[str, list[bytes]]:
        return "OK", [self.after_login.encode()]

    def response(self, code: str) -> tuple[str, list[Any]]:
        return code, self.untagged.pop(code, None) or [None]

    def pop_untagged_responses(self) -> Any:
        while self.untagged:
            name = next(iter(self.untagged))
            yield name, self.untagged.pop(name)

    def examine(self, mailbox: str) -> tuple[str, list[Any]]:
        self.sent.append("EXAMINE")
        if mailbox != '"INBOX"':
            return "NO", [b"Mailbox doesn't exist"]
        self.state = "SELECTED"
        self.untagged.clear()
        self._code("UIDVALIDITY", str(self.uidvalidity))
        if self.uidnext:
            self._code("UIDNEXT", str(self.uidnext))
        return "OK", [str(len(self.messages)).encode()]

    def uid(self, command: str, *args: str) -> tuple[str, list[Any]]:
        self.sent.append(f"UID {command}")
        if command == "SEARCH":
            self.searches.append(args)
            start = int(args[1].split(":")[0])
            hits = [u for u in sorted(self.messages) if u >= start]
            if not hits and self.messages:  # RFC 3501: n:* includes the highest UID
                hits = [max(self.messages)]
            if len(args) == 4 and args[2] == "SINCE":
                since = datetime.strptime(args[3], "%d-%b-%Y").date()
                hits = [u for u in hits if self.arrived.get(u, date.today()) >= since]
            return "OK", [" ".join(map(str, hits)).encode()]
        if command == "FETCH":
            assert args[1] == "(UID FLAGS BODY.PEEK[])"
            wanted: set[int] = set()
            for part in args[0].split(","):
                lo, _, hi = part.partition(":")
                wanted.update(range(int(lo), int(hi or lo) + 1))
            data: list[Any] = []
            for seq, uid in enumerate(sorted(self.messages), 1):
                if uid in wanted:
                    raw = self.messages[uid]
                    flags = self.flags.get(uid, "")
                    data += [(f"{seq} (UID {uid} FLAGS ({flags}) BODY[] {{{len(raw)}}}".encode(), raw), b")"]
            return "OK", data
        raise AssertionError(command)

    def list(self, directory: str, pattern: str) -> tuple[str, list[bytes]]:
        self.sent.append("LIST")
        return "OK", list(self.folders)

    def _simple_command(self, name: str, *args: str, **kw: Any) -> tuple[str, list[bytes]]:
        self.sent.append(f"{name} {args[0]}")
        return "OK", [f for f in self.folders if b"\\Drafts" in f]

    def logout(self) -> tuple[str, list[bytes]]:
        self.sent.append("LOGOUT")
        self.state = "LOGOUT"
        return "BYE", [b""]


def make_settings(tmp_path: Path, **kw: Any) -> Settings:
    values: dict[str, Any] = {
        "home": tmp_path,
        "imap_host": "imap.example.com",
        "imap_user": "am@agency.example",
        "imap_password": "s3cret",
        "imap_security": "ssl",
    }
    values.update(kw)
    return Settings(**values)


def source_with(conn: FakeConn, settings: Settings) -> ImapSource:
    class Faked(ImapSource):
        @classmethod
        def open_connection(cls, s: Settings) -> Any:
            return conn

    return Faked(settings)


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)


# -- pure helpers -----------------------------------------------------------------------------


def test_xoauth2_string() -> None:
    assert xoauth2_string("am@agency.example", "tok") == b"user=am@agency.example\x01auth=Bearer tok\x01\x01"


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("INBOX", "INBOX"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("R&D", "R&-D"),
        ("[Gmail]/Drafts", "[Gmail]/Drafts"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  # RFC 3501 example
        ("Kunder/Æblegrød", "Kunder/&AMY-blegr&APg-d"),
        ("ฉบับร่าง", "&DgkOGg4xDhoOIw5IDjIOBw-"),  # cf. "ฉบับร่าง".encode("utf-7")
    ],
)
def test_modified_utf7(name: str, wire: str) -> None:
    assert encode_mailbox(name) == wire
    assert decode_mailbox(wire) == name


def test_decode_malformed_mailbox_is_left_alone() -> None:
    assert decode_mailbox("&Jjo!") == "&Jjo!"


def test_uid_set() -> None:
    assert uid_set([9, 1, 2, 3, 7, 10]) == "1:3,7,9:10"
    assert uid_set([5]) == "5"


def test_parse_fetch_bodies_variants() -> None:
    data = [
        (b"1 (UID 11 BODY[] {3}", b"abc"),
        b")",
        (b"2 (BODY[] {2}", b"de"),
        b" UID 12)",  # UID after the literal
        b"3 (FLAGS (\\Seen) UID 13)",  # unsolicited flag update
        (b"4 (UID 14 BODY[] {0}", b""),
        b")",
    ]
    assert {uid: f.raw for uid, f in parse_fetch_bodies(data).items()} == {11: b"abc", 12: b"de", 14: b""}


def test_parse_fetch_bodies_reads_the_answered_flag_before_or_after_the_literal() -> None:
    data = [
        (b"1 (UID 11 FLAGS (\\Seen \\Answered) BODY[] {3}", b"abc"),
        b")",
        (b"2 (UID 12 BODY[] {2}", b"de"),
        b" FLAGS (\\ANSWERED))",  # flags after the literal, in capitals
        (b"3 (UID 13 FLAGS (\\Flagged $Forwarded) BODY[] {1}", b"f"),
        b")",
        (b"4 (UID 14 BODY[] {0}", b""),  # no FLAGS at all
        b")",
    ]
    got = parse_fetch_bodies(data)
    assert [uid for uid, f in sorted(got.items()) if f.answered] == [11, 12]
    assert got[13].flags == {"\\flagged", "$forwarded"} and got[14].flags == frozenset()


def test_imap_search_dates_are_english_whatever_the_locale() -> None:
    assert imap_date(date(2026, 11, 7)) == "7-Nov-2026" and imap_date(date(2027, 1, 15)) == "15-Jan-2027"


def test_parse_list_variants() -> None:
    entries = parse_list(
        [
            b'(\\HasNoChildren \\Drafts) "/" "My \\"Drafts\\""',
            b'(\\Noselect \\HasChildren) "." "[Gmail]"',
            (b'(\\HasNoChildren) "/" {8}', b"Odd Name"),
            b"(\\HasNoChildren) NIL Entw&APw-rfe",
        ]
    )
    assert [e.name for e in entries] == ['My "Drafts"', "[Gmail]", "Odd Name", "Entwürfe"]
    assert "\\drafts" in entries[0].attributes
    assert not entries[1].selectable
    assert entries[3].delimiter is None


# -- reading ------------------------------------------------------------------------------------


def test_full_then_nothing_new_is_one_examine(tmp_path: Path) -> None:
    conn = FakeConn(messages={3: b"a", 5: b"b"})
    source = source_with(conn, make_settings(tmp_path))
    got = list(source.fetch_new(None))
    assert [m.cursor for m in got] == [Cursor(7, 3), Cursor(7, 5)]
    assert got[1].location == "imap://am@agency.example@imap.example.com:993/INBOX;UIDVALIDITY=7;UID=5"
    conn.sent.clear()
    assert list(source.fetch_new(Cursor(7, 5))) == []
    assert conn.sent == ["EXAMINE"]


def test_star_range_quirk_filtered(tmp_path: Path) -> None:
    conn = FakeConn(messages={3: b"a"}, uidnext=9)  # 4..8 were expunged
    source = source_with(conn, make_settings(tmp_path))
    assert list(source.fetch_new(Cursor(7, 5))) == []
    assert "UID SEARCH" in conn.sent and "UID FETCH" not in conn.sent


def test_uidvalidity_change_reads_all(tmp_path: Path) -> None:
    conn = FakeConn(messages={1: b"a", 2: b"b"}, uidvalidity=8)
    source = source_with(conn, make_settings(tmp_path))
    got = list(source.fetch_new(Cursor(7, 2)))
    assert [m.cursor for m in got] == [Cursor(8, 1), Cursor(8, 2)]


def test_batches(tmp_path: Path) -> None:
    conn = FakeConn(messages={u: b"x" for u in range(1, 8)})
    source = source_with(conn, make_settings(tmp_path, imap_batch_size=3))
    assert len(list(source.fetch_new(None))) == 7
    assert conn.sent.count("UID FETCH") == 3


def test_first_sync_since_searches_since_and_fetches_only_recent_mail(tmp_path: Path) -> None:
    today = date.today()
    old, recent = today.replace(year=today.year - 5), today
    conn = FakeConn(messages={1: b"old", 2: b"new", 3: b"old again"}, arrived={1: old, 2: recent, 3: old})
    source = source_with(conn, make_settings(tmp_path))
    window = date(today.year - 1, 1, 1)
    got = list(source.fetch_new(None, since=window))
    assert [m.raw for m in got] == [b"new"] and got[0].cursor == Cursor(7, 2)
    assert conn.searches == [("UID", "1:*", "SINCE", imap_date(window))]
    conn.searches.clear()
    assert list(source.fetch_new(Cursor(7, 2), since=window)) == []  # UID 3 is past the cursor, but old
    assert conn.searches == [("UID", "3:*", "SINCE", imap_date(window))]


def test_the_answered_flag_comes_with_the_message_and_nothing_sets_seen(tmp_path: Path) -> None:
    conn = FakeConn(messages={1: b"a", 2: b"b"}, flags={1: "\\Answered \\Seen", 2: ""})
    source = source_with(conn, make_settings(tmp_path))
    assert [m.answered for m in source.fetch_new(None)] == [True, False]
    assert not any("STORE" in c for c in conn.sent)


def test_missing_folder_lists_folders(tmp_path: Path) -> None:
    conn = FakeConn(folders=[b'(\\HasNoChildren) "/" INBOX', b'(\\HasNoChildren) "/" Kunder'])
    source = source_with(conn, make_settings(tmp_path, imap_folder="Clients"))
    with pytest.raises(FolderNotFoundError) as err:
        list(source.fetch_new(None))
    assert "ASSISTANT_IMAP_FOLDER" in str(err.value) and "INBOX, Kunder" in str(err.value)


# -- login --------------------------------------------------------------------------------------


def test_xoauth2_exchange(tmp_path: Path) -> None:
    conn = FakeConn()
    settings = make_settings(tmp_path, imap_auth="xoauth2", imap_oauth_token="tok")
    source_with(conn, settings).connect()
    assert conn.sent == ["AUTHENTICATE XOAUTH2"]
    assert conn.auth_exchange == [b"user=am@agency.example\x01auth=Bearer tok\x01\x01"]


def test_xoauth2_failure_answers_the_error_challenge_empty(tmp_path: Path) -> None:
    conn = FakeConn(login_error=imaplib2.IMAP4.error("b'[AUTHENTICATIONFAILED] Authentication failed.'"))
    settings = make_settings(tmp_path, imap_auth="xoauth2", imap_oauth_token="tok")
    with pytest.raises(AuthenticationError) as err:
        source_with(conn, settings).connect()
    assert conn.auth_exchange[1] == b""
    assert "ASSISTANT_IMAP_OAUTH_TOKEN" in str(err.value)


def test_login_quotes_user_and_capabilities_refreshed(tmp_path: Path) -> None:
    conn = FakeConn()
    source = source_with(conn, make_settings(tmp_path))
    assert "UIDPLUS" in source.capabilities
    assert conn.sent == ['LOGIN "am@agency.example"']


def test_login_error_never_shows_the_password(tmp_path: Path) -> None:
    # imaplib2 appends the command it sent ("Data: ...") to BAD errors, LOGIN included.
    bad = imaplib2.IMAP4.error("LOGIN command error: BAD [b'Error in IMAP command']. Data: b'ABC1 LOGIN u \"s3cret\"'")
    source = source_with(FakeConn(login_error=bad), make_settings(tmp_path))
    with pytest.raises(AuthenticationError) as err:
        source.connect()
    assert "s3cret" not in str(err.value)
    assert "ASSISTANT_IMAP_PASSWORD" in str(err.value)


def test_non_ascii_password_uses_auth_plain(tmp_path: Path) -> None:
    conn = FakeConn()
    source_with(conn, make_settings(tmp_path, imap_password="kødpålæg")).connect()
    assert conn.sent == ["AUTHENTICATE PLAIN"]
    assert conn.auth_exchange == ["\x00am@agency.example\x00kødpålæg".encode()]


# -- drafts -------------------------------------------------------------------------------------


def test_drafts_by_special_use(tmp_path: Path) -> None:
    conn = FakeConn(
        after_login="IMAP4REV1 SPECIAL-USE LIST-EXTENDED",
        folders=[b'(\\HasNoChildren) "/" INBOX', b'(\\Drafts) "/" "Concepten"'],
    )
    assert Mailbox(source_with(conn, make_settings(tmp_path))).find_drafts_folder() == "Concepten"
    assert "LIST" not in conn.sent  # the special-use LIST was enough


def test_drafts_by_attribute_in_plain_list(tmp_path: Path) -> None:
    conn = FakeConn(folders=[b'(\\HasNoChildren) "/" INBOX', b'(\\HasNoChildren \\Drafts) "/" Entw&APw-rfe'])
    assert Mailbox(source_with(conn, make_settings(tmp_path))).find_drafts_folder() == "Entwürfe"


def test_drafts_by_name(tmp_path: Path) -> None:
    conn = FakeConn(folders=[b'(\\HasChildren) "." INBOX', b'(\\HasNoChildren) "." INBOX.Kladder'])
    assert Mailbox(source_with(conn, make_settings(tmp_path))).find_drafts_folder() == "INBOX.Kladder"


def test_no_drafts_folder_names_the_setting(tmp_path: Path) -> None:
    conn = FakeConn(folders=[b'(\\HasNoChildren) "/" INBOX', b'(\\HasNoChildren) "/" Archive'])
    with pytest.raises(FolderNotFoundError) as err:
        Mailbox(source_with(conn, make_settings(tmp_path))).find_drafts_folder()
    assert "ASSISTANT_IMAP_DRAFTS_FOLDER" in str(err.value) and "Archive" in str(err.value)


# -- run_watch ----------------------------------------------------------------------------------


def retries_at_most(limit: int, sleeps: list[float] | None = None) -> Callable[[float], None]:
    """run_watch's backoff ``sleep`` for a test: it records each wait and fails the test once
    run_watch has retried ``limit`` times, so a loop that should have raised or stopped ends
    as a failure instead of spinning forever (the waits take no time)."""
    waits = sleeps if sleeps is not None else []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) > limit:
            pytest.fail(f"run_watch retried more than {limit} times: it should have raised or stopped", pytrace=False)

    return sleep


def test_run_watch_doubles_delay_until_cap_and_resets_after_sync() -> None:
    stop = threading.Event()
    sleeps: list[float] = []
    outcomes: list[Any] = [
        "ok",  # connect+sync fine, then the IDLE drops
        ConnectionLostError("x"),
        ServerUnreachableError("refused"),
        ServerUnreachableError("refused"),
        ServerUnreachableError("refused"),
        "ok",
    ]

    class Src:
        key = "fake"

        def __init__(self) -> None:
            self.closed = False

        def wait_for_mail(self, timeout: float, stop: threading.Event | None = None) -> bool:
            raise ConnectionLostError("idle dropped")

        def close(self) -> None:
            self.closed = True

    def connect() -> Any:
        outcome = outcomes.pop(0) if outcomes else "stop"
        if outcome == "stop":
            stop.set()
            return Src()
        if isinstance(outcome, BaseException):
            raise outcome
        return Src()

    def sync(source: Any) -> int:
        return 0

    run_watch(connect, sync, stop, idle_seconds=1, backoff_initial=1, backoff_max=4, sleep=retries_at_most(10, sleeps))
    # ok -> idle drop (1) -> lost (2) -> refused (4) -> refused (4, capped) -> refused (4)
    # -> ok: reset -> idle drop (1) -> stop
    assert sleeps == [1, 2, 4, 4, 4, 1]


def test_run_watch_authentication_error_is_fatal() -> None:
    stop = threading.Event()

    def connect() -> Any:
        raise AuthenticationError("refused", fix="check ASSISTANT_IMAP_PASSWORD")

    with pytest.raises(AuthenticationError):
        run_watch(connect, lambda s: 0, stop, idle_seconds=1, sleep=retries_at_most(3))


def test_run_watch_unreachable_before_first_sync_is_fatal() -> None:
    stop = threading.Event()

    def connect() -> Any:
        raise ServerUnreachableError("cannot resolve", fix="check ASSISTANT_IMAP_HOST")

    with pytest.raises(ServerUnreachableError):
        run_watch(connect, lambda s: 0, stop, idle_seconds=1, sleep=retries_at_most(3))


def test_run_watch_other_mailbox_errors_are_fatal() -> None:
    stop = threading.Event()
    closed: list[bool] = []

    class Src:
        key = "fake"

        def close(self) -> None:
            closed.append(True)

    def sync(source: Any) -> int:
        raise FolderNotFoundError("no folder", fix="set ASSISTANT_IMAP_FOLDER")

    with pytest.raises(MailboxError):
        run_watch(lambda: Src(), sync, stop, idle_seconds=1, sleep=retries_at_most(3))
    assert closed == [True]


def test_run_watch_returns_at_once_when_stopped() -> None:
    stop = threading.Event()
    stop.set()
    run_watch(lambda: pytest.fail("connected"), lambda s: 0, stop, idle_seconds=1)
