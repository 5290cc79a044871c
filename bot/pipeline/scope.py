"""Is the evidence about what was asked? Places the question names, and the noun its question word asks for.

A passage about this city does not answer a question about another one ("德阳今年建多少亩…" over a
遂宁 page), and a passage that names a plan does not say the plan's "申报条件" or a bus's "品牌".
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from bot.pipeline.years import RELATIVE_RX, RELATIVE_YEAR, base_year
from bot.pipeline.slots import asks_for

_LOCK = threading.Lock()
COMMON_WORD_FREQ = 800
_POSSEG = None
# 哪个品牌 / 哪些站点 / 什么名字 / 申报条件是什么: the noun the question word asks for.
_AFTER_WH = re.compile(r"(?<!为)(哪几?[个些家种类所位条项座]|什么|啥子|啥)(?![这那么])([\u4e00-\u9fff]{2,4}?)(?=[?？,，。!！]|的|吗|呢|$)")
# Particles and people: a noun made of these is no fact to look for (who-questions have their own check).
_NOT_NOUN = set("子哦呢吗啊呀嘛吧了的在讲说做搞")
_PERSON_NOUNS = ("领导", "官员", "人员", "负责人", "人", "局长", "主任", "部门", "单位", "同志")
_BEFORE_WH = re.compile(r"(?:的)([\u4e00-\u9fff]{2,4}?)(?:分别|都|又|还|具体)?(?:是什么|是啥|是多少|有哪些|有什么|怎么定|如何定)")
# Asked-for nouns that name a kind of fact: the passage must hold that kind, not the word.
NOUN_KIND = {"投资": "money", "补贴": "money", "收入": "money", "产值": "money", "时间": "when", "日期": "when", "节点": "when", "时候": "when", "期限": "when",
             "地点": "where", "位置": "where", "地方": "where", "地址": "where",
             "金额": "money", "价格": "money", "票价": "money", "费用": "money", "资金": "money"}
# Nouns that frame a question rather than name the fact it asks for.
GENERIC = {
    "内容", "措施", "举措", "情况", "意思", "作用", "目标", "任务", "方面", "东西", "要求", "工作", "问题",
    "计划", "安排", "打算", "好处", "变化", "名堂", "意义", "影响", "做法", "办法", "政策", "事情", "事",
    "部门", "单位", "地方", "时候", "领域", "行动", "项目", "重点", "方向", "思路", "模式", "体系", "特点",
    "规定", "新规定", "新举措", "新措施", "动作", "成效", "进展", "进度", "样子", "说法", "看法", "观点",
    "名字", "名称", "规划",
}
# The last character of a noun for a sum of money ("管理费", "租金", "罚款", "月薪", "票价").
_MONEY_TAIL = "费价款金钱资薪税租"


def noun_kind(noun: str) -> str:
    """The kind of fact an asked-for noun names ("补贴" money, "地址" where), or ""."""
    kind = next((k for w, k in NOUN_KIND.items() if w in noun), "")
    return kind or ("money" if len(noun) >= 2 and noun[-1] in _MONEY_TAIL else "")


_NAMED = re.compile(r"[“《「][^”》」]{2,20}[”》」]")


def _posseg():
    global _POSSEG
    with _LOCK:
        if _POSSEG is None:
            import jieba.posseg as posseg

            _POSSEG = posseg
    return _POSSEG


_COUNTY = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[和与在到跟从、对]))([\u4e00-\u9fff]{2}(?:区|县|市))(?=[\u4e00-\u9fff]{0,2}(?:今年|的|有|要|在|是|和|到|，|,|？|\?|$))")


def warm() -> None:
    """Load jieba's part-of-speech tables and CC-CEDICT now (about 1.5 s), not on the first question."""
    list(_posseg().cut("预热"))
    from bot.pipeline.cedict import dictionary

    dictionary()


def places(question: str) -> list[str]:
    """Place names in the question: jieba's ns tag, and two-character names of a county, district or city."""
    return list(_places(question))


@lru_cache(maxsize=4096)
def _places(question: str) -> tuple[str, ...]:
    # Cached: one answer asks about the same question's places many times (each candidate passage's scope),
    # and jieba's global dictionary, which the tags come from, never changes.
    ps = _posseg()
    # jieba tags some common words ns as well ("新建", "城市"): a very frequent word is not taken for a place.
    words = list(ps.cut(question))
    freq = ps.dt.tokenizer.FREQ  # read after the cut: the first cut of a process loads it
    # A word the dictionary lacks gets its tag from jieba's HMM, which calls many rare nouns ns ("托班"): such a
    # word is a place only when it is written with its level.
    found = [w for w, flag in words if flag.startswith("ns") and len(w) >= 2
             and ((w in freq and (freq[w] <= COMMON_WORD_FREQ or _a_city(w))) or (len(w) >= 3 and w[-1] in "市县区省州"))
             and not _common_noun_tail(w) and (w[-1] in "市县区省州" or not _only_common(w))]
    # jieba tags many cities as a person's or another proper name ("nr", "nz"): the dictionary, which knows them
    # only as cities, counties or districts, says they are places whatever the tag.
    found += [w for w, flag in words if w not in found and len(w) >= 2 and flag.startswith("n")
              and not flag.startswith("ns") and _a_city(w)]
    found += [m.group(1) for m in _COUNTY.finditer(question) if m.group(1) not in found
              and not set(m.group(1)[:2]) & _NOT_PLACE and not _common_noun_tail(m.group(1))]
    # "覃副市长": a deputy's post, never a place called "覃副市".
    return tuple(w for w in found if "副" not in w[-3:-1])


# A dictionary gloss naming a city, county or district ("Qingdao, subprovincial city in Shandong").
_CITY_GLOSS = re.compile(r"\b(city|county|district|municipality)\b")


def _a_city(word: str) -> bool:
    """A frequent word is a city's name when the dictionary (CC-CEDICT) knows it only as a proper noun glossed as a
    city, county or district: "青岛" and "杭州" are, "新建" and "城市" are not (frequency alone cannot tell)."""
    from bot.pipeline import cedict

    entries = cedict.dictionary().get(word, ())
    return bool(entries) and all(e.proper for e in entries) and any(_CITY_GLOSS.search(g) for e in entries
                                                                   for g in e.glosses)


def _only_common(word: str) -> bool:
    """CC-CEDICT knows the word, and only as a common noun ("嘉宾", "江边"): jieba's place tag is wrong. A place
    has a proper reading there ("永州", "城厢"); a name the dictionary lacks may be a place."""
    from bot.pipeline.cedict import dictionary

    entries = dictionary().get(word)
    return bool(entries) and not any(e.proper for e in entries)


def _common_noun_tail(word: str) -> bool:
    """The level character closes a common noun, not a place name: "老小区", "新社区", "大超市" are an adjective (or
    a pronoun, a number) before a noun; "丁州市" is a name before 州市."""
    cut = list(_posseg().cut(word))
    return len(cut) == 2 and len(cut[1].word) == 2 and cut[0].flag[:1] in ("a", "d", "r", "m", "q")


# The last character of a place name that says its level.
PLACE_LEVELS = "省市县区州镇乡村旗"


def core_place(place: str) -> str:
    """The name of a place without its level ("华州区" → "华州"); two-character names are kept whole."""
    return re.sub(r"(市|县|区|省|州|镇|乡)$", "", place) if len(place) > 2 else place


def foreign_places(question: str, context: str) -> list[str]:
    """Places the question names that the passage and its document never name."""
    return [p for p in places(question) if core_place(p) not in context]


