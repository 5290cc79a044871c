"""Admission control: a bounded number of answers in flight, a bounded wait, a fast refusal beyond.

One `Admission` per process is shared by the API (waits on the event loop, `async with slot()`), the
chat (waits in Gradio's worker thread, `with slot_blocking()`) and the guard in front of Gradio's queue
(`check()`, which refuses before an event is queued). Admission is decided once, at arrival: a newcomer
is refused at once — 503 with Retry-After — when the queue is full or its predicted wait (its place in
the queue × the pace of the queue) exceeds `max_wait_s`; a client already holding `per_client` answers
gets 429. A newcomer let in is then served: it waits for its turn, giving up only after `patience` ×
`max_wait_s` (a safety net for a prediction gone wrong, counted as "timeout"), never at the bound itself —
refusing after a wait is the slow refusal this design avoids. The pace is the most pessimistic of three
moving averages: a slot's held time ÷ the slots, the time between two slots coming free while others
wait, and the wait each admitted waiter really had per place ahead of it (which also counts a busy event
loop handing the slot over), so a prediction that proved too short corrects itself within a few answers.
A waiter whose client hangs up leaves the queue and is never computed.
"""
from __future__ import annotations

import asyncio
import contextlib
import contextvars
import math
import threading
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

# Set while a request holds a slot, so the service wrapper below does not take a second one.
_HOLDING: contextvars.ContextVar[bool] = contextvars.ContextVar("admission_holding", default=False)
# Set by the gate in front of a route (`Admission.reserved`) for the handler's `slot()` to claim.
_RESERVED: contextvars.ContextVar[Reservation | None] = contextvars.ContextVar("admission_reserved", default=None)


def _average(old: float, new: float) -> float:
    """A moving average that rises fast and falls slowly: a slow-down must stop admissions at once, a
    speed-up may take a few answers to be believed."""
    weight = 0.5 if new > old else 0.1
    return (1 - weight) * old + weight * new


class Overloaded(Exception):
    """Refused: `status` 503 (the process is busy or shutting down) or 429 (this client has enough)."""

    def __init__(self, status: int, reason: str, retry_after: float):
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.retry_after = max(1, math.ceil(retry_after))

    @property
    def message(self) -> str:
        """What the user is told."""
        if self.status == 429:
            return f"您已有回答在处理中，请 {self.retry_after} 秒后再试 (too many answers in flight for this client)"
        if self.reason == "draining":
            return "服务正在重启，请稍后再试 (server is shutting down)"
        return f"当前提问人数较多，请 {self.retry_after} 秒后再试 (server busy)"


@dataclass(eq=False)
class _Waiter:
    client: str | None
    notify: Callable[[], None]
    place: int = 1  # its place in the queue when it joined (1 = next)
    joined: float = field(default_factory=time.monotonic)
    granted: float | None = None  # when a slot was handed to it


@dataclass(eq=False)
class Ticket:
    """A held slot; give it back with `Admission.leave`."""

    client: str | None
    started: float = field(default_factory=time.monotonic)


@dataclass(eq=False)
class Reservation:
    """A place taken at arrival on the event loop: a slot (`got` is a Ticket) or a place in the queue,
    whose turn sets `granted`."""

    got: Ticket | _Waiter
    granted: asyncio.Future
    claimed: bool = False


