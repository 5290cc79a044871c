"""Bridging a question's everyday words to the corpus's own terms by meaning (bot.pipeline.terms)."""
from __future__ import annotations

from index.models import Chunk
from index.search.keyword import KeywordIndex
from index.search.tokenize import ChineseTokenizer

from bot.pipeline.evidence import EvidenceFinder
from bot.pipeline.terms import TermBridge
from tests.fakes import TableEmbeddings

# Invented words: two corpus terms far apart, an everyday word next to the first, a vague word halfway.
TABLE = {
    "客运班线": [1.0, 0.0, 0.0],
    "森林覆盖": [0.0, 1.0, 0.0],
    "坐车出行": [0.98, 0.2, 0.0],
    "差不多吧": [0.7, 0.7, 0.0],
}


def _bridge(vocabulary=("客运班线", "森林覆盖"), min_similarity=0.9) -> TermBridge:
    return TermBridge(vocabulary, TableEmbeddings(TABLE), min_similarity=min_similarity)


def test_missing_word_maps_to_the_corpus_term_it_means():
    bridge = _bridge()
    bridge.warm_up()
    assert bridge.bridge(["坐车出行"]) == {"坐车出行": "客运班线"}


def test_vague_word_is_not_bridged():
    assert _bridge().bridge(["差不多吧"]) == {}


def test_match_must_be_mutual():
    # A corpus term nearer to "客运班线" than the question's word is: the word is not clearly that term.
    table = {**TABLE, "客运线路": [0.999, 0.04, 0.0]}
    bridge = TermBridge(("客运班线", "客运线路", "森林覆盖"), TableEmbeddings(table), min_similarity=0.9)
    assert bridge.bridge(["坐车出行"]) == {}


def test_corpus_words_and_single_characters_are_left_alone():
    emb = TableEmbeddings(TABLE)
    bridge = TermBridge(("客运班线", "森林覆盖"), emb, min_similarity=0.9)
    assert bridge.bridge(["客运班线", "车"]) == {}
    assert emb.calls == 0  # nothing to bridge: not even the vocabulary is embedded


def test_bridge_remembers_its_words():
    emb = TableEmbeddings(TABLE)
    bridge = TermBridge(("客运班线", "森林覆盖"), emb, min_similarity=0.9)
    bridge.bridge(["坐车出行"])
    before = emb.calls
    assert bridge.bridge(["坐车出行"]) == {"坐车出行": "客运班线"}
    assert emb.calls == before


def _finder() -> tuple[EvidenceFinder, Chunk]:
    chunk = Chunk(chunk_id="c1", doc_id="d", doc_title="t", text="今年新开客运班线十条。", section="", speaker="",
                  paragraph=1, start=0, end=11)
    keyword = KeywordIndex([chunk], ChineseTokenizer(["客运班线", "森林覆盖", "坐车出行"]))
    return EvidenceFinder(keyword), chunk


def test_evidence_coverage_counts_the_bridged_term():
    finder, chunk = _finder()
    plain = finder.coverage(finder.terms("今年坐车出行"), chunk.text)
    finder.bridge = TermBridge(finder.keyword.vocab | {"森林覆盖"}, TableEmbeddings(TABLE), min_similarity=0.9)
    terms = finder.terms("今年坐车出行")
    # Half credit: the corpus term stands in for half of the asked word's weight, the other half stays unfound.
    assert terms["客运班线"] == terms["坐车出行"] == finder.keyword.idf("客运班线") / 2
    assert finder.coverage(terms, chunk.text) > plain


def test_bridged_word_never_carries_a_question_alone():
    finder, chunk = _finder()
    finder.bridge = TermBridge(finder.keyword.vocab | {"森林覆盖"}, TableEmbeddings(TABLE), min_similarity=0.9)
    assert "客运班线" not in finder.terms("坐车出行")


class _ClosingEmbeddings(TableEmbeddings):
    """Closes its bridge during the first embedding call, as the exit hook would."""

    bridge: TermBridge | None = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed, then ask the bridge to stop."""
        out = super().embed_documents(texts)
        if self.bridge is not None:
            self.bridge.close()
        return out


def test_closing_stops_the_warm_up_between_batches():
    emb = _ClosingEmbeddings(TABLE)
    vocabulary = [f"词语{i:03d}" for i in range(200)]
    emb.bridge = bridge = TermBridge(vocabulary, emb, min_similarity=0.9)
    bridge.warm_up()
    assert bridge.bridge(["坐车出行"]) == {}
    assert emb.calls < len(vocabulary)  # stopped after the first batch
