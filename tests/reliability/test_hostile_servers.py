"""Issue 11: every deadline, size limit and secret rule holds when the server misbehaves.

One test (or parametrised family) per row of the issue's table, against :mod:`hostile_server` on
127.0.0.1, sync, async and the CLI. Each measures what the row promises: the end time against the
deadline (+ :data:`SLACK`), the error type, the request count, and (in a child process) peak RSS.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import logging
import math
import os
import subprocess
import sys
import textwrap
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, TypedDict
from unittest import mock

import httpx
import opstatus
import pytest
from azure.core.credentials import AccessToken
from opstatus import (
    ContinuationTokenError,
    CredentialError,
    PollingPolicy,
    PollingTimeoutError,
    ResponseTooLargeError,
    TransportError,
)
from opstatus.emulator import EmulatorServer, FaultKind, FaultPlan, Lifecycle

from .hostile_server import HostileServer, full_backlog, gzip_bomb

SLACK: Final = 0.5
"""Seconds past a deadline a wait may end (the issue's bound)."""


class _Ids(TypedDict):
    subscription_id: str
    resource_group_name: str
    async_operation_id: str


IDS: Final[_Ids] = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
TOKEN: Final = "hostile-test-token/+=abc123"  # a fake; '/', '+', '=' change when encoded
TRICKLES: Final = ("trickle-body", "trickle-chunked", "trickle-headers")
PYTHON: Final = sys.executable


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    gzip_bomb()  # made before any test times a request
    with HostileServer() as server:
        yield server


def _forms(secret: str) -> list[str]:
    return [
        secret,
        json.dumps(secret)[1:-1],
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote_plus(secret),
    ]


def assert_no_token(text: str, token: str = TOKEN) -> None:
    for form in _forms(token.strip()):
        assert form not in text, f"token form {form!r} leaked"


def _timed(call: Callable[[], object]) -> tuple[float, BaseException | None]:
    started = time.monotonic()
    try:
        call()
    except Exception as exc:
        return time.monotonic() - started, exc
    return time.monotonic() - started, None


def _sync_wait(base_url: str, *, timeout: float, **kwargs: Any) -> tuple[float, BaseException | None]:
    def run() -> None:
        with opstatus.MonitorClient(base_url=base_url, **kwargs) as client:
            client.wait(**IDS, timeout=timeout)

    return _timed(run)


def _async_wait(base_url: str, *, timeout: float, **kwargs: Any) -> tuple[float, BaseException | None]:
    async def run() -> None:
        async with opstatus.AsyncMonitorClient(base_url=base_url, **kwargs) as client:
            await client.wait(**IDS, timeout=timeout)

    return _timed(lambda: asyncio.run(run()))


def _async_httpx_wait(base_url: str, *, timeout: float, **kwargs: Any) -> tuple[float, BaseException | None]:
    """As :func:`_async_wait`, on opstatus's httpx transport even where ``opstatus[fast]`` is installed."""
    with without_fast_extra():
        return _async_wait(base_url, timeout=timeout, **kwargs)


@contextlib.contextmanager
def without_fast_extra() -> Iterator[None]:
    """Clients built inside see no aiohttp (as without ``opstatus[fast]``): httpx's transport."""
    with mock.patch.dict(sys.modules, {"aiohttp": None, "opstatus._fast": None}):
        yield


FAST: Final = importlib.util.find_spec("aiohttp") is not None
"""Whether ``opstatus[fast]`` is installed: then "async" below runs on aiohttp by default."""
WAITS: Final = {"sync": _sync_wait, "async": _async_wait, "async-httpx": _async_httpx_wait}
KINDS: Final = ["sync", "async", "async-httpx"]


# --- row 1: trickled body, chunks and headers -----------------------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", TRICKLES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_trickling_server_cannot_carry_a_wait_past_its_deadline(
    hostile: HostileServer, mode: str, kind: str
) -> None:
    elapsed, error = WAITS[kind](hostile.base_url(mode), timeout=1.5, token=TOKEN)

    assert isinstance(error, PollingTimeoutError)
    assert isinstance(error.__cause__, httpx.TimeoutException)
    assert 1.5 <= elapsed <= 1.5 + SLACK


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", TRICKLES)
def test_a_trickled_read_ends_near_the_clients_request_timeout(hostile: HostileServer, mode: str) -> None:
    with opstatus.MonitorClient(base_url=hostile.base_url(mode), timeout=1.5) as client:
        elapsed, error = _timed(lambda: client.get_operation_status(**IDS))

    assert isinstance(error, TransportError)
    assert elapsed <= 1.5 + SLACK


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", TRICKLES)
@pytest.mark.parametrize("fast", [True, False], ids=["default", "httpx"])
def test_a_trickled_async_read_ends_near_the_clients_request_timeout(
    hostile: HostileServer, mode: str, fast: bool
) -> None:
    async def read() -> None:
        async with opstatus.AsyncMonitorClient(base_url=hostile.base_url(mode), timeout=1.5) as client:
            await client.get_operation_status(**IDS)

    with contextlib.nullcontext() if fast else without_fast_extra():
        elapsed, error = _timed(lambda: asyncio.run(read()))

    assert isinstance(error, TransportError)
    assert elapsed <= 1.5 + SLACK


