"""Shared helpers of the benchmarks: percentiles, the machine's description, child processes on loopback."""
from __future__ import annotations

import json
import math
import os
import platform
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
VERSIONED = ("torch", "sentence-transformers", "transformers", "chromadb", "langchain-core", "bm25s", "jieba",
             "fastapi", "uvicorn", "gradio", "httpx", "numpy")


def pct(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..1) of the values; None when there are none."""
    if not values:
        return None
    v = sorted(values)
    rank = max(1, min(len(v), math.ceil(q * len(v))))
    return v[rank - 1]


def ms(v: float | None, digits: int = 0) -> str:
    """Milliseconds for a table cell; "—" for a missing value."""
    return "—" if v is None else f"{v:.{digits}f}"


def load_avg() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (other work on the machine skews timings)."""
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


def settle(below: float = 2.0, max_wait: float = 90.0) -> float:
    """Wait (up to max_wait s) for the 1-minute load average to fall below `below`; returns it.

    The previous measurement's own threads keep the average up for a minute or more after it ends;
    waiting lets the next one start on idle cores and makes the recorded load mean "other work".
    """
    deadline = time.monotonic() + max_wait
    while load_avg()[0] >= below and time.monotonic() < deadline:
        time.sleep(2)
    return load_avg()[0]


def load_note() -> str:
    """"load 1.23" for the line under a table."""
    return f"load {load_avg()[0]:.2f}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """Resident memory of this process now, in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="utf-8") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024
    except (OSError, StopIteration, ValueError):
        return 0.0


def cpu_name() -> str:
    """"2 × Intel(R) Xeon(R) …" from /proc/cpuinfo."""
    name = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            name = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    return f"{os.cpu_count()} × {name or platform.processor() or platform.machine()}"


def memory_gb() -> float:
    """Total RAM in GB."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("MemTotal"))
        return kb / 1024 / 1024
    except (OSError, StopIteration, ValueError):
        return 0.0


def versions() -> dict[str, str]:
    """Installed versions of the packages the numbers depend on (read from metadata, nothing imported)."""
    out = {}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "—"
    return out


def git_commit() -> str:
    """Short commit of the checkout plus "+dirty" when files differ (the numbers belong to that tree)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return (head or "?") + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine_lines() -> list[str]:
    """Markdown lines describing the machine, the software and the date."""
    v = versions()
    return [
        f"- machine: {cpu_name()}, {memory_gb():.0f} GB RAM, {platform.system()} {platform.release()}, no GPU used",
        f"- software: Python {platform.python_version()}, " + ", ".join(f"{k} {x}" for k, x in v.items()),
        f"- checkout: {git_commit()}; date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
    ]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(**extra: str | os.PathLike | None) -> dict[str, str]:
    """This process's environment for a child, offline, with BOT_*/CHROMA_* settings replaced by `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "CHROMA_"))}
    env.update({"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "GRADIO_ANALYTICS_ENABLED": "False",
                "HF_HUB_DISABLE_TELEMETRY": "1", "PYTHONPATH": str(ROOT)})
    if os.environ.get("BOT_CACHE_DIR"):
        env["BOT_CACHE_DIR"] = os.environ["BOT_CACHE_DIR"]  # the converted model, wherever it was put
    env.update({k: str(v) for k, v in extra.items() if v is not None})
    return env


def http_ok(url: str, timeout: float = 2.0) -> bool:
    """True when GET url answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status == 200
    except (OSError, urllib.error.URLError):
        return False


def post_json(url: str, body: dict, timeout: float = 60.0) -> tuple[int, dict]:
    """POST a JSON body; (status, parsed JSON or {})."""
    req = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                 headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, {}


@dataclass
class Child:
    """A child process whose output goes to a log file; started and stopped by the benchmarks."""

    args: list[str]
    env: dict[str, str]
    log: Path
    cwd: Path = ROOT
    port: int = 0  # where a server child listens, 0 for other children
    proc: subprocess.Popen | None = field(default=None, init=False)
    started: float = field(default=0.0, init=False)

    def start(self) -> "Child":
        """Start the process; its stdout and stderr go to the log file."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "a", encoding="utf-8") as fh:
            self.started = time.perf_counter()
            self.proc = subprocess.Popen(self.args, cwd=self.cwd, env=self.env, stdout=fh, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)
        return self

    def wait_http(self, url: str, timeout: float) -> float:
        """Seconds from start until GET url answers 200; raises with the log's tail when it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.args[1:3]} exited with {self.proc.returncode}:\n{self.tail()}")
            if http_ok(url):
                return time.perf_counter() - self.started
            time.sleep(0.1)
        raise RuntimeError(f"{url} did not answer within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        """The end of the log."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> "Child":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def run_timed_lines(args: list[str], env: dict[str, str],
                    timeout: float = 900) -> tuple[int, list[tuple[float, str, str]]]:
    """Run a command; return its exit code and every output line as (seconds since start, stream, text)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace")
    lines: list[tuple[float, str, str]] = []
    lock = threading.Lock()

    def pump(stream, name: str) -> None:
        for line in iter(stream.readline, ""):
            with lock:
                lines.append((time.perf_counter() - t0, name, line.rstrip("\n")))

    threads = [threading.Thread(target=pump, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=pump, args=(proc.stderr, "err"), daemon=True)]
    for t in threads:
        t.start()
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    for t in threads:
        t.join(timeout=5)
    return code, sorted(lines)


def load_gold(path: Path) -> list[dict]:
    """Every item of a gold JSONL file, in order."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]
