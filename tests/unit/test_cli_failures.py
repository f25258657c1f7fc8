"""Failures through the command line: an LLM endpoint that answers with something else than
chat completions, a full disk, a bug; one line on stderr, the traceback in the log file, the
documented exit code; and ``watch`` asking the endpoint again once it answers."""

from __future__ import annotations

import errno
import json
import re
import sqlite3
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.exc
from typer.testing import CliRunner

from assistant.cli import LOG_FILE, app, main
from assistant.config import load_settings
from assistant.errors import EXIT_BUG, EXIT_ERROR, EXIT_USAGE
from assistant.state import Store
from tests.fakes.openai_server import RecordedRequest, Reply, ScriptedOpenAIServer
from tests.unit.test_cli import _llm_answer, _seed

runner = CliRunner()

TEXTS = [
    ("Logo", "Could you also design a new logo for us?"),
    ("Posts", "When are this month's four Instagram posts going out?"),
    ("Invoice", "We will pay the March invoice late."),
    ("Banner", "Can you make us a banner for the trade fair?"),
    ("Video", "Could you cut a short video for our website as well?"),
]


def _workspace_and_mail(tmp_path: Path, n: int = len(TEXTS)) -> Path:
    """A one-client workspace (ingested) and a folder of ``n`` client messages; returns the folder."""
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
    assert runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False).exit_code == 0
    folder = tmp_path / "mail"
    folder.mkdir()
    for i, (subject, text) in enumerate(TEXTS[:n]):
        m = EmailMessage()
        m["From"], m["Subject"], m["Message-ID"] = "mette@nordlys.example", subject, f"<f{i}@nordlys.example>"
        m.set_content(text)
        (folder / f"{i}.eml").write_bytes(m.as_bytes())
    return folder


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``assistant ARGS`` through main(): (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.argv", ["assistant", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def _llm_env(monkeypatch: pytest.MonkeyPatch, server: ScriptedOpenAIServer) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "fake-model")
    monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("ASSISTANT_LLM_CONCURRENCY", "1")
    monkeypatch.setenv("COLUMNS", "200")


# -- an endpoint that is not an OpenAI-compatible API ------------------------------------


def test_triage_against_a_web_site_stops_in_one_line_naming_openai_base_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _workspace_and_mail(tmp_path, 2)
    with ScriptedOpenAIServer(site=Reply.html()) as site:
        _llm_env(monkeypatch, site)
        code, _, err = _run(monkeypatch, capsys, "triage", "--maildir", str(folder))
        assert site.chat_requests() == []
    assert code == EXIT_ERROR
    line = err.strip()
    assert "\n" not in line and "Traceback" not in err
    assert line.startswith("error: OPENAI_BASE_URL") and "an HTML page" in line
    assert [m.triage for m in Store(load_settings().db_url).messages()] == [None, None]  # nothing stored as done


def test_triage_with_answers_that_are_no_chat_completions_falls_back_and_stops_asking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _workspace_and_mail(tmp_path)
    with ScriptedOpenAIServer(default=Reply.html()) as server:  # GET /models is fine; every chat answer is a page
        _llm_env(monkeypatch, server)
        code, out, err = _run(monkeypatch, capsys, "triage", "--maildir", str(folder), "--json")
        assert len(server.chat_requests()) == 3  # then the breaker: the other two are not asked
    assert code == 0, err
    results = [m.triage.result for m in Store(load_settings().db_url).messages()]
    assert len(results) == len(TEXTS) and all(r["engine"] == "offline" for r in results)
    assert all(r["fallback_kind"] == "bad_response" and r["fallback_reason"] for r in results)
    assert sum("not asked" in r["fallback_reason"] for r in results) == 2
    stopped = [line for line in err.splitlines() if "stopped calling" in line]
    assert len(stopped) == 1 and "check OPENAI_BASE_URL" in stopped[0]
    assert json.loads(out)["llm"]["fallbacks"] == len(TEXTS)


def test_one_malformed_answer_costs_its_message_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _workspace_and_mail(tmp_path)
    bad = {1: Reply.raw(""), 3: Reply.raw('{"id": "x", "choices": [{"index": 0, "mess')}

    def answer(request: RecordedRequest) -> Reply:
        return bad.get(len(server.chat_requests()) - 1) or _llm_answer(request)  # type: ignore[return-value]

    with ScriptedOpenAIServer(responder=answer) as server:
        _llm_env(monkeypatch, server)
        code, _, err = _run(monkeypatch, capsys, "triage", "--maildir", str(folder))
    assert code == 0, err
    engines = [m.triage.engine for m in Store(load_settings().db_url).messages()]
    assert engines == ["llm:fake-model", "offline", "llm:fake-model", "offline", "llm:fake-model"]


# -- one line, the traceback in the log file, the exit code --------------------------------


def _sqlite_full(*args: object, **kwargs: object) -> None:
    raise sqlalchemy.exc.OperationalError(
        "UPDATE drafts SET status=?", ("rejected",), sqlite3.OperationalError("database or disk is full")
    )


def _enospc(*args: object, **kwargs: object) -> None:
    home = load_settings().home
    raise OSError(errno.ENOSPC, "No space left on device", str(home / "state.db-journal"))


@pytest.mark.parametrize("failure", [_sqlite_full, _enospc], ids=["sqlite full", "ENOSPC"])
def test_a_full_disk_is_one_line_naming_assistant_home_with_the_traceback_in_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failure: Callable[..., None]
) -> None:
    store = _seed(1)
    monkeypatch.setattr(Store, "set_draft_status", failure)
    code, _, err = _run(monkeypatch, capsys, "drafts", "reject", "1")
    assert code == EXIT_ERROR == 1
    assert err.count("\n") == 1 and "Traceback" not in err  # exactly one line
    home = load_settings().home
    assert f"ASSISTANT_HOME ({home})" in err and "the disk is full" in err
    assert re.search(r"\d+(\.\d)? (bytes|KB|MB|GB) free there", err)
    log = (home / LOG_FILE).read_text()
    assert "Traceback" in log and "assistant drafts reject 1 failed" in log
    assert ("database or disk is full" in log) or ("No space left on device" in log)
    assert store.draft(1).status == "pending"


