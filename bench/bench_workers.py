"""Several workers: messages/s with 1, 2 and 4 worker processes sharing one PostgreSQL
(state and job queue) and one Chroma server, and the LLM engine's throughput with the
workers' combined concurrency against the scripted OpenAI-compatible server (1 s a call).

For each run: a fresh PostgreSQL database; the small workspace of the live tests ingested
into the Chroma server; ``--messages`` client messages stored from a Maildir (the real
``sync``) and queued (one job per message); then K worker processes started at once, each
taking jobs until the queue is empty (``assistant.work.queue.run`` with a
``Worker``, what ``assistant triage`` and ``watch`` run on PostgreSQL). Timed from the start of
the processes to the last one's exit (process start-up, about 2–3 s, included); each
message's result is checked: exactly one per message.

Run::

    .venv/bin/python bench/bench_workers.py [--messages 400] [--workers 1,2,4]
        [--llm-messages 96] [--llm-concurrency 4] [--latency 1.0] [--json OUT]

Needs PostgreSQL's server binaries (Debian ``postgresql``) and the ``chroma`` CLI (chromadb).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import CpuMeter, load_note, machine, now_iso, shared_flag, write_json

BODIES = [
    "Hej Anna, kan I lave et nyt logo til os? Gerne i grøn. Mvh Mette",
    "Tak for de fire artikler i denne måned, de er rigtig fine.",
    "Hej, kan vi få en ekstra blogartikel om cykelvedligeholdelse i næste uge?",
    "Vi mødes tirsdag kl. 10 som aftalt. Hilsen Mette",
    "Kan I også designe vores nye visuelle identitet og et par plakater?",
]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """``chroma run`` on a free loopback port, data in a temp dir."""

    def __init__(self, base: Path) -> None:
        binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
        if binary is None:
            raise SystemExit("the chroma CLI (chromadb) is not installed")
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = (base / "chroma.log").open("wb")
        self.proc = subprocess.Popen(
            [binary, "run", "--path", str(base / "chroma"), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the chroma server did not start") from None
                time.sleep(0.3)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self._log.close()


def _maildir(path: Path, n: int) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for i in range(n):
        m = EmailMessage()
        m["From"], m["To"] = "Mette <mette@cykelhuset.example>", "anna@fjordlight.example"
        m["Subject"], m["Message-ID"] = f"Besked nummer {i}", f"<bench{i}@cykelhuset.example>"
        m["Date"] = "Mon, 07 Dec 2026 09:00:00 +0100"
        m.set_content(f"{BODIES[i % len(BODIES)]} ({i})")
        (path / "cur" / f"{i}.eml:2,").write_bytes(m.as_bytes())
    return path


def _prepare(env: dict[str, str], workspace: Path, mail: Path) -> int:
    """Ingest the workspace, store the mail and queue one job per message (in this process)."""
    os.environ.update(env)
    from typer.testing import CliRunner

    from assistant.cli import app
    from assistant.config import load_settings
    from assistant.mailin.local import LocalSource
    from assistant.pipeline import sync
    from assistant.state import Store
    from assistant.work import queue

    result = CliRunner().invoke(app, ["ingest", str(workspace)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    settings = load_settings()
    store = Store(settings.db_url)
    sync(LocalSource(mail), store)
    queue.install(settings.db_url)
    queued = queue.enqueue_pending(store, settings.db_url)
    store.close()
    return queued


def _check(url: str) -> dict[str, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as c:
        out = {
            "results": c.execute(text("SELECT COUNT(*) FROM triage_results")).scalar_one(),
            "steady_s": c.execute(
                text("SELECT EXTRACT(EPOCH FROM MAX(created_at) - MIN(created_at)) FROM triage_results")
            ).scalar_one(),
            "max_per_message": c.execute(
                text("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM triage_results GROUP BY message_pk) x")
            ).scalar_one(),
        }
    engine.dispose()
    return out


def run_workers(
    pg: Any, chroma: ChromaServer, base: Path, n: int, k: int, engine: str, extra_env: dict[str, str]
) -> dict[str, Any]:
    url = pg.new_database()
    home = base / f"home-{engine}-{k}"
    env = {
        **{key: v for key, v in os.environ.items() if not key.startswith("ASSISTANT_")},
        "ASSISTANT_HOME": str(home),
        "ASSISTANT_DATABASE_URL": url,
        "ASSISTANT_CHROMA_URL": chroma.url,
        **extra_env,
    }
    queued = _prepare(env, base / "ws", _maildir(base / f"mail-{engine}-{k}", n))
    meter = CpuMeter()
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", engine],
            env={**env, "ASSISTANT_HOME": str(home / f"w{i}")},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        for i in range(k)
    ]
    outs = [json.loads(p.communicate()[0].decode().strip().splitlines()[-1]) for p in procs]
    wall = time.perf_counter() - t0
    cpu = meter.others()
    checked = _check(url)
    assert checked["results"] == queued == n and checked["max_per_message"] == 1, (checked, queued, n)
    return {
        "engine": engine,
        "workers": k,
        "messages": n,
        "wall_s": round(wall, 2),
        "messages_per_s": round(n / wall, 2),
        # From the first result stored to the last: the rate once every worker is running.
        "steady_messages_per_s": round((n - 1) / float(checked["steady_s"]), 2) if checked["steady_s"] else None,
        "jobs_per_worker": [o["jobs"] for o in outs],
        "startup_s": round(max(o["ready_s"] for o in outs), 2),
        "others_cpus": cpu,
    }


def worker_main(engine_name: str) -> None:
    """One worker process: take triage jobs until the queue is empty; print what it did."""
    t0 = time.perf_counter()
    from assistant.config import load_settings
    from assistant.knowledge import open_vectors
    from assistant.label import make_engine
    from assistant.state import Store
    from assistant.work import Worker, queue

    settings = load_settings()
    store = Store(settings.db_url)
    engine = make_engine(settings, engine_name)
    worker = Worker(store, open_vectors(settings), engine, settings.lease_seconds)
    ready = time.perf_counter() - t0
    result = queue.run(
        settings.db_url,
        worker,
        until_empty=True,
        stop=threading.Event(),
        concurrency=queue.jobs_at_once(engine),
    )
    store.close()
    print(json.dumps({"jobs": result.jobs, "triaged": result.report.triaged, "ready_s": ready}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--llm-messages", type=int, default=96)
    parser.add_argument("--llm-concurrency", type=int, default=4)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.worker:
        if os.environ.get("BENCH_PROFILE"):  # a profile of each worker: BENCH_PROFILE=/tmp/prefix
            import cProfile

            cProfile.runctx(
                "worker_main(args.worker)", globals(), locals(), f"{os.environ['BENCH_PROFILE']}.{os.getpid()}"
            )
        else:
            worker_main(args.worker)
        return 0

    from bench.bench_llm import MODEL, responder
    from tests.fakes.openai_server import ScriptedOpenAIServer
    from tests.fakes.postgres import PostgresServer, missing
    from tests.live.test_pipeline_imap import SOW, WORKSPACE

    if missing():
        raise SystemExit(f"PostgreSQL: {missing()}")
    levels = [int(x) for x in args.workers.split(",")]
    base = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    (base / "ws").mkdir()
    (base / "ws" / "clients.json").write_text(json.dumps(WORKSPACE))
    (base / "ws" / "sow.md").write_text(SOW, encoding="utf-8")
    figures: dict[str, Any] = {"when": now_iso(), "machine": machine(), "offline": [], "llm": []}
    pg = PostgresServer().start()
    chroma = ChromaServer(base)
    try:
        for k in levels:
            print(f"offline engine, {k} worker(s), {args.messages} messages …", file=sys.stderr)
            figures["offline"].append(run_workers(pg, chroma, base, args.messages, k, "offline", {}))
        with ScriptedOpenAIServer(responder, latency=args.latency, model=MODEL) as server:
            llm_env = {
                "OPENAI_BASE_URL": server.base_url,
                "OPENAI_API_KEY": "bench",
                "ASSISTANT_LLM_MODEL": MODEL,
                "ASSISTANT_LLM_CONCURRENCY": str(args.llm_concurrency),
            }
            for k in levels:
                print(f"LLM engine, {k} worker(s) × {args.llm_concurrency} in flight …", file=sys.stderr)
                run = run_workers(pg, chroma, base, args.llm_messages, k, "llm", llm_env)
                run["in_flight"] = k * args.llm_concurrency
                run["ideal_messages_per_s"] = round(k * args.llm_concurrency / args.latency, 2)
                figures["llm"].append(run)
    finally:
        chroma.stop()
        pg.stop()
        shutil.rmtree(base, ignore_errors=True)
    figures["machine"]["note"] = load_note(figures["machine"])
    rows = [
        [
            r["engine"],
            str(r["workers"]),
            str(r["messages"]),
            f"{r['wall_s']:.1f}",
            f"{r['messages_per_s']:.2f}",
            f"{r['steady_messages_per_s']}",
            str(r.get("ideal_messages_per_s", "-")),
            "/".join(map(str, r["jobs_per_worker"])),
            f"{r['startup_s']:.1f}",
            shared_flag(r["others_cpus"]),
        ]
        for r in figures["offline"] + figures["llm"]
    ]
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Workers on one PostgreSQL + one Chroma server ({figures['machine']['cpus']} CPUs)")
    for col in (
        "engine",
        "workers",
        "messages",
        "wall s",
        "msg/s",
        "msg/s running",
        "ideal msg/s",
        "jobs per worker",
        "start-up s",
        "",
    ):
        table.add_column(col)
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    print(figures["machine"]["note"])
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
