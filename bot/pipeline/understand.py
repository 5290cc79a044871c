"""Understand a question: its kind, the people and titles it names, its language, injected orders."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

import functools
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from index.ingest.dialogue import DISTRIBUTION_LINE, ISSUER_LINE
from index.ingest.lexicon import SPEECH_VERBS, TITLE_ALTERNATION, TITLE_SUFFIXES
from index.models import DocumentMeta, Person
from index.search.tokenize import person_names, word_frequency

from bot.pipeline import aside as aside_mod, headed_lists
from bot.pipeline import delex
from bot.pipeline import scope as scope_mod
from bot.pipeline import entrants as entrants_mod
from bot.pipeline import slots as slots_mod
from bot.pipeline.genres import ENTRY_NOUNS, KINDS_RX, REPORT_KINDS_RX
from bot.pipeline.outline import (CALLER_ORDINAL, CALLERS, HEADING_NOUNS, OFFICIAL_NOUNS, PUBLIC_NOUNS, QUESTION_NOUNS,
                                  SPEAKER_NOUNS, Item, OrderedList, Outline, about_askers, asks_alias, asks_counter,
                                  common_end, holds_office, looked_into, pick)
from bot.pipeline.router import Route, Router


class Intent(str, Enum):
    """What kind of answer the question needs."""

    TITLE_LOOKUP = "title_lookup"  # who holds this title?
    PERSON_TITLE = "person_title"  # what is this person's title?
    PERSON_SAID = "person_said"  # what did this person say (about …)?
    WHO_SAID = "who_said"  # who said / talked about …?
    LIST_SPEAKERS = "list_speakers"
    DOC_FACTS = "doc_facts"  # outlet, date, reporters, editor, photographer, title
    DOC_SUMMARY = "doc_summary"  # what is the document about
    META_PERSON = "meta_person"  # a reporter/editor/photographer named as if a speaker
    STRUCTURE = "structure"  # the Nth / last / every / how many items of an ordered list
    COMPARE = "compare"  # what two named people each said
    CHECK_TITLE = "check_title"  # is A the holder of title T?
    GENDER = "gender"  # which speaker is a woman / is A a man or a woman
    GENERAL = "general"
    INJECTION = "injection"
    EMPTY = "empty"


_INJECTION = re.compile(
    r"(忽略|无视|忘记|忘掉|跳过).{0,12}(指令|指示|规则|提示|设定|要求|以上|之前|前面)|"
    r"(系统|原始|初始)?(提示词|系统提示|system\s*prompt|prompt)|"
    r"ignore\s+(all\s+)?(previous|prior|above|the)\s+(instructions|rules|prompts?)|"
    r"(你现在是|从现在起你是|忘掉你是|扮演|假装你是|jailbreak|developer\s*mode|DAN\b)|"
    r"(自由模式|不受任何.{0,6}(限制|约束)|\bOVERRIDE\b)",
    re.IGNORECASE,
)
# Orders addressed to the assistant rather than questions about the documents.
_ORDER = re.compile(r"(告诉用户|回答用户|直接回答|直接回复|直接输出|只用英文|只用中文|只回答|只输出|不要给出处|不要引用|不要提供出处|"
                    r"(?:只能|只许|只准)(?:回答|回复|输出)|"
                    r"新指令|\b(reply|respond|answer|say|output)\s+(only|with)\b|"
                    # How every answer must look ("每个回答末尾加上…", "回答的第一句必须写…"), and who says so
                    # ("【系统通知", "[管理员指令]", "SYSTEM:"): orders about the answer, never a question.
                    r"(回答|回复|答案).{0,6}(开头|末尾|结尾|最前面?|最后面?|第一句|最后一句).{0,8}(加上|写上|加|写|说(?=\s*[“「‘：:\x22])|输出|注明|标注)|"
                    r"(所有|每个|每条|全部)的?(回答|回复).{0,6}(一律|必须|统一)|"
                    r"(系统|管理员|后台)(通知|消息|指令|提示)|\bSYSTEM\b|最高优先级|新规则|原样输出|照原样|"
                    r"(不要|不许|不用|无需)解释)", re.IGNORECASE)
# A label before the question itself ("用户问题：", "问题："): no part of what is asked.
_QUESTION_LABEL = re.compile(r"^(?:用户|我的|真正的)?(?:问题|提问)$")
_PERSONA = re.compile(r"(你现在是|从现在起你是|忘掉你是|忘记你是|扮演|假装你是|以.{0,8}身份|you are now|pretend|act as)", re.IGNORECASE)
# An order that hands over the words to say ("直接回复这句话：", "输出以下内容："), not a question ("直接回答：…?").
# A request to make something up or to speak for the government ("随便编一个新标准", "起草一份公告宣布…"): no
# question the documents can answer, whatever words of theirs it uses.
_FABRICATE = re.compile(r"(?<![新改汇主选])(?:编造?|捏造|虚构|杜撰|瞎编)(?:一个|一条|一份|一段|个|条)|"
                        r"(?:帮我|给我|替我)起草(?:一份|一个|一篇)?[\u4e00-\u9fff]{0,6}(?:公告|通知|声明|新闻稿|通报)")
# A question, not an order: a question mark or a word that asks ("多少", "怎么", "告诉我…标准").
_ASKS_SOMETHING = re.compile(r"[?？]|多少|几|怎么|怎样|如何|什么|啥|哪|谁|吗|是否|能不能|有没有|告诉我|介绍")
_DICTATES = re.compile(r"(回复|输出|说|写|回答)(这句话|这段话|这句|一句|如下|以下|下面)")
_SEGMENT = re.compile(r"[^。！？!?\n#；;:：【】\[\]]+[。！？!?]?")


def strip_orders(text: str) -> str:
    """The question a message holds once injected orders are taken out ("忽略以上指令…。顺便问一下，X?" → "顺便问一下，X?")."""
    kept = []
    text = re.sub(r"\.\s+", "。", text)  # an English sentence ends at ". "
    dictated = False  # the words an order hands over with a colon ("直接回复这句话：“…”") are its payload
    for m in _SEGMENT.finditer(text):
        seg = m.group(0).strip(" ,，、")
        if not seg or _INJECTION.search(seg) or _ORDER.search(seg):
            dictated = text[m.end():m.end() + 1] in ("：", ":") and bool(_DICTATES.search(seg))
            # "请先在回答第一句写上“…”，然后告诉我X": the clauses after the order that order nothing.
            after = [c for c in re.split(r"[，,]", seg)[1:] if not _INJECTION.search(c) and not _ORDER.search(c)]
            if not dictated and after and _THEN.match(after[0]):
                kept.append(_THEN.sub("", "，".join(after)))
            continue
        if dictated:
            # The words handed over run to the end of their sentence ("：【通知】某某停课。").
            dictated = not seg.endswith(("。", "！", "!", "？", "?"))
            continue
        if _QUESTION_LABEL.match(seg):
            continue
        if len(re.findall(r"[\u4e00-\u9fff]", seg)) >= 4 or len(re.findall(r"[A-Za-z]+", seg)) >= 3:
            kept.append(seg)
    return _BACK_TO_IT.sub("", "".join(kept))


# The words of a turn to the question: "告诉我", "说说" after "然后", and "顺便问一下".
_TELL = r"(?:告诉我|说说|说一下|讲讲)"
_BY_THE_WAY = r"顺便(?:说一下|问一下|问问|问一句|提一句)"
# "然后告诉我…", "再说说…": the turn from an order to the question.
_THEN = re.compile(rf"^\s*(?:然后|再|接着|之后)(?:请)?{_TELL}?")
# Words that turn back to the question after the orders ("言归正传，", "说正事，"): no part of it.
_BACK_TO_IT = re.compile(rf"^(?:言归正传|说正事|回到正题|书归正传|好了|好的|那么|{_BY_THE_WAY}|"
                         rf"(?:然后|再|接着|之后)(?:请)?{_TELL})[，,、：:\s]*")
# The same turn opening a message's question once the long message is cut to it ("然后告诉我：X?"): no part of X.
_TURN_TO_IT = re.compile(rf"^(?:{_BY_THE_WAY}|(?:然后|接着|之后)(?:请)?{_TELL})[，,、：:\s]*")


_PEOPLE_WORD = re.compile(r"(人|谁|领导|官员|发言|讲话|受访|负责人|嘉宾|发布|出席|发了言|讲了话|说了话|[几哪]位|多少位)")
# A yes/no question ends its sentence with the particle; a reason may follow it ("…副局长吧？我写稿子要核一下").
_YES_NO = re.compile(r"(吗|是不是|是否|对吧|对不对|没错吧|不是.{1,12}吧|是.{1,20}吧|是.{1,20}[^\u4e00-\u9fff]?不)(?:[?？!！。]*\s*$|[?？]+)"
                     r"|是不是|是否")
_ASKS_WHO = re.compile(r"(谁|哪位|哪一位|哪个人|叫什么|叫啥|名字|姓名|何人)")
# After the post of a copula question, only a particle may follow: "张三是甲局的副局长吧?", "…的村主任?" (asked by
# intonation alone), "…局的吗?"; anything else ("…副局长说了啥?") asks something of its own.
_CHECK_TAIL = re.compile(r"(?:的)?(?:吗|吧|嘛|不|没|么|对吧|对不对|是吧|是不是|没错吧)?\s*[?？]*[!！。]*\s*$")
# A word that asks (what, which, who, how many, how): a post or a claim written with one is asked for, not checked
# ("张三是哪个局的?", "农村是怎么搞的").
ASKING_WORDS = re.compile(r"怎么|怎样|什么|啥|哪|多少|几|如何|咋|谁")
# The copula, perhaps negated or hedged ("是不是", "不是", "应该是"), right after the name.
_COPULA = re.compile(r"(?:应该|就|真的|确实|不)?是(?:不是)?(?:那个|个)?")


def copula_post(text: str, name: str) -> str:
    """The post in a question of the form "NAME 是 POST?" (a yes/no check of a post), else ""."""
    i = text.find(name)
    m = _COPULA.match(text, i + len(name)) if i >= 0 else None
    if m is None:
        return ""
    rest = text[m.end():]
    tail = _CHECK_TAIL.search(rest)
    post = rest[:tail.start()] if tail and tail.start() >= 2 else ""
    return "" if ASKING_WORDS.search(post) else post  # "张三是哪个局的?" asks the post, it checks none


def copula_check(text: str, name: str, phrase: str) -> bool:
    """The question is "NAME 是 POST?" and its post holds the phrase: a yes/no check, whatever the router heard."""
    return bool(phrase) and phrase in copula_post(text, name)


def copula_subject(text: str) -> str:
    """What the question writes before its first 是 (the one a copula check is about), or ""."""
    return text[:text.find("是")].strip() if "是" in text else ""


# "什么" and its dialect forms ("啥", "啥子") ask alike: "是个啥官" is "是个什么官".
_WHAT = r"(?:什么|啥子?)"
ASKS_TITLE = re.compile(rf"(职务|职位|身份|头衔|{_WHAT}职|哪个单位|哪个部门|{_WHAT}单位|{_WHAT}部门|哪里工作|"
                         rf"(?:干|做|搞){_WHAT}的|干嘛的|{_WHAT}人|是谁|哪个局|哪个委|哪个区|哪个县|担任|{_WHAT}官)")
_SAID = re.compile(r"(说|表示|认为|谈|提到|提出|介绍|观点|看法|怎么看|讲|发言|建议|主张|透露|指出|强调|看来|汇报|通报)")
# Every verb the documents' parser reads as speech ("承诺", "回应", "表态"…): after a post that names its holder, what
# that holder said is asked ("城管那个一把手在节目上承诺了啥?"), not who holds the post.
_SPOKE = re.compile("|".join(map(re.escape, SPEECH_VERBS)))
# Who was interviewed, a closed form: "采访的是谁", "专访了哪位", "受访者是谁", "访谈对象有哪些".
_INTERVIEWED = re.compile(r"(?:采访|专访|访谈|访问)(?:的|了)?(?:对象|嘉宾)?(?:是|有|都有)?(?:谁|哪位|哪几位|哪些人)"
                          # "这篇专访是哪位记者写的": who wrote it, not who was interviewed
                          r"(?![\u4e00-\u9fff]{0,2}(?:记者|作者|编辑|写|撰稿))"
                          r"|(?:受访者|受访人|受访嘉宾|访谈对象|采访对象|发布人|出席嘉宾|访谈嘉宾)(?:都|一共|总共)?(?:是|有)?"
                          r"(?:谁|哪位|哪几位|哪些)")
_THE_INTERVIEWEE = re.compile(r"受访者|受访人|受访嘉宾|访谈对象|采访对象|被采访|被访")
_QUOTES_OF = re.compile(r"引[了用述]?.{0,14}的话|说了话|说过话|接受.{0,4}采访|受访")
_GENERIC_SAID = re.compile(r"^(他|她)?(还|又|都|也|在文章中|在文中|在报道中|在会上)?(说|讲|谈|表示|介绍|提到)(了|过)?(些)?"
                           r"(什么|啥子|啥|哪些|哪样|么子|咩)(内容|话|观点)?(嘛|呢|哦|呀)?$")
_LIST_SPEAKERS = re.compile(r"(哪些|哪几位|哪几个|有谁|都有谁|几位|多少位|多少人|好多位|好多人|名单|列出|所有|分别)(.{0,6})(发言|发言人|官员|讲话|受访|人员|人|领导|负责人|嘉宾|发布人)|"
                            r"(发言人|发言的人|受访者|官员|嘉宾|发布人)(有哪些|都有谁|是哪些|有谁|名单)|"
                            # "上场的嘉宾一共几位?": the count after the people it counts.
                            r"(嘉宾|发布人|发言人)[^，,。？?]{0,6}?(几位|几个|多少位|多少人|哪几位|哪几个|都是谁|分别是谁)|"
                            # "说过话的人都有哪几个", "发了言的代表有哪些": people who took the floor, a relative
                            # clause before them and the count or the question after.
                            r"(?:发(?:了|过)?言|讲(?:了|过)?话|说(?:了|过)?话)的[^，,。？?]{0,8}?(?:人|领导|官员|负责人|干部|代表)"
                            r"[^，,。？?]{0,4}?(?:几位|几个|多少位|多少人|哪几位|哪几个|哪些|都是谁|分别是谁|有谁)")
# That someone spoke at all ("发了言", "作了汇报"): with "哪些部门的负责人", the list of those who spoke.
_TOOK_THE_FLOOR = re.compile(r"发(?:了|过)?言|讲(?:了|过)?话|说(?:了|过)?话|汇报|通报|表态|致辞|接受(?:了)?采访")
# Verbs that speak of someone, right before the person spoken of ("评价邓某", "表扬了邓某", "说起邓某").
_SPOKEN_OF = re.compile(r"(?:评价|表扬|称赞|夸奖|夸|点赞|批评|说起|谈起|提起|写)(?:了|过)?$")
_SUMMARY = re.compile(r"(主要内容|讲了什么|说了什么|讲的是什么|讲什么|大意|概要|摘要|主题|概括|总结一下|简介|讲些什么|主要讲)")
_PLURAL_WHO = re.compile(r"(哪些|哪几位|有谁|都有谁|哪几个)")
_DOC_REF = re.compile(r"(这篇|这条|这个|这期|这场|这份|那篇|那个|那份|那期|那场|该|本|此)(篇|条|个|期|场|份)?[\u4e00-\u9fff]{0,8}?(" + REPORT_KINDS_RX + r"|文|消息)|"
                      r"报道(的|是)|文章(的|是)")
# The verbs of a document coming out: published, broadcast, recorded, issued.
_PUBLISHED = re.compile(r"发布|发表|发的|播出|首播|播的|刊发|刊登|登的|印发|录制|录的|上线|发稿|落款|成文|讲的|作的")
_REPORTER = re.compile(r"(记者|作者|谁写的|撰稿|采写)")
_EDITOR = re.compile(r"(编辑|责编)")
_PHOTO = re.compile(r"(摄影|拍摄|照片|图片|配图|谁拍)")
_OUTLET = re.compile(r"(媒体|报纸|报社|来源|哪家|出处|刊登|发表在|公众号|(?:哪个|什么|啥)(?:网站|平台|账号)|哪个(?:单位|部门|机关)(?:印)?发|(?:印发|发文)(?:单位|机关)|谁(?:印)?发的)")
_NUMBER_Q = re.compile(r"(文号|发文字号|文件号|文件编号)")
_PAGE_Q = re.compile(r"(第几版|哪一版|哪个版|几版|版面)")
_WHEN = re.compile(r"(什么时候|啥时候|何时|哪天|日期|时间|" + slots_mod.DAY_NUMBER + r"|哪一天|几点)")
_VIEWS = re.compile(r"(浏览|阅读量|阅读数|点击量|多少人看|好多人看|看过)")
# Who presided over the meeting or press conference: "谁主持的", "主持人是哪个", "由谁主持".
_HOSTED = re.compile(r"主持")
# The host as the one who does something the question asks about: introduces, reads out, relays, asks.
_HOST_DID = re.compile(r"主持人?(?:开场|一开始|最后)?(?:介绍|念|读|转达|转述|提到|问)")
_TITLE_Q = re.compile(r"(标题|题目)")
# "是甲市委发的吧?", "是甲市人民政府印发的吗?": a yes/no check of who issued the document.
ISSUED_BY = re.compile(r"是(?P<who>[\u4e00-\u9fff]{2,16}?(?:市委|县委|区委|州委|人民政府|政府|办公室|办公厅|人大常委会|政协"
                       r"|局|委员会|委|中心|厅))"
                       r"(?:印发|发布|出台|制定|通过|下发|出|发)的[^，,。]{0,4}?(?:吗|吧|不|么|嘛|[?？])")
# A document's signature, where its issuer and date stand.
_SIGNED_OFF = re.compile(r"落款|署名")
# Whom a letter answers: "给谁的", "答复哪位代表", "谁提的建议", "提案人是谁".
_ADDRESSEE_Q = re.compile(r"给(?:谁|哪位|哪个)|(?:答复|回复|回)(?:的是)?(?:谁|哪位|哪个)|谁提的(?:建议|提案|意见)|"
                          r"(?:建议|提案)(?:是)?(?:谁|哪位)|(?:提案|建议|收信)人")
# Who gave a speech: "是谁讲的", "谁的讲话", "讲话人是谁".
_SPEECH_BY = re.compile(r"谁(?:讲|作|做|发表)的|谁的(?:讲话|发言)|讲话人|哪位领导(?:讲|作|做)的")
_ASKS_ISSUER = re.compile(r"谁|哪个|哪家|单位|部门|机关")
# The full name of the document (or of the event it records) asked for: "这个方案的全称叫啥?", "这个会的全称",
# "这个生孩子给补贴的文件全称叫什么" (what the document is about said before its kind).
_FULL_NAME = re.compile(r"(?:这个|这份|这篇|这场|这次|该|本)(?:[\u4e00-\u9fff]{1,10}?的)?(?:" + KINDS_RX + r"|会议|会|座谈会|推进会)"
                        r"(?:的)?(?:全称|全名|正式名称|完整(?:的)?(?:标题|名称|题目)|标题|题目)")  # not "这个决定的会议全称": the meeting's
_ENGLISH = re.compile(r"[A-Za-z]")
# Words that only shape a question; they say nothing about what is asked for.
QUESTION_WORDS = {
    "什么", "哪些", "哪个", "哪位", "哪", "谁", "是", "的", "了", "吗", "呢", "吧", "啊", "多少", "几", "几个",
    "怎么", "怎样", "如何", "为什么", "请问", "一下", "有", "有没有", "是不是", "要", "会", "能", "在", "和",
    "与", "及", "对", "把", "被", "这", "那", "这个", "那个", "他", "她", "它", "他们", "我", "你", "我们",
    "文中", "文章", "报道", "提到", "说", "讲", "哪里", "么", "呀", "还", "都", "也", "又", "个", "方",
    # Words that frame what kind of answer is wanted rather than what it is about.
    "打算", "计划", "举措", "新举措", "措施", "内容", "情况", "做法", "安排", "意思", "指", "含义", "具体",
    "主要", "现在", "目前", "如今", "领域", "包括", "包含", "哪几个", "几个方面", "怎么样", "有关", "关于",
    # Who-said frames: the passage may use any verb of speech, and names the person, not "an official".
    "官员", "人员", "人", "哪些人", "领导", "负责人", "发言人", "谈到", "提到", "提出", "谈", "发言", "介绍",
    "表示", "认为", "说过", "讲过", "谈及", "话题",
    # Colloquial question words (Sichuan and everyday speech): as much a question's frame as 什么.
    "啥", "啥子", "咋", "咋个", "咋样", "嘛", "哦", "呗", "些", "到底", "大概",
    "哪次", "哪一次", "第几", "第几届", "第几次", "几届", "几次", "这次", "那次", "哪年", "哪里", "哪儿", "什么样", "怎样的",
}


@dataclass
class Question:
    """A question after understanding: kind, language and the entities it names."""

    text: str
    intent: Intent
    english: bool = False
    person: Person | None = None
    title_phrase: str = ""  # the title words the question used ("市甲局局长")
    title_unmatched: bool = False  # a title was asked about that nobody in the corpus holds
    meta_role: str = ""  # reporter / editor / photographer / outlet / date / title
    meta_roles: list[str] = field(default_factory=list)
    generic_said: bool = False  # "what did X say" with no topic
    said_topic: bool = False  # a topic follows the verb of speech ("X说下一步要突出哪几个方面"): that part first
    plural: bool = False  # "which officials …": every matching speaker, not only the best
    roster: str = ""  # which speakers a count or list keeps: "deputy", "head", "official", "other" or "" (everyone)
    with_deputies: bool = False  # a post asked with its deputies ("局长、副局长一共几位"): the holders of both
    org: str = ""  # the body whose speakers a count or list keeps ("市甲局有几位领导发言")
    people: list[Person] = field(default_factory=list)  # everyone the question names, in order
    ordinal: slots_mod.Ordinal | None = None  # 第N个 / 最后一个 / 第（三）条
    nested: tuple[int, int] | None = None  # an ordinal inside an ordinal: "第四项里的第2条" → (4, 2)
    by_speakers: int | str | None = None  # parts picked by their speakers: a count, "most" or "fewest"
    outline_list: OrderedList | None = None  # the ordered list a structural question is about
    asks: set[str] = field(default_factory=set)  # when / where / number / person
    route: str = ""  # the router's label
    route_confidence: float = 0.0
    original: str = ""  # an English question routed by its Chinese terms (text): the question as asked
    # What a list of speakers sets aside ("除了主持人", "（副局长不算）"): the words, and the question without them.
    aside: aside_mod.Aside | None = None


def is_english(text: str) -> bool:
    """Mostly Latin letters and no Chinese characters."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    return han == 0 and len(_ENGLISH.findall(text)) >= 3


