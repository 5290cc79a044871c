"""HTML fragments for answers, sources and the staff table; every corpus or model string is escaped."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from urllib.parse import quote, urlencode

from bot.citations import who
from bot.messages import PARTIAL
from bot.models import Answer, Citation
from index.models import Document

from web.examples import NotFoundHelp
from web.statements import StatementRow

NOT_FOUND_LABEL = "文中未提及"
SHOWN_CITATIONS = 3  # more go behind "更多来源"

_CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》"
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_IS_CJK = re.compile(f"[{_CJK}]")


def fullwidth(text: str) -> str:
    """ASCII punctuation next to Chinese shown full-width; same length, so offsets still hold."""
    if not _IS_CJK.search(text):
        return text
    out = list(text)
    n = len(text)
    opening = True
    for i, ch in enumerate(text):
        prev = out[i - 1] if i else ""  # as shown: a converted "）" counts as Chinese
        nxt = text[i + 1] if i + 1 < n else ""
        near = bool(_IS_CJK.match(prev) or _IS_CJK.match(nxt))
        if ch in _FULL:
            if near and not (prev.isdigit() and nxt.isdigit()):
                out[i] = _FULL[ch]
        elif ch == '"':
            out[i] = "“" if opening else "”"
            opening = not opening
        elif ch == "." and _IS_CJK.match(prev) and not (nxt.isalnum() and nxt.isascii()):
            out[i] = "。"
    return "".join(out)


def document_url(doc_id: str, start: int, end: int) -> str:
    """The link that opens a whole document scrolled to the span [start, end)."""
    return f"/document/{quote(doc_id)}?{urlencode({'start': start, 'end': end})}#cited"


def _text(s: str) -> str:
    """Escaped, full-width text with line breaks kept."""
    return escape(fullwidth(s)).replace("\n", "<br>")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, the closing punctuation and quote included."""
    spans, start = [], 0
    for m in re.finditer(r"[。！？!?；;]+[”’\"]?", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def support_span(passage: str, span: str, answer_text: str = "") -> tuple[int, int] | None:
    """Where in the passage the cited words are: the citation's own span when it is narrower than the
    passage, else the passage's sentences the answer repeats word for word; None marks nothing."""
    if span and span in passage and len(span.strip()) < len(passage.strip()):
        i = passage.index(span)
        return i, i + len(span)
    if answer_text:
        quoted = [(a, b) for a, b in _sentences(passage)
                  if len(passage[a:b].strip("。！？!?；; ")) >= 6 and passage[a:b].strip("。！？!?；; ") in answer_text]
        if quoted and not (quoted[0][0] == 0 and quoted[-1][1] == len(passage)):
            return quoted[0][0], quoted[-1][1]
    return None


def highlight(passage: str, span: str, answer_text: str = "") -> str:
    """The passage, escaped and full-width, with only the supporting words wrapped in <mark>."""
    shown = fullwidth(passage)
    where = support_span(passage, span, answer_text)
    if where is None:
        return escape(shown)
    a, b = where
    return f"{escape(shown[:a])}<mark>{escape(shown[a:b])}</mark>{escape(shown[b:])}"


def cited_span(c: Citation, docs: Mapping[str, Document]) -> str:
    """The exact characters a citation's offsets point at, or "" when they point nowhere."""
    doc = docs.get(c.doc_id)
    if doc is None or not (0 <= c.start < c.end <= len(doc.body)):
        return ""
    return doc.body[c.start:c.end]


def citation_html(c: Citation, docs: Mapping[str, Document], number: int, answer_text: str = "") -> str:
    """One folded source card: who and where on its face; the passage and a link inside."""
    face = " · ".join(escape(fullwidth(x)) for x in (f"来源 {number}", who(c), c.section or c.doc_title) if x)
    doc = f'<p class="src-doc">出自《{escape(fullwidth(c.doc_title))}》</p>' if c.doc_title else ""
    url = document_url(c.doc_id, c.start, c.end)
    return (
        f'<details class="src"><summary>{face}</summary><div class="src-body">{doc}'
        f'<blockquote class="src-passage">{highlight(c.passage, cited_span(c, docs), answer_text)}</blockquote>'
        f'<p class="src-link"><a href="{escape(url)}" target="_blank" rel="noopener">查看原文</a></p>'
        f"</div></details>"
    )


def _question_buttons(questions: Sequence[str], title: str) -> str:
    """Tappable questions the page's script sends as if typed."""
    if not questions:
        return ""
    items = "".join(f'<li><button type="button" class="followup" data-q="{escape(q)}">{escape(q)}</button></li>'
                    for q in questions)
    return f'<div class="followups"><p class="followups-title">{escape(title)}</p><ul>{items}</ul></div>'


def _answer_lines(text: str) -> str:
    """The answer's lines; a "——who said it" line is set apart."""
    out = []
    for line in text.strip().split("\n"):
        if not line.strip():
            continue
        cls = "answer-who" if line.lstrip().startswith("——") else "answer-text"
        out.append(f'<p class="{cls}">{_text(line.strip())}</p>')
    return "".join(out) or '<p class="answer-text"></p>'


def answer_html(answer: Answer, docs: Mapping[str, Document], followups: Sequence[str] = (),
                help: NotFoundHelp | None = None) -> str:
    """A final answer card: the short answer, folded sources, and questions to ask next."""
    if not answer.found:
        return not_found_html(answer, help)
    text = answer.answer
    said = (getattr(answer, "attribution", "") or "").strip()
    lines = text if not said or said in text else f"{text.rstrip()}\n{said}"
    cards = [citation_html(c, docs, i, text) for i, c in enumerate(answer.citations, 1)]
    srcs = ""
    if cards:
        srcs = (f'<div class="srcs"><p class="srcs-title">来源（点开查看原文）</p>'
                f'{"".join(cards[:SHOWN_CITATIONS])}')
        if len(cards) > SHOWN_CITATIONS:
            # The answer stays in view; the long tail is one tap away.
            srcs += (f'<details class="more-srcs"><summary>更多来源（{len(cards) - SHOWN_CITATIONS} 条）</summary>'
                     f'{"".join(cards[SHOWN_CITATIONS:])}</details>')
        srcs += "</div>"
    return (f'<div class="answer answer-found">{_answer_lines(lines)}{srcs}'
            f'{_question_buttons(followups, "您还可以问：")}</div>')


def _without(text: str, questions: Sequence[str]) -> str:
    """The text less its sentences that list these questions (they are shown as buttons instead)."""
    if not questions:
        return text
    kept = [text[a:b] for a, b in _sentences(text) if not any(q.rstrip("？?") in text[a:b] for q in questions)]
    return "".join(kept)


def not_found_html(answer: Answer, help: NotFoundHelp | None) -> str:
    """"Not in the documents" as a next step: what is there nearby, and questions that have answers."""
    text = re.sub(rf"^\s*{NOT_FOUND_LABEL}[。，,:：;；!！\s]*", "", answer.answer)  # said once, as the status
    # The bot may already say which topic is there and which detail is not ("文中提到了…，但没有说明…").
    bot_says_near = text.startswith(PARTIAL.split("{", 1)[0])
    kind = getattr(answer, "reason", "") or ("detail" if bot_says_near else (help.kind if help else "none"))
    detail = kind in ("detail", "topic_mentioned", "mentioned", "partial")
    status = f"{NOT_FOUND_LABEL}这一点" if detail else NOT_FOUND_LABEL
    suggestions = list(getattr(answer, "suggestions", None) or (help.suggestions if help else []))[:3]
    text = _without(text, suggestions)
    near = ""
    if help and help.near and not bot_says_near:
        names = "、".join(f"“{escape(n)}”" for n in help.near)
        near = (f'<p class="nf-near">文件里谈到了{names}，但没有说到您问的这一点。</p>' if detail else
                f'<p class="nf-near">文件里谈的是{names}等内容。</p>')
    return (
        '<div class="answer answer-notfound">'
        f'<p class="answer-status"><span aria-hidden="true">ⓘ </span>{status}</p>'
        f'{_answer_lines(text) if text.strip() else ""}{near}'
        f'{_question_buttons(suggestions, "这些问题文件里有答案：")}</div>'
    )


def pending_html(text: str) -> str:
    """An answer still streaming in."""
    return (
        '<div class="answer answer-pending">'
        '<p class="answer-status">正在查找文件并回答…</p>'
        f'{_answer_lines(text) if text.strip() else ""}</div>'
    )


def notice_html(text: str) -> str:
    """A short system notice in place of an answer (rate limit, error)."""
    return f'<div class="answer answer-notice"><p class="answer-status">{escape(text)}</p></div>'


def statements_table_html(rows: Iterable[StatementRow], caption: str) -> str:
    """The who-said-what table with a link from each row to its passage."""
    head = "".join(f'<th scope="col">{h}</th>' for h in ("发言人", "职务", "章节", "文件", "日期", "原文", "链接"))
    body = []
    for r in rows:
        url = document_url(r.doc_id, r.start, r.end)
        body.append(
            "<tr>"
            f'<th scope="row">{escape(r.speaker)}</th><td class="wsw-title">{escape(r.title)}</td>'
            f'<td class="wsw-section">{escape(r.section)}</td><td class="wsw-doc">{escape(fullwidth(r.doc_title))}</td>'
            f'<td class="wsw-date">{escape(r.date)}</td>'
            f'<td class="wsw-text">{escape(fullwidth(r.text))}</td>'
            f'<td><a href="{escape(url)}" target="_blank" rel="noopener" '
            f'aria-label="查看原文：{escape(r.speaker)}的发言（新标签页）">查看原文</a></td>'
            "</tr>"
        )
    return (
        f'<div class="wsw-wrap" tabindex="0" role="region" aria-label="{escape(caption)}"><table class="wsw"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
