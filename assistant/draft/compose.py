"""Compose the reply draft for one triaged message, from the templates in ``templates/``.

The draft is for a human to approve. It is written in the client's language (English when
there is no template for it), and follows the reply playbook (shared/domain.md):

- in scope: acknowledge; where the client asked something, a marked placeholder for the
  account manager's answer;
- out of scope: say so and cite the clause or call note it falls outside of (title, date,
  verbatim quote), then offer the two options: (a) a written change request with scope
  and fee, (b) keep the focus on the agreed work; plus a change-request outline (requested
  work, the hourly rate quoted from the documents, an estimate blank) when the commercial
  clauses have a rate or a change-request clause;
- red flags: one calm, firm paragraph per category, quoting the matching clause where one
  is in the evidence (payment terms for late_payment and prepayment_refusal, the agreed
  approver, the agreed goals, ...).

Only the documents are quoted, verbatim (clipped with "…" when long). Client text appears
only as a short quoted request line, never as template text: templates are formatted once,
with client and document text as values.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.draft.evidence import _FLAG_ORDER, _RATE, _CHANGE_REQUEST, _clause_for, _Evidence, _first, _key
from assistant.draft.language import clean_text, detect_language
from assistant.draft.names import manager_first_name, person_name
from assistant.draft.templates import FALLBACK_LANGUAGE, Template, available_languages, load_template, template_for
from assistant.label.schema import DraftReply, TriageResult
from assistant.mailout import reply_subject

if TYPE_CHECKING:  # pragma: no cover
    from assistant.label.engine import TriageContext
    from assistant.retrieve import Evidence

__all__ = ["available_languages", "compose_draft", "load_template", "manager_first_name", "person_name"]

MAX_QUOTE_CHARS = 220
MAX_REQUEST_CHARS = 120

# -- text helpers -------------------------------------------------------------------------


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.replace("**", "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("; "))
    cut = cut[: sentence + 1] if sentence > limit // 2 else cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ,;:") + " …"


def _request_line(result: TriageResult) -> str:
    parts = [" ".join(r.text.split()).strip(" \"'“”„»«") for r in result.requests if r.text.strip()]
    return _clip("; ".join(p for p in parts[:2] if p), MAX_REQUEST_CHARS) if parts else ""


_QUESTION = re.compile(r"[?？]|ไหม|มั้ย|หรือไม่|หรือเปล่า|เมื่อไหร่|เมื่อไร|อย่างไร|ยังไง|ที่ไหน|กี่")


def _asks_question(text: str) -> bool:
    return bool(_QUESTION.search(clean_text(text)))


_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|sv|aw|fw|fwd|vs|wg|antw|tr|rv|odp)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def draft_language(ctx: TriageContext, result: TriageResult) -> str:
    """The language the client wrote in: the new text, else the subject, else the engine's."""
    for text in (ctx.message.new_text, _REPLY_PREFIX.sub("", ctx.message.subject)):
        code = detect_language(text)
        if code:
            return code
    return result.language or FALLBACK_LANGUAGE


def _cite(tpl: Template, e: Evidence, *, also: bool = False) -> str:
    """"As agreed in <title> (<date>): “<clause>”." — a call note "as noted in our call on
    <date>", or "we also discussed this in our call on <date>" when it follows a clause."""
    clause = _clip(e.text, MAX_QUOTE_CHARS)
    when = tpl.date(e.date)
    key = ("cite_call" if also else "cite_note") if e.kind == "call_notes" else "cite"
    key += "" if when else "_nodate"
    quote = tpl.quote(clause)
    out = tpl.t(key, title=e.title.strip() or tpl.text["our_agreement"], date=when, quote=quote)
    if clause[-1:] in ".!?…" and out.endswith(quote + "."):
        out = out[:-1]  # no second full stop after a quote that ends a sentence itself
    return out


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


# -- compose ------------------------------------------------------------------------------


