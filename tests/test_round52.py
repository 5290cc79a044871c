"""Round 52: an ordinal question finds the list it counts in by the document's own structure. "排第三的是…" has no noun
after the ordinal; a part named by its heading and looked into is the list; the entries under a heading that numbers
them are that numbered run; a plan in decimal-numbered chapters ("4　应急响应", "4.2　…") has them as its parts; the
questions put in a statement's press exchange are its questions; an everyday word after a title word is no name; a
pronoun after an unnamed official's announced speech continues that official. Invented documents only."""
from __future__ import annotations

from bot.pipeline import headed_lists, slots
from tests.conftest import chatbot_for, knowledge_of

REPORT = """甲县水利局_2026-11-24_乙水厂扩建工程可行性研究报告摘要.txt
乙水厂扩建工程可行性研究报告摘要
一、项目概况
乙水厂位于甲县城东，现状日供水能力3万立方米。
二、风险分析
（一）水源风险。遇连续干旱年份可供水量可能下降。应对措施：保留第一水厂作为应急备用。
（二）征地风险。项目涉及17户土地承包经营户。应对措施：提前公示征地补偿标准。
（三）施工期停水风险。新旧管网接驳预计需计划停水3次。应对措施：提前3天向社会公告。
综合判断，项目风险等级为低风险。
三、结论
项目可行。
"""

MEETING = """丙街道_2026-12-03_丁小区停车议事会实录.txt
丁小区停车议事会实录
一、会议情况
12月1日晚，丁小区居民议事会召开，社区书记邓某明主持。
二、议定事项
会议最后，邓某明宣读了议定事项：
1. 施划停车位182个，12月20日前完成。
2. 车位月租费每月50元，试行一年。
3. 外来车辆临时停车前30分钟免费。
4. 收支情况每季度公示一次。
5. 两条消防通道12月15日前施划禁停标线。
邓某明说，落实情况将在下一次议事会上通报。
"""

PLAN = """乙县政府_2026-05-10_防汛应急预案.txt
乙县防汛应急预案
1 总则
1.1 编制目的
为做好水旱灾害防范工作，制定本预案。
1.2 适用范围
本预案适用于乙县行政区域内水旱灾害的预防和应急处置。
2 应急响应
2.1 响应分级
应急响应由高到低分为四个等级。
2.2 Ⅰ级应急响应
出现下列情况之一的，启动Ⅰ级应急响应：
（1）丙水文站水位超过保证水位；
（2）全县平均24小时降雨量达到150毫米以上；
（3）全县因旱饮水困难人口超过1.5万人。
3 后期处置
3.1 救灾救助
县应急管理局负责受灾群众生活救助。
3.2 水毁工程修复
县水利局负责水毁水利工程修复。
"""

STATEMENT = """甲县联合调查组_2026-11-25_关于网民反映自来水发黄问题的情况说明.txt
关于网民反映自来水发黄问题的情况说明
一、基本情况
11月16日晚，网民发布视频反映西关片区自来水发黄。
二、调查认定的情况
（一）管网老化。西关片区铸铁管网敷设于1998年，锈蚀严重。
（二）冲洗不到位。供水公司未按规定冲洗管网。
三、整改措施
一是更换锈蚀管段420米。二是每月冲洗一次管网。
四、答记者问
11月23日下午，县政府新闻办公室召开情况通报会，就有关问题回答了记者提问。
记者：现在西关片区的水到底能不能放心喝？
县政府新闻发言人柯某平：可以放心饮用。11月19日复检的36份水样全部合格。
记者：居民打了14次热线都没人上门，这个问题怎么看？
柯某平：这是我们工作中一个深刻的教训。
记者：管网改造的钱能不能按时到位？
柯某平：县财政承担的800万元已列入明年预算。
"""

PLEDGES = """甲市作风办_2026-03-06_市直部门主要负责人公开承诺汇编.txt
甲市市直部门主要负责人公开承诺汇编
3月5日下午，市作风建设办公室组织召开市直部门主要负责人公开承诺集中签订会。
市纪委书记易某华出席会议并讲话。他强调，承诺事项要看得见、摸得着、可检验。
会上，市医疗保障局局长作为部门代表作表态发言。她表示，年底交一份让参保群众认可的答卷。
"""


