"""`assistant demo` end to end on the bundled workspace (offline engine pieces, real Chroma)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.state import Store

runner = CliRunner()


def test_demo_indexes_resolves_and_is_idempotent() -> None:
    first = runner.invoke(app, ["demo"], catch_exceptions=False, env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    assert "16 new, 0 already stored" in first.stdout
    assert "Kick-off-møde, 2026-01-27]" in first.stdout  # clauses are cited with document and date
    assert "in_scope" not in first.stdout and "red_flag" not in first.stdout  # nothing labels yet

    store = Store(f"sqlite:///{load_settings().home / 'demo' / 'state.db'}")
    cases = [
        json.loads(line)
        for line in (Path(__file__).parents[2] / "assistant/demo/workspace/cases.jsonl").read_text().splitlines()
        if line.strip()
    ]
    expected = {c["eml"]: c["client"] for c in cases}
    got = {m.location.split("workspace/", 1)[1]: m.client_id for m in store.messages()}
    assert got == expected
    auto = [m for m in store.messages() if m.is_auto_reply]
    assert [m.location.rsplit("/", 1)[1] for m in auto] == [c["eml"].rsplit("/", 1)[1] for c in cases if c.get("auto_reply")]

    second = runner.invoke(app, ["demo"], catch_exceptions=False, env={"COLUMNS": "200"})
    assert "0 new, 16 already stored; no clauses (re)indexed" in second.stdout
    assert store.count_messages() == 16
