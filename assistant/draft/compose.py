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
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from assistant.draft.language import clean_text, detect_language
from assistant.label.schema import CATEGORIES, DraftReply, TriageResult
from assistant.mailout import reply_subject

if TYPE_CHECKING:  # pragma: no cover
    from assistant.label.engine import TriageContext
    from assistant.retrieve import Evidence

FALLBACK_LANGUAGE = "en"
MAX_QUOTE_CHARS = 220
MAX_REQUEST_CHARS = 120

# -- templates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    code: str
    text: dict[str, str]
    flags: dict[str, dict[str, str]]
    quote_format: str
    date_format: str
    months: tuple[str, ...]

    def t(self, key: str, **values: str) -> str:
        return self.text[key].format(**values)

    def quote(self, text: str) -> str:
        return self.quote_format.format(text=text)

    def date(self, value: str) -> str:
        """An ISO date (YYYY-MM-DD) written the local way; anything else as it is."""
        m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value or "")
        if not m:
            return (value or "").strip()
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return value.strip()
        return self.date_format.format(day=d.day, month=self.months[d.month - 1], year=d.year)


def _templates_dir():  # importlib.resources Traversable
    return resources.files("assistant.draft").joinpath("templates")


@cache
def available_languages() -> tuple[str, ...]:
    """ISO 639-1 codes of the languages with a template file."""
    return tuple(sorted(p.name[: -len(".toml")] for p in _templates_dir().iterdir() if p.name.endswith(".toml")))


@cache
def load_template(code: str) -> Template:
    data = tomllib.loads(_templates_dir().joinpath(f"{code}.toml").read_text(encoding="utf-8"))
    meta = data["meta"]
    return Template(
        code=meta["code"],
        text=dict(data["text"]),
        flags={k: dict(v) for k, v in data["flags"].items()},
        quote_format=meta["quote"],
        date_format=meta["date"],
        months=tuple(meta["months"]),
    )


def template_for(language: str) -> Template:
    """The template in ``language``, or the English one when there is none."""
    code = "no" if language in ("nb", "nn") else language
    return load_template(code if code in available_languages() else FALLBACK_LANGUAGE)


# -- names --------------------------------------------------------------------------------

_HONORIFICS = frozenset(
    "khun mr mrs ms miss dr prof herr frau hr fr mme mlle m sr sra srta dhr mevr fru".split()
)


def person_name(raw: str) -> tuple[str, str]:
    """(first name, full name) from a display name; ("", "") when it isn't a usable name."""
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>", " ", raw or "").strip().strip("\"'")
    if not name or "@" in name or not re.search(r"[^\W\d_]", name):
        return "", ""
    if name.count(",") == 1:  # "Holm, Mette"
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    words = name.split()
    while words and words[0].lower().rstrip(".") in _HONORIFICS:
        words.pop(0)
    if words and words[0].startswith("คุณ") and len(words[0]) > 3:  # Thai "คุณพิม"
        words[0] = words[0][3:]
    elif words and words[0] == "คุณ":
        words.pop(0)
    if not words:
        return "", ""
    words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in words]
    return words[0], " ".join(words)


def manager_first_name(account_manager: str) -> str:
    """"anna.lindqvist@agency.example" -> "Anna"; a plain name -> its first word."""
    value = (account_manager or "").strip()
    if "@" in value:
        token = re.split(r"[._+\-]", value.partition("@")[0])[0]
        return token.capitalize() if len(token) > 1 and token.isalpha() else ""
    return person_name(value)[0]


# -- evidence -----------------------------------------------------------------------------

