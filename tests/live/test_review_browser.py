"""The review web page in a real Chromium (Playwright), against a real Dovecot: log in, edit
and approve a draft (it lands in \\Drafts, threaded), relabel, and client mail carrying
script stays inert text."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant.state import Client, Draft, Message, Store, TriageResult

pytestmark = pytest.mark.live

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "review-password-123"
XSS = '<script>alert("xss")</script><img src=x onerror=alert(2)>'
#: Read once, at import: the mailbox fixture clears every ASSISTANT_* variable of the test.
UPDATE_SCREENSHOTS = os.environ.get("ASSISTANT_UPDATE_SCREENSHOTS") == "1"


def _unavailable(reason: str) -> None:
    if os.environ.get("ASSISTANT_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (ASSISTANT_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable("chromium not installed: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright not installed: pip install playwright")
    for mod in ("fastapi", "uvicorn", "argon2"):
        try:
            __import__(mod)
        except ImportError:
            _unavailable(f"{mod} not installed: pip install {mod}")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Iterator[Path]:
    """Where the screenshots go: the committed ones in docs/screenshots only when asked for
    (``ASSISTANT_UPDATE_SCREENSHOTS=1``), else a temp dir; the committed ones are checked to be
    left alone, so a test run never leaves a changed file in the checkout."""
    if UPDATE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        yield SCREENSHOTS
        return
    before = _stamps(SCREENSHOTS)
    (tmp_path / "screenshots").mkdir()
    yield tmp_path / "screenshots"
    assert _stamps(SCREENSHOTS) == before, (
        "docs/screenshots changed; only ASSISTANT_UPDATE_SCREENSHOTS=1 may write them"
    )


def _stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.png")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(imap_account: Any, tmp_path: Path) -> Iterator[tuple[str, Any, Store]]:
    """Mail in a real mailbox, synced into a store, triaged as the engine would; the app served."""
    from assistant.mailin.imap import ImapSource
    from assistant.pipeline import sync
    from assistant.review import add_user

    settings = imap_account.settings(tmp_path / "home")
    store = Store(settings.db_url)
    with store.session() as s:
        s.add(
            Client(
                id="cykelhuset",
                name="Cykelhuset",
                domains=["cykelhuset.example"],
                contacts=["mette@cykelhuset.example"],
                account_manager="anna@fjordlight.example",
            )
        )
    imap_account.append(
        "INBOX",
        (
            b"From: Mette <mette@cykelhuset.example>\r\nTo: anna@fjordlight.example\r\n"
            b"Subject: New logo?\r\nMessage-ID: <logo-1@cykelhuset.example>\r\n"
            b"Date: Tue, 03 Mar 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
            b"Hi Anna,\r\ncould you quickly make us a new logo? Green, please.\r\n"
        ),
    )
    imap_account.append(
        "INBOX",
        (
            f'From: "Evil {XSS}" <boss@cykelhuset.example>\r\nTo: anna@fjordlight.example\r\n'
            f"Subject: Pay later {XSS}\r\nMessage-ID: <xss-1@cykelhuset.example>\r\n"
            "Date: Wed, 04 Mar 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/html; charset=utf-8\r\n\r\n"
            f"<html><body><p>We pay next month {XSS.replace('<script>', '&lt;script&gt;')}</p>"
            f"<script>alert('body')</script><p onclick=alert(3)>keep working</p></body></html>\r\n"
        ).encode(),
    )
    with ImapSource(settings) as source:
        report = sync(source, store)
    assert report.new == 2
    from sqlalchemy import select

    with store.session() as s:  # a result and draft as the engine would store them
        for m in s.scalars(select(Message).order_by(Message.id)):
            assert m.client_id == "cykelhuset", m.client_match
            red = m.message_id == "<xss-1@cykelhuset.example>"
            label, flags = ("red_flag", ["late_payment"]) if red else ("out_of_scope", [])
            s.add(
                TriageResult(
                    message_pk=m.id,
                    label=label,
                    engine="offline",
                    confidence=0.7,
                    result={
                        "label": label,
                        "red_flags": flags,
                        "requests": [],
                        "confidence": 0.7,
                        "engine": "offline",
                        "reply_needed": True,
                        "rationale": "Asks for work beyond the agreed scope.",
                        "evidence": [
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
                    },
                )
            )
            s.add(
                Draft(
                    message_pk=m.id,
                    to_addr=m.sender_email,
                    subject=f"Re: {m.subject}",
                    body="Hi Mette,\nThanks for your mail.",
                )
            )
    add_user(settings.home, "anna", PASSWORD, name="Anna")

    env = {
        "ASSISTANT_HOME": str(settings.home),
        "ASSISTANT_IMAP_HOST": imap_account.host,
        "ASSISTANT_IMAP_PORT": str(imap_account.port),
        "ASSISTANT_IMAP_USER": imap_account.user,
        "ASSISTANT_IMAP_PASSWORD": imap_account.password,
        "ASSISTANT_IMAP_SECURITY": "none",
    }
    try:
        with _serve(env, tmp_path) as base:
            yield base, imap_account, store
    finally:
        store.close()


@contextmanager
def _serve(settings_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """``assistant serve`` as a real server process with these settings; its base URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(settings_env)
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # the real server process is up when its login page answers
        try:
            urllib.request.urlopen(base + "/login", timeout=2).read()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(
                    "assistant serve did not start: " + (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
                )
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_review_in_a_real_browser(browser: Any, served: tuple[str, Any, Store], screenshots: Path) -> None:
    base, account, store = served
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(base + "/")
    assert page.url.startswith(base + "/login")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "wrong-password-xx")
    page.click("button[type=submit]")
    assert page.get_by_text("Wrong user name or password.").is_visible()
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url(base + "/")

    # The queue: the red flag (with the script payload in its subject and sender) first, as text.
    rows = page.locator("tr.item")
    assert rows.count() == 2
    assert rows.nth(0).get_attribute("data-label") == "red_flag"
    assert page.get_by_text(f"Pay later {XSS}").is_visible()
    page.screenshot(path=str(screenshots / "queue.png"), full_page=True)

    # The XSS item: subject, sender name and HTML body are inert text.
    page.click(f"text=Pay later {XSS}")
    assert page.locator("h1").inner_text() == f"Pay later {XSS}"
    sender = page.locator("strong", has_text="Evil").inner_text()  # the parser unquotes the display name
    assert sender.startswith("Evil <script>alert(") and sender.endswith("<img src=x onerror=alert(2)>")
    assert "We pay next month" in page.locator("#client-text").inner_text()
    assert page.locator("main script, main img").count() == 0
    page.click("text=Evil")  # clicking near the payload does nothing either

    # Relabel it.
    page.select_option("select[name=label]", "red_flag")
    page.check("input[name=red_flags][value=discount_pressure]")
    page.fill("input[name=reason]", "also haggling over the fee")
    page.click("text=Save label")
    page.get_by_text("Label corrected").wait_for()  # the redirect back to the item may take a moment
    xss_msg = next(m for m in store.messages() if m.message_id == "<xss-1@cykelhuset.example>")
    assert sorted(xss_msg.triage.result["red_flags"]) == ["discount_pressure", "late_payment"]
    assert any(e.action == "triage.relabel" and e.actor == "anna" for e in store.audit_trail("message"))

    # The logo item: edit the draft, approve: it lands in the real \Drafts folder, threaded.
    page.goto(base + "/")
    page.click("text=New logo?")
    assert page.get_by_text("not included").first.is_visible()
    page.fill("#draft-body", "Hi Mette,\nA new logo is not part of our agreement; we can quote it as a change request.")
    page.screenshot(path=str(screenshots / "item.png"), full_page=True)
    assert account.uids("Drafts") == []
    page.click("button[value=approve]")
    assert page.get_by_text("approved and placed in Drafts").is_visible()

    [uid] = account.uids("Drafts")
    assert "\\Draft" in account.flags("Drafts", uid)
    reply = account.message("Drafts", uid)
    assert reply["In-Reply-To"] == "<logo-1@cykelhuset.example>"
    assert reply["To"] == "mette@cykelhuset.example"
    assert "not part of our agreement" in reply.get_content()
    logo = next(m for m in store.messages() if m.message_id == "<logo-1@cykelhuset.example>")
    assert store.draft(logo.draft.id).status == "approved"
    assert [e.action for e in store.audit_trail("draft", str(logo.draft.id))] == [
        "draft.edited",
        "draft.approving",
        "draft.approved",
    ]

    assert dialogs == [], f"a script ran: {dialogs}"
    context.close()


