"""Meeting reports and reported speech: who each sentence belongs to when speakers alternate.

Self-written texts (invented city, invented people), one per mechanism: topic sentences versus event
sentences, "该负责人"/"该局负责人" and words that only look like a name after them, pronouns resolved by
gender and recency with the gender learned from the text, deputies kept apart from heads, and the
reporter's narration after an interview's last answer.
"""
from __future__ import annotations


from index.ingest.registry import build_registry
from index.models import Document
from tests.sentences import parse_text
from tests.sentences import who_titled as who

MEETING = """某市召开城市更新工作推进会
来源：某市人民政府办公室  发布时间：2024-09-03 10:00
9月2日，我市召开城市更新工作推进会。市长欧阳明主持会议并讲话，副市长柴文博出席。
会上，市住房和城乡建设局局长尚秀兰首先介绍了全市城市更新的总体进展。她说，今年全市启动改造项目四十个。尚秀兰坦言，资金筹措仍是难点。
市住房和城乡建设局副局长滕远航随后就老旧管网改造作了补充发言。他指出，地下管网老化问题比较突出。
市自然资源和规划局副局长冉静怡围绕用地保障发言。她表示，将优先保障更新项目用地。冉静怡说，存量土地将优先用于配套设施。
市水务局局长卜晓就供水保障作了说明。卜晓表示，将新建加压泵站三座。
市财政局主要负责人蒲志刚就资金保障情况作了发言。该负责人表示，今年安排专项资金两亿元。对于卜晓提出的问题，该负责人回应称，泵站建设资金将在明年预算中统筹。他还提到，将探索引入社会资本参与城市更新。
针对各方意见，尚秀兰再次发言，就项目审批流程作了回应。她表示，审批时限将压缩一半。
市交通运输局局长覃国强随后发言。
在听取大家发言后，欧阳明作了讲话。欧阳明强调，城市更新要坚持民生优先。他要求，各部门要加强协同。
"""


def registry(doc: Document) -> dict[str, tuple[str, ...]]:
    return {p.name: tuple(p.titles) for p in build_registry([doc])}


def test_a_report_of_what_an_official_spoke_about_is_their_statement(tmp_path):
    doc = parse_text(tmp_path, MEETING)
    assert who(doc, "围绕用地保障发言")[::2] == ("冉静怡", "statement")
    assert who(doc, "就供水保障作了说明")[::2] == ("卜晓", "statement")
    assert who(doc, "就老旧管网改造作了补充发言")[::2] == ("滕远航", "statement")


def test_speaking_again_with_the_topic_given_is_a_statement_without_it_narration(tmp_path):
    doc = parse_text(tmp_path, MEETING)
    assert who(doc, "尚秀兰再次发言")[::2] == ("尚秀兰", "statement")
    assert who(doc, "覃国强随后发言")[::2] == (None, "narration")
    assert who(doc, "欧阳明作了讲话")[::2] == (None, "narration")
    assert who(doc, "主持会议并讲话")[::2] == (None, "narration")


def test_a_titled_name_followed_by_an_unknown_verb_is_still_known_by_name_later(tmp_path):
    doc = parse_text(tmp_path, MEETING)
    assert who(doc, "冉静怡说，存量土地") == ("冉静怡", "市自然资源和规划局副局长", "statement")
    assert registry(doc)["冉静怡"] == ("市自然资源和规划局副局长",)


def test_words_after_an_unnamed_official_are_never_taken_for_a_name(tmp_path):
    doc = parse_text(tmp_path, MEETING)
    assert who(doc, "该负责人回应称") == ("蒲志刚", "市财政局主要负责人", "statement")
    assert set(registry(doc)) == {"尚秀兰", "滕远航", "冉静怡", "卜晓", "蒲志刚", "欧阳明"}


def test_this_official_is_the_named_main_official_and_a_pronoun_after_it_too(tmp_path):
    doc = parse_text(tmp_path, MEETING)
    assert who(doc, "该负责人表示，今年安排")[0] == "蒲志刚"
    assert who(doc, "他还提到，将探索")[0] == "蒲志刚"
    assert doc.genders.get("蒲志刚") == "m"


