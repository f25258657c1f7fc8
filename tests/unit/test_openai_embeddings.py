"""The embedding model as a setting: ``openai:<model>`` against an OpenAI-compatible endpoint
(here the scripted server's ``/v1/embeddings``), end to end through the vector store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.retrieve import retrieve
from assistant.state import Store
from tests.fakes.openai_server import ScriptedOpenAIServer, bag_of_words_vector
from vectorstore import OpenAIEmbedder, VectorStore, make_embedder

SOW = """# Statement of work

## Included
- 4 blog articles per month, up to 1,000 words each.
- A monthly SEO report with rankings and traffic.

## Not included
- Logo design and brand identity work.
- Paid advertising on Google Ads and Meta.
"""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOpenAIServer]:
    with ScriptedOpenAIServer() as s:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_BASE_URL", s.base_url)
        yield s


def test_texts_go_to_the_endpoint_as_text_not_token_ids(server: ScriptedOpenAIServer) -> None:
    # Ollama, vLLM and LM Studio want strings; LangChain's default would tokenise with
    # tiktoken (a download, and token-id arrays these servers refuse).
    embedder = make_embedder("openai:nomic-embed-text")
    assert isinstance(embedder, OpenAIEmbedder)
    vectors = embedder.embed_passages(["Logo design is not included.", "Four blog articles a month."])
    query = embedder.embed_query("Can you design a new logo?")
    assert vectors[0] == pytest.approx(bag_of_words_vector("Logo design is not included."))
    assert query == pytest.approx(bag_of_words_vector("Can you design a new logo?"))
    bodies = [r.body for r in server.embedding_requests()]
    assert bodies and all(b["model"] == "nomic-embed-text" for b in bodies)
    sent = [t for b in bodies for t in (b["input"] if isinstance(b["input"], list) else [b["input"]])]
    assert set(sent) == {"Logo design is not included.", "Four blog articles a month.", "Can you design a new logo?"}


def test_a_store_built_with_openai_embeddings_retrieves_the_clause(tmp_path: Path, server: ScriptedOpenAIServer) -> None:
    ws = tmp_path / "ws"
    (ws / "docs").mkdir(parents=True)
    (ws / "docs" / "sow.md").write_text(SOW, encoding="utf-8")
    (ws / "clients.json").write_text(
        '{"agency": {"name": "A", "domains": ["agency.example"]}, "clients": [{"id": "c1", "name": "C1", '
        '"domains": ["c1.example"], "documents": [{"path": "docs/sow.md", "kind": "scope", "title": "SOW", '
        '"date": "2026-01-10"}]}]}', encoding="utf-8")
    embedder = make_embedder("openai:text-embedding-3-small")
    vectors = VectorStore.open(embedder, path=tmp_path / "chroma")
    assert vectors.centring is None  # language means exist only for the offline model
    assert vectors.collection_name == "knowledge_openai-text-embedding-3-small"
    report = Knowledge(Store(f"sqlite:///{tmp_path / 'state.db'}"), vectors).ingest_workspace(load_workspace(ws))
    assert report.chunks == 4
    top = retrieve(vectors, "c1", "Could you do logo design for us?", k=1, k_excluded=0)
    assert top[0].text.startswith("Logo design") and top[0].excluded


def test_openai_embeddings_without_a_key_name_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        make_embedder("openai:text-embedding-3-small")
