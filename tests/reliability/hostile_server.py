"""A small raw-socket HTTP server on 127.0.0.1 that misbehaves on purpose, one mode per way.

The emulator is a well-behaved ASGI app: it cannot send half a header, stall a connection for ever or
inflate a gzip bomb. This server writes bytes to the socket itself, so each mode is exactly the
misbehaviour README "Guarantees" must survive (issue 11). The mode is the first path segment
(``http://127.0.0.1:<port>/<mode>/...``), so one server serves every test; it counts requests per
mode. Each connection has its own thread; the server closes them all when stopped.

Modes: ``ok`` (a Succeeded status), ``running`` (InProgress, with an optional ``retry-after`` query
value sent as ``Retry-After``), ``trickle-body``, ``trickle-chunked``, ``trickle-headers`` (one byte
every ``TRICKLE_GAP`` seconds), ``silent`` (reads the request, never answers), ``stall-body`` (sends the
head, then nothing of the body it promised), ``huge`` (200 MB of
body), ``endless`` (a chunked body that never ends), ``gzip-bomb`` (1 MB of gzip that inflates to
1 GB), ``echo-400`` (a 400 whose message quotes every request header raw, JSON-escaped and
percent-encoded), ``throttle-0`` (429 + ``Retry-After: 0``), ``unavailable-0`` (503 +
``retry-after-ms: 0``), ``absurd-retry-after`` (429 + a Retry-After in the year 99999999999),
``drop`` (closes the connection without a byte), ``bad-head`` (a status line that is not HTTP),
``cut-body`` (closes half way through the promised body), ``gzip`` (the Succeeded status gzipped),
``redirect`` (302 to the ``ok`` mode, same origin), ``redirect-away`` (302 to the ``ok`` mode at
``localhost``: another origin), ``stray-ok`` / ``stray-404`` (an InProgress answer with a second,
unrequested response queued right behind it on the same keep-alive connection: a Succeeded status or a
404; issue 21) and ``late-stray-ok`` (the same stray Succeeded, sent 0.2 s after the real answer, so it
waits in the socket rather than in the client's read buffer), ``redirect-signed`` (307 to the ``ok``
mode, same origin, with ``sig=`` :data:`SIGNATURE` in the query) and ``accepted-signed`` (ARM's 202 with
an empty body and a ``Location`` on the ``ok`` mode carrying ``sig=`` :data:`SIGNATURE`), ``dense`` (a legal
Cloud Partner Portal operation, running, of :data:`DENSE_STEPS` steps in just under 4 MiB: the most
parsing work a body within ``max_body_size`` can ask for).
:meth:`HostileServer.seen` keeps each mode's last request headers.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gzip
import json
import socket
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterator
from typing import Final

__all__ = ["DENSE_STEPS", "SIGNATURE", "TRICKLE_GAP", "HostileServer", "gzip_bomb", "monitor_path"]

TRICKLE_GAP: Final = 0.5
SUCCEEDED: Final = b'{"id":"op","name":"op","status":"Succeeded"}'
RUNNING: Final = b'{"id":"op","name":"op","status":"InProgress"}'
SIGNATURE: Final = "SIGNED-URL-SECRET-5d1e7a"
"""The ``sig=`` query value of the ``*-signed`` modes' URLs: no log record may show it."""
DENSE_STEPS: Final = 174_758
_HUGE: Final = 200 * 1024 * 1024
_BOMB_SIZE: Final = 1024 * 1024 * 1024


def monitor_path(mode: str, *, query: str = "") -> str:
    """The Azure Monitor status path under a mode prefix (the clients' base URL ends in the mode)."""
    extra = f"&{query}" if query else ""
    return (
        f"/{mode}/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/"
        f"privateLinkScopeOperationStatuses/op?api-version=2019-10-17-preview{extra}"
    )


@functools.cache
def dense_body() -> bytes:
    """A running CPP operation whose steps fill just under 4 MiB, 24 bytes a step."""
    steps = b",".join([b'{"id":"s","status":"c"}'] * DENSE_STEPS)
    return b'{"id":"op","status":"running","steps":[' + steps + b"]}"


