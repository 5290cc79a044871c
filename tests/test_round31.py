"""Round 31: a follow-up answered from the passages next to the previous answer's, list items of an HTML page read
as text, and a count the text states in the question's own measure words."""
from __future__ import annotations

import pytest

from bot.models import Turn
from index.ingest.corpus import parse_document
from index.ingest.loader import ITEM_MARK, html_to_lines
from tests.conftest import chatbot_for, real_chatbot_for

PRESSER = (
    "某市新闻办_2026-11-02_充电设施新闻发布会.txt\n"
    "某市充电设施建设新闻发布会\n"
    "主持人：市政府新闻办副主任孔令文\n"
    "孔令文：各位记者朋友，上午好。出席今天发布会的有市财政局副局长贺婉清女士，市发展和改革委员会副主任邵启明先生。\n"
    "孔令文：请贺婉清副局长介绍资金支持政策。\n"
    "贺婉清：居民在自有车位上安装个人充电桩的，一次性补贴1000元，每户限补1个。\n"
    "贺婉清：申请人提交材料后，审核通过的，20个工作日内把补贴直接拨付到本人的银行卡。\n"
    "贺婉清：新建公共快充站按每千瓦300元给予建设补贴，单站最高60万元。\n"
    "孔令文：请邵启明副主任介绍充电价格。\n"
    "邵启明：居民小区充电执行居民电价，服务费每千瓦时不超过0.4元。\n"
    "孔令文：今天的发布会到此结束，谢谢大家。\n"
)


@pytest.mark.slow
def test_followup_is_answered_from_the_passage_after_the_previous_answer(tmp_path):
    bot = real_chatbot_for(tmp_path, PRESSER)
    first = bot.ask("自己家装充电桩补多少钱")
    assert first.found and "1000元" in first.answer
    history = [Turn("user", "自己家装充电桩补多少钱"), Turn("assistant", first.answer)]
    follow = bot.ask("那钱多久能到账？", history)
    assert follow.found
    assert "20个工作日" in follow.answer
    assert any("20个工作日" in c.passage for c in follow.citations)


@pytest.mark.slow
def test_followup_asking_a_name_is_not_answered_from_the_neighbouring_passages(tmp_path):
    bot = real_chatbot_for(tmp_path, PRESSER)
    first = bot.ask("自己家装充电桩补多少钱")
    history = [Turn("user", "自己家装充电桩补多少钱"), Turn("assistant", first.answer)]
    follow = bot.ask("那打款的是哪家银行？叫啥名字", history)
    assert not follow.found


MENU_AND_LIST = ("<html><body><ul><li><a href='/'>首页</a></li><li><a href='/gk'>政务公开</a></li></ul>"
                 "<h2>申请条件</h2><ul><li>户籍在本区</li><li>年满80周岁</li><li>详见<a href='/zn'>办事指南</a></li></ul>"
                 "<h2>怎么领</h2><p>符合条件的老人由社区统一申报，无需本人跑腿。</p></body></html>")


def test_html_list_item_is_text_however_short():
    lines, _ = html_to_lines(MENU_AND_LIST)
    assert ITEM_MARK + "户籍在本区" in lines
    assert ITEM_MARK + "年满80周岁" in lines
    assert ITEM_MARK + "详见办事指南" in lines  # a link inside an item's own words


def test_html_list_item_that_is_only_a_link_is_left_to_the_heading_rules():
    lines, _ = html_to_lines(MENU_AND_LIST)
    assert "首页" in lines and "政务公开" in lines


def test_html_list_items_are_passages_of_their_section(tmp_path):
    page = tmp_path / "某区民政局_2026-11-05_高龄津贴.html"
    page.write_text(MENU_AND_LIST, encoding="utf-8")
    doc = parse_document(page, "d1", 10**6)
    titles = [s.title for s in doc.sections]
    assert "户籍在本区" not in titles and "年满80周岁" not in titles
    conditions = next(s for s in doc.sections if s.title == "申请条件")
    assert [p.text for p in conditions.paragraphs][:2] == ["户籍在本区", "年满80周岁"]
    assert all(p.item for p in conditions.paragraphs)