# -- the item page with the demo agency's data ------------------------------------------------

DOCS = SCREENSHOTS.parent


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo, triaged once for this module (`assistant demo`, offline engine)."""
    home = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "demo"],
        env={**env, "ASSISTANT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return home / "demo"


@pytest.fixture
def demo_served(browser: Any, demo_home: Path, tmp_path: Path) -> Iterator[tuple[str, Store, Path]]:
    """A copy of the triaged demo served, approvals going to a local Maildir's .Drafts."""
    from assistant.review import add_user

    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    add_user(home, "anna", PASSWORD, name="Anna")
    maildir = tmp_path / "Mail"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    store = Store(f"sqlite:///{home / 'state.db'}")
    env = {
        "ASSISTANT_HOME": str(home),
        "ASSISTANT_MAILDIR": str(maildir),
        "ASSISTANT_SMTP_FROM": "anna@fjordlight.example",
    }
    try:
        with _serve(env, tmp_path) as base:
            yield base, store, maildir
    finally:
        store.close()


def _logged_in(browser: Any, base: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "/login")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url(base + "/")
    return context, page, dialogs


def _open(page: Any, base: str, subject: str) -> None:
    page.goto(base + "/")
    page.click(f"tr.item a:text-is('{subject}')")
    page.wait_for_url(base + "/items/*")


