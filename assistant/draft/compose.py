"""Compose the reply draft for one triaged message, from the templates in ``templates/``.

The draft is for a human to approve, in the client's language (English when there is no
template for it, and then the draft's ``note`` says so). It follows the reply playbook
(shared/domain.md) and is built from the result's per-request verdicts:

- needs judgement: acknowledge receipt, say the account manager comes back on it; no
  promise, no pushback;
- in scope, nothing asked: a one-line thank-you;
- in scope, requests covered by the agreement: we take care of them as part of the agreed
  work (quoting the covering clause once); a question for information gets the clause
  that answers it, else a marked placeholder for the account manager;
- out of scope: name the requests that fall outside (a few words each, once), quote the
  clause or call note that decided each (once, with its date), say the numbers (included
  vs requested), then the two options (change request, or keep the focus) and the
  change-request outline with the price that fits (per item when the agreement prices the
  item, else the hourly rate, else the change-request terms);
- red flags: one calm, firm paragraph per category, quoting the matching clause.

Only the documents are quoted, verbatim (clipped with "…" when long). Client text appears
only as a few quoted words per request, never as template text: templates are formatted
once, with client and document text as values.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.draft.asks import asks_information, asks_question, clip, phrase
from assistant.draft.evidence import (
    FLAG_ORDER,
    Price,
    Quotable,
    Ranked,
    change_request_terms,
    clause_for,
    first,
    informative,
    key,
    price_for,
)
from assistant.draft.names import manager_first_name, person_name
from assistant.draft.templates import FALLBACK_LANGUAGE, Template, fallback_note, template_for
from assistant.label.schema import OUTSIDE_VERDICTS, DraftReply, RequestVerdict, TriageResult
from assistant.text.language import detect_language
from assistant.text.mail import reply_subject

if TYPE_CHECKING:  # pragma: no cover
    from assistant.label.engine import TriageContext

__all__ = ["compose_draft", "draft_language"]

MAX_QUOTE_CHARS = 220
#: An in-scope reply quotes at most this many covering clauses: enough to show the basis.
MAX_COVERING_QUOTES = 2

_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|sv|aw|fw|fwd|vs|wg|antw|tr|rv|odp)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def draft_language(ctx: TriageContext, result: TriageResult) -> str:
    """The language the client wrote in: the new text, else the subject, else the engine's."""
    for text in (ctx.message.new_text, _REPLY_PREFIX.sub("", ctx.message.subject)):
        code = detect_language(text)
        if code:
            return code
    return result.language or FALLBACK_LANGUAGE


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def _requests(result: TriageResult) -> list[RequestVerdict]:
    return [r for r in result.requests if r.text.strip()]


def compose_draft(ctx: TriageContext, result: TriageResult, *, language: str | None = None) -> DraftReply | None:
    """The reply draft for ``ctx.message``, or None when ``result.reply_needed`` is False.

    ``language`` overrides detection (an ISO 639-1 code); the draft's ``language`` is the
    template's, "en" when the client's language has no template (``note`` then says so)."""
    if not result.reply_needed:
        return None
    wanted = language or draft_language(ctx, result)
    tpl = template_for(wanted)
    writer = _Writer(tpl, ctx, result, wanted)
    paragraphs = [writer.greeting(), *writer.body(), writer.signature()]
    return DraftReply(
        subject=reply_subject(ctx.message.subject),
        body="\n\n".join(p for p in paragraphs if p) + "\n",
        language=tpl.code,
        note=fallback_note(wanted, tpl),
    )