def _async_read_allowed_one_retry(
    hostile: HostileServer, mode: str, *, timeout: float, fast: bool
) -> tuple[float, BaseException | None]:
    """One async status read from ``mode`` (two attempts allowed), on the aiohttp transport if ``fast``."""
    hostile.reset_counts()

    async def read() -> None:
        async with opstatus.AsyncMonitorClient(
            base_url=hostile.base_url(mode), timeout=timeout, retry=opstatus.RetryPolicy(max_attempts=2)
        ) as client:
            await client.get_operation_status(**IDS)

    with contextlib.nullcontext() if fast else without_fast_extra():
        return _timed(lambda: asyncio.run(read()))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fast", [True, False], ids=["default", "httpx"])
def test_an_async_read_a_silent_server_timed_out_is_tried_again(hostile: HostileServer, fast: bool) -> None:
    _, error = _async_read_allowed_one_retry(hostile, "silent", timeout=0.5, fast=fast)

    assert isinstance(error, TransportError)
    assert hostile.count("silent") == 2  # silence is not a trickle: retried like a dropped connection


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fast", [True, False], ids=["default", "httpx"])
def test_an_async_read_whose_body_stalled_after_its_head_is_not_tried_again(
    hostile: HostileServer, fast: bool
) -> None:
    elapsed, error = _async_read_allowed_one_retry(hostile, "stall-body", timeout=2, fast=fast)

    assert isinstance(error, TransportError)
    assert elapsed <= 2 + SLACK
    assert hostile.count("stall-body") == 1  # the server answered: the same on either transport


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", TRICKLES)
def test_the_fast_transport_chosen_by_default_ends_a_trickled_wait_at_its_deadline(
    hostile: HostileServer, mode: str
) -> None:
    pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")
    chosen: list[str] = []

    async def run() -> None:
        async with opstatus.AsyncMonitorClient(base_url=hostile.base_url(mode), token=TOKEN) as client:
            chosen.append(client.transport_name)
            await client.wait(**IDS, timeout=1.5)

    elapsed, error = _timed(lambda: asyncio.run(run()))

    assert chosen == ["aiohttp"]
    assert isinstance(error, PollingTimeoutError)
    assert 1.5 <= elapsed <= 1.5 + SLACK


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", ["trickle-body", "trickle-chunked"])
def test_a_callers_own_sync_http_client_is_bounded_between_body_chunks(
    hostile: HostileServer, mode: str
) -> None:
    with httpx.Client(timeout=5.0) as http_client:
        elapsed, error = _sync_wait(hostile.base_url(mode), timeout=1.5, http_client=http_client)

    assert isinstance(error, PollingTimeoutError)
    assert elapsed <= 1.5 + SLACK  # a chunk comes every 0.5 s; the deadline is checked after each


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", TRICKLES)
def test_a_callers_own_async_http_client_is_bounded_by_a_cancel_scope(
    hostile: HostileServer, mode: str
) -> None:
    async def run() -> None:
        async with (
            httpx.AsyncClient(timeout=5.0) as http_client,
            opstatus.AsyncMonitorClient(base_url=hostile.base_url(mode), http_client=http_client) as client,
        ):
            await client.wait(**IDS, timeout=1.5)

    elapsed, error = _timed(lambda: asyncio.run(run()))

    assert isinstance(error, PollingTimeoutError)
    assert elapsed <= 1.5 + SLACK


