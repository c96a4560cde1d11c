"""The engine honours what a generated description says beyond paths: query and header parameters, their
enums and formats, server variables, API keys, declared request-id headers and error envelopes.

A small client is described here by hand exactly as ``make generate`` would describe one (an
``ApiRoutes`` in an ``ApiSpec``), and talks to ``httpx.MockTransport``; tests/test_new_shapes.py proves
the same end to end from real specs, over HTTP, to the emulator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import opstatus
import pytest
from opstatus._client import ApiSpec, SyncClient
from opstatus._generated.monitor.polling import TABLE
from opstatus._routes import ApiRoutes, ErrorEnvelope, Param, Route, ServerVariable

KEY = "subscription-key-0123456789"
UUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

STATUS = Route(
    operation_id="Things_Get",
    method="get_thing",
    path="/things/{thingId}",
    path_params=(Param(wire="thingId", python="thing_id", format="uuid"),),
    query_params=(
        Param(wire="pluginId", python="plugin_id", required=False, format="uuid"),
        Param(wire="view", python="view", required=False, enum=("full", "brief")),
    ),
    header_params=(Param(wire="x-tenant", python="tenant", required=False),),
    constants={"api-version": "1"},
    response="dict",
)


class _ThingClient(SyncClient[Any]):
    """A client described by hand as the generator would (its ``_API`` set per test)."""

    def get_thing(self, **values: Any) -> Any:
        return self._get_status(values)

    def wait_thing(self, **values: Any) -> Any:
        return self._wait(values, timeout=5, on_progress=None)


def _client_class(**routes: Any) -> type[_ThingClient]:
    described = ApiRoutes(routes=(STATUS,), status="Things_Get", api_version="1", **routes)

    class ThingClient(_ThingClient):
        """A client of one described API."""

        _API = ApiSpec(table=TABLE, routes=described, parse_status=lambda body: body, status_model="dict")

    return ThingClient


def _answering(seen: list[httpx.Request], response: Callable[[], httpx.Response]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response()

    return httpx.MockTransport(answer)


def _ok() -> httpx.Response:
    return httpx.Response(200, json={"status": "Succeeded"})


def test_query_and_header_parameters_are_sent_on_reads_and_on_every_poll() -> None:
    seen: list[httpx.Request] = []
    with _client_class()(
        base_url="https://things.example", transport=_answering(seen, _ok), sleep=lambda _s: None
    ) as client:
        client.get_thing(thing_id=UUID, plugin_id=UUID, view="brief", tenant="contoso")
        client.wait_thing(thing_id=UUID, plugin_id=UUID, tenant="contoso")

    assert str(seen[0].url) == (
        f"https://things.example/things/{UUID}?api-version=1&pluginId={UUID}&view=brief"
    )
    assert seen[0].headers["x-tenant"] == "contoso"
    assert f"pluginId={UUID}" in str(seen[1].url)
    assert seen[1].headers["x-tenant"] == "contoso"


def test_an_optional_parameter_left_out_is_not_sent() -> None:
    seen: list[httpx.Request] = []
    with _client_class()(base_url="https://things.example", transport=_answering(seen, _ok)) as client:
        client.get_thing(thing_id=UUID)

    assert str(seen[0].url) == f"https://things.example/things/{UUID}?api-version=1"
    assert "x-tenant" not in seen[0].headers


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"thing_id": "not-a-uuid"}, "invalid thing_id 'not-a-uuid': must be a UUID"),
        ({"thing_id": UUID, "plugin_id": "x"}, "invalid plugin_id 'x': must be a UUID"),
        ({"thing_id": UUID, "view": "huge"}, "invalid view 'huge': must be one of 'full', 'brief'"),
        ({"thing_id": UUID, "tenant": "a\nb"}, "invalid tenant"),
    ],
)
def test_values_the_spec_does_not_allow_are_refused_before_sending(
    values: dict[str, str], reason: str
) -> None:
    seen: list[httpx.Request] = []
    with (
        _client_class()(base_url="https://things.example", transport=_answering(seen, _ok)) as client,
        pytest.raises(opstatus.InvalidParameterError) as caught,
    ):
        client.get_thing(**values)

    assert str(caught.value).startswith(reason)
    assert seen == []


def test_server_variables_fill_the_default_base_url_and_base_url_wins() -> None:
    variable = ServerVariable(name="endpoint", python="endpoint", default="default.example")
    cls = _client_class(server="https://{endpoint}/api", server_variables=(variable,))

    assert cls().base_url == "https://default.example/api"
    assert cls(server_variables={"endpoint": "mine.example"}).base_url == "https://mine.example/api"
    assert (
        cls(server_variables={"endpoint": "x"}, base_url="https://y.example").base_url == "https://y.example"
    )
    with pytest.raises(opstatus.InvalidParameterError, match="must be a host name"):
        cls(server_variables={"endpoint": "evil.example/path?"})


class _KeyCredential:
    """What azure-core's AzureKeyCredential looks like: a ``.key`` that ``update()`` may change."""

    def __init__(self, key: str) -> None:
        self.key = key


