"""Bad input, request side: an id can never change which URL a client requests.

For every path parameter of every endpoint (and the one query parameter callers pass, CPP's
``status``), a value is either refused with :class:`opstatus.InvalidParameterError` (a
``ValueError`` naming the parameter) before anything is sent, or sent percent-encoded so that the
path keeps its shape and the query its members. Both are asserted on the wire: the emulator's
request log holds the raw, still-encoded path and query of what arrived.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs
import opstatus
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opstatus import InvalidParameterError, OpStatusError, RetryPolicy
from opstatus.emulator import EmulatorServer, LoggedRequest

from tests.api_catalog import KEYS, case, credentials, sample_value

from .spec_schemas import spec

NASTY: Final = (
    "a/b",
    "..",
    ".",
    "a?api-version=1999-01-01",
    "a#fragment",
    "100%",
    "%2F",
    "%2e%2e",
    "a b",
    " ",
    "ünïcødé ✓",
    "日本語",
    "",
    "a\\b",
    "a\x00b",
    "line\nbreak",
    "a;b=c",
    "a&b=c",
    "+",
    "a@evil.example:80",
    "~user",
    "<script>",
    "\u202eevil",
    "\ud800",
    "x" * 5000,
)


@attrs.frozen
class Endpoint:
    """One GET a client can make, and what its URL must look like on the wire."""

    name: str
    api: str
    operation_id: str
    call: Callable[[Any, dict[str, str]], object]
    path_params: tuple[tuple[str, str], ...]
    """(keyword argument, spec name) in template order."""
    query_param: tuple[str, str] | None = None
    ordinary: dict[str, str] = attrs.field(factory=dict)
    """Keyword -> a value its rules accept (``ordinary-id``, ``running``, else one that fits the spec's
    format or enum, e.g. a uuid), sent for every argument but the one under test."""

    def template(self) -> str:
        document = spec(self.api)
        base = urllib.parse.urlsplit(document["servers"][0]["url"]).path.rstrip("/")
        for path, item in document["paths"].items():
            if any(
                isinstance(op, dict) and op.get("operationId") == self.operation_id for op in item.values()
            ):
                return f"{base}{path}"
        raise LookupError(self.operation_id)

    def api_version(self) -> str | None:
        version = _client_class(self.api)._API.table.api_version
        return str(version) if version is not None else None


def _client_class(api: str) -> type[Any]:
    return case(api).client


def _fitting(key: str, param: Any, usual: str) -> str:
    """``usual`` where the parameter's rules (spec format and enum) accept it, else a value made to fit."""
    return usual if param.problem(usual) is None else sample_value(key, param)


def _caller(method: str) -> Callable[[Any, dict[str, str]], object]:
    def call(client: Any, kwargs: dict[str, str]) -> object:
        return getattr(client, method)(**kwargs)

    return call


ENDPOINTS: Final = tuple(
    Endpoint(
        name=f"{key}.{route.method}",
        api=key,
        operation_id=route.operation_id,
        call=_caller(route.method),
        path_params=tuple((param.python, param.wire) for param in route.path_params),
        query_param=next(((param.python, param.wire) for param in route.query_params), None),
        ordinary={
            **{param.python: _fitting(key, param, "ordinary-id") for param in route.path_params},
            **{param.python: _fitting(key, param, "running") for param in route.query_params[:1]},
        },
    )
    for key in KEYS
    for route in case(key).routes
)
"""Every GET of every API of the build, from the generated routes."""
_PARAMS: Final = [(endpoint, keyword) for endpoint in ENDPOINTS for keyword, _ in endpoint.path_params] + [
    (endpoint, endpoint.query_param[0]) for endpoint in ENDPOINTS if endpoint.query_param
]


def _logged(emu: EmulatorServer, count: int) -> tuple[LoggedRequest, ...]:
    """The request log once ``count`` entries are in (the server logs just after responding)."""
    deadline = time.monotonic() + 2.0
    entries = emu.requests()
    while len(entries) < count and time.monotonic() < deadline:
        time.sleep(0.005)
        entries = emu.requests()
    return entries


@pytest.fixture(scope="module")
def clients(emulator: EmulatorServer) -> Iterator[dict[str, Any]]:
    """One client per API for the whole module (building an httpx client costs an SSL context)."""
    made = {
        api: _client_class(api)(
            base_url=emulator.base_urls[api],
            retry=RetryPolicy.disabled(),
            **credentials(api, "request-side-token"),
        )
        for api in KEYS
    }
    yield made
    for client in made.values():
        client.close()


