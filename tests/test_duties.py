"""Who leads what in a policy document, read from its own notes ("（牵头单位：…；配合单位：…）")."""
from __future__ import annotations

from bot.backends.extractive import ExtractiveBackend
from bot.chatbot import Chatbot
from bot.pipeline.duties import core, named_org, read_duties
from index.models import Chunk

PLAN = """丁州市人民政府办公室关于推进农村寄递物流发展的实施意见

一、完善服务网络

（一）建设县级配送中心。每个县建成1个县级公共配送中心。（牵头单位：市邮政管理局；配合单位：市商务局、市供销社）

（二）建设村级服务点。对新建村级服务点每个奖补3000元。（牵头单位：市商务局）

二、强化保障

（一）保障用地需求。配送中心用地纳入国土空间规划统筹保障。（牵头单位：市自然资源和规划局）

（二）加大资金投入。市财政每年安排专项资金500万元。（牵头单位：市财政局；配合单位：市商务局）
"""


def _chunk(text: str) -> Chunk:
    return Chunk(chunk_id="c", doc_id="d", doc_title="t", section="", paragraph=0, text=text, start=0, end=len(text))


def test_a_note_gives_the_task_its_lead_and_its_supporters():
    [duty] = read_duties([_chunk("（一）建设配送中心。每县建成1个。（牵头单位：市邮政管理局；配合单位：市商务局、市供销社）")])
    assert duty.task == "建设配送中心"
    assert duty.lead == ("市邮政管理局",) and duty.support == ("市商务局", "市供销社")
    assert core("市邮政管理局") == "邮政" and core("市自然资源和规划局") == "自然资源和规划"


def test_an_organisation_named_loosely_is_matched_by_its_core_word():
    duties = read_duties([_chunk("建设中心。（牵头单位：市邮政管理局）"), _chunk("建服务点。（牵头单位：市商务局）")])
    assert named_org("邮政局牵头哪些事？", duties) == "市邮政管理局"
    assert named_org("教育局牵头哪些事？", duties) == ""


def _bot(tmp_path):
    from tests.conftest import knowledge_for

    (tmp_path / "丁州市人民政府办公室关于推进农村寄递物流发展的实施意见.txt").write_text(PLAN, encoding="utf-8")
    kb = knowledge_for(tmp_path)
    return Chatbot(kb, ExtractiveBackend(kb))


def test_the_tasks_an_organisation_leads_or_supports_are_listed_from_the_notes(tmp_path):
    bot = _bot(tmp_path)
    leads = bot.ask("商务局牵头的任务有哪几项？")
    assert leads.found and "共1项" in leads.answer and "建设村级服务点" in leads.answer
    supports = bot.ask("市商务局配合哪些工作？")
    assert supports.found and "共2项" in supports.answer and "加大资金投入" in supports.answer


def test_the_lead_of_a_named_task_is_its_notes_lead(tmp_path):
    bot = _bot(tmp_path)
    a = bot.ask("配送中心用地保障由哪个部门牵头？")
    assert a.found and "市自然资源和规划局" in a.answer
    assert "牵头单位：市自然资源和规划局" in a.citations[0].passage


def test_this_in_a_follow_up_is_the_task_the_previous_answer_quoted(tmp_path):
    from bot.models import Turn

    bot = _bot(tmp_path)
    history = [Turn("user", "村级服务点有什么奖补？"), Turn("assistant", "对新建村级服务点每个奖补3000元。")]
    a = bot.ask("这个是哪个部门牵头的？", history)
    assert a.found and "市商务局" in a.answer and "建设村级服务点" in a.answer


def test_a_note_line_after_a_clause_names_its_lead_and_support():
    from bot.pipeline.duties import read_duties
    from index.models import Chunk

    def chunk(i, text):
        return Chunk(chunk_id=f"c{i}", doc_id="d", doc_title="t", text=text, section="二、重点任务", speaker="",
                     speaker_title="", source_kind="decision", paragraph=i, start=0, end=len(text))

    duties = read_duties([chunk(0, "（一）发展社区托育服务。"), chunk(1, "1.每个托育点托位不少于20个。"),
                          chunk(2, "责任单位：市甲局（牵头），市乙局、市丙局。"), chunk(3, "（二）建设健身设施。"),
                          chunk(4, "责任单位：市丁局、市戊局按职责分工负责。")])
    assert [(d.task, d.lead, d.support) for d in duties] == [
        ("发展社区托育服务", ("市甲局",), ("市乙局", "市丙局")), ("建设健身设施", ("市丁局", "市戊局"), ())]
