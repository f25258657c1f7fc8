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
        head.add_row(
            Text("in the model's training data", style="yellow"),
            Text(
                f"{seen['messages']} of {seen['of']} messages: these figures are in-sample (optimistic); "
                "--loco scores each client with a model trained without it",
                style="yellow",
            ),
        )
    if "leave_one_client_out" in r:
        lo = r["leave_one_client_out"]
        head.add_row(
            "leave-one-client-out macro-F1",
            f"{lo['macro_f1']:.3f} (category recall {lo['red_flag_category_recall']:.3f})",
        )
    if "also_trained_on" in r:
        t = r["also_trained_on"]
        head.add_row(
            "also trained on", f"{t['cases']} cases of {t['clients']} clients in {len(t['datasets'])} other datasets"
        )
    head.add_row("red-flag category recall", f"{r['red_flag_category_recall']:.3f}")
    fp = r["false_pushback_cases"]
    head.add_row(
        "false pushback (in-scope mail labelled otherwise)",
        f"{_pct(r['false_pushback'])} ({fp['pushed_back']} of {fp['of']})",
    )
    mp = r["missed_payment_warnings_cases"]
    head.add_row("missed payment warnings", f"{_pct(r['missed_payment_warnings'])} ({mp['missed']} of {mp['of']})")
    head.add_row(
        "out-of-scope recall / precision at a 70/20/10 inbox",
        f"{_num(r['out_of_scope_recall'])} / {_num(r['out_of_scope_precision_realistic'])}",
    )
    head.add_row("calibration (expected calibration error)", _num(r["calibration"]["ece"]))
    head.add_row("needs your judgement", _pct(r["needs_judgement"]))
    if r.get("requests"):
        q = r["requests"]
        head.add_row(
            "requests (annotated cases)",
            f"{q['requests']} in {q['cases']} cases: found {_num(q['found'])}, verdict {_num(q['verdict_accuracy'])}, "
            f"in/out {_num(q['in_out_accuracy'])}",
        )
    head.add_row("client resolution", f"{r['client_resolution_accuracy']:.3f}")
    d = r["drafts"]
    head.add_row(
        "drafts",
        " · ".join(
            f"{k.replace('_', ' ')} {d[k]:.2f}"
            for k in ("present", "language_match", "threaded", "cites", "both_options", "no_free_work")
        ),
    )
    head.add_row("latency p50 / p95", f"{r['latency_ms']['p50']:.0f} ms / {r['latency_ms']['p95']:.0f} ms")
    if r["llm"]["calls"]:
        head.add_row(
            "LLM",
            f"{r['llm']['calls']} calls, {r['llm']['prompt_tokens']} prompt + {r['llm']['completion_tokens']} completion tokens, {r['llm']['fallbacks']} fallbacks",
        )
    if "baselines" in r:
        b = r["baselines"]
        head.add_row(
            "baselines (macro-F1)",
            f"majority {b['majority_class']['macro_f1']:.3f} · TF-IDF+LR (LOCO) {b['tfidf_logreg_loco']['macro_f1']:.3f} · margin {b['margin_over_tfidf']:+.3f}",
        )
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
    langs = Table(title="by language")
    for col in ("language", "cases", "macro-F1", "false pushback", "drafts in its language"):
        langs.add_column(col, justify="left" if col == "language" else "right")
    for lang, v in r["by_language"].items():
        langs.add_row(
            lang, str(v["cases"]), f"{v['macro_f1']:.2f}", _pct(v["false_pushback"]), _num(v["draft_language_match"])
        )
    console.print(langs)


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"
