"""Retrieve: the clauses and call notes of one client that a message touches (``search``),
and the ones closest to each request in it (``requests``)."""

from assistant.retrieve.requests import RequestMatch, match_requests, requests_in
from assistant.retrieve.search import MAX_QUERY_CHARS, Evidence, EvidenceRef, query_text, retrieve, retrieve_many

__all__ = [
    "MAX_QUERY_CHARS",
    "Evidence",
    "EvidenceRef",
    "RequestMatch",
    "match_requests",
    "requests_in",
    "query_text",
    "retrieve",
    "retrieve_many",
]
