"""Bad input, response side: whatever a service sends, a client parses it or says DecodeError.

Two halves:

* **Valid bodies** - hypothesis-jsonschema generates bodies from every component schema of every
  spec (references inlined, the recursive ARM error unrolled, see ``spec_schemas``). Each must parse
  with its generated model and round-trip (``parse(to_dict(parse(x))) == parse(x)``; not byte-exact,
  see TOOLCHAIN-NOTES §1), and every status body must come through the clients themselves.
* **Broken bodies** - valid status bodies with one mutation (a wrong type, a missing member, an
  unknown status or ``@odata.type``, a huge string, deep nesting, another top-level type, bytes that
  are not UTF-8), served to the sync and async clients through ``httpx.MockTransport``. Reading must
  give a tolerant result or :class:`opstatus.DecodeError`; waiting may in addition end in the
  operation's own outcome (failed, canceled) or a timeout. Never any other exception.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import enum
import functools
import importlib
import json
from collections.abc import Callable
from typing import Any, Final

import attrs
import httpx
import opstatus
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from opstatus import (
    DecodeError,
    OperationCanceledError,
    OperationFailedError,
    PollingTimeoutError,
    RetryPolicy,
)
from opstatus.graph_billing import (
    ExportSuccessOperation,
    FailedOperation,
    Operation,
    OperationBase,
    RunningOperation,
)

from tests.api_catalog import KEYS, case, credentials

from .spec_schemas import component_names, standalone, status_response_schema

APIS: Final = KEYS
_SETTINGS: Final = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
_GRAPH_TYPES: Final[dict[str, type[Operation]]] = {
    "#microsoft.graph.partners.billing.exportSuccessOperation": ExportSuccessOperation,
    "#microsoft.graph.partners.billing.failedOperation": FailedOperation,
    "#microsoft.graph.partners.billing.runningOperation": RunningOperation,
}
_IDS: Final[dict[str, dict[str, str]]] = {key: dict(case(key).ids) for key in KEYS}
_CLIENTS: Final[dict[str, tuple[type[Any], type[Any]]]] = {
    key: (case(key).client, case(key).async_client) for key in KEYS
}
_WAIT_OUTCOMES: Final = (DecodeError, OperationFailedError, OperationCanceledError, PollingTimeoutError)


_FORMATS: Final = {"uuid": st.uuids().map(str)}
"""Formats hypothesis-jsonschema does not generate by itself; a spec's ``format: uuid`` id is a real uuid."""


def _table(api: str) -> Any:
    return importlib.import_module(f"opstatus._generated.{api}.polling").TABLE


@functools.cache
def _component(api: str, name: str) -> st.SearchStrategy[Any]:
    return from_schema(standalone(api, name), custom_formats=_FORMATS)


@functools.cache
def _status_body(api: str) -> st.SearchStrategy[Any]:
    return from_schema(status_response_schema(api, _table(api).status_operation_id), custom_formats=_FORMATS)


# --- parsing without the clients: the generated models ---------------------------------------------


def _dump(value: Any) -> Any:
    """JSON form of a parsed value (generated models, open enums, union members, lists)."""
    if attrs.has(type(value)):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_dump(item) for item in value]
    return value


def _parser(api: str, name: str) -> Callable[[Any], Any]:
    """How ``name`` is parsed: its generated class, or for a union schema the model that holds it."""
    models = importlib.import_module(f"opstatus._generated.{api}.models")
    if (api, name) == ("partner_portal", "MessageEntry"):  # anyOf [Message, string], used by Step
        return lambda doc: models.Step.from_dict({"id": "s", "status": "x", "messages": [doc]}).messages[0]
    if (api, name) == ("partner_portal", "OperationResponse"):  # an operation or a one-element array
        return lambda doc: models.Operation.from_dict(doc[0] if isinstance(doc, list) else doc)
    if (api, name) == ("graph_billing", "Operation"):  # anyOf, base last (see graph_billing.py)
        return lambda doc: _graph_operation(doc)
    cls = getattr(models, name)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return cls
    from_dict: Callable[[Any], Any] = cls.from_dict
    return from_dict


def _graph_operation(document: Any) -> Operation:
    for cls in (ExportSuccessOperation, FailedOperation, RunningOperation):
        try:
            return cls.from_dict(document)
        except (TypeError, ValueError, KeyError):
            continue
    return OperationBase.from_dict(document)


_UNIONS: Final = {
    ("partner_portal", "MessageEntry"),
    ("partner_portal", "OperationResponse"),
    ("graph_billing", "Operation"),
}


def _has_a_model(api: str, name: str) -> bool:
    """A schema nothing parses (an error envelope and its parts) has no model: errors are read as JSON
    (``tests/generator/test_examples.py`` covers their examples)."""
    return (api, name) in _UNIONS or hasattr(
        importlib.import_module(f"opstatus._generated.{api}.models"), name
    )


