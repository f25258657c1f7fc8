"""A relabel writes the rationale and the pending draft again for the new label (the draft
stage's composer), and asks before it replaces a draft the account manager edited: on the
page a confirmation step, in the CLI --replace-edited / --keep-edited."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings, load_settings
from assistant.label.rationale import rationale
from assistant.label.schema import RequestVerdict
from assistant.parse.models import Address, ParsedMessage
from assistant.retrieve import EvidenceRef
from assistant.review import actions
from assistant.review.corrections import corrections
from assistant.state import Agency, Client, Draft, Message, Store, TriageResult

OLD_DRAFT = (
    "Hi Ben,\n\nThank you for your email. We will take care of these as part of the work we agreed.\n\n"
    "Best regards,\nAnna\nFjordlight Digital\n"
)
CLAUSE = {
    "document": "sow.md",
    "title": "Statement of Work 2026",
    "kind": "scope",
    "date": "2026-01-14",
    "section": "2. Included",
    "text": "2.1 2 A/B tests per month on the marketing website.",
    "excluded": False,
}
TEXT = "We'd like you to run three additional A/B tests this month on the in-app onboarding."


def _seed(store: Store) -> int:
    """An in-scope message (its one request judged covered) with its pending in-scope draft."""
    parsed = ParsedMessage(
        message_id="<tests@stackpilot.example>",
        subject="Onboarding tests for May",
        sender=Address(name="Ben Carter", email="ben@stackpilot.example"),
        new_text=TEXT,
        date=datetime(2026, 5, 4, 9, tzinfo=UTC),
    )
    requests = [{"text": TEXT, "verdict": "covered", "evidence": CLAUSE}]
    result = {
        "label": "in_scope",
        "red_flags": [],
        "requests": requests,
        "evidence": [CLAUSE],
        "confidence": 0.6,
        "rationale": "What the client asks for is part of the agreed work.",
        "engine": "offline",
        "reply_needed": True,
        "language": "en",
        "needs_judgement": True,
    }
    with store.session() as s:
        s.add(Agency(id=1, name="Fjordlight Digital", domains=[]))
        s.add(Client(id="stackpilot", name="Stackpilot", account_manager="anna@fjordlight.example"))
        m = Message(
            message_id=parsed.message_id,
            source_key="test",
            location="1",
            sender_email="ben@stackpilot.example",
            sender_name="Ben Carter",
            subject=parsed.subject,
            date=parsed.date,
            new_text=TEXT,
            parsed=parsed.model_dump(mode="json"),
            raw=b"",
            client_id="stackpilot",
            client_match="contact",
        )
        s.add(m)
        s.flush()
        s.add(TriageResult(message_pk=m.id, label="in_scope", engine="offline", confidence=0.6, result=result))
        d = Draft(message_pk=m.id, to_addr=m.sender_email, subject="Re: Onboarding tests for May", body=OLD_DRAFT)
        s.add(d)
        s.flush()
        return d.id


@pytest.fixture
def world(tmp_path: Path) -> tuple[Settings, Store, int]:
    settings = Settings(home=tmp_path / "home")
    store = Store(settings.db_url)
    return settings, store, _seed(store)


def test_relabel_out_of_scope_writes_the_out_of_scope_draft_and_rationale(world: tuple[Settings, Store, int]) -> None:
    settings, store, draft_id = world
    done = actions.relabel(settings, store, draft_id, "anna", "out_of_scope", [], "app tests are not in the SOW")
    assert done.changed and "written again" in done.message
    d = store.draft(draft_id)
    assert d.body != OLD_DRAFT and "as part of the work we agreed" not in d.body
    assert d.body.startswith("Hi Ben,") and "falls outside the scope we agreed" in d.body
    assert "two ways forward" in d.body and d.body.rstrip().endswith("Fjordlight Digital")
    result = d.message.triage.result
    assert d.message.triage.label == "out_of_scope" and result["label"] == "out_of_scope"
    assert result["rationale"].startswith("The client asks for work beyond what was agreed.")
    assert result["rationale"].endswith("Relabelled by anna: app tests are not in the SOW.")
    assert "part of the agreed work" not in result["rationale"]
    assert result["needs_judgement"] is False  # a person decided
    assert [r["verdict"] for r in result["requests"]] == ["unclear"]
    assert result["original"]["requests"][0]["verdict"] == "covered"  # the engine's, kept
    assert [e.action for e in store.audit_trail("draft", str(draft_id))] == ["draft.recomposed"]
    [c] = corrections(store)
    assert (c.label, c.reason) == ("out_of_scope", "app tests are not in the SOW")

    # and back: the engine's verdicts, and its covering clause quoted again
    actions.relabel(settings, store, draft_id, "anna", "in_scope", [], "it is in the retainer after all")
    d = store.draft(draft_id)
    assert "as part of the work we agreed" in d.body and "2.1 2 A/B tests per month" in d.body
    assert "falls outside" not in d.body


def test_an_edited_draft_is_replaced_only_when_asked(world: tuple[Settings, Store, int]) -> None:
    settings, store, draft_id = world
    actions.edit(settings, store, draft_id, "anna", "Hi Ben,\nmy own words\n")
    with pytest.raises(actions.EditedDraftError) as asked:
        actions.relabel(settings, store, draft_id, "anna", "out_of_scope", [], "not in the SOW")
    assert "--replace-edited" in str(asked.value.fix)
    # asking changed nothing: no correction, the label and the edit as they were
    assert corrections(store) == []
    assert store.draft(draft_id).message.triage.label == "in_scope"
    assert store.draft(draft_id).body == "Hi Ben,\nmy own words\n"

    kept = actions.relabel(settings, store, draft_id, "anna", "out_of_scope", [], "not in the SOW", edited="keep")
    assert "kept" in kept.message and store.draft(draft_id).body == "Hi Ben,\nmy own words\n"
    assert store.draft(draft_id).message.triage.label == "out_of_scope"

    actions.relabel(settings, store, draft_id, "anna", "out_of_scope", [], "still not", edited="replace")
    assert "falls outside the scope we agreed" in store.draft(draft_id).body
    # once replaced it is the assistant's text again: the next relabel does not ask
    actions.relabel(settings, store, draft_id, "anna", "in_scope", [], "fine")
    assert "as part of the work we agreed" in store.draft(draft_id).body


def test_a_draft_no_longer_pending_is_left_as_it_was(world: tuple[Settings, Store, int]) -> None:
    settings, store, draft_id = world
    actions.reject(settings, store, draft_id, "anna")
    done = actions.relabel(settings, store, draft_id, "anna", "out_of_scope", [], "not in the SOW")
    assert "rejected" in done.message and store.draft(draft_id).body == OLD_DRAFT
    assert store.draft(draft_id).message.triage.label == "out_of_scope"


def test_the_page_asks_before_replacing_an_edited_draft(world: tuple[Settings, Store, int]) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("argon2")
    from fastapi.testclient import TestClient

    from assistant.review import add_user, create_app

    settings, store, draft_id = world
    add_user(settings.home, "anna", "correct horse battery", name="Anna")
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1")
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"csrf": token, "username": "anna", "password": "correct horse battery", "next": "/"})
    token = re.search(r'name="csrf" value="([^"]+)"', client.get(f"/items/{draft_id}").text).group(1)  # type: ignore[union-attr]
    mine = "Hi Ben,\n<b>my own</b> words\n"
    client.post(f"/items/{draft_id}/draft", data={"csrf": token, "action": "save", "body": mine})

    form = {"csrf": token, "label": "out_of_scope", "reason": "not in the SOW"}
    asked = client.post(f"/items/{draft_id}/relabel", data=form, follow_redirects=False)
    assert asked.status_code == 200 and "Replace your edited draft?" in asked.text
    assert "&lt;b&gt;my own&lt;/b&gt; words" in asked.text  # the edit it would replace, as text
    assert 'name="edited" value="replace"' in asked.text and 'name="reason" value="not in the SOW"' in asked.text
    assert store.draft(draft_id).body == mine and corrections(store) == []

    done = client.post(f"/items/{draft_id}/relabel", data={**form, "edited": "replace"}, follow_redirects=False)
    assert done.status_code == 303
    assert "falls outside the scope we agreed" in store.draft(draft_id).body
    page = client.get(f"/items/{draft_id}").text
    assert "written again for the new label" in page and "Relabelled by anna: not in the SOW." in page


def test_drafts_relabel_in_the_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(load_settings().db_url)
    draft_id = _seed(store)
    store.edit_draft(draft_id, "my own words\n", actor="anna")
    argv = ["assistant", "drafts", "relabel", str(draft_id), "--label", "out_of_scope", "--reason", "not in the SOW"]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and "--replace-edited" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert store.draft(draft_id).body == "my own words\n"

    monkeypatch.setattr("sys.argv", [*argv, "--replace-edited"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code in (0, None)
    assert "written again" in capsys.readouterr().out
    assert "falls outside the scope we agreed" in store.draft(draft_id).body
    store.close()


def test_rationales_are_plain_sentences() -> None:
    note = EvidenceRef(
        document="notes.md", title="Call notes", kind="call_notes", date="2026-03-26", text="No calls after 18:00."
    )
    requests = [
        RequestVerdict(
            text="Bitte im zweiten Abschnitt Eiche geölt statt Eiche lackiert schreiben, danke", verdict="covered"
        ),
        RequestVerdict(text="Could you give me a call tonight?", verdict="excluded", evidence=note),
        RequestVerdict(
            text="A third round of changes",
            verdict="beyond_limit",
            evidence=EvidenceRef(document="sow.md", title="SOW", date="2026-01-14", text="2 revision rounds."),
            requested="3rd round",
            allowed="2 rounds",
        ),
    ]
    text = rationale("out_of_scope", [], requests)
    assert text == (
        "The client asks for work beyond what was agreed. "
        "\u201cBitte im zweiten Abschnitt Eiche geölt statt Eiche lackiert\u2026\u201d is part of the agreed work. "
        "\u201cCould you give me a call tonight\u201d is ruled out by the call on 2026-03-26: \u201cNo calls after 18:00.\u201d "
        "\u201cA third round of changes\u201d goes beyond the limit agreed in \u201c2 revision rounds.\u201d (SOW, 2026-01-14). "
        "It asks for 3rd round; the agreement allows 2 rounds."
    )
    twice = rationale("out_of_scope", [], [requests[1], requests[1].model_copy(update={"text": "or tomorrow"})])
    assert twice.endswith("\u201cor tomorrow\u201d is ruled out by the same call note.")
    assert rationale("red_flag", ["late_payment", "discount_pressure"], []) == (
        "This message shows warning signs: late payment and discount pressure."
    )
    assert rationale("in_scope", [], []).startswith("Routine project mail")
    assert "Signals" not in text and "covered by." not in text


def test_the_offline_engine_writes_its_rationale_in_sentences() -> None:
    from assistant.label.engine import ClientInfo, TriageContext
    from assistant.label.offline import OfflineEngine

    ctx = TriageContext(
        message=ParsedMessage(
            message_id="<n@x>",
            subject="Invoice",
            new_text="We will pay next month.",
            sender=Address(email="a@x.example"),
        ),
        client=ClientInfo(id="x", name="X"),
        evidence=[],
    )
    result = OfflineEngine().decide(ctx).result
    assert result.rationale == rationale(result.label, result.red_flags, result.requests)


def test_the_item_page_runs_only_the_apps_own_script(world: tuple[Settings, Store, int]) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("argon2")
    from fastapi.testclient import TestClient

    from assistant.review import add_user, create_app

    settings, store, draft_id = world
    add_user(settings.home, "anna", "correct horse battery", name="Anna")
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1")
    assert client.get("/static/review.js", follow_redirects=False).status_code == 303  # behind the login
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"csrf": token, "username": "anna", "password": "correct horse battery", "next": "/"})
    page = client.get(f"/items/{draft_id}")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert '<script src="/static/review.js" defer></script>' in page.text
    assert page.text.count("<script") == 1  # no inline script: client text stays inert
    assert "<kbd>a</kbd> approve" in page.text and "<kbd>e</kbd> edit" in page.text
    script = client.get("/static/review.js")
    assert script.headers["content-type"].startswith("text/javascript") and "keydown" in script.text
    assert "script-src 'none'" in client.get("/").headers["content-security-policy"]  # the queue runs none
