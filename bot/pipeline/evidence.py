"""Pick the sentences that answer a question from retrieved chunks, and measure how well they cover it."""
from __future__ import annotations

from collections.abc import Callable
import dataclasses
import itertools
import re
from difflib import SequenceMatcher
from dataclasses import dataclass

from index.ingest.dialogue import is_field_line
from index.search.keyword import KeywordIndex
from index.models import Chunk, SourceKind, index_text, voice
from index.search.retriever import Hit

from bot.pipeline import scope
from bot.pipeline.genres import KINDS_RX
from bot.pipeline.shape import NUMBER, has_type
from bot.pipeline.terms import TermBridge
from bot.pipeline.slots import asks_for
from bot.pipeline.understand import QUESTION_WORDS, without_requests

_LIST_Q = re.compile(r"(哪些|哪几|几个|哪[一二三四五六七八九十两]|包括|包含|有哪)")
# A question for a quantity is only answered by a passage that states one.
# "哪几种" asks which ones (a list), not how many.
_QUANTITY_Q = re.compile(r"(多少|(?<!哪)几[个项条家所名位次年倍座批类种成大]|多大|多高|多长|多远|比例是|how many|how much)", re.I)
RUNNER_UP_GAP = 0.1
MAX_EVIDENCE = 260
# More of a question's frame, a closed class: the counter a quantity is asked in ("加多少台", "几口") says what
# kind of number, not what it is about; A-not-A forms ("有没有", "能不能") only make it a question.
# Several bodies asked for by the word for them ("哪几个部门联合发的", "几家单位"): a text names the bodies, not the word
# 部门; "哪个部门牵头" asks who leads, as ever.
BODIES_ASKED = re.compile(r"哪(?:几个|几家|些)(?:部门|单位|机构)|几(?:个|家)(?:部门|单位|机构)")
_FRAME_WORDS = re.compile(r"(?:多少|(?<![哪好])几|好多)个?(?:台|口|辆|户|家|座|所|栋|条|项|名|位|批|套|间|张|场|列|架|艘|棵|处|次)|"
                          r"有没有|是不是|能不能|会不会|要不要|可不可以|有无|是否|" + BODIES_ASKED.pattern)
SINGLE_CHAR_WEIGHT = 0.5
# What was asked (a reporter's question, a citizen's letter on a mailbox page) shares the question's words best and
# answers nothing: its sentences are chosen only when no answer comes near.
ASKED_PENALTY = 0.5
# A question word the corpus lacks whose characters stand in order, close together, in a clause of the text is
# most often its short form ("骗保" of "骗取社保", "冻肉" of "冻猪肉"): Chinese shortens a phrase by keeping one
# character of each word. It counts for this share of its weight, as a word bridged by meaning does.
ABBREVIATION_CREDIT = 0.5
ABBREVIATION_GAP = 2  # characters allowed between two kept ones ("骗[取社]保")
# A document named by its kind with a word of place ("决定里", "这篇报道中", "方案上"): a closed class of genres.
_IN_THE_DOCUMENT = re.compile(r"(?:这个|这份|这篇|这次|该|本|此)?(?:" + KINDS_RX + r")(?:里面|里头|当中|里|中|上|内)")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_PUNCT = re.compile(r"[\s,，、。?？!！:：;；“”\"'()（）]")
_ANAPHOR = re.compile(r"(这一|这项|此项|该项|这个|该|此)(?P<noun>[\u4e00-\u9fff]{1,2})")
# A sentence ends at its stop; a line that ends with a semicolon is a list's item ("任命甲为乙局局长；" then the next
# line), and a line that ends with a colon over such items is their lead: units of their own too. A lead over lines
# with no stops ("路内泊位：\n首次停放30分钟内免费\n夜间每次1元") stays with them: they are one statement.
_SENT = re.compile(r".+?(?:(?:[。!?！？]+|……)[”’」』\"')）]*|[；;](?=\n)|[：:](?=\n[^\n]*[；;。]\s*(?:\n|$))|$)", re.S)


