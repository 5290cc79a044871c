"""Chinese word segmentation for keyword search, with the corpus's names and titles as words."""
from __future__ import annotations

import re
import threading

_KEEP = re.compile(r"[\w%+\-]")
_MEMO_MAX = 20_000  # texts whose tokens are kept


class ChineseTokenizer:
    """A private jieba instance (its dictionary is not shared with other code in the process)."""

    def __init__(self, words: list[str] = ()):
        import jieba  # imported here: the first use builds a prefix dictionary (~1 s)

        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()
        # Loading jieba's dictionary costs ~1 s; the process-wide one (also used by part-of-speech tagging)
        # is loaded once and copied here, so the added words below still stay private to this instance.
        jieba.dt.check_initialized()
        self._jieba.FREQ, self._jieba.total = dict(jieba.dt.FREQ), jieba.dt.total
        self._jieba.initialized = True
        for w in words:
            if w and len(w) >= 2:
                self._jieba.add_word(w, freq=2000)
        # The dictionary is fixed from here on, so a text always gives the same tokens: passages are
        # cut once and then looked up, not re-cut for every question (most of a warm answer's time).
        self._memo: dict[str, tuple[str, ...]] = {}

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens (long words plus their sub-words), lower-cased, punctuation dropped."""
        hit = self._memo.get(text)
        if hit is None:
            with self._lock:  # jieba's tokenizer is not safe to call from several threads at once
                words = self._jieba.lcut_for_search(text)
            hit = tuple(w.lower() for w in words if w.strip() and _KEEP.search(w))
            if len(self._memo) >= _MEMO_MAX:  # bounded: questions are new texts too
                self._memo.clear()
            self._memo[text] = hit
        return list(hit)
