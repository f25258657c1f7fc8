"""Client knowledge: what was agreed with each client, read, chunked and indexed per client."""

from assistant.knowledge.vectors import embedder_for, open_knowledge, open_vectors, require_current_index

__all__ = ["embedder_for", "open_knowledge", "open_vectors", "require_current_index"]
