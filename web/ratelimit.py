"""Per-client rate limits on the `limits` library (moving windows, kept in this process's memory)."""
from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class RateLimiter:
    """Allows at most `limit` hits per `window_s` seconds for each client key; limit 0 = unlimited."""

    def __init__(self, limit: int, window_s: float, namespace: str = "ask"):
        self.limit = limit
        self.window_s = window_s
        self.namespace = namespace
        # limits counts whole seconds; its memory storage expires idle keys itself.
        self._item = RateLimitItemPerSecond(max(1, limit), max(1, math.ceil(window_s)))
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, key: str) -> float:
        """Record one request; return 0 when allowed, else the seconds until the next one is."""
        if self.limit <= 0:
            return 0.0
        if self._limiter.hit(self._item, self.namespace, key):
            return 0.0
        return _wait(self._limiter, self._item, self.namespace, key)


def _wait(limiter: MovingWindowRateLimiter, item: RateLimitItem, *ids: str) -> float:
    """Seconds until the window of `item` frees a slot for these identifiers."""
    reset = limiter.get_window_stats(item, *ids).reset_time
    return max(1.0, reset - time.time())


class Backoff:
    """Failed attempts per client (staff tokens) under growing windows: 5/min, 20/hour, 50/day.

    `wait(key)` says how long the client must wait before its next attempt (0 = may try now);
    `failed(key)` records a wrong attempt. A right one does not reset the count: guesses stay costly.
    """

    def __init__(self, tiers: tuple[tuple[int, int], ...] = ((5, 60), (20, 3600), (50, 86400))):
        self._items = [RateLimitItemPerSecond(n, s) for n, s in tiers]
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def wait(self, key: str) -> float:
        """0 when `key` may attempt now, else the seconds to wait."""
        waits = [_wait(self._limiter, item, "staff", key)
                 for item in self._items if not self._limiter.test(item, "staff", key)]
        return max(waits, default=0.0)

    def failed(self, key: str) -> None:
        """Count one failed attempt of `key` in every window."""
        for item in self._items:
            self._limiter.hit(item, "staff", key)
