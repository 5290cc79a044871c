"""Questions about a document's speakers (their order, counts of some kind of them), over invented documents."""
import pytest

from tests.conftest import chatbot_for, real_chatbot_for

QUOTED = """菜场.txt
菜场改造见闻

“以前一下雨满地是泥，现在跟逛超市差不多。”家住附近的居民费素云一边挑菜一边说。

“改造坚持一场一策。”市商务局局长葛明哲介绍，今年改造了12个市场。

市城市管理局副局长龚立新表示，周边划定了潮汐摊区。

摊主闵大山说，生意比去年好了三成。
"""


def test_the_first_official_quoted_skips_the_residents_quoted_before(tmp_path):
    bot = chatbot_for(tmp_path, QUOTED)
    official = bot.ask("第一个讲话的官员是谁？")
    assert "葛明哲" in official.answer and "费素云" not in official.answer
    anyone = bot.ask("第一个发言的是谁？")
    assert "费素云" in anyone.answer


MEETING = """会议.txt
全市防汛工作会议召开

7月3日，全市防汛工作会议召开。副市长闵大山在讲话中强调，要压紧压实防汛责任。

市水利局局长葛明哲介绍，今年新建堤防12公里。

市水利局副局长龚立新表示，小型水库除险加固已完成31座。

市应急管理局局长费素云说，全市储备冲锋舟40艘。

家住河边的居民祁小满说，今年心里踏实多了。
"""


@pytest.fixture(scope="module")
def meeting_bot(tmp_path_factory):
    """A real chatbot (the bundled encoder and its router) over the invented meeting report."""
    return real_chatbot_for(tmp_path_factory.mktemp("roster"), MEETING)


def test_which_speakers_a_count_keeps_is_read_from_its_words():
    from bot.pipeline.understand import roster_of

    assert roster_of("发言的领导里头，有几个是副职？") == "deputy"
    assert roster_of("正职局长有几位？") == "head"
    assert roster_of("引用了几位政府部门负责人的话？") == "official"
    assert roster_of("一共有几位发言人？") == ""


@pytest.mark.slow
def test_a_count_of_deputies_keeps_only_deputies(meeting_bot):
    a = meeting_bot.ask("发言的领导里头，有几个是副职？")
    assert a.found and "龚立新" in a.answer and "闵大山" in a.answer
    assert "葛明哲" not in a.answer and "祁小满" not in a.answer


@pytest.mark.slow
def test_a_count_of_officials_leaves_out_the_residents_quoted(meeting_bot):
    a = meeting_bot.ask("文中一共引用了几位政府部门负责人的话？都是谁？")
    assert a.found and "4位" in a.answer and "祁小满" not in a.answer


@pytest.mark.slow
def test_a_count_of_heads_holding_a_title_leaves_out_the_deputies(meeting_bot):
    a = meeting_bot.ask("会上讲话的人里，正职局长有几位？分别是谁")
    assert a.found and "葛明哲" in a.answer and "费素云" in a.answer and "龚立新" not in a.answer


@pytest.mark.slow
def test_what_officials_looked_at_is_not_a_list_of_speakers(meeting_bot):
    a = meeting_bot.ask("全市新建了多少公里堤防？")
    assert a.intent != "list_speakers" and "12公里" in a.answer
