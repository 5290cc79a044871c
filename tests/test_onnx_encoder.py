"""The ONNX encoder on a tiny synthetic model (no torch): graph vs a numpy XLM-R, export once, caches, batching."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.errors import ModelError  # noqa: E402
from index.search import e5convert, onnx_graph  # noqa: E402
from index.search.batcher import MicroBatcher  # noqa: E402
from index.search.e5convert import ONNX_DIR, ONNX_FILES, ensure_onnx  # noqa: E402
from index.search.embeddings import load_embeddings  # noqa: E402
from index.search.lru import LRU, question_key  # noqa: E402
from index.search.onnx_encoder import OnnxEmbeddings  # noqa: E402
from index.settings import IndexSettings  # noqa: E402
from tests.test_e5convert import write_e5s1  # noqa: E402

pytest.importorskip("onnxruntime")


# ------------------------------------------------------------ a numpy XLM-R, the reference


def _ln(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def numpy_encoder(sd: dict, cfg: dict, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean-pooled, normalised XLM-R sentence vectors, written out plainly in float64."""
    sd = {k: v.astype(np.float64) for k, v in sd.items()}
    H, NH, pad, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["pad_token_id"], cfg["layer_norm_eps"]
    D = H // NH
    pos = np.cumsum(mask, 1) * mask + pad
    x = sd["embeddings.word_embeddings.weight"][ids] + sd["embeddings.position_embeddings.weight"][pos]
    x = _ln(x + sd["embeddings.token_type_embeddings.weight"][0], sd["embeddings.LayerNorm.weight"],
            sd["embeddings.LayerNorm.bias"], eps)
    lin = lambda t, p: t @ sd[p + ".weight"].T + sd[p + ".bias"]  # noqa: E731
    B, S = ids.shape
    bias = (1.0 - mask)[:, None, None, :] * -1e4
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q, k, v = (lin(x, p + "attention.self." + n).reshape(B, S, NH, D).transpose(0, 2, 1, 3)
                   for n in ("query", "key", "value"))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(D) + bias
        a = np.exp(s - s.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, S, H)
        x = _ln(lin(ctx, p + "attention.output.dense") + x, sd[p + "attention.output.LayerNorm.weight"],
                sd[p + "attention.output.LayerNorm.bias"], eps)
        h = lin(x, p + "intermediate.dense")
        h = 0.5 * h * (1 + np.vectorize(math.erf)(h / math.sqrt(2)))
        x = _ln(lin(h, p + "output.dense") + x, sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"], eps)
    pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


@pytest.fixture
def tiny_folder(tmp_path):
    """A tiny E5S1 file converted into a sentence-transformers folder: (source file, folder)."""
    src = tmp_path / "tiny.bin"
    write_e5s1(src, np.random.default_rng(3), H=32, NL=2, NH=2, FF=64, MAXP=12)
    folder = tmp_path / "folder"
    folder.mkdir()
    e5convert.convert(src, folder, progress=lambda m: None)
    return src, folder


def _session(path: Path):
    import onnxruntime as ort

    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def _batch():
    ids = np.array([[0, 5, 6, 7, 2, 1, 1], [0, 5, 8, 9, 6, 7, 2]], np.int64)  # the first row padded
    return ids, (ids != 1).astype(np.int64)


# ------------------------------------------------------------ the graph


@pytest.mark.parametrize("packed", [False, True])
def test_graph_matches_a_numpy_xlmr(tiny_folder, tmp_path, packed):
    from safetensors.numpy import load_file

    src, folder = tiny_folder
    word_q4 = None
    if packed:
        model = e5convert.read_e5s1(src)
        _, _, off, nbytes = model.tensors["emb.word"]
        word_q4 = onnx_graph.q4_table(memoryview(model.data)[off:off + nbytes], model.header["VOC"], 32)
    out = tmp_path / "m.onnx"
    onnx_graph.export_folder(folder, out, word_q4)
    ids, mask = _batch()
    got = _session(out).run(None, {"input_ids": ids, "attention_mask": mask})[0]
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    want = numpy_encoder(load_file(str(folder / "model.safetensors")), cfg, ids, mask)
    np.testing.assert_allclose(got, want, atol=2e-5)


def test_padding_does_not_change_a_vector(tiny_folder, tmp_path):
    _, folder = tiny_folder
    out = tmp_path / "m.onnx"
    onnx_graph.export_folder(folder, out)
    ids, mask = _batch()
    s = _session(out)
    both = s.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    alone = s.run(None, {"input_ids": ids[:1, :5], "attention_mask": mask[:1, :5]})[0]
    np.testing.assert_allclose(both[0], alone[0], atol=1e-5)


def test_smoothing_the_down_projections_keeps_the_function(tiny_folder, tmp_path):
    import onnx

    _, folder = tiny_folder
    out = tmp_path / "m.onnx"
    onnx_graph.export_folder(folder, out)
    model = onnx.load(str(out))
    for i, node in enumerate(model.graph.node):
        node.name = node.name or f"{node.op_type}_{i}"
    downs = onnx_graph._down_projections(model)
    assert len(downs) == 2  # one per layer of the tiny model
    rng = np.random.default_rng(0)
    # Uneven ranges, as GELU outputs have: the scales then differ a lot between channels.
    ranges = [rng.uniform(0.01, 20.0, 64).astype(np.float32) for _ in downs]
    onnx_graph.smooth_down_projections(model, ranges)
    smoothed = tmp_path / "smoothed.onnx"
    onnx.save(model, str(smoothed))
    ids, mask = _batch()
    feed = {"input_ids": ids, "attention_mask": mask}
    np.testing.assert_allclose(_session(smoothed).run(None, feed)[0], _session(out).run(None, feed)[0], atol=1e-5)


def test_int8_export_quantises_every_matrix_product_and_stays_close(tiny_folder, tmp_path):
    import onnx

    _, folder = tiny_folder
    out, q8 = tmp_path / "m.onnx", tmp_path / "q8.onnx"
    onnx_graph.export_folder(folder, out)
    onnx_graph.quantize_int8(out, q8, [[0, 5, 6, 7, 2], [0, 8, 9, 2], [0, 5, 8, 9, 6, 7, 2]])
    weights = {init.name for init in onnx.load(str(q8)).graph.initializer}
    fp32_products = [n for n in onnx.load(str(q8)).graph.node if n.op_type == "MatMul" and weights & set(n.input)]
    assert fp32_products == []  # the down-projections are quantised too, after smoothing
    ids, mask = _batch()
    feed = {"input_ids": ids, "attention_mask": mask}
    got, want = _session(q8).run(None, feed)[0], _session(out).run(None, feed)[0]
    assert (got * want).sum(1).min() > 0.99


def test_q4_table_keeps_the_bytes_of_each_block():
    raw = np.random.default_rng(0).integers(0, 256, size=2 * 2 * 18, dtype=np.uint8).tobytes()
    nibbles, scales = onnx_graph.q4_table(raw, 2, 64)
    assert nibbles.shape == (2, 2, 16) and scales.shape == (2, 2, 1) and scales.dtype == np.float16
    want = e5convert.dequantize_q4_0(raw, 2, 64).reshape(2, 2, 32)
    got = (np.concatenate([nibbles & 15, nibbles >> 4], -1).astype(np.float32) - 8) * scales.astype(np.float32)
    np.testing.assert_array_equal(got, want)


# ------------------------------------------------------------ export once, atomically, verified


def test_ensure_onnx_exports_once_and_reuses(tiny_folder, tmp_path, monkeypatch):
    src, _ = tiny_folder
    cache = tmp_path / "cache"
    calls = []
    real = e5convert._export
    monkeypatch.setattr(e5convert, "_export", lambda *a: (calls.append(a[0]), real(*a))[1])
    path = ensure_onnx(cache, "fp32", progress=lambda m: None, source=src)
    assert path == cache / e5convert.MODEL_DIR_NAME / ONNX_DIR / ONNX_FILES["fp32"]
    marker = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    assert marker["sha256"] == e5convert.sha256_file(path) and path.with_name(path.name + ".verified").is_file()
    assert ensure_onnx(cache, "fp32", progress=lambda m: None, source=src) == path
    assert calls == ["fp32"]
    int8 = ensure_onnx(cache, "int8", progress=lambda m: None, source=src)
    assert int8.is_file() and calls == ["fp32", "int8"]
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp files left


def test_a_file_without_its_marker_is_exported_again(tiny_folder, tmp_path):
    src, _ = tiny_folder
    path = ensure_onnx(tmp_path / "c", "fp32", progress=lambda m: None, source=src)
    path.write_bytes(b"half a file")  # a crash mid-copy, or a truncated download
    lines = []
    assert ensure_onnx(tmp_path / "c", "fp32", progress=lines.append, source=src) == path
    assert any("exporting" in line for line in lines)
    assert path.stat().st_size > 1000


def test_a_file_changed_after_install_is_exported_again(tiny_folder, tmp_path):
    src, _ = tiny_folder
    path = ensure_onnx(tmp_path / "c", "fp32", progress=lambda m: None, source=src)
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, another file: the size/mtime stamp differs
    lines = []
    ensure_onnx(tmp_path / "c", "fp32", progress=lines.append, source=src)
    assert any("exporting" in line for line in lines) and path.read_bytes() == data


def test_a_failed_verification_installs_nothing(tiny_folder, tmp_path, monkeypatch):
    src, _ = tiny_folder

    def refuse(*a, **k):
        raise ModelError("differs from its reference")

    monkeypatch.setattr(e5convert, "verify_export", refuse)
    with pytest.raises(ModelError, match="differs"):
        ensure_onnx(tmp_path / "c", "fp32", progress=lambda m: None, source=src)
    onnx_dir = tmp_path / "c" / e5convert.MODEL_DIR_NAME / ONNX_DIR
    assert not list(onnx_dir.iterdir())


def test_verification_catches_a_wrong_graph(tiny_folder, tmp_path, monkeypatch):
    src, folder = tiny_folder
    good = tmp_path / "good.onnx"
    onnx_graph.export_folder(folder, good)
    monkeypatch.setattr(e5convert, "_reference", lambda *a: -e5convert.probe_vectors(good, folder))
    with pytest.raises(ModelError, match="differs from its reference"):
        e5convert.verify_export(good, folder, "fp32")


def test_unknown_variant_and_encoder_are_model_errors(tmp_path):
    with pytest.raises(ModelError, match="unknown ONNX variant"):
        ensure_onnx(tmp_path, "fp8")
    with pytest.raises(ModelError, match="BOT_ENCODER"):
        load_embeddings(IndexSettings(cache_dir=tmp_path, encoder="tensorflow"))


# ------------------------------------------------------------ the LangChain embeddings


@pytest.fixture
def onnx_embeddings(tiny_folder, tmp_path):
    src, _ = tiny_folder
    path = ensure_onnx(tmp_path / "c", "fp32", progress=lambda m: None, source=src)
    return OnnxEmbeddings(path.parent.parent, path, path, name="tiny", batch_size=2, query_cache=8)


def test_query_and_passage_prompts_and_order(onnx_embeddings):
    e = onnx_embeddings
    texts = ["a b a b a", "b", "a,b", "~"]
    docs = np.array(e.embed_documents(texts))  # sorted by length into batches of 2, returned in input order
    for text, vec in zip(texts, docs):
        np.testing.assert_allclose(e.embed_documents([text])[0], vec, atol=1e-5)
    q = np.array(e.embed_query("a b"))
    assert q.shape == (e.dimension,) and abs(np.linalg.norm(q) - 1) < 1e-5
    assert (e.query_prompt, e.passage_prompt) == ("query: ", "passage: ")  # from the folder's prompts
    np.testing.assert_allclose(e.embed_queries(["a b", "b"])[0], q, atol=1e-5)
    assert e.embed_documents([]) == []


def test_repeated_questions_come_from_the_cache(onnx_embeddings):
    e = onnx_embeddings
    first = e.embed_query("a　b ")  # full-width space, trailing space: the same question
    e.embed_query("a b")
    assert e.cache.hits == 1 and e.batcher.items == 1
    assert first == e.embed_query("a b")


def test_example_questions_are_encoded_once_across_starts(onnx_embeddings):
    first = onnx_embeddings.embed_queries(["a b", "b a", "a b"])
    assert first[0] == first[2]
    e = onnx_embeddings
    again = OnnxEmbeddings(e.query_model.parent.parent, e.query_model, e.passage_model, query_cache=8)
    calls = []
    again._encode_questions = lambda qs: calls.append(qs) or []
    assert again.embed_queries(["b a", "a b"]) == [first[1], first[0]]
    assert calls == []  # read from the vector file the first instance wrote next to the model
    assert again.cache.hits == 0  # a user's question is never among them


def test_loading_the_onnx_path_imports_no_torch(tiny_folder, tmp_path):
    src, _ = tiny_folder
    code = ("import sys; from pathlib import Path; from index.search.e5convert import ensure_onnx;"
            "from index.search.onnx_encoder import OnnxEmbeddings;"
            f"p = ensure_onnx(Path({str(tmp_path / 'c')!r}), progress=lambda m: None, source=Path({str(src)!r}));"
            "OnnxEmbeddings(p.parent.parent, p, p).embed_query('a');"
            "print([m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------ caches and batching


def test_lru_drops_the_least_recently_used():
    c: LRU[int] = LRU(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1
    c.put("c", 3)  # "b" was used least recently
    assert c.get("b") is None and c.get("a") == 1 and c.get("c") == 3 and len(c) == 2
    off: LRU[int] = LRU(0)
    off.put("a", 1)
    assert off.get("a") is None


def test_question_key_ignores_width_and_spacing():
    assert question_key("  市长 是谁？ ") == question_key("市长\u3000是谁?") == "市长 是谁?"
    assert question_key("市长是谁") != question_key("市长 是谁")


def test_a_lone_call_runs_at_once():
    b = MicroBatcher(lambda xs: [x * 2 for x in xs], max_wait_s=1.0)
    t0 = time.perf_counter()
    assert b(21) == 42
    assert time.perf_counter() - t0 < 0.5 and b.batches == 1


def test_calls_arriving_together_share_a_pass():
    gate = threading.Event()
    sizes = []

    def slow_double(xs):
        sizes.append(len(xs))
        gate.wait(5)  # the first pass blocks until every other caller has queued
        return [x * 2 for x in xs]

    b = MicroBatcher(slow_double, max_batch=16, max_wait_s=0.0)
    results = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, b(i))) for i in range(9)]
    threads[0].start()
    while not sizes:
        time.sleep(0.001)
    for t in threads[1:]:
        t.start()
    while len(b._pending) < 8:
        time.sleep(0.001)
    gate.set()
    for t in threads:
        t.join(5)
    assert results == {i: i * 2 for i in range(9)}
    assert sizes == [1, 8]


