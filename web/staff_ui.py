"""The staff page: the who-said-what index with filters, CSV export, and token-guarded feedback."""
from __future__ import annotations

import hmac
from html import escape
from urllib.parse import urlencode

import gradio as gr

from web.feedback import FeedbackStore
from web.live import LiveService
from web.render import statements_table_html
from web.settings import WebSettings
from web.statements import csv_filename, distinct, filter_rows

ALL = ""


def filtered_view(live: LiveService, speaker: str, section: str, text: str) -> tuple[str, str]:
    """(summary with the CSV export link, table) for the current filters (plain function)."""
    speaker, section, text = speaker or ALL, section or ALL, (text or "")[:200]
    rows = filter_rows(live.view.rows, speaker, section, text)
    total = len(live.view.rows)
    query = urlencode({k: v for k, v in (("speaker", speaker), ("section", section), ("q", text)) if v})
    href = "/api/statements.csv" + (f"?{query}" if query else "")
    summary = (
        f'<p class="wsw-summary" role="status">共 {total} 条发言，当前显示 {len(rows)} 条。 '
        f'<a href="{escape(href)}" download="{escape(csv_filename(speaker, section, text))}">导出当前结果为 CSV</a></p>'
    )
    return summary, statements_table_html(rows, f"发言索引：{len(rows)} 条")


def check_token(settings: WebSettings, token: str) -> str | None:
    """None when the token is right, else the reason in words."""
    if not settings.admin_token:
        return "管理功能未启用：服务器未设置 BOT_ADMIN_TOKEN。"
    if not token or not hmac.compare_digest(token.encode("utf-8"), settings.admin_token.encode("utf-8")):
        return "管理令牌不正确。"
    return None


def feedback_view(store: FeedbackStore, settings: WebSettings, token: str):
    """(html, csv file update) of the stored feedback, or the refusal (plain function)."""
    refusal = check_token(settings, token)
    if refusal:
        return f'<p class="refusal" role="alert">{escape(refusal)}</p>', gr.update(value=None, visible=False)
    rows = store.list(500)
    body = "".join(
        f"<tr><td>{escape(r.created_at[:19].replace('T', ' '))}</td><td>{'赞：有帮助' if r.rating > 0 else '踩：没帮助'}</td>"
        f"<td>{escape(r.question)}</td><td>{escape(r.answer)}</td><td>{'是' if r.found else '否（文中未提及）'}</td>"
        f"<td>{len(r.citations)}</td></tr>"
        for r in rows
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in ("时间", "评价", "问题", "回答", "找到出处", "出处数"))
    html = (f'<div class="wsw-wrap" tabindex="0" role="region" aria-label="用户反馈"><table class="wsw">'
            f"<caption>用户反馈：最近 {len(rows)} 条</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")
    return html, gr.update(value=str(store.export_file()), visible=True)


def reindex_view(live: LiveService, settings: WebSettings, token: str) -> str:
    """Start a re-index when the token is right; the status line (plain function)."""
    refusal = check_token(settings, token)
    if refusal:
        return f'<p class="refusal" role="alert">{escape(refusal)}</p>'
    if not live.can_reindex:
        return '<p role="status">本服务器不支持重建索引。</p>'
    started = live.start_reindex()
    state = live.reindex_status()
    return f'<p role="status">{"已开始重建索引" if started else "索引正在重建中"}：{escape(str(state))}</p>'


def build_staff(live: LiveService, store: FeedbackStore, settings: WebSettings) -> None:
    """Add the staff components and their events to the enclosing gr.Blocks (or route)."""
    view = live.view
    people = sorted(view.people, key=lambda p: -len(p.statements))
    speaker_choices = [("全部发言人", ALL)] + [
        (f"{p.title}{p.name}（{len(p.statements)} 段发言）", p.name) for p in people if p.statements]
    section_choices = [("全部章节", ALL)] + [(s, s) for s in distinct(r.section for r in view.rows)]

    gr.HTML('<h1 class="app-title">发言索引：谁说了什么</h1>'
            '<p class="staff-nav"><a href="/ui/">返回市民问答</a> · 点击“查看原文”打开整篇文件并定位到这段话。</p>',
            padding=False)
    with gr.Row(elem_id="filters"):
        speaker = gr.Dropdown(speaker_choices, value=ALL, label="按发言人筛选", elem_id="f-speaker", filterable=True)
        section = gr.Dropdown(section_choices, value=ALL, label="按章节筛选", elem_id="f-section", filterable=True)
        text = gr.Textbox(label="按关键词筛选", placeholder="在发言内容、发言人、章节中查找", elem_id="f-text")
    first_summary, first_table = filtered_view(live, ALL, ALL, "")
    summary = gr.HTML(first_summary, elem_id="wsw-summary", padding=False)
    table = gr.HTML(first_table, elem_id="wsw-table", padding=False)

    with gr.Accordion("工作人员操作：用户反馈与重建索引（需要管理令牌）", open=False, elem_id="admin"):
        token = gr.Textbox(label="管理令牌", type="password", elem_id="admin-token")
        with gr.Row():
            show = gr.Button("查看并导出反馈", elem_id="show-feedback")
            reindex = gr.Button("重建索引", elem_id="reindex")
        admin_out = gr.HTML("", padding=False)
        csv_file = gr.File(label="反馈 CSV 下载", visible=False, interactive=False)

    inputs = [speaker, section, text]

    def refresh(sp: str, sec: str, q: str):
        """Gradio handler: re-filter the table."""
        return filtered_view(live, sp, sec, q)

    for comp in (speaker, section):
        comp.change(refresh, inputs, [summary, table], show_progress="hidden")
    text.submit(refresh, inputs, [summary, table], show_progress="hidden")
    text.change(refresh, inputs, [summary, table], show_progress="hidden", trigger_mode="always_last")
    show.click(lambda t: feedback_view(store, settings, t), [token], [admin_out, csv_file])
    reindex.click(lambda t: reindex_view(live, settings, t), [token], [admin_out])
