"""The HTML report of an evaluation: one self-contained file (inline CSS and SVG, no network).

Client mail is untrusted, so the template is rendered with autoescaping on and every piece of
data that goes into the SVG charts built here is escaped as well.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parent / "templates"
LONG_TEXT_CHARS = 1000
LONG_TEXT_LINES = 18


def write_report(result: dict[str, Any], path: Path) -> None:
    """Write the evaluation ``result`` (as returned by ``evaluate``) as an HTML report to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(result), encoding="utf-8")


def render_report(result: dict[str, Any]) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(f4=f4, human=human, signed=lambda v: f"{float(v):+.4f}")
    return env.get_template("report.html.j2").render(r=result, v=_view(result))


# ---- formatting -------------------------------------------------------------------------------


def f4(value: Any) -> str:
    """Rates and scores as the JSON has them: four decimals."""
    return f"{float(value):.4f}"


def human(value: Any) -> str:
    return str(value).replace("_", " ")


# ---- data shaping -----------------------------------------------------------------------------


def _view(r: dict[str, Any]) -> dict[str, Any]:
    confusion = r.get("confusion", {})
    labels = list(confusion) or sorted({x["expected"] for x in r.get("results", [])})
    cases = [_case(x) for x in r.get("results", [])]
    errors = [c for c in cases if c["is_error"]]
    groups = [(lab, [c for c in errors if c["expected"] == lab]) for lab in labels]
    groups += [
        (lab, [c for c in errors if c["expected"] == lab])
        for lab in sorted({c["expected"] for c in errors} - set(labels))
    ]
    drafts = r.get("drafts", {})
    checked = drafts.get("checked", {})
    loco = r.get("leave_one_client_out")
    engines = r.get("engines_used", {})
    return {
        "labels": labels,
        "errors": errors,
        "error_groups": [(lab, cs) for lab, cs in groups if cs],
        "correct": [c for c in cases if not c["is_error"]],
        "draft_rows": [
            {
                "name": k,
                "share": drafts[k],
                "checked": checked.get(k, 0),
                "passed": round(drafts[k] * checked.get(k, 0)),
            }
            for k in drafts
            if k != "checked"
        ],
        "engines": sorted(engines.items(), key=lambda kv: -kv[1]),
        "not_triaged": sum(1 for c in cases if not c.get("engine")),
        "fallback_reasons": Counter(c["fallback_reason"] for c in cases if c.get("fallback_reason")).most_common(),
        "confusion_svg": confusion_svg(confusion, labels, r.get("per_label", {}), "Confusion matrix"),
        "loco_confusion_svg": confusion_svg(
            loco["confusion"], labels, loco.get("per_label", {}), "Leave-one-client-out confusion matrix"
        )
        if loco and loco.get("confusion")
        else None,
        "category_svg": bar_svg(
            [
                (human(k), v["recall"] if v["support"] else None, f"n={v['support']}")
                for k, v in r.get("red_flag_category_recall_by_category", {}).items()
            ],
            "Red-flag category recall",
        ),
        "language_svg": bar_svg(
            [(k, v["macro_f1"], f"{v['cases']} cases") for k, v in r.get("by_language", {}).items()],
            "Macro-F1 by language",
        ),
        "client_svg": bar_svg(
            [(k, v["macro_f1"], f"{v['cases']} cases") for k, v in r.get("by_client", {}).items()], "Macro-F1 by client"
        ),
    }


def _case(x: dict[str, Any]) -> dict[str, Any]:
    expected_flags, flags = list(x.get("expected_red_flags") or []), list(x.get("red_flags") or [])
    missed = [c for c in expected_flags if c not in flags]
    extra = [c for c in flags if c not in expected_flags]
    checks = x.get("draft_checks") or {}
    text = x.get("new_text") or ""
    return {
        "id": x["id"],
        "expected": x["expected"],
        "predicted": x["predicted"],
        "expected_red_flags": expected_flags,
        "red_flags": flags,
        "missed": missed,
        "extra": extra,
        "is_error": x["expected"] != x["predicted"] or bool(missed or extra),
        "client": x.get("client"),
        "expected_client": x.get("expected_client"),
        "client_wrong": x.get("client") != x.get("expected_client"),
        "language": x.get("language") or "",
        "subject": x.get("subject") or "",
        "new_text": text,
        "long_text": len(text) > LONG_TEXT_CHARS or text.count("\n") >= LONG_TEXT_LINES,
        "confidence": float(x.get("confidence") or 0.0),
        "engine": x.get("engine"),
        "fallback_reason": x.get("fallback_reason"),
        "rationale": x.get("rationale") or "",
        "evidence": x.get("evidence") or [],
        "draft": x.get("draft"),
        "failed_checks": [k for k, ok in checks.items() if not ok],
    }


