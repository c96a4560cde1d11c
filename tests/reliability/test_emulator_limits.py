"""The emulator bounds what a client can make it hold: request bodies and connections (issue 21, rows 9-10).

Before: a 64 MiB ``Content-Length`` POST raised the emulator's peak memory from 52 to 180-273 MB before its
400, an endless chunked POST grew it without end (309 MB at 256 MiB), and a connection that sent nothing,
or half a request, was kept forever. Now a body over ``MAX_REQUEST_BODY`` (1 MiB) is answered 413 and
read no further, on every route, and a connection that does not finish its request head or body in time is
closed (408 for a body). Raw sockets and httpx on 127.0.0.1; timeouts of a fraction of a second, so no
test sleeps for long, and a 5 s socket timeout so none can hang.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import AsyncIterator, Iterator
from typing import Final

import httpx
import pytest
from opstatus import OpStatusError
from opstatus.emulator import EmulatorServer, FaultPlan, InvalidOperationSpecError, create_app
from opstatus.emulator._limits import MAX_REQUEST_BODY

from .emulator_attacks import BIG, emulator_process, post_large

SHORT: Final = 0.3
"""Each timeout of the test server, in real seconds."""
GUARD: Final = 5.0
"""A socket timeout: a connection the server does not close by then fails the test instead of hanging."""


@pytest.fixture(scope="module")
def emu() -> Iterator[EmulatorServer]:
    with EmulatorServer(
        clock="virtual", header_timeout=SHORT, body_timeout=SHORT, keep_alive_timeout=SHORT
    ) as server:
        yield server


def _connect(emu: EmulatorServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", emu.port), timeout=GUARD)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes; ``TimeoutError`` if it keeps the connection open."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def _healthy(emu: EmulatorServer) -> None:
    response = httpx.get(emu.admin_url + "/health", timeout=GUARD)
    assert response.status_code == 200


# --- row 9: request bodies ------------------------------------------------------------------------


def test_a_body_attack_leaves_the_emulator_process_small() -> None:
    """The issue's two attacks on a standalone emulator process; peak RSS from /proc (VmHWM)."""
    with emulator_process() as emulator:
        start = emulator.memory_kb("VmRSS")
        declared = post_large(emulator.port, chunked=False)
        endless = post_large(emulator.port, chunked=True)
        grown_mb = (emulator.memory_kb("VmHWM") - start) / 1024
        assert declared.status_line.startswith("HTTP/1.1 413"), declared
        assert endless.status_line.startswith("HTTP/1.1 413"), endless
        assert declared.sent < BIG // 2, "the server kept reading a body it had refused"
        assert endless.sent < BIG // 2, "the server kept reading an endless body"
        assert grown_mb < 30, f"peak memory grew by {grown_mb:.1f} MB"
        assert emulator.healthy()


def test_a_declared_length_over_the_limit_is_answered_unread(emu: EmulatorServer) -> None:
    with _connect(emu) as sock:
        sock.sendall(
            b"POST /_emulator/operations HTTP/1.1\r\nHost: x\r\n"
            + f"Content-Length: {MAX_REQUEST_BODY + 1}\r\n\r\n".encode()
        )  # no body at all: the answer must not wait for one
        answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 413 "), answer
    assert b"connection: close" in answer.lower()
    assert str(MAX_REQUEST_BODY).encode() in answer
    _healthy(emu)


@pytest.mark.parametrize("digits", [30, 5000])
def test_an_absurd_declared_length_is_answered_413(emu: EmulatorServer, digits: int) -> None:
    with _connect(emu) as sock:
        sock.sendall(
            b"PUT /_emulator/faults HTTP/1.1\r\nHost: x\r\nContent-Length: " + b"9" * digits + b"\r\n\r\n"
        )
        answer = _read_until_closed(sock)
    assert answer.split(b" ", 2)[1] in (b"413", b"400"), answer  # h11 may refuse a 5,000-digit header
    _healthy(emu)


def test_a_chunked_body_is_cut_at_the_limit(emu: EmulatorServer) -> None:
    outcome = post_large(emu.port, chunked=True, total=8 * MAX_REQUEST_BODY)
    assert outcome.status_line.startswith("HTTP/1.1 413"), outcome
    _healthy(emu)


def test_the_limit_holds_on_api_routes_too(emu: EmulatorServer) -> None:
    op = emu.create_operation("monitor")
    url = emu.url_for(op)
    with _connect(emu) as sock:
        target = url.removeprefix(emu.base_url)
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
            f"Content-Length: {2 * MAX_REQUEST_BODY}\r\n\r\n".encode()
        )
        answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 413 "), answer
    assert emu.requests() == ()  # refused before routing: the API never saw it


def test_a_body_at_the_limit_is_read_and_one_byte_more_is_not(emu: EmulatorServer) -> None:
    with httpx.Client(base_url=emu.admin_url, timeout=GUARD) as http:
        at_limit = http.put("/faults", content=b" " * (MAX_REQUEST_BODY - 2) + b"{}")
        assert at_limit.status_code == 200, at_limit.text
        over = http.put("/faults", content=b" " * (MAX_REQUEST_BODY - 1) + b"{}")
        assert over.status_code == 413
        assert over.json()["error"]["code"] == "RequestTooLarge"


