"""Round 37: a decision's lead notes in the bodies' own words ("（市甲局牵头，市乙局配合）"); the people a bureau's letter
names with a bare post ("局长某某主持召开…") are that bureau's; a numbered question on its own line is the entry's
question, asked back as written when nothing answers; an attendance list laid out a line each; a plan's parts counted
by the noun the text counts them with."""
from __future__ import annotations

import pytest

from index.ingest.names import listed_person
from index.ingest.structure import heading_question

from bot.pipeline import duties, holders
from tests.conftest import chatbot_for, knowledge_for, real_chatbot_for

# An invented decision whose clauses close with unlabelled lead notes.
DECISION = """中共甲市委_2026-11-01_关于融入乙经济区的决定.txt
中共甲市委关于融入乙经济区的决定

一、畅通交通

（一）加密城际列车。每日开行城际列车不少于30对。（市交通运输局牵头，市发展改革委配合）

（二）建设跨江通道。2028年底前建成丙大桥。（市交通运输局、市住房城乡建设局按职责分工负责）

二、协同创新

（一）设立离岸孵化器。在丁区设立“甲市离岸孵化器”，2027年建成。（市科技局牵头）

（二）共建人才高地。2027年底前完成工程可行性研究。

三、组织保障

各级党组织要加强领导，确保各项任务落到实处。
"""

# An invented reply letter of a bureau: its head and deputy named with bare posts, never speaking.
REPLY = """甲市乙局_2026-07-01_关于第12号建议的答复.txt
甲市乙局关于市五届人大三次会议第12号建议的答复

尊敬的谭某梅代表：

　　您提出的《关于改进课后服务的建议》收悉。我局高度重视，局长邓某明主持召开专题会议研究办理工作，明确由分管副局长易某华牵头、基础教育科具体承办。

　　一、已开展的工作

　　全市48所小学已全部开展课后服务，参与学生2.1万人。

　　二、下一步打算

　　2027年前实现课后服务全覆盖。

甲市乙局
2026年7月1日
"""

# An invented policy explainer page: numbered questions, each with its answer below it.
EXPLAINER = """甲市乙局_2026-03-02_关于丙补贴的政策解读.txt
关于《甲市丙补贴实施办法》的政策解读
来源：甲市乙局　发布时间：2026-03-02

一、出台背景是什么？
为减轻居民购买节能家电的负担，市乙局会同市财政局制定了《甲市丙补贴实施办法》。

二、补贴标准是多少？
按照成交价的15%给予补贴，每件最高不超过2000元；每人最多可以申请3件。

三、怎么申请？
通过“甲市惠民”小程序在线申请，审核通过后补贴在15个工作日内发放到本人社保卡账户。
"""


def test_an_unlabelled_lead_note_names_the_lead_and_the_supporting_bodies(tmp_path):
    kb = knowledge_for(_folder(tmp_path, DECISION))
    by_task = {d.task: d for d in kb.duties}
    assert by_task["加密城际列车"].lead == ("市交通运输局",)
    assert by_task["加密城际列车"].support == ("市发展改革委",)
    # Each body in charge of its part leads.
    assert by_task["建设跨江通道"].lead == ("市交通运输局", "市住房城乡建设局")
    assert by_task["设立离岸孵化器"].lead == ("市科技局",)
    # A clause with no note has no duty, and the note is no part of what the task asks.
    assert "共建人才高地" not in by_task
    assert all("牵头" not in p for p in by_task["加密城际列车"].points())


def test_a_bracket_that_is_no_list_of_bodies_is_no_lead_note():
    assert duties._bare_note("2027年底前牵头完成") is None
    assert duties._bare_note("市甲局牵头，市乙局配合") == (("市甲局",), ("市乙局",))


def test_the_tasks_a_body_leads_are_its_noted_clauses(tmp_path):
    bot = chatbot_for(tmp_path, DECISION)
    answer = bot.ask("交通运输局牵头负责哪些任务？")
    assert answer.found
    assert "加密城际列车" in answer.answer and "建设跨江通道" in answer.answer
    assert "设立离岸孵化器" not in answer.answer
    led = bot.ask("科技局那边牵头的是哪件事？")
    assert led.found and "离岸孵化器" in led.answer


def test_a_bare_post_in_a_bureaus_letter_is_that_bureaus_post():
    assert holders.full_title("局长", "甲市乙局") == "甲市乙局局长"
    assert holders.full_title("分管副局长", "甲市乙局") == "甲市乙局副局长"
    # A post of another kind of body, or a post that names its own body, stays as written.
    assert holders.full_title("主任", "甲市乙局") == "主任"
    assert holders.full_title("市丙局局长", "甲市乙局") == "市丙局局长"


def test_the_head_of_a_bureau_named_only_in_its_letter_is_found(tmp_path):
    bot = chatbot_for(tmp_path, REPLY)
    head = bot.ask("乙局局长是谁？")
    assert head.found and "邓某明" in head.answer
    loose = bot.ask("乙局的一把手是哪个？")
    assert loose.found and "邓某明" in loose.answer
    named = bot.ask("这份答复里提到乙局的人有哪几个？")
    assert named.found and "邓某明" in named.answer and "易某华" in named.answer


def test_a_post_nobody_holds_is_still_refused_in_a_letter(tmp_path):
    bot = chatbot_for(tmp_path, REPLY)
    answer = bot.ask("乙局的办公室主任是谁？")
    assert not answer.found
    assert "邓某明" not in answer.answer


