"""Round 27: below the coverage floor the calibrated answerability model decides alone, at a stricter point."""
from __future__ import annotations

import json
import math

import pytest

from bot.pipeline import answerability
from bot.pipeline.evidence import Evidence
from index.models import Chunk
from index.search.retriever import Hit
from tests.conftest import chatbot_for


def _model(probability: float, accept: float, accept_low: float, accept_coverage: float = 0.15):
    """A model whose every judgement has the given probability (no weights, only the bias)."""
    n = len(answerability.FEATURES)
    bias = math.log(probability / (1 - probability))
    return answerability.Calibration((0.0,) * n, (1.0,) * n, (0.0,) * n, bias, accept, accept_coverage, accept_low)


def _judge(monkeypatch, model, coverage: float, last_resort: bool = True):
    monkeypatch.setattr(answerability, "calibration", lambda: model)
    chunk = Chunk("c1", "doc", "title", "", 0, 0, 12, "补贴标准为每户3000元。")
    ev = Evidence(chunk, [chunk.text], coverage, 0)
    hits = [Hit(chunk, 1.0, keyword_rank=1, dense_rank=1, dense_score=0.88)]
    return answerability.judge(ev, hits, set(), lambda _text: 0.80, "屋头老汉儿补贴给好多嘛", last_resort=last_resort)


def test_a_passage_below_the_coverage_floor_is_accepted_only_at_the_stricter_point(monkeypatch):
    assert _judge(monkeypatch, _model(0.75, accept=0.7, accept_low=0.8), coverage=0.05).outcome == answerability.NONE
    assert _judge(monkeypatch, _model(0.85, accept=0.7, accept_low=0.8), coverage=0.05).outcome == answerability.ANSWER
    # Above the floor the ordinary point decides.
    assert _judge(monkeypatch, _model(0.75, accept=0.7, accept_low=0.8), coverage=0.2).outcome == answerability.ANSWER


def test_below_the_floor_the_model_speaks_only_as_the_last_resort(monkeypatch):
    model = _model(0.95, accept=0.7, accept_low=0.8)
    assert _judge(monkeypatch, model, coverage=0.05, last_resort=False).outcome == answerability.NONE
    assert _judge(monkeypatch, model, coverage=0.05, last_resort=True).outcome == answerability.ANSWER


def test_a_model_file_without_a_low_point_never_accepts_below_the_floor(monkeypatch):
    model = _model(0.99, accept=0.7, accept_low=1.01)
    assert _judge(monkeypatch, model, coverage=0.05).outcome == answerability.NONE


def test_the_shipped_model_has_a_low_point_no_laxer_than_its_ordinary_one():
    answerability.calibration.cache_clear()
    model = answerability.calibration()
    assert model is not None
    assert model.accept <= model.accept_low <= 1.01


def test_the_fit_chooses_the_low_point_on_the_calls_below_the_floor_only(tmp_path, monkeypatch):
    np = pytest.importorskip("numpy")
    from bench import calibrate
    from bench.calibrate import fit

    # The meaning block says nothing here (noise): the similarity alone separates the two kinds.
    monkeypatch.setattr(calibrate, "meaning_block",
                        lambda rows: (np.random.default_rng(2).normal(size=(len(rows), 2)), "fake"))
    rng = np.random.default_rng(1)
    rows = []
    for i in range(600):
        answerable = bool(i % 2)
        x = {f: 0.0 for f in answerability.FEATURES}
        # The similarity separates the two kinds; a third of the calls fall below the coverage floor.
        x["similarity"] = float(rng.normal(0.92 if answerable else 0.86, 0.015))
        x["coverage"] = 0.05 if i % 3 == 0 else 0.3
        rows.append({"id": f"qa{(i // 2) % 4}-x-{i:03d}", "answerable": answerable, "holds": answerable, "found": False,
                     "x": x, "q": f"问{i}", "s": f"句{i}"})
    path = tmp_path / "calls.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    model = fit([path], tmp_path / "model.json", cost=2.0, cost_low=3.0, l2=1.0)
    written = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert written["accept_low"] == model["accept_low"] <= 1.0
    adds = written["two_fold"]["accept_low_adds"]
    # Separable by similarity: the low point adds right answers below the floor and (almost) no invented ones.
    assert adds["positives"] > 50 and adds["negatives"] <= adds["positives"] // 10


SPEECH = """在全县冬季供暖工作推进会上的讲话

县委副书记、县长 郑立新
（2026年11月20日）

同志们：

今年以来，全县供暖工作总体平稳。这里，我要点名表扬几位同志：县住房和城乡建设局局长李海波同志、柳溪镇镇长王春梅同志、县热力公司总经理赵国强同志。他们带头蹲点，把问题解决在了一线。

下一步，我们要抓好三件事。一是保障热源，二是改造管网，三是做好服务。
"""



def _bot_for(tmp_path, name: str, text: str):
    """The default bot over one self-written document (conftest's chatbot_for, with the file name apart)."""
    return chatbot_for(tmp_path, f"{name}\n{text}")


def _speech_bot(tmp_path):
    return _bot_for(tmp_path, "丁县人民政府_2026-11-20_在全县冬季供暖工作推进会上的讲话.txt", SPEECH)


