"""The hostile corpus (issue 15) over a real Dovecot: one variant of every kind APPENDed to
INBOX, read by ``ImapSource`` through ``sync`` and triaged by the offline engine in-process.
Nothing crashes, every message the server accepted is stored (or quarantined) once, and none
is marked \\Seen."""

from __future__ import annotations

import imaplib
from pathlib import Path
from typing import Any

import pytest

from assistant.mailin.imap import ImapSource
from assistant.parse import parse_message
from assistant.pipeline import sync, triage_pending
from tests.hostile.corpus import HostileMessage, per_kind
from tests.unit.test_hostile_corpus import world  # noqa: F401 - the one-client agency, as a fixture

pytestmark = pytest.mark.live


def _append_each(account: Any, messages: list[HostileMessage]) -> tuple[list[HostileMessage], list[str]]:
    """APPEND every message on one connection; (accepted, refused with the server's reason)."""
    accepted, refused = [], []
    with account.imap() as conn:
        for m in messages:
            try:
                typ, data = conn.append("INBOX", None, None, m.raw)
            except imaplib.IMAP4.error as exc:  # a BAD answer: the server's refusal, not ours
                typ, data = "BAD", [str(exc).encode()]
            (accepted.append(m) if typ == "OK" else refused.append(f"{m.label}: {data!r}"))
    return accepted, refused


def test_the_hostile_corpus_over_imap_is_stored_once_and_never_seen(
    imap_account: Any,
    tmp_path: Path,
    world: Any,  # noqa: F811 - the fixture imported above
) -> None:
    from assistant.label.offline import OfflineEngine

    store, vectors = world
    corpus = [m for m in per_kind(1) if not m.store_poison]
    accepted, refused = _append_each(imap_account, corpus)
    assert len(accepted) >= len(corpus) - 3, refused  # Dovecot refuses at most a few (empty, NUL bytes)

    with ImapSource(imap_account.settings(tmp_path)) as source:
        synced = sync(source, store)

    # The server may rewrite bytes (a bare CR or LF becomes CRLF), so a message without a
    # Message-ID gets its synthesised id from what the server holds; the others keep theirs.
    named = {p.message_id for p in map(parse_message, (m.raw for m in accepted)) if not p.message_id_synthesised}
    stored = {m.message_id for m in store.messages()}
    assert synced.fetched == synced.new == len(stored) == len(accepted)  # per_kind(1): no duplicate ids
    assert named <= stored
    report = triage_pending(store, vectors, OfflineEngine())
    assert report.triaged > len(accepted) // 2

    with imap_account.imap() as conn:
        conn.select("INBOX", readonly=True)
        typ, data = conn.search(None, "SEEN")
    assert typ == "OK" and data == [b""]  # nothing marked read
    with ImapSource(imap_account.settings(tmp_path)) as source:
        assert sync(source, store).new == 0
