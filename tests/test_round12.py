"""Round 12: places the dictionary knows, years relative to the document, and the noun a question asks for."""


def test_a_city_the_segmenter_tags_as_a_name_is_still_a_place():
    from bot.pipeline.scope import foreign_places, places

    assert "秦皇岛" in places("秦皇岛对困难家庭改造补多少钱?")
    assert foreign_places("秦皇岛对困难家庭改造补多少钱?", "甲市对困难家庭每户补助6000元。") == ["秦皇岛"]


def test_a_person_is_no_place():
    from bot.pipeline.scope import places

    assert places("市长王刚讲了啥") == []


def test_last_years_figure_is_not_answered_by_this_years():
    from bot.pipeline.scope import missing_asked_year

    assert missing_asked_year("去年一共服务了多少名学生?", "今年预计可服务学生3.5万人。", "2025-06-01") == "去年"
    # The year it means, written out, or the same word: answered.
    assert missing_asked_year("去年一共服务了多少名学生?", "2024年共服务学生3万人。", "2025-06-01") == ""
    assert missing_asked_year("去年一共服务了多少名学生?", "去年共服务学生3万人。", "") == ""


def test_a_year_compared_with_is_not_the_year_asked_about():
    from bot.pipeline.scope import missing_asked_year

    assert missing_asked_year("今年的面积比去年多了多少?", "今年供热面积达到3000万平方米。", "2025-10-01") == ""


def test_an_unknown_publication_year_lets_a_written_year_stand():
    from bot.pipeline.scope import missing_asked_year

    assert missing_asked_year("去年帮多少人找到了工作?", "2024年帮助430人实现就业，今年还将举办4场招聘会。", "") == ""


def test_the_noun_after_a_question_word_is_what_is_asked_for():
    from bot.pipeline.scope import asked_noun, holds_noun

    noun = asked_noun("小型处理设施是哪家公司负责建设和运维的?")
    assert noun == "公司"
    assert not holds_noun(noun, "人口集中的村庄建设小型集中式处理设施，日处理能力一般不超过100吨。")
    assert asked_noun("监督员一个月有多少补贴?") == "补贴"
    assert asked_noun("咨询电话多少?") == "咨询电话"


def test_a_question_of_existence_asks_for_the_thing_named():
    from bot.pipeline.scope import asked_noun, holds_noun

    noun = asked_noun("公益性岗位招人有没有年龄限制嘛?")
    assert noun == "年龄限制"
    assert not holds_noun(noun, "今年已开发公益性岗位650个，每人每月补贴1200元。")


def test_members_and_head_counts_are_not_asked_nouns():
    from bot.pipeline.scope import asked_noun

    # The members of a list need not repeat the category's word; people counted may be called otherwise.
    assert asked_noun("要和哪些城市一起搞联防联控?") == ""
    assert asked_noun("暑假托管一共有多少老师来带娃?") == ""


def test_a_sum_may_be_named_by_a_word_of_the_same_first_character():
    from bot.pipeline.scope import holds_noun

    assert holds_noun("补贴", "对新增托位给予每个1万元的一次性建设补助。")
    assert not holds_noun("补贴", "对新增托位给予支持。")


def test_a_fee_is_a_sum_of_money_by_its_last_character():
    from bot.pipeline.scope import asked_noun, holds_noun, noun_kind

    assert noun_kind("管理费") == "money" and noun_kind("租金") == "money"
    noun = asked_noun("渔排上住人一年要交多少管理费?")
    assert noun == "管理费"
    assert not holds_noun(noun, "全市已排查渔排住人点位2100多处。")
    assert holds_noun(noun, "管理费每年每口200元。")


def test_a_follow_up_keeps_the_question_it_follows():
    from index.models import Person

    from bot.models import Turn
    from bot.pipeline.condense import condense
    from bot.pipeline.understand import TitleMatcher

    people = [Person("柏家林", ["市交通运输局局长"])]
    history = [Turn("user", "甲局和乙区签的合作协议是哪天?"), Turn("assistant", "5月27日，甲局与乙区签订了合作协议。")]
    s = condense("那两边一共分成几大板块?", history, people, TitleMatcher(people), [])
    assert s.previous == "甲局和乙区签的合作协议是哪天?"
    assert condense("那两边一共分成几大板块?", [], people, TitleMatcher(people), []).previous == ""


