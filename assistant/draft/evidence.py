"""Which clause of the client's documents a draft quotes, and why that one.

The context brings the clauses and call notes retrieval found for the message, plus the
commercial clauses (rates, change requests, payment terms). A draft quotes each at most
once and only where it decides something: the engine's own citations first, then the
retrieval ranking; for a red-flag paragraph, the clause about that topic (payment terms
for a late payment, the agreed approver for conflicting instructions, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from assistant.label.schema import CATEGORIES, TriageResult

if TYPE_CHECKING:  # pragma: no cover
    from assistant.label.engine import TriageContext
    from assistant.retrieve import Evidence

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
