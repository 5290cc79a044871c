"""Round 30: an official account's article (its bar-separated credits, its counts, its closing FAQ) and a plan's
task lines (partners and deadline under each task's lead)."""
from __future__ import annotations

import pytest

from index.ingest.corpus import parse_document
from index.ingest.loader import text_tables
from bot.pipeline import duties
from tests.conftest import chatbot_for, real_chatbot_for

ACCOUNT = (
    "某城生活_2026-11-20_社区食堂开张了.md\n"
    "# 社区食堂开张了：老人每餐少花3元\n\n"
    "原创　某城生活编辑部　**某城生活**　2026-11-20 08:00　某省\n\n"
    "> 文字｜记者 申晓云　　摄影｜柯立群　　编辑｜乔佳　　审核｜满志刚\n\n"
    "城南街道的社区食堂本月开张，每天供应午餐和晚餐。\n\n"
    "**划重点：**\n\n"
    "- 就餐地点：城南街道文化站一楼\n"
    "- 开放时段：午餐和晚餐\n\n"
    "## 怎么办老年卡\n\n"
    "1. 带上身份证到社区服务站\n"
    "2. 填写登记表并拍照\n\n"
    "## 一、老人吃饭更方便\n\n"
    "“以前做一顿饭要忙一上午。”街道党工委书记程素梅告诉记者，食堂开业以来日均就餐200人次。\n\n"
    "## 二、补贴怎么领\n\n"
    "区民政局副局长甘立伟介绍，60岁以上老人每餐补贴3元，凭老年卡就餐即可享受。\n\n"
    "## 常见问题\n\n"
    "**问：年轻人能去吃吗？**\n\n"
    "答：可以。辖区居民均可就餐，只是不享受补贴。\n\n"
    "**问：周末开门吗？**\n\n"
    "答：周末正常营业，午餐时间为11:00—13:00。\n\n"
    "---\n\n"
    "阅读 3.4万　　赞 520　　在看 86\n"
)

PLAN = (
    "某市人民政府办公室_2026-10-08_实施方案.txt\n"
    "某市人民政府办公室关于印发某市农贸市场改造提升实施方案的通知\n"
    "某政办发〔2026〕9号\n"
    "各区县人民政府，市级各部门：\n"
    "现将《某市农贸市场改造提升实施方案》印发给你们，请认真贯彻执行。\n"
    "一、总体要求\n"
    "到2028年底，全市农贸市场全部完成改造提升。\n"
    "二、主要任务\n"
    "（一）市场设施改造行动\n"
    "改造市场排水、通风和消防设施，2027年完成首批20个市场改造。\n"
    "牵头单位：市商务局\n"
    "配合单位：市住房和城乡建设局、市消防救援支队\n"
    "完成时限：2027年12月底前\n"
    "（二）食品安全快检行动\n"
    "每个市场设立食品安全快检室，每天公示检测结果。\n"
    "牵头单位：市市场监督管理局\n"
    "完成时限：2028年6月底前\n"
    "三、保障措施\n"
    "（一）加强组织领导。成立工作专班，统筹推进改造工作。\n"
    "（二）强化资金保障。市级财政每年安排改造资金3000万元。\n"
)


def _parsed(tmp_path, document: str):
    name, _, body = document.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, name, 10 ** 7)


def test_an_accounts_bar_separated_credits_give_author_photographer_and_editor(tmp_path):
    meta = _parsed(tmp_path, ACCOUNT).meta
    assert meta.reporters == ["申晓云"]
    assert meta.photographer == "柯立群"
    assert meta.editor == "乔佳"
    assert any("审核｜满志刚" in line for line in meta.lines)


def test_an_accounts_counts_line_gives_the_view_count_and_leaves_the_body(tmp_path):
    doc = _parsed(tmp_path, ACCOUNT)
    assert doc.meta.views == "3.4万"
    assert "在看" not in doc.body


def test_a_credit_written_with_a_bar_is_answered_by_its_own_field(tmp_path):
    bot = chatbot_for(tmp_path, ACCOUNT)
    assert "满志刚" in bot.ask("审核是谁").answer
    assert "申晓云" in bot.ask("这篇文章是谁写的").answer
    photo = bot.ask("照片是谁拍的").answer
    assert "柯立群" in photo and "“”" not in photo


@pytest.mark.slow
def test_the_account_that_published_an_article_is_its_outlet(tmp_path):
    a = real_chatbot_for(tmp_path, ACCOUNT).ask("这篇推文是哪个公众号发的")
    assert a.found and "某城生活" in a.answer