def test_an_unexpected_error_is_one_line_pointing_at_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(1)

    def bug(*args: object, **kwargs: object) -> None:
        raise KeyError("status")

    monkeypatch.setattr(Store, "set_draft_status", bug)
    code, _, err = _run(monkeypatch, capsys, "drafts", "reject", "1")
    log = load_settings().home / LOG_FILE
    assert code == EXIT_BUG == 3
    assert err.count("\n") == 1 and f"unexpected error: KeyError: 'status' (a bug: the traceback is in {log}" in err
    assert "Traceback" in log.read_text() and 'raise KeyError("status")' in log.read_text()


def test_a_log_file_that_cannot_be_written_still_leaves_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(1)
    (load_settings().home / "logs").write_text("a file where the log folder should be")
    monkeypatch.setattr(Store, "set_draft_status", _sqlite_full)
    code, _, err = _run(monkeypatch, capsys, "drafts", "reject", "1")
    assert code == EXIT_ERROR and err.count("\n") == 1 and "ASSISTANT_HOME" in err and "Traceback" not in err


def test_a_usage_error_exits_with_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(monkeypatch, capsys, "drafts", "reject")[0] == EXIT_USAGE == 2  # the ID is missing
    assert _run(monkeypatch, capsys, "triage", "--no-such-option")[0] == EXIT_USAGE


def test_a_setting_error_exits_with_1_and_its_traceback_is_logged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(1)
    code, _, err = _run(monkeypatch, capsys, "drafts", "approve", "1")
    assert code == EXIT_ERROR and err.count("\n") == 1 and "ASSISTANT_IMAP_HOST" in err
    assert "ConfigError" in (load_settings().home / LOG_FILE).read_text()


# -- watch asks again once the endpoint answers ----------------------------------------------


