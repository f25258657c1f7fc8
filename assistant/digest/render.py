"""Rendering a digest: HTML email (inline styles, tables, no JS, no external resources), plain
text, Markdown, and the 30-day chart as a PNG drawn with Pillow.

Client mail is untrusted: the HTML template is rendered with autoescaping on; the Markdown
renderer escapes Markdown and HTML syntax in every piece of client text.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assistant.digest.build import (
    CHART_DAYS,
    LABEL_ORDER,
    UNASSIGNED,
    ClientActivity,
    Digest,
    ManagerDigest,
    label_counts,
    totals,
)
from assistant.errors import UserError

TEMPLATES = Path(__file__).resolve().parent / "templates"
COLORS = {"in_scope": "#2e7d32", "out_of_scope": "#ef6c00", "red_flag": "#c62828", "untriaged": "#9e9e9e"}
OTHER_COLOR = "#5c6bc0"
TREND = {"up": "▲", "down": "▼", "flat": "="}


def human(value: Any) -> str:
    return str(value).replace("_", " ")


def subject_line(digest: Digest, md: ManagerDigest | None = None) -> str:
    new = md.new_total if md else digest.new_total
    flags = md.red_flag_total if md else digest.red_flag_total
    return f"Inbox digest {digest.day.isoformat()} — {new} new, {flags} red flag{'' if flags == 1 else 's'}"


def _managers(digest: Digest, manager: str | None) -> list[ManagerDigest]:
    return [digest.manager(manager)] if manager is not None else list(digest.managers)


def _clause_ref(line: Any) -> str:
    """'§ 3.2 of "SOW 2026" (2026-01-15)' from an out-of-scope line's evidence."""
    parts = []
    if line.section:
        parts.append(line.section)
    doc = line.document_title or line.document
    if doc:
        parts.append(f'"{doc}"' if not parts else f'of "{doc}"')
    if line.document_date:
        parts.append(f"({line.document_date})")
    return " ".join(parts)


# ---- the chart --------------------------------------------------------------------------------


def _font(size: int) -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1: only the small bitmap font
        return ImageFont.load_default()


