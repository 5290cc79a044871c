"""Micro-batching: calls that arrive while the encoder is busy are encoded together in one forward pass.

No thread of its own: the first caller leads and runs the batch; callers arriving meanwhile queue up, and
when the batch is done the oldest waiting caller leads the next one. A lone caller never waits. Once
batches of more than one have been seen (concurrency), a leader waits up to `max_wait_s` for
more arrivals before running, bounded by `max_batch`.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Slot(Generic[T, R]):
    __slots__ = ("item", "result", "error", "done", "lead", "event")

    def __init__(self, item: T):
        self.item = item
        self.result: R | None = None
        self.error: BaseException | None = None
        self.done = self.lead = False
        self.event = threading.Event()


class MicroBatcher(Generic[T, R]):
    """Runs `fn(items) -> results` (same length, same order) over the calls that meet in time."""

    def __init__(self, fn: Callable[[list[T]], Sequence[R]], max_batch: int = 16, max_wait_s: float = 0.002):
        self.fn = fn
        self.max_batch = max(1, max_batch)
        self.max_wait_s = max(0.0, max_wait_s)
        self._cond = threading.Condition()
        self._pending: list[_Slot[T, R]] = []
        self._busy = False
        self._last_batch = 1
        self.batches = self.items = 0  # counters for benchmarks

    def __call__(self, item: T) -> R:
        """The result for one item, computed in a batch with whatever else is waiting."""
        slot: _Slot[T, R] = _Slot(item)
        with self._cond:
            self._pending.append(slot)
            if not self._busy:
                self._busy = slot.lead = True
            else:
                self._cond.notify_all()  # a waiting leader may now have a full batch
        if not slot.lead:
            slot.event.wait()
            if slot.done:
                return self._result(slot)
        return self._lead(slot)

    def _lead(self, slot: _Slot[T, R]) -> R:
        with self._cond:
            if self._last_batch > 1 and self.max_wait_s:
                # Concurrency seen lately: let the callers arriving in the next moment join this pass.
                self._cond.wait_for(lambda: len(self._pending) >= self.max_batch, timeout=self.max_wait_s)
            batch = self._pending[:self.max_batch]
            del self._pending[:self.max_batch]
        try:
            results = list(self.fn([s.item for s in batch]))
            if len(results) != len(batch):
                raise RuntimeError(f"batch function returned {len(results)} results for {len(batch)} items")
            for s, r in zip(batch, results):
                s.result = r
        except BaseException as exc:  # every caller of the batch gets the error, the batcher goes on
            for s in batch:
                s.error = exc
        with self._cond:
            self._last_batch = len(batch)
            self.batches += 1
            self.items += len(batch)
            for s in batch:
                s.done = True
                if s is not slot:
                    s.event.set()
            if self._pending:
                nxt = self._pending[0]
                nxt.lead = True
                nxt.event.set()
            else:
                self._busy = False
        # A leader is always the oldest waiting caller, so its own item was in this batch.
        return self._result(slot)

    @staticmethod
    def _result(slot: _Slot[T, R]) -> R:
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]
