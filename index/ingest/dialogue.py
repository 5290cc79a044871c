"""Dialogue documents: transcripts, press conferences, interviews and 问答 pages.

A turn opens with a speaker label at the start of a paragraph — `主持人：`, `记者：`, `XX报记者：`,
`问：` / `答：`, `答（TITLE NAME）：`, `TITLE NAME：`, `NAME：`, `周局长：`, also in 【】 — and runs over the
following unlabelled paragraphs until the next label, a new section, or a paragraph that reads as the
reporter's narration again (it names the speaker in the third person, or 记者 is its subject).
Hosts and reporters never become speakers: the host's words are narration (a question they relay is a
question), a reporter's words are questions. Titles come from the document itself: guest lists
("出席今天发布会的有：TITLE NAME，…"), the headline ("——访TITLE NAME、TITLE NAME") and introductions.
A record by parts (a court hearing: "审判长：…", "原告：…", "被告委托诉讼代理人：…") labels its turns by the parts a
roster at its head assigns ("审判长：某某", "原告：某某，女，…"): each turn is whoever the roster names for the part.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from index.ingest.lexicon import PORTAL_FIELDS, REPORTER_SUBJECTS, SPEECH_VERBS, SURNAMES_1, SURNAMES_2
from index.ingest.names import (
    ends_in_title,
    full_name,
    is_name,
    name_comma_post,
    name_then_post,
    name_then_title,
    short_reference,
    split_title_name,
    titled_people,
)
from index.models import Speaker

HOST, ASK, ANSWER, CAST = "host", "ask", "answer", "cast"

# An online interview stamps each turn with its time: "[10:01] 主持人：", "【10:01】", "10:01:30 ".
TIME_STAMP = r"[\[【（(]?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[\]】）)]?"
_LABEL_RX = re.compile(
    r"^\s*(?:" + TIME_STAMP + r"\s*(?=\S))?"
    # A policy explainer numbers its questions: "一、问：…", "（二）问：…", "3.问：…".
    r"\s*(?:(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])\s*(?=问|答))?"
    r"\s*(?:【(?P<bracket>[^】\n]{1,30})】\s*[：:]?|(?P<handle>(?:网友|网民|听众|观众|读者|市民)\s*“[^”\n]{1,20}”\s*"
    r"(?:问|提问|留言|来信)?)\s*[：:]|(?P<at>@[^\s：:@]{1,30}(?:\s*回复\s*@[^\s：:@]{1,30})?)\s*[：:]|(?P<plain>[^，,。：:！？!?“”‘’；;\n]{1,36}?)\s*[：:])\s*"
)
_HOST_WORDS = ("主持人", "主持", "主播")
# The opening of an editor's line in a compilation, a feature or a speech's page ("编者：以上观点…", "【编者按】…",
# "编后：…"): the page speaking about the text, nobody's words.
_EDITORS_OPENING = r"^[\s\u3000]*[【\[（(]?\s*编(?:者按?|后语?|者的话)"
_EDITORS = re.compile(_EDITORS_OPENING)
# With its colon, it ends a turn of a transcript (without one, "编者" may be a word of the turn).
_EDITOR_LINE = re.compile(_EDITORS_OPENING + r"\s*[】\]）)]?\s*[：:]")


def is_editors_line(line: str) -> bool:
    """Whether a line opens with the editor's label ("编者按：", "【编后】", "编者的话")."""
    return bool(_EDITORS.match(line))


# A part of the audience and a verb of asking ("学员提问", "村民代表发问", "现场观众问"): a closed class of the
# audience's parts, so a clause that relays a question ("有观众留言问：") is no label.
_AUDIENCE = ("学员", "代表", "观众", "听众", "群众", "村民", "居民", "委员", "同学", "学生", "家长", "职工", "党员")
_ASKER = re.compile(r"^(?!有)([\u4e00-\u9fff]{0,6}(?:" + "|".join(_AUDIENCE) + r"))(?:提问|发问|问)$")
_ASK_EXACT = {"问", "提问", "记者问", "网友", "网友提问", "网友问", "观众", "听众", "网民", "读者", "群众", "市民",
              "热线电话", "热线", "来电", "听众来电", "观众来电", "市民来电", "询问"}
# "应询：" answers a special inquiry's "询问：" as "答：" answers "问：".
_ANSWER_EXACT = {"答", "回答", "答复", "应询"}
_CAST_WORDS = {"发布人", "嘉宾", "出席嘉宾", "发布嘉宾", "访谈嘉宾", "受访嘉宾", "受访者", "出席", "出席人员",
               "主讲人", "主讲嘉宾", "与会嘉宾", "在线嘉宾", "出席领导"}
# A programme's parts for the people it seats ("上场嘉宾", "特约评论员", "现场点评人").
_CAST_ROLES = ("嘉宾", "评论员", "观察员", "点评人", "点评嘉宾", "主讲人")
# Field names of a page ("时间：…", "地点：…"): never a person, though some start with a surname.
_FIELD_WORDS = {"时间", "地点", "日期", "来源", "作者", "编辑", "主题", "内容", "题目", "标题", "地址", "电话", "网址",
                "关键词", "摘要", "备注", "附件", "说明", "链接", "原标题", "导语", "简介", "背景", "提示", "注",
                # A leader's profile on a portal ("职务：…", "简历：…", "工作分工：…"): fields, never someone speaking.
                "姓名", "性别", "民族", "籍贯", "出生年月", "学历", "学位", "政治面貌", "职务", "职称", "简历",
                "个人简历", "分工", "工作分工", "职责", "工作职责", "主要职责", "分管", "联系", "现任", *PORTAL_FIELDS}
# A person's part in making the document ("解读人：某局副局长 某某"): a field of the page, never a turn.
_DOCUMENT_ROLES = {"解读人", "联系人", "签发人", "起草人", "审核人", "审稿人", "经办人", "承办人", "撰稿人", "执笔人",
                   "留言人", "来信人", "核稿人", "签发", "审签", "编印", "主办", "承办"}
