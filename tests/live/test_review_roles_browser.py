"""Each reviewer's queue in a real Chromium against `assistant serve` in its own process: an
account manager sees only their clients' drafts, and another manager's draft is a 404 to open
and to act on; an admin sees all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.state import Client, Store
from tests.live.test_review_browser import _serve, browser  # noqa: F401 - the module's Chromium fixture, reused
from tests.unit.test_review_roles import seed

pytestmark = pytest.mark.live

PASSWORD = "review-password-123"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Store, dict[str, int]]]:
    """Two managers' clients and a message of no client, each with a pending draft; three
    reviewers (two managers, one admin); the page served by `assistant serve`."""
    from assistant.review import add_user

    settings = Settings(home=tmp_path / "home")
    store = Store(settings.db_url)
    with store.session() as s:
        s.add(Client(id="cykelhuset", name="Cykelhuset", account_manager="Anna Lind <anna@fjordlight.example>"))
        s.add(Client(id="bakery", name="Bakery Bo", account_manager="bo@fjordlight.example"))
    ids = {
        "anna": seed(store, "New logo for Cykelhuset", "cykelhuset", "mette@cykelhuset.example"),
        "bo": seed(store, "Bakery pays next month", "bakery", "b@bakery.example", label="red_flag"),
        "nobody": seed(store, "A stranger writes", None, "who@unknown.example"),
    }
    add_user(settings.home, "anna", PASSWORD, name="Anna", role="manager", email="anna@fjordlight.example")
    add_user(settings.home, "bo", PASSWORD, name="Bo", role="manager", email="bo@fjordlight.example")
    add_user(settings.home, "root", PASSWORD, name="Root", role="admin")

    try:
        with _serve({"ASSISTANT_HOME": str(settings.home)}, tmp_path) as base:
            yield base, store, ids
    finally:
        store.close()


def _log_in(chromium: Any, base: str, user: str) -> tuple[Any, Any]:
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(base + "/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url(base + "/")
    return context, page


def test_a_manager_sees_only_their_clients_in_a_real_browser(
    browser: Any,  # noqa: F811 - the fixture imported above
    served: tuple[str, Store, dict[str, int]],
) -> None:
    base, store, ids = served
    context, page = _log_in(browser, base, "anna")

    # The queue: her client's draft only; the filters offer only her client and address.
    rows = page.locator("tr.item")
    assert rows.count() == 1
    assert rows.first.locator("a").inner_text() == "New logo for Cykelhuset"
    assert page.locator("h1").inner_text() == "Drafts to review (1)"
    assert page.locator("select[name=client] option").all_inner_texts() == ["any", "Cykelhuset"]
    text = page.locator("main").inner_text()
    assert "Bakery" not in text and "stranger" not in text and "bo@fjordlight.example" not in text
    page.select_option("select[name=status]", "all")
    page.click("text=Filter")
    assert page.locator("tr.item").count() == 1

    page.click("text=Clients")
    assert "Cykelhuset" in page.locator("main").inner_text()
    assert "Bakery Bo" not in page.locator("main").inner_text()

    # Her own draft opens; Bo's, and the one of no client, are "Not found", like an id of nothing.
    page.goto(f"{base}/items/{ids['anna']}")
    assert page.locator("h1").inner_text() == "New logo for Cykelhuset"
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    for key in ("bo", "nobody"):
        response = page.goto(f"{base}/items/{ids[key]}")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Not found"
        assert "Bakery pays" not in page.content() and "stranger" not in page.content()
        # a forged approve or relabel, with her session and a valid CSRF token, is refused alike
        for path, form in (("draft", {"action": "approve"}), ("relabel", {"label": "in_scope", "reason": "x"})):
            r = context.request.post(
                f"{base}/items/{ids[key]}/{path}", form={"csrf": token or "", **form}, max_redirects=0
            )
            assert r.status == 404, (key, path, r.status)
    assert store.draft(ids["bo"]).status == "pending" and store.draft(ids["nobody"]).status == "pending"
    assert store.audit_trail() == []
    context.close()

    # An admin sees every draft, the one of no client too.
    context, page = _log_in(browser, base, "root")
    subjects = set(page.locator("tr.item a").all_inner_texts())
    assert subjects == {"New logo for Cykelhuset", "Bakery pays next month", "A stranger writes"}
    response = page.goto(f"{base}/items/{ids['bo']}")
    assert response is not None and response.status == 200
    assert page.locator("h1").inner_text() == "Bakery pays next month"
    context.close()
