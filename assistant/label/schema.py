"""The one output schema both engines produce, validated."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field, field_validator, model_validator

from assistant.retrieve.search import EvidenceRef

Label = Literal["in_scope", "out_of_scope", "red_flag"]
LABELS: tuple[Label, ...] = get_args(Label)

Category = Literal[
    "unclear_goals",
    "conflicting_stakeholders",
    "discount_pressure",
    "outdated_methods",
    "prepayment_refusal",
    "late_payment",
    "misleading_claims",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)

#: What one request is, against the client's documents: ``covered`` by an included clause
#: within its limit; ``excluded`` by an exclusion or a call note that refused it;
#: ``beyond_limit``: the included kind of work over its agreed quantity, rounds or cadence;
#: ``not_covered`` by anything agreed; ``unclear``: the documents do not settle it.
Verdict = Literal["covered", "excluded", "beyond_limit", "not_covered", "unclear"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
#: Verdicts the agency pushes back on (the message is out of scope).
OUTSIDE_VERDICTS = frozenset({"excluded", "beyond_limit", "not_covered"})


class RequestVerdict(BaseModel):
    """One thing the client asks for, and how it stands against the documents."""

    text: str
    verdict: Verdict = "unclear"
    #: The clause or call note that decided it (none for ``unclear``).
    evidence: EvidenceRef | None = None
    #: The numbers, where the documents or notes give them: what is asked for, what the
    #: agreement allows, what is already used ("3rd round", "2 rounds", "2 used").
    requested: str = ""
    allowed: str = ""
    used: str = ""
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class TriageResult(BaseModel):
    label: Label
    red_flags: list[Category] = Field(default_factory=list)
    #: What the client asks for, one entry each; empty for routine mail that asks for no work.
    requests: list[RequestVerdict] = Field(default_factory=list)
    evidence: list[EvidenceRef] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    rationale: str = ""
    engine: str  # which engine produced this result, e.g. "offline", "llm:gpt-4o-mini"
    reply_needed: bool
    language: str = ""  # ISO 639-1 of the client's message
    fallback_reason: str | None = None  # set when another engine was asked first and failed
    #: What kind of failure that was ("connection", "auth", "bad_response", "invalid_output", …).
    fallback_kind: str | None = None
    #: The engine could not decide with confidence: a person should (the draft then
    #: acknowledges the message and promises or refuses nothing).
    needs_judgement: bool = False

    @field_validator("requests", mode="before")
    @classmethod
    def _plain_requests(cls, value: object) -> object:
        """Results stored before requests had verdicts list them as plain text."""
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("red_flags")
    @classmethod
    def _unique(cls, flags: list[Category]) -> list[Category]:
        return list(dict.fromkeys(flags))

    @model_validator(mode="after")
    def _consistent(self) -> TriageResult:
        if (self.label == "red_flag") != bool(self.red_flags):
            raise ValueError("red_flags must be non-empty exactly when label is red_flag")
        if self.label in ("out_of_scope", "red_flag") and not self.reply_needed:
            raise ValueError("out_of_scope and red_flag messages always need a reply")
        return self


class DraftReply(BaseModel):
    subject: str
    body: str
    language: str
    #: For the account manager, not the client: e.g. why the draft is not in the client's
    #: language ("No template for Turkish: drafted in English."); "" when nothing to say.
    note: str = ""


class Decision(BaseModel):
    """What an engine returns for one message: the result, and a draft when a reply is needed."""

    result: TriageResult
    draft: DraftReply | None = None
