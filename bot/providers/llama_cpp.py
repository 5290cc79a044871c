"""A LangChain chat model over an in-process llama.cpp GGUF: loaded on first use, one copy per process,
streamed token by token. The only module of the project that imports llama_cpp, and only when a model is
first used."""
from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from bot.grounding import close_stream, content_text
from bot.providers.gguf import LocalModelError

N_CTX = 2048
N_BATCH = 512

# One llama.cpp model per process: a second copy would double the memory, and keeping the same object
# is what lets llama.cpp reuse the evaluated system prompt (the common token prefix) between questions.
_SLOT: dict[str, Any] = {}
_SLOT_LOCK = threading.Lock()


def _open_llama(path: str, n_ctx: int, n_threads: int) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise LocalModelError("the local backend needs llama-cpp-python: pip install -e '.[local-llm]'") from exc
    # chat_format left unset: llama-cpp-python uses the chat template stored in the GGUF.
    return Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads,
                 n_batch=N_BATCH, verbose=False)


def shared_llama(path: str, n_ctx: int = N_CTX, n_threads: int | None = None) -> tuple[Any, threading.Lock]:
    """The process's llama.cpp model and the lock that serialises its use, loaded on first call."""
    key = (str(path), n_ctx, n_threads or os.cpu_count() or 1)
    with _SLOT_LOCK:
        if _SLOT.get("key") != key:
            old, old_lock = _SLOT.pop("llama", None), _SLOT.pop("lock", None)
            _SLOT.clear()
            if old is not None:
                with old_lock:  # a reply still streaming from the old model finishes first
                    close_stream(old)
                del old
                gc.collect()  # free the old weights before mapping the new ones
            _SLOT.update(key=key, llama=_open_llama(*key), lock=threading.Lock())
        return _SLOT["llama"], _SLOT["lock"]


def _role(m: BaseMessage) -> str:
    if isinstance(m, SystemMessage):
        return "system"
    if isinstance(m, HumanMessage):
        return "user"
    if isinstance(m, AIMessage):
        return "assistant"
    return getattr(m, "role", None) or "user"


def _as_dicts(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _role(m), "content": content_text(m.content)} for m in messages]


class LocalChatModel(BaseChatModel):
    """A LangChain chat model over an in-process llama.cpp GGUF; loads on first use, streams token by token.

    `client` injects a ready object with llama_cpp.Llama's create_chat_completion/tokenize (tests).
    `last_call` holds the timings of the most recent reply: prompt_s (to first token), total_s, tokens.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str = ""
    n_ctx: int = N_CTX
    n_threads: int | None = None
    max_tokens: int = 300
    temperature: float = 0.0
    client: Any = None
    _last: dict = PrivateAttr(default_factory=dict)
    _client_lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    @property
    def last_call(self) -> dict:
        """Timings and token count of the most recent reply."""
        return dict(self._last)

    def _llama(self) -> tuple[Any, threading.Lock]:
        if self.client is not None:
            return self.client, self._client_lock
        if not self.model_path:
            raise LocalModelError("LocalChatModel needs a model_path")
        return shared_llama(self.model_path, self.n_ctx, self.n_threads)

    def load(self) -> None:
        """Load the model now instead of on the first question."""
        self._llama()

    def warm_up(self, messages: Sequence[BaseMessage]) -> None:
        """Evaluate a prompt once so that its prefix (the system prompt) is cached before the first question."""
        llama, lock = self._llama()
        with lock:
            llama.create_chat_completion(messages=_as_dicts(messages), max_tokens=1, temperature=0.0)

    def _params(self, stop: list[str] | None, kwargs: dict) -> dict:
        return {"max_tokens": kwargs.get("max_tokens", self.max_tokens),
                "temperature": kwargs.get("temperature", self.temperature), "stop": stop or None}

    def _count(self, llama: Any, text: str) -> int:
        try:
            return len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))
        except Exception:  # noqa: BLE001 - a count is a statistic, never a reason to fail an answer
            return 0

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        """One whole reply."""
        llama, lock = self._llama()
        t0 = time.perf_counter()
        with lock:
            out = llama.create_chat_completion(messages=_as_dicts(messages), **self._params(stop, kwargs))
        text = out["choices"][0]["message"].get("content") or ""
        usage = out.get("usage") or {}
        self._last = {"prompt_s": None, "total_s": time.perf_counter() - t0,
                      "tokens": usage.get("completion_tokens") or self._count(llama, text)}
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text),
                                                      generation_info={"usage": usage})])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: Any = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        """The reply as llama.cpp produces it; the lock is held until the caller stops reading."""
        llama, lock = self._llama()
        t0 = time.perf_counter()
        first, text = None, ""
        with lock:
            it = llama.create_chat_completion(messages=_as_dicts(messages), stream=True,
                                              **self._params(stop, kwargs))
            try:
                for chunk in it:
                    choices = chunk.get("choices") or [{}]
                    piece = (choices[0].get("delta") or {}).get("content") or ""
                    if not piece:
                        continue
                    if first is None:
                        first = time.perf_counter() - t0
                    text += piece
                    gen = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager is not None:
                        run_manager.on_llm_new_token(piece, chunk=gen)
                    yield gen
            finally:
                # Closing the llama.cpp generator stops decoding at once when the backend gives up early.
                close_stream(it)
                self._last = {"prompt_s": first, "total_s": time.perf_counter() - t0,
                              "tokens": self._count(llama, text)}
