"""Chinese word segmentation for keyword search, with the corpus's names and titles as words."""
from __future__ import annotations

import re
import threading

_KEEP = re.compile(r"[\w%+\-]")


class ChineseTokenizer:
    """A private jieba instance (its dictionary is not shared with other code in the process)."""

    def __init__(self, words: list[str] = ()):
        import jieba  # imported here: the first use builds a prefix dictionary (~1 s)

        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()
        self._jieba.initialize()
        for w in words:
            if w and len(w) >= 2:
                self._jieba.add_word(w, freq=2000)

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens (long words plus their sub-words), lower-cased, punctuation dropped."""
        with self._lock:  # jieba's tokenizer is not safe to call from several threads at once
            words = self._jieba.lcut_for_search(text)
        return [w.lower() for w in words if w.strip() and _KEEP.search(w)]
