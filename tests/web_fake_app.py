"""The web app on FakeChatService, for API and browser tests and for trying the UI without a model.

    python tests/web_fake_app.py [--port P]    (BOT_* env vars configure it like app.py)
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for p in (HERE, HERE.parent):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from tests.fakes import FakeChatService  # noqa: E402


class PacedChatService(FakeChatService):
    """The fake taking `ask_s` seconds per answer (a sleep: no CPU), as a model would, for load tests."""

    def __init__(self, ask_s: float = 0.0, **kw):
        super().__init__(**kw)
        self.ask_s = ask_s

    def ask(self, question, history=()):
        """The fake's answer after `ask_s` seconds."""
        import time

        if self.ask_s:
            time.sleep(self.ask_s)
        return super().ask(question, history)


def create_fake_app(settings=None, service=None):
    """The real web app around a FakeChatService; re-index rebuilds the fake."""
    from web.server import create_app
    from web.settings import WebSettings

    return create_app(service or FakeChatService(piece_delay_s=0.02), settings or WebSettings.from_env(),
                      reload=FakeChatService)


def main() -> None:
    """Serve the fake app on loopback as app.py serves the real one (web.serving: timeouts, shutdown)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=7860)
    ap.add_argument("--host", default="127.0.0.1")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from web.serving import serve
    from web.settings import WebSettings

    settings = WebSettings.from_env(host=args.host, port=args.port)
    # Slower answers for load and shutdown tests: FAKE_ASK_S per answer, FAKE_PIECE_DELAY_S per streamed piece.
    service = PacedChatService(float(os.environ.get("FAKE_ASK_S", "0")),
                               piece_delay_s=float(os.environ.get("FAKE_PIECE_DELAY_S", "0.02")))
    serve(create_fake_app(settings, service), settings)


if __name__ == "__main__":
    main()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeServer:
    """`python tests/web_fake_app.py` in a subprocess on a free loopback port; a context manager."""

    def __init__(self, env: dict[str, str] | None = None, port: int | None = None, log_path: Path | None = None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = env or {}
        self.log_path = log_path
        self.proc = None

    def __enter__(self) -> "FakeServer":
        import os
        import subprocess
        import tempfile
        import time
        import urllib.request

        env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
        env.update({"PYTHONPATH": f"{HERE.parent}{os.pathsep}{HERE}", **self.env})
        log = open(self.log_path or Path(tempfile.mkstemp(suffix=".log")[1]), "w", encoding="utf-8")
        self.log_file = log
        self.proc = subprocess.Popen([sys.executable, str(HERE / "web_fake_app.py"), "--port", str(self.port)],
                                     cwd=str(HERE.parent), env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"fake server exited with {self.proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2):
                    return self
            except OSError:
                time.sleep(0.25)
        self.__exit__()
        raise RuntimeError(f"fake server did not answer within 60 s; see {log.name}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except Exception:
                self.proc.kill()
        self.log_file.close()

    def log_text(self) -> str:
        """What the server has written so far."""
        self.log_file.flush()
        with open(self.log_file.name, encoding="utf-8") as fh:
            return fh.read()
