"""Facts of an API's routes are written once, in ``ApiRoutes`` (generated data + one rule), and read by all.

The "list route" rule was written twice and differed (``==`` on python names in the CLI, ``<=`` on wire
names in the emulator); the CLI's result flag was cut out of a method name at run time. Both are now
``ROUTES.lists`` / ``ROUTES.result_flag``, and the CLI and the emulator read them.
"""

from __future__ import annotations

import importlib

import pytest
from opstatus._generated import API_KEYS
from opstatus._routes import ApiRoutes, Param, Route, lists_operations


def _param(wire: str) -> Param:
    return Param(wire=wire, python=wire.lower())


STATUS = Route(
    operation_id="Ops_Get",
    method="get_operation",
    path="/p/{publisherId}/o/{offerId}/operations/{operationId}",
    path_params=(_param("publisherId"), _param("offerId"), _param("operationId")),
    response="Operation",
)


@pytest.mark.parametrize(
    ("params", "response", "lists"),
    [
        (("publisherId", "offerId"), "list[Summary]", True),  # the whole scope
        (("publisherId",), "list[Summary]", True),  # part of it: the emulator serves it, the CLI offers it
        ((), "list[Summary]", True),
        (("publisherId", "offerId", "operationId"), "list[Summary]", False),  # more than the scope
        (("publisherId", "otherId"), "list[Summary]", False),
        (("publisherId", "offerId"), "Summary", False),  # not a list
    ],
)
def test_the_one_list_route_rule(params: tuple[str, ...], response: str, lists: bool) -> None:
    route = Route(
        operation_id="Ops_List",
        method="list_operations",
        path="/x",
        path_params=tuple(_param(p) for p in params),
        response=response,
    )
    assert lists_operations(route, STATUS) is lists
    assert (route in ApiRoutes(routes=(STATUS, route), status="Ops_Get", api_version=None).lists) is lists


def test_the_status_route_and_the_result_route_never_list() -> None:
    listing = Route(operation_id="R", method="get_r", path="/r", response="list[R]")
    routes = ApiRoutes(
        routes=(STATUS, listing), status="Ops_Get", api_version=None, result="R", result_flag="--r"
    )
    assert routes.lists == ()
    assert (routes.result, routes.result_flag) == (listing, "--r")
    assert lists_operations(STATUS, STATUS) is False


@pytest.mark.parametrize("key", API_KEYS)
def test_the_cli_and_the_emulator_read_the_same_list_and_result_routes(key: str) -> None:
    from opstatus.cli._apis import api_named
    from opstatus.emulator._apis import profile_for

    described: ApiRoutes = importlib.import_module(f"opstatus._generated.{key}.api").ROUTES
    cli = api_named(key)
    profile = profile_for(key)

    assert {verb.route for verb in cli.routes if verb.lists_operations} == set(described.lists)
    assert {spec.route for spec in profile.routes if spec.kind == "list"} == set(described.lists)
    assert cli.result_flag == described.result_flag
    assert (profile.result_route.route if profile.result_route else None) is described.result


def test_the_result_flag_is_generated_data() -> None:
    api = importlib.import_module("opstatus._generated.graph_billing.api")
    assert (api.ROUTES.result, api.ROUTES.result_flag) == (api.RESULT, "--manifest")
