"""The converted XLM-R encoder as an ONNX graph, built from its weights with `onnx.helper` (no torch).

Input `input_ids`, `attention_mask` (int64, batch × tokens); output `sentence_embedding` (float32,
batch × hidden): mean pooling over the mask and L2 normalisation inside the graph, exactly the
sentence-transformers modules the converted folder declares. Standard opset-18 operators only, so
onnxruntime's own graph optimiser fuses attention, LayerNorm and GELU at load.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

OPSET = 18
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "sentence_embedding"


class _Graph:
    """A tiny builder: unique names, initialisers and nodes collected in order."""

    def __init__(self):
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.nodes, self.inits, self._n, self._names = [], [], 0, set()

    def const(self, name: str, value) -> str:
        if name not in self._names:  # a constant used in every layer is stored once
            self._names.add(name)
            self.inits.append(self.numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs) -> str:
        self._n += 1
        out = f"{kind.lower()}_{self._n}"
        self.nodes.append(self.helper.make_node(kind, list(inputs), [out], **attrs))
        return out


def build_encoder(weights: Mapping[str, np.ndarray], config: Mapping,
                  word_q4: tuple[np.ndarray, np.ndarray] | None = None) -> "onnx.ModelProto":  # noqa: F821
    """An ONNX model computing normalised mean-pooled sentence vectors from XLM-R weights (HF names).

    `word_q4` = (nibbles uint8 [vocab, blocks, 16], scales fp16 [vocab, blocks, 1]): the word table kept in
    its bundled Q4_0 form and dequantised per looked-up row, so the file is a third of the fp32 size
    (faster to load) and the vectors are bit-for-bit those of the fp32 table.
    """
    from onnx import TensorProto, helper

    H, NH = int(config["hidden_size"]), int(config["num_attention_heads"])
    NL, D = int(config["num_hidden_layers"]), H // int(config["num_attention_heads"])
    eps, pad = float(config["layer_norm_eps"]), int(config["pad_token_id"])
    g = _Graph()
    w = lambda name: g.const(name, np.ascontiguousarray(weights[name], dtype=np.float32))  # noqa: E731

    def dense(x: str, prefix: str) -> str:
        # HF stores (out, in); the transpose is done once here, not per request.
        wt = g.const(prefix + ".weight_t", np.ascontiguousarray(weights[prefix + ".weight"].T, dtype=np.float32))
        return g.op("Add", g.op("MatMul", x, wt), w(prefix + ".bias"))

    def layer_norm(x: str, prefix: str) -> str:
        return g.op("LayerNormalization", x, w(prefix + ".weight"), w(prefix + ".bias"), axis=-1, epsilon=eps)

    ids, mask = INPUTS
    maskf = g.op("Cast", mask, to=TensorProto.FLOAT)
    # XLM-R positions: pad_id + the running count of real tokens; padding keeps pad_id.
    cum = g.op("CumSum", mask, g.const("axis1", np.array(1, np.int64)))
    positions = g.op("Add", g.op("Mul", cum, mask), g.const("pad_id", np.array(pad, np.int64)))
    words = _q4_rows(g, word_q4, ids, H) if word_q4 is not None else g.op(
        "Gather", w("embeddings.word_embeddings.weight"), ids)
    x = g.op("Add", words, g.op("Gather", w("embeddings.position_embeddings.weight"), positions))
    # Token type is always 0 for one segment: add that row as a constant.
    x = g.op("Add", x, g.const("type0", weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32)))
    x = layer_norm(x, "embeddings.LayerNorm")
    # (B, S) mask → additive bias (B, 1, 1, S): 0 for tokens, -1e4 for padding, as HF does.
    bias = g.op("Mul", g.op("Sub", g.const("one", np.float32(1.0)), maskf), g.const("neg", np.float32(-1e4)))
    bias = g.op("Unsqueeze", bias, g.const("axes12", np.array([1, 2], np.int64)))
    split_heads = g.const("heads_shape", np.array([0, 0, NH, D], np.int64))
    merge_heads = g.const("hidden_shape", np.array([0, 0, H], np.int64))
    scale = g.const("scale", np.float32(1.0 / math.sqrt(D)))
    half, sqrt2 = g.const("half", np.float32(0.5)), g.const("sqrt2", np.float32(math.sqrt(2.0)))
    for i in range(NL):
        p = f"encoder.layer.{i}."
        q, k, v = (g.op("Transpose", g.op("Reshape", dense(x, p + "attention.self." + n), split_heads),
                        perm=[0, 2, 1, 3]) for n in ("query", "key", "value"))
        kt = g.op("Transpose", k, perm=[0, 1, 3, 2])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, kt), scale), bias)
        ctx = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        ctx = g.op("Reshape", g.op("Transpose", ctx, perm=[0, 2, 1, 3]), merge_heads)
        x = layer_norm(g.op("Add", dense(ctx, p + "attention.output.dense"), x), p + "attention.output.LayerNorm")
        h = dense(x, p + "intermediate.dense")
        # Exact (erf) GELU, as HF's "gelu"; onnxruntime fuses this pattern.
        h = g.op("Mul", g.op("Mul", h, half),
                 g.op("Add", g.op("Erf", g.op("Div", h, sqrt2)), g.const("one_f", np.float32(1.0))))
        x = layer_norm(g.op("Add", dense(h, p + "output.dense"), x), p + "output.LayerNorm")
    # Mean pooling over real tokens, then L2 normalisation (sentence-transformers' Pooling + Normalize).
    m3 = g.op("Unsqueeze", maskf, g.const("axis_last", np.array([-1], np.int64)))
    summed = g.op("ReduceSum", g.op("Mul", x, m3), g.const("axis_seq", np.array([1], np.int64)), keepdims=0)
    count = g.op("Max", g.op("ReduceSum", m3, g.const("axis_seq2", np.array([1], np.int64)), keepdims=0),
                 g.const("tiny", np.float32(1e-9)))
    pooled = g.op("Div", summed, count)
    norm = g.op("Max", g.op("ReduceL2", pooled, g.const("axis_h", np.array([1], np.int64)), keepdims=1),
                g.const("tiny2", np.float32(1e-12)))
    g.nodes.append(helper.make_node("Div", [pooled, norm], [OUTPUT]))
    graph = helper.make_graph(
        g.nodes, "xlmr_sentence_encoder",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"]) for n in INPUTS],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", H])], initializer=g.inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="mianyang-bot")


def _q4_rows(g: _Graph, word_q4: tuple[np.ndarray, np.ndarray], ids: str, H: int) -> str:
    """Gather Q4_0 rows, then dequantise them: low nibbles are weights 0..15 of a block, high 16..31."""
    from onnx import TensorProto

    nibbles, scales = word_q4
    packed = g.op("Gather", g.const("word_q4_nibbles", np.ascontiguousarray(nibbles, np.uint8)), ids)
    lo = g.op("BitwiseAnd", packed, g.const("low_mask", np.uint8(0x0F)))
    hi = g.op("BitShift", packed, g.const("four", np.uint8(4)), direction="RIGHT")
    q = g.op("Sub", g.op("Cast", g.op("Concat", lo, hi, axis=-1), to=TensorProto.FLOAT), g.const("eight", np.float32(8)))
    scale = g.op("Cast", g.op("Gather", g.const("word_q4_scales", np.ascontiguousarray(scales, np.float16)), ids),
                 to=TensorProto.FLOAT)
    return g.op("Reshape", g.op("Mul", q, scale), g.const("hidden_shape", np.array([0, 0, H], np.int64)))


def q4_table(raw, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Split Q4_0 bytes into (nibbles [rows, blocks, 16], fp16 scales [rows, blocks, 1]) without dequantising."""
    nb = cols // 32
    blocks = np.frombuffer(raw, dtype=np.uint8, count=rows * nb * 18).reshape(rows, nb, 18)
    return blocks[:, :, 2:].copy(), blocks[:, :, :2].copy().view("<f2")


