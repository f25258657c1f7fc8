"""The offline engine's n-gram block is computed without scikit-learn at triage; it must be the
block the model was trained on: scikit-learn's HashingVectorizer and TfidfTransformer."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from assistant.label.offline import NGRAM_FEATURES, NGRAM_RANGE, ngram_counts, tfidf_rows

TEXTS = [
    "Hi Anna, could you move Thursday's call to Friday?",
    "Ciao Giulia,  potreste aggiungere\tdue articoli a luglio. Grazie!",
    "Dzień dobry, zapłacimy połowę faktury teraz, a resztę pod koniec lipca.",
    "Voisitteko tehdä lisäksi vielä yhden uuden kampanjan? Kiitos!",
    "สวัสดีค่ะ รบกวนช่วยเพิ่มบทความอีก 2 ชิ้นได้ไหมคะ",
    "İSTANBUL ß Straße ﬁ ＡＢＣ a b",
    "",
    "x",
]


def test_ngram_counts_equal_scikit_learns_hashing_vectorizer() -> None:
    reference = HashingVectorizer(
        analyzer="char_wb", ngram_range=NGRAM_RANGE, n_features=NGRAM_FEATURES, alternate_sign=False, norm=None
    ).transform(TEXTS)
    ours = ngram_counts(TEXTS)
    assert ours.shape == reference.shape
    assert (ours != reference).nnz == 0


def test_tfidf_rows_equal_scikit_learns_normalised_rows() -> None:
    counts = ngram_counts(TEXTS)
    idf = np.random.default_rng(0).uniform(1.0, 5.0, NGRAM_FEATURES).astype(np.float32)
    m = counts.astype(np.float32).tocsr(copy=True)
    m.data = 1.0 + np.log(m.data)
    reference = normalize(m.multiply(idf.reshape(1, -1)).tocsr(), norm="l2")
    ours = tfidf_rows(counts, idf)
    assert np.allclose(ours.toarray(), reference.toarray(), atol=1e-6)
    assert np.allclose(np.linalg.norm(ours.toarray(), axis=1)[:-2], 1.0, atol=1e-5)


def test_the_runtime_n_gram_block_does_not_import_scikit_learn() -> None:
    # scikit-learn costs ~70 MB of memory and most of a second to import: triage never loads it.
    import subprocess
    import sys

    code = (
        "import sys, numpy as np\n"
        "from assistant.label.offline import OfflineModel, ngram_counts, tfidf_rows\n"
        "tfidf_rows(ngram_counts(['could you move the call?']), np.ones(2**18, dtype=np.float32))\n"
        "print('sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
