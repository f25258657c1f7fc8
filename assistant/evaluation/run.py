"""Run an engine over a dataset and compute the figures (JSON-ready)."""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.evaluation.dataset import Case
from assistant.evaluation.metrics import (
    calibration,
    category_recall,
    category_recall_by_category,
    classification_metrics,
    harm_metrics,
    request_metrics,
)
from assistant.evaluation.world import World, build_world
from assistant.label.engine import Engine, TriageContext
from assistant.label.schema import LABELS, Decision
from assistant.pipeline import BATCH, ContextBuilder, decide
from vectorstore import Embedder

if TYPE_CHECKING:
    from assistant.evaluation.training import FeatureSet


def contexts_for(world: World) -> Iterator[tuple[Case, TriageContext | None]]:
    """The context the pipeline builds for each case (the same builder and batches triage
    uses); None where the pipeline does not triage (auto-reply, bounce, unknown sender)."""
    contexts = ContextBuilder(world.store, world.vectors)
    for start in range(0, len(world.cases), BATCH):
        cases = world.cases[start : start + BATCH]
        todo = []
        for case in cases:
            m = world.messages[case.id]
            client = contexts.client_of(m)
            if not (m.is_auto_reply or m.is_bounce or client is None):
                todo.append((case.id, m, client))
        built = dict(zip([cid for cid, *_ in todo], contexts.build_many([(m, c) for _, m, c in todo])))
        for case in cases:
            yield case, built.get(case.id)


def evaluate(
    directory: Path,
    engine: Engine,
    embedder: Embedder,
    *,
    concurrency: int = 1,
    loco: bool = False,
    baselines: bool = False,
    train_with: list[Path] | None = None,
) -> dict[str, Any]:
    """Everything ``assistant eval`` writes, for one dataset and one engine.

    ``train_with``: other datasets whose clients the leave-one-client-out models and the
    TF-IDF baseline also train on (the shipped model's training corpus), so that both
    measure the recipe the shipped model was built with."""
    extra = None
    if (loco or baselines) and train_with:
        from assistant.evaluation.training import dataset_features

        extra = dataset_features(train_with, embedder)
    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as tmp:
        world = build_world(directory, embedder, Path(tmp))
        try:
            pairs = list(contexts_for(world))
            decisions, latencies = _decide_all(engine, [ctx for _, ctx in pairs], concurrency)
            report = _report(world, pairs, decisions, latencies, engine)
            seen = _in_training_data(engine, pairs)
            if seen is not None:
                report["in_training_data"] = seen
            if loco:
                report["leave_one_client_out"] = _loco(pairs, extra)
            if baselines:
                report["baselines"] = _baselines(pairs, report, extra)
            if extra is not None:
                report["also_trained_on"] = {
                    "datasets": [str(d) for d in train_with or []],
                    "cases": len(extra.y),
                    "clients": len(set(extra.clients)),
                }
        finally:
            world.store.close()
    return report


def _in_training_data(engine: Engine, pairs: list[tuple[Case, TriageContext | None]]) -> dict[str, int] | None:
    """How many of the triaged messages the engine's trained model has seen (None: not a
    trained model): on those, the figures are in-sample."""
    from assistant.label.offline import OfflineModel, message_text

    model = getattr(engine, "model", None)
    if not isinstance(model, OfflineModel):
        return None
    contexts = [ctx for _, ctx in pairs if ctx is not None]
    return {"messages": sum(model.trained_on(message_text(ctx)) for ctx in contexts), "of": len(contexts)}


