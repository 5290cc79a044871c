"""Round 54: which members of a kind a question asks for, and whose words a portal's replies are. A passage that only
counts bodies or names their kind ("18家机关企事业单位", "第三方检测机构") does not say which; a body labelled with a
verb of replying ("市甲局答复：") answers in its own voice; a channel named after a post ("市长信箱") is nobody; headings
that number themselves after a word ("场景一：…") are a list by that word. Invented documents only."""
from __future__ import annotations

import pytest

from bot.pipeline import scope
from index.ingest.dialogue import parse_label
from index.ingest.names import titled_people
from tests.conftest import chatbot_for, knowledge_of, real_chatbot_for

REPLIES = """甲市人民政府网_2026-10-20_关于停车收费调整有关问题的回应.html
<html><head><title>关于停车收费调整有关问题的回应_回应关切_甲市人民政府</title></head><body>
<div class="content">
<p>通告发布后，不少市民通过“甲市发布”公众号、市长信箱和“问政甲市”平台留言，共收到留言300余条。</p>
<h3>关切一：收费为什么要上调？</h3>
<p>网友“河边的猫”：首小时从2块涨到3块，感觉就是为了多收钱。</p>
<p>市发展和改革局答复：本次调整主要目的是促进车位周转。我们将每年公开停车收费收支情况。</p>
<h3>关切二：免费时间能不能延长？</h3>
<p>网友“早高峰”：十几分钟就要收钱，免费时间能不能延长？</p>
<p>市城市管理局答复：免费停放时长由15分钟延长至30分钟。</p>
<p>“我们会逐步扩大共享范围。”市城市管理局副局长邓某明说。</p>
<h3>关切三：晚上停车收不收费？</h3>
<p>网友“老张”：晚上停路边也要收钱吗？</p>
<p>市住房和城乡建设局、市城市管理局答复：夜间按次收费每次3元。</p>
</div></body></html>
"""

DRILL = """乙公司_2026-11-12_泄漏事故应急演练脚本.md
# 乙公司储罐泄漏事故应急演练脚本
## 一、演练目的
检验公司应急预案的可操作性。
## 二、演练过程
### 场景一：发现泄漏与报警
巡检工发现储罐法兰处有白雾冒出，立即报告中控室。
### 场景二：启动应急响应
总指挥宣布启动公司二级应急响应，各小组到现场报到。
### 场景三：抢险堵漏
抢险组穿戴重型防化服进入泄漏区，关闭根部阀，更换垫片。
### 场景四：应急结束
总指挥宣布应急响应解除，各组清点人数。
## 三、演练总结
本次演练达到预期目的。
"""


def test_a_passage_that_counts_bodies_does_not_say_which_ones():
    assert scope.members_missing("晚上开放车位的那18家单位具体是哪几家？",
                                 "全市18家机关企事业单位将在夜间和周末向周边居民开放内部停车位共1200个。")


def test_a_body_named_by_its_kind_only_is_no_name_of_it():
    assert scope.members_missing("取的水样是交给哪家检测机构检测的？", "委托具有资质的第三方检测机构采集水样6组。")


def test_townships_asked_one_by_one_are_not_given_by_a_count():
    assert scope.members_missing("没整改完的，具体是哪两个乡镇？", "对全县其余14处乡镇水源地进行了排查，发现问题5个。")


def test_bodies_listed_or_named_answer_which_ones():
    assert not scope.members_missing("签约的是哪几家企业？", "现场与甲乙科技有限公司、丙丁集团签订协议。")
    assert not scope.members_missing("改扩建了哪几座乡镇水厂？", "改扩建百江、合村、钟山3座乡镇水厂。")
    assert not scope.members_missing("新建的学校是哪几所？", "新建第十四小学、第十五小学和龙泉中学3所新建学校。")


def test_a_list_of_other_things_near_the_kind_names_no_member():
    assert scope.members_missing("那几个单位具体是哪几家？", "6个单位存在公务用车使用登记不全、加油卡管理混乱等问题。")


def test_a_channel_named_after_a_post_is_no_person():
    assert titled_people("市民通过公众号、市长信箱和热线留言。") == []


