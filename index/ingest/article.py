"""Separate a page's metadata and site chrome from its body: title, time, outlet, caption, byline."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from index.ingest.lexicon import PORTAL_FIELDS, TITLE_SUFFIXES
from index.ingest.loader import HEADING_MARK, ITEM_MARK, holds_prose
from index.ingest.names import is_name
from index.models import DocumentMeta

# Lines that belong to the website, not to the article.
_CHROME = re.compile(
    r"(新闻热线|热线电话|投稿邮箱|设为首页|加入收藏|您现在的位置|当前位置|^首页\s*[>›»]|分享到|打印本页|关闭窗口|"
    r"【字体|字号[:：]|返回顶部|版权所有|Copyright|ICP备|网站地图|联系我们|扫一扫|^上一篇|^下一篇|浏览次数|阅读次数)",
    re.IGNORECASE,
)
# Markers after which everything is footer (related links, recommended pictures).
_FOOTER = re.compile(r"^(相关新闻|相关阅读|相关链接|延伸阅读|图片推荐|推荐阅读|热点推荐|更多新闻)[:：]?\s*$")
_DATE = r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2}:\d{2}(?::\d{2})?))?"
_TIME_LINE = re.compile(r"(?:发稿时间|发布时间|发表时间|时间|日期)\s*[:：]\s*" + _DATE)
_BARE_DATE = re.compile(r"^\s*" + _DATE + r"\s*$")
_ANY_DATE = re.compile(_DATE)
# A line that is only who issued the text and when: a body or a medium by the kind of name it has.
# A newspaper's masthead line goes on with the weekday and the page ("某某日报　2025年3月25日　星期二　第03版：民生").
# A broadcaster's line goes on with its credits instead ("某某广播电视台新闻综合频道　2026年7月8日　主持人：甲　记者：乙 丙").
# A date's weekday and the newspaper page after it ("　星期二　第03版：民生", "　第05版　城事").
_WEEKDAY_PAGE = (r"(?:[\s\u3000]+(?:星期|周)[一二三四五六日天])?"
                 r"(?:[\s\u3000]+(?:第\s*\d+\s*版(?:\s*[：:]?\s*[\u4e00-\u9fff·・]{1,12})?|今日\s*\d+\s*版|共\s*\d+\s*版))?")
# The credits a broadcast prints: who made it, and when and where it was aired or recorded.
_CREDITS = "主持人|主持|记者|编导|编辑|责任编辑|责编|摄像|制片人?|策划"
_BAR_CREDITS = "文字|文|摄影|图片|图|视频|审核|校对|排版|美编|监制|统筹|出品|初审|复审|终审"
_ISSUER_DATE = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff]{2,24}(?:政府|办公室|办公厅|委员会|局|委|办|厅|中心|报|网|台|社|频道|广播))"
                          r"(?:\s*(?:FM|AM|调频|中波)\s*\d{2,4}(?:\.\d{1,2})?)?[\s\u3000]+" + _DATE + _WEEKDAY_PAGE
                          + r"(?P<credits>[\s\u3000]+(?:" + _CREDITS + r")\s*[:：].*)?\s*$")
_CREDIT_KEY = re.compile(r"(?:^|(?<=\s))(?:本期|本场|本次)?(" + _CREDITS
                         + r"|文字整理|播出时间|首播时间|播出日期|录制地点|录制时间|播出频率)\s*[:：]\s*"
                         # An official account's credits put a bar between role and name ("文字｜记者 某某　　摄影｜
                         # 某某　　编辑｜某某　　审核｜某某"); only on such a line, with the roles it uses.
                         + r"|(?:^|(?<=\s))(" + _CREDITS + r"|" + _BAR_CREDITS + r")\s*[｜|丨/／]\s*")
# An official account's line under its headline: "原创　某城编辑部　某城发布　2026-11-28 07:45　某省" (the account's
# name last before the date and time; the province its posting came from after them).
_ACCOUNT_LINE = re.compile(r"^(?:原创\s+)(?P<credits>(?:[^\s\d]{2,20}\s+)*?)(?P<account>[^\s\d/／]{2,20})\s+" + _DATE
                           + r"(?:\s+[\u4e00-\u9fff]{2,6})?\s*$")
# A date line with its weekday and page, under a masthead's name ("2026年11月30日　星期一　第01版：要闻").
_DATE_PAGE = re.compile(r"^\s*" + _DATE + _WEEKDAY_PAGE + r"\s*$")
# A newspaper's page line ("第01版：要闻").
_PAGE_LINE = re.compile(r"^第\s*\d+\s*版")
# The small print under a newspaper's name: whose paper it is, its publisher, its serial number.
_MASTHEAD_DETAIL = re.compile(r"机关报|出版物号|CN\s*\d{2}\s*-\s*\d{4}|邮发代号|报社出版|社出版")
_MASTHEAD_NAME = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:日报|晚报|早报|报|时报|商报|都市报)$")
_OUTLET = re.compile(r"来源\s*[:：]\s*([^\s|｜]+)")
# An official document's issuing number on a line of its own: "某政办〔2025〕12号", "某发[2024]3号".
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
# The number with the line's other fields after it ("某建复〔2026〕18号　　签发人：某某").
_NUMBER_THEN_FIELDS = re.compile(r"^(?P<number>[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号)[\s\u3000]+"
                                 r"[\u4e00-\u9fff]{2,6}[：:]")
# The body that signs a document, on the line above its date at the end ("某市人民政府办公室" / "2025年4月8日").
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff]{2,24}(?:政府|办公室|办公厅|委员会|党委|市委|县委|区委|局|委|厅|中心|办)$")
_CAPTION = re.compile(r"^(?P<cap>.{0,80}?)\s*[(（]\s*(?P<who>[^()（）]{2,30}?)\s*[/／]?\s*摄影?\s*[)）]\s*$")
_CAPTION_PREFIX = re.compile(r"^(?:图为|图[:：]|图片[:：])\s*")
# "本报记者 张三" / "记者 张三" inside a photo credit: the photographer is the name, not the role.
_CREDIT_ROLE = re.compile(r"^.*?(?:记者|通讯员|摄影师|实习生|图[/／]|摄影[:：])\s*")
_EDITOR = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|责编|编辑)\s*(?:[:：]\s*|\s+)(?P<who>[^\s\]】)）:：]+(?:\s+[^\s\]】)）]+)*)\s*[\]】)）]?\s*$"
)
_BYLINE_END = re.compile(r"[(（](?P<inner>[^()（）]*?(?:记者|通讯员)[^()（）]*?)[)）]\s*$")
_BYLINE_LINE = re.compile(r"^[(（]?\s*(?P<inner>(?:[^\s()（）]{0,20})?(?:记者|通讯员)\s*[^()（）]+?)\s*[)）]?\s*$")
# "本报讯（记者 张三）" opening the first paragraph.
_BYLINE_START = re.compile(r"^(?:[^\s()（）,，。]{0,12}讯)\s*[(（](?P<inner>[^()（）]*?(?:记者|通讯员)[^()（）]*?)[)）]\s*")
# Roles inside a byline; the one-character ones count only as whole words ("文 张三", not "文涛").
_BYLINE_ROLES = sorted({"记者", "通讯员", "实习生", "见习记者", "特约记者", "首席记者", "摄影", "摄影记者", "融媒体记者",
                        # a broadcast's crew in the same credit line ("（记者 张三 摄像 李四）")
                        "摄像", "摄像记者", "剪辑", "编导", "编辑"},
                       key=len, reverse=True)
_BYLINE_WORDS = {"文", "图", "摄", "报道", "文图", "本报"}
_OTHER_CREDIT = re.compile(r"^(?:审核|校对|责任校对|值班编辑|监制|统筹|终审|初审|复审)\s*[:：]")
# A credited name: 2-4 Han characters (a compound surname or a transliteration can reach 5).
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
# The info line of a web page: "来源：X  作者：Y  发布时间：…  浏览次数：N", fields in any order.
_FIELD_KEYS = {
    "outlet": ("来源", "稿源", "出处", "信息来源", "发布机构", "发布单位"),
    "author": ("作者", "撰稿", "撰文", "记者", "文"),
    "editor": ("责任编辑", "责编", "编辑"),
    "date": ("发布时间", "发表时间", "发稿时间", "更新时间", "发布日期", "成文日期", "时间", "日期"),
    "views": ("浏览次数", "阅读次数", "点击次数", "点击数", "访问量", "浏览量", "阅读量", "点击量", "浏览", "阅读", "访问次数"),
}
_FIELD_OF = {k: field for field, keys in _FIELD_KEYS.items() for k in keys}
_FIELD_RX = re.compile(r"(?:^|(?<=[\s|｜丨/]))(" + "|".join(sorted(_FIELD_OF, key=len, reverse=True)) + r")\s*[:：]\s*")
_STATS_LINE = re.compile(r"^(?:阅读|浏览)\s*(?P<n>\d[\d.,]*\s*万?\+?)(?:\s+(?:赞|点赞|在看|分享|转发|评论|留言)\s*"
                         r"\d[\d.,]*\s*万?\+?)+\s*$")
_HEADER_MAX_LEN = 120
_CHROME_MAX_LEN = 80
_PROSE_MIN_LEN = 30


@dataclass
class ArticleParts:
    """A page split into metadata and the body's lines (headings marked)."""

    meta: DocumentMeta
    lines: list[str] = field(default_factory=list)