def _draft_id(page: Any) -> int:
    return int(page.url.rsplit("/", 1)[1])


def test_the_draft_is_above_the_fold_beside_the_message_and_sized_to_its_text(
    browser: Any, demo_served: tuple[str, Store, Path], screenshots: Path
) -> None:
    base, store, _ = demo_served
    context, page, dialogs = _logged_in(browser, base)
    # the demo's longest draft: an out-of-scope reply with the two options
    _open(page, base, "Hurtigt spørgsmål: nyt logo?")
    body = page.locator("#draft-body")
    assert "nyt logo" in body.input_value() or body.input_value().count("\n") > 15
    box = body.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    scroll, client = body.evaluate("el => [el.scrollHeight, el.clientHeight]")
    assert scroll <= client, (scroll, client)
    text = page.locator("#client-text").bounding_box()
    assert text is not None and text["x"] + text["width"] <= box["x"] and text["y"] < 800  # side by side
    assert page.locator("#rationale").is_visible()
    target = (DOCS if screenshots == SCREENSHOTS else screenshots) / "review-item.png"
    page.screenshot(path=str(target))
    assert dialogs == []
    context.close()


def test_keyboard_shortcuts_move_through_the_queue_edit_and_approve(
    browser: Any, demo_served: tuple[str, Store, Path]
) -> None:
    base, store, maildir = demo_served
    context, page, dialogs = _logged_in(browser, base)
    _open(page, base, "Onboarding tests for May")
    assert "a approve" in page.locator("#keys").inner_text().replace("\n", " ")
    here = page.url
    following = page.locator("a[rel=next]").get_attribute("href")
    preceding = page.locator("a[rel=prev]").get_attribute("href")
    assert following and preceding

    page.keyboard.press("j")
    page.wait_for_url(base + following)
    page.keyboard.press("k")
    page.wait_for_url(here)
    page.keyboard.press("n")
    page.wait_for_url(base + following)
    page.keyboard.press("p")
    page.wait_for_url(here)

    # e: into the editor; keys typed there are text, not shortcuts
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.id") == "draft-body"
    page.keyboard.type("PS: j k a n p")
    assert page.url == here
    assert page.locator("#draft-body").input_value().rstrip().endswith("PS: j k a n p")
    assert store.draft(_draft_id(page)).status == "pending"

    # Esc leaves the editor; a approves (the edit saved with it) into the Maildir's Drafts
    page.keyboard.press("Escape")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert "approved and placed in" in page.locator(".flash").inner_text()
    draft = store.draft(_draft_id(page))
    assert draft.status == "approved" and draft.body.rstrip().endswith("PS: j k a n p")
    assert len(list((maildir / ".Drafts" / "cur").iterdir())) == 1
    assert dialogs == []
    context.close()


def test_a_relabel_writes_the_draft_again_and_asks_before_replacing_an_edit(
    browser: Any, demo_served: tuple[str, Store, Path]
) -> None:
    base, store, _ = demo_served
    context, page, dialogs = _logged_in(browser, base)
    # An English message the engine triaged in scope (which one depends on the shipped model).
    in_scope = next(
        d
        for d in store.drafts("pending")
        if d.message.client_id == "stackpilot" and d.message.triage.label == "in_scope"
    )
    page.goto(f"{base}/items/{in_scope.id}")
    draft_id = _draft_id(page)
    body = page.locator("#draft-body")
    assert "as part of the work we agreed" in body.input_value()

    page.select_option("select[name=label]", "out_of_scope")
    page.fill("input[name=reason]", "tests in the app are not in the SOW")
    page.click("text=Save label")
    page.wait_for_url(f"{base}/items/{draft_id}")
    text = body.input_value()
    assert "falls outside the scope we agreed" in text and "as part of the work we agreed" not in text
    assert "two ways forward" in text
    assert "Relabelled by anna" in page.locator("#rationale").inner_text()
    assert store.draft(draft_id).message.triage.label == "out_of_scope"

    # The manager edits the draft; relabelling again asks before replacing the edit.
    body.fill("Hi Ben,\nMy own words about the onboarding tests.\n")
    page.click("button[value=save]")
    assert page.get_by_text(f"Draft {draft_id} saved.").is_visible()
    page.select_option("select[name=label]", "in_scope")
    page.fill("input[name=reason]", "on reflection, part of the retainer")
    page.click("text=Save label")
    assert page.locator("h1").inner_text() == "Replace your edited draft?"
    assert "My own words" in page.locator("#edited-text").inner_text()
    assert store.draft(draft_id).body == "Hi Ben,\nMy own words about the onboarding tests.\n"  # nothing yet
    assert store.draft(draft_id).message.triage.label == "out_of_scope"

    page.click("button[value=replace]")
    page.wait_for_url(f"{base}/items/{draft_id}")
    text = page.locator("#draft-body").input_value()
    assert "as part of the work we agreed" in text and "My own words" not in text
    assert store.draft(draft_id).message.triage.label == "in_scope"
    assert dialogs == []
    context.close()