def corrected_place(question: str, wrong: str, evidence: str, home: str) -> str:
    """The place the evidence names where the question names a wrong one ("甲市人社局" over "乙市丙区
    人社局", "丁县的某村" over "戊县某镇某村"), or "". Only a place other than the documents' own
    city: a question that puts the document's own subject in another city ("甲市的三大工程") is about another
    city, not a slip of detail."""
    # Only a place named with its level ("丁县", "甲市"), and replaced by one of the same level: a bare
    # name ("乙州今年…") more often means another city altogether.
    level = wrong[-1] if wrong[-1] in "市县区镇乡村州" else ""
    if not level or set(wrong[:-1]) & _NOT_PLACE:
        return ""
    # The evidence's places of that level: jieba's, and any two characters before the level word ("青岭县"), as a
    # place the dictionary does not know is still written that way.
    # The span must start and end where the segmenter's words do: not "川地区" of 两川/地区, "其中市" of 其中/市级.
    named = places(evidence) + leveled_places(evidence, level)
    # The same slot: what the question's place qualifies ("庆元县的横樟村" → 横樟) follows the evidence's place
    # closely ("松阳县大东坝镇横樟村"); a place that qualifies something else is no correction of it.
    head = re.sub(r"^的", "", question[question.find(wrong) + len(wrong):])[:2]
    if len(head) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", head):
        return ""
    return next((p for p in named if p.endswith(level) and p not in question and core_place(p) not in home
                 and core_place(p) not in question and head in evidence[evidence.find(p) + len(p):][:_SLOT]), "")


_SLOT = 10  # characters after a place within which the thing it qualifies stands


def word_starts(text: str) -> set[int]:
    """Where the segmenter's words start in the text."""
    return {start for _, start, _ in _posseg().dt.tokenizer.tokenize(text)}


def leveled_places(text: str, level: str) -> list[str]:
    """Any two characters before a level word ("青岭县", "位于解放区"), a place the dictionary may not know, where
    the segmenter's words start and end (not "川地区" of 两川/地区, "其中市" of 其中/市级) or right after a higher
    level ("丙省丁州市")."""
    bounds = {0}
    for _, start, end in _posseg().dt.tokenizer.tokenize(text):
        bounds.update((start, end))
    bounds.update(m.end() for m in re.finditer(r"[省市州县区]", text))
    # A time word before the level ("今年市里…", "去年县上…") is no place's name.
    return [m.group(0) for m in re.finditer(r"[\u4e00-\u9fff]{2}" + level, text)
            if m.start() in bounds and m.end() in bounds and not set(m.group(0)[:2]) & _NOT_PLACE
            and not _is_time_word(m.group(0)[:2])]


def _is_time_word(word: str) -> bool:
    """The segmenter tags the word as a time word ("今年", "当年", "上午")."""
    words = list(_posseg().cut(word))
    return len(words) == 1 and words[0].flag == "t"

# "文中提到了哪些区县?", "点名了哪几个县（市、区）?", "涉及几个乡镇?": the places of a level that the text names.
# Only a question about the text's mentioning them: "远程诊断是在哪几个县试点的?" asks about the topic.
_NAMES_PLACES = re.compile(r"(?:提到|提及|出现|点名|点到|涉及|写到|说到|讲到|列出)(?:了|过)?[^，,。？?]{0,4}?"
                           r"(?:哪些|哪几个?|几个|多少个?)(区县|县区|县市区|县[（(]市、区[)）]|区|县|乡镇|镇|街道|乡)")
# A county-level city ("甲市") cannot be told from the city the text is about by its form: "县（市、区）" lists the
# counties and districts.
_PLACE_LEVELS = {"区县": ("区", "县"), "县区": ("区", "县"), "县市区": ("县", "区"), "区": ("区",), "县": ("县",),
                 "乡镇": ("乡", "镇"), "镇": ("镇",), "乡": ("乡",), "街道": ("街道",)}


def asked_levels(question: str) -> tuple[str, ...]:
    """The levels of place a question asks to list ("哪些区县" → 区, 县), or () when it asks no such list."""
    m = _NAMES_PLACES.search(question)
    if not m:
        return ()
    word = m.group(1)
    return _PLACE_LEVELS.get(word, ("县", "区"))


_PROPER = ("ns", "nr", "nz")
# Dictionary frequency below which a word is a proper name rather than a common word (place names sit at 3–20).
_RARE = 50


def places_named(text: str, levels: tuple[str, ...]) -> list[str]:
    """The places of those levels a text names, in order of first mention: words the segmenter knows as places
    ("甲乙苗族自治县"), or a proper name and its level ("青岭" + "县"); a zone or a pilot area ("示范区", "高新区")
    and a common word ("大城市") are no place of a level."""
    tok = _posseg().dt.tokenizer
    words = [(w.word, w.flag) for w in _posseg().cut(text)]
    found = [w for w, flag in words if flag.startswith("ns") and w.endswith(levels) and len(w) >= 3
             and not set(w[:2]) & _NOT_PLACE]
    for level in levels:
        # Every two characters before the level word, overlapping: "青岭县委" is cut 青岭/县委 by the segmenter.
        for m in re.finditer(rf"(?=([\u4e00-\u9fff]{{2}}{level}))", text):
            name = m.group(1)
            if set(name[:2]) & _NOT_PLACE:
                continue  # "各县区", "全市区"
            cut = list(_posseg().cut(name))
            # A common word is no district's name ("高新区" is frequent in the dictionary; "丙丁区" is rare there,
            # whatever its tag).
            proper = cut[0].flag.startswith("ns") or tok.FREQ.get(cut[0].word, 0) < _RARE
            if len(cut) == 1 and cut[0].flag.startswith(_PROPER) and proper or (
                    len(cut) == 2 and cut[0].flag.startswith(_PROPER) and cut[1].word == level
                    and not tok.FREQ.get(name, 0)):
                found.append(name)
    found = [n for n in dict.fromkeys(found) if not any(n != o and o.endswith(n) for o in found)]  # 苗族自治县
    return sorted(found, key=text.find)


# Characters that make the two before a level word no place name ("全市", "各县", "本区", "哪个区").
_NOT_PLACE = set("全各本该我市县区镇乡村每一两个等和与及、的在到哪几某副")


# "总投资是多少" / "总产量有多少": the two characters right before an asked quantity name what is measured.
# Adverbs ("一共", "又是", "还有") sit in the same place and are a closed class.
_BEFORE_QUANTITY = re.compile(r"([^\W\d一又还都也就才再共现以前后][\u4e00-\u9fff])"
                              r"(?:是多少|有多少|是好多|有好多|多少钱|好多钱)")
# A Sichuan yes/no tag ("有啥子办法没得") or a final particle is not part of the asked-for noun.
_TAG = re.compile(r"(没得|没有|不|吗|呢|嘛|哦|噻)+$")


def _is_noun(word: str) -> bool:
    """jieba tags the word as a noun (or a verb used as one, 投资)."""
    tags = [w.flag for w in _posseg().cut(word)]
    # A place or a person's name ("巴中有多少支…") is where or whose, not what is measured.
    return len(tags) == 1 and tags[0] in ("n", "vn", "nz")


# What a genre calls the people who speak in it: a question for "哪位嘉宾" asks for a speaker, whatever their post.
SPEAKING_ROLES = ("嘉宾", "发布人", "发言人", "受访者", "答问人", "讲话人")


def names_speaker(noun: str, title: str, heading: str = "") -> bool:
    """Whether a noun a who-question asks for ("哪位嘉宾", "哪个副局长") can name a passage's speaker of this title,
    or who speaks under this heading ("哪位专家讲的" under "二、专家意见": the heading says what its speakers are)."""
    return noun in SPEAKING_ROLES or bool(title) and noun in title or bool(heading) and noun in heading


@lru_cache(maxsize=4096)  # one answer checks the same question against several passages
def asked_noun(question: str) -> str:
    """The specific noun a question word asks for ("品牌", "站点", "申报条件"), or empty when generic."""
    # The fixed forms read the question without its closing particles; the parts of speech need them ("有清单吗").
    bare = _TAG.sub("", re.sub(r"[?？!！。\s]+$", "", question))
    for rx in (_AFTER_WH, _BEFORE_WH, _BEFORE_QUANTITY):
        for m in rx.finditer(bare):
            noun = m.group(m.lastindex)
            if rx is _BEFORE_QUANTITY and not _is_noun(noun):
                continue  # "大概多少钱": an adverb stands where a noun could
            noun = noun_part(noun)  # "在什么地方开的": the noun is 地方, the verb after it no part of it
            read = _as_read(noun, bare, rx is _BEFORE_QUANTITY) if _specific(noun) else ""
            # Read to its word's start, it must still name a fact ("啥样的" read from 样 is 啥样, a question word).
            if read and (read != noun or _headed(read)) and _specific(read):
                return read
    return next((n for n in _asked_by_words(question) if _specific(n) and _headed(n)), "")