EXPLAINER = (
    "某市民政局_2026-10-20_政策解读.txt\n"
    "《某市养老机构运营补贴办法》政策解读\n"
    "一、为什么要出台《办法》\n"
    "我市老年人口快速增长，养老机构运营压力较大，需要加大支持力度。\n"
    "二、《办法》适用于哪些机构\n"
    "在我市登记备案、正常运营满6个月的养老机构均可申请。\n"
    "三、《办法》主要有哪些支持措施\n"
    "《办法》共6章24条，主要明确了以下三项支持措施：\n"
    "（一）床位补贴。按实际收住老人数每人每月补贴100元。\n"
    "（二）等级奖励。评上三星级以上的养老机构一次性奖励10万元。\n"
    "（三）护理员补贴。持证护理员每人每月补贴300元。\n"
    "四、补贴怎么申请\n"
    "养老机构每年3月向所在区民政局提交申请。\n"
    "五、《办法》什么时候实施\n"
    "《办法》自2027年1月1日起施行，有效期5年。\n"
)


def test_count_in_the_questions_own_measure_words_is_the_texts_not_the_pages_parts(tmp_path):
    bot = chatbot_for(tmp_path, EXPLAINER)
    answer = bot.ask("《办法》一共几章几条？")
    assert answer.found
    assert "6章24条" in answer.answer
    assert "共5部分" not in answer.answer


def test_count_of_the_pages_parts_is_still_the_outline(tmp_path):
    bot = chatbot_for(tmp_path, EXPLAINER)
    answer = bot.ask("这篇解读一共分了几个部分？")
    assert answer.found
    assert "5" in answer.answer or "五" in answer.answer
    assert "6章24条" not in answer.answer


def test_item_of_a_part_named_by_a_word_of_its_heading_is_that_parts_clause(tmp_path):
    bot = chatbot_for(tmp_path, EXPLAINER)
    answer = bot.ask("三项措施里第二项是什么？")
    assert answer.found
    assert "等级奖励" in answer.answer and "10万元" in answer.answer
    last = bot.ask("三项支持措施的最后一项是啥")
    assert "护理员补贴" in last.answer


def test_in_force_questions_are_recognised_in_everyday_words():
    from bot.pipeline import validity

    assert validity.asks_start("新规从啥时候开始执行？") and validity.asks_term("管几年？")
    assert validity.asks_start("这个补助办法是几月几号开始实行的？")
    assert not validity.asks_start("补贴什么时候发放？") and not validity.asks_term("申请截止到什么时候？")


def test_in_force_sentence_forms():
    from bot.pipeline import validity

    assert validity.in_force("《办法》自2027年1月1日起施行，有效期3年。") == 2
    assert validity.in_force("今年8月1日起，《某某补助办法》正式实施。") == 1
    assert validity.in_force("本方案自印发之日起施行，有效期至2028年12月31日。") == 2
    # A standard applied from a date is no policy taking effect.
    assert validity.in_force("从2027年1月起按新标准执行岗位补贴。") == 0


def test_when_a_policy_takes_effect_and_for_how_long_is_its_own_sentence(tmp_path):
    bot = chatbot_for(tmp_path, EXPLAINER)
    answer = bot.ask("新办法从啥时候开始执行，管几年？")
    assert answer.found
    assert "2027年1月1日" in answer.answer and "5年" in answer.answer


def test_term_the_text_does_not_give_is_said_to_be_missing(tmp_path):
    no_term = EXPLAINER.replace("，有效期5年", "")
    bot = chatbot_for(tmp_path, no_term)
    answer = bot.ask("这个办法的有效期是几年？")
    assert not answer.found
    assert "有效期" in answer.answer
    both = bot.ask("这个办法从哪天开始施行，管几年？")
    assert both.found and "2027年1月1日" in both.answer and "没有说明有效期" in both.answer


INTERVIEW = (
    "某日报_2026-11-18_专访水务局长.txt\n"
    "守好一条河——访某市水务局局长林川\n"
    "本报记者 文青\n"
    "记者：农村水费收不上来，怎么办？\n"
    "林川：过去不少群众觉得山上的水不要钱，农村水费收缴率只有六成。我们推行按方计价，今年收缴率提高到了九成。\n"
    "记者：工程建好了没人管怎么办？\n"
    "林川：我们在每个村聘请了村级管水员，负责巡查管道、抄表收费，每人每月补助300元。\n"
    "记者：明年的重点是什么？\n"
    "林川：明年我们重点抓好三件事：一是建成城区供水二期工程；二是启动灌区配套工程；三是推进农村供水规模化改造。\n"
)


