"""Issue 20's gaps in plain OpenAPI: non-string parameters, per-operation security, declared response headers.

Each test mutates the lint baseline (tests/fixtures/broken_specs/baseline.yaml) and lints it or builds
its surface, or exercises the runtime pieces those specs generate (``Param``, ``RouteAuth``) directly.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from opstatus._apikey import ApiKeyAuth
from opstatus._auth import BearerAuth
from opstatus._errors import InvalidParameterError
from opstatus._route_auth import RouteAuth, client_auth
from opstatus._routes import ApiRoutes, Param, Route

from generator.errors import GeneratorError
from generator.registry import ApiEntry, describe
from generator.speclint import format_finding, lint_specs
from generator.surface_step import build_surface, render_api_module, render_clients_module

ROOT = Path(__file__).resolve().parents[2]
BASELINE = yaml.safe_load((ROOT / "tests" / "fixtures" / "broken_specs" / "baseline.yaml").read_text())
OP = "/paths/~1operations~1{id}/get"


def _with_parameters(*extra: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(BASELINE)
    document["paths"]["/operations/{id}"]["get"]["parameters"].extend(extra)
    return document


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    (tmp_path / "specs").mkdir(exist_ok=True)
    path = tmp_path / "specs" / "baseline.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def _findings(tmp_path: Path, document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f.rule, f.pointer) for f in lint_specs([_write(tmp_path, document)])}


def _surface(tmp_path: Path, document: dict[str, Any]) -> Any:
    _write(tmp_path, document)
    entry = ApiEntry(key="baseline", spec=Path("specs/baseline.yaml"))
    return build_surface(describe(entry, root=tmp_path), spec_file="specs/baseline.yaml")


TOP = {"name": "$top", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}
DETAILS = {"name": "includeDetails", "in": "query", "schema": {"type": "boolean", "default": False}}
TAGS = {"name": "tag", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
SELECT = {
    "name": "$select",
    "in": "query",
    "explode": False,
    "schema": {"type": "array", "items": {"type": "string", "enum": ["id", "status"]}},
}
RATIO = {"name": "x-ratio", "in": "header", "schema": {"type": "number", "maximum": 1}}


# --- lint: what the clients send passes, what they would not is refused at its pointer -------------


def test_integer_number_boolean_and_string_arrays_lint_clean(tmp_path: Path) -> None:
    assert _findings(tmp_path, _with_parameters(TOP, DETAILS, TAGS, SELECT, RATIO)) == set()


@pytest.mark.parametrize(
    ("parameter", "pointer"),
    [
        ({"name": "filter", "in": "query", "schema": {"type": "object"}}, "/parameters/2/schema/type"),
        (
            {"name": "filter", "in": "query", "style": "deepObject", "schema": {"type": "string"}},
            "/parameters/2/style",
        ),
        (
            {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}}},
            "/parameters/2/schema/items",
        ),
        (
            {"name": "ids", "in": "query", "style": "pipeDelimited", "schema": {"type": "array"}},
            "/parameters/2/style",
        ),
        ({"name": "session", "in": "cookie", "schema": {"type": "string"}}, "/parameters/2"),
    ],
)
def test_what_the_clients_would_not_send_is_refused_naming_its_pointer(
    tmp_path: Path, parameter: dict[str, Any], pointer: str
) -> None:
    assert _findings(tmp_path, _with_parameters(parameter)) == {("parameter-usable", OP + pointer)}


def test_a_non_string_path_parameter_is_still_refused(tmp_path: Path) -> None:
    document = copy.deepcopy(BASELINE)
    document["paths"]["/operations/{id}"]["get"]["parameters"][0]["schema"] = {"type": "integer"}

    findings = lint_specs([_write(tmp_path, document)])

    assert {(f.rule, f.pointer) for f in findings} == {("parameter-usable", OP + "/parameters/0/schema/type")}
    assert "path parameter 'id' has type 'integer'" in format_finding(findings[0])


# --- generate: typed keywords and the rules each value is checked against --------------------------


def test_each_kind_becomes_a_typed_keyword_with_its_rules(tmp_path: Path) -> None:
    surface = _surface(tmp_path, _with_parameters(TOP, DETAILS, TAGS, SELECT, RATIO))

    clients = render_clients_module(surface)
    api = render_api_module(surface)

    assert (
        "top: int | None = None, include_details: bool | None = None, tag: list[str] | None = None, "
        "select: list[str] | None = None, x_ratio: float | None = None"
    ) in " ".join(clients.split())
    flat = " ".join(api.split())
    assert "kind='integer', minimum=1, maximum=100," in flat
    assert "default='false', kind='boolean'," in flat
    assert "enum=('id', 'status'), kind='array', explode=False," in flat


def test_the_generator_refuses_an_object_parameter_lint_would_flag(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match=r"parameter 'filter' has type 'object'"):
        _surface(tmp_path, _with_parameters({"name": "filter", "in": "query", "schema": {"type": "object"}}))


# --- run time: wire form and checks before sending -----------------------------------------------


def _route() -> Route:
    return Route(
        operation_id="Ops_List",
        method="list",
        path="/ops",
        query_params=(
            Param(wire="$top", python="top", required=False, kind="integer", minimum=1, maximum=100),
            Param(wire="includeDetails", python="include_details", required=False, kind="boolean"),
            Param(wire="tag", python="tag", required=False, kind="array"),
            Param(
                wire="$select", python="select", required=False, kind="array", explode=False, enum=("id", "x")
            ),
            Param(wire="ratio", python="ratio", required=False, kind="number", minimum=0),
        ),
        constants={"api-version": "1"},
        response="list[Op]",
    )


def test_values_travel_in_their_wire_form() -> None:
    query = {"top": 5, "include_details": False, "tag": ["a", "b c"], "select": ["id", "x"], "ratio": 0.5}

    rendered = _route().path_and_query({}, query)

    assert rendered == (
        "/ops?api-version=1&%24top=5&includeDetails=false&tag=a&tag=b+c&%24select=id%2Cx&ratio=0.5"
    )


@pytest.mark.parametrize(
    ("query", "name", "reason"),
    [
        ({"top": 0}, "top", "must be at least 1"),
        ({"top": 101}, "top", "must be at most 100"),
        ({"top": True}, "top", "must be an int"),
        ({"top": "5"}, "top", "must be an int"),
        ({"include_details": "true"}, "include_details", "must be a bool"),
        ({"tag": "ab"}, "tag", "must be a list of strings"),
        ({"tag": []}, "tag", "must not be empty"),
        ({"tag": ["a", 1]}, "tag", "must be a string"),
        ({"select": ["id", "nope"]}, "select", "must be one of 'id', 'x'"),
        ({"ratio": float("nan")}, "ratio", "must be a finite number"),
        ({"ratio": -0.5}, "ratio", "must be at least 0"),
    ],
)
def test_a_wrong_value_is_refused_before_sending_naming_the_keyword(
    query: dict[str, object], name: str, reason: str
) -> None:
    with pytest.raises(InvalidParameterError) as caught:
        _route().path_and_query({}, query)

    assert caught.value.name == name
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("param", "text", "problem"),
    [
        (Param(wire="t", python="t", kind="integer", maximum=10), "11", "must be at most 10"),
        (Param(wire="t", python="t", kind="integer"), "1.5", "must be an integer"),
        (Param(wire="b", python="b", kind="boolean"), "True", "must be true or false"),
        (Param(wire="n", python="n", kind="number", enum=("1", "2.5")), "1.0", None),
        (Param(wire="n", python="n", kind="number", enum=("1", "2.5")), "3", "must be one of '1', '2.5'"),
        (
            Param(wire="a", python="a", kind="array", format="uuid"),
            "x",
            "must be a UUID (8-4-4-4-12 hex digits)",
        ),
    ],
)
def test_the_emulator_and_the_clients_judge_wire_text_by_one_rule(
    param: Param, text: str, problem: str | None
) -> None:
    assert param.problem(text) == problem


# --- per-operation security ------------------------------------------------------------------------


def _secured_routes() -> ApiRoutes:
    status = Route(
        operation_id="Ops_Get",
        method="get",
        path="/ops/{id}",
        response="Op",
        path_params=(Param(wire="id", python="id"),),
    )
    public = Route(operation_id="Ops_List", method="list", path="/ops", response="list[Op]", security=())
    keyed = Route(
        operation_id="Ops_Limits",
        method="limits",
        path="/ops/limits",
        response="Limits",
        security=("api_key",),
    )
    return ApiRoutes(
        routes=(status, public, keyed), status="Ops_Get", api_version=None, api_key_header="X-Key"
    )


def _sent(auth: httpx.Auth, url: str) -> httpx.Headers:
    flow = auth.sync_auth_flow(httpx.Request("GET", url))
    return next(flow).headers


def test_each_request_carries_what_its_operation_declares() -> None:
    auth = client_auth(
        "ops",
        _secured_routes(),
        credential=None,
        token="t" * 20,
        api_key="k" * 20,
        scopes=("s/.default",),
        clock=lambda: 0.0,
        base_path="/v1",
    )

    assert isinstance(auth, RouteAuth)
    status = _sent(auth, "https://ops.example/v1/ops/42")
    public = _sent(auth, "https://ops.example/v1/ops")
    keyed = _sent(auth, "https://ops.example/v1/ops/limits")  # a literal path wins over /ops/{id}
    elsewhere = _sent(auth, "https://ops.example/v1/other")  # no route: the status route's security

    assert status["authorization"] == "Bearer " + "t" * 20
    assert "x-key" not in status
    assert "authorization" not in public
    assert "x-key" not in public
    assert keyed["x-key"] == "k" * 20
    assert "authorization" not in keyed
    assert elsewhere["authorization"] == "Bearer " + "t" * 20
    assert "t" * 20 not in repr(auth)
    assert "k" * 20 not in repr(auth)


async def _sent_async(auth: httpx.Auth, url: str) -> httpx.Headers:
    flow = auth.async_auth_flow(httpx.Request("GET", url))
    request = await flow.__anext__()
    await flow.aclose()
    return request.headers


def test_the_async_flow_picks_the_same_way() -> None:
    import asyncio

    auth = client_auth(
        "ops",
        _secured_routes(),
        credential=None,
        token="t" * 20,
        api_key="k" * 20,
        scopes=("s/.default",),
        clock=lambda: 0.0,
        base_path="/",
    )

    assert isinstance(auth, RouteAuth)
    public = asyncio.run(_sent_async(auth, "https://ops.example/ops"))
    status = asyncio.run(_sent_async(auth, "https://ops.example/ops/42"))

    assert "authorization" not in public
    assert status["authorization"] == "Bearer " + "t" * 20


def test_one_security_for_every_operation_keeps_one_plain_auth_and_refuses_both() -> None:
    routes = ApiRoutes(
        routes=(Route(operation_id="Ops_Get", method="get", path="/ops/{id}", response="Op"),),
        status="Ops_Get",
        api_version=None,
        security=("api_key", "bearer"),
        api_key_header="X-Key",
    )
    common: dict[str, Any] = {"scopes": ("s/.default",), "clock": lambda: 0.0, "base_path": "/"}

    keyed = client_auth("ops", routes, credential=None, token=None, api_key="k" * 20, **common)
    bearer = client_auth("ops", routes, credential=None, token="t" * 20, api_key=None, **common)

    assert isinstance(keyed, ApiKeyAuth)
    assert isinstance(bearer, BearerAuth)
    with pytest.raises(TypeError, match="not both"):
        client_auth("ops", routes, credential=None, token="t" * 20, api_key="k" * 20, **common)


def test_a_route_without_its_own_security_inherits_the_documents(tmp_path: Path) -> None:
    document = copy.deepcopy(BASELINE)
    document["security"] = []  # the document's: none; the status operation keeps its own (aad)
    document["paths"]["/operations"] = {
        "get": {
            "operationId": "Operations_List",
            "summary": "List",
            "parameters": [{"$ref": "#/components/parameters/ApiVersion"}],
            "responses": {
                "200": {
                    "description": "The operations.",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Operation"}}
                        }
                    },
                },
                "default": {"$ref": "#/components/responses/Error"},
            },
        }
    }

    surface = _surface(tmp_path, document)

    listed = next(route for route in surface.routes if route.operation_id == "Operations_List")
    assert surface.status.security is None
    assert listed.security == ()


# --- response headers ------------------------------------------------------------------------------


def _with_headers(headers: dict[str, Any], *, status: str = "200") -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(BASELINE)
    responses = document["paths"]["/operations/{id}"]["get"]["responses"]
    if status not in responses:
        responses[status] = {"description": "Accepted."}
    responses[status]["headers"] = headers
    return document


STRING = {"schema": {"type": "string"}}


def test_headers_the_clients_read_lint_clean(tmp_path: Path) -> None:
    headers = {
        "x-ms-request-id": STRING,
        "x-ms-client-request-id": STRING,
        "Retry-After": {"schema": {"type": "integer"}},
        "Operation-Location": STRING,
        "ActivityId": {**STRING, "x-opstatus-request-id": True},
    }
    assert _findings(tmp_path, _with_headers(headers)) == set()
    assert _findings(tmp_path, _with_headers({"Location": STRING}, status="202")) == set()


@pytest.mark.parametrize(
    "name", ["ETag", "x-ms-ratelimit-remaining-subscription-reads", "Azure-AsyncOperation"]
)
def test_a_header_nothing_reads_is_refused_naming_its_pointer(tmp_path: Path, name: str) -> None:
    assert _findings(tmp_path, _with_headers({name: STRING})) == {
        ("response-header", f"{OP}/responses/200/headers/{name}")
    }


def test_the_read_budgets_remaining_header_is_read(tmp_path: Path) -> None:
    document = _with_headers({"x-ms-ratelimit-remaining-subscription-reads": STRING})
    document["info"]["x-opstatus-read-budget"] = {
        "scope": "client",
        "remaining-header": "x-ms-ratelimit-remaining-subscription-reads",
    }

    assert _findings(tmp_path, document) == set()


def test_a_declared_operation_location_is_generated_as_the_next_url_header(tmp_path: Path) -> None:
    surface = _surface(tmp_path, _with_headers({"operation-location": STRING}))

    assert surface.access.next_url_header == "operation-location"
    assert "next_url_header='operation-location'," in " ".join(render_api_module(surface).split())
    assert _surface(tmp_path, BASELINE).access.next_url_header is None


def test_a_bool_is_refused_for_an_integer_even_after_an_equal_int_was_sent() -> None:
    from opstatus._client import ApiSpec, SyncClient
    from opstatus.monitor import MonitorClient

    route = _route()
    routes = ApiRoutes(routes=(route,), status="Ops_List", api_version=None)
    api = MonitorClient._API

    class OpsClient(SyncClient[Any]):
        _API = ApiSpec(table=api.table, routes=routes, parse_status=api.parse_status, status_model="Op")

    with OpsClient(base_url="https://ops.example") as client:
        first = client._url(route, {}, {"top": 1, "include_details": True})
        with pytest.raises(InvalidParameterError, match="must be an int"):
            client._url(route, {}, {"top": True, "include_details": True})  # True == 1, hash(True) == 1
        with pytest.raises(InvalidParameterError, match="must be a bool"):
            client._url(route, {}, {"top": 1, "include_details": 1})

    assert str(first) == "https://ops.example/ops?api-version=1&%24top=1&includeDetails=true"
