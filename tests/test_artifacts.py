"""The per-index artifact cache (index.search.artifacts) and its users: tagged names, word-bridge and router vectors.

A hit must spare the work (no tagging, no model call), and a stale key, a damaged file or a missing folder must
lead to the same result as computing afresh.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes import BigramEmbeddings  # noqa: E402

from bot.pipeline import normalise  # noqa: E402
from bot.pipeline.router import QueryCache, Router, load_examples, shared_queries  # noqa: E402
from bot.pipeline.terms import TermBridge  # noqa: E402
from index.search.artifacts import Artifacts, code_version, digest, model_id, strings  # noqa: E402
from index.search.lru import LRU  # noqa: E402

VOCAB = ["电子商务", "跨境电商", "外贸", "网店", "营商环境", "政务服务", "交通建设", "生态保护", "森林城市",
         "乡村振兴", "科技创新", "数字经济", "文化旅游", "教育医疗", "林业局", "局长"]


class CountingEmbeddings(BigramEmbeddings):
    """BigramEmbeddings that also count questions, so a test can say "no model call at all"."""

    def __init__(self, dim: int = 64):
        super().__init__(dim)
        self.queries = 0

    def embed_query(self, text: str) -> list[float]:
        """Embed a question, counted."""
        self.queries += 1
        return super().embed_query(text)


# ------------------------------------------------------------ the cache itself


def test_saved_artifact_is_read_back_for_the_same_key(tmp_path):
    art = Artifacts(tmp_path / "a")
    arrays = {"terms": strings(["甲", "乙乙"]), "vectors": np.arange(6, dtype=np.float32).reshape(2, 3)}
    assert art.save("x", "k1", arrays)
    got = art.load("x", "k1")
    assert got["terms"].tolist() == ["甲", "乙乙"] and np.array_equal(got["vectors"], arrays["vectors"])
    assert art.has("x", "k1") and (art.hits, art.misses, art.writes) == (1, 0, 1)
    assert not list((tmp_path / "a").glob(".*tmp"))  # written through a temporary name, nothing left over


def test_stale_key_reads_as_missing_and_get_recomputes(tmp_path):
    art = Artifacts(tmp_path)
    art.save("x", "old", {"v": np.ones(2)})
    assert art.load("x", "new") is None and not art.has("x", "new")
    calls = []
    got = art.get("x", "new", lambda: calls.append(1) or {"v": np.zeros(2)})
    assert calls == [1] and np.array_equal(got["v"], np.zeros(2))
    assert np.array_equal(art.load("x", "new")["v"], np.zeros(2))  # the new value replaced the stale one


@pytest.mark.parametrize("damage", [b"", b"not a zip file", b"PK\x03\x04 truncated"])
def test_corrupt_file_reads_as_missing_and_get_recomputes(tmp_path, damage):
    art = Artifacts(tmp_path)
    art.save("x", "k", {"v": np.ones(3)})
    art.path("x").write_bytes(damage)
    assert art.load("x", "k") is None
    got = art.get("x", "k", lambda: {"v": np.full(3, 2.0)})
    assert np.array_equal(got["v"], np.full(3, 2.0)) and np.array_equal(art.load("x", "k")["v"], np.full(3, 2.0))


def test_without_a_folder_or_writable_place_everything_is_computed(tmp_path):
    none = Artifacts(None)
    assert none.get("x", "k", lambda: {"v": np.ones(1)})["v"].tolist() == [1.0]
    assert not none.save("x", "k", {"v": np.ones(1)}) and none.load("x", "k") is None
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    art = Artifacts(blocked / "sub")
    assert art.get("x", "k", lambda: {"v": np.ones(1)})["v"].tolist() == [1.0]
    assert art.writes == 0


def test_digest_tells_apart_what_concatenation_would_not():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(["a", "b"]) == digest(["a", "b"]) != digest(["b", "a"])
    assert digest({"b": 1, "a": 2}) == digest({"a": 2, "b": 1})
    assert digest(np.ones(2, np.float32)) != digest(np.ones(2, np.float64))


def test_code_version_changes_with_the_source(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("X = 1\n", encoding="utf-8")
    before = code_version(src)
    other = tmp_path / "n.py"
    other.write_text("X = 2\n", encoding="utf-8")
    assert code_version(other) != before and code_version(src) == before


def test_model_id_looks_through_caches_and_tells_models_apart():
    a = BigramEmbeddings(64)
    assert model_id(QueryCache(a)) == model_id(a)
    assert model_id(BigramEmbeddings(32)) != model_id(a)


def test_settings_place_artifacts_in_the_store_folder_or_per_server(tmp_path):
    from index.settings import IndexSettings

    embedded = Artifacts.for_settings(IndexSettings(store_dir=tmp_path / "s", collection="c"))
    assert embedded.folder == tmp_path / "s" / "artifacts" / "c"
    server = Artifacts.for_settings(IndexSettings(chroma_host="h", chroma_port=1, cache_dir=tmp_path / "cache"))
    assert server.folder == tmp_path / "cache" / "artifacts" / "h-1" / "corpus"


# ------------------------------------------------------------ tagged names (normalise.for_corpus)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The fixture article, parsed."""
    from index.ingest.corpus import load_corpus
    from tests.conftest import ARTICLE, DATA

    folder = tmp_path_factory.mktemp("names")
    (folder / ARTICLE).write_bytes((DATA / ARTICLE).read_bytes())
    return load_corpus(folder)