def test_people_named_but_not_speaking_are_listed_when_asked_who_is_named(tmp_path):
    bot = _speech_bot(tmp_path)
    a = bot.ask("讲话里点名表扬了几个人？都是谁？")
    assert a.found
    for name in ("李海波", "王春梅", "赵国强"):
        assert name in a.answer
    assert "县住房和城乡建设局局长" in a.answer  # each with the post the text gives
    assert any("李海波" in c.passage for c in a.citations)


def test_the_person_who_names_the_others_is_set_aside(tmp_path):
    bot = _speech_bot(tmp_path)
    a = bot.ask("郑立新讲话里一共点到了几个人的名字？")
    assert a.found and "除郑立新外" in a.answer and "还有3人" in a.answer


def test_a_named_thing_is_no_named_person():
    from bot.pipeline.understand import NAMED_PEOPLE, roster_of

    assert roster_of("这篇专访里一共出现了几个人的名字？") == "named"
    assert roster_of("署了名字的有几个？") == "named"
    # "点了名的景区" names places: the roster word matches, but no people word routes it (tested in the bot).
    assert NAMED_PEOPLE.search("方案里点了名的景区都有哪些") is not None
    assert roster_of("发言的人里有几个是副职？") == "deputy"


def test_the_last_part_states_no_count_of_parts():
    from bot.backends.extractive import _stated_count

    assert _stated_count("最后一部分里最后一个说话的是谁？", "部分") == 0
    assert _stated_count("其中一项是什么？另一项呢？", "项") == 0
    assert _stated_count("文中的三部分分别讲了啥？", "部分") == 3


def test_a_pronoun_after_a_dash_tells_the_sex_of_the_person_just_named(tmp_path):
    text = ("某台《民生热线》访谈实录\n\n主持人：今天我们请来了两位嘉宾：市甲局局长张建国，还有市乙委副主任李秀云——她在基层"
            "医院当了十五年医生。欢迎两位！\n\n张建国：大家好！今年我们新建服务点12个。\n\n"
            "李秀云：大家好。我们为老人签约家庭医生3万人。\n")
    bot = _bot_for(tmp_path, "某台_2026-11-20_民生热线访谈实录.txt", text)
    a = bot.ask("两位嘉宾里哪一位是女士？")
    assert a.found and "李秀云" in a.answer and "张建国" not in a.answer.split("。")[0]


def test_a_word_for_sex_before_a_post_says_who_and_the_rest_asks_what_she_said(tmp_path):
    text = ("某市新闻发布会实录\n\n主持人：出席今天发布会的有市自然资源局副局长陈秀兰、市财政局局长王建国。下面请陈秀兰副局长介绍。"
            "她长期分管用地工作。\n\n陈秀兰：工业用地改造后容积率可以提高到3.5，提高部分不再增收土地价款。\n\n"
            "王建国：市财政每年安排改造资金5亿元。\n")
    bot = _bot_for(tmp_path, "某市_2026-11-20_新闻发布会实录.txt", text)
    said = bot.ask("自然资源局那个女领导说容积率最高能放到多少？")
    assert said.found and "3.5" in said.answer
    sex = bot.ask("自然资源局那个副局长是男的还是女的？")
    assert sex.found and "女" in sex.answer and "陈秀兰" in sex.answer


def test_an_offer_to_answer_doubts_is_no_relayed_question():
    from index.ingest.dialogue import relays_question

    assert not relays_question("企业和群众如有疑问，可拨打政策咨询热线12345咨询。")
    assert relays_question("发布会上，有记者提问：补贴怎么领？")


def test_an_english_question_about_a_year_the_passage_never_names_is_not_answered_by_it(tmp_path):
    text = ("中共某县委关于加快茶产业发展的决定\n\n（2026年9月1日中国共产党某县第十五届委员会第六次全体会议通过）\n\n"
            "一、总体目标\n\n到2028年，全县茶叶产值达到50亿元，茶园面积稳定在30万亩。\n")
    bot = _bot_for(tmp_path, "中共某县委_2026-09-01_关于加快茶产业发展的决定.txt", text)
    target = bot.ask("What will the tea output value be by 2028?")
    assert target.found and "50亿元" in target.answer
    other = bot.ask("What was the tea output value in 2024?")
    assert not other.found


def test_a_count_of_named_leaders_leaves_out_the_bylines_reporter(tmp_path):
    text = ("全市供暖工作会议召开\n\n本报记者 孙明远\n\n11月6日，全市供暖工作会议召开。副市长周建新出席会议并讲话。"
            "市住房和城乡建设局局长吴海涛介绍，今年新建换热站12座。\n")
    bot = _bot_for(tmp_path, "某市日报_2026-11-07_全市供暖工作会议召开.txt", text)
    everyone = bot.ask("这篇新闻里一共出现了几个人的名字？都是谁？")
    assert everyone.found and "孙明远" in everyone.answer and "周建新" in everyone.answer
    leaders = bot.ask("这篇新闻里点了名字的领导一共几位？都有谁？")
    assert leaders.found and "孙明远" not in leaders.answer and "吴海涛" in leaders.answer
