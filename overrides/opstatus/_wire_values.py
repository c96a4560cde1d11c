"""Typed parameter values and their wire text: one rule for the clients, the command line and the emulator.

A query or header parameter of a spec may be a ``string``, an ``integer``, a ``number``, a ``boolean`` or
an ``array`` of strings (``style: form``; ``explode: true`` sends ``?tag=a&tag=b``, ``false`` sends
``?tag=a,b``; a header array is always comma-joined, OpenAPI's ``simple`` style). On the wire every one of
them is text, so each rule here is written once on that text:

* :func:`wire_items` turns a python value into the wire texts of its items, refusing a value of the wrong
  python type (``True`` for an integer, a bare ``str`` for an array) before anything is sent;
* :func:`item_problem` says why one wire text breaks the spec's type, ``minimum``/``maximum`` or
  ``enum`` (whose members are kept in their wire form: ``10``, ``true``);
* :func:`from_text` reads a command-line value back into the python type the clients take.

Booleans travel as ``true``/``false`` (JSON's spelling, what Microsoft's REST APIs document).
"""

from __future__ import annotations

import math
import re
from typing import Final

from ._errors import InvalidParameterError
from ._urls import check_query_value

__all__ = ["KINDS", "PYTHON_TYPES", "from_text", "item_problem", "wire_items"]

KINDS: Final = ("string", "integer", "number", "boolean", "array")
"""The parameter types the clients send (an array's items are strings)."""

PYTHON_TYPES: Final = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "array": "list[str]",
}
"""The keyword argument's annotation in the generated clients, per parameter type."""

_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")
_BOOLEANS: Final = ("true", "false")


def wire_items(kind: str, name: str, value: object) -> tuple[str, ...]:
    """The wire texts of ``value`` (one, or an array's items); :class:`InvalidParameterError` if its
    python type does not fit ``kind`` (the keyword ``name`` is what the error names)."""
    if kind == "array":
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            raise InvalidParameterError(name=name, value=repr(value), reason="must be a list of strings")
        if not value:
            raise InvalidParameterError(
                name=name, value="[]", reason="must not be empty (pass None to leave it out)"
            )
        return tuple(check_query_value(name, item) for item in value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise InvalidParameterError(name=name, value=repr(value), reason="must be a bool (True or False)")
        return ("true" if value else "false",)
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidParameterError(name=name, value=repr(value), reason="must be an int")
        return (str(value),)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InvalidParameterError(name=name, value=repr(value), reason="must be a finite number")
        return (str(value),)
    return (check_query_value(name, value),)


def item_problem(
    kind: str,
    text: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    enum: tuple[str, ...] | None = None,
) -> str | None:
    """Why one wire text (an array's item, or the whole value) breaks the spec's rules, or None."""
    if kind == "boolean" and text not in _BOOLEANS:
        return "must be true or false"
    if kind == "integer" and not _INTEGER.fullmatch(text):
        return "must be an integer"
    if kind == "number" and not _NUMBER.fullmatch(text):
        return "must be a number"
    if kind in ("integer", "number"):
        number = float(text)
        if minimum is not None and number < minimum:
            return f"must be at least {_show(minimum)}"
        if maximum is not None and number > maximum:
            return f"must be at most {_show(maximum)}"
    if enum is not None and _canonical(kind, text) not in {_canonical(kind, item) for item in enum}:
        return "must be one of " + ", ".join(repr(item) for item in enum)
    return None


def from_text(kind: str, text: str) -> object:
    """A command-line value as the python type the clients take (``ValueError`` names what is wanted)."""
    if kind == "integer":
        if not _INTEGER.fullmatch(text.strip()):
            raise ValueError(f"{text!r} is not an integer")
        return int(text)
    if kind == "number":
        if not _NUMBER.fullmatch(text.strip()):
            raise ValueError(f"{text!r} is not a number")
        return float(text)
    if kind == "boolean":
        if text.lower() not in _BOOLEANS:
            raise ValueError(f"{text!r} is not true or false")
        return text.lower() == "true"
    return text


def _canonical(kind: str, text: str) -> object:
    """Numbers compare by value (``10`` and ``10.0`` are one member), everything else by text."""
    if kind in ("integer", "number") and _NUMBER.fullmatch(text):
        return float(text)
    return text


def _show(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)
