"""The dense similarity of one question to evidence sentences, with the vectors the answerability model reads."""
from __future__ import annotations

from langchain_core.embeddings import Embeddings

# Sentences embedded once per backend; cleared whole past this size (a corpus's evidence sentences fit easily).
CACHE_MAX = 2048


class SentenceSimilarity:
    """question → sentence similarity (e5 query against passage), callable like a function.

    The passage cache is the backend's, shared by every question: evidence sentences recur across questions.
    """

    def __init__(self, question: str, embeddings: Embeddings, cache: dict[str, list[float]]):
        self.question = question
        self.embedding = getattr(embeddings, "name", "")  # the model's name, as the answerability model records it
        self._embeddings = embeddings
        self._cache = cache

    @property
    def dimension(self) -> int:
        """The length of the model's vectors."""
        return len(self._embeddings.embed_query(self.question))

    def vectors(self, text: str) -> tuple[list[float], list[float]]:
        """The question's query vector and the sentence's passage vector."""
        q = self._embeddings.embed_query(self.question)  # the embeddings' own query cache answers repeats
        p = self._cache.get(text)
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
