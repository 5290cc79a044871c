"""Round 17: the asked-for-type checks read the forms official texts use, and a body is missing only when named."""
from __future__ import annotations

import pytest

from tests.conftest import chatbot_for

DECISION = """中共寅州市委关于加快数字乡村建设的决定.txt
中共寅州市委关于加快数字乡村建设的决定
（2026年7月20日中共寅州市第八届委员会第六次全体会议通过）
为加快数字乡村建设，市委八届六次全会作出如下决定。
一、重点任务
（一）建设智慧农业示范园。到2027年，全市建成智慧农业示范园12个，推广大棚蔬菜智能化管理，培育农村电商带货能手800名。由市农业农村局牵头，市商务局配合。
（二）推进政务服务掌上办。2026年底前，“寅州办”App上线高频事项300项，企业开办全程网办时限由5个工作日压缩到2个工作日。由市政务服务管理局牵头。
（三）完善农村物流网络。各县区要于2026年10月31日前制定本地实施方案，报领导小组办公室备案。乡镇快递服务站每天17时前完成当日包裹分拣，取件信息在“寅州邮政”微信公众号查询。
二、保障措施
市财政每年安排专项资金1.5亿元，已服务农户3.6万。
"""


@pytest.fixture(scope="module")
def decision(tmp_path_factory):
    """A municipal decision whose measures close with the body that leads them."""
    return chatbot_for(tmp_path_factory.mktemp("decision"), DECISION)


def test_who_leads_a_measure_is_read_from_its_closing_words(decision):
    a = decision.ask("智慧农业示范园要建几个？由哪个部门牵头？")
    assert a.found and "12个" in a.answer and "市农业农村局" in a.answer


def test_a_question_in_days_is_answered_by_working_days(decision):
    a = decision.ask("企业开办现在要几天？")
    assert a.found and "2个工作日" in a.answer and "没有说明" not in a.answer


def test_an_hour_written_with_shi_answers_what_time(decision):
    a = decision.ask("快递服务站每天几点前要分拣完包裹？")
    assert a.found and "17时" in a.answer


def test_an_official_account_answers_where_to_look(decision):
    a = decision.ask("取件信息在哪里查？")
    assert a.found and "公众号" in a.answer


def test_a_body_the_documents_never_name_is_still_said_to_be_missing(decision):
    a = decision.ask("市气象局在数字乡村建设里有什么措施？")
    assert not a.found and "市气象局" in a.answer


def test_another_sitting_of_the_committee_is_not_answered_by_this_one(decision):
    from bot.pipeline.scope import missing_numbered

    assert missing_numbered("八届七次全会部署了什么？", "市委八届六次全会作出如下决定。") == "八届七次"
    assert missing_numbered("八届六次全会部署了什么？", "市委八届六次全会作出如下决定。") == ""
    a = decision.ask("市委八届七次全会对农村物流网络提了什么要求？")
    assert not a.found


def test_a_count_in_an_unstated_counter_is_not_answered_by_other_figures(decision):
    a = decision.ask("智慧农业示范园去年收到投诉多少件？")
    assert not a.found


def test_a_body_described_by_its_work_or_a_common_noun_is_no_named_body():
    from bot.pipeline.understand import body_named

    assert body_named("管农业那个局") == ""
    assert body_named("营商环境那个局") == ""
    assert body_named("娃儿送普惠的托儿所") == ""
    assert body_named("所以国土空间要重新布局") == ""
    assert body_named("那个车上能不能跟城里大医院") == ""
    assert body_named("市气象局") == "市气象局"
    assert body_named("前几天听隔壁老板说应急局") == "应急局"


def test_a_time_word_before_a_level_is_no_place():
    from bot.pipeline.scope import leveled_places

    assert leveled_places("今年市里出台了扶持政策，每亩补助800元。", "市") == []
    assert leveled_places("青岭县今年补助800元。", "县") == ["青岭县"]


def test_counters_of_the_same_things_answer_a_count():
    from bot.pipeline.scope import missing_measure

    assert missing_measure("现在改好了多少家？", "已完成改造1200户。") == ""
    assert missing_measure("注册了多少人？", "注册用户达到12.6万。") == ""
    assert missing_measure("是不是分了几条来说的？", "他说，一是加快进度，二是守牢底线。") == ""
    assert missing_measure("巡回了多少场？", "共巡回诊疗120次。") == ""
    assert missing_measure("要多少天内整改完毕？", "要在9月10日前开展一次“回头看”。") == "天"
    assert missing_measure("一共接了多少件投诉？", "已排查出286栋。") == "件"