# Whom an official document or a bulletin goes to, in its closing block ("报：…", "送：…", "发：…", "抄送：…"): a
# closed class of the genre's keys. DISTRIBUTION_LINE reads one such line.
DISTRIBUTION_KEYS = ("主送", "抄送", "抄报", "分送", "报送", "报", "送", "发")
DISTRIBUTION_LINE = re.compile(r"^\s*(" + "|".join(DISTRIBUTION_KEYS) + r")\s*[：:]\s*(\S.*?)\s*$")
# The line naming who compiled an issue, with its date ("甲市乙办公室编　2026年11月24日").
ISSUER_LINE = re.compile(r"^\s*([\u4e00-\u9fff（）()]{4,40}?)(?:编印|编|主办)[\s\u3000]+(?:\d{4}\s*年|\d{4}[-./])")
_QA_RX = re.compile(r"^(?:Q|q)\d*$")
_A_RX = re.compile(r"^(?:A|a)\d*$")
_ANSWER_BY_RX = re.compile(r"^(?:答|回答)\s*[(（](?P<who>.+)[)）]$")
_HOST_BY_RX = re.compile(r"^(?:主持人|主持|主播)\s*(?:[(（](?P<paren>.+)[)）]|(?P<rest>.+))?$")
_QUESTION_END = ("？", "?", "？”", "?”")
_MEDIA_ENDS = ("报", "台", "网", "社", "刊", "杂志", "新闻", "频道")
_OFFICE_END = re.compile(r"(?:负责人|发言人|局长|主任|部长|书记|县长|区长|市长|厅长|处长|院长|校长|所长|主席|经理|董事长)$")
_UNNAMED_OFFICE = re.compile(r"^(?:国家|省|市|县|区|州|镇|乡|街道)?[\u4e00-\u9fff]{1,20}(?:负责人|发言人|新闻发言人)$")
# An item's number opening a line ("（二）", "三、", "4."): a label after it is the item's, and so is the turn.
ITEM_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])\s*")
# The words a body's name ends in, as a whole label is matched against them (a town reports in minutes too).
_BODY_WORDS = "局|委员会|委|办公室|中心|政府|大队|支队|管理处|管理所|公司|法院|检察院|医院|镇|乡|街道"
# A body alone as a numbered item's label ("（二）县水利局：…", "（六）某某镇：…"): the body reports, as in minutes
# where units report in turn. Only with the item's number: unnumbered, "市X局：负责…" is a plan's assignment. Not the
# short ends that close everyday words too ("（二）工作部署：", "研究所得"): with a verb of replying (below) they do.
_BODY_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,20}?(?:" + _BODY_WORDS + ")$")
_DUTY = re.compile(r"\s*(?:负责|牵头|承担|主要职责|职责|配合|协助|指导|督促|做好|组织)")
# A body (or several) labelled with a verb of replying ("市X局答复：", "市甲局、市乙局答复：", "县政府回复："): the
# body answers in its own voice, as an unnamed official does.
_BODY_REPLY = re.compile(r"^(?P<who>(?:[\u4e00-\u9fff]{2,20}?(?:" + _BODY_WORDS + r"|办|部|厅|署|站|所|街道办事处)"
                         r"[、和及]?)+)(?:答复|回复|回应|作答|答)$")


def _document_role(text: str) -> bool:
    """The line names someone's part in making the document ("解读人：…", "联系人：…")."""
    m = re.match(r"^\s*([^：:\s]{2,4})\s*[：:]", text)
    return bool(m) and m.group(1) in _DOCUMENT_ROLES


