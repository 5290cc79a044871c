"""Chinese word segmentation for keyword search, with the corpus's names and titles as words."""
from __future__ import annotations

import re
import threading

_KEEP = re.compile(r"[\w%+\-]")
_MEMO_MAX = 20_000  # texts whose tokens are kept


def load_dictionary(cache=None) -> None:
    """Initialise jieba's process-wide tokenizer with its default dictionary, from `cache` (an
    index.search.artifacts.Artifacts) when given: jieba's own cache is a marshal file that takes ~0.7 s to read
    here, the same words and frequencies as one text blob and one integer array ~0.25 s (and no code is ever
    loaded from it, unlike a pickle). A custom dictionary, or no cache, is left to jieba."""
    import os

    import jieba

    dt = jieba.dt
    if cache is not None and dt.dictionary == jieba.DEFAULT_DICT:
        _NAMES_CACHE[0] = cache  # the default dictionary's tags: names found with it can be kept with it
    if dt.initialized or cache is None or dt.dictionary != jieba.DEFAULT_DICT:
        dt.check_initialized()
        return
    import numpy as np

    from index.search.artifacts import digest

    source = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    try:
        stat = os.stat(source)
    except OSError:
        dt.check_initialized()
        return
    key = digest("jieba-prefix-dictionary", getattr(jieba, "__version__", ""), stat.st_size, stat.st_mtime_ns)
    found = cache.load("jieba", key)
    if found is not None:
        try:
            words = found["words"].tobytes().decode("utf-8").split("\n")
            freqs = found["freqs"].tolist()
            if len(words) == len(freqs):
                with dt.lock:
                    if not dt.initialized:
                        dt.FREQ, dt.total = dict(zip(words, freqs)), int(found["total"])
                        dt.initialized = True
                return
        except (KeyError, ValueError, UnicodeDecodeError):
            pass
    dt.check_initialized()
    if any("\n" in w for w in dt.FREQ):
        return  # not representable as lines: jieba's own cache serves
    blob = "\n".join(dt.FREQ).encode("utf-8")
    cache.save("jieba", key, {"words": np.frombuffer(blob, dtype=np.uint8),
                              "freqs": np.fromiter(dt.FREQ.values(), dtype=np.int64, count=len(dt.FREQ)),
                              "total": np.array(dt.total, dtype=np.int64)})


def word_frequency(word: str) -> int:
    """How often jieba's general dictionary counts the word (0: not a word it knows); loads the dictionary once."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0)


def person_names(text: str) -> list[str]:
    """Words jieba's part-of-speech tagger reads as personal names (tag "nr"), in order of first appearance; kept
    per text in the dictionary's artifacts when load_dictionary was given them, because importing the tagger costs
    ~0.3 s and tagging an article ~0.07 s of every start that parses the corpus."""
    import jieba

    cache = _NAMES_CACHE[0]
    key = name = ""
    if cache is not None:
        from index.search.artifacts import digest

        key = digest("jieba-person-names-2", getattr(jieba, "__version__", ""), text)
        name = f"person-names-{key[:24]}"
        found = cache.load(name, key)
        if found is not None:
            try:
                blob = found["names"].tobytes().decode("utf-8")
                return blob.split("\n") if blob else []
            except (KeyError, UnicodeDecodeError):
                pass
    import jieba.posseg

    jieba.dt.check_initialized()
    words = list(jieba.posseg.cut(text))
    names = list(dict.fromkeys(_whole_name(w.word, words[i + 1] if i + 1 < len(words) else None)
                               for i, w in enumerate(words) if w.flag == "nr" and "\n" not in w.word))
    if cache is not None:
        import numpy as np

        cache.save(name, key, {"names": np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8)})
    return names


# Parts of speech of a word that may follow a name: a verb, adverb, preposition… ("张伟强调" is 张伟 + 强调).
_AFTER_NAME = ("v", "vd", "vn", "d", "p", "c", "u", "uj", "ul", "uz", "ug", "y", "f", "m", "q", "r", "x")


def _whole_name(name: str, after) -> str:
    """A two-character name the tagger cut short ("王永" + "刚跑" as a place) with the next character when the three
    read as one name on their own; a name followed by a verb or adverb stays as it is."""
    import jieba.posseg

    if len(name) != 2 or after is None or after.flag.startswith(_AFTER_NAME) or not after.word[:1].strip():
        return name
    whole = name + after.word[0]
    tagged = list(jieba.posseg.cut(whole))
    return whole if len(tagged) == 1 and tagged[0].flag == "nr" else name


# Where person_names keeps each text's names: set by load_dictionary (the index's artifacts), else nowhere.
_NAMES_CACHE: list = [None]


class ChineseTokenizer:
    """A private jieba instance (its dictionary is not shared with other code in the process)."""

    def __init__(self, words: list[str] = (), dictionary_cache=None):
        import jieba  # imported here: the first use builds a prefix dictionary (~1 s)

        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()
        # Loading jieba's dictionary costs ~1 s; the process-wide one (also used by part-of-speech tagging)
        # is loaded once and copied here, so the added words below still stay private to this instance.
        load_dictionary(dictionary_cache)
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
