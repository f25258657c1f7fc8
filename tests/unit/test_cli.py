"""The command line, run in-process; every test has its own ASSISTANT_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app, main
from assistant.config import load_settings
from assistant.parse.models import Address, ParsedMessage
from assistant.state import Draft, Message, Store, TriageResult
from tests.fakes.workspace import one_client_workspace

runner = CliRunner()


def _seed(n: int = 2) -> Store:
    store = Store(load_settings().db_url)
    with store.open_session() as s:
        for i in range(n):
            pm = ParsedMessage(
                message_id=f"<m{i}@c.example>", subject=f"Subject {i}", sender=Address(email="c@c.example")
            )
            store.add_message(s, pm, b"raw", source_key="k", location=str(i))
            m = s.scalar(select(Message).where(Message.message_id == pm.message_id))
            m.client_id = "nordlys"
            s.add(TriageResult(message_pk=m.id, label="out_of_scope", engine="test", result={}))
            s.add(Draft(message_pk=m.id, to_addr="c@c.example", subject=f"Re: Subject {i}", body="Hej"))
        s.commit()
    return store


def test_drafts_list_json_has_the_contract_fields() -> None:
    _seed(2)
    runner.invoke(app, ["drafts", "reject", "2"], catch_exceptions=False)
    result = runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False)
    rows = json.loads(result.stdout)
    assert [(r["id"], r["status"]) for r in rows] == [(1, "pending"), (2, "rejected")]
    assert rows[0] == {
        "id": 1,
        "status": "pending",
        "mailbox": None,  # read from no configured mailbox
        "client": "nordlys",
        "label": "out_of_scope",
        "needs_judgement": False,
        "message_id": "<m0@c.example>",
        "subject": "Re: Subject 0",
    }
    pending = json.loads(runner.invoke(app, ["drafts", "list", "--status", "pending", "--json"]).stdout)
    assert [r["id"] for r in pending] == [1]


def test_approve_without_a_mailbox_changes_nothing_and_names_the_fix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _seed(1)
    monkeypatch.setattr("sys.argv", ["assistant", "drafts", "approve", "1"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "ASSISTANT_IMAP_HOST" in err and "Traceback" not in err
    assert store.draft(1).status == "pending"
    assert store.audit_trail() == []


def test_reject_is_recorded_once() -> None:
    store = _seed(1)
    first = runner.invoke(app, ["drafts", "reject", "1"], catch_exceptions=False)
    second = runner.invoke(app, ["drafts", "reject", "1"], catch_exceptions=False)
    assert "rejected" in first.stdout and "already rejected" in second.stdout
    assert [e.action for e in store.audit_trail()] == ["draft.rejected"]


def test_release_leaves_a_pending_draft_alone() -> None:
    store = _seed(1)
    result = runner.invoke(app, ["drafts", "release", "1"], catch_exceptions=False)
    assert result.exit_code == 0 and "is pending, not approving; nothing done" in result.stdout
    assert store.draft(1).status == "pending" and store.audit_trail() == []


def test_serve_without_reviewer_accounts_names_the_fix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.argv", ["assistant", "serve"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    assert "--add-user" in capsys.readouterr().err


def test_triage_from_a_local_folder(tmp_path: Path) -> None:
    from email.message import EmailMessage

    folder = tmp_path / "mail"
    folder.mkdir()
    m = EmailMessage()
    m["From"] = "Mette Holm <mette@nordlys.example>"
    m["Subject"] = "Hej"
    m["Message-ID"] = "<x1@nordlys.example>"
    m.set_content("Kan vi flytte mødet til torsdag?")
    (folder / "1.eml").write_bytes(m.as_bytes())
    result = runner.invoke(app, ["triage", "--once", "--maildir", str(folder), "--json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert (report["sync"]["fetched"], report["sync"]["new"]) == (1, 1)
    assert (report["triage"]["engine"], report["triage"]["skipped_unknown_sender"]) == ("offline", 1)  # no clients yet
    again = json.loads(runner.invoke(app, ["triage", "--maildir", str(folder), "--json"]).stdout)
    assert (again["sync"]["new"], again["sync"]["duplicates"]) == (0, 1)
    [stored] = Store(load_settings().db_url).messages()
    assert stored.new_text == "Kan vi flytte mødet til torsdag?"


def test_ingest_workspace_then_one_document_then_clients_list(tmp_path: Path) -> None:
    ws = one_client_workspace(tmp_path / "ws", "# SOW\n\n## Not included\n- Logo design.\n")
    first = runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False)
    assert "1 added" in first.stdout
    note = tmp_path / "2026-03-01-call.md"
    note.write_text("- Agreed: a new landing page is quoted separately.\n")
    missing_kind = runner.invoke(app, ["ingest", "--client", "nordlys", str(note)])
    assert missing_kind.exit_code != 0 and "--kind" in str(missing_kind.exception)
    added = runner.invoke(
        app, ["ingest", "--client", "nordlys", "--kind", "call_notes", str(note)], catch_exceptions=False
    )
    assert "1 added" in added.stdout
    rows = json.loads(runner.invoke(app, ["clients", "list", "--json"], catch_exceptions=False).stdout)
    assert rows == [
        {
            "id": "nordlys",
            "name": "Nordlys",
            "account_manager": "anna@fjordlight.example",
            "domains": ["nordlys.example"],
            "contacts": [],
            "documents": 2,
        }
    ]


def test_triage_resolves_clients_after_ingest(tmp_path: Path) -> None:
    from email.message import EmailMessage

    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "clients.json").write_text(
        json.dumps(
            {
                "agency": {"domains": ["fjordlight.example"]},
                "clients": [{"id": "nordlys", "domains": ["nordlys.example"], "documents": []}],
            }
        )
    )
    runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False)
    folder = tmp_path / "mail"
    folder.mkdir()
    for i, sender in enumerate(["mette@nordlys.example", "anna@fjordlight.example", "who@else.example"]):
        m = EmailMessage()
        m["From"], m["Subject"], m["Message-ID"] = sender, "Hi", f"<r{i}@x.example>"
        m.set_content("Hello")
        (folder / f"{i}.eml").write_bytes(m.as_bytes())
    runner.invoke(app, ["triage", "--maildir", str(folder)], catch_exceptions=False)
    got = {m.sender_email: (m.client_id, m.client_match) for m in Store(load_settings().db_url).messages()}
    assert got == {
        "mette@nordlys.example": ("nordlys", "domain"),
        "anna@fjordlight.example": (None, "agency"),
        "who@else.example": (None, "unknown"),
    }


def test_edit_draft_through_editor_is_audited(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store = _seed(1)
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\nsed -i 's/Hej/Hej Mette, tak for din mail./' \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    result = runner.invoke(app, ["drafts", "edit", "1"], catch_exceptions=False)
    assert "Draft 1 saved." in result.stdout
    assert store.draft(1).body == "Hej Mette, tak for din mail.\n"
    assert [e.action for e in store.audit_trail("draft", "1")] == ["draft.edited"]
    runner.invoke(app, ["drafts", "reject", "1"], catch_exceptions=False)
    refused = runner.invoke(app, ["drafts", "edit", "1"])
    assert refused.exit_code != 0 and "only pending" in str(refused.exception)


def test_client_text_that_looks_like_terminal_markup_is_printed_as_is() -> None:
    store = Store(load_settings().db_url)
    hostile = "Offer [/x] 50% [bold red]NOW[/bold red] [link=http://evil.example]click[/link]"
    with store.open_session() as s:
        pm = ParsedMessage(
            message_id="<h@c.example>", subject=hostile, sender=Address(email="c@c.example"), new_text=hostile
        )
        store.add_message(s, pm, b"raw", source_key="k", location="1")
        m = s.scalar(select(Message))
        s.add(Draft(message_pk=m.id, to_addr="c@c.example", subject="Re: " + hostile, body="[/y] " + hostile))
        s.commit()
    listed = runner.invoke(app, ["drafts", "list"], catch_exceptions=False, env={"COLUMNS": "400"})
    shown = runner.invoke(app, ["drafts", "show", "1"], catch_exceptions=False, env={"COLUMNS": "400"})
    assert listed.exit_code == shown.exit_code == 0
    assert hostile in listed.stdout
    assert f"Subject: Re: {hostile}" in shown.stdout and f"[/y] {hostile}" in shown.stdout


def test_watch_logs_a_failed_digest_in_one_line_and_keeps_watching(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from assistant.mailin import MailSource
    from assistant.state import Client

    class Empty(MailSource):
        key = "fake://INBOX"

        def fetch_new(self, cursor: object, since: object = None) -> list[object]:
            return []

    syncs: list[int] = []

    def two_syncs(connect: object, sync: object, stop: object, idle_seconds: float, **_backoff: float) -> None:
        for _ in range(2):  # the first sync and the one after the next IDLE
            syncs.append(sync(Empty()))  # type: ignore[operator]

    for name, value in {
        "IMAP_HOST": "imap.example.com",
        "IMAP_USER": "anna@agency.example",
        "IMAP_PASSWORD": "pw",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": "9",
        "SMTP_SECURITY": "none",  # nothing listens on 9
        "SMTP_FROM": "digest@agency.example",
        "DIGEST_TIME": "00:00",
    }.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)
    monkeypatch.setattr("assistant.intake.run_watch", two_syncs)
    monkeypatch.setattr("assistant.cli._vectors", lambda settings, store: None)
    with Store(load_settings().db_url).session() as s:
        s.add(Client(id="nordlys", name="Nordlys", account_manager="anna@agency.example"))
    with caplog.at_level("WARNING"):
        result = runner.invoke(app, ["watch", "--engine", "offline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert syncs == [0, 0] and "Stopped." in result.stdout
    failures = [r.getMessage() for r in caplog.records if "digest" in r.getMessage()]
    assert len(failures) == 2 and all("\n" not in f and "ASSISTANT_SMTP_HOST" in f for f in failures)


def test_a_message_the_parser_fails_on_is_quarantined_counted_and_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from email.message import EmailMessage

    folder = tmp_path / "mail"
    folder.mkdir()
    for n in (1, 2):
        m = EmailMessage()
        m["From"], m["Subject"], m["Message-ID"] = "mette@nordlys.example", f"Hej {n}", f"<q{n}@nordlys.example>"
        m.set_content(f"Besked {n}")
        (folder / f"{n}.eml").write_bytes(m.as_bytes())
    from assistant.parse import parser

    real = parser._parse

    def fails_on_the_second(raw: bytes) -> ParsedMessage:
        if b"Hej 2" in raw:
            raise ValueError("our own bug")
        return real(raw)

    monkeypatch.setattr(parser, "_parse", fails_on_the_second)
    result = runner.invoke(app, ["triage", "--maildir", str(folder)], catch_exceptions=False, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "1 message(s) could not be read, parsed or stored and were quarantined" in result.stdout
    assert "1 message(s) from unknown senders" in result.stdout  # the other one: not mistaken for a stranger's mail
    listed = json.loads(runner.invoke(app, ["quarantine", "list", "--json"], catch_exceptions=False).stdout)
    [row] = listed
    assert row["location"] == str(folder / "2.eml") and row["reason"].startswith("ValueError: our own bug")
    assert (row["stage"], row["stored"]) == ("parse", True)
    table = runner.invoke(app, ["quarantine", "list"], catch_exceptions=False, env={"COLUMNS": "300"}).stdout
    assert "ValueError: our own bug" in table and "2.eml" in table
    again = runner.invoke(app, ["triage", "--maildir", str(folder), "--json"], catch_exceptions=False)
    assert json.loads(again.stdout)["sync"]["duplicates"] == 2  # kept once, like any message


def test_a_vector_store_setting_error_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The vector store raises its own errors (it imports nothing of the assistant); the CLI
    # prints them as it prints its own: one line, the setting to fix, no traceback.
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "bogus-model")
    monkeypatch.setattr(
        "sys.argv", ["assistant", "ingest", str(Path(__file__).parents[2] / "assistant/demo/workspace")]
    )
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err.strip()
    assert exit_.value.code == 1
    assert err.count("\n") == 0 and "unknown embedding model" in err and "ASSISTANT_EMBEDDING" in err


def _workspace_and_mail(tmp_path: Path) -> Path:
    """A one-client workspace (ingested) and a folder of three client messages; returns the folder."""
    from email.message import EmailMessage

    ws = tmp_path / "ws"
    (ws / "docs").mkdir(parents=True)
    (ws / "docs" / "sow.md").write_text(
        "# SOW\n\n## Included\n- Four Instagram posts a month.\n\n## Not included\n- Logo design.\n"
    )
    (ws / "clients.json").write_text(
        json.dumps(
            {
                "agency": {"domains": ["fjordlight.example"]},
                "clients": [
                    {
                        "id": "nordlys",
                        "domains": ["nordlys.example"],
                        "documents": [{"path": "docs/sow.md", "kind": "scope", "date": "2026-01-20"}],
                    }
                ],
            }
        )
    )
    runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False)
    folder = tmp_path / "mail"
    folder.mkdir()
    for i, (subject, text) in enumerate(
        [
            ("Logo", "Could you also design a new logo for us?"),
            ("Posts", "When are this month's four Instagram posts going out?"),
            ("Invoice", "We will pay the March invoice late."),
        ]
    ):
        m = EmailMessage()
        m["From"], m["Subject"], m["Message-ID"] = "mette@nordlys.example", subject, f"<t{i}@nordlys.example>"
        m.set_content(text)
        (folder / f"{i}.eml").write_bytes(m.as_bytes())
    return folder


def test_triage_prints_each_outcome_and_counts_every_pending_draft(tmp_path: Path) -> None:
    folder = _workspace_and_mail(tmp_path)
    first = runner.invoke(app, ["triage", "--maildir", str(folder)], catch_exceptions=False, env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    store = Store(load_settings().db_url)
    triaged = [m for m in store.messages() if m.triage]
    pending = store.drafts("pending")
    assert len(triaged) == 3 and pending
    for m in triaged:  # one row per message: client, subject, label, confidence, draft id
        row = next(line for line in first.stdout.splitlines() if f" {m.subject} " in line)
        assert "nordlys" in row and m.triage.label in row and f"{m.triage.confidence:.2f}" in row
        assert (str(m.draft.id) if m.draft else "no reply needed") in row
    assert f"{len(pending)} drafts waiting for approval" in first.stdout
    # A re-run reads nothing new, and still says what waits for approval.
    again = runner.invoke(app, ["triage", "--maildir", str(folder)], catch_exceptions=False)
    assert f"{len(pending)} drafts waiting for approval" in again.stdout
    report = json.loads(runner.invoke(app, ["triage", "--maildir", str(folder), "--json"]).stdout)
    assert report["drafts_pending"] == len(pending) and report["messages"] == []


def test_triage_json_has_a_row_per_message(tmp_path: Path) -> None:
    folder = _workspace_and_mail(tmp_path)
    report = json.loads(runner.invoke(app, ["triage", "--maildir", str(folder), "--json"]).stdout)
    store = Store(load_settings().db_url)
    by_id = {m.message_id: m for m in store.messages()}
    assert len(report["messages"]) == 3
    for row in report["messages"]:
        m = by_id[row["message_id"]]
        assert row == {
            "message_id": m.message_id,
            "mailbox": None,  # a Maildir is no configured mailbox
            "client": "nordlys",
            "subject": m.subject,
            "label": m.triage.label,
            "confidence": m.triage.confidence,
            "needs_judgement": bool(m.triage.result.get("needs_judgement")),
            "draft_id": m.draft.id if m.draft else None,
            "no_draft_reason": None,
        }
    assert report["drafts_pending"] == len(store.drafts("pending"))


def _all_commands(cmd: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    for name, sub in getattr(cmd, "commands", {}).items():
        paths += _all_commands(sub, (*path, name))
    return paths


def test_boolean_options_are_shown_and_taken_as_flags() -> None:
    import typer.main

    for path in _all_commands(typer.main.get_command(app)):
        shown = runner.invoke(app, [*path, "--help"], catch_exceptions=False, env={"COLUMNS": "200"}).stdout
        assert "<bool>" not in shown, f"assistant {' '.join(path)} --help: {shown}"
    _seed(1)
    rows = json.loads(runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False).stdout)
    assert [r["id"] for r in rows] == [1]


def test_drafts_help_names_every_drafts_command_and_triage_once_says_what_it_does() -> None:
    drafts = runner.invoke(app, ["drafts", "--help"], env={"COLUMNS": "200"}).stdout
    summary = next(line for line in drafts.splitlines() if "Review drafted replies" in line)
    for name in ("list", "show", "approve", "edit", "reject", "release"):
        assert name in summary
    triage = " ".join(runner.invoke(app, ["triage", "--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "One pass: read new mail, triage it and draft replies, then exit" in triage


def test_serve_on_a_port_in_use_is_one_line_naming_port(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from assistant.review.auth import add_user

    add_user(load_settings().home, "anna", "a long enough password")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr("sys.argv", ["assistant", "serve", "--port", str(port)])
        with pytest.raises(SystemExit) as exit_:
            main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"port {port}" in err and "--port" in err


def test_drafts_show_says_what_triage_made_of_the_message() -> None:
    store = _seed(2)
    clause = {"text": "Logo design is not included.", "title": "SOW", "date": "2026-01-20", "excluded": True}
    with store.session() as s:
        results = s.scalars(select(TriageResult).order_by(TriageResult.id)).all()
        results[0].engine, results[0].confidence = "offline", 0.42
        results[0].result = {
            "label": "out_of_scope",
            "red_flags": ["new_deliverable"],
            "confidence": 0.42,
            "engine": "offline",
            "fallback_reason": "llm endpoint timed out",
            "needs_judgement": True,
            "requests": [
                {"text": "design a new logo", "verdict": "excluded", "evidence": clause},
                {"text": "a third round", "verdict": "beyond_limit", "requested": "3rd round", "allowed": "2 rounds"},
            ],
            "evidence": [{"text": "Four Instagram posts a month.", "title": "SOW"}],
        }
        results[1].result = {"requests": ["an old plain request"], "red_flags": []}
    first = runner.invoke(app, ["drafts", "show", "1"], catch_exceptions=False, env={"COLUMNS": "400"})
    assert first.exit_code == 0, first.output
    out = first.stdout
    assert "Label: out_of_scope (needs your judgement)" in out
    assert "Red flags: new_deliverable" in out and "Confidence: 0.42" in out
    assert "Engine: offline" in out and "Fallback: llm endpoint timed out" in out
    assert "- design a new logo: excluded" in out
    assert "Logo design is not included." in out and "[SOW, 2026-01-20 · not included]" in out
    assert "- a third round: beyond_limit (requested 3rd round, allowed 2 rounds)" in out
    assert "Four Instagram posts a month." in out
    second = runner.invoke(app, ["drafts", "show", "2"], catch_exceptions=False, env={"COLUMNS": "400"})
    assert second.exit_code == 0, second.output
    assert "Label: out_of_scope\n" in second.stdout and "Red flags: none" in second.stdout
    assert "- an old plain request" in second.stdout and "Fallback" not in second.stdout


def _llm_answer(request: object) -> object:
    from tests.fakes.openai_server import Reply

    return Reply.chat(
        {
            "requests": [
                {
                    "text": "see message",
                    "verdict": "not_covered",
                    "evidence_id": 1,
                    "requested": "",
                    "allowed": "",
                    "used": "",
                }
            ],
            "evidence_ids": [],
            "rationale": "scripted",
            "needs_judgement": False,
            "label": "out_of_scope",
            "red_flags": [],
            "confidence": 0.9,
            "reply_needed": True,
            "language": "en",
            "draft": {"subject": "Re: x", "body": "Hello,\n\nThank you for your email.\n\nBest regards\nAnna"},
        }
    )


def test_retry_fallbacks_asks_the_llm_again_and_keeps_what_a_person_touched(tmp_path: Path) -> None:
    from tests.fakes.openai_server import Reply, ScriptedOpenAIServer

    folder = _workspace_and_mail(tmp_path)
    env = {"ASSISTANT_LLM_MODEL": "fake-model", "ASSISTANT_LLM_MAX_RETRIES": "0", "COLUMNS": "200"}
    with ScriptedOpenAIServer(default=Reply.error(400, "endpoint down")) as down:
        first = runner.invoke(
            app,
            ["triage", "--maildir", str(folder)],
            catch_exceptions=False,
            env=env | {"OPENAI_BASE_URL": down.base_url},
        )
    assert first.exit_code == 0, first.output
    store = Store(load_settings().db_url)
    messages = store.messages()
    assert all(m.triage.engine == "offline" and m.triage.result["fallback_reason"] for m in messages)
    drafted = [m for m in messages if m.draft]
    assert len(drafted) >= 2, [m.triage.label for m in messages]
    edited, rejected = drafted[0], drafted[1]
    store.edit_draft(edited.draft.id, "My own words.\n", actor="anna")
    store.set_draft_status(rejected.draft.id, "rejected", actor="anna")
    with ScriptedOpenAIServer(responder=_llm_answer) as up:
        args = ["triage", "--maildir", str(folder), "--retry-fallbacks", "--json"]
        again = runner.invoke(app, args, catch_exceptions=False, env=env | {"OPENAI_BASE_URL": up.base_url})
        assert again.exit_code == 0, again.output
        report = json.loads(again.stdout)
        retried = {m.message_id for m in messages} - {edited.message_id, rejected.message_id}
        assert set(report["retried"]) == retried and len(up.chat_requests()) == len(retried)
        after = {m.message_id: m for m in store.messages()}
        for message_id in retried:
            assert after[message_id].triage.engine == "llm:fake-model"
            assert after[message_id].triage.result.get("fallback_reason") is None
        for kept in (edited, rejected):  # a person acted on these: result and draft untouched
            m = after[kept.message_id]
            assert m.triage.engine == "offline" and m.draft.id == kept.draft.id
        assert after[edited.message_id].draft.body == "My own words.\n"
        assert after[rejected.message_id].draft.status == "rejected"
        # A re-run finds nothing left to retry and asks the LLM nothing.
        calls = len(up.chat_requests())
        third = runner.invoke(app, args, catch_exceptions=False, env=env | {"OPENAI_BASE_URL": up.base_url})
        assert json.loads(third.stdout)["retried"] == [] and len(up.chat_requests()) == calls
    offline = runner.invoke(app, ["triage", "--maildir", str(folder), "--engine", "offline", "--retry-fallbacks"])
    assert offline.exit_code != 0 and "needs the llm engine" in str(offline.exception)


def test_triage_keeps_its_state_in_postgresql(
    tmp_path: Path, postgres_server: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", postgres_server.new_database())
    folder = _workspace_and_mail(tmp_path)
    report = json.loads(runner.invoke(app, ["triage", "--maildir", str(folder), "--json"]).stdout)
    store = Store(load_settings().db_url)
    assert store.engine.dialect.name == "postgresql"
    assert sorted(m.message_id for m in store.messages() if m.triage) == sorted(
        r["message_id"] for r in report["messages"]
    )
    assert len(report["messages"]) == 3 and not (load_settings().home / "state.db").exists()
    again = json.loads(runner.invoke(app, ["triage", "--maildir", str(folder), "--json"]).stdout)
    assert again["messages"] == [] and again["drafts_pending"] == report["drafts_pending"]


def test_triage_since_skips_old_mail_and_says_why_answered_mail_has_no_draft(tmp_path: Path) -> None:
    from email.message import EmailMessage

    folder = _workspace_and_mail(tmp_path)
    old = EmailMessage()
    old["From"], old["Subject"], old["Message-ID"] = "mette@nordlys.example", "Old logo", "<old@nordlys.example>"
    old["Date"] = "Tue, 03 Mar 2020 10:00:00 +0000"
    old.set_content("Could you also design a new logo for us?")
    (folder / "old.eml").write_bytes(old.as_bytes())
    reply = EmailMessage()
    reply["From"], reply["Subject"], reply["Message-ID"] = (
        "anna@fjordlight.example",
        "Re: Logo",
        "<r@fjordlight.example>",
    )
    reply["In-Reply-To"], reply["Date"] = "<t0@nordlys.example>", "Fri, 04 Dec 2026 08:00:00 +0000"
    reply.set_content("We will look at it.")
    (folder / "reply.eml").write_bytes(reply.as_bytes())

    first = runner.invoke(
        app, ["triage", "--maildir", str(folder), "--since", "90"], catch_exceptions=False, env={"COLUMNS": "200"}
    )
    assert first.exit_code == 0, first.output
    store = Store(load_settings().db_url)
    assert "<old@nordlys.example>" not in {m.message_id for m in store.messages()}
    row = next(line for line in first.stdout.splitlines() if " Logo " in line)
    assert "no draft: already answered on 2026-12-04" in row
    assert "1 message(s) already answered: labelled, no draft made." in first.stdout
    assert all(d.message.message_id != "<t0@nordlys.example>" for d in store.drafts())

    listed = runner.invoke(app, ["drafts", "list"], catch_exceptions=False, env={"COLUMNS": "200"})
    assert "No draft for Logo from mette@nordlys.example: already answered on 2026-12-04." in listed.stdout

    # The first run's choice holds: asking for everything later does not fetch the old message.
    again = runner.invoke(
        app, ["triage", "--maildir", str(folder), "--since", "all"], catch_exceptions=False, env={"COLUMNS": "200"}
    )
    assert "--since only applies to a first sync" in again.stdout
    assert "<old@nordlys.example>" not in {m.message_id for m in store.messages()}


def test_a_bad_since_is_one_error_naming_since(tmp_path: Path) -> None:
    result = runner.invoke(app, ["triage", "--maildir", str(tmp_path), "--since", "last week"])
    assert result.exit_code != 0 and "--since 'last week' is neither" in str(result.exception)
    assert "--since all" in str(result.exception.fix)  # type: ignore[union-attr]


def test_watch_since_limits_the_first_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, timedelta

    from assistant.mailin import MailSource

    asked: list[object] = []

    class Recording(MailSource):
        key = "fake://INBOX"

        def fetch_new(self, cursor: object, since: object = None) -> list[object]:
            asked.append(since)
            return []

    def one_sync(connect: object, sync: object, stop: object, idle_seconds: float, **_backoff: float) -> None:
        sync(Recording())  # type: ignore[operator]

    for name, value in {
        "IMAP_HOST": "imap.example.com",
        "IMAP_USER": "a@agency.example",
        "IMAP_PASSWORD": "pw",
    }.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)
    monkeypatch.setattr("assistant.intake.run_watch", one_sync)
    monkeypatch.setattr("assistant.cli._vectors", lambda settings, store: None)
    result = runner.invoke(app, ["watch", "--engine", "offline", "--since", "7"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert asked == [date.today() - timedelta(days=7)]