def test_a_body_labelled_with_a_verb_of_replying_is_an_answer_in_its_own_voice():
    label = parse_label("市发展和改革局答复：本次调整主要目的是促进车位周转。")
    assert label is not None and label.speaker is not None
    assert (label.speaker.name, label.speaker.title) == ("", "市发展和改革局")
    both = parse_label("市住房和城乡建设局、市城市管理局答复：夜间按次收费每次3元。")
    assert both is not None and both.speaker.title == "市住房和城乡建设局、市城市管理局"


def test_a_portals_replies_are_the_replying_bodies_and_its_quoted_official(tmp_path):
    kb = knowledge_of(tmp_path, REPLIES)
    by_text = {c.text: c for c in kb.chunks}
    turnover = next(c for t, c in by_text.items() if "促进车位周转" in t)
    assert turnover.speaker_title == "市发展和改革局" and not turnover.speaker
    longer = next(c for t, c in by_text.items() if "延长至30分钟" in t)
    assert longer.speaker_title == "市城市管理局"
    night = next(c for t, c in by_text.items() if "夜间按次收费" in t)
    assert night.speaker_title == "市住房和城乡建设局、市城市管理局"
    assert not any("信箱" in (c.speaker or "") for c in kb.chunks)
    quoted = [c for c in kb.chunks if "扩大共享范围" in c.text]
    assert quoted and all(c.speaker == "邓某明" for c in quoted)


def test_headings_numbered_after_a_word_are_a_list_by_that_word(tmp_path):
    bot = chatbot_for(tmp_path, DRILL)
    listed = bot.ask("演练一共分了几个场景？按顺序全部列出来")
    assert listed.found and "共4个场景" in listed.answer and "抢险堵漏" in listed.answer
    last = bot.ask("最后一个场景是什么？")
    assert last.found and "应急结束" in last.answer


def test_an_item_named_the_way_its_heading_numbers_it_is_that_item(tmp_path):
    bot = chatbot_for(tmp_path, DRILL)
    a = bot.ask("场景三演的是什么内容？")
    assert a.found and "抢险堵漏" in a.answer and "更换垫片" in a.answer


MINUTES = """乙县人民政府网_2026-06-22_县防汛调度会会议纪要.html
<html><head><title>乙县防汛调度会会议纪要_通知公告_乙县人民政府</title></head><body>
<h1>乙县防汛调度会会议纪要</h1>
<div class="art-info"><span>信息来源：县防汛抗旱指挥部办公室</span><span>发布时间：2026-06-22 09:15</span></div>
<p>时　间：2026年6月21日16:30</p>
<p>主　持：县委常委、常务副县长、县防汛抗旱指挥部常务副指挥长　柯某平</p>
<p>记　录：县防办 孔某</p>
<h2>一、会商汇报情况</h2>
<p>（一）县气象局局长苏某峰：预计22日夜间至24日，我县将有新一轮强降雨过程。</p>
<p>（二）县水利局：全县86座小型水库中，有23座超汛限水位运行。</p>
<p>（三）县应急管理局副局长丁某兰汇报了人员转移情况。她介绍，全县累计转移避险群众2316人。</p>
<p>（四）甲镇：全镇已转移群众683人，其中丙村转移214人。</p>
<h2>二、会议部署</h2>
<p>柯某平在听取汇报后指出，当前我县已进入防汛关键期。柯某平强调，防汛工作没有“局外人”。</p>
</body></html>
"""

PLAN = """乙县人民政府办公室_2026-05-18_乙县防汛应急预案.txt
乙县防汛应急预案
一、组织体系
县防汛抗旱指挥部由县长任指挥长。成员单位职责如下：
（1）县水利局：负责水库、堤防的防汛安全，组织水利工程抢险。
（2）县交通运输局：负责公路、桥梁防汛安全，组织抢修水毁道路。
（3）县教育局：负责学校的防汛安全，必要时停课。
"""


def test_units_reporting_item_by_item_in_minutes_are_each_their_own(tmp_path):
    kb = knowledge_of(tmp_path, MINUTES)
    of = lambda words: next(c for c in kb.chunks if words in c.text)  # noqa: E731
    assert of("新一轮强降雨").speaker == "苏某峰" and of("新一轮强降雨").speaker_title == "县气象局局长"
    assert of("超汛限水位").speaker_title == "县水利局" and not of("超汛限水位").speaker
    assert of("转移避险群众").speaker == "丁某兰"
    assert of("丙村转移214人").speaker_title == "甲镇"


