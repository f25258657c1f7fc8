"""Labels in the mailbox against a real Dovecot: IMAP keywords (and per-label folders) written
after triage without \\Seen, relabels pushed to the mailbox, and a keyword changed by another
IMAP client read back as a correction."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings, load_settings
from assistant.mailin.imap import ImapSource
from assistant.pipeline import sync
from assistant.review.corrections import record_correction
from assistant.review.mailbox import label_in_mailbox, update_mailbox_label
from assistant.state import Correction, FolderModseq, MailboxLabel, Message, Store, TriageResult
from tests.live.test_pipeline_imap import DANISH_LATIN1, _ingest_workspace

pytestmark = pytest.mark.live

runner = CliRunner()


def _result(label: str, red_flags: list[str] | None = None, needs_judgement: bool = False) -> dict[str, Any]:
    return {
        "label": label,
        "red_flags": red_flags or [],
        "evidence": [],
        "requests": [],
        "confidence": 0.5,
        "rationale": "",
        "engine": "offline-v1",
        "reply_needed": label != "in_scope",
        "needs_judgement": needs_judgement,
    }


def _triaged(
    account: Any, tmp_path: Path, message: Any, verdicts: list[dict[str, Any]], **overrides: Any
) -> tuple[Settings, Store, list[int], list[int]]:
    """Messages appended to INBOX, synced into a store, with a stored result each (as triage
    leaves them): ``(settings, store, uids, message primary keys)``."""
    uids = [account.append("INBOX", message(f"Message {i}")) for i in range(len(verdicts))]
    settings = account.settings(tmp_path, **overrides)
    store = Store(settings.db_url)
    with ImapSource(settings) as source:
        sync(source, store)
    with store.session() as s:
        pks = list(s.scalars(select(Message.id).order_by(Message.id)))
        for pk, result in zip(pks, verdicts, strict=True):
            s.add(
                TriageResult(message_pk=pk, label=result["label"], engine="offline-v1", confidence=0.5, result=result)
            )
    return settings, store, uids, pks


def _change_flags(account: Any, uid: int, remove: str, add: str) -> None:
    """Another IMAP client (the mail client) changes a keyword."""
    with account.imap() as conn:
        assert conn.select("INBOX")[0] == "OK"
        assert conn.uid("STORE", str(uid), "-FLAGS.SILENT", f"({remove})")[0] == "OK"
        assert conn.uid("STORE", str(uid), "+FLAGS.SILENT", f"({add})")[0] == "OK"


def test_keywords_are_set_after_triage_and_never_seen(imap_account: Any, tmp_path: Path, message: Any) -> None:
    settings, store, uids, _pks = _triaged(
        imap_account,
        tmp_path,
        message,
        [_result("in_scope"), _result("out_of_scope", needs_judgement=True), _result("red_flag", ["late_payment"])],
    )
    report = label_in_mailbox(store, settings)
    assert (report.method, report.labelled, report.failed, report.error) == ("keywords", 3, 0, None)
    assert [imap_account.flags("INBOX", uid) for uid in uids] == [
        {"$ScopeIn"},
        {"$ScopeOut", "$NeedsJudgement"},
        {"$RedFlag"},
    ]  # and no \Seen on any
    again = label_in_mailbox(store, settings)
    # Our own writes come back from CHANGEDSINCE, and are recognised as ours.
    assert (again.labelled, again.corrections, again.refused) == (0, 0, 0)
    with store.session() as s:
        assert s.scalar(select(FolderModseq.highest_modseq)) is not None
    assert all("\\Seen" not in imap_account.flags("INBOX", uid) for uid in uids)


@pytest.mark.parametrize("way", ["condstore", "recent window"])
def test_a_keyword_changed_in_another_client_comes_back_as_a_correction(
    imap_account: Any, tmp_path: Path, message: Any, way: str
) -> None:
    settings, store, uids, pks = _triaged(
        imap_account, tmp_path, message, [_result("out_of_scope", needs_judgement=True), _result("in_scope")]
    )
    label_in_mailbox(store, settings)
    _change_flags(imap_account, uids[0], remove="$ScopeOut", add="$ScopeIn")
    if way == "recent window":  # as on a server without CONDSTORE: no mod-sequence to start from
        with store.session() as s:
            s.delete(s.get(FolderModseq, settings.imap_source_key()))

    report = label_in_mailbox(store, settings)
    assert (report.corrections, report.refused, report.error) == (1, 0, None)
    with store.session() as s:
        triage = s.scalar(select(TriageResult).where(TriageResult.message_pk == pks[0]))
        [correction] = s.scalars(select(Correction)).all()
    assert triage.label == "in_scope" and triage.result["corrected_by"] == f"mailbox:{imap_account.user}@127.0.0.1"
    assert (correction.message_pk, correction.label, correction.actor) == (
        pks[0],
        "in_scope",
        f"mailbox:{imap_account.user}@127.0.0.1",
    )
    [event] = [e for e in store.audit_trail("message") if e.action == "triage.relabel"]
    assert event.actor == f"mailbox:{imap_account.user}@127.0.0.1" and "$ScopeOut → $ScopeIn" in event.detail["reason"]
    # The judgement was given: the mailbox drops $NeedsJudgement; the other message is untouched.
    assert imap_account.flags("INBOX", uids[0]) == {"$ScopeIn"}
    assert imap_account.flags("INBOX", uids[1]) == {"$ScopeIn"}

    quiet = label_in_mailbox(store, settings)
    assert (quiet.corrections, quiet.labelled) == (0, 0)
    assert len(store.audit_trail("message")) == 1


def test_a_red_flag_set_in_the_client_without_a_category_is_not_taken_nor_undone(
    imap_account: Any, tmp_path: Path, message: Any
) -> None:
    settings, store, uids, pks = _triaged(imap_account, tmp_path, message, [_result("out_of_scope")])
    label_in_mailbox(store, settings)
    _change_flags(imap_account, uids[0], remove="$ScopeOut", add="$RedFlag")
    report = label_in_mailbox(store, settings)
    assert (report.corrections, report.refused) == (0, 1)
    [event] = store.audit_trail("message")
    assert event.action == "mailbox.change_refused" and "category" in event.detail["why"]
    with store.session() as s:
        assert s.scalar(select(TriageResult.label)) == "out_of_scope"
    assert imap_account.flags("INBOX", uids[0]) == {"$RedFlag"}  # the user's keyword stays
    assert label_in_mailbox(store, settings).refused == 0  # said once


def test_a_relabel_updates_the_keyword_and_does_not_come_back(
    imap_account: Any, tmp_path: Path, message: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, store, uids, pks = _triaged(imap_account, tmp_path, message, [_result("in_scope")])
    label_in_mailbox(store, settings)
    for name, value in {
        "ASSISTANT_HOME": str(tmp_path),
        "ASSISTANT_IMAP_HOST": imap_account.host,
        "ASSISTANT_IMAP_PORT": str(imap_account.port),
        "ASSISTANT_IMAP_USER": imap_account.user,
        "ASSISTANT_IMAP_PASSWORD": imap_account.password,
        "ASSISTANT_IMAP_SECURITY": "none",
    }.items():
        monkeypatch.setenv(name, value)
    record_correction(store, pks[0], "red_flag", ["discount_pressure"], "they want it for free", "anna")
    report = update_mailbox_label(load_settings(), store, pks[0])
    assert report is not None and (report.labelled, report.error) == (1, None)
    assert imap_account.flags("INBOX", uids[0]) == {"$RedFlag"}
    assert label_in_mailbox(store, settings).corrections == 0  # our write is not a correction


def test_a_message_whose_uidvalidity_changed_is_skipped_and_recorded(
    imap_account: Any, tmp_path: Path, message: Any
) -> None:
    settings, store, uids, pks = _triaged(imap_account, tmp_path, message, [_result("out_of_scope")])
    imap_account.set_uidvalidity("INBOX", imap_account.uidvalidity("INBOX") + 1000)
    report = label_in_mailbox(store, settings)
    assert (report.labelled, report.skipped, report.failed) == (0, 1, 0)
    with store.session() as s:
        row = s.get(MailboxLabel, pks[0])
    assert row.status == "skipped" and "UIDVALIDITY changed" in row.detail
    assert imap_account.flags("INBOX", uids[0]) == set()
    assert label_in_mailbox(store, settings).skipped == 0  # recorded once, not tried again


def test_folders_get_a_copy_and_a_relabel_moves_the_copy(imap_account: Any, tmp_path: Path, message: Any) -> None:
    settings, store, uids, pks = _triaged(
        imap_account, tmp_path, message, [_result("out_of_scope")], mailbox_labels="folders"
    )
    report = label_in_mailbox(store, settings)
    assert (report.method, report.labelled, report.error) == ("folders", 1, None)
    [copy] = imap_account.uids("Scope/Out of scope")
    assert imap_account.message("Scope/Out of scope", copy)["Subject"] == "Message 0"
    assert imap_account.uids("INBOX") == uids and imap_account.flags("INBOX", uids[0]) == set()  # not moved, not read

    record_correction(store, pks[0], "in_scope", [], "it is in the SOW", "anna")
    assert label_in_mailbox(store, settings).labelled == 1
    assert imap_account.uids("Scope/Out of scope") == []
    assert len(imap_account.uids("Scope/In scope")) == 1
    assert imap_account.uids("INBOX") == uids and imap_account.flags("INBOX", uids[0]) == set()


def test_auto_without_keywords_or_folders_writes_nothing_and_says_why(
    imap_account: Any, tmp_path: Path, message: Any
) -> None:
    settings, store, uids, _pks = _triaged(
        imap_account, tmp_path, message, [_result("in_scope")], mailbox_labels="gmail"
    )
    report = label_in_mailbox(store, settings)
    assert report.method is None and "X-GM-EXT-1" in (report.error or "")
    assert imap_account.flags("INBOX", uids[0]) == set()
    off = label_in_mailbox(store, settings.model_copy(update={"mailbox_labels": "off"}))
    assert off.method is None and off.error is None


# -- the command line, end to end -------------------------------------------------------------


def _triage() -> dict[str, Any]:
    result = runner.invoke(app, ["triage", "--once", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_triage_labels_the_message_and_reads_a_change_in_the_mail_client(cli_env: Any, tmp_path: Path) -> None:
    _ingest_workspace(tmp_path)
    uid = cli_env.append("INBOX", DANISH_LATIN1)
    first = _triage()
    assert first["mailbox_labels"]["method"] == "keywords" and first["mailbox_labels"]["labelled"] == 1
    [draft] = json.loads(runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False).stdout)
    assert draft["label"] == "out_of_scope"
    assert "$ScopeOut" in cli_env.flags("INBOX", uid) and "\\Seen" not in cli_env.flags("INBOX", uid)

    _change_flags(cli_env, uid, remove="$ScopeOut", add="$ScopeIn")
    second = _triage()
    assert second["mailbox_labels"]["corrections"] == 1
    [draft] = json.loads(runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False).stdout)
    assert draft["label"] == "in_scope"
    store = Store(load_settings().db_url)
    [event] = [e for e in store.audit_trail("message") if e.action == "triage.relabel"]
    assert event.actor == f"mailbox:{cli_env.user}@127.0.0.1"
    assert "$ScopeIn" in cli_env.flags("INBOX", uid) and "\\Seen" not in cli_env.flags("INBOX", uid)
    with contextlib.closing(store):
        assert _triage()["mailbox_labels"]["corrections"] == 0


def test_mailboxes_check_says_which_labels_are_used(cli_env: Any) -> None:
    result = runner.invoke(app, ["mailboxes", "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "labels: keywords" in result.stdout and "$ScopeIn" in result.stdout


def test_a_relabel_on_the_review_page_changes_the_keyword(imap_account: Any, tmp_path: Path, message: Any) -> None:
    from fastapi.testclient import TestClient

    from assistant.review.app import create_app
    from assistant.review.auth import add_user
    from assistant.state import Draft
    from tests.unit.test_review_app import PASSWORD, _csrf, login

    settings, store, uids, pks = _triaged(imap_account, tmp_path, message, [_result("out_of_scope")])
    with store.session() as s:
        draft = Draft(message_pk=pks[0], to_addr="client@example.com", subject="Re: Message 0", body="Hej.")
        s.add(draft)
        s.flush()
        draft_id = draft.id
    label_in_mailbox(store, settings)
    add_user(settings.home, "anna", PASSWORD, name="Anna")
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1")
    login(client)
    token = _csrf(client.get(f"/items/{draft_id}").text)
    r = client.post(
        f"/items/{draft_id}/relabel",
        data={"csrf": token, "label": "in_scope", "reason": "it is in the SOW"},
        follow_redirects=True,
    )
    assert r.status_code == 200 and "not updated" not in r.text
    assert imap_account.flags("INBOX", uids[0]) == {"$ScopeIn"}
    assert label_in_mailbox(store, settings).corrections == 0
