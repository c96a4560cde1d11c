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