def test_names_hit_skips_the_tagger(tmp_path, corpus, monkeypatch):
    art = Artifacts(tmp_path)
    first = normalise.for_corpus(corpus, artifacts=art)
    assert art.writes == 1
    monkeypatch.setattr(normalise, "corpus_vocabulary", lambda c: pytest.fail("tagged again"))
    again = normalise.for_corpus(corpus, artifacts=art)
    assert again.vocabulary.terms == first.vocabulary.terms and art.hits == 1


def test_names_are_the_same_computed_or_read(tmp_path, corpus):
    plain = normalise.for_corpus(corpus)
    art = Artifacts(tmp_path)
    normalise.for_corpus(corpus, artifacts=art)
    assert normalise.for_corpus(corpus, artifacts=art).vocabulary.terms == plain.vocabulary.terms


def test_names_of_a_changed_corpus_are_tagged_again(tmp_path, corpus, monkeypatch):
    from dataclasses import replace

    art = Artifacts(tmp_path)
    normalise.for_corpus(corpus, artifacts=art)
    doc = corpus.documents[0]
    changed = replace(corpus, documents=[replace(doc, body=doc.body + "\n甲乙市丙丁区")])
    calls = []
    real = normalise.corpus_vocabulary
    monkeypatch.setattr(normalise, "corpus_vocabulary", lambda c: calls.append(1) or real(c))
    normalise.for_corpus(changed, artifacts=art)
    assert calls == [1]


def test_names_file_damaged_is_tagged_again(tmp_path, corpus):
    art = Artifacts(tmp_path)
    want = normalise.for_corpus(corpus, artifacts=art).vocabulary.terms
    art.path("names").write_bytes(b"garbage")
    assert normalise.for_corpus(corpus, artifacts=art).vocabulary.terms == want and art.writes == 2


# ------------------------------------------------------------ the word bridge's term vectors


def _bridge(emb, art) -> TermBridge:
    b = TermBridge(VOCAB, emb, artifacts=art)
    b.warm_up()
    b._ready.wait(10)
    return b


def test_bridge_hit_embeds_nothing_and_bridges_the_same(tmp_path):
    art = Artifacts(tmp_path)
    first_emb = BigramEmbeddings()
    first = _bridge(first_emb, art)
    assert first_emb.calls == len(first.terms)
    emb = BigramEmbeddings()
    again = _bridge(emb, art)
    assert emb.calls == 0 and again.ready
    assert np.array_equal(again._vectors, first._vectors) and np.array_equal(again._nearest, first._nearest)
    words = ["电商", "网购", "外贸网店"]
    assert again.bridge(words) == first.bridge(words)


def test_bridge_of_another_model_embeds_again(tmp_path):
    art = Artifacts(tmp_path)
    _bridge(BigramEmbeddings(64), art)
    other = BigramEmbeddings(32)
    b = _bridge(other, art)
    assert other.calls == len(b.terms) and b._vectors.shape[1] == 32


def test_bridge_file_damaged_embeds_again(tmp_path):
    art = Artifacts(tmp_path)
    first = _bridge(BigramEmbeddings(), art)
    art.path("term-vectors").write_bytes(b"\x00" * 10)
    emb = BigramEmbeddings()
    b = _bridge(emb, art)
    assert emb.calls == len(b.terms) and np.array_equal(b._vectors, first._vectors)


