"""Round 49: a clause named by its heading ("乙类原因里的第二条", "甲类原因有哪些") picks, counts or lists its own
numbered points, a third level under the document's parts; a long clause heading is named by its last words; a number
asked of a profiled person comes from the profile's sentence that counts in the asked counter. Invented documents
only."""
from __future__ import annotations

from tests.conftest import chatbot_for

REPORT = """甲县应急管理局_2026-11-20_乙镇丙厂火灾事故调查报告.txt
乙镇丙厂“10·8”火灾事故调查报告

2026年10月8日，乙镇丙厂仓库发生火灾，造成2人受伤，直接经济损失48万元。

一、基本情况

（一）事故单位。丙厂成立于2019年，从业人员26人。

（二）监管情况。乙镇负责辖区企业消防安全属地监管。

二、事故原因

（一）直接原因

1．仓库电线老化短路，引燃堆放的纸箱。

2．仓库未设置防火分隔，火势迅速蔓延。

（二）间接原因

1．企业消防安全主体责任不落实，未开展员工培训。

2．乙镇对企业下达整改通知后未跟踪复查。

3．县消防救援大队对该企业检查频次不足。

三、处理建议

（一）对企业有关人员和单位的行政处罚建议

1．对丙厂处以罚款12万元。

2．对丙厂负责人邓某明处以罚款2.4万元。

（二）其他建议

责成乙镇向县人民政府作出书面检查。
"""


def test_a_clause_named_by_its_heading_picks_its_own_numbered_point(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    a = bot.ask("间接原因里的第二条讲的是啥？")
    assert a.found and "未跟踪复查" in a.answer and "基本情况" not in a.answer
    last = bot.ask("间接原因里最后一条是什么")
    assert last.found and "检查频次" in last.answer


def test_a_clause_named_by_its_heading_lists_and_counts_its_points(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    listed = bot.ask("直接原因有哪些？全部说一下")
    assert listed.found and "共2条" in listed.answer
    assert "电线老化" in listed.answer and "防火分隔" in listed.answer
    counted = bot.ask("间接原因一共几条")
    assert counted.found and "共3条" in counted.answer and "检查频次" in counted.answer


def test_a_long_clause_heading_is_named_by_its_last_words(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    a = bot.ask("行政处罚建议里第二条是啥")
    assert a.found and "2.4万元" in a.answer


def test_a_number_asked_of_a_profiled_person_comes_from_the_sentence_counting_in_its_counter(tmp_path):
    honours = """甲市融媒体中心_2026-12-05_年度人物颁奖词.txt
年度人物颁奖词

■邓某明　63岁，丙村退休教师

事迹简介：邓某明退休后在村里办起书屋，每天放学后为孩子辅导功课。十年来，书屋藏书增加到4600册。

■易某华　34岁，消防救援站站长

事迹简介：易某华带领32名队员连续奋战36个小时，转移被困群众217人。洪水中他驾驶冲锋舟往返140余趟。

■丁某兰　41岁，市特殊教育学校教师

事迹简介：学校有29名重度残疾学生无法到校上课，丁某兰主动承担送教上门任务。7年来，她每周骑电动车往返各乡镇，累计行程4.2万公里，为学生们编写了300多份教案。

■柯某平　70岁，退役军人

事迹简介：柯某平30年守护烈士陵园，为41位无名烈士中的17位查明了姓名和籍贯。
"""
    bot = chatbot_for(tmp_path, honours)
    a = bot.ask("消防站长易某华转移被困群众的时候开着船来回跑了多少趟？")
    assert a.found and "140" in a.answer
    b = bot.ask("丁某兰送教上门一共跑了多少公里？")
    assert b.found and "4.2万公里" in b.answer


def test_a_figure_asked_with_a_word_for_posts_is_no_lookup_of_the_persons_post(tmp_path):
    honours = """甲市融媒体中心_2026-12-05_年度人物颁奖词.txt
年度人物颁奖词

■柯某平　70岁，退役军人

事迹简介：柯某平30年守护烈士陵园。他自费查阅资料，为41位无名烈士中的17位查明了姓名和籍贯。

■丁某兰　41岁，市特殊教育学校教师

事迹简介：丁某兰7年送教上门，累计行程4.2万公里。
"""
    bot = chatbot_for(tmp_path, honours)
    a = bot.ask("柯某平帮多少位没留下名字的烈士查到了身份？")
    assert a.found and "17位" in a.answer and "职务是" not in a.answer
    assert "退役军人" in bot.ask("柯某平是什么身份？").answer


SCRIPT = """甲县融媒体中心_2026-11-02_专题片解说词.txt
《丙村的新路》解说词

【片头】

【解说】清晨的丙村，雾气还没散去。

【第一部分　山里的日子】

【解说】过去，丙村的孩子上学要走两个小时山路。

【第二部分　修路】

【解说】2019年，村里开始修通村公路，全长12公里。

【第三部分　茶山变金山】

【解说】路通了，村里的茶叶第一次卖到了省城，每斤涨到80元。

【片尾】

【解说】丙村的故事，还在继续。
"""


def test_headings_that_number_themselves_are_the_parts_whatever_else_is_headed(tmp_path):
    bot = chatbot_for(tmp_path, SCRIPT)
    third = bot.ask("片子第三部分讲的是啥？")
    assert third.found and "茶山变金山" in third.answer and "修路" not in third.answer
    counted = bot.ask("这个片子一共分几个部分？")
    assert counted.found and "共3部分" in counted.answer and "片尾" not in counted.answer
    named = bot.ask("片子第二部分叫什么名字？")
    assert named.found and "修路" in named.answer and "发言" not in named.answer


WORK_REPORT = """甲市人民政府_2026-01-10_政府工作报告.md
# 政府工作报告

## 一、2025年工作回顾

过去一年，全市地区生产总值增长6%。

## 二、2026年重点工作

（一）扩大有效投资。全年实施重点项目120个。

（二）推进城市更新。改造老旧小区25个。

（三）办好民生实事。新增学位3000个。

## 三、加强政府自身建设

坚持依法行政。
"""


def test_a_part_is_named_without_the_year_its_heading_dates_itself_by(tmp_path):
    bot = chatbot_for(tmp_path, WORK_REPORT)
    second = bot.ask("重点工作的第二条讲的是啥？")
    assert second.found and "老旧小区" in second.answer
    counted = bot.ask("重点工作一共列了几条？")
    assert counted.found and "3项" in counted.answer and "办好民生实事" in counted.answer


def test_a_list_items_number_is_no_part_of_the_office_of_the_person_it_names(tmp_path):
    from index.ingest.corpus import parse_document

    name = "甲市人民政府_2026-11-20_专题会议纪要.txt"
    body = ("甲市供水管网改造专题会议纪要\n\n一、会议议定事项\n\n（一）市住房城乡建设局副局长邓某明表示，将把管网改造与"
            "老旧小区改造同步设计。\n\n二、处理建议\n\n1．市水务公司安全部经理易某华，对巡查管理失职，建议解除劳动合同。\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    doc = parse_document(path, name, 10_000_000)
    titles = {s.speaker.name: s.speaker.title for _, _, s in doc.sentences() if s.speaker and s.speaker.name}
    assert titles.get("邓某明") == "市住房城乡建设局副局长"
    assert all(not t[:1].isdigit() and not t.startswith("（") for t in titles.values())