# Word classes that begin no noun phrase (a verb, an adverb, a pronoun: "能奖", "明确不让").
_NO_NOUN_START = ("v", "d", "r", "p", "c", "u", "m", "ad")
# A localiser after a noun ("哪条路上", "哪个会上") asks where on or in the thing: the thing is the noun.
_LOCALISER = ("上", "里", "中", "内")


def _as_read(noun: str, question: str, before_quantity: bool = False) -> str:
    """The noun as the question's own words make it, or "": the fixed forms cut characters, not words, so the noun
    must end where a word of the question ends ("沿着哪几条河修的" is 河 + 修) and starts where its first word
    starts ("起步价好多钱", not 步价); before a quantity it begins with no verb or adverb ("政府能奖多少"; after
    "什么" any word is used as a noun: "什么批示"); a localiser closing it is dropped ("哪条路上" asks for a road)."""
    at = question.find(noun)
    if at < 0:
        return noun
    end = at + len(noun)
    covered, pos = [], 0
    for w in _posseg().cut(question):
        if pos < end and pos + len(w.word) > at:
            covered.append((pos, pos + len(w.word), w.flag))
        pos += len(w.word)
    if not covered or covered[-1][1] != end:
        return ""
    start, _, flag = covered[0]
    if before_quantity and start == at and flag.startswith(_NO_NOUN_START) and flag not in ("vn", "an"):
        return ""
    if len(noun) > 1 and noun.endswith(_LOCALISER) and covered[-1][2] in ("f", "s", "t"):
        return noun[:-1]
    return question[start:end] if start < at and not _headed(noun) else noun


def _headed(noun: str) -> bool:
    """The noun ends in a word of two characters or more that the dictionary knows: the segmenter's guesses at
    unknown character pairs ("的药有多少种" read as 药有, "能奖好多钱" as 能奖) are no nouns."""
    tok = _posseg().dt.tokenizer
    pieces = tok.lcut(noun, HMM=False)
    # A longer noun may end in a suffix character ("治理率", "起步价"): only two-character guesses are in doubt.
    return len(noun) >= 3 or bool(pieces) and len(pieces[-1]) >= 2 and tok.FREQ.get(pieces[-1], 0) > 0


# Question words inside a read noun ("流程是啥样的" read as 啥样): no fact's name, in standard or colloquial Chinese.
_WH_PARTS = ("什么", "哪", "多少", "怎么", "啥", "咋", "怎样")


def _specific(noun: str) -> bool:
    """A noun that names a specific fact to look for: not a frame word, a particle, a question word or a person."""
    return bool(noun) and (noun not in GENERIC and not any(g in noun for g in _WH_PARTS)
                           and not set(noun) & _NOT_NOUN and not noun.startswith(_PERSON_NOUNS)
                           and not noun.endswith("人"))  # "哪位发布人": a person, asked for by the who-checks


# The words of a question that ask ("哪家", "什么", "多少") and those that ask whether something exists ("有没有").
# "哪些学校" and "哪几类对象" ask for members, which need not repeat the category's word: not here.
_WH_WORDS = {"哪家", "什么", "啥", "啥子", "多少"}
_EXIST_WORDS = {"有没有", "是否有", "有无"}
_ASKING_AFTER = {"多少", "在哪", "在哪里", "在哪儿", "是什么", "是啥"}
# Word classes a noun phrase is made of (nouns, verbal nouns, distinguishing words: "最低工资标准", "年龄限制").
_NOUNISH = ("n", "vn", "b")


def _asked_by_words(question: str) -> list[str]:
    """The noun a question asks for, read from its parts of speech where the fixed forms above do not match:
    the nouns right after a question word ("哪家公司负责…", "多少补贴资金"), right before one ("咨询电话多少",
    "月工资大概多少", "具体地址在哪") or after a question of existence ("有没有年龄限制", "有清单吗")."""
    words = [(w.word, w.flag) for w in _posseg().cut(question)]
    out: list[str] = []
    for i, (w, flag) in enumerate(words):
        if w in _WH_WORDS:
            noun = _noun_run(words, i + 1)
            # "多少补贴资金" asks for a sum of a subsidy; "多少老师" counts people, whom the text may call otherwise.
            # "多少时间" asks how long, not when.
            out.append(noun if w != "多少" or noun_kind(noun) == "money" else "")
        elif w in _EXIST_WORDS or (w == "有" and any(x in ("吗", "没有", "不") for x, _ in words[i + 1:i + 4])):
            out.append(_noun_run(words, i + 1, first=("n", "vn", "a"), then=("n", "vn", "v")))
        if w in _WH_WORDS and _noun_run(words, i + 1):
            continue  # "会派多少技术员", "一亩地能收多少果子": what is counted follows the question word
        if w in _ASKING_AFTER or (w == "在" and i + 1 < len(words) and words[i + 1][0].startswith("哪")):
            k = i - 1
            while k >= 0 and words[k][1] in ("d", "a") and words[k][0] not in ("多", "大"):
                k -= 1  # "月工资大概多少", "比例具体是多少": an adverb between the noun and the question word
            run = []
            while k >= 0 and words[k][1].startswith(_NOUNISH) and len(run) < 2:
                run.insert(0, words[k][0])
                k -= 1
            out.append("".join(run))
    # One character is mostly a verb or a measure word the segmenter tagged as a noun ("交多少", "多少方水").
    return [n for n in out if len(n) >= 2]


def _noun_run(words: list[tuple[str, str]], j: int, first=_NOUNISH, then=_NOUNISH) -> str:
    """Up to two words from position j that make a noun phrase ("公司", "补贴资金", "年龄限制"), or ""."""
    run = []
    while j < len(words) and len(run) < 2 and words[j][1].startswith(then if run else first):
        run.append(words[j][0])
        j += 1
    # A lone word must itself be a noun (or an adjective used as one: "有清单吗"); two words make a phrase.
    ends_as_noun = bool(run) and words[j - 1][1].startswith(("n", "vn", "a"))
    return "".join(run) if ends_as_noun or len(run) == 2 else ""


# Parts of speech that end no noun phrase: verbs, adverbs, pronouns, particles, adjectives ("省道" is cut 省/道,
# a measure word, and stays).
_NOT_NOUN_TAGS = ("v", "d", "r", "u", "y", "a", "c", "p")


def verbs_of(text: str) -> list[str]:
    """The words of a text that may name what happens in it, in order: those the tagger reads as verbs (not verbal
    nouns), or as prepositions (it reads "哪天通过的" as one), less the words for a kind of document ("决定")."""
    from bot.pipeline.genres import DOC_KINDS

    return [w.word for w in _posseg().cut(text) if w.flag in ("v", "p") and w.word not in DOC_KINDS]


def verb_only(word: str) -> bool:
    """One character that is a verb ("说", "写"): no noun can be read from it. Longer verbs stay nouns to the
    question's reader: jieba tags 发言, 回答, 要求 as verbs, and they name speakers' turns and points."""
    cut = list(_posseg().cut(word))
    return len(word) == 1 and len(cut) == 1 and cut[0].flag == "v"


def noun_part(words: str) -> str:
    """The words up to the last noun ("地方开" → "地方"); "" when no noun closes them ("不一样"). One word is
    kept whole: jieba tags some nouns as verbs ("位置")."""
    cut = list(_posseg().cut(words))
    while len(cut) > 1 and cut[-1].flag.startswith(_NOT_NOUN_TAGS):
        cut.pop()
    if len(cut) == 1 and len(cut[0].word) < len(words) and cut[0].flag.startswith(_NOT_NOUN_TAGS):
        cut.pop()
    return "".join(w.word for w in cut)


