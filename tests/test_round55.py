"""Round 55: the people a document presents one part each (a leaders' page, a contest's speeches), in its order. "第三
个介绍的", "最后一个演讲的人", "排在最后的那位" count them by their parts, not by who spoke first; "几个副局长", "几位是
正高级工程师" pick those whose post or own part says it; a table's rows that name people are in no one's voice.
Invented documents only."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.ingest.entrants import entrants
from index.ingest.loader import rows_as_sentences
from tests.conftest import chatbot_for, knowledge_of

LEADERS = """甲市林业局_2026-09-01_局领导信息.html
<html><head><title>局领导信息_机构概况_甲市林业局</title></head><body>
<h2>局领导信息及工作分工</h2>
<p>现将局领导信息及工作分工公布如下。</p>
<h3>柯立平　党组书记、局长</h3>
<p>工作分工：主持局全面工作。</p>
<p>分管：办公室、人事科。</p>
<p>简历：1971年5月生，研究生学历，正高级工程师。2015年任乙县副县长，2020年任甲市林业局副局长，2023年起任局长。</p>
<h3>苏晓峰　党组成员、副局长</h3>
<p>工作分工：负责森林防火和林地管理工作。</p>
<p>分管：防火科、林地科。</p>
<p>简历：1975年3月生，大学学历，高级工程师。</p>
<h3>丁秀兰　党组成员、副局长</h3>
<p>工作分工：负责生态修复和自然保护地工作。</p>
<p>分管：生态修复科、保护地科。</p>
<p>简历：1978年8月生，研究生学历，正高级工程师。她长期在林业科研一线工作。</p>
<h3>孔德胜　总工程师</h3>
<p>工作分工：负责林业技术和规划工作。</p>
<p>分管：规划科、科技科。</p>
<p>简历：1969年1月生，大学学历，高级工程师。</p>
<h3>邓文涛　四级调研员</h3>
<p>工作分工：协助分管信访和普法工作。</p>
<p>简历：1967年2月生，中央党校大学学历。</p>
<h3>局领导联系区县</h3>
<table>
<tr><th>局领导</th><th>联系区县</th><th>包保项目</th></tr>
<tr><td>柯立平</td><td>东区</td><td>国家储备林项目</td></tr>
<tr><td>苏晓峰</td><td>西区</td><td>防火通道项目</td></tr>
<tr><td>丁秀兰</td><td>南县</td><td>湿地修复项目</td></tr>
</table>
</body></html>
"""

CONTEST = """乙县交通运输局_2026-11-20_中层干部竞争上岗演讲会纪实.md
# 比实绩 讲思路
## ——县交通运输局中层干部竞争上岗演讲会纪实
11月19日，县交通运输局举行中层干部竞争上岗演讲会，共有4名干部参加演讲。
会议由局党组成员、副局长梁建华主持。演讲开始前，局党组书记、局长严志明作了动员讲话。他说：“这次竞争上岗，比的是实绩，看的是担当。”
### 1号　陶立新：让办公室运转得更顺
陶立新现任局办公室副主任，此次竞争局办公室主任。
他说：“办公室是中枢，我要把文件流转时间压缩一半。”
### 2号　韦国强：把每一条农村公路管好
韦国强现任城关交通管理站站长，此次竞争公路管理股股长。
他说：“农村公路建得好更要管得好，我会推行路长制。”
### 3号　蒙丽娟：守好运输安全这道关
蒙丽娟现任运输管理股副股长，此次竞争安全监管股股长。
她说：“安全没有小事，我会把隐患排查做到每一家企业。”
### 4号　覃海波：用数据管好公路
覃海波现任公路管理股科员，此次竞争公路管理股股长。
他提出的工作思路是：建设全县农村公路“一张图”，推行养护“回头看”，每季度通报一次。
严志明在总结讲话中说：“没有排在前面的同志也不要气馁。”
"""


def _document(tmp_path: Path, document: str):
    name, _, body = document.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, "d", 10**7)


def test_a_tables_rows_that_name_people_are_in_no_ones_voice(tmp_path):
    rows = rows_as_sentences([["局领导", "联系区县"], ["柯立平", "东区"], ["苏晓峰", "西区"], ["丁秀兰", "南县"]])
    assert rows[0].startswith("柯立平，") and "柯立平：" not in rows[0]
    kb = knowledge_of(tmp_path, LEADERS)
    assert not any(c.speaker for c in kb.chunks if "联系区县" in c.text)


def test_a_table_of_other_first_cells_keeps_its_rows_keys():
    rows = rows_as_sentences([["项目", "投资"], ["储备林", "3亿元"], ["防火通道", "1亿元"], ["湿地", "2亿元"]])
    assert rows[0].startswith("储备林：")


def test_a_page_presents_its_leaders_in_the_order_of_their_entries(tmp_path):
    found = entrants(_document(tmp_path, LEADERS))
    assert [e.name for e in found] == ["柯立平", "苏晓峰", "丁秀兰", "孔德胜", "邓文涛"]


def test_a_contests_people_are_those_heading_its_parts_not_its_host(tmp_path):
    found = entrants(_document(tmp_path, CONTEST))
    assert [e.name for e in found] == ["陶立新", "韦国强", "蒙丽娟", "覃海波"]


def test_headings_that_number_one_word_are_no_people(tmp_path):
    page = "丙市政府网_2026-10-01_回应关切.md\n# 回应关切\n" + "".join(
        f"## 关切{n}：问题{n}\n市民问了问题{n}。\n" for n in "一二三四")
    assert entrants(_document(tmp_path, page)) == []


def test_the_leader_introduced_third_is_picked_with_what_the_question_asks_of_them(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    a = bot.ask("页面上第三个介绍的局领导是谁？分管哪些科室")
    assert a.found and "丁秀兰" in a.answer and "生态修复科" in a.answer
    assert "柯立平" not in a.answer.split("。")[0]


def test_the_last_on_the_page_is_its_last_entry(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    a = bot.ask("领导名单里排在最后的那位是什么职务？")
    assert a.found and "邓文涛" in a.answer and "四级调研员" in a.answer


def test_a_place_past_the_end_says_how_many_there_are(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    a = bot.ask("第七个介绍的领导是谁？")
    assert not a.found and "5位" in a.answer


def test_leaders_are_picked_by_a_post_some_of_them_hold(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    a = bot.ask("局领导里一共有几个副局长？")
    assert a.found and "共2位" in a.answer and "苏晓峰" in a.answer and "丁秀兰" in a.answer
    assert "孔德胜" not in a.answer


def test_leaders_are_picked_by_a_trait_their_own_entry_states(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    a = bot.ask("局领导中有几位是正高级工程师？")
    assert a.found and "共2位" in a.answer and "柯立平" in a.answer and "丁秀兰" in a.answer
    assert "苏晓峰" not in a.answer


def test_the_first_to_speak_in_a_contest_is_its_first_candidate_not_the_opening_speech(tmp_path):
    bot = chatbot_for(tmp_path, CONTEST)
    a = bot.ask("第一个上台演讲的是谁？他争的是哪个岗位？")
    assert a.found and "陶立新" in a.answer and "办公室主任" in a.answer
    assert "严志明" not in a.answer


def test_the_last_speaker_of_a_contest_is_answered_from_his_own_part(tmp_path):
    bot = chatbot_for(tmp_path, CONTEST)
    a = bot.ask("最后一个演讲的人提了哪些工作思路？")
    assert a.found and "覃海波" in a.answer and "回头看" in a.answer


def test_candidates_are_picked_by_what_their_parts_say_they_compete_for(tmp_path):
    bot = chatbot_for(tmp_path, CONTEST)
    a = bot.ask("竞争公路管理股股长的都有哪几个人？")
    assert a.found and "韦国强" in a.answer and "覃海波" in a.answer
    assert "陶立新" not in a.answer and "蒙丽娟" not in a.answer


def test_the_first_official_to_speak_is_still_read_by_speaking_order(tmp_path):
    bot = chatbot_for(tmp_path, CONTEST)
    a = bot.ask("第一个讲话的领导是谁？")
    assert a.found and "严志明" in a.answer


FLOOD_MINUTES = """丙县人民政府网_2026-07-02_县防汛调度会会议纪要.html
<html><head><title>丙县防汛调度会会议纪要_通知公告_丙县人民政府</title></head><body>
<h1>丙县防汛调度会会议纪要</h1>
<div class="art-info"><span>信息来源：县防汛抗旱指挥部办公室</span><span>发布时间：2026-07-02 09:15</span></div>
<p>时　间：2026年7月1日16:30</p>
<p>主　持：县委常委、常务副县长　庞某明</p>
<p>记　录：县防办 韦某</p>
<h2>一、会商汇报情况</h2>
<p>（一）县气象局局长韦某峰：预计2日夜间至4日，我县将有新一轮强降雨过程。</p>
<p>（二）丁镇：本轮降雨我镇受灾最重，全镇11个村有7个村受灾。全镇已转移群众512人，其中戊村转移130人。</p>
<p>（三）己乡：全乡已转移群众96人，安置点3个。</p>
<h2>二、会议部署</h2>
<p>各乡镇要落实24小时值班制度。</p>
</body></html>
"""


def test_a_body_speaking_in_its_own_voice_is_indexed_under_its_name(tmp_path):
    from index.models import index_text, voice

    kb = knowledge_of(tmp_path, FLOOD_MINUTES)
    moved = next(c for c in kb.chunks if "512人" in c.text)
    assert voice(moved) == "丁镇" and "丁镇" in index_text(moved)
    narrated = next(c for c in kb.chunks if "24小时值班" in c.text)
    assert voice(narrated) == ""


def test_a_question_naming_a_body_is_answered_from_what_it_says_of_itself(tmp_path):
    bot = chatbot_for(tmp_path, FLOOD_MINUTES)
    a = bot.ask("丁镇转移了多少人？")
    assert a.found and "512" in a.answer


def test_a_pronoun_owning_a_kind_of_body_means_the_body_of_that_kind_named_before():
    from bot.models import Turn
    from bot.pipeline.condense import condense
    from bot.pipeline.understand import TitleMatcher

    history = [Turn("user", "这轮雨哪个镇受灾最重？"),
               Turn("assistant", "丁镇汇报说本轮降雨该镇受灾最重，全镇11个村有7个村受灾。")]
    s = condense("他们镇转移了多少人？", history, [], TitleMatcher([]))
    assert s.text.startswith("丁镇转移了")
    company = [Turn("user", "第一个上台的企业代表是谁？"),
               Turn("assistant", "是甲乙新材料科技有限公司总经理助理韦某，她第一个上台发言。")]
    assert condense("她们公司给学生啥待遇？", company, [], TitleMatcher([])).text.startswith("甲乙新材料科技有限公司")


def test_what_a_store_indexes_with_a_passage_is_part_of_its_fingerprint(monkeypatch):
    from index.models import Chunk
    from index.search import catalog

    chunk = Chunk(chunk_id="1", doc_id="d", doc_title="", section="", paragraph=0, text="全镇已转移群众512人。",
                  start=0, end=12, speaker_title="丁镇", source_kind="statement")
    doc = catalog.DocChunks("d", "sha", [chunk])
    before = catalog.fingerprint(doc)
    monkeypatch.setattr(catalog, "index_text", lambda c: c.text)
    assert catalog.fingerprint(doc) != before


def test_a_part_that_names_nobody_after_a_who_question_is_asked_of_that_person():
    from bot.pipeline.parts import of_the_one_asked

    assert of_the_one_asked("页面上第四个介绍的领导是谁？", "分管哪些科室？") == "他分管哪些科室？"
    assert of_the_one_asked("第三个讲的是哪个？", "讲了些什么内容？") == "他讲了些什么内容？"
    # Not after a question for a thing, nor a part with a subject of its own.
    assert of_the_one_asked("一共来了多少家企业？", "现场签了几份协议？") == "现场签了几份协议？"
    assert of_the_one_asked("第一个上台的是谁？", "他争的是哪个岗位？") == "他争的是哪个岗位？"


def test_a_message_asking_who_then_what_they_do_is_answered_of_that_one_person(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    a = bot.ask("页面上第三个介绍的领导是谁？分管哪些科室？")
    assert a.found and "丁秀兰" in a.answer and "生态修复科" in a.answer
    assert "共5位" not in a.answer and "介绍了5位" not in a.answer


VISITS = """丁县信访局_2026-11-20_县领导接访日情况.md
# 县领导信访接待日接访情况
11月19日，副县长庞某明在县来访接待中心接访，当天共接待来访群众3批9人次。
### 一、甲镇村民张某某等5人反映征地补偿未兑付问题
张某某等5人反映，2025年征地的青苗补偿款至今未兑付。庞某明要求县自然资源局12月底前兑付。
### 二、农民工陈某某反映被拖欠工资问题
陈某某反映，她在工地被拖欠工资2.1万元。庞某明要求县人社局春节前结清。
### 三、退休教师周某某反映公交线路问题
周某某反映，乙镇到县城没有直达公交。庞某明表示，将请县交通运输局研究增开班次。
### 四、工作要求
各责任单位要按期办结交办事项。
"""


def test_a_list_the_text_counts_by_a_counter_of_groups_is_picked_by_it(tmp_path):
    bot = chatbot_for(tmp_path, VISITS)
    a = bot.ask("接访的第二批群众反映的是啥问题？")
    assert a.found and "第二批" in a.answer and "拖欠工资" in a.answer
    last = bot.ask("最后一批来访的是谁，反映了啥？")
    assert last.found and "周某某" in last.answer and "公交" in last.answer


def test_among_several_documents_the_people_of_one_are_counted_only_when_it_is_named(tmp_path):
    from bot.backends.extractive import ExtractiveBackend
    from bot.chatbot import Chatbot
    from tests.conftest import knowledge_for

    for document in (LEADERS, FLOOD_MINUTES):
        name, _, body = document.partition("\n")
        (tmp_path / name).write_text(body, encoding="utf-8")
    kb = knowledge_for(tmp_path)
    bot = Chatbot(kb, ExtractiveBackend(kb))
    named = bot.ask("局领导信息里第三个介绍的是谁？")
    assert named.found and "丁秀兰" in named.answer
    unnamed = bot.ask("第三个介绍的是谁？")
    assert "按文中介绍的顺序" not in unnamed.answer


SIGNED = """甲市日报_2026-11-20_让一片茶叶富了一方百姓.txt
甲市日报
2026年11月20日　星期五　　第1862期

