"""Everything the answer backends read: the parsed corpus, its chunks and the searchers over them."""
from __future__ import annotations

from dataclasses import dataclass, field

from index.ingest.corpus import Corpus
from index.search.keyword import KeywordIndex
from index.models import Chunk, Document, Person
from index.search.retriever import HybridSearcher

from bot.pipeline.evidence import EvidenceFinder
from bot.pipeline.translate import Translator
from bot.pipeline.understand import TitleMatcher


@dataclass
class Knowledge:
    """The corpus and its indexes, built once per process."""

    corpus: Corpus
    chunks: list[Chunk]
    searcher: HybridSearcher
    titles: TitleMatcher = field(init=False)
    evidence: EvidenceFinder = field(init=False)
    translator: Translator = field(init=False)

    def __post_init__(self) -> None:
        self.titles = TitleMatcher(self.corpus.people)
        self.evidence = EvidenceFinder(self.keyword)
        self.translator = Translator(self.keyword.vocab)

    @property
    def keyword(self) -> KeywordIndex:
        """The BM25 index (also the source of word weights)."""
        return self.searcher.keyword

    @property
    def people(self) -> list[Person]:
        """The speaker registry."""
        return self.corpus.people

    @property
    def documents(self) -> list[Document]:
        """The parsed documents."""
        return self.corpus.documents

    def chunks_of(self, name: str) -> list[Chunk]:
        """A speaker's chunks in reading order."""
        return [c for c in self.chunks if c.speaker == name]
