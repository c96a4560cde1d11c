"""Generated code holds only what the package uses (STYLE.md: dead generated code still costs wheel size,
patches and tests).

From openapi-python-client the package uses the models and ``types.Unset`` inside them. Upstream's
``client.py``/``errors.py`` and its endpoint modules (``api/<tag>/<operation>.py`` with ``sync_detailed``,
``asyncio``, ``_get_kwargs``, ...) are not generated: the routes (``api.py``) and the public clients
(``clients.py``) come from our own templates. Checked for every API package present.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import opstatus._generated
import pytest

GENERATED = Path(opstatus._generated.__path__[0])
API_PACKAGES = tuple(opstatus._generated.API_KEYS)
EXPECTED = {
    "__init__.py",
    "api.py",
    "budget.py",
    "clients.py",
    "emulator_models.py",
    "models.py",
    "polling.py",
    "types.py",
}
"""``models.py`` holds every model of the API in one module (generator/models_step.py)."""


def test_every_api_package_is_checked() -> None:
    on_disk = {path.name for path in GENERATED.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert set(API_PACKAGES) | {"_public"} == on_disk  # _public: opstatus.<key> (generator/public_step.py)


@pytest.mark.parametrize("key", API_PACKAGES)
def test_an_api_package_holds_exactly_what_the_package_uses(key: str) -> None:
    present = {path.name for path in (GENERATED / key).iterdir() if path.name != "__pycache__"}

    assert present == EXPECTED


@pytest.mark.parametrize("key", API_PACKAGES)
def test_no_upstream_client_is_reachable(key: str) -> None:
    package = importlib.import_module(f"opstatus._generated.{key}")

    assert not hasattr(package, "Client")
    assert not hasattr(package, "AuthenticatedClient")


@pytest.mark.parametrize("key", API_PACKAGES)
def test_types_keeps_unset_private_and_has_no_response(key: str) -> None:
    types = importlib.import_module(f"opstatus._generated.{key}.types")

    assert hasattr(types, "Unset")
    assert not hasattr(types, "Response")
    assert "Unset" not in importlib.import_module(f"opstatus._generated.{key}").__all__


@pytest.mark.parametrize("key", API_PACKAGES)
def test_every_generated_model_is_reached_from_what_the_clients_parse(key: str) -> None:
    """A model nothing parses (an error envelope: ``_http`` reads errors as plain JSON) is not generated.

    Reachable means: the clients module imports it (a route's 200 body type or a union member), or a
    reachable model names it.
    """
    import ast

    models = ast.parse((GENERATED / key / "models.py").read_text())
    clients = ast.parse((GENERATED / key / "clients.py").read_text())
    defined = {node.name: node for node in models.body if isinstance(node, ast.ClassDef)}
    reached = {
        alias.name
        for node in ast.walk(clients)
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("models")
        for alias in node.names
    }
    pending = sorted(reached & set(defined))
    while pending:
        for node in ast.walk(defined[pending.pop()]):
            name = node.id if isinstance(node, ast.Name) else None
            if name in defined and name not in reached:
                reached.add(name)
                pending.append(name)

    assert set(defined) - reached == set()


@pytest.mark.parametrize(
    ("key", "envelope"),
    [("monitor", "CloudError"), ("partner_portal", "ErrorResponse"), ("graph_billing", "ODataError")],
)
def test_the_error_envelope_models_are_not_generated(key: str, envelope: str) -> None:
    models = importlib.import_module(f"opstatus._generated.{key}.models")
    assert not hasattr(models, envelope)
    assert envelope not in importlib.import_module(f"opstatus._generated.{key}").__all__
