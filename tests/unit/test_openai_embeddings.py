"""The embedding model as a setting: ``openai:<model>`` against an OpenAI-compatible endpoint
(here the scripted server's ``/v1/embeddings``). A store built with it: test_knowledge.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.errors import ConfigError
from tests.fakes.openai_server import ScriptedOpenAIServer, bag_of_words_vector
from vectorstore import OpenAIEmbedder, make_embedder


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


def test_openai_embeddings_without_a_key_name_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        make_embedder("openai:text-embedding-3-small")
