"""``assistant check`` against a real Dovecot: the login is reported in one line, ok or refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app

pytestmark = pytest.mark.live
runner = CliRunner()


def _imap_env(monkeypatch: pytest.MonkeyPatch, account: Any, tmp_path: Path, password: str) -> None:
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ASSISTANT_IMAP_HOST", account.host)
    monkeypatch.setenv("ASSISTANT_IMAP_PORT", str(account.port))
    monkeypatch.setenv("ASSISTANT_IMAP_USER", account.user)
    monkeypatch.setenv("ASSISTANT_IMAP_PASSWORD", password)
    monkeypatch.setenv("ASSISTANT_IMAP_SECURITY", "none")


def _imap_lines(out: str) -> list[str]:
    """The lines about the IMAP mailbox (after the five-character status column)."""
    return [line for line in out.splitlines() if line[5:].startswith("IMAP ")]


def test_check_logs_in_to_the_mailbox(imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)], catch_exceptions=False).exit_code == 0
    _imap_env(monkeypatch, imap_account, tmp_path, imap_account.password)
    result = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    where = f"IMAP {imap_account.user}@{imap_account.host}:{imap_account.port}"
    assert _imap_lines(result.stdout) == [f"ok   {where}: login ok, folder INBOX found"]
    assert result.exit_code == 0, result.stdout


def test_check_reports_a_bad_password_in_one_line(
    imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)], catch_exceptions=False).exit_code == 0
    _imap_env(monkeypatch, imap_account, tmp_path, "not-the-password")
    result = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    assert result.exit_code == 1
    [line] = _imap_lines(result.stdout)
    assert line.startswith(f"fail IMAP {imap_account.user}@{imap_account.host}:{imap_account.port}: ")
    assert "refused the login" in line and "ASSISTANT_IMAP_PASSWORD" in line
    assert "not-the-password" not in result.stdout


def test_check_names_a_missing_folder(imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)], catch_exceptions=False).exit_code == 0
    _imap_env(monkeypatch, imap_account, tmp_path, imap_account.password)
    monkeypatch.setenv("ASSISTANT_IMAP_FOLDER", "Clients/Nowhere")
    result = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    assert result.exit_code == 1
    [line] = _imap_lines(result.stdout)
    assert line.endswith("login ok, but no folder 'Clients/Nowhere' (check ASSISTANT_IMAP_FOLDER)")
