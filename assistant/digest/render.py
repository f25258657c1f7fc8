"""Rendering a digest: HTML email (inline styles, tables, no JS, no images, no external
resources; the 30-day chart is bars made of table cells), plain text and Markdown.

Client mail is untrusted: the HTML template is rendered with autoescaping on; the Markdown
renderer escapes Markdown and HTML syntax in every piece of client text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assistant.digest.build import (
    CHART_DAYS,
    LABEL_ORDER,
    UNASSIGNED,
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


def _in(line: Any, escape: Callable[[str], str] = str) -> str:
    """The mailbox a line's message came to, after the client's name (when the digest names
    mailboxes): ' (mailbox anna)'."""
    return f" (mailbox {escape(line.mailbox)})" if line.mailbox else ""


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


def chart_rows(md: ManagerDigest) -> list[dict[str, Any]]:
    """The 30-day chart as data for HTML bars: per client its name (drawn by the mail client in
    its own fonts, so every script shows), total, and one segment per label whose ``pct`` is its
    share of the chart's width: the longest bar is the busiest client's, all on one scale.
    ``rest`` fills the track to 100 %."""
    biggest = max([sum(c.labels_30d.values()) for c in md.clients] + [1])
    rows = []
    for c in md.clients:
        segments, edge = [], 0.0
        for lab, n in label_counts(c, c.labels_30d):
            if not n:
                continue
            # Cumulative rounding: the segments add up to the bar's own rounded length.
            start, edge = round(edge), edge + 100 * n / biggest
            pct = max(1, round(edge) - start)
            segments.append({"label": lab, "n": n, "pct": pct, "color": COLORS.get(lab, OTHER_COLOR)})
        if segments and (over := sum(s["pct"] for s in segments) - 100) > 0:  # the 1 % minimums overflowed
            max(segments, key=lambda s: s["pct"])["pct"] -= over
        used = sum(s["pct"] for s in segments)
        rows.append({"name": c.name, "total": sum(c.labels_30d.values()), "segments": segments, "rest": 100 - used})
    return rows


def chart_legend(md: ManagerDigest) -> list[dict[str, str]]:
    """The labels the chart shows, in the fixed order, with their colours."""
    shown = {lab for c in md.clients for lab, n in c.labels_30d.items() if n}
    order = [lab for lab in LABEL_ORDER if lab in shown] + sorted(shown - set(LABEL_ORDER))
    return [{"label": lab, "color": COLORS.get(lab, OTHER_COLOR)} for lab in order]


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
        chart_rows=chart_rows,
        chart_legend=chart_legend,
        CHART_DAYS=CHART_DAYS,
        totals=totals,
    )
    return env


def render_html(digest: Digest, *, manager: str | None = None) -> str:
    """The digest as an HTML email body. ``manager``: only that manager's section (for their
    email). The 30-day chart is HTML bars (tables with widths and inline colours): no image,
    so it shows where images are blocked, and client names are text in the reader's fonts."""
    sections = [{"md": md} for md in _managers(digest, manager)]
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
            out.append(f"  - {line.client_name}{_in(line)}: {line.request}{clause}{f' ({ref})' if ref else ''}")
        out.append("")
        out.append(f"Red flags today: {len(md.red_flags)}")
        for rf in md.red_flags:
            cats = ", ".join(human(c) for c in rf.categories) or "red flag"
            out.append(f'  - {rf.client_name}{_in(rf)} [{cats}] {rf.subject}: "{rf.quote}"')
        out.append("")
        out.append(f"Needs your judgement: {len(md.needs_judgement)}")
        for j in md.needs_judgement:
            out.append(f"  - {j.client_name}{_in(j)}: {j.subject} (engine's best guess: {j.label})")
        out.append("")
        out.append(f"Drafts pending for more than a day: {len(md.stale_drafts)}")
        for sd in md.stale_drafts:
            out.append(
                f"  - draft {sd.draft_id} for {sd.client_name}{_in(sd)} ({sd.to_addr}): {sd.subject} — "
                f"{sd.age_days} day(s) old"
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
            out.append(
                f"- **{e(line.client_name)}**{_in(line, e)}: {e(line.request)}{clause}{f' ({e(ref)})' if ref else ''}"
            )
        out += ["", f"### Red flags today ({len(md.red_flags)})", ""]
        for rf in md.red_flags:
            cats = ", ".join(human(c) for c in rf.categories) or "red flag"
            out.append(f"- **{e(rf.client_name)}**{_in(rf, e)} \\[{e(cats)}\\] {e(rf.subject)}: “{e(rf.quote)}”")
        out += ["", f"### Needs your judgement ({len(md.needs_judgement)})", ""]
        for j in md.needs_judgement:
            out.append(f"- **{e(j.client_name)}**{_in(j, e)}: {e(j.subject)} (engine's best guess: {e(j.label)})")
        out += ["", f"### Drafts pending for more than a day ({len(md.stale_drafts)})", ""]
        for sd in md.stale_drafts:
            out.append(
                f"- draft {sd.draft_id} for {e(sd.client_name)}{_in(sd, e)} ({e(sd.to_addr)}): {e(sd.subject)} — "
                f"{sd.age_days} day(s) old"
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
