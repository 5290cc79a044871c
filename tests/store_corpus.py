"""Hand-made chunk corpora for the store tests, and a build worker to kill -9 mid-way.

As a script: `python tests/store_corpus.py STORE_DIR DOCS CHUNKS VERSION DELAY` builds that
corpus with slow fake embeddings and prints "embedded N" after every batch.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (str(ROOT), str(ROOT / "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

from index.search.build import DocChunks  # noqa: E402
from index.models import Chunk  # noqa: E402

SPEAKERS = [("张明", "市长"), ("李华", "副市长"), ("王芳", "局长"), ("", "")]
SECTIONS = ["总体要求", "重点任务", "保障措施"]
TOPICS = ["营商环境", "科技创新", "乡村振兴", "生态保护", "教育医疗", "交通建设", "数字经济", "文化旅游"]


def make_doc(n: int, chunks: int = 5, version: int = 0) -> DocChunks:
    """Document number n with `chunks` chunks; a different version changes every text."""
    doc_id = f"doc{n:03d}.txt"
    out = []
    for i in range(chunks):
        name, title = SPEAKERS[(n + i) % len(SPEAKERS)]
        topic = TOPICS[(n * 3 + i) % len(TOPICS)]
        text = (
            f"第{n}号文件第{i}段：关于{topic}的工作，要求各部门落实责任，"
            f"推进{topic}高质量发展，版本{version}，编号{n}-{i}。"
        )
        out.append(Chunk(
            chunk_id=hashlib.sha1(f"{doc_id}|{i}|{text}".encode("utf-8")).hexdigest()[:16],
            doc_id=doc_id, doc_title=f"文件{n}", section=SECTIONS[i % len(SECTIONS)],
            paragraph=i + 1, start=i * 100, end=i * 100 + len(text), text=text,
            speaker=name, speaker_title=title,
            source_kind="statement" if name else "narration", published="2020-07-30",
        ))
    sha = hashlib.sha256("".join(c.text for c in out).encode("utf-8")).hexdigest()
    return DocChunks(doc_id, sha, out)


def make_corpus(docs: int, chunks: int = 5, version: int = 0) -> list[DocChunks]:
    """`docs` documents of `chunks` chunks each."""
    return [make_doc(n, chunks, version) for n in range(docs)]


def _main(argv: list[str]) -> None:
    """Build the corpus the arguments describe, slowly, reporting progress on stdout."""
    from tests.fakes import SlowEmbeddings

    from index.search.build import build_index
    from index.settings import IndexSettings
    from index.search.store import ChunkStore

    store_dir, docs, chunks, version, delay = argv[0], int(argv[1]), int(argv[2]), int(argv[3]), float(argv[4])
    emb = SlowEmbeddings(delay=delay, report=lambda n: print(f"embedded {n}", flush=True))
    settings = IndexSettings(store_dir=Path(store_dir), embedding_model="fake-bigram", batch_size=16)
    store = ChunkStore.open(settings, emb)
    report = build_index(make_corpus(docs, chunks, version), store, progress=False)
    print(f"done {report.generation} {report.chunks_total}", flush=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