def _clean(line: str) -> str:
    return line.replace("\u3000", " ").replace("\xa0", " ").strip()


def _iso(m: re.Match) -> str:
    y, mo, d, t = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    day = f"{y}-{mo:02d}-{d:02d}"
    return f"{day} {t}" if t else day


def parse_byline(inner: str) -> tuple[str, list[str]] | None:
    """'某某日报记者 张三 通讯员 李四' → ('某某日报', ['张三', '李四']); None unless all are names."""
    m = re.search(r"记者|通讯员", inner)
    if not m:
        return None
    org, names = inner[: m.start()], inner[m.start():]
    people: list[str] = []
    for token in re.split(r"[\s、,，/／]+", names):
        token = token.strip(":：")
        for role in _BYLINE_ROLES:
            if token.startswith(role):
                token = token[len(role):].strip(":：")
                break
        if not token or token in _BYLINE_WORDS:
            continue
        if not _PERSON.match(token):
            return None
        people.append(token)
    if not people:
        return None
    org = re.sub(r"^(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文|图)\s+", "", org.strip())
    return org.removeprefix("本报").strip(), people


def info_fields(line: str) -> dict[str, str]:
    """'来源：X  作者：Y  发布时间：2023-05-12 09:30  浏览次数：1234' → {outlet, author, date, views}."""
    found = list(_FIELD_RX.finditer(line))
    out: dict[str, str] = {}
    for i, m in enumerate(found):
        value = line[m.end(): found[i + 1].start() if i + 1 < len(found) else len(line)]
        value = re.split(r"[【\[]", value, maxsplit=1)[0].strip(" |｜丨/\u3000")  # "责任编辑：某某 【字号：大 中 小】"
        field_name = _FIELD_OF[m.group(1)]
        if field_name in ("author", "editor") and not _names_only(value):
            continue  # "记者：请问…" is a question, not a credit
        if value and field_name not in out:
            out[field_name] = value
    return out