def test_the_chair_named_in_minutes_header_speaks_in_the_record(tmp_path):
    kb = knowledge_of(tmp_path, MINUTES)
    said = [c for c in kb.chunks if "局外人" in c.text]
    assert said and all(c.speaker == "柯某平" for c in said)


def test_a_plans_duties_of_member_bodies_are_the_plans_own_words(tmp_path):
    kb = knowledge_of(tmp_path, PLAN)
    duties = [c for c in kb.chunks if "负责" in c.text]
    assert duties and all(not c.speaker and not c.speaker_title for c in duties)


def test_words_a_netizen_put_under_their_handle_are_theirs(tmp_path):
    bot = chatbot_for(tmp_path, REPLIES)
    a = bot.ask("“感觉就是为了多收钱”这话是谁说的？")
    assert a.found and "网友“河边的猫”" in a.answer


def test_a_numeral_that_opens_a_common_word_is_no_items_number(tmp_path):
    from bot.pipeline.understand import _worded_ordinal

    kb = knowledge_of(tmp_path, DRILL)
    assert _worded_ordinal("场景三演的是什么内容？", kb.outline).position == 3
    assert _worded_ordinal("这几个场景一共演了多长时间？", kb.outline) is None


RECEPTION = """甲县融媒体中心_2026-11-27_县委书记接访日纪实.txt
县委书记接访日纪实
【一本迟到六年的证】
第二批来访的是城南小区的业主代表。他们反映，小区交房六年了，业主至今办不了不动产权证。
县委书记邓某明说：“开发商的问题归开发商，不能让买房的老百姓来买单。”
县自然资源局局长孔某平表示，将在12月15日前完成该小区的权籍调查和首次登记，力争元旦前为首批业主发证。
【一座震裂的老屋】
第三批来访的是丙村村民，反映采石场爆破震裂了房屋。
县自然资源局局长孔某平表示，检查组第二天就进驻现场，鉴定结果出来之前，责令采石场暂停一切爆破作业。
"""


@pytest.mark.slow
def test_a_persons_answer_to_a_matter_is_found_by_the_matter_told_before_it(tmp_path):
    bot = real_chatbot_for(tmp_path, RECEPTION)
    a = bot.ask("孔某平对小区办不了不动产权证的事是咋表态的？")
    assert a.found and "12月15日" in a.answer and "孔某平" in a.answer
    # A kind of fact asked of the person (where they worked) is not their stance: the matter's words do not count,
    # and the statement is no answer to it.
    other = bot.ask("孔某平之前是在哪个单位工作的？")
    assert "12月15日" not in other.answer and "权籍调查" not in other.answer


def test_a_named_body_elsewhere_in_the_passage_is_not_the_kind_asked_for():
    evidence = "本院办案人员会同县甲局、县乙中心，于6月17日委托具有资质的第三方检测机构采集水样6组。"
    assert scope.members_missing("取的水样是交给哪家检测机构检测的？", evidence)
    assert not scope.members_missing("是哪家检测机构做的检测？", "由甲乙检测有限公司完成检测。")


def test_a_body_that_reported_is_who_said_it_without_a_missing_name(tmp_path):
    bot = chatbot_for(tmp_path, MINUTES)
    a = bot.ask("会上是哪个单位说有23座小型水库超汛限水位运行的？")
    assert a.found and "县水利局" in a.answer and "没有点名" not in a.answer and "文件原文" not in a.answer


def test_a_name_read_across_two_everyday_words_is_no_name():
    from index.ingest.names import name_then_post, splits_words
    from index.ingest.speakers import bare_speakers

    assert splits_words("来访群众中年纪最大的一位老人说") and not splits_words("邓某明说")
    assert name_then_post("农田建设管理股股长") is None
    text = "当天共接待来访群众6批17人次。来访群众中年纪最大的一位老人说，前后找过村里好几次。"
    assert "来访群" not in bare_speakers(text, {})
