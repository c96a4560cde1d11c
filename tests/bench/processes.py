"""Starting the responder and contender processes, with every wait bounded in time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = Path(sys.executable)


class BenchProcessError(RuntimeError):
    """A bench subprocess failed or printed something the runner cannot read."""


def child_env() -> dict[str, str]:
    """Environment for child processes: repo root importable (for `tests.bench`), hash seed fixed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONDEVMODE", None)
    env.pop("PYTHONASYNCIODEBUG", None)
    return env


@contextmanager
def running_responder(
    *, python: Path = VENV_PYTHON, start_timeout_s: float = 20.0, args: Sequence[str] = ()
) -> Iterator[str]:
    """Start tests.bench.responder on 127.0.0.1 (free port) in its own process; yield its base URL.

    `args`: more responder options (`--read-budget`, `--many`: the many-operations server).
    """
    proc = subprocess.Popen(
        [str(python), "-m", "tests.bench.responder", "--host", "127.0.0.1", "--port", "0", *args],
        cwd=REPO_ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = readline_with_timeout(proc, start_timeout_s)
        if not line.startswith("http://127.0.0.1:"):
            raise BenchProcessError(f"responder printed {line!r} instead of its base URL")
        yield line.strip()
    finally:
        stop_process(proc)


def readline_with_timeout(proc: subprocess.Popen[str], timeout_s: float) -> str:
    import selectors

    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout_s):
            raise BenchProcessError(f"process did not print a line within {timeout_s} s")
    return proc.stdout.readline()


def stop_process(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()


def run_json(
    argv: Sequence[str], *, timeout_s: float, env: dict[str, str] | None = None, cwd: Path = REPO_ROOT
) -> dict[str, Any]:
    """Run a child that prints one JSON object as its last stdout line; return it (bounded in time)."""
    try:
        done = subprocess.run(
            list(argv),
            cwd=cwd,
            env=env or child_env(),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchProcessError(f"{' '.join(argv)} did not finish within {timeout_s} s") from exc
    if done.returncode != 0:
        raise BenchProcessError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.strip()[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if not lines:
        raise BenchProcessError(f"{' '.join(argv)} printed nothing; stderr:\n{done.stderr[-2000:]}")
    result = json.loads(lines[-1])
    if not isinstance(result, dict):
        raise BenchProcessError(f"{' '.join(argv)} printed {lines[-1]!r}, not a JSON object")
    return result
