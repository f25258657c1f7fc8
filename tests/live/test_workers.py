"""Several workers against real services: 2,000 messages in a real Dovecot, the state on a real
PostgreSQL, the knowledge on a Chroma server (``chroma run``), three ``assistant triage``
processes sharing the work through the job queue, one of them killed with SIGKILL mid-run and
started again: exactly one result per message, none missing, at most one draft each."""

from __future__ import annotations

import imaplib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from assistant.cli import app
from tests.live.test_chroma_server import chroma_url  # noqa: F401 - the Chroma server fixture
from tests.live.test_pipeline_imap import SOW, WORKSPACE

pytestmark = pytest.mark.live
runner = CliRunner()

N = int(os.environ.get("WORKERS_TEST_N", "2000"))
WORKERS = 3
#: Short, so that the killed worker's claims and jobs are taken over within the test.
LEASE_SECONDS = 6

BODIES = [
    "Hej Anna, kan I lave et nyt logo til os? Gerne i grøn. Mvh Mette",
    "Tak for de fire artikler i denne måned, de er rigtig fine.",
    "Hej, kan vi få en ekstra blogartikel om cykelvedligeholdelse i næste uge?",
    "Vi mødes tirsdag kl. 10 som aftalt. Hilsen Mette",
    "Kan I også designe vores nye visuelle identitet og et par plakater?",
]


def _raw(i: int) -> bytes:
    return (
        f"From: Mette <mette@cykelhuset.example>\r\nTo: anna@fjordlight.example\r\n"
        f"Subject: Besked nummer {i}\r\nMessage-ID: <w{i}.{uuid.uuid4().hex[:8]}@cykelhuset.example>\r\n"
        f"Date: Mon, 07 Dec 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{BODIES[i % len(BODIES)]} ({i})\r\n"
    ).encode()


def _append_many(account: Any, n: int) -> None:
    """APPEND ``n`` messages over one connection (quicker than a connection each)."""
    conn = imaplib.IMAP4(account.host, account.port, timeout=30)
    conn.login(account.user, account.password)
    try:
        for i in range(n):
            typ, data = conn.append("INBOX", None, None, _raw(i))
            assert typ == "OK", data
    finally:
        conn.logout()


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as c:
        out = {
            name: c.execute(text(sql)).scalar_one()
            for name, sql in {
                "messages": "SELECT COUNT(*) FROM messages",
                "results": "SELECT COUNT(*) FROM triage_results",
                "results_per_message_max": "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM triage_results GROUP BY message_pk) x",
                "drafts": "SELECT COUNT(*) FROM drafts",
                "drafts_per_message_max": "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM drafts GROUP BY message_pk) x",
                "untriaged": "SELECT COUNT(*) FROM messages m LEFT JOIN triage_results r ON r.message_pk = m.id WHERE r.id IS NULL",
                "triage_events": "SELECT COUNT(*) FROM audit_events WHERE action = 'triage'",
                "quarantined": "SELECT COUNT(*) FROM quarantine",
                "leases": "SELECT COUNT(*) FROM leases",
            }.items()
        }
    engine.dispose()
    return out


def _start(env: dict[str, str], home: Path, log: Path) -> subprocess.Popen[bytes]:
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "triage", "--once", "--json"],
        env={**env, "ASSISTANT_HOME": str(home)},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def _ingested_world(
    imap_account: Any,
    postgres_server: Any,
    chroma_url: str,  # noqa: F811 - the fixture's value, passed on
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    extra: dict[str, str],
) -> dict[str, str]:
    """A fresh PostgreSQL database and the Chroma server with the workspace ingested; the
    workers' environment (``extra`` added) is returned and set for this process too."""
    database_url = postgres_server.new_database()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")},
        "ASSISTANT_DATABASE_URL": database_url,
        "ASSISTANT_CHROMA_URL": chroma_url,
        "ASSISTANT_IMAP_HOST": imap_account.host,
        "ASSISTANT_IMAP_PORT": str(imap_account.port),
        "ASSISTANT_IMAP_USER": imap_account.user,
        "ASSISTANT_IMAP_PASSWORD": imap_account.password,
        "ASSISTANT_IMAP_SECURITY": "none",
        "ASSISTANT_LEASE_SECONDS": str(LEASE_SECONDS),
        **extra,
    }
    for key, value in env.items():
        if key.startswith("ASSISTANT_"):
            monkeypatch.setenv(key, value)
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "ingest-home"))
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "clients.json").write_text(json.dumps(WORKSPACE))
    (ws / "sow.md").write_text(SOW, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False).exit_code == 0
    return env


