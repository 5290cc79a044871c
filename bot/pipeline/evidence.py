"""Pick the sentences that answer a question from retrieved chunks, and measure how well they cover it."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from dataclasses import dataclass

from index.search.keyword import KeywordIndex
from index.models import Chunk, index_text
from index.search.retriever import Hit

from bot.pipeline.shape import has_type
from bot.pipeline.slots import asks_for
from bot.pipeline.understand import QUESTION_WORDS

_LIST_Q = re.compile(r"(哪些|哪几|几个|哪[一二三四五六七八九十两]|包括|包含|有哪)")
# A question for a quantity is only answered by a passage that states one.
_QUANTITY_Q = re.compile(r"(多少|几[个项条家所名位次年倍座批类种成大]|多大|多高|多长|多远|比例是|how many|how much)", re.I)
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿半][个项条家所名位次年倍座批类种成大万亿%]")
RUNNER_UP_GAP = 0.1
SYNONYMS_MAX = 4
MAX_EVIDENCE = 260
_PUNCT = re.compile(r"[\s,，、。?？!！:：;；“”\"'()（）]")
_ANAPHOR = re.compile(r"(这一|这项|此项|该项|这个|该|此)(?P<noun>[\u4e00-\u9fff]{1,2})")
_SENT = re.compile(r".+?(?:(?:[。!?！？]+|……)[”’」』\"')）]*|$)", re.S)


@dataclass
class Evidence:
    """The best sentence(s) for a question, the chunk they come from and the coverage of the question."""

    chunk: Chunk
    sentences: list[str]
    coverage: float  # share of the question's weighted words found in the chunk (0..1)
    rank: int  # the chunk's position in the retrieval results

    @property
    def text(self) -> str:
        """The chosen sentences joined."""
        return "".join(self.sentences)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, closing quotes kept with their sentence."""
    return [s for s in (m.group(0) for m in _SENT.finditer(text)) if s.strip()]


