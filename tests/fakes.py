"""Small real classes that stand in for models and services in fast tests: embeddings, dense search, a
two-document ChatService, a flaky chat model, a llama.cpp stand-in, and a test backend registered through
bot.backends' factory table like the real ones."""
from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field

from bot import backends
from bot.models import Answer, Citation, Turn
from index.models import (
    Document, DocumentMeta, Paragraph, Person, Section, Sentence, SourceKind, Speaker, Statement, index_text,
)


class VectorEmbeddings(Embeddings):
    """A fake's shared part: normalised vectors from `_raw(text)`, and a count of passages embedded."""

    calls = 0  # number of texts embedded, so tests can assert "no embedding work"

    def _raw(self, text: str) -> list[float]:
        raise NotImplementedError

    def _vec(self, text: str) -> list[float]:
        v = self._raw(text)
        n = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / n for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages."""
        self.calls += len(texts)
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a question."""
        return self._vec(text)


class BigramEmbeddings(VectorEmbeddings):
    """Hashes character bigrams into a small vector: deterministic, and similar texts score close."""

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.calls = 0

    def _raw(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        t = "".join(text.split())
        for a, b in zip(t, t[1:]):
            h = int.from_bytes(hashlib.blake2b((a + b).encode("utf-8"), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        return v


class MemoryDense:
    """Dense search over chunks held in memory, for tests without Chroma."""

    def __init__(self, chunks, embeddings: Embeddings):
        self.chunks = list(chunks)
        self.embeddings = embeddings
        self.vectors = embeddings.embed_documents([index_text(c) for c in self.chunks])

    def similarity(self, query: str, k: int, where: dict | None = None):
        """The k most similar chunks (dot product of normalised vectors)."""
        q = self.embeddings.embed_query(query)
        scored = []
        for c, v in zip(self.chunks, self.vectors):
            if where and any(getattr(c, key) != val for key, val in where.items()):
                continue
            scored.append((c, sum(a * b for a, b in zip(q, v))))
        scored.sort(key=lambda cv: -cv[1])
        return scored[:k]


class SlowEmbeddings(BigramEmbeddings):
    """BigramEmbeddings that sleeps per text and can report progress, for kill -9 tests."""

    def __init__(self, dim: int = 64, delay: float = 0.01, report=None):
        super().__init__(dim)
        self.delay = delay
        self.report = report  # called with the running total of embedded texts

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, slowly."""
        time.sleep(self.delay * len(texts))
        out = super().embed_documents(texts)
        if self.report is not None:
            self.report(self.calls)
        return out


class FailingEmbeddings(BigramEmbeddings):
    """BigramEmbeddings that raises once more than `fail_after` texts have been embedded."""

    def __init__(self, fail_after: int, dim: int = 64):
        super().__init__(dim)
        self.fail_after = fail_after

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages until the budget runs out."""
        if self.calls + len(texts) > self.fail_after:
            raise RuntimeError("embedding model crashed (injected)")
        return super().embed_documents(texts)


# --- Web front end: a small, real ChatService over a hand-made two-document corpus ----------


def _build_document(doc_id: str, meta: DocumentMeta, is_decision: bool,
                    sections: list[tuple[str, list[list[tuple[str, Speaker | None, SourceKind]]]]]) -> Document:
    """A Document whose offsets are computed from (section title, paragraphs of sentences)."""
    body, secs, pindex = "", [], 0
    for title, paragraphs in sections:
        sec = Section(title=title, start=len(body))
        if title:
            body += title + "\n"
        for sentences in paragraphs:
            pindex += 1
            para = Paragraph(index=pindex, start=len(body), end=0)
            for i, (text, speaker, kind) in enumerate(sentences):
                para.sentences.append(Sentence(text, len(body), len(body) + len(text), speaker, kind, i))
                body += text
            para.end = len(body)
            body += "\n"
            sec.paragraphs.append(para)
        secs.append(sec)
    return Document(doc_id=doc_id, path=doc_id, body=body, meta=meta, sections=secs, is_decision=is_decision)


def fake_corpus() -> tuple[list[Document], list[Person]]:
    """Two invented documents (a decision and a news report) and the people the report quotes."""
    wang = Speaker("王小明", "示例市民政局局长")
    li = Speaker("李红", "示例市交通运输局副局长")
    D, S, N = SourceKind.DECISION, SourceKind.STATEMENT, SourceKind.NARRATION
    decision = _build_document(
        "示例市_决定.txt",
        DocumentMeta(title="示例市关于推进社区服务的决定", published="2024-03-01", outlet="示例市人民政府"),
        True,
        [("一、总体要求", [[("坚持以人民为中心，推进社区养老服务全覆盖。", None, D)]]),
         ("二、重点任务", [[("到2026年，每个街道建成一个社区食堂。", None, D),
                           ("完善公交线路，方便老年人出行。", None, D)]])],
    )
    report = _build_document(
        "示例日报_2024-03-02_社区服务.txt",
        DocumentMeta(title="社区服务这样推进", published="2024-03-02 08:30", outlet="示例日报"),
        False,
        [("", [[("示例市召开会议，部署社区服务工作。", None, N)]]),
         ("养老服务", [[("示例市民政局局长王小明表示，", wang, S),
                        ("今年将新建二十个社区食堂，让老人吃上热饭。", wang, S)]]),
         ("交通出行", [[("示例市交通运输局副局长李红介绍，", li, S),
                        ("将开通十条社区公交微循环线路。", li, S)]])],
    )
    people = []
    for speaker, section in ((wang, "养老服务"), (li, "交通出行")):
        sents = [(sec, p, s) for sec, p, s in report.sentences() if s.speaker == speaker]
        _, para, _ = sents[0]
        start, end = sents[0][2].start, sents[-1][2].end
        st = Statement(speaker, report.doc_id, section, para.index, start, end, report.body[start:end])
        people.append(Person(speaker.name, [speaker.title], [section], [st]))
    return [decision, report], people


class FakeChatService:
    """Implements bot.service.ChatService by bigram overlap over fake_corpus(); no model, no store.

    A question sharing fewer than two character bigrams with every statement and decision sentence
    gets the "文中未提及" answer; `fail=True` makes ask/stream raise, to test error handling.
    """

    NOT_FOUND = "文中未提及。已收录的文件没有谈到这个问题。"

    def __init__(self, fail: bool = False, piece_delay_s: float = 0.0):
        self._docs, self._people = fake_corpus()
        self.fail = fail
        self.piece_delay_s = piece_delay_s
        self.asked: list[tuple[str, list[Turn]]] = []

    def _units(self):
        for doc in self._docs:
            for sec, para, s in doc.sentences():
                if s.kind != SourceKind.NARRATION:
                    yield doc, sec, para, s

    @staticmethod
    def _bigrams(text: str) -> set[str]:
        return {text[i:i + 2] for i in range(len(text) - 1)}

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """The best-overlapping sentence (whole statement for a speaker) as the cited answer."""
        if self.fail:
            raise RuntimeError("fake failure")
        self.asked.append((question, list(history)))
        q = self._bigrams(question)
        best, score = None, 0
        for unit in self._units():
            s = unit[3]
            sc = len(q & self._bigrams(s.text))
            if s.speaker and s.speaker.name in question:
                sc += 2
            if sc > score:
                best, score = unit, sc
        if best is None or score < 2:
            return Answer(self.NOT_FOUND, False, [], intent="fact", backend="fake")
        doc, sec, para, s = best
        if s.speaker:
            person = next(p for p in self._people if p.name == s.speaker.name)
            st = person.statements[0]
            cite = Citation(para.text, st.speaker.name, st.speaker.title, sec.title, doc.meta.title, doc.doc_id,
                            SourceKind.STATEMENT.value, para.index, st.start, st.end)
            text = f"{st.speaker.title}{st.speaker.name}说：{st.text}"
        else:
            cite = Citation(para.text, "", "", sec.title, doc.meta.title, doc.doc_id,
                            SourceKind.DECISION.value, para.index, s.start, s.end)
            text = f"根据《{doc.meta.title}》：{s.text}"
        return Answer(text, True, [cite], intent="fact", backend="fake", latency_ms=1.0)

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """The answer text in 4-character pieces, then the Answer."""
        answer = self.ask(question, history)
        for i in range(0, len(answer.answer), 4):
            if self.piece_delay_s:
                time.sleep(self.piece_delay_s)
            yield answer.answer[i:i + 4]
        yield answer

    def people(self) -> list[Person]:
        """The two quoted officials."""
        return list(self._people)

    def documents(self) -> list[Document]:
        """The decision and the report."""
        return list(self._docs)

    def health(self) -> dict[str, bool]:
        """Always ready, unless built to fail."""
        return {"store": not self.fail, "embeddings": True, "corpus": True}


# --- chat models and backends --------------------------------------------------------------------
class FlakyChatModel(FakeListChatModel):
    """langchain_core's FakeListChatModel (its `responses` in turn, streamed character by character) that
    fails its first `failures` calls, as a model server does when it is down, and records what it was sent."""

    failures: int = 0
    calls: list[list[BaseMessage]] = Field(default_factory=list)

    def _call(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> str:
        self.calls.append(list(messages))
        if len(self.calls) <= self.failures:
            raise RuntimeError("model server down (injected)")
        return super()._call(messages, *args, **kwargs)


def register_fake_llm(name: str, model: FakeListChatModel) -> None:
    """Make BOT_BACKEND=`name` an llm backend over `model`, through the same table as the real backends."""
    from bot.backends.llm import LLMBackend  # imported when used: most tests never load the answer stack

    backends.register(name, lambda settings, kb, fallback: LLMBackend(model, fallback, kb))


# --- llama.cpp stand-in (appended for the local backend tests) -----------------------------------
class FakeLlama:
    """Stands in for llama_cpp.Llama: create_chat_completion answers from a script (strings, or functions of
    the messages), whole or streamed a few characters per chunk as llama-cpp-python does; records calls."""

    def __init__(self, replies: list | None = None, piece_chars: int = 2):
        self.replies = list(replies or [])
        self.piece_chars = piece_chars
        self.calls: list[list[dict]] = []
        self.closed_streams = 0

    def _text(self, messages: list[dict]) -> str:
        self.calls.append([dict(m) for m in messages])
        if not self.replies:
            raise RuntimeError("FakeLlama: no reply left in the script")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply(messages) if callable(reply) else str(reply)

    def create_chat_completion(self, messages: list[dict], stream: bool = False, **kwargs: Any):
        """A chat completion dict, or an iterator of chunk dicts when stream=True."""
        text = self._text(messages)
        if not stream:
            return {"choices": [{"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": len(text)}}
        return self._chunks(text)

    def _chunks(self, text: str):
        try:
            yield {"choices": [{"delta": {"role": "assistant"}, "finish_reason": None}]}
            for i in range(0, len(text), self.piece_chars):
                yield {"choices": [{"delta": {"content": text[i:i + self.piece_chars]}, "finish_reason": None}]}
            yield {"choices": [{"delta": {}, "finish_reason": "stop"}]}
        finally:
            self.closed_streams += 1

    def tokenize(self, data: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        """One token per character: enough for statistics."""
        return [ord(c) for c in data.decode("utf-8")]


class TableEmbeddings(VectorEmbeddings):
    """Fixed vectors for a few words (normalised on use): a thesaurus a test can reason about; other texts embed
    as a vector orthogonal to all of them."""

    def __init__(self, table: dict[str, Sequence[float]]):
        self.table = {w: list(v) for w, v in table.items()}
        self.dim = len(next(iter(self.table.values()))) + 1
        self.calls = 0

    def _raw(self, text: str) -> list[float]:
        return self.table.get(text, [0.0] * (self.dim - 1)) + [0.0 if text in self.table else 1.0]


class _JiebaTokens:
    """Words of a text as jieba cuts them, punctuation left out (the keyword index's tokenizer, without an index)."""

    @staticmethod
    def tokens(text: str) -> list[str]:
        """The text's words."""
        import jieba

        return [t for t in jieba.lcut(text) if t.strip() and t not in "，。？?"]


class KeywordParts:
    """The parts of a keyword index the evidence finder reads: a tokenizer, a vocabulary and flat IDF weights."""

    tokenizer = _JiebaTokens

    def __init__(self, vocab: set[str]):
        self.vocab = vocab

    @staticmethod
    def idf(_term: str) -> float:
        """Every word weighs the same."""
        return 1.0