def test_an_articles_closing_faq_is_the_documents_own_text_not_the_last_quoted_official(tmp_path):
    bot = chatbot_for(tmp_path, ACCOUNT)
    faq = [c for c in bot.kb.chunks if c.section == "常见问题"]
    assert faq and all(c.speaker == "" for c in faq)
    quoted = [c for c in bot.kb.chunks if "每餐补贴3元" in c.text]
    assert quoted and quoted[0].speaker == "甘立伟"  # the reported official keeps their own words


def test_the_last_faq_question_is_the_pages_own_with_no_reporter_or_host(tmp_path):
    a = chatbot_for(tmp_path, ACCOUNT).ask("文末最后一个问题是怎么回答的")
    assert "周末" in a.answer and "11:00" in a.answer
    assert "记者提的" not in a.answer and "主持人" not in a.answer


def test_a_plans_deadline_line_is_a_field_of_its_task_not_a_heading(tmp_path):
    doc = _parsed(tmp_path, PLAN)
    titles = [s.title for s in doc.sections]
    assert not any("完成时限" in t for t in titles)
    bot = chatbot_for(tmp_path, PLAN)
    listed = bot.ask("主要任务有哪几项，全部列出来").answer
    assert "市场设施改造行动" in listed and "食品安全快检行动" in listed


