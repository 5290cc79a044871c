"""Our own <html lang>, title, description and link-preview tags on the Gradio pages.

Gradio's page template says lang="en" and carries its own Open Graph tags ("Gradio", "Click to try
out the app!", gradio.app); a WeChat or mail preview shows those. This ASGI middleware rewrites the
HTML of the Gradio pages before it leaves the server, so it is right before any script runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class PageInfo:
    """What a page says about itself in link previews and the browser's tab."""

    title: str
    description: str


CHAT = PageInfo("政策问答助手", "根据已收录的政策文件回答您的问题，每个回答都注明出处和发言人；文件里没有的内容会直接告诉您。")
STAFF = PageInfo("发言索引：谁说了什么 · 政策问答助手", "工作人员用的发言索引：按发言人、章节或关键词查找每一段发言，并导出 CSV。")

_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")', re.S)
_THEIRS = re.compile(r'\s*<meta\s+(?:property="og:[^"]*"|name="(?:twitter:[^"]*|description)")[^>]*>', re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_CHARSET = re.compile(r'<meta charset="utf-8"\s*/?>', re.I)


def head_tags(info: PageInfo) -> str:
    """Title, description and Open Graph tags for one page."""
    t, d = escape(info.title), escape(info.description)
    return (f'<meta charset="utf-8" /><title>{t}</title><meta name="description" content="{d}" />'
            f'<meta property="og:title" content="{t}" /><meta property="og:description" content="{d}" />'
            '<meta property="og:type" content="website" /><meta property="og:locale" content="zh_CN" />'
            f'<meta property="og:site_name" content="{escape(CHAT.title)}" /><meta name="twitter:card" content="summary" />')


def rewrite(html: str, info: PageInfo) -> str:
    """The page with lang="zh-CN" and only our head tags (the rest untouched)."""
    html = _LANG.sub(r"\1zh-CN\2", html, count=1)
    html = _THEIRS.sub("", html)
    html = _TITLE.sub("", html)
    return _CHARSET.sub(lambda m: head_tags(info), html, count=1)


class PageHead:
    """Rewrites the HTML pages served under `prefix` (the Gradio mount); everything else passes through."""

    def __init__(self, app, prefix: str = "/ui", pages: dict[str, PageInfo] | None = None):
        self.app = app
        self.prefix = prefix.rstrip("/")
        self.pages = pages or {f"{self.prefix}/staff": STAFF}

    def info_for(self, path: str) -> PageInfo:
        """The page's own title and description (the chat's for any other page)."""
        return self.pages.get(path.rstrip("/"), CHAT)

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if scope["type"] != "http" or scope.get("method") != "GET" or not (
                path == self.prefix or path.startswith(self.prefix + "/")) or "." in path.rsplit("/", 1)[-1]:
            return await self.app(scope, receive, send)
        start: dict = {}
        chunks: list[bytes] = []
        passthrough = False

        async def capture(message):
            nonlocal passthrough
            if message["type"] == "http.response.start":
                ctype = dict(message.get("headers", [])).get(b"content-type", b"")
                passthrough = not ctype.startswith(b"text/html")
                if passthrough:
                    await send(message)
                else:
                    start.update(message)
                return
            if passthrough or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = rewrite(b"".join(chunks).decode("utf-8"), self.info_for(path)).encode("utf-8")
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode("latin-1")))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
