"""What the LLM answers, how it is checked, and how it becomes a :class:`TriageResult`.

The answer carries one verdict per request, each citing the numbered item that decided it,
and the label must follow from those verdicts (and the red flags) with the precedence of
``domain.md``. Checking that here, rather than trusting the label, is what keeps the
label, the verdicts and the cited clauses telling the same story; a failed check is sent
back to the model once with the error (see :mod:`assistant.label.llm`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from assistant.label.prompting import cut
from assistant.label.schema import (
    OUTSIDE_VERDICTS,
    Category,
    EvidenceRef,
    Label,
    RequestVerdict,
    TriageResult,
    Verdict,
)
from assistant.retrieve import Evidence

__all__ = [
    "DraftOut",
    "RequestOut",
    "TriageResponse",
    "cited_ids",
    "expected_label",
    "format_validation_error",
    "response_format_schema",
    "to_result",
]

#: Verdicts that must name the item that decided them.
NEEDS_EVIDENCE = frozenset({"excluded", "beyond_limit"})
#: Errors sent back to the model are cut to this length.
MAX_ERROR_CHARS = 800


class DraftOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    subject: str = Field(description="Re: <original subject>")
    body: str = Field(description="plain-text reply in the client's language")


class RequestOut(BaseModel):
    """One request as the model judged it. The number fields default to empty so a server
    that ignores the schema is not asked again over a missing "used"."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(description="the request, one short English line")
    verdict: Verdict
    evidence_id: int | None = Field(default=None, description="the item that decided it; null for unclear")
    requested: str = ""
    allowed: str = ""
    used: str = ""


class TriageResponse(BaseModel):
    """What the model answers. Field order is generation order: the requests and their
    verdicts, the red flags and the evidence come before the label, so the model judges
    before it labels."""

    model_config = ConfigDict(extra="ignore")

    requests: list[RequestOut] = Field(description="what the client asks for, one item each")
    red_flags: list[Category] = Field(description="non-empty exactly when label is red_flag")
    evidence_ids: list[int] = Field(description="further cited items (backing call note, payment terms)")
    rationale: str = Field(description="1-2 sentences, naming item numbers")
    label: Label
    needs_judgement: bool
    confidence: float = Field(ge=0.0, le=1.0)
    reply_needed: bool
    language: str = Field(description="ISO 639-1 code of the client's message")
    draft: DraftOut | None = Field(description="null when reply_needed is false")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> TriageResponse:
        count = (info.context or {}).get("evidence_count") if info.context else None
        problems = _label_problems(self) + _request_problems(self, count) + _reply_problems(self)
        if count is not None:
            problems += _citation_problems(self, count)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def expected_label(answer: TriageResponse) -> Label:
    """The label the verdicts and red flags imply: red_flag over out_of_scope over in_scope."""
    if answer.red_flags:
        return "red_flag"
    if any(r.verdict in OUTSIDE_VERDICTS for r in answer.requests):
        return "out_of_scope"
    return "in_scope"


def _label_problems(answer: TriageResponse) -> list[str]:
    if answer.label == "red_flag" and not answer.red_flags:
        return ["label is red_flag but red_flags is empty: list the categories, or change the label"]
    if answer.label != "red_flag" and answer.red_flags:
        return [f"red_flags is non-empty but label is {answer.label}: red_flag takes precedence"]
    expected = expected_label(answer)
    if answer.label == expected:
        return []
    if expected == "out_of_scope":
        outside = [str(i) for i, r in enumerate(answer.requests, 1) if r.verdict in OUTSIDE_VERDICTS]
        return [
            f"label is {answer.label} but request {', '.join(outside)} is excluded, beyond_limit or "
            "not_covered: the label must be out_of_scope, or correct the verdict"
        ]
    return [
        f"label is {answer.label} but no request is excluded, beyond_limit or not_covered: the label "
        "must be in_scope, or give the request that is outside the scope its verdict"
    ]


def _request_problems(answer: TriageResponse, count: int | None) -> list[str]:
    problems = []
    for i, r in enumerate(answer.requests, 1):
        if r.verdict in NEEDS_EVIDENCE and r.evidence_id is None:
            fix = (
                "no documents were given, so use not_covered or unclear"
                if count == 0
                else "name the item that decided it" + (f" (1 to {count})" if count else "")
            )
            problems.append(f"requests[{i}] is {r.verdict} but evidence_id is null: {fix}")
    if any(r.verdict == "unclear" for r in answer.requests) and not answer.needs_judgement:
        problems.append("a request is unclear but needs_judgement is false: set it true")
    return problems


def _reply_problems(answer: TriageResponse) -> list[str]:
    problems = []
    if answer.label in ("out_of_scope", "red_flag") and not answer.reply_needed:
        problems.append(f"{answer.label} messages always need a reply: set reply_needed true and write the draft")
    if answer.reply_needed and (answer.draft is None or not answer.draft.body.strip()):
        problems.append("reply_needed is true but draft is missing or empty")
    return problems


