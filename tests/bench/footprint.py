"""Footprint: the wheel's size, and the runtime closure a user gets from `pip install opstatus`.

The wheel is built with the project's pinned uv (`uv build --wheel`, hatchling backend), into a
scratch folder. The closure is what `uv pip install <wheel>` puts into a brand-new venv: every
distribution (counted by its .dist-info) and the bytes of every installed file, as installed (no
bytecode: uv does not compile by default). The venv is then compiled to bytecode, as `pip install`
does, and serves the import-time and start-up figures: `import httpx` there is what users see (in .venv
httpx also imports rich/click for its CLI), and a module import is not a compile of its source (with
PYTHONDONTWRITEBYTECODE set, as on this machine, an uncompiled venv compiles every module in every
process: that doubled both sides of the start-up figure and hid a third of the gap between them).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.bench.processes import REPO_ROOT, BenchProcessError

UV = REPO_ROOT / ".tools" / "bin" / "uv"


@dataclass(frozen=True)
class Closure:
    """What one fresh venv holds beyond an empty one."""

    python: Path
    distributions: dict[str, int]  # distribution name -> installed bytes (its files, per RECORD)

    @property
    def total_bytes(self) -> int:
        return sum(self.distributions.values())


def _run(argv: list[str], *, timeout_s: float = 300.0) -> None:
    try:
        done = subprocess.run(
            argv, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchProcessError(f"{argv[:3]} did not finish within {timeout_s} s") from exc
    if done.returncode != 0:
        raise BenchProcessError(f"{' '.join(argv)} failed:\n{done.stderr.strip()[-3000:]}")


def build_wheel(out_dir: Path) -> Path:
    """Build the opstatus wheel into `out_dir`; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _run([str(UV), "build", "--wheel", "--quiet", "--out-dir", str(out_dir), str(REPO_ROOT)])
    wheels = sorted(out_dir.glob("opstatus-*.whl"))
    if len(wheels) != 1:
        raise BenchProcessError(f"expected one opstatus wheel in {out_dir}, found {wheels}")
    return wheels[0]


def wheel_largest_files(wheel: Path, *, top: int = 8) -> list[tuple[str, int]]:
    """The biggest members of the wheel by compressed size (diagnostic for the size goal)."""
    with zipfile.ZipFile(wheel) as archive:
        members = [(info.filename, info.compress_size) for info in archive.infolist()]
    return sorted(members, key=lambda m: m[1], reverse=True)[:top]


def fresh_venv(venv_dir: Path, requirements: list[str], *, base_python: Path) -> Closure:
    """A new venv at `venv_dir` with `requirements` installed by uv; measure what they added."""
    if venv_dir.exists():
        shutil.rmtree(venv_dir)
    _run([str(UV), "venv", "--quiet", "--python", str(base_python), str(venv_dir)])
    python = venv_dir / "bin" / "python"
    _run([str(UV), "pip", "install", "--quiet", "--python", str(python), *requirements])
    closure = Closure(python=python, distributions=installed_sizes(venv_dir))
    site_packages = next(venv_dir.glob("lib/python*/site-packages"))
    _run([str(python), "-m", "compileall", "-q", "-j", "0", str(site_packages)])
    return closure


def installed_sizes(venv_dir: Path) -> dict[str, int]:
    """Installed bytes per distribution, from each .dist-info/RECORD (files that exist on disk)."""
    site_packages = next(venv_dir.glob("lib/python*/site-packages"))
    sizes: dict[str, int] = {}
    for dist_info in sorted(site_packages.glob("*.dist-info")):
        name = dist_info.name.removesuffix(".dist-info").rsplit("-", 1)[0]
        total = 0
        record = dist_info / "RECORD"
        for line in record.read_text(encoding="utf-8").splitlines():
            relative = line.rsplit(",", 2)[0]
            path = (site_packages / relative).resolve()
            if path.is_file():
                total += path.stat().st_size
        sizes[name] = total
    return sizes