# Nouns that ask for a kind of value rather than a named thing: "什么职务" is answered by a post, "比例是多少" by a
# figure, "什么级别" by a grade; the passage need not use the noun itself.
_HELD_BY_KIND = {"职务": "title", "职位": "title", "身份": "title", "比例": "number", "水平": "number",
                 "程度": "number", "幅度": "number", "增速": "number", "增幅": "number", "规模": "number",
                 "级别": "grade", "等级": "grade", "档次": "grade",
                 # A number to call is held by a phone number or a hotline's short number, not by the word.
                 "号码": "phone", "电话": "phone", "手机号": "phone"}
_GRADE = re.compile(r"[\u4e00-\u9fff]级|\d+A|星级|[一二三四五六七八九十]星")


def _holds_kind(kind: str, text: str) -> bool:
    from bot.pipeline.shape import has_type
    from index.ingest.lexicon import TITLE_SUFFIXES

    if kind == "title":
        return any(t in text for t in TITLE_SUFFIXES)
    if kind == "grade":
        return bool(_GRADE.search(text))
    return has_type(text, kind)


# "建在哪个区?": a place of that level is asked for.
_ASKED_LEVEL = re.compile(r"哪(?:一|几)?个?(区|县|市|镇|乡|街道|村|省)")


def missing_level(question: str, text: str) -> str:
    """The level of place a question asks for ("哪个区") when the passage names no new place of that level, else ""."""
    m = _ASKED_LEVEL.search(question)
    if not m:
        return ""
    level = m.group(1)
    named = places(text) + leveled_places(text, level)
    return "" if any(p.endswith(level) and core_place(p) not in question for p in named) else f"哪个{level}"


# A post's holder is named within this many characters after the post ("指挥长：副县长某某").
_NAME_NEAR_POST = 12
# Asking for a name: "叫什么", "全称", or a name word the same clause asks about ("名单有哪些", "名字能全部列一下",
# "有店名没"); not a name word that is the clause's subject ("名单要公示几天", "这个名字好听").
_NAME_ASK = re.compile(r"叫(?:什么|啥)|全称|(?:名字|名称|名单|店名|厂名|校名)[^，,。？?！!；;\s]{0,6}?"
                       r"(?:是什么|是啥|什么|啥|哪些|哪几|哪个|哪位|列|念|说一下|报一下|告诉|没有?|吗|呢|不)")
_NAMED_ASK_LEAD = re.compile(r"^(?:.*?[那这哪]一?[个条家所座位项只种片块间支])?")


def names_asked(question: str) -> bool:
    """The question asks for the names of things (叫什么名字 / 名称是什么 / 名单有哪些)."""
    return bool(_NAME_ASK.search(question))


# What may stand between the noun and its ask: adverbs and the words for a name ("都", "具体", "全名", "姓啥").
_NAME_ASK_TAIL = r"(?:的|是|就是|到底|究竟|具体|分别|都|又|还|全名|名字|名称|姓名|大名|姓啥|姓什么)+$"


def named_noun(question: str) -> str:
    """The noun whose name is asked, as the question writes it ("那条河叫啥" → "河", "文旅公司叫啥" → "文旅公司");
    "" when the ask stands alone ("…几家？叫什么名字?")."""
    m = _NAME_ASK.search(question)
    if not m:
        return ""
    sentence = re.split(r"[。？?！!]", question[:m.start()])[-1]
    # The clause right before the ask, less its adverbs ("…中型水库，都叫什么名字" names the 水库 of the clause before).
    runs = (re.sub(_NAME_ASK_TAIL, "", x) for x in reversed(re.split(r"[，,；;\s]", sentence)))
    run = next((x for x in runs if x), "")
    if not run:
        # "负责回收的企业一共几家？叫什么名字?": the kind the question named before the ask.
        kinds = [(question.rfind(k, 0, m.start()), k) for k in _NAMED_KINDS if k in question[:m.start()]]
        return max(kinds)[1] if kinds else ""
    return _NAMED_ASK_LEAD.sub("", run)[-6:]


def asks_which(noun: str, question: str) -> bool:
    """The question asks which one the noun is ("设立什么基金", "哪种补贴"), not how much of it."""
    return bool(noun) and re.search(r"(?:什么|啥子?|哪一?[个种类家项些])" + re.escape(noun), question) is not None


def holds_noun(noun: str, text: str, identity: bool = False) -> bool:
    """The passage names the asked-for noun (or a two-character part of it), or holds its kind of fact; with
    identity (which one is asked), naming it is enough."""
    if not noun:
        return True
    held_by = next((k for w, k in _HELD_BY_KIND.items() if noun.endswith(w)), "")
    if held_by:
        return _holds_kind(held_by, text)
    from bot.pipeline.shape import has_type

    kind = noun_kind(noun)
    pairs = [noun[i:i + 2] for i in range(len(noun) - 1)]
    # A long noun ("最低工资标准") is not held by one of its parts ("标准"): most of its pairs must be there.
    named = noun in text or (sum(p in text for p in pairs) * 2 >= len(pairs) if len(noun) >= 5
                             else any(p in text for p in pairs)) or _spread(noun, text) or _member_of(noun, text) \
        or _levels_named(noun, text) or _supplied(noun, text)
    if kind in ("money", "number") and identity:
        return named  # "设立什么基金": which fund, by its name, not how much money
    if kind and kind != "when":
        # "补贴多少钱": a sum of money that is not a subsidy does not answer it; the noun and its kind both. The
        # sum's noun may be another word of the same first character ("补贴" / "补助", "投资" / "投入").
        return has_type(text, kind) and (named or (kind == "money" and len(noun) == 2 and noun[0] in text))
    if kind:
        return has_type(text, kind)
    return named


# The categories of place a noun asks for ("哪条街", "哪些省份", "哪个国家"): a place's name answers, not other words.
_PLACE_NOUNS = ("街道", "街", "路", "省份", "省", "国家", "城市", "市", "县", "区", "乡镇", "镇", "乡", "村", "社区")


def held_by_naming(noun: str, question: str = "") -> bool:
    """The noun names no kind of fact ("补贴" money, "电话" a number) and no category of place, and the question asks
    what it is, not which one ("哪个厂家" wants a name): only its words say that a passage holds it, so other words
    may too ("什么角色" answered by "任组长")."""
    return bool(noun) and not noun_kind(noun) and not any(noun.endswith(w) for w in _HELD_BY_KIND) \
        and not noun.endswith(_PLACE_NOUNS) and not re.search(_WHICH_ONE + re.escape(noun), question)


# "哪个厂家", "哪一家公司", "哪位专家": one of a kind, asked for by its name.
_WHICH_ONE = r"哪一?[个家位所座间]"


_CATEGORY_TAIL = "件类种物品"
_LEVELS = "省市县区镇乡村"


def _levels_named(noun: str, text: str) -> bool:
    """Levels of place asked together ("哪些县区", "乡镇") are held by places of those levels listed in the passage
    ("钦南区、灵山县…"): a name ending in the level's character, then a separator."""
    if not 2 <= len(noun) <= 3 or any(c not in _LEVELS for c in noun):
        return False
    return bool(re.search(f"[\u4e00-\u9fff]{{1,5}}[{noun}](?=[、，,。；;和及与等])", text))


def _member_of(noun: str, text: str) -> bool:
    """A two-character category ("证件") held by a longer word of its kind, which ends in its first character
    ("居住证", "通行证")."""
    # Only a category's own word ("证件", "物品"): "治理率" is no category of "…污水治理". Not "站的点" either: a particle
    # after the character splits it from the category's second one.
    return len(noun) == 2 and noun[1] in _CATEGORY_TAIL and bool(re.search(
        f"[\u4e00-\u9fff]{{2,4}}{re.escape(noun[0])}(?![{re.escape(noun[1])}的地得了着过])", text))


# Words for the papers an applicant brings, and the verbs that say what to bring: a closed class of the language.
_PAPERS = ("材料", "资料", "证件", "证明", "凭证", "证照", "票据")
_SUPPLY = re.compile(r"(?:提供|携带|带上|带齐|带好|凭|持|出示|提交|递交|准备好?)[^，,。；;：:]{0,3}?"
                     r"[\u4e00-\u9fff“”]{2,14}(?:、|和|及|或|或者|以及)[\u4e00-\u9fff“”]{2,14}")


