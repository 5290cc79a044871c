"""The Chroma store and incremental, crash-safe builds, on a real embedded Chroma in tmp_path."""
from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

# `pytest tests/...` puts tests/ on sys.path, not the repo root (no pythonpath setting yet).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes import BigramEmbeddings, FailingEmbeddings  # noqa: E402
from tests.store_corpus import make_corpus, make_doc  # noqa: E402

from index.search.build import DocChunks, build_index  # noqa: E402
from index.errors import StoreError  # noqa: E402
from index.models import index_text  # noqa: E402
from index.settings import IndexSettings  # noqa: E402
from index.search.store import ChunkStore, CorruptStore, StaleSnapshot, open_client  # noqa: E402

MODEL = "fake-bigram"


@pytest.fixture
def settings(tmp_path: Path) -> IndexSettings:
    """Settings for an embedded store in tmp_path."""
    return IndexSettings(store_dir=tmp_path / "store", embedding_model=MODEL, batch_size=8)


def open_store(settings: IndexSettings, emb=None) -> ChunkStore:
    """A store over the settings, with fresh fake embeddings unless given."""
    return ChunkStore.open(settings, emb or BigramEmbeddings())


def all_chunks(corpus: list[DocChunks]):
    """The corpus's chunks in the order ChunkStore.chunks() returns them."""
    return sorted((c for d in corpus for c in d.chunks), key=lambda c: (c.doc_id, c.paragraph, c.start, c.chunk_id))


def build(settings, corpus, emb=None, **kw):
    """Build the corpus through a freshly opened store; returns (report, embeddings, store)."""
    emb = emb or BigramEmbeddings()
    store = open_store(settings, emb)
    return build_index(corpus, store, progress=False, **kw), emb, store


def test_first_build_then_no_change_embeds_nothing(settings):
    corpus = make_corpus(6)
    report, emb, store = build(settings, corpus)
    assert (len(report.added), report.chunks_embedded, report.chunks_total) == (6, 30, 30)
    assert emb.calls == 30 and store.count() == 30
    assert store.chunks() == all_chunks(corpus)

    again, emb2, store2 = build(settings, corpus)
    assert emb2.calls == 0
    assert again.noop and again.chunks_embedded == 0 and len(again.unchanged) == 6
    assert again.generation == report.generation and store2.count() == 30
    assert "up to date" in again.summary()


def test_changed_doc_is_reembedded_alone(settings):
    corpus = make_corpus(6)
    first, _, _ = build(settings, corpus)
    corpus[2] = make_doc(2, version=1)
    report, emb, store = build(settings, corpus)
    assert emb.calls == 5 and report.chunks_embedded == 5 and report.chunks_reused == 25
    assert report.changed == ("doc002.txt",) and len(report.unchanged) == 5
    assert report.generation != first.generation
    # the replaced generation is kept for a rollback (one only: see test_old_generations_leave_no_folders)
    assert store.generations() == [first.generation, report.generation]
    assert store.previous() == first.generation
    assert store.chunks() == all_chunks(corpus)
    top, score = store.similarity(index_text(corpus[2].chunks[0]), k=1)[0]
    assert top == corpus[2].chunks[0] and score == pytest.approx(1.0, abs=1e-4)

    # editing one passage re-embeds that passage only
    doc = corpus[4]
    edited = list(doc.chunks)
    edited[1] = replace(edited[1], text=edited[1].text + "新增一句。", chunk_id="edited-1")
    corpus[4] = DocChunks(doc.doc_id, "new-sha", edited)
    report, emb, store = build(settings, corpus)
    assert emb.calls == 1 and report.changed == ("doc004.txt",)
    assert store.chunks() == all_chunks(corpus)


def test_deleted_doc_disappears(settings):
    corpus = make_corpus(6)
    build(settings, corpus)
    del corpus[3]
    report, emb, store = build(settings, corpus)
    assert report.removed == ("doc003.txt",) and emb.calls == 0
    assert store.count() == 25
    assert all(c.doc_id != "doc003.txt" for c in store.chunks())
    assert store.similarity("第3号文件", k=5, where={"doc_id": "doc003.txt"}) == []


def test_model_change_rebuilds_everything(settings):
    corpus = make_corpus(4)
    build(settings, corpus)
    other = IndexSettings(store_dir=settings.store_dir, embedding_model="other-model", batch_size=8)
    stale_reader = open_store(other)
    with pytest.raises(StoreError, match="built with fake-bigram"):
        stale_reader.similarity("营商环境", k=3)

    report, emb, store = build(other, corpus)
    assert emb.calls == 20 and report.chunks_reused == 0
    assert "model changed" in report.reason
    assert store.active().model == "other-model"
    assert store.similarity("营商环境", k=3)


