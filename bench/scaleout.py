"""Scale-out on one machine: one `chroma run` server, N `app.py` workers sharing it, a round-robin proxy in front.

    python -m bench.scaleout [--workers 2] [--port 8080] [--data DIR]      (deploy/scale_out.sh runs this)

DIR defaults to $TMPDIR/mianyang-scaleout (Chroma's data and every process's log).

Starts Chroma on a loopback port over DIR, indexes the corpus into it once (`python -m bot index` with
CHROMA_HOST/CHROMA_PORT), then starts the workers with the same CHROMA_* settings and `bench.proxy` on
--port, and serves until Ctrl-C. Everything listens on 127.0.0.1 only. The production layout (nginx,
several hosts, an OpenAI-compatible LLM server) is deploy/docker-compose.yml.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Child, free_port
from bench.servers import APP_START_S, app_server, base_url, chroma_server, heartbeat, index, proxy


@dataclass
class Cluster:
    """The processes of one scale-out setup; a context manager that stops them all."""

    workdir: Path
    workers: int = 2
    port: int = 0
    children: list[Child] = field(default_factory=list)
    chroma_port: int = 0

    @property
    def url(self) -> str:
        """The proxy's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, log=print) -> "Cluster":
        """Chroma, one index build, the workers, then the proxy; each waited for."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        chroma = chroma_server(self.workdir / "chroma-data", self.workdir / "chroma.log")
        self.children.append(chroma.start())
        chroma.wait_http(heartbeat(chroma), 60)
        self.chroma_port = chroma.port
        shared = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma.port)}
        log(f"scale-out: chroma run on :{chroma.port}; indexing the corpus into it once…")
        # one build before the workers start: concurrent first builds would race (the loser exits)
        index(self.workdir / "index.log", **shared)
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        apps = [app_server(self.workdir / f"app{i}.log", threads=threads, **shared) for i in range(self.workers)]
        for app in apps:
            self.children.append(app.start())
        for app in apps:
            app.wait_http(base_url(app) + "/health", APP_START_S)
        log(f"scale-out: {self.workers} workers ready on :{', :'.join(str(a.port) for a in apps)}")
        front = proxy(self.workdir / "proxy.log", self.port, [a.port for a in apps])
        self.children.append(front.start())
        front.wait_http(self.url + "/health", 30)
        return self

    def stop(self) -> None:
        """Stop the proxy, the workers, then Chroma."""
        for child in reversed(self.children):
            child.stop()
        self.children.clear()

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Serve the scale-out setup until interrupted."""
    ap = argparse.ArgumentParser(prog="python -m bench.scaleout", description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1")
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "mianyang-scaleout",
                    help="Chroma data and logs")
    args = ap.parse_args(argv)
    cluster = Cluster(args.data.resolve(), args.workers, args.port)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    try:
        cluster.start(log=lambda m: print(m, file=sys.stderr, flush=True))
        print(f"serving {cluster.url}/ui/ ({args.workers} workers, chroma :{cluster.chroma_port}); "
              f"logs in {args.data}; Ctrl-C stops everything", flush=True)
        while not stop and all(c.proc and c.proc.poll() is None for c in cluster.children):
            time.sleep(0.5)
        dead = [c.args[1:3] for c in cluster.children if c.proc and c.proc.poll() is not None]
        if dead:
            print(f"a process exited: {dead}; stopping", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