def _names_only(value: str) -> bool:
    tokens = [t for t in re.split(r"[\s、,，/／]+", value) if t]
    return bool(tokens) and all(is_name(t) or _PERSON.match(t) and len(t) <= 3 for t in tokens)


def _names_in(value: str) -> list[str]:
    """The people a credit's value names ("张三 李四", "张三、李四")."""
    return [t for t in re.split(r"[\s、,，/／]+", value) if _PERSON.match(t) and is_name(t)]


def _apply_fields(meta: DocumentMeta, fields: dict[str, str]) -> None:
    """Fill what the page's info fields say, never overwriting what an earlier line said."""
    if "date" in fields and not meta.published:
        m = _ANY_DATE.search(fields["date"])
        if m:
            meta.published = _iso(m)
    if fields.get("outlet") and not meta.outlet:
        meta.outlet = fields["outlet"].split()[0]
    if fields.get("author") and not meta.reporters:
        names = _names_in(fields["author"])
        if names:
            meta.reporters = names
    if fields.get("editor") and not meta.editor:
        meta.editor = fields["editor"].split()[0]
    if fields.get("views") and not meta.views:
        m = re.search(r"\d[\d,]*", fields["views"])
        if m:
            meta.views = m.group().replace(",", "")


def _photographer(who: str) -> str:
    return _CREDIT_ROLE.sub("", who).strip(" /／")


