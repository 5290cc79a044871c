"""The e5 encoder on onnxruntime: the same vectors as the torch path, without importing torch.

Questions go through an LRU cache and a micro-batcher on a one-thread session (cheap per call, robust
when other requests or processes busy the cores); passages, embedded when indexing, on a session using
every core that is only created when first needed.
"""
from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from index.search.batcher import MicroBatcher
from index.search.lru import LRU, question_key

# Questions per forward pass: on one thread, batches of ~8 similar-length questions gave the most
# questions per second here; larger ones lose it again to padding and cache misses.
BATCH_MAX = 8


def open_session(path: Path, threads: int):
    """An onnxruntime CPU session with `threads` intra-op threads and full graph optimisation."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Spinning workers waiting for work steal the core other requests need (as torch's did).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings over an ONNX sentence encoder (inputs ids + mask → normalised vectors)."""

    def __init__(self, folder: Path, query_model: Path, passage_model: Path, *, name: str = "",
                 batch_size: int = 32, query_threads: int = 1, query_cache: int = 1024,
                 batch_max: int = BATCH_MAX, batch_wait_s: float = 0.002, lanes: int = 1):
        from tokenizers import Tokenizer

        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = _read_json(folder / "sentence_bert_config.json")
        prompts = _read_json(folder / "config_sentence_transformers.json").get("prompts") or {}
        self.name = name
        self.batch_size = batch_size
        self.query_threads = query_threads
        self.query_prompt = prompts.get("query") or ""
        self.passage_prompt = prompts.get("passage") or prompts.get("document") or ""
        self._dimension = int(config["hidden_size"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(st_config.get("max_seq_length") or config["max_position_embeddings"] - 2))
        pad_id = int(config.get("pad_token_id", 0))
        self.tokenizer.enable_padding(pad_id=pad_id, pad_token=self.tokenizer.id_to_token(pad_id) or "<pad>")
        self.passage_model = passage_model
        self.query_model = Path(query_model)
        # Identifies the exact question encoder, so stored vectors of another export are never reused.
        self._model_id = _read_json(self.query_model.with_name(self.query_model.name + ".json")).get("sha256") or \
            f"{self.query_model.name}:{self.query_model.stat().st_size}"
        passages = Path(passage_model)
        passage_id = _read_json(passages.with_name(passages.name + ".json")).get("sha256") or \
            f"{passages.name}:{passages.stat().st_size}"
        self.model_id = f"{self._model_id}/{passage_id}"  # both encoders' files: keys caches of their vectors
        self.query_session = open_session(query_model, query_threads)
        self._passage_session = None
        self._passage_lock = threading.Lock()
        self.cache: LRU[np.ndarray] = LRU(query_cache)
        # An item is a group of questions one caller needs together (a question and its masked form for the
        # router): the group rides in one pass.
        self.batcher: MicroBatcher[tuple[str, ...], list[np.ndarray]] = MicroBatcher(
            self._encode_groups, batch_max, batch_wait_s, lanes=lanes)

    @property
    def dimension(self) -> int:
        """Length of every vector this model returns."""
        return self._dimension

    def _run(self, session, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], np.int64)
        mask = np.array([e.attention_mask for e in encodings], np.int64)
        return session.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    def _encode_questions(self, questions: list[str]) -> list[np.ndarray]:
        return list(self._run(self.query_session, [self.query_prompt + q for q in questions]))

    def _encode_groups(self, groups: list[tuple[str, ...]]) -> list[list[np.ndarray]]:
        vectors = self._encode_questions([q for g in groups for q in g])
        out, at = [], 0
        for g in groups:
            out.append(vectors[at:at + len(g)])
            at += len(g)
        return out

    def _passages(self):
        with self._passage_lock:
            if self._passage_session is None:
                self._passage_session = open_session(self.passage_model, os.cpu_count() or 1)
            return self._passage_session

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (with the passage prompt), in batches of similar length to waste little padding."""
        if not texts:
            return []
        session = self._passages()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float] | None] = [None] * len(texts)
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            for i, vec in zip(idx, self._run(session, [self.passage_prompt + texts[i] for i in idx])):
                out[i] = vec.tolist()
        return out  # type: ignore[return-value]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many questions (e.g. a router's examples at load time): from the vector file next to the model
        when stored there by an earlier start, else encoded in batches of similar length and stored."""
        keys = [question_key(t) for t in texts]
        known = self._stored_questions()
        missing = [k for k in dict.fromkeys(keys) if k not in known]
        missing.sort(key=len)  # similar lengths together: little padding
        for start in range(0, len(missing), BATCH_MAX):
            chunk = missing[start:start + BATCH_MAX]
            known.update(zip(chunk, self._encode_questions(chunk)))
        if missing:
            self._store_questions(known)
        return [known[k].tolist() for k in keys]

    def _questions_file(self) -> Path:
        return self.query_model.with_name(self.query_model.name + ".questions.npz")

    def _stored_questions(self) -> dict[str, np.ndarray]:
        # Only texts given to embed_queries (bundled example questions) are stored, never a user's question.
        try:
            with np.load(self._questions_file(), allow_pickle=False) as f:
                if str(f["model"]) != self._model_id:
                    return {}
                return dict(zip(f["texts"].tolist(), f["vectors"]))
        except (OSError, KeyError, ValueError):
            return {}

    def _store_questions(self, known: dict[str, np.ndarray]) -> None:
        path = self._questions_file()
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}.npz")
        try:
            np.savez(tmp, model=np.array(self._model_id), texts=np.array(list(known)),
                     vectors=np.array(list(known.values()), np.float32))
            os.replace(tmp, path)
        except OSError:  # a read-only model cache: they are computed again next start
            tmp.unlink(missing_ok=True)

    def embed_query(self, text: str) -> list[float]:
        """Embed a question (with the query prompt); repeated questions come from the cache."""
        key = question_key(text)
        vec = self.cache.get(key)
        if vec is None:
            vec = self.batcher((key,))[0]
            self.cache.put(key, vec)
        return vec.tolist()

    def prefetch(self, texts: list[str]) -> list[list[float]]:
        """Several questions one caller needs together, embedded in one encoder pass (cached ones skipped)."""
        keys = [question_key(t) for t in texts]
        found = {k: v for k in keys if (v := self.cache.get(k)) is not None}
        missing = tuple(k for k in dict.fromkeys(keys) if k not in found)
        if missing:
            for k, v in zip(missing, self.batcher(missing)):
                found[k] = v
                self.cache.put(k, v)
        return [found[k].tolist() for k in keys]


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