@functools.cache
def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB of zeros (made once per test session, ~2 s)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(_BOMB_SIZE // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


class HostileServer:
    """``with HostileServer() as server: server.url("trickle-body")``; ``server.count("ok")``."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._counts: collections.Counter[str] = collections.Counter()
        self._seen: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: list[socket.socket] = []
        self.strays_sent = threading.Semaphore(0)
        """Released once per stray response written (the ``*stray*`` modes)."""
        self._thread = threading.Thread(target=self._accept_loop, name="hostile-server", daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._listener.close()
        with self._lock:
            for conn in self._connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()

    def base_url(self, mode: str) -> str:
        return f"http://127.0.0.1:{self.port}/{mode}"

    def count(self, mode: str) -> int:
        with self._lock:
            return self._counts[mode]

    def seen(self, mode: str) -> dict[str, str]:
        """The headers (lower-case names) of the last request in ``mode``."""
        with self._lock:
            return dict(self._seen.get(mode, {}))

    def reset_counts(self) -> None:
        with self._lock:
            self._counts.clear()
            self._seen.clear()

    # --- serving -------------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._connections.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            while not self._stopping.is_set():
                head = _read_head(conn)
                if head is None:
                    return
                target, headers = head
                mode = target.lstrip("/").partition("/")[0]
                with self._lock:
                    self._counts[mode] += 1
                    self._seen[mode] = headers
                handler = _HANDLERS.get(mode, _not_found)
                if not handler(self, conn, target, headers):
                    return

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops; False once it does."""
        return not self._stopping.wait(seconds)


def _read_head(conn: socket.socket) -> tuple[str, dict[str, str]] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    target = lines[0].split(" ")[1]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return target, headers


def _head(status: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _send(conn: socket.socket, status: str, body: bytes, extra: list[tuple[str, str]] | None = None) -> bool:
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *(extra or [])]
    conn.sendall(_head(status, headers) + body)
    return True


Handler = Callable[[HostileServer, socket.socket, str, dict[str, str]], bool]


def _ok(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    return _send(conn, "200 OK", SUCCEEDED)


def _running(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(target).query))
    extra = [("Retry-After", query["retry-after"])] if "retry-after" in query else []
    return _send(conn, "200 OK", RUNNING, extra)


def _trickle_body(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    conn.sendall(
        _head("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(SUCCEEDED)))])
    )
    for byte in SUCCEEDED:
        if not server._sleep(TRICKLE_GAP):
            return False
        conn.sendall(bytes([byte]))
    return True


def _trickle_chunked(
    server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]
) -> bool:
    conn.sendall(_head("200 OK", [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]))
    for byte in SUCCEEDED:
        if not server._sleep(TRICKLE_GAP):
            return False
        conn.sendall(b"1\r\n" + bytes([byte]) + b"\r\n")
    conn.sendall(b"0\r\n\r\n")
    return True


def _trickle_headers(
    server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]
) -> bool:
    head = _head("200 OK", [("Content-Type", "application/json"), ("X-Padding", "p" * 200)])
    for byte in head:
        if not server._sleep(TRICKLE_GAP / 5):
            return False
        conn.sendall(bytes([byte]))
    return False


def _silent(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    server._stopping.wait()
    return False


def _stall_body(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    conn.sendall(
        _head("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(SUCCEEDED)))])
    )
    server._stopping.wait()
    return False


def _huge(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    conn.sendall(_head("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(_HUGE))]))
    block = b"[" * 65536
    for _ in range(_HUGE // len(block)):
        conn.sendall(block)
    return True


def _endless(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    conn.sendall(_head("200 OK", [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]))
    block = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
    while not server._stopping.is_set():
        conn.sendall(block)
    return False


def _gzip_bomb(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    body = gzip_bomb()
    extra = [("Content-Encoding", "gzip")]
    return _send(conn, "200 OK", body, extra)


def _echo_400(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    quoted = " ".join(f"{name}: {value}" for name, value in headers.items())
    forms = f"{quoted} | escaped {json.dumps(quoted)} | encoded {urllib.parse.quote(quoted, safe='')}"
    body = json.dumps({"error": {"code": "BadRequest", "message": f"bad request, you sent {forms}"}})
    return _send(conn, "400 Bad Request", body.encode(), [("X-Echo", headers.get("authorization", ""))])


def _throttle_0(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    body = b'{"error":{"code":"TooManyRequests","message":"slow down"}}'
    return _send(conn, "429 Too Many Requests", body, [("Retry-After", "0")])


def _unavailable_0(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    body = b'{"error":{"code":"ServiceUnavailable","message":"later"}}'
    return _send(conn, "503 Service Unavailable", body, [("retry-after-ms", "0")])


def _absurd_retry_after(
    server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]
) -> bool:
    body = b'{"error":{"code":"TooManyRequests","message":"slow down"}}'
    return _send(conn, "429 Too Many Requests", body, [("Retry-After", "01 Jan 99999999999 00:00:00 GMT")])


def _drop(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    return False


def _bad_head(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    conn.sendall(b"THIS IS NOT HTTP\r\n\r\n")
    return False


def _cut_body(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    conn.sendall(_head("200 OK", [("Content-Type", "application/json"), ("Content-Length", "1000")]))
    conn.sendall(SUCCEEDED[:10])
    return False


def _gzip(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    return _send(conn, "200 OK", gzip.compress(SUCCEEDED), [("Content-Encoding", "gzip")])


def _redirect(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    return _send(conn, "302 Found", b"", [("Location", target.replace("/redirect/", "/ok/", 1))])


def _redirect_away(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    location = f"http://localhost:{server.port}" + target.replace("/redirect-away/", "/ok/", 1)
    return _send(conn, "302 Found", b"", [("Location", location)])


def _stray(stray: bytes, *, delay: float = 0.0) -> Handler:
    """A handler that answers InProgress, then queues ``stray`` (a whole response nobody asked for)."""

    def handler(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
        answer = _json_head("200 OK", RUNNING)
        if delay:
            conn.sendall(answer + RUNNING)
            if not server._sleep(delay):
                return False
            conn.sendall(stray)
        else:
            conn.sendall(answer + RUNNING + stray)  # one write: the stray arrives with the real answer
        server.strays_sent.release()
        return True

    return handler


def _json_head(status: str, body: bytes) -> bytes:
    return _head(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])


_STRAY_OK: Final = _json_head("200 OK", SUCCEEDED) + SUCCEEDED
_STRAY_404_BODY: Final = b'{"error":{"code":"NotFound","message":"stray"}}'
_STRAY_404: Final = _json_head("404 Not Found", _STRAY_404_BODY) + _STRAY_404_BODY


def _signed_ok(target: str, mode: str) -> str:
    return target.replace(f"/{mode}/", "/ok/", 1) + f"&se=2030-01-01&sig={SIGNATURE}"


def _redirect_signed(
    server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]
) -> bool:
    return _send(conn, "307 Temporary Redirect", b"", [("Location", _signed_ok(target, "redirect-signed"))])


def _accepted_signed(
    server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]
) -> bool:
    location = _signed_ok(target, "accepted-signed")
    return _send(conn, "202 Accepted", b"", [("Location", location), ("Retry-After", "0")])


def _dense(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    return _send(conn, "200 OK", dense_body())


def _not_found(server: HostileServer, conn: socket.socket, target: str, headers: dict[str, str]) -> bool:
    return _send(conn, "404 Not Found", b'{"error":{"code":"NotFound","message":"no such mode"}}')


_HANDLERS: Final[dict[str, Handler]] = {
    "ok": _ok,
    "running": _running,
    "trickle-body": _trickle_body,
    "trickle-chunked": _trickle_chunked,
    "trickle-headers": _trickle_headers,
    "silent": _silent,
    "stall-body": _stall_body,
    "huge": _huge,
    "endless": _endless,
    "gzip-bomb": _gzip_bomb,
    "echo-400": _echo_400,
    "throttle-0": _throttle_0,
    "unavailable-0": _unavailable_0,
    "absurd-retry-after": _absurd_retry_after,
    "drop": _drop,
    "bad-head": _bad_head,
    "cut-body": _cut_body,
    "gzip": _gzip,
    "redirect": _redirect,
    "redirect-away": _redirect_away,
    "stray-ok": _stray(_STRAY_OK),
    "stray-404": _stray(_STRAY_404),
    "late-stray-ok": _stray(_STRAY_OK, delay=0.2),
    "redirect-signed": _redirect_signed,
    "accepted-signed": _accepted_signed,
    "dense": _dense,
}


@contextlib.contextmanager
def full_backlog() -> Iterator[int]:
    """A port whose listen backlog is full: new connections are never accepted (SYNs are dropped)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError, OSError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.05)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