# ---- SVG --------------------------------------------------------------------------------------


def _mix(hex_color: str, share: float) -> str:
    """``hex_color`` blended with white: share 0 → white, 1 → the colour."""
    rgb = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 + (c - 255) * share):02x}" for c in rgb)


def confusion_svg(
    confusion: dict[str, dict[str, int]], labels: list[str], per_label: dict[str, Any], title: str
) -> Markup:
    """Heat-map: rows expected, columns predicted; shade = share of the row (green on the
    diagonal, red off it); count and row share in each cell, recall at the end of each row."""
    cell, left, top, right = 92, 118, 62, 84
    n = len(labels)
    width, height = left + n * cell + right, top + n * cell + 8
    out = [
        f'<svg class="chart confusion" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
        f'<text x="{left + n * cell / 2}" y="14" class="axis" text-anchor="middle">predicted →</text>',
        f'<text x="{width - right + 10}" y="{top - 10}" class="axis">recall</text>',
        f'<text x="12" y="{top + n * cell / 2}" class="axis" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + n * cell / 2})">expected →</text>',
    ]
    for j, p in enumerate(labels):
        out.append(
            f'<text x="{left + j * cell + cell / 2}" y="{top - 10}" text-anchor="middle" class="lab">{escape(human(p))}</text>'
        )
    for i, g in enumerate(labels):
        row = confusion.get(g, {})
        total = sum(row.values())
        y = top + i * cell
        out.append(
            f'<text x="{left - 8}" y="{y + cell / 2 + 4}" text-anchor="end" class="lab">{escape(human(g))}</text>'
        )
        for j, p in enumerate(labels):
            count = int(row.get(p, 0))
            share = count / total if total else 0.0
            fill = "#f3f4f6" if not count else _mix("#1f7a4d" if i == j else "#c0392b", 0.15 + 0.85 * share)
            ink = "#ffffff" if count and share > 0.5 else "#1d2330"
            x = left + j * cell
            out.append(
                f"<g><title>expected {escape(human(g))}, predicted {escape(human(p))}: {count}</title>"
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" rx="6" fill="{fill}"/>'
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" class="count" fill="{ink}">{count}</text>'
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 22}" text-anchor="middle" class="share" fill="{ink}">'
                f"{round(share * 100)}%</text></g>"
            )
        recall = per_label.get(g, {}).get("recall")
        if recall is not None and total:
            out.append(f'<text x="{width - right + 10}" y="{y + cell / 2 + 4}" class="lab">{recall:.2f}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _bar_colour(value: float) -> str:
    return "#1f7a4d" if value >= 0.8 else "#c98a0c" if value >= 0.5 else "#c0392b"


def bar_svg(rows: list[tuple[str, float | None, str]], title: str) -> Markup:
    """Horizontal bars on a 0–1 scale: (label, value or None for "no cases", note)."""
    left, bar, note, row_h, top = 170, 240, 90, 26, 20
    width, height = left + bar + note, top + row_h * len(rows) + 6
    out = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for tick in (0, 0.5, 1):
        x = left + bar * tick
        out.append(
            f'<line x1="{x}" y1="{top - 4}" x2="{x}" y2="{height - 4}" class="tick"/>'
            f'<text x="{x}" y="{top - 8}" text-anchor="middle" class="axis">{tick:g}</text>'
        )
    for i, (label, value, extra) in enumerate(rows):
        y = top + i * row_h
        shown = label if len(label) <= 26 else label[:25] + "…"
        out.append(
            f"<g><title>{escape(label)}: {'no cases' if value is None else f'{value:.4f}'} ({escape(extra)})</title>"
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" class="lab">{escape(shown)}</text>'
            f'<rect x="{left}" y="{y + 5}" width="{bar}" height="16" rx="3" fill="#eef0f3"/>'
        )
        if value is None:
            out.append(f'<text x="{left + 6}" y="{y + 17}" class="note">no cases</text>')
        else:
            w = max(bar * float(value), 1.5)
            out.append(
                f'<rect x="{left}" y="{y + 5}" width="{w:.1f}" height="16" rx="3" fill="{_bar_colour(float(value))}"/>'
                f'<text x="{left + bar + 8}" y="{y + 17}" class="val">{float(value):.2f}</text>'
            )
        out.append(f'<text x="{left + bar + 42}" y="{y + 17}" class="note">{escape(extra)}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))
