"""The citizens' chat page: streamed answers with citations, examples, feedback, a new-conversation button."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from html import escape

import gradio as gr

from bot.models import Answer, Turn
from bot.pipeline.normalise import trim

from web.examples import CorpusGuide, guide_for
from web.feedback import FeedbackStore
from web.live import LiveService
from web.ratelimit import RateLimiter
from web.render import answer_html, fullwidth, notice_html, pending_html
from web.settings import MAX_QUESTION_CHARS

log = logging.getLogger(__name__)

# Gradio re-renders the whole chat on every yield; fewer, larger updates keep the CPU idle.
STREAM_INTERVAL_S = 0.1

ELDER_JS = """(on) => { window.policybot && window.policybot.setElder(on); return on; }"""
ELDER_LOAD_JS = """() => !!(window.policybot && window.policybot.elder())"""
FOCUS_QUESTION_JS = """() => { window.policybot && window.policybot.focusQuestion(); }"""
EMPTY_HINT = "请先在输入框里写下您的问题，再点“发送”。也可以点上面的示例问题。"


def too_long_message(n: int) -> str:
    """The refusal for a question over the limit, with both counts, so the reader knows how much to cut."""
    return f"问题太长了：已输入 {n:,} 个字，最多 {MAX_QUESTION_CHARS:,} 个字。请删减后再发送（输入框里的文字已保留）。"


def final_html(answer: Answer, live: LiveService, guide: CorpusGuide, asked: list[str]) -> str:
    """The answer card with its follow-up questions (or, when not found, what to ask instead)."""
    docs = live.view.documents
    if not answer.found:
        return answer_html(answer, docs, help=guide.not_found_help(asked[-1], asked[:-1]))
    given = list(getattr(answer, "suggestions", None) or [])
    follow = given[:3] or guide.followups(
        [c.section for c in answer.citations], [(c.speaker_title, c.speaker) for c in answer.citations], asked)
    return answer_html(answer, docs, follow)


def history_of(exchanges: list[dict]) -> list[Turn]:
    """The conversation so far as the service wants it (answered exchanges only)."""
    turns: list[Turn] = []
    for ex in exchanges:
        if ex.get("answer"):
            turns += [Turn("user", ex["question"]), Turn("assistant", ex["answer"]["answer"])]
    return turns


def messages_of(exchanges: list[dict]) -> list[dict]:
    """The chat display: one user and one assistant message per exchange."""
    out = []
    for ex in exchanges:
        out.append({"role": "user", "content": escape(ex["question"])})
        out.append({"role": "assistant", "content": ex["html"]})
    return out


def ask_stream(live: LiveService, limiter: RateLimiter | None, question: str, exchanges: list[dict],
               client: str = "unknown") -> Iterator[list[dict]]:
    """Yield the growing list of exchanges while one answer streams in (plain function, no Gradio)."""
    question = trim(question or "")
    if not question or len(question) > MAX_QUESTION_CHARS:
        return  # the handler says why, beside the input; nothing joins the conversation
    exchanges = list(exchanges)
    if limiter is not None and limiter.hit(client):
        yield [*exchanges, {"question": question, "answer": None,
                            "html": notice_html("提问太频繁了，请稍后再试。")}]
        return
    history = history_of(exchanges)

    def with_current(html: str, answer: dict | None = None) -> list[dict]:
        """A fresh list each time: Gradio may still hold the previous one."""
        return [*exchanges, {"question": question, "answer": answer, "html": html}]

    yield with_current(pending_html(""))
    text, last = "", time.monotonic()
    final: Answer | None = None
    try:
        for piece in live.service.stream(question, history):
            if isinstance(piece, Answer):
                final = piece
                break
            text += piece
            if time.monotonic() - last >= STREAM_INTERVAL_S:
                last = time.monotonic()
                yield with_current(pending_html(text))
    except Exception as exc:
        log.error("stream failed: %s", type(exc).__name__)
        final = None
    if final is None:
        yield with_current(notice_html("抱歉，暂时无法回答，请稍后再试。"))
    else:
        asked = [ex["question"] for ex in exchanges] + [question]
        yield with_current(final_html(final, live, guide_for(live.view), asked), final.to_json())


def record_feedback(store: FeedbackStore, exchanges: list[dict], index, liked,
                    client: str | None = None) -> str:
    """Store a thumbs up/down on the assistant message at `index`; return the status line to show."""
    i = index[0] if isinstance(index, (list, tuple)) else index
    if not isinstance(i, int) or i < 0 or i // 2 >= len(exchanges) or liked not in (True, False):
        return ""
    ex = exchanges[i // 2]
    ans = ex.get("answer")
    if not ans:
        return ""
    store.add(1 if liked else -1, ex["question"], ans["answer"], ans["found"], ans["citations"], client)
    return "感谢您的反馈，已记录。" if liked else "感谢反馈，我们会据此改进回答。"


def greeting_html(titles: list[str]) -> str:
    """The first screen's welcome: what the assistant knows and how it answers."""
    docs = "、".join(f"《{escape(fullwidth(t))}》" for t in titles[:3]) or "已收录的政策文件"
    return (
        '<div class="greeting"><p class="greeting-hello">您好！我是政策问答助手。</p>'
        f'<p>我根据{docs}回答问题，每个回答都注明出自哪里、是谁说的。文件里没有的内容，我会直接告诉您。</p>'
        "<p>字太小？打开右上角的“长辈模式”，字更大、对比更强。</p>"
        "</div>"
    )


