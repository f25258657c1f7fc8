"""The LLM engine's per-message prompt: the client's documents as numbered lists, then the
client's message as quoted data.

The model judges each request against what was agreed, so the documents are grouped the
way an account manager reads them: what the scope includes (with its limits), what it
excludes, what the call notes agreed or refused (with their dates), and the commercial
terms. Items are numbered once across the lists; the model cites them by number and the
engine maps the numbers back, so a quote in a result is always a real clause.

Everything the client wrote is untrusted: it goes inside ``<client_email>…</client_email>``
and any copy of the delimiter tags in it is defused first (:func:`neutralise_tags`).
"""

from __future__ import annotations

import re

from assistant.label.engine import TriageContext
from assistant.label.prompts import render_prompt
from assistant.parse.models import ParsedMessage
from assistant.retrieve import Evidence

__all__ = [
    "MAX_COMMERCIAL",
    "MAX_EVIDENCE",
    "MAX_EVIDENCE_CHARS",
    "MAX_EXAMPLES",
    "MAX_EXAMPLE_CHARS",
    "MAX_MESSAGE_CHARS",
    "MAX_SUBJECT_CHARS",
    "USER_PROMPT",
    "cut",
    "format_item",
    "group_documents",
    "neutralise_tags",
    "one_line",
    "render_user_prompt",
    "select_evidence",
]

USER_PROMPT = "triage.user.v2"

#: Prompt budget (goal: ≤ 2,500 prompt tokens for a typical message).
MAX_EVIDENCE = 6
MAX_COMMERCIAL = 3
MAX_EVIDENCE_CHARS = 400
MAX_EXAMPLES = 3
MAX_EXAMPLE_CHARS = 400
MAX_MESSAGE_CHARS = 6000
MAX_SUBJECT_CHARS = 300

