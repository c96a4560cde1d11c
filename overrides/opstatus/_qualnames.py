"""Public names in Python's own argument errors: ``MonitorClient.__init__()``, never ``SyncClient``.

Python words a ``TypeError`` about a call's arguments (an unexpected keyword, too many positional
arguments) with the called function's code name, ``co_qualname``. The public clients inherit their
constructor and shared methods from the engine's generic classes, whose names users never import, so
each public client gets its own copies of those functions, renamed, sharing code, defaults and closure.
"""

from __future__ import annotations

import types
from typing import Any

__all__ = ["own_public_names"]


def own_public_names(cls: type[Any]) -> None:
    """Give ``cls`` renamed copies of the functions it inherits (``__init__`` and public methods)."""
    seen: set[str] = set(vars(cls))
    for base in cls.__mro__[1:]:
        if base is object:
            break
        for name, member in vars(base).items():
            if name in seen or not isinstance(member, types.FunctionType):
                continue
            seen.add(name)
            if name.startswith("_") and name != "__init__":
                continue
            setattr(cls, name, _renamed(member, f"{cls.__qualname__}.{name}"))


def _renamed(function: types.FunctionType, qualname: str) -> types.FunctionType:
    copy = types.FunctionType(
        function.__code__.replace(co_qualname=qualname),
        function.__globals__,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__dict__.update(function.__dict__)
    copy.__doc__ = function.__doc__
    copy.__qualname__ = qualname
    copy.__module__ = function.__module__
    copy.__annotations__ = function.__annotations__
    copy.__wrapped__ = function  # type: ignore[attr-defined]
    return copy