def _supplied(noun: str, text: str) -> bool:
    """Papers asked for ("要带哪些材料") are held by what the passage says to bring ("需提供身份证、户口簿和…"),
    though it never writes the word for papers."""
    return noun.endswith(_PAPERS) and bool(_SUPPLY.search(text))


# Several of a kind asked for ("配套建哪些设施", "会同了哪几家单位"): a list, not one thing.
_WHICH_SEVERAL = r"(?:哪些|哪几[个种类项条家所座处样批])"
# Items in a row: two or more phrases split by 、, the last perhaps joined by 和/及.
_ITEMS = r"[^，,。；;：:、\s]{2,16}(?:、[^，,。；;：:、\s]{2,16})+(?:(?:和|及|以及)[^，,。；;\s]{2,16})?"


def listed_after(noun: str, question: str, text: str) -> bool:
    """The passage lists several things right after the question's own words before "哪些N" ("配套建哪些设施" over
    "配套建设气调库、低温分拣包装线和检验检测室"): they are the Ns asked for, though it never writes N."""
    m = re.search(r"([\u4e00-\u9fff]{2,6}?)(?:了|过)?" + _WHICH_SEVERAL + re.escape(noun), question)
    if not m:
        return False
    lead = m.group(1)
    # The longest ending of the words before the question word that the passage writes, a character or two of a
    # longer word allowed after it ("建" of 建设), then the items.
    return any(re.search(re.escape(lead[-k:]) + r"[\u4e00-\u9fff]{0,2}[：:]?" + _ITEMS, text)
               for k in range(len(lead), 1, -1))


def _spread(noun: str, text: str) -> bool:
    """A short noun written with a character between its own ("老人" in "老年人", "电梯" in "电动梯"): its
    characters in order within one more character than it has."""
    if not 2 <= len(noun) <= 4:
        return False
    gaps = "".join(f"{re.escape(c)}[^的之和与及、，,。\\s]?" for c in noun[:-1]) + re.escape(noun[-1])
    return bool(re.search(gaps, text))


def _head_word(noun: str) -> str:
    """The noun phrase's last word of two characters or more, else its last two characters."""
    import jieba

    last = jieba.lcut(noun)[-1] if noun else ""
    return last if len(last) >= 2 else noun[-2:]


# "合作社的理事长是哪一位?", "市委书记是谁?": who holds a post, the clause ending on the ask (not "是谁说的").
_HOLDER_ASK = re.compile(r"([\u4e00-\u9fff]{1,12}?)(?:到底|究竟|现在)?是(?:哪一?位|谁|哪个)(?:呀|啊|呢|嘛)?(?=[？?。，,！!\s]|$)")


def asked_holder(question: str) -> str:
    """The post whose holder a question asks for by "是哪位/是谁" ("理事长是哪一位?" → 理事长), or ""."""
    from index.ingest.names import ends_in_title

    m = _HOLDER_ASK.search(question)
    if not m:
        return ""
    # The post is the head after the last 的 ("村里合作社的理事长" → 理事长): what precedes says whose.
    noun = _NAMED_ASK_LEAD.sub("", re.split(r"[，,；;\s]", m.group(1))[-1]).rsplit("的", 1)[-1][-6:]
    return noun if ends_in_title(noun) or noun.endswith(_ANY_OFFICIAL) else ""


def named_before(text: str, post: str) -> bool:
    """A person's name stands right before the post in the text ("张某副局长分管…"), the spoken order of a name and a
    post."""
    from index.search.tokenize import person_names

    word = post[-3:]
    return any(person_names(text[max(0, m.start() - 3):m.start()]) for m in re.finditer(re.escape(word), text))


def asks_holder_name(question: str) -> bool:
    """The name asked is a person's who holds a post ("指挥长叫什么名字?", "那个常务副县长姓啥叫啥?")."""
    from index.ingest.names import ends_in_title

    noun = named_noun(question)
    return bool(noun) and (ends_in_title(noun) or noun.endswith(("长", *_ANY_OFFICIAL)))


# Words for an official of any post ("到会的那个县领导叫啥"): any person the passage names with a post is one.
_ANY_OFFICIAL = ("领导", "干部", "负责人", "官员", "同志")


def holds_names(text: str, role: str = "", question: str = "") -> bool:
    """The passage gives something a name: a quoted or titled term, a name of the kind the question asks about
    ("组建的文旅公司叫啥" over "组建甲市文化旅游投资集团"), or (for a post the question names: "副局长叫啥") a person
    who holds that post ("副局长 某某")."""
    from bot.pipeline.understand import holds_role
    from index.ingest.names import titled_people
    from index.search.tokenize import person_names

    noun = named_noun(question)
    if re.search(r"[小老][\u4e00-\u9fff]$", noun):
        # "讲解的小贺全名叫什么?": a full personal name with that surname, not the nickname again.
        return any(noun[-1] in n and not n.startswith(("小", "老")) for n in person_names(text))
    if asks_holder_name(question):  # any "…长" is a post: 指挥长, 组长
        # "指挥长叫什么名字?": a post's holder is named by a person's name written with that post, not by a quoted
        # term ("“县防指”").
        if noun.endswith(_ANY_OFFICIAL):
            return any(p.name for p in titled_people(text)) or bool(person_names(text))
        if any(p.name and (holds_role(p.title, role) if role else p.title.endswith(noun[-3:]))
               for p in titled_people(text)):
            return True
        return any(person_names(text[m.end():m.end() + _NAME_NEAR_POST])
                   for m in re.finditer(re.escape(noun[-3:]), text))
    if _NAMED.search(text):
        return True
    if noun:
        # The kind is the noun's head: a known kind it ends with ("文旅公司" → 公司), else its last word ("被约谈的
        # 烧烤店" → 烧烤店, not 烤店: "多家烧烤店" names none).
        kind = next((k for k in _NAMED_KINDS if noun.endswith(k)), "") or _head_word(noun)
        # The question's own words are no name ("组建文旅公司" names none); the kind's word must be there, a list of
        # other names ("县甲局、县乙局") names no member of it.
        rest = text.replace(noun, "") if noun != kind else text
        if re.search(_NAMED_KINDS.get(kind, re.escape(kind)), rest) and _names_of_kind(kind, rest):
            return True
    if not role:
        return False
    return any(p.name and holds_role(p.title, role) for p in titled_people(text))


# A year or a dated figure named in a question is a constraint: a passage about another year does not answer it.
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def missing_years(question: str, context: str, bare: bool = False) -> list[str]:
    """Years the question names ("2021年…多少游客") that the passage and its context never name; bare: a year
    written without 年, as English writes it ("in 2025")."""
    return [y for y in (_ANY_YEAR if bare else _YEAR).findall(question) if y not in context]


# "比去年多了多少": a year the figure is compared with, not the year it is for.
_COMPARED_RX = re.compile(r"(?:比|较|同|与|和|跟)(?:" + "|".join(RELATIVE_YEAR) + ")")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def missing_asked_year(question: str, evidence: str, published: str) -> str:
    """A year the question asks about ("去年…服务了多少人", "2024年新增了多少个") that the evidence does not speak of
    although it names another one ("今年…"), else "": a figure for this year is no figure for last year. Words
    relative to now are read against the document's date ("去年" of a 2025 page is 2024); without a date they
    match only the same word."""
    compared = _COMPARED_RX.sub("", question)
    relative = [w for w in dict.fromkeys(RELATIVE_RX.findall(compared)) if RELATIVE_YEAR[w] != 0]
    written = list(dict.fromkeys(_YEAR.findall(re.sub(r"(?:比|较)(?:19|20)\d{2}\s*年", "", compared))))
    if len(relative) + len(written) != 1:
        return ""  # none asked, or several: a comparison or a span, not one year
    said_relative = set(RELATIVE_RX.findall(evidence))
    said_years = set(_ANY_YEAR.findall(evidence))
    base = base_year(published)
    if base is not None:
        said_years |= {str(base + RELATIVE_YEAR[w]) for w in said_relative}
    if relative:
        word = relative[0]
        if not (said_relative or said_years) or (base is None and said_years):
            return ""  # which year "去年" is cannot be told: a year the evidence names may be it
        same = any(RELATIVE_YEAR[w] == RELATIVE_YEAR[word] for w in said_relative)
        return "" if same or (base is not None and str(base + RELATIVE_YEAR[word]) in said_years) else word
    asked = written[0]
    # A year written out is only contradicted by another year the evidence names (a span "2024—2025" holds it).
    return "" if not said_years or asked in said_years else f"{asked}年"


