"""The words a document is named by its kind ("这份总结", "决定里", "这期节目"): one closed class, used wherever a
question points at the document itself rather than at what it says."""
from __future__ import annotations

import re

# Longer words first, so that an alternation built from them takes "讲话稿" before "讲话".
DOC_KINDS = tuple(sorted({
    # decisions and official texts
    "决定", "方案", "实施方案", "意见", "办法", "通知", "细则", "规定", "公告", "通报", "纪要", "会议纪要", "文件",
    "报告", "总结", "工作总结", "简报", "答复", "复函", "答复函", "回复函", "函", "讲话", "讲话稿", "发言稿",
    "公报", "预案", "规划", "条例", "纲要", "清单",
    # news and web pages
    "报道", "文章", "新闻", "稿件", "稿子", "推文", "页面", "网页", "解读", "问答", "留言板", "信箱",
    # recorded events
    "访谈", "专访", "采访", "实录", "节目", "发布会", "热线",
}, key=lambda w: (-len(w), w)))

KINDS_RX = "|".join(DOC_KINDS)
# Kinds that set rules: "这个办法什么时候开始执行" asks when the rules apply, not when the text came out, so a
# question that names one of these asks about its body.
POLICY_KINDS = {"决定", "方案", "实施方案", "意见", "办法", "细则", "规定", "通报", "文件", "预案", "规划", "条例", "纲要",
                "清单"}
# The other kinds: asked about as a document (when it came out, who wrote or gave it).
REPORT_KINDS_RX = "|".join(k for k in DOC_KINDS if k not in POLICY_KINDS)

# The measure word each kind is counted with, for "这份总结", "这篇报道", "这期节目", "这场发布会".
_MEASURE = {"报道": "篇", "文章": "篇", "新闻": "篇", "稿件": "篇", "稿子": "篇", "推文": "篇", "解读": "篇",
            "访谈": "期", "专访": "期", "节目": "期", "热线": "期", "实录": "份", "采访": "次", "发布会": "场",
            "页面": "个", "网页": "个", "留言板": "个", "信箱": "个", "问答": "篇"}
# Kinds that a newspaper or a site publishes: their date is when they went out ("发稿时间").
NEWS_KINDS = {"报道", "文章", "新闻", "稿件", "稿子", "推文", "解读", "页面", "网页", "问答"}


# Kinds whose text is its issuer's own words, not a report of them: an official text, a letter, a speech.
_ISSUED_KINDS = ("决定", "方案", "意见", "办法", "通知", "细则", "规定", "公告", "通报", "纪要", "报告", "总结", "简报",
                 "答复", "复函", "函", "讲话", "讲话稿", "发言稿", "工作打算", "工作计划", "工作要点", "公报", "预案",
                 "规划", "纲要", "条例", "章程", "指南", "指引", "说明", "清单", "公示", "倡议书", "须知")


def issued_title(title: str) -> bool:
    """A title that ends with an official kind of text ("关于第0091号提案的答复", "政府工作报告（摘要）"): the
    document is its issuer's text, whoever publishes it."""
    bare = re.sub(r"[（(][^（）()]{1,8}[)）]$", "", (title or "").strip().strip("《》"))
    return bare.endswith(_ISSUED_KINDS) and not bare.endswith(("新闻发布会", "发布会"))


def named_kind(text: str) -> str:
    """The kind of document the question names as a document ("这份总结落款是哪天" → "总结"), or "": a kind that sets
    rules ("这个办法") is asked about for what it says."""
    return next((k for k in DOC_KINDS if k in text and (k not in POLICY_KINDS or k == "文件")), "")


def as_named(kind: str) -> str:
    """The document referred to by its kind, with its measure word ("总结" → "这份总结")."""
    return f"这{_MEASURE.get(kind, '份')}{kind}" if kind else ""


# What a page of letters or messages calls its entries ("第三封来信", "最后一条留言"): its numbered headings.
ENTRY_NOUNS = ("来信", "信件", "封信", "留言", "回复", "帖子", "诉求")
