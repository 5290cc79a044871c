"""The one citation vocabulary: who() words every source the same way in answers, prompts, pages and the CLI."""
from __future__ import annotations

from bot.citations import Citation, attribution, from_chunk, who
from bot.grounding import select_passages
from index.models import Chunk, SourceKind
from index.search.retriever import Hit
from web.render import citation_html


def _chunk(speaker="", title="", kind=SourceKind.NARRATION.value, clause="") -> Chunk:
    return Chunk("c1", "d.txt", "题", "节", 1, 0, 4, "正文一句。", speaker, title, kind, "", clause)


def test_who_names_speakers_and_kinds_of_source():
    assert who(_chunk("张三", "市甲局局长")) == "市甲局局长 张三"
    assert who(_chunk("张三", "市甲局局长"), sep="") == "市甲局局长张三"
    assert who(_chunk("张三")) == "张三"
    assert who(_chunk(kind=SourceKind.DECISION.value, clause="一、(二)")) == "决定原文 一、(二)"
    assert who(_chunk()) == "记者报道" and who(_chunk(), reported=False) == "文件原文"
    meta = Citation("p", "", "", "", "题", "d.txt", "metadata", 0, 0, 0)
    assert who(meta) == "报道信息"


def test_answers_prompts_and_pages_use_the_same_words():
    narration, decision = _chunk(), _chunk(kind=SourceKind.DECISION.value, clause="三、")
    assert attribution(narration) == "——记者报道" and attribution(decision) == "——决定原文 三、"
    assert select_passages([Hit(narration, 1.0)])[0].header == "节|记者报道"  # what the model is shown
    assert "来源 1 · 记者报道" in citation_html(from_chunk(narration), {}, 1)
