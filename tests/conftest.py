"""Shared fixtures: every test gets its own data home; nothing touches the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    for var in ("ASSISTANT_IMAP_HOST", "ASSISTANT_IMAP_USER", "ASSISTANT_IMAP_PASSWORD", "ASSISTANT_MAILDIR",
                "ASSISTANT_CHROMA_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_LLM_MODEL"):
        monkeypatch.delenv(var, raising=False)
    return home
