"""Does the evidence answer the question? Lexical coverage and dense similarity together, plus the asked-for type.

Three outcomes: ANSWER (a direct answer), PARTIAL (the topic is there, the asked-for fact is not: "文中提到了X，
但没有说明Y") and NONE (not covered). The thresholds are calibrated on labelled answerable and unanswerable
questions (bench/eval/qa tune half); e5 similarities sit in a narrow band, so the dense side is used relative to
the lexical one, never alone.
"""
from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np

from index.search.retriever import Hit

from index.models import SourceKind

from bot.pipeline.evidence import Evidence, EvidenceFinder
from bot.pipeline.shape import has_type, holds
from bot.pipeline.slots import wants_list

ANSWER, PARTIAL, NONE = "answer", "partial", "none"
# Lexical coverage that answers on its own (the word share the bot has always required).
LEXICAL_ALONE = 0.5
# Lower coverage is enough when the evidence sentence is close in meaning to the question: its e5 similarity
# (question as query, sentence as passage) and its passage's dense rank. Calibrated on the tune half of
# bench/eval/qa: answerable questions in this coverage band mostly sit at 0.89–0.95, unanswerable ones at 0.86–0.886
# (those above are caught by the asked-for type or place). Specific to multilingual-e5-small. Any of the retrieved
# passages may hold the sentence (dense rank ≤ 5, the retrieval depth): the sentence's own similarity is the guard;
# the passage's rank among the dense results does not separate answerable from unanswerable questions on tune
# (nor does the gap between the first two dense scores: 0–0.04 for both).
LEXICAL_WITH_DENSE = 0.15
SENTENCE_DENSE_MIN = 0.89
DENSE_RANK_MAX = 5
# An English question and a Chinese sentence: e5's cross-language similarities sit lower. On the 28 English
# questions of bench/eval/qa and qa3 (4 unanswerable), the sentences that answer reach 0.73–0.81 and the nearest
# sentences to unanswerable ones 0.74–0.76; above 0.765 no unanswerable question was answered.
CROSS_LANGUAGE_MIN = 0.765
# Within that band the nearest sentence must also stand out from the best sentence of the next passage: on the 79
# tuning sets' English questions answered this way, 20 of 30 answers to unanswerable questions had a margin under 0.01
# and 10 of 56 right answers (bench/QA.md, round 38).
CROSS_LANGUAGE_MARGIN = 0.01
# A citizen's question and a reporter's question (query against passage): on the transcript of bench/eval/qa and
# qa3, at 0.91 or more the nearest reporter's question asked the same thing in 6 of 9 cases; the rest are caught by
# the asked-for type and noun checks that every found answer passes.
SAME_QUESTION_MIN = 0.91
# A question about one named person's words, asking for a kind of fact (a figure, a date, a place): the search ran
# over that person's statements only, so a sentence of theirs that holds the asked kind and is near in meaning
# answers with less of the question's wording ("女副局长说抓了多少人" → "共抓获…嫌疑人87名"). Measured on the
# tuning sets (bench/QA.md, round 15).
SCOPED_DENSE_MIN = 0.87
# The same scope with no kind of fact asked ("管科技那个局的头头对协同创新是啥看法"): the person is found and spoke, so a
# sentence of theirs near in meaning that holds some of the question's words answers. On the tuning sets' scoped
# questions (bench/QA.md, round 17), these two bands added 16-22 right answers and no answer to an unanswerable one.
SCOPED_BANDS = ((0.15, 0.88), (0.3, 0.87))  # (lexical coverage at least, sentence similarity at least)
# The kinds of fact a sentence holds or not, in the order a missing one is reported.
TYPED = ("when", "clock", "duration", "where", "number", "money", "share")
# A when/where question whose passage holds a (new) date or place needs less of its wording.
LEXICAL_WITH_TYPE = 0.3
# Topic present: this share of the question's words in the passage makes "mentioned, but not said" honest.
TOPIC_PRESENT = 0.3
# A follow-up judged together with the question before it: that question's words and its own, this share of them
# all (and TOPIC_PRESENT of its own) — a follow-up leaves out what the conversation already said ("那两边…").
FOLLOWUP_TOGETHER = 0.4
# A follow-up's answer most often stands right after the passage that answered the question before it ("补多少钱"
# then "多久到账"): in that neighbourhood the calibrated model accepts at this lower probability (a prior of the
# conversation, measured on the tuning sets' follow-ups: bench/QA.md, round 31).
FOLLOWUP_NEAR_ACCEPT = 0.35
# A question that asks for a thing by a noun of no kind of fact ("什么角色", "啥优惠", "有哪些短板") and a passage that
# never writes that noun: the passage may still say it in other words ("由市长任组长", "检测费用减半收取"). At or above
# this probability of the calibrated model the passage answers. Measured on the 90 tuning sets' answers refused by
# the noun's words (bench/QA.md, round 43): of the 134 such judgements with no kind of fact, place or single one
# ("哪个厂家") asked, 34 answerable and 5 unanswerable questions sit at or above 0.85, 55 and 40 below it.
NOUN_BY_MEANING = 0.85