_COMPONENTS: Final = [(api, name) for api in APIS for name in component_names(api) if _has_a_model(api, name)]


@pytest.mark.parametrize(("api", "name"), _COMPONENTS, ids=[f"{a}.{n}" for a, n in _COMPONENTS])
@settings(_SETTINGS, max_examples=12)
@given(data=st.data())
def test_every_component_schema_parses_and_round_trips(api: str, name: str, data: st.DataObject) -> None:
    body = data.draw(_component(api, name), label=f"{api}.{name}")
    parse = _parser(api, name)
    parsed = parse(copy.deepcopy(body))
    dumped = _dump(parsed)
    json.dumps(dumped)  # what to_dict gives is JSON again
    assert parse(json.loads(json.dumps(dumped))) == parsed


# --- parsing through the clients ---------------------------------------------------------------------


def _serving(content: bytes, *, status: int = 200) -> httpx.MockTransport:
    headers = {"content-type": "application/json; charset=utf-8", "x-ms-request-id": "req-1"}
    return httpx.MockTransport(lambda request: httpx.Response(status, content=content, headers=headers))


def _sync_client(api: str, content: bytes) -> Any:
    sync_cls, _ = _CLIENTS[api]
    return sync_cls(
        **credentials(api, "body-test-token"),
        transport=_serving(content),
        retry=RetryPolicy.disabled(),
        sleep=_no_sleep,
    )


class _FirstSleep(Exception):
    """The wait read a body that is not final and would now sleep: its read is what was under test."""


def _no_sleep(seconds: float) -> None:
    raise _FirstSleep(seconds)


def _read(api: str, client: Any) -> Any:
    return getattr(client, case(api).routes.status.method)(**_IDS[api])


@pytest.mark.parametrize("api", APIS)
@_SETTINGS
@given(data=st.data())
def test_status_bodies_parse_through_the_clients_and_round_trip(api: str, data: st.DataObject) -> None:
    body = data.draw(_status_body(api), label=f"{api} status body")
    with _sync_client(api, json.dumps(body).encode()) as client:
        parsed = _read(api, client)
    document = body[0] if isinstance(body, list) else body
    if api == "graph_billing":
        # Dispatch follows @odata.type; anything else falls back to the base class.
        assert type(parsed) is _GRAPH_TYPES.get(document.get("@odata.type"), OperationBase)
    with _sync_client(api, json.dumps(parsed.to_dict()).encode()) as client:
        assert _read(api, client) == parsed


@_SETTINGS
@given(data=st.data())
def test_manifests_parse_through_the_client_and_never_show_their_sas_token(data: st.DataObject) -> None:
    body = data.draw(_component("graph_billing", "Manifest"))
    with _sync_client("graph_billing", json.dumps(body).encode()) as client:
        manifest = client.get_manifest(manifest_id="m")
    sas = body.get("sasToken")
    if isinstance(sas, str) and len(sas) > 3:
        assert sas not in repr(manifest)
        assert sas not in str(manifest)


# --- broken bodies ---------------------------------------------------------------------------------

_OTHER_TYPES: Final = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every member/element position in a JSON document."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((*prefix, index))
            found.extend(_paths(value, (*prefix, index)))
    return found


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value


def _nested(depth: int, leaf: Any, *, as_list: bool) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if as_list else {"details": [value], "code": "c", "message": "m"}
    return value


@st.composite
def broken_status_body(draw: st.DrawFn, api: str) -> bytes:
    """A valid status body of ``api`` with one thing broken, as the bytes a service would send."""
    body = draw(_status_body(api))
    document = body[0] if isinstance(body, list) else body
    pointer = _table(api).status_pointer.lstrip("/")
    mutation = draw(
        st.sampled_from(
            [
                "wrong type",
                "missing member",
                "unknown status",
                "unknown odata type",
                "huge string",
                "deep nesting",
                "deep error",
                "not an object",
                "not utf-8",
                "truncated",
            ]
        )
    )
    paths = _paths(body)
    if mutation == "wrong type" and paths:
        _set(body, draw(st.sampled_from(paths)), draw(_OTHER_TYPES))
    elif mutation == "missing member":
        victim = draw(st.sampled_from(sorted(document) or [pointer]))
        document.pop(victim, None)
    elif mutation == "unknown status":
        document[pointer] = draw(st.text(min_size=1, max_size=20))
    elif mutation == "unknown odata type":
        document["@odata.type"] = "#microsoft.graph.partners.billing." + draw(st.text(max_size=12))
    elif mutation == "huge string":
        target = draw(st.sampled_from([*paths, (pointer,)])) if isinstance(body, dict) else (0, pointer)
        _set(body, target, "x" * 2_000_000)
    elif mutation == "deep nesting":
        depth = draw(st.sampled_from([50, 400, 5_000, 100_000]))
        target = draw(st.sampled_from(paths)) if paths else None
        deep = _nested(depth, "leaf", as_list=draw(st.booleans()))
        if target is None:
            body = deep
        else:
            _set(body, target, deep)
    elif mutation == "deep error":
        error_member = (_table(api).error_pointer or "/error").lstrip("/")
        document[error_member] = _nested(draw(st.sampled_from([20, 300, 2_000])), {}, as_list=False)
    elif mutation == "not an object":
        body = draw(st.sampled_from([[], [document, document], "running", 42, None, True]))
    return _encode(body, mutation, draw)


