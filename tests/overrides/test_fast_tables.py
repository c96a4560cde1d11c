"""The aiohttp transport's two per-transport tables: header names made once, URLs kept per parse.

Both only save work on a read that repeats an earlier one; what they hand aiohttp must be what the
uncached path makes, for any name or URL, and neither may grow without bound.
"""

from __future__ import annotations

import httpx
import pytest

pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")

from multidict import CIMultiDict, istr
from opstatus._fast import _URLS_REMEMBERED, FastTransport, _HeaderNames


def test_a_header_name_is_made_once_as_an_istr_in_its_case() -> None:
    names = _HeaderNames()
    first = names[b"X-Ms-Client-Request-Id"]
    assert isinstance(first, istr)
    assert first == "X-Ms-Client-Request-Id"
    assert names[b"X-Ms-Client-Request-Id"] is first
    assert CIMultiDict([(first, "v")])["x-ms-client-request-id"] == "v"


def test_a_name_that_is_not_utf8_is_read_as_latin1() -> None:
    assert _HeaderNames()[b"X-Caf\xe9"] == "X-Café"


def test_the_name_table_stops_growing_at_its_limit() -> None:
    names = _HeaderNames()
    for n in range(_HeaderNames.LIMIT + 10):
        assert names[f"X-Name-{n}".encode()] == f"X-Name-{n}"
    assert len(names) == _HeaderNames.LIMIT


@pytest.mark.parametrize(
    "url",
    [
        "https://management.azure.com/subscriptions/s/x?api-version=2021-07-01-preview",
        "http://127.0.0.1:8080/a%2Fb/%C3%A9?q=a%20b&r=%2B",
        "https://[::1]:8443/path/",
    ],
)
def test_the_aiohttp_url_is_the_httpx_url_and_is_kept_for_its_copies(url: str) -> None:
    transport = FastTransport()
    parsed = httpx.URL(url)
    target = transport._aiohttp_url(parsed)
    assert str(target) == str(parsed)
    copy = httpx.Request("GET", parsed).url  # httpx.Request copies the URL it is given
    assert copy is not parsed
    assert transport._aiohttp_url(copy) is target


def test_different_urls_get_their_own_and_the_table_is_bounded() -> None:
    transport = FastTransport()
    urls = [httpx.URL(f"https://example.com/op/{n}") for n in range(_URLS_REMEMBERED + 5)]
    targets = [transport._aiohttp_url(url) for url in urls]
    assert [str(target) for target in targets] == [str(url) for url in urls]
    assert len(transport._urls) <= _URLS_REMEMBERED