# --- row 3: silence, and a full listen backlog ----------------------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", KINDS)
def test_a_silent_server_ends_the_wait_in_polling_timeout_at_its_deadline(
    hostile: HostileServer, kind: str
) -> None:
    elapsed, error = WAITS[kind](hostile.base_url("silent"), timeout=1.5)

    assert isinstance(error, PollingTimeoutError)
    assert isinstance(error.__cause__, httpx.ReadTimeout)
    assert 1.5 <= elapsed <= 1.5 + SLACK


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", KINDS)
def test_a_full_listen_backlog_ends_the_wait_in_polling_timeout_at_its_deadline(kind: str) -> None:
    with full_backlog() as port:
        elapsed, error = WAITS[kind](f"http://127.0.0.1:{port}", timeout=1.5)

    assert isinstance(error, PollingTimeoutError)
    assert isinstance(error.__cause__, httpx.TimeoutException)  # async: the cancel scope may end it first
    assert elapsed <= 1.5 + SLACK


def _cli(*argv: str, timeout: float = 30) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, "-m", "opstatus.cli", *argv],
        env={**os.environ, "OPSTATUS_TOKEN": TOKEN},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return time.monotonic() - started, done


def _cli_wait(base_url: str, wait_timeout: float) -> tuple[float, subprocess.CompletedProcess[str]]:
    return _cli(
        "monitor", "wait", "--base-url", base_url, "--subscription-id", "s", "--resource-group", "rg",
        "--operation-id", "op", "--timeout", str(wait_timeout),
    )  # fmt: skip


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", ["trickle-body", "trickle-headers", "silent"])
def test_the_cli_wait_exits_3_at_its_deadline_against_a_stalling_server(
    hostile: HostileServer, mode: str
) -> None:
    startup, quick = _cli_wait(hostile.base_url("ok"), 5)  # the same command, answered at once
    assert quick.returncode == 0, quick.stderr

    elapsed, done = _cli_wait(hostile.base_url(mode), 2)

    assert done.returncode == 3, done.stderr
    assert elapsed - startup <= 2 + SLACK
    assert_no_token(done.stdout + done.stderr)


# --- row 2: bodies that are huge, endless, or inflate ---------------------------------------------

_RSS_SCRIPT: Final = textwrap.dedent(
    """
    import asyncio, json, sys, opstatus
    ids = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
    results = []
    with opstatus.MonitorClient(base_url=sys.argv[1]) as client:
        try:
            client.wait(**ids, timeout=10)
        except Exception as exc:
            results.append((type(exc).__name__, str(exc)))
    async def main():
        async with opstatus.AsyncMonitorClient(base_url=sys.argv[1]) as client:
            try:
                await client.wait(**ids, timeout=10)
            except Exception as exc:
                results.append((type(exc).__name__, str(exc)))
    asyncio.run(main())
    status = open("/proc/self/status").read()
    peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
    print(json.dumps({"results": results, "peak_mb": peak_kb / 1024}))
    """
)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", ["huge", "endless", "gzip-bomb"])
def test_no_body_can_take_a_client_past_100_mb_and_the_error_names_the_limit(
    hostile: HostileServer, mode: str
) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, "-c", _RSS_SCRIPT, hostile.base_url(mode)],
        capture_output=True,
        text=True,
        timeout=50,
        check=True,
    )
    report = json.loads(done.stdout)

    assert [kind for kind, _ in report["results"]] == ["ResponseTooLargeError", "ResponseTooLargeError"]
    assert all("max_body_size=4194304" in message for _, message in report["results"])
    assert report["peak_mb"] < 100, report
    assert time.monotonic() - started < 10
    print(f"{mode}: peak RSS {report['peak_mb']:.1f} MB")  # the figure README Guarantees quotes


@pytest.mark.timeout(30)
def test_the_body_limit_is_configurable_and_not_retried(hostile: HostileServer) -> None:
    hostile.reset_counts()
    with opstatus.MonitorClient(base_url=hostile.base_url("ok"), max_body_size=10) as small:
        _, error = _timed(lambda: small.get_operation_status(**IDS))
    with opstatus.MonitorClient(base_url=hostile.base_url("ok"), max_body_size=1000) as enough:
        status = enough.get_operation_status(**IDS)

    assert isinstance(error, ResponseTooLargeError)
    assert error.limit == 10
    assert "max_body_size" in str(error)
    assert status.status == "Succeeded"
    assert hostile.count("ok") == 2


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "4MiB"])
def test_a_bad_max_body_size_is_refused_at_construction(value: object) -> None:
    with pytest.raises(ValueError, match="max_body_size"):
        opstatus.MonitorClient(max_body_size=value)  # type: ignore[arg-type]


