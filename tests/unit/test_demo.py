"""`assistant demo` end to end on the bundled workspace: real Chroma, offline engine."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.state import Store

runner = CliRunner()
WORKSPACE = Path(__file__).parents[2] / "assistant/demo/workspace"


def test_demo_runs_the_pipeline_and_is_idempotent() -> None:
    first = runner.invoke(app, ["demo"], catch_exceptions=False, env={"COLUMNS": "220"})
    assert first.exit_code == 0, first.output
    assert "16 new, 0 already stored, 15 triaged now" in first.stdout

    store = Store(f"sqlite:///{load_settings().home / 'demo' / 'state.db'}")
    cases = {
        json.loads(line)["eml"]: json.loads(line)
        for line in (WORKSPACE / "cases.jsonl").read_text().splitlines()
        if line.strip()
    }
    messages = {m.location.split("workspace/", 1)[1]: m for m in store.messages()}
    assert {k: m.client_id for k, m in messages.items()} == {k: c["client"] for k, c in cases.items()}
    for key, m in messages.items():
        if cases[key].get("auto_reply"):
            assert m.triage is None and m.draft is None
            continue
        result = m.triage.result
        assert result["engine"] == "offline" and result["label"] in first.stdout
        if result["label"] != "in_scope":
            assert m.draft is not None and m.draft.subject.startswith(("Re:", "RE:", "Sv:", "AW:"))

    logo = messages["mail/cykelhuset-002.eml"]
    assert logo.triage.label == "out_of_scope"
    assert any("Logo" in e["text"] and e["excluded"] for e in logo.triage.result["evidence"])
    assert "Hej Mette" in logo.draft.body and "20. januar 2026" in logo.draft.body

    second = runner.invoke(app, ["demo"], catch_exceptions=False, env={"COLUMNS": "220"})
    assert "0 new, 16 already stored, 0 triaged now; no clauses (re)indexed" in second.stdout
    assert len(store.drafts()) == len([m for m in messages.values() if m.draft])


def test_demo_starts_again_over_demo_data_from_an_older_version() -> None:
    import sqlite3

    demo_home = load_settings().home / "demo"
    demo_home.mkdir(parents=True, exist_ok=True)
    (demo_home / "state.db").unlink(missing_ok=True)
    with sqlite3.connect(demo_home / "state.db") as db:
        db.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, message_id VARCHAR NOT NULL)")
    result = runner.invoke(app, ["demo"], catch_exceptions=False, env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    assert "from an older version: starting the demo from nothing" in result.output
    assert "16 new, 0 already stored, 15 triaged now" in result.stdout
