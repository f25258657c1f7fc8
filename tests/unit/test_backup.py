"""Backups of a data home, restored into an empty one (SQLite and a real PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.ops import backup
from assistant.ops.backup import BackupError
from assistant.parse.models import Address, ParsedMessage
from assistant.state import Draft, Message, Store, TriageResult

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _seed(url: str, n: int = 3) -> None:
    store = Store(url)
    with store.open_session() as s:
        for i in range(n):
            pm = ParsedMessage(
                message_id=f"<b{i}@c.example>", subject=f"Spørgsmål {i}", sender=Address(email="c@c.example")
            )
            store.add_message(s, pm, f"raw {i}".encode(), source_key="k", location=str(i))
            m = s.scalar(select(Message).where(Message.message_id == pm.message_id))
            s.add(TriageResult(message_pk=m.id, label="in_scope", engine="offline", result={"label": "in_scope"}))
            s.add(Draft(message_pk=m.id, to_addr="c@c.example", subject=f"Re: Spørgsmål {i}", body=f"Hej {i}"))
        s.commit()
    store.set_draft_status(2, "rejected", actor="anna")
    store.close()


def _drafts() -> list[dict[str, object]]:
    return json.loads(runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False).stdout)


def test_a_backup_restored_into_an_empty_home_has_every_draft(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", database_url)
    _seed(database_url)
    (load_settings().home / "chroma").mkdir(parents=True)
    (load_settings().home / "chroma" / "chroma.sqlite3").write_bytes(b"vectors")
    before = _drafts()
    made = runner.invoke(app, ["backup", "create", str(tmp_path / "b")], catch_exceptions=False)
    assert made.exit_code == 0 and "3 drafts" in made.stdout
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["counts"] == {"messages": 3, "triage_results": 3, "drafts": 3}
    assert oct((tmp_path / "b" / "manifest.json").stat().st_mode & 0o777) == "0o600"

    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "new-home"))
    if database_url.startswith("postgresql"):
        monkeypatch.setenv("ASSISTANT_DATABASE_URL", request.getfixturevalue("postgres_server").new_database())
    else:
        monkeypatch.delenv("ASSISTANT_DATABASE_URL")
    restored = runner.invoke(app, ["backup", "restore", str(tmp_path / "b")], catch_exceptions=False)
    assert restored.exit_code == 0, restored.output
    assert _drafts() == before and [d["status"] for d in before] == ["pending", "rejected", "pending"]
    assert (tmp_path / "new-home" / "chroma" / "chroma.sqlite3").read_bytes() == b"vectors"
    assert Store(load_settings().db_url).raw_message("<b1@c.example>") == b"raw 1"
    # restoring twice into the same home is refused: nothing is overwritten
    with pytest.raises(BackupError, match="already exists|not empty"):
        backup.restore(load_settings(), tmp_path / "b")


def test_a_backup_missing_rows_is_reported_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(load_settings().db_url)
    backup.create(load_settings(), tmp_path / "b")
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    manifest["counts"]["drafts"] = 4
    (tmp_path / "b" / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "new-home"))
    with pytest.raises(BackupError, match="incomplete|manifest says"):
        backup.restore(load_settings(), tmp_path / "b")


def test_the_restore_check_script_finds_every_draft(tmp_path: Path) -> None:
    _seed(load_settings().db_url)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    wrapper = tmp_path / "assistant"
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m assistant "$@"\n')
    wrapper.chmod(0o755)
    done = subprocess.run(
        ["bash", str(ROOT / "deploy" / "check-restore.sh"), str(wrapper)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "all 3 drafts found again" in done.stdout
