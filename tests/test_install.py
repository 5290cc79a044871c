"""A non-editable install (`pip install .`, not `-e`) answers with the `llm` backend against the stub model
server: the packages and their data (prompts/, bot/data) ship, and nothing reaches back into the source tree."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bench.openai_stub import OpenAIStub
from tests.conftest import ARTICLE, DATA

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _source_copy(dest: Path) -> Path:
    """The files git would ship (tracked, and new ones it does not ignore), so no build output lands in ROOT."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def _fresh_venv(folder: Path) -> Path:
    """A new venv from this interpreter that sees the test venv's dependencies but not its editable install.

    `--system-site-packages` alone would expose the base interpreter's packages, not this venv's, so its
    site-packages is added by a path line in a .pth file: a path added that way is not a site dir, so the
    editable install's own .pth (and its import hook) in there is never run.
    """
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "test_venv_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def test_a_non_editable_install_answers_with_the_llm_backend(tmp_path):
    python = _fresh_venv(tmp_path / "venv")
    src = _source_copy(tmp_path / "src")
    # The wheel is built by this venv's setuptools (offline: no isolated build env to download), then
    # installed by the fresh venv's own pip, as `pip install --no-deps .` would.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, cwd=tmp_path)
    shutil.rmtree(src)  # whatever the install needs must now come from the venv
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy2(DATA / ARTICLE, corpus / ARTICLE)
    where = subprocess.run([str(python), "-c", "import bot, prompts; print(bot.__file__); print(prompts.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    assert all(str(tmp_path / "venv") in w for w in where), where

    with OpenAIStub() as stub:
        env = {**os.environ, "BOT_BACKEND": "llm", "BOT_LLM_BASE_URL": stub.base_url, "BOT_LLM_MODEL": stub.model,
               "BOT_CORPUS_DIR": str(corpus), "BOT_STORE_DIR": str(tmp_path / "store"), "PYTHONPATH": ""}
        run = subprocess.run([str(python), "-m", "bot", "ask", "--json", "今年全市计划改造多少个老旧小区?"],
                             capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        answer = json.loads(run.stdout)
        assert stub.requests, "the installed bot never asked the model"
    assert answer["backend"] == "llm" and answer["found"] and answer["citations"], answer
    assert "[1]" in answer["answer"]