def test_a_one_character_word_for_a_speakers_points_names_them_only_when_counted(tmp_path):
    bot = chatbot_for(tmp_path, INTERVIEW)
    listed = bot.ask("林川说明年要抓哪几件事？")
    assert "共3件事" in listed.answer
    about = bot.ask("林川是怎么说农村收水费这个事的？")
    assert "共3件事" not in about.answer
    assert about.found and "收缴率" in about.answer


def test_points_of_a_thing_of_its_own_are_not_the_speakers_list(tmp_path):
    bot = chatbot_for(tmp_path, INTERVIEW)
    answer = bot.ask("那些管水员平时具体管哪些事？")
    assert "共3件事" not in answer.answer
    assert answer.intent != "structure"


GUIDE = (
    "某市发布_2026-11-28_育儿补贴怎么领.md\n"
    "# 育儿补贴怎么领？一文看懂\n\n"
    "某市育儿补贴明年1月1日起受理申请。\n\n"
    "## 四、去哪儿申请？\n\n"
    "【线上办】打开“某某办”APP，搜索“育儿补贴”，按提示填写信息。\n\n"
    "【线下办】携带材料到户籍所在地的便民服务中心卫健窗口办理。\n\n"
    "**需要准备的材料：**\n\n"
    "- 父母双方身份证；\n"
    "- 婴幼儿出生医学证明；\n"
    "- 户口簿。\n\n"
    "审核一般在15个工作日内完成。\n"
)


def test_a_line_announcing_a_list_is_answered_with_the_items_under_it(tmp_path):
    bot = chatbot_for(tmp_path, GUIDE)
    answer = bot.ask("申请要带哪些材料？全部列一下")
    assert answer.found
    assert "出生医学证明" in answer.answer and "户口簿" in answer.answer
    assert "：；" not in answer.answer


PRESS = (
    "某市新闻办_2026-11-24_养犬管理发布会.md\n"
    "# 某市养犬管理规定新闻发布会\n\n"
    "**主持人**：各位记者朋友，上午好。出席今天发布会的有市公安局副局长杨进先生。\n\n"
    "**杨进**：《规定》明年1月1日起施行，重点管理区内每户限养一只犬。\n\n"
    "**主持人**：下面请记者朋友提问，提问前请先通报所在的新闻机构。\n\n"
    "**某市日报记者**：已经养了两只的怎么办？\n\n"
    "**杨进**：已经登记的犬只可以继续饲养，但不得再新增。\n\n"
    "**某市电视台记者**：犬只登记去哪里办？\n\n"
    "**杨进**：到辖区派出所或者通过政务APP办理。\n"
)


def test_the_hosts_invitation_to_ask_is_no_question(tmp_path):
    bot = chatbot_for(tmp_path, PRESS)
    first = bot.ask("第一个提问的是哪家媒体？")
    assert "某市日报" in first.answer
    assert "主持人提的" not in first.answer


DECISION = (
    "中共某市委_2026-10-16_关于推动制造业转型的决定.md\n"
    "# 中共某市委关于推动制造业转型的决定\n\n"
    "## 一、总体要求\n\n"
    "到2028年，全市制造业数字化改造覆盖率达到80%。\n\n"
    "## 二、强化人才和要素支撑\n\n"
    "（一）引育产业人才。每年培训技能人才3万人次。\n\n"
    "（二）保障产业用地。每年供应工业用地3000亩。\n\n"
    "## 三、加强组织领导和保障\n\n"
    "（一）加强组织领导。成立市委领导小组。\n\n"
    "（二）加大资金投入。市财政每年安排专项资金5亿元。\n\n"
    "（三）强化督查考核。将转型工作纳入年度考核。\n"
)


def test_a_part_called_by_a_short_name_of_its_own_is_that_part(tmp_path):
    bot = chatbot_for(tmp_path, DECISION)
    answer = bot.ask("组织保障那部分一共有哪几条措施？全部列出来")
    assert answer.found
    assert "加大资金投入" in answer.answer and "强化督查考核" in answer.answer


def test_start_and_term_said_in_two_sentences_are_quoted_together(tmp_path):
    split = EXPLAINER.replace("《办法》自2027年1月1日起施行，有效期5年。",
                              "《办法》自2027年1月1日起施行。今年3月1日起，各区开始受理申请。《办法》有效期为5年。")
    bot = chatbot_for(tmp_path, split)
    answer = bot.ask("这个办法从哪天开始施行，管几年？")
    assert answer.found
    assert "2027年1月1日" in answer.answer and "有效期为5年" in answer.answer