class _Writer:
    """One draft being written: its template, the evidence, and which clauses it has quoted
    (each at most once)."""

    def __init__(self, tpl: Template, ctx: TriageContext, result: TriageResult, language: str) -> None:
        self.tpl, self.ctx, self.result = tpl, ctx, result
        self.language = language  # the client's, which the template's may not be
        self.ranked = Ranked(ctx, result)
        self.used: set[tuple[str, str]] = set()

    # -- frame ----------------------------------------------------------------------------

    def greeting(self) -> str:
        first_name, full = person_name(self.ctx.message.sender.name)
        if not first_name:
            return self.tpl.t("greeting")
        text = self.tpl.t("greeting_named", first_name=first_name, full_name=full)
        if self.tpl.code == "th":  # "คุณ Pim": a space between Thai and a Latin-script name
            text = re.sub(r"(?<=[\u0e00-\u0e7f])(?=[A-Za-z])", " ", text)
        return text

    def signature(self) -> str:
        name = manager_first_name(self.ctx.client.account_manager)
        return "\n".join(line for line in (self.tpl.t("closing"), name, self.ctx.agency_name.strip()) if line)

    def body(self) -> list[str]:
        if self.result.needs_judgement:
            return [self.tpl.t("judgement")]
        if self.result.label == "in_scope":
            return self.in_scope()
        if self.result.label == "out_of_scope":
            return self.out_of_scope()
        return self.red_flag()

    # -- quoting --------------------------------------------------------------------------

    def cite(self, e: Quotable, *, also: bool = False) -> str:
        """ "As agreed in <title> (<date>): “<clause>”." — a call note "as noted in our call on
        <date>", or "we also discussed this in our call on <date>" when it follows a clause."""
        self.used.add(key(e))
        kind = ("cite_call" if also else "cite_note") if e.kind == "call_notes" else "cite"
        if kind == "cite" and e.excluded and _heading(e):
            kind = "cite_section"  # "under “3. Not included”": the clause alone reads like a deliverable
        return self._quoted(kind, e, clip(e.text, MAX_QUOTE_CHARS))

    def _quoted(self, kind: str, e: Quotable, clause: str) -> str:
        when = self.tpl.date(e.date)
        quote = self.tpl.quote(clause)
        title = e.title.strip() or self.tpl.text["our_agreement"]
        values = {"title": title, "date": when, "quote": quote}
        if kind == "cite_section":
            values["section"] = self.tpl.quote(_heading(e))
        out = self.tpl.t(kind + ("" if when else "_nodate"), **values)
        if clause[-1:] in ".!?…" and out.endswith(quote + "."):
            out = out[:-1]  # no second full stop after a quote that ends a sentence itself
        return out

    def _quote(self, text: str) -> str:
        return self.tpl.quote(text)

    # -- in scope -------------------------------------------------------------------------

    def in_scope(self) -> list[str]:
        requests = _requests(self.result)
        if not requests:
            if asks_question(self.ctx.message.new_text):
                return [self.tpl.t("thanks"), self.tpl.t("in_scope_question", answer=self.tpl.t("answer"))]
            return [self.tpl.t("ack")]
        questions = [r for r in requests if asks_information(r.text, self.language)]
        tasks = [r for r in requests if r not in questions]
        taken = [r for r in tasks if r.verdict not in OUTSIDE_VERDICTS]
        paragraphs = [_join(self.tpl.t("thanks"), self._take_care(taken))]
        answers, open_questions = self._answers(questions)
        paragraphs.extend(answers)
        if open_questions:
            paragraphs.append(self.tpl.t("in_scope_question", answer=self.tpl.t("answer")))
        elif len(taken) < len(tasks):  # a request the verdicts put outside: the manager decides
            paragraphs.append(self.tpl.t("answer"))
        return paragraphs

    def _take_care(self, taken: list[RequestVerdict]) -> str:
        """We take care of the covered requests as agreed, quoting each covering clause once."""
        if not taken:
            return ""
        sentence = self.tpl.t("covered_one" if len(taken) == 1 else "covered_many")
        cites = []
        for r in taken:
            fresh = r.verdict == "covered" and r.evidence is not None and key(r.evidence) not in self.used
            if fresh and len(cites) < MAX_COVERING_QUOTES:
                cites.append(self.cite(r.evidence))
        return _join(sentence, *cites)

    def _answers(self, questions: list[RequestVerdict]) -> tuple[list[str], int]:
        """The clause that answers each question where the documents hold one; how many remain open."""
        answers, open_questions = [], 0
        for q in questions:
            e = q.evidence
            if q.verdict == "covered" and e is not None and informative(e) and key(e) not in self.used:
                self.used.add(key(e))
                kind = "answer_note" if e.kind == "call_notes" else "answer_cite"
                answers.append(self._quoted(kind, e, clip(e.text, MAX_QUOTE_CHARS)))
            elif not (e is not None and key(e) in self.used):
                open_questions += 1
        return answers, open_questions

    # -- out of scope ---------------------------------------------------------------------

    def out_of_scope(self) -> list[str]:
        requests = _requests(self.result)
        outside = [r for r in requests if r.verdict in OUTSIDE_VERDICTS]
        if not outside:  # the engine said out of scope without deciding each request
            outside = [r for r in requests if r.verdict == "unclear"]
        covered = any(r.verdict == "covered" for r in requests)
        return [
            self.tpl.t("thanks"),
            self._outside(outside),
            self.tpl.t("oos_rest") if covered else "",
            self._options(),
            self._outline(outside),
        ]

    def _outside(self, outside: list[RequestVerdict]) -> str:
        """Why the requests fall outside: the deciding clause of each, once, and the numbers."""
        if not outside:
            return _join(self.tpl.t("oos"), *self._fallback_cites())
        # requests the engine did not decide one by one: retrieval's best clause stands in; a
        # decided request without a clause (not covered by anything agreed) cites nothing
        undecided = all(r.verdict == "unclear" and r.evidence is None for r in outside)
        if len(outside) == 1:
            r = outside[0]
            cites = [self.cite(r.evidence)] if r.evidence is not None else self._fallback_cites() if undecided else []
            return _join(self.tpl.t("oos_one"), *cites, self._numbers(r))
        lines = [self.tpl.t("oos_many"), *self._outside_lines(outside)]
        if undecided:
            lines.append(_join(*self._fallback_cites()))
        return "\n".join(line for line in lines if line)

    def _outside_lines(self, outside: list[RequestVerdict]) -> list[str]:
        """One line per deciding clause: the requests it decides, named in a few words, then the clause."""
        groups: dict[object, list[RequestVerdict]] = {}
        for r in outside:
            groups.setdefault(key(r.evidence) if r.evidence is not None else id(r), []).append(r)
        lines = []
        for group in groups.values():
            names = ", ".join(self._quote(phrase(r.text, self.language)) for r in group)
            reason = _join(
                self.cite(group[0].evidence) if group[0].evidence is not None else "",
                *(self._numbers(r) for r in group),
            )
            lines.append(self.tpl.t("oos_item", request=names, reason=reason) if reason else f"- {names}")
        return lines

    def _fallback_cites(self) -> list[str]:
        """No verdict names its clause: the best exclusion (else call note, else clause) retrieval
        found, and a call note the engine cited or retrieval ranked high."""
        ev = self.ranked
        primary = (
            first(ev.evidence, lambda e: e.excluded)
            or first(ev.evidence, lambda e: e.kind == "call_notes")
            or first(ev.evidence)
        )
        if primary is None:
            return []
        cites = [self.cite(primary)]
        note = first(
            ev.evidence,
            lambda e: e.kind == "call_notes" and key(e) not in self.used and (ev.cited(e) or key(e) in ev.top),
        )
        if note is not None:
            cites.append(self.cite(note, also=True))
        return cites

    def _numbers(self, r: RequestVerdict) -> str:
        """ "The agreement includes 2 revision rounds; this would be the 3rd." when the verdict has them."""
        allowed, requested, used = (" ".join(v.split()) for v in (r.allowed, r.requested, r.used))
        used = _leading_number(used)  # "2 used" -> "2": the template says "used" in its language
        if not allowed:
            return ""
        if requested and used:
            return self.tpl.t("numbers_used", allowed=allowed, used=used, requested=requested)
        if requested:
            return self.tpl.t("numbers", allowed=allowed, requested=requested)
        return self.tpl.t("numbers_allowed", allowed=allowed)

    def _options(self) -> str:
        t = self.tpl.t
        return "\n".join((t("options_intro"), t("option_a"), t("option_b"), t("options_ask")))

    def _outline(self, outside: list[RequestVerdict]) -> str:
        """The change-request outline, when the documents have a price or a change-request clause."""
        prices = self._prices(outside)
        terms = first(self.ranked.commercial, change_request_terms)
        if not prices and terms is None:
            return ""
        t = self.tpl.t
        if len(outside) == 1:
            work = t("cr_work", request=self._quote(phrase(outside[0].text, self.language)))
        else:
            work = t("cr_work_above") if outside else t("cr_work_blank")
        lines = [t("cr_heading"), work]
        lines += [self._quoted_price("cr_item" if p.item else "cr_rate", p) for p in prices]
        if not prices:
            lines.append(self._quoted_price("cr_terms", Price.whole(terms)))
        if any(p.item for p in prices):
            lines.append(t("cr_estimate_items"))
        if not prices or not all(p.item for p in prices):  # hours for what has no item price
            lines.append(t("cr_estimate"))
        return "\n".join(lines)

    def _prices(self, outside: list[RequestVerdict]) -> list[Price]:
        """The price that fits each request, each stated once: per item where the agreement prices
        that item, else the hourly rate."""
        sources = self._price_sources(outside)
        found: dict[tuple[tuple[str, str], int], Price] = {}
        for r in outside or [None]:
            price = price_for(sources, self._wanted(r) if r is not None else [])
            if price is not None:
                found.setdefault((key(price.source), price.start), price)
        return list(found.values())

    def _price_sources(self, outside: list[RequestVerdict]) -> list[Quotable]:
        """Where prices are stated: the commercial clauses, the retrieved evidence, and the clauses
        that decided the requests (an included limit often states the price of going beyond it)."""
        sources: list[Quotable] = [*self.ranked.commercial, *self.ranked.evidence]
        seen = {key(e) for e in sources}
        for r in outside:
            if r.evidence is not None and key(r.evidence) not in seen:
                seen.add(key(r.evidence))
                sources.append(r.evidence)
        return sources

    @staticmethod
    def _wanted(r: RequestVerdict) -> list[tuple[int, str]]:
        """What the request is about: its own numbers weigh most, then its words, then its clause.
        Only more of an included deliverable is priced per item: "€180 per additional article"
        does not price translating the articles, nor a request nobody judged."""
        if r.verdict != "beyond_limit":
            return []
        wanted = [(3, f"{r.requested} {r.allowed} {r.used}"), (2, r.text)]
        return wanted + ([(1, r.evidence.text)] if r.evidence is not None else [])

    def _quoted_price(self, kind: str, price: Price) -> str:
        """The price line: the sentence of its clause that states the price (a clause may price
        several things, or have been quoted above for another reason)."""
        title = price.source.title.strip() or self.tpl.text["our_agreement"]
        text = _excerpt(price.source.text, price.start, price.end)
        self.used.add(key(price.source))
        return self.tpl.t(kind, title=title, quote=self._quote(clip(text, MAX_QUOTE_CHARS)))

    # -- red flags ------------------------------------------------------------------------

    def red_flag(self) -> list[str]:
        paragraphs = [self.tpl.t("thanks")]
        for category in (c for c in FLAG_ORDER if c in self.result.red_flags):
            clause = clause_for(category, self.ranked, self.used)
            cite = self.cite(clause) if clause is not None else ""
            paragraphs.append(_join(self.tpl.flags[category]["lead"], cite, self.tpl.flags[category]["ask"]))
            if category == "discount_pressure":  # free changes expected: the same two options
                paragraphs.append(self._options())
        return paragraphs


def _leading_number(value: str) -> str:
    m = re.match(r"\d+(?:[.,]\d+)?", value)
    return m.group() if m else value


def _heading(e: Quotable) -> str:
    """The clause's own heading ("3. Not included"), "" when the section is the document itself."""
    return e.section.rpartition(">")[2].strip() if ">" in e.section else ""


#: Where a clause's sentence or semicolon part ends ("kr. ekskl. moms" does not end one).
_PART_END = re.compile(r";\s+|[.!?]\s+(?=[A-ZÀ-ÞĀ-Ž\u0e00-\u0e7f]|\d)")


def _excerpt(text: str, start: int, end: int) -> str:
    """The sentence (or semicolon part) of ``text`` holding ``start``..``end``, "…" where it was cut."""
    bounds = [m.end() for m in _PART_END.finditer(text)]
    left = max((b for b in bounds if b <= start), default=0)
    right = min((b for b in bounds if b > end), default=len(text))
    part = text[left:right].strip()
    if right < len(text):
        part = part.rstrip(";,: ") + " …"
    return ("… " if left else "") + part
