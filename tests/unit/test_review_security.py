"""The review page's defences: login throttling that cannot lock a reviewer out, server-side
sessions ended at logout and by a new password, Secure cookies over HTTPS, the Host
allow-list, 404 for any id that names no draft, and an owner-only data home."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("argon2")
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from assistant.config import Settings, load_settings
from assistant.errors import ConfigError
from assistant.parse.models import Address, ParsedMessage
from assistant.review import add_user, create_app
from assistant.review.auth import SESSION_SECONDS, LoginThrottle, load_users, session_user, start_session
from assistant.state import Client, Draft, Message, ReviewSession, Store, TriageResult

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new passphrase"
REPO = Path(__file__).resolve().parents[2]


class FakeTime:
    """A clock that only moves when the throttle sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def world(tmp_path: Path) -> tuple[Settings, Store, int]:
    settings = Settings(home=tmp_path / "home")
    store = Store(settings.db_url)
    parsed = ParsedMessage(
        message_id="<logo@cykelhuset.example>",
        subject="New logo?",
        sender=Address(name="Mette", email="mette@cykelhuset.example"),
        new_text="Could you make a logo?",
        date=datetime(2026, 3, 3, 9, tzinfo=UTC),
    )
    with store.session() as s:
        s.add(Client(id="cykelhuset", name="Cykelhuset", account_manager="anna@fjordlight.example"))
        m = Message(
            message_id=parsed.message_id,
            source_key="test",
            location="test",
            sender_email="mette@cykelhuset.example",
            subject=parsed.subject,
            date=parsed.date,
            new_text=parsed.new_text,
            parsed=parsed.model_dump(mode="json"),
            raw=b"",
            client_id="cykelhuset",
        )
        s.add(m)
        s.flush()
        result = {"label": "out_of_scope", "red_flags": [], "requests": [], "evidence": [], "confidence": 0.8}
        s.add(TriageResult(message_pk=m.id, label="out_of_scope", engine="offline", confidence=0.8, result=result))
        d = Draft(message_pk=m.id, to_addr=m.sender_email, subject="Re: New logo?", body="Hi Mette,\nThanks.")
        s.add(d)
        s.flush()
        draft_id = d.id
    add_user(settings.home, "anna", PASSWORD, name="Anna")
    yield settings, store, draft_id
    store.close()


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def login(client: TestClient, user: str = "anna", password: str = PASSWORD, **kw: Any) -> Any:
    token = _csrf(client.get("/login", **kw).text)
    return client.post(
        "/login",
        data={"csrf": token, "username": user, "password": password, "next": "/"},
        follow_redirects=False,
        **kw,
    )


def app_client(
    settings: Settings, store: Store, fake: FakeTime | None = None, *, base_url: str = "http://127.0.0.1", **kw: Any
) -> TestClient:
    throttle = LoginThrottle(clock=fake.clock, sleep=fake.sleep) if fake else None
    client_addr = kw.pop("client", ("127.0.0.1", 50000))
    app = create_app(settings, store, throttle=throttle, **kw)
    return TestClient(app, base_url=base_url, client=client_addr)


# -- throttling ------------------------------------------------------------------------------


def test_failed_logins_slow_the_user_name_more_and_more_but_the_right_password_still_logs_in(
    world: tuple[Settings, Store, int], fake_time: FakeTime
) -> None:
    settings, store, _ = world
    client = app_client(settings, store, fake_time)
    for _ in range(6):
        assert login(client, password="wrong password!").status_code == 401
    assert fake_time.sleeps == [1.0, 2.0]  # three free failures, then a doubling delay
    r = login(client)
    assert r.status_code == 303 and r.headers["location"] == "/"  # waited, then logged in: no lockout
    assert fake_time.sleeps == [1.0, 2.0, 4.0]
    assert client.get("/", follow_redirects=False).status_code == 200
    # A success forgives the user name: the next mistake costs nothing.
    other = app_client(settings, store, fake_time, client=("10.9.9.9", 1))
    login(other, password="typo typo typo")
    assert fake_time.sleeps == [1.0, 2.0, 4.0]