class EvidenceFinder:
    """Scores sentences by the IDF-weighted question words they contain."""

    def __init__(self, keyword: KeywordIndex):
        self.keyword = keyword
        self._gloss_index: dict[str, list[str]] | None = None  # built on the first unknown word
        self._synonyms: dict[str, tuple[str, ...]] = {}

    def terms(self, question: str, drop: tuple[str, ...] = ()) -> dict[str, float]:
        """The question's content words with their weights (question words and dropped names removed)."""
        toks = self.keyword.tokenizer.tokens(question)
        dropped = {t for d in drop if d for t in self.keyword.tokenizer.tokens(d)} | set(drop)
        return {t: self.keyword.idf(t) for t in toks if t not in QUESTION_WORDS and t not in dropped and len(t.strip()) > 0}

    def synonyms(self, term: str) -> tuple[str, ...]:
        """Words of the corpus that share a whole CC-CEDICT gloss with a word the corpus does not use
        (乡下 "rural area" → 农村): the everyday word finds the text's own term."""
        if len(term) < 2 or term in self.keyword.vocab or not re.search(r"[\u4e00-\u9fff]", term):
            return ()
        if term not in self._synonyms:
            from bot.pipeline import cedict

            if self._gloss_index is None:
                self._gloss_index = cedict.english_index({w for w in self.keyword.vocab if len(w) >= 2})[0]
            found: list[str] = []
            for g in cedict.glosses(term, proper=False):
                g = g.lower()
                for key in {g, re.sub(r"^to ", "", g)}:
                    found += [w for w in self._gloss_index.get(key, []) if w not in found]
            self._synonyms[term] = tuple(found[:SYNONYMS_MAX])
        return self._synonyms[term]

    def coverage(self, terms: dict[str, float], text: str) -> float:
        """Weighted share of the terms that occur in the text (a term's dictionary synonym counts too)."""
        total = sum(terms.values())
        if not total:
            return 0.0
        toks = set(self.keyword.tokenizer.tokens(text))
        low = text.lower()
        # A term counts when it is a token of the text or (for words jieba splits differently) a substring.
        hit = sum(w for t, w in terms.items() if t in toks or (len(t) >= 2 and t in low)
                  or any(x in low for x in self.synonyms(t)))
        return hit / total

    @staticmethod
    def bigram_overlap(question: str, text: str) -> float:
        """Share of the question's character pairs found in the text: rewards whole phrases."""
        q = _PUNCT.sub("", question)
        pairs = {q[i:i + 2] for i in range(len(q) - 1)}
        return sum(1 for p in pairs if p in text) / len(pairs) if pairs else 0.0

    @staticmethod
    def longest_phrase(question: str, text: str) -> float:
        """Length of the longest stretch of the question found verbatim in the text, relative to the question."""
        q = _PUNCT.sub("", question)
        if not q:
            return 0.0
        m = SequenceMatcher(None, q, text, autojunk=False).find_longest_match(0, len(q), 0, len(text))
        return m.size / len(q) if m.size >= 2 else 0.0

    @staticmethod
    def resolve_anaphor(sentence: str, section: str) -> str:
        """'实施这一行动…' under the heading '实施X行动' is about X: add the heading for matching."""
        for m in _ANAPHOR.finditer(sentence):
            if section and section.endswith(m.group("noun")):
                return f"{sentence} {section}"
        return sentence

    def best(self, question: str, hits: list[Hit], drop: tuple[str, ...] = (), max_hits: int = 5) -> Evidence | None:
        """The best-covering sentence among the top hits, with a short neighbour when it is too bare."""
        terms = self.terms(question, drop)
        wants_list = bool(_LIST_Q.search(question))
        wants_number = bool(_QUANTITY_Q.search(question))
        wants_kinds = asks_for(question) & {"when", "where", "duration", "money"}
        candidates: list[tuple[float, int, Evidence]] = []
        for rank, hit in enumerate(hits[:max_hits]):
            chunk_cov = self.coverage(terms, index_text(hit.chunk))
            sents = split_sentences(hit.chunk.text)
            for i, sent in enumerate(sents):
                scored = self.resolve_anaphor(sent, hit.chunk.section)
                cov = self.coverage(terms, scored)
                # Sentence words matter most; the chunk's context and its rank break ties.
                score = cov + 0.5 * chunk_cov + 0.15 / (rank + 1) + 0.5 * self.bigram_overlap(question, scored)
                score += 0.5 * self.longest_phrase(question, scored)
                if wants_list:
                    score += 0.1 * min(2, sent.count("、") + sent.count(",") // 3) / 2
                # A question for a date or a place is answered by the sentence that holds one.
                score += sum(0.3 for k in wants_kinds if has_type(sent, k, question))
                chosen = [sent]
                if len(sent) < 30 and i + 1 < len(sents):
                    chosen.append(sents[i + 1])  # "X一一作了说明。" says nothing alone
                elif len(sent) < 30 and i > 0 and sent.lstrip()[:1] not in "“\"":
                    chosen.insert(0, sents[i - 1])  # "市甲局局长某某介绍。" closes the quote before it
                if wants_number and not _NUMBER.search("".join(chosen)):
                    continue
                if all(x.rstrip().rstrip("”’」』\"')）").endswith(("？", "?")) for x in chosen):
                    continue  # a question (a reporter's, a rhetorical one) answers nothing by itself
                candidates.append((score, i, Evidence(hit.chunk, chosen, chunk_cov, rank)))
        if not candidates:
            return None
        candidates.sort(key=lambda c: -c[0])
        top_score, top_i, top = candidates[0]
        # A second sentence of the same passage that answers almost as well is kept too (in reading order).
        for score, i, ev in candidates[1:]:
            if ev.chunk.chunk_id != top.chunk.chunk_id or top_score - score > RUNNER_UP_GAP:
                continue
            if set(ev.sentences) & set(top.sentences) or len(top.text) + len(ev.text) > MAX_EVIDENCE:
                continue
            both = (ev.sentences + top.sentences) if i < top_i else (top.sentences + ev.sentences)
            return Evidence(top.chunk, both, top.coverage, top.rank)
        return top