def _bigrams(s: str) -> list[str]:
    s = re.sub(r"[\s,，、。?？!！:：]", "", s)
    return [s[i:i + 2] for i in range(len(s) - 1)]


# Characters every organisation name shares; what is left ("交通", "林业") names the organisation.
_GENERIC_ORG = set("市县区省州镇乡村局委办部厅院会党组工的人政府那这个位些")
_ORG_ENDS = ("局", "委", "办", "厅", "院", "部", "会", "中心", "公司", "集团", "政府", "所", "站", "社")
# Organisations with proper names (a hospital, a company), unlike bureaus that people name loosely.
_INSTITUTION_ENDS = ("院", "中心", "公司", "集团", "所", "站", "社", "学校", "大学")
# A place below the city written with its level ("甲镇", "乙街道", "丙村"): its posts are that place's alone. (城镇,
# 农村, 乡村 are words of a field, as in a bureau's name.)
_UNIT_END = re.compile(r"(?:社区|街道|(?<!城)镇|(?<![城农])乡|(?<![农乡城])村)$")
# A body or a place named outright at the start of the words before a post ("市甲局分管招生的", "乙镇的"), also with a
# clause about the person between ("渔业局来答问的那个"); not one that says which part of the body ("民政局管养老那个科
# 的": the post is the section's).
_BODY_FIRST = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:局|委|办|厅|中心|公司|集团|院|所|站|街道|社区|(?<!城)镇|"
                         r"(?<![城农])乡|(?<![农乡城])村)(?=的|分管|主管|负责|$|(?![管分主负])[\u4e00-\u9fff]{1,8}?的)")
_ORG_GOES_ON = re.compile(r"[政委局办厅院部会]")
# Words for the head of an organisation, whatever its title: "一把手", "老大", "主要负责人", "正职".
HEAD_WORD = re.compile(r"一把手|老大|头儿|头头|主要负责人|主要领导|正职|掌门人|老板|老总|当家的|当家人")
_DEPUTY = re.compile(r"副|助理|调研员|巡视员|总师|秘书")
# Which of the speakers a count or a list keeps: deputies ("有几个是副职"), heads ("正职局长", "一把手"), or those
# holding a public office ("官员", "领导"; not the residents a reporter also quotes).
_ROSTER_DEPUTY = re.compile(r"副职|副手|副的")
ROSTER_OFFICIAL = re.compile(r"官员|领导(?!小组|班子|机制)|干部|政府(?:的|方面的?)?(?:部门|负责人|负责同志)|部门负责人")


# Everyone but the officials: "除了官员，还有哪些人", "官员以外", "不是官员的", "非官员".
_BESIDES = re.compile(r"(?:除了|除|不是|非)(?:这些|那些|几位)?(?:官员|领导|干部|当官的)|(?:官员|领导|干部)(?:以外|之外|外)")


# Words for people who hold no office, a closed class: a list of them is every speaker but the officials.
_ROSTER_PUBLIC = re.compile(r"老百姓|群众|居民|市民|村民|游客|商户|摊主|店主|经营户|商家|业主|家长|普通人|企业代表|企业家|"
                            r"当官的以外|不当官的")


def _public_speakers(text: str) -> bool:
    """The question counts or lists people who hold no office as speakers ("哪几个老百姓说了话", "引了哪些商户的
    话"), not as what was spoken of ("讲到了游客投诉", "局长讲，收了市民多少条意见")."""
    public = _ROSTER_PUBLIC.search(text)
    if not public:
        return False
    quoted = _QUOTES_OF.search(text)
    if quoted and quoted.start() <= public.start() < quoted.end():
        return True  # "引了哪几个老百姓的话": whose words were quoted
    took = _TOOK_THE_FLOOR.search(text)
    if took and re.fullmatch(r"的[\u4e00-\u9fff]{0,4}", text[took.end():public.start()]):
        return True  # "说了话的老百姓有哪些": the people the clause before them describes as speaking
    verb = _SAID.search(text)
    return verb is None or public.start() < verb.start()


# People asked for by their names being written, speaking or not: "出现了几个人的名字", "点名表扬了谁", "点到名字的
#干部", "署了名的". A closed class of phrases for naming; "有名有姓的发言人" asks for the named speakers.
NAMED_PEOPLE = re.compile(r"(?:出现|提到|点到|写到|写了|提及)(?:了|过)?(?:哪些|哪几|几)?(?:个|位)?(?:人|同志|干部|领导)?的?名字|"
                          # "提到教育局的人有哪几个": people mentioned (of a body), not people who spoke
                          r"(?:提到|提及|写到)(?:了|过)?(?:[\u4e00-\u9fff]{2,10}?的)?(?:人|干部|领导)(?:有|是)?(?:哪些|哪几|哪个|几)|"
                          r"(?:提到|提及|写到)(?:了|过)?(?:哪些|哪几|几)(?:个|位)?(?:人|干部|领导)|"
                          r"点(?:了|到|过)?(?:名字|名)(?:的|表扬|批评)|点名(?:表扬|批评)|署(?:了|过)?(?:个人)?(?:名字|名)")


def roster_of(text: str) -> str:
    """The kind of speaker a count or list of speakers is about: "deputy", "head", "official", "other" (everyone
    but the officials), "guest" (who is seated to answer, not the public or a commentator), "named" (everyone the
    documents name, speaking or not) or ""."""
    if NAMED_PEOPLE.search(text):
        return "named"
    if _BESIDES.search(text) or _public_speakers(text) and not ROSTER_OFFICIAL.search(text):
        return "other"
    if _ROSTER_DEPUTY.search(text):
        return "deputy"
    if HEAD_WORD.search(text):
        return "head"
    if ROSTER_OFFICIAL.search(text):
        return "official"
    # A programme's or a press conference's guests answer there; the public who put questions are no guests.
    return "guest" if _GUEST_WORD.search(text) else ""


_GUEST_WORD = re.compile(r"嘉宾|发布人")
ORG_WORD = re.compile(r"[\u4e00-\u9fff]{2,12}?(局|委员会|委|办公室|(?<![么咋何好难不])办|管委会|政府|公司|集团|中心|院|所|部|厅)(?=的|里|那|这|哪|来|是|有|在|对|说|讲|要|将|负责|领导|一把手|$|[?？,，。])")


# Parts of speech a title never holds (pronouns, numerals, prepositions, conjunctions, adverbs, particles,
# place words, measure words): "文中一共有几位局长" is about "局长", "甲市和乙区丙局" about "乙区丙局".
_NOT_IN_TITLE = ("r", "m", "p", "c", "d", "y", "e", "s", "q", "f")
# A demonstrative between an organisation and its title word is a loose way of naming the title
# ("发改委那个副主任"), not the start of a new phrase.
_DEMONSTRATIVE = re.compile(r"(的)?(那个|这个|那位|这位)")
# What may stand between a body's name and the word for its head ("住建局的那个一把手").
_POINTING = "的|那个|这个|那位|这位"


# A verb of being in charge before a field ("管交通那个局", "分管教育的副市长") says which body by its work; it
# is no part of the body's name ("管委会", "管理局" are).
_IN_CHARGE = re.compile(r"^(?:分管|主管|负责|管|抓|搞)(?![委理人])(?=[\u4e00-\u9fff]{2})")


def noun_phrase_tail(phrase: str) -> str:
    """The part of a title phrase after its last word that cannot belong to a title (jieba's parts of speech)."""
    phrase = _IN_CHARGE.sub("", _DEMONSTRATIVE.sub("", phrase))
    if len(phrase) <= 3:
        return phrase
    import jieba.posseg as posseg  # loaded at start by scope.warm_up; lazy for processes that never route

    words = list(posseg.cut(phrase))
    cut = max((i for i, w in enumerate(words) if w.flag.startswith(_NOT_IN_TITLE) and w.word not in ("、",)),
              default=-1)
    # "出席会议的副市长": a 的 after a verb closes a clause about the person, not part of their title.
    for i, w in enumerate(words):
        if w.word == "的" and i > cut and any(x.flag.startswith("v") or x.flag == "l" for x in words[cut + 1:i]) \
                and not words[i - 1].word.endswith(_ORG_ENDS):  # "市委某办的主任": the office's, whatever jieba tags
            cut = i
    return "".join(w.word for w in words[cut + 1:])


@functools.lru_cache(maxsize=1)
def renames() -> tuple[tuple[str, str], ...]:
    """Former names of government bodies and the words of their current ones (bot/data/org_renames.tsv)."""
    path = Path(__file__).resolve().parent.parent / "data" / "org_renames.tsv"
    rows = (line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return tuple(sorted(((a, b) for a, b in rows), key=lambda r: -len(r[0])))


# Words no body's proper name holds: besides a title's (above), verbs, adjectives and distinguishing words ("大医院",
# "上级医院" describe a kind of hospital), idioms and particles.
_NOT_IN_BODY = _NOT_IN_TITLE + ("v", "vd", "vg", "a", "ad", "b", "l", "i", "u", "z")
_SCOPE_FIRST = re.compile(r"^(?:市|县|区|省|州|旗|镇|乡)")


def body_named(phrase: str) -> str:
    """The organisation a phrase names by its proper name ("市气象局", "交通局"), or "" when the phrase only
    describes one ("管农业那个局", "城里大医院") or its last character belongs to a common word ("托儿所", "布局")."""
    if _DEMONSTRATIVE.search(phrase) or _IN_CHARGE.search(phrase):
        return ""  # a loose title names a body by its work or points at it: the title matcher's job
    import jieba.posseg as posseg  # loaded at start by scope.warm_up

    words = list(posseg.cut(phrase))
    cut = max((i for i, w in enumerate(words) if w.flag.startswith(_NOT_IN_BODY) and w.flag != "vn"), default=-1)
    words = words[cut + 1:]
    if not words:
        return ""
    name = "".join(w.word for w in words)
    last = words[-1]
    # A proper name: a level before it ("市…局"), a word the tagger knows as an organisation ("交通局"), or a bare
    # suffix after the field ("应急" + "局"). A common noun that merely ends in a suffix's character is none.
    bare_suffix = last.word in _ORG_ENDS and len(words) >= 2 and words[-2].flag.startswith(("n", "vn", "j"))
    return name if _SCOPE_FIRST.match(name) or last.flag == "nt" or bare_suffix else ""


def _same_body(org: str, title: str) -> bool:
    """The organisation as named ("人社局", "环保局") is the title's: its own characters in order, or those of its
    current name."""
    key = org_key(org)
    if in_order(key, title):
        return True
    return any(old in key and in_order(key.replace(old, new), title) for old, new in renames())


# A grassroots unit below the one a question names ("甲街道" → "甲街道乙社区党委书记"): its post is not the
# named unit's.
# ("城镇", "农村", "乡村" are words of a bureau's name, no unit.)
_LOWER_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:社区|街道|(?<!城)镇|(?<![农乡城])村)")


# The units a bureau has under it, by their kind word.
_UNIT_UNDER = re.compile(r"中心|科|处|所|站|大队|支队|中队|股|办公室")


def _lower_unit(key: str, title: str) -> bool:
    """The title names a unit of its own after the organisation the key names: it is that unit's post."""
    it = iter(enumerate(title))
    end = 0
    for ch in key:
        end = next((i for i, c in it if c == ch), len(title))
    rest = title[end + 1:]
    # "市城市管理局停车管理中心主任": a unit under the bureau the key names, after the bureau's own kind word.
    under = re.match(r"[^局委厅]*[局委厅](.+)$", rest)
    return bool(_LOWER_UNIT.search(rest)) or bool(under and _UNIT_UNDER.search(under.group(1)))


# A body named by its level of government: a city's party committee or government, not a unit under it.
_LEVEL_BODY = re.compile(r"[市县区州省](?:委|政府|人大|政协)")


def _home_post(org: str, home: str, title: str, role: str = "") -> bool:
    """The organisation is the documents' own city's (its name, then what is left): a title that writes only
    "市…" or names no body holds it ("天门常务副市长" → "市委常委、常务副市长")."""
    rest = org_key(org[len(home):].lstrip("市县区"))
    if re.match(r"[\u4e00-\u9fff]{2,}[市县区州省]", title):
        return False  # the title names a place of its own
    if not rest:
        return True
    # The body's kind ends the title's body too: "…中心的主任" is not "…中心某某管理部主任".
    tail = re.sub(r"(?:的|那个|这个)$", "", org)[-2:]
    part = next((x for x in re.split(r"[、,，]", title) if role and x.endswith(role)), title)
    return in_order(rest, title) and part[: len(part) - len(role)].endswith(tail)


def org_key(phrase: str) -> str:
    """The characters of an organisation phrase that tell it apart from other organisations."""
    return "".join(ch for ch in phrase if ch not in _GENERIC_ORG)


def plays_part(title: str, part: str) -> bool:
    """The title is a record's part, alone or beside a post or a unit ("审判长", "主席、某市委副书记", "正方一辩（来自
    某局）")."""
    return any(re.sub(r"[（(][^（）()]*[)）]$", "", piece) == part for piece in title.split("、"))


def holds_role(title: str, role: str) -> bool:
    """Some part of the title ("市甲局党组书记、局长") is that post; a head is not a deputy ("局长" never matches
    "副局长", nor the reverse)."""
    return any(part.endswith(role) and (role.startswith("副") or not part[: -len(role)].endswith("副"))
               for part in re.split(r"[、,，]", title))


# "提到了几位副局长": people counted by their post, after the verb, are still asked about by that post.
_COUNTED_POST = re.compile(r"(?:几|多少|哪几|哪些)[位个名]?[\u4e00-\u9fff]{0,3}$")
# "文中的“她”指的是谁", "用“她”来指的是哪位领导": who a pronoun of the text stands for.
PRONOUN_REFERENT = re.compile(r"[“\"「‘]?[她他][”\"」’]?(?:来)?(?:指的是|指的|是指|指)|"
                              r"[“\"「‘][她他][”\"」’](?:是|说的是|讲的是)(?:谁|哪位|哪个)")  # "那个“她”是谁"
# A verb of speech with its complement: what follows it is a topic ("讲到了游客", "提到了志愿者"), never a title.
_SPOKEN_ABOUT = re.compile(r"(?:讲|提|谈|说|聊)(?:到|起|及)了?")


def in_order(word: str, text: str) -> bool:
    """Every character of the word stands in the text, in the word's order ("交警" in "…交通警察支队…")."""
    it = iter(text)
    return all(ch in it for ch in word)


# The side a body's short form stands for ("住建那边", "人社这块"): it marks the short form as a body.
SIDE_WORDS = "那边|这边|那块|这块"
_SIDE_HEAD = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:" + SIDE_WORDS + r")(?:的|来的)?(?:那个|那位)?(" + HEAD_WORD.pattern
                        + r"|领导|负责人)")
# Meaning-level title matching ("管环保的局长" → 市环境保护局局长): the nearest title must be close and clearly
# nearer than the next one. Calibrated on the registries of bench/eval/qa: loose names of a bureau held by someone
# sit 0.021–0.063 above the runner-up; bureaus nobody holds (公安局, 财政局, 市长) at most 0.018 above.
TITLE_MEANING_MIN = 0.9
TITLE_MEANING_MARGIN = 0.02


# Levels of government and of settlement: every body of that level has them in its name.
_ADMIN_LEVELS = {"街道", "社区", "乡镇", "村委", "村委会", "居委会", "办事处", "政府", "人民政府", "党委", "镇政府"}