# The calibrated model: a logistic regression over the features below and the meaning block (`meaning`: the e5
# vectors of question and sentence), fitted by `python -m bench.calibrate` on the judge calls of the tuning sets
# (label: the evidence's passage holds a gold passage of an answerable question, or the question is unanswerable) and
# shipped as data. Its probability accepts a paraphrase the bands above refuse, and refuses (its veto point) an
# answer the bands accept that it finds very unlikely. With the scalar features alone it separated the two little
# (a veto lost more right answers than it saved inventions, round 26); the meaning block lifts the area under the
# curve on refused calls from 0.71 to 0.85 on documents it was not fitted on (bench/QA.md, round 40).
MODEL_FILE = "answerability.json"
FEATURES = ("coverage", "similarity", "passage_dense", "dense_first", "keyword_rank", "bigram", "phrase",
            "type_missing", "typed", "length", "dense_gap", "scoped", "asked_passage", "missed_known",
            "missed_unknown")


@dataclass(frozen=True)
class Calibration:
    """A fitted logistic regression over FEATURES and the meaning block, with its operating points."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    accept: float  # at or above this probability a refused passage is accepted...
    accept_coverage: float  # ...if it holds at least this share of the question's words
    accept_low: float = 1.01  # a passage below that share: this probability (above 1: never)
    # The meaning block (see `meaning`), standardised like the features; empty in a model fitted without it.
    vector_mean: tuple[float, ...] = ()
    vector_scale: tuple[float, ...] = ()
    vector_weights: tuple[float, ...] = ()
    veto: float = 0.0  # below this probability an answer the bands accept is refused (0: never)
    embedding: str = ""  # the embedding model whose vectors the meaning block was fitted on
    fallback: "Calibration | None" = None  # fitted on the features alone: for vectors of another model

    def reading(self, similarity) -> "Calibration | None":
        """The model to judge with: this one when the similarity's vectors are those of its embedding model, else
        the fallback fitted without them (a deployer's other model, a test's small fake)."""
        if not self.vector_weights:
            return self
        if getattr(similarity, "embedding", None) == self.embedding \
                and 2 * similarity.dimension == len(self.vector_weights):
            return self
        return self.fallback

    def probability(self, x: dict[str, float], vectors=None) -> float:
        """The model's probability that the evidence answers the question (vectors: `meaning`'s block)."""
        z = self.bias + sum(w * (x[f] - m) / sd for f, w, m, sd in zip(FEATURES, self.weights, self.mean, self.scale))
        if self.vector_weights and vectors is not None:
            z += float(((np.asarray(vectors) - self._vmean) / self._vscale) @ self._vweights)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @cached_property
    def _vmean(self):
        return np.asarray(self.vector_mean)

    @cached_property
    def _vscale(self):
        return np.asarray(self.vector_scale)

    @cached_property
    def _vweights(self):
        return np.asarray(self.vector_weights)


def meaning(question_vector, sentence_vector):
    """The meaning block the model reads: the question's and the sentence's e5 vectors multiplied element by element
    (which directions they share), then the question's own vector (what kind of thing it asks for)."""
    q = np.asarray(question_vector, dtype=float)
    return np.concatenate([q * np.asarray(sentence_vector, dtype=float), q])


