"""Coreference in news prose: a surname and an office, an unnamed official, an unnamed member of the public.

Self-written texts (invented people): "邱局长" is the head of that surname and never the deputy, a
pronoun after "该局负责人表示" continues that unnamed official, and one after "茶农老黄告诉记者" continues
nobody the registry lists.
"""
from __future__ import annotations


from index.ingest.dialogue import resolve_reference
from index.models import Speaker
from tests.sentences import parse_text
from tests.sentences import who_titled as who


HEAD = Speaker("邱丽华", "市民政局局长")
DEPUTY = Speaker("邱卫平", "市民政局副局长")
OTHER_DEPUTY = Speaker("房立新", "市卫健委副主任")


def test_surname_and_office_resolve_to_the_holder_never_a_deputy_for_a_head():
    people = [HEAD, DEPUTY, OTHER_DEPUTY]
    assert resolve_reference("邱", "局长", people) == HEAD
    assert resolve_reference("邱", "副局长", people) == DEPUTY
    # Reporters often drop 副 when addressing a deputy: only when nobody of that surname holds the office.
    assert resolve_reference("房", "主任", people) == OTHER_DEPUTY
    assert resolve_reference("邱", "主任", people) is None


def test_surname_and_office_in_prose_take_the_sentence_and_the_pronoun_after_it(tmp_path):
    text = ("某市养老服务座谈会\n发布时间：2024-11-02\n市民政局局长邱丽华、副局长邱卫平参加座谈。\n"
            "邱局长介绍，全市已建成社区养老服务站一百个。她说，明年将实现全覆盖。\n"
            "邱副局长补充说，农村互助养老点已建成三百个。他坦陈，护理人员仍然不足。\n"
            "市卫健委副主任房立新表示，医养结合机构已达二十家。房主任说，还将新增家庭病床五百张。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "邱局长介绍")[::2] == ("邱丽华", "statement")
    assert who(doc, "她说，明年")[0] == "邱丽华"
    assert who(doc, "邱副局长补充说")[0] == "邱卫平"
    assert who(doc, "他坦陈")[0] == "邱卫平"
    assert who(doc, "房主任说")[0] == "房立新"
    assert (doc.genders["邱丽华"], doc.genders["邱卫平"]) == ("f", "m")


def test_a_pronoun_after_an_unnamed_official_continues_that_official(tmp_path):
    text = ("某市稳就业\n发布时间：2024-04-10\n市人社局副局长祖国栋介绍，稳岗返还资金已发放三千万元。\n"
            "记者还从市医疗保障局了解到，全市职工医保参保人数稳步增长。该局负责人表示，将优化医保经办服务。"
            "他还说，年内将实现医保服务站乡镇全覆盖。其表示，群众办事将更加方便。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "他还说") == ("", "市医疗保障局负责人", "statement")
    assert who(doc, "其表示") == ("", "市医疗保障局负责人", "statement")
    assert "祖国栋" not in doc.genders


def test_a_pronoun_after_an_unnamed_member_of_the_public_is_not_the_last_official(tmp_path):
    text = ("某县茶产业\n发布时间：2024-05-20\n县农业农村局局长蓝志刚说，今年茶叶收购价比去年高了两成。\n"
            "茶农老黄告诉记者，采茶季一天能挣二百元。他说，日子越过越好了。\n"
            "家住城东的李阿姨说，茶园也带动了乡村旅游。她表示，周末游客很多。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "日子越过越好")[::2] == (None, "narration")
    assert who(doc, "周末游客很多")[::2] == (None, "narration")
    assert "蓝志刚" not in doc.genders


def test_an_office_after_an_agent_or_a_list_opener_is_the_title_alone(tmp_path):
    text = ("某县会议\n发布时间：2024-06-01\n会议由副县长甘露主持。出席会议的有县水利局局长祁明远。\n"
            "甘露强调，汛前要完成除险加固。祁明远表示，已完成九成。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "汛前要完成")[:2] == ("甘露", "副县长")
    assert who(doc, "已完成九成")[:2] == ("祁明远", "县水利局局长")


def test_this_bureaus_office_is_that_bureaus_and_a_deputy_office_never_the_head(tmp_path):
    text = ("某市公园建设\n发布时间：2024-04-10\n市园林局局长阮清河出席活动。\n"
            "记者从市公园城市建设管理局获悉，今年将新建口袋公园五十个。该局局长表示，公园建设将向老城区倾斜。\n"
            "该局副局长符建平介绍，已完成选址三十处。\n"
            "记者从市园林局了解到，全市将新增绿道一百公里。该局局长说，绿道将串联主要公园。"
            "该局副局长表示，沿线将种植乡土树种。这位局长还说，绿道年底贯通。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "向老城区倾斜") == ("", "市公园城市建设管理局局长", "statement")
    assert who(doc, "已完成选址") == ("符建平", "市公园城市建设管理局副局长", "statement")
    assert who(doc, "绿道将串联")[:2] == ("阮清河", "市园林局局长")
    assert who(doc, "乡土树种") == ("", "市园林局副局长", "statement")
    assert who(doc, "绿道年底贯通")[0] == "阮清河"


def test_she_after_two_men_goes_back_to_the_woman_and_teaches_the_men_nothing(tmp_path):
    text = ("某市城市更新\n发布时间：2024-03-21\n市住房和城乡建设局局长钱丽娜介绍，老旧小区改造将惠及居民三万户。\n"
            "市自然资源和规划局局长宋卫东表示，将优化规划审批。市城市管理局副局长牛志勇说，将同步整治背街小巷。\n"
            "她表示，改造将坚持先民生后提升。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "先民生后提升")[0] == "钱丽娜"
    assert "牛志勇" not in doc.genders and "宋卫东" not in doc.genders


def test_the_text_wins_over_a_given_name_when_nobody_else_fits(tmp_path):
    text = ("某县座谈会\n发布时间：2024-03-21\n副县长甘建峰主持座谈会。甘建峰强调，要抓好春耕。她要求，各乡镇要落实责任。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "各乡镇要落实责任")[0] == "甘建峰"
    assert doc.genders["甘建峰"] == "f"