def test_watch_triages_fallbacks_again_once_the_endpoint_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.mailin.local import LocalSource

    folder = _workspace_and_mail(tmp_path, 3)
    for name, value in {
        "IMAP_HOST": "imap.example.com",
        "IMAP_USER": "anna@agency.example",
        "IMAP_PASSWORD": "pw",
    }.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)
    monkeypatch.setattr("assistant.label.llm.PROBE_EVERY", 0.0)
    store = Store(load_settings().db_url)
    chats: list[int] = []

    with ScriptedOpenAIServer(responder=_llm_answer, site=Reply.error(503, "down")) as server:
        _llm_env(monkeypatch, server)

        def down_then_up(
            connect: object, sync: Callable[[Any], int], stop: object, idle_seconds: float, **_: Any
        ) -> None:
            sync(LocalSource(folder))  # 1: all three fall back; the third failure stops the calls
            chats.append(len(server.chat_requests()))
            sync(LocalSource(folder))  # 2: still down: the probe fails, nothing is reset
            chats.append(len(server.chat_requests()))
            first = store.messages()[0]
            store.set_draft_status(first.draft.id, "rejected", actor="anna")  # a person acted on this one
            server.site = None  # the endpoint answers again
            sync(LocalSource(folder))  # 3: probed, one message first, then the other one
            chats.append(len(server.chat_requests()))
            sync(LocalSource(folder))  # 4: nothing left to ask again
            chats.append(len(server.chat_requests()))

        monkeypatch.setattr("assistant.intake.run_watch", down_then_up)
        code, out, err = _run(monkeypatch, capsys, "watch")
    assert code == 0, err
    assert chats == [3, 3, 5, 5]
    messages = store.messages()
    assert messages[0].triage.engine == "offline" and messages[0].draft.status == "rejected"
    assert [m.triage.engine for m in messages[1:]] == ["llm:fake-model", "llm:fake-model"]
    retries = [e for e in store.audit_trail() if e.action == "triage.retry"]
    assert sorted(e.object_id for e in retries) == ["<f1@nordlys.example>", "<f2@nordlys.example>"]
    assert all(e.actor == "watch" for e in retries)
    assert "llm:fake-model answers again: 2 fallback result(s) triaged again with it." in out
    assert sum("stopped calling" in line for line in err.splitlines()) == 1


def test_watch_with_the_offline_engine_leaves_llm_fallbacks_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.mailin.local import LocalSource

    folder = _workspace_and_mail(tmp_path, 2)
    with ScriptedOpenAIServer(default=Reply.error(503, "down", should_retry=False)) as server:
        _llm_env(monkeypatch, server)
        assert _run(monkeypatch, capsys, "triage", "--maildir", str(folder))[0] == 0
    for name, value in {
        "IMAP_HOST": "imap.example.com",
        "IMAP_USER": "anna@agency.example",
        "IMAP_PASSWORD": "pw",
    }.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)
    monkeypatch.setattr(
        "assistant.intake.run_watch", lambda connect, sync, stop, idle_seconds, **_: sync(LocalSource(folder))
    )
    code, _, err = _run(monkeypatch, capsys, "watch", "--engine", "offline")
    assert code == 0, err
    store = Store(load_settings().db_url)
    assert all(m.triage.result["fallback_kind"] == "server_error" for m in store.messages())
    assert not [e for e in store.audit_trail() if e.action == "triage.retry"]


@pytest.mark.parametrize(
    "exc, said",
    [
        (PermissionError(errno.EACCES, "Permission denied", "{home}/state.db"), "cannot write {home}/state.db"),
        (OSError(errno.EROFS, "Read-only file system", "{home}/chroma/x"), "read-only file system"),
        (sqlite3.OperationalError("database is locked"), "another assistant process"),
        (sqlite3.OperationalError("unable to open database file"), "cannot open the state database in ASSISTANT_HOME"),
    ],
    ids=["permission", "read-only", "locked", "cannot open"],
)
def test_failures_of_the_machine_are_one_line(tmp_path: Path, exc: Exception, said: str) -> None:
    from assistant.errors import system_error

    home = tmp_path / "home"
    if isinstance(exc, OSError) and exc.filename:
        exc.filename = exc.filename.format(home=home)
    wrapped = RuntimeError("while storing")
    wrapped.__cause__ = exc
    error = system_error(wrapped, home)
    assert error is not None and said.format(home=home) in str(error) and "\n" not in str(error)
    assert system_error(RuntimeError("a bug"), home) is None


def test_a_disk_io_error_with_no_space_left_is_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What SQLite said on a real full tmpfs: its journal found no room, and it called that an I/O error.
    import shutil

    from assistant.errors import system_error

    home = tmp_path / "home"
    home.mkdir()
    error = sqlalchemy.exc.OperationalError("INSERT INTO messages", (), sqlite3.OperationalError("disk I/O error"))
    assert system_error(error, home) is None or "disk is full" not in str(system_error(error, home))
    usage = shutil.disk_usage(home)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage._replace(free=4096))
    said = str(system_error(error, home))
    assert said.startswith(f"the disk is full: cannot write to ASSISTANT_HOME ({home}); 4.0 KB free there")