def document_field(text: str) -> bool:
    """A field of the whole document, wherever it stands: who made it, or how to reach them ("联系电话：…")."""
    return _document_role(text) or bool(re.match(r"^\s*联系(?:电话|方式|地址|邮箱)\s*[：:]", text)) \
        or bool(DISTRIBUTION_LINE.match(text)) or bool(ISSUER_LINE.match(text))


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a paragraph."""

    role: str  # HOST, ASK, ANSWER or CAST
    length: int  # characters the label takes in the paragraph, its colon and spaces included
    speaker: Speaker | None = None  # whom the label names (for ANSWER; the host or reporter otherwise)
    reference: tuple[str, str] | None = None  # "周局长" → ("周", "局长"), resolved against the guests
    bare_name: bool = False  # only a name: a label only in a document that is a dialogue
    handle: bool = False  # a member of the public under a handle ("网友“某某”问："): inside a turn, a relayed question


# A label with a note in brackets: a short note on the turn ("某某委员（追问）：", "正方三辩（质询小结）：", up to
# _TURN_NOTE_MAX characters) is no part of who speaks; a person's post ("某某代表（某镇某村党支部书记）", the person
# in up to _POSTED_WHO_MAX characters) says who they are.
_BRACKET_NOTE = re.compile(r"^(?P<who>[^（()）]{2,30})[（(](?P<note>[^（()）]{1,30})[)）]$")
_TURN_NOTE_MAX = 8
_POSTED_WHO_MAX = 12


def _classify(words: str) -> tuple[str, Speaker | None, tuple[str, str] | None, bool] | None:
    # "（二）县水利局：", "3. 某某：": a report numbered as an item of minutes; the number is the item's, not the
    # speaker's title.
    words = re.sub(r"\s+", " ", words.strip("*_ \u3000"))
    numbered = bool(ITEM_NUMBER.match(words))
    words = ITEM_NUMBER.sub("", words)
    compact = words.replace(" ", "")
    if not compact or compact in _FIELD_WORDS or compact in _DOCUMENT_ROLES:
        return None
    bracketed = _BRACKET_NOTE.match(compact)
    noted = bracketed if bracketed and len(bracketed.group("note")) <= _TURN_NOTE_MAX else None
    if noted and (noted.group("note") in _ASK_EXACT or noted.group("note").endswith(("来电", "提问", "来信", "留言"))):
        return ASK, None, None, False  # "市民某某（热线来电）：": a caller asking, as "来电：" is
    if noted and not (is_name(noted.group("note")) or split_title_name(noted.group("note"))
                      or _OFFICE_END.search(noted.group("note"))) \
            and not _HOST_BY_RX.match(noted.group("who")) and noted.group("who") not in _ANSWER_EXACT:
        found = _classify(noted.group("who"))
        if found is not None and found[0] == ANSWER and (found[1] is not None and found[1].name or found[2]):
            return found  # "某某委员（追问）": 某某, whatever the note says of the turn
    posted = bracketed if bracketed and len(bracketed.group("who")) <= _POSTED_WHO_MAX \
        and len(bracketed.group("note")) >= 2 else None
    if posted and (ends_in_title(posted.group("note")) or _OFFICE_END.search(posted.group("note"))):
        # "某某代表（某镇某村党支部书记）": a delegate or member named, with their post in brackets.
        found = _classify(posted.group("who"))
        if found is not None and found[0] == ANSWER and (found[1] is not None and found[1].name or found[2]):
            name = found[1].name if found[1] is not None and found[1].name else found[2][0]
            return ANSWER, Speaker(name=name, title=posted.group("note")), None, False
    host = _HOST_BY_RX.match(compact if "(" in compact or "（" in compact else words)
    if host:
        who = (host.group("paren") or host.group("rest") or "").strip()
        return HOST, (split_title_name(who) if who else None), None, False
    if compact in _ASK_EXACT or _QA_RX.match(compact) or compact.startswith("网友") and len(compact) <= 6 \
            or re.match(r"^(?:观众|听众|网友|网民|读者|市民|热线电话)[（(]", compact):
        return ASK, None, None, False  # "观众（某县李女士）": a member of the public, named in brackets
    asker = _ASKER.match(compact)
    if asker and not is_name(asker.group(1)):
        # "学员提问：", "企业代表提问：", "现场观众问：": someone of the audience asking, by their part, not their name.
        return ASK, None, None, False
    if "记者" in compact or "通讯员" in compact:
        # "XX报记者", "XX台记者 NAME": a reporter asking.
        tail = re.split(r"记者|通讯员", compact)[-1].strip("（）() ")
        return ASK, (Speaker(name=tail) if is_name(tail) else None), None, False
    if compact in _ANSWER_EXACT or _A_RX.match(compact):
        return ANSWER, None, None, False
    by = _ANSWER_BY_RX.match(compact if " " not in words else words)
    if by:
        who = by.group("who").strip()
        person = split_title_name(who)
        ref = None if person else short_reference(who.replace(" ", ""))
        if not person and not ref and _OFFICE_END.search(who):
            person = Speaker(name="", title=who.replace(" ", ""))  # "答（市X局负责人）"
        return ANSWER, person, ref, False
    if compact in _CAST_WORDS or compact.endswith(_CAST_ROLES) and len(compact) <= 8:
        return CAST, None, None, False  # "上场嘉宾：…", "特约评论员：…": who is on the programme
    body = _BODY_REPLY.match(compact)
    if body:
        return ANSWER, Speaker(name="", title=body.group("who")), None, False  # "市X局答复："
    if numbered and _BODY_LABEL.match(compact) and not compact.endswith(tuple(SPEECH_VERBS)):
        return ANSWER, Speaker(name="", title=compact), None, False  # "（二）县水利局："
    if compact.endswith(tuple(SPEECH_VERBS)) and (len(compact) > 3 or compact[-1] in "说称道"):
        return None  # "市长张三说：", "张三说：" are news prose introducing a quotation, not labels
    person = split_title_name(words)
    if person:
        return ANSWER, person, None, not person.title
    ref = short_reference(compact)
    if ref:
        return ANSWER, None, ref, False
    person = name_then_post(compact)
    if person:
        return ANSWER, person, None, False  # "易某华总规划师：", "丁某兰副理事长："
    if compact.endswith(_MEDIA_ENDS) and len(compact) <= 12:
        return ASK, None, None, False  # "本报：", "某某日报：" — the outlet asking
    if _UNNAMED_OFFICE.match(compact):
        return ANSWER, Speaker(name="", title=compact), None, False  # "市X局负责人："
    if _UNNAMED_DELEGATE.match(compact):
        # "出租车司机代表：", "学生家长代表：": someone who speaks for a group, unnamed, in their own words.
        return ANSWER, Speaker(name="", title=compact), None, False
    return None


# A label that names someone only by whom they speak for ("出租车司机代表", "行风监督员代表").
_UNNAMED_DELEGATE = re.compile(r"^[\u4e00-\u9fff]{2,8}代表$")


def parse_label(text: str) -> Label | None:
    """The speaker label that opens a paragraph, if any (not yet checked against the document)."""
    m = _LABEL_RX.match(text)
    if not m:
        return None
    rest = text[m.end():]
    if m.group("handle"):
        # "网友“某某”问：": a member of the public asking, under a handle. The handle stays in the text (length 0),
        # as a microblog's "@网名：" does: it is who asked, which the question's passage must say.
        return Label(role=ASK, length=0, handle=True) if text[m.end():].strip() else None
    if m.group("at"):
        # A microblog thread: "@网名：…" is a comment, asked as a reporter's question is; "@某局 回复 @网名：…" is
        # the account's reply, the page's own voice as a host's words are (a reply signed "——某局副局长 某某" is
        # that official's: speakers._signed).
        if not rest.strip():
            return None
        # The handle stays in the text (length 0): "@网名：…" is how the page shows whose comment or reply it is.
        return Label(role=HOST if "回复" in m.group("at") else ASK, length=0, handle="回复" not in m.group("at"))
    words = m.group("bracket") or m.group("plain")
    found = _classify(words)
    if not found:
        return None
    role, speaker, ref, bare = found
    if speaker is not None and not speaker.name and _BODY_LABEL.match(speaker.title) and _DUTY.match(rest):
        return None  # "（6）县X局：负责…": a plan assigns the body its duties; the plan's words, not the body's
    if speaker is not None and not speaker.name and _UNNAMED_DELEGATE.match(speaker.title) \
            and "、" in rest and not re.search(r"[。！？!?]", rest):
        return None  # "评议代表：市人大代表、市政协委员…": a field listing who they are, no one speaking
    if not rest.strip() and role not in (HOST, ASK, ANSWER, CAST):
        return None
    if m.group("bracket") and not rest.strip() and _ASKER.match(words.replace(" ", "")):
        return None  # "【市民提问】" alone on its line heads a part of the programme
    if re.match(r"^[\d\s\-/:：.年月日时分]+$", rest):
        return None  # "某某：2023年6月1日" reads as a field, not a turn
    return Label(role=role, length=m.end(), speaker=speaker, reference=ref, bare_name=bare)


def line_label(body: str, pos: int) -> tuple[int, Label | None]:
    """Where the line holding `pos` starts, and the speaker label that opens it (None when it has none)."""
    start = body.rfind("\n", 0, pos) + 1
    return start, parse_label(body[start:])


# A field line is short ("联系人：某某", "办理单位：某局 回复时间：…"); a long "回复内容：…" is the reply itself.
FIELD_LINE_MAX = 60


def names_a_field(key: str) -> bool:
    """The words before a colon end in a page's field word ("稿件标题", "新闻来源"): a field, however long."""
    return key.endswith(tuple(_FIELD_WORDS))


