"""Attacks on a standalone emulator process over raw sockets on 127.0.0.1, and its peak memory.

Used by ``test_emulator_limits.py``; run it for the figures README's Guarantees table quotes::

    .venv/bin/python -m tests.reliability.emulator_attacks

It starts ``python -m opstatus.emulator --port 0`` as a child, sends a 64 MiB ``Content-Length`` POST and an
endless chunked POST (stopped by the client after ``ENDLESS`` bytes if the server never stops it), and
reads the child's ``VmHWM`` (peak resident memory) from ``/proc``.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import httpx

BIG: Final = 64 * 1024 * 1024
"""The declared length of the first attack."""
ENDLESS: Final = 256 * 1024 * 1024
"""Where the client gives up on the chunked attack if the server keeps reading."""
_PIECE: Final = 256 * 1024


@dataclass
class Emulator:
    process: subprocess.Popen[str]
    port: int

    def memory_kb(self, field: str) -> int:
        """``VmRSS`` or ``VmHWM`` of the child, in kB."""
        text = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
        assert found, text
        return int(found.group(1))

    def healthy(self) -> bool:
        response = httpx.get(f"http://127.0.0.1:{self.port}/_emulator/health", timeout=5)
        return response.status_code == 200


@contextlib.contextmanager
def emulator_process(*options: str) -> Iterator[Emulator]:
    """``python -m opstatus.emulator --port 0 --clock virtual *options`` as a child, until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "opstatus.emulator", "--port", "0", "--clock", "virtual", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"127\.0\.0\.1:(\d+)", line)
        assert found, line
        emulator = Emulator(process, int(found.group(1)))
        assert emulator.healthy()
        yield emulator
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Outcome:
    status_line: str
    """The first line the server answered (empty if it closed without answering)."""
    sent: int
    """Body bytes the client managed to send before the server stopped it (or the client gave up)."""


def post_large(port: int, *, chunked: bool, declared: int = BIG, total: int = ENDLESS) -> Outcome:
    """POST to the admin API: ``declared`` bytes with ``Content-Length``, or an endless chunked body."""
    head = (
        "POST /_emulator/operations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {declared}\r\n")
        + "\r\n"
    )
    piece = b" " * _PIECE
    frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
    limit = total if chunked else declared
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode())
        with contextlib.suppress(OSError):  # the server closing mid-upload is the point
            while sent < limit:
                sock.sendall(frame)
                sent += len(piece)
        answer = b""
        with contextlib.suppress(OSError):
            while b"\r\n" not in answer:
                data = sock.recv(4096)
                if not data:
                    break
                answer += data
    return Outcome(answer.split(b"\r\n", 1)[0].decode("latin-1"), sent)


def main() -> None:
    with emulator_process() as emulator:
        base = emulator.memory_kb("VmRSS")
        first = post_large(emulator.port, chunked=False)
        after_first = emulator.memory_kb("VmHWM")
        second = post_large(emulator.port, chunked=True)
        peak = emulator.memory_kb("VmHWM")
        print(f"start: VmRSS {base / 1024:.1f} MB")
        print(
            f"64 MiB Content-Length: {first.status_line!r}, {first.sent / 2**20:.1f} MiB sent, "
            f"peak {after_first / 1024:.1f} MB"
        )
        print(
            f"endless chunked: {second.status_line!r}, {second.sent / 2**20:.1f} MiB sent, "
            f"peak {peak / 1024:.1f} MB"
        )
        print(f"after: VmRSS {emulator.memory_kb('VmRSS') / 1024:.1f} MB, healthy: {emulator.healthy()}")


if __name__ == "__main__":
    main()
