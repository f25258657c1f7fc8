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
an exhausted retry budget, a refused key (401: "set OPENAI_API_KEY"), other API errors and
a 200 that is no chat completion at all (an HTML page, an empty body, JSON cut off or of
another shape, which the client and LangChain fail on with plain Python errors) make the
engine ask its ``fallback`` engine instead and say so in ``result.fallback_reason`` and
``result.fallback_kind``, with one warning logged per kind of failure.

**The breaker.** After ``trip_after`` failures of the same kind in a row the engine stops
calling the endpoint: every later message goes to the fallback engine at once, recorded as
"not asked", and one warning line names the setting to check. :meth:`LLMEngine.ready`
(``watch``, before it asks again for the results that fell back) probes the endpoint and
closes the breaker when it answers. :meth:`LLMEngine.check_endpoint`, once before a run,
asks ``GET {base_url}/models``: a URL that answers with something other than an
OpenAI-compatible API (a web page, JSON that is not a model list) or refuses the key is a
:class:`~assistant.errors.ConfigError` (nothing could succeed); an endpoint that cannot be
reached opens the breaker, so the run falls back visibly without waiting on every message.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
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

#: Failures of one kind in a row after which the engine stops calling the endpoint.
TRIP_AFTER = 3
#: Seconds between two probes of an endpoint the breaker stopped calling (:meth:`LLMEngine.ready`).
PROBE_EVERY = 60.0
#: Seconds the pre-run check waits for ``GET /models`` at most.
CHECK_TIMEOUT = 10.0

#: What the openai client and LangChain raise when a 200 answer is not a chat completion (an
#: HTML page, an empty body, JSON cut off, a JSON object without ``choices`` or ``message``):
#: they read it as one and fail on the first part that is missing. Caught around the client
#: call only, where nothing of ours runs.
NOT_A_COMPLETION = (ValueError, LookupError, TypeError, AttributeError)

#: Failures that say nothing about the endpoint or the model (a provider's filter on one
#: message): they do not count towards the breaker.
NOT_COUNTED = frozenset({"content_filter"})

#: The setting to check, per kind of failure (the breaker's one line); others name all three.
CHECK_SETTING = {
    "auth": "OPENAI_API_KEY",
    "permission": "OPENAI_API_KEY and ASSISTANT_LLM_MODEL",
    "not_found": "ASSISTANT_LLM_MODEL and OPENAI_BASE_URL",
    "rate_limit": "ASSISTANT_LLM_CONCURRENCY and the provider's rate limit",
    "server_error": "the server at OPENAI_BASE_URL",
    "bad_request": "ASSISTANT_LLM_MODEL: does it take JSON-schema output?",
    "timeout": "ASSISTANT_LLM_TIMEOUT and the server at OPENAI_BASE_URL",
    "connection": "OPENAI_BASE_URL",
    "bad_response": "OPENAI_BASE_URL",
    "invalid_output": "ASSISTANT_LLM_MODEL",
}
ALL_SETTINGS = "OPENAI_BASE_URL, OPENAI_API_KEY and ASSISTANT_LLM_MODEL"


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