@dataclass
class Evidence:
    """The best sentence(s) for a question, the chunk they come from and the coverage of the question."""

    chunk: Chunk
    sentences: list[str]
    coverage: float  # share of the question's weighted words found in the chunk (0..1)
    rank: int  # the chunk's position in the retrieval results
    # The weighted share of the question's words the chosen sentences lack, split by whether the corpus uses the
    # word elsewhere (a detail the documents give for something else) or never (an everyday word, or a thing they
    # never mention): features of the calibrated answerability model (bot.pipeline.answerability).
    missed_known: float = 0.0
    missed_unknown: float = 0.0

    @property
    def text(self) -> str:
        """The chosen sentences joined."""
        return "".join(self.sentences)


def abbreviates(word: str, text: str) -> bool:
    """Whether a Chinese word of two to four characters is a short form of a phrase of the text (its characters
    in order, at most ABBREVIATION_GAP Chinese characters between two of them, at least one gap used)."""
    if not 2 <= len(word) <= 4 or not _HAN_RUN.fullmatch(word):
        return False
    return word not in text and any(_spread_from(word, text, 0, i) for i, c in enumerate(text) if c == word[0])


def _spread_from(word: str, text: str, k: int, at: int) -> bool:
    """Whether word[k+1:] follows word[k] at text[at], each character after at most ABBREVIATION_GAP Chinese
    ones. (Plain code, not a pattern per word: a class of every Chinese character takes ~3 ms to compile.)"""
    if k == len(word) - 1:
        return True
    for j in range(at + 1, min(len(text), at + 2 + ABBREVIATION_GAP)):
        if text[j] == word[k + 1] and _spread_from(word, text, k + 1, j):
            return True
        if not _HAN_CHAR.match(text[j]):
            break  # only Chinese characters stand between two kept ones
    return False


# A field's key: the event it records and the kind of value ("留言时间" → 留言 + 时间, "答复单位" → 答复 + 单位).
_FIELD_KEY = re.compile(r"([\u4e00-\u9fff]{1,6}?)(时间|日期|单位|编号|状态|人|内容)?\s*[：:]")
# A question for someone's name or who they are.
_ASKS_NAME = re.compile(r"叫啥|叫什么|名字|是谁|哪位")
# What a kind of value answers: a time "when", a unit or a person "who".
_FIELD_ANSWERS = {"时间": "when", "日期": "when", "单位": "person", "人": "person"}


def field_asked(line: str, question: str) -> bool:
    """A page's field line ("留言人：甲 留言时间：… 答复单位：乙") is about what the question asks only when the
    question names an event one of its keys records, by a character of the event's word ("哪天回复的" over
    答复时间: 答复 and 回复 share 复), and asks for that key's kind of value (a day, a unit, a person); a person's
    field also answers a question for someone's name. "积分入学啥时候报名" and "哪天在哪儿办的" ask nothing the message's own fields record."""
    asked = asks_for(question)
    for m in _FIELD_KEY.finditer(line):
        kind = _FIELD_ANSWERS.get(m.group(2) or "")
        named = any(ch in question for ch in m.group(1))
        if kind == "person" and _ASKS_NAME.search(question):
            return True  # "解读人：…" answers "那个副局长叫啥名字", whatever the question calls the event
        if named and (kind is None or kind in asked):
            return True
    return False


def unasked_field(sentence: str, question: str) -> bool:
    """The sentence is a page's field line that records nothing the question asks (see field_asked)."""
    return is_field_line(sentence.strip()) and not field_asked(sentence, question)


def _own_voice(chunk: Chunk) -> str:
    """A body speaking in its own voice, to read with its sentences (" 甲镇" for "我镇已转移群众…"): the words a
    question names it by; "" for a person's words (read by the person routes) and for narration."""
    return f" {body}" if not chunk.speaker and (body := voice(chunk)) else ""


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, closing quotes kept with their sentence."""
    return [s for s in (m.group(0) for m in _SENT.finditer(text)) if s.strip()]


def _asked_spans(question: str) -> list[tuple[int, int]]:
    """Where the question words of the asked-for kinds stand ("啥时候", "加多少", "多长"): the question's frame."""
    from bot.pipeline.slots import ASKS

    # A share is asked with its noun ("覆盖率是多少"): the noun is what the question is about, and its question word
    # is the number's.
    spans = [m.span() for k, rx in ASKS.items() if k != "share" for m in rx.finditer(question)]
    return spans + [m.span() for m in _FRAME_WORDS.finditer(question)]


