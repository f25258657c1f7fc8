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
  :class:`~assistant.label.schema.TriageResult`'s, plus a label that follows from the
  per-request verdicts and evidence numbers that exist; see :mod:`assistant.label.llm_answer`).
- The model judges each request against the client's documents, which the prompt lists as
  numbered included clauses, excluded clauses, call notes and commercial terms
  (:mod:`assistant.label.prompting`), and cites the deciding item by number; the engine maps
  the numbers back to the clauses it showed, so a quote in a result is always a real clause.

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
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import ValidationError

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.label.engine import Engine, TriageContext
from assistant.label.llm_answer import (
    DraftOut,
    TriageResponse,
    format_validation_error,
    response_format_schema,
    to_result,
)
from assistant.label.prompting import cut, neutralise_tags, one_line, render_user_prompt
from assistant.label.prompts import load_prompt, render_prompt
from assistant.label.schema import Decision, DraftReply
from assistant.retrieve import Evidence
from assistant.text.mail import reply_subject

__all__ = [
    "DraftOut",
    "LLMEngine",
    "LLMUsage",
    "TriageResponse",
    "neutralise_tags",
    "render_user_prompt",
    "response_format_schema",
]

log = logging.getLogger(__name__)

SYSTEM_PROMPT = "triage.system.v2"
RETRY_PROMPT = "triage.retry.v1"

#: A cap on the answer: a draft is a few hundred words; this stops a looping local model.
DEFAULT_MAX_TOKENS = 2000

