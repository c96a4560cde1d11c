"""Small combinators that turn a decoded JSON document into generated models.

The per-API modules say *which* generated classes a response is made of; these say *how* to combine
them, the same way the generated endpoint code does (openapi-python-client 0.29.1 parses an ``anyOf``
by trying each member in order and keeping the first that does not raise), but without needing an
``httpx.Response`` - so the same parser serves a status URL built from ids, a ``Location`` URL and a
continuation token.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, Self, TypeVar

__all__ = ["FromDict", "list_of", "model", "one_of"]

T = TypeVar("T")
_PARSE_ERRORS = (TypeError, ValueError, AttributeError, KeyError)


class FromDict(Protocol):
    """A generated model class: ``from_dict(mapping) -> instance``."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


M = TypeVar("M", bound=FromDict)


def model(cls: type[M]) -> Callable[[Any], M]:
    """Parse a JSON object as ``cls``; a non-object is a TypeError naming the model."""

    def parse(document: Any) -> M:
        # ``type() is dict`` first: what json.loads gives, without the ABC check's two calls.
        if type(document) is not dict and not isinstance(document, Mapping):
            raise TypeError(f"expected a JSON object for {cls.__name__}, got {type(document).__name__}")
        return cls.from_dict(document)

    parse.__qualname__ = cls.__name__
    return parse


def one_of(*parsers: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The first parser that accepts the document wins; the last one's error is raised if none does."""
    if not parsers:
        raise ValueError("one_of needs at least one parser")
    *first, last = parsers

    def parse(document: Any) -> Any:
        for candidate in first:
            try:
                return candidate(document)
            except _PARSE_ERRORS:
                continue
        return last(document)

    parse.__qualname__ = " | ".join(p.__qualname__ for p in parsers)
    return parse


def list_of(item: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    """Parse a JSON array item by item."""

    def parse(document: Any) -> list[T]:
        if not isinstance(document, list):
            raise TypeError(f"expected a JSON array, got {type(document).__name__}")
        return [item(element) for element in document]

    parse.__qualname__ = f"list[{item.__qualname__}]"
    return parse