def export_folder(folder: Path, out: Path, word_q4: tuple[np.ndarray, np.ndarray] | None = None) -> None:
    """Write the ONNX encoder for a converted XLM-R folder (config.json + model.safetensors) to `out`."""
    import json

    import onnx
    from safetensors.numpy import load_file

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    weights = load_file(str(folder / "model.safetensors"))
    if word_q4 is not None:
        del weights["embeddings.word_embeddings.weight"]  # stored packed instead
    model = build_encoder(weights, config, word_q4)
    onnx.checker.check_model(model)
    onnx.save_model(model, str(out))


# How much of an activation channel's range the smoothing moves into the weights (SmoothQuant's alpha). Chosen by
# a probe over dev questions and article sentences (bench/ENCODERS.md, "int8, third try"): 0.5 leaves the
# activations too wide, 0.8-0.9 widens the weights' rows too much.
SMOOTH_ALPHA = 0.7


def _down_projections(model) -> list:
    """The feed-forward down-projections: MatMuls whose weight has more input rows than output columns."""
    shapes = {init.name: tuple(init.dims) for init in model.graph.initializer}
    return [node for node in model.graph.node if node.op_type == "MatMul"
            and any(len(shapes.get(i, ())) == 2 and shapes[i][0] > shapes[i][1] for i in node.input)]


