"""Round 26: the calibrated answerability model (bot.pipeline.answerability) and its fitting (bench.calibrate)."""
from __future__ import annotations

import dataclasses

import pytest

from bot.pipeline import answerability
from bot.pipeline.evidence import Evidence, EvidenceFinder
from index.models import Chunk
from index.search.retriever import Hit


class _Keyword:
    """The keyword index's parts the evidence finder reads: a tokenizer, a vocabulary and IDF weights."""

    vocab = {"补贴", "标准", "每户", "元", "申请", "社区"}

    class tokenizer:  # noqa: N801 - the attribute the finder reads
        @staticmethod
        def tokens(text: str) -> list[str]:
            import jieba

            return [t for t in jieba.lcut(text) if t.strip() and t not in "，。？?"]

    @staticmethod
    def idf(_term: str) -> float:
        return 1.0


def _chunk(text: str) -> Chunk:
    return Chunk("c1", "doc", "title", "", 0, 0, len(text), text)


def _model(bias: float, accept: float = 0.9, accept_coverage: float = 0.15):
    n = len(answerability.FEATURES)
    return answerability.Calibration((0.0,) * n, (1.0,) * n, (0.0,) * n, bias, accept, accept_coverage)


def _judge(monkeypatch, model, coverage: float, similarity: float = 0.9):
    monkeypatch.setattr(answerability, "calibration", lambda: model)
    chunk = _chunk("补贴标准为每户3000元。")
    ev = Evidence(chunk, [chunk.text], coverage, 0)
    hits = [Hit(chunk, 1.0, keyword_rank=1, dense_rank=1, dense_score=0.88)]
    return answerability.judge(ev, hits, set(), lambda _text: similarity, "补贴给多少")


def test_the_model_never_refuses_what_the_words_already_answer(monkeypatch):
    assert _judge(monkeypatch, None, coverage=1.0).outcome == answerability.ANSWER
    assert _judge(monkeypatch, _model(bias=-5.0), coverage=1.0).outcome == answerability.ANSWER


def test_the_model_accepts_a_refused_passage_it_finds_likely_only_above_its_coverage_floor(monkeypatch):
    # 0.1 is under every band: the words alone refuse it.
    assert _judge(monkeypatch, None, coverage=0.1, similarity=0.80).outcome == answerability.NONE
    assert _judge(monkeypatch, _model(bias=5.0, accept_coverage=0.05), coverage=0.1,
                  similarity=0.80).outcome == answerability.ANSWER
    assert _judge(monkeypatch, _model(bias=5.0, accept_coverage=0.2), coverage=0.1,
                  similarity=0.80).outcome == answerability.NONE


def test_without_a_sentence_similarity_the_bands_decide_alone(monkeypatch):
    monkeypatch.setattr(answerability, "calibration", lambda: _model(bias=5.0, accept_coverage=0.05))
    chunk = _chunk("补贴标准为每户3000元。")
    ev = Evidence(chunk, [chunk.text], 0.1, 0)
    hits = [Hit(chunk, 1.0, keyword_rank=1, dense_rank=1, dense_score=0.88)]
    assert answerability.judge(ev, hits, set(), None, "补贴给多少").outcome == answerability.NONE


def test_the_probability_rises_with_a_feature_of_positive_weight():
    n = len(answerability.FEATURES)
    weights = [0.0] * n
    weights[answerability.FEATURES.index("similarity")] = 2.0
    model = answerability.Calibration((0.0,) * n, (1.0,) * n, tuple(weights), 0.0, 0.9, 0.15)
    low = {f: 0.0 for f in answerability.FEATURES} | {"similarity": 0.8}
    high = low | {"similarity": 0.95}
    assert model.probability(high) > model.probability(low)
    assert 0.0 < model.probability(low) < 1.0


def test_the_shipped_model_reads_the_features_the_code_computes():
    answerability.calibration.cache_clear()
    model = answerability.calibration()
    assert model is not None
    assert len(model.weights) == len(answerability.FEATURES) == len(model.mean) == len(model.scale)
    assert 0.5 <= model.accept <= 1.0 and 0.0 < model.accept_coverage < answerability.LEXICAL_ALONE