# After a head word, words that ask who holds the post: "一把手是哪个", "老大叫啥".
_ASKS_HEAD = re.compile(r"^(?:是|又是|到底是)?(?:谁|哪个|哪位|哪一位|叫什么|叫啥|叫哪个|姓什么|是哪个人)")


class TitleMatcher:
    """Finds the person whose title matches the title words of a question, loosely written or not."""

    def __init__(self, people: list[Person], embeddings=None, homes: Callable[[], frozenset[str]] = frozenset,
                 others: Callable[[], TitleMatcher] | None = None, parts: list[str] = ()):
        self.people = people
        # The people the text names with a post but who never speak, as a matcher of their own (read on first
        # need): a post nobody of `people` holds may still be theirs.
        self.others = others
        # The city (or county) the documents are about: "天门常务副市长" is the 常务副市长 of a text that writes "市".
        # Read on first need: finding places loads the part-of-speech tagger, which start-up should not wait for.
        self._homes_of = homes
        self._homes: frozenset[str] | None = None
        # The title words, and the parts a record's roster names ("审判长", "代理人"): posts of that document.
        self.parts = frozenset(parts)
        self.suffixes = sorted(set(TITLE_SUFFIXES) | self.parts, key=len, reverse=True)
        # "陶书记", "王局长": one character, then a title word (compiled once, not per question).
        self.surname_role = re.compile(r"([\u4e00-\u9fff])(" + "|".join(map(re.escape, self.suffixes)) + ")")
        self.embeddings = embeddings  # question embeddings, for titles named by meaning; None: by characters only
        self._titles: list[tuple[Person, str]] = [(p, t) for p in people for t in p.titles]
        self._vectors = None

    def warm(self) -> None:
        """Embed the registry's titles now (a question naming a post by its meaning would otherwise wait)."""
        if self.embeddings is not None and self._vectors is None and len(self._titles) >= 2:
            import numpy as np

            m = np.asarray([self.embeddings.embed_query(t) for _, t in self._titles], dtype=np.float32)
            self._vectors = m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)

    def by_meaning(self, phrase: str) -> Person | None:
        """The person whose title is nearest in meaning to a loosely named post, if clearly the nearest."""
        if self.embeddings is None or not phrase or len(self._titles) < 2:
            return None
        if not (self.role(phrase) or re.search(r"(局|委|部|办|厅)$", phrase)):
            return None  # "社区养老服务中心" names a place of service, not a post anyone holds
        from bot.pipeline.scope import places

        named_places = [p for p in places(phrase) if len(p) >= 2]
        import numpy as np

        self.warm()
        q = np.asarray(self.embeddings.embed_query(phrase), dtype=np.float32)
        sims = self._vectors @ (q / max(float(np.linalg.norm(q)), 1e-9))
        order = np.argsort(-sims)
        best, second = float(sims[order[0]]), float(sims[order[1]])
        person, title = self._titles[int(order[0])]
        if best < TITLE_MEANING_MIN or best - second < TITLE_MEANING_MARGIN:
            return None
        if any(re.sub(r"(市|县|区)$", "", p) not in title for p in named_places):
            return None  # "乙区甲局" is not the city's 甲局: a place the phrase names must be in the title
        role = self.role(phrase)
        if role and role not in _ANY_SPEAKER and not holds_role(title, role):
            return None  # the nearest title must hold the post asked about
        if HEAD_WORD.search(phrase) and _DEPUTY.search(title):
            return None  # "市场监管局的一把手" is its head, never the deputy nearest in meaning
        level = _LEVEL_BODY.search(phrase)
        if level and level.group(0) not in title:
            return None  # "某市委书记" is the city committee's, not a zone's "党工委书记"
        org = (phrase[: -len(role)] if role and phrase.endswith(role) else phrase).rstrip("的")
        org = _DEMONSTRATIVE.sub("", HEAD_WORD.sub("", org)).rstrip("的")
        if not org_key(org):
            return None  # "这个负责人", "那位局长": a post without a body names nobody in particular
        if org.endswith(("局", "委", "办")) and not _IN_CHARGE.match(org) and not _same_body(org, title):
            # A bureau named outright ("教育局") is that bureau, not the nearest in meaning ("体育局"); its
            # former name ("环保局" for 生态环境局) is still its name.
            return None
        if org.endswith(_INSTITUTION_ENDS) or _UNIT_END.search(org) and not _IN_CHARGE.match(org):
            # An institution named outright must be the title's: "乙县人民医院的院长" is not "甲市中心医院院长"
            # however near in meaning. Bureaus are not held to it: people call them by old or short names
            # ("环保局" for 生态环境局).
            for p in named_places:
                org = org.replace(p, "")
            key = org_key(org)
            if key and not in_order(key, title):
                return None
        return person

    def title_phrase(self, text: str, raw: bool = False) -> str:
        """The stretch of the question that reads as a title (ends with a title word) or an organisation.

        raw: as written, without trimming the words before it that a title cannot hold ("管环保的局长" keeps
        its "管环保的", which says which post by meaning)."""
        tail = (lambda p: p) if raw else noun_phrase_tail
        for m in re.finditer(r"[\u4e00-\u9fffA-Za-z0-9、]+", text):
            span = m.group(0)
            best = -1
            for suffix in self.suffixes:
                if suffix not in span:
                    continue  # most title words are absent: skip the regex (this loop runs per question)
                # "市民政局": a role word that starts an organisation's name is no title there.
                ends = [x.end() for x in re.finditer(re.escape(suffix), span) if not _ORG_GOES_ON.match(span, x.end())]
                if ends and (best < 0 or max(ends) > best):
                    best = max(ends)
            if best > 0 and _SPOKEN_ABOUT.search(span[:best]) and not _COUNTED_POST.search(span[:best]):
                best = -1  # "哪几位讲到了游客…", "提到了志愿者": what was spoken of, not a post
            if best > 0:
                phrase = span[:best]
                phrase = re.sub(r"^(谁是|请问|那|那么|而|是|问一下|想问|问问|听说|据说|听人说)", "", phrase)
                # "发改委那个女副主任": a word for the person's sex before the post is no part of the title.
                phrase = re.sub(r"(?:(?:那个|这个|那位|这位|那名|这名)(?:女|男)|(?<=[局委办厅部院所会司])(?:女|男))"
                                r"(?=(?:" + "|".join(self.suffixes) + r")$)", "", phrase)
                # "工作组组长是区长": the title is what follows the last 是.
                return tail(phrase.rsplit("是", 1)[-1] if "是" in phrase[1:] else phrase)
        m = ORG_WORD.search(text)
        if m:
            return tail(re.sub(r"^(谁是|请问|那|那么|而|是|问一下|想问|问问|这个|那个)", "", m.group(0)))
        m = _SIDE_HEAD.search(text)
        if m:
            # "人社那边的老大": a body named by its short form and the side it stands for, then its head.
            return f"{m.group(1)}的{m.group(2)}"
        return ""

    def by_domain(self, words: list[str]) -> Person | None:
        """The one person whose organisation holds a word of the question ("搞水务的那个领导" → 市水务局局长)."""
        found = {}
        for w in words:
            if len(w) < 2 or w in _ANY_SPEAKER or w in _ADMIN_LEVELS:
                continue  # "束河街道的哪个村": a level of government is no field of work
            for person in self.people:
                for title in person.titles:
                    role = next((s for s in self.suffixes if title.endswith(s)), "")
                    if w in title[: len(title) - len(role)] and org_key(w):
                        found[person.name] = person
        return next(iter(found.values())) if len(found) == 1 else None

    def by_terms(self, words: list[str]) -> Person | None:
        """The one person whose title holds a role among the words and shares the most of their other
        characters ("副局长 水 资源 局", a translated "deputy director of the water resources bureau" →
        市水利局副局长): the words are a translation, so the organisation is matched by its characters."""
        roles = [w for w in words if w in self.suffixes]
        chars = {c for w in words if w not in self.suffixes for c in w
                 if "\u4e00" <= c <= "\u9fff" and c not in _GENERIC_ORG_CHARS}
        if not roles or not chars:
            return None
        scored: dict[str, tuple[int, Person]] = {}
        for person in self.people:
            for title in person.titles:
                role = next((r for r in roles if holds_role(title, r)), "")
                if not role:
                    continue
                n = len(chars & set(title[: len(title) - len(role)]))
                if n and n > scored.get(person.name, (0, person))[0]:
                    scored[person.name] = (n, person)
        ranked = sorted(scored.values(), key=lambda x: -x[0])
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    @property
    def homes(self) -> frozenset[str]:
        """The documents' own places, found once."""
        if self._homes is None:
            self._homes = self._homes_of()
        return self._homes

    def role(self, phrase: str) -> str:
        """The title word a phrase ends with ("局长"), or empty for an organisation alone."""
        role = next((s for s in self.suffixes if phrase.endswith(s)), "")
        # A deputy's post is the post with 副 before it, listed or not ("副支队长" where only "支队长" is a title word).
        return f"副{role}" if role and not role.startswith("副") and phrase[: -len(role)].endswith("副") else role

    def candidates(self, phrase: str) -> list[tuple[Person, str]]:
        """Everyone (with the matching title) whose title clearly matches the phrase's organisation and role."""
        if not phrase:
            return []
        head = HEAD_WORD.search(phrase)
        if head:
            # "住建局的一把手": the organisation's people whose post is no deputy's.
            org = re.sub(f"(?:{_POINTING})+$", "", phrase[:head.start()])
            return [(p, t) for p, t in self.candidates(org) if not _DEPUTY.search(t)] if org else []
        role = self.role(phrase)
        org = phrase[: len(phrase) - len(role)] if role else phrase
        key = org_key(org)
        home: str | None = None  # the documents' own place the organisation opens with, looked up on first need
        # A body of a level ("市委", "区政府") is that level's, not a unit under it ("高新区党工委").
        level = _LEVEL_BODY.search(org)
        out = []
        for person in self.people:
            for t in person.titles:
                if role and not holds_role(t, role) or level and level.group(0) not in t:
                    continue
                if not key or in_order(key, t) and not _lower_unit(key, t):
                    out.append((person, t))
                    break
                if home is None:
                    home = next((h for h in sorted(self.homes, key=len, reverse=True) if org.startswith(h)), "")
                if home and _home_post(org, home, t, role):
                    out.append((person, t))
                    break
        return out

    def head_of(self, phrase: str) -> Person | None:
        """The one person of the phrase's organisation whose post is its head's (no 副, no adviser), else None."""
        found = [(p, title) for p, title in self.candidates(phrase) if not _DEPUTY.search(title)]
        heads = {p.name: p for p, _ in found}
        if len(heads) > 1:
            # "交通局的一把手" over the bureau's head and the head of a unit under it ("…执法大队大队长"): the one whose
            # title names a body of the kind the phrase names (a 局), its distinctive characters before it.
            kind = _BODY_KIND.search(phrase)
            own = {p.name: p for p, title in found
                   if kind and in_order(org_key(phrase[:kind.start()]) + kind.group(0), title)}
            heads = own if len(own) == 1 else heads
        return next(iter(heads.values())) if len(heads) == 1 else None

    def match(self, phrase: str) -> Person | None:
        """The one person the phrase names (organisation and role both match), else None. A record's part names its
        one player without any organisation ("审判长", "书记员")."""
        if phrase in self.parts:
            holders = {p.name: p for p in self.people for t in p.titles if plays_part(t, phrase)}
            return next(iter(holders.values())) if len(holders) == 1 else None
        if not phrase or not org_key(phrase[: len(phrase) - len(self.role(phrase))]):
            return None
        found = self.candidates(phrase)
        people = list(dict.fromkeys(p.name for p, _ in found))
        if len(people) == 1:
            return found[0][0]
        if len(people) > 1:
            # Several match loosely: the one whose title contains the phrase as written wins.
            exact = [p for p, t in found if phrase in t or phrase.lstrip("市县区") in t]
            return exact[0] if len({p.name for p in exact}) == 1 else None
        return None


# One official of a body, pointed at ("…的那位领导", "那个负责人"), before the question who it is.
_ONE_OF_BODY = re.compile(r"(?:那位|那个|这位)(?:领导|负责人|干部|同志)(?=是谁|是哪|叫啥|叫什么|姓)")
# The kind of body a phrase ends with ("交通局" → 局), a closed class of Chinese organisation words.
_BODY_KIND = re.compile(r"(?:局|委员会|委|办公室|办|管委会|政府|公司|集团|中心|院|所|部|厅|站|队)(?=[的那这]*$)")
# Two people set side by side: "各自", "分别", "两位", "俩", "有啥不一样", "区别".
COMPARE_CUE = re.compile(r"各自|分别|两位|两个人|两人|俩|不一样|不同|区别|差别|分工")
_AND = re.compile(r"和|跟|与|同|及|、")


def _by_posts(text: str, titles: TitleMatcher) -> list[Person]:
    """The two people a comparison names by their posts ("人社局的局长跟副局长", "水利局和应急局的两位"), each the
    one holder of that post; a post without its organisation takes the other's ("副局长" of "人社局"); [] unless
    both are found and differ."""
    first = re.split(r"[?？!！。，,]", text, maxsplit=1)[0]
    for m in _AND.finditer(first):
        left, right = titles.title_phrase(first[:m.start()]), titles.title_phrase(first[m.end():])
        if not left or not right:
            continue
        if not org_key(right[: len(right) - len(titles.role(right))]):
            right = left[: len(left) - len(titles.role(left))] + right
        two = [titles.match(x) or only_holder(x, titles) for x in (left, right)]
        if all(two) and two[0].name != two[1].name:
            return two
    return []


def _org_before(text: str, end: int) -> tuple[str, int]:
    """The words naming an organisation just before a head word, and where they start as written
    ("管交通那个局的一把手" → "交通局", 0)."""
    before = text[:end]
    # "交警那边来开会的头头": who came (to a meeting, to the site) says which of the body, not which body.
    came = re.search(rf"(?:{SIDE_WORDS})?(?:来|到|去)[\u4e00-\u9fff]{{1,8}}?的(?:{_POINTING})*$", before)
    if came and came.start() >= 2:
        before = before[:came.start()]
    m = re.search(r"[\u4e00-\u9fff]{2,14}$", re.sub(f"(?:{_POINTING}|里|里面)+$", "", before))
    if not m:
        return "", end
    lead = re.match(r"(?:请问|我想知道|想问一下|想问|问一下|那么|那)", m.group(0))
    start = m.start() + (lead.end() if lead else 0)
    return noun_phrase_tail(text[start:m.end()]), start


# A thing of a body asked for, not a person: the company that does something, an address, a street, a phone number.
_ASKS_THING = re.compile(r"哪(?:一)?(?:家|个|所)(?:公司|企业|银行|医院|学校|机构|厂)|地址|哪条(?:街|路)|门牌|电话|号码")
_NOT_WHO = {"when", "clock", "duration", "where", "number", "money", "share"}


def _asks_a_thing(text: str, asks: set[str]) -> bool:
    """The question asks for a time, place, figure or thing, and nowhere for a person or a name."""
    return "person" not in asks and not _ASKS_WHO.search(text) and (bool(asks & _NOT_WHO)
                                                                    or bool(_ASKS_THING.search(text)))


def _body_before_post(raw: str, phrase: str) -> str:
    """The body or place the question names outright before a post, when the trimmed title phrase lost it
    ("市甲局分管招生的副局长" → "市甲局"); "" otherwise."""
    if not raw or raw == phrase or not raw.endswith(phrase):
        return ""
    m = _BODY_FIRST.match(raw[: len(raw) - len(phrase)])
    if not m or _IN_CHARGE.match(m.group(0)) or not org_key(m.group(0)):
        return ""
    return m.group(0)


def only_holder(phrase: str, titles: TitleMatcher) -> Person | None:
    """The one person whose title fits the phrase loosely (an organisation alone, or a post alone), else None."""
    found = {p.name: p for p, _ in titles.candidates(phrase)}
    return next(iter(found.values())) if len(found) == 1 else None


def _find_person(text: str, people: list[Person]) -> Person | None:
    hits = [(text.find(p.name), p) for p in people if p.name and p.name in text]
    return min(hits, key=lambda h: h[0])[1] if hits else None


def _meta_names(meta: DocumentMeta) -> dict[str, str]:
    out = {n: "reporter" for n in meta.reporters}
    if meta.editor:
        out[meta.editor] = "editor"
    if meta.photographer:
        for n in re.split(r"[\s、,，]+", meta.photographer):
            if n:
                out[n] = "photographer"
    return out


def _people_in(text: str, people: list[Person]) -> list[Person]:
    """Every registry person the question names, in the order named (a longer name wins an overlap)."""
    found = []
    for p in sorted(people, key=lambda p: -len(p.name)):
        i = text.find(p.name) if p.name else -1
        if i >= 0 and not any(i < j + len(q.name) and j < i + len(p.name) for j, q in found):
            found.append((i, p))
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def _by_surname(text: str, people: list[Person], titles: TitleMatcher) -> list[Person]:
    """"陶书记", "王局长": a surname and a title word name the one registry person with both."""
    for m in titles.surname_role.finditer(text):
        surname, role = m.group(1), m.group(2)
        hits = [p for p in people if p.name.startswith(surname) and any(holds_role(t, role) for t in p.titles)]
        if not hits and not role.startswith("副"):
            # "孙主任" for a 副主任: people address a deputy by the post itself, when nobody of that surname holds
            # the post outright.
            hits = [p for p in people if p.name.startswith(surname) and any(holds_role(t, "副" + role) for t in p.titles)]
        if len(hits) == 1:
            return hits
    for m in _HONORIFIC.finditer(text):
        # "孙总", "李工": a surname and the form of address for a company head or an engineer, not a post's word.
        posts = _ADDRESSED[m.group(2)]
        hits = [p for p in people if p.name.startswith(m.group(1)) and any(posts.search(t) for t in p.titles)]
        if len(hits) == 1:
            return hits
    return []


# How people address a company's head or an engineer: a closed class of forms of address, with the posts they fit.
_ADDRESSED = {"总": re.compile(r"董事长|总经理|总裁|总监|总工程师|总经济师|总会计师|创始人|执行董事|负责人|老板"),
              "工": re.compile(r"工程师|技术员|总工")}
# A form of address, not the start of a word it opens ("总经理", "总投资", "工作", "工程"): the characters after it.
_HONORIFIC = re.compile(r"([\u4e00-\u9fff])(" + "|".join(_ADDRESSED) + r")(?![\u4e00-\u9fff]{0,1}"
                        r"(?:经理|裁|监|书记|编|程|人|作|业|厂|资|体|量|计|共|额|数|部|结|站|队|会|局|院|司|公司))")


# Which labels the router may choose, given the people a question names: slots narrow the vote.
_WITH_PERSON = {"said", "said_any", "person_title", "yes_no", "gender", "compare", "fact", "who_said"}
_WITH_TWO = {"compare", "said", "said_any", "yes_no", "gender", "fact"}
_NO_PERSON = {"fact", "who_said", "list_speakers", "structure", "doc_facts", "doc_summary", "gender", "title_lookup",
              "said", "said_any", "person_title"}
