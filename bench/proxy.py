"""A tiny connection balancer for loopback: API connections round-robin, UI connections on one worker.

    python -m bench.proxy --listen 8080 --backend 127.0.0.1:8081 --backend 127.0.0.1:8082

The first request line of each client connection decides: /api/… and /health go to the next backend in
turn; everything else (the Gradio UI, whose queue keeps per-session state in one process) goes to the
first backend that accepts. The connection then stays where it went (keep-alive requests follow it), and
a backend that refuses the connection is skipped. A stand-in for nginx (not installed on these machines)
in `bench.scaleout`; deploy/nginx.conf is the production equivalent (least_conn for /api, ip_hash for UI).
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import signal


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except RuntimeError:
            pass


class RoundRobin:
    """Accepts connections and splices each to the next backend that accepts it."""

    def __init__(self, backends: list[tuple[str, int]]):
        self.backends = backends
        self._next = itertools.cycle(range(len(backends)))

    def order(self, first_line: bytes) -> list[int]:
        """Backends to try for a connection whose first request line is this, best first."""
        parts = first_line.split(b" ")
        path = parts[1] if len(parts) > 1 else b""
        n = len(self.backends)
        if path.startswith((b"/api/", b"/health", b"/metrics")):
            start = next(self._next)
            return [(start + i) % n for i in range(n)]
        return list(range(n))  # sticky: a UI session's requests must reach the process holding it

    async def handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        """Connect the client to a backend and copy bytes both ways until either side closes."""
        try:
            first = await client_r.readline()
        except (ConnectionError, ValueError):
            client_w.close()
            return
        for i in self.order(first):
            host, port = self.backends[i]
            try:
                back_r, back_w = await asyncio.open_connection(host, port)
                break
            except OSError:
                continue
        else:
            client_w.close()
            return
        back_w.write(first)
        await asyncio.gather(_pipe(client_r, back_w), _pipe(back_r, client_w))

    async def serve(self, host: str, port: int) -> None:
        """Serve until SIGTERM or SIGINT."""
        server = await asyncio.start_server(self.handle, host, port, backlog=512)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        async with server:
            await stop.wait()


def _backend(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    """Run the balancer."""
    ap = argparse.ArgumentParser(prog="python -m bench.proxy", description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--listen", type=int, required=True)
    ap.add_argument("--backend", action="append", required=True, type=_backend, help="HOST:PORT (repeat)")
    args = ap.parse_args(argv)
    asyncio.run(RoundRobin(args.backend).serve(args.host, args.listen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
