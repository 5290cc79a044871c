"""Separate a page's metadata and site chrome from its body: title, time, outlet, caption, byline."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.ingest.loader import HEADING_MARK
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
_OUTLET = re.compile(r"来源\s*[:：]\s*([^\s|｜]+)")
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
_BYLINE_ROLES = sorted({"记者", "通讯员", "实习生", "见习记者", "特约记者", "首席记者", "摄影", "摄影记者", "融媒体记者"},
                       key=len, reverse=True)
_BYLINE_WORDS = {"文", "图", "摄", "报道", "文图", "本报"}
_OTHER_CREDIT = re.compile(r"^(?:审核|校对|责任校对|值班编辑|监制|统筹|终审|初审|复审)\s*[:：]")
# A credited name: 2-4 Han characters (a compound surname or a transliteration can reach 5).
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
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


def _photographer(who: str) -> str:
    return _CREDIT_ROLE.sub("", who).strip(" /／")


def _is_chrome_line(plain: str) -> bool:
    """Site chrome is a short line, not a sentence: "欢迎扫一扫二维码参与。" stays in the body."""
    return len(plain) <= _CHROME_MAX_LEN and not plain.endswith(("。", "！", "？", "!", "?", "”", "；"))


def _is_header_line(plain: str, before: list[str]) -> bool:
    """The time/source line is short and comes before any prose; a body sentence with a date is not it."""
    if len(plain) > _HEADER_MAX_LEN or "。" in plain:
        return False
    return not any("。" in x and len(x) >= _PROSE_MIN_LEN for x in before)


def _title_from_hint(hint: str) -> str:
    """'标题_某某网' / '标题 - 某某网' → '标题'."""
    parts = re.split(r"\s*(?:_|\s[-|｜—]\s|[|｜])\s*", hint)
    return parts[0].strip() if parts and parts[0].strip() else hint.strip()


def split_article(lines: list[str], title_hint: str = "") -> ArticleParts:
    """Pull metadata out of the page's lines and drop site chrome; what is left is the body."""
    meta = DocumentMeta()
    cleaned = [_clean(x) for x in lines]
    body: list[str] = []
    header_done = False
    pre_header: list[str] = []
    for line in cleaned:
        if not line or line == HEADING_MARK:
            continue
        plain = line.removeprefix(HEADING_MARK).strip()
        if _FOOTER.match(plain):
            if header_done or body:
                break
            continue  # a sidebar before the article: skip the marker, keep reading
        if _CHROME.search(plain) and _is_chrome_line(plain):
            continue
        outlet_m = _OUTLET.search(plain)
        # "2022年06月01日 10:20　来源：某报": next to the source, a date needs no label.
        time_m = _TIME_LINE.search(plain) or (_ANY_DATE.search(plain) if outlet_m else None)
        if (time_m or outlet_m) and not header_done and _is_header_line(plain, pre_header):
            if time_m:
                meta.published = _iso(time_m)
            if outlet_m:
                meta.outlet = outlet_m.group(1)
            # The title is the page's main heading before the time/source line, else the last line.
            if pre_header and not meta.title:
                marked = [x for x in pre_header if x.startswith(HEADING_MARK)]
                meta.title = (marked[-1] if marked else pre_header[-1]).removeprefix(HEADING_MARK)
            header_done = True
            body = []
            continue
        if not header_done and not meta.published and _BARE_DATE.match(plain):
            meta.published = _iso(_BARE_DATE.match(plain))
            continue
        editor_m = _EDITOR.match(plain)
        if editor_m and len(plain) <= 40:
            meta.editor = editor_m.group("who").split()[0]
            continue
        if _OTHER_CREDIT.match(plain):
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
            continue
        if not meta.reporters:
            for rx in (_BYLINE_END, _BYLINE_START):
                found = rx.search(line.removeprefix(HEADING_MARK))
                byline = parse_byline(found.group("inner")) if found else None
                if byline:
                    meta.reporter_org, meta.reporters = byline
                    text = line.removeprefix(HEADING_MARK)
                    line = (text[: found.start()] + text[found.end():]).strip()
                    break
            if not line:
                continue
        if not header_done:
            pre_header.append(line)
        body.append(line)
    if not header_done:
        # No time/source line: the page title (or else the first line) is the title.
        body = pre_header
        hint = _title_from_hint(title_hint) if title_hint else ""
        first = body[0].removeprefix(HEADING_MARK) if body else ""
        if hint:
            meta.title = hint
            if first and (first == hint or first == title_hint.strip()):
                body = body[1:]
        elif body:
            meta.title = first
            body = body[1:]
    if not meta.title and title_hint:
        meta.title = _title_from_hint(title_hint)
    return ArticleParts(meta=meta, lines=body)
