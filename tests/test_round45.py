"""Round 45: a comparison of two people holds, for each side, the kind of fact it asks for; a title after "……的有"
loses the 有 whatever place it names. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.ingest.names import clean_title
from tests.conftest import chatbot_for, knowledge_for

PRESSER = """甲市新闻办_2026-05-10_城市管理发布会实录.txt
甲市城市管理工作新闻发布会实录

主持人：各位记者朋友，大家好。今天出席发布会的有乙县住房和城乡建设局局长邓某明、乙县城市管理局局长易某华。

邓某明：谢谢主持人。今年全县老旧小区改造计划完成120个，目前已经开工98个。我在这里承诺，12月20日前完成排水管网返修，费用由施工单位承担。

易某华：谢谢主持人。夜市垃圾桶的事，我们承诺一定办好，请市民监督。

主持人：请易局长再谈谈时间安排。

易某华：新增的8组分类设施，12月10日前全部安装到位。
"""


def test_a_comparison_that_asks_a_date_takes_each_persons_sentence_that_gives_one(tmp_path: Path):
    bot = chatbot_for(tmp_path, PRESSER)
    out = bot.ask("邓某明和易某华各自承诺的事哪天办好？")
    assert out.found
    lines = out.answer.splitlines()
    assert "12月20日" in lines[0] and "邓某明" in lines[0]
    assert "12月10日" in lines[1] and "易某华" in lines[1]


def test_a_comparison_that_asks_no_kind_of_fact_keeps_each_persons_nearest_words(tmp_path: Path):
    bot = chatbot_for(tmp_path, PRESSER)
    out = bot.ask("邓某明和易某华对夜市垃圾桶和小区改造分别怎么说的？")
    assert out.found and {c.speaker for c in out.citations} == {"邓某明", "易某华"}
    assert "夜市垃圾桶" in out.answer


def test_a_guest_listed_after_de_you_has_a_title_without_the_you(tmp_path: Path):
    name, _, body = PRESSER.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    titles = {p.name: p.titles for p in knowledge_for(tmp_path).people}
    assert titles["邓某明"] == ["乙县住房和城乡建设局局长"]


def test_an_office_that_begins_with_you_keeps_it():
    assert clean_title("出席会议的有色金属公司总经理") == "有色金属公司总经理"
    assert clean_title("出席会议的有乙县文化馆馆长") == "乙县文化馆馆长"


LECTURE = """甲市委党校_2026-04-12_专题讲座实录.txt
推动县域经济高质量发展的路径与实践
——甲市中青年干部培训班专题讲座实录

主持人：各位学员，上午好！今天我们请到了乙省社会科学院区域经济研究所所长丁某兰研究员作专题讲座。丁某兰研究员长期从事区域经济研究，她主持完成了国家社科基金项目3项。

丁某兰：谢谢主持人，各位学员，大家好！今天我想和大家交流两个方面的问题。

一、为什么要重视县域经济

县域是国民经济的基本单元。县域经济对全省经济增长的贡献率达到了54%。

二、县域经济的发展路径

第一条路径是做强特色产业，丙县竹产业综合产值达到86亿元。

（讲座结束，掌声）

主持人：下面进入互动交流环节。

学员提问：请问县城建设资金从哪里来？

丁某兰：资金来源主要有三条：一是争取专项债券，二是引入社会资本，三是盘活存量资产。
"""


def _parse(tmp_path: Path, document: str):
    """An invented document parsed: its first line is the file name, the rest its text."""
    name, _, body = document.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, name, 10**6)


def _speakers(tmp_path: Path, document: str):
    """A lookup of the speaker's name ("" for nobody) of the sentence that starts with the given words."""
    doc = _parse(tmp_path, document)
    sentences = [(s.text.strip(), s.speaker.name if s.speaker else "") for _, _, s in doc.sentences()]
    return lambda start: next(who for text, who in sentences if text.startswith(start))