# --- row 4: a slow credential ------------------------------------------------------------------------


class _SlowCredential:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        time.sleep(self.seconds)
        return AccessToken(TOKEN, int(time.time()) + 3600)


class _SlowAsyncCredential:
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        await asyncio.sleep(5)
        return AccessToken(TOKEN, int(time.time()) + 3600)


def _slow_token() -> str:
    time.sleep(5)
    return TOKEN


async def _slow_async_token() -> str:
    await asyncio.sleep(5)
    return TOKEN


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("kind", "auth"),
    [
        ("sync", {"credential": _SlowCredential(5)}),
        ("sync", {"token": _slow_token}),
        ("async", {"credential": _SlowAsyncCredential()}),
        ("async", {"credential": _SlowCredential(5)}),
        ("async", {"token": _slow_async_token}),
    ],
    ids=[
        "sync-credential",
        "sync-token-function",
        "async-credential",
        "sync-credential-in-async-client",
        "async-token-function",
    ],
)
def test_a_slow_credential_cannot_carry_a_wait_past_its_deadline(
    hostile: HostileServer, kind: str, auth: dict[str, object]
) -> None:
    hostile.reset_counts()
    elapsed, error = WAITS[kind](hostile.base_url("ok"), timeout=1.0, **auth)

    assert isinstance(error, PollingTimeoutError)
    assert elapsed <= 1.0 + SLACK
    assert hostile.count("ok") == 0


@pytest.mark.timeout(30)
def test_a_slow_credential_within_a_requests_own_timeout_is_a_credential_error(
    hostile: HostileServer,
) -> None:
    with opstatus.MonitorClient(
        base_url=hostile.base_url("ok"), credential=_SlowCredential(5), timeout=1.0
    ) as client:
        elapsed, error = _timed(lambda: client.get_operation_status(**IDS))

    assert isinstance(error, CredentialError)
    assert elapsed <= 1.0 + SLACK


# --- row: a token that has already expired ------------------------------------------------------------


class _ExpiredCredential:
    def __init__(self) -> None:
        self.calls = 0

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.calls += 1
        return AccessToken(TOKEN, int(time.time()) - 60)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_expired_token_is_fetched_once_more_then_refused_and_never_sent(
    hostile: HostileServer, kind: str
) -> None:
    hostile.reset_counts()
    credential = _ExpiredCredential()

    _, error = WAITS[kind](hostile.base_url("ok"), timeout=5, credential=credential)

    assert isinstance(error, CredentialError)
    assert "expired" in str(error)
    assert credential.calls == 2
    assert hostile.count("ok") == 0
    assert_no_token(str(error))


