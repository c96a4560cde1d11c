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

import httpx

__all__ = ["add_absent", "header_value", "set_header", "set_raw", "str_items"]

# Plain loops and list comprehensions: timed against ``map``/``zip`` over ``itemgetter``s, which call
# through CPython's slower generic path, they were the faster of the two for a read's few headers.


def set_header(headers: httpx.Headers, name: bytes, value: bytes) -> None:
    """``headers[name] = value``: the first header of that name takes the value, any others go."""
    lowered = name.lower()
    items = headers._list
    for _, key, _ in items:
        if key == lowered:  # rare: the header was there already
            index = next(at for at, item in enumerate(items) if item[1] == lowered)
            later = [item for item in items[index + 1 :] if item[1] != lowered]
            items[index:] = [(name, lowered, value), *later]
            return
    items.append((name, lowered, value))  # the usual case: a header opstatus adds to a new request


def add_absent(headers: httpx.Headers, name: bytes, value: bytes) -> None:
    """``headers[name] = value`` for a header known not to be there yet (no scan for it)."""
    headers._list.append((name, name.lower(), value))


def header_value(headers: httpx.Headers, lowered_name: bytes) -> bytes | None:
    """The value of a header (several headers of the name joined by ``", "``, as ``headers.get``
    does), undecoded; None when there is none. ``lowered_name`` is lower case."""
    values = [value for _, key, value in headers._list if key == lowered_name]
    if not values:
        return None
    return values[0] if len(values) == 1 else b", ".join(values)


def set_raw(headers: httpx.Headers, raw: Sequence[tuple[bytes, bytes]]) -> None:
    """Make ``headers`` hold ``raw`` (pairs that are bytes already, as a parsed response's header
    lines), as ``httpx.Headers(raw)`` would."""
    headers._list = [(name, name.lower(), value) for name, value in raw]


def str_items(
    headers: httpx.Headers, name_of: Callable[[bytes], str] = bytes.decode
) -> list[tuple[str, str]]:
    """Every header as a ``(name, value)`` pair of strings, names in their case, decoded as httpx
    decodes them: ASCII, else UTF-8, else Latin-1 for all (``Headers.encoding``; ASCII is UTF-8, so
    one try of UTF-8 makes the same choice). ``name_of`` turns a name into its string (a cache, say)."""
    items = headers._list
    try:
        return [(name_of(name), value.decode()) for name, _, value in items]
    except UnicodeDecodeError:
        return [(name.decode("latin-1"), value.decode("latin-1")) for name, _, value in items]
