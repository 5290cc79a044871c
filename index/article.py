"""Separate a page's metadata and site chrome from its body: title, time, outlet, caption, byline."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .loader import HEADING_MARK
from .models import DocumentMeta

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
_OUTLET = re.compile(r"来源\s*[:：]\s*([^\s|｜]+)")
_CAPTION = re.compile(r"^(?P<cap>.{0,80}?)\s*[(（]\s*(?P<who>[^()（）]{2,20}?)\s*摄影?\s*[)）]\s*$")
_CAPTION_PREFIX = re.compile(r"^(?:图为|图:|图：)")
_EDITOR = re.compile(r"^[\[【(（]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*(?P<who>[^\s\]】)）]+(?:\s+[^\s\]】)）]+)*)\s*[\]】)）]?\s*$")
_BYLINE_END = re.compile(r"[(（](?P<inner>[^()（）]*?记者[^()（）]*?)[)）]\s*$")
_BYLINE_LINE = re.compile(r"^[(（]?\s*(?P<inner>(?:[^\s()（）]{0,20})?记者\s*[^()（）]+?)\s*[)）]?\s*$")
_OTHER_CREDIT = re.compile(r"^(?:审核|校对|责任校对|值班编辑|监制|统筹)\s*[:：]")


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


def parse_byline(inner: str) -> tuple[str, list[str]]:
    """'绵阳日报社融媒体记者 袁媛 李桥臻' → ('绵阳日报社融媒体', ['袁媛', '李桥臻'])."""
    org, _, names = inner.partition("记者")
    people = [n for n in re.split(r"[\s、,，/]+", names) if n and not n.startswith("实习")]
    return org.strip(" 本报"), people


def split_article(lines: list[str], title_hint: str = "") -> ArticleParts:
    """Pull metadata out of the page's lines and drop site chrome; what is left is the body."""
    meta = DocumentMeta()
    cleaned = [_clean(x) for x in lines]
    body: list[str] = []
    header_done = False
    pre_header: list[str] = []
    for line in cleaned:
        if not line:
            continue
        plain = line.removeprefix(HEADING_MARK)
        if _FOOTER.match(plain):
            break
        if _CHROME.search(plain):
            continue
        time_m = _TIME_LINE.search(plain)
        outlet_m = _OUTLET.search(plain)
        if (time_m or outlet_m) and not header_done:
            if time_m:
                meta.published = _iso(time_m)
            if outlet_m:
                meta.outlet = outlet_m.group(1)
            # The title is the last substantial line before the time/source line.
            if pre_header and not meta.title:
                meta.title = pre_header[-1].removeprefix(HEADING_MARK)
            header_done = True
            body = []
            continue
        if not header_done and not meta.published and _BARE_DATE.match(plain):
            meta.published = _iso(_BARE_DATE.match(plain))
            continue
        editor_m = _EDITOR.match(plain)
        if editor_m:
            meta.editor = editor_m.group("who").split()[0]
            continue
        if _OTHER_CREDIT.match(plain):
            continue
        cap_m = _CAPTION.match(plain)
        if cap_m and len(plain) <= 100 and not re.search(r"[。!?!?]", cap_m.group("cap")):
            meta.caption = _CAPTION_PREFIX.sub("", cap_m.group("cap")).strip()
            meta.photographer = cap_m.group("who").strip()
            continue
        by_m = _BYLINE_LINE.match(plain)
        if by_m and len(plain) <= 60 and not meta.reporters:
            meta.reporter_org, meta.reporters = parse_byline(by_m.group("inner"))
            continue
        end_m = _BYLINE_END.search(line)
        if end_m and not meta.reporters:
            meta.reporter_org, meta.reporters = parse_byline(end_m.group("inner"))
            line = line[: end_m.start()].rstrip()
            if not line:
                continue
        if not header_done:
            pre_header.append(line)
        body.append(line)
    if not header_done:
        # No time/source line: the first line (or the page title) is the title.
        body = pre_header
        if title_hint:
            meta.title = title_hint
            if body and body[0].removeprefix(HEADING_MARK) == title_hint:
                body = body[1:]
        elif body:
            meta.title = body[0].removeprefix(HEADING_MARK)
            body = body[1:]
    return ArticleParts(meta=meta, lines=body)
