"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for tests and benchmarks.

It implements ``POST /v1/chat/completions`` (and ``GET /v1/models``) well enough for the
``openai`` client and LangChain's ``ChatOpenAI``, and ``POST /v1/embeddings`` (bag-of-words
vectors, texts only) for ``OpenAIEmbeddings``. Chat requests are scripted: every request is answered by a
*responder*, a callable that gets the parsed request and returns a :class:`Reply`
(HTTP status, body, headers, delay). The default responder pops scripted replies from a
queue; pass your own callable for anything smarter (a benchmark's fake model)::

    with ScriptedOpenAIServer() as server:
        server.enqueue(Reply.chat('{"label": "in_scope", ...}'), Reply.error(429, retry_after_ms=10))
        llm = ChatOpenAI(base_url=server.base_url, api_key="x", model="fake")

What it records: every request body (``server.requests``, in arrival order), the largest
number of requests in flight at once (``server.max_in_flight``), and the token usage it
reported (``server.usage``). Token counts are an estimate (about 4 characters a token, plus
a few per message, plus the response-format schema or tools), returned as a realistic
``usage`` object in every completion.

Only the standard library is used. The server runs in a daemon thread
(:class:`http.server.ThreadingHTTPServer`, one thread per connection), so concurrent
clients really overlap; ``latency`` (server-wide) and ``Reply.delay`` (per reply) add
sleeps, which end early when the server stops.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "RecordedRequest",
    "Reply",
    "ScriptedOpenAIServer",
    "bag_of_words_vector",
    "estimate_tokens",
    "prompt_tokens_of",
]


def estimate_tokens(text: str) -> int:
    """About 4 characters a token (OpenAI's rule of thumb); at least 1 for non-empty text."""
    return math.ceil(len(text) / 4) if text else 0


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts
        return "".join(str(p.get("text", "")) if isinstance(p, dict) else str(p) for p in content)
    return "" if content is None else json.dumps(content)


def prompt_tokens_of(body: dict[str, Any]) -> int:
    """The prompt-token estimate for a chat-completions request body: the messages (4 tokens
    of overhead each, as OpenAI's chat format has) plus the response-format schema or tools,
    which real providers also count."""
    tokens = 3  # the reply primer
    for message in body.get("messages") or []:
        tokens += 4 + estimate_tokens(_content_text(message.get("content")))
        for call in message.get("tool_calls") or []:
            tokens += estimate_tokens(json.dumps(call))
    if isinstance(body.get("response_format"), dict):
        tokens += estimate_tokens(json.dumps(body["response_format"]))
    if body.get("tools"):
        tokens += estimate_tokens(json.dumps(body["tools"]))
    return tokens


EMBEDDING_DIM = 1024


def bag_of_words_vector(text: str, dim: int = EMBEDDING_DIM) -> list[float]:
    """A deterministic stand-in for an embedding: lowercase words hashed into ``dim`` buckets
    (crc32, stable across processes), L2-normalised."""
    vec = [0.0] * dim
    for word in re.findall(r"\w+", text.lower()):
        vec[zlib.crc32(word.encode()) % dim] += 1.0
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


@dataclass
class RecordedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw text when it was not JSON
    index: int  # arrival order, from 0
    received_at: float  # time.monotonic()

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or []) if isinstance(self.body, dict) else []