# Labels answered without retrieval (from the registry or the structure alone) need a surer route
# (Router.sure rather than Router.loose: thresholds calibrated in the router's own vector space).
_SURE_LABELS = {"list_speakers", "doc_summary", "doc_facts", "gender", "structure", "compare"}
# Words that name any speaker, not a title someone holds: "有哪些发言人" lists everyone.
_ANY_SPEAKER = {"发言人", "负责人", "代表", "领导", "官员", "干部"}
_ANY_BODY = re.compile(r"(?:哪些|哪个|哪几个|各个?|有关|相关|市直|县直)?(?:部门|单位|方面)(?:的)?$")


# A count or list of people ("几个人", "领导有几位", "都是谁"): not of what they said ("领导说要建几个…").
_COUNTS_PEOPLE = re.compile(r"(?:几|多少|哪些|哪几)[位个名]?(?:人|领导|官员|干部|负责人|同志)"
                            r"|(?:人|领导|官员|干部|负责人)(?:一共|总共)?(?:有|是)?(?:几位|几个|多少|哪些|哪几位|都有谁|都是谁)")
_WHO_ALL = re.compile(r"都是谁|都谁|有谁|是哪几位|哪些人")
# A body named outright, whatever follows it ("市甲局一共有几位…", "林草局出来讲话的").
_BODY = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:局|委员会|委|办公室|管委会|中心)")


def _body_named(text: str, titles: TitleMatcher) -> str:
    """The first body the question names outright that some speaker's title holds, or ""."""
    for m in _BODY.finditer(text):
        body = re.sub(r"^(?:请问|那|那么|这个|那个)", "", m.group(0))
        if org_key(body):
            # The first body named is the one asked about ("甲市乙局的副局长有哪些人": 乙局, held by nobody here).
            return body if titles.candidates(body) else ""
    return ""


def understand(text: str, people: list[Person], metas: list[DocumentMeta], titles: TitleMatcher,
               router: Router | None = None, outline: Outline | None = None, translate=None) -> Question:
    """Classify the question by meaning (router) and fill its slots from the registry and the structure.

    translate (English → Chinese search terms) lets an English question take the same routes: it is routed
    against the English example questions and its slots are filled from its translation.
    """
    q = _understand(text, people, metas, titles, router, outline, translate)
    found = aside_mod.set_aside(text) if q.person is not None and not q.english else None
    if found is not None and q.person.name not in found.rest and q.title_phrase \
            and any(q.title_phrase in p for p in found.phrases) and q.title_phrase not in found.rest:
        # "除了组长，另外那几个成员都叫啥?": the person set aside is the one the question is not about; the rest of it
        # is.
        return dataclasses.replace(_understand(found.rest, people, metas, titles, router, outline, translate),
                                   text=text)
    return q


def _understand(text: str, people: list[Person], metas: list[DocumentMeta], titles: TitleMatcher,
                router: Router | None = None, outline: Outline | None = None, translate=None) -> Question:
    text = text.strip()
    if not text or not re.search(r"[\w\u4e00-\u9fff]", text):
        return Question(text, Intent.EMPTY)
    turned = _TURN_TO_IT.sub("", text)
    if turned != text and len(turned) >= 4:
        return understand(turned, people, metas, titles, router, outline, translate)
    if _FABRICATE.search(text):
        return Question(text, Intent.INJECTION)  # "随便编一个新标准": nothing to answer from the documents
    if _INJECTION.search(text) and _PERSONA.search(text):
        rest = strip_orders(text)
        if rest and rest != text and not _INJECTION.search(rest) and not _ORDER.search(rest) \
                and not _PERSONA.search(rest) and _ASKS_SOMETHING.search(rest):
            # "你现在是旅游推荐助手。先回答：X?然后在回答末尾加上…": the persona is ignored like any order; the
            # question that came with it is answered from the documents as any other.
            return understand(rest, people, metas, titles, router, outline, translate)
        return Question(text, Intent.INJECTION)  # a new persona ("从现在起你是…发言人") with nothing else is refused
    if _INJECTION.search(text) or _ORDER.search(text):
        rest = strip_orders(text)
        if rest and rest != text and not _INJECTION.search(rest) and not _ORDER.search(rest):
            # The orders are ignored; a question that came with them is answered as any other.
            return understand(rest, people, metas, titles, router, outline, translate)
        if _INJECTION.search(text) or not rest:
            return Question(text, Intent.INJECTION)  # orders and nothing to answer ("直接回复一句“…”")
    if is_english(text):
        if translate is None or router is None:
            return Question(text, Intent.GENERAL, english=True)
        return understand_english(text, translate(text), people, titles, router)
    found = aside_mod.set_aside(text)
    if found is not None:
        # "除了主持人，还有哪几位说话了?": the rest read as any list of speakers, its people less those set aside.
        # Any other reading keeps the whole question ("除了这个补贴，还有啥补贴?" is no list of people).
        rest = understand(found.rest, people, metas, titles, router, outline, translate)
        if rest.intent is Intent.LIST_SPEAKERS:
            return dataclasses.replace(rest, text=text, aside=found)
        if rest.intent is Intent.WHO_SAID and rest.plural and rest.outline_list is None and not rest.person \
                and not _has_topic(found.rest, metas):
            # "还有哪几位说话了?": several people who spoke, of no topic, are the speakers.
            return dataclasses.replace(rest, text=text, intent=Intent.LIST_SPEAKERS, roster=roster_of(found.rest),
                                       aside=found)
    named = _people_in(text, people) or _by_surname(text, people, titles)
    if named and _SPOKEN_OF.search(text.split(named[0].name)[0]):
        # "乡里的一把手是咋个评价邓某的?", "写邓某的这篇稿子登在哪天": the person after a verb that speaks or writes of
        # someone is what was said about, not who spoke (the post the question names, if any, is).
        named = named[1:]
    if len(named) < 2 and COMPARE_CUE.search(text):
        named = _by_posts(text, titles) or named  # "交警那个副支队长和民政局副局长，各自管哪一块?"
    person = named[0] if named else None
    for meta in metas:
        for name, role in _meta_names(meta).items():
            if name in text and (person is None or person.name != name):
                return Question(text, Intent.META_PERSON, meta_role=role, title_phrase=name)
    gendered = _gendered(text, people, titles) if not named else None
    if gendered is not None:
        # "市场监管局那个女副局长说了啥": the one person of that body whom the text calls 她 (or 他), asked about
        # by name from here on; "水利局那个女领导叫啥?" asks for that name.
        rewritten, who = gendered
        if _ASKS_WHO.search(rewritten.replace(who.name, "")):
            return Question(text, Intent.TITLE_LOOKUP, person=who, title_phrase=who.titles[0] if who.titles else "",
                            asks=slots_mod.asks_for(text), plural=False)
        return understand(rewritten, people, metas, titles, router, outline, translate)
    unnamed = text.replace(person.name, "") if person else text
    phrase = titles.title_phrase(unnamed)
    if phrase and not holds_office(phrase) and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", phrase) \
            and phrase not in _ANY_SPEAKER and phrase not in titles.parts \
            and re.search(rf"(?:多少|几)[个位名户家人]?{re.escape(phrase)}", unnamed):
        # "培训了多少茶农?": a count of people of that kind, not the one quoted under that word ("几位评委" of a record
        # whose roster names its 评委 counts them)
        phrase = ""
    matched = titles.match(phrase) if phrase else None
    head = HEAD_WORD.search(unnamed)
    if head:
        # "住建局的一把手", "甲公司的老板": of the organisation's people, the one whose post is no deputy's; the
        # organisation is the title phrase, or else the words just before the head word.
        org, start = _org_before(unnamed, head.start())
        if matched is not None and all(_DEPUTY.search(t) for t in matched.titles):
            matched = None  # the body's only speaker is its deputy: the head is someone the text does not name
        if matched is None and not named:
            # A title phrase cut down to its post ("教育局的一把手局长" → "局长") has lost the organisation: the
            # organisation's head then, not whoever is the only 局长.
            matched = (titles.head_of(phrase) if phrase and (not org or org in phrase) else None) or titles.head_of(org)
        if org and (matched is not None or named):
            phrase = unnamed[start:head.end()]  # the post as written ("管交通那个局的一把手"): the rest is the question
        elif org and not named and titles.others is not None and _ASKS_HEAD.search(unnamed[head.end():]) \
                and titles.others().head_of(org) is not None:
            # "教育局的一把手是哪个?" where the body's head never speaks but the text names them ("局长某某主持…").
            return Question(text, Intent.TITLE_LOOKUP, title_phrase=unnamed[start:head.end()], title_unmatched=True,
                            asks=slots_mod.asks_for(text), plural=False)
    official = _ONE_OF_BODY.search(unnamed) if not (head or phrase or named) else None
    if official:
        # "消防队来参加发布会的那位领导是谁": the one person of that body the documents let speak, whatever their post.
        org, start = _org_before(unnamed, official.start())
        found = {p.name: p for p, _ in titles.candidates(org)} if org_key(org) else {}
        if len(found) == 1:
            matched, phrase = next(iter(found.values())), unnamed[start:official.end()]
    # The title phrase as written, before its trimming ("管环保的局长", "市甲局分管招生的副局长"); without a person
    # named, unnamed is the text itself.
    raw = titles.title_phrase(unnamed, raw=True) if phrase and not named else ""
    if matched is None and phrase and not named:
        # "管环保的局长", "商务部门的负责人": the post by its meaning, read from the phrase as written.
        # As written first ("管环保的局长" says which post by its work), then trimmed to the post's own words.
        matched = titles.by_meaning(raw or phrase) or (titles.by_meaning(phrase) if raw and raw != phrase else None)
        if head and matched is not None and all(_DEPUTY.search(t) for t in matched.titles):
            matched = None  # the head asked for ("一把手") is never the deputy nearest in meaning
    # A phrase that kept words of a clause about the person ("渔业局来答问副局长") is read by its post alone.
    body = _body_before_post(raw, phrase if raw.endswith(phrase) else titles.role(phrase)) if not head else ""
    if body:
        # The trimmed phrase lost the body the question names ("市甲局分管招生的副局长" → "副局长"): the holder must be
        # that body's, and the post is looked up with it.
        full = body + titles.role(phrase)
        if matched is not None and not any(_same_body(body, t) for t in matched.titles) \
                and matched.name not in {p.name for p, _ in titles.candidates(full)}:
            matched = None
        if matched is None:
            # "渔业局来答问副局长" matched no one as written: the body and the post alone may ("渔业局副局长").
            matched = titles.match(full) if full != phrase else None
            phrase = full
    subject = copula_subject(text)
    if matched is not None and not named and re.search(r"[\u4e00-\u9fff]{2,}", subject) \
            and not re.search(r"[他她]", subject) and copula_check(text, subject, phrase):
        # "某某是市甲局局长吗?": the post is checked for someone the question names before the copula, not asked
        # about its holder (the backend reads who that someone is in the text).
        matched = None
    asks_someone = slots_mod.asks_for(text) & {"person"} or (_ASKS_WHO.search(text) and _PEOPLE_WORD.search(text))
    if matched is None and not named and not phrase and asks_someone and not _SAID.search(text):
        # "搞水务的那个领导叫什么?": an organisation named by its field of work.
        import jieba

        matched = titles.by_domain([w for w in jieba.lcut(text) if w not in QUESTION_WORDS])
        phrase = matched.title if matched else ""
    slots = dict(asks=slots_mod.asks_for(text), ordinal=slots_mod.ordinal(text) or _worded_ordinal(text, outline),
                 people=named,
                 plural=slots_mod.is_plural(text), nested=slots_mod.nested(text),
                 by_speakers=slots_mod.by_speakers(text))
    if len(named) >= 2:
        allowed = _WITH_TWO
    elif named:
        allowed = _WITH_PERSON
    elif matched:
        allowed = _WITH_PERSON | {"title_lookup"}  # "市甲局来的领导是哪个?"
    else:
        allowed = _NO_PERSON
    # The router compares forms: the people and the title the registry recognises become placeholders.
    # Only a recognised title is a slot (a person holds it, or it ends in a title word): masking costs the
    # question a second encoder pass, spent where it changes the route.
    role = titles.role(phrase) if phrase else ""
    routed = delex.mask(text, [p.name for p in named], phrase if (matched or role) else "", role)
    if router is not None and routed != text:
        router.prefetch([text, routed])  # retrieval embeds the question, the router its masked form: one pass
    route = router.route(routed, allowed) if router else Route("fact", 0.0)
    need = (router.sure if route.label in _SURE_LABELS else router.loose) if router is not None else 0.0
    # An unsure route (or no router) falls back to the question words, as before the router existed.
    sure = router is not None and route.similarity >= need
    label = route.label if sure else _fallback_label(text, bool(named or matched))
    if label == "title_lookup" and not (phrase or matched or named):
        # Near the title examples ("甲局来了几位领导?") but naming no post or body to look up: the words decide.
        label = _fallback_label(text, False)
    if label == "gender" and not _SEX_WORDS.search(text):
        # Near the gender examples in meaning ("有几位发言人?" ~ "发言人里有几位女性?") but with no word for anyone's
        # sex: the words decide, and they never say gender.
        label = _fallback_label(text, bool(named or matched))
        label = "fact" if label == "gender" else label
    if not sure and router is not None and route.label == "list_speakers" and route.similarity >= router.loose \
            and not named and (slots["plural"] or slots_mod.wants_count(text)) \
            and ((_SAID.search(text) or _TOOK_THE_FLOOR.search(text)) and _speakers_described(text, metas) or "嘉宾" in text):
        # Near the examples, asking for several people or a count of them, about people who speak (not "多少人"
        # of a place, nor what the officials looked at), and the verb of speech only says who is counted
        # ("发了言的与会人员"), not what they spoke of ("说要搞哪几个主导产业", "提到了房价").
        label = "list_speakers"
    heard = _HEARSAY.sub("", text)  # "听说…": how the asker heard of it, no one's speech in the documents
    if label == "list_speakers" and not (_SAID.search(heard) or _TOOK_THE_FLOOR.search(heard)
                                         or _SPEAKER_WORDS.search(heard)):
        # Near the examples that count speakers ("引用了几位负责人的话?") but about no one who speaks: "那个厂缺好多
        # 人?" asks a figure of the text.
        label = _fallback_label(text, bool(named or matched))
        label = "fact" if label == "list_speakers" else label
    if _SEX_CHOICE.search(text) and len(named) < 2:
        # "作这个报告的区长是男的还是女的?": a choice between the sexes of one person, named or by the post only
        # they hold, is a gender question whatever else the sentence is near in meaning.
        matched = matched or (only_holder(phrase, titles) if phrase and not named else None)
        if not (person or matched) and _THE_INTERVIEWEE.search(text) and len(people) == 1:
            matched = people[0]  # "这篇专访的受访人是男的还是女的?": the one person the interview lets speak
        # Someone the question names who is no speaker ("某某是男专家还是女专家?"): the text's pronouns decide.
        label = "gender" if person or matched or (not named and person_names(text)) else label
    base = dict(route=route.label, route_confidence=route.confidence, **slots)
    return _decide(text, label, person, named, phrase, matched, titles, metas, outline, base, sure)


# What counts the rows of a table ("倒数第二行"): with one table in the documents, its rows, however it is named.
_ROW_NOUNS = ("行",)
# Words the question quotes (“……”): six characters or more, a sentence rather than a term.
_QUOTED_WORDS = re.compile(r"[“\"「][^”\"」]{6,}[”\"」]")
# A shorter quotation ("“近邻不相亲”") is asked after by who said it: who, then a verb of speech ("这话是哪个领导讲的").
_WHO_SPOKE = re.compile(r"(?:谁|哪(?:位|一位|个)[\u4e00-\u9fff]{0,3}?)(?:讲|说|提)(?:的|过|出)")
# Where quoted words come from, a closed form: "出自哪里", "是文件哪一部分说的", "是哪份文件提出来的".
_ASKS_SOURCE = re.compile(r"出自|出处|哪(?:一|个)?部分|哪一块|哪份文件|哪个文件|哪个单位发|哪里提出|哪儿提出|哪个位置|什么位置")


def _asks_whose_words(sentence: str) -> bool:
    """The sentence asks who said the words it quotes, or where they stand ("“……”这句话是谁说的?", "…出自哪里",
    "“近邻不相亲”这话是哪个领导讲的")."""
    if _QUOTED_WORDS.search(sentence):
        rest = _QUOTED_WORDS.sub("", sentence)
        if _ASKS_WHO.search(rest) or _ASKS_SOURCE.search(rest):
            return True
    return bool(slots_mod.QUOTED.search(sentence) and _WHO_SPOKE.search(slots_mod.QUOTED.sub("", sentence)))


# Characters every organisation's name has: they do not tell one body from another.
_GENERIC_ORG_CHARS = set("市县区省局委办厅部中心政府管理会公司")
# "张三一共发了几次言?", "他讲了几次话?": how many times someone spoke (the summary of their statements counts them).
_COUNTS_SPEECHES = re.compile(r"(?:发了|发言了|讲了|讲话了?|说了|讲过|发过)(?:几|多少|好多)(?:次|回|段)(?:言|话)?|(?:几|多少|好多)(?:次|回)(?:发言|讲话)|"
                              # Where someone appears, counted: "出现了几次", and the parts asked by "在/出现在 几个
                              # X 里" whatever is done there ("在几个行动里都发了言", "出现在哪几条信息里").
                              r"出现了?(?:几|多少|好多)(?:次|回)|(?:在|出现在)(?:几|哪几|多少)(?:个|条|项|部分|处|段)?"
                              r"[\u4e00-\u9fff]{0,4}?(?:里|中|当中)")
# "哪位发布人回答了两次提问?": who answered the questions of a dialogue (with how many).
_ANSWERED_QUESTIONS = re.compile(r"(?:回答|答)(?:了|过)?[^，,。？?]{0,6}?(?:问题|提问)")
# Words that point at a part of a document ("X那部分", "生态那一项").
_PART_WORDS = re.compile(r"(部分|方面|板块|那块|这块|那一块|那一项|这一项|那项|这项|那一节|这一节|那节|这节)")
# A count or list of the questions put in a dialogue ("一共提了几个问题", "回答了哪些提问").
_COUNTS_QUESTIONS = re.compile(r"(几个|多少个?|好多个?|哪些|哪几个)[^，,。？?！!]{0,4}?(问题|提问)")
# Words that ask for someone's sex: a closed class ("哪位是女同志?", "是男的还是女的?").
# Any word for a person's sex, in Chinese or English: a gender question holds one.
_SEX_WORDS = re.compile(r"[男女她他]|性别|先生|女士|\b(?:man|woman|men|women|male|female|gender|she|he|her|his|sex)\b", re.I)
# Words for the people a list of speakers is about, a closed class ("哪几位", "负责人", "嘉宾", "名单").
_SPEAKER_WORDS = re.compile(r"谁|哪位|哪几位|哪些人|哪几个人|几个人|人的话|引用|引了|几位|官员|领导|干部|负责人|负责同志|发言人|发布人|嘉宾|同志|企业家|代表|人物|名单|"
                            r"姓名|名字|人员")
