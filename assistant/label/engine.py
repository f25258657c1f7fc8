"""The engine interface: one small abstract method, ``decide``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.label.schema import Decision
from assistant.parse.models import ParsedMessage
from assistant.retrieve import Evidence, RequestMatch


@dataclass(frozen=True)
class ClientInfo:
    id: str
    name: str
    account_manager: str = ""


@dataclass(frozen=True)
class Example:
    """A message a human labelled (a correction), used as an example for this client."""

    text: str
    label: str
    red_flags: tuple[str, ...] = ()
    subject: str = ""
    #: The embedding of ``text`` (the client's words only), for "same kind" matches.
    vector: tuple[float, ...] | None = None


@dataclass
class TriageContext:
    """Everything an engine may look at for one message. ``message`` is untrusted data."""

    message: ParsedMessage
    client: ClientInfo
    evidence: list[Evidence]  # the client's closest clauses and call notes (retrieve stage)
    #: Clauses about rates and change requests, for a change-request outline in the draft.
    commercial: list[Evidence] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    agency_name: str = ""
    #: The message's query embedding (shared with retrieval), when the pipeline computed it.
    vector: list[float] | None = None
    #: The language of the text ``vector`` embeds, as detected once for the search space
    #: (None: not detected; whoever needs it detects it).
    query_language: str | None = None
    #: The embedding of the new text alone, computed only when ``examples`` have vectors.
    text_vector: list[float] | None = None
    #: What the client asks for, each with the client's records closest to it (retrieve stage).
    requests: list[RequestMatch] = field(default_factory=list)


#: Kinds of failure that are one message's, not the endpoint's: the endpoint answered, but
#: not usably for that message. Asking again when the endpoint answers again changes nothing.
PER_MESSAGE_FAILURES = frozenset({"invalid_output", "content_filter", "bad_request"})


def endpoint_failed(result: Mapping[str, Any]) -> bool:
    """A stored result (``TriageResult`` as JSON) that fell back because the endpoint did not
    answer (or was not asked): worth asking again once it answers. Results stored before
    kinds were recorded count as such."""
    return bool(result.get("fallback_reason")) and result.get("fallback_kind") not in PER_MESSAGE_FAILURES


class Engine(ABC):
    #: Recorded in every result as ``engine``.
    name: str

    @abstractmethod
    def decide(self, ctx: TriageContext) -> Decision:
        """Label one message and draft the reply it needs."""

    def decide_many(self, contexts: list[TriageContext]) -> list[Decision]:
        """Engines that can work on several messages at once override this."""
        return [self.decide(ctx) for ctx in contexts]

    def check_endpoint(self) -> None:
        """Once before a run: an engine behind an endpoint checks that it is one it can use
        (raising a ConfigError when a setting is certainly wrong)."""
        return None

    def ready(self) -> bool:
        """Whether asking this engine now is worth it; an engine behind an endpoint that
        stopped answering says no until it answers again."""
        return True
