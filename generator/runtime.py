"""The runtime modules the generator shares with the package, importable before generated/ exists.

The generator builds values of types the package declares (``opstatus._table.PollingTable``: a schema
declared once, read by the generator and the engine alike). Those modules depend on nothing but each
other, yet importing them runs ``opstatus/__init__.py``, which reads the generated registry
(``opstatus._generated``) - empty in a fresh copy whose ``generated/`` is what is being generated. So
when ``import opstatus`` fails for that reason, :func:`ensure_runtime` registers the package without
running its ``__init__``: its dependency-free submodules then import as usual (``from opstatus._table
import PollingTable``), and nothing else is loaded.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

__all__ = ["ensure_runtime"]


def ensure_runtime() -> None:
    """Make ``opstatus``'s submodules importable, with or without a generated registry."""
    try:
        importlib.import_module("opstatus")
    except ImportError:
        spec = importlib.util.find_spec("opstatus")
        if spec is None or not spec.submodule_search_locations:
            raise
        package = types.ModuleType("opstatus")
        package.__path__ = list(spec.submodule_search_locations)
        package.__file__ = spec.origin
        sys.modules["opstatus"] = package
