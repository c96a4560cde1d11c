"""Generated code holds only what the package uses (STYLE.md: dead generated code still costs wheel size,
patches and tests).

From openapi-python-client the package uses the models, ``types.Unset`` inside them, and each endpoint
module's ``_get_kwargs`` (PATCHES.md O1). Upstream's ``client.py``/``errors.py`` and the endpoint call
functions (``sync_detailed``, ``asyncio``, ...) are not generated. Checked for every API package present.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
from pathlib import Path

import opstatus._generated
import pytest

GENERATED = Path(opstatus._generated.__path__[0])
API_PACKAGES = sorted(
    info.name
    for info in pkgutil.iter_modules(opstatus._generated.__path__)
    if info.ispkg and importlib.util.find_spec(f"opstatus._generated.{info.name}.api") is not None
)


def _endpoint_modules(key: str) -> list[str]:
    api = importlib.import_module(f"opstatus._generated.{key}.api")
    prefix = f"{api.__name__}."
    return [info.name for info in pkgutil.walk_packages(api.__path__, prefix=prefix) if not info.ispkg]


ENDPOINT_MODULES = sorted(name for key in API_PACKAGES for name in _endpoint_modules(key))


def test_every_api_package_is_checked() -> None:
    assert len(API_PACKAGES) >= 3
    assert {name.split(".")[2] for name in ENDPOINT_MODULES} == set(API_PACKAGES)


@pytest.mark.parametrize("key", API_PACKAGES)
def test_no_client_or_errors_module_is_generated(key: str) -> None:
    package = importlib.import_module(f"opstatus._generated.{key}")

    assert not (GENERATED / key / "client.py").exists()
    assert not (GENERATED / key / "errors.py").exists()
    assert not hasattr(package, "Client")
    assert not hasattr(package, "AuthenticatedClient")


@pytest.mark.parametrize("key", API_PACKAGES)
def test_types_keeps_unset_private_and_has_no_response(key: str) -> None:
    types = importlib.import_module(f"opstatus._generated.{key}.types")

    assert hasattr(types, "Unset")
    assert not hasattr(types, "Response")


@pytest.mark.parametrize("name", ENDPOINT_MODULES)
def test_an_endpoint_module_defines_only_its_request_builder(name: str) -> None:
    module = importlib.import_module(name)

    functions = sorted(
        attr for attr, value in vars(module).items() if inspect.isfunction(value) and value.__module__ == name
    )

    assert functions == ["_get_kwargs"]
    assert "httpx" not in vars(module)