def is_field_line(text: str) -> bool:
    """A 'key：value' line of a page ("时间：…", "留言时间：…", "网名：某某 留言时间：…"): information, never a
    heading. The key is a field word or ends in one (a kind of time, unit, name or number); two such pairs on one
    line are fields whatever their keys."""
    m = re.match(r"^\s*([^：:\s]{1,6})\s*[：:]\s*\S", text)
    if not m:
        return False
    key = m.group(1)
    if key in _DOCUMENT_ROLES or key in DISTRIBUTION_KEYS:
        return True  # "签发：某某", "报：…": the document's own colophon
    if key in _CAST_WORDS or key.endswith(_HOST_WORDS):
        return False  # "发布人：…", "主持人：…": the cast of a transcript, read as such
    return key in _FIELD_WORDS or key.endswith(_FIELD_HEADS) or bool(_TWO_FIELDS.match(text))


# The last word of a field's key that says it is one ("留言时间", "办理单位", "网名", "联系人", "文号").
# A key that ends in 人 names a person's part in the document ("解读人", "签发人", "起草人"); one that ends in 机关
# or 机构 names a body's ("解读机关", "发布机构").
_FIELD_HEADS = ("时间", "日期", "时限", "期限", "单位", "部门", "网名", "昵称", "人", "文号", "编号", "电话", "地点", "机关", "机构")
# "网名：某某 留言时间：2026-10-28": key-value pairs side by side.
_TWO_FIELDS = re.compile(r"^\s*[^：:\s]{1,6}\s*[：:]\s*\S[^。！？!?]{0,40}?\s+[^：:\s]{1,6}\s*[：:]\s*\S")


def is_label_line(text: str) -> bool:
    """A line that opens a dialogue turn (never a heading)."""
    label = parse_label(text)
    return bool(label and not label.bare_name)


@dataclass(frozen=True)
class RosterEntry:
    """A line of a record's roster: the part ("审判长", "原告", "委托诉讼代理人"), who plays it (no name for a body or
    for several people), the gender the line states, and where the line stands."""

    index: int
    part: str
    speaker: Speaker
    gender: str = ""
    text: str = ""


# A roster line: a part, a colon, whom it names and perhaps a description after a comma or in brackets
# ("原告：丁某兰，女，1968年生，某村村民。", "审判员：易某华、柯某平", "被告：乙镇人民政府。").
# Or a post and a name with a space between ("主席：某市委副书记　某某").
_ROSTER_LINE = re.compile(r"^\s*(?P<part>[\u4e00-\u9fff]{2,12})\s*[：:]\s*(?:(?P<who>[^，,。；;：:\s（(]{2,24}?)\s*"
                          r"(?P<rest>[，,（(][^：:]*|。)?|(?P<value>[^，,。；;：:\s（(]{2,30}[\s\u3000]+"
                          r"[\u4e00-\u9fff]{2,4}))$")
# A turn of a record by parts: the part, perhaps a note on the turn in brackets, and its colon ("被告委托诉讼代理人：…",
# "正方三辩（质询小结）：…").
_PART_LABEL = re.compile(r"^\s*([\u4e00-\u9fff]{2,16})\s*(?:[（(][^（()）：:]{1,12}[）)]\s*)?[：:]\s*")
# Where a roster names a body, not a person ("被告：乙镇人民政府").
_BODY_END = re.compile(r"(?:政府|委员会|公司|集团|局|院|所|中心|办公室|委|厂|社|站|银行|学校|医院|协会)$")
# A name as court records and case reports anonymise it ("丁某兰", "苏某").
_ANONYMISED = re.compile(r"^[\u4e00-\u9fff]某[\u4e00-\u9fff]?$")


def _person(name: str) -> bool:
    """A person's whole name, or one a record anonymises."""
    return full_name(name) or bool(_ANONYMISED.match(name))


# The roster is one block at the head: its lines stand at most this many paragraphs apart.
_ROSTER_GAP = 3


def _is_part(key: str) -> bool:
    """A key that names a part someone plays, not a page's field ("办理单位", "联系人") nor a part the dialogue labels
    already know (a host, a reporter, a guest: "主持人", "记者", "嘉宾")."""
    if key in _FIELD_WORDS or key in _DOCUMENT_ROLES or names_a_field(key) \
            or key.endswith(tuple(h for h in _FIELD_HEADS if h != "人")):
        return False  # a key ending in 人 may name a part ("委托代理人", "证人"); "联系人" is a document role
    found = _classify(key)
    return found is None or found[0] == ANSWER and found[3]  # none, or read as a bare name ("原告")


def read_roster(paragraphs: list[str]) -> list[RosterEntry]:
    """The roster lines of a record whose turns go by parts, in order (not yet checked against its turns, nor
    counted: one line alone is a roster only with others read from prose)."""
    entries = []
    # A person the text names is no part: "某某：…" is their turn ("主播：甲、乙" lists them, a title introduces them).
    people = listed_names(paragraphs) | {p.name for p in titled_people("\n".join(paragraphs))}
    for i, text in enumerate(paragraphs):
        posted = _posted_line(text)
        if posted and (not entries or i - entries[-1].index <= _ROSTER_GAP):
            # "评委：甲校副教授　某某；乙局副局长　某某": each person the line names with a post plays the part
            entries += [RosterEntry(i, part, person, "", text.strip()) for part, person in posted]
            continue
        m = _ROSTER_LINE.match(text) if len(text) <= 80 else None
        if m is None or not _is_part(m.group("part")) or m.group("part") in people:
            label = parse_label(text)
            if label is not None and (label.role in (HOST, ASK) and text[label.length:].strip().endswith(
                    ("。", "！", "？", "?", "!")) or label.role == ANSWER and label.speaker and label.speaker.name):
                break  # the turns have begun ("主持人：各位观众…", "郑某：…"): a roster stands above them
            continue
        part, who, rest = m.group("part"), m.group("who") or "", m.group("rest") or ""
        several = re.split(r"[、和及]", who)
        posted = split_title_name(m.group("value")) if m.group("value") else None
        if posted is not None and posted.name and posted.title:
            # "主席：某市委副书记　某某": the part and the person's own post, both words the text calls them by
            speaker = Speaker(name=posted.name, title=f"{part}、{posted.title}")
        elif len(several) > 1 and all(_person(n) for n in several):
            speaker = Speaker(name="", title=part)
        elif _person(who):
            speaker = Speaker(name=who, title=part)
        elif _BODY_END.search(who):
            speaker = Speaker(name="", title=part + who)
        else:
            continue
        if entries and i - entries[-1].index > _ROSTER_GAP:
            break  # past the head: "审判长：原告，你…" is a turn
        sex = re.match(r"^[，,（(]\s*([男女])(?:性)?\s*[，,）)]", rest)
        entries.append(RosterEntry(i, part, speaker, {"男": "m", "女": "f"}.get(sex.group(1), "") if sex else "",
                                   text.strip()))
    return entries