def test_a_follow_up_is_judged_with_a_lower_bar_only_when_asked():
    from index.models import Chunk

    from bot.pipeline import answerability
    from bot.pipeline.evidence import Evidence

    chunk = Chunk("c1", "d", "某报道", "", 1, 0, 12, "两地将从5大板块开展合作。")
    ev = Evidence(chunk, ["两地将从5大板块开展合作。"], 0.45, 0)
    assert answerability.judge(ev, [], {"number"}).outcome == answerability.NONE
    together = answerability.judge(ev, [], {"number"}, alone=answerability.FOLLOWUP_TOGETHER)
    assert together.outcome == answerability.ANSWER


def test_a_count_of_one_parts_speakers_names_the_part_and_counts_them(two_doc_kb):
    from bot.backends.extractive import ExtractiveBackend
    from bot.chatbot import Chatbot

    bot = Chatbot(two_doc_kb, ExtractiveBackend(two_doc_kb))
    a = bot.ask("交通那一节一共有几个人发了言?都是啥身份")
    assert a.found and a.intent == "who_said"
    assert "交通畅联工程" in a.answer and "柏家林" in a.answer and "位：" in a.answer


def test_heads_of_detachments_unions_and_federations_hold_public_office():
    from bot.pipeline.outline import holds_office

    assert holds_office("市公安局交通警察支队副支队长")
    assert holds_office("市总工会副主席") and holds_office("市妇联副主席")
    assert not holds_office("某某科技公司董事长") and not holds_office("摊主")


def test_a_year_written_out_is_not_answered_by_a_figure_of_this_year():
    from bot.pipeline.scope import missing_asked_year

    assert missing_asked_year("2024年全市新增了多少个站点?", "今年以来新增站点18个。", "2025-09-09") == "2024年"
    assert missing_asked_year("2024年全市新增了多少个站点?", "2024年新增站点18个。", "2025-09-09") == ""
    assert missing_asked_year("2024年全市新增了多少个站点?", "全市新增站点18个。", "2025-09-09") == ""
    assert missing_asked_year("到2027年要建多少?", "到2025年建成10个、2027年建成30个。", "") == ""


def test_which_n_things_asks_for_the_members_of_a_counted_list():
    from bot.pipeline.scope import members_missing

    assert members_missing("摊区设在哪12个市场周边?", "城管部门在12个市场周边划定了摊区。")
    assert not members_missing("摊区设在哪12个市场周边?", "在甲市场、乙市场、丙市场等12个市场周边划定。")


def test_a_title_check_cites_the_persons_own_words_when_a_host_introduced_them(tmp_path):
    from tests.conftest import chatbot_for

    text = ("某市发布会.md\n# 某市春耕新闻发布会\n\n【主持人】出席今天发布会的有：市农业农村局副局长宁晓梅女士。\n\n"
            "【主持人】下面进入提问环节。\n\n【市电视台记者】今年种粮补贴有什么新变化？\n\n"
            "【宁晓梅】今年耕地地力保护补贴标准提高到每亩一百一十元。\n")
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("宁晓梅是不是市农业农村局副局长?")
    assert a.found and a.answer.startswith("是")
    assert any(c.speaker == "宁晓梅" and "一百一十元" in c.passage for c in a.citations)
    assert any("出席今天发布会的有" in c.passage for c in a.citations)


def test_the_people_quoted_in_a_part_are_that_parts_speakers(two_doc_kb):
    from bot.backends.extractive import ExtractiveBackend
    from bot.chatbot import Chatbot

    bot = Chatbot(two_doc_kb, ExtractiveBackend(two_doc_kb))
    a = bot.ask("交通那块引用了哪几个人的话")
    assert a.found and "交通畅联工程" in a.answer and "柏家林" in a.answer
