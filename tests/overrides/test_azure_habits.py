"""Azure habits accepted (issue 23, row 4), on every API of the build: what an azure-core / azure-mgmt
user writes first works and means what README's "Azure habits" table says.

``MonitorClient(credential)`` positionally; scope values (any path value of the status route) once on the
client, overridable per call; ``poller(continuation_token=...)``; ``polling_interval=`` on ``poller`` and
``wait``; ``add_done_callback`` on sync and async pollers; a plain ``status()`` on async pollers (the
awaited read is ``read_status()``; ``await poller.status()`` keeps working, deprecated).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import opstatus
import pytest
from opstatus import InvalidParameterError, OperationFailedError, OperationState, PollingTimeoutError

from tests.api_catalog import ApiCase, cases, client_credentials
from tests.overrides.http_fakes import FAKE_TOKEN, FakeCredential, Script, VirtualClock, json_response

CASES = {case.key: case for case in cases()}
APIS = sorted(CASES)
TOKEN_APIS = [key for key in APIS if CASES[key].takes_tokens]
"""The APIs whose clients take a TokenCredential (an API-key-only API's take ``api_key=`` alone)."""


def _build(cls: Any, script: Script, clock: VirtualClock, *args: Any, **kwargs: Any) -> Any:
    if not args and "token" not in kwargs and "api_key" not in kwargs:
        kwargs.update(client_credentials(cls, FAKE_TOKEN))
    return cls(
        *args,
        transport=script.transport,
        clock=clock.monotonic,
        sleep=clock.async_sleep if cls.__name__.startswith("Async") else clock.sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
        **kwargs,
    )


def _status_url(case: ApiCase, ids: dict[str, str]) -> str:
    with case.client(**case.credentials(FAKE_TOKEN)) as client:
        return str(client._status_url(ids))


# --- the credential, first and positional -----------------------------------------------------------


@pytest.mark.parametrize("api", TOKEN_APIS)
def test_the_credential_may_be_the_first_positional_argument(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    credential = FakeCredential(clock)
    script = Script([json_response(200, case.done)])
    with _build(case.client, script, clock, credential) as client:
        client.poller(**case.ids).refresh()
    assert credential.calls == [(case.scope,)]
    assert script.requests[0].headers["authorization"] == f"Bearer {FAKE_TOKEN}-1"


@pytest.mark.parametrize("cls", [c.client for c in cases()] + [c.async_client for c in cases()])
def test_a_string_given_as_the_credential_is_refused_without_showing_it(cls: Any) -> None:
    with pytest.raises(TypeError) as caught:
        cls("a-token-in-the-wrong-place")
    assert "token=" in str(caught.value)
    assert cls.__name__ in str(caught.value)
    assert "a-token-in-the-wrong-place" not in str(caught.value)


# --- scope values once on the client ------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_scope_values_given_on_the_client_fill_every_call(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.done)])
    with _build(case.client, script, clock, **case.ids) as client:
        client.poller().refresh()
        assert client.wait() is not None
    assert set(script.urls) == {_status_url(case, dict(case.ids))}


@pytest.mark.parametrize("api", APIS)
def test_a_value_given_to_the_call_wins_over_the_clients(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    first = next(iter(case.ids))
    on_client = {**case.ids, first: "fromtheclient1"}
    script = Script([json_response(200, case.done)])
    with _build(case.client, script, clock, **on_client) as client:
        client.poller(**{first: case.ids[first]}).refresh()
    assert script.urls == [_status_url(case, dict(case.ids))]
    assert "fromtheclient1" not in script.urls[0]


@pytest.mark.anyio
@pytest.mark.parametrize("api", APIS)
async def test_async_clients_take_scope_values_too(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.done)])
    async with _build(case.async_client, script, clock, **case.ids) as client:
        await client.wait()
    assert script.urls == [_status_url(case, dict(case.ids))]


def test_partner_portal_list_uses_the_clients_scope_too() -> None:
    case, clock = CASES["partner_portal"], VirtualClock()
    script = Script([json_response(200, [])])
    scope = {name: value for name, value in case.ids.items() if name != "operation_id"}
    with _build(case.client, script, clock, **scope) as client:
        assert client.list_operations() == []
    assert "/publishers/" in script.urls[0]
    assert all(value in script.urls[0] for value in scope.values())


@pytest.mark.parametrize("api", APIS)
def test_a_missing_value_names_the_public_client_and_both_places_to_give_it(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    missing = next(iter(case.ids))
    rest = {name: value for name, value in case.ids.items() if name != missing}
    script = Script([json_response(200, case.done)])
    with _build(case.client, script, clock) as client, pytest.raises(TypeError) as caught:
        client.wait(**rest)
    message = str(caught.value)
    assert case.client.__name__ in message
    assert f"{missing}=" in message
    assert "SyncClient" not in message
    assert script.requests == []


@pytest.mark.parametrize("api", APIS)
def test_a_keyword_that_is_no_scope_value_is_a_type_error_naming_the_client(api: str) -> None:
    cls = CASES[api].client
    with pytest.raises(TypeError) as caught:
        cls(**client_credentials(cls, FAKE_TOKEN), subscripton_id="typo")
    assert f"{cls.__name__}() got an unexpected keyword argument 'subscripton_id'" in str(caught.value)


@pytest.mark.parametrize("api", APIS)
def test_a_scope_value_that_would_change_the_url_is_refused_at_construction(api: str) -> None:
    case = CASES[api]
    name = next(iter(case.ids))
    with pytest.raises(InvalidParameterError):
        case.client(**case.credentials(FAKE_TOKEN), **{name: "../other"})


def test_arm_client_takes_no_scope_values() -> None:
    with pytest.raises(TypeError, match="ArmClient"):
        opstatus.ArmClient(subscription_id="s")


# --- poller(continuation_token=...) -----------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_poller_with_a_continuation_token_resumes_that_operation(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.running), json_response(200, case.done)])
    with _build(case.client, script, clock) as client:
        first = client.poller(**case.ids)
        first.refresh()
        token = first.continuation_token()
        clock.advance(30)
        resumed = client.poller(continuation_token=token)
        assert resumed.status_url == first.status_url
        assert resumed.continuation_token() == token  # the same operation, first seen at the same time
        resumed.result(timeout=600)
    assert set(script.urls) == {first.status_url}


@pytest.mark.anyio
async def test_async_poller_with_a_continuation_token_resumes() -> None:
    case, clock = CASES["monitor"], VirtualClock()
    script = Script([json_response(200, case.done)])
    async with _build(case.async_client, script, clock) as client:
        token = client.poller(**case.ids).continuation_token()
        await client.poller(continuation_token=token).result(timeout=60)
    assert script.urls == [_status_url(case, dict(case.ids))]


def test_a_broken_continuation_token_given_to_poller_is_a_continuation_token_error() -> None:
    case = CASES["monitor"]
    with (
        case.client(**case.credentials(FAKE_TOKEN)) as client,
        pytest.raises(opstatus.ContinuationTokenError),
    ):
        client.poller(continuation_token="not-a-token")


# --- polling_interval= ------------------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_polling_interval_is_a_fixed_delay_between_reads(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.running)] * 3 + [json_response(200, case.done)])
    with _build(case.client, script, clock, **case.ids) as client:
        client.wait(polling_interval=7, timeout=600)
    assert clock.sleeps == [7.0, 7.0, 7.0]


@pytest.mark.parametrize("api", APIS)
def test_polling_interval_on_poller_and_resume(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.running), json_response(200, case.done)])
    with _build(case.client, script, clock, **case.ids) as client:
        client.poller(polling_interval=4).result(timeout=600)
        assert clock.sleeps == [4.0]
        token = client.poller().continuation_token()
        script.replies = [json_response(200, case.running), json_response(200, case.done)]
        script.requests.clear()
        client.resume(token, polling_interval=2.5).result(timeout=600)
    assert clock.sleeps[1:] == [2.5]