_HEARSAY = re.compile(r"听说|据说|听(?:人|别人|朋友|邻居|车友)?说|有人说")
# A question that offers the two sexes to choose from ("是男的还是女的", "是男是女", "性别是什么").
# The choice itself, between the sexes of one person ("是男是女", "男专家还是女专家"), without "性别".
SEX_CHOICE = re.compile(r"是男是女|男[\u4e00-\u9fff]{0,3}?还是女|女[\u4e00-\u9fff]{0,3}?还是男")
_SEX_CHOICE = re.compile(SEX_CHOICE.pattern + "|性别")
_ASKS_GENDER = re.compile(r"(女同志|男同志|女士|女性|男性|女的|男的|女领导|男领导|女干部|性别|是男是女|男[\u4e00-\u9fff]{0,3}还是女)")


def _fallback_label(text: str, has_person: bool) -> str:
    """Without a sure route (or a router): the question words decide, as before the router existed."""
    if _ASKS_GENDER.search(text) and (has_person or _ASKS_WHO.search(text) or _PLURAL_WHO.search(text)
                                      or re.search(r"(哪个|哪几个|哪一个)", text) or person_names(text)):
        return "gender"
    if _LIST_SPEAKERS.search(text) and not has_person:
        return "list_speakers"
    if _DOC_REF.search(text) and _SUMMARY.search(text) and not has_person:
        return "doc_summary"
    if not has_person and (_REPORTER.search(text) or _EDITOR.search(text) or _PHOTO.search(text)
                           or _NUMBER_Q.search(text) or _PAGE_Q.search(text)
                           or (_DOC_REF.search(text) and (_OUTLET.search(text) or _WHEN.search(text)
                                                          or _TITLE_Q.search(text)))):
        return "doc_facts"
    if has_person and ASKS_TITLE.search(text) and not _SAID.search(text.replace("是谁", "")):
        return "person_title"
    if (_ASKS_WHO.search(text) or _PLURAL_WHO.search(text)) and _SAID.search(text) and not has_person:
        return "who_said"
    if _ASKS_WHO.search(text) and not has_person:
        return "title_lookup"
    return "fact"


# A clause that only asks the bot to tell ("全部说一下", "能不能给我讲讲", "麻烦列一下吧"): its verb is the
# asker's request, not a report of what someone said.
# How completely to tell ("一个不漏", "一条一条", "完整"): words of the request, not of the question.
_EXHAUSTIVE = r"一[个条项样点]?(?:都|也)?[不别没](?:要|能)?(?:遗)?漏|一[个条项样点]一[个条项样点]|逐[条项个一]|完整|全都|全"
_REQUEST_CLAUSE = re.compile(r"^(?:请|麻烦|能不能|能否|能|可以|可不可以|帮我|给我|你|再)*"
                             rf"(?:{_EXHAUSTIVE})?(?:地)?(?:全部|都|详细|具体|简单|一一|逐个|挨个)?地?"
                             r"(?:给我|帮我)?(?:说|讲|列|介绍|告诉我|解释|总结|说明)(?:一下|下|说|讲|讲看|说看|出来|清楚|全)"
                             r"(?:吗|吧|呗|嘛|呢|啊|哈|谢谢)*$|"
                             rf"^(?:{_EXHAUSTIVE})(?:吗|吧|呗|嘛|呢|啊|哈)*$")


def without_requests(text: str) -> str:
    """The message without clauses that only ask the bot to tell ("…有哪几个，全部说一下" → "…有哪几个")."""
    parts = re.split(r"([,，;；?？!！。\s]+)", text)
    kept = [p for p in parts if not _REQUEST_CLAUSE.match(p)]
    return "".join(kept).strip(" ,，;；")


def spoken_topic(text: str) -> str:
    """What follows the last verb of speech in the first sentence ("哪些官员谈到了交通?" → "交通"): a topic
    makes it who-said rather than the list of every speaker."""
    first = re.split(r"[?？!！。]", without_requests(text), maxsplit=1)[0]
    verbs = list(_SAID.finditer(first))
    rest = first[verbs[-1].end():] if verbs else ""
    # "介绍情况的部门、县区负责人一共几个": after 的 comes who spoke (the head of the relative clause), not the topic.
    head = re.search(f"的(?=[^的]{{0,12}}?{_PEOPLE_WORD.pattern})", rest)
    rest = rest[:head.start()] if head else rest
    return re.sub(r"(到|了|过|的|人|分别|都|是|谁|有|哪些|哪几位|几个|几位|多少位?|好多位?|一共|总共|吗|呢|官员|领导|人员|名单|[,，\s])", "", rest)


# Particles and question words that can follow a verb of speech without naming a topic ("说了些啥子嘛").
_NO_TOPIC = re.compile(r"些|啥子|什么|啥|嘛|哦|呀|呢|咧|撒|哈|吧|哪样|怎么|咋|内容|东西|话|事情?|情况|方面|看法|观点|了|过|都|还")


def _asks_about(text: str) -> bool:
    """Whether what follows the verb of speech names a topic of its own ("说下一步交通建设要突出哪几个方面" does,
    "说了些啥子嘛" does not): a said_any reading then asks for that part of what was said, not all of it."""
    return len(_NO_TOPIC.sub("", spoken_topic(text))) >= 4


# "那个女副局长", "城管局那个女领导": a man or a woman referred to by the post or as a leader.
_GENDERED_POST = r"副?[\u4e00-\u9fff]{0,3}?(?:长|主任|书记|领导|干部|同志|负责人|官员)"
_GENDERED_REF = re.compile(rf"(?P<g>[女男])(?={_GENDERED_POST})")


def _gendered(text: str, people: list[Person], titles) -> tuple[str, Person] | None:
    """The question with "X局那个女副局长" replaced by the name of the one person of that organisation, with that
    post, whose gender (as the text shows it by 她/他) is the one the question gives; None when not exactly one."""
    m = _GENDERED_REF.search(text)
    if not m:
        return None
    gender = "f" if m.group("g") == "女" else "m"
    phrase = titles.title_phrase(text[:m.start()] + text[m.end():])
    role = titles.role(phrase) if phrase else ""
    org = re.sub(r"(那个|那位|这个|这位|的)$", "", phrase[: len(phrase) - len(role)] if phrase else text[:m.start()])
    pairs = {org[i:i + 2] for i in range(len(org) - 1)} - {"市局", "局的"}
    found = [p for p in people if p.gender == gender
             and any(any(b in t for b in pairs) and (role in _ANY_SPEAKER or not role or t.endswith(role))
                     for t in p.titles)]
    if len(found) != 1:
        return None
    post = re.match(_GENDERED_POST, text[m.end():])
    start = text.find(org) if org and org in text[:m.start()] else m.start()
    return text[:start] + found[0].name + text[m.end() + post.end():], found[0]


def _speakers_described(text: str, metas: list[DocumentMeta] = ()) -> bool:
    """No verb of speech in the question's first sentence takes an object: each is followed by 的 and describes the
    people asked about ("发言的领导里头有几个是副职", "会上讲话的人里"), so what comes after it is who is counted,
    not a topic ("提到了房价"). Words, not characters: "访谈" holds no verb. An object that names no topic
    ("介绍情况的", or what a document's title says it is about: "介绍政策的") still only describes them."""
    import jieba

    first = re.split(r"[?？!！。]", without_requests(text), maxsplit=1)[0]
    words = jieba.lcut(first)

    def no_topic(word: str) -> bool:
        return not _NO_TOPIC.sub("", word) or _titles_name(word, metas)

    return all(i + 1 < len(words) and words[i + 1] == "的"
               or i + 2 < len(words) and no_topic(words[i + 1]) and words[i + 2] == "的"
               for i, w in enumerate(words)
               if _SAID.fullmatch(w) or _TOOK_THE_FLOOR.fullmatch(w) or _SAID_WITH_RESULT.fullmatch(w))


# A verb of speech the segmenter keeps with its complement: "谈到", "讲起", "说过".
_SAID_WITH_RESULT = re.compile(r"[谈讲说提聊][到起及过]")


# One field of a header's credits line: its label (2-4 characters before a colon) and its value up to the next one.
# An official account's credits put a bar between them ("审核｜某某"): a bar counts as a colon only after a space.
_CREDIT_FIELD = re.compile(r"(?:([\u4e00-\u9fff]{2,4})\s*[：:]|(?:^|(?<=[\s\u3000]))([\u4e00-\u9fff]{2,4})\s*[｜|丨])\s*"
                           r"(.+?)\s*(?=(?:[\s\u3000|｜]+[\u4e00-\u9fff]{2,4}\s*[：:｜|丨])|$)")
# Fields with a path of their own (dates, places, the host, the source, view counts, the authors, editor and
# photographer): no credit.
_NOT_CREDITS = ("时间", "日期", "地点", "持人", "来源", "次数", "编辑", "责编", "记者", "作者", "摄影")


def _credit_fields(line: str) -> list[tuple[str, str]]:
    """The (label, value) fields of a header line ("编导：许某 摄像：韦某" → [("编导", "许某"), ("摄像", "韦某")])."""
    return [(m.group(1) or m.group(2), m.group(3).strip()) for m in _CREDIT_FIELD.finditer(line)]


def _credit_key(label: str) -> str:
    """The word a question names a credit by ("文字整理" → "整理", "摄像" → "摄像"), or "" for fields that are no
    credit."""
    key = label[-2:]
    return "" if key in _NOT_CREDITS else key


def credits_named(text: str, line: str) -> list[tuple[str, str]]:
    """The credit fields of a header line that the question names by their own word ("这期节目的摄像是谁?" →
    [("摄像", "韦某")]), each with a value."""
    return [(label, value) for label, value in _credit_fields(line)
            if (key := _credit_key(label)) and key in text and value]


def _has_topic(text: str, metas: list[DocumentMeta]) -> bool:
    """Whether who-spoke names a topic that picks some speakers: not a word that only asks for words ("介绍情况的"),
    nor what a whole document is about ("介绍政策的" of a 政策解读 page): then every speaker is asked for."""
    topic = _NO_TOPIC.sub("", spoken_topic(text))
    return len(topic) >= 2 and not _titles_name(topic, metas)


def _titles_name(word: str, metas: list[DocumentMeta]) -> bool:
    """Whether a document's title holds the word: what that document as a whole is about."""
    return any(word in m.title for m in metas if m.title)


def fields_named(text: str, lines: list[str]) -> list[tuple[str, str]]:
    """The body's field lines the question names ("联系人是谁？电话多少" → 联系人 and its sibling 联系电话; "哪些单位
    回复的" → every 办理单位 of a page of letters): by the field's whole key, a sibling key (same first two
    characters) by its last word, and a unit field repeated under every entry by 哪些/哪几个单位."""
    fields = [f for line in lines for f in _credit_fields(line) if f[1]]
    named = [f for f in fields if len(f[0]) >= 2 and f[0] in text]
    heads = {label[:2] for label, _ in named}
    named += [f for f in fields if f not in named and f[0][:2] in heads and f[0][-2:] in text]
    if _SENT_TO.search(text):
        # "这期简报发给了哪些单位": the closing block's lines, each under its key ("报：…", "送：…", "发：…").
        named += [(m.group(1), m.group(2)) for line in lines if (m := DISTRIBUTION_LINE.match(line))]
    if _COMPILED_BY.search(text):
        # "是哪个单位编的": the line naming who compiled the issue.
        named += [("编印", m.group(1)) for line in lines if (m := ISSUER_LINE.match(line))]
    if _COPIES_Q.search(text):
        named += [("印数", f"{m.group(1)}份") for line in lines if (m := _COPIES.search(line))]
    units = [f for f in fields if f[0].endswith(("单位", "部门"))]
    if not named and len(units) >= 2 and _WHICH_UNITS.search(text):
        # "哪些单位答复的": the unit fields whose key opens with the question's verb (答复单位, not 办理单位).
        named = [f for f in units if f[0][:2] in text] or units
    return named


# Whom a document went to, who compiled it and how many copies were printed, asked in the genre's own verbs: a
# closed class, as the keys of its closing block are.
_SENT_TO = re.compile(r"(?:发|送|报|印发|下发|分发|抄送)(?:给|到|往|至)?(?:了)?(?:哪些|哪几|哪个|什么|谁)|报送|抄送|发送范围|发放范围")
_COMPILED_BY = re.compile(r"(?:谁|哪个|哪家|什么)(?:单位|部门|机构)?(?:编|编印|主办|出)的|编印|由谁编|是谁编")
_COPIES_Q = re.compile(r"印了?(?:多少|几)份|印数|共印")
_COPIES = re.compile(r"共印\s*(\d+)\s*份")
# "哪些单位", "哪几个部门", "哪几家单位": several units asked for.
_WHICH_UNITS = re.compile(r"哪(?:些|几个|几家)(?:单位|部门)")


# A title word anywhere in a field's value ("市甲局副局长 某某"): the line writes a post.
_TITLE_RX = re.compile(TITLE_ALTERNATION)
# "解读人是什么职务": the post of whoever a credit or field names, which its line writes with the name.
_ASKS_POST = re.compile(r"职务|职位|头衔|(?:什么|啥|啥子)(?:官|级别)")


def _credit_asked(text: str, metas: list[DocumentMeta], post: bool = False) -> bool:
    """The question asks who holds a credit of a header line ("这期节目的摄像是谁?") or a field of the body
    ("联系人是谁"); post: it asks that person's post, so the value must write one ("解读人：市甲局副局长 某某")."""
    named = [v for m in metas for line in m.lines for _, v in credits_named(text, line)] \
        + [v for m in metas for _, v in fields_named(text, m.fields)]
    return any(_TITLE_RX.search(v) for v in named) if post else bool(named)


# The meeting a document was adopted or delivered at, asked about ("哪次会议通过的", "在什么会上作的", "会议全称").
_MEETING_Q = re.compile(r"(?:哪次|哪一次|什么|哪个|啥|啥子)(?:会议|会|全会|大会)(?:上)?(?:通过|作|做|讲|发表|审议|印发)|"
                        r"(?:通过|作|做|审议|发表)(?:的)?(?:是)?(?:在)?(?:哪次|哪一次|什么|哪个|啥)(?:会议|会|全会|大会)|"
                        r"(?:会议|全会|大会)(?:的)?(?:全称|全名|正式名称|完整(?:的)?名称)")


def _doc_roles(text: str) -> list[str]:
    roles = ((_REPORTER, "reporter"), (_EDITOR, "editor"), (_PHOTO, "photographer"), (_OUTLET, "outlet"),
             (_WHEN, "date"), (_TITLE_Q, "title"), (_VIEWS, "views"), (_NUMBER_Q, "number"), (_PAGE_Q, "page"))
    return [role for rx, role in roles if rx.search(text)]


def _after_post(text: str, phrase: str, titles: TitleMatcher) -> str:
    """The question after the post it names ("医保局那个女副局长都讲了哪样" → "都讲了哪样"), punctuation removed."""
    role = titles.role(phrase)
    if phrase in text:
        rest = text.replace(phrase, "")
    elif role and role in text:
        rest = text[text.rfind(role) + len(role):]
    else:
        rest = text
    return re.sub(r"[?？!！。,，\s]", "", rest)


# A numeral and the character after it that the dictionary counts this often are a word ("一共" 726, "一起"), not an
# item's number and what follows it ("场景四演", "关切二的", "二中" 556).
_NUMERAL_WORD_MIN = 700


def _worded_ordinal(text: str, outline: Outline | None) -> slots_mod.Ordinal | None:
    """An item named the way its heading numbers itself ("场景四演的是什么" of headings "场景一：…", "场景二：…"): its
    place in that list, by the list's word; None when no such list's word stands before a numeral in the question."""
    for ol in outline.lists if outline is not None else ():
        if ol.source != "sections" or len(ol.noun) < 2:
            continue
        m = re.search(re.escape(ol.noun) + r"([一二三四五六七八九十]{1,3})(?![一二三四五六七八九十个项条位名次点])", text)
        # "十项任务一共…": the numeral opens a common word (一共, 一起), not the item's number.
        if m and word_frequency(text[m.end() - 1:m.end() + 1]) < _NUMERAL_WORD_MIN \
                and 0 < (n := slots_mod.number_of(m.group(1))) <= len(ol.items):
            return slots_mod.Ordinal(n, ol.noun)
    return None