class _Para:
    """A paragraph as numbered_run reads it: its text."""

    def __init__(self, text: str):
        self.text = text


def test_the_ordinal_made_the_subject_by_de_has_no_noun_after_it():
    assert slots.ordinal("风险分析里面排第三的是什么风险？").noun == ""
    assert slots.ordinal("第二个是什么").noun == ""


def test_first_by_tou_reads_the_noun_after_its_measure_word():
    o = slots.ordinal("头一个是啥")
    assert o.position == 1 and o.noun == ""


def test_a_part_named_and_looked_into_is_the_list_counted_in(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    third = bot.ask("风险分析里面排第三的是什么风险？")
    assert "停水" in third.answer and "征地" not in third.answer
    listed = bot.ask("风险分析有哪几条")
    assert all(w in listed.answer for w in ("水源风险", "征地风险", "施工期停水风险"))


def test_a_numbered_run_under_a_heading_leaves_out_its_lead_line_and_the_text_after_it(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    fifth = bot.ask("议定事项第五条是什么？")
    assert "消防通道" in fifth.answer and "收支" not in fifth.answer
    last = bot.ask("议定事项最后一条是什么")
    assert "消防通道" in last.answer
    counted = bot.ask("议定事项一共几条")
    assert "共5条" in counted.answer and "182" in counted.answer


def test_numbered_run_keeps_only_the_self_numbered_paragraphs():
    paras = [_Para("会议最后宣读了议定事项："), _Para("1. 甲。"), _Para("2. 乙。"), _Para("3. 丙。"), _Para("邓某明说，将逐项通报。")]
    assert [p.text for p in headed_lists.numbered_run(paras)] == ["1. 甲。", "2. 乙。", "3. 丙。"]
    prose = [_Para("第一段。"), _Para("第二段。")]
    assert headed_lists.numbered_run(prose) == prose
    assert headed_lists.self_numbered(["1．甲。", "2．乙。"]) and not headed_lists.self_numbered(["甲。", "乙。"])


def test_a_plan_in_decimal_chapters_has_them_as_parts_with_their_sections(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    chapter = bot.ask("预案第3章讲的是什么？下面分了哪几节？")
    assert "后期处置" in chapter.answer and "救灾救助" in chapter.answer and "水毁工程修复" in chapter.answer
    nested = bot.ask("第二章第二节讲什么")
    assert "Ⅰ级应急响应" in nested.answer and "150毫米" in nested.answer


def test_a_section_heading_with_a_decimal_number_is_named_without_it():
    assert headed_lists.name_of("4.2　Ⅰ级应急响应") == "Ⅰ级应急响应"
    assert headed_lists.name_of("3. 申请材料") == "申请材料"


def test_the_questions_of_a_statements_press_exchange_are_its_questions(tmp_path):
    bot = chatbot_for(tmp_path, STATEMENT)
    a = bot.ask("记者提的第三个问题是啥？发言人咋回答的？")
    assert "管网改造" in a.answer and "800万元" in a.answer and "记者：" not in a.answer
    assert any(c.speaker == "柯某平" for c in a.citations)


def test_an_everyday_word_after_a_title_word_is_no_name_and_the_pronoun_goes_to_the_unnamed_official(tmp_path):
    kb = knowledge_of(tmp_path, PLEDGES)
    assert all(p.name != "公开" for p in kb.people)
    said = next(s for _, _, s in kb.documents[0].sentences() if s.text.startswith("她表示"))
    assert said.speaker is not None and said.speaker.name == "" and said.speaker.title.endswith("市医疗保障局局长")


def test_a_name_ends_before_a_word_that_follows_names_and_the_tagger_keeps_a_three_character_name(tmp_path):
    doc = """甲县政协_2026-09-20_水库修建亲历记.txt
水库修建亲历记
塌方第二天，县委副书记柯正才冒雨赶到工地，只讲了一句话：“工期可以往后推，人命不能往后推。”
乙乡党委书记孔奕这样评价邓某明：“这个人办事有股犟劲，认准的事就一定干到底。”
"""
    kb = knowledge_of(tmp_path, doc)
    names = {p.name for p in kb.people}
    assert "柯正才" in names and "柯正" not in names
    assert "孔奕" in names and "孔奕这" not in names


class _MeaningFake:
    """Embeddings that put a phrase near a body by one shared idea each (a hand-made meaning space), with every
    body's name also pulled toward the bare frame "那个局", as a real encoder's are."""

    IDEAS = {"钱": 0, "财政": 0, "念书": 1, "教育": 1, "看病": 2, "医疗": 2}

    def _vector(self, text: str) -> list[float]:
        v = [0.0, 0.0, 0.0, 1.0]  # the last axis: what any phrase about a bureau shares
        for word, axis in self.IDEAS.items():
            if word in text:
                v[axis] += 1.0
        if "民政" in text:
            v[3] += 2.0  # a hub: near every frame, though it means none of the ideas
        norm = sum(x * x for x in v) ** 0.5
        return [x / norm for x in v]

    def embed_documents(self, texts):
        return [self._vector(t) for t in texts]

    def embed_query(self, text):
        return self._vector(text)


def test_a_body_called_by_its_work_is_read_by_the_name_the_documents_give_it():
    from bot.pipeline.described import DescribedBodies

    bodies = DescribedBodies(["市财政局局长邓某明说，今年资金到位。", "市教育局、市民政局和市医疗保障局参加。"],
                             _MeaningFake())
    assert bodies.named("管钱那个局的一把手叫啥？") == "市财政局的一把手叫啥？"
    assert bodies.named("管看病的那个局说了啥") == "市医疗保障局说了啥"
    # A question that names a body outright, or describes none, is left as it is.
    assert bodies.named("市教育局的局长是谁") == "市教育局的局长是谁"
    assert bodies.named("管道改造什么时候完工") == "管道改造什么时候完工"
    # Nothing stands clear of the rest: no guess.
    assert bodies.named("管天气那个局是哪个") == "管天气那个局是哪个"
    # A word that holds the verb is no description ("城市管理局", "分管教育的副局长").
    assert bodies.named("城市管理局的局长是谁") == "城市管理局的局长是谁"
    assert bodies.named("分管教育的副局长是谁") == "分管教育的副局长是谁"


def test_a_dictionary_word_of_another_kind_after_a_role_word_is_no_name():
    from index.ingest.names import everyday_word, titled_people

    assert everyday_word("公寓") and everyday_word("那年") and everyday_word("公开")
    assert not everyday_word("高峰") and not everyday_word("柯正")
    assert titled_people("同步配套建设污水处理设施和职工公寓，推行“拎包入驻”。") == []
    assert titled_people("刚到社区当网格员那年，她常说：“居民的小事，就是社区的大事。”") == []


def test_a_rosters_people_speak_where_the_decision_reports_their_views(tmp_path):
    doc = """甲县住建局_2026-11-13_乙公园工程可行性研究报告专家评审意见.txt
《乙公园工程可行性研究报告》专家评审意见
评审地点：甲县行政中心第三会议室
组织单位：甲县住建局
建设单位：甲县城投公司
一、评审会基本情况
2026年11月13日，甲县住建局组织召开评审会，会议邀请3位专家组成评审专家组。
二、评审专家组名单
柯某平，工作单位：甲市规划研究院，职称/职务：正高级工程师，组内分工：组长
丁某兰，工作单位：甲市水利设计院，职称/职务：高级工程师，组内分工：成员
苏某峰，工作单位：甲市造价咨询公司，职称/职务：高级经济师，组内分工：成员
三、总体评审结论
专家组一致同意《报告》通过评审。
四、专家个人意见摘要
丁某兰高级工程师指出，《报告》引用的水文资料只截至2019年，应补充近年的洪水资料。
苏某峰认为，项目运营期没有收费来源，应提前测算管护费用。
五、具体修改意见
1. 复核防洪标准。
2. 复核投资估算。
"""
    kb = knowledge_of(tmp_path, doc)
    said = {s.text[:5]: s.speaker.name if s.speaker else None for _, _, s in kb.documents[0].sentences()}
    assert said["丁某兰高级"] == "丁某兰" and said["苏某峰认为"] == "苏某峰"
    assert said["柯某平，工"] is None  # the roster's own row is the document's text


SUMMARY = """甲县农业农村局_2026-12-01_2026年工作总结和2027年工作打算.txt
甲县农业农村局2026年工作总结和2027年工作打算
一、主要工作成效
（一）粮食生产稳中有升。全县粮食播种面积52.3万亩。
（二）高标准农田建设有序推进。新建高标准农田3.2万亩。
（三）特色产业提质增效。茶叶综合产值达到18亿元。
二、存在的问题
一年来，我局工作虽然取得了一定成效，但仍存在一些不足：
一是农民增收渠道偏窄。
二是农村人才短缺。
三是农业基础设施仍有短板。
四是农业防灾减灾能力不强。
三、2027年工作打算
继续抓好粮食生产。
"""


def test_points_numbered_in_words_are_a_headings_run_and_a_part_may_be_called_that_part(tmp_path):
    bot = chatbot_for(tmp_path, SUMMARY)
    fourth = bot.ask("存在的问题里面第四条是什么问题")
    assert "防灾减灾" in fourth.answer and "基础设施" not in fourth.answer
    third = bot.ask("工作成效那部分的第三点讲的是啥")
    assert "特色产业" in third.answer


def test_a_tables_numbered_rows_leave_out_its_header_row():
    rows = [_Para("整改清单如下："), _Para("| 序号 | 问题 | 措施 |"), _Para("| 1 | 甲 | 乙 |"), _Para("| 2 | 丙 | 丁 |")]
    assert [p.text for p in headed_lists.numbered_run(rows)] == ["| 1 | 甲 | 乙 |", "| 2 | 丙 | 丁 |"]


def test_labels_that_name_whom_someone_speaks_for_are_turns_of_their_own(tmp_path):
    doc = """甲市融媒体中心_2026-11-19_市乙局面对面评议会实录.md
# 甲市民主评议“面对面”现场评议会实录

- 评议代表：市人大代表、市政协委员、行风监督员及出租车司机代表

**主持人（邓某明）**：各位观众，大家上午好！请第一位代表提问。

**出租车司机代表**：我开了十一年出租车。请问黑车到底有没有办法管？

**柯某平**：感谢这位师傅的提问。下一步我们每周联合执法两次。

**学生家长代表**：我孩子在六中读书，放学公交太挤。请问能不能开专线？

**丁某兰**：感谢这位家长。明年春季开学前开通定制公交专线2条。
"""
    kb = knowledge_of(tmp_path, doc)
    said = {s.text[:6]: (s.speaker.title if s.speaker else None) for _, _, s in kb.documents[0].sentences()}
    assert said["我开了十一年"] == "出租车司机代表"
    assert said["我孩子在六中"] == "学生家长代表"
    # A field listing who they are speaks no words.
    assert all(not (s.speaker and s.speaker.title == "评议代表") for _, _, s in kb.documents[0].sentences())


def test_each_speech_of_a_compilation_is_its_bylines_speakers_and_point_marks_name_nobody(tmp_path):
    doc = """乙县投资促进局_2026-10-30_签约仪式致辞汇编.md
# 乙县2026年秋季集中签约仪式致辞汇编

乙县投资促进局 编

## 仪式概况

10月28日上午，乙县秋季集中签约仪式举行，集中签约项目12个，协议总金额86.5亿元。

## 一、携手共赢 在乙县书写投资兴业新篇章

——乙县人民政府县长 邓某明

尊敬的各位企业家朋友：今天，我们在这里隆重举行签约仪式。

企业有任何困难，可以直接找到我们。谢谢大家！

## 二、共建共享 推动更多优质项目落地

——甲省经济合作局副局长 柯某平

各位朋友：借此机会，我提两点希望：一是希望乙县把签约项目作为“一号工程”，二是希望企业守法经营。

预祝各个项目顺利推进！
"""
    kb = knowledge_of(tmp_path, doc)
    said = {s.text[:6]: (s.speaker.name if s.speaker else None) for _, _, s in kb.documents[0].sentences()}
    assert said["企业有任何困"] == "邓某明"
    assert said["预祝各个项目"] == "柯某平"
    assert all(p.name != "一是" for p in kb.people)
    other = tmp_path / "asked"
    other.mkdir()
    bot = chatbot_for(other, doc)
    assert "柯某平" in bot.ask("汇编里面第二篇致辞是谁讲的？").answer


def test_a_features_dash_subtitle_is_no_byline():
    from index.ingest.names import signature

    assert signature("——乙县人民政府县长 邓某明") is not None
    assert signature("——记甲市乙村党支部书记邓某明") is None
