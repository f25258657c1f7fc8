"""Labels in the mailbox without a server: which method a server gets, FETCH responses read, and
Gmail's labels (X-GM-LABELS) through the ``ImapSource.open_connection`` seam, with responses in
the form Gmail sends them (its IMAP extensions page: quoted system labels such as "\\\\Inbox",
CONDSTORE's MODSEQ, PERMANENTFLAGS with \\*)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assistant.config import Settings
from assistant.mailout.labels import choose_method, label_names, parse_fetch_labels
from assistant.pipeline import sync
from assistant.review.actions import edit
from assistant.review.mailbox import label_in_mailbox
from assistant.state import Correction, Draft, MailboxLabel, Message, Store, TriageResult
from tests.unit.test_imap_unit import FakeConn, make_settings, source_with

GMAIL_CAPS = (
    "IMAP4REV1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS COMPRESS=DEFLATE ENABLE "
    "MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584"
)


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)


# -- choosing the method ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "folders", "caps", "keywords", "method"),
    [
        ("auto", False, {"X-GM-EXT-1"}, True, "gmail"),  # Gmail allows keywords too, but shows labels
        ("auto", False, {"IMAP4REV1"}, True, "keywords"),
        ("auto", True, {"IMAP4REV1"}, False, "folders"),
        ("auto", False, {"IMAP4REV1"}, False, None),
        ("keywords", False, {"X-GM-EXT-1"}, True, "keywords"),
        ("keywords", False, {"IMAP4REV1"}, False, None),
        ("gmail", False, {"IMAP4REV1"}, True, None),
        ("folders", False, {"IMAP4REV1"}, True, "folders"),
        ("off", True, {"X-GM-EXT-1"}, True, None),
    ],
)
def test_the_method_is_the_best_the_server_offers_unless_set(
    setting: str, folders: bool, caps: set[str], keywords: bool, method: str | None
) -> None:
    choice = choose_method(setting, folders, caps, keywords)
    assert choice.method == method
    if method is None and setting == "auto":
        assert "ASSISTANT_LABEL_FOLDERS=1" in choice.why


def test_label_names_are_data_and_folder_names_use_the_servers_delimiter() -> None:
    keywords = label_names("keywords")
    assert keywords.wanted("out_of_scope", True) == ["$NeedsJudgement", "$ScopeOut"]
    assert keywords.ours(["\\Seen", "$scopein", "$Forwarded"]) == {"$ScopeIn"}  # keywords ignore case
    assert label_names("gmail").verdicts["red_flag"] == "Scope/Red flag"
    assert label_names("folders", ".").verdicts["in_scope"] == "Scope.In scope"


def test_fetch_responses_with_flags_gmail_labels_and_literals_are_read() -> None:
    data: list[Any] = [
        b"1 (UID 5 FLAGS (\\Seen $ScopeIn) MODSEQ (12))",
        b"2 (FLAGS (\\Seen))",  # unsolicited, no UID: skipped
        b'3 (X-GM-LABELS ("\\\\Inbox" "Scope/Out of scope") UID 7 MODSEQ (4300))',
        (b"4 (X-GM-LABELS (\\Important {14}", b"Scope/In scope"),
        b") UID 8)",
    ]
    assert parse_fetch_labels(data[:2], "FLAGS") == {5: ["\\Seen", "$ScopeIn"]}
    assert parse_fetch_labels(data[2:], "X-GM-LABELS") == {
        7: ["\\Inbox", "Scope/Out of scope"],
        8: ["\\Important", "Scope/In scope"],
    }


# -- Gmail through the seam -------------------------------------------------------------------


class GmailConn(FakeConn):
    """FakeConn that also SELECTs read-write, STOREs and FETCHes X-GM-LABELS as Gmail does, with
    a mod-sequence bumped by every change."""

    def __init__(self, messages: dict[int, bytes], refuse_store: bool = False) -> None:
        super().__init__(messages=messages, after_login=GMAIL_CAPS, uidvalidity=11)
        self.labels: dict[int, set[str]] = {uid: {"\\Inbox"} for uid in messages}
        self.modseq = {uid: 4000 + uid for uid in messages}
        self.refuse_store = refuse_store

    @property
    def highest(self) -> int:
        return max(self.modseq.values(), default=1)

    def select(self, mailbox: str, readonly: bool = False) -> tuple[str, list[Any]]:
        self.sent.append(f"SELECT {mailbox}")
        assert not readonly
        self.state = "SELECTED"
        self.untagged.clear()
        self._code("PERMANENTFLAGS", "(\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing $Phishing \\*)")
        self._code("UIDVALIDITY", str(self.uidvalidity))
        self._code("UIDNEXT", str(self.uidnext))
        self._code("HIGHESTMODSEQ", str(self.highest))
        return "OK", [str(len(self.messages)).encode()]

    def user_changes(self, uid: int, remove: str, add: str) -> None:
        """What the Gmail web client does when a label is changed."""
        self.labels[uid] = (self.labels[uid] - {remove}) | {add}
        self.modseq[uid] = self.highest + 1

    def uid(self, command: str, *args: str) -> tuple[str, list[Any]]:
        if command == "STORE":
            self.sent.append(f"UID STORE {' '.join(args)}")
            if self.refuse_store:
                return "NO", [b"STORE failed (Failure)"]
            uids, item, value = args
            assert item in ("+X-GM-LABELS.SILENT", "-X-GM-LABELS.SILENT")
            names = set(re.findall(r'"((?:\\.|[^"\\])*)"', value))
            for uid in _uids(uids):
                self.labels[uid] = self.labels[uid] | names if item[0] == "+" else self.labels[uid] - names
                self.modseq[uid] = self.highest + 1
            return "OK", [None]
        if command == "FETCH" and "X-GM-LABELS" in args[1]:
            self.sent.append(f"UID FETCH {' '.join(args)}")
            since = int(args[2].split()[1].rstrip(")")) if len(args) > 2 else None
            wanted = set(self.messages) if args[0] == "1:*" else _uids(args[0])
            data = []
            for seq, uid in enumerate(sorted(self.messages), 1):
                if uid in wanted and (since is None or self.modseq[uid] > since):
                    labels = " ".join(
                        f'"{n}"' if not n.startswith("\\") else f'"\\{n}"' for n in sorted(self.labels[uid])
                    )
                    data.append(f"{seq} (X-GM-LABELS ({labels}) UID {uid} MODSEQ ({self.modseq[uid]}))".encode())
            return "OK", data
        return super().uid(command, *args)

    def status(self, mailbox: str, items: str) -> tuple[str, list[Any]]:
        raise AssertionError("HIGHESTMODSEQ came with SELECT")


def _uids(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.split(","):
        lo, _, hi = part.partition(":")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def _mail(n: int) -> bytes:
    return (
        f"From: Mette <mette@cykelhuset.example>\r\nTo: am@agency.example\r\nSubject: Message {n}\r\n"
        f"Message-ID: <m{n}@cykelhuset.example>\r\nDate: Tue, 03 Mar 2026 09:00:00 +0100\r\n\r\nHej {n}\r\n"
    ).encode()


def _triaged(tmp_path: Path, conn: GmailConn, labels: list[tuple[str, bool]], **kw: Any) -> tuple[Settings, Store, Any]:
    settings = make_settings(tmp_path, **kw)
    store = Store(settings.db_url)
    source = source_with(conn, settings)
    sync(source, store)
    with store.session() as s:
        for pk, (label, judgement) in zip(s.scalars(select(Message.id).order_by(Message.id)), labels, strict=True):
            result = {"label": label, "red_flags": [], "needs_judgement": judgement, "engine": "offline-v1"}
            s.add(TriageResult(message_pk=pk, label=label, engine="offline-v1", confidence=0.6, result=result))
    return settings, store, source


def test_gmail_labels_are_stored_with_x_gm_labels_and_nothing_else(tmp_path: Path) -> None:
    conn = GmailConn({3: _mail(3), 4: _mail(4)})
    settings, store, source = _triaged(tmp_path, conn, [("out_of_scope", True), ("in_scope", False)])
    report = label_in_mailbox(store, settings, source=source)
    assert (report.method, report.labelled, report.failed) == ("gmail", 2, 0)
    stores = [c for c in conn.sent if c.startswith("UID STORE")]
    assert stores == [
        'UID STORE 3 +X-GM-LABELS.SILENT ("Scope/Needs judgement" "Scope/Out of scope")',
        'UID STORE 4 +X-GM-LABELS.SILENT ("Scope/In scope")',
    ]  # no FLAGS, so no \Seen
    assert conn.labels == {
        3: {"\\Inbox", "Scope/Needs judgement", "Scope/Out of scope"},
        4: {"\\Inbox", "Scope/In scope"},
    }
    assert 'SELECT "INBOX"' in conn.sent

    again = label_in_mailbox(store, settings, source=source)  # our own labels come back, as ours
    assert (again.labelled, again.corrections) == (0, 0)
    assert any("(CHANGEDSINCE 4004)" in c for c in conn.sent)


def test_a_gmail_label_changed_in_the_web_client_is_a_correction(tmp_path: Path) -> None:
    conn = GmailConn({3: _mail(3)})
    settings, store, source = _triaged(tmp_path, conn, [("out_of_scope", True)])
    label_in_mailbox(store, settings, source=source)
    conn.user_changes(3, remove="Scope/Out of scope", add="Scope/In scope")
    report = label_in_mailbox(store, settings, source=source)
    assert (report.corrections, report.refused, report.error) == (1, 0, None)
    with store.session() as s:
        [correction] = s.scalars(select(Correction)).all()
        assert s.scalar(select(TriageResult.label)) == "in_scope"
    assert (correction.label, correction.actor) == ("in_scope", "mailbox:am@agency.example@imap.example.com")
    assert "Scope/Out of scope → Scope/In scope" in correction.reason
    assert conn.labels[3] == {"\\Inbox", "Scope/In scope"}  # "needs judgement" went with the human's verdict
    assert label_in_mailbox(store, settings, source=source).corrections == 0


def test_a_refused_store_is_counted_recorded_and_tried_again_without_stopping_anything(tmp_path: Path) -> None:
    conn = GmailConn({3: _mail(3)}, refuse_store=True)
    settings, store, source = _triaged(tmp_path, conn, [("red_flag", False)])
    report = label_in_mailbox(store, settings, source=source)
    assert (report.labelled, report.failed, report.error) == (0, 1, None)
    assert "1 failed" in (report.line() or "")
    with store.session() as s:
        row = s.get(MailboxLabel, 1)
        assert row.status == "failed" and "STORE failed" in row.detail
    conn.refuse_store = False
    assert label_in_mailbox(store, settings, source=source).labelled == 1
    assert conn.labels[3] == {"\\Inbox", "Scope/Red flag"}


def test_an_unreachable_mailbox_is_reported_not_raised(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, imap_host="127.0.0.1", imap_port=1, imap_security="none", imap_timeout=2)
    store = Store(settings.db_url)
    conn = GmailConn({3: _mail(3)})
    sync(source_with(conn, settings), store)
    with store.session() as s:
        result = {"label": "in_scope", "red_flags": [], "engine": "offline-v1"}
        s.add(TriageResult(message_pk=1, label="in_scope", engine="offline-v1", confidence=0.6, result=result))
    report = label_in_mailbox(store, settings)
    assert "refused" in (report.error or "") and report.labelled == 0


def test_a_correction_from_the_mail_client_rewrites_the_pending_draft_but_keeps_an_edited_one(
    tmp_path: Path,
) -> None:
    conn = GmailConn({3: _mail(3), 4: _mail(4)})
    settings, store, source = _triaged(tmp_path, conn, [("out_of_scope", False), ("out_of_scope", False)])
    pushback = "Hi,\nThis is outside what we agreed; we can send a change request."
    with store.session() as s:
        for triage in s.scalars(select(TriageResult)):  # a result as triage stores it
            triage.result = triage.result | {
                "evidence": [],
                "requests": [],
                "confidence": 0.6,
                "rationale": "Outside the agreed work.",
                "reply_needed": True,
            }
        pks = list(s.scalars(select(Message.id).order_by(Message.id)))
        drafts = [
            Draft(message_pk=pk, to_addr="mette@cykelhuset.example", subject="Re: x", body=pushback) for pk in pks
        ]
        s.add_all(drafts)
        s.flush()
        ids = [d.id for d in drafts]
    edit(settings, store, ids[1], "anna", pushback + "\nEdited by Anna.")
    label_in_mailbox(store, settings, source=source)
    for uid in (3, 4):
        conn.user_changes(uid, remove="Scope/Out of scope", add="Scope/In scope")

    assert label_in_mailbox(store, settings, source=source).corrections == 2
    rewritten, kept = store.draft(ids[0]), store.draft(ids[1])
    assert rewritten.status == "pending" and "change request" not in rewritten.body  # written for in_scope
    assert kept.body == pushback + "\nEdited by Anna."  # nobody could be asked: the manager's text stays
    with store.session() as s:
        assert set(s.scalars(select(TriageResult.label))) == {"in_scope"}
