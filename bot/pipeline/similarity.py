"""The dense similarity of one question to evidence sentences, with the vectors the answerability model reads."""
from __future__ import annotations

from collections.abc import Iterable

from langchain_core.embeddings import Embeddings

from index.models import Chunk
from index.search.stored_vectors import StoredVectors

from bot.pipeline.evidence import split_sentences

# Sentences embedded once per backend; cleared whole past this size (a corpus's evidence sentences fit easily).
CACHE_MAX = 2048
# The corpus's sentences embedded ahead, at most (a vector is 1.5 KB with e5-small: 75 MB). A larger corpus has
# the rest embedded when a question first needs them, as every sentence was before.
MAX_AHEAD = 50_000


def evidence_texts(chunks: Iterable[Chunk]) -> list[str]:
    """The texts evidence is most often made of, to embed ahead: each passage's sentences, each two that follow
    one another (a short sentence is read with its neighbour) and each whole passage; shortest first, so that a
    batch pads little."""
    singles: dict[str, None] = {}
    pairs: dict[str, None] = {}
    wholes: dict[str, None] = {}
    for chunk in chunks:
        sentences = split_sentences(chunk.text)
        singles.update(dict.fromkeys(sentences))
        pairs.update(dict.fromkeys(a + b for a, b in zip(sentences, sentences[1:])))
        wholes[chunk.text] = None
    # Single sentences are asked for most, whole passages next (measured on the tuning sets: about 85 % of the
    # sentences judged per question are one of these three).
    texts = list(dict.fromkeys([*singles, *wholes, *pairs]))[:MAX_AHEAD]
    return sorted((t for t in texts if t.strip()), key=len)


class SentenceVectors(StoredVectors):
    """The passage vectors of `evidence_texts`, embedded once per corpus (in the background from load, kept in the
    index's artifacts) instead of once per question that judges them."""

    NAME = "sentence-vectors"


class SentenceSimilarity:
    """question → sentence similarity (e5 query against passage), callable like a function.

    The passage cache is the backend's, shared by every question: evidence sentences recur across questions.
    """

    def __init__(self, question: str, embeddings: Embeddings, cache: dict[str, list[float]],
                 ahead: SentenceVectors | None = None):
        self.question = question
        self.embedding = getattr(embeddings, "name", "")  # the model's name, as the answerability model records it
        self._embeddings = embeddings
        self._cache = cache
        self._ahead = ahead  # the corpus's sentences embedded ahead

    @property
    def dimension(self) -> int:
        """The length of the model's vectors."""
        return len(self._embeddings.embed_query(self.question))

    def vectors(self, text: str) -> tuple[list[float], list[float]]:
        """The question's query vector and the sentence's passage vector."""
        q = self._embeddings.embed_query(self.question)  # the embeddings' own query cache answers repeats
        p = self._cache.get(text)
        if p is None:
            p = self._ahead.get(text) if self._ahead is not None else None
            if p is None:
                p = self._embeddings.embed_documents([text])[0]
            if len(self._cache) > CACHE_MAX:
                self._cache.clear()
            self._cache[text] = p
        return q, p

    def __call__(self, text: str) -> float:
        """Cosine of the question and the sentence (both vectors are normalised)."""
        q, p = self.vectors(text)
        return float(sum(a * b for a, b in zip(q, p)))