@pytest.mark.parametrize("bad", [-1, True, math.inf, math.nan, "5"])
def test_a_polling_interval_that_is_no_number_of_seconds_is_a_value_error(bad: Any) -> None:
    case = CASES["monitor"]
    with (
        case.client(**case.credentials(FAKE_TOKEN)) as client,
        pytest.raises(ValueError, match="polling_interval"),
    ):
        client.poller(**case.ids, polling_interval=bad)


# --- add_done_callback -------------------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_done_callbacks_run_once_when_the_end_is_read(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.running), json_response(200, case.done)])
    called: list[Any] = []
    with _build(case.client, script, clock, **case.ids) as client:
        poller = client.poller()
        poller.add_done_callback(called.append)
        poller.refresh()
        assert called == []  # still running
        poller.result(timeout=600)
        assert called == [poller]
        poller.result(timeout=600)
        late: list[Any] = []
        poller.add_done_callback(late.append)  # already done: at once
    assert called == [poller]
    assert late == [poller]


def test_done_callbacks_run_before_a_failed_operation_raises_and_not_on_a_timeout() -> None:
    case, clock = CASES["monitor"], VirtualClock()
    failed = {**case.done, "status": "Failed", "error": {"code": "Conflict", "message": "busy"}}
    script = Script([json_response(200, case.running)])
    called: list[OperationState] = []
    with _build(case.client, script, clock, **case.ids) as client:
        poller = client.poller()
        poller.add_done_callback(lambda p: called.append(p.status()))
        with pytest.raises(PollingTimeoutError):
            poller.result(timeout=5)
        assert called == []
        script.replies = [json_response(200, failed)]
        with pytest.raises(OperationFailedError):
            poller.result(timeout=600)
    assert called == [OperationState.FAILED]