def test_many_user_names_from_one_address_are_slowed_other_addresses_are_not(
    world: tuple[Settings, Store, int], fake_time: FakeTime
) -> None:
    settings, store, _ = world
    throttle = LoginThrottle(free=1, cap=4.0, clock=fake_time.clock, sleep=fake_time.sleep)
    app = create_app(settings, store, throttle=throttle)
    attacker = TestClient(app, base_url="http://127.0.0.1", client=("203.0.113.7", 4000))
    for i in range(6):
        assert login(attacker, user=f"guess{i}", password="password123").status_code == 401
    assert fake_time.sleeps == [1.0, 2.0, 4.0, 4.0]  # doubling, capped
    reviewer = TestClient(app, base_url="http://127.0.0.1", client=("198.51.100.2", 4000))
    assert login(reviewer).status_code == 303
    assert len(fake_time.sleeps) == 4  # anna, from her own address, did not wait


def test_the_throttle_spaces_out_parallel_attempts_from_one_address_and_forgets() -> None:
    now = [0.0]
    throttle = LoginThrottle(free=1, base=1.0, cap=8.0, forget=100.0, max_keys=4, clock=lambda: now[0])
    throttle.failed("a", "192.0.2.1")
    throttle.failed("b", "192.0.2.1")
    # Three attempts at once from that address: each waits its own turn, one after the other.
    assert [throttle.wait_for(f"x{i}", "192.0.2.1") for i in range(3)] == [1.0, 2.0, 3.0]
    assert throttle.wait_for("x", "192.0.2.99") == 0.0
    assert throttle.delay(20) == 8.0  # capped
    now[0] = 200.0  # long after the last failure: forgotten
    assert throttle.wait_for("a", "192.0.2.1") == 0.0
    for i in range(10):  # made-up names cannot grow it without bound
        throttle.failed(f"n{i}", "192.0.2.2")
    assert len(throttle._keys) <= 4


# -- server-side sessions ------------------------------------------------------------------------


def _cookie(client: TestClient) -> str:
    value = client.cookies.get("review_session")
    assert value
    return value


def test_a_cookie_replayed_after_logout_is_sent_to_the_login_page(world: tuple[Settings, Store, int]) -> None:
    settings, store, draft_id = world
    client = app_client(settings, store)
    assert login(client).status_code == 303
    stolen = _cookie(client)
    assert client.get(f"/items/{draft_id}", follow_redirects=False).status_code == 200
    client.post("/logout", data={"csrf": _csrf(client.get("/").text)}, follow_redirects=False)
    replay = app_client(settings, store)
    replay.cookies.set("review_session", stolen)
    for path in ("/", f"/items/{draft_id}", "/clients"):
        r = replay.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ReviewSession)) == 0


def test_the_database_holds_no_usable_token(world: tuple[Settings, Store, int]) -> None:
    settings, store, _ = world
    client = app_client(settings, store)
    login(client)
    with store.session() as s:
        [row] = s.scalars(select(ReviewSession)).all()
        assert row.username == "anna"
    import base64
    import json

    payload = json.loads(base64.b64decode(_cookie(client).split(".")[0] + "=="))
    assert payload["sid"] != row.token_hash and len(row.token_hash) == 64