# A counted list ("十大名小吃", "15条线路", "“6+6”体系", "三个方面") whose members are asked for.
_COUNTED = re.compile(r"(?:[“\"]?\d+(?:\+\d+)+[”\"]?|[一二三四五六七八九十两百\d]+(?:大|个|条|项|类|种|样|家|座|所))"
                      r"[\u4e00-\u9fff]{0,8}")
_MEMBERS_Q = re.compile(r"(哪几|哪些|分别是|具体是哪|是哪[一二三四五六七八九十两\d]|哪\d+|都有啥|都是啥|包括啥|都包括|列出|全部)")
# Members written out: after a colon, or two or more items before 、 (items may hold figures and quoted names:
# "新开线路6条、调整走向15条、…", "针对…的“控糖包”、…").
_ENUMERATION = re.compile(r"[：:]|([\u4e00-\u9fff“”《》\d.]{1,20}、){2,}")
_POINTS_SET_OUT = re.compile(r"[。：:]\s*(?:一是|第一|首先|[（(]一[)）]|1[.、．])")  # after the list's name, not its own number
# A sentence that goes on naming the list's members ("…四大行动。即A、B、C…", "…28条。其中…").
# Its members set out one by one after it ("主要有三条。一是…；二是…") go on naming it too.
_GOES_ON = re.compile(r"^\s*(?:即|包括|分别是|分别为|具体是|具体包括|其中|一是|第一|首先|[（(]一[)）]|1[.、．])")


# The words a body's name ends in ("市城市管理局", "县医疗保障服务中心", "某某检测有限公司").
# Not 局 of 局面, 委 of 委托, nor the short ends that are mostly other words (办理, 所有, 站在).
_BODY_ENDS = "局(?![面势部长])|委员会|委(?![托婉屈身])|办公室|中心|公司|集团|院(?!子|落)|研究所|派出所|事务所|大队|支队|厂|单位|部门|机构|"\
             "协会|政府|银行|合作社|学校|医院"


# Things whose members have names of their own, asked for one by one ("哪几家银行", "具体是哪个小区"): a passage
# that only counts them or names their kind ("联合本地银行", "改造老旧小区37个") does not say which. Each kind with
# the words its members' names end in ("五邑大学" is a 学校, "某某集团" an 企业).
_NAMED_KINDS = {"银行": "银行|农商行|信用社", "企业": "企业|公司|集团|厂", "公司": "公司|集团", "小区": "小区|花园|苑|家园",
                "学校": "学校|大学|学院|中学|小学|幼儿园", "医院": "医院|卫生院", "村": "村", "社区": "社区",
                "酒店": "酒店|宾馆", "景区": "景区", "商场": "商场|广场", "超市": "超市", "合作社": "合作社", "高校": "大学|学院"}
# Asked one by one, a body of any kind is named by the word its name ends in ("县水务局", "某某检测有限公司"), and
# townships by their level. (A name asked for, "那个检测机构叫啥", wants the kind's own word: see holds_names.)
# One town asked for ("建在哪个镇") is a level of place, which missing_level judges by the places the tagger reads.
_MEMBER_KINDS = _NAMED_KINDS | {"单位": _BODY_ENDS, "部门": _BODY_ENDS, "机构": _BODY_ENDS, "乡镇": "乡镇|乡|镇|街道"}
# Asked with a counter ("哪几家", "哪两个", "哪家检测机构"), or the kind first ("那18家单位具体是哪几家"): the members
# one by one. "哪些企业" may ask for a kind ("中小企业"). A few words may stand between the counter and the kind.
_KIND_ALT = "|".join(sorted(_MEMBER_KINDS, key=len, reverse=True))
_WHICH_NAMED = re.compile(r"(?:哪几|哪两|哪[二三四五六七八九十]|哪一?|具体是哪|都有哪|是哪)(?:家|个|所|座|处)"
                          r"(?P<mod>[\u4e00-\u9fff]{0,4}?)(?P<kind>" + _KIND_ALT + ")")
_KIND_WHICH = re.compile(r"(?P<kind>" + _KIND_ALT + r")(?:具体|到底|究竟|都|分别|又|就)*(?:是|有)哪(?:几|两|[二三四五六七八九十])?"
                         r"(?:些|家|个|所|座|处)")
# Words that make "X银行" a kind, not a name: counts, pronouns and the closed class of generic modifiers.
_NOT_A_NAME = re.compile(r"^(?:[\d一二两三四五六七八九十百千几多各本该此这那其全每某首]|有关|相关|部分|重点|合作|其他|所有|周边|附近|辖区|"
                         r"大型|中小|小微|民营|国有|龙头|骨干|示范|试点|新建|老旧|金融|当地|本地|外地|全国|全省|省内|市内|第三方|上级|下属|"
                         r"专业|指定|具有|有资质|具备|责任|牵头|主办|承办|协办|配合|成员|参与|参会|用人|施工|建设|监理|设计|检测|评估)")


_BODY_KINDS = ("单位", "部门", "机构")


def asked_kind(question: str) -> str:
    """The kind of named thing whose members a question asks for one by one ("哪家检测机构" → 机构, "那37个老旧小区具体是
    哪些" → 小区), or ""."""
    m = _WHICH_NAMED.search(question) or _KIND_WHICH.search(question)
    return m.group("kind") if m else ""


def _names_of_kind(kind: str, evidence: str, kinds: dict[str, str] = _NAMED_KINDS) -> bool:
    """The evidence names a member of a kind: a quoted name ("“幸福里”小区"), a list, or a name of that kind ("甲银行",
    "五邑大学"; not "本地银行", "38家重点企业")."""
    ends = kinds.get(kind, kind)
    if re.search(r"[”」]\s*(?:" + ends + ")", evidence):
        return True
    for m in re.finditer(r"(?<=[\u4e00-\u9fff]{2})(?:" + ends + ")", evidence):
        # The two characters before the kind name it ("永州职业技术学院", "周城村"), unless they are a generic
        # modifier ("本地银行") or follow a count ("一家文旅企业", "38家重点企业").
        word, before = evidence[m.start() - 2:m.start()], evidence[max(0, m.start() - 4):m.start() - 2]
        counted = re.search(r"[家个所座批类]$", before)  # "38家", "一家": the count's counter ends the two before
        if not _NOT_A_NAME.match(word) and not _FUNCTION_CHAR.search(word) and not counted \
                and not _kind_phrase(evidence[:m.start()]):
            return True
    # A list near the kind's word ("第十四小学、第十五小学和龙泉中学3所新建学校"), or anywhere when the text lists
    # the members without the word.
    spots = [m.span() for m in re.finditer(ends, evidence)]
    if not spots:
        return bool(_NAMES_LISTED.search(evidence))
    # The list is the kind's own: it ends right before the kind's word ("A、B和C3所新建学校") or opens right after it
    # ("企业：A、B", "单位包括A、B"), in the same clause. A list of other things nearby ("登记不全、加油卡管理混乱")
    # names no member.
    return any(re.search(_NAMES_LISTED.pattern + r"[^，,。；;]{0,8}$", evidence[max(0, i - 40):i])
               or re.match(r"[^，,。；;]{0,8}?(?:[：:（(]|包括|分别是|分别为|为|是|有)[^。；;]{0,6}?" + _NAMES_LISTED.pattern,
                           evidence[j:j + 48]) for i, j in spots)


def _kind_phrase(before: str) -> bool:
    """The words right before a kind's word, back to a particle or a stop, make it a kind, not a name: a generic
    modifier opens them ("委托具有资质的第三方检测机构") or a count stands in them ("18家机关企事业单位")."""
    j = len(before)
    while j > 0 and len(before) - j < 8 and re.match(r"[\u4e00-\u9fff\d]", before[j - 1]) \
            and not _FUNCTION_CHAR.match(before[j - 1]):
        j -= 1
    phrase = before[j:]
    return bool(_NOT_A_NAME.match(phrase) or _COUNT_IN.search(phrase))


