"""The portal widget script, and Gradio's web-component loader served from this server."""
from __future__ import annotations

import re
from pathlib import Path

import gradio
from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

STATIC = Path(__file__).resolve().parent / "static"
_GRADIO_JS = Path(gradio.__file__).resolve().parent / "templates" / "frontend" / "gradio.js"


def gradio_loader(mount: str) -> str:
    """The wheel's gradio.js with its relative imports pointed at the Gradio mount (it 404s otherwise)."""
    with open(_GRADIO_JS, encoding="utf-8") as fh:
        text = fh.read()
    return re.sub(r"""(["'])\./assets/""", lambda m: f"{m.group(1)}.{mount}/assets/", text)


def build_widget(mount: str = "/ui") -> APIRouter:
    """/widget.js (the floating launcher) and /gradio.js (for hosts that prefer <gradio-app>)."""
    router = APIRouter(include_in_schema=False)
    loader = gradio_loader(mount)

    @router.get("/widget.js")
    def widget_js() -> FileResponse:
        """The launcher script hosts include with one <script> tag."""
        return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8",
                            headers={"Cache-Control": "public, max-age=300"})

    @router.get("/gradio.js")
    def gradio_js() -> Response:
        """Gradio's web-component loader, so no page needs a CDN."""
        return Response(loader, media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=300"})

    return router