def chart_png(md: ManagerDigest, *, width: int = 640) -> bytes | None:
    """Stacked horizontal bars: each client's labels over the last 30 days, as PNG bytes.
    None when Pillow is not installed or the manager has no clients."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return None
    if not md.clients:
        return None
    font, small = _font(13), _font(11)
    labels = [lab for lab in LABEL_ORDER if any(c.labels_30d.get(lab) for c in md.clients)]
    labels += sorted({lab for c in md.clients for lab in c.labels_30d} - set(LABEL_ORDER))
    bar_h, gap, left, right, top = 22, 12, 170, 50, 34
    height = top + len(md.clients) * (bar_h + gap) + 40
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, 8), f"Labels per client, last {CHART_DAYS} days", fill="#222222", font=font)
    biggest = max([sum(c.labels_30d.values()) for c in md.clients] + [1])
    span = width - left - right
    y = top
    for c in md.clients:
        name = c.name if len(c.name) <= 24 else c.name[:23] + "…"
        draw.text((10, y + 4), name, fill="#222222", font=small)
        x = left
        draw.rectangle([left, y, left + span, y + bar_h], outline="#e0e0e0")
        for lab in labels:
            n = c.labels_30d.get(lab, 0)
            if not n:
                continue
            w = max(1, round(span * n / biggest))
            draw.rectangle([x, y, x + w, y + bar_h], fill=COLORS.get(lab, OTHER_COLOR))
            if w >= 18:
                draw.text((x + 4, y + 5), str(n), fill="white", font=small)
            x += w
        draw.text((left + span + 6, y + 5), str(sum(c.labels_30d.values())), fill="#222222", font=small)
        y += bar_h + gap
    x = 10
    for lab in labels or list(LABEL_ORDER[:3]):
        draw.rectangle([x, y + 6, x + 12, y + 18], fill=COLORS.get(lab, OTHER_COLOR))
        draw.text((x + 16, y + 5), human(lab), fill="#222222", font=small)
        x += 30 + int(draw.textlength(human(lab), font=small))
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def chart_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _bar_cells(c: ClientActivity) -> list[dict[str, Any]]:
    """The HTML-table fallback bar (no Pillow): one cell per label, width in percent."""
    total = sum(c.labels_30d.values())
    return (
        [
            {"label": lab, "n": n, "pct": max(1, round(100 * n / total)), "color": COLORS.get(lab, OTHER_COLOR)}
            for lab, n in label_counts(c, c.labels_30d)
            if n
        ]
        if total
        else []
    )


# ---- HTML -------------------------------------------------------------------------------------


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(human=human, clause_ref=_clause_ref)
    env.globals.update(
        COLORS=COLORS,
        TREND=TREND,
        UNASSIGNED=UNASSIGNED,
        label_counts=label_counts,
        bar_cells=_bar_cells,
        totals=totals,
    )
    return env


def render_html(digest: Digest, *, manager: str | None = None, chart_cids: dict[str, str] | None = None) -> str:
    """The digest as an HTML email body. ``manager``: only that manager's section (for their
    email). ``chart_cids``: manager -> Content-ID (without brackets) to reference the chart as
    ``cid:`` (an inline MIME part); otherwise the chart is embedded as a ``data:`` URI. Without
    Pillow the chart is an HTML-table bar chart."""
    sections = []
    for md in _managers(digest, manager):
        png = chart_png(md)
        src = None
        if png is not None:
            src = f"cid:{chart_cids[md.manager]}" if chart_cids and md.manager in chart_cids else chart_data_uri(png)
        sections.append({"md": md, "chart_src": src})
    md0 = digest.manager(manager) if manager is not None else None
    return (
        _env()
        .get_template("digest.html.j2")
        .render(d=digest, sections=sections, title=subject_line(digest, md0), single=manager is not None)
    )


# ---- plain text -------------------------------------------------------------------------------


def _counts_text(counts: list[tuple[str, int]]) -> str:
    return ", ".join(f"{human(lab)} {n}" for lab, n in counts if n) or "none"


def render_text(digest: Digest, *, manager: str | None = None) -> str:
    """The plain-text part of the email (and a readable terminal summary)."""
    out = [subject_line(digest, digest.manager(manager) if manager is not None else None), ""]
    for md in _managers(digest, manager):
        who = "Clients without an account manager" if md.manager == UNASSIGNED else f"Account manager: {md.manager}"
        out += [who, "=" * len(who), ""]
        out.append(f"New messages: {md.new_total} ({_counts_text(sorted(totals(md).items()))})")
        for c in md.clients:
            out.append(f"  {c.name}: {c.new_total} new ({_counts_text(label_counts(c))})")
        out.append("")
        out.append(f"Out of scope today: {len(md.out_of_scope)}")
        for line in md.out_of_scope:
            ref = _clause_ref(line)
            clause = f' — outside "{line.clause}"' if line.clause else " — no clause cited"
            out.append(f"  - {line.client_name}: {line.request}{clause}{f' ({ref})' if ref else ''}")
        out.append("")
        out.append(f"Red flags today: {len(md.red_flags)}")
        for rf in md.red_flags:
            cats = ", ".join(human(c) for c in rf.categories) or "red flag"
            out.append(f'  - {rf.client_name} [{cats}] {rf.subject}: "{rf.quote}"')
        out.append("")
        out.append(f"Needs your judgement: {len(md.needs_judgement)}")
        for j in md.needs_judgement:
            out.append(f"  - {j.client_name}: {j.subject} (engine's best guess: {j.label})")
        out.append("")
        out.append(f"Drafts pending for more than a day: {len(md.stale_drafts)}")
        for sd in md.stale_drafts:
            out.append(
                f"  - draft {sd.draft_id} for {sd.client_name} ({sd.to_addr}): {sd.subject} — {sd.age_days} day(s) old"
            )
        out.append("")
        out.append(f"In quarantine (a stage failed; kept, not triaged): {len(digest.quarantined)}")
        for ql in digest.quarantined:
            out.append(f"  - {ql.quarantine_id} ({ql.at:%Y-%m-%d}) {ql.stage}: {ql.reason}")
        out.append("")
        out.append(f"No contact for more than {digest.cadence_days} days: {len(md.quiet_clients)}")
        for q in md.quiet_clients:
            since = (
                f"last message {q.last_contact.isoformat()} ({q.days} days ago)"
                if q.last_contact
                else "no message ever"
            )
            out.append(f"  - {q.client_name}: {since}")
        out.append("")
        out.append("Scope creep (out-of-scope messages): this month to date / same period last month / all last month")
        for c in md.clients:
            out.append(
                f"  {c.name}: {c.out_of_scope_this_month} / {c.out_of_scope_last_month_to_date} / "
                f"{c.out_of_scope_last_month} {TREND[c.trend]}"
            )
        out.append("")
        out.append(f"Labels per client, last {CHART_DAYS} days")
        for c in md.clients:
            out.append(f"  {c.name}: {_counts_text(label_counts(c, c.labels_30d))}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_escape(text: Any) -> str:
    """Client text made inert in Markdown: HTML escaped, Markdown syntax backslashed, one line."""
    flat = re.sub(r"\s+", " ", str(text)).strip()
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def render_markdown(digest: Digest, *, manager: str | None = None) -> str:
    e = md_escape
    out = [f"# {(subject_line(digest, digest.manager(manager) if manager is not None else None))}", ""]
    for md in _managers(digest, manager):
        out += [f"## {'Clients without an account manager' if md.manager == UNASSIGNED else e(md.manager)}", ""]
        out += [f"**{md.new_total} new messages, {md.red_flag_total} red flags.**", ""]
        out += ["| Client | New | In scope | Out of scope | Red flag | Untriaged |", "|---|---:|---:|---:|---:|---:|"]
        for c in md.clients:
            n = dict(label_counts(c))
            out.append(
                f"| {e(c.name)} | {c.new_total} | {n['in_scope']} | {n['out_of_scope']} | {n['red_flag']} | {n['untriaged']} |"
            )
        out += ["", f"### Out of scope today ({len(md.out_of_scope)})", ""]
        for line in md.out_of_scope:
            ref = _clause_ref(line)
            clause = f" — outside “{e(line.clause)}”" if line.clause else " — no clause cited"
            out.append(f"- **{e(line.client_name)}**: {e(line.request)}{clause}{f' ({e(ref)})' if ref else ''}")
        out += ["", f"### Red flags today ({len(md.red_flags)})", ""]
        for rf in md.red_flags:
            cats = ", ".join(human(c) for c in rf.categories) or "red flag"
            out.append(f"- **{e(rf.client_name)}** \\[{e(cats)}\\] {e(rf.subject)}: “{e(rf.quote)}”")
        out += ["", f"### Needs your judgement ({len(md.needs_judgement)})", ""]
        for j in md.needs_judgement:
            out.append(f"- **{e(j.client_name)}**: {e(j.subject)} (engine's best guess: {e(j.label)})")
        out += ["", f"### Drafts pending for more than a day ({len(md.stale_drafts)})", ""]
        for sd in md.stale_drafts:
            out.append(
                f"- draft {sd.draft_id} for {e(sd.client_name)} ({e(sd.to_addr)}): {e(sd.subject)} — {sd.age_days} day(s) old"
            )
        out += ["", f"### In quarantine ({len(digest.quarantined)})", ""]
        for ql in digest.quarantined:
            out.append(f"- {ql.quarantine_id} ({ql.at:%Y-%m-%d}) {e(ql.stage)}: {e(ql.reason)}")
        out += ["", f"### No contact for more than {digest.cadence_days} days ({len(md.quiet_clients)})", ""]
        for q in md.quiet_clients:
            since = (
                f"last message {q.last_contact.isoformat()} ({q.days} days ago)"
                if q.last_contact
                else "no message ever"
            )
            out.append(f"- {e(q.client_name)}: {since}")
        out += [
            "",
            "### Scope creep",
            "",
            "| Client | This month to date | Same period last month | All last month | Trend |",
            "|---|---:|---:|---:|:---:|",
        ]
        for c in md.clients:
            out.append(
                f"| {e(c.name)} | {c.out_of_scope_this_month} | {c.out_of_scope_last_month_to_date} | "
                f"{c.out_of_scope_last_month} | {TREND[c.trend]} |"
            )
        out += [
            "",
            f"### Labels per client, last {CHART_DAYS} days",
            "",
            "| Client | In scope | Out of scope | Red flag | Untriaged |",
            "|---|---:|---:|---:|---:|",
        ]
        for c in md.clients:
            n = dict(label_counts(c, c.labels_30d))
            out.append(f"| {e(c.name)} | {n['in_scope']} | {n['out_of_scope']} | {n['red_flag']} | {n['untriaged']} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---- files ------------------------------------------------------------------------------------


def write_digest(digest: Digest, path: Path | str) -> Path:
    """Write the digest to ``path``: HTML (chart as a data: URI) for .html/.htm, Markdown for .md."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        text = render_html(digest)
    elif suffix in (".md", ".markdown"):
        text = render_markdown(digest)
    else:
        raise UserError(f"cannot write a digest as {path.name!r}", fix="give --out a file name ending in .html or .md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