def _posted_line(text: str) -> list[tuple[str, Speaker]]:
    """A roster line that names two people or more, each by post and name, apart by semicolons ("评委：甲校副教授
    某某；乙局副局长　某某"): each person with the part and their post as title; [] for any other line."""
    m = re.match(r"^\s*([\u4e00-\u9fff]{2,8})\s*[：:]\s*(.+?)[。；;]?\s*$", text)
    if m is None or len(text) > 200 or not _is_part(m.group(1)):
        return []
    people = [split_title_name(x.strip()) for x in re.split(r"[；;]", m.group(2))]
    if len(people) < 2 or not all(p is not None and p.name and p.title and _person(p.name) for p in people):
        return []
    return [(m.group(1), Speaker(name=p.name, title=f"{m.group(1)}、{p.title}")) for p in people]


# A name right after a part in prose ("一辩某某，来自…"): two to four characters up to a mark or a word that ends it.
_PROSE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _name_at(text: str, pos: int, end: int | None = None) -> str:
    """The full name that starts at pos (and ends by `end`), longest first ("某某某，来自…" → "某某某"); "" when
    none does."""
    m = _PROSE_NAME.match(text, pos, len(text) if end is None else end)
    if m is None:
        return ""
    return next((m.group()[:k] for k in range(len(m.group()), 1, -1) if _person(m.group()[:k])), "")


def _prose_player(part: str, text: str, end: int, parts) -> int:
    """Where the name of whoever plays the part starts in the prose before `end` (its first turn), -1 when nowhere:
    right after the part ("主席某某"), or after the part's place within its side's list ("正方是甲队：一辩某某").
    parts: every part that labels turns, whose sides bound one another's lists."""
    for m in re.compile(re.escape(part) + r"[：:是为由\s]*").finditer(text, 0, end):
        if _name_at(text, m.end(), end):
            return m.end()
    for cut in range(2, len(part) - 1):
        side, place = part[:cut], part[cut:]
        others = {k[:len(k) - len(place)] for k in parts if k.endswith(place) and k != part and len(k) > len(place)}
        member_rx = re.compile(re.escape(place) + r"[：:是为\s]*")
        for m in re.compile(re.escape(side)).finditer(text, 0, end):
            member = member_rx.search(text, m.end(), end)
            if member is None:
                break
            if any(o and o in text[m.end():member.start()] for o in others):
                continue  # another side's word stands between: this is not the side's own list
            if _name_at(text, member.end(), end):
                return member.end()
            break
    return -1


# At most this many parts are looked for in prose: a record has a handful; a page of "key：value" lines is no record.
_PROSE_PARTS_MAX = 24


def prose_roster(paragraphs: list[str], roster: list[RosterEntry]) -> list[RosterEntry]:
    """Who plays the parts that label turns when no roster line says so, read from the prose above each part's first
    turn: the part then a name ("主席某某"), or a side named first and its members by their places ("正方是甲队：一辩
    某某；二辩…。反方是乙队：一辩…" for the turns "正方一辩：…", "反方一辩：…"). A side's members are read between the
    side's word and the next side's, so one side's "一辩" is never the other's."""
    first: dict[str, int] = {}
    for i, text in enumerate(paragraphs):
        m = _PART_LABEL.match(text)
        # A bare name ("某某：…") is a person's own turn, never a part someone else plays.
        if m and text[m.end():].strip() and _is_part(m.group(1)) and not _person(m.group(1)) \
                and played_by(roster, m.group(1)) is None:
            first.setdefault(m.group(1), i)
    if len(first) > _PROSE_PARTS_MAX:
        return []
    whole = "\n".join(paragraphs)
    starts = list(itertools.accumulate((len(p) + 1 for p in paragraphs), initial=0))
    found = []
    for part, at in first.items():
        start = _prose_player(part, whole, starts[at], first)
        name = _name_at(whole, start, starts[at]) if start >= 0 else ""
        if name:
            # "一辩某某，来自市财政局": where they come from is part of how the text presents them
            unit = re.match(r"[，,]\s*来自([^，,。；;：:\s]{2,20})", whole[start + len(name):starts[at]])
            found.append(RosterEntry(at, part, Speaker(name=name, title=f"{part}（来自{unit.group(1)}）" if unit
                                                       else part)))
    names = [e.speaker.name for e in found]
    return [e for e in found if names.count(e.speaker.name) == 1]  # one person playing two parts is a misreading


def played_by(roster: list[RosterEntry], part: str) -> Speaker | None:
    """Who plays the part a turn's label names: the one roster line of that part; or, for a part under another
    ("被告委托诉讼代理人"), the first line of the lower part after the upper part's line; None when the roster has
    no such part."""
    same = [e for e in roster if e.part == part]
    if len(same) == 1:
        return same[0].speaker
    if same:
        return Speaker(name="", title=part)  # two lines of one part: the label does not say which
    for upper in roster:
        if part.startswith(upper.part) and len(part) > len(upper.part):
            lower = part[len(upper.part):]
            below = next((e for e in roster if e.index > upper.index and e.part.endswith(lower)), None)
            if below is not None:
                return Speaker(name=below.speaker.name, title=part)
    return None