def test_three_workers_one_killed_triage_every_message_exactly_once(
    imap_account: Any,
    postgres_server: Any,
    chroma_url: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = _ingested_world(
        imap_account, postgres_server, chroma_url, tmp_path, monkeypatch, {"ASSISTANT_SYNC_SINCE": "all"}
    )
    database_url = env["ASSISTANT_DATABASE_URL"]
    _append_many(imap_account, N)

    logs = [tmp_path / f"worker{i}.log" for i in range(WORKERS)]
    procs = [_start(env, tmp_path / f"home{i}", logs[i]) for i in range(WORKERS)]
    try:
        # Kill the first worker once the work is well under way.
        deadline = time.monotonic() + 400
        while _counts(database_url)["results"] < N // 8:
            assert time.monotonic() < deadline, [log.read_text(errors="replace")[-2000:] for log in logs]
            assert procs[0].poll() is None, logs[0].read_text(errors="replace")[-2000:]
            time.sleep(0.5)
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(timeout=10)
        killed_at = _counts(database_url)
        assert killed_at["results"] < N  # killed mid-run
        procs[0] = _start(env, tmp_path / "home0", logs[0])  # and started again
        for i, proc in enumerate(procs):
            assert proc.wait(timeout=600) == 0, logs[i].read_text(errors="replace")[-3000:]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    counts = _counts(database_url)
    assert counts["messages"] == N and counts["quarantined"] == 0
    assert counts["results"] == N and counts["untriaged"] == 0  # none missing
    assert counts["results_per_message_max"] == 1  # none twice
    assert counts["triage_events"] == N  # one "triage" in the audit trail per message
    assert counts["drafts_per_message_max"] <= 1 and counts["drafts"] > 0
    assert counts["leases"] == 0  # every claim released (the killed worker's taken over)

    status = runner.invoke(app, ["status", "--json"], catch_exceptions=False)
    assert status.exit_code == 0, status.output
    work = json.loads(status.stdout)["work"]
    assert work["claimed"] == 0 and work["queue"] == {"queued": 0, "picked": 0, "stale": 0}
    assert json.loads(status.stdout)["total"]["triaged"] == N


def test_two_watch_workers_share_new_mail_and_stop_cleanly(
    imap_account: Any,
    postgres_server: Any,
    chroma_url: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`assistant watch` is the deployed worker: two of them on one mailbox, mail arriving
    while they idle; each message triaged once, by one or the other; SIGTERM stops both."""
    env = _ingested_world(
        imap_account, postgres_server, chroma_url, tmp_path, monkeypatch, {"ASSISTANT_IMAP_IDLE_SECONDS": "5"}
    )
    database_url = env["ASSISTANT_DATABASE_URL"]

    n = 40
    logs = [tmp_path / f"watch{i}.log" for i in range(2)]
    procs = []
    for i in range(2):
        (tmp_path / f"home{i}").mkdir()
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "assistant", "watch"],
                env={**env, "ASSISTANT_HOME": str(tmp_path / f"home{i}")},
                stdout=logs[i].open("wb"),
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        )
    try:
        deadline = time.monotonic() + 120
        while not all("Watching" in log.read_text(errors="replace") for log in logs):
            assert time.monotonic() < deadline and all(p.poll() is None for p in procs), [
                log.read_text(errors="replace")[-2000:] for log in logs
            ]
            time.sleep(0.5)
        _append_many(imap_account, n)
        while _counts(database_url)["results"] < n:
            assert time.monotonic() < deadline + 120 and all(p.poll() is None for p in procs), [
                log.read_text(errors="replace")[-2000:] for log in logs
            ]
            time.sleep(0.5)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
    outputs = [log.read_text(errors="replace") for log in logs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all(out.rstrip().endswith("Stopped.") for out in outputs), outputs
    counts = _counts(database_url)
    assert counts["messages"] == n and counts["results"] == n and counts["results_per_message_max"] == 1
    assert counts["drafts_per_message_max"] <= 1 and counts["leases"] == 0
    status = json.loads(runner.invoke(app, ["status", "--json"], catch_exceptions=False).stdout)
    assert status["work"]["queue"] == {"queued": 0, "picked": 0, "stale": 0}
