"""HTTP side: the bearer token stays on the client's host, and credentials fail and refresh cleanly.

* redirects to another host, port or scheme (https -> http included) raise UnsafeUrlError before
  anything is sent there; same-origin redirects are followed, a redirect loop ends;
* ``poller_from_url``, ``resume`` and Graph's manifest link refuse URLs on another origin; a second
  emulator plays the foreign host and must receive nothing;
* a token expiring in the middle of an hour-long wait is refreshed from the credential (azure-core's
  ``AccessToken``), and no request ever carries an expired token - the transport answers those with 401
  as the real services do;
* a credential that raises gives CredentialError (its own error chained), and nothing is sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any, Final

import httpx
import opstatus
import pytest
from azure.core.credentials import AccessToken
from opstatus import CredentialError, PollingPolicy, RetryPolicy, UnsafeUrlError
from opstatus.emulator import EmulatorServer, Lifecycle

from .virtual_time import SkippingClock

ARM: Final = "https://management.azure.com"
_IDS: Final = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}


class Recorder:
    """An ``httpx.MockTransport`` handler that records every request and answers from a script."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)

    @property
    def hosts(self) -> set[str]:
        return {f"{r.url.scheme}://{r.url.netloc.decode()}" for r in self.requests}


def _redirecting(location: str, status: int = 302) -> Recorder:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "management.azure.com" and request.url.scheme == "https":
            return httpx.Response(status, headers={"Location": location})
        return httpx.Response(200, json={"status": "Succeeded"})

    return Recorder(answer)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "https://management.azure.com.evil.example/x",
        "https://management.azure.com@evil.example/x",
        "https://management.azure.com:8443/x",
        "http://management.azure.com/downgraded",
        "http://127.0.0.1:1/loopback-is-another-host-too",
    ],
)
def test_a_redirect_off_the_origin_is_refused_before_anything_is_sent(status: int, location: str) -> None:
    recorder = _redirecting(location, status)
    client = opstatus.MonitorClient(token="redirect-test-token", transport=httpx.MockTransport(recorder))
    with client, pytest.raises(UnsafeUrlError):
        client.get_operation_status(**_IDS)
    assert recorder.hosts == {ARM}, "only the client's own origin was contacted"


def test_a_same_origin_redirect_is_followed_with_the_token() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if not request.url.path.startswith("/moved/"):
            return httpx.Response(307, headers={"Location": "/moved/op?api-version=2019-10-17-preview"})
        return httpx.Response(200, json={"status": "Succeeded"})

    recorder = Recorder(answer)
    with opstatus.MonitorClient(token="same-origin-token", transport=httpx.MockTransport(recorder)) as client:
        assert client.get_operation_status(**_IDS).status == "Succeeded"
    assert [r.url.path for r in recorder.requests][-1] == "/moved/op"
    assert {r.headers["Authorization"] for r in recorder.requests} == {"Bearer same-origin-token"}


def test_a_redirect_loop_ends_with_an_error() -> None:
    recorder = Recorder(lambda request: httpx.Response(302, headers={"Location": str(request.url)}))
    client = opstatus.MonitorClient(token="t", transport=httpx.MockTransport(recorder))
    with client, pytest.raises(opstatus.HttpError):
        client.get_operation_status(**_IDS)
    assert len(recorder.requests) <= 10


@pytest.mark.parametrize(
    "base_url", ["http://management.azure.com", "http://10.0.0.1", "http://evil.example"]
)
def test_a_token_never_goes_over_plain_http_off_loopback(base_url: str) -> None:
    with pytest.raises(UnsafeUrlError):
        opstatus.MonitorClient(token="t", base_url=base_url)
    with pytest.raises(UnsafeUrlError):
        opstatus.MonitorClient(credential=_Credential(lifetime=3600), base_url=base_url)


# --- URLs handed back by a service or a token --------------------------------------------------------


@pytest.fixture(scope="module")
def foreign() -> Iterator[EmulatorServer]:
    """A second emulator: another origin on the same machine, which must never be contacted."""
    with EmulatorServer(clock="virtual") as server:
        yield server


def _foreign_urls(emu: EmulatorServer, foreign: EmulatorServer) -> list[str]:
    op = foreign.create_operation("graph_billing", lifecycle=Lifecycle.succeeds())
    own = emu.base_url.removeprefix("http://")
    path = op.status_path
    return [
        foreign.url_for(op),
        f"http://localhost:{emu.port}{path}",  # same socket, other host name: other origin
        f"https://{own}{path}",
        f"http://user:password@{own}{path}",
        f"//127.0.0.1:{foreign.port}{path}",
        f"http://{own}@127.0.0.1:{foreign.port}{path}",
        f"http://127.0.0.1:{foreign.port}\\@{own}{path}",
        f"http://{own}{path}\ud800",
        "",
        "javascript:alert(1)",
        "file:///etc/passwd",
    ]


