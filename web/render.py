"""HTML fragments for answers, citations and the staff table; every corpus or model string is escaped."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import quote, urlencode

from bot.models import Answer, Citation
from index.models import Document

from web.statements import StatementRow

NOT_FOUND_LABEL = "文中未提及"
SHOWN_CITATIONS = 3  # more go into a <details> below
SOURCE_LABELS = {"decision": "文件原文", "statement": "发言", "narration": "报道叙述"}


def document_url(doc_id: str, start: int, end: int) -> str:
    """The link that opens a whole document scrolled to the span [start, end)."""
    return f"/document/{quote(doc_id)}?{urlencode({'start': start, 'end': end})}#cited"


def _text(s: str) -> str:
    """Escaped text with line breaks kept."""
    return escape(s).replace("\n", "<br>")


def highlight(passage: str, span: str) -> str:
    """The passage, escaped, with the first occurrence of span wrapped in <mark>."""
    if span and span in passage:
        i = passage.index(span)
        return f"{escape(passage[:i])}<mark>{escape(span)}</mark>{escape(passage[i + len(span):])}"
    # The span is the passage itself, or lies around it: the whole passage is the cited part.
    return f"<mark>{escape(passage)}</mark>"


def cited_span(c: Citation, docs: Mapping[str, Document]) -> str:
    """The exact characters a citation's offsets point at, or "" when they point nowhere."""
    doc = docs.get(c.doc_id)
    if doc is None or not (0 <= c.start < c.end <= len(doc.body)):
        return ""
    return doc.body[c.start:c.end]


def who(c: Citation) -> str:
    """Speaker with title, or the kind of source for text nobody in particular said."""
    if c.speaker:
        return f"{c.speaker_title}{c.speaker}"
    return SOURCE_LABELS.get(c.source_kind, "原文")


def citation_html(c: Citation, docs: Mapping[str, Document], number: int) -> str:
    """One citation: who said it, where, the passage with the cited span marked, and a link to it."""
    where = " · ".join(escape(x) for x in (f"《{c.doc_title}》" if c.doc_title else "",
                                          c.section, f"第{c.paragraph}段" if c.paragraph else "") if x)
    kind = SOURCE_LABELS.get(c.source_kind, "")
    kind_html = f' <span class="cite-kind">（{escape(kind)}）</span>' if c.speaker and kind else ""
    url = document_url(c.doc_id, c.start, c.end)
    return (
        f'<li class="cite">'
        f'<p class="cite-who"><strong>出处 {number}：{escape(who(c))}</strong>{kind_html}</p>'
        f'<p class="cite-where">{where}</p>'
        f'<blockquote class="cite-passage">{highlight(c.passage, cited_span(c, docs))}</blockquote>'
        f'<p class="cite-link"><a href="{escape(url)}" target="_blank" rel="noopener">'
        f'查看原文全文（在新标签页打开）</a></p>'
        f"</li>"
    )


def answer_html(answer: Answer, docs: Mapping[str, Document]) -> str:
    """A final answer: a status line in words, the text, and its citations."""
    if not answer.found:
        return (
            '<div class="answer answer-notfound">'
            f'<p class="answer-status"><span aria-hidden="true">ⓘ</span> {NOT_FOUND_LABEL}</p>'
            f'<p class="answer-text">{_text(answer.answer)}</p>'
            "</div>"
        )
    html = [citation_html(c, docs, i) for i, c in enumerate(answer.citations, 1)]
    status = f"有出处，共 {len(html)} 处" if html else "已回答（无可引用的原文）"
    cites = f'<ol class="cites" aria-label="出处">{"".join(html[:SHOWN_CITATIONS])}</ol>' if html else ""
    if len(html) > SHOWN_CITATIONS:
        # Long lists bury the answer; the rest stay one keyboard-operable click away.
        rest = "".join(html[SHOWN_CITATIONS:])
        cites += (f'<details class="more-cites"><summary>显示其余 {len(html) - SHOWN_CITATIONS} 处出处</summary>'
                  f'<ol class="cites" start="{SHOWN_CITATIONS + 1}" aria-label="其余出处">{rest}</ol></details>')
    return (
        '<div class="answer answer-found">'
        f'<p class="answer-status"><span aria-hidden="true">✓</span> {status}</p>'
        f'<p class="answer-text">{_text(answer.answer)}</p>'
        f"{cites}</div>"
    )


def pending_html(text: str) -> str:
    """An answer still streaming in."""
    return (
        '<div class="answer answer-pending">'
        '<p class="answer-status">正在回答…</p>'
        f'<p class="answer-text">{_text(text)}</p></div>'
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
            f'<td class="wsw-section">{escape(r.section)}</td><td class="wsw-doc">{escape(r.doc_title)}</td>'
            f'<td class="wsw-date">{escape(r.date)}</td>'
            f'<td class="wsw-text">{escape(r.text)}</td>'
            f'<td><a href="{escape(url)}" target="_blank" rel="noopener" '
            f'aria-label="查看原文：{escape(r.speaker)}，第{r.paragraph}段（新标签页）">查看原文</a></td>'
            "</tr>"
        )
    return (
        f'<div class="wsw-wrap" tabindex="0" role="region" aria-label="{escape(caption)}"><table class="wsw"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
