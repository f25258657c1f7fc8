"""The figures an evaluation reports, from gold and predicted labels.

Besides macro-F1, the ones that hurt an account manager: pushing back on agreed work
(``false_pushback``), missing a payment warning, and out-of-scope precision at the base
rates of a real inbox, where most mail is routine (``REALISTIC_MIX``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.label.schema import CATEGORIES, LABELS

#: A real inbox: mostly routine mail. Precision is re-weighted to this mix, because a
#: dataset written with a third of each label flatters out-of-scope precision.
REALISTIC_MIX = {"in_scope": 0.70, "out_of_scope": 0.20, "red_flag": 0.10}
PAYMENT_CATEGORIES = ("late_payment", "prepayment_refusal")
#: Verdicts that make a request something the agency pushes back on.
OUTSIDE = {"excluded", "beyond_limit", "not_covered"}
CALIBRATION_BINS = 10


def classification_metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    per_label = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    present = [lab for lab in LABELS if per_label[lab]["support"]]
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4),
        "macro_f1": round(sum(per_label[lab]["f1"] for lab in present) / max(len(present), 1), 4),
        "per_label": per_label,
        "confusion": {g: {p: sum(a == g and b == p for a, b in zip(gold, pred)) for p in LABELS} for g in LABELS},
    }


def category_recall(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> float:
    pairs = [(set(g), set(p)) for g, p in zip(gold, pred)]
    total = sum(len(g) for g, _ in pairs)
    return round(sum(len(g & p) for g, p in pairs) / total, 4) if total else 0.0


def category_recall_by_category(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]
) -> dict[str, dict[str, float]]:
    out = {}
    for cat in CATEGORIES:
        support = sum(cat in g for g in gold)
        hits = sum(cat in g and cat in p for g, p in zip(gold, pred))
        out[cat] = {"recall": round(hits / support, 4) if support else 0.0, "support": support}
    return out


def harm_metrics(
    gold: Sequence[str], pred: Sequence[str], gold_flags: Sequence[Sequence[str]], pred_flags: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """False pushback, missed payment warnings and out-of-scope figures at a realistic mix."""
    in_scope = [p for g, p in zip(gold, pred) if g == "in_scope"]
    payment = [
        (set(gf), set(pf), p) for gf, pf, p in zip(gold_flags, pred_flags, pred) if set(gf) & set(PAYMENT_CATEGORIES)
    ]
    return {
        "false_pushback": _ratio(sum(p != "in_scope" for p in in_scope), len(in_scope)),
        "false_pushback_cases": {"of": len(in_scope), "pushed_back": sum(p != "in_scope" for p in in_scope)},
        "missed_payment_warnings": _ratio(sum(p != "red_flag" or not (gf & pf) for gf, pf, p in payment), len(payment)),
        "missed_payment_warnings_cases": {
            "of": len(payment),
            "missed": sum(p != "red_flag" or not (gf & pf) for gf, pf, p in payment),
        },
        "out_of_scope_recall": _ratio(
            sum(g == p == "out_of_scope" for g, p in zip(gold, pred)), sum(g == "out_of_scope" for g in gold)
        ),
        "out_of_scope_precision_realistic": reweighted_precision(gold, pred, "out_of_scope"),
        "realistic_mix": REALISTIC_MIX,
    }


def reweighted_precision(
    gold: Sequence[str], pred: Sequence[str], label: str, mix: dict[str, float] = REALISTIC_MIX
) -> float | None:
    """Precision of ``label`` had the dataset come in ``mix``'s proportions (:func:`_mix_weights`)."""
    weight = _mix_weights(gold, mix)
    tp = sum(weight[g] for g, p in zip(gold, pred) if p == label == g)
    predicted = sum(weight[g] for g, p in zip(gold, pred) if p == label)
    return round(tp / predicted, 4) if predicted else None


