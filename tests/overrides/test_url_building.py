"""Status URLs are put together, not parsed: the same URL httpx's parse gives, for every route and value.

Issue 22: a read of an operation never read before paid httpx's parse of its URL (about 25 µs), so
reading 1,000 distinct operations cost more per read than reading one over and over. The client now
joins the parsed base URL and the route's encoded path and query (``_urls.join_encoded``), with the
values checked and encoded by ``_urls.encode_path_value``. These tests hold both to what they replace:
``httpx.URL(base + route.path_and_query(...))`` and ``quote(check_path_value(...), safe="")``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from urllib.parse import quote

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from opstatus._errors import InvalidParameterError
from opstatus._routes import Param, Route
from opstatus._urls import check_path_value, encode_path_value, join_encoded, normalise_base_url

from tests.api_catalog import cases, sample_argument, sample_value

BASES = [
    "https://management.azure.com",
    "https://graph.microsoft.com/v1.0",
    "https://graph.microsoft.com/v1.0/",
    "http://127.0.0.1:7357",
    "http://[::1]:8080/base",
    "https://Example.COM:443/a%20b/c",
    "http://localhost:80",
]


def _parsed(base: httpx.URL, path_and_query: str) -> httpx.URL:
    """What the client built before: the base URL's text and the route's, parsed by httpx."""
    return httpx.URL(str(base).rstrip("/") + path_and_query)


def _same(built: httpx.URL, expected: httpx.URL) -> None:
    assert built._uri_reference == expected._uri_reference
    assert str(built) == str(expected)
    assert built.raw_path == expected.raw_path
    assert built == expected


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(
    "path_and_query",
    [
        "/subscriptions/s/resourceGroups/g/providers/microsoft.insights/x/813192d7?api-version=2019-10-17-preview",
        "/reports/partners/billing/operations/6fe687d7-1e0f-4bd6-9091-4672691f64bc",
        "/a%C3%A9/b%2F?x=a+b&y=%2B",
        "/x?",  # a bare "?": the query is "", not None
        "/a/./b",  # a dot segment: httpx removes it
        "/a/../b",
        "/a/..",
        "/.well-known/x",  # not a dot segment
        "/a b",  # httpx encodes the space
        "/a{b}",  # and braces in a path
        "/a?q=`{}|",
        "/é",
        "/a#frag",
        "/" + "x" * 5000,  # longer than what is put together: httpx's parse decides
    ],
)
def test_a_joined_url_is_the_url_httpx_parses_from_the_same_text(base: str, path_and_query: str) -> None:
    normalised = normalise_base_url(base)
    _same(join_encoded(normalised, path_and_query), _parsed(normalised, path_and_query))


@pytest.mark.parametrize("char", [chr(code) for code in range(0x20, 0x7F)] + ["é", "\u2028"])
def test_every_character_in_a_path_or_query_joins_as_httpx_parses_it(char: str) -> None:
    base = normalise_base_url("https://management.azure.com/base")
    for path_and_query in (f"/a{char}b", f"/a?q={char}", f"/a{char}?{char}"):
        _same(join_encoded(base, path_and_query), _parsed(base, path_and_query))


@given(st.text(alphabet=string.printable + "é€/", max_size=40), st.text(max_size=20))
def test_any_path_and_query_join_as_httpx_parses_them(path: str, query: str) -> None:
    base = normalise_base_url("https://graph.microsoft.com/v1.0")
    path_and_query = "/" + path + ("?" + query if query else "")
    try:
        expected = _parsed(base, path_and_query)
    except httpx.InvalidURL:  # httpx refuses control characters: so does the join, by parsing it
        with pytest.raises(httpx.InvalidURL):
            join_encoded(base, path_and_query)
        return
    _same(join_encoded(base, path_and_query), expected)


@given(st.text(max_size=30))
def test_a_path_value_encodes_as_quote_of_the_checked_value_or_is_refused_alike(value: str) -> None:
    try:
        expected = quote(check_path_value("operation_id", value), safe="")
    except InvalidParameterError as refused:
        reason = str(refused)
        with pytest.raises(InvalidParameterError) as caught:
            encode_path_value("operation_id", value)
        assert str(caught.value) == reason
        return
    assert encode_path_value("operation_id", value) == expected


@pytest.mark.parametrize("value", ["", ".", "..", "a/b", "a%2Fb", "a?b", "a#b", "a\\b", "a\nb", None, 7])
def test_a_path_value_that_could_change_the_url_is_refused_before_encoding(value: object) -> None:
    with pytest.raises(InvalidParameterError):
        encode_path_value("operation_id", value)


@pytest.mark.parametrize("api", cases(), ids=lambda api: api.key)
def test_every_route_of_every_api_builds_the_url_httpx_parses(api: object) -> None:
    for route in api.routes:  # type: ignore[attr-defined]
        values = {param.python: sample_value(api.key, param) for param in route.path_params}  # type: ignore[attr-defined]
        query = {param.python: sample_argument(api.key, param) for param in route.query_params}  # type: ignore[attr-defined]
        for base in (api.base_url, "http://127.0.0.1:7357/prefix"):  # type: ignore[attr-defined]
            normalised = normalise_base_url(base)
            for given_query in ({}, query):
                path_and_query = route.path_and_query(values, given_query)
                expected = _parsed(normalised, path_and_query)
                _same(join_encoded(normalised, path_and_query), expected)
                _same(join_encoded(normalised, path_and_query, canonical=route.canonical), expected)


def test_a_template_fills_repeated_slots_in_any_order_and_keeps_unknown_ones() -> None:
    route = Route(
        operation_id="get",
        method="get",
        path="/a/{second}/b/{first}/c/{second}/{unknown}%",
        path_params=(Param(wire="first", python="first"), Param(wire="second", python="second")),
        constants={"api-version": "2024-01-01"},
        response="object",
    )
    path_and_query = route.path_and_query({"first": "1", "second": "x y"}, {})
    assert path_and_query == "/a/x%20y/b/1/c/x%20y/{unknown}%?api-version=2024-01-01"
    assert not route.canonical  # httpx encodes the braces left: the join parses it
    base = normalise_base_url("https://example.com/v1")
    _same(join_encoded(base, path_and_query, canonical=route.canonical), _parsed(base, path_and_query))


@pytest.mark.parametrize(
    ("template", "canonical"),
    [
        ("/ops/{id}", True),
        ("/a b/{id}", False),
        ("/a/./{id}", False),
        ("/a/{id}/..", False),
        ("/é/{id}", False),
    ],
)
def test_a_route_vouches_for_its_urls_only_when_its_template_is_canonical(
    template: str, canonical: bool
) -> None:
    route = Route(
        operation_id="get",
        method="get",
        path=template,
        path_params=(Param(wire="id", python="id"),),
        constants={"api-version": "2024-01-01", "x y": "a&b=c"},
        response="object",
    )
    assert route.canonical is canonical
    base = normalise_base_url("https://example.com/v1")
    for value in ("plain", "ä ö/ü".replace("/", "-"), "~._-", "a+b"):
        path_and_query = route.path_and_query({"id": value}, {})
        _same(join_encoded(base, path_and_query, canonical=route.canonical), _parsed(base, path_and_query))


def test_a_query_value_given_joins_the_constants_and_one_left_out_does_not() -> None:
    route = Route(
        operation_id="get",
        method="get",
        path="/ops/{id}",
        path_params=(Param(wire="id", python="id"),),
        query_params=(Param(wire="$filter", python="filter", required=False),),
        constants={"api-version": "1"},
        response="object",
    )
    assert route.path_and_query({"id": "a"}, {"filter": None}) == "/ops/a?api-version=1"
    assert route.path_and_query({"id": "a"}, {"filter": "x eq 'y'"}) == (
        "/ops/a?api-version=1&%24filter=x+eq+%27y%27"
    )
    bare = Route(
        operation_id="get", method="get", path="/ops/{id}", path_params=route.path_params, response="o"
    )
    assert bare.path_and_query({"id": "a"}, {}) == "/ops/a"


@pytest.mark.parametrize("api", cases(), ids=lambda api: api.key)
def test_a_status_url_for_a_new_operation_is_not_parsed(api: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every read of a distinct operation used to parse its URL: 1.4x the CPU of a repeated read."""
    client = api.client(base_url="http://127.0.0.1:7357/prefix")  # type: ignore[attr-defined]
    with client:
        routes = api.routes  # type: ignore[attr-defined]
        path = {param.python: sample_value(api.key, param) for param in routes.status.path_params}  # type: ignore[attr-defined]
        expected = _parsed(client._base_url, routes.status.path_and_query(path, {}))

        def no_parse(*args: object, **kwargs: object) -> None:
            raise AssertionError("a status URL was parsed")

        monkeypatch.setattr("httpx._urls.urlparse", no_parse)
        built = client._status_url(path)
    _same(built, expected)