def test_a_long_legitimate_admin_body_fits(emu: EmulatorServer) -> None:
    """A 50,000-fault script (about 400 KB) is well inside the limit."""
    body = json.dumps({"script": ["throttle"] * 50_000}).encode()
    assert 300_000 < len(body) < MAX_REQUEST_BODY
    with httpx.Client(base_url=emu.admin_url, timeout=GUARD) as http:
        assert http.put("/faults", content=body).status_code == 200
    plan = emu.faults()
    assert plan is not None
    assert len(plan.script) == 50_000
    emu.reset()


@pytest.mark.anyio
async def test_the_limit_holds_in_process() -> None:
    app = create_app(clock="virtual")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        over = await http.put("/_emulator/faults", content=b" " * MAX_REQUEST_BODY + b"{}")
        assert over.status_code == 413

        async def pieces() -> AsyncIterator[bytes]:
            for _ in range(MAX_REQUEST_BODY // 65536 + 2):
                yield b" " * 65536

        chunked = await http.put("/_emulator/faults", content=pieces())
        assert chunked.status_code == 413
        assert (await http.put("/_emulator/faults", json={"rate": 0.5})).status_code == 200
    assert app.emulator.faults() == FaultPlan(rate=0.5)


# --- row 10: connections --------------------------------------------------------------------------


def test_silent_connections_are_closed(emu: EmulatorServer) -> None:
    socks = [_connect(emu) for _ in range(50)]
    try:
        for sock in socks:
            assert _read_until_closed(sock) == b""  # closed without a word; TimeoutError if kept
    finally:
        for sock in socks:
            sock.close()
    _healthy(emu)


def test_a_half_sent_head_is_closed(emu: EmulatorServer) -> None:
    with _connect(emu) as sock:
        sock.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        assert _read_until_closed(sock) == b""
    _healthy(emu)


def test_a_head_trickled_past_the_timeout_is_closed(emu: EmulatorServer) -> None:
    """Each byte resets nothing: the head as a whole must arrive in time (slowloris)."""
    with _connect(emu) as sock:
        closed = False
        for byte in b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n":
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(SHORT / 10)
        if not closed:
            assert _read_until_closed(sock) == b""


@pytest.mark.parametrize(
    "framing",
    [b'Content-Length: 100\r\n\r\n{"rate": ', b'Transfer-Encoding: chunked\r\n\r\n5\r\n{"rat'],
    ids=["content-length", "chunked"],
)
def test_a_half_sent_body_gets_408_and_is_closed(emu: EmulatorServer, framing: bytes) -> None:
    with _connect(emu) as sock:
        sock.sendall(b"PUT /_emulator/faults HTTP/1.1\r\nHost: x\r\n" + framing)
        answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert emu.faults() is None
    _healthy(emu)


def test_an_idle_kept_alive_connection_is_closed(emu: EmulatorServer) -> None:
    with _connect(emu) as sock:
        sock.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 200 "), answer


def test_a_half_sent_second_request_is_closed(emu: EmulatorServer) -> None:
    with _connect(emu) as sock:
        sock.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n")
        first = b""
        while b'{"status":"ok"}' not in first:
            first += sock.recv(65536)
        sock.sendall(b"GET /_emulator/health HTTP/1.1\r\nHo")  # uvicorn's keep-alive timer stops here
        assert _read_until_closed(sock) == b""


def test_a_slow_answer_is_not_cut_by_the_timeouts(emu: EmulatorServer) -> None:
    """The timers cover the client's side only: an answer the server takes longer than them still goes out."""
    op = emu.create_operation("monitor", faults=FaultPlan.always("slow", slow_seconds=2 * SHORT))
    with httpx.Client(headers={"Authorization": "Bearer t"}, timeout=GUARD) as http:
        assert http.get(emu.url_for(op)).status_code == 200
    emu.reset()


def test_a_steady_client_keeps_its_connection(emu: EmulatorServer) -> None:
    with httpx.Client(base_url=emu.admin_url, timeout=GUARD) as http:
        for _ in range(5):
            assert http.get("/health").status_code == 200
            time.sleep(SHORT / 5)


def test_the_command_line_sets_the_timeouts() -> None:
    with emulator_process("--header-timeout", str(SHORT), "--body-timeout", str(SHORT)) as emulator:
        with socket.create_connection(("127.0.0.1", emulator.port), timeout=GUARD) as silent:
            assert _read_until_closed(silent) == b""
        with socket.create_connection(("127.0.0.1", emulator.port), timeout=GUARD) as half:
            half.sendall(b"PUT /_emulator/faults HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{")
            assert _read_until_closed(half).startswith(b"HTTP/1.1 408 ")
        assert emulator.healthy()


@pytest.mark.parametrize("name", ["header_timeout", "body_timeout", "keep_alive_timeout"])
@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), True, "5"])
def test_a_bad_timeout_is_refused(name: str, value: object) -> None:
    with pytest.raises(InvalidOperationSpecError) as caught:
        EmulatorServer(**{name: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, OpStatusError)
    assert name in str(caught.value)