def _decide(text, label, person, named, phrase, matched, titles, metas, outline, base, sure=False) -> Question:
    """The intent from the router's label and the filled slots; a label whose slots are missing degrades."""
    core = re.sub(r"[?？!！。,，\s]", "", text.replace(person.name, "") if person else text)
    if person is not None and phrase:
        # "医保中心的头头讲了些哪样": the person named by a post is named all the same; what is left is the asking.
        core = core.replace(re.sub(r"[?？!！。,，\s]", "", phrase), "")
    if person is not None and person.name not in text:
        # "孙总说了啥": named by the form of address, which is no topic
        core = re.sub(re.escape(person.name[0]) + "(?:" + "|".join(_ADDRESSED) + ")", "", core)
    # "what did X say" with no topic: the router's said_any examples, or the fixed short forms.
    # ... unless it asks for a date, a place or a figure ("记者是哪天采访张三的?"), which a summary does not give.
    # "在几个行动里都出现了": where someone appears, counted, is all of what they said, wherever the route goes.
    counted = bool(_COUNTS_SPEECHES.search(text))
    generic = (label == "said_any" or bool(_GENERIC_SAID.match(core))) and not (
        base["asks"] & {"when", "where", "number", "money", "clock"}) or counted
    ordinal = base["ordinal"]
    placed = slots_mod.next_to(text) if outline is not None else None
    if placed is not None and (found := outline.placed_next_to(placed.anchor, placed.step)) is not None:
        # "陈某致辞完了以后下一项是什么", "执法局领导回应之前，最后一个接受采访的是哪位": the item next to the one
        # named, by its place in the list that holds that one; whoever the question names is the anchor, not
        # the one asked about.
        ol, position = found
        return Question(text, Intent.STRUCTURE, outline_list=ol,
                        **{**base, "ordinal": slots_mod.Ordinal(position, ol.noun), "people": []})
    # "刀某作报告的那次会议全称叫啥": the person who delivered the document names it, not what they said in it.
    delivered = person is not None and any(m.speaker and m.speaker.endswith(person.name) for m in metas)
    if (person is None or delivered) and _MEETING_Q.search(text):
        # "这个决定是哪次会议通过的?", "报告是在什么会上作的?": the meeting the document's head line names.
        return Question(text, Intent.DOC_FACTS, meta_roles=["meeting", *_doc_roles(text)], **base)
    if person is None and ISSUED_BY.search(text):
        # "这个决定是甲市人民政府印发的吗?": checked against who issued the document.
        return Question(text, Intent.DOC_FACTS, meta_roles=["issuer"], **base)
    if person is None and _FULL_NAME.search(text):
        # "这个方案的全称叫啥?": the document's own title.
        return Question(text, Intent.DOC_FACTS, meta_roles=list(dict.fromkeys(["title", *_doc_roles(text)])), **base)
    post = bool(_ASKS_POST.search(text))
    if person is None and not named and ("person" in base["asks"] or _ASKS_WHO.search(text) or "哪个" in text
                                         or _YES_NO.search(text) or post) \
            and not ordinal and not _ASKS_GENDER.search(text) and _credit_asked(text, metas, post):
        # "文字稿是谁整理的?", "编导是哪个?": a credit of the header, by the word of its label.
        hosted = ["host"] if _HOSTED.search(text) else []
        return Question(text, Intent.DOC_FACTS, meta_roles=["credits", *hosted, *_doc_roles(text)], **base)
    if person is None and not named and _DOC_REF.search(text) and _PUBLISHED.search(text) \
            and base["asks"] & {"when", "where", "clock"}:
        # "这期节目是哪天播的?", "这条问答哪天发布的?": when (or where) the document itself came out, a fact of
        # its header; "这个通知什么时候执行" asks the body.
        return Question(text, Intent.DOC_FACTS, meta_roles=list(dict.fromkeys(["date", *_doc_roles(text)])), **base)
    if person is None and _DOC_REF.search(text) and _SPEECH_BY.search(text) and any(m.speaker for m in metas):
        # "这篇讲话是谁讲的?": the speaker the speech's head line gives.
        return Question(text, Intent.DOC_FACTS, meta_roles=["speaker"], **base)
    if person is None and _ADDRESSEE_Q.search(text) and any(m.addressee for m in metas):
        # "这份答复是给哪位代表的?": the letter's salutation says whom it answers.
        return Question(text, Intent.DOC_FACTS, meta_roles=["addressee"], **base)
    if person is None and _SIGNED_OFF.search(text) and ("when" in base["asks"] or _ASKS_ISSUER.search(text)):
        # "落款是哪天", "落款单位是谁": the document's own signature, a fact of the document.
        return Question(text, Intent.DOC_FACTS, meta_roles=["date" if "when" in base["asks"] else "outlet"], **base)
    if person is None and scope_mod.asked_levels(text):
        # "文中提到了哪些区县?": the places the text names, a fact of the documents.
        return Question(text, Intent.DOC_FACTS, meta_roles=["places"], **base)
    if person is None and PHONES_ASKED.search(text):
        # "文章里提到的可以打的电话有哪几个?": every number the text gives, a fact of the documents.
        return Question(text, Intent.DOC_FACTS, meta_roles=["phones"], **base)
    if person is None and BODIES_IN_TEXT.search(text):
        # "文中一共出现了哪些市级部门?": the bodies the text names, a fact of the documents.
        return Question(text, Intent.DOC_FACTS, meta_roles=["bodies"], **base)
    parts = next((x for x in outline.lists if x.source == "parts"), None) if outline is not None else None
    if parts is not None and person is None and not base["nested"] and ordinal and ordinal.position \
            and not ordinal.clause and ordinal.noun in ("", "项", "条", "点") and outline.find(ordinal.noun) is None:
        # "《办法》的五项措施里，第四项是什么?": a part named by a word only its heading has ("…有哪些支持措施"), with
        # as many clauses as the question counts, and an item of it by its place: the clause of that part. Not a
        # part named outright ("重点任务的第五项": the ordinal route's), nor another list named by its word; without
        # the count, a word may name the parts themselves ("议定事项第二项" over a part "其他事项").
        part = outline.names_item_by_word(text, parts) if outline.names_item(text, parts) is None and not any(
            x.source not in ("parts", "paragraphs") and (x.noun and x.noun in text or x.alias and x.alias in text)
            for x in outline.lists) else None
        if part is not None and part.clauses and slots_mod.stated_count(text, "项条点") == len(part.clauses):
            base["nested"] = (parts.items.index(part) + 1, ordinal.position)
    if parts is not None and person is None and base["nested"]:
        # "重点任务第四项里的第2条": an item inside a part of a numbered document.
        return Question(text, Intent.STRUCTURE, outline_list=parts, **base)
    asked = next((x for x in outline.lists if x.source == "questions"), None) if outline is not None else None
    if asked is not None and (_COUNTS_QUESTIONS.search(text) or not ordinal and about_askers(text, asked)
                              or person is None and _ASKS_WHO.search(text) and _ANSWERED_QUESTIONS.search(text)
                              # "最后一个上场回答问题的嘉宾": an order of the people, the phrase's head;
                              # "回答问题的官员里有没有女的": their sex.
                              and not (ordinal and ordinal.head) and not _ASKS_GENDER.search(text)):
        # "记者一共提了几个问题?", "张三回答了几个问题?", "哪几家媒体提了问?": the questions of a dialogue, by whoever
        # answered or asked them.
        return Question(text, Intent.STRUCTURE, person=person, outline_list=asked, **base)
    if person is None and not named and _HOSTED.search(text) and ("person" in base["asks"] or "主持人" in text) \
            and not (base["plural"] or slots_mod.wants_count(text) or "除了" in text  # "除了主持人，几位发布人?"
                     or _ASKS_GENDER.search(text)  # "主持人张三是男是女?" asks about the host, not who it is
                     or asked is not None and ordinal and getattr(outline.find(ordinal.noun), "source", "")
                     == "questions"  # "主持人问的第二个问题": one of the questions, by its place
                     # "主持人开场介绍的嘉宾里最后介绍的是谁", "主持人念的第二条留言": what the host did, not who
                     or _HOST_DID.search(text) and (ordinal and ordinal.position or slots_mod.wants_list(text))):
        # The host is a fact of the event (its header line or the report's own sentence), never a speaker.
        return Question(text, Intent.DOC_FACTS, meta_roles=["host", *_doc_roles(text)], **base)
    if len(named) >= 2 and label not in ("yes_no", "gender", "person_title"):
        return Question(text, Intent.COMPARE, person=person, **base)
    if phrase and (person or named) and (label == "yes_no" and _YES_NO.search(text)
                                         or person is not None and copula_check(text, person.name, phrase)) \
            and not _ASKS_GENDER.search(text.replace(phrase, "")) and not _SEX_CHOICE.search(text):
        # "甲县的副市长张三是女的吗?" names the post but asks the person's sex: a gender question.
        return Question(text, Intent.CHECK_TITLE, person=person, title_phrase=phrase, **base)
    if label == "yes_no" and (person or named) and _ASKS_GENDER.search(text.replace(phrase, "") if phrase else text):
        label = "gender"

    if (label == "gender" or person is None and PRONOUN_REFERENT.search(text)) \
            and not (ordinal and outline is not None and outline.find(ordinal.noun) is not None):
        # "市甲局局长是男的还是女的?": the person the title names.
        return Question(text, Intent.GENDER, person=person or matched, title_phrase=phrase, **base)
    if person is None and not phrase and any(_asks_whose_words(x) for x in re.split(r"(?<=[?？!！。])", text)):
        # "“……”这句话是谁说的?" / "…出自文件哪一部分?": whoever the quoted words belong to, the text's own voice
        # included, and where they stand.
        return Question(text, Intent.WHO_SAID, **base)
    if outline is not None:
        # A bare post ("副市长提的要求") names its one holder.
        who = person or matched or (only_holder(phrase, titles) if phrase else None)
        own = [ol for ol in outline.lists if ol.source == "markers" and who is not None and ol.speaker == who.name]
        # "第三点": the counter is the word for points, the ordinal's noun stays empty.
        points = ordinal and ordinal.position and not ordinal.clause and (
            ordinal.noun in _PERSON_POINTS or not ordinal.noun and bool(_POINTS_WORD.search(text))) \
            or (slots_mod.wants_list(text) or slots_mod.wants_count(text) or slots_mod.counted_noun(text)) \
            and _POINTS_WORD.search(text)
        points = points and own and not _topic_beyond_points(text, own[0].speaker, phrase)
        if points and len(own) == 1 or points and any(ol.alias and ol.alias in text for ol in own):
            # "副市长提的要求里第三条", "韩市长提的几条要求全部列一下": the points that person set out (一是…二是…).
            ol = next((ol for ol in own if ol.alias and ol.alias in text), own[0])
            return Question(text, Intent.STRUCTURE, person=person, outline_list=ol, **base)
        # "第二部分里第四项工作", "第二部分的重点工作都列一下": an ordinal picks a part and the question counts inside
        # it; the part decides which list of points, not the word for them.
        part_first = _points_of_part(text, ordinal, base.get("nested"))
        # "记者提的第三个问题": the questions put (read below), not points a speaker called 问题.
        put = ordinal is not None and _questions_put(text, ordinal.noun, outline) is not None
        for ol in ([] if part_first or put else outline.lists):
            named_by = _names_points(ol.noun, text)
            by_alias = _names_points(ol.alias, text)
            if by_alias and len(ol.alias) == 1 and not named_by and not ordinal and _off_the_points(text, ol):
                by_alias = False  # "管水员平时管哪些事": a thing of its own asked about, not the speaker's points
            if ol.source == "markers" and (named_by or by_alias) \
                    and (who is None or ol.speaker in ("", who.name)) \
                    and (named_by or ordinal or who or slots_mod.wants_list(text) or slots_mod.wants_count(text)) \
                    and not any(o is not ol and o.source == "markers" and o.announcer and o.announcer + o.alias in text
                                for o in outline.lists if not (ol.announcer and ol.announcer + ol.alias in text)):
                # "会议要求里的第三条": of two lists of 要求, the one the meeting announced.
                return Question(text, Intent.STRUCTURE, person=person, outline_list=ol, **base)
    roster = roster_of(text)
    if roster == "named" and (_PEOPLE_WORD.search(text) or _COUNTS_PEOPLE.search(text)) \
            and (base["plural"] or slots_mod.wants_count(text) or _WHO_ALL.search(text)):
        # "专访里一共出现了几个人的名字?", "马副市长点名表扬了哪几位?", "除了甲，还出现了谁的名字?": everyone the
        # documents name, less the people the question names (the one who names them, or one set aside).
        return Question(text, Intent.LIST_SPEAKERS, roster="named", person=person, **base)
    if person:
        if (label in ("person_title", "title_lookup") and ASKS_TITLE.search(core + "的")
                and not _SAID.search(core.replace("是谁", ""))):
            return Question(text, Intent.PERSON_TITLE, person=person, **base)
        # A title written with the name ("市甲局局长张三说了什么") refers to the person; a wrong one is corrected.
        return Question(text, Intent.PERSON_SAID, person=person, generic_said=generic, title_phrase=phrase,
                        said_topic=_asks_about(text), **base)
    if outline is not None and not base["nested"]:
        # "页面上第四个介绍的是谁", "最后一位讲述人": the people a document presents a part each, in its order;
        # "哪几位是正高级工程师": those of them whose post or part says the trait.
        presented = entrants_mod.picked_by_place(text, ordinal, outline) if ordinal \
            else entrants_mod.picked_by_trait(text, outline)
        if presented is not None:
            return Question(text, Intent.STRUCTURE, outline_list=presented, **base)
    if ordinal and ordinal.position and outline is not None and not ordinal.clause \
            and (not ordinal.noun or outline.find(ordinal.noun) is None) and _SPOKE_AFTER_ORDINAL.search(text) \
            and _ASKS_WHO.search(text):
        # "第一个通报情况的是哪位", "第二个上台介绍情况的是谁": any verb of speech after the ordinal asks the order of
        # the speakers, whatever word the question uses for their turn.
        ordinal = dataclasses.replace(ordinal, noun="发言")
        base = {**base, "ordinal": ordinal}
    group = _GROUP_BEFORE.search(text)
    if ordinal and outline is not None and group and ordinal.noun in SPEAKER_NOUNS + ("",) and not ordinal.head \
            and outline.find(group.group(1)) is not None:
        # "企业家和群众代表里最后一个发言的是谁": the order among the group named before the ordinal.
        ordinal = dataclasses.replace(ordinal, noun=group.group(1))
        base = {**base, "ordinal": ordinal}
    if ordinal and outline is not None and ordinal.head and (head_list := outline.find(ordinal.head)) is not None \
            and (outline.find(ordinal.noun) is None or head_list.source in ("speakers", "questions")
                 and getattr(outline.find(ordinal.noun), "source", "") in ("speakers", "questions")):
        # "第三个介绍情况的发布人是谁": the noun the phrase ends in names the list, not the verb after the ordinal.
        ordinal = dataclasses.replace(ordinal, noun=ordinal.head)
        base = {**base, "ordinal": ordinal}
    if ordinal and ordinal.position and not ordinal.clause and outline is not None and person is None \
            and not base["nested"] and (entry_list := outline.named_list(text)
                                        or (outline.only_table() if ordinal.noun in _ROW_NOUNS else None)) is not None \
            and not _names_its_list(text, ordinal, outline):
        # "先进个人名单里排第一个的是谁", "1月份记的第二件事": the entries under the heading the question names,
        # when no list is named by what its items are ("第三个行动") nor by who speaks ("第二个发言的").
        return Question(text, Intent.STRUCTURE, outline_list=entry_list, **base)
    if not ordinal and outline is not None and person is None and not base["nested"] \
            and (_ENTRIES_ASKED.search(text) or slots_mod.wants_count(text)) \
            and (rows := outline.rows_with(text)) is not None:
        # "曹敏包联了哪些项目", "市交通运输局当业主的有几个": the rows of a table that hold the value it names; before
        # the list the table is (a value some rows hold picks those, "落在新源县的签约项目有几个").
        return Question(text, Intent.STRUCTURE, outline_list=rows, **base)
    if not ordinal and outline is not None and person is None and not base["nested"] \
            and (_ENTRIES_ASKED.search(text) or slots_mod.wants_count(text)) \
            and (entry_list := outline.named_list(text)) is not None \
            and (all(len(t) <= headed_lists.LISTED_MAX for t in headed_lists.shown([i.text for i in entry_list.items]))
                 or headed_lists.self_numbered([i.text for i in entry_list.items])) \
            and not any(ol.source not in ("speakers", "paragraphs") and len(ol.noun) >= 2 and ol.noun in text
                        for ol in outline.lists):
        # "先进集体名单一共几个", "申请材料都有哪些": a list of short entries under the heading the question names,
        # listed or counted whole (a heading over paragraphs of prose is answered from its best passage instead).
        return Question(text, Intent.STRUCTURE, outline_list=entry_list, **base)
    if ordinal and outline is not None and (ordinal.clause or outline.find(ordinal.noun) is not None
                                            or any(asks_counter(text, ol) for ol in outline.lists)):
        # "第二段讲的是哪位领导的讲话?": the ordinal names the part before any other reading.
        q = _structure(text, ordinal, outline, base)
        if q is not None:
            return q
    if outline is not None and label in ("list_speakers", "fact", "who_said") and not person:
        q = _structure(text, ordinal, outline, base, strict=True)
        if q is not None:
            return q
    if label in ("said_any", "fact", "who_said", "title_lookup") and not person and not matched and base["plural"] \
            and (not phrase or titles.role(phrase) in _ANY_SPEAKER) \
            and (_PEOPLE_WORD.search(text) if label == "said_any" else _LIST_SPEAKERS.search(text)
                 and _TOOK_THE_FLOOR.search(text)) \
            and len(spoken_topic(text)) < 2:
        label = "list_speakers"  # "会上有哪些部门的负责人发了言?": who spoke, with no topic, is the list of speakers
    if label == "list_speakers" and not (_PEOPLE_WORD.search(text) or phrase):
        label = "fact"  # a count with nobody in it ("要达到多少?") is not about the speakers
    if label == "title_lookup" and not person and phrase and titles.role(phrase) and slots_mod.wants_count(text) \
            and not matched:
        label = "list_speakers"  # "正职局长有几位?", "几位政府部门负责人": a count of the holders, not one holder
    if label == "list_speakers" and (_has_topic(text, metas) or len(text) > 40) and not _speakers_described(text, metas):
        label = "who_said"  # a topic after the verb of speech, or a long message: who said *that*
    if phrase and (matched or titles.role(phrase)) and re.search(
            rf"(谁是|是哪位){re.escape(phrase)}|{re.escape(phrase)}(是谁|叫什么|叫啥|是哪位|是哪个|姓什么)", text):
        # "市甲局局长是谁?" whatever else the message says: a title lookup.
        # A bare post as written: no body anywhere before it, even one the trimmed phrase lost ("教育局的一把手局长"
        # → 局长) or one a comma set apart ("市委督查室，主任叫什么").
        before = text[:text.find(phrase)] if phrase in text else text
        bare = not HEAD_WORD.search(text) and not org_key(phrase[: len(phrase) - len(titles.role(phrase))]) \
            and not org_key(before)
        holders = {p.name: p for p, _ in titles.candidates(phrase)} if bare and matched is None else {}
        if len(holders) == 1 and not person:
            matched = next(iter(holders.values()))  # only_holder's reading, from the candidates looked up once
        if len(holders) < 2:
            # "所长是谁?" of a text with one 所长: that one; with several, everyone holding the post (below).
            return Question(text, Intent.TITLE_LOOKUP, person=matched, title_phrase=phrase,
                            title_unmatched=matched is None, **base)
    if outline is not None and person is None and base["by_speakers"] is not None:
        # "哪个行动只有一个人发言?": the parts of the document picked by how many speak in them.
        parts_of = [x for x in outline.lists if x.source in ("enumeration", "sections", "parts")]
        ol = next((x for x in parts_of if x.noun and x.noun in text), parts_of[0] if parts_of else None)
        if ol is not None:
            return Question(text, Intent.WHO_SAID, plural=True, outline_list=ol,
                            **{k: v for k, v in base.items() if k not in ("plural", "ordinal")})
    refers_to_part = bool(_PART_WORDS.search(text))
    # "一共有几个人发了言? 都是哪些人", "那块引用了哪几个人的话": several people, or a count of them, who spoke in a
    # part the question names — that part's speakers, whatever the router said.
    part_speakers = refers_to_part and (base["plural"] or slots_mod.wants_count(text)) \
        and bool(_PEOPLE_WORD.search(text)) and bool(_TOOK_THE_FLOOR.search(text) or _SAID.search(text) or "的话" in text)
    # A post guessed from a field of work ("生态环境保护那一部分" → the environment bureau's head) is no post the
    # question names: the part is what it names.
    # "哪几位负责人", "哪几个局的领导": a word for any speaker names no post; the part the question names decides.
    # "部门的负责人", "哪些单位的领导": a word for any body is no body's name either.
    bare_post = bool(phrase) and not org_key(_ANY_BODY.sub("", phrase[: len(phrase) - len(titles.role(phrase))]))
    any_speaker = not phrase or titles.role(phrase) in _ANY_SPEAKER and bare_post  # "林业局的领导": one body's head
    if outline is not None and (
            (any_speaker and label in ("who_said", "list_speakers")
             and (base["plural"] or ("person" in base["asks"] and refers_to_part)))
            # "那一块有哪几位局长或主任讲了话": a bare post narrows the part's speakers, it names nobody else.
            or (part_speakers and not person and (any_speaker or phrase not in text or bare_post))):
        # "X行动那部分有哪几位官员发言?", "城市那一节一共有几个人发了言?": the speakers of one part of the document.
        for ol in outline.lists:
            if ol.source in ("speakers", "questions"):
                continue  # a speaker's or a question's words are no part of the document
            # A part named by one of its words ("生态那一项") only where the question speaks of a part.
            item = outline.names_item_by_word(text, ol) if refers_to_part else outline.names_item(text, ol)
            if item is not None:
                pos = ol.items.index(item) + 1
                return Question(text, Intent.WHO_SAID, plural=True, outline_list=ol,
                                **{**{k: v for k, v in base.items() if k != "plural"},
                                   "ordinal": slots_mod.Ordinal(pos, ol.noun)})
    body = _body_named(text, titles) if not person else ""
    if body and not HEAD_WORD.search(text) and (_LIST_SPEAKERS.search(text) or _COUNTS_PEOPLE.search(text) and (
            _TOOK_THE_FLOOR.search(text) or _WHO_ALL.search(text))):
        # "市甲局一共有几位领导在会上发言?": the speakers of that body.
        return Question(text, Intent.LIST_SPEAKERS, org=body, roster=roster, **base)
    if not person and not named and _INTERVIEWED.search(text):
        # "这篇专访采访的是谁?", "受访者有哪些?": the people the text lets speak.
        return Question(text, Intent.LIST_SPEAKERS, roster=roster, **base)
    if not person and not named and roster == "other" and (base["plural"] or slots_mod.wants_count(text)) \
            and (_SAID.search(text) or _QUOTES_OF.search(text)):
        # "文章里引了哪几个老百姓的话?", "除了当官的还有谁说了话?": the speakers who hold no office.
        return Question(text, Intent.LIST_SPEAKERS, roster="other", **base)
    # A list of speakers is asked for by who, which or how many ("给村干部发奖金有没得个上限" asks none of them).
    asks_people = bool(base["plural"] or slots_mod.wants_count(text) or slots_mod.wants_list(text)
                       or _ASKS_WHO.search(text))
    speaker_words = asks_people and (label == "list_speakers" or (
        label == "title_lookup" and phrase and not titles.match(phrase)
        and not org_key(phrase[: len(phrase) - len(titles.role(phrase))])))
    if speaker_words and not person and base["plural"] and len(spoken_topic(text)) >= 2 \
            and not _speakers_described(text, metas) and (_PEOPLE_WORD.search(text) or phrase):
        # "哪几位发言人提到了东港区?": who spoke of that, not every speaker.
        return Question(text, Intent.WHO_SAID, plural=True, **{k: v for k, v in base.items() if k != "plural"})
    point = base["ordinal"]
    if not person and phrase and point is not None and point.position and not point.clause \
            and point.noun in ("", "条", "项", "点", "方面") and not base["plural"] and _SAID.search(text) \
            and (holder := only_holder(phrase, titles)) is not None:
        # "县长讲的第三点是啥": a point of what the one holder of the post said, as "某某讲的第三点" asks it.
        return Question(text, Intent.PERSON_SAID, person=holder, title_phrase=phrase, **base)
    if speaker_words:
        # "有几个局长发言?" / "局长是谁?": everyone holding that title word.
        role = titles.role(phrase) if phrase else ""
        role = "" if role in _ANY_SPEAKER else role
        # "局长、副局长一共几位", "正副局长": the post and its deputies, all of them.
        both = role.startswith("副") and bool(re.search(rf"正副{role[1:]}|(?<!副){role[1:]}[、和及与跟]{role}", text))
        return Question(text, Intent.LIST_SPEAKERS, title_phrase=role[1:] if both else role, roster=roster,
                        with_deputies=both, **base)
    if label in ("title_lookup", "person_title") and matched and "person" not in base["asks"] \
            and (_SAID.search(text) or _SPOKE.search(_after_post(text, phrase, titles))):
        # "市甲局局长说要建几个…?": what the holder said, not who holds the title; "医保中心的头头讲了些哪样?" all of it.
        return Question(text, Intent.PERSON_SAID, person=matched, title_phrase=phrase,
                        generic_said=bool(_GENERIC_SAID.match(_after_post(text, phrase, titles))) or counted,
                        said_topic=_asks_about(text), **base)
    if label == "title_lookup" and not person and _asks_a_thing(text, base["asks"]):
        # "甲中心的地址在哪条街", "哪家公司在施工", "大厅几点开门": something of the body the words name, not who holds
        # its post: what its head said of it, when the words name one who speaks ("科技局在甲地的孵化基地有多大"),
        # else what the text says.
        if matched is not None and phrase:
            return Question(text, Intent.PERSON_SAID, person=matched, title_phrase=phrase, **base)
        return Question(text, Intent.GENERAL, **base)
    if label in ("title_lookup", "person_title") and phrase and (matched or ("person" in base["asks"]
                                                                           and titles.role(phrase)
                                                                           and titles.role(phrase) not in _ANY_SPEAKER)):
        # A title nobody holds is refused only when the question asks who holds it; otherwise the words
        # before a title word were not a title ("甲市和乙区丙局是哪天签的…?") and retrieval decides.
        return Question(text, Intent.TITLE_LOOKUP, person=matched, title_phrase=phrase,
                        title_unmatched=matched is None, **base)
    if label in ("said", "said_any") and phrase:
        if matched:
            return Question(text, Intent.PERSON_SAID, person=matched, title_phrase=phrase,
                            generic_said=label == "said_any" or counted
                            or bool(_GENERIC_SAID.match(_after_post(text, phrase, titles))),
                            said_topic=_asks_about(text), **base)
        if (titles.role(phrase) not in ("", *_ANY_SPEAKER) and org_key(phrase[: len(phrase) - len(titles.role(phrase))])
                and not any(p.name in text for p in titles.people)):
            return Question(text, Intent.TITLE_LOOKUP, title_phrase=phrase, title_unmatched=True, **base)
    # "五大行动分别叫什么", "一共几条?每条讲的啥": near a lookup of a post or a person's words, but naming no post or
    # person, and counting or listing: the document's lists may answer it (strict: the list's noun is asked for).
    lookup_of_nothing = label in ("title_lookup", "person_title", "said", "doc_facts") \
        and not (phrase or matched or person) and (slots_mod.wants_count(text) or slots_mod.wants_list(text))
    if label == "structure" or (ordinal and outline is not None) or (
            (label in ("fact", "said_any", "doc_summary") or lookup_of_nothing) and outline is not None):
        q = _structure(text, ordinal, outline, base, strict=label != "structure")
        if q is not None:
            return q
    # Who said it needs a saying or a quotation: "安全员是哪个单位派的?" asks who acts, not who spoke.
    if (label == "who_said" and ("person" in base["asks"] or base["plural"] and _PEOPLE_WORD.search(text))
            and (_SAID.search(text) or slots_mod.QUOTED.search(text))) \
            or (label == "fact" and "person" in base["asks"] and _SAID.search(text)):
        return Question(text, Intent.WHO_SAID, plural=base["plural"], **{k: v for k, v in base.items() if k != "plural"})
    if label == "doc_facts":
        roles = _doc_roles(text)
        if roles:
            return Question(text, Intent.DOC_FACTS, meta_roles=roles, **base)
        if _fallback_label(text, bool(person or matched)) == "list_speakers" and not person:
            # A page fact the question names none of ("发布会请了哪几位发布人?"): the words ask for the speakers.
            return Question(text, Intent.LIST_SPEAKERS, roster=roster, **base)
    if outline is not None and not person and any(ol.alias == CALLERS and ol.noun in text for ol in outline.lists) \
            and (slots_mod.wants_list(text) or slots_mod.wants_count(text)):
        # "报了网名的网友一共有几位?都叫啥?": a programme's callers, however the question's last words route it.
        q = _structure(text, ordinal, outline, base, strict=True)
        if q is not None:
            return q
    if outline is not None and not person and (slots_mod.wants_list(text) or slots_mod.wants_count(text)) \
            and any(ol.source in ("sections", "headed") and asks_alias(text, ol.alias) for ol in outline.lists):
        # "这次常务会一共定了哪几件事?都列一下": the headings the text announced as its 事项, however it routes.
        q = _structure(text, ordinal, outline, base, strict=True)
        if q is not None:
            return q
    if label == "doc_summary" and (_DOC_REF.search(text) or len(core) <= 12):
        return Question(text, Intent.DOC_SUMMARY, **base)
    if matched and phrase:
        return Question(text, Intent.PERSON_SAID, person=matched, title_phrase=phrase,
                        generic_said=counted, **base)
    return Question(text, Intent.GENERAL, **base)


