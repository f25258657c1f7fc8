from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.errors import UserError
from assistant.mailin import Cursor
from assistant.parse.models import Address, ParsedMessage
from assistant.state import AuditEvent, Draft, DraftTransitionError, Message, Store, TriageResult


def _parsed(mid: str = "<a@x.example>") -> ParsedMessage:
    return ParsedMessage(
        message_id=mid,
        subject="Hello",
        sender=Address(name="Mette", email="mette@client.example"),
        new_text="Kan I hjælpe?",
    )


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A store on SQLite, then on a real PostgreSQL (tests/conftest.py)."""
    store = Store(database_url)
    yield store
    store.close()


def test_message_stored_once_per_message_id(store: Store) -> None:
    with store.open_session() as s:
        assert store.add_message(s, _parsed(), b"raw", source_key="k", location="1")
        assert not store.add_message(s, _parsed(), b"raw again", source_key="k2", location="2")
        s.commit()
    [m] = store.messages()
    assert (m.sender_email, m.new_text, m.location) == ("mette@client.example", "Kan I hjælpe?", "1")
    assert store.raw_message("<a@x.example>") == b"raw"
    assert m.parsed["sender"]["name"] == "Mette"


def test_cursor_survives_reopen(database_url: str) -> None:
    url = database_url
    first = Store(url)
    assert first.get_cursor("imap://u@h/INBOX") is None
    with first.open_session() as s:
        first.set_cursor(s, "imap://u@h/INBOX", Cursor(7, 42))
        s.commit()
    with first.open_session() as s:
        first.set_cursor(s, "imap://u@h/INBOX", Cursor(7, 43))
        s.commit()
    first.close()
    assert Store(url).get_cursor("imap://u@h/INBOX") == Cursor(7, 43)


def _with_draft(store: Store) -> int:
    with store.open_session() as s:
        store.add_message(s, _parsed(), b"raw", source_key="k", location="1")
        m = s.scalar(select(Message))
        s.add(TriageResult(message_pk=m.id, label="out_of_scope", engine="test", result={}))
        d = Draft(message_pk=m.id, to_addr="mette@client.example", subject="Re: Hello", body="Hej Mette")
        s.add(d)
        s.commit()
        return d.id


def test_draft_transitions_are_audited_and_idempotent(store: Store) -> None:
    draft_id = _with_draft(store)
    assert store.set_draft_status(draft_id, "approved", actor="anna") is True
    assert store.set_draft_status(draft_id, "approved", actor="anna") is False  # second time: nothing
    with pytest.raises(DraftTransitionError):
        store.set_draft_status(draft_id, "rejected", actor="anna")
    trail = store.audit_trail("draft", str(draft_id))
    assert [(e.actor, e.action, e.detail["from"]) for e in trail] == [("anna", "draft.approved", "pending")]
    assert [d.status for d in store.drafts("approved")] == ["approved"]
    assert store.drafts("pending") == []


def test_second_triage_result_or_draft_for_a_message_is_refused(store: Store) -> None:
    _with_draft(store)
    from sqlalchemy.exc import IntegrityError

    with store.open_session() as s:
        m = s.scalar(select(Message))
        s.add(Draft(message_pk=m.id, to_addr="x@y.example", subject="dup", body="dup"))
        with pytest.raises(IntegrityError):
            s.commit()
    with store.session() as s:
        assert s.scalar(select(func.count(Draft.id))) == 1
        assert s.scalar(select(func.count(AuditEvent.id))) == 0


def test_unknown_draft_and_status_name_the_fix(store: Store) -> None:
    with pytest.raises(UserError, match="drafts list"):
        store.draft(99)
    with pytest.raises(UserError, match="pending"):
        store.drafts("done")


def test_database_from_an_older_version_is_refused_with_the_fix(tmp_path: Path) -> None:
    import sqlite3

    from assistant.state import OutdatedStateError

    path = tmp_path / "state.db"
    with sqlite3.connect(path) as db:  # an older "messages" table, without today's columns
        db.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, message_id VARCHAR NOT NULL)")
        db.execute("INSERT INTO messages VALUES (1, '<old@x.example>')")
    with pytest.raises(OutdatedStateError, match=r"older than release 0\.1\.0 \(missing .*messages\.") as err:
        Store(f"sqlite:///{path}")
    assert "move it aside" in str(err.value)
    with sqlite3.connect(path) as db:  # nothing was changed or lost
        assert db.execute("SELECT message_id FROM messages").fetchall() == [("<old@x.example>",)]


def test_every_table_is_in_state_models_and_none_appears_on_import() -> None:
    # A table declared elsewhere exists only once its module happens to be imported, so a store
    # opened before that lacks it. In a fresh interpreter: the tables state/models.py declares,
    # then every module of the package imported, and no new table or mapped class after.
    script = """
import importlib, pkgutil
import assistant
from assistant.state.models import Base
before = sorted(Base.metadata.tables)
for m in pkgutil.walk_packages(assistant.__path__, "assistant."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
after = sorted(Base.metadata.tables)
modules = sorted({mapper.class_.__module__ for mapper in Base.registry.mappers})
print(before == after, "corrections" in before, modules, after)
"""
    repo = Path(__file__).resolve().parents[2]  # this checkout's assistant/, first on sys.path
    out = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert out.split(" ", 3)[:3] == ["True", "True", "['assistant.state.models']"], out
