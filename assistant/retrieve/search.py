"""Retrieve: the clauses and call notes of one client that a message touches.

Used by both engines. Returns the closest chunks of that client only, plus the closest
clauses from its "not included" lists even when they rank lower — an out-of-scope request
is judged against the exclusions as much as against the deliverables.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from vectorstore import Hit, VectorStore

#: The embedding model reads ~512 tokens; a huge message is cut before it gets there.
MAX_QUERY_CHARS = 2000


class EvidenceRef(BaseModel):
    """A clause or call note, quotable: what a decision rests on and what a draft quotes.
    The one evidence type; retrieval's hits add their score (:class:`Evidence`), and a field
    typed ``EvidenceRef`` stores them without it."""

    document: str  # source path, as in clients.json
    title: str = ""
    kind: str = ""  # scope | call_notes
    date: str = ""
    section: str = ""
    text: str  # the clause, quotable
    excluded: bool = False

    def ref(self) -> EvidenceRef:
        """This record as stored in a result: without retrieval's score."""
        return EvidenceRef.model_validate(self.model_dump(include=set(EvidenceRef.model_fields)))


class Evidence(EvidenceRef):
    """A record retrieval found, with how close it is to the query."""

    score: float = 0.0

    @classmethod
    def from_hit(cls, hit: Hit) -> Evidence:
        m = hit.metadata
        return cls(
            document=str(m.get("source", "")),
            title=str(m.get("title", "")),
            kind=str(m.get("kind", "")),
            date=str(m.get("date", "")),
            section=str(m.get("section", "")),
            text=hit.text,
            excluded=bool(m.get("excluded", False)),
            score=round(hit.score, 4),
        )


def query_text(text: str) -> str:
    """What is embedded for a message: its text, cut to what the model reads."""
    return text.strip()[:MAX_QUERY_CHARS]


def retrieve(
    vectors: VectorStore,
    client_id: str,
    text: str,
    k: int = 5,
    k_excluded: int = 2,
    vector: Sequence[float] | None = None,
) -> list[Evidence]:
    """The top ``k`` chunks for ``text`` within ``client_id``'s documents, plus up to
    ``k_excluded`` closest exclusion clauses, best first, without duplicates. ``vector``:
    the text's embedding, when the caller already has it."""
    query = query_text(text)
    if not query:
        return []
    if vector is None:
        vector = vectors.embedder.embed_query(query)
    closest = vectors.query(query, client_id=client_id, k=k, vector=vector)
    excluded = (
        vectors.query(query, client_id=client_id, k=k_excluded, vector=vector, excluded=True) if k_excluded else []
    )
    return _merged(closest, excluded)


def retrieve_many(
    vectors: VectorStore, client_id: str, search_vectors: Sequence[Sequence[float]], k: int = 5, k_excluded: int = 2
) -> list[list[Evidence]]:
    """:func:`retrieve` for several messages of one client, from their vectors already in the
    store's search space (``VectorStore.search_vectors``): one Chroma query for the closest
    records of all of them and one for the exclusions, the same evidence as one by one."""
    if not len(search_vectors):
        return []
    closest = vectors.query_many(search_vectors, client_id=client_id, k=k)
    excluded = (
        vectors.query_many(search_vectors, client_id=client_id, k=k_excluded, excluded=True)
        if k_excluded
        else [[] for _ in closest]
    )
    return [_merged(c, x) for c, x in zip(closest, excluded)]


def _merged(closest: list[Hit], excluded: list[Hit]) -> list[Evidence]:
    """The closest records, then the closest exclusions not among them, best first."""
    hits = {h.id: h for h in closest}
    for h in excluded:
        hits.setdefault(h.id, h)
    return [Evidence.from_hit(h) for h in sorted(hits.values(), key=lambda h: h.score, reverse=True)]