def test_a_lecturers_numbered_parts_stay_the_lecturers_words(tmp_path: Path):
    said = _speakers(tmp_path, LECTURE)
    assert said("县域是国民经济的基本单元") == "丁某兰"
    assert said("第一条路径是做强特色产业，") == "丁某兰"


def test_a_transcripts_note_on_the_room_and_an_attendees_question_are_not_the_lecturers(tmp_path: Path):
    said = _speakers(tmp_path, LECTURE)
    assert said("（讲座结束，掌声）") == ""
    assert said("请问县城建设资金从哪里来？") == ""
    assert said("资金来源主要有三条：一是争") == "丁某兰"


def test_a_name_followed_by_an_academic_rank_has_the_title_before_it_and_her_gender(tmp_path: Path):
    name, _, body = LECTURE.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    kb = knowledge_for(tmp_path)
    lecturer = next(p for p in kb.people if p.name == "丁某兰")
    assert lecturer.titles == ["乙省社会科学院区域经济研究所所长"]
    assert kb.documents[0].genders.get("丁某兰") == "f"


COMPILATION = """甲市日报_2026-06-20_专家观点摘编.txt
激活夜间经济 点亮城市烟火气
——专家学者观点摘编

编者按：近日，本报邀请多位专家学者围绕甲市发展夜间经济建言献策。现将主要观点摘编如下。

一、把握夜间经济的发展规律

邓某明（乙省社会科学院研究员）：从国际经验看，夜间消费占城市居民消费的比重可达60%。

二、打造特色夜间消费场景

甲市商务研究中心主任 邓某华 认为，要避免“千街一面”。甲市应当打造3到5条夜间步行街。

易某平　甲市文旅集团总经理

建议推出“夜游甲江”水上游线，门票控制在100元以内。

三、完善配套服务保障

柯某兰（甲市交通规划设计院总工程师）：建议开通夜间公交专线6条。

编者：以上观点仅代表专家个人意见。
"""


def test_an_entry_led_by_another_name_after_a_heading_is_that_persons_not_the_last_speakers(tmp_path: Path):
    said = _speakers(tmp_path, COMPILATION)
    assert said("甲市商务研究中心主任 邓某华") == "邓某华"


def test_a_heading_that_names_a_person_and_post_among_labelled_entries_hands_the_entry_to_them(tmp_path: Path):
    said = _speakers(tmp_path, COMPILATION)
    assert said("建议推出“夜游甲江”水上游线") == "易某平"


def test_the_editors_closing_line_is_nobodys_words(tmp_path: Path):
    said = _speakers(tmp_path, COMPILATION)
    assert said("编者：以上观点") == ""
    assert said("建议开通夜间公交专线6条。") == "柯某兰"


PROPOSAL = """甲市政协_2026-02-15_关于加快发展县域冷链物流的提案.txt
甲市政协十届五次会议提案
第0123号

关于加快发展县域冷链物流的提案

提案人：邓某明（市政协委员、乙县农业合作社联合社理事长）
联名人：丁某兰、柯某平

一、现状及问题

目前，全市农产品冷链流通率仅为25%，果蔬产后损耗率高达20%。

二、建议

（一）加大财政支持力度。建议市财政每年安排冷链专项资金3000万元。

承办单位：市商务局（主办），市财政局（会办）
"""


def test_a_proposals_text_is_the_words_of_the_one_person_its_header_names_as_proposer(tmp_path: Path):
    said = _speakers(tmp_path, PROPOSAL)
    assert said("目前，全市农产品冷链流通率") == "邓某明"
    assert said("（一）加大财政支持力度。") == "邓某明"
    assert said("承办单位：") == ""


def test_a_proposal_put_forward_by_a_body_is_no_ones_words(tmp_path: Path):
    said = _speakers(tmp_path, PROPOSAL.replace("提案人：邓某明（市政协委员、乙县农业合作社联合社理事长）", "提案人：甲市工商联"))
    assert said("目前，全市农产品冷链流通率") == ""


