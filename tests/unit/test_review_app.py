"""The review web page (FastAPI TestClient): login, CSRF, queue order, relabel, escaping."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("argon2")
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.label.engine import ClientInfo, TriageContext
from assistant.parse.models import Address, ParsedMessage
from assistant.review import (
    add_user,
    create_app,
    examples_for,
    hash_password,
    load_users,
)
from assistant.review.corrections import corrections
from assistant.state import Client, Draft, Message, Store, TriageResult

PASSWORD = "correct horse battery"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def seed_message(
    store: Store,
    *,
    subject: str,
    text: str,
    label: str,
    flags: list[str] | None = None,
    client_id: str = "cykelhuset",
    sender_name: str = "Mette",
    sender: str = "mette@cykelhuset.example",
    quoted: str = "",
    day: int = 1,
    evidence: list[dict[str, Any]] | None = None,
    requests: list[Any] | None = None,
    needs_judgement: bool = False,
) -> int:
    """A stored, triaged message with a pending draft; returns the draft id."""
    flags = flags or []
    mid = f"<{subject.encode().hex()[:40]}-{day}@cykelhuset.example>"
    parsed = ParsedMessage(
        message_id=mid,
        subject=subject,
        sender=Address(name=sender_name, email=sender),
        new_text=text,
        quoted_text=quoted,
        date=datetime(2026, 3, day, 9, tzinfo=UTC),
    )
    result = {
        "label": label,
        "red_flags": flags,
        "requests": requests or [],
        "needs_judgement": needs_judgement,
        "confidence": 0.8,
        "rationale": "Because.",
        "engine": "offline",
        "reply_needed": True,
        "language": "en",
        "evidence": evidence
        or [
            {
                "document": "sow.md",
                "title": "Samarbejdsaftale",
                "kind": "scope",
                "date": "2026-01-20",
                "section": "Ikke inkluderet",
                "text": "Logo, grafisk design og visuel identitet.",
                "excluded": True,
            }
        ],
    }
    with store.session() as s:
        m = Message(
            message_id=mid,
            source_key="test",
            location="test",
            sender_email=sender,
            sender_name=sender_name,
            subject=subject,
            date=parsed.date,
            new_text=text,
            parsed=parsed.model_dump(mode="json"),
            raw=b"",
            client_id=client_id,
            client_match="contact",
        )
        s.add(m)
        s.flush()
        s.add(TriageResult(message_pk=m.id, label=label, engine="offline", confidence=0.8, result=result))
        d = Draft(message_pk=m.id, to_addr=sender, subject=f"Re: {subject}", body="Hej Mette,\nTak.")
        s.add(d)
        s.flush()
        return d.id


@pytest.fixture
def world(tmp_path: Path) -> tuple[Settings, Store, dict[str, int]]:
    home = tmp_path / "home"
    settings = Settings(home=home)
    store = Store(settings.db_url)
    with store.session() as s:
        s.add(Client(id="cykelhuset", name="Cykelhuset", account_manager="anna@fjordlight.example"))
        s.add(Client(id="bakery", name="Bakery", account_manager="bo@fjordlight.example"))
    ids = {
        "in": seed_message(store, subject="Status call Tuesday", text="See you Tuesday.", label="in_scope", day=5),
        "oos": seed_message(
            store, subject="New logo?", text="Could you quickly make a new logo?", label="out_of_scope", day=3
        ),
        "red": seed_message(
            store,
            subject="Invoice",
            text="We pay next month, keep working.",
            label="red_flag",
            flags=["late_payment"],
            client_id="bakery",
            sender="bo@bakery.example",
            day=2,
        ),
    }
    add_user(home, "anna", PASSWORD, name="Anna")
    return settings, store, ids


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def login(client: TestClient, user: str = "anna", password: str = PASSWORD) -> Any:
    token = _csrf(client.get("/login").text)
    return client.post(
        "/login", data={"csrf": token, "username": user, "password": password, "next": "/"}, follow_redirects=False
    )


@pytest.fixture
def client(world: tuple[Settings, Store, dict[str, int]]) -> TestClient:
    settings, store, _ = world
    return TestClient(create_app(settings, store), base_url="http://127.0.0.1")


def test_users_file_and_secret_key(world: tuple[Settings, Store, dict[str, int]]) -> None:
    settings, _, _ = world
    users = load_users(settings.home)
    assert users["anna"].name == "Anna" and users["anna"].password_hash.startswith("$argon2id$")
    assert PASSWORD not in (settings.home / "users.toml").read_text()
    assert hash_password("x" * 12) != hash_password("x" * 12)  # salted
    create_app(settings)
    key = settings.home / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((settings.home / "users.toml").stat().st_mode) == 0o600


def test_login_required_redirects(client: TestClient) -> None:
    for path in ("/", "/items/1", "/clients"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_wrong_password_refused(client: TestClient) -> None:
    r = login(client, password="not the password")
    assert r.status_code == 401 and "Wrong user name or password" in r.text
    assert login(client, user="nobody").status_code == 401
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_and_session_cookie_flags(client: TestClient) -> None:
    r = login(client)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'none'" in csp and "default-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"


def test_open_redirect_refused(client: TestClient) -> None:
    token = _csrf(client.get("/login").text)
    r = client.post(
        "/login",
        data={"csrf": token, "username": "anna", "password": PASSWORD, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


def test_csrf_missing_or_wrong_is_403(client: TestClient, world: tuple[Settings, Store, dict[str, int]]) -> None:
    _, store, ids = world
    no_token = client.post("/login", data={"username": "anna", "password": PASSWORD})
    assert no_token.status_code == 403
    login(client)
    for data in ({"action": "reject"}, {"action": "reject", "csrf": "forged"}):
        r = client.post(f"/items/{ids['oos']}/draft", data=data, follow_redirects=False)
        assert r.status_code == 403
    r = client.post(f"/items/{ids['oos']}/relabel", data={"label": "in_scope", "reason": "x"}, follow_redirects=False)
    assert r.status_code == 403
    assert store.draft(ids["oos"]).status == "pending"
    assert corrections(store) == []


def test_queue_red_flags_first_grouped(client: TestClient) -> None:
    login(client)
    html = client.get("/").text
    order = [html.index(s) for s in ("Invoice", "New logo?", "Status call Tuesday")]
    assert order == sorted(order)
    assert "bo@fjordlight.example" in html and "anna@fjordlight.example" in html
    filtered = client.get("/", params={"label": "in_scope"}).text
    assert "Status call Tuesday" in filtered and "Invoice" not in filtered
    by_manager = client.get("/", params={"manager": "bo@fjordlight.example"}).text
    assert "Invoice" in by_manager and "New logo?" not in by_manager


def test_item_shows_evidence_and_folds_history(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _, store, _ = world
    draft_id = seed_message(store, subject="Thread", text="New words.", label="in_scope", quoted="> old words", day=7)
    login(client)
    html = client.get(f"/items/{draft_id}").text
    assert "New words." in html
    assert re.search(r"<details>.*old words.*</details>", html, re.DOTALL)
    assert "Logo, grafisk design og visuel identitet." in html and "not included" in html and "2026-01-20" in html
    assert client.get("/items/9999").status_code == 404


def test_edit_and_reject(client: TestClient, world: tuple[Settings, Store, dict[str, int]]) -> None:
    _, store, ids = world
    login(client)
    token = _csrf(client.get(f"/items/{ids['oos']}").text)
    r = client.post(
        f"/items/{ids['oos']}/draft",
        data={"csrf": token, "action": "save", "subject": "Re: Logo", "body": "Hej Mette,\r\nEdited."},
        follow_redirects=False,
    )
    assert r.status_code == 303
    d = store.draft(ids["oos"])
    assert (d.body, d.subject, d.status) == ("Hej Mette,\nEdited.", "Re: Logo", "pending")
    client.post(f"/items/{ids['oos']}/draft", data={"csrf": token, "action": "reject"})
    assert store.draft(ids["oos"]).status == "rejected"
    actions = [(e.actor, e.action) for e in store.audit_trail("draft", str(ids["oos"]))]
    assert actions == [("anna", "draft.edited"), ("anna", "draft.rejected")]


def test_approve_without_mailbox_says_what_to_set(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _, store, ids = world
    login(client)
    token = _csrf(client.get(f"/items/{ids['in']}").text)
    page = client.post(
        f"/items/{ids['in']}/draft", data={"csrf": token, "action": "approve", "body": "Hej.", "subject": "Re: x"}
    )
    assert "ASSISTANT_IMAP_HOST" in page.text
    assert store.draft(ids["in"]).status == "pending"


def test_relabel_is_stored_audited_and_teaches(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _, store, ids = world
    login(client)
    token = _csrf(client.get(f"/items/{ids['oos']}").text)
    bad = client.post(f"/items/{ids['oos']}/relabel", data={"csrf": token, "label": "red_flag", "reason": "x"})
    assert "needs at least one red-flag category" in bad.text
    r = client.post(
        f"/items/{ids['oos']}/relabel",
        data={
            "csrf": token,
            "label": "red_flag",
            "red_flags": ["discount_pressure", "unclear_goals"],
            "reason": "they want it free",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    [c] = corrections(store)
    assert (c.label, c.red_flags, c.reason, c.actor, c.client_id) == (
        "red_flag",
        ["discount_pressure", "unclear_goals"],
        "they want it free",
        "anna",
        "cykelhuset",
    )
    m = store.draft(ids["oos"]).message
    assert m.triage.label == "red_flag" and m.triage.result["red_flags"] == ["discount_pressure", "unclear_goals"]
    [event] = [e for e in store.audit_trail("message") if e.action == "triage.relabel"]
    assert event.actor == "anna" and event.detail["from"]["label"] == "out_of_scope"

    [example] = examples_for(store, "cykelhuset")
    assert (example.text, example.label, example.red_flags) == (
        "Could you quickly make a new logo?",
        "red_flag",
        ("discount_pressure", "unclear_goals"),
    )
    assert examples_for(store, "bakery") == []

    from assistant.label.offline import OfflineEngine

    ctx = TriageContext(
        message=ParsedMessage(
            message_id="<new@x>",
            subject="New logo?",
            new_text=example.text,
            sender=Address(email="mette@cykelhuset.example"),
        ),
        client=ClientInfo(id="cykelhuset", name="Cykelhuset"),
        evidence=[],
    )
    engine = OfflineEngine()
    before = engine.decide(ctx).result
    ctx.examples = examples_for(store, "cykelhuset")
    after = engine.decide(ctx).result
    assert (after.label, after.red_flags) == ("red_flag", ["discount_pressure", "unclear_goals"])
    assert (before.label, before.red_flags) != (after.label, after.red_flags)


def test_client_mail_is_escaped(client: TestClient, world: tuple[Settings, Store, dict[str, int]]) -> None:
    _, store, _ = world
    draft_id = seed_message(
        store,
        subject=f"Hi {XSS}",
        text=f"Body {XSS}",
        label="red_flag",
        flags=["unclear_goals"],
        sender_name=f"Evil {XSS}",
        quoted=XSS,
        day=9,
        evidence=[{"document": XSS, "title": XSS, "text": XSS, "kind": "scope"}],
    )
    login(client)
    for html in (client.get("/").text, client.get(f"/items/{draft_id}").text):
        assert "<script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html
    assert "onerror" not in re.sub(r"&lt;img src=x onerror=alert\(1\)&gt;", "", client.get(f"/items/{draft_id}").text)


def test_clients_page_meter_and_manager_limit(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _settings, store, _ = world
    with store.session() as s:
        for i in range(3):
            s.add(Client(id=f"extra{i}", name=f"Extra {i}", account_manager="anna@fjordlight.example"))
    login(client)
    html = client.get("/clients").text
    assert re.search(r"anna@fjordlight\.example</td><td class=\"over\">4 \(over the limit of 3\)", html)
    assert "bo@fjordlight.example</td><td>1</td>" in html
    roomy = TestClient(
        create_app(Settings(home=_settings.home, clients_per_manager=5), store), base_url="http://127.0.0.1"
    )
    login(roomy)
    assert "anna@fjordlight.example</td><td>4</td>" in roomy.get("/clients").text  # the configured limit
    from assistant.review.app import _overview

    now = datetime(2026, 3, 20, tzinfo=UTC)
    overview = _overview(store, 3, now=now)
    cyk = next(st for st in overview["clients"] if st["client"].id == "cykelhuset")
    bakery = next(st for st in overview["clients"] if st["client"].id == "bakery")
    assert (cyk["oos_this"], cyk["oos_last"], cyk["open"]) == (1, 0, 2)
    assert bakery["red_open"] == 1 and bakery["last_contact"].day == 2


def test_add_user_validates(tmp_path: Path) -> None:
    from assistant.errors import UserError

    with pytest.raises(UserError):
        add_user(tmp_path, "Bad Name", PASSWORD)
    with pytest.raises(UserError):
        add_user(tmp_path, "bo", "short")
    add_user(tmp_path, "bo", PASSWORD)
    add_user(tmp_path, "bo", PASSWORD + "2")  # reset keeps one entry
    assert list(load_users(tmp_path)) == ["bo"]


def test_approve_and_send_over_smtp(world: tuple[Settings, Store, dict[str, int]], smtp_server: Any) -> None:
    port, handler = smtp_server
    _, store, ids = world
    settings = Settings(
        home=world[0].home,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from="anna@fjordlight.example",
    )
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1")
    login(client)
    token = _csrf(client.get(f"/items/{ids['oos']}").text)
    page = client.post(
        f"/items/{ids['oos']}/draft",
        data={"csrf": token, "action": "send", "subject": "Re: New logo?", "body": "Hi Mette,\nA logo is extra."},
    )
    assert "approved and sent" in page.text
    [envelope] = handler.envelopes
    assert envelope.rcpt_tos == ["mette@cykelhuset.example"] and b"A logo is extra." in envelope.content
    assert store.draft(ids["oos"]).status == "sent"
    assert [e.action for e in store.audit_trail("draft", str(ids["oos"]))] == [
        "draft.edited",
        "draft.approving",
        "draft.approved",
        "draft.sent",
    ]


def test_serve_refuses_public_host_and_no_users(tmp_path: Path) -> None:
    from assistant.errors import UserError
    from assistant.review.app import serve

    with pytest.raises(UserError, match="plain HTTP"):
        serve(Settings(home=tmp_path), host="0.0.0.0")
    with pytest.raises(UserError, match="--add-user"):
        serve(Settings(home=tmp_path), host="127.0.0.1")


def test_two_racing_approvals_send_once(
    world: tuple[Settings, Store, dict[str, int]], smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web page and the CLI approving the same draft at the same moment: one email."""
    import threading
    import time

    from assistant.mailout import smtp
    from assistant.review import actions

    port, handler = smtp_server
    _, store, ids = world
    settings = Settings(
        home=world[0].home,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from="anna@fjordlight.example",
    )
    real_send, start = smtp.send, threading.Barrier(2)

    def slow_send(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)  # the other approval arrives while this one is still sending
        return real_send(*args, **kwargs)

    monkeypatch.setattr(smtp, "send", slow_send)
    results: list[actions.ActionResult] = []

    def approve(actor: str) -> None:
        start.wait()
        results.append(actions.approve_and_send(settings, store, ids["oos"], actor))

    threads = [threading.Thread(target=approve, args=(who,)) for who in ("anna", "cli")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(handler.envelopes) == 1
    assert sorted(r.changed for r in results) == [False, True]
    assert store.draft(ids["oos"]).status == "sent"
    actions_done = [e.action for e in store.audit_trail("draft", str(ids["oos"]))]
    assert actions_done == ["draft.approving", "draft.approved", "draft.sent"]


def test_a_failed_send_puts_the_claimed_draft_back_and_release_frees_a_stuck_one(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    from assistant.errors import UserError
    from assistant.review import actions

    _, store, ids = world
    closed = Settings(
        home=world[0].home,
        smtp_host="127.0.0.1",
        smtp_port=9,
        smtp_security="none",
        smtp_from="anna@fjordlight.example",
    )  # nothing listens on the discard port
    with pytest.raises(UserError):
        actions.approve_and_send(closed, store, ids["oos"], "anna")
    assert store.draft(ids["oos"]).status == "pending"
    trail = store.audit_trail("draft", str(ids["oos"]))
    assert [e.action for e in trail] == ["draft.approving", "draft.pending"] and "released" in trail[-1].detail

    assert store.claim_draft(ids["oos"], actor="anna", purpose="send")  # as if the process died mid-send
    assert not store.claim_draft(ids["oos"], actor="cli", purpose="send")
    stuck = actions.approve_and_send(closed, store, ids["oos"], "cli")
    assert not stuck.changed and "drafts release" in stuck.message
    assert actions.release(closed, store, ids["oos"], "anna").changed
    assert store.draft(ids["oos"]).status == "pending"
    assert not actions.release(closed, store, ids["oos"], "anna").changed  # pending is not stuck


@pytest.mark.parametrize(
    ("host", "allow_remote", "base_url", "secure"),
    [
        ("0.0.0.0", True, "https://review.agency.example", True),
        ("127.0.0.1", False, "http://127.0.0.1", False),
    ],
)
def test_served_for_remote_reviewers_the_session_cookie_is_secure(
    world: tuple[Settings, Store, dict[str, int]],
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    allow_remote: bool,
    base_url: str,
    secure: bool,
) -> None:
    # --allow-remote is for a TLS proxy in front: the browser must never send the cookie in clear.
    from assistant.review.app import serve

    settings, _, _ = world
    served: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.append(app))
    serve(settings, host=host, allow_remote=allow_remote, host_names=["review.agency.example"])
    r = login(TestClient(served[0], base_url=base_url))
    assert r.status_code == 303
    assert ("secure" in r.headers["set-cookie"].lower().split("; ")) is secure


def test_save_says_saved_only_when_the_draft_changed(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _, store, ids = world
    login(client)
    draft = store.draft(ids["oos"])
    token = _csrf(client.get(f"/items/{ids['oos']}").text)
    same = client.post(
        f"/items/{ids['oos']}/draft",
        data={"csrf": token, "action": "save", "subject": draft.subject, "body": draft.body},
    )
    assert f"Draft {ids['oos']} saved." not in same.text and "No change." in same.text
    client.post(f"/items/{ids['oos']}/draft", data={"csrf": token, "action": "reject"})
    late = client.post(
        f"/items/{ids['oos']}/draft", data={"csrf": token, "action": "save", "subject": "Re: Logo", "body": "Too late."}
    )
    assert f"Draft {ids['oos']} saved." not in late.text and "not saved" in late.text and "rejected" in late.text
    assert store.draft(ids["oos"]).body == draft.body
    assert [e.action for e in store.audit_trail("draft", str(ids["oos"]))] == ["draft.rejected"]


def test_the_queue_shows_quarantined_messages(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _, store, _ = world
    broken = ParsedMessage(
        message_id="<broken@synthesised.invalid>",
        message_id_synthesised=True,
        quarantine_reason=f"ValueError: {XSS} (at body.py:42)",
    )
    with store.open_session() as s:
        store.add_message(s, broken, b"raw", source_key="imap://x", location="imap://x/INBOX;UID=7")
        s.commit()
    login(client)
    html = client.get("/").text
    assert "1 message in quarantine" in html and "imap://x/INBOX;UID=7" in html and ">parse<" in html
    assert "ValueError: &lt;script&gt;" in html and "<script>" not in html


def test_the_queue_says_which_messages_got_no_draft_because_they_were_answered(
    client: TestClient, world: tuple[Settings, Store, dict[str, int]]
) -> None:
    _, store, ids = world
    answered = store.draft(ids["oos"]).message
    with store.session() as s:
        s.delete(s.get(Draft, ids["oos"]))  # triaged, but no draft: as triage leaves answered mail
        store.record_answer(
            s, answered.message_id, "reply", reply_id="<r@fjordlight.example>", replied_at=datetime(2026, 3, 4, 8)
        )
        store.record_answer(s, store.draft(ids["in"]).message.message_id, "flag")  # it has a draft: not listed
    login(client)
    html = client.get("/").text
    assert "1 message already answered: labelled, no draft made" in html
    assert "New logo?" in html and "already answered on 2026-03-04" in html
    # A draft whose message was answered after it was made says so on its page.
    item = client.get(f"/items/{ids['in']}").text
    assert "Reply found: already answered (marked answered in the mailbox)" in item
    assert "Reply found" not in client.get(f"/items/{ids['red']}").text


def test_every_route_declares_the_login_and_every_post_the_csrf_dependency(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    # The checks are declared dependencies (assistant.review.deps), so a new route cannot
    # forget them: only the login pages and the stylesheet are open, and logout needs no login
    # (it must also end a session whose reviewer was removed), but every POST needs the token.
    from fastapi.dependencies.models import Dependant
    from fastapi.routing import APIRoute

    from assistant.review.deps import csrf_checked_form, current_user

    def calls(dependant: Dependant) -> set[Any]:
        return {dependant.call} | {c for sub in dependant.dependencies for c in calls(sub)}

    settings, store, _ = world
    routes = [r for r in create_app(settings, store).routes if isinstance(r, APIRoute)]
    open_to_all = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/static/style.css")}
    seen = set()
    for route in routes:
        needs = calls(route.dependant)
        for method in route.methods:
            seen.add((method, route.path))
            if (method, route.path) not in open_to_all:
                assert current_user in needs, f"{method} {route.path} does not declare CurrentUser"
            if method != "GET":
                assert csrf_checked_form in needs, f"{method} {route.path} does not declare CsrfForm"
    assert open_to_all <= seen and len(seen) > len(open_to_all)


def test_an_item_shows_each_request_with_its_verdict_and_clause_and_the_queue_flags_judgement(
    world: tuple[Settings, Store, dict[str, int]], client: TestClient
) -> None:
    _, store, _ = world
    logo = {
        "document": "sow.md",
        "title": "Samarbejdsaftale",
        "kind": "scope",
        "date": "2026-01-20",
        "text": "4.2 Logo og visuel identitet.",
        "excluded": True,
    }
    rounds = {
        "document": "sow.md",
        "title": "Samarbejdsaftale",
        "kind": "scope",
        "date": "2026-01-20",
        "text": "2.3 Op til 2 rettelsesrunder pr. artikel.",
    }
    judged = seed_message(
        store,
        subject="Logo and a third round",
        text="Kan I lave et logo? Og en 3. rettelsesrunde?",
        label="out_of_scope",
        day=7,
        needs_judgement=True,
        requests=[
            {"text": "Kan I lave et logo?", "verdict": "excluded", "evidence": logo},
            {
                "text": "Og en 3. rettelsesrunde?",
                "verdict": "beyond_limit",
                "evidence": rounds,
                "requested": "3",
                "allowed": "2",
            },
        ],
    )
    old = seed_message(
        store,
        subject="Old result",
        text="Kan I lave et logo?",
        label="out_of_scope",
        day=8,
        requests=["Kan I lave et logo?"],
    )
    login(client)
    page = client.get(f"/items/{judged}").text
    assert "excluded by the agreement" in page and "4.2 Logo og visuel identitet." in page
    assert "beyond the agreed limit" in page and "asks for 3; agreed 2" in page
    assert "needs your judgement" in page
    assert "Kan I lave et logo?" in client.get(f"/items/{old}").text  # a result stored before verdicts
    queue = client.get("/").text
    assert queue.count("needs your judgement") == 1


def test_with_several_mailboxes_the_queue_and_item_name_each_messages_mailbox(
    world: tuple[Settings, Store, dict[str, int]],
) -> None:
    from assistant.config import MailboxConfig

    settings, store, ids = world
    assert "mailbox" not in _queue_and_item(TestClient(create_app(settings, store), base_url="http://127.0.0.1"), ids)
    boxes = [MailboxConfig(name=n, host="imap.agency.example", user=f"{n}@agency.example") for n in ("anna", "shared")]
    several = settings.model_copy(update={"mailbox": boxes})
    with store.session() as s:
        for m in s.query(Message):
            m.source_key = (
                f"imap://{'shared' if m.client_id == 'bakery' else 'anna'}@agency.example@imap.agency.example:993/INBOX"
            )
    html = _queue_and_item(TestClient(create_app(several, store), base_url="http://127.0.0.1"), ids)
    assert re.search(r"Invoice.*?to mailbox shared.*?</tr>", html, re.DOTALL)
    assert re.search(r"New logo\?.*?to mailbox anna.*?</tr>", html, re.DOTALL)
    assert re.search(r"· mailbox shared\s", html)  # the item page of the invoice


def _queue_and_item(client: TestClient, ids: dict[str, int]) -> str:
    login(client)
    return client.get("/").text + client.get(f"/items/{ids['red']}").text