# --- a URL from a remembered stem (Route.stem, the client's _stemmed_url) -------------------------------


def _stem_route(template: str, *names: str, constants: dict[str, str] | None = None) -> Route:
    return Route(
        operation_id="get",
        method="get",
        path=template,
        path_params=tuple(Param(wire=name, python=name) for name in names),
        constants=constants,
        response="object",
    )


@pytest.mark.parametrize(
    ("template", "names", "stem"),
    [
        ("/subs/{sub}/ops/{op}", ("sub", "op"), (("sub",), "op")),
        ("/ops/{op}/status", ("op",), ((), "op")),
        ("/a/{last}/b/{first}", ("first", "last"), (("last",), "first")),  # the slot last in the text
        ("/a/{x}/b/{x}", ("x",), None),  # one value in two places: built whole
        ("/a b/{op}", ("op",), None),  # not canonical: parsed
    ],
)
def test_a_route_has_a_stem_only_when_its_last_slot_can_be_appended(
    template: str, names: tuple[str, ...], stem: tuple[tuple[str, ...], str] | None
) -> None:
    assert _stem_route(template, *names).stem == stem


def test_a_route_with_an_enum_format_or_query_parameter_is_built_whole() -> None:
    checked = Route(
        operation_id="get",
        method="get",
        path="/ops/{op}",
        path_params=(Param(wire="op", python="op", format="uuid"),),
        response="o",
    )
    queried = Route(
        operation_id="get",
        method="get",
        path="/ops/{op}",
        path_params=(Param(wire="op", python="op"),),
        query_params=(Param(wire="$filter", python="filter", required=False),),
        response="o",
    )
    assert checked.stem is None
    assert queried.stem is None