def test_an_error_reaches_every_caller_of_its_batch_and_the_batcher_goes_on():
    def fail_on_odd(xs):
        if any(x % 2 for x in xs):
            raise ValueError("odd")
        return xs

    b = MicroBatcher(fail_on_odd)
    with pytest.raises(ValueError, match="odd"):
        b(1)
    assert b(2) == 2


def test_settings_read_the_encoder_from_the_environment(monkeypatch):
    monkeypatch.setenv("BOT_ENCODER", "torch")
    monkeypatch.setenv("BOT_QUERY_CACHE", "0")
    s = IndexSettings.from_env()
    assert s.encoder == "torch" and s.query_cache == 0
    assert replace(s, encoder="onnx").encoder == "onnx"


def test_micro_batcher_with_two_lanes_answers_every_caller_once_and_in_order():
    import threading
    import time

    from index.search.batcher import MicroBatcher

    running, peak, lock = [0], [0], threading.Lock()

    def square(xs):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.005)
        with lock:
            running[0] -= 1
        return [x * x for x in xs]

    batcher = MicroBatcher(square, max_batch=4, max_wait_s=0.001, lanes=2)
    out: dict[int, int] = {}

    def call(i):
        out[i] = batcher(i)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert out == {i: i * i for i in range(60)}
    assert batcher.items == 60 and peak[0] <= 2 and batcher._running == 0