OutputMethod = Literal["json_schema", "json_mode"]


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
            return {
                "calls": self.calls,
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "cached_prompt_tokens": self.cached_prompt_tokens,
                "reasks": self.reasks,
                "fallbacks": self.fallbacks,
            }

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


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
            raise ConfigError(
                "no LLM endpoint configured",
                fix="set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server (Ollama, vLLM)",
            )
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
            self.system_prompt += (
                "\n# JSON schema of the answer\n"
                + json.dumps(response_format_schema()["schema"], separators=(",", ":"))
                + "\n"
            )
            self._runnable: Runnable = self.chat_model.with_structured_output(
                None, method="json_mode", include_raw=True
            )
        else:
            self._runnable = self.chat_model.with_structured_output(
                response_format_schema(), method="json_schema", include_raw=True
            )

    @classmethod
    def from_settings(cls, settings: Settings, fallback: Engine, **overrides: Any) -> LLMEngine:
        """The engine for the configured endpoint (``OPENAI_API_KEY`` and/or
        ``OPENAI_BASE_URL``, ``ASSISTANT_LLM_*``); ``overrides`` win over the settings."""
        if not settings.llm_configured:
            raise ConfigError(
                "no LLM endpoint configured",
                fix="set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server (Ollama, vLLM)",
            )
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
                log.info(
                    "%s: invalid answer for %s, asking once more: %s", self.name, ctx.message.message_id, first.error
                )
                self.usage.add(reasks=1)
                retry = messages + [
                    AIMessage(first.raw or "(no answer)"),
                    HumanMessage(render_prompt(RETRY_PROMPT, error=first.error)),
                ]
                try:
                    return self._ask(ctx, retry, items)
                except _InvalidOutput as second:
                    return self._fall_back(ctx, "invalid_output", f"invalid output twice ({cut(second.error, 200)})")
        except openai.AuthenticationError as exc:
            return self._fall_back(ctx, "auth", f"authentication failed (HTTP {exc.status_code}): set OPENAI_API_KEY")
        except openai.PermissionDeniedError as exc:
            return self._fall_back(
                ctx,
                "permission",
                f"access denied (HTTP {exc.status_code}): check that OPENAI_API_KEY may use model {self.model}",
            )
        except openai.NotFoundError as exc:
            return self._fall_back(
                ctx,
                "not_found",
                f"model or endpoint not found (HTTP {exc.status_code}): check ASSISTANT_LLM_MODEL and OPENAI_BASE_URL",
            )
        except openai.RateLimitError as exc:
            return self._fall_back(
                ctx, "rate_limit", f"rate limited (HTTP {exc.status_code}) after {self.max_retries} retries"
            )
        except openai.InternalServerError as exc:
            return self._fall_back(
                ctx, "server_error", f"server error (HTTP {exc.status_code}) after {self.max_retries} retries"
            )
        except openai.BadRequestError as exc:
            return self._fall_back(
                ctx, "bad_request", f"request rejected (HTTP {exc.status_code}): {one_line(exc.message, 160)}"
            )
        except openai.APIStatusError as exc:
            return self._fall_back(
                ctx, f"http_{exc.status_code}", f"HTTP {exc.status_code}: {one_line(exc.message, 160)}"
            )
        except openai.APITimeoutError:
            return self._fall_back(
                ctx, "timeout", f"no answer within {self.timeout:g}s (timed out, {self.max_retries} retries)"
            )
        except openai.APIConnectionError:
            return self._fall_back(
                ctx, "connection", f"cannot connect to {self.base_url or 'the OpenAI API'} ({self.max_retries} retries)"
            )
        except openai.APIResponseValidationError:
            return self._fall_back(ctx, "bad_response", "the endpoint's answer was not a chat completion")
        except openai.ContentFilterFinishReasonError:
            return self._fall_back(ctx, "content_filter", "the provider's content filter stopped the answer")
        except openai.APIError as exc:  # the rest of the client's API errors (e.g. context overflow)
            return self._fall_back(ctx, "api_error", f"API error: {one_line(exc.message, 160)}")

    def decide_many(self, contexts: list[TriageContext]) -> list[Decision]:
        """Decide all, up to ``concurrency`` messages in flight at once; results in input order."""
        if len(contexts) <= 1 or self.concurrency == 1:
            return [self.decide(ctx) for ctx in contexts]
        with ThreadPoolExecutor(
            max_workers=min(self.concurrency, len(contexts)), thread_name_prefix="llm-engine"
        ) as pool:
            return list(pool.map(self.decide, contexts))

    # -- internals ----------------------------------------------------------------------

    def _count(self, raw: Any) -> None:
        meta = getattr(raw, "usage_metadata", None) or {}
        details = meta.get("input_token_details") or {}
        self.usage.add(
            calls=1,
            prompt_tokens=int(meta.get("input_tokens") or 0),
            completion_tokens=int(meta.get("output_tokens") or 0),
            cached_prompt_tokens=int(details.get("cache_read") or 0),
        )

    def _ask(self, ctx: TriageContext, messages: list[BaseMessage], items: list[Evidence]) -> Decision:
        """One model call; a usable answer becomes a Decision, anything else _InvalidOutput."""
        try:
            out = self._runnable.invoke(messages)
        except openai.LengthFinishReasonError as exc:
            usage = exc.completion.usage
            self.usage.add(
                calls=1,
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
            )
            choice = exc.completion.choices[0] if exc.completion.choices else None
            raw_text = (choice.message.content or "") if choice else ""
            raise _InvalidOutput(
                "the answer was cut off at the token limit: answer with a shorter draft (at most 250 words)", raw_text
            ) from None
        raw = out["raw"]
        self._count(raw)
        raw_text = raw.content if isinstance(raw.content, str) else json.dumps(raw.content, ensure_ascii=False)
        if out.get("parsing_error") is not None or not isinstance(out.get("parsed"), dict):
            refusal = (raw.additional_kwargs or {}).get("refusal")
            error = (
                f"the model refused: {refusal}"
                if refusal
                else (f"not a JSON object ({one_line(str(out.get('parsing_error') or 'no JSON object'), 200)})")
            )
            raise _InvalidOutput(error, raw_text)
        try:
            answer = TriageResponse.model_validate(out["parsed"], context={"evidence_count": len(items)})
            return self._decision(ctx, answer, items)
        except ValidationError as exc:
            raise _InvalidOutput(format_validation_error(exc), raw_text) from None

    def _decision(self, ctx: TriageContext, answer: TriageResponse, items: list[Evidence]) -> Decision:
        result = to_result(answer, items, self.name)
        draft = None
        if answer.reply_needed and answer.draft is not None:
            original = ctx.message.subject.strip()
            subject = reply_subject(original) if original else (answer.draft.subject.strip() or "Re:")
            draft = DraftReply(subject=subject, body=answer.draft.body.strip(), language=result.language)
        return Decision(result=result, draft=draft)

    def _fall_back(self, ctx: TriageContext, kind: str, reason: str) -> Decision:
        """The fallback engine's decision, saying why it was asked."""
        self.usage.add(fallbacks=1)
        with self._warn_lock:
            first = kind not in self._warned
            self._warned.add(kind)
        if first:
            log.warning(
                "%s failed: %s; using the %s engine (logged once per kind of failure)",
                self.name,
                reason,
                self.fallback.name,
            )
        else:
            log.debug("%s failed for %s: %s", self.name, ctx.message.message_id, reason)
        decision = self.fallback.decide(ctx)
        note = f"{self.name} failed: {reason}; used {self.fallback.name} engine"
        return decision.model_copy(update={"result": decision.result.model_copy(update={"fallback_reason": note})})
