"""``httpx.Headers`` read, set and built on a status read's hot path, without httpx's per-call work.

httpx's own ``headers[name] = value`` encodes both strings, lowers the name and builds a list of the
indexes it matches; ``headers.get(name)`` first works out the encoding of *every* header (decoding
each, once per ``Headers`` object) and then decodes them; ``Headers(pairs)`` checks and normalises
each pair. Together that was about 900 of the 2,800 Python opcodes opstatus adds to a status read
over raw aiohttp (one read traced with ``f_trace_opcodes``; see BENCHMARKS.md, concurrency).

These helpers do the same on the list httpx keeps behind every ``Headers``: ``(raw name, lowered
name, value)`` byte triples in ``_list``, unchanged from httpx 0.18 to 0.28 (pyproject pins
``httpx<0.29``; tests/overrides/test_headers.py checks each helper against httpx's own methods).
They take bytes, so no encoding is chosen here: the names are opstatus's constants and the values
ASCII (a token with any other character is refused before it gets here, see ``_auth``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter

import httpx

__all__ = ["header_value", "set_header", "set_raw", "str_items"]

# Each walks the list in C (``map`` of an ``itemgetter``): a Python loop over a read's eight or so
# headers cost as much again as httpx's own methods.
_NAME = itemgetter(0)
_KEY = itemgetter(1)
_VALUE = itemgetter(2)


def set_header(headers: httpx.Headers, name: bytes, value: bytes) -> None:
    """``headers[name] = value``: the first header of that name takes the value, any others go."""
    lowered = name.lower()
    items = headers._list
    if lowered not in map(_KEY, items):  # the usual case: a header opstatus adds to a new request
        items.append((name, lowered, value))
        return
    first = list(map(_KEY, items)).index(lowered)
    items[first:] = [(name, lowered, value)] + [item for item in items[first + 1 :] if item[1] != lowered]


def header_value(headers: httpx.Headers, lowered_name: bytes) -> bytes | None:
    """The value of a header (several headers of the name joined by ``", "``, as ``headers.get``
    does), undecoded; None when there is none. ``lowered_name`` is lower case."""
    items = headers._list
    if lowered_name not in map(_KEY, items):
        return None
    values = [value for _, key, value in items if key == lowered_name]
    return values[0] if len(values) == 1 else b", ".join(values)


def set_raw(headers: httpx.Headers, raw: Sequence[tuple[bytes, bytes]]) -> None:
    """Make ``headers`` hold ``raw`` (pairs that are bytes already, as a parsed response's header
    lines), as ``httpx.Headers(raw)`` would."""
    if raw:
        names, values = zip(*raw, strict=True)
        headers._list = list(zip(names, map(bytes.lower, names), values, strict=True))
    else:
        headers._list = []


def str_items(
    headers: httpx.Headers, name_of: Callable[[bytes], str] = bytes.decode
) -> list[tuple[str, str]]:
    """Every header as a ``(name, value)`` pair of strings, names in their case, decoded as httpx
    decodes them: ASCII, else UTF-8, else Latin-1 for all (``Headers.encoding``; ASCII is UTF-8, so
    one try of UTF-8 makes the same choice). ``name_of`` turns a name into its string (a cache, say)."""
    items = headers._list
    try:
        return list(zip(map(name_of, map(_NAME, items)), map(bytes.decode, map(_VALUE, items)), strict=True))
    except UnicodeDecodeError:
        return [(name.decode("latin-1"), value.decode("latin-1")) for name, _, value in items]