@pytest.mark.parametrize("base", BASES)
@given(
    sub=st.text(alphabet=string.ascii_letters + "é -_~.%", min_size=1, max_size=12),
    ops=st.lists(st.text(alphabet=string.printable + "é€", min_size=1, max_size=20), min_size=1, max_size=6),
)
def test_urls_from_a_stem_are_the_urls_httpx_parses_for_every_value(
    base: str, sub: str, ops: list[str]
) -> None:
    route = _stem_route("/subs/{sub}/ops/{op}/status", "sub", "op", constants={"api-version": "1 2"})
    import opstatus

    client = opstatus.MonitorClient(token="t" * 40, base_url=base)  # any client: _url is generic
    with client:
        for op in [*ops, *ops]:  # the second time from the full-URL cache
            values = {"sub": sub, "op": op}
            refused = _refusal(route, values)
            if refused is not None:
                with pytest.raises(InvalidParameterError) as caught:
                    client._url(route, values, {})
                assert caught.value.name == refused
                continue
            _same(client._url(route, values, {}), _parsed(client._base_url, route.path_and_query(values, {})))


def _refusal(route: Route, values: Mapping[str, object]) -> str | None:
    """The parameter the whole-URL build refuses (its name), or None."""
    try:
        route.path_and_query(values, {})
    except InvalidParameterError as refused:
        return refused.name
    return None


def test_a_stem_past_the_length_join_encoded_builds_falls_back_to_the_whole_url() -> None:
    import opstatus

    route = _stem_route("/subs/{sub}/ops/{op}", "sub", "op")
    with opstatus.MonitorClient(token="t" * 40, base_url="https://example.com") as client:
        for sub, op in (("s" * 4070, "o" * 30), ("s" * 10, "o" * 5000), ("s" * 5000, "o")):
            values = {"sub": sub, "op": op}
            _same(client._url(route, values, {}), _parsed(client._base_url, route.path_and_query(values, {})))


def test_the_stems_a_client_remembers_are_bounded() -> None:
    import opstatus

    route = _stem_route("/subs/{sub}/ops/{op}", "sub", "op")
    with opstatus.MonitorClient(token="t" * 40, base_url="https://example.com") as client:
        for index in range(100):
            client._url(route, {"sub": f"sub{index}", "op": "a"}, {})
        assert len(client._url_stems) <= 16
        assert len(client._url_cache) <= 16
