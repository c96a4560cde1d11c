"""Issue 11, unit level: the body reader's bounds, the floors, and the budget's arithmetic."""

from __future__ import annotations

import zlib

import httpx
import pytest
from opstatus import PollingPolicy, RetryPolicy
from opstatus._body import BodyReader, with_body
from opstatus._deadline import Budget, total_of
from opstatus._errors import DecodeError, ResponseTooLargeError
from opstatus._pacing import Pacer
from opstatus._policy import MIN_DELAY_FLOOR
from opstatus._retry import MIN_RETRY_DELAY, parse_retry_after


def _streamed(body: bytes, encoding: str | None = None) -> httpx.Response:
    headers = {"content-encoding": encoding} if encoding else {}
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))


def _deflate(data: bytes, wbits: int) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "wbits"),
    [("gzip", zlib.MAX_WBITS | 16), ("deflate", zlib.MAX_WBITS), ("deflate", -zlib.MAX_WBITS)],
    ids=["gzip", "zlib-deflate", "raw-deflate"],
)
def test_compressed_bodies_are_decoded(encoding: str, wbits: int) -> None:
    body = b'{"status":"Succeeded"}' * 10
    reader = BodyReader(_streamed(_deflate(body, wbits), encoding), limit=1000, budget=None)

    assert reader.read() == body


def test_a_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused() -> None:
    assert BodyReader(_streamed(b"x" * 100), limit=100, budget=None).read() == b"x" * 100
    with pytest.raises(ResponseTooLargeError, match="max_body_size=100"):
        BodyReader(_streamed(b"x" * 101), limit=100, budget=None).read()


def test_a_compressed_body_is_counted_after_decoding() -> None:
    bomb = _deflate(bytes(10_000_000), zlib.MAX_WBITS | 16)
    assert len(bomb) < 20_000

    with pytest.raises(ResponseTooLargeError):
        BodyReader(_streamed(bomb, "gzip"), limit=1_000_000, budget=None).read()


def test_an_encoding_that_was_not_asked_for_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="not asked for"):
        BodyReader(_streamed(b"...", "br"), limit=100, budget=None)


def test_a_body_read_after_the_budget_is_a_read_timeout() -> None:
    spent = Budget(at=0.0, by_wait=True)  # monotonic 0 is long past
    with pytest.raises(httpx.ReadTimeout):
        BodyReader(_streamed(b"{}"), limit=100, budget=spent).read()


def test_the_decoded_copy_drops_content_encoding() -> None:
    response = httpx.Response(
        200,
        headers={"content-encoding": "gzip"},
        stream=httpx.ByteStream(b""),
        request=httpx.Request("GET", "/"),
    )
    response.read()

    assert "content-encoding" not in with_body(response, b"{}").headers


def test_a_requests_total_is_its_longest_limited_phase() -> None:
    assert total_of(httpx.Timeout(2.0)) == 2.0
    assert total_of(httpx.Timeout(30.0, connect=10.0)) == 30.0
    assert total_of(httpx.Timeout(None)) is None
    assert total_of(None) is None


def test_retries_never_come_sooner_than_the_retry_floor() -> None:
    policy = RetryPolicy(backoff=0.0)

    assert policy.next_delay(attempt=1, retry_after=0.0, remaining=None, rng=lambda: 0.0) == MIN_RETRY_DELAY
    assert policy.next_delay(attempt=1, retry_after=None, remaining=None, rng=lambda: 0.0) == MIN_RETRY_DELAY


def test_a_zero_min_delay_is_floored_and_a_zero_retry_after_cannot_go_below_it() -> None:
    policy = PollingPolicy(min_delay=0, max_delay=0)

    delay, _ = policy.next_delay(age=5.0, next_tick=0, retry_after=0.0, random_value=0.5)
    grid, _ = policy.next_delay(age=5.0, next_tick=0, retry_after=None, random_value=0.5)

    assert delay == grid == MIN_DELAY_FLOOR


def test_the_pacer_keeps_the_floor_after_an_error_and_a_tenth_after_a_read() -> None:
    pacer = Pacer(after_error=1.0)
    assert pacer.delay(0.0) == 0.0

    pacer.done(10.0, failed=True)
    assert pacer.delay(10.25) == pytest.approx(0.75)

    pacer.done(20.0, failed=False)
    assert pacer.delay(20.0) == pytest.approx(MIN_DELAY_FLOOR)


@pytest.mark.parametrize(
    "value",
    ["01 Jan 99999999999 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT +9999", "1e400", "-5", "nan", "\x00"],
)
def test_an_unusable_retry_after_never_raises(value: str) -> None:
    seconds = parse_retry_after({"retry-after": value}, now=lambda: 0.0)

    assert seconds is None or seconds >= 0
