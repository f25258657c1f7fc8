"""Which clause of the client's documents a draft quotes, and why that one.

The context brings the clauses and call notes retrieval found for the message, plus the
commercial clauses (rates, change requests, payment terms). A draft quotes each at most
once and only where it decides something: the clause behind a request's verdict; for a
red-flag paragraph, the clause about that topic (payment terms for a late payment, the
agreed approver for conflicting instructions, ...); in the change-request outline, the
price that fits the request. What a clause is about is read from per-language word
tables (``assistant/knowledge/lexicon/clauses.toml`` and ``prices.toml``, read by
``assistant.knowledge.facts``), so a new language is data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from assistant.knowledge.facts import clause_pattern, price_pattern, table, union
from assistant.label.schema import CATEGORIES, TriageResult
from assistant.retrieve.search import EvidenceRef

if TYPE_CHECKING:  # pragma: no cover
    from assistant.label.engine import TriageContext
    from assistant.retrieve import Evidence


#: A clause or call note as the draft quotes it: a result's EvidenceRef, or retrieval's
#: Evidence (an EvidenceRef with a score).
Quotable = EvidenceRef


#: Red-flag paragraphs in this order: what must not be done first, then money, then the relationship.
FLAG_ORDER = (
    "misleading_claims",
    "outdated_methods",
    "late_payment",
    "prepayment_refusal",
    "discount_pressure",
    "conflicting_stakeholders",
    "unclear_goals",
)
assert set(FLAG_ORDER) == set(CATEGORIES)


# -- word tables ------------------------------------------------------------------------------


# -- ranking ----------------------------------------------------------------------------------


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def key(e: Quotable) -> tuple[str, str]:
    """Two quotes of one clause have the same key (the draft quotes each clause once)."""
    return (e.document, norm(e.text))


class Ranked:
    """The context's evidence, best first: what the engine cited, then by retrieval score."""

    def __init__(self, ctx: TriageContext, result: TriageResult) -> None:
        self._cited = [norm(r.text) for r in result.evidence if r.text.strip()]
        self.evidence = self._rank(ctx.evidence)
        self.commercial = self._rank(ctx.commercial)
        self.all = self._rank([*ctx.evidence, *ctx.commercial])
        self.top = {key(e) for e in sorted(self.evidence, key=lambda e: -e.score)[:3]}

    def cited(self, e: Evidence) -> bool:
        t = norm(e.text)
        return any(c == t or (min(len(c), len(t)) >= 20 and (c in t or t in c)) for c in self._cited)

    def _rank(self, items: Iterable[Evidence]) -> list[Evidence]:
        seen: set[tuple[str, str]] = set()
        unique = []
        for e in items:
            k = key(e)
            if k not in seen and e.text.strip() and not front_matter(e):
                seen.add(k)
                unique.append(e)
        return sorted(unique, key=lambda e: (not self.cited(e), -e.score))


_KEY = re.compile(r"(?:^|\s)[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}:\s")


def front_matter(e: Quotable) -> bool:
    """A "Key: value" line at the top of a document (attendees, format, dates): not a clause.
    A call note's header run together ("Date: ... Attendees: ...") counts too."""
    if re.match(r"[^:\n]{1,40}:\s", e.text) is None:
        return False
    if ">" not in e.section and len(e.text) < 160:
        return True
    return e.kind == "call_notes" and len(_KEY.findall(e.text[:240])) >= 2


def first(items: Iterable[Evidence], pred: Callable[[Evidence], bool] = lambda e: True) -> Evidence | None:
    return next((e for e in items if pred(e)), None)


def _heading(e: Quotable) -> str:
    return e.section.rpartition(">")[2]


def clause_for(category: str, ranked: Ranked, used: set[tuple[str, str]]) -> Evidence | None:
    """The clause that backs the paragraph for a red-flag ``category``, not one already quoted."""
    text_only = category in ("late_payment", "prepayment_refusal")  # a payment heading alone says nothing
    pattern = clause_pattern("payment" if text_only else f"topic.{category}")
    found = [
        e
        for e in ranked.all
        if key(e) not in used and pattern.search(e.text if text_only else f"{_heading(e)} {e.text}")
    ]
    terms, pause = clause_pattern("payment_terms"), clause_pattern("pause")
    # stable sorts, so the evidence ranking decides within each preference; the agreement
    # itself (scope documents) before call notes
    if category == "late_payment":
        found.sort(key=lambda e: (not terms.search(e.text), bool(pause.search(e.text))))
    elif category == "prepayment_refusal":
        contingent = clause_pattern("not_contingent")
        found.sort(key=lambda e: (not contingent.search(e.text), not terms.search(e.text), bool(pause.search(e.text))))
    elif category in ("misleading_claims", "outdated_methods"):
        found.sort(key=lambda e: not e.excluded)
    found.sort(key=lambda e: e.kind == "call_notes")
    return found[0] if found else None


_CLAUSE_NUMBER = re.compile(r"^\s*(?:§\s*)?\d+(?:\.\d+)*\.?\s+")


def informative(e: Quotable) -> bool:
    """The clause states a figure or a frequency, so it can answer "when", "how often", "how many"."""
    text = _CLAUSE_NUMBER.sub("", e.text)
    return bool(re.search(r"\d", text) or clause_pattern("cadence").search(text))