#: Our delimiter tags, in any spelling a client could type (``</client_email >``, ``< CLIENT_EMAIL>``).
_TAG_RE = re.compile(r"<\s*(/?)\s*(client_email|example_email)\b[^>]*>", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")


def neutralise_tags(text: str) -> str:
    """Untrusted text with our delimiter tags defused (``</client_email>`` → ``[/client_email]``),
    so it cannot close its block and pose as instructions."""
    return _TAG_RE.sub(lambda m: f"[{m.group(1)}{m.group(2).lower()}]", text)


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def one_line(text: str, limit: int) -> str:
    return cut(_WS_RE.sub(" ", text).strip(), limit)


def _same(a: Evidence, b: Evidence) -> bool:
    return (a.document, a.section, a.text) == (b.document, b.section, b.text)


def _balanced(ranked: list[Evidence], limit: int) -> list[Evidence]:
    """At most ``limit`` items, best ranked first, but keeping the best of each list
    (included clause, exclusion, call note) the retrieve stage found: a request is judged
    against what the scope includes as much as against what it excludes and what the notes
    refused, and a run of near-identical call notes must not crowd the clauses out."""

    def key(e: Evidence) -> str:
        return "call_notes" if e.kind == "call_notes" else "excluded" if e.excluded else "included"

    firsts = {}
    for e in ranked:
        firsts.setdefault(key(e), e)
    keep = list(firsts.values())[:limit]
    for e in ranked:
        if len(keep) >= limit:
            break
        if not any(e is k for k in keep):
            keep.append(e)
    return [e for e in ranked if any(e is k for k in keep)]


def select_evidence(ctx: TriageContext) -> tuple[list[Evidence], list[Evidence]]:
    """The retrieved items and the commercial clauses worth showing: at most
    :data:`MAX_EVIDENCE` items (:func:`_balanced`) and :data:`MAX_COMMERCIAL` commercial
    clauses, those already among the items not repeated."""
    evidence = _balanced(list(ctx.evidence), MAX_EVIDENCE)
    commercial: list[Evidence] = []
    for c in ctx.commercial:
        if len(commercial) >= MAX_COMMERCIAL:
            break
        if not any(_same(c, e) for e in evidence + commercial):
            commercial.append(c)
    return evidence, commercial


def group_documents(evidence: list[Evidence], commercial: list[Evidence]) -> dict[str, list[Evidence]]:
    """The items in the prompt's lists, in numbering order: included clauses, excluded
    clauses, call notes (agreed or refused, each with its date; those found as commercial
    terms too), then the SOW's commercial clauses. Order within a list is the retrieval rank."""
    notes = [e for e in evidence + commercial if e.kind == "call_notes"]
    clauses = [e for e in evidence if e.kind != "call_notes"]
    return {
        "included": [e for e in clauses if not e.excluded],
        "excluded": [e for e in clauses if e.excluded],
        "call_notes": notes,
        "commercial": [e for e in commercial if e.kind != "call_notes"],
    }


def _section(e: Evidence) -> str:
    """The innermost heading of the section path ("SOW > 3. Not included" → "3. Not included");
    the title is shown apart."""
    section = e.section.strip()
    if " > " in section:
        section = section.rsplit(" > ", 1)[1]
    elif e.title and section.startswith(e.title):
        section = section[len(e.title) :].lstrip(" >:,·-")
    return one_line(section, 80)


def _head(e: Evidence, titled: bool) -> str:
    """Where an item comes from. Call notes lead with their date and meeting (the reply cites
    them); a clause needs its document's title only when the clauses come from more than one
    document. A note filed as a refusal says so, as it sits among the notes, not under EXCLUDED."""
    if e.kind == "call_notes":
        parts = [e.date, one_line(e.title, 50), _section(e), "not agreed" if e.excluded else ""]
    else:
        parts = [one_line(e.title, 50) if titled or not e.section.strip() else "", _section(e)]
    return " · ".join(p for p in parts if p) or e.document


def format_item(number: int, e: Evidence, titled: bool = True) -> str:
    """One numbered item on one line: ``[3] 2026-01-27 · Kick-off · Decisions: "…"``."""
    text = one_line(e.text, MAX_EVIDENCE_CHARS)
    return neutralise_tags(f'[{number}] {_head(e, titled)}: "{text}"')


def _format_lists(groups: dict[str, list[Evidence]]) -> dict[str, str]:
    """Each list's text, numbered on from the list before."""
    documents = {e.document for items in groups.values() for e in items if e.kind != "call_notes"}
    titled = len(documents) > 1
    out: dict[str, str] = {}
    number = 1
    for name, items in groups.items():
        out[name] = "\n".join(format_item(number + i, e, titled) for i, e in enumerate(items)) or "(none)"
        number += len(items)
    return out


def _format_email(message: ParsedMessage) -> str:
    text = (message.new_text or message.body_text).strip()
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[:MAX_MESSAGE_CHARS].rstrip() + "\n[… message cut here …]"
    lines = [f"From: {one_line(str(message.sender), 200) or '(unknown)'}"]
    if message.date is not None:
        lines.append(f"Date: {message.date.date().isoformat()}")
    lines.append(f"Subject: {one_line(message.subject, MAX_SUBJECT_CHARS)}")
    lines += ["", text or "(empty message)"]
    return neutralise_tags("\n".join(lines))


def _format_examples(ctx: TriageContext) -> str:
    if not ctx.examples:
        return ""
    out = ["", "Corrected examples for this client (earlier messages and the labels a human gave them):"]
    for ex in ctx.examples[:MAX_EXAMPLES]:
        flags = ",".join(ex.red_flags) or "none"
        body = neutralise_tags(cut(ex.text.strip(), MAX_EXAMPLE_CHARS))
        out.append(f'<example_email label="{ex.label}" red_flags="{flags}">\n{body}\n</example_email>')
    return "\n".join(out) + "\n"


def render_user_prompt(ctx: TriageContext) -> tuple[str, list[Evidence]]:
    """The per-message prompt and the items it numbers (index 0 is item [1])."""
    groups = group_documents(*select_evidence(ctx))
    text = render_prompt(
        USER_PROMPT,
        client_name=one_line(ctx.client.name, 200) or ctx.client.id,
        agency_name=one_line(ctx.agency_name, 200) or "(not given)",
        account_manager=one_line(ctx.client.account_manager, 200) or "(not given)",
        examples=_format_examples(ctx),
        email=_format_email(ctx.message),
        **_format_lists(groups),
    )
    return text, [e for items in groups.values() for e in items]
