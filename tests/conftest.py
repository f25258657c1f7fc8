"""Shared fixtures: every test gets its own data home; nothing touches the user's."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


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