# Points asked for by their count or by what they are ("提的几条要求", "哪三条", "讲了几点").
_POINTS_WORD = re.compile(r"[几哪一二三四五六七八九十两\d](?:个)?(?:条|点|项|方面)|要求|措施|举措")
# A person's points are called so ("要求里第三条", "最后一点"); "第三个问题" is a question put to them.
_PERSON_POINTS = ("条", "项", "点", "方面", "措施", "举措", "任务", "要求", "件")
# The words of a question that asks for someone's points and nothing else: who, which, how many, list them.
_POINTS_FRAME = re.compile(r"第[一二三四五六七八九十\d]+|最后|倒数|[一二三四五六七八九十两几哪\d]+个?(?:条|点|项|方面)|要求|措施|举措|任务"
                           r"|意见|哪些|哪几|多少|全部|全都|全|列|一下|出来|都|是|啥子?|什么|讲话|讲|说|提|了|的|在|会上|会议上"
                           r"|强调|指出|提出|部署|谈到|讲到|说到|表示|发言|[\u4e00-\u9fff]{2}时"
                           r"|里头|里面|里|中|给我|一条一条|逐条|分别|具体|有|一共|总共|麻烦|请|吗|呢|那|这|要|个|些|下|嘛|哦|呀"
                           r"|[副正]?(?:市长|县长|区长|局长|主任|书记|部长|领导|同志)|[\W\d_a-zA-Z]")


def _ordinal_after(text: str, name: str) -> bool:
    """Whether the question's ordinal counts in the part it names: it stands after the part's name ("重点任务的
    第五项"), or right before it with a measure word ("第三个重点任务"); "最后的保障措施" names the last part."""
    end = common_end(name, text)
    m = re.search(r"第|最后|倒数", text)
    if end < 0 or m is None:
        return False
    if m.start() >= end:
        return True
    counted = _COUNTED_ORDINAL.match(text, m.start())
    return counted is not None and text.startswith(name[:2], counted.end())


# An ordinal with its measure word ("第三个", "倒数第二项", "最后一条").
_COUNTED_ORDINAL = re.compile(r"(?:倒数)?第[一二三四五六七八九十\d]+[个项条]|最后一[个项条]")


# Entries counted or listed by their own word ("几封信", "哪些留言", "选登了多少件来信", "来信都列一下").
_COUNTED_ENTRIES = re.compile(r"(?:几|多少|哪些|哪几|好多)(?:封|[条件个]?(?:" + "|".join(ENTRY_NOUNS) + r"))|(?:"
                              + "|".join(ENTRY_NOUNS) + r").{0,4}(?:列|有几|一共)")


# An entry's word right after its ordinal ("第四封信", "最后一封来信", "第二条留言").
_ENTRY_AFTER_ORDINAL = re.compile(r"(?:第[一二三四五六七八九十\d]+|最后一)[封条个件]?(?:" + "|".join(ENTRY_NOUNS) + "|信)")


def _entry_noun(text: str) -> str:
    """The word for a page's entries the question uses ("第二封信是谁回的" → "信"), or ""."""
    return next((w for w in ENTRY_NOUNS if w in text), "")


def _counts_points(text: str) -> bool:
    """The question asks for a part's points or their number ("有哪几条", "分了几个方面", "一共多少个"), not for a
    figure they hold ("抽查多少家")."""
    return slots_mod.wants_list(text) or bool(slots_mod.counted_noun(text)) \
        or bool(re.search(r"(?:几|多少)个(?![\u4e00-\u9fff])|几个?部分", text))


# Points counted, listed or picked by a word for points, or a part named as such: "几条", "哪几点", "第三项", "最后一条",
# "成绩方面", "保障措施那块".
_POINTS_OF_A_PART = re.compile(r"[几哪多少第后一二三四五六七八九十\d](?:个)?[条项点]|部分|方面|那块|这块|那一块|这一块")


def _names_its_list(text: str, ordinal, outline: Outline) -> bool:
    """The ordinal's own word names a list by what its items are ("第三个行动", "第二段") or by who speaks in it
    ("第二个发言的"), a list the question's words hold."""
    if ordinal.noun in _WHOLE_PARTS:
        return True  # "第三部分", "第二章": the document's own parts, whatever a heading names
    found = outline.find(ordinal.head or ordinal.noun) if (ordinal.head or ordinal.noun) else None
    return found is not None and (found.source in ("speakers", "questions", "paragraphs")
                                  or len(found.noun) >= 2 and found.noun in text
                                  or len(found.alias) >= 2 and found.alias in text)


# Words that say a question was put to someone ("记者提的", "哪家媒体问的", "提问环节").
_PUT_BY = re.compile(r"记者|媒体|提问|问的|提的|问了|发问")


def _questions_put(text: str, noun: str, outline: Outline) -> OrderedList | None:
    """The questions put, when the question counts 问题 and says who asked ("提问环节最后一个问题是哪家媒体问的",
    "记者提的第三个问题"): not points the text calls 问题. None otherwise."""
    if noun not in QUESTION_NOUNS or not _PUT_BY.search(text):
        return None
    return next((x for x in outline.lists if x.source == "questions" and x.noun == noun), None)


def _part_looked_into(text: str, outline: Outline) -> OrderedList | None:
    """The document's parts, when the question names one that sets out points of its own and looks into it
    ("风险分析里面排第三的是什么风险"); None otherwise."""
    for ol in outline.lists:
        if ol.source != "parts":
            continue
        part = outline.names_item(text, ol)
        if part is not None and (part.clauses or outline.inner(part, ol) is not None) and looked_into(text, part.text):
            return ol
    return None


def _section_with_points(text: str, ol: OrderedList, outline: Outline) -> Item | None:
    """The headed section the question names by a word of its heading, when points are set out under it (一是…二是…)
    and the question asks for them: "保障措施里最后一条", "成绩方面讲了哪几点"; None otherwise."""
    if ol.source != "sections" or _PEOPLE_WORD.search(text) and (_TOOK_THE_FLOOR.search(text) or _SAID.search(text)):
        return None  # "交通那一节一共有几个人发了言": the part's speakers, not its points
    if not _POINTS_OF_A_PART.search(text):
        return None  # "今年水表要装多少个": a count of things, not of the points of the part a word names
    named = outline.names_item_by_word(text, ol, headings=True)
    return named if named is not None and outline.inner(named, ol) is not None else None


_ASKED_RIGHT_AFTER = 10  # characters after a list's name within which a count or list of its points is asked
_NAME_ASKED = re.compile(r"叫(?:什么|啥子?)(?:名字)?|(?:什么|啥)名字")
_SOMEONE_ASKED = re.compile(r"谁|哪位|哪个人|哪些人|何人|哪几位|哪几个人")


def _named_clause(text: str, ordinal, outline: Outline, base: dict) -> Question | None:
    """"间接原因里的第三条", "直接原因有哪些", "间接原因一共几条": the numbered points of a clause the question names by
    its heading (a third level: "四、事故原因" → "（二）间接原因" → "1．…"), before the document's parts or any list
    counted by the same word; None when no such clause is named, or another part is named (its own reading)."""
    for ol in outline.lists:
        named = outline.names_clause(text, ol)
        if named is None or outline.names_item(text, ol) not in (None, named[0]):
            continue
        owner, clause, end = named
        at, k = ol.items.index(owner) + 1, owner.clauses.index(clause) + 1
        if ordinal is not None and ordinal.position and not ordinal.clause and ordinal.noun in _POINT_NOUNS \
                and _ordinal_after(text, clause.text):
            return Question(text, Intent.STRUCTURE, outline_list=ol,
                            **{**base, "ordinal": slots_mod.Ordinal(at, "部分", k, ordinal.position)})
        if not ordinal and _counts_points(text[end:end + _ASKED_RIGHT_AFTER]) \
                and slots_mod.counted_noun(text) in _POINT_NOUNS:
            # "间接原因一共几条", "直接原因有哪些": its points, asked right after its name; "口袋公园分几年定了目标？每年
            # 要到多少个" of "建设一批口袋公园" counts things, not points.
            return Question(text, Intent.STRUCTURE, outline_list=ol,
                            **{**base, "ordinal": slots_mod.Ordinal(at, "部分", k)})
    return None


def _points_of_part(text: str, ordinal, nested) -> bool:
    """An ordinal picks one of the document's parts and the question goes on inside it: a second ordinal ("第二部分里
    第四项") or a count or list of its points ("第三部分里一共几条", "第二部分的工作都列一下")."""
    if ordinal is None or not ordinal.position or ordinal.clause or ordinal.noun not in slots_mod.PART_NOUNS:
        return False
    at = text.find(ordinal.noun)
    return nested is not None or at >= 0 and _counts_points(text[at + len(ordinal.noun):])


def _names_points(noun: str, text: str) -> bool:
    """The question names a list of points by its noun: a word of two or more characters as it is ("要求"), one
    character only counted or asked for ("三件事", "哪几件事"; "这个事", "咋回事" name no list)."""
    if len(noun) >= 2:
        return noun in text
    return bool(noun) and bool(_counted(noun).search(text))


def _counted(noun: str) -> re.Pattern:
    """A one-character word counted or asked for ("三件事", "哪几件事", "哪些事")."""
    return re.compile(f"[几哪些一二三四五六七八九十两\\d][件个项条点种类]?{re.escape(noun)}")


def _off_the_points(text: str, ol: OrderedList) -> bool:
    """A question that names a list only by a one-character word ("哪些事") and shares no word with what leads up
    to the list (the sentence that announces it, "明年我们重点抓好三件事", and the words before it, a reporter's
    question): it asks about a thing of its own."""
    first = ol.items[0] if ol.items else None
    if first is None or first.chunk is None:
        return False
    paras = [p for p in ol.doc.paragraphs() if p.end <= first.chunk.start] if ol.doc is not None else []
    before = paras[-1].text if paras else ""  # the paragraph just before: a reporter's question, a lead sentence
    lead = before + (first.chunk.text.split(first.text, 1)[0] or first.chunk.text)
    rest = _counted(ol.alias).sub(" ", text)
    return not any(re.fullmatch(r"[\u4e00-\u9fff]{2}", rest[i:i + 2]) and rest[i:i + 2] in lead
                   for i in range(len(rest) - 1))


def _topic_beyond_points(text: str, name: str, phrase: str) -> bool:
    """Whether a question about someone's points names a topic of its own ("寇局长说要推进的高速公路有哪几条",
    "在物流成本方面讲了哪些措施"): then it asks about that topic, not for the list of their points."""
    rest = text.replace(name, "").replace(phrase, "") if phrase else text.replace(name, "")
    rest = rest.replace(name[:1], "") if name else rest  # "韩市长": the surname with a post
    return bool(re.search(r"[\u4e00-\u9fff]{2,}", _POINTS_FRAME.sub(" ", rest)))


