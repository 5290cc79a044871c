"""Everything the answer backends read: the parsed corpus, its chunks and the searchers over them."""
from __future__ import annotations

import threading
from functools import cached_property
from dataclasses import dataclass, field
from typing import Any

from index.ingest.corpus import Corpus
from index.ingest.appointments import APPOINTED, Appointment, appointments
from index.ingest.profiles import profiles
from index.search.keyword import KeywordIndex
from index.models import Chunk, Document, Person
from index.search.retriever import HybridSearcher

from bot.pipeline.described import DescribedBodies
from bot.pipeline.evidence import EvidenceFinder
from bot.pipeline.normalise import Normaliser, for_corpus
from bot.pipeline import cedict, scope
from bot.pipeline.outline import Outline
from bot.pipeline.duties import Duty, read_duties
from bot.pipeline.holders import full_title, issuer, named_holders
from bot.pipeline.delex import canonical_example
from bot.pipeline.router import Router, load_examples, shared_queries
from bot.pipeline.similarity import SentenceVectors, evidence_texts
from bot.pipeline.terms import TermBridge
from bot.pipeline.translate import Translator
from bot.pipeline.understand import TitleMatcher


@dataclass
class Knowledge:
    """The corpus and its indexes, built once per process.

    `artifacts` (index.search.artifacts.Artifacts) keeps what is costly to derive — the corpus's tagged names, the
    word bridge's and the router's vectors — on disk for the next start. `warm=False` (a one-shot command) skips
    loading in the background what only some questions need (the dictionary for English, the part-of-speech
    tagger): on two cores that work would delay the one answer the process is for.
    """

    corpus: Corpus
    chunks: list[Chunk]
    searcher: HybridSearcher
    artifacts: Any = None
    warm: bool = True
    titles: TitleMatcher = field(init=False)
    evidence: EvidenceFinder = field(init=False)
    translator: Translator = field(init=False)
    normaliser: Normaliser = field(init=False)
    router: Router = field(init=False)
    outline: Outline = field(init=False)
    duties: list[Duty] = field(init=False)
    sentence_vectors: SentenceVectors | None = field(init=False, default=None)
    described: DescribedBodies = field(init=False)
    _text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.titles = TitleMatcher(self.corpus.people, homes=lambda: scope.home_places(self.corpus.documents),
                                   others=lambda: self.named_titles,
                                   parts=[w for d in self.corpus.documents for w in d.parts])
        self.evidence = EvidenceFinder(self.keyword, own_places=lambda: scope.shared_home(self.corpus.documents))
        self.translator = Translator(self.keyword.vocab, texts=[c.text for c in self.chunks])
        # the corpus's names, for typos (tagged once per corpus: kept in the artifacts)
        self.normaliser = for_corpus(self.corpus, self.keyword.vocab, artifacts=self.artifacts)
        self.outline = Outline(self.corpus.documents, self.chunks)
        self.duties = read_duties(self.chunks)
        self._text = "\n".join(c.text for c in self.chunks)
        # The router reads the question's vector from the same cache retrieval fills: one embedding per question.
        dense = self.searcher.dense
        embeddings = getattr(dense, "embeddings", None)
        if embeddings is not None:
            embeddings = shared_queries(embeddings)
            dense.embeddings = embeddings
        self.router = Router([(canonical_example(t), label) for t, label in load_examples()], embeddings,
                             artifacts=self.artifacts)
        self.titles.embeddings = embeddings  # posts named by their meaning ("管环保的局长")
        # Bodies called by their work ("管钱那个局"), matched to the bodies the documents name.
        self.described = DescribedBodies([c.text for c in self.chunks], embeddings)
        if embeddings is not None:  # everyday words → corpus terms; vectors stored, or embedded in the background
            self.evidence.bridge = TermBridge(self.keyword.vocab, embeddings, artifacts=self.artifacts,
                                              lexicon=cedict.synonyms)
            self.evidence.bridge.warm_up()
            if self.warm:  # a one-shot command embeds the few sentences its one answer judges
                self.embed_sentences_ahead()
        if self.warm:
            self.warm_up()

    def warm_up(self) -> None:
        """Load in the background what only some questions need, so that the first of them does not wait: the
        passage encoder (words the bridge looks up, sentences judged by meaning: its session is created on first
        use, ~0.2 s), the part-of-speech tagger (title phrases, place checks: many questions), then what English
        questions read (CC-CEDICT, ~1 s, and the pinyin of the corpus's words) and the glosses' index the word bridge
        reads (~1 s) — one after the other, so the first is ready sooner."""

        def warm() -> None:
            if self.embeddings is not None:
                self.embeddings.embed_documents(["预热"])
            scope.warm()
            self.titles.warm()  # the registry's titles, for posts named by their meaning
            import cn2an  # noqa: F401  (ordinals: imported on first use otherwise, ~0.4 s)
            self.translator.translate("Warm Up")  # a capitalised pair: the dictionary and the pinyin index both load
            cedict.warm()  # the glosses' index, for words the bridge looks up by the dictionary

        self._warming = threading.Thread(target=warm, name="posseg-warm", daemon=True)
        self._warming.start()

    def wait_warm(self, timeout: float = 30.0) -> None:
        """Wait for the background warm-up (a batch of questions is answered at the same pace from the first)."""
        thread = getattr(self, "_warming", None)
        if thread is not None:
            thread.join(timeout)
        if self.sentence_vectors is not None:
            self.sentence_vectors.wait(timeout)

    def embed_sentences_ahead(self) -> SentenceVectors | None:
        """The vectors of the sentences answers are judged on: read from the artifacts, or embedded once in the
        background (started here, once); None without an encoder."""
        if self.sentence_vectors is None and self.embeddings is not None:
            self.sentence_vectors = SentenceVectors(evidence_texts(self.chunks), self.embeddings,
                                                    artifacts=self.artifacts)
            self.sentence_vectors.warm_up()
        return self.sentence_vectors

    @cached_property
    def profiled(self) -> dict[str, tuple[list[str], list[Chunk]]]:
        """Everyone a leaders' page profiles: their posts written in full (the page's body's posts) and the passages
        of their entry, by name. Read on first need."""
        out: dict[str, tuple[list[str], list[Chunk]]] = {}
        for doc in self.documents:
            for entry in profiles(doc):
                posts = [full_title(p, issuer(doc)) for p in entry.posts]
                chunks = [c for c in self.chunks if c.doc_id == doc.doc_id and entry.start <= c.start < entry.end]
                out.setdefault(entry.name, (posts, chunks))
        return out

    @cached_property
    def appointments(self) -> list[tuple[Appointment, Chunk | None]]:
        """Every appointment and removal the documents record (a personnel notice), each with the passage that
        records it. Read on first need."""
        out = []
        for doc in self.documents:
            for a in appointments(doc):
                chunk = next((c for c in self.chunks if c.doc_id == doc.doc_id and c.start <= a.start < c.end), None)
                out.append((a, chunk))
        return out

    @cached_property
    def appointed_titles(self) -> TitleMatcher:
        """A title matcher over the people a personnel notice appoints (a speaker too), each with the posts taken up."""
        posts: dict[str, list[str]] = {}
        for a, _ in self.appointments:
            if a.action == APPOINTED:
                posts.setdefault(a.name, []).append(a.post)
        return TitleMatcher([Person(name=n, titles=t) for n, t in posts.items()], homes=lambda: self.titles.homes)

    def appointed_posts(self, name: str) -> tuple[list[str], list[str]]:
        """(posts taken up, posts left) of one person, as the personnel records write them."""
        mine = [a for a, _ in self.appointments if a.name == name]
        return [a.post for a in mine if a.action == APPOINTED], [a.post for a in mine if a.action != APPOINTED]

    @cached_property
    def named_titles(self) -> TitleMatcher:
        """A title matcher over the people the documents name with a post but who never speak, each post read in
        full ("局长某某" in a bureau's letter is that bureau's 局长): read on first need."""
        speakers = {p.name for p in self.people}
        return TitleMatcher(named_holders(self.documents, speakers), homes=lambda: self.titles.homes)

    @cached_property
    def named_silent(self) -> list[Person]:
        """Everyone the documents name whom they never quote: people named with a post, a page's profiled people and
        the people a personnel record appoints or removes. Read on first need (a follow-up's 他 may mean one)."""
        speakers = {p.name for p in self.people}
        out = {p.name: p for p in self.named_titles.people}  # named_holders leaves the speakers out already
        for name, (posts, _) in self.profiled.items():
            out.setdefault(name, Person(name=name, titles=list(posts)))
        for a, _ in self.appointments:
            out.setdefault(a.name, Person(name=a.name, titles=[a.post]))
        return [p for name, p in out.items() if name not in speakers]

    @property
    def embeddings(self):
        """The question embeddings (cached), or None without dense search."""
        return self.router.embeddings

    @property
    def keyword(self) -> KeywordIndex:
        """The BM25 index (also the source of word weights)."""
        return self.searcher.keyword

    @property
    def section_titles(self) -> list[str]:
        """Every section heading of the corpus, in reading order."""
        return [s.title for d in self.corpus.documents for s in d.sections if s.title]

    @property
    def people(self) -> list[Person]:
        """The speaker registry."""
        return self.corpus.people

    @property
    def documents(self) -> list[Document]:
        """The parsed documents."""
        return self.corpus.documents

    @property
    def text(self) -> str:
        """Every passage's text, one per line."""
        return self._text

    def mentions(self, text: str) -> bool:
        """Whether the documents contain the text as written."""
        return bool(text) and text in self._text

    def chunks_of(self, name: str) -> list[Chunk]:
        """A speaker's chunks in reading order."""
        by_speaker = self.__dict__.get("_by_speaker")
        if by_speaker is None:  # grouped once (chunks never change in a Knowledge), not walked per question
            by_speaker = {}
            for c in self.chunks:
                by_speaker.setdefault(c.speaker, []).append(c)
            self.__dict__["_by_speaker"] = by_speaker
        return list(by_speaker.get(name, ()))
