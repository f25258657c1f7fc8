"""The LLM engine's per-message prompt: the client's documents as numbered lists, then the
client's message as quoted data.

The model judges each request against what was agreed, so the documents are grouped the
way an account manager reads them: what the scope includes (with its limits), what it
excludes, what the call notes agreed or refused (with their dates), and the commercial
terms. Items are numbered once across the lists; the model cites them by number and the
engine maps the numbers back, so a quote in a result is always a real clause.

Everything the client wrote is untrusted. Each block of data (the documents, each corrected
example, the client's message) is fenced by two lines carrying a boundary drawn afresh for
every prompt (``=== BEGIN client_email 9f3c… ===`` … ``=== END client_email 9f3c… ===``);
the system prompt tells the model that only the END line with that boundary ends the data.
Text cannot guess the boundary, and anything in it that imitates a fence, one of our tags, a
chat-template token or a role line is defused first (:func:`neutralise_tags`), found on a
Unicode-normalised copy so that full-width forms and Cyrillic or Greek look-alikes are caught.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

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
    "fence",
    "format_item",
    "group_documents",
    "neutralise_tags",
    "new_boundary",
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

_WS_RE = re.compile(r"\s+")

#: Look-alikes of the characters our markers are made of, as seen after NFKC (which already
#: folds full-width and other compatibility forms): Cyrillic and Greek letters that look
#: Latin, angle brackets, dashes and the line separators ``^`` must see as line starts.
_CONFUSABLES = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁԛԝкмнтвАЕОРСУХІЈЅКМНТВ", "aeopcyxijsdqwkmhtbAEOPCYXIJSKMHTB", strict=True)),
        **dict(zip("αεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aeikvoptuxABEZHIKMNOPTYX", strict=True)),
        **dict.fromkeys("‹〈⟨˂ᐸ❮﹤", "<"),
        **dict.fromkeys("›〉⟩˃ᐳ❯﹥", ">"),
        **dict.fromkeys("‐‑‒–—―−﹣", "-"),
        **dict.fromkeys("\r\x0b\x0c\x85\u2028\u2029", "\n"),
        "ǀ": "|",
        "∣": "|",
        "ı": "i",
    }
)

_SEP = r"[\s_\-.]*"
_LT, _GT = r"(?:<|&lt;)", r"(?:>|&gt;)"
#: Our delimiter tags in any spelling a client could type (``</client-email >``, ``< CLIENT_EMAIL>``).
_TAG_RE = re.compile(
    rf"{_LT}\s*(/?)\s*(client|example){_SEP}e{_SEP}mail\b(?:[^<>\n&]|&(?!gt;)){{0,200}}{_GT}?", re.IGNORECASE
)
#: Imitations of the boundary lines (``=== END client_email … ===``).
_FENCE_RE = re.compile(
    rf"\b(begin|end)\s+(client|example){_SEP}e{_SEP}mail\b|\b(begin|end)\s+documents\b", re.IGNORECASE
)
#: Chat-template tokens of the common model families.
_TOKEN_RE = re.compile(
    r"<\s*\|[^|<>\n]{1,40}\|\s*>"  # <|im_start|>, <|system|>, <|eot_id|>, <|start_header_id|>
    r"|\[\s*/?\s*(?:INST|SYS|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS)\s*\]"  # [INST] [/INST]
    r"|<<\s*/?\s*SYS\s*>>"  # <<SYS>>
    r"|<\s*/?\s*(?:s|im_start|im_end|start_of_turn|end_of_turn|bos|eos|system|assistant|user|developer)\s*>",
    re.IGNORECASE,
)
#: A line that poses as a turn of the conversation (``system:``, ``### Assistant:``, ``> user:``).
_ROLE_RE = re.compile(
    r"^[ \t>#*|_\-<!]*(system|assistant|user|developer|human|ai|tool|sistema|asistente|usuario|assistent|bruger"
    r"|benutzer|nutzer|ระบบ|ผู้ช่วย|ผู้ใช้)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
#: What a role line is prefixed with: visible, and no longer a line that starts with a role.
ROLE_MARKER = "(client text) "


def _detection_copy(text: str) -> tuple[str, list[int]]:
    """``text`` normalised for detection (NFKC, look-alikes folded, invisible format characters
    dropped) and, for each character of the copy, the index of the character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            folded = ch.translate(_CONFUSABLES)
        elif unicodedata.category(ch) == "Cf":
            continue
        else:
            folded = unicodedata.normalize("NFKC", ch).translate(_CONFUSABLES)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def _token_name(found: str) -> str:
    return "(" + re.sub(r"[\s<>|\[\]]+", "", found) + ")"


