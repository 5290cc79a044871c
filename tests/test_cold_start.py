"""Cold start: an up-to-date index opens from its artifacts without chromadb, `ask` imports only what it needs,
and the lean replacements (plain steps for LCEL, pypinyin's table read directly) give the same results."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import ARTICLE, DATA  # noqa: E402
from tests.fakes import BigramEmbeddings  # noqa: E402

from index.ingest.corpus import load_corpus  # noqa: E402
from index.open import LazyStore, _stored_searcher, build_searcher, corpus_chunks, dense_key, reopen_if_changed  # noqa: E402
from index.search.artifacts import Artifacts  # noqa: E402
from index.search.catalog import read_active  # noqa: E402
from index.settings import IndexSettings  # noqa: E402

MODEL = "fake-bigram"


def _run(code: str, timeout: float = 120) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                         timeout=timeout)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


@pytest.fixture
def built(tmp_path):
    """The fixture article indexed into a real embedded Chroma store with fake embeddings, read once through
    Chroma (which keeps the generation's vectors as an artifact): (settings, corpus, embeddings, store, opened)."""
    from index.search.build import build_index
    from index.search.store import ChunkStore

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / ARTICLE).write_bytes((DATA / ARTICLE).read_bytes())
    settings = IndexSettings(corpus_dir=folder, store_dir=tmp_path / "store", embedding_model=MODEL)
    corpus = load_corpus(folder)
    emb = BigramEmbeddings()
    store = ChunkStore.open(settings, emb)
    build_index(corpus_chunks(corpus), store, progress=False)
    opened = build_searcher(corpus, store, Artifacts.for_settings(settings))
    return settings, corpus, emb, store, opened


# ------------------------------------------------------------ the read path without chromadb


def test_catalog_read_without_chromadb_agrees_with_the_store(built):
    settings, _, _, store, _ = built
    assert read_active(settings.store_dir, settings.collection) == store.active()
    assert read_active(settings.store_dir, "another") is None
    assert read_active(settings.store_dir.parent / "nowhere", settings.collection) is None


def test_up_to_date_index_opens_from_its_artifacts_with_the_same_vectors(built):
    settings, corpus, emb, _, opened = built
    fast = _stored_searcher(settings, corpus, lambda: emb)
    assert fast is not None and isinstance(fast.store, LazyStore) and not fast.store.opened
    assert [c.chunk_id for c in fast.chunks] == [c.chunk_id for c in opened.chunks]
    assert np.array_equal(fast.searcher.dense.matrix, opened.searcher.dense.matrix)
    q = corpus.documents[0].body[200:230]
    assert [h.chunk.chunk_id for h in fast.searcher.search(q)] == [h.chunk.chunk_id for h in opened.searcher.search(q)]
    assert fast.store.active() == opened.store.active() and not fast.store.opened  # told by the catalog file


def test_changed_corpus_model_or_missing_vectors_open_the_store_instead(built, tmp_path):
    from dataclasses import replace

    settings, corpus, emb, _, opened = built
    doc = corpus.documents[0]
    edited = replace(corpus, documents=[replace(doc, sha256="edited")])
    assert _stored_searcher(settings, edited, lambda: emb) is None
    assert _stored_searcher(replace(settings, embedding_model="other"), corpus, lambda: emb) is None
    assert _stored_searcher(replace(settings, chroma_host="127.0.0.1"), corpus, lambda: emb) is None
    art = Artifacts.for_settings(settings)
    art.path("dense").write_bytes(b"damaged")
    assert _stored_searcher(settings, corpus, lambda: emb) is None


def test_a_stale_dense_artifact_is_never_used(built):
    settings, corpus, emb, store, _ = built
    info = store.active()
    art = Artifacts.for_settings(settings)
    stored = art.load("dense", dense_key(info))
    art.save("dense", "some-other-generation", stored)
    assert _stored_searcher(settings, corpus, lambda: emb) is None


def test_lazy_store_opens_chroma_only_when_asked_more_than_the_active_generation(built):
    settings, corpus, emb, _, _ = built
    fast = _stored_searcher(settings, corpus, lambda: emb)
    lazy = fast.store
    assert lazy.active().name == fast.searcher.dense.info.name and not lazy.opened
    assert lazy.check() is True and not lazy.opened  # readiness: the catalog file and the model, no client
    assert lazy.count() == len(fast.chunks) and lazy.opened  # anything else opens the store
    assert lazy.check() is True  # now Chroma's own check


def test_lazy_store_is_not_ready_when_its_catalog_is_damaged(built):
    settings, corpus, emb, _, _ = built
    lazy = _stored_searcher(settings, corpus, lambda: emb).store
    db = settings.store_dir / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:8192] + b"\xff" * (db.stat().st_size - 8192))
    assert lazy.check() is False and not lazy.opened