def _decide_all(
    engine: Engine, contexts: list[TriageContext | None], concurrency: int
) -> tuple[list[Decision | None], list[float]]:
    def timed(ctx: TriageContext | None) -> tuple[Decision | None, float]:
        if ctx is None:
            return None, 0.0
        start = time.perf_counter()
        decision = decide(engine, ctx)
        return decision, (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        out = list(pool.map(timed, contexts))
    return [d for d, _ in out], [ms for (d, ms) in out if d is not None]


def _predicted(decision: Decision | None) -> tuple[str, list[str]]:
    """What the product does: a message it does not triage gets no label → no action (in_scope)."""
    if decision is None:
        return "in_scope", []
    return decision.result.label, list(decision.result.red_flags)


def _report(
    world: World,
    pairs: list[tuple[Case, TriageContext | None]],
    decisions: list[Decision | None],
    latencies: list[float],
    engine: Engine,
) -> dict[str, Any]:
    from assistant.draft import detect_language, draft_language, offers_both_options, promises_free_work

    gold = [c.label for c, _ in pairs]
    pred = [_predicted(d)[0] for d in decisions]
    results = []
    draft_checks: dict[str, list[bool]] = {
        k: [] for k in ("present", "language_match", "threaded", "cites", "both_options", "no_free_work")
    }
    for (case, _ctx), decision in zip(pairs, decisions):
        m = world.messages[case.id]
        label, flags = _predicted(decision)
        draft = decision.draft if decision else None
        needs = case.label in ("out_of_scope", "red_flag") and not case.auto_reply
        if needs:
            draft_checks["present"].append(draft is not None)
        row: dict[str, Any] = {
            "id": case.id,
            "expected": case.label,
            "predicted": label,
            "expected_red_flags": list(case.red_flags),
            "red_flags": flags,
            "expected_client": case.client,
            "client": m.client_id,
            "client_match": m.client_match,
            "language": case.language or detect_language(m.new_text or m.subject) or "",
            "new_text": m.new_text[:4000],
            "subject": m.subject,
            "needs_judgement": decision.result.needs_judgement if decision else False,
            "requests": [r.model_dump(mode="json") for r in decision.result.requests] if decision else [],
            "expected_requests": case.requests,
            "confidence": decision.result.confidence if decision else 0.0,
            "engine": decision.result.engine if decision else None,
            "fallback_reason": decision.result.fallback_reason if decision else None,
            "rationale": decision.result.rationale if decision else _why_not(m),
            "evidence": [e.model_dump() for e in decision.result.evidence] if decision else [],
            "draft": draft.body if draft else None,
        }
        if draft is not None:
            message_lang = detect_language(m.new_text or m.subject)
            draft_lang = draft_language(draft.body)
            checks = {
                "language_match": bool(message_lang) and _same_language(draft_lang, message_lang),
                "threaded": _threaded(draft.subject, m.subject),
                "cites": _cites(draft.body, decision.result.evidence if decision else []),
                "no_free_work": not promises_free_work(draft.body, draft.language),
            }
            if label == "out_of_scope":
                checks["both_options"] = offers_both_options(draft.body, draft.language)
            for k, v in checks.items():
                if k != "cites" or label != "in_scope":
                    draft_checks[k].append(v)
            row["draft_checks"] = checks
            row["draft_language"] = draft_lang
        results.append(row)

    report: dict[str, Any] = {
        "engine": engine.name,
        "dataset": str(world.directory),
        "cases": len(pairs),
        **classification_metrics(gold, pred),
        "red_flag_category_recall": category_recall(
            [c.red_flags for c, _ in pairs], [_predicted(d)[1] for d in decisions]
        ),
        "red_flag_category_recall_by_category": category_recall_by_category(
            [c.red_flags for c, _ in pairs], [_predicted(d)[1] for d in decisions]
        ),
        "client_resolution_accuracy": round(
            sum(world.messages[c.id].client_id == c.client for c, _ in pairs) / max(len(pairs), 1), 4
        ),
        "drafts": {k: _share(v) for k, v in draft_checks.items()}
        | {"checked": {k: len(v) for k, v in draft_checks.items()}},
        "latency_ms": {"p50": _pct(latencies, 50), "p95": _pct(latencies, 95)},
        "llm": _usage(engine),
        "engines_used": dict(Counter(r["engine"] for r in results if r["engine"])),
        **harm_metrics(gold, pred, [c.red_flags for c, _ in pairs], [_predicted(d)[1] for d in decisions]),
        "calibration": calibration(
            [r["confidence"] for r in results if r["engine"]],
            [r["expected"] == r["predicted"] for r in results if r["engine"]],
        ),
        "needs_judgement": _share([r["needs_judgement"] for r in results if r["engine"]]),
        "requests": request_metrics([r["expected_requests"] for r in results], [r["requests"] for r in results]),
        "by_language": _by(results, "language"),
        "by_client": _by(results, "expected_client"),
        "results": results,
    }
    return report


def _by(results: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        groups.setdefault(str(r[key] or "?"), []).append(r)
    return {
        k: {
            "cases": len(v),
            **{
                m: classification_metrics([r["expected"] for r in v], [r["predicted"] for r in v])[m]
                for m in ("accuracy", "macro_f1")
            },
            "false_pushback": harm_metrics(
                [r["expected"] for r in v],
                [r["predicted"] for r in v],
                [r["expected_red_flags"] for r in v],
                [r["red_flags"] for r in v],
            )["false_pushback"],
            "draft_language_match": _share([r["draft_checks"]["language_match"] for r in v if "draft_checks" in r])
            or None,
        }
        for k, v in sorted(groups.items())
    }


def _loco(pairs: list[tuple[Case, TriageContext | None]], extra: FeatureSet | None = None) -> dict[str, Any]:
    """Retrain the offline engine's models without each client in turn (with ``extra``, other
    datasets' cases, when given) and score that client."""
    from assistant.evaluation.training import loco_models, pair_features
    from assistant.label.offline import OfflineModel, decide_label

    fs = pair_features(pairs)  # the contexts triage built above: no second retrieval pass
    models = loco_models(fs, extra=extra)
    by_id = {cid: i for i, cid in enumerate(fs.ids)}
    pred, flags = [], []
    for case, ctx in pairs:
        label, fl = "in_scope", []
        if ctx is not None:
            i = by_id[case.id]
            p_label, p_cat = models[fs.clients[i]].predict(fs.texts[i], fs.X[i])
            shipped = OfflineModel.default()  # the shipped decision settings, on each retrained model
            label, fl = decide_label(p_label, p_cat, shipped.cat_threshold, shipped.prior_shift, shipped.temperature)
        pred.append(label)
        flags.append(fl)
    gold = [c.label for c, _ in pairs]
    return {
        "what": "offline engine retrained on all other clients for each held-out client"
        + (" (and on the training corpus)" if extra is not None else ""),
        "clients": sorted(set(fs.clients)),
        **{
            k: v
            for k, v in classification_metrics(gold, pred).items()
            if k in ("accuracy", "macro_f1", "per_label", "confusion")
        },
        "red_flag_category_recall": category_recall([c.red_flags for c, _ in pairs], flags),
    }


def _baselines(
    pairs: list[tuple[Case, TriageContext | None]], report: dict[str, Any], extra: FeatureSet | None = None
) -> dict[str, Any]:
    """Majority class, and TF-IDF + logistic regression trained leave-one-client-out (with
    ``extra``'s cases in every training set, as the engine's leave-one-client-out models)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    gold = [c.label for c, _ in pairs]
    majority = Counter(gold).most_common(1)[0][0]
    texts = [f"{ctx.message.subject}\n{ctx.message.new_text}" if ctx else "" for _, ctx in pairs]
    clients = np.asarray([c.client or "?" for c, _ in pairs])
    pred = ["in_scope"] * len(pairs)
    for client in sorted(set(clients)):
        train, test = clients != client, clients == client
        if len({g for g, t in zip(gold, train) if t}) < 2:
            continue
        more = extra.subset(extra.clients != client) if extra is not None else None
        train_texts = [t for t, k in zip(texts, train) if k] + (list(more.texts) if more is not None else [])
        train_gold = [g for g, k in zip(gold, train) if k] + ([LABELS[i] for i in more.y] if more is not None else [])
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
        clf = LogisticRegression(max_iter=3000, class_weight="balanced").fit(vec.fit_transform(train_texts), train_gold)
        for i, p in zip(np.flatnonzero(test), clf.predict(vec.transform([texts[i] for i in np.flatnonzero(test)]))):
            pred[i] = p
    engine_f1 = report.get("leave_one_client_out", {}).get("macro_f1", report["macro_f1"])
    out = {
        "majority_class": {
            "label": majority,
            **{k: classification_metrics(gold, [majority] * len(gold))[k] for k in ("accuracy", "macro_f1")},
        },
        "tfidf_logreg_loco": {k: classification_metrics(gold, pred)[k] for k in ("accuracy", "macro_f1")},
    }
    out["engine_macro_f1_compared"] = engine_f1
    out["margin_over_majority"] = round(engine_f1 - out["majority_class"]["macro_f1"], 4)
    out["margin_over_tfidf"] = round(engine_f1 - out["tfidf_logreg_loco"]["macro_f1"], 4)
    return out


def _why_not(m: Any) -> str:
    if m.is_auto_reply:
        return "auto-reply: not triaged, no draft"
    if m.is_bounce:
        return "bounce: not triaged, no draft"
    return f"sender not resolved to a client ({m.client_match}): not triaged"


def _same_language(a: str, b: str) -> bool:
    norm = {"nb": "no", "nn": "no"}
    return norm.get(a, a) == norm.get(b, b)


_REPLY_PREFIX = re.compile(r"^\s*(?:re|sv|aw)\s*:\s*", re.IGNORECASE)


def _threaded(subject: str, original: str) -> bool:
    """A reply with ``subject`` stays in the client's conversation. In-Reply-To cannot go wrong
    (mailout sets it from the stored Message-ID, which the eval makes up for a case without
    one); mail clients that thread by subject (Gmail) also want the client's subject under a
    reply prefix."""
    return bool(_REPLY_PREFIX.match(subject)) and _bare_subject(subject) == _bare_subject(original)


def _bare_subject(subject: str) -> str:
    while (shorter := _REPLY_PREFIX.sub("", subject, count=1)) != subject:
        subject = shorter
    return " ".join(subject.split()).casefold()


def _cites(body: str, evidence: list[Any]) -> bool:
    """The draft quotes (part of) a clause or call note, or names one with its date."""
    flat = " ".join(body.split()).lower()
    for e in evidence:
        text = " ".join(e.text.split()).lower()
        if text[:40] and text[:40] in flat:
            return True
        if e.date and e.date in body and (e.title or e.document).lower()[:20] in flat:
            return True
    return False


def _usage(engine: Engine) -> dict[str, int]:
    usage = getattr(engine, "usage", None)
    snap = usage.snapshot() if usage is not None else {}
    return {
        "calls": snap.get("calls", 0),
        "prompt_tokens": snap.get("prompt_tokens", 0),
        "completion_tokens": snap.get("completion_tokens", 0),
        "fallbacks": snap.get("fallbacks", 0),
    }


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2) if values else 0.0
