"""Chroma, wrapped: chunks in, scored hits out, always filtered by client."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from vectorstore import centring
from vectorstore.centring import Detector, LanguageCentring
from vectorstore.embeddings import Embedder
from vectorstore.errors import StoreConfigError

Metadata = dict[str, str | int | float | bool]


@dataclass(frozen=True)
class ClientRecords:
    """All of one client's records: texts, metadata and search-space vectors (one row each)."""

    ids: list[str]
    texts: list[str]
    metadatas: list[Metadata]
    vectors: np.ndarray


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    score: float  # cosine similarity, higher is closer
    metadata: Metadata


def _chroma_settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


class VectorStore:
    """One Chroma collection per embedding model; every record carries ``client_id``.

    When the embedding model ships language means (the embedded default does), vectors are
    language-centred before they are stored or searched (see ``vectorstore.centring``), and
    the collection's name says so.
    """

    def __init__(self, client: Any, embedder: Embedder, detect_language: Detector | None = None) -> None:
        self.client = client
        self.embedder = embedder
        means = embedder.language_means
        self.centring = LanguageCentring.load(means, detect_language) if means is not None else None
        self.collection_name = embedder.collection_name + (
            f"-{centring.VERSION}-{self.centring.digest}" if self.centring else ""
        )
        self.collection = client.get_or_create_collection(
            self.collection_name,
            metadata={"hnsw:space": "cosine", "embedding_model": embedder.name},
            embedding_function=None,
        )

    @classmethod
    def open(
        cls,
        embedder: Embedder,
        *,
        path: Path | None = None,
        url: str | None = None,
        detect_language: Detector | None = None,
    ) -> VectorStore:
        """A persistent store on disk at ``path``, or a Chroma server at ``url``.
        ``detect_language``: needed when the embedding model ships language means."""
        import chromadb

        if url:
            parsed = urlparse(url)
            if parsed.scheme not in {"http", "https"} or not parsed.hostname:
                raise StoreConfigError(
                    f"invalid Chroma URL {url!r}", fix="set ASSISTANT_CHROMA_URL like http://host:8000"
                )
            client = chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=_chroma_settings(),
            )
        elif path is not None:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)  # the index quotes client documents:
            if path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():  # the owner's alone
                path.chmod(0o700)
            client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
        else:
            raise ValueError("VectorStore.open needs a path or a url")
        return cls(client, embedder, detect_language)

    def add(
        self, ids: Sequence[str], texts: Sequence[str], embed_texts: Sequence[str], metadatas: Sequence[Metadata]
    ) -> None:
        """Store records; ``texts`` are kept for quoting, ``embed_texts`` are embedded."""
        if not ids:
            return
        for m in metadatas:
            if not m.get("client_id"):
                raise ValueError("every record needs a client_id")
        self.collection.upsert(
            ids=list(ids),
            documents=list(texts),
            embeddings=self._search_space(self.embedder.embed_passages(embed_texts), embed_texts, "passage"),
            metadatas=[dict(m) for m in metadatas],
        )

    def delete(self, **where: str) -> None:
        self.collection.delete(where=_where(where))

    def count(self, **where: str) -> int:
        if not where:
            return self.collection.count()
        return len(self.collection.get(where=_where(where), include=[])["ids"])

    def query(
        self, text: str, *, client_id: str, k: int = 5, vector: Sequence[float] | None = None, **where: str | bool
    ) -> list[Hit]:
        """The ``k`` records of ``client_id`` closest to ``text`` (never another client's).
        Pass ``vector`` when the query's embedding is already known."""
        if not client_id:
            raise ValueError("a query needs a client_id")
        if vector is None:
            vector = self.embedder.embed_query(text)
        res = self.collection.query(
            query_embeddings=self._search_space([vector], [text], "query"),
            n_results=k,
            where=_where({"client_id": client_id, **where}),
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(id=i, text=doc or "", score=1.0 - float(dist), metadata=dict(meta or {}))
            for i, doc, meta, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])
        ]

    def query_many(
        self, search_vectors: Sequence[Sequence[float]], *, client_id: str, k: int = 5, **where: str | bool
    ) -> list[list[Hit]]:
        """:meth:`query` for several queries of one client in one Chroma call; the vectors are
        already in the search space (:meth:`search_vectors`), so nothing is embedded or
        centred again. One list of hits per vector, in order."""
        if not client_id:
            raise ValueError("a query needs a client_id")
        if not len(search_vectors):
            return []
        res = self.collection.query(
            query_embeddings=[list(map(float, v)) for v in search_vectors],
            n_results=k,
            where=_where({"client_id": client_id, **where}),
            include=["documents", "metadatas", "distances"],
        )
        return [
            [
                Hit(id=i, text=doc or "", score=1.0 - float(dist), metadata=dict(meta or {}))
                for i, doc, meta, dist in zip(ids, docs, metas, dists)
            ]
            for ids, docs, metas, dists in zip(res["ids"], res["documents"], res["metadatas"], res["distances"])
        ]

    def client_records(self, client_id: str) -> ClientRecords:
        """Every record of ``client_id`` with its vector in the search space: a request is
        weighed against all of the client's clauses, not only the top few."""
        if not client_id:
            raise ValueError("client records need a client_id")
        res = self.collection.get(where={"client_id": client_id}, include=["documents", "metadatas", "embeddings"])
        vectors = res["embeddings"] if res["embeddings"] is not None else []
        return ClientRecords(
            ids=list(res["ids"]),
            texts=[doc or "" for doc in res["documents"] or []],
            metadatas=[dict(m or {}) for m in res["metadatas"] or []],
            vectors=np.asarray(vectors, dtype=np.float32).reshape(len(res["ids"]), -1)
            if res["ids"]
            else np.zeros((0, 0), dtype=np.float32),
        )

    def search_vectors(
        self,
        vectors: Sequence[Sequence[float]],
        texts: Sequence[str],
        role: str = "query",
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Model vectors moved into the space the store searches (language-centred when the
        model has means), one row each. ``languages``: the texts' languages when the caller
        has detected them already (:meth:`languages`); otherwise they are detected here."""
        if self.centring is not None and languages is not None:
            centred = self.centring.centre(vectors, languages, role)
            return np.asarray(centred, dtype=np.float32).reshape(len(texts), -1)
        return np.asarray(self._search_space(vectors, texts, role), dtype=np.float32).reshape(len(texts), -1)

    def languages(self, texts: Sequence[str]) -> list[str] | None:
        """The language of each text as centring reads it (its detector), or None when the
        store does not centre (then no language is needed)."""
        return self.centring.languages_of(texts) if self.centring is not None else None

    def _search_space(self, vectors: Sequence[Sequence[float]], texts: Sequence[str], role: str) -> list[list[float]]:
        """Model vectors as stored and searched: language-centred when the model has means."""
        if self.centring is None:
            return [list(v) for v in vectors]
        return self.centring.centre_texts(vectors, texts, role)


def _where(conditions: dict[str, Any]) -> dict[str, Any]:
    clauses = [{k: v} for k, v in conditions.items()]
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
