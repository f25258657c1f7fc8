"""The command line against a real Dovecot: triage (mail in → parse → state) and approval
(state → mailout → APPEND to \\Drafts)."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.state import Draft, Message, Store

pytestmark = pytest.mark.live

runner = CliRunner()

DANISH_LATIN1 = (
    b"From: =?iso-8859-1?q?Mette_S=F8rensen?= <mette@cykelhuset.example>\r\n"
    b"To: anna@fjordlight.example\r\n"
    b"Subject: =?iso-8859-1?q?Nyt_logo_til_forsiden=3F?=\r\n"
    b"Message-ID: <dk-1@cykelhuset.example>\r\n"
    b"Date: Tue, 03 Mar 2026 09:00:00 +0100\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=iso-8859-1\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Hej Anna,\r\nkan I lige hurtigt lave et nyt logo? Gerne i gr=F8n.\r\n"
)


def _triage_full() -> dict[str, Any]:
    result = runner.invoke(app, ["triage", "--once", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _triage() -> dict[str, Any]:
    return _triage_full()["sync"]


def test_triage_syncs_incrementally_without_seen_or_duplicates(cli_env: Any, message: Any) -> None:
    uids = [cli_env.append("INBOX", DANISH_LATIN1), cli_env.append("INBOX", message("Status call Tuesday"))]
    first = _triage()
    assert (first["fetched"], first["new"]) == (2, 2)
    assert all("\\Seen" not in cli_env.flags("INBOX", uid) for uid in uids)

    store = Store(load_settings().db_url)
    [danish] = [m for m in store.messages() if m.message_id == "<dk-1@cykelhuset.example>"]
    assert (danish.sender_name, danish.subject) == ("Mette Sørensen", "Nyt logo til forsiden?")
    assert danish.new_text == "Hej Anna,\nkan I lige hurtigt lave et nyt logo? Gerne i grøn."

    assert _triage()["fetched"] == 0  # nothing new: nothing fetched
    cli_env.append("INBOX", message("One more"))
    assert (_triage()["new"]) == 1

    cli_env.set_uidvalidity("INBOX", cli_env.uidvalidity("INBOX") + 1000)
    renumbered = _triage()
    assert (renumbered["fetched"], renumbered["new"], renumbered["duplicates"]) == (3, 0, 3)
    assert store.count_messages() == 3


def test_approve_appends_a_threaded_draft_once(cli_env: Any, message: Any) -> None:
    cli_env.append("INBOX", DANISH_LATIN1)
    _triage()
    store = Store(load_settings().db_url)
    with store.open_session() as s:  # the drafting engine arrives later; a draft as it would make it
        m = s.scalar(select(Message))
        s.add(
            Draft(
                message_pk=m.id,
                to_addr=m.sender_email,
                subject="Re: Nyt logo til forsiden?",
                body="Hej Mette,\nTak for din mail. Logodesign er ikke en del af aftalen.",
            )
        )
        s.commit()

    first = runner.invoke(app, ["drafts", "approve", "1"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["drafts", "approve", "1"], catch_exceptions=False)
    assert "already approved" in second.stdout

    [uid] = cli_env.uids("Drafts")
    assert "\\Draft" in cli_env.flags("Drafts", uid)
    reply = cli_env.message("Drafts", uid)
    assert reply["In-Reply-To"] == "<dk-1@cykelhuset.example>"
    assert "<dk-1@cykelhuset.example>" in reply["References"]
    assert reply["To"] == "mette@cykelhuset.example"
    assert reply["Subject"] == "Re: Nyt logo til forsiden?"
    assert "Logodesign er ikke en del af aftalen." in reply.get_content()

    assert store.draft(1).status == "approved"
    claim, event = store.audit_trail("draft", "1")
    assert claim.action == "draft.approving" and claim.detail["purpose"] == "append"
    assert event.action == "draft.approved" and event.detail["appended_to"] == "Drafts"
    assert re.fullmatch(r"\d+", str(event.detail["uid"]))
    assert cli_env.uids("INBOX") and all("\\Seen" not in cli_env.flags("INBOX", u) for u in cli_env.uids("INBOX"))


def test_wrong_password_is_one_line_naming_the_fix(cli_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    monkeypatch.setenv("ASSISTANT_IMAP_PASSWORD", "wrong")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "triage", "--once"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "ASSISTANT_IMAP_PASSWORD" in proc.stderr
    assert "Traceback" not in proc.stderr and "wrong" not in proc.stderr.replace("wrong password", "")


WORKSPACE = {
    "agency": {"name": "Fjordlight Digital", "domains": ["fjordlight.example"]},
    "clients": [
        {
            "id": "cykelhuset",
            "name": "Cykelhuset",
            "domains": ["cykelhuset.example"],
            "account_manager": "anna@fjordlight.example",
            "documents": [{"path": "sow.md", "kind": "scope", "title": "Samarbejdsaftale", "date": "2026-01-20"}],
        }
    ],
}
SOW = """# Samarbejdsaftale