def test_int8_weights_are_7_bit_only_on_an_x86_cpu_without_vnni():
    avx2 = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n"
    vnni = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 avx512f avx512_vnni\n"
    assert onnx_graph.int8_saturates("x86_64", avx2)
    assert not onnx_graph.int8_saturates("x86_64", vnni)
    assert not onnx_graph.int8_saturates("aarch64", avx2)
    assert onnx_graph.int8_saturates("AMD64", "")  # no flag list to read: taken to saturate


def test_an_int8_export_made_for_the_other_kind_of_cpu_is_exported_again(tiny_folder, tmp_path, monkeypatch):
    src, _ = tiny_folder
    cache = tmp_path / "cache"
    # What is checked is which export the cache keeps, not its quality (an 8-bit export of the tiny model fails the
    # quality check on a CPU without VNNI, which is the point of the 7-bit one).
    monkeypatch.setattr(e5convert, "verify_export", lambda *a, **k: None)
    monkeypatch.setattr(onnx_graph, "int8_saturates", lambda *a: False)  # made on a VNNI machine
    int8 = ensure_onnx(cache, "int8", progress=lambda m: None, source=src)
    assert json.loads(int8.with_name(int8.name + ".json").read_text(encoding="utf-8"))["reduce_range"] is False
    monkeypatch.setattr(onnx_graph, "int8_saturates", lambda *a: True)  # the cache moved to a CPU without VNNI
    lines = []
    assert ensure_onnx(cache, "int8", progress=lines.append, source=src) == int8
    assert any("exporting" in line for line in lines)
    assert json.loads(int8.with_name(int8.name + ".json").read_text(encoding="utf-8"))["reduce_range"] is True
