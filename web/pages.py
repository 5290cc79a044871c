"""Plain server-rendered pages: a whole document with a cited span highlighted, and the API docs."""
from __future__ import annotations

import json
from html import escape

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from index.models import Document

from web.live import LiveService
from web.render import fullwidth

_HEAD = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title} · 政策问答助手</title>"
    '<meta name="description" content="{description}">'
    '<meta property="og:title" content="{title}"><meta property="og:description" content="{description}">'
    '<meta property="og:type" content="article"><meta property="og:locale" content="zh_CN">'
    '<link rel="stylesheet" href="/static/page.css"><script src="/static/page.js" defer></script>'
    "</head><body>"
    '<a class="skip" href="#main">跳到正文</a>'
    '<header class="bar"><a class="back" href="/ui/">返回问答</a><span class="bar-title">{title}</span>'
    '<button type="button" class="elder-switch" aria-pressed="false">长辈模式<span class="wide">（大字）</span></button></header>'
    '<main id="main" tabindex="-1">'
)
_TAIL = "</main></body></html>"


def _head(title: str, description: str) -> str:
    """The page's head and top bar."""
    return _HEAD.format(title=escape(title), description=escape(description))


def not_found_html(doc_id: str) -> str:
    """The page for a document that is not (or no longer) in the corpus."""
    return (_head("没有找到这份文件", "没有找到这份文件。")
            + "<h1>没有找到这份文件</h1>"
            f"<p>文件“{escape(doc_id)}”不在已收录的文件里，可能已被更新或移除。</p>"
            '<p><a class="cta" href="/ui/">回到政策问答，重新提问</a></p>' + _TAIL)


def _marked(body: str, start: int, end: int, lo: int, hi: int, first: list[bool]) -> str:
    """body[lo:hi] escaped, with its overlap with [start, end) marked; the first mark gets id=cited."""
    a, b = max(lo, start), min(hi, end)
    if a >= b:
        return escape(body[lo:hi])
    anchor = ' id="cited" tabindex="-1"' if first[0] else ""
    first[0] = False
    return (f"{escape(body[lo:a])}<mark{anchor} class=\"cited\">{escape(body[a:b])}</mark>"
            f"{escape(body[b:hi])}")


def document_html(doc: Document, start: int = 0, end: int = 0) -> str:
    """The whole document, sections as headings, the span [start, end) highlighted."""
    title = fullwidth(doc.meta.title) if doc.meta.title else doc.doc_id
    shown = fullwidth(doc.body)  # same length as the body: the offsets still point at the same characters
    first = [True]
    meta = " · ".join(x for x in (doc.meta.outlet, doc.meta.published) if x)
    parts = [_head(title, f"《{title}》全文，引用处已标出。"), f"<h1>{escape(title)}</h1>"]
    if meta:
        parts.append(f'<p class="doc-meta">{escape(meta)}</p>')
    if 0 <= start < end <= len(doc.body):
        parts.append('<p class="doc-hint">引用的原文已用<mark>高亮</mark>标出，并带有“引用处”字样。</p>')
    paragraphs = [p for s in doc.sections for p in s.paragraphs]
    if paragraphs:
        for sec in doc.sections:
            if sec.title:
                heading = sec.title if sec.title.startswith(sec.number) else sec.number + sec.title
                parts.append(f"<h2>{escape(fullwidth(heading))}</h2>")
            for p in sec.paragraphs:
                parts.append(f'<p id="p{p.index}">{_marked(shown, start, end, p.start, p.end, first)}</p>')
    else:
        # Unparsed body: keep its own line breaks as paragraphs.
        pos = 0
        for line in doc.body.split("\n"):
            if line.strip():
                parts.append(f"<p>{_marked(shown, start, end, pos, pos + len(line), first)}</p>")
            pos += len(line) + 1
    if first[0] and 0 <= start < end <= len(doc.body):
        # The span lies outside every paragraph (e.g. in a heading): show it on its own.
        parts.insert(2, f'<blockquote><mark id="cited" tabindex="-1" class="cited">'
                        f"{escape(shown[start:end])}</mark></blockquote>")
    parts.append(_TAIL)
    return "".join(parts)


def _schema_name(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list[{_schema_name(schema.get('items', {}))}]"
    return schema.get("type", "object")


def api_docs_html(spec: dict) -> str:
    """A self-contained rendering of the OpenAPI spec (FastAPI's own pages load Swagger from a CDN)."""
    out = [_head(spec.get("info", {}).get("title", "API"), "接口说明"),
           f"<h1>{escape(spec['info']['title'])} {escape(spec['info'].get('version', ''))}</h1>",
           '<p>机器可读的规范：<a href="/openapi.json">/openapi.json</a></p>']
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            out.append(f'<section class="op"><h2><code>{method.upper()} {escape(path)}</code> '
                       f"— {escape(op.get('summary', ''))}</h2>")
            if op.get("description"):
                out.append(f"<p>{escape(op['description'])}</p>")
            params = op.get("parameters", [])
            if params:
                out.append("<p>参数：" + "，".join(
                    f"<code>{escape(p['name'])}</code>（{escape(p.get('in', ''))}）" for p in params) + "</p>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                out.append(f"<p>请求体：<code>{escape(_schema_name(body))}</code></p>")
            codes = "，".join(f"<code>{escape(c)}</code> {escape(r.get('description', ''))}"
                             for c, r in op.get("responses", {}).items())
            out.append(f"<p>响应：{codes}</p></section>")
    schemas = spec.get("components", {}).get("schemas", {})
    if schemas:
        out.append("<h2>数据结构</h2>")
        for name, schema in schemas.items():
            out.append(f"<h3><code>{escape(name)}</code></h3>"
                       f"<pre>{escape(json.dumps(schema, ensure_ascii=False, indent=2))}</pre>")
    out.append(_TAIL)
    return "".join(out)


def build_pages(live: LiveService, app: FastAPI) -> APIRouter:
    """/, /document/{doc_id} and /docs."""
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    def root() -> RedirectResponse:
        """The citizens' chat is the front page."""
        return RedirectResponse("/ui/")

    @router.get("/favicon.ico")
    def favicon() -> Response:
        """No icon: an empty answer instead of a 404 in every browser console."""
        return Response(status_code=204)

    @router.get("/document/{doc_id:path}", response_class=HTMLResponse)
    def document(doc_id: str, start: int = 0, end: int = 0) -> HTMLResponse:
        """A whole document, scrolled (by the #cited anchor) to the highlighted span."""
        doc = live.view.documents.get(doc_id)
        if doc is None:
            return HTMLResponse(not_found_html(doc_id), status_code=404)
        return HTMLResponse(document_html(doc, start, end))

    @router.get("/docs", response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        """The API reference, rendered on the server so that it needs no CDN."""
        return HTMLResponse(api_docs_html(app.openapi()))

    return router