@dataclass
class Cast:
    """Who takes part in a dialogue document: guests with titles, the host and reporters (never speakers)."""

    guests: dict[str, Speaker] = field(default_factory=dict)
    hosts: set[str] = field(default_factory=set)
    non_speakers: set[str] = field(default_factory=set)
    is_dialogue: bool = False
    introduced: list[str] = field(default_factory=list)  # guests named before the first turn
    first_turn: int = -1  # the index of the first labelled paragraph (-1: none)
    listed: set[str] = field(default_factory=set)  # the names cast lines list ("本期主播：阿杰、小雨")
    roster: list[RosterEntry] = field(default_factory=list)  # a record by parts: who plays each part

    def turn(self, text: str, item: bool = False) -> Label | None:
        """A paragraph's turn label, also where it is only a name that a cast line lists: a programme's hosts and
        guests go by the names it gives them, nicknames included ("小雨：…" under "本期主播：阿杰、小雨"). In a record
        by parts ("审判长：…", "原告：…"), the label is the part, and the roster says who plays it."""
        if self.roster:
            if any(text.strip() == e.text for e in self.roster):
                return None  # the roster line itself names who plays the part; it says nothing
            m = _PART_LABEL.match(text)
            who = played_by(self.roster, m.group(1)) if m and text[m.end():].strip() else None
            if who is not None:
                return Label(role=ANSWER, length=m.end(), speaker=who)
        label = turn_label(text, item)
        if label is not None and label.role == CAST and self.listed and _SPOKEN.search(text[label.length:]) \
                and not listed_names([text]):
            # "嘉宾：嗯，这个呢，…" after the cast lines: the guest's turn, not another list of who takes part; the
            # one guest's, when the cast lines name one (not whoever answered last: a podcast's host speaks too).
            return Label(role=ANSWER, length=label.length, speaker=self.only_guest())
        if label is not None or item:
            return label
        m = _NAME_LABEL.match(text)
        if m is None or m.group(1) not in self.listed or not text[m.end():].strip():
            return None
        # A podcast's hosts speak in their own right: their turns are theirs, as any bare name's are.
        return Label(role=ANSWER, length=m.end(), speaker=Speaker(name=m.group(1)), bare_name=True)

    def only_guest(self) -> Speaker | None:
        """Whom an unnamed answer is by: the one guest, else the one guest introduced before the first turn
        ("记者专访了TITLE NAME" above 问：/答：), though others are named later in the page."""
        guests = [p for p in self.guests.values() if p.name not in self.non_speakers]
        if len(guests) == 1:
            return guests[0]
        intro = [self.guests[n] for n in self.introduced if n in self.guests and n not in self.non_speakers]
        return intro[0] if len(intro) == 1 else None

    def add_guest(self, person: Speaker) -> None:
        """Remember a titled person; the fullest title wins."""
        if person.name in self.non_speakers or not person.name:
            return  # an unnamed speaker ("县X局：…") is no one to find by name
        prev = self.guests.get(person.name)
        if prev is None or len(person.title) > len(prev.title):
            self.guests[person.name] = person

    def resolve(self, label: Label) -> Speaker | None:
        """The full speaker a label stands for, with the title the document gives them."""
        if label.speaker:
            rostered = next((e.speaker for e in self.roster if label.speaker.name and e.speaker.name == label.speaker.name
                             and label.speaker.title in e.speaker.title), None)
            if rostered is not None:
                return rostered  # "评委某某：" for the roster's "评委：甲校副教授　某某": the part and the post
            known = self.guests.get(label.speaker.name) if label.speaker.name else None  # no name: no one to look up
            if known and len(known.title) > len(label.speaker.title) and known.title.endswith(label.speaker.title):
                return known  # "局长 张三：" for the guest introduced as "市X局局长张三"
            return label.speaker  # the label's own title ("市X委副主任"), not the host's "市X委党组成员、副主任"
        if label.reference:
            head, office = label.reference
            found = self.by_reference(head, office)
            if found is None and len(head) >= 3 and full_name(head):
                return Speaker(name=head, title=office)  # "邓某明教授：": a full name needs no guest list
            return found
        return None

    def by_reference(self, head: str, office: str) -> Speaker | None:
        """'周'+'局长' → the one guest with that surname (or name) whose title ends in that office."""
        return resolve_reference(head, office, self.guests.values())

    def addressed(self, text: str) -> Speaker | None:
        """The one guest a question or the host names ("请张三丰局长回答", "刘局长，…")."""
        hits: dict[str, Speaker] = {}
        for p in self.guests.values():
            if p.name in text:
                hits[p.name] = p
        for m in re.finditer(r"(?:[\u4e00-\u9fff]{1,3})(?=(?:副)?(?:局长|主任|书记|部长|县长|区长|市长|厅长|处长|"
                             r"院长|校长|所长|行长|主席|经理|董事长|总经理|秘书长))", text):
            tail = text[m.end():]
            office = next((o for o in _OFFICES if tail.startswith(o)), "")
            for k in range(1, len(m.group()) + 1):
                head = m.group()[-k:]
                if head in SURNAMES_2 or (k == 1 and head in SURNAMES_1) or is_name(head):
                    person = self.by_reference(head, office)
                    if person:
                        hits[person.name] = person
        return next(iter(hits.values())) if len(hits) == 1 else None


_OFFICES = ("副董事长", "副总经理", "董事长", "总经理", "秘书长", "副局长", "副主任", "副书记", "副部长", "副县长",
            "副区长", "副市长", "副厅长", "副处长", "副院长", "副校长", "副主席", "局长", "主任", "书记", "部长",
            "县长", "区长", "市长", "厅长", "处长", "院长", "校长", "所长", "行长", "主席", "经理")


def resolve_reference(head: str, office: str, people) -> Speaker | None:
    """'周'+'局长' → the one person with that surname (or name) who holds that office. A deputy only when
    nobody of that surname holds the office itself and the office is said without 副 ("房主任" for a
    副主任), as reporters often write; a deputy is never taken for a head of the same surname."""
    same = [p for p in people if p.name == head or (len(head) < len(p.name) and p.name.startswith(head))]
    exact = [p for p in same if _holds(p.title, office)]
    if exact or office.startswith("副"):
        return exact[0] if len(exact) == 1 else None
    deputies = [p for p in same if p.title.endswith(office)]
    return deputies[0] if len(deputies) == 1 else None


def _holds(title: str, office: str) -> bool:
    """Whether a title is that office: '局长' matches '市X局局长' but never '市X局副局长'."""
    if not title.endswith(office):
        return False
    before = title[: len(title) - len(office)]
    return office.startswith("副") or not before.endswith(("副", "常务副"))


def turn_label(text: str, item: bool = False) -> Label | None:
    """A paragraph's turn label; a list's item ("- 全日托：每人每月补助600元") is a key and its value, so a bare name
    before its colon is none."""
    label = parse_label(text)
    return None if item and label is not None and label.bare_name else label