def _send(emu: EmulatorServer, client: Any, endpoint: Endpoint, keyword: str, value: str) -> Exception | None:
    """Call ``endpoint`` with ``keyword=value`` (other arguments ordinary); the error it raised, if any."""
    arguments = dict(endpoint.ordinary)
    arguments[keyword] = value
    emu.clear_requests()
    try:
        endpoint.call(client, arguments)
    except OpStatusError as exc:
        return exc
    return None


def _assert_refused_or_encoded(
    emu: EmulatorServer, clients: dict[str, Any], endpoint: Endpoint, keyword: str, value: str
) -> str:
    error = _send(emu, clients[endpoint.api], endpoint, keyword, value)
    if isinstance(error, InvalidParameterError):
        assert isinstance(error, ValueError)
        assert error.name in {keyword, *(spec_name for _, spec_name in endpoint.path_params)} or (
            endpoint.query_param is not None and error.name == endpoint.query_param[1]
        ), error
        time.sleep(0.01)
        assert emu.requests() == (), "nothing may be sent for a refused value"
        return "refused"
    (entry,) = _logged(emu, 1)
    expected_query = {"api-version": endpoint.api_version()} if endpoint.api_version() else {}
    segments = endpoint.template().lstrip("/").split("/")
    sent = entry.path.lstrip("/").split("/")
    assert len(sent) == len(segments), f"{value!r} changed the path's shape: {entry.path}"
    spec_names = dict(endpoint.path_params)
    for template_segment, sent_segment in zip(segments, sent, strict=True):
        assert "?" not in sent_segment
        assert "#" not in sent_segment
        if template_segment.startswith("{"):
            name = template_segment[1:-1]
            python = next(python for python, wire in endpoint.path_params if wire == name)
            wanted = value if spec_names.get(keyword) == name else endpoint.ordinary[python]
            assert urllib.parse.unquote(sent_segment, errors="strict") == wanted
            assert urllib.parse.unquote(sent_segment) not in (".", "..")
        else:
            assert sent_segment == template_segment
    query = urllib.parse.parse_qsl(entry.query, keep_blank_values=True)
    if endpoint.query_param:
        wanted_status = (
            value if keyword == endpoint.query_param[0] else endpoint.ordinary[endpoint.query_param[0]]
        )
        expected_query[endpoint.query_param[1]] = wanted_status
    assert sorted(query) == sorted(expected_query.items()), f"{value!r} changed the query: {entry.query}"
    return "encoded"


@pytest.mark.parametrize(
    ("endpoint", "keyword"), _PARAMS, ids=[f"{endpoint.name}.{keyword}" for endpoint, keyword in _PARAMS]
)
def test_hostile_values_are_refused_or_encoded_on_the_wire(
    emu: EmulatorServer, clients: dict[str, Any], endpoint: Endpoint, keyword: str
) -> None:
    outcomes = {value: _assert_refused_or_encoded(emu, clients, endpoint, keyword, value) for value in NASTY}
    is_path = keyword != (endpoint.query_param or ("", ""))[0]
    # Values that would change the path are refused, not silently encoded (see opstatus._urls).
    for value in ("a/b", "..", ".", "100%", "%2F", "", "a\x00b", "\ud800"):
        if is_path or value in ("", "a\x00b", "\ud800"):
            assert outcomes[value] == "refused", value


@pytest.mark.parametrize(
    ("endpoint", "keyword"), _PARAMS, ids=[f"{endpoint.name}.{keyword}" for endpoint, keyword in _PARAMS]
)
@settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(max_size=40))
def test_any_text_is_refused_or_encoded_on_the_wire(
    emu: EmulatorServer, clients: dict[str, Any], endpoint: Endpoint, keyword: str, value: str
) -> None:
    _assert_refused_or_encoded(emu, clients, endpoint, keyword, value)


def test_a_poller_sends_the_same_encoded_path(emu: EmulatorServer) -> None:
    emu.clear_requests()
    client = opstatus.GraphBillingClient(
        base_url=emu.base_urls["graph_billing"], token="t", retry=RetryPolicy.disabled()
    )
    with client, pytest.raises(opstatus.BadRequestError):  # the spec's id pattern is ASCII
        client.poller(operation_id="ünï cødé").result(timeout=60)  # raised at the first read
    (entry,) = _logged(emu, 1)
    assert entry.path == "/v1.0/reports/partners/billing/operations/%C3%BCn%C3%AF%20c%C3%B8d%C3%A9"


def test_refusal_names_the_parameter_and_the_reason() -> None:
    client = opstatus.MonitorClient(token="t")
    with client, pytest.raises(InvalidParameterError) as caught:
        client.get_operation_status(
            subscription_id="s", resource_group_name="../other", async_operation_id="x"
        )
    assert caught.value.name == "resource_group_name"
    assert "'/'" in str(caught.value)