@dataclass
class Reply:
    """What the server answers. ``body`` is a dict (sent as JSON) or a str (sent as is, with
    ``content_type``)."""

    status: int = 200
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    content_type: str = "application/json"

    @classmethod
    def raw(cls, body: str, *, status: int = 200, content_type: str = "application/json") -> Reply:
        """Exactly ``body`` with ``content_type``: an empty body, JSON cut off mid-way, JSON that
        is not a chat completion, or a valid completion labelled with the wrong content type."""
        return cls(status, body, content_type=content_type)

    @classmethod
    def html(cls, status: int = 200, title: str = "Welcome to nginx!") -> Reply:
        """A web page, as a wrong ``OPENAI_BASE_URL`` (a web site, a proxy's login page) serves."""
        page = f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>\n"
        return cls(status, page, content_type="text/html; charset=utf-8")

    @classmethod
    def chat(
        cls,
        content: str | dict[str, Any],
        *,
        finish_reason: str = "stop",
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        delay: float = 0.0,
        content_type: str = "application/json",
    ) -> Reply:
        """A successful chat completion whose message content is ``content`` (a dict is
        JSON-encoded). The server fills in ids, the model and the usage (estimated from the
        request unless given); ``content_type`` labels the body (a server may say text/plain)."""
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        body: dict[str, Any] = {
            "_content": text,
            "_finish_reason": finish_reason,
            "_prompt_tokens": prompt_tokens,
            "_completion_tokens": completion_tokens,
        }
        return cls(200, body, delay=delay, content_type=content_type)

    @classmethod
    def error(
        cls,
        status: int,
        message: str | None = None,
        *,
        retry_after_ms: int | None = None,
        should_retry: bool | None = None,
        delay: float = 0.0,
    ) -> Reply:
        """An OpenAI-style error body. ``retry_after_ms`` sets the ``retry-after-ms`` header,
        which the openai client honours instead of its own backoff (keeps tests fast)."""
        kinds = {
            400: "invalid_request_error",
            401: "invalid_request_error",
            404: "invalid_request_error",
            429: "rate_limit_exceeded",
        }
        headers: dict[str, str] = {}
        if retry_after_ms is not None:
            headers["retry-after-ms"] = str(retry_after_ms)
        if should_retry is not None:
            headers["x-should-retry"] = "true" if should_retry else "false"
        body = {
            "error": {
                "message": message or f"scripted error {status}",
                "type": kinds.get(status, "server_error"),
                "param": None,
                "code": None,
            }
        }
        return cls(status, body, headers, delay)


Responder = Callable[[RecordedRequest], Reply]


