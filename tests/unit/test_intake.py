"""Reading several mailboxes: one that fails is its own one-line error, the others are read
(triage) and watched (watch). The mailboxes are fakes here; tests/live/test_mailboxes.py
runs the same over a real Dovecot."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant.config import Mailbox, Settings, load_settings
from assistant.errors import AuthenticationError, ConnectionLostError
from assistant.intake import MailboxRead, chosen_mailboxes, read_mailbox, watch_mailboxes
from assistant.mailin import Cursor, MailSource, RawMessage
from assistant.state import Store

BOXES = ("anna", "ben", "shared")


def _configure(home: Path, monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...] = BOXES) -> Settings:
    home.mkdir(parents=True, exist_ok=True)
    (home / "assistant.toml").write_text(
        "".join(
            f'[[mailbox]]\nname = "{n}"\nhost = "imap.agency.example"\nuser = "{n}@agency.example"\n'
            f'secret_env = "{n.upper()}_PW"\n\n'
            for n in names
        )
    )
    for n in names:
        monkeypatch.setenv(f"{n.upper()}_PW", f"pw-{n}")
    return load_settings()


def _mail(box: str, n: int) -> bytes:
    return (
        f"From: Mette <mette@cykelhuset.example>\r\nTo: {box}@agency.example\r\nSubject: {box} {n}\r\n"
        f"Message-ID: <{box}-{n}@cykelhuset.example>\r\nDate: Mon, 07 Dec 2026 09:00:00 +0000\r\n\r\nHej {box}\r\n"
    ).encode()


class FakeMailbox(MailSource):
    """One IMAP mailbox's messages, read as ImapSource reads them (after the cursor)."""

    def __init__(self, settings: Settings, messages: list[bytes], refuse: bool = False) -> None:
        self.key = settings.imap_source_key()
        self.messages = messages
        self.refuse = refuse

    def fetch_new(self, cursor: Cursor | None, since: date | None = None) -> Iterator[RawMessage]:
        if self.refuse:
            raise AuthenticationError(
                "the server refused the login", fix="check ASSISTANT_IMAP_USER and ASSISTANT_IMAP_PASSWORD"
            )
        seen = cursor.last_uid if cursor else 0
        for uid, raw in enumerate(self.messages, start=1):
            if uid > seen:
                yield RawMessage(raw=raw, location=f"{self.key};UID={uid}", cursor=Cursor(1, uid))


