"""Continuation tokens: plain versioned strings that round-trip, hold no secret and fail clearly."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from opstatus._continuation import ContinuationState, decode, encode
from opstatus._errors import ContinuationTokenError, OpStatusError
from opstatus._poller import Poller

from tests.overrides.waiting_fakes import ScriptedFetch, VirtualClock, fake_reader, finishes_at

URL = "https://management.azure.com/subscriptions/s/resourceGroups/g/providers/Microsoft.Insights/privateLinkScopeOperationStatuses/op?api-version=2021-07-01-preview"


def token_with(payload: Any, *, version: str = "1") -> str:
    raw = json.dumps(payload).encode()
    return f"opst{version}." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_round_trip_keeps_api_url_and_first_seen() -> None:
    token = encode(api="monitor", url=URL, first_seen=1_700_000_123.4567)
    assert decode(token, api="monitor") == ContinuationState(
        api="monitor", url=URL, first_seen=1_700_000_123.457
    )


def test_token_is_a_plain_url_safe_string_with_a_version_prefix() -> None:
    token = encode(api="monitor", url=URL, first_seen=0.0)
    assert token.startswith("opst1.")
    assert set(token[6:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_token_holds_only_api_url_and_first_seen() -> None:
    token = encode(api="graph_billing", url="https://graph.microsoft.com/v1.0/op", first_seen=5.0)
    body = token.partition(".")[2]
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert set(payload) == {"v", "api", "url", "first_seen"}


def test_url_carrying_credentials_is_refused() -> None:
    with pytest.raises(ValueError, match="user:password@"):
        encode(api="monitor", url="https://user:secret@management.azure.com/op", first_seen=0.0)


def test_poller_token_resumes_at_the_same_age() -> None:
    clock = VirtualClock()
    first = Poller(
        fetch=ScriptedFetch(clock=clock, body_at=finishes_at(1e9)),
        reader=fake_reader(api_key="monitor"),
        status_url=URL,
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
    )
    clock.now = 1234.0
    state = decode(first.continuation_token(), api="monitor")
    assert (state.url, clock.wall() - state.first_seen) == (URL, 1234.0)


@pytest.mark.parametrize("garbage", ["", "hello", "eyJ2IjoxfQ", "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi"])
def test_something_that_is_not_a_token_says_so(garbage: str) -> None:
    with pytest.raises(ContinuationTokenError, match="not an opstatus continuation token"):
        decode(garbage, api="monitor")


def test_not_a_token_message_does_not_echo_a_long_value() -> None:
    secret_like = "Bearer " + "x" * 200
    with pytest.raises(ContinuationTokenError) as caught:
        decode(secret_like, api="monitor")
    assert "x" * 20 not in str(caught.value)


def test_non_string_token_says_what_it_got() -> None:
    with pytest.raises(ContinuationTokenError, match="is a string, got bytes"):
        decode(b"opst1.e30", api="monitor")


def test_unknown_version_says_which_version() -> None:
    with pytest.raises(ContinuationTokenError, match=r"version '2' is not supported .*reads version 1"):
        decode(
            token_with({"v": 2, "api": "monitor", "url": URL, "first_seen": 0}, version="2"), api="monitor"
        )


def test_token_of_another_api_names_both_apis() -> None:
    token = encode(api="graph_billing", url="https://graph.microsoft.com/v1.0/op", first_seen=0.0)
    with pytest.raises(
        ContinuationTokenError, match="belongs to the 'graph_billing' API; this client is for 'monitor'"
    ):
        decode(token, api="monitor")


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("opst1.%%%", "not base64url JSON"),
        ("opst1." + base64.urlsafe_b64encode(b"\xff\xfe").decode(), "not base64url JSON"),
        (token_with([1, 2]), "not a JSON object"),
        (
            token_with({"v": 3, "api": "monitor", "url": URL, "first_seen": 0}),
            "header says version 1, data says 3",
        ),
        (token_with({"v": 1, "url": URL, "first_seen": 0}), "'api' is missing"),
        (
            token_with({"v": 1, "api": "monitor", "url": "file:///etc/passwd", "first_seen": 0}),
            "'url' is missing or not an http",
        ),
        (
            token_with({"v": 1, "api": "monitor", "url": URL, "first_seen": "yesterday"}),
            "'first_seen' is missing",
        ),
        (token_with({"v": 1, "api": "monitor", "url": URL, "first_seen": True}), "'first_seen' is missing"),
    ],
)
def test_damaged_token_says_what_is_wrong(token: str, message: str) -> None:
    with pytest.raises(ContinuationTokenError, match=message):
        decode(token, api="monitor")


def test_token_errors_are_opstatus_errors_and_value_errors() -> None:
    with pytest.raises(ContinuationTokenError) as caught:
        decode("nope", api="monitor")
    assert isinstance(caught.value, OpStatusError)
    assert isinstance(caught.value, ValueError)


def test_a_token_keeps_a_last_answer_that_was_not_a_200_and_refuses_a_damaged_one() -> None:
    import base64
    import json

    import pytest
    from opstatus import ContinuationTokenError
    from opstatus._continuation import decode, encode

    kept = encode(api="arm", url="https://management.azure.com/x", first_seen=1.0, last_http_status=202)
    plain = encode(api="arm", url="https://management.azure.com/x", first_seen=1.0, last_http_status=200)
    assert decode(kept, api="arm").last_http_status == 202
    assert plain == encode(api="arm", url="https://management.azure.com/x", first_seen=1.0)
    payload = {"v": 1, "api": "arm", "url": "https://h/x", "first_seen": 1.0, "last": "202"}
    damaged = "opst1." + base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    with pytest.raises(ContinuationTokenError, match="'last'"):
        decode(damaged, api="arm")
