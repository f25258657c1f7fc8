"""The one output schema both engines produce, validated."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field, field_validator, model_validator

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


class EvidenceRef(BaseModel):
    """A clause or call note the decision rests on, quotable."""

    document: str
    title: str = ""
    kind: str = ""  # scope | call_notes
    date: str = ""
    section: str = ""
    text: str
    excluded: bool = False


class TriageResult(BaseModel):
    label: Label
    red_flags: list[Category] = Field(default_factory=list)
    requests: list[str] = Field(default_factory=list)  # what the client asks for, one line each
    evidence: list[EvidenceRef] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    rationale: str = ""
    engine: str  # which engine produced this result, e.g. "offline", "llm:gpt-4o-mini"
    reply_needed: bool
    language: str = ""  # ISO 639-1 of the client's message
    fallback_reason: str | None = None  # set when another engine was asked first and failed

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


class Decision(BaseModel):
    """What an engine returns for one message: the result, and a draft when a reply is needed."""

    result: TriageResult
    draft: DraftReply | None = None