def _within(token: str, question: str, spans: list[tuple[int, int]]) -> bool:
    """Every occurrence of the token in the question overlaps a question-word span."""
    if not spans:
        return False
    starts = [m.start() for m in re.finditer(re.escape(token), question)]
    return bool(starts) and all(any(a < e and s < a + len(token) for s, e in spans) for a in starts)


def keeps_subject(terms: dict[str, float], question: str, first: str, other: str) -> bool:
    """Whether another sentence is still about what the question and a first sentence share: their most specific
    word (by the question's word weights), and every place of the question the first names ("通榆县…多少亩" is not
    answered by the city's 亩)."""
    key = max((t for t in terms if len(t) >= 2 and t in first.lower()), key=terms.get, default="")
    return key in other.lower() and all(p in other for p in scope.places(question) if p in first)


# A place the documents are of stays a word of the question when at least this share of passages name it.
OWN_PLACE_SHARE = 0.1


class EvidenceFinder:
    """Scores sentences by the IDF-weighted question words they contain."""

    def __init__(self, keyword: KeywordIndex, bridge: TermBridge | None = None,
                 own_places: Callable[[], frozenset[str]] = frozenset):
        self.keyword = keyword
        self.bridge = bridge  # everyday words → the corpus's own terms (None: words as asked)
        # The place every document is of ("某县", "某县" bare): read on first need, since finding places loads the
        # part-of-speech tagger. A statistical bulletin says "全县" where the asker writes the county's name.
        self._own_places_of = own_places
        self._own_places: frozenset[str] | None = None

    @property
    def own_places(self) -> frozenset[str]:
        """The places every document is of, by their outlets, titles and header lines, that its passages seldom name
        (a bulletin's "全县"); a place the passages name often ("到某县投资") is what they are about, and stays."""
        if self._own_places is None:
            texts = [c.text for c in getattr(self.keyword, "chunks", ())]
            places = frozenset(self._own_places_of()) if texts else frozenset()

            def seldom(place: str) -> bool:
                core = min((q for q in places if place.startswith(q)), key=len)
                return sum(core in t for t in texts) < OWN_PLACE_SHARE * len(texts)

            self._own_places = frozenset(p for p in places if seldom(p))
        return self._own_places

    def without_own_places(self, text: str) -> str:
        """The text less the documents' own places ("郎溪县去年…" → "去年…"): every passage is about them, so they
        only pull a question's meaning toward the header lines that write them. The text itself when nothing else
        would be left."""
        places = sorted(self.own_places, key=len, reverse=True)
        if not places or not any(p in text for p in places):
            return text
        rest = re.sub("|".join(map(re.escape, places)), "", text)
        return rest if len("".join(_HAN_RUN.findall(rest))) >= 4 else text

    def terms(self, question: str, drop: tuple[str, ...] = ()) -> dict[str, float]:
        """The question's content words with their weights (question words and dropped names removed); a word
        the corpus lacks stands, for half its weight, for the corpus term it clearly means (bot.pipeline.terms)."""
        # "决定里的基本原则", "这篇报道中": where in the documents the asker looks, not what the passage must say.
        question = _IN_THE_DOCUMENT.sub("", without_requests(question))  # "…哪些？全部列出来": the request asks nothing
        toks = self.keyword.tokenizer.tokens(question)
        dropped = {t for d in drop if d for t in self.keyword.tokenizer.tokens(d)} | set(drop)
        # The documents' own place names where the asker is, not what a passage must say: each passage of them is
        # about that place, in its own words ("全县", "本市").
        dropped |= {t for t in toks if t in self.own_places}
        frame = _asked_spans(question)
        kept = [t for t in toks if t not in QUESTION_WORDS and t not in dropped and len(t.strip()) > 0
                and not _within(t, question, frame)]
        # A bridged word supports a question the corpus's own words already touch; it never carries one alone.
        # A compound the documents never use ("飞机场", "电动公交车") stands for its head, the longest ending that
        # they do use ("机场", "公交车"): Chinese compounds put the thing named last.
        heads = {t: h for t in kept if (h := self.head(t))}
        kept = [heads.get(t, t) for t in kept]
        anchored = self.bridge is not None and any(len(t) >= 2 and t in self.keyword.vocab for t in kept)
        bridged = self.bridge.bridge(kept) if anchored else {}
        out: dict[str, float] = {}
        for t in kept:
            term = bridged.get(t)
            if term is None:
                # A lone character ("小", "发", the "子" of a dialect word) is mostly a fragment of a word the
                # segmenter split; it counts for half a word.
                weight = self.keyword.idf(t) * (SINGLE_CHAR_WEIGHT if len(t) == 1 and _HAN_CHAR.match(t) else 1.0)
                out[t] = max(out.get(t, 0.0), weight)
                continue
            # Half credit: a meaning-level guess is not a found word, so the asked word keeps half its weight.
            half = self.keyword.idf(term) / 2
            out[term] = max(out.get(term, 0.0), half)
            out[t] = half
        return out

    def head(self, word: str) -> str:
        """The longest proper ending (two characters or more) of a word the corpus lacks that the corpus has, or ""."""
        if len(word) < 3 or word in self.keyword.vocab or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
            return ""
        for i in range(1, len(word) - 1):
            if word[i:] in self.keyword.vocab:
                return word[i:]
        return ""

    def coverage(self, terms: dict[str, float], text: str) -> float:
        """Weighted share of the terms that occur in the text."""
        total = sum(terms.values())
        if not total:
            return 0.0
        credits = self._credits(terms, text)
        return sum(w * credits.get(t, 0.0) for t, w in terms.items()) / total

    def _credits(self, terms: dict[str, float], text: str) -> dict[str, float]:
        """Each term the text holds, with its credit: 1 when found, ABBREVIATION_CREDIT for a likely short form."""
        toks = set(self.keyword.tokenizer.tokens(text))
        low = text.lower()
        # "市、县两级" is how a text lists one-character bodies; a question writes "市县两级".
        joined = low.replace("、", "")
        credits: dict[str, float] = {}
        for t in terms:
            # A term counts when it is a token of the text or (for words jieba splits differently) a substring.
            if t in toks or (len(t) >= 2 and (t in low or t in joined)):
                credits[t] = 1.0
            elif t not in self.keyword.vocab and abbreviates(t, low):
                credits[t] = ABBREVIATION_CREDIT  # "冻肉" of "冻猪肉": likely the same thing, not certainly
        return credits

    def told_coverage(self, terms: dict[str, float], told: dict[str, float], text: str) -> float:
        """Coverage with the background's words the text holds: they support an answer, their absence counts
        against nothing (a long message's "我家老爷子…三高" is no part of what the text must say)."""
        total = sum(terms.values())
        held = self._credits(told, text)  # one reading of the text for all the background's words
        extra = sum(w for t, w in told.items() if t not in terms and held.get(t))
        return (self.coverage(terms, text) * total + extra) / (total + extra) if total + extra else 0.0

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

    def best(self, question: str, hits: list[Hit], drop: tuple[str, ...] = (), max_hits: int = 5,
             one_subject: bool = False) -> Evidence | None:
        """The best-covering sentence among the top hits, with a short neighbour when it is too bare. one_subject:
        every hit is about the question's subject already (one person's profile), so a sentence that counts in the
        asked counter needs no word of the best one to stay on it."""
        terms = self.terms(question, drop)
        wants_list = bool(_LIST_Q.search(question))
        wants_number = bool(_QUANTITY_Q.search(question))
        wants_kinds = asks_for(question) & {"when", "where", "duration", "money"}
        # "多少户", "几张": the counter the number is asked in (a sentence that counts in it answers).
        asked = scope.marked_questions(question)
        counter = scope.missing_measure(asked, "") if wants_number else ""
        counter = "" if scope.counts_a_list(counter) else counter  # "几项": a list's points, counted otherwise
        candidates: list[tuple[float, int, Evidence]] = []
        for rank, hit in enumerate(hits[:max_hits]):
            chunk_cov = self.coverage(terms, index_text(hit.chunk))
            sents = split_sentences(hit.chunk.text)
            for i, sent in enumerate(sents):
                scored = self.resolve_anaphor(sent, hit.chunk.section) + _own_voice(hit.chunk)
                items: list[str] = []
                if sent.rstrip().endswith(("：", ":")):
                    # a lead over its items ("需要准备的材料：" then "身份证；"…) is read with them: they are its content
                    items = list(itertools.takewhile(lambda x: x.rstrip().endswith(("；", ";", "。")), sents[i + 1:]))
                    items = items[:next((k + 1 for k, x in enumerate(items) if x.rstrip().endswith("。")), len(items))]
                    scored += "".join(items)
                cov = self.coverage(terms, scored)
                # Sentence words matter most; the chunk's context and its rank break ties.
                score = cov + 0.5 * chunk_cov + 0.15 / (rank + 1) + 0.5 * self.bigram_overlap(question, scored)
                if hit.chunk.source_kind == SourceKind.QUESTION.value:
                    score -= ASKED_PENALTY  # a letter or a reporter's question restates the topic; it answers nothing
                score += 0.5 * self.longest_phrase(question, scored)
                if wants_list:
                    # A list's items stand apart by 、, by ； or one a line ("材料：\n身份证；\n户口簿。").
                    # A line that leads into the items under it ("需要准备的材料：") holds them, a line of its own.
                    score += 0.1 if sent.rstrip().endswith(("：", ":")) else 0.1 * min(
                        2, sent.count("、") + sent.count("；") + sent.strip().count("\n") + sent.count(",") // 3) / 2
                # A question for a date or a place is answered by the sentence that holds one.
                score += sum(0.3 for k in wants_kinds if has_type(sent, k, question))
                chosen = [sent]
                if items:
                    chosen += items  # the lead and its items, as they were read
                elif len(sent) < 30 and i + 1 < len(sents):
                    chosen.append(sents[i + 1])  # "X一一作了说明。" says nothing alone
                elif len(sent) < 30 and i > 0 and sent.lstrip()[:1] not in "“\"":
                    chosen.insert(0, sents[i - 1])  # "市甲局局长某某介绍。" closes the quote before it
                if wants_number and not NUMBER.search("".join(chosen)):
                    continue
                if all(x.rstrip().rstrip("”’」』\"')）").endswith(("？", "?")) for x in chosen):
                    continue  # a question (a reporter's, a rhetorical one) answers nothing by itself
                if unasked_field(sent, question):
                    continue  # "留言人：… 办理单位：…" answers only a question about what its fields record
                candidates.append((score, i, Evidence(hit.chunk, chosen, chunk_cov, rank)))
        if counter and candidates:
            # "多少户", "几张": a sentence that counts nothing in the asked counter cannot answer, as one with no
            # number cannot; when some sentence does count in it, the others are no candidates (when none does,
            # they stay, and the scope checks say the count is not given). It must still be about what the best
            # sentence by words and the question share: their most specific word, and the places of the question
            # that sentence names ("通榆县…多少亩" is not answered by the city's 亩).
            top = max(candidates, key=lambda c: c[0])[2].text
            counting = [c for c in candidates if not scope.missing_measure(asked, c[2].text)
                        and (one_subject or keeps_subject(terms, question, top, c[2].text))]
            candidates = counting or candidates
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
            return self._with_missed(Evidence(top.chunk, both, top.coverage, top.rank), terms)
        return self._with_missed(top, terms)

    def _with_missed(self, ev: Evidence, terms: dict[str, float]) -> Evidence:
        """The evidence with the shares of the question's weight its sentences lack (known / unknown words)."""
        total = sum(terms.values())
        if not total:
            return ev
        found = self._credits(terms, ev.text + _own_voice(ev.chunk))
        missed = [t for t in terms if t not in found]
        known = sum(terms[t] for t in missed if t in self.keyword.vocab)
        unknown = sum(terms[t] for t in missed if t not in self.keyword.vocab)
        return dataclasses.replace(ev, missed_known=known / total, missed_unknown=unknown / total)