def test_urls_on_another_origin_are_refused_and_nothing_is_sent(
    emu: EmulatorServer, foreign: EmulatorServer
) -> None:
    foreign.clear_requests()
    client = opstatus.GraphBillingClient(base_url=emu.base_urls["graph_billing"], token="url-test-token")
    with client:
        for url in _foreign_urls(emu, foreign):
            with pytest.raises(UnsafeUrlError):
                client.poller_from_url(url).result(timeout=0)
    assert foreign.requests() == ()
    assert emu.requests() == ()


def test_a_forged_continuation_token_cannot_send_the_token_elsewhere(
    emu: EmulatorServer, foreign: EmulatorServer
) -> None:
    foreign.clear_requests()
    op = foreign.create_operation("monitor", lifecycle=Lifecycle.succeeds())
    own = opstatus.MonitorClient(base_url=emu.base_url, token="t")
    forged = opstatus.MonitorClient(base_url=foreign.base_url).poller_from_url(foreign.url_for(op))
    with own, pytest.raises(UnsafeUrlError):
        own.resume(forged.continuation_token())
    assert foreign.requests() == ()


def test_a_manifest_link_on_another_origin_is_refused(emu: EmulatorServer, foreign: EmulatorServer) -> None:
    foreign.clear_requests()
    op = foreign.create_operation("graph_billing", lifecycle=Lifecycle.succeeds())
    link = foreign.manifest_url_for(op)
    export = opstatus.graph_billing.ExportSuccessOperation.from_dict(
        {
            "@odata.type": "#microsoft.graph.partners.billing.exportSuccessOperation",
            "id": "x",
            "status": "succeeded",
            "resourceLocation@odata.navigationLink": link,
        }
    )
    client = opstatus.GraphBillingClient(base_url=emu.base_urls["graph_billing"], token="t")
    with client, pytest.raises(UnsafeUrlError):
        client.get_manifest_for(export)
    assert foreign.requests() == ()


# --- credentials ------------------------------------------------------------------------------------


class _Credential:
    """An azure-core ``TokenCredential`` issuing short-lived tokens on an injectable wall clock."""

    def __init__(self, *, lifetime: float, now: Callable[[], float] | None = None) -> None:
        self.lifetime = lifetime
        self.now = now or (lambda: 1_700_000_000.0)
        self.issued: list[AccessToken] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        token = AccessToken(f"refreshed-token-{len(self.issued)}", int(self.now() + self.lifetime))
        self.issued.append(token)
        return token


class _AsyncCredential(_Credential):
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:  # type: ignore[override]
        await asyncio.sleep(0)
        return super().get_token(*scopes)


class _ExpiryCheckingTransport(httpx.HTTPTransport):
    """Real HTTP to the emulator, but a request carrying an expired token is answered 401 on the spot."""

    def __init__(self, credential: _Credential, wall_clock: Callable[[], float]) -> None:
        super().__init__()
        self.credential, self.wall_clock = credential, wall_clock
        self.sent: list[tuple[float, str]] = []

    def check(self, request: httpx.Request) -> httpx.Response | None:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        now = self.wall_clock()
        self.sent.append((now, token))
        expiry = {t.token: t.expires_on for t in self.credential.issued}.get(token)
        if expiry is None or now >= expiry:
            return httpx.Response(401, json={"error": {"code": "ExpiredAuthenticationToken", "message": "x"}})
        return None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.check(request) or super().handle_request(request)


class _AsyncExpiryCheckingTransport(httpx.AsyncHTTPTransport):
    def __init__(self, checker: _ExpiryCheckingTransport) -> None:
        super().__init__()
        self.checker = checker

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self.checker.check(request) or await super().handle_async_request(request)


_HOUR: Final = 3600.0
_LIFETIME: Final = 600.0
_POLICY: Final = PollingPolicy(min_delay=30.0, max_delay=120.0)


def _assert_refreshed(credential: _Credential, checker: _ExpiryCheckingTransport) -> None:
    assert len(credential.issued) >= _HOUR / _LIFETIME, "the token was refreshed as it aged"
    assert checker.sent, "the wait sent requests"
    for at, token in checker.sent:
        expiry = {t.token: t.expires_on for t in credential.issued}[token]
        assert at < expiry, f"{token} sent at {at}, expired at {expiry}"