def test_a_pronoun_teaches_the_gender_of_its_subject_not_of_a_name_it_mentions(tmp_path):
    doc = parse_text(tmp_path, MEETING)
    # "对于卜晓提出的问题，该负责人回应称…。他还提到…": 他 is the official, not 卜晓.
    assert "卜晓" not in doc.genders
    assert (doc.genders["尚秀兰"], doc.genders["冉静怡"], doc.genders["滕远航"]) == ("f", "f", "m")
    assert doc.genders.get("欧阳明") == "m"


def test_bureau_word_with_a_deputy_and_no_head_named_is_an_unnamed_official(tmp_path):
    text = ("某县推进防汛工作\n发布时间：2024-06-01\n县水利局副局长宗海波介绍了水库巡查情况。他说，巡查已覆盖全部水库。\n"
            "记者从县水利局获悉，今年新建堤防十公里。该局负责人表示，汛前将完成全部除险加固。"
            "该局负责人同时介绍，县里新招募巡堤员二百名。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "汛前将完成") == ("", "县水利局负责人", "statement")
    assert who(doc, "新招募巡堤员") == ("", "县水利局负责人", "statement")
    assert set(registry(doc)) == {"宗海波"}


def test_bureau_word_is_the_head_named_in_a_list(tmp_path):
    text = ("某县推进防汛工作\n发布时间：2024-06-01\n出席会议的有县水利局局长祁明远、县应急管理局副局长应丹。\n"
            "记者从县水利局获悉，今年新建堤防十公里。该局负责人表示，汛前将完成全部除险加固。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "汛前将完成") == ("祁明远", "县水利局局长", "statement")


def test_gender_is_learned_when_the_pronoun_follows_a_long_quotation(tmp_path):
    text = ("某市制造业稳步增长\n发布时间：2024-05-01\n"
            "谈到全年目标，市经济和信息化局局长车文斌表示：“我们将推动制造业智能化改造。到年底，新增智能工厂十个。\n"
            "“同时，我们还将优化营商环境。我们相信，全市制造业会更有竞争力。”\n"
            "他还特别提到，下半年将开展企业走访活动。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "他还特别提到")[0] == "车文斌"
    assert doc.genders.get("车文斌") == "m"


def test_she_and_he_alternate_between_a_woman_and_a_man(tmp_path):
    text = ("某区座谈会\n发布时间：2024-05-01\n"
            "区民政局局长晏红梅说，全区新建养老服务站十个。她表示，明年将再建十个。\n"
            "区卫生健康局局长甘伟随后就医养结合作了发言。他指出，全区已有五家医院开设老年科。\n"
            "晏红梅补充说，养老服务站将与卫生院合作。他还表示，家庭医生将上门巡诊。她同时提出，要加强护理员培训。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "家庭医生将上门巡诊")[0] == "甘伟"
    assert who(doc, "要加强护理员培训")[0] == "晏红梅"


def test_narration_sourced_by_the_reporter_after_the_last_answer_ends_the_turn(tmp_path):
    text = ("稳就业——访市人社局局长司空明\n某报记者 甘雨\n记者：今年就业形势怎样？\n司空明：总体稳定。\n"
            "记者：下一步有何打算？\n司空明：继续抓好高校毕业生就业。\n我们还将举办百场招聘会。\n"
            "据了解，今年以来全市城镇新增就业三万人。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "我们还将举办百场招聘会")[0] == "司空明"
    assert who(doc, "据了解")[::2] == (None, "narration")


def test_a_circumstance_or_a_manner_word_between_name_and_verb_keeps_the_statement(tmp_path):
    text = ("某市营商环境推进会\n发布时间：2024-10-08\n会议由副市长金晓峰主持。市委常委、常务副市长欧阳建平出席会议。\n"
            "市发展和改革委员会主任卢国庆汇报了营商环境评价情况。\n"
            "欧阳建平在听取汇报后指出，营商环境只有更好，没有最好。\n"
            "金晓峰充分肯定了各部门的工作。她要求，各部门要对标先进补短板。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "在听取汇报后指出")[::2] == ("欧阳建平", "statement")
    assert who(doc, "充分肯定了") == ("金晓峰", "副市长", "statement")
    assert who(doc, "她要求")[0] == "金晓峰" and doc.genders["金晓峰"] == "f"


def test_a_known_person_who_only_acts_is_narration_and_the_pronoun_after_is_theirs(tmp_path):
    text = ("某县茶产业\n发布时间：2024-05-20\n“今年茶叶收购价比去年高了两成。”县农业农村局局长蓝志刚说。\n"
            "县农业农村局副局长巫晓燕带着记者来到一处茶园。她介绍，全县茶园面积已达五万亩。\n"
            "蓝志刚向记者展示了一份产业规划。他表示，全县茶产业产值将突破二十亿元。\n"
            "蓝志刚的这番话让茶农们很振奋。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "带着记者来到")[::2] == (None, "narration")
    assert who(doc, "她介绍")[0] == "巫晓燕"
    assert who(doc, "向记者展示")[::2] == (None, "narration")
    assert who(doc, "他表示")[0] == "蓝志刚"
    assert who(doc, "这番话")[::2] == (None, "narration")
    assert (doc.genders["巫晓燕"], doc.genders["蓝志刚"]) == ("f", "m")


def test_an_interview_introduction_describing_a_guest_is_narration(tmp_path):
    text = ("让孩子上好学——访市教育局局长乔文华、市教育局副局长管丽\n本报记者 房小雨\n"
            "记者采访了市教育局局长乔文华和副局长管丽。管丽则长期分管基础教育，她对学校建设情况非常熟悉。\n"
            "记者：今年新增了多少学位？\n乔文华：新增学位一万个。\n记者：课后服务有什么新举措？\n管丽：我们将丰富课后服务内容。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "管丽则长期分管")[::2] == (None, "narration")
    assert who(doc, "丰富课后服务")[::2] == ("管丽", "statement")
    assert doc.genders.get("管丽") == "f"


def test_the_meeting_as_subject_is_narration_even_inside_a_speakers_paragraph(tmp_path):
    text = ("某市常务会议\n发布时间：2024-06-02\n"
            "市交通运输局局长梁宇航就暑运工作作了汇报。他表示，暑运期间将加密班次。会议要求，各部门要加强协作。"
            "会议审议通过了有关方案。他还表示，将加强客运站安全检查。\n"
            "会议听取了市教育局局长臧海燕关于中考工作的汇报。她表示，考点已全部完成检查。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "会议要求")[::2] == (None, "narration")
    assert who(doc, "会议审议通过")[::2] == (None, "narration")
    assert who(doc, "客运站安全检查")[0] == "梁宇航"
    assert who(doc, "会议听取了")[::2] == (None, "narration")
    assert who(doc, "考点已全部完成检查")[0] == "臧海燕"


def test_offering_views_is_a_statement_and_speaking_on_behalf_without_a_topic_is_narration(tmp_path):
    text = ("某市推进会\n发布时间：2024-09-20\n高新区管委会主任冷国辉结合园区实际谈了几点意见。他说，园区将新建中小学三所。\n"
            "区长邵丽萍代表各区县作了交流发言。她说，区里已组建农技服务队五十支。\n"
            "市教育局局长臧海燕代表市教育局作了汇报。副市长解婷对下一阶段工作作了具体安排。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "谈了几点意见") == ("冷国辉", "高新区管委会主任", "statement")
    assert who(doc, "园区将新建")[0] == "冷国辉"
    assert who(doc, "作了交流发言")[::2] == (None, "narration")
    assert who(doc, "农技服务队")[0] == "邵丽萍"
    assert who(doc, "代表市教育局作了汇报")[::2] == ("臧海燕", "statement")
    assert who(doc, "作了具体安排")[::2] == ("解婷", "statement")


def test_a_subtitles_dash_and_interview_word_are_not_part_of_the_title():
    from index.ingest.names import clean_title, titled_people

    assert [(p.name, p.title) for p in titled_people("——访市甲局局长王大明")] == [("王大明", "市甲局局长")]
    assert clean_title("访问团团长") == "访问团团长"