def _encode(body: Any, mutation: str, draw: st.DrawFn) -> bytes:
    try:
        raw = json.dumps(body).encode()
    except RecursionError:  # json.dumps recurses too: write very deep nesting by hand
        raw = _dumps_deep(body).encode()
    if mutation == "not utf-8":
        return raw[:-1] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[-1:]
    if mutation == "truncated":
        return raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
    return raw


def _dumps_deep(value: Any) -> str:
    """json.dumps without recursion, for nesting deeper than the interpreter stack."""
    out: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            out.append(item.text)
        elif isinstance(item, list):
            stack.append(_Raw("]"))
            for index in reversed(range(len(item))):
                stack.append(item[index])
                if index:
                    stack.append(_Raw(","))
            out.append("[")
        elif isinstance(item, dict):
            stack.append(_Raw("}"))
            pairs = list(item.items())
            for index in reversed(range(len(pairs))):
                key, member = pairs[index]
                stack.append(member)
                stack.append(_Raw(json.dumps(key) + ":"))
                if index:
                    stack.append(_Raw(","))
            out.append("{")
        else:
            out.append(json.dumps(item))
    return "".join(out)


@attrs.frozen
class _Raw:
    text: str


def _checked_read(api: str, content: bytes) -> None:
    with _sync_client(api, content) as client:
        with contextlib.suppress(DecodeError):
            _read(api, client)
        with contextlib.suppress(*_WAIT_OUTCOMES, _FirstSleep):
            client.poller(**_IDS[api]).result(timeout=60)


@pytest.mark.parametrize("api", APIS)
@_SETTINGS
@given(data=st.data())
def test_broken_status_bodies_give_a_tolerant_result_or_decode_error(api: str, data: st.DataObject) -> None:
    _checked_read(api, data.draw(broken_status_body(api), label="body"))


@pytest.mark.parametrize("api", APIS)
@settings(_SETTINGS, max_examples=8)
@given(data=st.data())
def test_broken_status_bodies_through_the_async_clients(api: str, data: st.DataObject) -> None:
    content = data.draw(broken_status_body(api), label="body")
    _, async_cls = _CLIENTS[api]

    async def scenario() -> None:
        async def no_sleep(seconds: float) -> None:
            raise _FirstSleep(seconds)

        async with async_cls(
            **credentials(api, "body-test-token"),
            transport=_serving(content),
            retry=RetryPolicy.disabled(),
            sleep=no_sleep,
        ) as client:
            with contextlib.suppress(DecodeError):
                await getattr(client, case(api).routes.status.method)(**_IDS[api])
            with contextlib.suppress(*_WAIT_OUTCOMES, _FirstSleep):
                await client.poller(**_IDS[api]).result(timeout=60)

    asyncio.run(scenario())


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_nesting_deeper_than_the_stack_is_a_decode_error(api: str, depth: int) -> None:
    content = ("[" * depth + "]" * depth).encode()
    with _sync_client(api, content) as client, pytest.raises(DecodeError, match="nests too deeply"):
        _read(api, client)


@pytest.mark.parametrize("status", [500, 404, 429])
def test_an_error_body_nested_too_deeply_still_gives_the_http_error(status: int) -> None:
    content = b'{"error":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    client = opstatus.MonitorClient(
        token="t", transport=_serving(content, status=status), retry=RetryPolicy.disabled()
    )
    with client, pytest.raises(opstatus.HttpError) as caught:
        _read("monitor", client)
    assert caught.value.status_code == status


def test_an_unknown_odata_type_falls_back_to_the_base_operation() -> None:
    body = {
        "@odata.type": "#microsoft.graph.partners.billing.futureOperation",
        "id": "x",
        "status": "running",
    }
    with _sync_client("graph_billing", json.dumps(body).encode()) as client:
        operation = _read("graph_billing", client)
    assert type(operation) is OperationBase
    assert operation.to_dict()["@odata.type"] == body["@odata.type"]