def neutralise_tags(text: str) -> str:
    """Untrusted text with everything that imitates our markup defused, found on a normalised
    copy (:func:`_detection_copy`) and replaced in the original, whose other words stay as
    they were: our tags (``</client_email>`` → ``[/client_email]``), fence lines
    (``END client_email`` → ``[end client_email]``), chat-template tokens (``<|im_start|>`` →
    ``(im_start)``, ``[INST]`` → ``(INST)``), and role lines (``system: …`` → ``(client text)
    system: …``)."""
    copy, origin = _detection_copy(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in ``text``
    for m in _TAG_RE.finditer(copy):
        edits.append((m.start(), m.end(), f"[{m.group(1)}{m.group(2).lower()}_email]"))
    for m in _FENCE_RE.finditer(copy):
        word = (m.group(1) or m.group(3)).lower()
        name = f"{m.group(2).lower()}_email" if m.group(2) else "documents"
        edits.append((m.start(), m.end(), f"[{word} {name}]"))
    for m in _TOKEN_RE.finditer(copy):
        edits.append((m.start(), m.end(), _token_name(m.group())))
    for m in _ROLE_RE.finditer(copy):
        edits.append((m.start(1), m.start(1), ROLE_MARKER))
    if not edits:
        return text
    out: list[str] = []
    pos = 0
    for start, end, repl in sorted(edits, key=lambda e: (e[0], -e[1])):
        a = origin[start] if start < len(origin) else len(text)
        if a < pos:
            continue  # inside an earlier, overlapping match
        b = origin[end - 1] + 1 if end > start else a
        out += [text[pos:a], repl]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def new_boundary() -> str:
    """A fresh random boundary for one prompt's fences."""
    return secrets.token_hex(8)


def fence(kind: str, boundary: str, body: str) -> str:
    """``body`` between the two boundary lines of a ``kind`` block."""
    return f"=== BEGIN {kind} {boundary} ===\n{body}\n=== END {kind} {boundary} ==="


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


def _format_examples(ctx: TriageContext, boundary: str) -> str:
    if not ctx.examples:
        return ""
    out = ["", "Corrected examples for this client (earlier messages and the labels a human gave them):"]
    for ex in ctx.examples[:MAX_EXAMPLES]:
        flags = ",".join(ex.red_flags) or "none"
        body = fence("example_email", boundary, neutralise_tags(cut(ex.text.strip(), MAX_EXAMPLE_CHARS)))
        out.append(f'<example_email label="{ex.label}" red_flags="{flags}">\n{body}\n</example_email>')
    return "\n".join(out) + "\n"


def render_user_prompt(ctx: TriageContext, boundary: str | None = None) -> tuple[str, list[Evidence]]:
    """The per-message prompt and the items it numbers (index 0 is item [1]). The fences
    carry ``boundary``, by default a fresh random one (:func:`new_boundary`)."""
    groups = group_documents(*select_evidence(ctx))
    email = _format_email(ctx.message)
    lists = _format_lists(groups)
    examples = [ex.text for ex in ctx.examples[:MAX_EXAMPLES]]
    boundary = boundary or new_boundary()
    while any(boundary in t for t in [email, *lists.values(), *examples]):  # pragma: no cover - 2**-64
        boundary = new_boundary()
    text = render_prompt(
        USER_PROMPT,
        boundary=boundary,
        client_name=one_line(ctx.client.name, 200) or ctx.client.id,
        agency_name=one_line(ctx.agency_name, 200) or "(not given)",
        account_manager=one_line(ctx.client.account_manager, 200) or "(not given)",
        examples=_format_examples(ctx, boundary),
        email=email,
        **lists,
    )
    return text, [e for items in groups.values() for e in items]