@cache
def calibration() -> Calibration | None:
    """The shipped model (bot/data/answerability.json), or None when the file is absent (the bands decide alone)."""
    path = resources.files("bot") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE}: fitted on other features; run python -m bench.calibrate")
    return _model(data)


def _model(data: dict) -> Calibration:
    scalar = data.get("scalar")
    fallback = _model(data | scalar | {"vector_weights": [], "veto": 0.0, "scalar": None}) if scalar else None
    return Calibration(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]), data["bias"],
                       data["accept"], data["accept_coverage"], data.get("accept_low", 1.01),
                       tuple(data.get("vector_mean", ())), tuple(data.get("vector_scale", ())),
                       tuple(data.get("vector_weights", ())), data.get("veto", 0.0), data.get("embedding", ""),
                       fallback)


def features(ev: Evidence, hits: list[Hit], asks: set[str], similarity: float, question: str,
             scoped: bool) -> dict[str, float]:
    """What the calibrated model reads of one judgement: words, meaning, ranks and the asked-for kinds."""
    dense, rank = dense_score(ev, hits)
    keyword_rank = next((h.keyword_rank or 0 for h in hits if h.chunk.chunk_id == ev.chunk.chunk_id), 0)
    typed = [k for k in TYPED if k in asks]
    return {
        "coverage": ev.coverage, "similarity": similarity, "passage_dense": dense,
        "dense_first": float(rank == 1), "keyword_rank": 1.0 / keyword_rank if keyword_rank else 0.0,
        "bigram": EvidenceFinder.bigram_overlap(question, ev.text),
        "phrase": EvidenceFinder.longest_phrase(question, ev.text),
        "type_missing": float(not all(has_type(ev.text, k, question) for k in typed)),
        "typed": float(min(len(typed), 2)), "length": min(len(question), 120) / 60,
        "dense_gap": max((h.dense_score for h in hits), default=0.0) - dense, "scoped": float(scoped),
        "asked_passage": float(ev.chunk.source_kind == SourceKind.QUESTION.value),
        "missed_known": ev.missed_known, "missed_unknown": ev.missed_unknown,
    }


@dataclass(frozen=True)
class Verdict:
    """The outcome, the asked-for kind that is missing (for PARTIAL) and the features behind it."""

    outcome: str
    missing: str = ""
    coverage: float = 0.0
    dense: float = 0.0
    premise: str = ""  # a correction of the question's premise, said before the answer
    probability: float | None = None  # the calibrated model's, where it was asked (see NOUN_BY_MEANING)


def dense_score(ev: Evidence, hits: list[Hit]) -> tuple[float, int]:
    """The dense similarity of the question to the evidence's passage, and its dense rank (0 = none)."""
    for h in hits:
        if h.chunk.chunk_id == ev.chunk.chunk_id:
            return h.dense_score, h.dense_rank or 0
    return 0.0, 0