def test_rebuild_flag_reembeds_everything(settings):
    corpus = make_corpus(3)
    build(settings, corpus)
    report, emb, store = build(settings, corpus, rebuild=True)
    assert emb.calls == 15 and report.reason == "rebuild requested" and store.count() == 15


def test_similarity_with_metadata_filters(settings):
    corpus = make_corpus(8)
    _, _, store = build(settings, corpus)
    hits = store.similarity("推进科技创新高质量发展", k=6, where={"speaker": "张明"})
    assert hits and all(c.speaker == "张明" for c, _ in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)

    hits = store.similarity("工作要求", k=50, where={"speaker": "李华", "section": "重点任务"})
    assert hits and all(c.speaker == "李华" and c.section == "重点任务" for c, _ in hits)
    expected = [c for c in all_chunks(corpus) if c.speaker == "李华" and c.section == "重点任务"]
    assert {c.chunk_id for c, _ in hits} == {c.chunk_id for c in expected}

    hits = store.similarity("工作", k=50, where={"doc_id": ["doc001.txt", "doc005.txt"]})
    assert {c.doc_id for c, _ in hits} == {"doc001.txt", "doc005.txt"} and len(hits) == 10

    assert store.chunks(where={"section": "保障措施"}) == [c for c in all_chunks(corpus) if c.section == "保障措施"]


def test_empty_store_says_so(settings):
    store = open_store(settings)
    assert store.count() == 0 and store.active() is None
    with pytest.raises(StoreError, match="no index"):
        store.similarity("任何问题")
    report = build_index([], store, progress=False)
    assert report.chunks_total == 0 and store.count() == 0 and store.chunks() == []


def test_bad_input_is_refused_before_writing(settings):
    doc = make_doc(1)
    store = open_store(settings)
    with pytest.raises(ValueError, match="not unique"):
        clash = replace(doc.chunks[0], doc_id="other.txt")  # same chunk id in another document
        build_index([doc, DocChunks("other.txt", "x", [clash])], store, progress=False)
    with pytest.raises(ValueError, match="given under"):
        build_index([DocChunks("other.txt", "x", doc.chunks)], store, progress=False)
    assert store.generations() == []


def test_concurrent_build_is_refused(settings):
    store = open_store(settings)
    with store.build_lock():
        with pytest.raises(StoreError, match="another build"):
            build_index(make_corpus(1), open_store(settings), progress=False)


def test_readers_follow_the_pointer(settings):
    corpus = make_corpus(4)
    build(settings, corpus)
    reader = open_store(settings)
    pinned = reader.snapshot()
    corpus[0] = make_doc(0, version=1)
    report, _, _ = build(settings, corpus)
    # the long-lived reader sees the new generation; a pin on a deleted one says so
    assert reader.active().name == report.generation
    assert reader.chunks() == all_chunks(corpus)
    corpus[1] = make_doc(1, version=1)
    build(settings, corpus)  # the pinned generation was the previous one; now it is deleted
    with pytest.raises(StaleSnapshot):
        pinned.similarity("营商环境")


def test_failure_half_way_keeps_previous_index(settings):
    old = make_corpus(6)
    first, _, _ = build(settings, old)
    new = make_corpus(6, version=1) + [make_doc(9)]
    with pytest.raises(RuntimeError, match="injected"):
        build(settings, new, emb=FailingEmbeddings(fail_after=12))

    store = open_store(settings)
    assert store.active().name == first.generation
    assert store.count() == 30 and store.chunks() == all_chunks(old)
    assert store.similarity(index_text(old[1].chunks[0]), k=1)[0][0] == old[1].chunks[0]
    assert store.generations() == [first.generation]  # the failed build cleaned up after itself

    report, emb, store = build(settings, new)
    assert emb.calls == 35 and report.chunks_total == 35
    ids = store.snapshot().ids()
    assert len(ids) == len(set(ids)) == 35
    assert store.chunks() == all_chunks(new)


