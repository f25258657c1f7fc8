"""The one-screen terminal summary of an evaluation."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assistant.label.schema import LABELS


def print_summary(r: dict[str, Any], console: Console) -> None:
    head = Table(title=f"{r['engine']} on {r['dataset']} ({r['cases']} cases)", show_header=False)
    head.add_column(style="bold")
    head.add_column()
    head.add_row("macro-F1 / accuracy", f"{r['macro_f1']:.3f} / {r['accuracy']:.3f}")
    seen = r.get("in_training_data") or {}
    if seen.get("messages"):
        head.add_row(Text("in the model's training data", style="yellow"),
                     Text(f"{seen['messages']} of {seen['of']} messages: these figures are in-sample (optimistic); "
                          "--loco scores each client with a model trained without it", style="yellow"))
    if "leave_one_client_out" in r:
        lo = r["leave_one_client_out"]
        head.add_row("leave-one-client-out macro-F1", f"{lo['macro_f1']:.3f} (category recall {lo['red_flag_category_recall']:.3f})")
    if "also_trained_on" in r:
        t = r["also_trained_on"]
        head.add_row("also trained on", f"{t['cases']} cases of {t['clients']} clients in {len(t['datasets'])} other datasets")
    head.add_row("red-flag category recall", f"{r['red_flag_category_recall']:.3f}")
    head.add_row("client resolution", f"{r['client_resolution_accuracy']:.3f}")
    d = r["drafts"]
    head.add_row("drafts", " · ".join(f"{k.replace('_', ' ')} {d[k]:.2f}" for k in ("present", "language_match", "threaded", "cites", "both_options", "no_free_work")))
    head.add_row("latency p50 / p95", f"{r['latency_ms']['p50']:.0f} ms / {r['latency_ms']['p95']:.0f} ms")
    if r["llm"]["calls"]:
        head.add_row("LLM", f"{r['llm']['calls']} calls, {r['llm']['prompt_tokens']} prompt + {r['llm']['completion_tokens']} completion tokens, {r['llm']['fallbacks']} fallbacks")
    if "baselines" in r:
        b = r["baselines"]
        head.add_row("baselines (macro-F1)", f"majority {b['majority_class']['macro_f1']:.3f} · TF-IDF+LR (LOCO) {b['tfidf_logreg_loco']['macro_f1']:.3f} · margin {b['margin_over_tfidf']:+.3f}")
    console.print(head)
    conf = Table(title="confusion (rows: expected, columns: predicted)")
    conf.add_column("")
    for label in LABELS:
        conf.add_column(label, justify="right")
    conf.add_column("recall", justify="right")
    for g in LABELS:
        conf.add_row(g, *(str(r["confusion"][g][p]) for p in LABELS), f"{r['per_label'][g]['recall']:.2f}")
    console.print(conf)
    cats = Table(title="red-flag category recall")
    cats.add_column("category")
    cats.add_column("recall", justify="right")
    cats.add_column("support", justify="right")
    for c, v in r["red_flag_category_recall_by_category"].items():
        cats.add_row(c, f"{v['recall']:.2f}", str(v["support"]))
    console.print(cats)
