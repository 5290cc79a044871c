"""Verified model files: the one hash, lock and install shared by the e5 cache and the GGUF assembly."""
from __future__ import annotations

import hashlib
import threading
import time

import pytest

from index.search.model_files import file_lock, install_verified, is_verified, sha256_file


def test_a_wrong_file_is_refused_and_removed(tmp_path):
    written, target = tmp_path / "m.partial", tmp_path / "m.bin"
    written.write_bytes(b"weights")
    with pytest.raises(LookupError, match="got "):
        install_verified(written, target, "0" * 64, lambda digest: LookupError(f"got {digest}"))
    assert list(tmp_path.iterdir()) == []


def test_a_right_file_is_moved_into_place_and_vouched_for(tmp_path):
    written, target = tmp_path / "m.partial", tmp_path / "m.bin"
    written.write_bytes(b"weights")
    digest = hashlib.sha256(b"weights").hexdigest()
    install_verified(written, target, digest, ValueError)
    assert sha256_file(target) == digest and is_verified(target, digest) and not written.exists()
    target.write_bytes(b"weightz")  # edited afterwards: the marker no longer vouches for it
    assert not is_verified(target, digest)


def test_a_folder_lock_serialises_and_leaves_nothing_behind(tmp_path):
    inside, order = threading.Event(), []

    def holder():
        with file_lock(tmp_path):
            inside.set()
            time.sleep(0.2)
            order.append("first")

    t = threading.Thread(target=holder)
    t.start()
    inside.wait(5)
    with file_lock(tmp_path) as locked:
        order.append("second")
    t.join()
    assert locked and order == ["first", "second"] and list(tmp_path.iterdir()) == []