第3版　理论·观点

【编者按】茶产业是甲市山区群众增收的主渠道。本报今日刊发市人民政府副市长庞某明的署名文章，欢迎读者建言献策。

让一片茶叶富了一方百姓

甲市人民政府副市长　庞某明

茶是甲市最大的特色产业。全市茶园面积达到42万亩，去年综合产值86亿元。

我们提出，到2028年茶农人均茶业收入达到8000元。茶企负责人韦国栋跟我讲过一句话：“原料就在家门口，缺的是敢闯的劲头。”

在与茶坊负责人覃秀英交流时，她说起一个细节：挂上品牌标签，一斤茶的价钱就能翻一番。她的茶坊现在带着30名留守妇女做茶。

（作者系甲市人民政府副市长）
"""

NOTICE_QA = """乙市市场监督管理局_2026-12-01_关于取暖器产品质量抽查结果的通报.txt
关于2026年取暖器产品质量监督抽查结果的通报
各县市场监管局：
今年11月，我局组织对全市取暖器产品开展了监督抽查。共抽查40批次，不合格6批次。
相关链接：市市场监管局负责人答记者问
通报发布后，记者采访了市市场监督管理局党组成员、副局长韦某兰。
问：今年为什么把取暖器作为抽查重点？
答：近三年我局受理的取暖电器投诉中，涉及取暖器的占到41%。
问：下一步怎么办？
答：我们将在12月底前对农村集市开展一次拉网式排查。
乙市市场监督管理局
2026年12月1日
"""


def test_a_signed_articles_text_is_its_authors_but_the_editors_note_and_the_quotes(tmp_path):
    kb = knowledge_of(tmp_path, SIGNED)
    income = [c for c in kb.chunks if "8000元" in c.text]
    assert income and all(c.speaker == "庞某明" for c in income)
    note = [c for c in kb.chunks if "编者按" in c.text]
    assert note and all(c.speaker != "庞某明" for c in note)


def test_answers_of_an_appended_interview_are_the_interviewed_officials(tmp_path):
    kb = knowledge_of(tmp_path, NOTICE_QA)
    answer = next(c for c in kb.chunks if "拉网式排查" in c.text)
    assert answer.speaker == "韦某兰"
    notice = next(c for c in kb.chunks if "共抽查40批次" in c.text)
    assert notice.speaker != "韦某兰"


DIGEST = """丙市日报_2026-11-19_研讨会发言摘编.md
# 县域经济研讨会发言摘编
11月18日，县域经济研讨会在市委党校举行。本版选取部分发言。
### 柯立平（甲大学教授）
柯立平说：“县域发展最怕撒胡椒面。”
市发展和改革委员会主任韦国强说：“今年我们新引进链上企业12家。”
市财政局局长覃海波说：“财政将安排产业基金3亿元。”
### 苏晓峰（乙研究院研究员）
苏晓峰说：“土地要素是最大的瓶颈。”
市农业农村局局长梁建华说：“我们已完成3个试点村的土地整理。”
市自然资源局局长严志明说：“明年将盘活存量建设用地800亩。”
### 丁秀兰（丙学院副教授）
丁秀兰说：“县城要接得住进城的人。”
"""


def test_a_digest_that_runs_others_words_inside_its_headed_parts_keeps_the_speaking_order(tmp_path):
    bot = chatbot_for(tmp_path, DIGEST)
    a = bot.ask("第二个发言的是谁？")
    assert a.found and "按文中介绍的顺序" not in a.answer and "韦国强" in a.answer


def test_a_pronoun_in_an_authors_own_words_after_someone_they_name_is_no_clue_to_the_authors_sex(tmp_path):
    bot = chatbot_for(tmp_path, SIGNED)
    a = bot.ask("写这篇文章的庞副市长是男的还是女的？")
    assert "女性" not in a.answer and "庞某明" in a.answer


INSTRUCTIONS = """丙县人民政府办公室_2026-11-20_滑坡隐患报告领导批示及办理情况.txt
督查通报
（第23期）
一、报告摘要
县自然资源和规划局报告，某镇某村发现滑坡隐患，坡下有农户17户。妥否，请批示。
二、领导批示
1.县委书记柯立平批示（2026年10月28日）：
人命关天，务必把群众生命安全放在首位。
请国强同志牵头抓好落实。
2.县委副书记、县长韦国强批示（2026年10月28日）：
请县自然资源和规划局五日内完成专业勘查。
县财政先行垫付应急排危资金。
3.副县长覃秀英批示（2026年10月30日）：
教学点21名孩子的安全是头等大事。
她在批示中还要求，县教育局要逐户做好家长工作。
三、办理情况
我局已委托专业单位完成勘查。
"""


def test_the_lines_under_a_persons_instruction_heading_are_that_persons_words(tmp_path):
    kb = knowledge_of(tmp_path, INSTRUCTIONS)
    of = lambda words: next(c for c in kb.chunks if words in c.text)  # noqa: E731
    assert of("人命关天").speaker == "柯立平"
    assert of("五日内完成专业勘查").speaker == "韦国强"
    assert of("21名孩子").speaker == "覃秀英"
    assert of("委托专业单位").speaker == ""


def test_a_verb_of_written_instruction_ends_a_name():
    from index.ingest.names import titled_people

    assert [p.name for p in titled_people("县长李明批示：同意。")] == ["李明"]


VOTE = """丁镇人大_2026-12-06_镇人代会票决民生实事项目.md
# 丁镇人代会票决产生民生实事项目
12月4日，丁镇人代会票决产生2027年度民生实事项目。
4个候选项目及估算投资如下：

| 序号 | 项目名称 | 主要建设内容 | 估算投资（万元） |
|---|---|---|---|
| 1 | 老街雨污分流改造 | 改造雨污管网4.2公里 | 386 |
| 2 | 中心小学食堂改扩建 | 新建食堂1200平方米 | 210 |
| 3 | 卫生院康复科建设 | 购置康复理疗设备 | 96 |
| 4 | 文化广场音乐喷泉 | 建设音乐喷泉 | 230 |

经投票，前3个项目当选。
"""


def test_items_a_line_counts_and_lists_below_it_are_a_list_by_its_noun(tmp_path):
    bot = chatbot_for(tmp_path, VOTE)
    a = bot.ask("候选项目表里排第3个的是什么项目？估算投资多少？")
    assert a.found and "卫生院康复科建设" in a.answer and "96万元" in a.answer
    listed = bot.ask("4个候选项目分别是哪些？")
    assert listed.found and "共4个" in listed.answer and "文化广场音乐喷泉" in listed.answer