def test_a_tasks_partner_and_deadline_lines_join_its_lead_note(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    task = next(d for d in bot.kb.duties if d.task.startswith("市场设施改造"))
    assert task.lead == ("市商务局",)
    assert task.support == ("市住房和城乡建设局", "市消防救援支队")
    assert task.deadline == "2027年12月底前"


def test_who_leads_a_task_and_by_when_is_answered_from_its_lines(tmp_path):
    a = chatbot_for(tmp_path, PLAN).ask("设施改造那块谁牵头，最晚啥时候完成？")
    assert "市商务局" in a.answer and "2027年12月底前" in a.answer
    assert any("完成时限" in c.passage for c in a.citations)


def test_a_tasks_deadline_alone_is_answered_from_its_time_line(tmp_path):
    a = chatbot_for(tmp_path, PLAN).ask("食品安全快检那项最晚什么时候完成")
    assert a.found and "2028年6月底前" in a.answer


def test_a_tasks_partners_are_asked_by_their_own_word(tmp_path):
    a = chatbot_for(tmp_path, PLAN).ask("市场设施改造行动有哪些配合单位")
    assert "市消防救援支队" in a.answer


def test_a_deadline_question_is_recognised_in_the_ways_people_ask_it():
    for q in ("最晚啥时候完成", "完成时限是哪天", "哪年之前要建成", "截止到什么时候"):
        assert duties.DEADLINE_Q.search(q), q
    assert not duties.DEADLINE_Q.search("一共要改造多少个市场")


def test_a_markdown_lists_short_items_are_text_not_headings(tmp_path):
    doc = _parsed(tmp_path, ACCOUNT)
    titles = [s.title for s in doc.sections]
    assert "怎么办老年卡" in titles
    assert not any(t.startswith(("就餐地点", "开放时段", "1.", "2.")) for t in titles)
    texts = [sent.text for p in doc.paragraphs() for sent in p.sentences]
    assert "就餐地点：城南街道文化站一楼" in texts and "2. 填写登记表并拍照" in texts
    assert "\x00" not in doc.body


def test_a_fact_given_only_in_a_list_item_is_found(tmp_path):
    a = chatbot_for(tmp_path, ACCOUNT).ask("食堂在哪里？")
    assert a.found and "文化站一楼" in a.answer


def test_a_typed_bar_table_reads_as_one_sentence_per_row_with_its_headers():
    rows = ["| 序号 | 指标 | 单位 | 2027年 | 2028年 | 牵头单位 |", "|---|---|---|---|---|---|",
            "| 1 | 改造农贸市场 | 个 | 20 | 45 | 市商务局 |", "| 2 | 建成快检室 | 个 | 30 | 60 | 市市场监督管理局 |"]
    assert text_tables(["附件", *rows]) == ["附件", "改造农贸市场：2027年20个，2028年45个，牵头单位：市商务局。",
                                            "建成快检室：2027年30个，2028年60个，牵头单位：市市场监督管理局。"]


def test_a_table_set_apart_by_tabs_reads_as_rows_and_a_units_column_of_bodies_stays_a_field():
    rows = ["单位\t联系人\t电话", "市商务局\t王某\t1234", "市财政局\t李某\t5678", "市教育局\t赵某\t9012"]
    assert text_tables(rows)[0] == "市商务局：联系人：王某，电话1234。"
    assert text_tables(["姓名\t职务\t单位", "王某\t科长\t市商务局", "李某\t科员\t市财政局", "赵某\t主任\t市教育局"])[0] \
        == "王某，职务：科长，单位：市商务局。"


def test_prose_laid_out_with_wide_spaces_is_no_table():
    lines = ["某市人民政府办公室          2026年10月8日", "主持人：甲　　记者：乙　　编导：丙", "正文。"]
    assert text_tables(lines) == lines


def test_a_figure_given_only_in_an_attachment_table_is_found(tmp_path):
    table = ("\n附件\n某市农贸市场改造提升目标任务表\n| 序号 | 指标 | 单位 | 2027年 | 2028年 | 牵头单位 |\n"
             "|---|---|---|---|---|---|\n| 1 | 改造农贸市场 | 个 | 20 | 45 | 市商务局 |\n"
             "| 2 | 建成快检室 | 个 | 30 | 60 | 市市场监督管理局 |\n")
    a = chatbot_for(tmp_path, PLAN + table).ask("2028年要建成多少个快检室？")
    assert a.found and "60" in a.answer


REPORT = (
    "某县日报_2026-11-02_巡回诊疗车进村.txt\n"
    "巡回诊疗车开进大山深处\n"
    "本报讯 今年4月，某县启动巡回诊疗服务，全县3辆诊疗车按照每村每月至少1次的频次巡回。\n"
    "在幸福大院，午饭每顿只收3元，两菜一汤。\n"
    "县卫生健康局局长韩立群介绍，到2027年，全县将再购置诊疗车2辆；到2028年，诊疗服务覆盖全部186个行政村。\n"
)


def test_a_stated_figure_the_text_gives_otherwise_is_corrected_with_its_passage(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    a = bot.ask("听说全县有十辆诊疗车在村里跑，是真的吗？")
    assert a.answer.startswith("不是") and "3辆" in a.answer and "10辆" in a.answer
    b = bot.ask("幸福大院吃饭每顿5块钱是吧？")
    assert b.answer.startswith("不是") and "3元" in b.answer


def test_a_stated_figure_is_checked_against_the_year_it_names(tmp_path):
    a = chatbot_for(tmp_path, REPORT).ask("到2028年诊疗服务要覆盖200个行政村，对吧？")
    assert a.answer.startswith("不是") and "186个" in a.answer


def test_a_stated_figure_the_text_bears_out_is_not_corrected():
    from bot.pipeline import premise
    sentences = ["全县3辆诊疗车按照每村每月至少1次的频次巡回。"]
    assert premise.check("全县有3辆诊疗车吧？", sentences) is None
    assert premise.check("全县有几辆诊疗车？", sentences) is None  # asks, states nothing
    assert premise.check("听说幸福大院每顿5块钱？", sentences) is None  # nothing the text names the same way


BENEFIT = (
    "某城发布_2026-11-02_补贴来了.md\n"
    "# 每人最高补贴3000元，这些人可以申请\n\n"
    "原创　某城发布　**某城发布**　2026-11-02 18:30　某省\n\n"
    "> 来源：某市人力资源和社会保障局　　审核：鲍向东　　责编：甄一\n\n"
    "近日，某市出台《高校毕业生就业补贴办法》，符合条件的毕业生可以申请一次性补贴。\n\n"
    "**划重点：**\n\n"
    "- 补贴标准：每人3000元\n"
    "- 申请时间：2026年11月10日至12月31日\n\n"
    "## 📌 谁可以申请？\n\n"
    "在本市就业并缴纳社保满3个月的高校毕业生，均可申请。\n\n"
    "## 【怎么申请？】\n\n"
    "1. 登录“某城人社”小程序\n"
    "2. 填写申请表并上传毕业证\n"
    "3. 等待审核，审核通过后10个工作日内发放\n\n"
    "市人社局就业促进科科长甘明远介绍，今年预计有5000名毕业生受益。\n\n"
    "来源：某城发布　审核：鲍向东　责编：甄一\n"
)


def test_an_official_accounts_line_names_the_account_as_the_publisher(tmp_path):
    meta = _parsed(tmp_path, BENEFIT).meta
    assert meta.outlet == "某城发布" and meta.published.startswith("2026-11-02")


def test_a_credit_printed_twice_is_said_once(tmp_path):
    a = chatbot_for(tmp_path, BENEFIT).ask("审核是谁")
    assert a.answer.count("鲍向东") == 1


def test_an_unnumbered_heading_that_asks_the_question_gives_the_answer_below_it(tmp_path):
    bot = chatbot_for(tmp_path, BENEFIT)
    asked = [h for h, _ in bot.kb.outline.headings]
    assert "谁可以申请？" in asked and "怎么申请？" in asked


@pytest.mark.slow
def test_a_list_of_steps_is_given_whole_with_each_step_cited(tmp_path):
    a = real_chatbot_for(tmp_path, BENEFIT).ask("申请流程是啥")
    assert "登录" in a.answer and "填写申请表" in a.answer and "等待审核" in a.answer
    assert a.answer.count("；") == 2
    assert sum(c.passage.lstrip().startswith(("1.", "2.", "3.")) for c in a.citations) == 3


def test_one_step_answers_a_question_for_one_kind_of_fact(tmp_path):
    a = chatbot_for(tmp_path, BENEFIT).ask("审核通过后多久发钱")
    assert "10个工作日" in a.answer and "登录" not in a.answer


NOTED = (
    "某市人民政府_2026-09-01_行动方案.txt\n"
    "某市冷链物流发展行动方案\n"
    "一、总体要求\n"
    "到2027年，全市冷链物流体系基本建成。\n"
    "二、重点任务\n"
    "（一）建设冷链物流中心\n"
    "1.在东城区建设冷链物流中心，冷库容量达到10万吨。\n"
    "牵头单位：市商务局；责任单位：市交通运输局。完成时限：2027年6月底前。\n"
    "（二）发展冷链运输车队\n"
    "1.新增冷藏运输车200辆。\n"
    "牵头单位：市交通运输局\n"
    "责任单位：市公安局、市生态环境局\n"
    "三、保障措施\n"
    "（一）加强组织领导。成立工作专班。\n"
    "（二）强化资金保障。市财政每年安排资金500万元。\n"
    "附件\n"
    "重点项目清单由市商务局另行印发。\n"
)


def test_a_note_lines_closing_time_is_its_tasks_deadline_and_a_second_line_names_partners(tmp_path):
    bot = chatbot_for(tmp_path, NOTED)
    centre = next(d for d in bot.kb.duties if d.task.startswith("建设冷链物流中心"))
    assert centre.deadline == "2027年6月底前"
    fleet = [d for d in bot.kb.duties if d.task.startswith("发展冷链运输车队")]
    assert len(fleet) == 1 and fleet[0].lead == ("市交通运输局",)
    assert fleet[0].support == ("市公安局", "市生态环境局")


def test_who_leads_asked_with_a_question_word_is_no_check_of_a_lead(tmp_path):
    a = chatbot_for(tmp_path, NOTED).ask("冷链运输车队是哪个单位牵头的？")
    assert "市交通运输局" in a.answer and not a.answer.startswith("不是")


def test_a_follow_up_that_points_back_asks_about_the_previous_answers_task(tmp_path):
    from bot.models import Turn
    bot = chatbot_for(tmp_path, NOTED)
    history = [Turn("user", "冷链物流中心建在哪？"), Turn("assistant", "在东城区建设冷链物流中心，冷库容量达到10万吨。")]
    a = bot.ask("这一项是哪个部门牵头？啥时候之前要完成？", history)
    assert "市商务局" in a.answer and "2027年6月底前" in a.answer


def test_an_unnumbered_heading_after_the_last_part_ends_its_clauses(tmp_path):
    doc = _parsed(tmp_path, NOTED)
    tail = [p for p in doc.paragraphs() if p.text.startswith("重点项目清单")]
    assert tail and tail[0].clause == ""


ELDERLY = (
    "某城暖心_2026-12-01_津贴涨了.md\n"
    "# 好消息！高龄津贴涨了\n\n"
    "原创　文/伍宇航　编辑/乔东旭　**某城暖心**　2026年12月1日 08:30　某省某市\n\n"
    "日前，某市民政局印发新的高龄津贴发放办法，自2027年1月1日起提高标准。\n\n"
    "## 【领多少？】\n\n"
    "| 年龄段 | 原标准（元/月） | 新标准（元/月） |\n"
    "|---|---|---|\n"
    "| 75—79周岁（低保） | — | 50 |\n"
    "| 80—89周岁 | 100 | 150 |\n\n"
    "## 【大家最关心的几个问题】\n\n"
    "**Q1：户口刚迁来的老人，能领吗？**\n"
    "A：户籍迁入满1年后，可以申请。\n\n"
    "**Q2：生日是年底的，要等到满80周岁吗？**\n"
    "A：是的，满80周岁的当月才能申请。\n\n"
    "某市民政局副局长尹志远提醒，民政部门从来不会上门收钱。\n\n"
    "> 💡 **温馨提示**\n>\n"
    "> 1. 申请、认证全程免费；\n"
    "> 2. 以代办为名收费的都是诈骗；\n"
    "> 3. 老人去世后，家属请在30日内告知社区。\n\n"
    "各街道便民服务中心也可以咨询哦~\n\n"
    "来源：某市民政局\n"
    "审核：邝一鸣\n"
    "责编：乔东旭\n"
)


def test_an_account_line_with_slash_credits_gives_author_editor_and_account(tmp_path):
    meta = _parsed(tmp_path, ELDERLY).meta
    assert meta.outlet == "某城暖心" and meta.reporters == ["伍宇航"] and meta.editor == "乔东旭"
    assert "审核：邝一鸣" in meta.lines  # a closing credit line is kept to be asked about


def test_closing_field_lines_of_a_markdown_page_stay_apart_and_a_chatty_line_is_no_heading(tmp_path):
    doc = _parsed(tmp_path, ELDERLY)
    assert "来源：某市民政局" in doc.meta.fields
    assert not any(s.title.endswith("哦~") for s in doc.sections)


def test_a_dash_in_a_table_cell_says_no_value(tmp_path):
    bot = chatbot_for(tmp_path, ELDERLY)
    row = next(c for c in bot.kb.chunks if c.text.startswith("75—79周岁"))
    assert "原标准" not in row.text and "新标准50元/月" in row.text and row.speaker == ""


def test_an_faqs_last_question_is_answered_by_its_own_answer_not_a_later_speaker(tmp_path):
    a = chatbot_for(tmp_path, ELDERLY).ask("常见问题里的最后一个问题问的啥，咋答的？")
    assert "满80周岁的当月" in a.answer and "尹志远" not in a.answer and "Q2提的" not in a.answer


def test_numbered_points_that_open_a_section_are_listed_by_its_heading(tmp_path):
    a = chatbot_for(tmp_path, ELDERLY).ask("温馨提示里一共提醒了哪几件事？全部列出来")
    assert "全程免费" in a.answer and "诈骗" in a.answer and "30日内" in a.answer


def test_an_ordinal_task_asked_who_leads_is_answered_by_its_note(tmp_path):
    bot = chatbot_for(tmp_path, NOTED)
    a = bot.ask("重点任务最后一项是谁牵头？")
    assert "市交通运输局" in a.answer
    b = bot.ask("重点任务第一项最晚什么时候完成")
    assert "2027年6月底前" in b.answer


PRESSER = (
    "某市新闻办_2026-11-20_停车新政发布会.md\n"
    "# 某市停车新政新闻发布会\n\n"
    "**主持人（市政府新闻办副主任 柴立新）**：今天请到市城市管理局副局长冉丽君、市发展和改革委员会副主任阚志诚。\n\n"
    "**冉丽君**：全市今年新增停车泊位3万个，“某城停车”小程序年底前上线。\n\n"
    "**某市日报记者**：请问发改委，停车收费有哪些变化？\n\n"
    "**阚志诚**：路内停车首30分钟免费，这一条没有变。\n\n"
    "**某市电视台记者**：我想追问一下冉局长，她刚才提到的小程序，市民什么时候能用上？\n\n"
    "**冉丽君**：12月31日前上线。\n"
)


def test_a_reporters_follow_up_names_a_guests_gender_by_surname_and_office(tmp_path):
    a = chatbot_for(tmp_path, PRESSER).ask("冉丽君是男的还是女的")
    assert "女" in a.answer and "她" in a.answer


def test_what_the_host_did_asked_by_its_order_is_no_question_for_the_host(tmp_path):
    from bot.pipeline.understand import Intent, understand
    bot = chatbot_for(tmp_path, PRESSER)
    kb = bot.kb
    q = understand("主持人开场介绍的嘉宾里，最后介绍的是谁？", kb.people, [d.meta for d in kb.documents], kb.titles,
                   kb.router, kb.outline)
    assert not (q.intent == Intent.DOC_FACTS and "host" in q.meta_roles)
    assert "柴立新" in bot.ask("主持人是谁").answer


def test_which_guest_said_a_quotation_asks_who(tmp_path):
    a = chatbot_for(tmp_path, PRESSER).ask("“首30分钟免费”是哪个嘉宾说的？")
    assert "阚志诚" in a.answer


def test_a_short_form_of_the_events_name_finds_the_sentence_that_says_when_it_was_held(tmp_path):
    report = ("某市日报_2026-11-27_全会召开.txt\n聚焦市委十五届十一次全会\n"
              "11月25日至26日，中共某市第十五届委员会第十一次全体会议召开。\n"
              "全会强调，全市上下要抓好七大行动落地，确保每项任务都有时间表。\n")
    a = chatbot_for(tmp_path, report).ask("这次全会是哪几天开的")
    assert a.found and "11月25日至26日" in a.answer


def test_bullets_that_open_a_section_are_a_list_its_heading_names(tmp_path):
    page = ("某城暖心_2026-12-02_划重点.md\n# 津贴新规来了\n\n日前，某市出台高龄津贴新规。\n\n## 📌 划重点\n\n"
            "- **标准提高：** 80周岁以上老人津贴每月最多提高300元\n- **范围扩大：** 75周岁以上困难老人首次纳入\n"
            "- **按月到账：** 每月15日前打到社会保障卡里\n\n## 【怎么申请？】\n\n到社区便民服务站办理。\n")
    bot = chatbot_for(tmp_path, page)
    assert "按月到账" in bot.ask("划重点里的第三条说的是啥？").answer
    assert "3" in bot.ask("划重点一共几条").answer or "三" in bot.ask("划重点一共几条").answer


def test_round_the_clock_answers_what_time_someone_picks_up(tmp_path):
    doc = ("某台_2026-11-20_热线.txt\n民生热线\n主持人：今天我们请来市旅游局副局长严立群。\n"
           "严立群：遇到消费纠纷，可以拨打旅游服务热线0898-62218800，24小时有人接听。\n")
    a = chatbot_for(tmp_path, doc).ask("旅游服务热线是多少？几点有人接听？")
    assert a.found and "24小时" in a.answer


def test_a_follow_ups_she_is_the_woman_among_the_people_the_last_answer_named(tmp_path):
    from bot.models import Turn
    doc = ("某市日报_2026-11-27_科创.txt\n科创共建行动\n"
           "市科学技术局局长祁慧敏介绍，科创飞地明年投用。她表示，科技创新券两地互认，单个企业每年最高可使用50万元。\n"
           "高新区管委会副主任甄志远说，高新区正在新建孵化载体30万平方米。\n")
    from bot.pipeline.condense import condense
    kb = chatbot_for(tmp_path, doc).kb
    history = [Turn("user", "科创共建行动是哪几位讲的？"),
               Turn("assistant", "由市科学技术局局长祁慧敏和高新区管委会副主任甄志远介绍。")]
    she = condense("她说的创新券一个企业一年最多能用多少？", history, kb.people, kb.titles)
    assert she.focus is not None and she.focus.name == "祁慧敏" and "祁慧敏" in she.text
    he = condense("他说的孵化载体有多大？", history, kb.people, kb.titles)
    assert he.focus is not None and he.focus.name == "甄志远"  # 他 marks no sex: the one named last


def test_a_question_for_shop_names_is_not_answered_by_a_count(tmp_path):
    doc = ("某台_2026-11-20_热线.txt\n民生热线\n主持人：今天我们请来市市场监督管理局副局长武泽林。\n"
           "武泽林：10月以来，我们检查经营户153家次，查处价格违法案件9起。\n")
    a = chatbot_for(tmp_path, doc).ask("查处的9起价格违法案件是哪几家店？有店名没？")
    assert not a.found or "没有说明" in a.answer


def test_the_speakers_of_two_sections_are_listed_with_their_sections(tmp_path):
    doc = ("某市日报_2026-11-27_七大行动.txt\n全会部署七大行动\n一、交通同城行动\n"
           "市交通运输局局长阎建军介绍，明年开通3条通勤快线。\n二、产业协同行动\n市发展和改革委员会主任桂卫东表示，将共建合作园区。\n"
           "三、港口联动行动\n陆局长同时透露，疏港铁路专用线将于2027年6月前建成。\n市交通运输局局长阎建军说，港口集装箱吞吐量要再上台阶。\n")
    a = chatbot_for(tmp_path, doc).ask("在两个不同行动里都讲了话的官员有哪些？")
    assert "阎建军" in a.answer and "交通同城行动" in a.answer and "港口联动行动" in a.answer
    assert "桂卫东" not in a.answer
