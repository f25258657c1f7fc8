"""Approval with only a local Maildir (ASSISTANT_MAILDIR, synced by mbsync/offlineimap): the
reply lands in the Maildir's ``.Drafts`` (cur, flag D), threaded, once."""

from __future__ import annotations

import email
import email.policy
import mailbox
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings, load_settings
from assistant.errors import ConfigError, UserError
from assistant.parse.models import Address, ParsedMessage
from assistant.review import actions
from assistant.state import Draft, Message, Store, TriageResult

ORIGINAL_ID = "<logo-request@nordlys.example>"


def _seed(store: Store) -> int:
    """A stored message with a pending draft; returns the draft id."""
    with store.open_session() as s:
        pm = ParsedMessage(message_id=ORIGINAL_ID, subject="New logo?", sender=Address(email="c@nordlys.example"))
        store.add_message(s, pm, b"raw", source_key="k", location="1")
        m = s.scalar(select(Message).where(Message.message_id == ORIGINAL_ID))
        m.client_id = "nordlys"
        s.add(TriageResult(message_pk=m.id, label="out_of_scope", engine="test", result={}))
        d = Draft(message_pk=m.id, to_addr="c@nordlys.example", subject="Re: New logo?", body="Hej,\nNot included.")
        s.add(d)
        s.commit()
        return d.id


def _maildir(tmp_path: Path) -> Path:
    """A Maildir as mbsync leaves it: INBOX at the root, no Drafts folder yet."""
    root = tmp_path / "Mail"
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    return root


def test_approve_writes_the_threaded_reply_to_maildir_drafts_once(tmp_path: Path) -> None:
    root = _maildir(tmp_path)
    settings = Settings(home=tmp_path / "home", maildir=root, smtp_from="anna@agency.example")
    store = Store(settings.db_url)
    draft_id = _seed(store)

    result = actions.approve(settings, store, draft_id, "anna")

    assert result.changed and result.status == "approved"
    drafts = root / ".Drafts"
    assert all((drafts / sub).is_dir() for sub in ("cur", "new", "tmp"))
    [name] = [p.name for p in (drafts / "cur").iterdir()]
    assert name.endswith(":2,D")
    assert not list((drafts / "new").iterdir()) and not list((drafts / "tmp").iterdir())
    assert not list((root / "cur").iterdir()) and not list((root / "new").iterdir())  # INBOX untouched
    [(key, stored)] = mailbox.Maildir(drafts, create=False).items()
    assert isinstance(stored, mailbox.MaildirMessage) and stored.get_flags() == "D"
    assert stored["In-Reply-To"] == ORIGINAL_ID
    assert ORIGINAL_ID in stored["References"]
    assert stored["Subject"] == "Re: New logo?" and stored["From"] == "anna@agency.example"
    body = email.message_from_bytes(stored.as_bytes(), policy=email.policy.default).get_content()
    assert "Not included." in body

    assert store.draft(draft_id).status == "approved"
    [approved] = [e for e in store.audit_trail("draft", str(draft_id)) if e.action == "draft.approved"]
    assert approved.detail["appended_to"] == str(drafts)
    assert result.folder == str(drafts) and str(drafts) in result.message

    again = actions.approve(settings, store, draft_id, "cli")
    assert not again.changed and again.status == "approved"
    assert len(list((drafts / "cur").iterdir())) == 1


def test_existing_drafts_folder_is_reused_and_a_rejected_draft_writes_nothing(tmp_path: Path) -> None:
    root = _maildir(tmp_path)
    mailbox.Maildir(root, create=False).add_folder("Drafts")
    settings = Settings(home=tmp_path / "home", maildir=root)
    store = Store(settings.db_url)
    draft_id = _seed(store)
    actions.reject(settings, store, draft_id, "anna")

    result = actions.approve(settings, store, draft_id, "anna")

    assert not result.changed and result.status == "rejected"
    assert list((root / ".Drafts" / "cur").iterdir()) == []


def test_a_failed_write_puts_the_draft_back_to_pending(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", maildir=tmp_path / "missing")
    store = Store(settings.db_url)
    draft_id = _seed(store)
    with pytest.raises(UserError, match="Maildir not found"):
        actions.approve(settings, store, draft_id, "anna")
    assert store.draft(draft_id).status == "pending"


def test_with_imap_configured_the_maildir_is_not_used(tmp_path: Path) -> None:
    root = _maildir(tmp_path)
    settings = Settings(home=tmp_path / "home", maildir=root, imap_host="imap.example")  # no user: IMAP check fails
    store = Store(settings.db_url)
    draft_id = _seed(store)
    with pytest.raises(ConfigError, match="no mailbox user"):
        actions.approve(settings, store, draft_id, "anna")
    assert not (root / ".Drafts").exists()
    assert store.draft(draft_id).status == "pending"


def test_with_neither_the_error_names_both_settings(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    store = Store(settings.db_url)
    draft_id = _seed(store)
    with pytest.raises(ConfigError) as err:
        actions.approve(settings, store, draft_id, "anna")
    assert "ASSISTANT_IMAP_HOST" in str(err.value.fix) and "ASSISTANT_MAILDIR" in str(err.value.fix)
    assert store.draft(draft_id).status == "pending"
    assert store.audit_trail() == []


def test_cli_approve_with_assistant_maildir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _maildir(tmp_path)
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(root))
    draft_id = _seed(Store(load_settings().db_url))
    result = runner.invoke(app, ["drafts", "approve", str(draft_id)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ".Drafts" in result.output
    assert len(list((root / ".Drafts" / "cur").iterdir())) == 1


runner = CliRunner()
