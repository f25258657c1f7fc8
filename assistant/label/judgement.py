"""Each request against the client's documents: a verdict and the clause that decided it.

The message's label comes from the offline model; this turns it into the per-request
account an account manager reads: which request is covered by which clause, which one an
exclusion or a call note refuses, which one asks for more than the agreed quantity, and
which one nothing agreed covers. The label follows from the verdicts (``domain.md``: red_flag
over out_of_scope over in_scope), so the two never disagree, and the evidence is always the
record closest to that request, never a clause the message merely resembles as a whole.
"""

from __future__ import annotations

import re

from assistant.knowledge.facts import clause_pattern
from assistant.label.schema import OUTSIDE_VERDICTS, EvidenceRef, RequestVerdict
from assistant.retrieve import Evidence, RequestMatch

#: A number a client asks for ("3 more posts", "the 3rd round") — small counts only, never
#: years, prices or dates.
_COUNT = re.compile(r"(?<![\d.,:/€$£-])(\d{1,2})(?:\.|st|nd|rd|th|e|\.?º)?(?![\d.,:/%])")


def ref(e: Evidence) -> EvidenceRef:
    return e.ref()


def judge_requests(
    label: str, matches: list[RequestMatch], commercial: list[Evidence], confidence: float
) -> list[RequestVerdict]:
    """Verdicts for the requests of a message labelled ``label``.

    in_scope: every request is covered (by its closest record when that is an agreed clause or
    note). out_of_scope: the requests that lean most towards the exclusions are outside (at
    least one): excluded when their closest record is an exclusion or a refusal in the call
    notes, beyond_limit when they ask for a larger count than their closest clause allows,
    else not_covered (the change-request clause decides). red_flag: judged as out_of_scope
    only where a request's closest record is an exclusion."""
    if not matches:
        return []
    outside = _outside(label, matches)
    return [_verdict(m, m in outside, commercial, confidence) for m in matches]


def _lean(m: RequestMatch) -> float:
    """How much a request leans towards what was refused rather than what was agreed."""
    refused = max((e.score for e in (m.excluded,) if e is not None), default=0.0)
    agreed = max((e.score for e in (m.included, m.note) if e is not None and not e.excluded), default=0.0)
    return refused - agreed


def _outside(label: str, matches: list[RequestMatch]) -> list[RequestMatch]:
    if label == "in_scope":
        return []
    leaning = [m for m in matches if m.closest is not None and m.closest.excluded]
    if label == "red_flag" or leaning:
        return leaning
    return [max(matches, key=_lean)]


def _verdict(m: RequestMatch, outside: bool, commercial: list[Evidence], confidence: float) -> RequestVerdict:
    if not outside:
        agreed = m.closest if m.closest is not None and not m.closest.excluded else None
        return RequestVerdict(
            text=m.text, verdict="covered", evidence=ref(agreed) if agreed else None, confidence=round(confidence, 3)
        )
    if m.closest is not None and m.closest.excluded:
        return RequestVerdict(text=m.text, verdict="excluded", evidence=ref(m.closest), confidence=round(confidence, 3))
    over = _over_limit(m.text, m.included)
    if over is not None and m.included is not None:
        asked, allowed = over
        return RequestVerdict(
            text=m.text,
            verdict="beyond_limit",
            evidence=ref(m.included),
            requested=str(asked),
            allowed=str(allowed),
            confidence=round(confidence, 3),
        )
    rule = change_request_rule(commercial)
    return RequestVerdict(
        text=m.text, verdict="not_covered", evidence=ref(rule) if rule else None, confidence=round(confidence, 3)
    )


def change_request_rule(commercial: list[Evidence]) -> Evidence | None:
    """The clause that decides a request nothing agreed covers: the change-request rule
    (extra work only after a written, priced change request); failing that, the closest
    commercial clause (rates, terms)."""
    pattern = clause_pattern("change_request")
    return next((e for e in commercial if pattern.search(e.text)), commercial[0] if commercial else None)


def _over_limit(request: str, clause: Evidence | None) -> tuple[int, int] | None:
    """(asked, allowed) when the request names a count above every count in its closest clause."""
    if clause is None:
        return None
    asked = [int(n) for n in _COUNT.findall(request)]
    allowed = clause_limit(clause.text)
    if asked and allowed is not None and max(asked) > allowed:
        return max(asked), allowed
    return None


def clause_limit(text: str) -> int | None:
    """The quantity a clause allows, as a request's count is held against it: its largest small
    count written in digits ("4 articles per month" → 4); None when it states none."""
    return max((int(n) for n in _COUNT.findall(text)), default=None)


def deciding_evidence(verdicts: list[RequestVerdict]) -> list[EvidenceRef]:
    """The records that decided the verdicts, the ones behind pushback first, each once."""
    ordered = sorted(verdicts, key=lambda v: v.verdict not in OUTSIDE_VERDICTS)
    return unique_evidence([v.evidence for v in ordered if v.evidence is not None])


def unique_evidence(items: list[EvidenceRef]) -> list[EvidenceRef]:
    """``items`` in order, each record (document and text) once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in items:
        if (e.document, e.text) not in seen:
            seen.add((e.document, e.text))
            out.append(e)
    return out
