"""A body the question calls by what it does ("管钱那个局", "搞体育的那个局", "管看病报销那个局的一把手"), read as the
body of the documents whose name means that: the one the sentence encoder puts nearest the description, once the
pull every body's name has toward any such phrase is taken away, and only when it stands clear of the next one.

Words for a body's work are open-ended ("念书", "看病报销", "盖房子"), so no list of them is kept: the encoder that
ranks passages compares the description with the bodies the documents themselves name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np

from index.ingest.coref import orgs_in

# "管钱那个局", "搞体育的那个局", "负责规划的部门": a verb of looking after, what is looked after, a kind of body.
# Not inside a word that holds the verb ("管理局", "城管", "分管", "管网", "负责人").
_DESCRIBED = re.compile(r"(?<![城监主分托掌接代])(?:管|搞|负责|抓)(?![理委辖道网线护控人])"
                        r"(?P<what>[\u4e00-\u9fff]{1,8}?)(?:的)?(?:那个|这个|那|这|哪个)?"
                        r"(?P<kind>局|部门|单位|委员会|办公室|中心|股|科)")
# What a description says without its work: the pull toward any body's name that the work must beat.
_FRAMES = ("那个局", "那个部门", "管的那个单位")
# How far the nearest body must stand above the next, in the encoder's cosine once the frame's pull is taken away.
MARGIN = 0.008


@dataclass
class DescribedBodies:
    """The bodies the documents name, and the encoder that matches a description of one to its name."""

    texts: list[str]
    embeddings: object | None
    _vectors: np.ndarray | None = field(default=None, init=False)
    _pull: np.ndarray | None = field(default=None, init=False)

    @functools.cached_property
    def _names(self) -> list[str]:
        """The bodies the documents name, in order of first mention; read on the first description, not at start."""
        return list(dict.fromkeys(org for text in self.texts for org in orgs_in(text)))

    def _ready(self) -> bool:
        if self._vectors is None and self.embeddings is not None and len(self._names) >= 2:
            # Embedded once, on the first description asked about: most questions never need it.
            self._vectors = np.array(self.embeddings.embed_documents(self._names), dtype=np.float32)
            frame = np.mean([self.embeddings.embed_query(f) for f in _FRAMES], axis=0)
            self._pull = self._vectors @ np.asarray(frame, dtype=np.float32)
        return self._vectors is not None

    def named(self, question: str) -> str:
        """The question with a body called by its work written as that body's name ("管钱那个局的一把手" →
        "市财政局的一把手"); unchanged when it names none so, already names a body of that kind outright, or no body
        stands clear of the rest."""
        m = _DESCRIBED.search(question)
        if m is None or any(name in question for name in self._names):
            return question
        kinds = [k for k, name in enumerate(self._names) if name.endswith(m.group("kind"))]
        if len(kinds) < 2 or not self._ready():
            return question
        q = np.asarray(self.embeddings.embed_query(m.group(0)), dtype=np.float32)
        scores = self._vectors[kinds] @ q - self._pull[kinds]
        order = np.argsort(-scores)
        if scores[order[0]] - scores[order[1]] < MARGIN:
            return question
        return question[:m.start()] + self._names[kinds[order[0]]] + question[m.end():]
