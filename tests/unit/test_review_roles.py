"""Each reviewer's queue: an account manager sees and acts on their own clients' mail only,
an admin on everything (FastAPI TestClient; ``users.toml`` roles; ``serve --add-user``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
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

from assistant.config import Settings
from assistant.errors import ConfigError, UserError
from assistant.parse.models import Address, ParsedMessage
from assistant.review import add_user, create_app, hash_password, load_users
from assistant.state import Client, Correction, Draft, Message, Store, TriageResult

PASSWORD = "correct horse battery"


def seed(
    store: Store, subject: str, client_id: str | None, sender: str, label: str = "out_of_scope", *, draft: bool = True
) -> int:
    """A triaged message of ``client_id`` (None: an unknown sender) with a pending draft (its
    id); with ``draft=False`` none (the message's id)."""
    parsed = ParsedMessage(
        message_id=f"<{subject.encode().hex()[:40]}@test.example>",
        subject=subject,
        sender=Address(name="Sender", email=sender),
        new_text=f"{subject}: could you?",
        date=datetime(2026, 3, 3, 9, tzinfo=UTC),
    )
    result = {"label": label, "red_flags": [], "requests": [], "evidence": [], "confidence": 0.8}
    with store.session() as s:
        m = Message(
            message_id=parsed.message_id,
            source_key="test",
            location="test",
            sender_email=sender,
            sender_name="Sender",
            subject=subject,
            date=parsed.date,
            new_text=parsed.new_text,
            parsed=parsed.model_dump(mode="json"),
            raw=b"",
            client_id=client_id,
            client_match="contact" if client_id else "none",
        )
        s.add(m)
        s.flush()
        s.add(TriageResult(message_pk=m.id, label=label, engine="offline", confidence=0.8, result=result))
        if not draft:
            return m.id
        d = Draft(message_pk=m.id, to_addr=sender, subject=f"Re: {subject}", body="Hi,\nThanks.")
        s.add(d)
        s.flush()
        return d.id


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Store, dict[str, int]]]:
    settings = Settings(home=tmp_path / "home")
    store = Store(settings.db_url)
    with store.session() as s:
        # clients.json may give the manager with a display name and in any case
        s.add(Client(id="cykelhuset", name="Cykelhuset", account_manager="Anna Lind <Anna@Fjordlight.example>"))
        s.add(Client(id="lotus", name="Lotus Spa", account_manager="anna@fjordlight.example"))
        s.add(Client(id="bakery", name="Bakery Bo", account_manager="bo@fjordlight.example"))
    ids = {
        "anna1": seed(store, "Anna logo request", "cykelhuset", "mette@cykelhuset.example"),
        "anna2": seed(store, "Anna spa flyer", "lotus", "lek@lotus.example", label="in_scope"),
        "bo": seed(store, "Bo invoice later", "bakery", "b@bakery.example", label="red_flag"),
        "nobody": seed(store, "Stranger asks", None, "who@unknown.example"),
    }
    broken = ParsedMessage(
        message_id="<broken@synthesised.invalid>", message_id_synthesised=True, quarantine_reason="ValueError: bad"
    )
    with store.open_session() as s:
        store.add_message(s, broken, b"raw", source_key="imap://x", location="imap://x/INBOX;UID=7")
        s.commit()
    # messages with no draft: already answered, or stuck in quarantine at a later stage
    answered = [seed(store, f"{who} answered already", cid, "x@y.example", draft=False) for who, cid in OWNERS]
    stuck = [seed(store, f"{who} stuck", cid, "x@y.example", draft=False) for who, cid in OWNERS]
    with store.session() as s:
        for pk in answered:
            store.record_answer(s, s.get(Message, pk).message_id, "flag")
        for n, pk in enumerate(stuck, start=8):
            loc = f"imap://x/INBOX;UID={n}"
            store.quarantine(
                s, stage="label", reason="RuntimeError: down", raw=loc.encode(), location=loc, message_pk=pk
            )
    add_user(settings.home, "anna", PASSWORD, name="Anna", role="manager", email="anna@fjordlight.example")
    add_user(settings.home, "bo", PASSWORD, name="Bo", role="manager", email="Bo@Fjordlight.example")
    add_user(settings.home, "root", PASSWORD, name="Root", role="admin")
    yield settings, store, ids
    store.close()


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def logged_in(settings: Settings, store: Store, user: str) -> TestClient:
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1")
    token = _csrf(client.get("/login").text)
    r = client.post(
        "/login", data={"csrf": token, "username": user, "password": PASSWORD, "next": "/"}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    return client


OWNERS = (("Anna", "lotus"), ("Bo", "bakery"))  # UID 8 is Anna's stuck message, UID 9 Bo's
SUBJECTS = {
    "anna1": "Anna logo request",
    "anna2": "Anna spa flyer",
    "bo": "Bo invoice later",
    "nobody": "Stranger asks",
}


def _seen(html: str) -> set[str]:
    return {key for key, subject in SUBJECTS.items() if subject in html}


def test_a_manager_s_queue_and_clients_page_show_only_their_clients(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    settings, store, ids = world
    anna = logged_in(settings, store, "anna")
    for query in ("", "?status=all", "?client=bakery&status=all", "?manager=bo%40fjordlight.example"):
        html = anna.get("/" + query).text
        assert _seen(html) <= {"anna1", "anna2"}, query
        assert f'href="/items/{ids["bo"]}"' not in html and f'href="/items/{ids["nobody"]}"' not in html
    html = anna.get("/").text
    assert _seen(html) == {"anna1", "anna2"} and "Drafts to review (2)" in html
    # the filters offer only her clients; the quarantine (mail of no client) is not hers
    assert "Bakery Bo" not in html and "bo@fjordlight.example" not in html
    # of the mail with no draft, she sees her clients' only: not Bo's, not the unparsed one of no client
    assert "Anna answered already" in html and "Bo answered already" not in html
    assert "1 message in quarantine" in html and "imap://x/INBOX;UID=8" in html
    assert "imap://x/INBOX;UID=9" not in html and "imap://x/INBOX;UID=7" not in html

    clients = anna.get("/clients").text
    assert "Cykelhuset" in clients and "Lotus Spa" in clients
    assert "Bakery Bo" not in clients and "bo@fjordlight.example" not in clients

    bo = logged_in(settings, store, "bo")  # an address in another case is the same address
    assert _seen(bo.get("/").text) == {"bo"}
    assert "Bakery Bo" in bo.get("/clients").text and "Cykelhuset" not in bo.get("/clients").text


def test_an_admin_sees_everything(world: tuple[Settings, Store, dict[str, int]]) -> None:
    settings, store, ids = world
    root = logged_in(settings, store, "root")
    html = root.get("/").text
    assert _seen(html) == set(SUBJECTS) and "Drafts to review (4)" in html
    assert "3 messages in quarantine" in html
    assert "Anna answered already" in html and "Bo answered already" in html
    clients = root.get("/clients").text
    assert all(name in clients for name in ("Cykelhuset", "Lotus Spa", "Bakery Bo"))
    for key in SUBJECTS:
        assert root.get(f"/items/{ids[key]}").status_code == 200


def test_a_manager_gets_404_for_another_manager_s_draft_on_every_route(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    settings, store, ids = world
    app = create_app(settings, store)
    anna = TestClient(app, base_url="http://127.0.0.1")
    token = _csrf(anna.get("/login").text)
    anna.post("/login", data={"csrf": token, "username": "anna", "password": PASSWORD, "next": "/"})
    token = _csrf(anna.get("/").text)
    nothing = anna.get("/items/999999")
    assert nothing.status_code == 404 and "Not found" in nothing.text

    before = {key: (store.draft(ids[key]).status, store.draft(ids[key]).body) for key in SUBJECTS}
    forms: list[dict[str, Any]] = [
        {"action": "approve"},
        {"action": "send"},
        {"action": "save", "body": "Hi,\nHijacked.", "subject": "Re: hijacked"},
        {"action": "approve", "body": "Hi,\nHijacked."},
        {"action": "reject"},
        {"label": "in_scope", "reason": "not mine to judge"},
    ]
    routes = [(m, r.path) for r in app.routes if isinstance(r, APIRoute) and "{" in r.path for m in r.methods]
    assert {path for _, path in routes} >= {"/items/{draft_id}", "/items/{draft_id}/draft", "/items/{draft_id}/relabel"}
    for key in ("bo", "nobody"):  # another manager's client; no client at all (admins only)
        for method, path in routes:
            url = path.replace("{draft_id}", str(ids[key]))
            for form in forms if method == "POST" else [{}]:
                data = {"csrf": token, **form} if method == "POST" else None
                r = anna.request(method, url, data=data, follow_redirects=False)
                assert r.status_code == 404, (key, method, url, form, r.status_code)
                # it reads exactly as an id that names nothing: guessing tells nothing
                ghost = anna.request(method, path.replace("{draft_id}", "999999"), data=data)
                assert r.text == ghost.text
    after = {key: (store.draft(ids[key]).status, store.draft(ids[key]).body) for key in SUBJECTS}
    assert after == before
    assert store.audit_trail() == []
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Correction)) == 0

    # her own draft she can open and act on
    assert "Anna logo request" in anna.get(f"/items/{ids['anna1']}").text
    anna.post(f"/items/{ids['anna1']}/draft", data={"csrf": token, "action": "reject"})
    assert store.draft(ids["anna1"]).status == "rejected"
    assert [(e.action, e.actor) for e in store.audit_trail("draft", str(ids["anna1"]))] == [("draft.rejected", "anna")]


def test_every_route_with_an_id_loads_the_draft_through_the_one_check(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    # A new route with a {draft_id} that loaded the draft itself would skip the manager check.
    from fastapi.dependencies.models import Dependant

    from assistant.review.deps import visible_draft

    def calls(dependant: Dependant) -> set[Any]:
        return {dependant.call} | {c for sub in dependant.dependencies for c in calls(sub)}

    settings, store, _ = world
    routes = [r for r in create_app(settings, store).routes if isinstance(r, APIRoute) and "{draft_id}" in r.path]
    assert len(routes) >= 3
    for route in routes:
        assert visible_draft in calls(route.dependant), f"{route.path} does not declare VisibleDraft"


def test_a_changed_role_or_client_takes_effect_on_the_next_request(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    settings, store, ids = world
    anna = logged_in(settings, store, "anna")
    assert anna.get(f"/items/{ids['bo']}").status_code == 404
    with store.session() as s:  # bakery handed over to Anna (clients.json, then ingest)
        s.get(Client, "bakery").account_manager = "anna@fjordlight.example"
    assert anna.get(f"/items/{ids['bo']}").status_code == 200
    add_user(settings.home, "bo", PASSWORD, role="admin")  # bo promoted: he sees mail of no client
    bo = logged_in(settings, store, "bo")
    assert bo.get(f"/items/{ids['nobody']}").status_code == 200


def test_accounts_from_before_roles_are_admins(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "users.toml").write_text(
        f'[users.old]\npassword_hash = "{hash_password(PASSWORD)}"\nname = "Old"\n', encoding="utf-8"
    )
    old = load_users(home)["old"]
    assert old.role == "admin" and old.is_admin
    # the next write records the role; a reset keeps role and email
    add_user(home, "anna", PASSWORD, role="manager", email="anna@fjordlight.example")
    text = (home / "users.toml").read_text(encoding="utf-8")
    assert text.count('role = "admin"') == 1 and 'role = "manager"' in text
    add_user(home, "anna", PASSWORD + "2")
    anna = load_users(home)["anna"]
    assert (anna.role, anna.email) == ("manager", "anna@fjordlight.example")

    settings = Settings(home=home)
    store = Store(settings.db_url)
    try:
        with store.session() as s:
            s.add(Client(id="c", name="C", account_manager="anna@fjordlight.example"))
        seed(store, "Stranger asks", None, "who@unknown.example")
        client = TestClient(create_app(settings, store), base_url="http://127.0.0.1")
        token = _csrf(client.get("/login").text)
        client.post("/login", data={"csrf": token, "username": "old", "password": PASSWORD, "next": "/"})
        assert "Stranger asks" in client.get("/").text
    finally:
        store.close()


def test_users_toml_roles_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    h = hash_password(PASSWORD)
    path.write_text(f'[users.x]\npassword_hash = "{h}"\nrole = "boss"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="role 'boss'"):
        load_users(tmp_path)
    path.write_text(f'[users.x]\npassword_hash = "{h}"\nrole = "manager"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no email address"):
        load_users(tmp_path)


def test_serve_add_user_takes_a_role_and_a_manager_an_email(tmp_path: Path) -> None:
    from assistant.cli import app as cli

    home = tmp_path / "home"
    runner = CliRunner()
    pw = f"{PASSWORD}\n{PASSWORD}\n"

    def run(*args: str) -> Any:
        return runner.invoke(cli, ["--home", str(home), "serve", *args], input=pw)

    def refused(*args: str) -> str:
        r = run(*args)
        assert isinstance(r.exception, UserError) and "Password" not in r.output, (args, r.output)
        return str(r.exception)  # the CLI prints it as one line

    assert "--role manager --email ADDRESS" in refused("--add-user", "anna")
    assert "--email" in refused("--add-user", "anna", "--role", "manager")
    assert "--role manager or --role admin" in refused("--add-user", "anna", "--role", "owner")
    assert "not an email address" in refused("--add-user", "anna", "--role", "manager", "--email", "anna")
    assert "--add-user" in refused("--role", "admin")
    assert not (home / "users.toml").exists()

    r = run("--add-user", "anna", "--role", "manager", "--email", "Anna <anna@fjordlight.example>")
    assert r.exit_code == 0, r.output
    assert "manager" in r.output
    r = run("--add-user", "root", "--role", "admin")
    assert r.exit_code == 0, r.output
    r = run("--add-user", "anna")  # a new password; role and address kept
    assert r.exit_code == 0, r.output
    users = load_users(home)
    assert (users["anna"].role, users["anna"].email) == ("manager", "anna@fjordlight.example")
    assert (users["root"].role, users["root"].email) == ("admin", "")


def test_previous_and_next_on_an_item_stay_inside_the_manager_s_queue(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    settings, store, ids = world
    linked = {
        int(n)
        for draft in ("anna1", "anna2")
        for n in re.findall(
            r'href="/items/(\d+)" rel="(?:prev|next)"',
            logged_in(settings, store, "anna").get(f"/items/{ids[draft]}").text,
        )
    }
    assert linked == {ids["anna1"], ids["anna2"]}  # each of her two drafts links to the other, never to Bo's
    admin = logged_in(settings, store, "root")
    everything = {
        int(n)
        for key in ids
        for n in re.findall(r'href="/items/(\d+)" rel="(?:prev|next)"', admin.get(f"/items/{ids[key]}").text)
    }
    assert ids["bo"] in everything
