"""Client knowledge: what was agreed with each client (statements of work, call notes),
read from Markdown, text, PDF and DOCX, chunked along the documents' own structure, and
indexed per client in the vector store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.text.language import detect_language

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.state import Store
    from vectorstore import Embedder, VectorStore


def embedder_for(settings: Settings) -> Embedder:
    """The configured embedding model. An OpenAI-compatible one uses the endpoint the chat
    model uses (key and base URL from the environment or assistant.toml)."""
    from vectorstore import make_embedder

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return make_embedder(settings.embedding, settings.home / "cache", api_key=key, base_url=settings.openai_base_url)


def open_vectors(settings: Settings) -> VectorStore:
    """The user's vector store, as configured (on disk in the data home, or a server)."""
    from vectorstore import VectorStore

    return VectorStore.open(
        embedder_for(settings), path=settings.chroma_path, url=settings.chroma_url, detect_language=detect_language
    )


def require_current_index(store: Store, vectors: VectorStore) -> None:
    """Refuse to triage against an empty collection when the documents were indexed for
    another embedding model or search space (a changed ``ASSISTANT_EMBEDDING``, or an
    upgrade that changed how vectors are stored): every message would get no evidence."""
    from sqlalchemy import select

    from assistant.errors import UserError
    from assistant.state import KnowledgeDocument

    with store.session() as s:
        collections = set(s.scalars(select(KnowledgeDocument.collection).distinct()).all())
    if collections and vectors.collection_name not in collections:
        raise UserError(
            f"the clients' documents are indexed for {', '.join(sorted(collections))}, not for {vectors.collection_name}",
            fix="run `assistant ingest DIR` again on the workspace to index them for the current embedding model",
        )


def open_knowledge(settings: Settings, store: Store):
    from assistant.knowledge.ingest import Knowledge

    return Knowledge(store, open_vectors(settings))
