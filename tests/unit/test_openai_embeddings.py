"""The embedding model as a setting: ``openai:<model>`` against an OpenAI-compatible endpoint
(here the scripted server's ``/v1/embeddings``). A store built with it: test_knowledge.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.openai_server import ScriptedOpenAIServer, bag_of_words_vector
from vectorstore import OpenAIEmbedder, make_embedder
from vectorstore.errors import StoreConfigError as ConfigError


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


def _toml(home: Path, **values: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "assistant.toml").write_text("".join(f'{k} = "{v}"\n' for k, v in values.items()))


def test_embeddings_go_where_chat_goes_with_the_endpoint_in_assistant_toml(_isolated_home: Path) -> None:
    from assistant.config import load_settings
    from assistant.knowledge import open_vectors

    with ScriptedOpenAIServer() as local:  # a keyless local server, named only in the file
        _toml(_isolated_home, embedding="openai:nomic-embed-text", openai_base_url=local.base_url)
        vector = open_vectors(load_settings()).embedder.embed_query("Can you design a new logo?")
        assert vector == pytest.approx(bag_of_words_vector("Can you design a new logo?"))
        [request] = local.embedding_requests()
        assert request.headers.get("authorization") == "Bearer not-needed"  # the chat model's keyless stand-in

        _toml(
            _isolated_home,
            embedding="openai:nomic-embed-text",
            openai_base_url=local.base_url,
            openai_api_key="sk-from-the-file",
        )
        open_vectors(load_settings()).embedder.embed_query("Four blog articles a month.")
        assert local.embedding_requests()[-1].headers.get("authorization") == "Bearer sk-from-the-file"


def test_a_base_url_alone_is_enough_and_nothing_at_all_names_the_fix() -> None:
    with ScriptedOpenAIServer() as local:
        embedder = OpenAIEmbedder("nomic-embed-text", base_url=local.base_url)
        assert embedder.embed_query("logo") == pytest.approx(bag_of_words_vector("logo"))
    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        OpenAIEmbedder("nomic-embed-text")
