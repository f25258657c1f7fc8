"""The LLM engine: one chat-completions call per message for the label and the draft.

Any OpenAI-compatible endpoint works (OpenAI, Ollama, vLLM, LM Studio, llama.cpp): LangChain's
``ChatOpenAI`` with ``base_url``, ``api_key``, ``timeout`` and ``max_retries`` from the
settings, temperature 0.

**Structured output.** The request carries the response model as a JSON schema
(``response_format: {"type": "json_schema", "json_schema": {"name": "triage_result",
"strict": true, "schema": …}}``), built by ``with_structured_output(<schema dict>,
method="json_schema", include_raw=True)``. Why this way:

- ``json_schema`` response formats are the one structured-output feature the common
  OpenAI-compatible servers share (OpenAI's structured outputs, vLLM and llama.cpp guided
  decoding, Ollama's ``format``, LM Studio, which rejects plain JSON mode). Forced tool
  calls (``function_calling``) are weaker there: several local servers ignore
  ``tool_choice`` or small models answer in prose. ``output_method="json_mode"`` is kept as
  a switch for servers without JSON-schema support (the schema then goes into the static
  system prompt).
- The schema is passed as a *dict*, not the pydantic class. With the class, the openai
  SDK validates inside the HTTP call and a bad answer surfaces as an exception that has
  lost both the raw text (needed to ask again) and the token usage. With a dict plus
  ``include_raw=True`` every call returns the raw ``AIMessage`` (its ``usage_metadata``
  feeds :attr:`LLMEngine.usage`), the JSON parsed leniently (markdown fences tolerated, for
  servers that ignore ``response_format``), and a parsing error instead of a raise; the
  engine then validates with pydantic itself (:class:`TriageResponse`, whose checks mirror
  :class:`~assistant.label.schema.TriageResult`'s, plus evidence numbers that exist).
- The model cites evidence by number (``evidence_ids``); the engine maps the numbers back
  to the clauses it showed, so a quote in a result is always a real clause.

**Failures.** Transport retries are the openai client's own (timeouts, connection errors,
408/409/429/5xx with exponential backoff, honouring ``Retry-After``), ``max_retries``
times. An answer that fails validation is sent back once with the error; a second failure,
an exhausted retry budget, a refused key (401: "set OPENAI_API_KEY") and other API errors
make the engine ask its ``fallback`` engine instead and say so in
``result.fallback_reason``, with one warning logged per kind of failure.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.label.engine import Engine, TriageContext
from assistant.label.prompts import load_prompt, render_prompt
from assistant.label.schema import Category, Decision, DraftReply, EvidenceRef, Label, TriageResult
from assistant.mailout import reply_subject
from assistant.parse.models import ParsedMessage
from assistant.retrieve import Evidence

__all__ = ["LLMEngine", "LLMUsage", "TriageResponse", "DraftOut", "response_format_schema"]

log = logging.getLogger(__name__)

SYSTEM_PROMPT = "triage.system.v1"
USER_PROMPT = "triage.user.v1"
RETRY_PROMPT = "triage.retry.v1"

#: Prompt budget (goal: ≤ 2,500 prompt tokens for a typical message).
MAX_EVIDENCE = 6
MAX_COMMERCIAL = 3
MAX_EVIDENCE_CHARS = 400
MAX_EXAMPLES = 3
MAX_EXAMPLE_CHARS = 400
MAX_MESSAGE_CHARS = 6000
MAX_SUBJECT_CHARS = 300
#: A cap on the answer: a draft is a few hundred words; this stops a looping local model.
DEFAULT_MAX_TOKENS = 2000
#: Errors sent back to the model are cut to this length.
MAX_ERROR_CHARS = 800

OutputMethod = Literal["json_schema", "json_mode"]

# -- the response model -----------------------------------------------------------------


class DraftOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    subject: str = Field(description="Re: <original subject>")
    body: str = Field(description="plain-text reply in the client's language")


class TriageResponse(BaseModel):
    """What the model answers. Field order is generation order: requests, evidence and
    rationale come before the label, so the model reads before it decides."""

    model_config = ConfigDict(extra="ignore")

    requests: list[str] = Field(description="what the client asks for, one short line each")
    evidence_ids: list[int] = Field(description="numbers of the cited evidence items")
    rationale: str = Field(description="1-3 sentences, naming clause numbers")
    label: Label
    red_flags: list[Category] = Field(description="non-empty exactly when label is red_flag")
    confidence: float = Field(ge=0.0, le=1.0)
    reply_needed: bool
    language: str = Field(description="ISO 639-1 code of the client's message")
    draft: DraftOut | None = Field(description="null when reply_needed is false")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> TriageResponse:
        problems = []
        if self.label == "red_flag" and not self.red_flags:
            problems.append("label is red_flag but red_flags is empty: list the categories, or change the label")
        if self.label != "red_flag" and self.red_flags:
            problems.append(f"red_flags is non-empty but label is {self.label}: red_flag takes precedence")
        if self.label in ("out_of_scope", "red_flag") and not self.reply_needed:
            problems.append(f"{self.label} messages always need a reply: set reply_needed true and write the draft")
        if self.reply_needed and (self.draft is None or not self.draft.body.strip()):
            problems.append("reply_needed is true but draft is missing or empty")
        count = (info.context or {}).get("evidence_count") if info.context else None
        if count is not None:
            unknown = [i for i in self.evidence_ids if not 1 <= i <= count]
            if unknown:
                problems.append(f"evidence_ids {unknown} do not exist: use numbers 1 to {count}" if count
                                else f"evidence_ids {unknown} do not exist: no evidence was given, use []")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _strict(node: Any, defs: dict[str, Any]) -> Any:
    """Pydantic's JSON schema in the form strict structured outputs accept, and simple enough
    for local servers' grammar converters: every object closed (``additionalProperties:
    false``) with all its properties required, ``$ref``s inlined, no titles or descriptions."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            merged = {**defs[ref.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
            return _strict(merged, defs)
        # Descriptions are dropped too: the system prompt explains every field, once.
        out = {k: _strict(v, defs) for k, v in node.items()
               if k not in ("title", "default", "$defs", "description", "properties")}
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


