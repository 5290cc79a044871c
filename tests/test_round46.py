"""Round 46: the corpus's sentences are embedded once, ahead, and kept in the index's artifacts; the term bridge and
they share one way of embedding a fixed list of texts in the background. Invented documents only."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.pipeline.similarity import SentenceSimilarity, SentenceVectors, evidence_texts
from index.search.artifacts import Artifacts
from tests.conftest import chatbot_for, knowledge_for
from tests.fakes import BigramEmbeddings

NOTICE = """甲市交通运输局_2026-03-02_公交换乘优惠通知.txt
甲市交通运输局关于公交换乘优惠的通知

自4月1日起，市民持交通卡乘坐公交车，90分钟内换乘免费。换乘次数每天不超过4次。

老年人凭老年卡全天免费乘车。学生卡在寒暑假期间照常享受半价优惠。

市交通运输局局长邓某明表示，新政每年将为市民节省车费约3000万元。
"""


def _ready(texts, emb, art=None) -> SentenceVectors:
    vectors = SentenceVectors(texts, emb, artifacts=art)
    vectors.warm_up()
    assert vectors.wait(10)
    return vectors


def test_evidence_texts_hold_each_sentence_each_two_neighbours_and_each_passage_shortest_first(tmp_path: Path):
    name, _, body = NOTICE.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    kb = knowledge_for(tmp_path)
    texts = evidence_texts(kb.chunks)
    first, second = "自4月1日起，市民持交通卡乘坐公交车，90分钟内换乘免费。", "换乘次数每天不超过4次。"
    assert {first, second, first + second} <= set(texts)
    assert any(t == c.text for c in kb.chunks for t in texts)
    assert [len(t) for t in texts] == sorted(len(t) for t in texts)


def test_a_sentence_embedded_ahead_is_not_embedded_again_when_a_question_judges_it():
    texts = ["换乘免费。", "老年人凭老年卡全天免费乘车。"]
    emb = BigramEmbeddings()
    ahead = _ready(texts, emb)
    embedded = emb.calls
    similarity = SentenceSimilarity("老人坐公交要钱吗", emb, {}, ahead)
    dense = similarity(texts[1])
    assert emb.calls == embedded  # read, not embedded
    assert abs(dense - SentenceSimilarity("老人坐公交要钱吗", BigramEmbeddings(), {})(texts[1])) < 1e-6
    similarity("一句不在文中的话。")
    assert emb.calls == embedded + 1  # a text not embedded ahead is embedded as before


def test_sentence_vectors_are_read_from_the_artifacts_at_the_next_start(tmp_path: Path):
    texts = [f"第{i}句话说了一件事。" for i in range(150)]  # more than one batch
    art = Artifacts(tmp_path)
    first = _ready(texts, BigramEmbeddings(), art)
    emb = BigramEmbeddings()
    again = _ready(texts, emb, art)
    assert emb.calls == 0
    assert np.allclose(again.get(texts[-1]), first.get(texts[-1]))
    assert again.get("不在其中的话。") is None


def test_the_chatbot_judges_its_corpus_sentences_with_vectors_embedded_ahead_and_answers_the_same(tmp_path: Path):
    embedded, answers = {}, {}
    for ahead in (True, False):
        folder = tmp_path / str(ahead)
        folder.mkdir()
        bot = chatbot_for(folder, NOTICE)
        assert bot.kb.sentence_vectors is not None and bot.kb.sentence_vectors.wait(10)
        if not ahead:
            bot.kb.sentence_vectors = None  # as before this round: each judged sentence embedded on first use
        fake = bot.kb.embeddings.inner
        before = fake.calls
        answers[ahead] = bot.ask("换乘有时间限制吗").answer  # other words than the text's: judged by meaning too
        embedded[ahead] = fake.calls - before
    assert answers[True] == answers[False]
    assert embedded[False] >= 5 and embedded[True] <= embedded[False] - 3  # what is left: the question's own words


def test_a_line_that_opens_with_its_own_place_is_a_labelled_unit_and_a_mention_inside_a_sentence_is_not():
    from index.ingest.structure import labelled_unit

    assert labelled_unit("第十九条　禁止在河道管理范围内建设妨碍行洪的建筑物。") == ("十九", "条", "禁止在河道管理范围内建设妨碍行洪的建筑物。")
    assert labelled_unit("第10页") == ("10", "页", "")
    assert labelled_unit("第二款：适用于乙县。") == ("二", "款", "适用于乙县。")
    assert labelled_unit("违反本条例第十九条规定的，由甲局责令改正。") is None


def test_an_editors_line_is_told_by_its_label_in_every_form_it_takes():
    from index.ingest.dialogue import is_editors_line

    for line in ("【编者按】县域强则全局稳。", "编者按：以下为摘编。", "编后：这些建议值得重视。", "（编者的话）", "编者：以上观点仅代表个人。"):
        assert is_editors_line(line), line
    assert not is_editors_line("编制部门：甲市发展和改革委员会")
    assert not is_editors_line("邓某明：我们编者按语不多说。")