class Admission:
    """Slots for answers in flight plus a short FIFO queue; thread-safe, usable from async and threads."""

    def __init__(self, capacity: int = 4, max_queue: int = 16, max_wait_s: float = 1.0, per_client: int = 2,
                 initial_answer_s: float = 0.25, patience: float = 2.0):
        self.capacity = max(1, capacity)
        self.max_queue = max(0, max_queue)
        self.max_wait_s = max_wait_s
        self.patience = max(1.0, patience)  # an admitted waiter gives up only after patience × max_wait_s
        self.per_client = per_client  # 0 = no per-client bound
        self.active = 0
        self.draining = False
        self.rejected: Counter[str] = Counter()  # reason → count, for /metrics
        self._answer_s = initial_answer_s  # moving average of how long a slot is held
        # Moving average of the time between two slots coming free while others wait: the real pace
        # of the queue, which also counts what the held time misses (a busy event loop, hand-over).
        self._interval = initial_answer_s / self.capacity
        # Moving average of the wait admitted waiters really had, per place ahead of them.
        self._per_place = initial_answer_s / self.capacity
        self._last_free: float | None = None
        self._queued_since = 0.0  # when the queue last became non-empty
        self._waiters: deque[_Waiter] = deque()
        self._clients: Counter[str] = Counter()
        self._lock = threading.Lock()

    # ----- reading

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot."""
        return len(self._waiters)

    def predicted_wait(self, waiting: int | None = None) -> float:
        """Seconds a newcomer would wait behind `waiting` others (default: the current queue)."""
        ahead = self.waiting if waiting is None else waiting
        if self.active < self.capacity and ahead == 0:
            return 0.0
        return (ahead + 1) * self.pace

    @property
    def pace(self) -> float:
        """Seconds per place in the queue: the most pessimistic of the three moving averages, or the time
        since a slot last came free while some wait, when the queue has stalled longer than that."""
        stalled = time.monotonic() - max(self._last_free or 0.0, self._queued_since) if self._waiters else 0.0
        return max(self._interval, self._answer_s / self.capacity, self._per_place, stalled)

    # ----- deciding

    def _refuse(self, reason: str, status: int, retry_after: float) -> Overloaded:
        self.rejected[reason] += 1
        return Overloaded(status, reason, retry_after)

    def _verdict(self, client: str | None, extra_waiting: int = 0) -> Overloaded | None:
        """Under the lock: why a newcomer would be refused now, or None."""
        if self.draining:
            return self._refuse("draining", 503, 5)
        if client and self.per_client and self._clients[client] >= self.per_client:
            return self._refuse("client", 429, self._answer_s)
        waiting = len(self._waiters) + extra_waiting
        if self.active < self.capacity and waiting == 0:
            return None
        predicted = self.predicted_wait(waiting)
        if waiting >= self.max_queue or predicted > self.max_wait_s:
            return self._refuse("busy", 503, predicted)
        return None

    def check(self, client: str | None = None, extra_waiting: int = 0) -> None:
        """Raise Overloaded when an answer asked now would be refused (nothing is reserved)."""
        with self._lock:
            refusal = self._verdict(client, extra_waiting)
        if refusal:
            raise refusal

    def _join(self, client: str | None, notify: Callable[[], None]) -> Ticket | _Waiter:
        with self._lock:
            refusal = self._verdict(client)
            if refusal:
                raise refusal
            if client:
                self._clients[client] += 1
            if self.active < self.capacity and not self._waiters:
                self.active += 1
                return Ticket(client)
            waiter = _Waiter(client, notify, place=len(self._waiters) + 1)
            if not self._waiters:
                self._queued_since = waiter.joined
            self._waiters.append(waiter)
            return waiter

    def _give_up(self, waiter: _Waiter, timed_out: bool = False) -> None:
        """A waiter timed out or its client left: drop it, or pass on the slot it was just handed."""
        with self._lock:
            if waiter.granted is None:
                if timed_out:  # the prediction was wrong: the queue is slower than the pace said
                    self._per_place = _average(self._per_place, self.give_up_s / waiter.place)
                self._waiters.remove(waiter)
                self._forget(waiter.client)
                return
        self.leave(Ticket(waiter.client, waiter.granted), record=False)

    def _forget(self, client: str | None) -> None:
        """Under the lock: one answer of `client` less (no entry kept for a client with none)."""
        if client:
            self._clients[client] -= 1
            if self._clients[client] <= 0:
                del self._clients[client]

    def leave(self, ticket: Ticket, record: bool = True) -> None:
        """Give the slot back: to the first waiter if any, else free it."""
        with self._lock:
            now = time.monotonic()
            if record:
                self._answer_s = _average(self._answer_s, now - ticket.started)
                if self._waiters and self._last_free is not None:
                    self._interval = _average(self._interval, min(now - self._last_free, self.max_wait_s))
                self._last_free = now
            self._forget(ticket.client)
            if self._waiters:
                waiter = self._waiters.popleft()
                waiter.granted = now
                per_place = min(now - waiter.joined, self.patience * self.max_wait_s) / waiter.place
                self._per_place = _average(self._per_place, per_place)
                waiter.notify()
            else:
                self.active -= 1

    # ----- waiting

    @property
    def give_up_s(self) -> float:
        """How long an admitted waiter waits at most (a safety net: its predicted wait was ≤ max_wait_s)."""
        return self.patience * self.max_wait_s

    def reserve(self, client: str | None = None) -> Reservation:
        """Decide now, on the event loop: a slot, a place in the queue, or Overloaded at once."""
        loop = asyncio.get_running_loop()
        granted = loop.create_future()

        def notify() -> None:
            loop.call_soon_threadsafe(lambda: granted.done() or granted.set_result(None))

        return Reservation(self._join(client, notify), granted)

    def release(self, reservation: Reservation) -> None:
        """Give back a reservation nobody claimed (the request failed before it asked for its answer)."""
        got = reservation.got
        if isinstance(got, Ticket):
            self.leave(got, record=False)
        else:
            self._give_up(got)

    @contextlib.contextmanager
    def offer(self, reservation: Reservation) -> Iterator[Reservation]:
        """`with admission.offer(admission.reserve(client)): await app(...)` — admission decided at the
        request's arrival, before its body is read; the handler's `slot()` claims the place, else it is
        given back when the request ends."""
        token = _RESERVED.set(reservation)
        try:
            yield reservation
        finally:
            _RESERVED.reset(token)
            if not reservation.claimed:
                self.release(reservation)

    async def enter(self, client: str | None = None,
                    abandoned: Callable[[], Awaitable] | None = None) -> Ticket:
        """Take the place reserved at arrival (`reserved()`), else take a slot or be refused at once; once
        queued, wait on the event loop for the turn (at most `give_up_s`); a waiter whose `abandoned()`
        finishes first (its client hung up) leaves the queue with Overloaded(499)."""
        reservation = _RESERVED.get()
        if reservation is None or reservation.claimed:
            reservation = self.reserve(client)
        reservation.claimed = True
        got, granted = reservation.got, reservation.granted
        client = got.client
        if isinstance(got, Ticket):
            return got
        watch = asyncio.ensure_future(abandoned()) if abandoned is not None else None
        try:
            waits = {granted} | ({watch} if watch else set())
            await asyncio.wait(waits, timeout=self.give_up_s, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            self._give_up(got)
            raise
        finally:
            if watch is not None:
                watch.cancel()
        if granted.done():
            return Ticket(client, got.granted or time.monotonic())
        left = watch is not None and watch.done()
        self._give_up(got, timed_out=not left)
        if left:
            with self._lock:
                raise self._refuse("abandoned", 499, 0)
        raise self._timeout()

    def enter_blocking(self, client: str | None = None) -> Ticket:
        """Take a slot from a worker thread or be refused at once; once queued, wait at most `give_up_s`."""
        event = threading.Event()
        got = self._join(client, event.set)
        if isinstance(got, Ticket):
            return got
        if event.wait(self.give_up_s):
            return Ticket(client, got.granted or time.monotonic())
        self._give_up(got, timed_out=True)  # a slot handed over in that instant is passed on
        raise self._timeout()

    def _timeout(self) -> Overloaded:
        with self._lock:
            return self._refuse("timeout", 503, self.predicted_wait())

    @contextlib.asynccontextmanager
    async def slot(self, client: str | None = None,
                   abandoned: Callable[[], Awaitable] | None = None) -> AsyncIterator[Ticket]:
        """`async with admission.slot(client):` — hold a slot for the block."""
        ticket = await self.enter(client, abandoned)
        token = _HOLDING.set(True)
        try:
            yield ticket
        finally:
            _HOLDING.reset(token)
            self.leave(ticket)

    @contextlib.contextmanager
    def slot_blocking(self, client: str | None = None) -> Iterator[Ticket]:
        """`with admission.slot_blocking():` — hold a slot for the block (a worker thread)."""
        if _HOLDING.get():  # the caller already holds one (the API runs the service in a thread)
            yield Ticket(client)
            return
        ticket = self.enter_blocking(client)
        # No context flag here: a generator's steps may run in different threads and contexts
        # (Gradio calls next() through a worker pool), where a ContextVar token cannot be reset.
        try:
            yield ticket
        finally:
            self.leave(ticket)


class AdmittedService:
    """A ChatService whose answers each hold an admission slot (the chat's path); the rest passes through."""

    def __init__(self, inner, admission: Admission):
        self.inner = inner
        self.admission = admission

    def ask(self, question, history=()):
        """Answer within a slot."""
        with self.admission.slot_blocking():
            return self.inner.ask(question, history)

    def stream(self, question, history=()):
        """Stream within a slot, held until the last piece or until the consumer closes the stream."""
        with self.admission.slot_blocking():
            yield from self.inner.stream(question, history)

    def __getattr__(self, name):
        return getattr(self.inner, name)