def read_cast(title: str, paragraphs: list[str], credited: list[str], items: set[int] = frozenset(),
              headings: list[str] = (), lines: list[str] = ()) -> Cast:
    """The cast of a document from its headline, labels, guest lists and introductions. items: the paragraphs that
    are a list's items, where a bare name before a colon is a key, not a turn; headings: its sections' titles (a
    cast line set in bold reads as one); lines: headings and paragraphs in reading order (a record's roster)."""
    cast = Cast(non_speakers={n for n in credited if n}, listed=listed_names([*headings, *paragraphs]))
    # lines: headings and paragraphs in reading order, where a roster line may have been taken for a heading.
    ordered = list(lines) or paragraphs
    roster = read_roster(ordered)
    roster = roster + prose_roster(ordered, roster)
    roster = roster if len(roster) >= 2 else []
    listed = {e.text for e in roster}
    # A record by parts: at least two of its turns are labelled by parts its roster names.
    by_part = sum(1 for p in paragraphs if p.strip() not in listed and (m := _PART_LABEL.match(p))
                  and p[m.end():].strip() and played_by(roster, m.group(1)) is not None)
    cast.roster = roster if by_part >= 2 else []
    labels = [(cast.turn(p, i in items), p) for i, p in enumerate(paragraphs)]
    cast.first_turn = next((i for i, (lab, _) in enumerate(labels) if lab), -1)
    # A cast line ("出席：…", "列席：…") names who is there; it is no turn: minutes list those present and speak in
    # the third person ("某某同志指出").
    strong = sum(1 for lab, _ in labels if lab and not lab.bare_name and lab.role != CAST)
    bare: dict[str, int] = {}
    for lab, _ in labels:
        if lab and lab.bare_name:
            bare[lab.speaker.name] = bare.get(lab.speaker.name, 0) + 1
    cast.is_dialogue = strong >= 2 or sum(1 for n in bare.values() if n >= 2) >= 1 or (strong and bare)
    for lab, text in labels:
        if lab and lab.role in (HOST, ASK) and lab.speaker:
            cast.non_speakers.add(lab.speaker.name)
            if lab.role == HOST:
                cast.hosts.add(lab.speaker.name)
        if lab and lab.role == HOST and not lab.speaker:
            # "主持人：市政府新闻办副主任 张三": the line names the host; on a credits line the host's field ends
            # where the next begins ("主持人：吴某　　特约评论员：…").
            rest = re.split(r"[\s\u3000]+[^\s\u3000：:]{1,8}[：:]", text[lab.length:], maxsplit=1)[0]
            people = titled_people(rest) or ([who] if (who := split_title_name(rest.strip())) else [])
            # "主持：某某" in minutes' header (时间、地点、主持、参加、记录) names the chair, who speaks in the record
            # ("某某指出…"); a programme's host line says 主持人 or 主播.
            chair = re.match(r"\s*主[\s\u3000]*持[\s\u3000]*[：:]", text) is not None
            if len(people) == 1 and not re.search(r"[。！？!?]", rest) and not chair:
                cast.non_speakers.add(people[0].name)
                cast.hosts.add(people[0].name)
    for text in paragraphs:
        # "市政府新闻办副主任X主持发布会": whoever hosts a press conference introduces it, never speaks in it.
        for m in _HOSTS_PRESS_RX.finditer(text):
            people = titled_people(m.group("who") or m.group("who2") or "")
            if people:
                cast.non_speakers.add(people[-1].name)
                cast.hosts.add(people[-1].name)
    for person in titled_people(title):
        cast.add_guest(person)
    for entry in cast.roster:
        if entry.speaker.name:
            cast.add_guest(entry.speaker)  # "评委：某校副教授　某某": the part and the post, however the text names them
    opened = False  # a turn has been seen: guests named after it were not introduced above the turns
    for lab, text in labels:
        if _document_role(text):
            continue  # "解读人：某局副局长 某某" names who made the page, not a guest who answers in it
        body = text[lab.length:] if lab else text
        opened = opened or bool(lab and not lab.bare_name)
        # "嘉宾：张三，市X局副局长": the cast line names the guest and the post, name first.
        listed = [who] if lab and lab.role == CAST and (who := name_comma_post(body)) else []
        for person in titled_people(body) + name_then_title(body) + listed:
            if person.name not in cast.non_speakers and not any(w in person.title for w in REPORTER_SUBJECTS):
                cast.add_guest(person)
                if not opened and person.name not in cast.introduced:
                    cast.introduced.append(person.name)
        if lab and lab.role == ANSWER and lab.speaker and lab.speaker.title:
            cast.add_guest(lab.speaker)
    return cast


# A sentence's end: a turn says something, a cast line lists people.
_SPOKEN = re.compile(r"[。！？!?]")
# A turn that opens with a bare short name and a colon ("小雨：…").
_NAME_LABEL = re.compile(r"^\s*([\u4e00-\u9fff]{2,4})\s*[：:]\s*")
# A cast line: a key for the programme's hosts or guests ("本期主播", "嘉宾") and the people it lists.
_CAST_LINE = re.compile(r"^\s*([^：:\s]{1,8})\s*[：:]\s*(.+?)\s*$")


def listed_names(paragraphs: list[str]) -> set[str]:
    """The names that cast lines list under a key for a programme's hosts or guests ("本期主播：阿杰、小雨",
    "嘉宾：易某华（市民政局副局长）"). A line of prose is no cast line."""
    out: set[str] = set()
    for text in paragraphs:
        m = _CAST_LINE.match(text)
        if not m or _SPOKEN.search(m.group(2)):
            continue
        key = m.group(1)
        if not (key.endswith(_HOST_WORDS) or key in _CAST_WORDS or key.endswith(_CAST_ROLES)):
            continue
        # Each listed person: a short name, perhaps with a title in brackets after it.
        for piece in re.split(r"[、，,；;/]|\s+|和|及|与", re.sub(r"[（(][^）)]*[）)]", "", m.group(2))):
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", piece):
                out.add(piece)
    return out


# The host of a press conference named in the prose: "……副主任X主持发布会", "发布会由……X主持".
_HOSTS_PRESS_RX = re.compile(r"(?P<who>[^，,。；;：:“”]{2,40}?)主持(?:了)?(?:本次|今天的|这次|此次)?(?:新闻)?发布会|"
                             r"(?:新闻)?发布会由(?P<who2>[^，,。；;：:“”]{2,40}?)主持")
# The host reading out someone else's question: "有网友留言问，…", "一位市民来信询问：…".
# "下面请记者朋友提问，…" invites questions: nobody has asked yet.
_RELAYED_QUESTION = re.compile(r"^(?![^，,。：:“”]{0,6}?(?:请|欢迎))[^，,。：:“”]{0,8}?(?:网友|网民|市民|群众|读者|观众|听众|记者|朋友|企业)"
                               # "如有疑问，可拨打…" offers help: 疑问 is a doubt, no one asking.
                               r"(?:“[^”]{1,20}”)?[^，,。：:“”]{0,6}?(?<!疑)(?:问|提问|询问|咨询|问道|问到)[，,：:]"
                               # The reporter asking someone in a report: "记者问他：“…”", "记者问正在充电的骑手：“…”".
                               r"|^[^，,。：:“”]{0,8}?记者(?:又|还)?(?:问|追问|提问)[^，,。：:“”]{1,12}[：:]\s*[“\"]")