class _NotACompletion(Exception):
    """The endpoint answered, but not with a chat completion; ``what`` says what it was."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class _Trip:
    """Why the breaker stopped the calls: the kind and the last reason, ``count`` times in a
    row (0: the check before the run found the endpoint unreachable)."""

    kind: str
    reason: str
    count: int


def describe_answer(content_type: str, text: str) -> str:
    """What a body that should have been JSON was, in a few words."""
    head = text.lstrip()[:200].lower()
    if not head:
        return "an empty body"
    if "html" in content_type.lower() or head.startswith(("<!doctype", "<html", "<")):
        return f"an HTML page ({content_type or 'no content type'})"
    try:
        data = json.loads(text)
    except ValueError:
        return f"text that is not JSON ({content_type or 'no content type'}: {one_line(text, 60)!r})"
    if isinstance(data, dict):
        return f"JSON of another shape (keys: {', '.join(sorted(map(str, data))[:6]) or 'none'})"
    return f"JSON that is not an object ({type(data).__name__})"


def _not_a_completion(exc: Exception) -> str:
    """What the client's error says the answer was. The openai client hands a body that is not
    JSON on as text (LangChain then fails on it) and a JSON of another shape as is."""
    if isinstance(exc, json.JSONDecodeError):
        return "an empty body" if not exc.doc.strip() else f"JSON cut off or malformed ({exc.msg}, character {exc.pos})"
    if "'str' object has no attribute" in str(exc) or "got str" in str(exc):
        return "text that is not JSON (a web page?)"
    return f"JSON of another shape ({type(exc).__name__}: {one_line(str(exc), 120)})"


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
        trip_after: int = TRIP_AFTER,
        probe_every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
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
        # The breaker (under _warn_lock): the current run of failures of one kind, and why
        # the calls stopped, once they did.
        self.trip_after = max(1, trip_after)
        self.probe_every = PROBE_EVERY if probe_every is None else probe_every
        self._clock = clock
        self._streak_kind: str | None = None
        self._streak = 0
        self._trip: _Trip | None = None
        self._probed_at: float | None = None
        self._checked = False
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
        trip = self._trip
        if trip is not None:
            return self._fall_back(ctx, trip.kind, self._not_asked(trip), asked=False)
        decision = self._decide(ctx)
        if decision.result.fallback_kind is None:
            with self._warn_lock:
                self._streak_kind, self._streak = None, 0
        return decision

    def _decide(self, ctx: TriageContext) -> Decision:
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
        except _NotACompletion as exc:
            return self._fall_back(
                ctx, "bad_response", f"the answer was not a chat completion but {exc.what}: check OPENAI_BASE_URL"
            )
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
        except openai.OpenAIError:
            raise  # the API's own errors: decide() says what each means
        except NOT_A_COMPLETION as exc:
            log.info("%s: the answer for %s is not a chat completion", self.name, ctx.message.message_id, exc_info=exc)
            raise _NotACompletion(_not_a_completion(exc)) from exc
        raw = out.get("raw") if isinstance(out, dict) else None
        if not isinstance(raw, AIMessage):
            raise _NotACompletion(f"an answer LangChain could not read ({type(raw).__name__})")
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

    def _fall_back(self, ctx: TriageContext, kind: str, reason: str, *, asked: bool = True) -> Decision:
        """The fallback engine's decision, saying why it was asked (``asked``: the endpoint was
        called and failed; else the breaker had stopped the calls)."""
        self.usage.add(fallbacks=1)
        if asked:
            self._failed(ctx, kind, reason)
        decision = self.fallback.decide(ctx)
        what = "failed" if asked else "not asked"
        note = f"{self.name} {what}: {reason}; used {self.fallback.name} engine"
        result = decision.result.model_copy(update={"fallback_reason": note, "fallback_kind": kind})
        return decision.model_copy(update={"result": result})

    def _failed(self, ctx: TriageContext, kind: str, reason: str) -> None:
        """Count a failure towards the breaker; warn once per kind, and once when the calls stop."""
        with self._warn_lock:
            first = kind not in self._warned
            self._warned.add(kind)
            tripped = None
            if kind not in NOT_COUNTED:
                self._streak = self._streak + 1 if kind == self._streak_kind else 1
                self._streak_kind = kind
                if self._trip is None and self._streak >= self.trip_after:
                    tripped = self._trip = _Trip(kind, reason, self._streak)
        if tripped is not None:
            log.warning(
                "%s failed %d times in a row (%s): stopped calling %s; the %s engine labels the rest, "
                "each recorded as a fallback (check %s)",
                self.name,
                tripped.count,
                reason,
                self.endpoint,
                self.fallback.name,
                CHECK_SETTING.get(kind, ALL_SETTINGS),
            )
        elif first:
            log.warning(
                "%s failed: %s; using the %s engine (logged once per kind of failure)",
                self.name,
                reason,
                self.fallback.name,
            )
        else:
            log.debug("%s failed for %s: %s", self.name, ctx.message.message_id, reason)

    def _not_asked(self, trip: _Trip) -> str:
        why = (
            f"{trip.reason} (checked before the run)"
            if trip.count == 0
            else f"{self.endpoint} failed {trip.count} times in a row ({trip.reason})"
        )
        return f"{why}; check {CHECK_SETTING.get(trip.kind, ALL_SETTINGS)}"

    @property
    def endpoint(self) -> str:
        """The base URL the calls go to (OpenAI's when none is set)."""
        return str(self.chat_model.root_client.base_url).rstrip("/")

    @property
    def stopped(self) -> str | None:
        """Why the breaker stopped the calls (None while they go out)."""
        trip = self._trip
        return None if trip is None else self._not_asked(trip)

    # -- the endpoint, before and between runs ------------------------------------------

    def check_endpoint(self) -> None:
        """Once before a run: ``GET {base_url}/models``.

        Raises :class:`ConfigError` when the URL answers with something other than an
        OpenAI-compatible API (a web page, an empty body, JSON that is not a model list) or
        refuses the key: no message could succeed, so the run stops with one line naming the
        setting. An endpoint that cannot be reached, or times out, opens the breaker: the run
        falls back visibly, message by message. Other answers (a 403 for a key without model
        access, a 404 from a server without the route, a 5xx) leave it to the calls. A model
        the list does not name is a warning.
        """
        if self._checked:
            return
        self._checked = True
        problem = self._probe(raise_config=True)
        if problem is not None:
            kind, reason = problem
            with self._warn_lock:
                self._trip = self._trip or _Trip(kind, reason, 0)
                self._warned.add(kind)
            log.warning(
                "%s: %s before the run: not calling it; the %s engine labels the messages, each recorded as a "
                "fallback (check %s)",
                self.name,
                reason,
                self.fallback.name,
                CHECK_SETTING.get(kind, ALL_SETTINGS),
            )

    def ready(self) -> bool:
        """Whether the endpoint may be asked now. While the breaker is open, the endpoint is
        probed (at most every ``probe_every`` seconds) and the breaker closes when it answers."""
        if self._trip is None:
            return True
        now = self._clock()
        if self._probed_at is not None and now - self._probed_at < self.probe_every:
            return False
        self._probed_at = now
        problem = self._probe(raise_config=False)
        if problem is not None:
            log.info("%s: still not answering: %s", self.name, problem[1])
            return False
        with self._warn_lock:
            self._trip, self._streak_kind, self._streak = None, None, 0
            self._warned.clear()
        log.warning("%s answers again: calling it again", self.name)
        return True

    def _probe(self, *, raise_config: bool) -> tuple[str, str] | None:
        """``GET /models``; None when it answered as an OpenAI-compatible API (or as a server
        that may be one), else (kind, reason). A wrong URL or key raises ConfigError when
        ``raise_config``, else is returned as a problem too."""
        url = f"{self.endpoint}/models"
        client = self.chat_model.root_client.with_options(timeout=min(self.timeout, CHECK_TIMEOUT))
        try:
            response = client.models.with_raw_response.list()  # read below, not parsed as a page
        except openai.AuthenticationError as exc:
            error = ConfigError(
                f"the LLM endpoint {self.endpoint} refused the key (HTTP {exc.status_code})", fix="set OPENAI_API_KEY"
            )
            if raise_config:
                raise error from None
            return "auth", error.message
        except openai.APIStatusError as exc:
            log.info("%s: GET %s answered HTTP %s; leaving it to the calls", self.name, url, exc.status_code)
            if raise_config or exc.status_code in (403, 404, 405):
                return None
            return "server_error", f"GET {url} answered HTTP {exc.status_code}"
        except openai.APITimeoutError:
            return "timeout", f"no answer from {url} within {min(self.timeout, CHECK_TIMEOUT):g}s"
        except openai.APIConnectionError:
            return "connection", f"cannot connect to {self.endpoint}"
        content_type = response.headers.get("content-type", "")
        try:
            data = json.loads(response.text)
        except ValueError:
            data = None
        listed = data.get("data") if isinstance(data, dict) else None
        if not isinstance(listed, list):
            error = ConfigError(
                f"OPENAI_BASE_URL {self.endpoint} is not an OpenAI-compatible API: GET {url} answered with "
                f"{describe_answer(content_type, response.text)}",
                fix="set OPENAI_BASE_URL to the API's base URL, e.g. http://127.0.0.1:11434/v1 for Ollama",
            )
            if raise_config:
                raise error
            return "bad_response", error.message
        models = [str(m.get("id")) for m in listed if isinstance(m, dict) and m.get("id")]
        if raise_config and models and self.model not in models:
            shown = ", ".join(models[:5]) + (", …" if len(models) > 5 else "")
            log.warning(
                "%s: %s does not list the model %s (it lists %s); calls may fail (check ASSISTANT_LLM_MODEL)",
                self.name,
                self.endpoint,
                self.model,
                shown,
            )
        return None
