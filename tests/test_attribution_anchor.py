"""The attribution benchmark finds an anchor copied with its Markdown at the line it was copied from."""
from __future__ import annotations

from bench.attribution import predict
from index.ingest.corpus import parse_document


def test_an_anchor_with_markdown_is_found_at_the_labelled_turn_not_in_the_guest_list(tmp_path):
    text = ("# 某市发布会\n\n主持人：出席今天发布会的有：某县副县长 苗青，市商务局副局长 韦东。\n\n"
            "**某县副县长 苗青**：谢谢你的关注。我们已制定了保障方案。\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    doc = parse_document(tmp_path / "a.md", "a.md", 10_000_000)
    assert predict(doc, "**某县副县长") == ("苗青", "statement")
    assert predict(doc, "出席今天发布会的有") == ("", "narration")