def test_a_token_expiring_mid_wait_is_refreshed(emu: EmulatorServer) -> None:
    clock = SkippingClock(on_skip=emu.advance)
    wall = lambda: 1_700_000_000.0 + clock.now()  # noqa: E731 - the wall clock moves with the skipped sleeps
    credential = _Credential(lifetime=_LIFETIME, now=wall)
    checker = _ExpiryCheckingTransport(credential, wall)
    op = emu.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=_HOUR))
    client = opstatus.MonitorClient(
        base_url=emu.base_url,
        credential=credential,
        transport=checker,
        polling=_POLICY,
        clock=clock.now,
        sleep=clock.sleep,
        wall_clock=wall,
    )
    with client:
        result = client.poller_from_url(emu.url_for(op)).result(timeout=2 * _HOUR)
    assert result.status == "Succeeded"
    _assert_refreshed(credential, checker)


def test_a_token_expiring_mid_wait_is_refreshed_async(emu: EmulatorServer) -> None:
    clock = SkippingClock(on_skip=emu.advance)
    wall = lambda: 1_700_000_000.0 + clock.now()  # noqa: E731
    credential = _AsyncCredential(lifetime=_LIFETIME, now=wall)
    checker = _ExpiryCheckingTransport(credential, wall)
    op = emu.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=_HOUR))

    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    async def scenario() -> object:
        async with opstatus.AsyncGraphBillingClient(
            base_url=emu.base_urls["graph_billing"],
            credential=credential,
            transport=_AsyncExpiryCheckingTransport(checker),
            polling=_POLICY,
            clock=clock.now,
            sleep=sleep,
            wall_clock=wall,
        ) as client:
            return await client.poller_from_url(emu.url_for(op)).result(timeout=2 * _HOUR)

    assert isinstance(asyncio.run(scenario()), opstatus.graph_billing.ExportSuccessOperation)
    _assert_refreshed(credential, checker)


class _Broken(Exception):
    pass


class _RaisingCredential:
    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        raise _Broken("the identity endpoint is down")


class _AsyncRaisingCredential:
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        raise _Broken("the identity endpoint is down")


def test_a_credential_that_raises_gives_credential_error_and_sends_nothing(emu: EmulatorServer) -> None:
    client = opstatus.MonitorClient(base_url=emu.base_url, credential=_RaisingCredential())
    with client, pytest.raises(CredentialError) as caught:
        client.wait(subscription_id="s", resource_group_name="rg", async_operation_id="op", timeout=10)
    assert isinstance(caught.value.__cause__, _Broken)
    assert "_RaisingCredential" in str(caught.value)
    assert emu.requests() == ()


def test_an_async_credential_that_raises_gives_credential_error_and_sends_nothing(
    emu: EmulatorServer,
) -> None:
    async def scenario() -> None:
        async with opstatus.AsyncMonitorClient(
            base_url=emu.base_url, credential=_AsyncRaisingCredential()
        ) as client:
            await client.wait(
                subscription_id="s", resource_group_name="rg", async_operation_id="op", timeout=10
            )

    with pytest.raises(CredentialError) as caught:
        asyncio.run(scenario())
    assert isinstance(caught.value.__cause__, _Broken)
    assert emu.requests() == ()


def test_a_refresh_that_fails_after_expiry_ends_the_wait_with_credential_error(emu: EmulatorServer) -> None:
    clock = SkippingClock(on_skip=emu.advance)
    wall = lambda: 1_700_000_000.0 + clock.now()  # noqa: E731

    class FailsAfterFirst(_Credential):
        def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
            if self.issued:
                raise _Broken("refresh failed")
            return super().get_token(*scopes)

    credential = FailsAfterFirst(lifetime=_LIFETIME, now=wall)
    checker = _ExpiryCheckingTransport(credential, wall)
    op = emu.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=_HOUR))
    client = opstatus.MonitorClient(
        base_url=emu.base_url,
        credential=credential,
        transport=checker,
        polling=_POLICY,
        retry=RetryPolicy.disabled(),
        clock=clock.now,
        sleep=clock.sleep,
        wall_clock=wall,
    )
    with client, pytest.raises(CredentialError):
        client.poller_from_url(emu.url_for(op)).result(timeout=2 * _HOUR)
    _assert_no_expired_token_sent(credential, checker)


def _assert_no_expired_token_sent(credential: _Credential, checker: _ExpiryCheckingTransport) -> None:
    expiries = {t.token: t.expires_on for t in credential.issued}
    assert all(at < expiries[token] for at, token in checker.sent)