# -- usage ------------------------------------------------------------------------------


@dataclass
class LLMUsage:
    """Counters over the engine's lifetime, safe to update from several threads.

    ``calls`` counts model invocations (a re-ask is a second call; the openai client's
    transport retries are not calls); the token counts are what the endpoint reported.
    """

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0
    reasks: int = 0
    fallbacks: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **deltas: int) -> None:
        with self._lock:
            for name, delta in deltas.items():
                setattr(self, name, getattr(self, name) + delta)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {"calls": self.calls, "prompt_tokens": self.prompt_tokens,
                    "completion_tokens": self.completion_tokens, "cached_prompt_tokens": self.cached_prompt_tokens,
                    "reasks": self.reasks, "fallbacks": self.fallbacks}

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


# -- prompt building --------------------------------------------------------------------

#: Our delimiter tags, in any spelling a client could type (``</client_email >``, ``< CLIENT_EMAIL>``).
_TAG_RE = re.compile(r"<\s*(/?)\s*(client_email|example_email)\b[^>]*>", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")


def neutralise_tags(text: str) -> str:
    """Untrusted text with our delimiter tags defused (``</client_email>`` → ``[/client_email]``),
    so it cannot close its block and pose as instructions."""
    return _TAG_RE.sub(lambda m: f"[{m.group(1)}{m.group(2).lower()}]", text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _one_line(text: str, limit: int) -> str:
    return _cut(_WS_RE.sub(" ", text).strip(), limit)


def _same(a: Evidence, b: Evidence) -> bool:
    return (a.document, a.section, a.text) == (b.document, b.section, b.text)


def select_evidence(ctx: TriageContext) -> tuple[list[Evidence], list[Evidence]]:
    """The evidence items and the commercial clauses shown to the model, numbered 1.. in
    that order. At most :data:`MAX_EVIDENCE` items, keeping an exclusion clause when the
    retrieve stage found one; commercial clauses already among the evidence are not repeated."""
    evidence = list(ctx.evidence[:MAX_EVIDENCE])
    if not any(e.excluded for e in evidence):
        extra = next((e for e in ctx.evidence[MAX_EVIDENCE:] if e.excluded), None)
        if extra is not None and evidence:
            evidence[-1] = extra
    commercial: list[Evidence] = []
    for c in ctx.commercial:
        if len(commercial) >= MAX_COMMERCIAL:
            break
        if not any(_same(c, e) for e in evidence + commercial):
            commercial.append(c)
    return evidence, commercial


def _section(e: Evidence) -> str:
    """The innermost heading of the section path ("SOW > 3. Not included" → "3. Not included");
    the title and date are shown apart."""
    section = e.section.strip()
    if " > " in section:
        section = section.rsplit(" > ", 1)[1]
    elif e.title and section.startswith(e.title):
        section = section[len(e.title):].lstrip(" >:,·-")
    return _one_line(section, 80)


def _format_item(number: int, e: Evidence) -> str:
    head = " | ".join(p for p in (_one_line(e.title, 60), e.kind, e.date, _section(e)) if p)
    if e.excluded:
        head += " | EXCLUDED"
    text = neutralise_tags(_one_line(e.text, MAX_EVIDENCE_CHARS))
    return f"[{number}] {neutralise_tags(head) or e.document}\n\"{text}\""


def _format_email(message: ParsedMessage) -> str:
    text = (message.new_text or message.body_text).strip()
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[:MAX_MESSAGE_CHARS].rstrip() + "\n[… message cut here …]"
    lines = [f"From: {_one_line(str(message.sender), 200) or '(unknown)'}"]
    if message.date is not None:
        lines.append(f"Date: {message.date.date().isoformat()}")
    lines.append(f"Subject: {_one_line(message.subject, MAX_SUBJECT_CHARS)}")
    lines += ["", text or "(empty message)"]
    return neutralise_tags("\n".join(lines))


def _format_examples(ctx: TriageContext) -> str:
    if not ctx.examples:
        return ""
    out = ["", "Corrected examples for this client (earlier messages and the labels a human gave them):"]
    for ex in ctx.examples[:MAX_EXAMPLES]:
        flags = ",".join(ex.red_flags) or "none"
        body = neutralise_tags(_cut(ex.text.strip(), MAX_EXAMPLE_CHARS))
        out.append(f'<example_email label="{ex.label}" red_flags="{flags}">\n{body}\n</example_email>')
    return "\n".join(out) + "\n"


def render_user_prompt(ctx: TriageContext) -> tuple[str, list[Evidence]]:
    """The per-message prompt and the items it numbers (index 0 is item [1])."""
    evidence, commercial = select_evidence(ctx)
    items = evidence + commercial
    ev_text = "\n".join(_format_item(i + 1, e) for i, e in enumerate(evidence)) or "(none found)"
    co_text = "\n".join(_format_item(len(evidence) + i + 1, e) for i, e in enumerate(commercial)) or "(none found)"
    text = render_prompt(
        USER_PROMPT,
        client_name=_one_line(ctx.client.name, 200) or ctx.client.id,
        agency_name=_one_line(ctx.agency_name, 200) or "(not given)",
        account_manager=_one_line(ctx.client.account_manager, 200) or "(not given)",
        evidence=ev_text,
        commercial=co_text,
        examples=_format_examples(ctx),
        email=_format_email(ctx.message),
    )
    return text, items


def _format_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False)[:6]:
        loc = ".".join(str(p) for p in err.get("loc", ())) or "answer"
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}")
    return _cut("; ".join(parts), MAX_ERROR_CHARS)