# --- row 5: hostile headers and careless arguments ------------------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_absurd_retry_after_is_ignored_and_the_error_stays_typed(
    hostile: HostileServer, kind: str
) -> None:
    _, error = WAITS[kind](hostile.base_url("absurd-retry-after"), timeout=5)

    assert isinstance(error, opstatus.ThrottledError)
    assert error.retry_after is None


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({"timeout": math.inf}, ValueError),
        ({"timeout": math.nan}, ValueError),
        ({"timeout": True}, TypeError),
        ({"timeout": httpx.Timeout(5.0, read=math.nan)}, ValueError),
        ({"base_url": "http://[::1"}, ValueError),
        ({"base_url": "http://127.0.0.1:99999"}, ValueError),
        ({"base_url": "http://127.0.0.1:0"}, ValueError),
    ],
    ids=["timeout-inf", "timeout-nan", "timeout-bool", "read-nan", "bad-ipv6", "port-99999", "port-0"],
)
def test_bad_constructor_arguments_are_refused_with_a_value_or_type_error(
    kwargs: dict[str, object], kind: type[Exception]
) -> None:
    with pytest.raises(kind):
        opstatus.MonitorClient(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(kind):
        opstatus.AsyncMonitorClient(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", [True, math.nan, -1])
def test_a_wait_timeout_that_is_not_a_number_of_seconds_is_refused(
    hostile: HostileServer, timeout: object
) -> None:
    with (
        opstatus.MonitorClient(base_url=hostile.base_url("ok")) as client,
        pytest.raises(ValueError, match="timeout"),
    ):
        client.wait(**IDS, timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_infinite_wait_timeout_on_a_client_without_request_timeout_is_no_deadline(
    hostile: HostileServer, kind: str
) -> None:
    _, error = WAITS[kind](hostile.base_url("ok"), timeout=math.inf)
    assert error is None
    with opstatus.MonitorClient(base_url=hostile.base_url("ok"), timeout=None) as client:
        assert client.wait(**IDS, timeout=math.inf).status == "Succeeded"


def _token_of(payload: bytes) -> str:
    import base64

    return "opst1." + base64.urlsafe_b64encode(payload).decode().rstrip("=")


@pytest.mark.parametrize(
    "payload",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"v":true,"api":"monitor","url":"https://management.azure.com/x","first_seen":1}',
        b'{"v":1.0,"api":"monitor","url":"https://management.azure.com/x","first_seen":1}',
    ],
    ids=["nested-100000", "v-true", "v-float"],
)
def test_a_hostile_continuation_token_is_a_continuation_token_error(payload: bytes) -> None:
    with opstatus.MonitorClient() as client, pytest.raises(ContinuationTokenError):
        client.resume(_token_of(payload))


# --- rows 6 and 7: the token in every text, newline token included ---------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", KINDS)
def test_a_token_read_from_a_file_works_and_an_echoing_server_cannot_make_it_show(
    hostile: HostileServer, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    hostile.reset_counts()

    _, error = WAITS[kind](hostile.base_url("echo-400"), timeout=5, token=TOKEN + "\n")

    assert isinstance(error, opstatus.BadRequestError)
    assert hostile.count("echo-400") == 1  # sent, stripped: the server saw a valid header
    assert "REDACTED" in error.body
    texts = [str(error), repr(error), error.message or "", error.body, json.dumps(error.headers)]
    texts += [record.getMessage() for record in caplog.records]
    if kind != "async" or not FAST:  # httpcore logs each request (aiohttp does not)
        assert any(record.name.startswith("httpcore") for record in caplog.records)
    for text in texts:
        assert_no_token(text)


@pytest.mark.timeout(60)
def test_the_cli_never_shows_a_newline_token_an_echoing_server_sends_back(hostile: HostileServer) -> None:
    _, done = _cli(
        "monitor", "get", "--debug", "--base-url", hostile.base_url("echo-400"), "--token", TOKEN + "\n",
        "--subscription-id", "s", "--resource-group", "rg", "--operation-id", "op",
    )  # fmt: skip

    assert done.returncode == 5, done.stderr
    assert "BadRequest" in done.stderr
    assert_no_token(done.stdout + done.stderr)


@pytest.mark.parametrize("bad", ["abc\x00defghijk", "abcdefgh\r\nX-Evil: 1", "abcdefgh ijk", "abcdéfghijk"])
def test_a_token_with_control_or_odd_characters_inside_is_refused_without_showing_it(bad: str) -> None:
    with pytest.raises(CredentialError) as caught:
        opstatus.MonitorClient(token=bad)
    with opstatus.MonitorClient(token=lambda: bad) as client, pytest.raises(CredentialError) as late:
        client.get_operation_status(**IDS)

    for error in (caught.value, late.value):
        assert bad not in str(error)
        assert bad.strip()[:8] not in str(error)


# --- rows 8 and 9: no caller loop makes one poller busy ------------------------------------------


def _ride_out(poller: opstatus.Poller[Any], seconds: float) -> None:
    """README's loop: catch the error and call ``poller.result()`` again."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            poller.result(timeout=max(0.0, end - time.monotonic()))
        except opstatus.OpStatusError:
            continue


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", ["throttle-0", "unavailable-0"])
def test_riding_out_errors_with_zero_retry_after_stays_under_10_requests_a_second(
    hostile: HostileServer, mode: str
) -> None:
    hostile.reset_counts()
    with opstatus.MonitorClient(base_url=hostile.base_url(mode)) as client:
        _ride_out(client.poller(**IDS), 2.0)

    assert 0 < hostile.count(mode) <= 20
    print(f"{mode}: {hostile.count(mode) / 2:.1f} requests/s")


@pytest.mark.timeout(30)
def test_riding_out_errors_async_stays_under_10_requests_a_second(hostile: HostileServer) -> None:
    hostile.reset_counts()

    async def run() -> None:
        async with opstatus.AsyncMonitorClient(base_url=hostile.base_url("throttle-0")) as client:
            poller = client.poller(**IDS)
            end = time.monotonic() + 2.0
            while time.monotonic() < end:
                try:
                    await poller.result(timeout=max(0.0, end - time.monotonic()))
                except opstatus.OpStatusError:
                    continue

    asyncio.run(run())

    assert 0 < hostile.count("throttle-0") <= 20


@pytest.mark.timeout(30)
def test_a_zero_min_delay_is_floored_at_a_tenth_of_a_second(hostile: HostileServer) -> None:
    hostile.reset_counts()
    policy = PollingPolicy(min_delay=0, max_delay=0)
    with opstatus.MonitorClient(base_url=hostile.base_url("running"), polling=policy) as client:
        _, error = _timed(lambda: client.wait(**IDS, timeout=1.0))

    assert isinstance(error, PollingTimeoutError)
    assert hostile.count("running") <= 11
    assert policy.floor == 0.1


@pytest.mark.timeout(30)
def test_a_refresh_loop_stays_under_10_requests_a_second(hostile: HostileServer) -> None:
    hostile.reset_counts()
    with opstatus.MonitorClient(base_url=hostile.base_url("running")) as client:
        poller = client.poller(**IDS)
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            poller.refresh()
            poller.done()

    assert hostile.count("running") <= 11


@pytest.mark.timeout(30)
def test_a_server_asking_for_retry_after_0_while_running_is_read_at_the_policy_floor(
    hostile: HostileServer,
) -> None:
    hostile.reset_counts()
    url = hostile.base_url("running")
    with opstatus.MonitorClient(base_url=url, polling=PollingPolicy(min_delay=0.5, max_delay=0.5)) as client:
        poller = client.poller_from_url(url + "/x?retry-after=0")
        _, error = _timed(lambda: poller.result(timeout=1.2))

    assert isinstance(error, PollingTimeoutError)
    assert hostile.count("running") <= 4


# --- the emulator's trickle fault -----------------------------------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_emulators_trickle_fault_is_ended_by_the_waits_deadline(kind: str) -> None:
    plan = FaultPlan.always(FaultKind.TRICKLE, trickle_seconds=0.3, trickle_pieces=1000)
    with EmulatorServer(clock="wall") as emulator:
        op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0), faults=plan)
        base_url = emulator.base_urls["monitor"]
        ids = op.params
        started = time.monotonic()
        if kind == "sync":
            with opstatus.MonitorClient(base_url=base_url, token=TOKEN) as client:
                error = _timed(lambda: client.wait(**_ids_of(ids), timeout=1.5))[1]
        else:

            async def run() -> None:
                async with opstatus.AsyncMonitorClient(base_url=base_url, token=TOKEN) as client:
                    await client.wait(**_ids_of(ids), timeout=1.5)

            error = _timed(lambda: asyncio.run(run()))[1]
        elapsed = time.monotonic() - started
        faults = [request.fault for request in emulator.requests()]

    assert isinstance(error, PollingTimeoutError)
    assert elapsed <= 1.5 + SLACK
    assert faults == ["trickle"]


@pytest.mark.timeout(30)
def test_a_short_trickle_is_read_whole(emu: EmulatorServer) -> None:
    op = emu.create_operation(
        "monitor", lifecycle=Lifecycle.succeeds(after=0), faults=FaultPlan.scripted(FaultKind.TRICKLE)
    )
    with opstatus.MonitorClient(base_url=emu.base_urls["monitor"], token=TOKEN) as client:
        status = client.get_operation_status(**_ids_of(op.params))

    assert status.status == "Succeeded"
    assert [request.fault for request in emu.requests()] == ["trickle"]


def _ids_of(params: Mapping[str, str]) -> _Ids:
    return {
        "subscription_id": params["subscriptionId"],
        "resource_group_name": params["resourceGroupName"],
        "async_operation_id": params["asyncOperationId"],
    }