def test_remove_done_callback_forgets_it() -> None:
    case, clock = CASES["monitor"], VirtualClock()
    script = Script([json_response(200, case.done)])
    called: list[Any] = []
    with _build(case.client, script, clock, **case.ids) as client:
        poller = client.poller()
        poller.add_done_callback(called.append)
        poller.remove_done_callback(called.append)
        with pytest.raises(ValueError, match="not added"):
            poller.remove_done_callback(called.append)
        poller.result(timeout=60)
    assert called == []


@pytest.mark.anyio
@pytest.mark.parametrize("api", APIS)
async def test_async_done_callbacks_run_when_the_end_is_read(api: str) -> None:
    case, clock = CASES[api], VirtualClock()
    script = Script([json_response(200, case.running), json_response(200, case.done)])
    called: list[Any] = []
    async with _build(case.async_client, script, clock, **case.ids) as client:
        poller = client.poller()
        poller.add_done_callback(called.append)
        await poller.result(timeout=600)
    assert called == [poller]


# --- a plain status() on async pollers -----------------------------------------------------------------


@pytest.mark.anyio
async def test_async_status_is_a_plain_method_answering_the_last_state_read() -> None:
    case, clock = CASES["monitor"], VirtualClock()
    script = Script([json_response(200, case.running), json_response(200, case.done)])
    async with _build(case.async_client, script, clock, **case.ids) as client:
        poller = client.poller()
        state = poller.status()  # not awaited: no coroutine, nothing for mypy to flag
        assert state is OperationState.UNKNOWN  # nothing read yet; a read is started as a task
        assert await poller.read_status() is OperationState.RUNNING
        assert poller.status() is OperationState.RUNNING
        await poller.result(timeout=600)
        assert poller.status() is OperationState.SUCCEEDED
    assert len(script.requests) == 2


@pytest.mark.anyio
async def test_awaiting_async_status_still_works_and_is_deprecated() -> None:
    case, clock = CASES["monitor"], VirtualClock()
    script = Script([json_response(200, case.done)])
    async with _build(case.async_client, script, clock, **case.ids) as client:
        poller = client.poller()
        await poller.read_status()
        with pytest.warns(DeprecationWarning, match="read_status"):
            state = await poller.status()
    assert state is OperationState.SUCCEEDED


def test_sync_status_stays_as_it_was() -> None:
    case, clock = CASES["monitor"], VirtualClock()
    script = Script([json_response(200, case.running)])
    with _build(case.client, script, clock, **case.ids) as client, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.poller().status() is OperationState.RUNNING


def _typed_only(poller: opstatus.AsyncPoller[Any], sync: opstatus.Poller[Any]) -> None:
    """Never called: mypy --strict checks these statements raise no ``unused-coroutine``."""
    poller.status()
    poller.add_done_callback(print)
    sync.add_done_callback(print)
    state: OperationState = poller.status()
    del state


# --- public names in argument errors ------------------------------------------------------------------


@pytest.mark.parametrize("cls", [c.client for c in cases()] + [c.async_client for c in cases()])
def test_argument_errors_name_the_public_client(cls: Any) -> None:
    with pytest.raises(TypeError) as too_many:
        cls(None, "two")
    with pytest.raises(TypeError) as unexpected:
        cls(nonsense=1)
    client = cls(**client_credentials(cls, FAKE_TOKEN))
    with pytest.raises(TypeError) as resume:
        client.resume()
    with pytest.raises(TypeError) as from_url:
        client.poller_from_url("https://x", "extra")
    for caught in (too_many, unexpected, resume, from_url):
        message = str(caught.value)
        assert message.startswith(f"{cls.__name__}"), message
        assert "SyncClient" not in message
        assert "AsyncClient" not in message.replace(cls.__name__, "")
        assert "_ClientCore" not in message