def _is_chrome_line(plain: str) -> bool:
    """Site chrome is a short line, not a sentence: "欢迎扫一扫二维码参与。" stays in the body."""
    return len(plain) <= _CHROME_MAX_LEN and not plain.endswith(("。", "！", "？", "!", "?", "”", "；"))


def _is_header_line(plain: str, before: list[str]) -> bool:
    """The time/source line is short and comes before any prose; a body sentence with a date is not it."""
    if len(plain) > _HEADER_MAX_LEN or "。" in plain:
        return False
    return not _body_started(before)


def _unmarked(line: str) -> str:
    """A line's text without the loader's heading or list-item mark."""
    return line.removeprefix(HEADING_MARK).removeprefix(ITEM_MARK)


# A numbered part's heading ("一、…", "（二）…", "3. …"): a part of the text, never the page's title.
_NUMBERED_PART = re.compile(r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.．、](?!\d))")


def _under_numbered_part(pre_header: list[str]) -> bool:
    """The line above is a numbered part's heading: a fields line there ("留言人：…　留言时间：…") is that entry's,
    not the page's info line."""
    return bool(pre_header) and bool(_NUMBERED_PART.match(_unmarked(pre_header[-1]).strip()))


_PORTAL_FIELD = re.compile(r"^(?:" + "|".join(PORTAL_FIELDS) + r")\s*[：:]")


def _title_before(pre_header: list[str]) -> str:
    """The page's title from the lines above its info line: the last marked heading, else the last line."""
    marked = [x for x in pre_header if x.startswith(HEADING_MARK)]
    return _unmarked(marked[-1] if marked else pre_header[-1])


# An official document's masthead ("某某人民政府办公室文件") is its issuer's mark, not its title; the title follows
# the document number, named by its subject and its kind (GB/T 9704: "…关于…的通知", "…实施方案（2026—2028年）").
_MASTHEAD = re.compile(r"^[\u4e00-\u9fff（）()]{2,24}文件$")
_OFFICIAL_TITLE = re.compile(r"^[^。，,；;：:]{6,90}(?:通知|决定|意见|方案|办法|规定|批复|报告|函|决议|公告|通告|规划|计划|细则|措施"
                             r"|答复|总结|打算|纪要|讲话|通报|公报|预案|清单|说明)"
                             r"(?:[（(][^）)]{2,20}[）)])?$")


# A letterhead: the issuing body's name alone on the first line ("某市医疗保障局"), the title on a line after it.
# A session ("…全会", "…次会", "…大会") is an event, not a body: a kicker over a headline names it.
_LETTERHEAD = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff\d]{1,23}(?:局|委员会|委|办公室|办公厅|人民政府|政府|中心|厅|院|(?<![全次大])会|公司)$")


# A line that can be the first part of a title set over two lines: no sentence, no document number.
_TITLE_PART = re.compile(r"^[^。，,；;：:！!？?〔〕\[\]]{4,45}$")


def _whole_title(lines: list[str], k: int) -> str:
    """The title whose last line is lines[k], with the line above it when the title is set over two lines: the
    issuer and subject above ("中共某市委关于加快某某", "某市人民政府办公室关于印发"), the rest and the kind below.
    GB/T 9704 has one 关于 to a title, so a line with it over a line without it is the title's first part."""
    last = lines[k]
    above = lines[k - 1] if k > 0 else ""
    if "关于" not in last and "关于" in above and _TITLE_PART.match(above) and not _MASTHEAD.match(above):
        return above + last
    return last


