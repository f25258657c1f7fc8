"""Shared fixtures: every test gets its own data home; nothing touches the user's."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import postgres as pg


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    for var in (
        "ASSISTANT_IMAP_HOST",
        "ASSISTANT_IMAP_USER",
        "ASSISTANT_IMAP_PASSWORD",
        "ASSISTANT_MAILDIR",
        "ASSISTANT_CHROMA_URL",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "ASSISTANT_LLM_MODEL",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


class _KeepMail:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _KeepMail]]:
    """A real SMTP server (aiosmtpd) on a free loopback port: ``(port, handler)``, where
    ``handler.envelopes`` holds what it received."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _KeepMail()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler
    controller.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg.PostgresServer]:
    """One real PostgreSQL server for the session (skipped with the reason when it cannot be
    started here, failed instead under ASSISTANT_REQUIRE_SERVICES=1)."""
    reason = pg.missing()
    if reason:
        if os.environ.get("ASSISTANT_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} (ASSISTANT_REQUIRE_SERVICES=1)", pytrace=False)
        pytest.skip(reason)
    server = pg.PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty state database: an SQLite file, then a real PostgreSQL one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return request.getfixturevalue("postgres_server").new_database()