def build_chat(demo: gr.Blocks, live: LiveService, store: FeedbackStore, limiter: RateLimiter | None,
               examples: list[str]) -> None:
    """Add the chat components and their events to `demo` (call inside `with demo:`)."""
    docs = list(live.view.documents.values())
    titles = [d.meta.title for d in docs if d.meta.title]

    with gr.Row(elem_id="topbar", equal_height=True):
        gr.HTML('<h1 class="app-title">政策问答助手</h1>', elem_id="app-title-wrap", padding=False, scale=3)
        with gr.Row(elem_id="controls", scale=2):
            # A short label keeps the bar to one line on a phone; the greeting says what it does.
            elder = gr.Checkbox(label="长辈模式", value=False, elem_id="elder-switch", min_width=120)
            new = gr.Button("新对话", elem_id="new-chat", variant="secondary", min_width=90)
    # The first screen (hidden by the stylesheet once the conversation starts).
    example_buttons = []
    with gr.Column(elem_id="welcome"):
        gr.HTML(greeting_html(titles), padding=False)
        if examples:
            gr.HTML('<h2 class="examples-title" id="examples-title">可以这样问：</h2>', padding=False)
            with gr.Column(elem_id="examples"):
                for q in examples:
                    example_buttons.append(gr.Button(q, variant="secondary", elem_classes=["example"]))
    # The page scrolls, not the chat box; the page's script keeps each new answer's first line in view.
    chat = gr.Chatbot(
        label="对话记录", show_label=False, elem_id="chat", height="auto", autoscroll=False,
        buttons=["copy"], sanitize_html=True, render_markdown=True, line_breaks=True,
        feedback_options=("Like", "Dislike"),
    )
    with gr.Column(elem_id="dock"):
        with gr.Row(elem_id="ask-row", equal_height=True):
            # No max_length: the browser would cut a pasted question silently; it is counted and refused.
            box = gr.Textbox(label="输入您的问题", show_label=False, placeholder="请输入您的问题",
                             lines=1, max_lines=4, scale=5, elem_id="question", submit_btn=False,
                             html_attributes=gr.InputHTMLAttributes(enterkeyhint="send"))
            send = gr.Button("发送", variant="primary", scale=1, min_width=72, elem_id="send")
        status = gr.Markdown("", elem_id="status")
    state = gr.State([])

    def respond(question: str, exchanges: list[dict], request: gr.Request):
        """Gradio handler: stream one answer into the chat, or say beside the input why not."""
        client = request.client.host if request and request.client else "unknown"
        q = trim(question or "")
        if not q:
            yield messages_of(exchanges), exchanges, gr.update(), EMPTY_HINT
            return
        if len(q) > MAX_QUESTION_CHARS:
            yield messages_of(exchanges), exchanges, gr.update(), too_long_message(len(q))
            return
        for exs in ask_stream(live, limiter, q, exchanges, client):
            yield messages_of(exs), exs, "", ""

    def initial(exchanges: list[dict], request: gr.Request):
        """Ask the question given in the page address (?q=), as the portal widget does."""
        q = request.query_params.get("q", "") if request else ""
        if not q.strip() or exchanges:
            yield messages_of(exchanges), exchanges, gr.update(), ""
            return
        yield from respond(q, exchanges, request)

    def on_like(exchanges: list[dict], data: gr.LikeData, request: gr.Request) -> str:
        """Gradio handler: store a rating."""
        client = request.client.host if request and request.client else None
        return record_feedback(store, exchanges, data.index, data.liked, client)

    def reset():
        """Gradio handler: forget the conversation."""
        return [], [], "", ""

    outputs = [chat, state, box, status]
    ev = dict(fn=respond, outputs=outputs, show_progress="hidden", concurrency_limit=4,
              concurrency_id="answer")  # web.guard.ANSWER_GROUP: limited per client before queueing
    box.submit(inputs=[box, state], **ev)
    send.click(inputs=[box, state], **ev)
    for b in example_buttons:
        b.click(inputs=[b, state], **ev)
    chat.like(on_like, [state], [status])
    new.click(reset, None, outputs, js=None).then(None, None, None, js=FOCUS_QUESTION_JS)
    elder.change(None, [elder], [elder], js=ELDER_JS)
    demo.load(None, None, [elder], js=ELDER_LOAD_JS)
    demo.load(initial, [state], outputs, show_progress="hidden")
