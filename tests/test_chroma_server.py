"""The same store and builds against a real `chroma run` server on loopback."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

# `pytest tests/...` puts tests/ on sys.path, not the repo root (no pythonpath setting yet).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes import BigramEmbeddings, FailingEmbeddings  # noqa: E402
from tests.store_corpus import make_corpus, make_doc  # noqa: E402

from index.search.build import build_index  # noqa: E402
from index.errors import StoreError  # noqa: E402
from index.settings import IndexSettings  # noqa: E402
from index.search.store import ChunkStore, open_client  # noqa: E402

pytestmark = pytest.mark.slow

MODEL = "fake-bigram"
CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """A `chroma run` child process that can be stopped and started again on the same path and port."""

    def __init__(self, path: Path, log: Path):
        self.path, self.log = path, log
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the server and wait for its heartbeat."""
        with open(self.log, "a", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited: {self.log.read_text(encoding='utf-8')[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("chroma run did not answer its heartbeat within 30 s")

    def stop(self) -> None:
        """Terminate the server (kill it if it lingers)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@pytest.fixture
def server(tmp_path: Path):
    """A running `chroma run`, always stopped at the end."""
    srv = ChromaServer(tmp_path / "server-data", tmp_path / "chroma.log")
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


def server_settings(srv: ChromaServer) -> IndexSettings:
    """Settings that point the store at the test server."""
    return IndexSettings(chroma_host="127.0.0.1", chroma_port=srv.port, embedding_model=MODEL, batch_size=8)


def ranked(store: ChunkStore, query: str, **kw) -> list[tuple[str, float]]:
    """Chunk ids and rounded scores of a dense search."""
    return [(c.chunk_id, round(s, 4)) for c, s in store.similarity(query, **kw)]


def test_server_answers_like_the_embedded_store(server, tmp_path):
    corpus = make_corpus(12)
    remote = ChunkStore.open(server_settings(server), BigramEmbeddings())
    local = ChunkStore.open(IndexSettings(store_dir=tmp_path / "local", embedding_model=MODEL, batch_size=8), BigramEmbeddings())
    for store in (remote, local):
        report = build_index(corpus, store, progress=False)
        assert report.chunks_total == 60 and store.count() == 60

    assert remote.chunks() == local.chunks()
    for query, where in [
        ("推进科技创新高质量发展", None),
        ("乡村振兴的工作要求", {"speaker": "王芳"}),
        ("落实责任", {"section": "重点任务", "speaker": "张明"}),
        ("生态保护", {"doc_id": ["doc003.txt", "doc007.txt"]}),
    ]:
        assert ranked(remote, query, k=8, where=where) == ranked(local, query, k=8, where=where)

    # incremental builds behave the same over HTTP
    emb = BigramEmbeddings()
    again = build_index(corpus, ChunkStore.open(server_settings(server), emb), progress=False)
    assert again.noop and emb.calls == 0
    corpus[4] = make_doc(4, version=1)
    emb = BigramEmbeddings()
    report = build_index(corpus, ChunkStore.open(server_settings(server), emb), progress=False)
    assert report.changed == ("doc004.txt",) and emb.calls == 5
    assert remote.generations()[-1] == report.generation and len(remote.generations()) == 2  # one kept for rollback

    # a build that dies half-way leaves the previous generation answering
    corpus[5] = make_doc(5, version=1)
    corpus[6] = make_doc(6, version=1)
    with pytest.raises(RuntimeError, match="injected"):
        build_index(corpus, ChunkStore.open(server_settings(server), FailingEmbeddings(fail_after=6)), progress=False)
    assert remote.active().name == report.generation and remote.count() == 60


def test_server_down_then_restarted(server):
    corpus = make_corpus(4)
    store = ChunkStore.open(server_settings(server), BigramEmbeddings())
    build_index(corpus, store, progress=False)
    before = ranked(store, "营商环境", k=5)

    server.stop()
    expected = f"cannot reach Chroma at 127.0.0.1:{server.port} — is `chroma run` up?"
    with pytest.raises(StoreError) as err:
        store.similarity("营商环境", k=5)
    assert str(err.value) == expected
    with pytest.raises(StoreError) as err:
        open_client(server_settings(server))
    assert str(err.value) == expected
    assert store.ping() is False

    server.start()
    assert store.ping() is True
    assert ranked(store, "营商环境", k=5) == before  # the same object recovers, data persisted
    assert ChunkStore.open(server_settings(server), BigramEmbeddings()).count() == 20
