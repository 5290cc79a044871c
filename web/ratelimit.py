"""A per-client sliding-window rate limiter, kept in memory only."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class RateLimiter:
    """Allows at most `limit` hits per `window_s` seconds for each client key; limit 0 = unlimited."""

    def __init__(self, limit: int, window_s: float, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self.max_clients = max_clients
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Record one request; return 0 when allowed, else the seconds until the next one is."""
        if self.limit <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                hits = self._hits[key] = deque()
                # Keys are client addresses: bound the memory an address scan could use.
                while len(self._hits) > self.max_clients:
                    self._hits.popitem(last=False)
            else:
                self._hits.move_to_end(key)
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(0.001, hits[0] + self.window_s - now)
            hits.append(now)
            return 0.0