def _official_title(lines: list[str]) -> str:
    """The title of an official document that opens with its masthead: the first line after it that ends with the
    kind of document ("…的通知", "…实施方案（2026—2028年）"), with its first part when it is set over two lines;
    after a bare letterhead (the body's name alone), the first line that is no sentence ("2026年工作总结和2027年工作
    打算"); with neither, a title set over the first two lines."""
    first = _unmarked(lines[0]) if lines else ""
    following = [_unmarked(x).strip() for x in lines[1:6]]
    if _MASTHEAD.match(first) or _LETTERHEAD.match(first):
        k = next((i for i, t in enumerate(following) if _OFFICIAL_TITLE.search(t)), -1)
        if k >= 0 or _MASTHEAD.match(first):
            return _whole_title(following, k) if k >= 0 else ""
        nxt = next((t for t in following if t), "")
        return nxt if 6 <= len(nxt) <= 60 and not re.search(r"[。；;：:]", nxt) else ""
    if following and _OFFICIAL_TITLE.search(following[0]):
        whole = _whole_title([first.strip(), following[0]], 1)
        return whole if whole != following[0] else ""
    return ""


# A broadcast script's first line: the station or programme, then the day it aired ("某台《某某新闻》 2026年10月15日").
_PROGRAMME_LINE = re.compile(r"^[^\s。，,：:]{2,30}?(?:《[^》]{2,20}》)?[\s\u3000]*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


# A deck of a newspaper headline: a short line that is no sentence ("聚焦某某全会", "当好“某某” 六大工程这样推进").
_DECK = re.compile(r"^[^。，,；;：:！!？?]{4,30}$")


def _decks(lines: list[str]) -> str:
    """A paper's headline set as a kicker over the main title (two short lines, then a byline or the text): both
    lines, as the paper prints them; "" when the page does not open so."""
    decks = [_unmarked(x).strip() for x in lines[:3]]
    # A subtitle set off by a dash ("——访某某") stays under the title, in the text, as the paper sets it.
    if len(decks) == 3 and _DECK.match(decks[0]) and _DECK.match(decks[1]) and not _DECK.match(decks[2]) \
            and not decks[1].startswith(("—", "-")):
        return f"{decks[0]} {decks[1]}"
    return ""


def _title_from_hint(hint: str) -> str:
    """'标题_某某网' / '标题 - 某某网' → '标题'."""
    parts = re.split(r"\s*(?:_|\s[-|｜—]\s|[|｜])\s*", hint)
    return parts[0].strip() if parts and parts[0].strip() else hint.strip()


_REPORTER_KIND = re.compile(r"(?:全媒体|融媒体|新媒体|首席|见习|特约|实习)+")
_FILE_NAME = re.compile(r"^(?P<outlet>[^_\d]{2,30})_(?:(?P<date>\d{4}-\d{1,2}-\d{1,2})_)?(?P<title>.+)$")
# "（2023年7月20日中国共产党某市委员会第六次全体会议通过）": when a decision was adopted.
_ADOPTED = re.compile(r"^[(（][^()（）]{0,6}?" + _DATE + r"[^()（）]{0,60}?(?:通过|印发|发布|公布)[)）]$")


def fill_gaps(meta: DocumentMeta, stem: str, lines: list[str]) -> None:
    """What the page does not say about itself: outlet from the byline or the file name, date likewise.

    File names of the form "OUTLET_YYYY-MM-DD_TITLE" (or "ISSUER_TITLE") are how documents are filed.
    """
    if not meta.published:
        for line in lines[:5]:
            m = _ADOPTED.match(_unmarked(line).strip())
            if m:
                meta.published = _iso(m)
                break
    if not meta.outlet and meta.reporter_org and not _REPORTER_KIND.fullmatch(meta.reporter_org):
        # "全媒体记者 张三": a kind of reporter, not the outlet; the file name says which outlet then.
        meta.outlet = meta.reporter_org
    m = _FILE_NAME.match(stem)
    if m:
        if not meta.outlet:
            meta.outlet = m.group("outlet")
        if not meta.published and m.group("date"):
            y, mo, d = m.group("date").split("-")
            meta.published = f"{y}-{int(mo):02d}-{int(d):02d}"


def _article_follows(lines: list[str]) -> bool:
    """Under a "相关新闻" marker, a related article printed whole (its own paragraphs of prose before the next marker),
    not a list of links: the news of the meeting that decided a notice is part of what the page says."""
    plain = (line.removeprefix(HEADING_MARK).strip() for line in lines)
    return holds_prose(itertools.takewhile(lambda x: not _FOOTER.match(x), plain))


def split_article(lines: list[str], title_hint: str = "") -> ArticleParts:
    """Pull metadata out of the page's lines and drop site chrome; what is left is the body."""
    meta = DocumentMeta()
    # A list item keeps its mark in the body only (the structure reads it); the header's patterns see its text.
    items = {i for i, x in enumerate(lines) if x.startswith(ITEM_MARK)}
    cleaned = [_clean(x.removeprefix(ITEM_MARK)) for x in lines]
    body: list[str] = []
    header_done = False
    pre_header: list[str] = []
    for i, line in enumerate(cleaned):
        if not line or line == HEADING_MARK:
            continue
        plain = line.removeprefix(HEADING_MARK).strip()
        if _FOOTER.match(plain):
            if (header_done or body) and not _article_follows(cleaned[i + 1:]):
                break
            continue  # a sidebar before the article, or a related article printed whole: skip the marker, read on
        if not _body_started(body) and _PORTAL_FIELD.match(plain):
            meta.lines.append(plain)  # the portal's public-information table: the page's fields, no title, no text
            continue
        account = _ACCOUNT_LINE.match(plain) if not header_done and not _body_started(body) else None
        if account:
            # An official account's line under its headline: the account published it, at that time.
            meta.outlet = meta.outlet or account.group("account")
            meta.published = meta.published or _iso(_ANY_DATE.search(plain))
            _apply_credits(meta, account.group("credits"))  # "文/某某　编辑/某某" before the account's name
            meta.lines.append(plain)
            if pre_header and not meta.title:
                meta.title = _title_before(pre_header)
            continue
        credits = list(_CREDIT_KEY.finditer(plain)) if not header_done and len(plain) <= _HEADER_MAX_LEN else []
        # A broadcast's fields, several on a line or one a line above the text ("播出日期：…", "录制地点：…").
        own_line = len(credits) == 1 and credits[0].start() == 0 and len(plain) <= 60 and not _body_started(body)
        # "主持人：…" alone may open a turn; "本期主持人：某某" credits the host.
        if (len(credits) >= 2 or own_line and (_key(credits[0]) not in ("主持人", "主持", "记者", "编辑")
                                               or plain.startswith(("本期", "本场", "本次")))) \
                and not _ISSUER_DATE.match(plain) and "。" not in plain:
            # "某某频道《栏目》　播出时间：…　主持人：甲　编导：乙": a broadcast's credits line, never its text.
            _apply_credits(meta, plain[credits[0].start():])
            head = plain[: credits[0].start()].strip()
            if head and not meta.outlet:
                meta.outlet = re.sub(r"《[^》]*》", "", head).strip() or meta.outlet
            meta.lines.append(plain)
            if pre_header and not meta.title:
                meta.title = _title_before(pre_header)
            continue
        fields = info_fields(plain) if len(plain) <= _HEADER_MAX_LEN else {}
        if len(fields) >= 2 and not header_done and _is_header_line(plain, pre_header) \
                and not _under_numbered_part(pre_header):
            # The page's info line: outlet, author, time, views — metadata, never body text.
            _apply_fields(meta, fields)
            meta.lines.append(plain)
            if pre_header and not meta.title:
                meta.title = _title_before(pre_header)
            header_done = True
            body = []
            continue
        if fields and (header_done or set(fields) <= {"author", "editor", "views"}) and _FIELD_RX.match(plain) \
                and len(plain) <= 60 and not _body_started(body):
            _apply_fields(meta, fields)  # "作者：张三" on a line of its own, above the text
            meta.lines.append(plain)
            continue
        if stats := _STATS_LINE.match(plain):
            # An official account's counts under its article ("阅读 1.2万　赞 316　在看 58"): the view count.
            meta.views = meta.views or re.sub(r"\s+", "", stats.group("n"))
            meta.lines.append(plain)
            continue
        if _CHROME.search(plain) and _is_chrome_line(plain):
            continue
        outlet_m = _OUTLET.search(plain)
        # "2022年06月01日 10:20　来源：某报": next to the source, a date needs no label.
        time_m = _TIME_LINE.search(plain) or (_ANY_DATE.search(plain) if outlet_m else None)
        if (time_m or outlet_m) and not header_done and _is_header_line(plain, pre_header) \
                and not _under_numbered_part(pre_header):
            if time_m:
                meta.published = _iso(time_m)
            if outlet_m:
                meta.outlet = outlet_m.group(1)
            meta.lines.append(plain)
            # The title is the page's main heading before the time/source line, else the last line.
            if pre_header and not meta.title:
                meta.title = _title_before(pre_header)
            header_done = True
            body = []
            continue
        if not header_done and not meta.published and len(plain) <= _HEADER_MAX_LEN and _MASTHEAD_DETAIL.search(plain) \
                and pre_header and _MASTHEAD_NAME.match(_unmarked(pre_header[-1]).strip()):
            meta.lines.append(plain)  # "某市委机关报　某报社出版　CN51-0317" under the name: neither title nor text
            continue
        if not header_done and meta.published and meta.outlet and not body and _PAGE_LINE.match(plain) \
                and len(plain) <= 60 and "。" not in plain:
            # "第01版：要闻　本版责编：某某" under the masthead's date: the page, and who edited it.
            editor = re.search(r"责编\s*[：:]\s*([\u4e00-\u9fff]{2,4})", plain)
            meta.editor = meta.editor or (editor.group(1) if editor else "")
            meta.lines.append(plain)
            continue
        dated = _DATE_PAGE.match(plain) if not header_done and not meta.published else None
        if dated and pre_header and _MASTHEAD_NAME.match(_unmarked(pre_header[-1]).strip()):
            # "某某日报" then "2026年11月30日　星期一　第01版：要闻": a masthead over two lines; the name is the
            # outlet, not the title, and the headline follows.
            meta.outlet = meta.outlet or _unmarked(pre_header.pop()).strip()
            if body:
                body.pop()
            meta.published = _iso(_ANY_DATE.search(plain))
            meta.lines += [meta.outlet, plain]
            continue
        if not header_done and not meta.published and _BARE_DATE.match(plain):
            meta.published = _iso(_BARE_DATE.match(plain))
            meta.lines.append(plain)
            continue
        numbered = _DOC_NUMBER.match(plain) or _NUMBER_THEN_FIELDS.match(plain)
        if not meta.number and numbered and not any("。" in x for x in body):
            # "某政办〔2025〕12号" under the title (or "某建复〔2026〕18号　签发人：某某" above it): the document's
            # number, not a heading.
            meta.number = numbered.group("number") if "number" in numbered.re.groupindex else plain
            meta.lines.append(plain)
            continue
        issuer = _ISSUER_DATE.match(plain)
        if issuer and not header_done and not meta.published:
            # "某市人民政府办公室　2024-04-11": the issuing body and the date on a line of their own.
            meta.published = _iso(_ANY_DATE.search(plain))
            meta.outlet = meta.outlet or issuer.group("who")
            if issuer.group("credits"):
                _apply_credits(meta, issuer.group("credits"))
            meta.lines.append(plain)
            continue
        editor_m = _EDITOR.match(plain)
        if editor_m and len(plain) <= 40:
            meta.editor = editor_m.group("who").split()[0]
            meta.lines.append(plain)
            continue
        if _OTHER_CREDIT.match(plain):
            meta.lines.append(plain)  # "审核：某某": no text of the document, but a credit it asks about ("谁审核的")
            continue
        cap_m = _CAPTION.match(plain)
        if cap_m and len(plain) <= 100 and not re.search(r"[。!?！？].", cap_m.group("cap")):
            meta.caption = _CAPTION_PREFIX.sub("", cap_m.group("cap")).strip()
            meta.photographer = _photographer(cap_m.group("who"))
            continue
        by_m = _BYLINE_LINE.match(plain)
        byline = parse_byline(by_m.group("inner")) if by_m and len(plain) <= 60 and not meta.reporters else None
        if byline:
            meta.reporter_org, meta.reporters = byline
            meta.lines.append(plain)
            continue
        if not meta.reporters or meta.hosts:
            # A broadcast credits its host and director above and a segment's reporter after it ("（记者 某某）").
            for rx in (_BYLINE_END, _BYLINE_START):
                found = rx.search(line.removeprefix(HEADING_MARK))
                byline = parse_byline(found.group("inner")) if found else None
                if byline:
                    meta.reporter_org = meta.reporter_org or byline[0]
                    meta.reporters = list(dict.fromkeys(meta.reporters + byline[1]))
                    meta.lines.append(found.group(0).strip())
                    text = line.removeprefix(HEADING_MARK)
                    line = (text[: found.start()] + text[found.end():]).strip()
                    break
            if not line:
                continue
        marked = ITEM_MARK + line if i in items else line
        if not header_done:
            pre_header.append(marked)
        body.append(marked)
    if not header_done:
        # No time/source line: the page title (or else the first line) is the title.
        body = pre_header
        hint = _title_from_hint(title_hint) if title_hint else ""
        first = _unmarked(body[0]) if body else ""
        if hint:
            meta.title = hint
            if first and (first == hint or first == title_hint.strip()):
                body = body[1:]
        elif body and (aired := _PROGRAMME_LINE.match(first)) and len(body) > 1 and _DECK.match(
                second := _unmarked(body[1]).strip()):
            # "某台《某某新闻》 2026年10月15日" over a broadcast script: the programme and the day it aired; the
            # headline is the next line.
            meta.title = second
            meta.published = meta.published or _iso(_ANY_DATE.search(aired.group("date")))
            meta.lines.append(first)
            body = body[1:]
        elif body:
            meta.title = _official_title(body) or (_decks(body) if meta.outlet else "") or first
            if meta.title != first and _LETTERHEAD.match(first) and not meta.outlet:
                meta.outlet = first  # the letterhead names who issued it
            body = body[1:]
    if not meta.title and title_hint:
        meta.title = _title_from_hint(title_hint)
    _signature(meta, body)
    return ArticleParts(meta=meta, lines=body)


def _body_started(body: list[str]) -> bool:
    """Prose has begun: a line of the body reads as a sentence, not a heading or a field."""
    return any("。" in x and len(x) >= _PROSE_MIN_LEN for x in body)


def _key(m: re.Match) -> str:
    """The role a credit key names, written with a colon or a bar."""
    return m.group(1) or m.group(2)


def _apply_credits(meta: DocumentMeta, credits: str) -> None:
    """A broadcast's credits after its date: 记者 and 编导 wrote it, 编辑 edited it; a host is credited as an
    author only when the credit says they are a reporter ("主持人：本报记者 某某")."""
    found = list(_CREDIT_KEY.finditer(credits))
    authors: list[str] = []
    for i, m in enumerate(found):
        value = credits[m.end(): found[i + 1].start() if i + 1 < len(found) else len(credits)].strip()
        key = _key(m)
        if key in ("记者", "编导", "文字", "文"):
            authors += _names_in(value)
        elif key == "主持" and any(len(t) >= 2 and t in value for t in TITLE_SUFFIXES):
            pass  # "主持：县委常委、副县长 某某": minutes name the meeting's chair, who speaks in the record
        elif key in ("主持人", "主持"):
            if byline := parse_byline(value):
                authors += byline[1]  # "主持人：本报记者 某某": a reporter who hosts, and writes it up
            else:
                meta.hosts += _names_in(value)
        elif key in ("播出时间", "首播时间", "播出日期", "录制时间") and not meta.published \
                and (when := _ANY_DATE.search(value)):
            meta.published = _iso(when)
        elif key in ("编辑", "责任编辑", "责编") and not meta.editor and value:
            meta.editor = value.split()[0]
        elif key in ("摄影", "图片", "图") and not meta.photographer and (names := _names_in(value)):
            meta.photographer = "、".join(names)
    if authors and not meta.reporters:
        meta.reporters = list(dict.fromkeys(authors))


def _signature(meta: DocumentMeta, body: list[str]) -> None:
    """"某市人民政府办公室" then "2025年4月8日" closing the body: who issued the document and when, not its text."""
    if len(body) < 3:
        return
    last = [_unmarked(x).strip() for x in body[-3:]]
    if _BARE_DATE.match(last[-1]) and _SIGNATURE.match(last[-2]):
        meta.published = meta.published or _iso(_BARE_DATE.match(last[-1]))
        who, n = last[-2], 2
    elif _SIGNATURE.match(last[-1]) and last[-2].endswith(("。", "！")):
        who, n = last[-1], 1  # its date line, bare, was read as the document's date already
    else:
        return
    meta.outlet = meta.outlet or who
    meta.lines.append(who)
    del body[-n:]