## Leverancer
- 4 blogartikler pr. måned.

## Ikke inkluderet
- Logo, grafisk design og visuel identitet.

## Økonomi
- Ekstra arbejde faktureres med 950 kr. pr. time efter en skriftlig ændringsanmodning.
"""


def _ingest_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "clients.json").write_text(json.dumps(WORKSPACE))
    (ws / "sow.md").write_text(SOW, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False).exit_code == 0


def test_offline_triage_then_approval_lands_a_threaded_draft_and_rerun_adds_nothing(
    cli_env: Any, tmp_path: Path
) -> None:
    _ingest_workspace(tmp_path)
    cli_env.append("INBOX", DANISH_LATIN1)

    first = _triage_full()
    assert first["triage"]["engine"] == "offline" and first["triage"]["triaged"] == 1
    drafts = json.loads(runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False).stdout)
    [draft] = drafts
    assert (draft["client"], draft["label"], draft["status"]) == ("cykelhuset", "out_of_scope", "pending")
    assert cli_env.uids("Drafts") == []  # nothing reaches the mailbox before approval

    again = _triage_full()
    assert again["sync"]["fetched"] == 0 and again["triage"]["triaged"] == 0
    assert len(json.loads(runner.invoke(app, ["drafts", "list", "--json"]).stdout)) == 1

    assert runner.invoke(app, ["drafts", "approve", str(draft["id"])], catch_exceptions=False).exit_code == 0
    [uid] = cli_env.uids("Drafts")
    reply = cli_env.message("Drafts", uid)
    assert reply["In-Reply-To"] == "<dk-1@cykelhuset.example>"
    assert reply["Subject"] == "Re: Nyt logo til forsiden?"
    body = reply.get_content()
    assert "Hej Mette" in body and "Logo, grafisk design og visuel identitet." in body and "950 kr. pr. time" in body


def _seed_draft() -> Store:
    store = Store(load_settings().db_url)
    with store.open_session() as s:
        m = s.scalar(select(Message))
        s.add(
            Draft(
                message_pk=m.id,
                to_addr=m.sender_email,
                subject="Re: Nyt logo til forsiden?",
                body="Hej Mette,\nLogodesign er ikke en del af aftalen.",
            )
        )
        s.commit()
    return store


def test_approve_and_send_goes_over_smtp_and_files_a_copy_in_sent(
    cli_env: Any, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, handler = smtp_server
    cli_env.create_folder("Sent")
    cli_env.append("INBOX", DANISH_LATIN1)
    _triage()
    store = _seed_draft()
    monkeypatch.setenv("ASSISTANT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_SMTP_PORT", str(port))
    monkeypatch.setenv("ASSISTANT_SMTP_SECURITY", "none")
    monkeypatch.setenv("ASSISTANT_SMTP_FROM", "anna@fjordlight.example")

    result = runner.invoke(app, ["drafts", "approve", "1", "--send"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [envelope] = handler.envelopes
    assert (envelope.mail_from, envelope.rcpt_tos) == ("anna@fjordlight.example", ["mette@cykelhuset.example"])
    sent = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert sent["In-Reply-To"] == "<dk-1@cykelhuset.example>" and "Logodesign" in sent.get_content()
    assert store.draft(1).status == "sent"
    assert [e.action for e in store.audit_trail("draft", "1")] == [
        "draft.approving",
        "draft.approved",
        "draft.sent",
        "draft.filed",
    ]
    [uid] = cli_env.uids("Sent")
    assert "\\Seen" in cli_env.flags("Sent", uid)
    assert cli_env.uids("Drafts") == []

    again = runner.invoke(app, ["drafts", "approve", "1", "--send"], catch_exceptions=False)
    assert "already sent" in again.stdout and len(handler.envelopes) == 1


def test_send_without_smtp_settings_changes_nothing(cli_env: Any) -> None:
    cli_env.append("INBOX", DANISH_LATIN1)
    _triage()
    store = _seed_draft()
    result = runner.invoke(app, ["drafts", "approve", "1", "--send"])
    assert result.exit_code != 0 and "ASSISTANT_SMTP_HOST" in str(result.exception)
    assert store.draft(1).status == "pending" and cli_env.uids("Drafts") == []


def test_watch_process_labels_and_drafts_mail_as_it_arrives(cli_env: Any, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    _ingest_workspace(tmp_path)
    env = {**os.environ, "ASSISTANT_IMAP_IDLE_SECONDS": "2"}
    log = (tmp_path / "watch.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "watch"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        time.sleep(3)  # connected and idling
        cli_env.append("INBOX", DANISH_LATIN1)
        store = Store(load_settings().db_url)
        deadline = time.monotonic() + 60
        while not store.drafts() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
        [draft] = store.drafts()
        assert draft.message.triage.label == "out_of_scope" and draft.status == "pending"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        log.close()
    output = (tmp_path / "watch.log").read_text()
    assert "with the offline engine" in output and "Triaged 1" in output
    assert "Stopping after the current step" in output and output.rstrip().endswith("Stopped.")  # a graceful stop
    assert cli_env.uids("Drafts") == []  # watching never approves anything


def _client_mail(subject: str, body: str, written: str, extra: str = "") -> tuple[bytes, str]:
    """A message from the client (Cykelhuset) and its Message-ID."""
    import uuid

    msg_id = f"<{uuid.uuid4().hex}@cykelhuset.example>"
    raw = (
        f"From: Mette <mette@cykelhuset.example>\r\nTo: anna@fjordlight.example\r\nSubject: {subject}\r\n"
        f"Message-ID: {msg_id}\r\nDate: {written}\r\n{extra}MIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()
    return raw, msg_id


def test_first_sync_reads_recent_mail_only_and_answered_mail_gets_no_draft(cli_env: Any, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    _ingest_workspace(tmp_path)
    now = datetime.now(UTC)
    ask = "Hej Anna, kan I lave et nyt logo til os? Gerne i grøn."
    years_ago = now - timedelta(days=3 * 365)
    old, old_id = _client_mail("Logo 2023", ask, format_datetime(years_ago))
    flagged, flagged_id = _client_mail("Logo, svaret", ask, format_datetime(now - timedelta(days=5)))
    replied, replied_id = _client_mail("Logo, besvaret fra Sent", ask, format_datetime(now - timedelta(days=4)))
    new, new_id = _client_mail("Nyt logo", ask, format_datetime(now - timedelta(hours=2)))
    uids = [
        cli_env.append("INBOX", old, arrived=years_ago),
        cli_env.append("INBOX", flagged, flags=["\\Answered"], arrived=now - timedelta(days=5)),
        cli_env.append("INBOX", replied, arrived=now - timedelta(days=4)),
        cli_env.append("INBOX", new),
    ]
    answer_day = now - timedelta(days=3)
    cli_env.append(
        "Sent",
        (
            f"From: Anna <anna@fjordlight.example>\r\nTo: mette@cykelhuset.example\r\nSubject: Re: Logo\r\n"
            f"Message-ID: <answer-1@fjordlight.example>\r\nIn-Reply-To: {replied_id}\r\nReferences: {replied_id}\r\n"
            f"Date: {format_datetime(answer_day)}\r\n\r\nHej Mette, det kigger vi på.\r\n"
        ).encode(),
        flags=["\\Seen"],
        arrived=answer_day,
    )

    first = _triage_full()
    assert first["sync"]["since"] == (now.astimezone().date() - timedelta(days=30)).isoformat()
    assert (first["sync"]["fetched"], first["sync"]["new"]) == (3, 3)  # the 2023 message is never fetched
    store = Store(load_settings().db_url)
    assert old_id not in {m.message_id for m in store.messages()}
    rows = {r["message_id"]: r for r in first["messages"]}
    assert set(rows) == {flagged_id, replied_id, new_id}
    assert all(r["label"] == "out_of_scope" for r in rows.values())  # answered mail is still labelled
    assert rows[new_id]["draft_id"] is not None and rows[new_id]["no_draft_reason"] is None
    assert (rows[flagged_id]["draft_id"], rows[flagged_id]["no_draft_reason"]) == (
        None,
        "already answered (marked answered in the mailbox)",
    )
    assert (rows[replied_id]["draft_id"], rows[replied_id]["no_draft_reason"]) == (
        None,
        f"already answered on {answer_day.date().isoformat()}",
    )
    assert first["triage"]["answered"] == 2 and first["triage"]["drafts"] == 1
    assert [d.message.message_id for d in store.drafts()] == [new_id]

    listed = runner.invoke(app, ["drafts", "list"], catch_exceptions=False, env={"COLUMNS": "200"})
    assert "No draft for Logo, svaret from mette@cykelhuset.example: already answered (marked" in listed.stdout
    assert (
        f"No draft for Logo, besvaret fra Sent from mette@cykelhuset.example: already answered on {answer_day.date()}"
        in listed.stdout
    )

    # Anna answers the new one from her own mail program: its pending draft's page says so.
    cli_env.append(
        "Sent",
        (
            f"From: Anna <anna@fjordlight.example>\r\nTo: mette@cykelhuset.example\r\nSubject: Re: Nyt logo\r\n"
            f"Message-ID: <answer-2@fjordlight.example>\r\nIn-Reply-To: {new_id}\r\n"
            f"Date: {format_datetime(now)}\r\n\r\nHej Mette.\r\n"
        ).encode(),
        flags=["\\Seen"],
    )
    _triage_full()
    [draft] = store.drafts()
    shown = runner.invoke(app, ["drafts", "show", str(draft.id)], catch_exceptions=False, env={"COLUMNS": "200"})
    assert f"Reply found: already answered on {now.date().isoformat()}" in shown.stdout

    # Old mail moved into the INBOX later lands past the cursor: the first run's window still holds.
    older, older_id = _client_mail("Endnu ældre", ask, format_datetime(years_ago))
    uids.append(cli_env.append("INBOX", older, arrived=years_ago))
    again = runner.invoke(app, ["triage", "--once", "--json", "--since", "all"], catch_exceptions=False)
    assert json.loads(again.stdout)["sync"]["fetched"] == 0
    assert older_id not in {m.message_id for m in store.messages()}

    for uid in uids:  # nothing was marked read; the flag the mailbox had is still there
        assert "\\Seen" not in cli_env.flags("INBOX", uid)
    assert "\\Answered" in cli_env.flags("INBOX", uids[1]) and cli_env.uids("Drafts") == []


def test_a_sent_folder_that_cannot_be_read_is_a_note_and_triage_goes_on(
    cli_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_IMAP_SENT_FOLDER", "Gesendet")  # no such folder
    cli_env.append("INBOX", DANISH_LATIN1)
    result = runner.invoke(app, ["triage", "--once"], catch_exceptions=False, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "Sent folder not read, so replies sent from this mailbox are not seen" in result.stdout
    assert "ASSISTANT_IMAP_SENT_FOLDER" in result.stdout and "1 fetched, 1 new" in result.stdout
    assert "ASSISTANT_IMAP_SENT_FOLDER" in _triage_full()["sent_folder"]  # --json says it too