def _activation_ranges(source: Path, inputs: list[str], calibration: Sequence[Sequence[int]]) -> list[np.ndarray]:
    """Per channel, the largest |value| each named tensor takes over the calibration inputs (fp32 graph)."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    model = onnx.load(str(source))
    for name in inputs:
        model.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    ranges: list[np.ndarray | None] = [None] * len(inputs)
    for ids in calibration:  # one at a time: padding would add rows that real questions never have
        feed = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, len(ids)), np.int64)}
        for i, value in enumerate(session.run(inputs, feed)):
            top = np.abs(value).reshape(-1, value.shape[-1]).max(axis=0)
            ranges[i] = top if ranges[i] is None else np.maximum(ranges[i], top)
    return ranges  # type: ignore[return-value]


def smooth_down_projections(model, ranges: Sequence[np.ndarray], alpha: float = SMOOTH_ALPHA) -> None:
    """SmoothQuant (Xiao et al., 2023) on each down-projection: its input is divided per channel by s and the
    weight's rows multiplied by s, the same product in exact arithmetic, with s = a^alpha / w^(1-alpha) for the
    channel's activation range a and weight range w. The few GELU channels with large values then no longer set
    the one int8 step of the whole activation."""
    from onnx import helper, numpy_helper

    inits = {init.name: init for init in model.graph.initializer}
    for node, act in zip(_down_projections(model), ranges):
        wname = next(i for i in node.input if i in inits)
        weight = numpy_helper.to_array(inits[wname])  # (in, out): the graph computes x @ W
        scale = np.maximum(act, 1e-5) ** alpha / np.maximum(np.abs(weight).max(axis=1), 1e-5) ** (1 - alpha)
        scale = np.clip(scale, 1e-2, 1e2).astype(np.float32)
        inits[wname].CopyFrom(numpy_helper.from_array((weight * scale[:, None]).astype(np.float32), wname))
        inverse = numpy_helper.from_array((1.0 / scale).astype(np.float32), wname + ".smooth_inverse")
        model.graph.initializer.append(inverse)
        smoothed = node.input[0] + ".smoothed"
        at = list(model.graph.node).index(node)
        model.graph.node.insert(at, helper.make_node("Mul", [node.input[0], inverse.name], [smoothed],
                                                     name=node.name + "_smooth"))
        node.input[0] = smoothed


_VNNI = ("avx512_vnni", "avx_vnni", "amx_int8")


def int8_saturates(machine: str | None = None, cpuinfo: str | None = None) -> bool:
    """True on an x86 CPU without VNNI: its int8 kernels add u8×s8 products in 16 bits, which saturate on full-range
    weights, so the weights are quantised to 7 bits there (onnxruntime's `reduce_range`). Without a readable flag
    list (another OS) an x86 CPU is taken to saturate: 7 bits cost little, saturation costs more. (machine, cpuinfo:
    this machine's, read when not given.)"""
    import platform

    if (machine or platform.machine()).lower() not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return False  # ARM's int8 dot products do not saturate
    if cpuinfo is None:
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as f:
                cpuinfo = f.read()
        except OSError:
            return True
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines() if line.startswith("flags")), [])
    return not any(flag in flags for flag in _VNNI)


def quantize_int8(source: Path, out: Path, calibration: Sequence[Sequence[int]],
                  reduce_range: bool | None = None) -> None:
    """Dynamic int8 quantisation of the encoder's matrix products (weights int8 per output channel, activations
    quantised per call), the feed-forward down-projections smoothed first with `calibration` (token ids of
    sample questions); weights in 7 bits where this CPU's int8 sums saturate (reduce_range None: int8_saturates())."""
    import logging
    import tempfile

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(source))
    for i, node in enumerate(model.graph.node):
        node.name = node.name or f"{node.op_type}_{i}"  # unique names: the smoothing's nodes are named after them
    # Why (bench/ENCODERS.md, "int8, second try" and "third try"): one scale per tensor let the few large weights of
    # a row set the step for all, so weights get one per output channel; and the down-projection reads the GELU
    # output, whose rare large activations make one per-call scale coarse for the rest. Kept in fp32, those 12
    # matrices cost 40 % of an int8 pass; smoothed, they quantise with no more error than fp32 ones had.
    smooth_down_projections(model, _activation_ranges(source, [n.input[0] for n in _down_projections(model)],
                                                      calibration))
    with tempfile.TemporaryDirectory() as tmp:
        named = Path(tmp) / "named.onnx"
        onnx.save_model(model, str(named))
        logging.disable(logging.WARNING)  # the quantiser logs advice about image models on the root logger
        try:
            # MatMul only: quantising the 250k-row embedding table (Gather) saves disk but costs accuracy for nothing.
            quantize_dynamic(str(named), str(out), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                             per_channel=True,
                             # On an AMD EPYC without VNNI, full-range weights gave the real encoder's questions a
                             # cosine of 0.9919 (min) to fp32, 7-bit weights 0.9971 (bench/ENCODERS.md, round 42).
                             reduce_range=int8_saturates() if reduce_range is None else reduce_range)
        finally:
            logging.disable(logging.NOTSET)