def test_the_features_are_the_models_names_and_read_the_evidence():
    chunk = dataclasses.replace(_chunk("补贴标准为每户3000元。"), source_kind="question")
    ev = Evidence(chunk, [chunk.text], 0.5, 0, missed_known=0.25, missed_unknown=0.125)
    hits = [Hit(chunk, 1.0, keyword_rank=2, dense_rank=1, dense_score=0.85)]
    x = answerability.features(ev, hits, {"money"}, 0.9, "补贴给多少钱", scoped=False)
    assert tuple(x) == answerability.FEATURES
    assert x["keyword_rank"] == 0.5 and x["dense_first"] == 1.0 and x["asked_passage"] == 1.0
    assert x["missed_known"] == 0.25 and x["missed_unknown"] == 0.125 and x["type_missing"] == 0.0


def test_the_evidence_says_which_share_of_the_question_it_lacks_by_whether_the_corpus_knows_the_word():
    finder = EvidenceFinder(_Keyword())
    chunk = _chunk("补贴标准为每户3000元。")
    ev = finder.best("社区补贴标准咋个算嘛老汉", [Hit(chunk, 1.0, keyword_rank=1, dense_rank=1)])
    assert ev is not None
    # "社区" is a corpus word the sentence lacks; the everyday words are no corpus words.
    assert ev.missed_known > 0 and ev.missed_unknown > 0
    assert ev.missed_known + ev.missed_unknown < 1.0


def test_a_locked_set_is_never_used_to_fit_and_a_reported_one_is(tmp_path):
    from bench.calibrate import usable

    locked, reported, plain = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (locked, reported, plain):
        folder.mkdir()
    (locked / "README.md").write_text("# set\n\nStatus: LOCKED held-out set, written (not yet run).\n", encoding="utf-8")
    (reported / "README.md").write_text("# set\n\nStatus: reported once, in round 9. Tuning data from here on.\n\n"
                                        "(Written as: LOCKED held-out set)\n", encoding="utf-8")
    (plain / "README.md").write_text("# set\n\nQuestions.\n", encoding="utf-8")
    assert not usable(locked)
    assert usable(reported) and usable(plain)


def test_the_fit_separates_what_a_feature_separates():
    np = pytest.importorskip("numpy")
    from bench.calibrate import _fit, _prob

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] > 0).astype(float)
    w = _fit(x, y)
    p = _prob(w, x)
    assert ((p > 0.5) == (y == 1)).mean() > 0.95
    assert abs(w[0]) > abs(w[1])


def _script_doc(tmp_path, text: str):
    from index.ingest.corpus import parse_document

    path = tmp_path / "某台_2026-09-01_夜市.txt"
    path.write_text(text, encoding="utf-8")
    return parse_document(path, path.name, 10_000_000)


def _speakers_of(doc) -> dict[str, str]:
    return {s.text: (s.speaker.name if s.speaker else "") for _, _, s in doc.sentences()}


def test_a_sound_bite_block_is_the_captioned_persons_words_in_every_caption_form(tmp_path):
    doc = _script_doc(tmp_path, 
        "都市新闻 2026年9月1日\n\n【导语】老城区的夜市重新开市。\n\n"
        "【同期声】周海燕 市商务局副局长\n我们一共设置了120个摊位。\n\n"
        "【解说】不少摊主是第一次出摊。\n\n"
        "【同期声】\n字幕：钱广 市城管局执法支队队长\n周边安排了20名执法队员。\n\n"
        "【同期】吴大勇（摊主）：我卖凉粉十几年了。\n\n"
        "【同期声】（市交通运输局局长 孟庆华）\n夜市开通了两条夜间公交。\n\n"
        "【记者出镜】我身后就是夜市的入口。\n")
    said = _speakers_of(doc)

    def who(words: str) -> str:
        return next(name for text, name in said.items() if words in text)

    assert who("120个摊位") == "周海燕"
    assert who("20名执法队员") == "钱广"
    assert who("两条夜间公交") == "孟庆华"
    assert who("凉粉") == "吴大勇"
    # The programme's narration and the reporter on camera stay nobody's statements.
    assert who("第一次出摊") == "" and who("夜市的入口") == ""


def test_a_caption_reads_name_then_post_and_post_then_name_and_nothing_else():
    from index.ingest.captions import caption_person

    assert caption_person("杨春梅 青坪村快递驿站管理员").name == "杨春梅"
    assert caption_person("县商务局局长 罗建国").title == "县商务局局长"
    assert caption_person("字幕：赵德明 沙州镇党委书记").name == "赵德明"
    assert caption_person("现场 群众") is None
    assert caption_person("记者在现场看到，摊位已经满租。") is None


def test_a_broadcast_credit_line_names_its_crew_not_their_roles():
    from index.ingest.article import parse_byline

    assert parse_byline("记者 何晓东 摄像 周鹏") == ("", ["何晓东", "周鹏"])