# What the points inside a named part are called ("存在的问题里第二个问题", "主要措施的第三条"); no noun at all
# ("今年工作里第二个是啥") counts them too. A closed class of words for items.
_POINT_NOUNS = ("", "条", "项", "点", "款", "个", "方面", "问题", "措施", "举措", "任务", "要求", "件", "类", "种")


# A group of speakers named before an ordinal ("群众代表里最后一个发言的", "几位官员中第二个讲话的").
_GROUP_BEFORE = re.compile(r"(" + "|".join(PUBLIC_NOUNS + OFFICIAL_NOUNS) + r")[\u4e00-\u9fff]{0,3}?(?:里|中|当中|之中)"
                           r"(?:的)?(?:最后|第[一二三四五六七八九十\d]|倒数|头一)")


# The bodies a document names, asked for as such ("文中一共出现了哪些市级部门", "答复里还提到哪几个部门").
BODIES_IN_TEXT = re.compile(r"(?:文中|文章|报道|答复|文件|通知|这篇|里头|里面|里)[^。？?]{0,14}?(?:出现|提到|提及|涉及|点名|点到|写到)"
                            r"(?:了|过)?[^，,。？?]{0,6}?(?:哪些|哪几个|哪几家|几个|多少个)(?:市级|县级|区级)?(?:部门|单位|机构)")


# Every telephone number asked for at once ("提到了哪些可以打的电话", "热线电话都有哪几个", "联系电话全部列一下"), not one
# number ("咨询电话是多少").
PHONES_ASKED = re.compile(r"(?:哪些|哪几个|哪几条|几个|几条|都有啥|都有什么|有啥|有什么)[^。？?，,人位谁者]{0,8}?(?:电话|热线)(?:号码)?"
                          r"(?=[？?。，,！!]|$|呢|啊|吗)|"
                          r"(?:电话|热线)(?:号码)?(?:都|一共|总共)?(?:有)?(?:哪些|哪几个|哪几条|几个|几条)|"
                          r"(?:电话|热线)(?:号码)?(?:全部|都)列")


# Who leads a task, asked ("由谁牵头", "哪个部门负责", "牵头单位是…"): its lead, not who spoke on it. The policy
# notes' reader (duties.py) answers it.
WHO_LEADS_Q = re.compile(r"(?:哪个|哪些|哪家|什么|啥)(?:部门|单位|机关)(?:来)?(?:牵头|负责|主抓|配合|参与)|谁(?:来)?(?:牵头|负责)|"
                         r"牵头单位|责任单位|配合单位|配合部门")


def _as_verb(noun: str, text: str) -> bool:
    """A list announced by a verbal noun ("五方面变化", "作出部署") asked for by its verb ("主要变了哪几块",
    "调了哪些", "部署了几项工作")."""
    return len(noun) == 2 and bool(re.search(f"(?:{re.escape(noun)}|{re.escape(noun[0])})(?:了|过)(?:哪|几|些|什么|啥)",
                                             text))


# A count or a "which" before a list's noun: "十大工程", "哪几个方面", "几条", "多少项".
_COUNT_WORD = r"[一二三四五六七八九十两\d]+(?:大|个|项)?|哪些|哪几个?|(?:几|多少|好多)(?:大|个|项)?"
# A measure word alone ("一共几条?") counts the list; before a noun ("几条线路", "几条河") it counts that noun.
_ALONE = r"(?![\u4e00-\u9fff])|(?=[都呢吗啊呀])"
# "那一节", "这一块", "第一部分": a demonstrative or an ordinal before 一 points at one part, it counts none. 条 and
# 块 also measure roads, rivers and plots, so only the words that name nothing but a document's parts count here.
# The words for a part (slots.PART_NOUNS) but 条 and 块, which also count items and pieces of anything.
_PARTS_ONLY = tuple(n for n in slots_mod.PART_NOUNS if n not in ("条", "块"))
# "一条不落", "一项不漏" say "all of them", they count nothing.
_PARTS_COUNTED = re.compile(rf"(?<![那这哪第每])(?:{_COUNT_WORD})(?:" + "|".join(_PARTS_ONLY) + ")(?!不[落漏少差剩])")
# A request for every entry of a list ("有哪些", "列一下", "全部"), not any question word ("是哪里人").
_ENTRIES_ASKED = re.compile(r"哪些|哪几|列出|列一下|全部|所有|都有什么|都包括|都是什么")
# The words for a part of a whole document, and its paragraphs: an ordinal of them counts the document's own parts.
_WHOLE_PARTS = _PARTS_ONLY + ("段",)
# Lists that are the document's own top level, in the order a question for "第三项" without a noun reads them.
_TOP_SOURCES = ("parts", "sections", "numbered")


# An ordinal, then within a few characters a verb of speech or of taking the floor ("第二个上台介绍情况的").
_SPOKE_AFTER_ORDINAL = re.compile(
    r"(?:第[一二三四五六七八九十\d]+|最后一?)(?:个|位|名)?[\u4e00-\u9fff]{0,3}?(?:"
    + "|".join(sorted({*SPEECH_VERBS, "通报", "上台", "讲话", "致辞", "汇报", "接受采访", "受访"}, key=len, reverse=True)) + ")")


def _item_word(noun: str) -> bool:
    """The ordinal's noun is a word for any item or part (条, 点, 任务, 方面), not the name of a kind of thing."""
    return bool(noun) and (noun in slots_mod.PART_NOUNS or noun in _POINT_NOUNS or noun[:2] in _POINT_NOUNS)


def _top_list(outline: Outline) -> OrderedList | None:
    """The document's one top-level list (its numbered parts, headings or numbered paragraphs), or None when the
    corpus has several documents' or several such lists and the question does not say which."""
    for source in _TOP_SOURCES:
        found = [ol for ol in outline.lists if ol.source == source]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _structure(text: str, ordinal, outline: Outline | None, base: dict, strict: bool = False) -> Question | None:
    """A question about an ordered list of the corpus (the Nth / last item, how many, all of them).

    strict (the router did not say "structure"): the list's noun must be counted or asked for in the
    question itself ("十大工程", "哪些工程", "几个部分").
    """
    if outline is None or not outline.lists:
        return None
    named_part = any(ol.source == "parts" and (it := outline.names_item(text, ol)) is not None
                     and (it.clauses or outline.inner(it, ol) is not None) for ol in outline.lists) \
        or any(_section_with_points(text, ol, outline) is not None or outline.names_clause(text, ol) is not None
               for ol in outline.lists)
    # "第三封来信", "一共选登了几封信": a page's letters are its numbered headings.
    entries = bool(_entry_noun(text)) and bool(ordinal and ordinal.position or _COUNTED_ENTRIES.search(text))
    # "打进电话的听众都列一下", "一共几位听众提了问题": the callers of a programme.
    caller_list = next((ol for ol in outline.lists if ol.alias == CALLERS and ol.noun in text), None)
    callers = caller_list is not None and (slots_mod.wants_list(text) or slots_mod.wants_count(text))
    # "主持人念的第二条网友留言", "最后一个打进电话的听众": one of the callers, by its place.
    caller_pick = caller_list is not None and bool(ordinal and ordinal.position) and bool(CALLER_ORDINAL.search(text))
    entries = entries or callers
    # "分了哪几个方面", "一共几条": the document's own parts counted by any word for a part.
    parts_counted = bool(_PARTS_COUNTED.search(text)) and any(ol.source in _TOP_SOURCES for ol in outline.lists)
    if strict and not ordinal and not (named_part and _counts_points(text)) and not entries and not parts_counted:
        if not any(n and (re.search(rf"(?:{_COUNT_WORD})[“\"]?{re.escape(n)}{_ALONE if len(n) == 1 else ''}", text)
                          or _as_verb(n, text))
                   for ol in outline.lists for n in (ol.noun, ol.alias)) \
                and not any(ol.source in ("sections", "headed") and asks_alias(text, ol.alias) or asks_counter(text, ol)
                            for ol in outline.lists):
            return None
    clause_q = _named_clause(text, ordinal, outline, base)
    if clause_q is not None:
        return clause_q
    noun = ordinal.noun if ordinal and ordinal.noun else ""
    if not noun and ordinal:
        # "第二个小标题写的是…": a word for the document's headings anywhere in the question names the list.
        noun = next((h for h in HEADING_NOUNS if h in text), "")
    # "划重点里的第三条", "温馨提示的第二条": the points a heading the question names opens its section with.
    ol = next((x for x in outline.lists if x.source == "headed" and x.alias in text), None)
    # "风险分析有哪几条", "风险分析里面排第三的": a part named by its heading, then where in it or what of it, is the
    # list looked into, before any list a word of the question counts by ("条").
    ol = ol or _part_looked_into(text, outline)
    # "第三批", "最后一批": the parts the text counts by that counter, before any list a noun of the question names.
    ol = ol or (next((x for x in outline.lists if x.source in ("sections", "parts") and asks_counter(text, x)), None)
                if ordinal and ordinal.position else None)
    ol = ol or _questions_put(text, noun, outline)
    ol = ol or (outline.find(noun) if noun else None)
    if ol is None and noun and not any(ol2.noun and ol2.noun in noun for ol2 in outline.lists):
        noun = ""  # "第二个的是啥子行动": the word after the ordinal is not a list's noun; the question names it later
    if ol is None and entries and _ENTRY_AFTER_ORDINAL.search(text):
        ol = outline.find("部分")  # "第四封信反映的是啥问题": the letters, whatever else the question names
    if entries and ordinal and ordinal.position:
        # The letters are counted by the question's own word for them ("第四封来信").
        base = {**base, "ordinal": slots_mod.Ordinal(ordinal.position, _entry_noun(text).removeprefix("封") or "来信")}
    if ol is None and not noun:
        for cand in outline.lists:
            if cand.noun in PUBLIC_NOUNS:
                continue  # "居民议事会", "村民代表": a word for residents inside another noun names no list of them
            # A unit the text labels ("第N条", "第N页") is asked by its counter with an ordinal or a count
            # (asks_counter), not by the character anywhere ("一条不落").
            if cand.noun and cand.noun in text and cand.source != "labelled" or cand.alias and _as_verb(cand.alias, text) \
                    or cand.source in ("numbered", "headed") and cand.alias and cand.alias in text \
                    or cand.source == "sections" and asks_alias(text, cand.alias) \
                    or asks_counter(text, cand):
                ol = cand  # "五项重点任务里的第三项": the list the text announced by that noun ("四步搞定": 第二步)
                break
    # The ordinal's own word is read before the noun was cleared above: "第三条" counts the parts by 条.
    if ol is None and ((ordinal and (ordinal.clause or (noun or ordinal.noun) in slots_mod.PART_NOUNS))
                       or named_part or parts_counted and not ordinal):
        ol = outline.find("部分")
    if ol is None and ordinal and ordinal.position and _item_word(ordinal.noun):
        # "第三项任务", "第七点": a word for an item that names no list of its own counts the document's top list.
        ol = _top_list(outline)
    if callers or caller_pick:
        ol = caller_list
    if ol is None and entries:
        ol = outline.find("部分")
    if ol is None:
        return None
    if ol.source == "speakers" and ol.noun not in OFFICIAL_NOUNS:
        # "第一个讲话的官员": the order among those who hold an office, when the question asks for one.
        ol = next((x for x in outline.lists if x.source == "speakers" and x.doc is ol.doc and x.noun in OFFICIAL_NOUNS
                   and x.noun in text), ol)
    if ol.source == "speakers" and not (ordinal and ordinal.position):
        return None  # "有哪些发言人?" / "几位发言人?": the registry's list of speakers answers it
    part = outline.names_item(text, ol) if ol.source == "parts" else None
    if part is None and ol.source in ("parts", "sections") and _points_of_part(text, ordinal, None) \
            and (picked := pick(ol.items, ordinal.position)) is not None and not picked.clauses \
            and (points := outline.inner(picked, ol)) is not None:
        # "第三部分里一共几条": the points under the part the ordinal picks, counted or listed.
        return Question(text, Intent.STRUCTURE, outline_list=points, **{**base, "ordinal": None})
    part = part or _section_with_points(text, ol, outline)
    # "重点任务的第五项" (the ordinal after the part's name) counts the part's points; "最后的保障措施" (before
    # it) names the part by its place.
    of_part = ordinal is not None and ordinal.position and not ordinal.clause and (
        ordinal.noun in _POINT_NOUNS[1:] or ordinal.noun == "" and part is not None and _ordinal_after(text, part.text)
        # "重点任务当中排在最后的那个行动": the noun the part's own clauses are called by.
        or part is not None and len(ordinal.noun) >= 2 and _ordinal_after(text, part.text) and part.clauses
        and sum(ordinal.noun in c.text for c in part.clauses) * 2 > len(part.clauses))
    counted = _counts_points(text)
    if part is not None and not part.clauses and (inner := outline.inner(part, ol)) is not None:
        # "存在的问题里第二个是啥", "存在的问题有哪几条": the points set out inside the part the question names.
        if ordinal is not None and ordinal.position and not ordinal.clause and ordinal.noun in _POINT_NOUNS:
            return Question(text, Intent.STRUCTURE, outline_list=inner,
                            **{**base, "ordinal": slots_mod.Ordinal(ordinal.position, ordinal.noun)})
        if not ordinal and counted:
            return Question(text, Intent.STRUCTURE, outline_list=inner, **base)
    if part is not None and part.clauses:
        # A part named by its heading: "主要措施的第三条" is its third clause, "主要措施有哪几项" its clauses.
        at = ol.items.index(part) + 1
        if of_part:
            n = ordinal.position if ordinal.position > 0 else len(part.clauses) + ordinal.position + 1
            return Question(text, Intent.STRUCTURE, outline_list=ol,
                            **{**base, "ordinal": slots_mod.Ordinal(at, "部分", max(n, 0))})
        if not ordinal and counted:
            return Question(text, Intent.STRUCTURE, outline_list=ol,
                            **{**base, "ordinal": slots_mod.Ordinal(at, "部分")})
    if (part if ol.source == "parts" else outline.names_item(text, ol)) is not None and not ordinal:
        return None  # "X行动包括哪些内容?" is about one item, not the list
    if ordinal is None and not (slots_mod.wants_count(text) or _counts_points(text) or asks_counter(text, ol)):
        return None
    # "第三部分叫什么名字": the name asked is the part's own when the question asks for no one (谁, 哪位, people).
    named_only = _NAME_ASKED.search(text) and not _SOMEONE_ASKED.search(text) and not _PEOPLE_WORD.search(text)
    if ol.source not in ("questions", "speakers") and not WHO_LEADS_Q.search(text) and not named_only \
            and (ordinal and base["asks"] & {"person"} or (ordinal and _SAID.search(text) and "谁" in text)):
        return Question(text, Intent.WHO_SAID, plural=True, outline_list=ol,
                        **{k: v for k, v in base.items() if k != "plural"})
    return Question(text, Intent.STRUCTURE, outline_list=ol, **base)


_EN_PLURAL = re.compile(r"\b(all|every(one|body)?|list|which officials|who all)\b", re.I)
# "What did the head of X say about Y?": what someone said, not who they are.
_EN_SAID = re.compile(r"\b(?:say|says|said|talk|talked|speak|spoke|mention|mentioned)\b", re.I)
# "… say about Y": a topic after the verb of speech.
_EN_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning)\b", re.I)
_EN_GENDER = re.compile(r"\b(wom[ae]n|m[ae]n|female|male|gender|lady|gentleman)\b", re.I)
_EN_DOC_ROLES = ((re.compile(r"\b(wr[io]te|written|author|reporter|journalist)\b", re.I), "reporter"),
                 (re.compile(r"\beditor\b", re.I), "editor"), (re.compile(r"\bphoto", re.I), "photographer"),
                 (re.compile(r"\b(newspaper|outlet|source|published (in|by)|which (paper|media|website))\b", re.I), "outlet"),
                 (re.compile(r"\b(when|date|day)\b", re.I), "date"), (re.compile(r"\b(headline|title)\b", re.I), "title"))


def understand_english(text: str, terms: str, people: list[Person], titles: TitleMatcher, router: Router) -> Question:
    """An English question routed by the English examples; people and titles come from its Chinese terms.

    Routes that need retrieval or a word-level reading of the question (structure, facts) stay with the general
    English path; those answered from the registry, the metadata or one person's statements take the Chinese
    routes, and the answer is framed in English afterwards.
    """
    from bot.pipeline.english import name_pinyin

    named = _people_in(terms, people)
    routed = delex.mask_english(text, [name_pinyin(p.name) for p in named])
    allowed = _WITH_TWO if len(named) >= 2 else (_WITH_PERSON if named else _NO_PERSON | {"compare"})
    route = router.route(routed, allowed)
    asks = slots_mod.asks_in_english(text)
    # Even the general path checks the asked kind: "How much will X cost?" is not answered by X's size.
    general = Question(text, Intent.GENERAL, english=True, route=route.label, route_confidence=route.confidence,
                       asks=asks)
    han = [w for w in terms.split() if re.search(r"[\u4e00-\u9fff]", w)]
    if not named and _EN_SAID.search(text) and not slots_mod.ASKS_EN["person"].search(text):
        # "What did the head of the X bureau say (about Y)?": a post, matched through its translation, and a
        # verb of speech: that person's statements answer, whatever the nearest example.
        holder = titles.by_terms(han)
        if holder is not None:
            return Question(terms, Intent.PERSON_SAID, person=holder, english=True, route=route.label,
                            route_confidence=route.confidence, people=[holder], original=text,
                            generic_said=not _EN_ABOUT.search(text))
    if route.similarity < router.loose:
        return general
    base = dict(english=True, route=route.label, route_confidence=route.confidence, asks=asks, people=named,
                plural=bool(_EN_PLURAL.search(text)), original=text)
    person = named[0] if named else None
    label = route.label
    if len(named) >= 2 and label in ("compare", "said", "said_any"):
        return Question(terms, Intent.COMPARE, person=person, **base)
    if person and label in ("said", "said_any"):
        return Question(terms, Intent.PERSON_SAID, person=person, generic_said=label == "said_any", **base)
    if person and label in ("person_title", "yes_no"):
        return Question(terms, Intent.PERSON_TITLE, person=person, **base)
    if label == "gender" and _EN_GENDER.search(text):
        return Question(terms + " 性别", Intent.GENDER, person=person, **base)
    if label == "title_lookup" and not person and not _EN_SAID.search(text):
        holder = titles.by_domain(han) or titles.by_terms(han)
        if holder is not None:
            return Question(terms, Intent.TITLE_LOOKUP, person=holder, title_phrase=holder.title, **base)
    if label == "list_speakers" and not person:
        return Question(terms, Intent.LIST_SPEAKERS, **base)
    if label == "doc_facts":
        roles = [role for rx, role in _EN_DOC_ROLES if rx.search(text)]
        if roles:
            return Question(terms, Intent.DOC_FACTS, meta_roles=roles, **base)
    if label == "doc_summary" and not person and _EN_DOC.search(text):
        return Question(terms, Intent.DOC_SUMMARY, **base)
    return general


# An English question about the document itself names it ("What is this article about?").
_EN_DOC = re.compile(r"\b(?:article|report|document|page|story|news|text|piece|decision|plan|notice|interview|"
                     r"transcript|briefing|press conference)s?\b", re.I)