def test_a_numbered_question_on_its_own_line_is_read_as_the_entrys_question(tmp_path):
    assert heading_question("三、补贴标准是多少？") == "补贴标准是多少？"
    assert heading_question("2. 哪些人可以申请?") == "哪些人可以申请?"
    # A heading that asks nothing, or a long sentence that ends in a question, is no entry's question.
    assert not heading_question("一、总体要求")
    assert not heading_question("一、我们常常听到有人问，这项补贴到底能不能和其他的优惠政策叠加享受，又该到哪里、找哪个部门去申请呢？")
    kb = knowledge_for(_folder(tmp_path, EXPLAINER))
    asked = [heading_question(c.text) for c in kb.chunks if heading_question(c.text)]
    assert asked == ["出台背景是什么？", "补贴标准是多少？", "怎么申请？"]


@pytest.mark.slow
def test_an_explainer_answers_from_the_entry_and_calls_it_the_documents_own_text(tmp_path):
    bot = real_chatbot_for(tmp_path, EXPLAINER)
    answer = bot.ask("补贴标准是啥？")
    assert answer.found and "15%" in answer.answer
    assert "记者" not in answer.answer  # nobody reported it: the bureau's own page
    refused = bot.ask("市长对这个政策怎么评价？")
    assert not refused.found
    # What it can answer is asked back as the page asks it, not as "二、…？讲了什么？".
    assert refused.suggestions
    assert all(not s.endswith("讲了什么？") and s[:1] not in "一二三" for s in refused.suggestions)
    assert set(refused.suggestions) <= {"出台背景是什么？", "补贴标准是多少？", "怎么申请？"}


# Invented minutes: the attendance list laid out a line each under its key, the topics numbered 一、关于…
MINUTES = """甲市人民政府_2026-11-13_专题会议纪要.txt
甲市人民政府
专题会议纪要

〔2026〕9号

关于乙河治理和丙镇集市改造的专题会议纪要

　　2026年11月12日，副市长钱某明主持召开专题会议，研究乙河治理和丙镇集市改造两项工作。现将会议议定事项纪要如下：

　　一、关于乙河治理

　　会议议定：由市水利局牵头，2027年3月底前完成清淤。

　　二、关于丙镇集市改造

　　会议议定：由丙镇负责，2027年6月底前完成改造。

出席：钱某明（副市长）
列席：
市水利局      孙某华（局长）
市财政局      李某芳（副局长）
丙镇        周某强（镇长）
记录：吴某（市政府办公室）
"""

# An invented city daily: the parts named "…同城" under headings, counted in the lead as "“三个同城”行动".
DAILY = """甲市日报_2026-11-26_融入乙都市圈.txt
甲市日报

融入乙都市圈　我市实施三个同城行动

　　全会明确实施交通同城、产业同城、创新同城“三个同城”行动。

　　一、交通同城：打通断头路

　　市交通运输局局长孙某华说，明年将开工丙快速路。

　　二、产业同城：乙地研发、甲地制造

　　市发展和改革委员会主任李某芳介绍，合作园首批签约项目11个。

　　三、创新同城：成果可以落地

　　市科学技术局局长周某强告诉记者，明年设立丁科创飞地。
"""

# An invented WeChat post: the post hands its 【问】/【答】 to an official it names.
POST = """甲市发布_2026-11-28_停车新规.md
# 🚗停车新规来了！

甲市城市管理局局长孙某华介绍，新增车位3200个。

大家留言问得最多的几个问题，我们请市停车管理中心主任李某芳来解答👇

【问】包月卡多少钱？

【答】居民包月卡每月120元。她特别提醒，收费员不会收现金。
"""


def test_a_line_of_an_attendance_list_is_one_person_with_the_bodys_post():
    person = listed_person("市水利局      孙某华（局长）")
    assert person is not None and person.name == "孙某华" and person.title == "市水利局局长"
    assert listed_person("孙某华（局长）").title == "局长"
    assert listed_person("一、关于乙河治理") is None


def test_minutes_list_their_attendees_and_count_their_topics(tmp_path):
    bot = chatbot_for(tmp_path, MINUTES)
    listed = bot.ask("列席会议的有哪些人")
    assert listed.found and all(n in listed.answer for n in ("孙某华", "李某芳", "周某强"))
    assert "市水利局局长" in listed.answer
    checked = bot.ask("孙某华是财政局局长吗？")
    assert checked.found and checked.answer.startswith("不是")
    topics = bot.ask("会议一共研究了几个议题？")
    assert topics.found and "2" in topics.answer
    second = bot.ask("第二个议题是什么")
    assert second.found and "丙镇集市改造" in second.answer


def test_parts_are_counted_by_the_noun_the_text_counts_them_with(tmp_path):
    kb = knowledge_for(_folder(tmp_path, DAILY))
    parts = kb.outline.find("行动")
    assert parts is not None and len(parts.items) == 3 and parts.alias == "同城"
    (tmp_path / "bot").mkdir()
    bot = chatbot_for(tmp_path / "bot", DAILY)
    answer = bot.ask("第二个行动是啥？")
    assert answer.found and "产业同城" in answer.answer
    last = bot.ask("这篇报道最后一个接受采访的负责人是谁")
    assert last.found and "周某强" in last.answer


def test_the_answers_a_post_hands_to_an_official_are_that_officials(tmp_path):
    kb = knowledge_for(_folder(tmp_path, POST))
    answer = next(c for c in kb.chunks if "120元" in c.text)
    assert answer.speaker == "李某芳"


def test_the_post_of_a_pages_credited_interpreter_is_read_from_its_field(tmp_path):
    page = EXPLAINER + "\n解读人：甲市乙局副局长 赵某明\n"
    bot = chatbot_for(tmp_path, page)
    answer = bot.ask("这份政策解读的解读人是什么职务？")
    assert answer.found and "副局长" in answer.answer and "赵某明" in answer.answer


def _folder(tmp_path, document: str):
    name, _, body = document.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path