def judge(ev: Evidence | None, hits: list[Hit], asks: set[str],
          sentence_similarity: Callable[[str], float] | None = None, question: str = "",
          alone: float = LEXICAL_ALONE, scoped: bool = False, last_resort: bool = False) -> Verdict:
    """Found, found-but-not-the-asked-fact, or not covered.

    sentence_similarity(text) gives the dense similarity of the question to a sentence (None: words and ranks
    decide alone, and so does the calibrated model's absence). last_resort: every other path has refused, so the
    calibrated model may also accept a passage below its coverage floor, at its stricter point.
    """
    if ev is None:
        return Verdict(NONE)
    cov = ev.coverage
    dense, rank = dense_score(ev, hits)
    found = cov >= alone
    typed = asks & {"when", "where"}
    if not found and typed and cov >= LEXICAL_WITH_TYPE and 1 <= rank <= DENSE_RANK_MAX:
        # "哪天、在哪里开的?": a passage on the topic that holds every asked-for kind of fact answers it.
        found = all(has_type(ev.text, k, question) for k in typed)
    if not found and cov >= LEXICAL_WITH_DENSE and 1 <= rank <= DENSE_RANK_MAX and sentence_similarity is not None:
        dense = sentence_similarity(ev.text)
        found = dense >= SENTENCE_DENSE_MIN
    typed_kinds = [k for k in TYPED if k in asks]
    if not found and scoped and 1 <= rank <= DENSE_RANK_MAX and sentence_similarity is not None:
        dense = sentence_similarity(ev.text)
        found = (bool(typed_kinds) and all(has_type(ev.text, k, question) for k in typed_kinds)
                 and dense >= SCOPED_DENSE_MIN) or (
            # "提的三点要求，全部列一下": every point, not the nearest sentence
            not wants_list(question) and any(cov >= lex and dense >= sim for lex, sim in SCOPED_BANDS))
    model = calibration()
    model = model.reading(sentence_similarity) if model is not None else None
    consulted = model is not None and sentence_similarity is not None and 1 <= rank <= DENSE_RANK_MAX
    p = None  # the model's probability, asked once whether it accepts or vetoes
    if not found and consulted and (cov >= model.accept_coverage or last_resort):
        # A refusal of the bands that the calibrated model finds likely to answer (a paraphrase with few shared
        # words) is accepted; a passage without the asked-for kind of fact is still "mentioned, but not said".
        # Below the coverage floor (everyday words for the documents' terms: "屋头老汉儿坐公交要给钱不") the
        # model decides alone, at a stricter point of its own, and only once no other path found anything: a
        # passage that shares almost no word must not pre-empt a person's own words or the previous question's.
        dense = sentence_similarity(ev.text)  # the backend caches sentence vectors: no second embedding
        point = model.accept if cov >= model.accept_coverage else model.accept_low
        p = probability(model, ev, hits, asks, sentence_similarity, question, scoped)
        found = p >= point
    if not found:
        return Verdict(NONE, coverage=cov, dense=dense)
    verdict = found_verdict(ev, asks, question, cov, dense)
    if verdict.outcome == ANSWER and consulted and model.veto > 0:
        if p is None:  # the bands accepted: the model has not been asked yet
            p = probability(model, ev, hits, asks, sentence_similarity, question, scoped)
        if p < model.veto:
            # The bands accepted a passage the model finds very unlikely to answer (the question's words are there,
            # what it asks about is not: "这笔钱谁出?" beside the line that gives the amount): not covered.
            return Verdict(NONE, coverage=cov, dense=dense)
    return dataclasses.replace(verdict, probability=p) if p is not None else verdict


def probability(model: Calibration, ev: Evidence, hits: list[Hit], asks: set[str], similarity, question: str,
                scoped: bool) -> float:
    """The calibrated model's probability for one judgement: its features and, where the model has one, the
    meaning block of the question's and the sentence's vectors."""
    vectors = meaning(*similarity.vectors(ev.text)) if model.vector_weights else None
    return model.probability(features(ev, hits, asks, similarity(ev.text), question, scoped), vectors)


def judge_near(ev: Evidence, hits: list[Hit], asks: set[str], similarity, question: str) -> Verdict:
    """A follow-up's evidence from the neighbourhood of the previous answer, judged by the calibrated model at the
    conversation's lower point (NONE without a model). similarity: the question's `SentenceSimilarity`."""
    model = calibration()
    # The features alone: the conversation's point was measured on them, and a bare follow-up ("多久到账?") carries
    # too little meaning of its own for the meaning block, which was fitted on standalone questions' judgements.
    model = (model.fallback if model.vector_weights else model) if model is not None else None
    if model is None or probability(model, ev, hits, asks, similarity, question, False) < FOLLOWUP_NEAR_ACCEPT:
        return Verdict(NONE, coverage=ev.coverage, dense=similarity(ev.text))
    return found_verdict(ev, asks, question, ev.coverage, similarity(ev.text))


def found_verdict(ev: Evidence, asks: set[str], question: str, cov: float, dense: float) -> Verdict:
    """Evidence judged to be on the question's topic: an answer, or PARTIAL when it lacks an asked-for kind of fact."""
    for kind in TYPED:
        if kind in asks and not holds(ev.text, kind, question, asks):
            return Verdict(PARTIAL, kind, cov, dense)
    return Verdict(ANSWER, coverage=cov, dense=dense)
