"""Questions about the order of a document's speakers, over an invented article."""
from tests.conftest import chatbot_for

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
