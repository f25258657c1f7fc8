"""Training the offline engine's models (scikit-learn; imported only when training).

Used by ``eval/train_offline.py`` (the shipped model) and by ``assistant eval --loco``
(leave-one-client-out on any dataset: the number that counts, since a real agency's next
client is always new).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.label.offline import (
    NGRAM_FEATURES,
    OfflineModel,
    feature_vector,
    message_text,
    ngram_counts,
    own_embedder,
    text_digest,
)
from assistant.label.schema import CATEGORIES, LABELS

#: Chosen by leave-one-client-out on agency-dev (eval/train_offline.py prints its choice and
#: says when these differ from it); `assistant eval --loco` retrains with these.
DEFAULT_C_LABEL = 30.0
DEFAULT_C_CAT = 3.0
DEFAULT_ALPHA = 0.02


@dataclass
class FeatureSet:
    X: np.ndarray  # (n, F)
    y: np.ndarray  # (n,) label index
    Y: np.ndarray  # (n, 7) categories
    clients: np.ndarray  # (n,) client id
    ids: list[str]  # case ids
    texts: list[str]  # what the n-gram block reads (subject + new text)

    def subset(self, mask: np.ndarray) -> FeatureSet:
        idx = np.flatnonzero(mask)
        return FeatureSet(
            self.X[idx],
            self.y[idx],
            self.Y[idx],
            self.clients[idx],
            [self.ids[i] for i in idx],
            [self.texts[i] for i in idx],
        )

    @staticmethod
    def concat(parts: list[FeatureSet]) -> FeatureSet:
        return FeatureSet(
            np.vstack([p.X for p in parts]),
            np.concatenate([p.y for p in parts]),
            np.vstack([p.Y for p in parts]),
            np.concatenate([p.clients for p in parts]),
            [i for p in parts for i in p.ids],
            [t for p in parts for t in p.texts],
        )


#: Where `assistant eval` looks for the training corpus when given no ``--corpus``: relative
#: to the current directory (the root of a source checkout), never to the installed package.
DEFAULT_CORPUS = Path("eval/datasets/training")


def corpus_datasets(corpus: Path, exclude: Path | None = None) -> list[Path]:
    """The datasets of a training corpus: the folders of ``corpus`` that hold a ``clients.json``
    (the shipped model is trained on agency-dev plus ``eval/datasets/training/*``). A dataset
    being evaluated is never part of its own training data (``exclude``)."""
    skip = exclude.resolve() if exclude is not None else None
    return sorted(d for d in corpus.glob("*/") if (d / "clients.json").is_file() and d.resolve() != skip)


def dataset_features(dirs: list[Path], embedder) -> FeatureSet | None:
    """Features of every case in ``dirs`` (each dataset in a throw-away world, as `assistant
    eval` builds it), or None for no dirs."""
    import tempfile

    from assistant.evaluation.world import build_world

    parts = []
    for d in dirs:
        with tempfile.TemporaryDirectory(prefix="assistant-train-") as tmp:
            world = build_world(d, embedder, Path(tmp))
            try:
                parts.append(world_features(world))
            finally:
                world.store.close()
    return FeatureSet.concat(parts) if parts else None


def world_features(world) -> FeatureSet:
    """Features of every case the pipeline triages (auto-replies and unknown senders are not)."""
    from assistant.evaluation.run import contexts_for

    return pair_features(contexts_for(world))


def pair_features(pairs) -> FeatureSet:
    """Features of the cases that have a context (the ones the pipeline triages)."""
    rows, labels, cats, clients, ids, texts = [], [], [], [], [], []
    for case, ctx in pairs:
        if ctx is None:
            continue
        rows.append(feature_vector(ctx, _e5_vector(ctx)))
        labels.append(LABELS.index(case.label))
        cats.append([c in case.red_flags for c in CATEGORIES])
        clients.append(ctx.client.id)
        ids.append(case.id)
        texts.append(message_text(ctx))
    return FeatureSet(
        np.vstack(rows), np.asarray(labels), np.asarray(cats, dtype=bool), np.asarray(clients), ids, texts
    )


#: Length of multilingual-e5-small's vectors: what the offline models and the language means read.
E5_SIZE = 384


def _e5_vector(ctx) -> list[float]:
    """The message vector the offline models read: the pipeline's when it is theirs, else the
    message embedded with their own model, as ``OfflineEngine`` does at triage (another
    ``ASSISTANT_EMBEDDING`` gives vectors of another size, which cannot be centred or compared)."""
    if ctx.vector is None:
        return [0.0] * E5_SIZE
    if len(ctx.vector) == E5_SIZE:
        return ctx.vector
    from assistant.retrieve import query_text

    return own_embedder().embed_query(query_text(message_text(ctx)))


def fit(
    fs: FeatureSet,
    c_label: float = DEFAULT_C_LABEL,
    c_cat: float = DEFAULT_C_CAT,
    thresholds: np.ndarray | None = None,
    alpha: float = DEFAULT_ALPHA,
) -> OfflineModel:
    from sklearn.linear_model import LogisticRegression

    counts = ngram_counts(fs.texts)
    df = np.bincount(counts.indices, minlength=NGRAM_FEATURES)  # documents per n-gram bucket
    idf = (np.log((1 + len(fs.texts)) / (1 + df)) + 1.0).astype(np.float32)  # TfidfTransformer's smooth idf
    mean, scale = fs.X.mean(axis=0), fs.X.std(axis=0) + 1e-6
    model = OfflineModel(
        idf=idf,
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        alpha=alpha,
        label_w=np.zeros(0),
        label_b=np.zeros(0),
        cat_w=np.zeros(0),
        cat_b=np.zeros(0),
        cat_threshold=np.zeros(0),
        neighbour_vectors=np.zeros((0, 0)),
        neighbour_labels=np.zeros(0, dtype=np.int64),
        neighbour_flags=np.zeros((0, 0)),
    )
    A = model.design(fs.texts, fs.X)
    lab = LogisticRegression(C=c_label, max_iter=5000, class_weight="balanced").fit(A, fs.y)
    cat_w, cat_b = [], []
    for j in range(fs.Y.shape[1]):
        if fs.Y[:, j].all() or not fs.Y[:, j].any():  # a category absent from the training data
            cat_w.append(np.zeros(A.shape[1]))
            cat_b.append(-5.0)
            continue
        m = LogisticRegression(C=c_cat, max_iter=5000, class_weight="balanced").fit(A, fs.Y[:, j])
        cat_w.append(m.coef_[0])
        cat_b.append(m.intercept_[0])
    return OfflineModel(
        idf=idf,
        mean=model.mean,
        scale=model.scale,
        alpha=alpha,
        label_w=lab.coef_.astype(np.float32),
        label_b=lab.intercept_.astype(np.float32),
        cat_w=np.asarray(cat_w, dtype=np.float32),
        cat_b=np.asarray(cat_b, dtype=np.float32),
        cat_threshold=(thresholds if thresholds is not None else np.full(len(CATEGORIES), 0.5)).astype(np.float32),
        neighbour_vectors=fs.X[:, : model.vector_size].astype(np.float32),
        neighbour_labels=fs.y.astype(np.int64),
        neighbour_flags=fs.Y.astype(np.float32),
        trained_digests=np.unique(np.asarray([text_digest(t) for t in fs.texts], dtype=np.uint64)),
    )


def loco_models(
    fs: FeatureSet,
    c_label: float = DEFAULT_C_LABEL,
    c_cat: float = DEFAULT_C_CAT,
    thresholds: np.ndarray | None = None,
    extra: FeatureSet | None = None,
) -> dict[str, OfflineModel]:
    """One model per client of ``fs``, trained on every other client (and on ``extra``, other
    datasets' clients, when given; a client id found in both is left out of both)."""

    def without(client: str) -> FeatureSet:
        rest = fs.subset(fs.clients != client)
        return FeatureSet.concat([rest, extra.subset(extra.clients != client)]) if extra is not None else rest

    return {client: fit(without(client), c_label, c_cat, thresholds) for client in sorted(set(fs.clients))}


def loco_probabilities(
    fs: FeatureSet, c_label: float, c_cat: float, extra: FeatureSet | None = None
) -> tuple[np.ndarray, np.ndarray]:
    P, PC = np.zeros((len(fs.y), len(LABELS))), np.zeros(fs.Y.shape)
    for client, model in loco_models(fs, c_label, c_cat, extra=extra).items():
        for i in np.flatnonzero(fs.clients == client):
            P[i], PC[i] = model.predict(fs.texts[i], fs.X[i])
    return P, PC


def tune_thresholds(PC: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per category, the threshold maximising F1 over out-of-client predictions (ties: lower)."""
    out = []
    for j in range(Y.shape[1]):
        out.append(max(np.arange(0.1, 0.9, 0.05), key=lambda t: (_f1(PC[:, j] >= t, Y[:, j]), -t)))
    return np.asarray(out)


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = int((pred & gold).sum())
    return 2 * tp / max(int(pred.sum()) + int(gold.sum()), 1)