_PAYMENT = re.compile(
    r"invoic|payment|\bpaid\b|\bpay\b|\bdue\b|\bnet \d|faktur|betal|forfald|förfall|rechnung|zahl|fällig"
    r"|ชำระ|ใบแจ้งหนี้|วางบิล|factuur|facture|paiement|factura|pago",
    re.IGNORECASE,
)
_PAYMENT_TERMS = re.compile(
    r"\bdue\b|\bnet\s*\d|within \d+ days|advance|netto|betalingsfrist|forud|förskott|i förväg|im voraus|vorab"
    r"|zahlungsziel|innerhalb von \d+|ล่วงหน้า|ภายใน|vooraf|à l'avance|por adelantado|\d+ dage|\d+ dagar|\d+ tage",
    re.IGNORECASE,
)
_NOT_CONTINGENT = re.compile(
    r"contingent|not tied|regardless|irrespective|uafhængig|oavsett|oberoende|uavhengig|unabhängig"
    r"|ไม่ขึ้นอยู่|ไม่ผูกกับ|ongeacht|indépendamment|independientemente",
    re.IGNORECASE,
)
_PAUSE = re.compile(r"paus|suspend|interest|\brente|ränta|zinsen|ระงับ|หยุด|intérêts|intereses", re.IGNORECASE)
_RATE = re.compile(
    r"(?:per|pr\.?|pro|a|à|por|/)\s*(?:hour|hr|time|timme|timmen|stunde|std\.?|h|uur|heure|hora)\b|hourly"
    r"|timepris|timpris|stundensatz|stundenpreis|uurtarief|taux horaire|tarifa por hora|ต่อชั่วโมง|ชั่วโมงละ|รายชั่วโมง",
    re.IGNORECASE,
)
_CHANGE_REQUEST = re.compile(
    r"change request|change order|ændringsanmodning|ændringsønske|ändringsbegäran|ändringsförfrågan"
    r"|endringsforespørsel|endringsanmodning|änderungsantrag|änderungsanfrage|wijzigingsverzoek"
    r"|demande de modification|solicitud de cambio|คำขอเปลี่ยนแปลง",
    re.IGNORECASE,
)
#: What a clause must mention (in its text or its own heading) to back each red-flag paragraph.
_CATEGORY_CLAUSE: dict[str, re.Pattern[str]] = {
    "late_payment": _PAYMENT,
    "prepayment_refusal": _PAYMENT,
    "unclear_goals": re.compile(
        r"goal|objective|target|\bkpi|success metric|\bmål|formål|ziel|เป้าหมาย|วัตถุประสงค์|\bdoel|objectif|objetivo",
        re.IGNORECASE,
    ),
    "conflicting_stakeholders": re.compile(
        r"approv|approver|decision|sign[- ]?off|godkend|godkänn|godkjen|beslut|genehmig|freigab|freigeb|entscheid"
        r"|อนุมัติ|ตัดสินใจ|goedkeur|beslis|approuv|valid|aprob|decisi",
        re.IGNORECASE,
    ),
    "misleading_claims": re.compile(
        r"claim|untrue|unsubstantiated|mislead|\bfalse|påstand|påstående|vildledende|usand|udokumenter|irreführ"
        r"|behauptung|aussage|heilversprechen|อ้าง|เท็จ|เกินจริง|bewering|misleid|allégation|trompeu|afirmaci|engañ",
        re.IGNORECASE,
    ),
    "outdated_methods": re.compile(
        r"link|keyword|spam|guideline|doorway|retningslinj|riktlinj|richtlinie|ลิงก์|คีย์เวิร์ด|richtlijn|consigne|directri",
        re.IGNORECASE,
    ),
    "discount_pressure": re.compile(
        r"\bfee\b|retainer|honorar|arvode|vergütung|pauschale|ค่าบริการ|ค่าธรรมเนียม|honoraires|honorarios|tarief",
        re.IGNORECASE,
    ),
}
#: Red-flag paragraphs in this order: what must not be done first, then money, then the relationship.
_FLAG_ORDER = (
    "misleading_claims",
    "outdated_methods",
    "late_payment",
    "prepayment_refusal",
    "discount_pressure",
    "conflicting_stakeholders",
    "unclear_goals",
)
assert set(_FLAG_ORDER) == set(CATEGORIES)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _key(e: Evidence) -> tuple[str, str]:
    return (e.document, _norm(e.text))


class _Evidence:
    """The context's evidence, best first: what the engine cited, then by retrieval score."""

    def __init__(self, ctx: TriageContext, result: TriageResult) -> None:
        self._cited = [_norm(r.text) for r in result.evidence if r.text.strip()]
        self.evidence = self._rank(ctx.evidence)
        self.commercial = self._rank(ctx.commercial)
        self.all = self._rank([*ctx.evidence, *ctx.commercial])
        self.top = {_key(e) for e in sorted(self.evidence, key=lambda e: -e.score)[:3]}

    def cited(self, e: Evidence) -> bool:
        t = _norm(e.text)
        return any(c == t or (min(len(c), len(t)) >= 20 and (c in t or t in c)) for c in self._cited)

    def _rank(self, items: Iterable[Evidence]) -> list[Evidence]:
        seen: set[tuple[str, str]] = set()
        unique = []
        for e in items:
            key = _key(e)
            if key not in seen and e.text.strip() and not _front_matter(e):
                seen.add(key)
                unique.append(e)
        return sorted(unique, key=lambda e: (not self.cited(e), -e.score))


def _front_matter(e: Evidence) -> bool:
    """A "Key: value" line at the top of a document (attendees, format, dates): not a clause."""
    return ">" not in e.section and len(e.text) < 160 and re.match(r"[^:\n]{1,40}:\s", e.text) is not None


def _first(items: Iterable[Evidence], pred: Callable[[Evidence], bool] = lambda e: True) -> Evidence | None:
    return next((e for e in items if pred(e)), None)


def _heading(e: Evidence) -> str:
    return e.section.rpartition(">")[2]


def _clause_for(category: str, ev: _Evidence, used: set[tuple[str, str]]) -> Evidence | None:
    pattern = _CATEGORY_CLAUSE[category]
    text_only = category in ("late_payment", "prepayment_refusal")
    found = [
        e
        for e in ev.all
        if _key(e) not in used and pattern.search(e.text if text_only else f"{_heading(e)} {e.text}")
    ]
    # stable sorts, so the evidence ranking decides within each preference; the agreement
    # itself (scope documents) before call notes
    if category == "late_payment":
        found.sort(key=lambda e: (not _PAYMENT_TERMS.search(e.text), bool(_PAUSE.search(e.text))))
    elif category == "prepayment_refusal":
        found.sort(
            key=lambda e: (not _NOT_CONTINGENT.search(e.text), not _PAYMENT_TERMS.search(e.text), bool(_PAUSE.search(e.text)))
        )
    elif category in ("misleading_claims", "outdated_methods"):
        found.sort(key=lambda e: not e.excluded)
    found.sort(key=lambda e: e.kind == "call_notes")
    return found[0] if found else None


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
