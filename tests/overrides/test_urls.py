"""URL rules: path values that could change the URL are refused, service URLs stay on the client's origin,
tokens only travel over https or to loopback."""

from __future__ import annotations

import httpx
import pytest
from opstatus._errors import InvalidParameterError, UnsafeUrlError
from opstatus._urls import (
    check_path_value,
    check_query_value,
    check_token_transport,
    is_loopback,
    normalise_base_url,
    resolve_service_url,
)

ARM = httpx.URL("https://management.azure.com")
GRAPH = httpx.URL("https://graph.microsoft.com/v1.0")
CPP = httpx.URL("https://cloudpartner.azure.com")


@pytest.mark.parametrize(
    "value",
    ["713192d7-503f-477a-9cfe-4efc3ee2bd11", "MyResourceGroup", "contoso$offer$1$staging", "a.b_c(d)", "x y"],
)
def test_ordinary_ids_are_accepted(value: str) -> None:
    assert check_path_value("operation_id", value) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "must not be empty"),
        (".", "dot segment"),
        ("..", "dot segment"),
        ("a/b", "'/'"),
        ("a\\b", "'\\\\'"),
        ("a?b", "'?'"),
        ("a#b", "'#'"),
        ("a%2Fb", "percent-encoded"),
        ("a\nb", "control characters"),
        ("a\x00", "control characters"),
        ("a\x7f", "control characters"),
    ],
)
def test_path_values_that_could_change_the_url_are_refused(value: str, reason: str) -> None:
    with pytest.raises(InvalidParameterError) as caught:
        check_path_value("async_operation_id", value)
    assert caught.value.name == "async_operation_id"
    assert reason in str(caught.value)
    assert str(caught.value).startswith("invalid async_operation_id ")


def test_a_non_string_path_value_is_refused_with_its_type() -> None:
    with pytest.raises(InvalidParameterError, match="must be a string"):
        check_path_value("subscription_id", 42)


def test_query_values_may_hold_url_characters_but_not_control_characters() -> None:
    assert check_query_value("status", "a&b=c d") == "a&b=c d"
    with pytest.raises(InvalidParameterError, match="control"):
        check_query_value("status", "run\r\nning")
    with pytest.raises(InvalidParameterError, match="empty"):
        check_query_value("status", "")


def test_base_url_loses_its_trailing_slash_and_keeps_its_path() -> None:
    assert str(normalise_base_url("https://graph.microsoft.com/v1.0/")) == "https://graph.microsoft.com/v1.0"
    assert str(normalise_base_url("http://127.0.0.1:8080")) == "http://127.0.0.1:8080/"


@pytest.mark.parametrize(
    "bad",
    ["ftp://example.com", "management.azure.com", "https://x.com/?a=1", "https://u:p@x.com", "/relative"],
)
def test_base_url_must_be_a_plain_absolute_http_url(bad: str) -> None:
    with pytest.raises(UnsafeUrlError):
        normalise_base_url(bad)


def test_a_relative_cpp_location_resolves_against_the_base_url() -> None:
    url = resolve_service_url(
        "/api/publishers/contoso/offers/offer1/operations/56615b67?api-version=2017-10-31",
        base_url=CPP,
        api_version="2017-10-31",
    )
    assert str(url) == (
        "https://cloudpartner.azure.com/api/publishers/contoso/offers/offer1/operations/56615b67"
        "?api-version=2017-10-31"
    )


def test_a_path_relative_url_stays_under_the_base_path() -> None:
    url = resolve_service_url("reports/partners/billing/operations/op1", base_url=GRAPH, api_version=None)
    assert str(url) == "https://graph.microsoft.com/v1.0/reports/partners/billing/operations/op1"


def test_a_missing_api_version_is_added_and_a_present_one_kept() -> None:
    added = resolve_service_url(
        "https://management.azure.com/op/1", base_url=ARM, api_version="2019-10-17-preview"
    )
    kept = resolve_service_url(
        "https://management.azure.com/op/1?api-version=2021-01-01",
        base_url=ARM,
        api_version="2019-10-17-preview",
    )
    assert added.params["api-version"] == "2019-10-17-preview"
    assert kept.params.get_list("api-version") == ["2021-01-01"]


def test_host_comparison_ignores_case_and_default_ports() -> None:
    url = resolve_service_url("HTTPS://Management.Azure.com:443/op", base_url=ARM, api_version=None)
    assert url.host == "management.azure.com"


@pytest.mark.parametrize(
    "foreign",
    [
        "https://evil.example/subscriptions/x",
        "http://management.azure.com/op",  # same host, other scheme: the token would go in clear
        "https://management.azure.com:8443/op",
        "https://management.azure.com.evil.example/op",
        "//evil.example/op",
    ],
)
def test_a_url_on_another_origin_is_refused(foreign: str) -> None:
    with pytest.raises(UnsafeUrlError, match=r"only talks to https://management\.azure\.com"):
        resolve_service_url(foreign, base_url=ARM, api_version=None)


@pytest.mark.parametrize(
    "bad", ["", "   ", "https://management.azure.com/a\nb", "https://u:p@management.azure.com/op"]
)
def test_empty_or_credential_carrying_urls_are_refused(bad: str) -> None:
    with pytest.raises(UnsafeUrlError):
        resolve_service_url(bad, base_url=ARM, api_version=None)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "localhost", "LOCALHOST"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["10.0.0.1", "0.0.0.0", "example.com", "localhost.evil.example", "::2"])  # noqa: S104
def test_non_loopback_hosts(host: str) -> None:
    assert not is_loopback(host)


@pytest.mark.parametrize(
    "url",
    ["https://management.azure.com/x", "http://127.0.0.1:8080/x", "http://[::1]:9/x", "http://localhost/x"],
)
def test_a_token_may_go_over_https_or_to_loopback(url: str) -> None:
    check_token_transport(httpx.URL(url))


@pytest.mark.parametrize(
    "url", ["http://management.azure.com/x", "http://10.1.2.3/x", "http://emulator.local/x"]
)
def test_a_token_never_goes_over_plain_http_to_a_remote_host(url: str) -> None:
    with pytest.raises(UnsafeUrlError, match="only over https"):
        check_token_transport(httpx.URL(url))