class ScriptedOpenAIServer:
    """An OpenAI-compatible chat-completions server answering from a script.

    ``responder`` decides every answer; without one, replies are taken from the queue filled
    by :meth:`enqueue`, and when it is empty ``default`` is used (if set) or an HTTP 500 with
    ``x-should-retry: false`` that says the script ran out. ``models`` answers ``GET
    /v1/models`` instead of the model list; ``site`` answers every request on every path (GET
    and POST) as a server that is no OpenAI-compatible API does (``Reply.html()``: a web
    site). GET requests are recorded too (:meth:`get_requests`).
    """

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        latency: float = 0.0,
        default: Reply | None = None,
        models: Reply | None = None,
        site: Reply | None = None,
        model: str = "fake-model",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.responder = responder
        self.latency = latency
        self.default = default
        self.models = models
        self.site = site
        self.model = model
        self._script: deque[Reply | Responder] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0, "completions": 0}
        self._httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """What to give the client as ``base_url`` (``OPENAI_BASE_URL``)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> ScriptedOpenAIServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-openai-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # cuts delays short
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ------------------------------------------------------------------------

    def enqueue(self, *replies: Reply | Responder) -> None:
        """Add replies (or one-shot responder callables) to the end of the script."""
        with self._lock:
            self._script.extend(replies)

    def extend(self, replies: Iterable[Reply | Responder]) -> None:
        self.enqueue(*replies)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def get_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == "GET"]

    # -- answering ------------------------------------------------------------------------

    def _next_reply(self, request: RecordedRequest) -> Reply:
        if self.responder is not None:
            return self.responder(request)
        with self._lock:
            item = self._script.popleft() if self._script else None
        if item is None:
            return self.default or Reply.error(500, "scripted server: no reply left in the script", should_retry=False)
        return item(request) if callable(item) else item

    def _completion_body(self, request: RecordedRequest, reply: Reply) -> dict[str, Any]:
        assert isinstance(reply.body, dict)
        text = reply.body["_content"]
        req = request.body if isinstance(request.body, dict) else {}
        prompt = reply.body.get("_prompt_tokens")
        prompt = prompt_tokens_of(req) if prompt is None else prompt
        completion = reply.body.get("_completion_tokens")
        completion = max(1, estimate_tokens(text)) if completion is None else completion
        return {
            "id": f"chatcmpl-scripted-{request.index}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(req.get("model") or self.model),
            "system_fingerprint": "fp_scripted",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": reply.body.get("_finish_reason", "stop"),
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {
                    "reasoning_tokens": 0,
                    "audio_tokens": 0,
                    "accepted_prediction_tokens": 0,
                    "rejected_prediction_tokens": 0,
                },
            },
        }

    def embedding_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/embeddings")]

    def _embeddings_body(self, req: Any) -> tuple[int, dict[str, Any]]:
        """``POST /v1/embeddings``: texts only (as OpenAI-compatible servers such as Ollama
        need; token-id arrays are refused with a 400). Each vector is a bag of hashed
        lowercase words, normalised, so texts sharing words are close."""
        inputs = req.get("input") if isinstance(req, dict) else None
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not all(isinstance(t, str) for t in inputs):
            return 400, {
                "error": {
                    "message": "input must be a string or a list of strings",
                    "type": "invalid_request_error",
                    "param": "input",
                    "code": None,
                }
            }
        data = [{"object": "embedding", "index": i, "embedding": bag_of_words_vector(t)} for i, t in enumerate(inputs)]
        tokens = sum(estimate_tokens(t) for t in inputs)
        return 200, {
            "object": "list",
            "data": data,
            "model": str(req.get("model") or self.model),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }

    def _count_usage(self, body: dict[str, Any]) -> None:
        usage = body.get("usage")
        if not isinstance(usage, dict):
            return
        with self._lock:
            self.usage["completions"] += 1
            for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
                self.usage[key] += int(usage.get(key) or 0)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(
                self,
                status: int,
                body: dict[str, Any] | str | None,
                headers: dict[str, str],
                content_type: str = "application/json",
            ) -> bool:
                data = (body if isinstance(body, str) else json.dumps(body or {})).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.send_header("x-request-id", "req_scripted")
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return False  # the client gave up (a timeout): nothing was delivered
                return True

            def _record(self, method: str, body: Any) -> RecordedRequest:
                with server._lock:
                    request = RecordedRequest(
                        method, self.path, dict(self.headers.items()), body, len(server.requests), time.monotonic()
                    )
                    server.requests.append(request)
                    return request

            def _reply(self, reply: Reply) -> bool:
                return self._send(reply.status, reply.body, reply.headers, reply.content_type)

            def do_GET(self) -> None:
                self._record("GET", None)
                if server.site is not None:
                    self._reply(server.site)
                elif self.path.rstrip("/").endswith("/models"):
                    if server.models is not None:
                        self._reply(server.models)
                        return
                    self._send(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]}, {})
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}}, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8", "replace")
                try:
                    body: Any = json.loads(raw)
                except ValueError:
                    body = raw
                request = self._record("POST", body)
                with server._lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    if server.site is not None:
                        self._reply(server.site)
                        return
                    if self.path.rstrip("/").endswith("/embeddings"):
                        status, out = server._embeddings_body(body)
                        self._send(status, out, {})
                        return
                    if not self.path.rstrip("/").endswith("/chat/completions"):
                        self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
                        return
                    reply = server._next_reply(request)
                    wait = server.latency + reply.delay
                    if wait > 0:
                        server._stopping.wait(wait)
                    out: dict[str, Any] | str | None = reply.body
                    if reply.status == 200 and isinstance(reply.body, dict) and "_content" in reply.body:
                        out = server._completion_body(request, reply)
                    delivered = self._send(reply.status, out, reply.headers, reply.content_type)
                    if delivered and reply.status == 200 and isinstance(out, dict):
                        server._count_usage(out)  # only what a client actually received
                finally:
                    with server._lock:
                        server.in_flight -= 1

        return Handler
