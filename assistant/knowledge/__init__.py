"""Client knowledge: what was agreed with each client (statements of work, call notes),
read from Markdown, text, PDF and DOCX, chunked along the documents' own structure, and
indexed per client in the vector store."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.state import Store
    from vectorstore import VectorStore


def open_vectors(settings: Settings) -> VectorStore:
    """The user's vector store, as configured (on disk in the data home, or a server)."""
    from vectorstore import VectorStore, make_embedder

    return VectorStore.open(make_embedder(settings.embedding), path=settings.chroma_path, url=settings.chroma_url)


def open_knowledge(settings: Settings, store: Store):  # noqa: ANN201 - avoids importing chromadb eagerly
    from assistant.knowledge.ingest import Knowledge

    return Knowledge(store, open_vectors(settings))