def _wait_for(proc: subprocess.Popen, line_ok, timeout: float) -> str:
    """Read the worker's stdout until a line satisfies line_ok."""
    deadline = time.monotonic() + timeout
    buf = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            line = proc.stdout.readline()
            if not line:
                break
            buf += line
            if line_ok(line):
                return line
    raise AssertionError(f"worker never got there; output so far:\n{buf}\n{proc.stderr.read() if proc.poll() is not None else ''}")


def test_kill_9_half_way_keeps_previous_index(settings):
    old = make_corpus(10)
    first, _, _ = build(settings, old)

    docs, chunks = 40, 10  # 400 chunks at 10 ms each: about 4 s of embedding
    worker = Path(__file__).with_name("store_corpus.py")
    proc = subprocess.Popen(
        [sys.executable, str(worker), str(settings.store_dir), str(docs), str(chunks), "1", "0.01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    try:
        _wait_for(proc, lambda line: line.startswith("embedded") and int(line.split()[1]) >= 64, timeout=60)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    store = open_store(settings)
    assert store.active().name == first.generation
    assert store.count() == 50 and store.chunks() == all_chunks(old)
    assert store.similarity(index_text(old[7].chunks[3]), k=1)[0][0] == old[7].chunks[3]
    leftovers = [g for g in store.generations() if g != first.generation]
    assert len(leftovers) == 1  # the half-built generation, invisible to readers

    new = make_corpus(docs, chunks, version=1)
    report, emb, store = build(settings, new)
    assert report.dropped == tuple(leftovers)
    assert report.chunks_total == 400 and emb.calls == 400
    ids = store.snapshot().ids()
    assert len(ids) == len(set(ids)) == 400
    assert store.chunks() == all_chunks(new)
    assert store.generations() == [first.generation, report.generation]  # the previous kept for a rollback


def test_corrupted_store_gives_a_clear_error(settings, tmp_path):
    build(settings, make_corpus(3))
    broken = tmp_path / "broken"
    shutil.copytree(settings.store_dir, broken)
    db = broken / "chroma.sqlite3"
    db.write_bytes(b"\xff" * 100 + db.read_bytes()[100:])
    bad = IndexSettings(store_dir=broken, embedding_model=MODEL)
    with pytest.raises(StoreError) as err:
        open_client(bad)
    assert isinstance(err.value, CorruptStore)
    msg = str(err.value)
    assert str(broken) in msg and "corrupted" in msg and "--rebuild" in msg and "\n" not in msg

    # --rebuild sets the broken files aside and starts empty
    store = ChunkStore.open(bad, BigramEmbeddings(), discard_corrupt=True)
    assert store.count() == 0
    assert any(p.name.startswith("broken.corrupt-") for p in tmp_path.iterdir())
    report = build_index(make_corpus(2), store, progress=False)
    assert report.chunks_total == 10 and store.count() == 10


def test_reader_sees_old_or_new_never_a_mix(settings):
    build(settings, make_corpus(10))  # version 0: 50 chunks
    worker = Path(__file__).with_name("store_corpus.py")
    proc = subprocess.Popen(
        [sys.executable, str(worker), str(settings.store_dir), "20", "10", "1", "0.005"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    reader = open_store(settings)
    seen: set[tuple[str, int]] = set()
    try:
        while True:
            done = proc.poll() is not None
            chunks = reader.chunks()
            versions = {c.text.split("版本")[1].split("，")[0] for c in chunks}
            assert (versions, len(chunks)) in (({"0"}, 50), ({"1"}, 200)), (versions, len(chunks))
            hits = reader.similarity("推进科技创新高质量发展", k=3)
            assert len(hits) == 3
            seen.add((versions.pop(), len(chunks)))
            if done:
                break
            time.sleep(0.02)  # leave the writer some of the two cores
    finally:
        if proc.poll() is None:
            proc.kill()
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert seen == {("0", 50), ("1", 200)}


def test_old_generations_leave_no_folders_and_one_rolls_back(settings):
    corpus = make_corpus(3)
    first, _, _ = build(settings, corpus)
    folders = lambda: {p.name for p in Path(settings.store_dir).iterdir() if p.is_dir()}  # noqa: E731
    after_first = folders()
    for version in (1, 2, 3):
        corpus[0] = make_doc(0, version=version)
        report, _, store = build(settings, corpus)
    assert len(store.generations()) == 2 and store.generations()[-1] == report.generation
    # Two generations' worth of segment folders, whatever the number of flips.
    assert len(folders()) <= 2 * max(1, len(after_first))
    previous = store.previous()
    assert store.rollback() == previous and store.active().name == previous
    assert store.count() == 15