@pytest.mark.parametrize("source", [KEY, lambda: KEY, _KeyCredential(KEY)], ids=["str", "callable", "key"])
def test_an_api_key_is_sent_in_the_specs_header_and_never_shown(source: object) -> None:
    seen: list[httpx.Request] = []
    cls = _client_class(security=("api_key",), api_key_header="Ocp-Apim-Subscription-Key")
    with cls(api_key=source, base_url="https://things.example", transport=_answering(seen, _ok)) as client:
        client.get_thing(thing_id=UUID)
        shown = repr(client)

    assert seen[0].headers["Ocp-Apim-Subscription-Key"] == KEY
    assert "authorization" not in seen[0].headers
    assert KEY not in shown
    assert "ApiKeyAuth(header='Ocp-Apim-Subscription-Key'" in shown


def test_an_api_key_echoed_by_a_server_is_scrubbed_from_errors_and_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def echo() -> httpx.Response:
        return httpx.Response(400, json={"error": {"code": "BadKey", "message": f"key {KEY} is wrong"}})

    cls = _client_class(security=("api_key",), api_key_header="Ocp-Apim-Subscription-Key")
    caplog.set_level(logging.DEBUG)
    with (
        cls(api_key=KEY, base_url="https://things.example", transport=_answering([], echo)) as client,
        pytest.raises(opstatus.BadRequestError) as caught,
    ):
        client.get_thing(thing_id=UUID)

    assert KEY not in str(caught.value)
    assert KEY not in (caught.value.message or "")
    assert KEY not in (caught.value.body or "")
    assert KEY not in caplog.text


def test_an_api_key_only_goes_over_https_or_to_loopback() -> None:
    cls = _client_class(security=("api_key",), api_key_header="Ocp-Apim-Subscription-Key")

    with pytest.raises(opstatus.UnsafeUrlError):
        cls(api_key=KEY, base_url="http://things.example")
    assert cls(api_key=KEY, base_url="http://127.0.0.1:7357").base_url == "http://127.0.0.1:7357"


def test_api_key_is_refused_where_the_spec_declares_none_and_next_to_a_token() -> None:
    keyed = _client_class(security=("api_key", "bearer"), api_key_header="Ocp-Apim-Subscription-Key")
    only_keys = _client_class(security=("api_key",), api_key_header="Ocp-Apim-Subscription-Key")

    with pytest.raises(TypeError, match="declares no apiKey security scheme"):
        _client_class()(api_key=KEY)
    with pytest.raises(TypeError, match="not both"):
        keyed(api_key=KEY, token="t" * 20)
    with pytest.raises(TypeError, match="pass api_key="):
        only_keys(token="t" * 20)
    with pytest.raises(TypeError, match="api_key must be"):
        keyed(api_key=42)


def test_errors_read_code_message_and_request_id_where_the_spec_says() -> None:
    def flat() -> httpx.Response:
        body = {"$id": "1", "message": "No such operation.", "typeKey": "OperationNotFound", "errorCode": 0}
        return httpx.Response(
            404, json=body, headers={"ActivityId": "activity-1", "x-ms-request-id": "other"}
        )

    cls = _client_class(
        request_id_headers=("ActivityId",),
        error_envelope=ErrorEnvelope(code="/typeKey", message="/message"),
    )
    with (
        cls(base_url="https://things.example", transport=_answering([], flat)) as client,
        pytest.raises(opstatus.NotFoundError) as caught,
    ):
        client.get_thing(thing_id=UUID)

    assert caught.value.code == "OperationNotFound"
    assert caught.value.message == "No such operation."
    assert caught.value.request_id == "activity-1"


def test_without_the_extension_errors_read_as_before() -> None:
    def flat() -> httpx.Response:
        return httpx.Response(404, json={"message": "No such operation.", "typeKey": "OperationNotFound"})

    with (
        _client_class()(base_url="https://things.example", transport=_answering([], flat)) as client,
        pytest.raises(opstatus.NotFoundError) as caught,
    ):
        client.get_thing(thing_id=UUID)

    assert caught.value.code is None
