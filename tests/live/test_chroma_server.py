"""ASSISTANT_CHROMA_URL: the knowledge store on a real Chroma server (`chroma run`)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.knowledge import open_vectors
from assistant.retrieve import retrieve

pytestmark = pytest.mark.live


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if binary is None:
        reason = "the chroma server CLI (from the chromadb package) is not installed"
        if os.environ.get("ASSISTANT_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen(
        [binary, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"chroma server did not start: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_ingest_and_retrieve_through_a_chroma_server(
    chroma_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "ws"
    (ws / "docs").mkdir(parents=True)
    (ws / "docs" / "sow.md").write_text(
        "# SOW\n\n## Not included\n- Logo design.\n- Video production.\n\n## Included\n- 4 articles per month.\n"
    )
    (ws / "clients.json").write_text(
        json.dumps(
            {
                "clients": [
                    {
                        "id": "nordlys",
                        "domains": ["nordlys.example"],
                        "documents": [{"path": "docs/sow.md", "kind": "scope", "date": "2026-01-20"}],
                    },
                ]
            }
        )
    )
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", chroma_url)
    result = CliRunner().invoke(app, ["ingest", str(ws)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (load_settings().home / "chroma").exists()  # nothing went to the on-disk store

    vectors = open_vectors(load_settings())
    top = retrieve(vectors, "nordlys", "Kan I lave et nyt logo?", k=1)[0]
    assert (top.text, top.excluded, top.date) == ("Logo design.", True, "2026-01-20")


def test_check_reaches_the_chroma_server(chroma_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "ws"
    assert CliRunner().invoke(app, ["init", str(ws)], catch_exceptions=False).exit_code == 0
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", chroma_url)
    out = CliRunner().invoke(app, ["check", str(ws)], catch_exceptions=False).stdout
    assert f"ok   Chroma server {chroma_url}: reachable" in out.splitlines()
