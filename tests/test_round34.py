"""Round 34: a dictionary's shared meanings bridge everyday words the embedding alone leaves apart."""
from __future__ import annotations

from bot.pipeline import cedict
from bot.pipeline.terms import TermBridge
from tests.fakes import TableEmbeddings

# Invented vectors: an everyday word at 0.94 of a corpus term (below the bridge's own bar), one at 0.89.
TABLE = {
    "客运班线": [1.0, 0.0, 0.0],
    "森林覆盖": [0.0, 1.0, 0.0],
    "坐车线路": [0.94, 0.0, 0.3412],
    "车子路子": [0.89, 0.0, 0.456],
}
LEXICON = {"坐车线路": {"客运班线"}, "车子路子": {"客运班线"}}


def _bridge(lexicon=None) -> TermBridge:
    return TermBridge(("客运班线", "森林覆盖"), TableEmbeddings(TABLE), lexicon=lexicon)


def test_word_the_dictionary_gives_a_corpus_terms_meaning_is_bridged_below_the_meaning_bar():
    assert _bridge(lambda w: LEXICON.get(w, ())).bridge(["坐车线路"]) == {"坐车线路": "客运班线"}


def test_without_a_dictionary_the_same_word_stays_unbridged():
    assert _bridge().bridge(["坐车线路"]) == {}


def test_dictionary_pair_far_apart_in_meaning_is_not_bridged():
    # A broad shared gloss ("problem") is no shared meaning: the embedding must still find them close.
    assert _bridge(lambda w: LEXICON.get(w, ())).bridge(["车子路子"]) == {}


def test_dictionary_candidates_outside_the_corpus_are_ignored():
    assert _bridge(lambda w: {"别的词语"}).bridge(["坐车线路"]) == {}


def test_cedict_synonyms_share_a_narrow_gloss():
    assert "小麦" in cedict.synonyms("麦子")
    assert "麦子" not in cedict.synonyms("麦子")
    # a gloss that many words carry ("problem") makes no synonym
    assert "问题" not in cedict.synonyms("疙瘩")


def test_a_persons_post_asked_in_dialect_is_looked_up_like_the_mandarin_question(tmp_path):
    from tests.conftest import chatbot_for

    text = ("某市日报_2026-11-02_某市推进老旧小区改造.txt\n某市推进老旧小区改造\n\n"
            "市住房和城乡建设局局长甲乙丙介绍，今年全市将改造老旧小区120个。\n")
    bot = chatbot_for(tmp_path, text)
    for question in ("甲乙丙是个啥官", "甲乙丙是个什么官"):
        a = bot.ask(question)
        assert a.found and a.intent == "person_title" and "局长" in a.answer


def test_a_shared_verb_gloss_makes_no_synonym():
    # "针对" and "重点" share only "to focus on": a verb's sense is too broad to stand for a thing.
    assert "重点" not in cedict.synonyms("针对")
