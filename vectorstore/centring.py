"""Language centring: take the language out of a multilingual embedding before searching.

A small multilingual model puts every text of one language near that language's mean
vector, so a Thai message scores any Thai clause above the English clause that answers
it. Subtracting the mean vector of the text's language (and of its role: query or
passage) and re-normalising leaves mostly what the text says (Libovický et al., 2020,
"On the language neutrality of pre-trained multilingual representations").

What it does to retrieval is measured by eval/bench_retrieval.py (figures in the README).

The means ship with the package, one file per embedding model, built by
``eval/build_centroids.py`` from a reference corpus (the agency-dev dataset's documents and
messages, and the clauses and client emails in ``eval/reference/``); they are never
computed from the user's own store. A text whose language is not known (or has no mean of
its own) gets the mean over all reference texts of its role.

The vector store keeps and searches centred vectors; the offline label model reads the
message vector centred too. Correction matching compares raw vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Part of the collection name (with the means' digest), so a store built before, without
#: or with other means is rebuilt.
VERSION = "lc1"
ROLES = ("query", "passage")
ANY = "*"  # key of the mean over all languages
#: A language gets a mean of its own only from at least this many reference texts.
MIN_TEXTS = 10


Detector = Callable[[str], str]


class LanguageCentring:
    """``detect``: the language of a text as an ISO 639-1 code ("" when unsure), the same
    detector the means were built with; the caller passes it in (this package knows no
    language detector of its own)."""

    def __init__(self, means: dict[str, dict[str, np.ndarray]], detect: Detector | None = None) -> None:
        for role in ROLES:
            if ANY not in means.get(role, {}):
                raise ValueError(f"language means need a {role!r} mean over all languages ({ANY!r})")
        self.means = means
        # Cached: triage centres one message's text for the retrieval query, the exclusions
        # query and the label model, and embedded texts are short.
        self._detect = lru_cache(maxsize=256)(detect) if detect is not None else None

    @property
    def digest(self) -> str:
        """Short fingerprint of the means: vectors centred with other means are not comparable,
        so the store puts it in the collection name (new means → a new index)."""
        h = hashlib.sha256()
        for role in ROLES:
            for lang in sorted(self.means[role]):
                h.update(f"{role}:{lang}".encode())
                h.update(np.asarray(self.means[role][lang], dtype=np.float32).tobytes())
        return h.hexdigest()[:8]

    @classmethod
    def load(cls, path: Path, detect: Detector | None = None) -> LanguageCentring:
        """Means saved by :meth:`save` (keys ``role:language``)."""
        means: dict[str, dict[str, np.ndarray]] = {role: {} for role in ROLES}
        with np.load(path) as data:
            for key in data.files:
                role, _, language = key.partition(":")
                if role in means:
                    means[role][language] = np.asarray(data[key], dtype=np.float32)
        return cls(means, detect)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            path, **{f"{role}:{lang}": vec for role, by_lang in self.means.items() for lang, vec in by_lang.items()}
        )

    @classmethod
    def fit(
        cls, vectors: dict[str, Sequence[Sequence[float]]], languages: dict[str, Sequence[str]]
    ) -> LanguageCentring:
        """Means per role and language from reference vectors (``role -> vectors`` and
        ``role -> their languages``; "" for unknown, which counts only towards ``*``, as
        does a language with fewer than ``MIN_TEXTS`` texts)."""
        means: dict[str, dict[str, np.ndarray]] = {}
        for role in ROLES:
            X = np.asarray(vectors[role], dtype=np.float32)
            langs = np.asarray(list(languages[role]))
            by_lang = {ANY: X.mean(axis=0)}
            for lang in sorted(set(langs) - {""}):
                if (langs == lang).sum() >= MIN_TEXTS:
                    by_lang[lang] = X[langs == lang].mean(axis=0)
            means[role] = by_lang
        return cls(means)

    def languages(self, role: str) -> list[str]:
        return sorted(k for k in self.means[role] if k != ANY)

    def centre_texts(self, vectors: Sequence[Sequence[float]], texts: Sequence[str], role: str) -> list[list[float]]:
        """:meth:`centre`, each vector by the language detected in its text."""
        return self.centre(vectors, self.languages_of(texts), role)

    def languages_of(self, texts: Sequence[str]) -> list[str]:
        """The language of each text, by the detector the means were built with."""
        if self._detect is None:
            raise ValueError("centring texts needs a language detector: pass detect= when loading the means")
        return [self._detect(t) for t in texts]

    def centre(self, vectors: Sequence[Sequence[float]], languages: Sequence[str], role: str) -> list[list[float]]:
        """Each vector minus the mean of its language and role, re-normalised."""
        means = self.means[role]
        X = np.asarray(vectors, dtype=np.float32).reshape(len(languages), -1)
        M = np.stack([means.get(lang, means[ANY]) for lang in languages]) if len(languages) else X
        Y = X - M
        norms = np.linalg.norm(Y, axis=1, keepdims=True)
        return (Y / np.where(norms > 0, norms, 1.0)).tolist()
