"""One bad message among good ones in a real Dovecot mailbox (issue 15): quarantined once,
the cursor past it, every good message stored and triaged, run after run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.mailin import Cursor
from assistant.state import Store
from tests.live.test_pipeline_imap import _ingest_workspace
from tests.unit.test_quarantine import poisoned

pytestmark = pytest.mark.live

runner = CliRunner()


def _mail(n: int, message_id: bytes) -> bytes:
    return (
        b"From: Mette S <mette@cykelhuset.example>\r\n"
        b"To: anna@fjordlight.example\r\n"
        b"Subject: Besked %d\r\n"
        b"Message-ID: " % n + message_id + b"\r\n"
        b"Date: Tue, 03 Mar 2026 09:00:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hej Anna,\r\nkan I sende status for blogartiklerne? (%d)\r\n" % n
    )


def _triage() -> dict[str, Any]:
    result = runner.invoke(app, ["triage", "--once", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_poison_message_between_good_ones_is_quarantined_once_and_the_rest_triaged(
    cli_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Store, "add_message", poisoned(Store.add_message))  # the store fails on the poison
    _ingest_workspace(tmp_path)
    poison = _mail(3, b"<poison\xff@cykelhuset.example>")  # a raw 8-bit byte in the Message-ID
    uids = [
        cli_env.append("INBOX", _mail(1, b"<good-1@cykelhuset.example>")),
        cli_env.append("INBOX", _mail(2, b"<good-2@cykelhuset.example>")),
        cli_env.append("INBOX", poison),
        cli_env.append("INBOX", _mail(4, b"<good-4@cykelhuset.example>")),
        cli_env.append("INBOX", _mail(5, b"<good-5@cykelhuset.example>")),
    ]

    first = _triage()
    assert first["sync"] | {"new_message_ids": None} == {
        "source": first["sync"]["source"],
        "fetched": 5,
        "new": 4,
        "duplicates": 0,
        "auto_replies": 0,
        "quarantined": 1,
        "new_message_ids": None,
        "since": first["sync"]["since"],
        "since_recorded": False,
    }
    assert first["triage"]["triaged"] == 4 and first["triage"]["quarantined"] == 0

    second = _triage()
    assert (second["sync"]["fetched"], second["triage"]["triaged"]) == (0, 0)

    store = Store(load_settings().db_url)
    assert store.get_cursor(first["sync"]["source"]) == Cursor(cli_env.uidvalidity("INBOX"), uids[-1])
    stored = {m.message_id: m for m in store.messages()}
    assert sorted(stored) == [f"<good-{n}@cykelhuset.example>" for n in (1, 2, 4, 5)]
    assert all(m.triage is not None for m in stored.values())
    [q] = store.quarantined()
    assert (q.stage, q.attempts, q.location.endswith(f";UID={uids[2]}")) == ("store", 1, True)
    assert store.quarantine_entry(q.id).raw == poison

    total = json.loads(runner.invoke(app, ["status", "--json"], catch_exceptions=False).stdout)["total"]
    assert (total["messages"], total["triaged"], total["quarantined"], total["pending"]) == (4, 4, 1, 0)
    assert all("\\Seen" not in cli_env.flags("INBOX", uid) for uid in uids)