def reweighted_macro_f1(gold: Sequence[str], pred: Sequence[str], mix: dict[str, float] = REALISTIC_MIX) -> float:
    """Macro-F1 over the three labels had the dataset come in ``mix``'s proportions."""
    weight = _mix_weights(gold, mix)
    f1 = []
    for label in LABELS:
        tp = sum(weight[g] for g, p in zip(gold, pred) if g == p == label)
        fp = sum(weight[g] for g, p in zip(gold, pred) if p == label != g)
        fn = sum(weight[g] for g, p in zip(gold, pred) if g == label != p)
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(f1) / len(f1), 4)


def _mix_weights(gold: Sequence[str], mix: dict[str, float]) -> dict[str, float]:
    """Per gold class, (its share in ``mix``) / (its share in the dataset): each case counts as
    if the dataset had come in ``mix``'s proportions."""
    n = len(gold)
    shares = {g: sum(x == g for x in gold) / n for g in set(gold)} if n else {}
    return {g: mix.get(g, 0.0) / s for g, s in shares.items() if s}


def calibration(confidences: Sequence[float], correct: Sequence[bool], bins: int = CALIBRATION_BINS) -> dict[str, Any]:
    """A reliability table (per confidence bin: cases, mean confidence, accuracy) and the
    expected calibration error (the bins' |accuracy − confidence|, weighted by their size)."""
    table = []
    n = len(confidences)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidences) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not idx:
            continue
        conf = sum(confidences[i] for i in idx) / len(idx)
        acc = sum(bool(correct[i]) for i in idx) / len(idx)
        ece += len(idx) / n * abs(acc - conf)
        table.append(
            {"bin": f"{lo:.1f}–{hi:.1f}", "cases": len(idx), "confidence": round(conf, 3), "accuracy": round(acc, 3)}
        )
    return {"ece": round(ece, 4) if n else None, "table": table}


def request_metrics(
    gold: Sequence[Sequence[dict[str, Any]] | None], pred: Sequence[Sequence[dict[str, Any]]]
) -> dict[str, Any] | None:
    """Per-request figures, over the cases whose gold data lists its requests.

    A gold request is found when a predicted request shares most of its words (see
    :func:`_overlap`); its verdict is then compared exactly and as the in/out call that
    decides the label (covered vs excluded/beyond_limit/not_covered)."""
    annotated = [(g, p) for g, p in zip(gold, pred) if g is not None]
    if not annotated:
        return None
    found = exact = side = total = 0
    no_request_cases = no_request_right = 0
    for g, p in annotated:
        if not g:
            no_request_cases += 1
            no_request_right += not [r for r in p if r.get("verdict") in OUTSIDE]
        for i, req in enumerate(g):
            total += 1
            match = _match(req, i, len(g), p)
            if match is None:
                continue
            found += 1
            exact += match.get("verdict") == req.get("verdict")
            side += (match.get("verdict") in OUTSIDE) == (req.get("verdict") in OUTSIDE)
    return {
        "cases": len(annotated),
        "requests": total,
        "found": _ratio(found, total),
        "verdict_accuracy": _ratio(exact, found),
        "in_out_accuracy": _ratio(side, found),
        "no_request_cases": no_request_cases,
        "no_request_nothing_pushed_back": _ratio(no_request_right, no_request_cases),
    }


def _match(
    req: dict[str, Any], position: int, gold_count: int, pred: Sequence[dict[str, Any]]
) -> dict[str, Any] | None:
    """The predicted request that shares most of the gold one's text; failing that (a gold
    paraphrase in another language), the one in the same position when both lists are the
    same length."""
    best = max(pred, key=lambda r: _overlap(req.get("text", ""), r.get("text", "")), default=None)
    if best is not None and _overlap(req.get("text", ""), best.get("text", "")) >= 0.3:
        return best
    return pred[position] if len(pred) == gold_count else None


_WORD = re.compile(r"\w+", re.UNICODE)


def _overlap(a: str, b: str) -> float:
    """Share of the gold request's character trigrams found in the predicted one (works for
    Thai, which has no spaces, as for paraphrases with a few words changed)."""
    ga, gb = _trigrams(a), _trigrams(b)
    return len(ga & gb) / len(ga) if ga else 0.0


def _trigrams(text: str) -> set[str]:
    flat = " ".join(_WORD.findall(text.lower()))
    return {flat[i : i + 3] for i in range(max(len(flat) - 2, 0))}


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None
