"""Plain server-rendered pages: a whole document with a cited span highlighted, and the API docs."""
from __future__ import annotations

import json
from html import escape

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from index.models import Document

from web.live import LiveService

_HEAD = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title>"
    '<link rel="stylesheet" href="/static/page.css"><script src="/static/page.js" defer></script>'
    "</head><body>"
    '<a class="skip" href="#main">跳到正文</a>'
    '<header class="bar"><span class="bar-title">{title}</span>'
    '<button type="button" class="elder-switch" aria-pressed="false">长辈模式（大字）</button></header>'
    '<main id="main" tabindex="-1">'
)
_TAIL = "</main></body></html>"


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
    title = doc.meta.title or doc.doc_id
    first = [True]
    meta = " · ".join(x for x in (doc.meta.outlet, doc.meta.published) if x)
    parts = [_HEAD.format(title=escape(title)), f"<h1>{escape(title)}</h1>"]
    if meta:
        parts.append(f'<p class="doc-meta">{escape(meta)}</p>')
    if 0 <= start < end <= len(doc.body):
        parts.append('<p class="doc-hint">引用的原文已用<mark>高亮</mark>标出，并带有“引用处”字样。</p>')
    paragraphs = [p for s in doc.sections for p in s.paragraphs]
    if paragraphs:
        for sec in doc.sections:
            if sec.title:
                heading = sec.title if sec.title.startswith(sec.number) else sec.number + sec.title
                parts.append(f"<h2>{escape(heading)}</h2>")
            for p in sec.paragraphs:
                parts.append(f'<p id="p{p.index}">{_marked(doc.body, start, end, p.start, p.end, first)}</p>')
    else:
        # Unparsed body: keep its own line breaks as paragraphs.
        pos = 0
        for line in doc.body.split("\n"):
            if line.strip():
                parts.append(f"<p>{_marked(doc.body, start, end, pos, pos + len(line), first)}</p>")
            pos += len(line) + 1
    if first[0] and 0 <= start < end <= len(doc.body):
        # The span lies outside every paragraph (e.g. in a heading): show it on its own.
        parts.insert(2, f'<blockquote><mark id="cited" tabindex="-1" class="cited">'
                        f"{escape(doc.body[start:end])}</mark></blockquote>")
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
    out = [_HEAD.format(title=escape(spec.get("info", {}).get("title", "API"))),
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
            raise HTTPException(404, "没有这份文件 (no such document)")
        return HTMLResponse(document_html(doc, start, end))

    @router.get("/docs", response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        """The API reference, rendered on the server so that it needs no CDN."""
        return HTMLResponse(api_docs_html(app.openapi()))

    return router
