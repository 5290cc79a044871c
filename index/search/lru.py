"""A small thread-safe LRU map with a bound on entries, for per-process caches of questions."""
from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
_MISSING = object()


class LRU(Generic[V]):
    """At most `size` entries; the least recently used one is dropped first. size 0 = caches nothing."""

    def __init__(self, size: int):
        self.size = max(0, int(size))
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> V | None:
        """The cached value (now most recent), or None."""
        with self._lock:
            value = self._data.get(key, _MISSING)
            if value is _MISSING:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return value  # type: ignore[return-value]

    def put(self, key: Hashable, value: V) -> None:
        """Store a value, evicting the least recently used entry when full."""
        if not self.size:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


def question_key(text: str) -> str:
    """A question as a cache key: NFKC (full-width → half-width), outer spaces dropped, inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