def _citation_problems(answer: TriageResponse, count: int) -> list[str]:
    """Numbers that are not in the prompt, and a pushback that cites nothing."""

    def unknown(ids: list[int]) -> list[int]:
        return [i for i in ids if not 1 <= i <= count]

    where = f"use numbers 1 to {count}" if count else "no documents were given"
    problems = []
    bad = unknown([r.evidence_id for r in answer.requests if r.evidence_id is not None])
    if bad:
        problems.append(f"requests' evidence_id {bad} do not exist: {where}")
    bad = unknown(answer.evidence_ids)
    if bad:
        problems.append(f"evidence_ids {bad} do not exist: " + (where if count else "use []"))
    if count and answer.label in ("out_of_scope", "red_flag") and not cited_ids(answer):
        article = "an" if answer.label == "out_of_scope" else "a"
        problems.append(
            f"{article} {answer.label} answer must cite the item it rests on: set the request's "
            "evidence_id or evidence_ids"
        )
    return problems


def cited_ids(answer: TriageResponse) -> list[int]:
    """The cited item numbers, deciding ones first, each once. What decides the label comes
    first: the verdicts that push back (out_of_scope), the further cited items (a red flag
    rests on the payment terms or a note, not on a request's clause), else the covering clauses."""
    outside = [r.evidence_id for r in answer.requests if r.verdict in OUTSIDE_VERDICTS]
    covered = [r.evidence_id for r in answer.requests if r.verdict == "covered"]
    if answer.label == "red_flag":
        order = answer.evidence_ids + outside + covered
    else:
        order = outside + covered + answer.evidence_ids
    return list(dict.fromkeys(i for i in order if i is not None))


def _ref(items: list[Evidence], number: int | None) -> EvidenceRef | None:
    if number is None or not 1 <= number <= len(items):
        return None
    return items[number - 1].ref()


def _request_verdicts(answer: TriageResponse, items: list[Evidence]) -> list[RequestVerdict]:
    """The model's requests with the clause each cites; an unclear request rests on nothing."""
    return [
        RequestVerdict(
            text=r.text.strip(),
            verdict=r.verdict,
            evidence=None if r.verdict == "unclear" else _ref(items, r.evidence_id),
            requested=r.requested.strip(),
            allowed=r.allowed.strip(),
            used=r.used.strip(),
            confidence=answer.confidence,
        )
        for r in answer.requests
        if r.text.strip()
    ]


def normal_language(code: str) -> str:
    """``"DA"``, ``"pt_BR"`` → ``"da"``, ``"pt"``."""
    return code.strip().lower().replace("_", "-").split("-")[0][:8]


def to_result(answer: TriageResponse, items: list[Evidence], engine: str) -> TriageResult:
    """The engine-independent result: the label and its verdicts, with every cited number
    replaced by the clause or note it stood for."""
    refs = [ref for ref in (_ref(items, i) for i in cited_ids(answer)) if ref is not None]
    return TriageResult(
        label=answer.label,
        red_flags=answer.red_flags,
        requests=_request_verdicts(answer, items),
        evidence=refs,
        confidence=answer.confidence,
        rationale=answer.rationale.strip(),
        engine=engine,
        reply_needed=answer.reply_needed,
        language=normal_language(answer.language),
        needs_judgement=answer.needs_judgement,
    )


def format_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False)[:6]:
        loc = ".".join(str(p) for p in err.get("loc", ())) or "answer"
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}")
    return cut("; ".join(parts), MAX_ERROR_CHARS)


def _strict(node: Any, defs: dict[str, Any]) -> Any:
    """Pydantic's JSON schema in the form strict structured outputs accept, and simple enough
    for local servers' grammar converters: every object closed (``additionalProperties:
    false``) with all its properties required, ``$ref``s inlined, no titles, descriptions or
    number bounds (the prompt states them and the engine's validation checks them)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            merged = {**defs[ref.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
            return _strict(merged, defs)
        # Descriptions are dropped too: the system prompt explains every field, once.
        out = {
            k: _strict(v, defs)
            for k, v in node.items()
            if k not in ("title", "default", "$defs", "description", "properties", "minimum", "maximum")
        }
        if isinstance(node.get("properties"), dict):  # field names are kept whatever they are
            out["properties"] = {name: _strict(sub, defs) for name, sub in node["properties"].items()}
            out["additionalProperties"] = False
            out["required"] = list(out["properties"])
        return out
    if isinstance(node, list):
        return [_strict(v, defs) for v in node]
    return node


def response_format_schema() -> dict[str, Any]:
    """The ``json_schema`` entry of the request's ``response_format``."""
    schema = TriageResponse.model_json_schema()
    schema.pop("description", None)  # the class docstring is for developers
    return {
        "name": "triage_result",
        "strict": True,
        "schema": _strict(schema, schema.get("$defs", {})),
    }
