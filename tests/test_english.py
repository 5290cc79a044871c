"""English answers: pinyin names with characters, titles from CC-CEDICT, the Chinese passage kept as the quote."""
from __future__ import annotations

from bot.models import Answer, Citation
from bot.pipeline import cedict
from bot.pipeline.english import english_name, english_title, frame, name_pinyin
from bot.pipeline.translate import Translator


def _cite(speaker="", title="", kind="statement") -> Citation:
    return Citation("今年将开工建设两条高速公路。", speaker, title, "", "报道", "a.txt", kind, 1, 0, 10)


def test_a_name_is_spelled_in_pinyin_surname_first_with_its_characters():
    assert english_name("王立晓") == "Wang Lixiao (王立晓)"


def test_a_compound_or_polyphone_surname_is_read_as_a_surname():
    assert name_pinyin("欧阳修") == "Ouyang Xiu"
    assert name_pinyin("单田芳").startswith("Shan ")


def test_a_title_is_translated_role_first_from_the_dictionary():
    en = english_title("市林业局局长")
    assert en.startswith("Bureau Chief of the") and "Forestry" in en and en.endswith("Bureau")


def test_a_title_with_two_roles_gives_both():
    assert english_title("县委副书记、县长").count(",") == 1


def test_an_answer_to_an_english_question_gets_an_english_frame_and_keeps_the_quote():
    a = Answer("市甲局局长柏家林表示:今年将开工建设两条高速公路。", True, [_cite("柏家林", "市林业局局长")])
    out = frame(a).answer
    assert out.startswith("According to Bai Jialin (柏家林), Bureau Chief of the")
    assert "今年将开工建设两条高速公路" in out


def test_narration_is_attributed_to_the_article():
    a = Answer("The article says: 今年将开工建设两条高速公路。", True, [_cite(kind="narration")])
    assert frame(a).answer == "The article states: “今年将开工建设两条高速公路。”"


def test_a_refusal_is_said_in_english():
    a = Answer("文中未提及:收录的文件里没有能回答这个问题的内容。", False)
    assert frame(a).answer.startswith("The documents do not answer this")


def test_english_words_find_the_corpus_words_through_the_dictionary():
    t = Translator(["林业", "森林", "高速公路"], glossary={})
    assert "林业" in t.terms("forestry") and "高速公路" in t.terms("highway")


def test_the_dictionary_reads_glosses_without_their_notes():
    assert "company" in cedict.glosses("公司")


def test_an_english_lead_in_of_the_backend_is_replaced_not_quoted():
    a = Answer("According to 柏家林 (市林业局局长) in the article: 今年将开工建设两条高速公路。", True,
               [_cite("柏家林", "市林业局局长")])
    out = frame(a).answer
    assert out.count("柏家林") == 1 and out.endswith("“今年将开工建设两条高速公路。”")


def test_an_english_word_followed_by_its_chinese_is_not_said_twice():
    t = Translator(["人才", "方案"], glossary={})
    assert t.mixed("talent 人才方面有啥 plan?").startswith("人才方面有啥")


def test_a_translated_post_matches_the_holder_by_role_and_organisation_characters():
    from bot.pipeline.understand import TitleMatcher
    from index.models import Person

    people = [Person(name="甲乙", titles=["市水利局副局长"]), Person(name="丙丁", titles=["市农业农村局局长"]),
              Person(name="戊己", titles=["市水利局局长"])]
    titles = TitleMatcher(people)
    assert titles.by_terms(["谁", "副局长", "水", "资源", "局"]).name == "甲乙"
    assert titles.by_terms(["谁", "局长", "水", "资源", "局"]).name == "戊己"  # a deputy is not the head
    assert titles.by_terms(["谁", "局长", "教育", "局"]) is None  # no bureau of that field


def test_a_post_lookup_in_english_says_who_holds_it_in_english():
    from bot.citations import Citation
    from bot.models import Answer
    from bot.pipeline.english import frame

    cite = Citation(passage="记者问了几句。市水利局副局长甲乙介绍了情况。", speaker="甲乙", speaker_title="市水利局副局长",
                    section="", doc_title="", doc_id="d", source_kind="statement", paragraph=1, start=0, end=20)
    out = frame(Answer(answer="市水利局副局长是甲乙。", found=True, citations=[cite]), "title_lookup")
    assert out.answer.startswith("Jia Yi (甲乙) is ") and "(市水利局副局长)" in out.answer
    assert "Source: “市水利局副局长甲乙介绍了情况。”" in out.answer


def test_an_irregular_inflection_is_looked_up_by_its_lemma():
    t = Translator(["签署", "建成", "速度"])
    assert "签署" in t.terms("Who signed it?")
    assert "建成" in t.terms("How many were built?")


def test_stop_words_and_words_the_passage_holds_are_not_untranslated_content():
    from bot.pipeline.translate import untranslated

    assert untranslated("多少 them aside 资金") == []
    assert untranslated("多少 wellness 基地") == ["wellness"]
    assert untranslated("多少 wellness 基地", "Wellness 基地") == []
