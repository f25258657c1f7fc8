"""Retrieve, per request: the client's clauses and call notes closest to each thing the
client asks for, so that each request is judged against what covers or refuses it rather
than against whatever the whole message sits closest to.

A request is embedded on its own when the message says more than that request (a message
that is one request reuses the message's vector), then compared with every record of the
client (``VectorStore.client_records``, loaded once per client).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.parse.requests import find_requests, sentences
from assistant.retrieve.search import Evidence
from vectorstore import ClientRecords, Hit


@dataclass(frozen=True)
class RequestMatch:
    """One request and the client's records closest to it, by kind (None: the client has
    none of that kind)."""

    text: str
    included: Evidence | None  # the closest clause of the agreed scope
    excluded: Evidence | None  # the closest "not included" clause
    note: Evidence | None  # the closest call note
    closest: Evidence | None  # the closest record of any kind


def match_requests(
    text: str,
    records: ClientRecords,
    message_vector: np.ndarray | None,
    embed: Callable[[Sequence[str]], np.ndarray],
    found: tuple[list[str], bool] | None = None,
) -> list[RequestMatch]:
    """The requests in the client's new ``text``, each with its closest records.

    ``message_vector``: the whole message in the store's search space; ``embed``: texts to
    search-space vectors (called once, for the requests that are not the whole message);
    ``found``: :func:`requests_in` of ``text``, when the caller has it already."""
    requests, whole = found if found is not None else requests_in(text)
    if not requests or not len(records.ids):
        return [RequestMatch(r, None, None, None, None) for r in requests]
    vectors = np.asarray([message_vector]) if whole and message_vector is not None else embed(requests)
    return [_match(r, v, records) for r, v in zip(requests, vectors)]


def requests_in(text: str) -> tuple[list[str], bool]:
    """The requests in ``text``, and whether the text is that one request and nothing else
    (then the message's own vector stands for it and the request is not embedded again)."""
    requests = find_requests(text)
    return requests, len(requests) == 1 and len(sentences(text)) == 1


def _match(text: str, vector: np.ndarray, records: ClientRecords) -> RequestMatch:
    scores = records.vectors @ np.asarray(vector, dtype=np.float32)
    kinds = [str(m.get("kind", "")) for m in records.metadatas]
    excluded = [bool(m.get("excluded", False)) for m in records.metadatas]

    def best(pick: Callable[[int], bool]) -> Evidence | None:
        idx = [i for i in range(len(scores)) if pick(i)]
        if not idx:
            return None
        i = max(idx, key=lambda j: scores[j])
        return Evidence.from_hit(Hit(records.ids[i], records.texts[i], float(scores[i]), records.metadatas[i]))

    return RequestMatch(
        text=text,
        included=best(lambda i: kinds[i] == "scope" and not excluded[i]),
        excluded=best(lambda i: excluded[i]),
        note=best(lambda i: kinds[i] == "call_notes" and not excluded[i]),
        closest=best(lambda i: True),
    )
