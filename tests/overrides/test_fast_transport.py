"""The aiohttp transport's own HTTP/1.1 exchange (``opstatus._fast``), byte by byte, over 127.0.0.1.

The transport writes the request head itself and reads the response off aiohttp's protocol and parser
(issue 22: no ``ClientSession``/``ClientRequest``/``ClientResponse`` per read). What it sends must be
what the httpx request says, refusing any head a value could break; what it reads must follow HTTP/1.1
(interim answers, bodies that end with the connection, ``Connection: close``, keep-alive reuse). The
hostile-server rounds (tests/reliability) hold it to the pipeline's guarantees; these tests hold the
exchange itself, against a raw socket server that records every byte.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from unittest import mock

import httpx
import pytest

pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")

from opstatus._fast import _ORIGINS_REMEMBERED, FastTransport, request_head

SECRET = "eyJ0eXAi.secret-token-value"


def _request(url: str = "http://127.0.0.1:9/ops/1?api-version=1", **headers: str) -> httpx.Request:
    return httpx.Request("GET", url, headers=headers)


def test_the_head_is_the_request_line_and_the_httpx_headers_in_order() -> None:
    request = _request(Authorization=f"Bearer {SECRET}", Accept="application/json")
    request.headers["X-Ms-Client-Request-Id"] = "id-1"
    head = request_head(request)
    assert head == (
        b"GET /ops/1?api-version=1 HTTP/1.1\r\n"
        b"Host: 127.0.0.1:9\r\n"
        b"Authorization: Bearer " + SECRET.encode() + b"\r\n"
        b"Accept: application/json\r\n"
        b"X-Ms-Client-Request-Id: id-1\r\n"
        b"\r\n"
    )


@pytest.mark.parametrize("mark", ["\r\n", "\n", "\r", "\x00", "\r\nX-Injected: 1"])
def test_a_value_with_a_line_break_or_nul_is_refused_naming_the_header_not_the_value(mark: str) -> None:
    request = _request(Authorization=f"Bearer {SECRET}{mark}tail")
    with pytest.raises(httpx.LocalProtocolError) as caught:
        request_head(request)
    assert "'Authorization'" in str(caught.value)
    assert SECRET not in str(caught.value)
    assert "tail" not in str(caught.value)


@pytest.mark.parametrize("name", ["X Name", "X:Name", "X\tName", "", "X\x7fName"])
def test_a_header_name_that_is_not_a_token_is_refused(name: str) -> None:
    request = _request()
    request.headers[name] = "value"
    with pytest.raises(httpx.LocalProtocolError, match=r"not an HTTP token|line break|malformed"):
        request_head(request)


def test_a_target_that_is_not_visible_ascii_is_refused() -> None:
    """httpx percent-encodes every target it builds; the check stands behind that, not instead of it."""
    request = _request()
    with (
        mock.patch.object(httpx.URL, "raw_path", property(lambda self: b"/a b HTTP/1.1\r\nX: 1")),
        pytest.raises(httpx.LocalProtocolError, match="request target"),
    ):
        request_head(request)


class _Recorder:
    """A raw HTTP server on 127.0.0.1: ``answer(request_number)`` says what bytes to send back."""

    def __init__(self, answers: list[bytes], *, close_after: bool = False) -> None:
        self.answers = answers
        self.close_after = close_after
        self.heads: list[bytes] = []
        self.connections = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while self.answers:
                head = await reader.readuntil(b"\r\n\r\n")
                self.heads.append(head)
                writer.write(self.answers.pop(0))
                await writer.drain()
                if self.close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def _serving(recorder: _Recorder) -> AsyncIterator[str]:
    server = await asyncio.start_server(recorder.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()


async def _get(transport: FastTransport, url: str) -> tuple[int, bytes]:
    response = await transport.handle_async_request(httpx.Request("GET", url))
    try:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    finally:
        await response.aclose()
    return response.status_code, body


def _ok(body: bytes, *extra: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), b"".join(extra), body)


def test_the_server_reads_exactly_the_head_and_one_connection_serves_both_reads() -> None:
    recorder = _Recorder([_ok(b'{"a":1}'), _ok(b'{"a":2}')])

    async def run() -> list[tuple[int, bytes]]:
        transport = FastTransport()
        async with _serving(recorder) as base:
            try:
                return [await _get(transport, f"{base}/op/{n}?v=1") for n in (1, 2)]
            finally:
                await transport.aclose()

    assert asyncio.run(run()) == [(200, b'{"a":1}'), (200, b'{"a":2}')]
    assert recorder.connections == 1  # kept alive and reused
    assert recorder.heads[0].startswith(b"GET /op/1?v=1 HTTP/1.1\r\nHost: 127.0.0.1:")
    assert recorder.heads[1].startswith(b"GET /op/2?v=1 HTTP/1.1\r\n")


def test_an_interim_answer_is_skipped_for_the_final_one() -> None:
    early_hints = b"HTTP/1.1 103 Early Hints\r\nLink: </x>; rel=preload\r\n\r\n"
    recorder = _Recorder([early_hints + _ok(b"{}")])

    async def run() -> tuple[int, bytes]:
        transport = FastTransport()
        async with _serving(recorder) as base:
            try:
                return await _get(transport, f"{base}/op")
            finally:
                await transport.aclose()

    assert asyncio.run(run()) == (200, b"{}")


def test_a_body_without_a_length_ends_with_the_connection_which_is_not_reused() -> None:
    recorder = _Recorder([b'HTTP/1.1 200 OK\r\n\r\n{"until": "close"}'] * 2, close_after=True)

    async def run() -> list[tuple[int, bytes]]:
        transport = FastTransport()
        async with _serving(recorder) as base:
            try:
                return [await _get(transport, f"{base}/op") for _ in range(2)]
            finally:
                await transport.aclose()

    assert asyncio.run(run()) == [(200, b'{"until": "close"}')] * 2
    assert recorder.connections == 2


def test_connection_close_opens_a_new_connection_for_the_next_read() -> None:
    recorder = _Recorder([_ok(b"{}", b"Connection: close\r\n")] * 2, close_after=True)

    async def run() -> list[tuple[int, bytes]]:
        transport = FastTransport()
        async with _serving(recorder) as base:
            try:
                return [await _get(transport, f"{base}/op") for _ in range(2)]
            finally:
                await transport.aclose()

    assert asyncio.run(run()) == [(200, b"{}")] * 2
    assert recorder.connections == 2


def test_a_refused_head_sends_nothing_and_opens_no_connection() -> None:
    recorder = _Recorder([_ok(b"{}")])

    async def run() -> None:
        transport = FastTransport()
        async with _serving(recorder) as base:
            request = httpx.Request(
                "GET", f"{base}/op", headers={"Authorization": f"Bearer {SECRET}\r\nX: 1"}
            )
            try:
                with pytest.raises(httpx.LocalProtocolError):
                    await transport.handle_async_request(request)
            finally:
                await transport.aclose()

    asyncio.run(run())
    assert recorder.connections == 0


def test_a_closed_transport_refuses_to_send() -> None:
    recorder = _Recorder([_ok(b"{}")])

    async def run() -> None:
        transport = FastTransport()
        async with _serving(recorder) as base:
            await _get(transport, f"{base}/op")
            await transport.aclose()
            with pytest.raises(RuntimeError, match="closed"):
                await transport.handle_async_request(httpx.Request("GET", f"{base}/op"))

    asyncio.run(run())


def test_a_head_that_does_not_parse_is_httpx_remote_protocol_error() -> None:
    recorder = _Recorder([b"HTTP/1.1 two hundred\r\n\r\n"])

    async def run() -> None:
        transport = FastTransport()
        async with _serving(recorder) as base:
            try:
                with pytest.raises(httpx.RemoteProtocolError):
                    await _get(transport, f"{base}/op")
            finally:
                await transport.aclose()

    asyncio.run(run())


def test_the_origin_table_stops_growing_at_its_limit() -> None:
    async def run() -> int:
        transport = FastTransport()
        loop = asyncio.get_running_loop()
        for port in range(1, _ORIGINS_REMEMBERED * 2 + 2):
            transport._origin(httpx.URL(f"http://127.0.0.1:{port}/x"), None, loop)
        return len(transport._origins)

    assert asyncio.run(run()) <= _ORIGINS_REMEMBERED


def test_one_origin_request_serves_every_path_and_query_of_its_host() -> None:
    async def run() -> bool:
        transport = FastTransport()
        loop = asyncio.get_running_loop()
        first = transport._origin(httpx.URL("https://example.com/a?x=1"), None, loop)
        second = transport._origin(httpx.URL("https://example.com/b/c"), None, loop)
        other = transport._origin(httpx.URL("https://example.com/b/c"), "sni.example", loop)
        return first is second and other is not first and other.server_hostname == "sni.example"

    assert asyncio.run(run())


# --- the aiohttp it runs on (PATCHES.md T4) ------------------------------------------------------------
# The transport uses aiohttp's connection layer below ClientSession, not all of it public. These hold the
# installed aiohttp's pieces to the shape _fast uses them in, so a release that moves one fails here,
# naming the piece, rather than at a user's first read; and hold _fast to refusing an aiohttp outside
# the range it was checked on (the async clients then stay on httpx, and say why).


def _parameters(function: Callable[..., object]) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(function).parameters)


def test_the_protocol_takes_the_response_parameters_the_transport_passes() -> None:
    from aiohttp.client_proto import ResponseHandler

    parameters = _parameters(ResponseHandler.set_response_params)
    passed = ("timer", "read_until_eof", "auto_decompress", "read_timeout", "read_bufsize")
    for name in (*passed, "timeout_ceil_threshold"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    assert list(_parameters(ResponseHandler.start_timeout)) == ["self"]
    assert inspect.iscoroutinefunction(ResponseHandler.read)
    assert "loop" in _parameters(ResponseHandler)  # _Connector builds it with loop= (its _factory)


def test_the_connector_and_connection_have_the_calls_the_transport_makes() -> None:
    from aiohttp.connector import BaseConnector, Connection

    assert list(_parameters(BaseConnector.connect)) == ["self", "req", "traces", "timeout"]
    assert inspect.iscoroutinefunction(BaseConnector.connect)
    release = _parameters(BaseConnector._release)
    assert list(release)[:3] == ["self", "key", "protocol"]
    assert release["should_close"].kind is inspect.Parameter.KEYWORD_ONLY
    assert list(_parameters(Connection.release)) == ["self"]
    assert list(_parameters(Connection.close)) == ["self"]
    assert isinstance(Connection.protocol, property)


def test_the_request_timeout_timer_stream_and_errors_are_what_the_transport_builds_and_catches() -> None:
    import aiohttp
    import attr
    from aiohttp.client_reqrep import ClientRequest
    from aiohttp.helpers import BaseTimerContext, TimerContext, TimerNoop
    from aiohttp.http_exceptions import HttpProcessingError
    from aiohttp.streams import EofStream, StreamReader

    origin = _parameters(ClientRequest)
    assert {"loop", "ssl", "server_hostname"} <= {n for n, p in origin.items() if p.kind is p.KEYWORD_ONLY}
    timeouts = {field.name for field in attr.fields(aiohttp.ClientTimeout)}  # _Timeout is an attrs subclass
    assert {"connect", "sock_connect", "ceil_threshold"} <= timeouts
    assert issubclass(TimerContext, BaseTimerContext)
    assert issubclass(TimerNoop, BaseTimerContext)
    assert list(_parameters(TimerContext)) == ["loop"]
    assert list(_parameters(TimerContext.timeout)) == ["self"]
    assert inspect.iscoroutinefunction(StreamReader.readany)
    assert list(_parameters(StreamReader.read_nowait)) == ["self", "n"]
    assert list(_parameters(StreamReader.is_eof)) == ["self"]
    assert HttpProcessingError(message="bad head").message == "bad head"
    caught = (
        aiohttp.ConnectionTimeoutError,
        aiohttp.ClientConnectorError,
        aiohttp.ServerDisconnectedError,
        aiohttp.ClientPayloadError,
        aiohttp.ClientResponseError,
        aiohttp.NonHttpUrlClientError,
        aiohttp.InvalidURL,
        aiohttp.ClientConnectionError,
        EofStream,
    )
    assert all(issubclass(error, Exception) for error in caught)


def test_a_connection_speaks_the_transports_protocol_and_goes_back_through_its_release_hook() -> None:
    """``_factory`` and ``_release`` are private: an aiohttp that stops calling either leaves the
    connections unmarked (no budget, never idle: a stray answer would be read, issue 21)."""
    import time

    from opstatus._deadline import Budget
    from opstatus._fast import _Protocol, _Timeout

    recorder = _Recorder([])
    budget = Budget(at=time.monotonic() + 30, by_wait=False)

    async def run() -> None:
        transport = FastTransport()
        connector = transport._new_connector()
        async with _serving(recorder) as base:
            try:
                origin = transport._origin(httpx.URL(base), None, asyncio.get_running_loop())
                connection = await connector.connect(origin, [], _Timeout(budget=budget))
                protocol = connection.protocol
                assert isinstance(protocol, _Protocol)
                assert (protocol.budget, protocol.idle) == (budget, False)
                connection.release()
                assert (protocol.budget, protocol.idle) == (None, True)
            finally:
                await connector.close()

    asyncio.run(run())
    assert recorder.connections == 1


@pytest.mark.parametrize(
    ("version", "spoken"),
    [
        ("3.9.5", False),
        ("3.10.0", True),
        ("3.10.11", True),
        ("3.14.5", True),
        ("3.15.0a1", True),
        ("4.0.0a2.dev0", False),
        ("4.1.0", False),
        ("", False),
    ],
)
def test_the_transport_speaks_aiohttp_3_10_up_to_4(version: str, spoken: bool) -> None:
    from opstatus._fast import speaks

    assert speaks(version) is spoken


@pytest.mark.parametrize("version", ["3.9.5", "4.0.0a2.dev0"])
def test_an_aiohttp_outside_that_range_leaves_async_clients_on_httpx_saying_why(
    monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    import sys

    import aiohttp
    import opstatus

    monkeypatch.setattr(aiohttp, "__version__", version)
    monkeypatch.delitem(sys.modules, "opstatus._fast")  # imported anew, over that aiohttp

    async def run() -> str:
        async with opstatus.AsyncMonitorClient(token=SECRET) as monitor:
            return monitor.transport_name

    assert asyncio.run(run()) == f"httpx (aiohttp {version} unsupported, needs >=3.10,<4)"