def test_a_refused_login_is_that_mailboxs_one_line_and_the_others_are_read(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _configure(_isolated_home, monkeypatch)
    store = Store(settings.db_url)
    mail = {"anna": [_mail("anna", 1)], "ben": [_mail("ben", 1), _mail("ben", 2)], "shared": [_mail("shared", 1)]}

    def connect(s: Settings) -> MailSource:
        name = s.imap_user.split("@")[0]
        return FakeMailbox(s, mail[name], refuse=name == "shared")

    def read_all() -> dict[str, MailboxRead]:
        reads = [read_mailbox(box, settings, store, connect=connect) for box in chosen_mailboxes(settings)]
        return {str(r.name): r for r in reads}

    reads = read_all()
    assert [reads[n].report.new for n in ("anna", "ben")] == [1, 2]  # type: ignore[union-attr]
    assert reads["shared"].report is None and reads["shared"].error is not None
    error = reads["shared"].error
    assert "\n" not in error and "refused the login" in error
    # It names the setting where this mailbox is configured, not the ASSISTANT_IMAP_* ones.
    assert "check user and secret_env in [[mailbox]] 'shared' of assistant.toml" in error
    assert "ASSISTANT_IMAP" not in error
    stored = {m.message_id: settings.mailbox_name_of(m.source_key) for m in store.messages()}
    assert stored == {"<anna-1@cykelhuset.example>": "anna", "<ben-1@cykelhuset.example>": "ben",
                      "<ben-2@cykelhuset.example>": "ben"}  # fmt: skip

    # Each mailbox keeps its own cursor: new mail in one is all the next pass reads.
    mail["anna"].append(_mail("anna", 2))
    again = read_all()
    assert (again["anna"].report.new, again["ben"].report.new) == (1, 0)  # type: ignore[union-attr]
    assert (again["anna"].report.duplicates, again["ben"].report.fetched) == (0, 0)  # type: ignore[union-attr]


def test_a_mailbox_whose_secret_is_not_set_is_its_error_and_the_others_are_chosen(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _configure(_isolated_home, monkeypatch)
    monkeypatch.delenv("BEN_PW")
    chosen = chosen_mailboxes(load_settings())
    assert [type(c).__name__ for c in chosen] == ["Mailbox", "MailboxRead", "Mailbox"]
    [bad] = [c for c in chosen if isinstance(c, MailboxRead)]
    assert bad.name == "ben" and "BEN_PW is not set" in str(bad.error)
    assert [c.name for c in chosen_mailboxes(settings, "shared")] == ["shared"]
    with pytest.raises(Exception, match="no mailbox named 'carla'"):
        chosen_mailboxes(settings, "carla")


class FakeIdle(FakeMailbox):
    """A mailbox that signals new mail after every wait; ``drop`` connections fail their first wait."""

    def __init__(self, settings: Settings, drop: bool) -> None:
        super().__init__(settings, [])
        self.drop = drop

    def wait_for_mail(self, timeout: float | None = None, stop: threading.Event | None = None) -> bool:
        if self.drop:
            raise ConnectionLostError("connection to the server lost", fix="it reconnects")
        return True


def test_watch_goes_on_with_the_other_mailboxes_when_one_is_refused_and_one_drops(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _configure(_isolated_home, monkeypatch)
    boxes = [b for b in chosen_mailboxes(settings) if isinstance(b, Mailbox)]
    stop = threading.Event()
    connections: dict[str, int] = {}
    syncs: dict[str, int] = {}
    work: list[int] = []
    failed: list[tuple[str, str]] = []
    in_turn = threading.Lock()
    overlapped: list[str] = []
    last: list[str] = []

    def connect(s: Settings) -> FakeIdle:
        name = s.imap_user.split("@")[0]
        if name == "shared":
            raise AuthenticationError("the server refused the login", fix="check ASSISTANT_IMAP_PASSWORD")
        connections[name] = connections.get(name, 0) + 1
        return FakeIdle(s, drop=name == "ben")  # ben's connection drops after each sync

    def synced(box: Mailbox, source: MailSource) -> int:
        if not in_turn.acquire(blocking=False):
            overlapped.append(box.name)  # two syncs at once: the lock did not hold
        else:
            in_turn.release()
        syncs[box.name] = syncs.get(box.name, 0) + 1
        if syncs.get("anna", 0) >= 5 and syncs.get("ben", 0) >= 3 and failed:
            stop.set()  # the two went on after shared failed
        if stop.is_set():
            last.append(box.name)  # no triage pass follows a sync that ends in a stop
        return 0

    def triage(box: Mailbox, source: MailSource) -> None:
        work.append(1)

    stopped = watch_mailboxes(
        boxes, synced, triage, stop, lambda box, line: failed.append((box.name, line)), connect=connect,
        backoff_initial=0.0,
    )  # fmt: skip
    assert stopped == ["shared"]
    assert failed == [
        ("shared", "the server refused the login (check secret_env in [[mailbox]] 'shared' of assistant.toml)")
    ]
    assert syncs["anna"] >= 5 and connections["anna"] == 1  # anna kept its one connection
    assert syncs["ben"] >= 3 and connections["ben"] == syncs["ben"]  # ben reconnected after each drop
    assert len(work) == syncs["anna"] + syncs["ben"] - len(last)  # a triage pass after every sync
    assert overlapped == []