_COUNT_IN = re.compile(r"[\d一二两三四五六七八九十百千几多]+[家个所座批类处]")
_FUNCTION_CHAR = re.compile(r"[与和及同跟在到从向对把被由让给为是的了后前里中上下]")  # "把小区…": no name's part
_NAMES_LISTED = re.compile(r"[\u4e00-\u9fff“”《》\d]{2,20}[、][\u4e00-\u9fff“”《》\d]{2,20}")


def members_missing(question: str, evidence: str) -> bool:
    """The question asks which items make up a counted list the evidence only names, without listing them."""
    kind = asked_kind(question)
    if kind in _BODY_KINDS and "person" in asks_for(question):
        kind = ""  # "出自哪个单位的文件", "由哪个部门牵头": who did it, which the checks of a person's ask judge
    if kind:
        which = _WHICH_NAMED.search(question)
        mod = which.group("mod") if which and len(which.group("mod")) >= 2 else ""
        if mod and mod in evidence:
            # "哪家检测机构" over "会同县甲局、县乙中心…，委托第三方检测机构采样": the clauses that speak of 检测 are
            # where its name would stand; bodies named elsewhere in the passage are others.
            evidence = "，".join(x for x in re.split(r"[，,。；;！？!?]", evidence) if mod in x)
        return not _names_of_kind(kind, evidence, _MEMBER_KINDS)
    if not _MEMBERS_Q.search(question):
        return False
    for m in _COUNTED.finditer(question):
        head = m.group(0)[:6]
        noun = re.sub(r"^[“\"]?[\d+一二三四五六七八九十两百]+[”\"]?(大|个|条|项|类|种|样|家|座|所)?", "", m.group(0))
        i = evidence.find(head[: max(2, len(head) - 2)])
        if i < 0 and len(noun) >= 2:
            i = evidence.find(noun[:3])  # "线路15条": the count may follow the noun
        if i < 0:
            continue
        # The members stand in the same sentence as the list's name, before it ("从A、B、C三个方面") or after it
        # ("三大任务：A、B、C"): an enumeration or a colon.
        start = max(evidence.rfind(p, 0, i) for p in "。；;！？") + 1
        sentence, *rest = re.split(r"[。；;！？]", evidence[start:], maxsplit=2)
        if rest and _GOES_ON.match(rest[0]):
            sentence += "。" + rest[0]
        if not _ENUMERATION.search(sentence) and not _POINTS_SET_OUT.search(sentence):
            return True
    return False


# Measure words a count is asked in ("多少户", "几家", "好多辆"): the answer's number must count the same
# things. A closed class of counters; 个, 年, 元 are left out (any thing, a year or a date, money has its own
# check).
_MEASURES = ("户", "人", "家", "辆", "次", "天", "公里", "千米", "亩", "栋", "台", "所", "座", "条", "项", "名", "位",
             "批", "吨", "平方米", "万人", "人次", "场", "列", "口", "处", "套", "间", "张", "份", "架", "艘", "棵",
             "件", "宗", "例", "起", "毫米", "厘米", "米", "趟", "班次", "公顷", "平方公里", "立方米", "千瓦", "兆瓦")
# After 个 the counter is already said: "多少个项目" counts 项目 (the 项 is its noun's), "几个人" counts people.
# "那几天", "这几个": a demonstrative before 几 points, it does not ask.
_ASKED_MEASURE = re.compile(r"(?:多少|(?<![哪好那这])几|好多)(?:(" + "|".join(sorted(_MEASURES, key=len, reverse=True))
                            + r")|个(人))")
# Counters of things counted one by one: the general classifier 个 counts them too ("开办工作室60个" answers "开几家",
# "一共7个人" answers "几个人"); not measures of size, time or events (亩, 天, 次).
_BY_THE_PIECE = ("户", "人", "家", "辆", "栋", "台", "所", "座", "条", "项", "名", "位", "列", "口", "处", "套", "间",
                 "张", "份", "架", "艘", "棵", "件", "宗", "例", "起", "批")
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:多|余)?(?:万|亿)?"


# A size asked for by its dimension, with no counter ("多大面积", "有多远"): the units that measure it.
_ASKED_DIMENSION = ((re.compile(r"多大(?:的)?面积|面积(?:有|是)?多(?:大|少)|多少面积|占地多(?:大|少)"), "平方米"),
                    (re.compile(r"(?<![好])多远|多长的?距离"), "公里"))


def counts_a_list(counter: str) -> bool:
    """The counter counts a list's points ("几项", "几条", "几点"), not things a figure counts."""
    return counter in _LISTED


def _word_at(text: str, at: int) -> str:
    """The word of the text (as jieba cuts it) that starts at the position, or ""."""
    pos = 0
    for w in _posseg().dt.tokenizer.lcut(text):
        if pos == at:
            return w
        if pos > at:
            break
        pos += len(w)
    return ""


def _counted_by_ge(question: str, unit: str, evidence: str) -> bool:
    """The evidence counts the asked things with the general classifier: "一共7个人" (个 before the asked counter's
    own word), or "开办“大师工作室”60个。" (个 closing a clause counts the noun before the number, which must share
    words with the question: "新增学位3000个" counts no 床位)."""
    if re.search(_NUMBER + "个" + re.escape(unit), evidence):
        return True
    for m in re.finditer(r"([\u4e00-\u9fff“”]{2,8})" + _NUMBER + r"个(?![\u4e00-\u9fff])", evidence):
        noun = re.sub(r"[“”]", "", m.group(1))[-6:]
        if any(noun[i:i + 2] in question for i in range(len(noun) - 1)):
            return True
    return False


@lru_cache(maxsize=4096)  # one question is checked against each candidate passage: its counter is read once
def _asked_measure(question: str) -> str:
    """The counter a question asks its number in ("多少户", "几趟", "多大面积" → 平方米), or ""."""
    m = next((m for m in _ASKED_MEASURE.finditer(question) if not m.group(2) or _word_at(question, m.start(2)) in ("人", "")),
             None)  # "多少个人工增雨作业点" counts 作业点: 人 begins the word 人工
    return (m.group(1) or m.group(2)) if m else next((u for rx, u in _ASKED_DIMENSION if rx.search(question)), "")


def missing_measure(question: str, evidence: str) -> str:
    """The counter a question asks its number in ("多少户", "几趟", "多大面积") when the evidence counts nothing in
    it, else ""."""
    unit = _asked_measure(question)
    if not unit:
        return ""
    counters = _SAME_COUNT.get(unit, (unit,))
    if re.search(_NUMBER + "(?:" + "|".join(map(re.escape, counters)) + ")", evidence):
        return ""
    if unit in _BY_THE_PIECE and _counted_by_ge(question, unit, evidence):
        return ""
    if unit in _COUNTS_OF_BEINGS and _BARE_MYRIAD.search(evidence):
        return ""  # "注册用户达12.6万": a count in 万 often drops its counter
    if unit in _LISTED and _ENUMERATED.search(evidence):
        return ""  # "分了几条": the evidence counts its points itself ("一是…二是…")
    return unit


# Counts of people or households in 万 / 亿 without a counter ("注册用户达12.6万。").
_COUNTS_OF_BEINGS = ("人", "户", "家", "名", "位", "人次")
_BARE_MYRIAD = re.compile(r"\d+(?:\.\d+)?(?:多|余)?[万亿](?![\u4e00-\u9fff])")
# Points counted by the text's own enumeration ("一是…二是…", "一要…二要…", "第一…第二…").
_LISTED = ("条", "项", "点")
_ENUMERATED = re.compile(r"[一二三四五六七八九十](?:是|要|在于)|第[一二三四五六七八九十]")


