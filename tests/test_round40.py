"""Round 40: the answerability model reads the meaning of question and sentence (their e5 vectors), and may refuse
an answer the word bands accept (its veto point); the fit groups sets by the documents they share."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.pipeline import answerability
from bot.pipeline.evidence import Evidence
from bot.pipeline.similarity import SentenceSimilarity
from index.models import Chunk
from index.search.retriever import Hit

DIM = 4


class CountingEmbeddings(Embeddings):
    """A small real Embeddings: fixed unit vectors by text length, counting the documents it embeds."""

    def __init__(self):
        self.documents = 0

    @staticmethod
    def _vector(text: str) -> list[float]:
        v = np.array([1.0, len(text) % 3, len(text) % 5, 1.0])
        return (v / np.linalg.norm(v)).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def _model(vector_weights=(), veto: float = 0.0, bias: float = 0.0):
    n = len(answerability.FEATURES)
    m = len(vector_weights)
    return answerability.Calibration((0.0,) * n, (1.0,) * n, (0.0,) * n, bias, 0.9, 0.15, 1.01,
                                     (0.0,) * m, (1.0,) * m, tuple(vector_weights), veto)


def _evidence(coverage: float):
    text = "补贴标准为每户3000元。"
    chunk = Chunk("c1", "doc", "title", "", 0, 0, len(text), text)
    return Evidence(chunk, [text], coverage, 0), [Hit(chunk, 1.0, keyword_rank=1, dense_rank=1, dense_score=0.88)]


def test_sentence_similarity_is_the_cosine_and_embeds_each_sentence_once():
    emb = CountingEmbeddings()
    sim = SentenceSimilarity("补贴给多少", emb, {})
    first = sim("补贴标准为每户3000元。")
    q, p = sim.vectors("补贴标准为每户3000元。")
    assert abs(first - float(np.dot(q, p))) < 1e-9
    assert emb.documents == 1  # the second look came from the cache


def test_the_meaning_block_is_the_elementwise_product_then_the_question():
    block = answerability.meaning([1.0, 2.0], [3.0, 0.5])
    assert block.tolist() == [3.0, 1.0, 1.0, 2.0]


def test_the_meaning_block_moves_the_probability_only_when_the_model_has_one():
    x = {f: 0.0 for f in answerability.FEATURES}
    with_block = _model(vector_weights=(0.0,) * DIM + (3.0,) + (0.0,) * (DIM - 1))
    plain = _model()
    vectors = answerability.meaning([1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0])
    assert with_block.probability(x, vectors) > with_block.probability(x) == plain.probability(x) == 0.5


def test_the_veto_refuses_an_answer_the_words_accept_when_the_model_finds_it_very_unlikely(monkeypatch):
    ev, hits = _evidence(coverage=1.0)
    sim = SentenceSimilarity("补贴给多少", CountingEmbeddings(), {})
    monkeypatch.setattr(answerability, "calibration", lambda: _model(veto=0.2, bias=-5.0))
    assert answerability.judge(ev, hits, set(), sim, "补贴给多少").outcome == answerability.NONE
    monkeypatch.setattr(answerability, "calibration", lambda: _model(veto=0.2, bias=0.0))
    assert answerability.judge(ev, hits, set(), sim, "补贴给多少").outcome == answerability.ANSWER
    # Without a sentence similarity the model is never consulted: the words decide.
    monkeypatch.setattr(answerability, "calibration", lambda: _model(veto=0.2, bias=-5.0))
    assert answerability.judge(ev, hits, set(), None, "补贴给多少").outcome == answerability.ANSWER


def test_a_followup_near_the_previous_answer_is_judged_with_the_similarity_object(monkeypatch):
    ev, hits = _evidence(coverage=0.2)
    sim = SentenceSimilarity("多久到账", CountingEmbeddings(), {})
    monkeypatch.setattr(answerability, "calibration", lambda: _model(bias=5.0))
    verdict = answerability.judge_near(ev, hits, set(), sim, "多久到账")
    assert verdict.outcome == answerability.ANSWER and verdict.dense == sim(ev.text)


def test_sets_written_over_one_document_fall_in_one_fold_group():
    from bench.calibrate import document_groups

    rows = [{"id": "qa1-x-1", "s": "甲句。"}, {"id": "qa2-y-1", "s": "乙句。"}, {"id": "qa3-z-1", "s": "甲句。"},
            {"id": "qa2-y-2", "s": "丙句。"}]
    groups = document_groups(rows)
    assert groups[0] == groups[2] != groups[1] == groups[3]


def test_the_veto_point_removes_unanswerable_answers_only_where_they_outweigh_the_right_ones_lost():
    from bench.calibrate import _veto_point

    p = np.array([0.05, 0.06, 0.07, 0.08, 0.3, 0.35, 0.9])
    y = np.array([0, 0, 0, 1, 1, 1, 1])
    answered = np.ones(len(p), dtype=bool)
    t, lost, removed = _veto_point(p, y, answered, cost=2.0)
    assert removed == 3 and lost == 0 and 0.07 < t <= 0.08
    assert _veto_point(p, 1 - y, answered, cost=2.0)[0] == 0.0  # no point gains: never veto


def test_the_fit_writes_the_meaning_block_and_one_model_per_fold(tmp_path, monkeypatch):
    from bench import calibrate

    rng = np.random.default_rng(1)
    rows, vectors = [], []
    for i in range(240):
        answerable = bool(i % 2)
        x = {f: float(rng.normal()) for f in answerability.FEATURES} | {"coverage": 0.3, "type_missing": 0.0}
        rows.append({"id": f"qa{i % 6}-c-{i}", "answerable": answerable, "holds": True, "found": False,
                     "answers": False, "x": x, "q": f"问{i}", "s": f"句{i}"})
        vectors.append(np.r_[rng.normal(size=DIM) + (2.0 if answerable else -2.0), rng.normal(size=DIM)])
    monkeypatch.setattr(calibrate, "meaning_block", lambda _rows: (np.array(vectors), "fake"))
    path = tmp_path / "rec.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    model = calibrate.fit([path], tmp_path / "model.json", 2.0, fold_dir=tmp_path / "folds", l2=1.0)
    assert len(model["vector_weights"]) == len(model["vector_mean"]) == 2 * DIM
    assert model["vector_weights"][0] > 0  # the direction that separates the two kinds
    folds = [json.loads((tmp_path / "folds" / f"fold{k}.json").read_text(encoding="utf-8")) for k in (0, 1)]
    assert sorted(folds[0]["score_on"] + folds[1]["score_on"]) == sorted({f"qa{i}" for i in range(6)})
    assert not set(folds[0]["score_on"]) & set(folds[1]["score_on"])


def test_the_shipped_model_has_a_meaning_block_and_a_veto_below_its_accept_point():
    answerability.calibration.cache_clear()
    model = answerability.calibration()
    assert model is not None
    assert len(model.vector_weights) == len(model.vector_mean) == len(model.vector_scale) > 0
    assert len(model.vector_weights) % 2 == 0  # the product block, then the question's vector
    assert 0.0 < model.veto < model.accept <= model.accept_low


def test_a_followup_near_the_previous_answer_is_judged_by_the_features_alone(monkeypatch):
    ev, hits = _evidence(coverage=0.2)
    sim = SentenceSimilarity("多久到账", CountingEmbeddings(), {})
    fallback = _model(bias=5.0)
    meaning_model = dataclasses.replace(_model(vector_weights=(1.0,) * (2 * DIM), bias=-5.0), fallback=fallback)
    monkeypatch.setattr(answerability, "calibration", lambda: meaning_model)
    assert answerability.judge_near(ev, hits, set(), sim, "多久到账").outcome == answerability.ANSWER


def test_vectors_of_another_embedding_model_are_read_by_the_fallback_fitted_without_them():
    fallback = _model()
    model = dataclasses.replace(_model(vector_weights=(1.0,) * (2 * DIM)), embedding="e5", fallback=fallback)
    other = SentenceSimilarity("问", CountingEmbeddings(), {})  # no name: not the model's
    assert model.reading(other) is fallback
    named = CountingEmbeddings()
    named.name = "e5"
    assert model.reading(SentenceSimilarity("问", named, {})) is model