def test_reader_from_artifacts_follows_a_build_by_another_process(built):
    from index.search.build import build_index
    from index.search.store import ChunkStore

    settings, corpus, emb, _, _ = built
    fast = _stored_searcher(settings, corpus, lambda: emb)
    before = fast.store.active().name
    # another process: rebuilds the same corpus into a new generation, and reads it (keeping its vectors)
    other = ChunkStore.open(settings, BigramEmbeddings())
    build_index(corpus_chunks(corpus), other, progress=False, rebuild=True)
    build_searcher(corpus, other, Artifacts.for_settings(settings))
    switched = reopen_if_changed(settings, fast.store, before)
    assert switched is not None and switched[0] != before and switched[0] == other.active().name
    assert switched[1].store is fast.store and np.array_equal(switched[1].searcher.dense.matrix,
                                                             fast.searcher.dense.matrix)


def test_reading_an_up_to_date_index_imports_no_chromadb(built):
    settings, *_ = built
    code = f"""
import sys, json, zlib
sys.path.insert(0, {str(ROOT)!r})
from langchain_core.embeddings import Embeddings
from index.ingest.corpus import load_corpus
from index.open import _stored_searcher
from index.settings import IndexSettings
from bot.chatbot import Chatbot, knowledge_from
from bot.backends.extractive import ExtractiveBackend
class BigramEmbeddings(Embeddings):  # tests.fakes' kind of vectors; tests.fakes itself imports LangChain's chat fakes
    def _vec(self, text):
        v, t = [0.0] * 64, "".join(text.split())
        for a, b in zip(t, t[1:]):
            v[zlib.crc32((a + b).encode("utf-8")) % 64] += 1.0
        n = sum(x * x for x in v) ** 0.5 or 1.0
        return [x / n for x in v]
    def embed_documents(self, texts):
        return [self._vec(t) for t in texts]
    def embed_query(self, text):
        return self._vec(text)
s = IndexSettings(corpus_dir={str(settings.corpus_dir)!r}, store_dir={str(settings.store_dir)!r}, embedding_model="{MODEL}")
opened = _stored_searcher(s, load_corpus(s.corpus_dir), BigramEmbeddings)
kb = knowledge_from(opened, warm=False)
bot = Chatbot(kb, ExtractiveBackend(kb), opened.store, index_settings=s)
a = bot.ask("市林业局局长是谁?")
print(json.dumps([opened is not None, bool(a.answer), sorted(m for m in ("chromadb", "gradio", "fastapi", "torch",
      "langchain_core.runnables.base") if m in sys.modules)]))
"""
    assert json.loads(_run(code)) == [True, True, []]


def test_ask_imports_neither_the_store_client_nor_lcel_nor_numerals():
    code = ("import sys; from bot.cli import parser; parser(); import bot.chatbot, index.open, bot.backends.extractive,"
            " index.search.embeddings, index.search.onnx_encoder;"
            "print(sorted(m for m in ('chromadb', 'torch', 'gradio', 'fastapi', 'langchain_core.runnables.base',"
            " 'cn2an', 'pypinyin', 'jieba.posseg') if m in sys.modules))")
    assert _run(code) == "[]"


# ------------------------------------------------------------ lean replacements give the same results


def test_jieba_dictionary_from_the_cache_equals_jiebas_own(tmp_path):
    code = f"""
import hashlib, json, sys
from index.search.artifacts import Artifacts
from index.search.tokenize import load_dictionary
import jieba
cache = Artifacts({str(tmp_path)!r})
load_dictionary(cache)
h = hashlib.sha256(json.dumps(sorted(jieba.dt.FREQ.items()), ensure_ascii=False).encode()).hexdigest()
print(json.dumps([h, jieba.dt.total, cache.hits, cache.writes, jieba.lcut("市林业局局长王理效表示")]))
"""
    first = json.loads(_run(code))
    again = json.loads(_run(code))
    assert first[2:4] == [0, 1] and again[2:4] == [1, 0]  # computed and kept, then read
    assert again[:2] == first[:2] and again[4] == first[4]


def test_readings_from_the_table_equal_pypinyin_for_every_common_character():
    from pypinyin import Style, pinyin

    from bot.pipeline.normalise import readings

    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    assert all(readings(ch) == frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]) for ch in chars)
    assert readings("A") == frozenset({"A"}) and readings("欸") >= {"ê", "ai", "ei"}


def test_steps_run_in_order_and_as_an_lcel_runnable_alike():
    from bot.pipeline.chain import Steps

    chain = Steps(("a", lambda x: x + ["a"])) | Steps(("b", lambda x: x + ["b"]), ("c", lambda x: x + ["c"]))
    assert chain.invoke([]) == ["a", "b", "c"]
    assert chain.as_runnable().invoke([]) == ["a", "b", "c"]
    assert [n for n, _ in chain.steps] == ["a", "b", "c"]


def test_chain_answers_the_same_through_steps_and_lcel(article_kb):
    from bot.backends.extractive import ExtractiveBackend
    from bot.pipeline.chain import build_chain

    chain = build_chain(article_kb, ExtractiveBackend(article_kb))
    lcel = chain.as_runnable()
    for q in ("市林业局局长是谁?", "谁谈到了营商环境?", "文章讲了什么?"):
        a = chain.invoke({"question": q, "history": []})
        b = lcel.invoke({"question": q, "history": []})
        assert (a.answer, a.found, a.citations) == (b.answer, b.found, b.citations)
