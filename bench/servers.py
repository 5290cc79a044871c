"""Start and stop what the HTTP benchmarks talk to: `app.py`, `chroma run` and the round-robin proxy."""
from __future__ import annotations

import subprocess
from pathlib import Path

from bench.common import PYTHON, ROOT, Child, bench_env, free_port

CHROMA = Path(PYTHON).with_name("chroma")
APP_START_S = 300  # model load + indexing on a busy 2-core machine


def app_server(log: Path, port: int | None = None, threads: int | None = None, **env: str | Path | None) -> Child:
    """`python app.py` on a free loopback port, rate limit off, feedback in the log's folder (not started)."""
    port = port or free_port()
    # Every benchmark client connects from 127.0.0.1 (or through one proxy): no per-client bound on
    # answers in flight, or the run would measure that bound instead of the server.
    extra = {"BOT_FEEDBACK_DB": log.with_suffix(".feedback.sqlite3"), "BOT_CLIENT_INFLIGHT": "0", **env}
    if threads:
        # torch threads for questions (BOT_QUERY_THREADS) and for everything else (OMP): several workers
        # on two cores need one each, or they fight over the cores
        extra.update(BOT_QUERY_THREADS=str(threads), OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    return Child([PYTHON, "app.py", "--host", "127.0.0.1", "--port", str(port), "--rate-limit", "0"],
                 bench_env(**extra), log, port=port)


def base_url(child: Child) -> str:
    """http://127.0.0.1:PORT of a server child."""
    return f"http://127.0.0.1:{child.port}"


def chroma_server(data: Path, log: Path, port: int | None = None) -> Child:
    """`chroma run` on a free loopback port over a data folder (not started)."""
    port = port or free_port()
    return Child([str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                 bench_env(), log, port=port)


def heartbeat(child: Child) -> str:
    """The Chroma server's heartbeat URL."""
    return f"{base_url(child)}/api/v2/heartbeat"


def proxy(log: Path, port: int, backends: list[int]) -> Child:
    """`python -m bench.proxy` spreading connections over the backend ports (not started)."""
    args = [PYTHON, "-m", "bench.proxy", "--listen", str(port)]
    for b in backends:
        args += ["--backend", f"127.0.0.1:{b}"]
    return Child(args, bench_env(), log, port=port)


def index(log: Path, **env: str | Path | None) -> None:
    """`python -m bot index` with these settings; raises with its output when it fails."""
    with open(log, "a", encoding="utf-8") as fh:
        proc = subprocess.run([PYTHON, "-m", "bot", "index"], cwd=ROOT, env=bench_env(**env), stdout=fh,
                              stderr=subprocess.STDOUT, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"python -m bot index failed ({proc.returncode}); see {log}")
