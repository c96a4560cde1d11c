"""BearerAuth: where tokens come from, how long they are kept, where they may go, and that they never show."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from azure.core.credentials import AccessToken
from opstatus._auth import BearerAuth
from opstatus._errors import CredentialError, UnsafeUrlError

from tests.overrides.http_fakes import FAKE_TOKEN, FakeAsyncCredential, FakeCredential, Script, VirtualClock

ARM_SCOPE = "https://management.azure.com/.default"
URL = "https://management.azure.com/x"


def sent_tokens(
    auth: BearerAuth, *, times: int = 1, url: str = URL, between: float = 0.0, clock: Any = None
) -> list[str]:
    script = Script([httpx.Response(200)])
    with httpx.Client(transport=script.transport, auth=auth) as client:
        for _ in range(times):
            client.get(url)
            if clock is not None:
                clock.advance(between)
    return [request.headers["authorization"] for request in script.requests]


def test_a_static_token_is_sent_as_bearer() -> None:
    assert sent_tokens(BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE])) == [f"Bearer {FAKE_TOKEN}"]


def test_a_static_token_is_sent_without_its_surrounding_whitespace_every_time() -> None:
    auth = BearerAuth(token=f"  {FAKE_TOKEN}\n", scopes=[ARM_SCOPE])

    assert sent_tokens(auth, times=2) == [f"Bearer {FAKE_TOKEN}"] * 2


def test_a_token_function_is_asked_on_every_request() -> None:
    calls: list[int] = []

    def token() -> str:
        calls.append(1)
        return f"{FAKE_TOKEN}-{len(calls)}"

    assert sent_tokens(BearerAuth(token=token, scopes=[ARM_SCOPE]), times=2) == [
        f"Bearer {FAKE_TOKEN}-1",
        f"Bearer {FAKE_TOKEN}-2",
    ]


def test_a_credential_is_asked_with_the_scopes_and_its_token_cached() -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock, lifetime=3600)
    auth = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    assert sent_tokens(auth, times=3, clock=clock, between=60) == [f"Bearer {FAKE_TOKEN}-1"] * 3
    assert credential.calls == [(ARM_SCOPE,)]


def test_the_token_is_refreshed_five_minutes_before_it_expires() -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock, lifetime=3600)
    auth = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    assert auth.get_token() == f"{FAKE_TOKEN}-1"
    clock.advance(3600 - 300 - 1)
    assert auth.get_token() == f"{FAKE_TOKEN}-1"
    clock.advance(1)
    assert auth.get_token() == f"{FAKE_TOKEN}-2"


def test_a_short_lived_token_is_refreshed_half_way_not_on_every_request() -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock, lifetime=60)
    auth = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    auth.get_token()
    clock.advance(29)
    auth.get_token()
    assert len(credential.calls) == 1
    clock.advance(1)
    auth.get_token()
    assert len(credential.calls) == 2


def test_a_real_azure_core_access_token_is_accepted() -> None:
    class Credential:
        def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
            return AccessToken(FAKE_TOKEN, 4_000_000_000)

    assert BearerAuth(credential=Credential(), scopes=[ARM_SCOPE]).get_token() == FAKE_TOKEN


def test_a_failing_credential_is_a_credential_error_with_the_cause_and_no_secret() -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock)
    credential.fail_with = RuntimeError("AADSTS7000215: invalid client secret 'hunter2-SECRET'")
    auth = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    with pytest.raises(CredentialError) as caught:
        auth.get_token()
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert "FakeCredential.get_token failed" in str(caught.value)
    assert ARM_SCOPE in str(caught.value)
    assert "hunter2" not in str(caught.value)
    assert "hunter2" not in repr(caught.value)


def test_a_failed_refresh_keeps_using_a_still_valid_token(caplog: pytest.LogCaptureFixture) -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock, lifetime=3600)
    auth = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    auth.get_token()
    clock.advance(3400)
    credential.fail_with = RuntimeError("network down")
    with caplog.at_level(logging.WARNING, logger="opstatus._auth"):
        assert auth.get_token() == f"{FAKE_TOKEN}-1"
    assert "token refresh failed" in caplog.text
    assert FAKE_TOKEN not in caplog.text
    clock.advance(200)
    with pytest.raises(CredentialError):
        auth.get_token()


def test_a_token_function_that_raises_is_a_credential_error() -> None:
    def token() -> str:
        raise OSError("vault unreachable")

    with pytest.raises(CredentialError, match="token= function failed") as caught:
        BearerAuth(token=token, scopes=[ARM_SCOPE]).get_token()
    assert isinstance(caught.value.__cause__, OSError)


@pytest.mark.parametrize("bad", [None, "", 42])
def test_a_token_function_must_give_a_non_empty_string(bad: object) -> None:
    with pytest.raises(CredentialError, match="non-empty string"):
        BearerAuth(token=lambda: bad, scopes=[ARM_SCOPE]).get_token()


def test_a_credential_returning_something_else_is_a_credential_error() -> None:
    class Odd:
        def get_token(self, *scopes: str) -> object:
            return "just-a-string"

    with pytest.raises(CredentialError, match="not an AccessToken"):
        BearerAuth(credential=Odd(), scopes=[ARM_SCOPE]).get_token()


def test_an_async_credential_in_a_sync_client_says_so() -> None:
    credential = FakeAsyncCredential(VirtualClock())
    with pytest.raises(CredentialError, match="async credential"):
        BearerAuth(credential=credential, scopes=[ARM_SCOPE]).get_token()


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"credential": FakeCredential(VirtualClock()), "token": "t"},
        {"token": 42},
        {"token": ""},
        {"credential": object()},
        {"token": "t", "scopes": "https://management.azure.com/.default"},
        {"token": "t", "scopes": []},
    ],
)
def test_wrong_construction_is_a_type_error(kwargs: dict[str, Any]) -> None:
    kwargs.setdefault("scopes", [ARM_SCOPE])
    with pytest.raises(TypeError):
        BearerAuth(**kwargs)


@pytest.mark.parametrize("url", ["http://management.azure.com/x", "http://192.168.1.10:8080/x"])
def test_no_token_is_sent_over_plain_http_to_a_remote_host(url: str) -> None:
    script = Script([httpx.Response(200)])
    with (
        httpx.Client(
            transport=script.transport, auth=BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE])
        ) as client,
        pytest.raises(UnsafeUrlError),
    ):
        client.get(url)
    assert script.requests == []


def test_a_token_is_sent_over_plain_http_to_loopback() -> None:
    tokens = sent_tokens(BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE]), url="http://127.0.0.1:8765/x")
    assert tokens == [f"Bearer {FAKE_TOKEN}"]


def test_repr_and_str_never_show_the_token() -> None:
    clock = VirtualClock()
    credential_auth = BearerAuth(credential=FakeCredential(clock), scopes=[ARM_SCOPE], clock=clock.wall)
    credential_auth.get_token()
    for auth in (BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE]), credential_auth):
        assert FAKE_TOKEN not in repr(auth)
        assert FAKE_TOKEN not in str(auth)
        assert ARM_SCOPE in repr(auth)
    assert "FakeCredential" in repr(credential_auth)


@pytest.mark.anyio
async def test_an_async_credential_is_awaited_and_cached() -> None:
    clock = VirtualClock()
    credential = FakeAsyncCredential(clock)
    auth = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    script = Script([httpx.Response(200)])
    async with httpx.AsyncClient(transport=script.transport, auth=auth) as client:
        await client.get(URL)
        await client.get(URL)
    assert [r.headers["authorization"] for r in script.requests] == [f"Bearer {FAKE_TOKEN}-1"] * 2
    assert credential.calls == [(ARM_SCOPE,)]


@pytest.mark.anyio
async def test_an_async_client_also_takes_sync_credentials_and_async_token_functions() -> None:
    clock = VirtualClock()

    async def token() -> str:
        return FAKE_TOKEN

    assert await BearerAuth(token=token, scopes=[ARM_SCOPE]).get_token_async() == FAKE_TOKEN
    sync_credential = FakeCredential(clock)
    auth = BearerAuth(credential=sync_credential, scopes=[ARM_SCOPE], clock=clock.wall)
    assert await auth.get_token_async() == f"{FAKE_TOKEN}-1"


@pytest.mark.anyio
async def test_an_async_credential_failure_is_a_credential_error() -> None:
    credential = FakeAsyncCredential(VirtualClock())
    credential.fail_with = ValueError("boom")
    with pytest.raises(CredentialError) as caught:
        await BearerAuth(credential=credential, scopes=[ARM_SCOPE]).get_token_async()
    assert isinstance(caught.value.__cause__, ValueError)


@pytest.mark.anyio
async def test_the_async_flow_refuses_plain_http_to_a_remote_host() -> None:
    script = Script([httpx.Response(200)])
    auth = BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE])
    async with httpx.AsyncClient(transport=script.transport, auth=auth) as client:
        with pytest.raises(UnsafeUrlError):
            await client.get("http://example.com/x")
    assert script.requests == []


def test_authorize_now_adds_a_token_at_hand_and_nothing_else() -> None:
    """The pipeline's no-await path: ``token=`` a string, or a credential's token while it is fresh;
    a token function, or a credential with no fresh token, is left to the (awaited) slow path."""
    clock = VirtualClock()
    credential = FakeCredential(clock, lifetime=3600)
    by_credential = BearerAuth(credential=credential, scopes=[ARM_SCOPE], clock=clock.wall)
    cases = {
        "static": (BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE]), True),
        "function": (BearerAuth(token=lambda: FAKE_TOKEN, scopes=[ARM_SCOPE]), False),
        "credential, none fetched yet": (by_credential, False),
    }
    for name, (auth, expected) in cases.items():
        request = httpx.Request("GET", URL, headers={"Authorization": "stale", "Accept": "x"})
        assert auth.authorize_now(request) is expected, name
        assert request.headers.get_list("authorization") == (
            [f"Bearer {FAKE_TOKEN}"] if expected else ["stale"]
        )
    assert credential.calls == []

    by_credential.get_token()  # fetched once: fresh from now until five minutes before it expires
    request = httpx.Request("GET", URL)
    assert by_credential.authorize_now(request)
    assert request.headers["authorization"] == f"Bearer {FAKE_TOKEN}-1"
    clock.advance(3600 - 299)
    assert not by_credential.authorize_now(httpx.Request("GET", URL))  # due for refresh: slow path
    assert credential.calls == [(ARM_SCOPE,)]


def test_authorize_now_refuses_plain_http_to_a_remote_host_before_adding_anything() -> None:
    request = httpx.Request("GET", "http://example.com/x")
    with pytest.raises(UnsafeUrlError):
        BearerAuth(token=FAKE_TOKEN, scopes=[ARM_SCOPE]).authorize_now(request)
    assert "authorization" not in request.headers