GUIDE = """甲市规划展览馆_2026-05-01_城市发展成就展讲解词.txt
甲市城市发展成就展讲解词

第一单元　老厂房的记忆

请大家看这台1958年生产的车床。展板上是全国劳动模范邓某明的一句话：“机床就是我们的命根子，一颗螺丝都不能马虎。”

朋友们，今天的参观就到这里。
"""


def test_a_persons_words_shown_on_a_panel_are_that_persons(tmp_path: Path):
    said = _speakers(tmp_path, GUIDE)
    assert said("展板上是全国劳动模范邓某明的一句话") == "邓某明"
    assert said("请大家看这台") == ""


BULLETIN = """甲市人大_2026-01-10_大会简报第5期.txt
乙县代表团分组审议政府工作报告

1月9日下午，乙县代表团分组审议政府工作报告。

丁某兰代表（乙县丙镇党委书记）说，报告很受基层欢迎。她建议加大对山区道路的投入。
"""


def test_a_deputys_post_in_brackets_after_the_word_deputy_is_her_title(tmp_path: Path):
    doc = _parse(tmp_path, BULLETIN)
    speakers = {s.speaker.name: s.speaker.title for _, _, s in doc.sentences() if s.speaker}
    assert speakers == {"丁某兰": "乙县丙镇党委书记"}
    assert doc.genders.get("丁某兰") == "f"


REGULATION = """甲市人大常委会_2026-09-25_甲市甲江保护条例.txt
甲市甲江保护条例

第一章　总则

第一条　为了加强甲江保护，制定本条例。

第二条　本市行政区域内甲江的保护适用本条例。

第二章　管控

第三条　在河道管理范围内禁止下列行为：

（一）倾倒生活垃圾；

（二）清洗车辆；

（三）建设妨碍行洪的建筑物。

第四条　违反本条例第三条第一项规定的，处二百元以上二千元以下罚款。

第三章　附则

第五条　本条例自2027年1月1日起施行。
"""


def test_an_article_is_found_by_the_number_it_is_labelled_with_not_by_chapter(tmp_path: Path):
    bot = chatbot_for(tmp_path, REGULATION)
    out = bot.ask("第四条罚多少钱？")
    assert out.found and "二百元以上二千元以下" in out.answer and out.answer.startswith("第四条")
    last = bot.ask("条例的最后一条说了啥")
    assert last.found and "2027年1月1日" in last.answer


def test_an_articles_sub_item_is_found_inside_it(tmp_path: Path):
    bot = chatbot_for(tmp_path, REGULATION)
    out = bot.ask("第三条列的禁止行为里，第二项是什么")
    assert out.found and "清洗车辆" in out.answer and "第三条第（二）项" in out.answer


def test_a_text_in_articles_is_the_documents_own_words_not_a_reporters(tmp_path: Path):
    doc = _parse(tmp_path, REGULATION)
    kinds = {s.kind.value if hasattr(s.kind, "value") else s.kind for _, _, s in doc.sentences()}
    assert kinds == {"decision"}


DECK = """甲县农业农村局_2026-12-02_工作汇报.txt
甲县农业农村局2026年工作汇报

第1页

甲县农业农村局2026年工作汇报

第2页

一、主要成效

● 粮食产量1.42万吨

第3页

二、存在的问题

● 冷链物流薄弱：全县仅有冷库2座

第4页

三、明年打算

● 新建冷库3座
"""


def test_a_slide_is_found_by_its_page_mark(tmp_path: Path):
    bot = chatbot_for(tmp_path, DECK)
    out = bot.ask("第3页讲的是啥")
    assert out.found and "存在的问题" in out.answer and out.answer.startswith("第三页")


def test_all_of_them_said_as_one_not_left_out_counts_nothing(tmp_path: Path):
    bot = chatbot_for(tmp_path, REGULATION)
    out = bot.ask("河道管理范围里禁止干的事都有哪些，一条不落全列出来")
    assert "不是一条" not in out.answer and "共5条" not in out.answer  # neither a count corrected nor every article
