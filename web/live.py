"""The service that answers now, its corpus as the pages need it, and a re-index that replaces both."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from bot.service import ChatService
from index.models import Document, Person

from web.statements import StatementRow, statement_rows

log = logging.getLogger(__name__)


class CorpusView:
    """Documents by id, people and statement rows, built once per service."""

    def __init__(self, service: ChatService):
        self.documents: dict[str, Document] = {d.doc_id: d for d in service.documents()}
        self.people: list[Person] = list(service.people())
        self.rows: list[StatementRow] = statement_rows(self.people, self.documents.values())


class LiveService:
    """Holds the current ChatService; `reload` (optional) builds a fresh one after re-indexing."""

    def __init__(self, service: ChatService, reload: Callable[[], ChatService] | None = None):
        self._service = service
        self._view: CorpusView | None = None
        self._reload = reload
        self._lock = threading.Lock()
        self._status: dict = {"state": "idle"}

    @property
    def service(self) -> ChatService:
        """The service answering now."""
        return self._service

    @property
    def view(self) -> CorpusView:
        """The corpus of the service answering now."""
        with self._lock:
            if self._view is None:
                self._view = CorpusView(self._service)
            return self._view

    @property
    def can_reindex(self) -> bool:
        """Whether this server was given a way to rebuild the index."""
        return self._reload is not None

    def reindex_status(self) -> dict:
        """{"state": idle|running|done|failed, ...timings or the error's kind}."""
        with self._lock:
            return dict(self._status)

    def start_reindex(self) -> bool:
        """Start re-indexing in a background thread; False when one is already running."""
        if self._reload is None:
            raise RuntimeError("re-indexing is not configured")
        with self._lock:
            if self._status.get("state") == "running":
                return False
            self._status = {"state": "running", "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
        threading.Thread(target=self._run_reindex, name="reindex", daemon=True).start()
        return True

    def _run_reindex(self) -> None:
        t0 = time.monotonic()
        try:
            fresh = self._reload()
            view = CorpusView(fresh)
        except Exception as exc:  # the old service keeps answering; staff see why it failed
            log.exception("re-index failed")
            with self._lock:
                self._status = {"state": "failed", "error": type(exc).__name__, "message": str(exc)[:300]}
            return
        with self._lock:
            self._service, self._view = fresh, view
            self._status = {"state": "done", "seconds": round(time.monotonic() - t0, 1),
                            "documents": len(view.documents), "statements": len(view.rows)}
