"""The review page as `assistant serve` runs it (uvicorn in its own process), over real HTTP:
a cookie replayed after logout logs nobody in, a foreign Host header is refused, a huge id
is a 404 (not a 500 and a reset connection), and the data home it creates is owner-only."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.live

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")
pytest.importorskip("argon2")

PASSWORD = "review-password-123"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    from assistant.review import add_user

    home = tmp_path / "home"
    add_user(home, "anna", PASSWORD, name="Anna")
    port = _free_port()
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    log = (tmp_path / "serve.log").open("wb")
    # Started with a usual umask: what the server creates must still be the owner's alone.
    script = "import os, sys; os.umask(0o022); sys.argv = ['assistant', *sys.argv[1:]]; import assistant.__main__"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "serve", "--port", str(port), "--host-name", "review.agency.example"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # up when its login page answers
        try:
            httpx.get(base + "/login", timeout=2)
            break
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("assistant serve did not start: " + (tmp_path / "serve.log").read_text(errors="replace"))
            time.sleep(0.1)
    try:
        yield base, home
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def test_a_cookie_replayed_after_logout_is_refused_by_the_real_server(server: tuple[str, Path]) -> None:
    base, _ = server
    with httpx.Client(base_url=base, follow_redirects=False) as browser:
        token = _csrf(browser.get("/login").text)
        r = browser.post("/login", data={"csrf": token, "username": "anna", "password": PASSWORD, "next": "/"})
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert "secure" not in r.headers["set-cookie"].lower().split("; ")  # plain HTTP on loopback
        stolen = browser.cookies["review_session"]
        assert browser.get("/").status_code == 200
        r = browser.post("/logout", data={"csrf": _csrf(browser.get("/").text)})
        assert r.status_code == 303
    with httpx.Client(base_url=base, follow_redirects=False, cookies={"review_session": stolen}) as thief:
        r = thief.get("/")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_the_real_server_refuses_foreign_host_names_and_answers_404_for_huge_ids(server: tuple[str, Path]) -> None:
    base, _ = server
    port = base.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "review.agency.example"):
        assert httpx.get(base + "/login", headers={"Host": host}).status_code == 200, host
    for host in ("attacker.example", f"rebind.attacker.example:{port}"):  # DNS rebinding
        r = httpx.get(base + "/login", headers={"Host": host})
        assert r.status_code == 400 and "set-cookie" not in r.headers, host
    with httpx.Client(base_url=base, follow_redirects=False) as browser:
        token = _csrf(browser.get("/login").text)
        browser.post("/login", data={"csrf": token, "username": "anna", "password": PASSWORD, "next": "/"})
        for bad in ("9" * 40, "-1", "abc"):
            assert browser.get(f"/items/{bad}").status_code == 404, bad
        assert browser.get("/").status_code == 200  # and the server is still there


def test_the_real_server_keeps_its_data_home_owner_only(server: tuple[str, Path]) -> None:
    base, home = server
    httpx.get(base + "/login")
    created = [home, *home.rglob("*")]
    assert home / "state.db" in created and home / "secret_key" in created
    loose = {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in created if p.stat().st_mode & 0o077}
    assert loose == {}
