"""Input normalisation: width, script, invisible characters, spacing, typos of the corpus's own names."""
from __future__ import annotations

from bot.pipeline.normalise import NameVocabulary, Normaliser, clean, focus, fuzzy, to_simplified


def test_traditional_characters_become_simplified():
    assert clean("市林業局局長是誰?") == "市林业局局长是谁?"


def test_characters_the_corpus_writes_are_never_converted():
    text = "乾"  # t2s may write it as 干; a corpus that writes 乾 keeps it
    assert to_simplified(text, keep={"乾"}) == "乾"


def test_full_width_and_invisible_characters_are_normalised():
    assert clean("\u200b１２３\u200d号？？？😂😂") == "123号?"


def test_white_space_is_collapsed_and_removed_between_chinese_words():
    assert clean("\t\t 高新区   管委会   主任 叫 啥 \n\n") == "高新区管委会主任叫啥"
    assert clean("  what   is  this  ") == "what is this"


def test_a_long_padded_question_is_trimmed_to_its_text():
    assert clean(" " * 2000 + "八大行动是什么?" + "\n" * 500) == "八大行动是什么?"


def _vocab(*terms: str, known: tuple[str, ...] = ()) -> NameVocabulary:
    return NameVocabulary(terms, known_word=lambda w: w in known)


def test_a_homophone_typo_of_a_corpus_name_is_corrected():
    v = _vocab("甲乙市", "寇子胜")
    assert v.correct("寇子生说了什么?") == "寇子胜说了什么?"
    assert v.correct("甲已市的人口") == "甲乙市的人口"


def test_a_typo_is_only_corrected_to_a_term_of_the_corpus():
    v = _vocab("寇子胜")
    assert v.correct("王理校说了什么?") == "王理校说了什么?"


def test_a_real_word_is_never_corrected_into_a_name():
    v = _vocab("绵阳", known=("绵羊",))
    assert v.correct("绵羊养殖") == "绵羊养殖"


def test_a_stretch_sharing_no_character_with_the_name_is_left_alone():
    v = _vocab("德阳")
    assert v.correct("的样子") == "的样子"


def test_a_correctly_written_name_is_left_alone():
    v = _vocab("寇子胜", "寇子生")
    assert v.correct("寇子胜说了什么?") == "寇子胜说了什么?"


def test_a_typo_inside_another_word_is_not_corrected():
    v = NameVocabulary(["广平"], segment=lambda t: ["科研", "平台"])
    assert v.correct("科研平台") == "科研平台"


def test_fuzzy_pinyin_merges_the_sounds_people_confuse():
    assert fuzzy("zhang") == fuzzy("zan") and fuzzy("lan") == fuzzy("nang")
    assert fuzzy("de") != fuzzy("da")


def test_a_long_question_keeps_what_it_asks_and_drops_the_background():
    q = "我是外地来打工的,老家在山里,每年都很麻烦,听说两边签了协议,想问下以后还要不要两边跑?是哪个领导说的"
    out = focus(q)
    assert out.startswith("听说两边签了协议") and "老家" not in out and out.endswith("是哪个领导说的")


def test_an_indefinite_number_in_the_background_does_not_ask():
    q = "我住在一个老小区,楼里老人多,一楼的住户一直不同意,吵了好几次,听说开了会讲旧房改造,想问一下,副局长对加装电梯是怎么要求的?"
    out = focus(q)
    assert out.startswith("听说开了会讲旧房改造") and "吵了" not in out and out.endswith("是怎么要求的?")


def test_a_short_question_is_kept_whole():
    assert focus("我想问八大行动是什么?") == "我想问八大行动是什么?"


def test_normaliser_cleans_then_corrects():
    n = Normaliser(_vocab("寇子胜"))
    assert n("  寇子生說了什麼？ ") == "寇子胜说了什么?"


class _RecordingBot:
    """Answers every question with an empty Answer and remembers what it was asked."""

    def __init__(self):
        self.asked: list[str] = []

    def ask(self, question, history=()):
        from bot.models import Answer

        self.asked.append(question)
        return Answer(answer="", found=False)


def test_the_cli_trims_a_padded_question_instead_of_rejecting_it():
    import json

    from bot.cli import _ask_line

    bot = _RecordingBot()
    out = _ask_line(bot, json.dumps({"id": "p", "question": " " * 1500 + "八大行动是什么?\u200b" + "\n" * 300}), 1)
    assert "error" not in out and bot.asked == ["八大行动是什么?"]


def test_the_http_api_trims_a_padded_question_instead_of_rejecting_it():
    from web.schemas import AskRequest

    assert AskRequest(question="\t" * 1200 + "八大行动是什么?" + " " * 1200).question == "八大行动是什么?"


def test_the_vocabulary_of_a_parsed_corpus_holds_its_people_and_headings(two_doc_kb):
    terms = set(two_doc_kb.normaliser.vocabulary.terms)
    assert {p.name for p in two_doc_kb.people} <= terms
    assert {s.title for d in two_doc_kb.documents for s in d.sections if len(s.title) <= 12 and s.title} & terms


def test_a_homophone_typo_of_a_fixture_speaker_resolves_to_that_speaker(two_doc_kb):
    # 柏家林 typed with a homophone of its last character (林 lin → 临 lin)
    assert "柏家林" in two_doc_kb.normaliser("柏家临说了什么?")


def test_the_corpus_text_itself_is_never_corrected(two_doc_kb):
    n = two_doc_kb.normaliser
    for doc in two_doc_kb.documents:
        assert n.vocabulary.corrections(clean(doc.body, n.corpus_chars)) == []


def test_a_surname_before_a_title_is_not_corrected_into_a_vocabulary_term():
    from bot.pipeline.normalise import NameVocabulary

    vocab = NameVocabulary(["甲乙局长", "甲乙局"])
    assert vocab.correct("甲乙局张局长说了什么") == "甲乙局张局长说了什么"  # 张 reads like 长, but 张局长 is a person
    assert vocab.correct("甲乙局掌说了什么") == "甲乙局长说了什么"  # a real typo of the term is still corrected


def test_a_typo_of_a_name_before_a_title_is_still_corrected():
    from bot.pipeline.normalise import NameVocabulary

    vocab = NameVocabulary(["寇子胜", "甲乙局长"])
    assert vocab.correct("寇子盛局长说了什么") == "寇子胜局长说了什么"