def compose_draft(ctx: TriageContext, result: TriageResult, *, language: str | None = None) -> DraftReply | None:
    """The reply draft for ``ctx.message``, or None when ``result.reply_needed`` is False.

    ``language`` overrides detection (an ISO 639-1 code); the draft's ``language`` is the
    template's, "en" when the client's language has no template."""
    if not result.reply_needed:
        return None
    tpl = template_for(language or draft_language(ctx, result))
    ev = _Evidence(ctx, result)
    used: set[tuple[str, str]] = set()  # clauses already quoted: each at most once
    request = _request_line(result)
    quoted_request = tpl.quote(request) if request else ""

    first, full = person_name(ctx.message.sender.name)
    greeting = tpl.t("greeting_named", first_name=first, full_name=full) if first else tpl.t("greeting")
    if tpl.code == "th":  # "คุณ Pim": a space between Thai and a Latin-script name
        greeting = re.sub(r"(?<=[\u0e00-\u0e7f])(?=[A-Za-z])", " ", greeting)
    paragraphs = [greeting]

    if result.label == "in_scope":
        paragraphs.append(_join(tpl.t("thanks"), tpl.t("in_scope")))
        if _asks_question(ctx.message.new_text):
            paragraphs.append(tpl.t("in_scope_question", answer=tpl.t("answer")))

    elif result.label == "out_of_scope":
        paragraphs.append(_join(tpl.t("thanks"), tpl.t("oos_request", request=quoted_request) if request else ""))
        primary = (
            _first(ev.evidence, lambda e: e.excluded)
            or _first(ev.evidence, lambda e: e.kind == "call_notes")
            or _first(ev.evidence)
        )
        cites = []
        if primary is not None:
            used.add(_key(primary))
            cites.append(_cite(tpl, primary))
            note = _first(
                ev.evidence,
                lambda e: e.kind == "call_notes" and _key(e) not in used and (ev.cited(e) or _key(e) in ev.top),
            )
            if note is not None:
                used.add(_key(note))
                cites.append(_cite(tpl, note, also=True))
        paragraphs.append(_join(tpl.t("oos"), *cites))
        paragraphs.append(_options(tpl))
        outline = _outline(tpl, ev, quoted_request)
        if outline:
            paragraphs.append(outline)

    else:  # red_flag
        paragraphs.append(tpl.t("thanks"))
        for category in (c for c in _FLAG_ORDER if c in result.red_flags):
            clause = _clause_for(category, ev, used)
            cite = ""
            if clause is not None:
                used.add(_key(clause))
                cite = _cite(tpl, clause)
            paragraphs.append(_join(tpl.flags[category]["lead"], cite, tpl.flags[category]["ask"]))
            if category == "discount_pressure":  # free changes expected: the same two options
                paragraphs.append(_options(tpl))

    name = manager_first_name(ctx.client.account_manager)
    paragraphs.append("\n".join(line for line in (tpl.t("closing"), name, ctx.agency_name.strip()) if line))
    return DraftReply(subject=reply_subject(ctx.message.subject), body="\n\n".join(paragraphs) + "\n", language=tpl.code)


def _options(tpl: Template) -> str:
    return "\n".join((tpl.t("options_intro"), tpl.t("option_a"), tpl.t("option_b"), tpl.t("options_ask")))


def _outline(tpl: Template, ev: _Evidence, quoted_request: str) -> str:
    """The change-request outline, when the commercial clauses have a rate or a change-request clause."""
    rate = _first(ev.commercial, lambda e: bool(_RATE.search(e.text)))
    terms = _first(ev.commercial, lambda e: bool(_CHANGE_REQUEST.search(e.text)))
    if rate is None and terms is None:
        return ""
    lines = [
        tpl.t("cr_heading"),
        tpl.t("cr_work", request=quoted_request) if quoted_request else tpl.t("cr_work_blank"),
    ]
    source = rate or terms
    title = source.title.strip() or tpl.text["our_agreement"]
    quote = tpl.quote(_clip(source.text, MAX_QUOTE_CHARS))
    lines.append(tpl.t("cr_rate" if rate is not None else "cr_terms", title=title, quote=quote))
    lines.append(tpl.t("cr_estimate"))
    return "\n".join(lines)
