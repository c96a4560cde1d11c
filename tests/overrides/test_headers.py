"""opstatus._headers does what httpx's own Headers methods do, on the list httpx keeps behind them.

The helpers read and write ``Headers._list`` (pinned httpx < 0.29): each is checked here against the
public method it stands in for, over generated header lists (repeated names, mixed case, the name
already there or not), so an httpx release that changed that list fails here, not on the wire.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from opstatus._headers import add_absent, header_value, set_header, set_raw, str_items

_NAMES = st.sampled_from(
    [b"Accept", b"accept", b"Authorization", b"AUTHORIZATION", b"x-ms-client-request-id", b"Host", b"X-Other"]
)
_VALUES = st.binary(min_size=0, max_size=12).map(lambda raw: bytes(b % 94 + 33 for b in raw))
_PAIRS = st.lists(st.tuples(_NAMES, _VALUES), max_size=8)


def _same(left: httpx.Headers, right: httpx.Headers) -> None:
    assert left.raw == right.raw
    assert list(left.multi_items()) == list(right.multi_items())


@given(pairs=_PAIRS, name=_NAMES, value=_VALUES)
def test_set_header_is_httpx_setitem(pairs: list[tuple[bytes, bytes]], name: bytes, value: bytes) -> None:
    ours, theirs = httpx.Headers(pairs), httpx.Headers(pairs)
    set_header(ours, name, value)
    theirs[name.decode()] = value.decode()
    _same(ours, theirs)


@given(pairs=_PAIRS, name=_NAMES, value=_VALUES)
def test_add_absent_is_httpx_setitem_of_a_name_not_there(
    pairs: list[tuple[bytes, bytes]], name: bytes, value: bytes
) -> None:
    pairs = [(key, val) for key, val in pairs if key.lower() != name.lower()]
    ours, theirs = httpx.Headers(pairs), httpx.Headers(pairs)
    add_absent(ours, name, value)
    theirs[name.decode()] = value.decode()
    _same(ours, theirs)


@given(pairs=_PAIRS, name=_NAMES)
def test_header_value_is_httpx_get(pairs: list[tuple[bytes, bytes]], name: bytes) -> None:
    headers = httpx.Headers(pairs)
    expected = headers.get(name.decode())
    got = header_value(headers, name.lower())
    assert (None if got is None else got.decode()) == expected


@given(pairs=_PAIRS)
def test_set_raw_is_httpx_headers_of_the_pairs(pairs: list[tuple[bytes, bytes]]) -> None:
    ours = httpx.Headers({"Stale": "gone"})
    set_raw(ours, pairs)
    _same(ours, httpx.Headers(pairs))


@given(pairs=_PAIRS)
def test_str_items_are_httpx_multi_items_with_the_names_case(pairs: list[tuple[bytes, bytes]]) -> None:
    headers = httpx.Headers(pairs)
    assert str_items(headers) == [(name.decode(), value.decode()) for name, value in headers.raw]
    assert [(name.lower(), value) for name, value in str_items(headers)] == list(headers.multi_items())


@pytest.mark.parametrize(
    ("value", "decoded"),
    [("ümlaut".encode(), "ümlaut"), (b"caf\xe9", "café")],
    ids=["utf-8", "latin-1"],
)
def test_str_items_decode_as_httpx_chooses(value: bytes, decoded: str) -> None:
    headers = httpx.Headers([(b"X-Name", value)])
    assert str_items(headers) == [("X-Name", decoded)] == [("X-Name", headers["x-name"])]


def test_str_items_take_the_names_from_name_of() -> None:
    seen: list[bytes] = []

    def name_of(name: bytes) -> str:
        seen.append(name)
        return name.decode().upper()

    assert str_items(httpx.Headers({"Accept": "a", "Host": "h"}), name_of) == [("ACCEPT", "a"), ("HOST", "h")]
    assert seen == [b"Accept", b"Host"]