# A rate the asked figure is per ("每人最多领多少", "每个月能抵扣多少钱"): a total or a figure per something else does not
# answer it. The units are a closed class (people, households, periods, areas, items).
_PER = re.compile(r"每(?:一)?(个月|个人|平方米|立方米|公里|季度|学期|年度|人次|人|户|年|月|天|日|周|亩|家|所|班|次|套|辆|吨|个|位|名|台|张|间|床)")
# Ways a passage says "per unit": 每人, 人均 / 户均 / 年均, 元/人.
_PER_SAME = {"个人": ("人",), "人次": ("人次", "人"), "个月": ("月",), "年度": ("年",), "日": ("天", "日"), "天": ("天", "日")}


def missing_rate(question: str, evidence: str) -> str:
    """The per-unit a question's figure is asked in ("每人") when the evidence gives no figure per that unit, else ""."""
    m = _PER.search(question)
    if not m:
        return ""
    units = _PER_SAME.get(m.group(1), (m.group(1),))
    said = any(re.search(f"每(?:一)?{u}|{u}均|{u}平均|[/／]{u}", evidence) for u in units)
    if not said and "年" in units and len(set(re.findall(r"20\d\d年", evidence))) >= 2:
        said = True  # "每年累计要到多少": a figure for each of the years named ("到2025年底…；到2026年底…")
    return "" if said else m.group(0)


# "第二轮抽检什么时候开始?": a numbered round, batch or session is a constraint the evidence must share.
# A session is numbered by term and sitting ("七届九次全会", "十五届三次会议").
_NUMBERED = re.compile(r"第([一二三四五六七八九十\d]+)(轮|批|期|届|阶段|季度)|[一二三四五六七八九十\d]+届[一二三四五六七八九十\d]+次")


def missing_numbered(question: str, evidence: str) -> str:
    """A numbered round or batch the question asks about ("第二轮") that the evidence never names, else ""."""
    m = _NUMBERED.search(question)
    return m.group(0) if m and m.group(0) not in evidence else ""


# A question about the present ("现在有多少", "目前已经建成了几个") is not answered by a target for a later year.
_NOW_Q = re.compile(r"现在|目前|现有|已经|如今|截至目前|眼下")
_TARGET = re.compile(r"到20\d\d年|20\d\d年(?:底|前)|力争|计划|预计|目标|将")
_PRESENT = re.compile(r"已|目前|现有|截至|累计|共有")


def target_only(question: str, evidence: str) -> bool:
    """The question asks how things stand now and every figure of the evidence is a target or plan."""
    if not _NOW_Q.search(question):
        return False
    with_figures = [x for x in re.split(r"(?<=[。；;！？])", evidence) if re.search(r"\d", x)]
    return bool(with_figures) and all(_TARGET.search(x) and not _PRESENT.search(x) for x in with_figures)


# Each "多少" / "几" of a question asks for a figure ("市级出了多少，争取了多少?", "分别建了多少?"): a passage with
# fewer figures than that answers only part of it. Dates and ordinals are no figures.
# "几" asks only where its phrase ends the clause ("有几个?"); "前几年", "几种补贴都…" say "a few".
_ASKED_FIGURE = re.compile(r"多少|好多|(?<![哪第])几[个位名家项条所座次天年人种]?(?=[?？，,。！!]|$)")
# A figure is not a date: "2025年", "10月", "21日" are excluded, but a short count of years ("连续安排5年") is one.
_FIGURE = re.compile(r"(?<![第\d.])(?:\d{1,2}(?=年)|\d+(?:\.\d+)?(?![\d.]*\s*[年月日号时]))")


def marked_questions(question: str) -> str:
    """The sentences a message closes with "?", where it has any: "老板说多少钱就是多少钱。" around them tells, it does
    not ask."""
    sentences = re.findall(r"[^。.!！?？]+[。.!！?？]*", question)
    # A last sentence left open ("…签的合同？煤矿叫啥名字") asks too: people drop the final "?".
    asked = [s for i, s in enumerate(sentences) if s.rstrip().endswith(("?", "？"))
             or i == len(sentences) - 1 and not s.rstrip().endswith(("。", ".", "!", "！"))]
    return "".join(asked) or question


def too_few_figures(question: str, evidence: str) -> bool:
    """The question asks for more figures than the evidence gives (two asked, or one asked for each of two)."""
    asked = len(_ASKED_FIGURE.findall(question))
    if "分别" in question and asked == 1:
        asked = 2
    return asked >= 2 and len(set(_FIGURE.findall(evidence))) < asked


# Counters that count the same things: people are counted as 人, 名 or 位; days also in working days
# ("15个工作日", "30日内"; a bare 日 is a date); businesses in households ("1200户"); events in times or trips
# ("巡回120场" / "120次" / "120趟").
_SAME_COUNT = {"人": ("人", "名", "位", "人次"), "名": ("名", "人", "位"), "位": ("位", "名", "人"),
               "天": ("天", "工作日", "个工作日", "日内"), "家": ("家", "户", "所"), "场": ("场", "次", "趟", "场次"),
               "条": ("条", "项", "个方面", "件"), "项": ("项", "条", "件"), "件": ("件", "条", "项"),
               "台": ("台", "辆", "部"), "辆": ("辆", "台", "部"),  # vehicles and machines
               "公里": ("公里", "千米", "米", "分钟", "小时"), "千米": ("千米", "公里", "米"),
               "米": ("米", "公里", "千米"), "毫米": ("毫米",), "厘米": ("厘米", "公分"),
               "平方米": ("平方米", "平米", "㎡", "亩", "公顷", "平方公里"), "亩": ("亩", "公顷", "平方米", "平米"),
               "公顷": ("公顷", "亩", "平方公里"), "趟": ("趟", "班", "班次", "列", "对", "次", "遍", "辆次", "车次", "趟次"),
               "班次": ("班次", "班", "趟", "列"), "千瓦": ("千瓦", "兆瓦", "瓦"), "兆瓦": ("兆瓦", "千瓦", "万千瓦"),
               "处": ("处", "个"), "座": ("座", "个"), "所": ("所", "个"), "棵": ("棵", "株")}



def home_places(documents) -> frozenset[str]:
    """The places the documents are from: those their outlet, title and header lines name, bare and with their
    level ("天门", "天门市"). A title that writes only "市…" is that place's post."""
    out: set[str] = set()
    for doc in documents:
        head = " ".join([doc.meta.outlet or "", doc.meta.title or "", *doc.meta.lines])
        for p in places(head):
            core = core_place(p)
            if len(core) >= 2:
                out |= {core, p}
    return frozenset(out)


def shared_home(documents) -> frozenset[str]:
    """The places that every document is from (home_places of each, in common); none for an empty corpus."""
    homes = [home_places([d]) for d in documents]
    return frozenset.intersection(*homes) if homes else frozenset()


# "用的是防腐木还是塑木?": two options offered, the second after 还是, up to a particle or the clause's end.
_CHOICE = re.compile(r"([\u4e00-\u9fff]{1,8})还是([\u4e00-\u9fff]{1,8}?)(?:呢|吗|啊|呀|嘛|哦)?(?=[？?，,。！!\s]|$)")


@lru_cache(maxsize=4096)
def _options(question: str) -> tuple[str, str] | None:
    """The two things a question offers to choose between, when both are nouns ("防腐木还是塑木", not "免费的还是收费的",
    which a passage may answer in other words): the word before 还是 and the one after it, by jieba's cut."""
    m = _CHOICE.search(question)
    if m is None:
        return None
    before, after = list(_posseg().cut(m.group(1))), list(_posseg().cut(m.group(2)))
    if not before or not after:
        return None
    a, b = before[-1], after[-1] if len(after) == 1 else None
    if b is None or len(a.word) < 2 or len(b.word) < 2:
        return None
    if not (a.flag.startswith("n") and b.flag.startswith("n")) or a.flag.startswith(("nr", "ns")):
        return None
    return a.word, b.word


def unheld_choice(question: str, text: str) -> str:
    """The choice a question offers ("防腐木还是塑木") when the passage names neither option (nor a two-character part
    of one), else "": a passage on the topic that names neither does not say which."""
    options = _options(question)
    if options is None:
        return ""
    if any(o[k:k + 2] in text for o in options for k in range(len(o) - 1)):
        return ""
    return f"是{options[0]}还是{options[1]}"