def test_a_new_password_ends_every_session_of_that_reviewer(world: tuple[Settings, Store, int]) -> None:
    from assistant.cli import app as cli

    settings, store, _ = world
    first, second = app_client(settings, store), app_client(settings, store)
    login(first)
    login(second)
    assert first.get("/", follow_redirects=False).status_code == 200
    result = CliRunner().invoke(
        cli,
        ["--home", str(settings.home), "serve", "--add-user", "anna"],
        input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 0 and "Ended 2 open session(s)" in result.stdout
    for client in (first, second):
        assert client.get("/", follow_redirects=False).status_code == 303
    # Even a password changed by hand in users.toml (no CLI, rows left behind) ends them.
    third = app_client(settings, store)
    assert login(third, password=NEW_PASSWORD).status_code == 303
    add_user(settings.home, "anna", PASSWORD)
    assert third.get("/", follow_redirects=False).status_code == 303


def test_a_session_runs_out(world: tuple[Settings, Store, int]) -> None:
    settings, store, _ = world
    user = load_users(settings.home)["anna"]
    token = start_session(store, user, now=1_000_000.0)
    assert session_user(store, settings.home, token, now=1_000_000.0 + SESSION_SECONDS - 1) == "anna"
    assert session_user(store, settings.home, token, now=1_000_000.0 + SESSION_SECONDS + 1) is None
    assert session_user(store, settings.home, "made-up") is None


# -- Secure cookies --------------------------------------------------------------------------


def _secure(response: Any) -> bool:
    return "secure" in response.headers["set-cookie"].lower().split("; ")


@pytest.mark.parametrize(
    ("base_url", "https_only", "secure"),
    [
        ("http://127.0.0.1", False, False),
        ("https://127.0.0.1", False, True),  # served over HTTPS: Secure, whatever it was told at start
        ("http://127.0.0.1", True, True),  # --allow-remote: always
    ],
)
def test_the_session_cookie_is_secure_over_https(
    world: tuple[Settings, Store, int], base_url: str, https_only: bool, secure: bool
) -> None:
    settings, store, _ = world
    client = app_client(settings, store, base_url=base_url, https_only=https_only)
    assert _secure(client.get("/login")) is secure  # the anonymous cookie (CSRF token) too
    if base_url.startswith("https") or not secure:  # a browser keeps a Secure cookie off plain HTTP
        r = login(client)
        assert r.status_code == 303 and _secure(r) is secure


def test_forwarded_headers_are_believed_from_the_trusted_proxy_only(
    world: tuple[Settings, Store, int], fake_time: FakeTime
) -> None:
    settings, store, _ = world
    settings = settings.model_copy(update={"review_trusted_proxies": ["10.0.0.1"]})
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9"}
    proxied = app_client(settings, store, fake_time, client=("10.0.0.1", 1))
    assert _secure(proxied.get("/login", headers=forwarded))
    direct = app_client(settings, store, fake_time, client=("10.0.0.2", 1))
    assert not _secure(direct.get("/login", headers=forwarded))
    proxied.cookies.clear()
    # Behind the proxy, failures count against the client's address, not the proxy's.
    for i in range(6):
        login(proxied, user=f"guess{i}", password="password123", headers={"X-Forwarded-For": "192.0.2.66"})
    assert fake_time.sleeps == [1.0, 2.0]
    login(proxied, user="someone", password="password123", headers={"X-Forwarded-For": "192.0.2.77"})
    assert fake_time.sleeps == [1.0, 2.0]


# -- Host allow-list ------------------------------------------------------------------------------


def test_only_loopback_and_configured_host_names_are_answered(world: tuple[Settings, Store, int]) -> None:
    settings, store, _ = world
    settings = settings.model_copy(update={"review_hosts": ["review.agency.example", "*.tailnet.example"]})
    client = app_client(settings, store, host_names=["triage.lan"])
    for host in (
        "127.0.0.1:8765",
        "localhost:8765",
        "[::1]:8765",
        "review.agency.example",
        "box.tailnet.example",
        "TRIAGE.lan:8765",
    ):
        assert client.get("/login", headers={"Host": host}).status_code == 200, host
    for host in ("evil.example", "rebind.attacker.example:8765", "review.agency.example.evil.example", "10.0.0.5"):
        r = client.get("/login", headers={"Host": host})
        assert r.status_code == 400, host
        assert "review_session" not in r.headers.get("set-cookie", "")


def test_review_hosts_setting_reads_a_list_and_refuses_bad_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_REVIEW_HOSTS", "review.agency.example, *.Tailnet.example")
    assert load_settings().review_hosts == ["review.agency.example", "*.tailnet.example"]
    monkeypatch.setenv("ASSISTANT_REVIEW_HOSTS", "evil*.example")
    with pytest.raises(ConfigError, match="ASSISTANT_REVIEW_HOSTS"):
        load_settings()


def test_serve_answers_its_host_names(world: tuple[Settings, Store, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli import app as cli

    settings, _, _ = world
    served: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.append(app))
    result = CliRunner().invoke(
        cli,
        ["--home", str(settings.home), "serve", "--host", "192.0.2.10", "--allow-remote", "--host-name", "rv.example"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    client = TestClient(served[0], base_url="http://127.0.0.1")
    assert client.get("/login", headers={"Host": "rv.example"}).status_code == 200
    assert client.get("/login", headers={"Host": "192.0.2.10:8765"}).status_code == 200
    assert client.get("/login", headers={"Host": "other.example"}).status_code == 400


# -- ids ---------------------------------------------------------------------------------------

BAD_IDS = ["99999999999999999999999999", str(2**63), "-1", "0", "abc", "1e3", "１", "1.0", "%20"]


def test_every_route_with_an_id_answers_404_for_an_id_that_names_no_draft(
    world: tuple[Settings, Store, int],
) -> None:
    settings, store, draft_id = world
    app = create_app(settings, store)
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    login(client)
    token = _csrf(client.get("/").text)
    routes = [(m, r.path) for r in app.routes if isinstance(r, APIRoute) and "{" in r.path for m in r.methods]
    assert len(routes) >= 3
    for method, path in routes:
        for bad in [*BAD_IDS, str(draft_id + 1000)]:
            url = re.sub(r"\{[^}]+\}", bad, path)
            r = client.request(method, url, data={"csrf": token, "action": "reject", "label": "in_scope"})
            assert r.status_code == 404, (method, url, r.status_code)
    assert store.draft(draft_id).status == "pending"
    assert client.get(f"/items/{draft_id}").status_code == 200


# -- an owner-only data home ------------------------------------------------------------------------


def _modes(root: Path) -> dict[str, int]:
    out = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        out[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return out


def test_the_state_database_is_owner_only_even_outside_the_cli(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual umask: what the probe found 0644
    try:
        path = tmp_path / "fresh" / "state.db"
        store = Store(f"sqlite:///{path}")
        store.audit("anna", "test", "x", "1")  # a write: -wal and -shm now exist
        modes = _modes(path.parent)
        store.close()
        assert modes["."] == 0o700
        assert {"state.db", "state.db-wal", "state.db-shm"} <= set(modes)
        assert {name: mode for name, mode in modes.items() if name != "."} == dict.fromkeys(modes.keys() - {"."}, 0o600)
        loose = tmp_path / "old.db"  # made by an earlier version: narrowed when opened
        loose.touch(mode=0o644)
        Store(f"sqlite:///{loose}").close()
        assert stat.S_IMODE(loose.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_the_cli_creates_the_data_home_owner_only(tmp_path: Path) -> None:
    # The real command in its own process, started with a usual umask: the home, state.db and
    # a written digest are the owner's alone (the command sets the umask for all it creates).
    home = tmp_path / "home"
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    script = "import os, sys; os.umask(0o022); sys.argv = ['assistant', *sys.argv[1:]]; import assistant.__main__"
    args = ["digest", "--out", str(home / "digests" / "today.html")]
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    modes = _modes(home)
    assert {"state.db", "digests", "digests/today.html"} <= set(modes)
    assert {name: oct(mode) for name, mode in modes.items() if mode & 0o077} == {}
    assert modes["."] == 0o700 and modes["state.db"] == 0o600


def test_the_chroma_folder_is_owner_only(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from vectorstore import VectorStore

    embedder = SimpleNamespace(language_means=None, collection_name="test", name="test")
    old = os.umask(0o022)
    try:
        VectorStore.open(embedder, path=tmp_path / "chroma")  # type: ignore[arg-type]
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "chroma").stat().st_mode) == 0o700
    assert (tmp_path / "chroma" / "chroma.sqlite3").exists()
    (tmp_path / "chroma").chmod(0o755)  # left by an earlier version: narrowed when opened
    VectorStore.open(embedder, path=tmp_path / "chroma")  # type: ignore[arg-type]
    assert stat.S_IMODE((tmp_path / "chroma").stat().st_mode) == 0o700