# -- the engine -------------------------------------------------------------------------


class _InvalidOutput(Exception):
    """The model's answer could not be used; ``raw`` is its text (to show it back)."""

    def __init__(self, error: str, raw: str) -> None:
        super().__init__(error)
        self.error = error
        self.raw = raw


class LLMEngine(Engine):
    """Label and draft with a chat model on an OpenAI-compatible endpoint.

    Build it with :meth:`from_settings`. ``decide`` makes one call per message (two when
    the first answer was invalid); ``decide_many`` keeps up to ``concurrency`` calls in
    flight. ``usage`` counts calls, tokens, re-asks and fallbacks.
    """

    def __init__(
        self,
        *,
        model: str,
        fallback: Engine,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        concurrency: int = 4,
        max_tokens: int | None = DEFAULT_MAX_TOKENS,
        output_method: OutputMethod = "json_schema",
    ) -> None:
        if not (api_key or base_url):
            raise ConfigError("no LLM endpoint configured",
                              fix="set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server (Ollama, vLLM)")
        self.model = model
        self.name = f"llm:{model}"
        self.fallback = fallback
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self.concurrency = max(1, concurrency)
        self.output_method: OutputMethod = output_method
        self.usage = LLMUsage()
        self._warned: set[str] = set()
        self._warn_lock = threading.Lock()
        self.chat_model = ChatOpenAI(
            model=model,
            # Local servers (Ollama, vLLM) need no key, but the client insists on one.
            api_key=api_key or "not-needed",
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            temperature=0,
            max_tokens=max_tokens,
            use_responses_api=False,  # chat completions: what every compatible server speaks
        )
        self.system_prompt = load_prompt(SYSTEM_PROMPT)
        if output_method == "json_mode":
            # JSON mode does not carry the schema; the (static) system prompt does.
            self.system_prompt += "\n# JSON schema of the answer\n" + json.dumps(
                response_format_schema()["schema"], separators=(",", ":")) + "\n"
            self._runnable: Runnable = self.chat_model.with_structured_output(
                None, method="json_mode", include_raw=True)
        else:
            self._runnable = self.chat_model.with_structured_output(
                response_format_schema(), method="json_schema", include_raw=True)

    @classmethod
    def from_settings(cls, settings: Settings, fallback: Engine, **overrides: Any) -> LLMEngine:
        """The engine for the configured endpoint (``OPENAI_API_KEY`` and/or
        ``OPENAI_BASE_URL``, ``ASSISTANT_LLM_*``); ``overrides`` win over the settings."""
        if not settings.llm_configured:
            raise ConfigError("no LLM endpoint configured",
                              fix="set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server (Ollama, vLLM)")
        kwargs: dict[str, Any] = {
            "model": settings.llm_model,
            "api_key": settings.openai_api_key.get_secret_value() if settings.openai_api_key else None,
            "base_url": settings.openai_base_url,
            "timeout": settings.llm_timeout,
            "max_retries": settings.llm_max_retries,
            "concurrency": settings.llm_concurrency,
        }
        kwargs.update(overrides)
        return cls(fallback=fallback, **kwargs)

    # -- prompts ------------------------------------------------------------------------

    def build_messages(self, ctx: TriageContext) -> tuple[list[BaseMessage], list[Evidence]]:
        """The conversation for one message (static system prompt first) and the numbered
        evidence items."""
        user, items = render_user_prompt(ctx)
        return [SystemMessage(self.system_prompt), HumanMessage(user)], items

    # -- deciding -----------------------------------------------------------------------

    def decide(self, ctx: TriageContext) -> Decision:
        messages, items = self.build_messages(ctx)
        try:
            try:
                return self._ask(ctx, messages, items)
            except _InvalidOutput as first:
                log.info("%s: invalid answer for %s, asking once more: %s", self.name, ctx.message.message_id,
                         first.error)
                self.usage.add(reasks=1)
                retry = messages + [AIMessage(first.raw or "(no answer)"),
                                    HumanMessage(render_prompt(RETRY_PROMPT, error=first.error))]
                try:
                    return self._ask(ctx, retry, items)
                except _InvalidOutput as second:
                    return self._fall_back(ctx, "invalid_output", f"invalid output twice ({_cut(second.error, 200)})")
        except openai.AuthenticationError as exc:
            return self._fall_back(ctx, "auth", f"authentication failed (HTTP {exc.status_code}): set OPENAI_API_KEY")
        except openai.PermissionDeniedError as exc:
            return self._fall_back(ctx, "permission", f"access denied (HTTP {exc.status_code}): check that "
                                   f"OPENAI_API_KEY may use model {self.model}")
        except openai.NotFoundError as exc:
            return self._fall_back(ctx, "not_found", f"model or endpoint not found (HTTP {exc.status_code}): "
                                   "check ASSISTANT_LLM_MODEL and OPENAI_BASE_URL")
        except openai.RateLimitError as exc:
            return self._fall_back(ctx, "rate_limit", f"rate limited (HTTP {exc.status_code}) after "
                                   f"{self.max_retries} retries")
        except openai.InternalServerError as exc:
            return self._fall_back(ctx, "server_error", f"server error (HTTP {exc.status_code}) after "
                                   f"{self.max_retries} retries")
        except openai.BadRequestError as exc:
            return self._fall_back(ctx, "bad_request", f"request rejected (HTTP {exc.status_code}): "
                                   f"{_one_line(exc.message, 160)}")
        except openai.APIStatusError as exc:
            return self._fall_back(ctx, f"http_{exc.status_code}", f"HTTP {exc.status_code}: "
                                   f"{_one_line(exc.message, 160)}")
        except openai.APITimeoutError:
            return self._fall_back(ctx, "timeout", f"no answer within {self.timeout:g}s "
                                   f"(timed out, {self.max_retries} retries)")
        except openai.APIConnectionError:
            return self._fall_back(ctx, "connection", f"cannot connect to {self.base_url or 'the OpenAI API'} "
                                   f"({self.max_retries} retries)")
        except openai.APIResponseValidationError:
            return self._fall_back(ctx, "bad_response", "the endpoint's answer was not a chat completion")
        except openai.ContentFilterFinishReasonError:
            return self._fall_back(ctx, "content_filter", "the provider's content filter stopped the answer")
        except openai.APIError as exc:  # the rest of the client's API errors (e.g. context overflow)
            return self._fall_back(ctx, "api_error", f"API error: {_one_line(exc.message, 160)}")

    def decide_many(self, contexts: list[TriageContext]) -> list[Decision]:
        """Decide all, up to ``concurrency`` messages in flight at once; results in input order."""
        if len(contexts) <= 1 or self.concurrency == 1:
            return [self.decide(ctx) for ctx in contexts]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(contexts)),
                                thread_name_prefix="llm-engine") as pool:
            return list(pool.map(self.decide, contexts))

    # -- internals ----------------------------------------------------------------------

    def _count(self, raw: Any) -> None:
        meta = getattr(raw, "usage_metadata", None) or {}
        details = meta.get("input_token_details") or {}
        self.usage.add(calls=1, prompt_tokens=int(meta.get("input_tokens") or 0),
                       completion_tokens=int(meta.get("output_tokens") or 0),
                       cached_prompt_tokens=int(details.get("cache_read") or 0))

    def _ask(self, ctx: TriageContext, messages: list[BaseMessage], items: list[Evidence]) -> Decision:
        """One model call; a usable answer becomes a Decision, anything else _InvalidOutput."""
        try:
            out = self._runnable.invoke(messages)
        except openai.LengthFinishReasonError as exc:
            usage = exc.completion.usage
            self.usage.add(calls=1, prompt_tokens=usage.prompt_tokens if usage else 0,
                           completion_tokens=usage.completion_tokens if usage else 0)
            choice = exc.completion.choices[0] if exc.completion.choices else None
            raw_text = (choice.message.content or "") if choice else ""
            raise _InvalidOutput("the answer was cut off at the token limit: answer with a shorter draft "
                                 "(at most 250 words)", raw_text) from None
        raw = out["raw"]
        self._count(raw)
        raw_text = raw.content if isinstance(raw.content, str) else json.dumps(raw.content, ensure_ascii=False)
        if out.get("parsing_error") is not None or not isinstance(out.get("parsed"), dict):
            refusal = (raw.additional_kwargs or {}).get("refusal")
            error = f"the model refused: {refusal}" if refusal else (
                f"not a JSON object ({_one_line(str(out.get('parsing_error') or 'no JSON object'), 200)})")
            raise _InvalidOutput(error, raw_text)
        try:
            answer = TriageResponse.model_validate(out["parsed"], context={"evidence_count": len(items)})
            return self._decision(ctx, answer, items)
        except ValidationError as exc:
            raise _InvalidOutput(_format_validation_error(exc), raw_text) from None

    def _decision(self, ctx: TriageContext, answer: TriageResponse, items: list[Evidence]) -> Decision:
        refs = [EvidenceRef(**items[i - 1].model_dump(exclude={"score"}))
                for i in dict.fromkeys(answer.evidence_ids)]
        language = answer.language.strip().lower().replace("_", "-").split("-")[0][:8]
        result = TriageResult(
            label=answer.label,
            red_flags=answer.red_flags,
            requests=[r.strip() for r in answer.requests if r.strip()],
            evidence=refs,
            confidence=answer.confidence,
            rationale=answer.rationale.strip(),
            engine=self.name,
            reply_needed=answer.reply_needed,
            language=language,
        )
        draft = None
        if answer.reply_needed and answer.draft is not None:
            original = ctx.message.subject.strip()
            subject = reply_subject(original) if original else (answer.draft.subject.strip() or "Re:")
            draft = DraftReply(subject=subject, body=answer.draft.body.strip(), language=language)
        return Decision(result=result, draft=draft)

    def _fall_back(self, ctx: TriageContext, kind: str, reason: str) -> Decision:
        """The fallback engine's decision, saying why it was asked."""
        self.usage.add(fallbacks=1)
        with self._warn_lock:
            first = kind not in self._warned
            self._warned.add(kind)
        if first:
            log.warning("%s failed: %s; using the %s engine (logged once per kind of failure)",
                        self.name, reason, self.fallback.name)
        else:
            log.debug("%s failed for %s: %s", self.name, ctx.message.message_id, reason)
        decision = self.fallback.decide(ctx)
        note = f"{self.name} failed: {reason}; used {self.fallback.name} engine"
        return decision.model_copy(update={"result": decision.result.model_copy(update={"fallback_reason": note})})