def change_request_terms(e: Quotable) -> bool:
    return bool(clause_pattern("change_request").search(e.text))


# -- prices -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Price:
    """A price stated in a clause: per ``item`` (its noun, as the clause writes it), or hourly
    (``item`` is "")."""

    source: Quotable
    item: str
    start: int
    end: int

    @classmethod
    def whole(cls, e: Quotable) -> Price:
        """A clause whose terms apply as a whole (an hourly rate, the change-request procedure)."""
        return cls(source=e, item="", start=0, end=len(e.text))


@cache
def _amount() -> re.Pattern[str]:
    currency = "|".join(f"(?:{c})" for c in table("prices")["currency"])
    number = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
    return re.compile(rf"(?:{currency})\s?(?:{number})(?:,-)?|(?:{number})(?:,-)?\s?(?:{currency})", re.IGNORECASE)


@cache
def _after_amount() -> re.Pattern[str]:
    """What follows an amount that prices an item: tax words, then "per <item>" or "each", or the
    end of a price-list entry ("articolo aggiuntivo € 280,00; post ...")."""
    tax, per, each, filler = (union(table("prices")[n]) for n in ("tax", "per", "each", "filler"))
    return re.compile(
        rf"^\s*(?:\(?(?:{tax})\)?\s*)?(?:(?:{per})\s*(?:(?:{filler})\s+)*(?P<noun>[^\W\d_]+)"
        rf"|(?P<each>{each})(?!\w)|(?P<entry>[;.](?:\s|$)|,\s|$))",
        re.IGNORECASE,
    )


@cache
def _period() -> re.Pattern[str]:
    return re.compile(rf"(?:{union(table('prices')['periods'])})$", re.IGNORECASE)


def _named_before(text: str, start: int) -> str:
    """The item named before an amount, in the same part of the clause ("Extra articles: €180 each")."""
    pieces = [p for p in re.split(r"[.;:]\s+", text[:start]) if re.search(r"[^\W\d_]", p)]
    return _CLAUSE_NUMBER.sub("", pieces[-1]).strip(" :–-") if pieces else ""


def hourly_rate(e: Quotable) -> Price | None:
    """The hourly rate a clause states: an hourly word next to an amount ("€95 per hour",
    "Timepris: 1.100 kr.", "95/h"). A clause that only refers to "the hourly rate (5.2)" states none."""
    amounts = [(m.start(), m.end()) for m in _amount().finditer(e.text)]
    for marker in price_pattern("hourly").finditer(e.text):
        gaps = [(_gap(a, (marker.start(), marker.end())), a) for a in amounts]
        near = min((g for g in gaps if g[0] <= 40), default=None)
        bare = re.search(r"\d[\d.,]*\s*$", e.text[max(0, marker.start() - 12) : marker.start()])
        if near is not None:
            start, end = near[1]
        elif bare is not None:
            start, end = marker.start() - len(bare.group()), marker.start()
        else:
            continue
        return Price(source=e, item="", start=min(start, marker.start()), end=max(end, marker.end()))
    return None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def hourly(e: Quotable) -> bool:
    return hourly_rate(e) is not None


def item_prices(e: Quotable) -> list[Price]:
    """The prices per item in a clause ("€180 per additional article", "€90 each", a price list);
    amounts per hour, month or year are rates and fees, not item prices."""
    found = []
    fee = clause_pattern("topic.discount_pressure")
    for m in _amount().finditer(e.text):
        after = _after_amount().match(e.text[m.end() : m.end() + 80])
        if after is None:
            continue
        if after["noun"]:
            if _period().match(after["noun"]):
                continue
            item, end = after["noun"], m.end() + after.end()
        else:  # "each" or a price-list entry: the item is named before the amount
            item, end = _named_before(e.text, m.start()), m.end() + (after.end() if after["each"] else 0)
            if not item or fee.search(item):  # "Monthly fee: €4,500." is the fee, not an item
                continue
        found.append(Price(source=e, item=_CLAUSE_NUMBER.sub("", item), start=m.start(), end=end))
    return found


def _stems(text: str) -> list[str]:
    """The words of an item's name, cut to a stem that survives plurals and cases."""
    words = re.findall(r"[^\W\d_]+", text)
    filler, period = re.compile(rf"(?:{union(table('prices')['filler'])})$", re.IGNORECASE), _period()
    return [w.lower()[:5] for w in words if len(w) >= 4 and not filler.match(w) and not period.match(w)]


def _mentions(stem: str, text: str) -> bool:
    if re.match(r"[a-zà-ÿ\u0100-\u024f]", stem):
        return re.search(rf"(?<!\w){re.escape(stem)}", text, re.IGNORECASE) is not None
    return stem in text  # scripts without spaces (Thai): a plain substring


def price_for(sources: Iterable[Quotable], wanted: list[tuple[int, str]]) -> Price | None:
    """The price that fits the request: an item price whose item the request names (``wanted``:
    (weight, text) pairs, the request's own numbers weighing most), else the hourly rate."""
    sources = list(sources)
    best, best_score = None, 0
    for price in (p for e in sources for p in item_prices(e)):
        score = max((w for w, text in wanted for s in _stems(price.item) if _mentions(s, text)), default=0)
        if score > best_score:
            best, best_score = price, score
    if best is not None:
        return best
    return next((rate for e in sources if (rate := hourly_rate(e)) is not None), None)