def test_bridge_of_a_changed_vocabulary_embeds_it_afresh(tmp_path):
    art = Artifacts(tmp_path)
    _bridge(BigramEmbeddings(), art)
    emb = BigramEmbeddings()
    b = _bridge_of(VOCAB + ["新增词语"], emb, art)
    fresh = _bridge_of(VOCAB + ["新增词语"], BigramEmbeddings(), None)
    assert emb.calls == len(b.terms)  # other terms, other batches: nothing is mixed with the old file
    assert np.array_equal(b._vectors, fresh._vectors) and np.array_equal(b._nearest, fresh._nearest)
    again = BigramEmbeddings()
    _bridge_of(VOCAB + ["新增词语"], again, art)
    assert again.calls == 0


def test_bridge_stopped_half_way_keeps_what_it_embedded(tmp_path):
    art = Artifacts(tmp_path)
    many = [f"词语{i:04d}" for i in range(300)]

    class Stopping(BigramEmbeddings):
        """Asks its bridge (when given one) to stop after the first batch, as the exit hook does."""

        bridge = None

        def embed_documents(self, texts):
            out = super().embed_documents(texts)
            if self.bridge is not None:
                self.bridge._stop.set()
            return out

    first = Stopping()
    b = TermBridge(many, first, artifacts=art)
    first.bridge = b
    b.warm_up()
    b._thread.join(10)
    done = first.calls
    assert 0 < done < len(many) and b._vectors is None
    emb = Stopping()  # the same model (class) again, not stopped this time
    again = _bridge_of(many, emb, art)
    assert emb.calls == len(many) - done  # it went on from the next batch
    whole = _bridge_of(many, Stopping(), None)
    assert np.array_equal(again._vectors, whole._vectors) and np.array_equal(again._nearest, whole._nearest)


def _bridge_of(vocab, emb, art) -> TermBridge:
    b = TermBridge(vocab, emb, artifacts=art)
    b.warm_up()
    b._ready.wait(10)
    return b


# ------------------------------------------------------------ the router's example vectors


def test_router_hit_calls_no_model_and_routes_the_same(tmp_path):
    art = Artifacts(tmp_path)
    examples = load_examples()[:40]
    first = Router(examples, CountingEmbeddings(), artifacts=art)
    emb = CountingEmbeddings()  # nameless: the process-wide memo does not know it, only the artifact can
    again = Router(examples, emb, artifacts=art)
    assert emb.queries == 0 and emb.calls == 0
    assert np.array_equal(again._matrix, first._matrix) and (again.loose, again.sure) == (first.loose, first.sure)
    q = examples[3][0]
    assert again.route(q) == first.route(q)


def test_router_with_other_examples_embeds_them(tmp_path):
    art = Artifacts(tmp_path)
    Router(load_examples()[:20], CountingEmbeddings(), artifacts=art)
    emb = CountingEmbeddings()
    Router(load_examples()[20:30], emb, artifacts=art)
    assert emb.queries == 10


# ------------------------------------------------------------ one question cache, not two


def test_encoder_with_its_own_cache_is_used_as_is():
    emb = BigramEmbeddings()
    emb.cache = LRU(16)
    assert shared_queries(emb) is emb
    emb.cache = LRU(0)  # its cache is off: the router and retrieval still share one vector per question
    wrapped = shared_queries(emb)
    assert isinstance(wrapped, QueryCache) and shared_queries(wrapped) is wrapped
    assert isinstance(shared_queries(BigramEmbeddings()), QueryCache)


def test_the_names_jieba_tags_in_a_text_are_kept_and_read_back(tmp_path):
    from index.search import tokenize

    text = "今年71岁的葛素云住在5楼。她告诉记者，有了电梯以后每天都能下楼。"
    cache = Artifacts(tmp_path)
    saved = tokenize._NAMES_CACHE[0]
    tokenize._NAMES_CACHE[0] = cache
    try:
        first = tokenize.person_names(text)
        again = tokenize.person_names(text)
    finally:
        tokenize._NAMES_CACHE[0] = saved
    assert first == again and "葛素云" in first
    assert cache.writes == 1 and cache.hits == 1
