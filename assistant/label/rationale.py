"""The rationale: why a message got its label, in plain sentences (the sentences are data,
``rationale.toml``). One short sentence for the label, then one per request (the first few)
naming what decided it."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from assistant.label.schema import OUTSIDE_VERDICTS, RequestVerdict

#: Requests the rationale names; the rest are on the review page and in ``drafts show``.
MAX_REQUESTS = 3
REQUEST_CHARS = 70
QUOTE_CHARS = 110


@cache
def _sentences() -> dict[str, dict[str, str]]:
    text = resources.files("assistant.label").joinpath("rationale.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",;:.-–— ") + "…"


def _quote(text: str, limit: int) -> str:
    return f"\u201c{_clip(text, limit)}\u201d"


def _source(v: RequestVerdict, quoted: set[tuple[str, str]]) -> str:
    """The deciding record, quoted with where it is from; "the same clause" when quoted before."""
    e = v.evidence
    if e is None or not e.text.strip():
        return ""
    parts = _sentences()["parts"]
    key = (e.document, " ".join(e.text.split()))
    if key in quoted:
        return parts["source_again_call" if e.kind == "call_notes" else "source_again"]
    quoted.add(key)
    quote = _quote(e.text, QUOTE_CHARS)
    if e.kind == "call_notes":
        return parts["source_call" if e.date else "source_call_nodate"].format(date=e.date, quote=quote)
    where = ", ".join(x for x in (e.title or e.document, e.date) if x)
    return parts["source_clause"].format(quote=quote, where=where) if where else quote


def _request_sentence(v: RequestVerdict, quoted: set[tuple[str, str]]) -> str:
    source = _source(v, quoted)
    verdicts = _sentences()["verdict"]
    sentence = verdicts[v.verdict if source else f"{v.verdict}_nosource"].format(
        request=_quote(_clip(v.text, REQUEST_CHARS).rstrip(".?!"), REQUEST_CHARS + 1), source=source
    )
    sentence = re.sub(r"([.!?…]”)\.$", r"\1", sentence)  # no second full stop after a quote
    requested, allowed = (" ".join(x.split()) for x in (v.requested, v.allowed))
    if requested and allowed:
        sentence += " " + _sentences()["parts"]["numbers"].format(requested=requested, allowed=allowed)
    return sentence


def _flags(flags: Sequence[str]) -> str:
    words = [f.replace("_", " ") for f in flags] or [""]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def rationale(label: str, flags: Sequence[str], requests: Sequence[RequestVerdict]) -> str:
    """Why ``label``: one sentence for the label, one per request (at most :data:`MAX_REQUESTS`)."""
    labels = _sentences()["label"]
    if label == "in_scope":
        lead = labels["in_scope" if requests else "in_scope_routine"]
    else:
        lead = labels[label].format(flags=_flags(flags))
    asked = [r for r in requests if r.text.strip()][:MAX_REQUESTS]
    quoted: set[tuple[str, str]] = set()
    return " ".join([lead, *(_request_sentence(r, quoted) for r in asked)])


def corrected(actor: str, reason: str) -> str:
    """The sentence a relabel adds: who relabelled it, and why."""
    reason = " ".join(reason.split()).rstrip(".")
    return _sentences()["parts"]["corrected"].format(actor=actor, reason=reason) + "."


def relabelled_requests(label: str, requests: Sequence[Any]) -> list[RequestVerdict]:
    """The requests as a person's relabel leaves them: the person decided what the documents
    did not. Relabelled in scope, a request the engine put outside is part of the agreed work;
    relabelled out of scope with no request outside, the engine's verdicts no longer decide it
    (``unclear``, without their clause). A red flag keeps the verdicts."""
    items = [RequestVerdict.model_validate({"text": r} if isinstance(r, str) else r) for r in requests]
    if label == "in_scope":
        return [
            r.model_copy(update={"verdict": "covered", "evidence": None}) if r.verdict in OUTSIDE_VERDICTS else r
            for r in items
        ]
    if label == "out_of_scope" and not any(r.verdict in OUTSIDE_VERDICTS for r in items):
        return [r.model_copy(update={"verdict": "unclear", "evidence": None}) for r in items]
    return items
