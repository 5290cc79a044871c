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

    def __init__(self, fn: Callable[[list[T]], Sequence[R]], max_batch: int = 16, max_wait_s: float = 0.002,
                 lanes: int = 1):
        self.fn = fn
        self.max_batch = max(1, max_batch)
        self.max_wait_s = max(0.0, max_wait_s)
        # Passes that may run at once: `fn` must be safe to call from several threads (an onnxruntime session
        # is). With one lane per core, a pass on one core no longer holds up questions the other could encode.
        self.lanes = max(1, lanes)
        self._cond = threading.Condition()
        self._pending: list[_Slot[T, R]] = []
        self._running = 0  # lanes in use: a leader holds one from taking it until handing it on
        self._last_batch = 1
        self.batches = self.items = 0  # counters for benchmarks

    def __call__(self, item: T) -> R:
        """The result for one item, computed in a batch with whatever else is waiting."""
        slot: _Slot[T, R] = _Slot(item)
        with self._cond:
            self._pending.append(slot)
            if self._running < self.lanes:
                self._running += 1
                slot.lead = True
            else:
                self._cond.notify_all()  # a waiting leader may now have a full batch
        if not slot.lead:
            slot.event.wait()
            if slot.done:
                if slot.lead:  # handed a lane, but another lane's pass took the item first: pass the lane on
                    with self._cond:
                        self._hand_on()
                return self._result(slot)
        return self._lead(slot)

    def _hand_on(self) -> None:
        """Give this lane to the oldest caller still waiting without one, or free it (lock held)."""
        nxt = next((s for s in self._pending if not s.lead), None)
        if nxt is not None:
            nxt.lead = True
            nxt.event.set()
        else:
            self._running -= 1

    def _lead(self, slot: _Slot[T, R]) -> R:
        with self._cond:
            if self._last_batch > 1 and self.max_wait_s:
                # Concurrency seen lately: let the callers arriving in the next moment join this pass.
                self._cond.wait_for(lambda: len(self._pending) >= self.max_batch, timeout=self.max_wait_s)
            batch = self._pending[:self.max_batch]
            del self._pending[:self.max_batch]
        if batch:
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
            if batch:
                self._last_batch = len(batch)
                self.batches += 1
                self.items += len(batch)
            for s in batch:
                s.done = True
                if s is not slot:
                    s.event.set()
            self._hand_on()
            if self.lanes > 1:
                self._cond.notify_all()  # a leader whose item another lane took waits for it below
        if not slot.done:
            # With several lanes another leader's pass may have taken this item: its result comes with that pass.
            with self._cond:
                self._cond.wait_for(lambda: slot.done)
        return self._result(slot)

    @staticmethod
    def _result(slot: _Slot[T, R]) -> R:
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]