def relays_question(text: str) -> bool:
    """A sentence of news prose that puts a reporter's or a citizen's question ("有记者问到：…",
    "发布会上，有记者提问：…"): a question, not narration."""
    text = re.sub(r"^[^，,。：:“”]{1,6}[，,]", "", text.lstrip())  # a short opener: "发布会上，"
    return bool(_RELAYED_QUESTION.match(text))


def sentence_role(role: str, text: str) -> str:
    """Within a turn: a host's sentence that asks, or relays someone's question, is a question; else the
    turn's role decides."""
    if role == HOST and (text.rstrip().endswith(_QUESTION_END) or _RELAYED_QUESTION.match(text.lstrip())):
        return ASK
    return role


# The reporter's own sourcing opens a paragraph of narration ("据了解，今年…"), never an answer's continuation.
_REPORTER_SOURCING = ("据了解", "据悉", "另据", "据介绍", "记者了解到", "记者获悉", "记者注意到")
# "据市X局统计，…", "据X数据显示，…": figures the reporter sources to a body, not the guest's answer going on.
SOURCED_FIGURES = re.compile(r"^据[^，,。“”]{1,20}?(?:统计|测算|数据|显示|通报|监测)")
# 记者 in the reporter's scene ("带着记者来到"), not an official addressing them ("刚才这位记者问到").
_REPORTER_IN_SCENE = re.compile(r"(?<!这位)(?<!各位)(?<!那位)(?<!刚才)(?<!媒体)记者(?!朋友|们|的提问|提问|问|所)")


# A broadcast transcript's marks for what was filmed or played, not said in the studio.
SEGMENT_MARK = re.compile(r"^\s*[【\[（(](?:短片|画面|同期声?|现场|视频|字幕|解说|配音|旁白)[】\]）)]")


# The keys of who made a programme or a page ("文字稿整理", "责任编辑", "音频制作", "校对"): a credit, not a turn.
_CREDIT_KEY = re.compile(r"(?:整理|编辑|责编|制作|审核|审校|校对|监制|摄像|摄影|剪辑|配音|出品|统筹|策划)$")
_CREDIT_PAIR = re.compile(r"^\s*([^：:\s]{1,10})\s*[：:]\s*([^：:]{1,30}?)\s*$")
_CREDIT_KEY_OPENS = re.compile(r"^\s*([^：:\s]{1,10})\s*[：:]\s*\S")


def is_credits_line(text: str) -> bool:
    """A line of credits, 'key：value' pairs set apart by bars, at least one of them a maker's ("本期文字稿整理：某某 ｜
    责任编辑：某某 ｜ 音频制作：某工作室"); the last value may run on into a note joined to the line ("…工作室本节目内容
    仅供参考。")."""
    pieces = [p for p in re.split(r"[｜|丨]", text.strip()) if p.strip()]
    if len(pieces) < 2:
        return False
    pairs = [_CREDIT_PAIR.match(p) for p in pieces[:-1]] + [_CREDIT_KEY_OPENS.match(pieces[-1])]
    return all(pairs) and any(_CREDIT_KEY.search(m.group(1)) for m in pairs)


# A paragraph that opens with a person's name as the subject of a verb of speech ("某某代表说，", "此外，某某还提到").
_OTHER_SAYS = re.compile(r"^(?:[^，,。“”]{0,6}[，,])?(?P<name>[\u4e00-\u9fff]{2,3}?)(?:代表|委员|同志)?"
                         r"(?:还|也|则|又|接着|随后)?(?:说|表示|提到|建议|认为|指出|介绍|谈到|提出|呼吁|坦言)")
# A paragraph that opens with several people named at once ("此外，某某、某某等代表还就…").
_SEVERAL_NAMED = re.compile(r"^(?:[^，,。“”]{0,6}[，,])?(?P<name>[\u4e00-\u9fff]{2,3})、[\u4e00-\u9fff]{2,3}"
                            r"(?:、[\u4e00-\u9fff]{2,3})*等")


def speaker_at_opening(text: str) -> str:
    """The person a paragraph or sentence opens with as the subject of a verb of speech ("某某代表说，…"), or ""."""
    says = _OTHER_SAYS.match(text.lstrip())
    return says.group("name") if says and is_name(says.group("name")) else ""


def ends_turn(text: str, speaker: Speaker | None) -> bool:
    """An unlabelled paragraph after a turn that reads as narration: it names the speaker, or 记者 acts, or it
    credits who made the programme."""
    if speaker and speaker.name and speaker.name in text:
        return True
    if _EDITOR_LINE.match(text):
        return True
    if is_credits_line(text):
        return True  # "本期文字稿整理：某某 ｜ 责任编辑：某某" after the last turn: the page's, nobody's words
    if SEGMENT_MARK.match(text):
        return True  # "【短片】镜头来到…": a filmed segment, the reporter's, whoever spoke before it
    head = re.sub(r"^[^，,。]{0,8}?[，,]", "", text)  # "采访结束时，记者…"
    if any(text.startswith(w) or head.startswith(w) for w in REPORTER_SUBJECTS):
        return True
    if text.lstrip().startswith(_REPORTER_SOURCING) or SOURCED_FIGURES.match(text.lstrip()):
        return True
    # The reporter's own scene ("采访结束时…", "…带着记者来到…") is narration again.
    outside = re.sub(r"“[^”]*”", "", text)
    if text.startswith(("采访", "访谈")) or _REPORTER_IN_SCENE.search(outside):
        return True
    # "某某代表说，…", "某某、某某等代表还就…": another person named at the opening as the subject of speech, or
    # several named at once, is the reporter's sentence.
    opener = speaker_at_opening(text)
    if opener and not (speaker and speaker.name == opener):
        return True
    several = _SEVERAL_NAMED.match(text.lstrip())
    if several and is_name(several.group("name")):
        return True
    # "评委代表某某作总体点评。他表示，…": the reporter names who acts next, in the third person (read last: it finds
    # the titled people of the first sentence).
    first = re.split(r"[。！？!?]", text, maxsplit=1)[0]
    return "我" not in first and any(first.find(p.name) <= 10 for p in titled_people(first)
                                     if not speaker or p.name != speaker.name)
