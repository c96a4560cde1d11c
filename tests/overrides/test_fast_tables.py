"""The aiohttp transport's header-name table (names made once) and its URLs (built from httpx's parts).

The table only saves work on a read that repeats an earlier one; what it hands aiohttp must be what
the uncached path makes, for any name, and it may not grow without bound. A URL is built from the
parts httpx has parsed, with no table (issue 22): it must be the URL yarl makes of httpx's text.
"""

from __future__ import annotations

import httpx
import pytest

pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")

import yarl
from multidict import CIMultiDict, istr
from opstatus._fast import FastTransport, _HeaderNames


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
        "http://127.0.0.1:80/default/port",
        "https://xn--bcher-kva.example/p?a=1&a=2",
        "https://Example.COM/Case/Kept?Q=V",
        "https://example.com",
        "https://example.com/empty/query?",
        "https://user:secret@example.com/with/userinfo",
        "https://example.com/with#fragment",
        "https://example.com/odd/%7Bbraces%7D/'quote'/!$&()*+,;=:@?x=/?:@!$'()*+,;",
    ],
)
def test_the_aiohttp_url_is_yarls_parse_of_the_httpx_url(url: str) -> None:
    parsed = httpx.URL(url)
    target = FastTransport._aiohttp_url(parsed)
    expected = yarl.URL(str(parsed), encoded=True)
    assert target == expected
    assert str(target) == str(expected)
    # what aiohttp reads off the URL to send the request and pick the connection
    assert target.raw_path_qs == expected.raw_path_qs
    assert (target.scheme, target.raw_host, target.port) == (
        expected.scheme,
        expected.raw_host,
        expected.port,
    )
    assert target.host_port_subcomponent == expected.host_port_subcomponent


def test_a_new_url_is_built_without_its_text_being_split_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distinct operations cost what one repeated does: nothing re-parses a URL httpx has parsed."""
    parsed = httpx.URL("https://example.com/op/1?api-version=1")

    def no_split(*args: object, **kwargs: object) -> None:
        raise AssertionError("the URL's text was parsed again")

    monkeypatch.setattr(yarl.URL, "__new__", no_split)
    monkeypatch.setattr(httpx.URL, "__str__", no_split)
    target = FastTransport._aiohttp_url(parsed)
    assert target.raw_path_qs == "/op/1?api-version=1"
