"""The GET pipeline: retries (codes, bodies, bounds, deadline, Retry-After), timeouts, redirects, errors."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import attrs
import httpx
import pytest
from opstatus import (
    AuthenticationError,
    BadRequestError,
    DecodeError,
    HttpError,
    NotFoundError,
    PermissionDeniedError,
    RetryPolicy,
    ServiceError,
    ThrottledError,
    TransportError,
    UnsafeUrlError,
)
from opstatus._auth import BearerAuth
from opstatus._errors import DeadlineReachedError
from opstatus._http import (
    MAX_REDIRECTS,
    MIN_ATTEMPT_TIMEOUT,
    AsyncPipeline,
    SyncPipeline,
    decode_json,
    error_from_response,
    load_json,
    new_request_id,
    parse_model,
    status_response,
    utc_aware,
)

from tests.overrides.http_fakes import FAKE_SAS, FAKE_TOKEN, Script, VirtualClock, example, json_response

URL = "https://management.azure.com/subscriptions/s/op/1?api-version=2019-10-17-preview"
OK = json_response(200, {"status": "Succeeded"})


def make(
    script: Script,
    clock: VirtualClock | None = None,
    *,
    retry: RetryPolicy | None = None,
    timeout: httpx.Timeout | None = None,
) -> tuple[SyncPipeline, VirtualClock]:
    clock = clock or VirtualClock()
    pipeline = SyncPipeline(
        client=httpx.Client(transport=script.transport, timeout=timeout or httpx.Timeout(30.0, connect=10.0)),
        auth=BearerAuth(token=FAKE_TOKEN, scopes=["https://management.azure.com/.default"]),
        retry=retry or RetryPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
        rng=lambda: 0.0,
        wall_clock=clock.wall,
    )
    return pipeline, clock


def answer(status: int, **headers: str) -> httpx.Response:
    return json_response(status, {"error": {"code": f"E{status}", "message": "try later"}}, **headers)


def status_of(got: tuple[httpx.Response, Any]) -> int:
    response, _ = got
    return response.status_code


# --- retries -----------------------------------------------------------------------------------------


# Gateway and CDN codes (499 client closed, 520-524 origin down/unreachable/slow) are as transient as
# a 503 for a safe GET; 501 and 505 say the same thing every time.
@pytest.mark.parametrize("status", [408, 429, 499, 500, 502, 503, 504, 507, 520, 521, 522, 523, 524, 599])
def test_transient_statuses_are_retried(status: int) -> None:
    script = Script([answer(status), OK])
    pipeline, clock = make(script)
    assert status_of(pipeline.get(URL)) == 200
    assert len(script.requests) == 2
    assert clock.sleeps == [0.5]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 501, 505])
def test_other_statuses_are_raised_at_once(status: int) -> None:
    script = Script([answer(status), OK])
    pipeline, clock = make(script)
    with pytest.raises(HttpError):
        pipeline.get(URL)
    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_attempts_are_bounded_and_the_last_answer_is_raised() -> None:
    script = Script([answer(503)])
    pipeline, clock = make(script, retry=RetryPolicy(max_attempts=3, jitter=0.0, backoff=1.0))
    with pytest.raises(ServiceError) as caught:
        pipeline.get(URL)
    assert caught.value.status_code == 503
    assert len(script.requests) == 3
    assert clock.sleeps == [1.0, 2.0]


def test_backoff_is_jittered_with_the_injected_randomness() -> None:
    script = Script([answer(500), OK])
    clock = VirtualClock()
    pipeline = SyncPipeline(
        client=httpx.Client(transport=script.transport),
        auth=None,
        retry=RetryPolicy(backoff=2.0, jitter=0.5),
        clock=clock.monotonic,
        sleep=clock.sleep,
        rng=lambda: 1.0,
    )
    pipeline.get(URL)
    assert clock.sleeps == [1.0]


@pytest.mark.parametrize(
    ("headers", "slept"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"x-ms-retry-after-ms": "250"}, 0.25),
        ({"Retry-After": "Tue, 14 Nov 2023 22:13:32 GMT"}, 12.0),
    ],
)
def test_retry_after_is_honoured_in_every_form(headers: dict[str, str], slept: float) -> None:
    script = Script([answer(429, **headers), OK])
    pipeline, clock = make(script, VirtualClock(wall_start=1_700_000_000.0))
    pipeline.get(URL)
    assert clock.sleeps == [pytest.approx(slept)]


def test_a_retry_after_longer_than_allowed_is_raised_with_the_delay() -> None:
    script = Script([answer(429, **{"Retry-After": "600"}), OK])
    pipeline, clock = make(script)
    with pytest.raises(ThrottledError) as caught:
        pipeline.get(URL)
    assert caught.value.retry_after == 600.0
    assert clock.sleeps == []


def test_retries_stop_at_the_callers_deadline() -> None:
    script = Script([answer(503, **{"Retry-After": "4"})])
    pipeline, clock = make(script, retry=RetryPolicy(max_attempts=10, jitter=0.0))
    with pytest.raises(ServiceError):
        pipeline.get(URL, deadline=10.0)
    assert clock.sleeps == [4.0, 4.0]
    assert clock.now == 8.0
    assert len(script.requests) == 3


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ReadError("reset"),
        httpx.ReadTimeout("slow"),
        httpx.ConnectTimeout("slow"),
        httpx.RemoteProtocolError("hung up"),
    ],
)
def test_connection_and_read_failures_are_retried(error: Exception) -> None:
    script = Script([error, OK])
    pipeline, clock = make(script)
    assert status_of(pipeline.get(URL)) == 200
    assert clock.sleeps == [0.5]


def test_a_connection_failure_after_the_last_attempt_is_a_transport_error_with_its_cause() -> None:
    script = Script([httpx.ConnectError("connection refused")])
    pipeline, _ = make(script, retry=RetryPolicy(max_attempts=2, jitter=0.0))
    with pytest.raises(TransportError) as caught:
        pipeline.get(URL)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert "after 2 attempt(s): ConnectError: connection refused" in str(caught.value)
    assert len(script.requests) == 2


def test_a_failure_asking_again_cannot_fix_is_not_retried() -> None:
    script = Script([httpx.UnsupportedProtocol("no"), OK])
    pipeline, clock = make(script)
    with pytest.raises(TransportError):
        pipeline.get(URL)
    assert clock.sleeps == []


# --- 2xx bodies that are not JSON: broken answers, retried like a 503 ----------------------------------


def ok_with(content: bytes, content_type: str = "application/json", **headers: str) -> httpx.Response:
    return httpx.Response(200, content=content, headers={"content-type": content_type, **headers})


GARBLED = {
    "empty": ok_with(b""),
    "truncated": ok_with(b'{"status": "Succ'),
    "html": ok_with(b"<html><body>Bad Gateway</body></html>", "text/html"),
    "text": ok_with(b"The service is processing your request.", "text/plain"),
    "invalid": ok_with(b"{'status': 'Succeeded'}"),
}


@pytest.mark.parametrize("garbled", list(GARBLED.values()), ids=list(GARBLED))
def test_a_2xx_body_that_is_not_json_is_retried_and_the_good_answer_returned(garbled: httpx.Response) -> None:
    script = Script([garbled, OK])
    pipeline, clock = make(script)
    response, document = pipeline.get(URL)
    assert (response.status_code, document) == (200, {"status": "Succeeded"})
    assert len(script.requests) == 2
    assert clock.sleeps == [0.5]


def test_bodies_that_stay_broken_are_a_decode_error_once_the_attempts_are_used_up() -> None:
    garbled = ok_with(b"<html>login</html>", "text/html", **{"x-ms-request-id": "r-9"})
    script = Script([garbled])
    pipeline, clock = make(script, retry=RetryPolicy(max_attempts=3, jitter=0.0, backoff=1.0))
    with pytest.raises(DecodeError) as caught:
        pipeline.get(URL)
    assert len(script.requests) == 3
    assert clock.sleeps == [1.0, 2.0]
    assert caught.value.where == "body"
    assert caught.value.request_id == "r-9"
    assert "body is not JSON (text/html" in str(caught.value)
    assert str(caught.value).endswith("(request id r-9)")


def test_a_broken_body_honours_the_servers_retry_after_like_a_503() -> None:
    script = Script([ok_with(b"", **{"Retry-After": "3"}), OK])
    pipeline, clock = make(script)
    pipeline.get(URL)
    assert clock.sleeps == [3.0]


def test_retries_of_a_broken_body_stop_at_the_callers_deadline() -> None:
    script = Script([ok_with(b"", **{"Retry-After": "4"})])
    pipeline, clock = make(script, retry=RetryPolicy(max_attempts=10, jitter=0.0))
    with pytest.raises(DecodeError, match="empty body"):
        pipeline.get(URL, deadline=10.0)
    assert clock.sleeps == [4.0, 4.0]
    assert len(script.requests) == 3


def test_a_broken_body_is_raised_at_once_when_retries_are_off() -> None:
    script = Script([ok_with(b"not json"), OK])
    pipeline, clock = make(script, retry=RetryPolicy.disabled())
    with pytest.raises(DecodeError):
        pipeline.get(URL)
    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_json_nested_deeper_than_the_stack_is_a_decode_error_at_once() -> None:
    script = Script([ok_with(b"[" * 100_000 + b"]" * 100_000), OK])
    pipeline, clock = make(script)
    with pytest.raises(DecodeError, match="nests too deeply"):
        pipeline.get(URL)
    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("document", [None, [], {"unexpected": True}, "Succeeded", 42])
def test_any_valid_json_is_returned_decoded_for_the_model_to_judge(document: Any) -> None:
    script = Script([json_response(200, document)])
    pipeline, _ = make(script)
    _, decoded = pipeline.get(URL)
    assert decoded == document
    assert len(script.requests) == 1


# --- each attempt's HTTP timeout ends by the deadline ---------------------------------------------------


def sent_timeouts(script: Script) -> list[dict[str, float | None]]:
    """The timeout extension of every request httpx received (what its transport enforces)."""
    return [request.extensions["timeout"] for request in script.requests]


def phases(connect: float | None, read: float | None = None) -> dict[str, float | None]:
    read = connect if read is None else read
    return {"connect": connect, "read": read, "write": read, "pool": read}


def test_without_a_deadline_the_configured_timeout_is_sent() -> None:
    script = Script([OK])
    pipeline, _ = make(script)
    pipeline.get(URL)
    assert sent_timeouts(script) == [phases(10.0, 30.0)]


def test_a_deadline_further_than_the_timeout_leaves_it_alone() -> None:
    script = Script([OK])
    pipeline, _ = make(script)
    pipeline.get(URL, deadline=3600.0)
    assert sent_timeouts(script) == [phases(10.0, 30.0)]


def test_the_timeout_is_cut_to_the_time_left_before_the_deadline() -> None:
    script = Script([OK])
    pipeline, clock = make(script)
    clock.advance(100.0)
    pipeline.get(URL, deadline=112.0)
    assert sent_timeouts(script) == [phases(10.0, 12.0)]


def test_every_retry_gets_the_time_left_at_its_start() -> None:
    script = Script([answer(503, **{"Retry-After": "4"}), answer(503, **{"Retry-After": "4"}), OK])
    pipeline, _ = make(script)
    pipeline.get(URL, deadline=15.0)
    assert sent_timeouts(script) == [phases(10.0, 15.0), phases(10.0, 11.0), phases(7.0)]


def test_an_unlimited_timeout_is_limited_by_the_deadline() -> None:
    script = Script([OK])
    pipeline, _ = make(script, timeout=httpx.Timeout(None))
    pipeline.get(URL, deadline=2.5)
    assert sent_timeouts(script) == [phases(2.5)]


def test_a_deadline_moments_away_still_gives_a_positive_timeout() -> None:
    script = Script([OK])
    pipeline, clock = make(script)
    clock.advance(9.999)
    pipeline.get(URL, deadline=10.0)
    assert sent_timeouts(script) == [phases(MIN_ATTEMPT_TIMEOUT)]


def test_a_configured_timeout_below_the_floor_is_kept() -> None:
    script = Script([OK])
    pipeline, _ = make(script, timeout=httpx.Timeout(0.01))
    pipeline.get(URL, deadline=0.001)
    assert sent_timeouts(script) == [phases(0.01)]


@pytest.mark.parametrize("late", [0.0, 0.5])
def test_nothing_is_sent_once_the_deadline_has_passed(late: float) -> None:
    script = Script([OK])
    pipeline, clock = make(script)
    clock.advance(10.0 + late)
    with pytest.raises(DeadlineReachedError):
        pipeline.get(URL, deadline=10.0)
    assert script.requests == []


def test_a_retry_whose_start_is_past_the_deadline_is_not_sent() -> None:
    clock = VirtualClock()

    def oversleep(seconds: float) -> None:  # a busy machine wakes late
        clock.sleep(seconds + 1.0)

    script = Script([answer(503, **{"Retry-After": "4"}), OK])
    pipeline = SyncPipeline(
        client=httpx.Client(transport=script.transport),
        auth=None,
        retry=RetryPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=oversleep,
    )
    with pytest.raises(DeadlineReachedError):
        pipeline.get(URL, deadline=4.5)
    assert len(script.requests) == 1


def test_a_per_request_timeout_override_is_cut_too() -> None:
    script = Script([OK])
    clock = VirtualClock()
    pipeline = SyncPipeline(
        client=httpx.Client(transport=script.transport),
        auth=None,
        retry=RetryPolicy(),
        timeout=httpx.Timeout(60.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
    )
    pipeline.get(URL, deadline=20.0)
    pipeline.get(URL)
    assert sent_timeouts(script) == [phases(20.0), phases(60.0)]


# --- redirects ---------------------------------------------------------------------------------------


def test_a_same_origin_redirect_is_followed_with_the_token() -> None:
    script = Script(
        [
            httpx.Response(302, headers={"Location": "/subscriptions/s/op/2?api-version=2019-10-17-preview"}),
            OK,
        ]
    )
    pipeline, _ = make(script)
    assert status_of(pipeline.get(URL)) == 200
    assert (
        script.urls[1] == "https://management.azure.com/subscriptions/s/op/2?api-version=2019-10-17-preview"
    )
    assert script.requests[1].headers["authorization"] == f"Bearer {FAKE_TOKEN}"


def test_a_redirect_to_another_host_is_refused_and_nothing_is_sent_there() -> None:
    script = Script([httpx.Response(307, headers={"Location": "https://evil.example/steal"}), OK])
    pipeline, _ = make(script)
    with pytest.raises(UnsafeUrlError, match=r"evil\.example"):
        pipeline.get(URL)
    assert [request.url.host for request in script.requests] == ["management.azure.com"]


def test_redirect_loops_end() -> None:
    script = Script([httpx.Response(302, headers={"Location": "/loop"})])
    pipeline, _ = make(script)
    with pytest.raises(ServiceError):
        pipeline.get(URL)
    assert len(script.requests) == MAX_REDIRECTS + 1


# --- typed errors --------------------------------------------------------------------------------------


def response(status: int, body: Any = None, *, text: str | None = None, **headers: str) -> httpx.Response:
    request = httpx.Request("GET", URL, headers={"Authorization": f"Bearer {FAKE_TOKEN}"})
    if text is not None:
        return httpx.Response(status, text=text, headers=headers, request=request)
    return httpx.Response(status, json=body, headers=headers, request=request)


ARM_NOT_FOUND = example("monitor", "PrivateLinkScopeOperationStatus_Get", "operationNotFound", "404")
GRAPH_NOT_FOUND = example("graph_billing", "PartnersBilling_GetOperation", "notFound", "404")
CPP_BAD_REQUEST = example("partner_portal", "Operations_Get", "invalidApiVersion", "400")


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (408, ServiceError),
        (409, BadRequestError),
        (418, BadRequestError),
        (429, ThrottledError),
        (499, ServiceError),
        (500, ServiceError),
        (503, ServiceError),
        (520, ServiceError),
        (302, ServiceError),
    ],
)
def test_each_status_has_its_error_kind(status: int, kind: type[HttpError]) -> None:
    error = error_from_response(response(status, {}))
    assert type(error) is kind
    assert error.status_code == status


def test_an_arm_error_reads_code_message_and_request_id() -> None:
    error = error_from_response(response(404, ARM_NOT_FOUND, **{"x-ms-request-id": "arm-req-1"}))
    assert str(error) == (
        "ResourceNotFound: The operation '00000000-0000-0000-0000-000000000000' was not found. "
        "(request id arm-req-1)"
    )
    assert (error.code, error.request_id) == ("ResourceNotFound", "arm-req-1")


def test_a_graph_error_takes_the_request_id_from_inner_error_when_headers_lack_it() -> None:
    error = error_from_response(response(404, GRAPH_NOT_FOUND))
    assert error.code == "itemNotFound"
    assert error.request_id == "0d2d6f3a-7b58-4c7e-9a39-2bd6a7cba1d1"
    assert str(error).endswith("(request id 0d2d6f3a-7b58-4c7e-9a39-2bd6a7cba1d1)")


def test_a_cpp_error_reads_its_envelope() -> None:
    error = error_from_response(response(400, CPP_BAD_REQUEST))
    assert str(error) == "InvalidAPIVersion: Invalid api version. Allowed values are [2017-10-31]"


def test_a_gateway_html_page_still_gives_a_readable_error() -> None:
    error = error_from_response(response(502, text="<html>Bad Gateway</html>", **{"request-id": "g-1"}))
    assert isinstance(error, ServiceError)
    assert str(error) == "HTTP 502 (request id g-1)"
    assert error.body == "<html>Bad Gateway</html>"


def test_an_error_carries_the_body_and_only_safe_headers_never_the_token() -> None:
    error = error_from_response(
        response(
            401,
            {"error": {"code": "InvalidAuthenticationToken", "message": "expired"}},
            **{"Set-Cookie": "x=1"},
        )
    )
    assert "InvalidAuthenticationToken" in error.body
    assert "set-cookie" not in error.headers
    assert error.url == URL
    everything = f"{error} {error!r} {error.body} {error.headers} {error.url} {vars(error)}"
    assert FAKE_TOKEN not in everything


def test_secrets_in_error_bodies_are_scrubbed() -> None:
    body = {
        "error": {"code": "x", "message": "y"},
        "sasToken": FAKE_SAS,
        "link": f"https://b.example/c?{FAKE_SAS}",
    }
    error = error_from_response(response(500, body))
    assert "FAKE-SAS-SIGNATURE" not in error.body


def test_a_throttled_error_keeps_the_servers_delay() -> None:
    error = error_from_response(response(429, {}), retry_after=30.0)
    assert isinstance(error, ThrottledError)
    assert error.retry_after == 30.0


# --- decoding ------------------------------------------------------------------------------------------


@attrs.define
class Thing:
    status: str
    when: datetime.datetime | None = None
    children: list[Thing] = attrs.field(factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Thing:
        when = datetime.datetime.fromisoformat(data["when"]) if "when" in data else None
        return cls(
            status=data["status"], when=when, children=[cls.from_dict(c) for c in data.get("children", [])]
        )


def test_a_body_that_is_not_json_is_a_decode_error_with_where_and_request_id() -> None:
    with pytest.raises(DecodeError) as caught:
        load_json(
            response(
                200, text="<html>login</html>", **{"x-ms-request-id": "r-1", "content-type": "text/html"}
            )
        )
    assert caught.value.where == "body"
    assert caught.value.request_id == "r-1"
    assert "body is not JSON (text/html" in str(caught.value)
    assert str(caught.value).endswith("(request id r-1)")


def test_an_empty_body_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="empty body"):
        load_json(response(200, text=""))


def test_a_missing_required_member_names_the_model_and_the_member() -> None:
    with pytest.raises(DecodeError) as caught:
        parse_model(response(200, {}), {}, Thing.from_dict, what="OperationStatus")
    assert caught.value.where == "OperationStatus"
    assert "missing required member 'status'" in str(caught.value)


def test_a_wrongly_typed_member_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="ValueError"):
        parse_model(response(200, {}), {"status": "x", "when": "not a date"}, Thing.from_dict, what="Thing")


def test_a_one_element_array_is_unwrapped_only_when_asked() -> None:
    items = [{"status": "running"}]
    assert decode_json(response(200, items), items, unwrap_single_item=True) == {"status": "running"}
    assert decode_json(response(200, items), items) == [{"status": "running"}]


@pytest.mark.parametrize("items", [[], [{"status": "a"}, {"status": "b"}]])
def test_an_array_of_other_length_is_a_decode_error(items: list[Any]) -> None:
    with pytest.raises(DecodeError, match=f"expected one operation, got an array of {len(items)}"):
        decode_json(response(200, items), items, unwrap_single_item=True)


def test_naive_timestamps_are_read_as_utc_everywhere_in_the_model() -> None:
    body = {
        "status": "x",
        "when": "2023-03-09T08:12:53",
        "children": [{"status": "y", "when": "2023-03-09T08:12:53"}],
    }
    thing = parse_model(response(200, body), body, Thing.from_dict, what="Thing")
    assert thing.when == datetime.datetime(2023, 3, 9, 8, 12, 53, tzinfo=datetime.UTC)
    assert thing.children[0].when is not None
    assert thing.children[0].when.tzinfo is datetime.UTC


def test_zone_qualified_timestamps_are_kept() -> None:
    body = {"status": "x", "when": "2023-03-09T08:12:53+02:00"}
    thing = parse_model(response(200, body), body, Thing.from_dict, what="Thing")
    assert thing.when is not None
    assert thing.when.utcoffset() == datetime.timedelta(hours=2)


def test_status_response_carries_body_resource_retry_after_and_request_id() -> None:
    answer_ = response(200, [{"status": "running"}], **{"Retry-After": "15", "x-ms-request-id": "r-2"})
    seen = status_response(
        answer_, load_json(answer_), Thing.from_dict, what="Thing", unwrap_single_item=True
    )
    assert seen.body == {"status": "running"}
    assert seen.resource == Thing(status="running")
    assert (seen.retry_after, seen.request_id) == (15.0, "r-2")


# --- async twin ----------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_the_async_pipeline_retries_with_the_injected_sleep() -> None:
    clock = VirtualClock()
    script = Script([httpx.ReadTimeout("slow"), answer(503, **{"Retry-After": "2"}), OK])
    pipeline = AsyncPipeline(
        client=httpx.AsyncClient(transport=script.transport),
        auth=BearerAuth(token=FAKE_TOKEN, scopes=["https://management.azure.com/.default"]),
        retry=RetryPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.async_sleep,
    )
    assert status_of(await pipeline.get(URL)) == 200
    assert clock.sleeps == [0.5, 2.0]
    assert all(r.headers["authorization"] == f"Bearer {FAKE_TOKEN}" for r in script.requests)


@pytest.mark.anyio
async def test_the_async_pipeline_raises_typed_errors() -> None:
    clock = VirtualClock()
    pipeline = AsyncPipeline(
        client=httpx.AsyncClient(transport=Script([response(404, ARM_NOT_FOUND)]).transport),
        auth=None,
        retry=RetryPolicy(),
        clock=clock.monotonic,
        sleep=clock.async_sleep,
    )
    with pytest.raises(NotFoundError, match="ResourceNotFound"):
        await pipeline.get(URL)


def async_make(script: Script, clock: VirtualClock, *, retry: RetryPolicy | None = None) -> AsyncPipeline:
    return AsyncPipeline(
        client=httpx.AsyncClient(transport=script.transport, timeout=httpx.Timeout(30.0, connect=10.0)),
        auth=None,
        retry=retry or RetryPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.async_sleep,
    )


@pytest.mark.anyio
async def test_the_async_pipeline_retries_a_body_that_is_not_json() -> None:
    clock = VirtualClock()
    script = Script([GARBLED["truncated"], OK])
    response, document = await async_make(script, clock).get(URL)
    assert (response.status_code, document) == (200, {"status": "Succeeded"})
    assert clock.sleeps == [0.5]


@pytest.mark.anyio
async def test_the_async_pipeline_raises_a_decode_error_when_bodies_stay_broken() -> None:
    clock = VirtualClock()
    script = Script([ok_with(b"", **{"request-id": "r-3"})])
    with pytest.raises(DecodeError, match="empty body") as caught:
        await async_make(script, clock, retry=RetryPolicy(max_attempts=2, jitter=0.0)).get(URL)
    assert caught.value.request_id == "r-3"
    assert len(script.requests) == 2


@pytest.mark.anyio
async def test_the_async_pipeline_cuts_timeouts_to_the_deadline_and_sends_nothing_after_it() -> None:
    clock = VirtualClock()
    script = Script([answer(503, **{"Retry-After": "4"}), OK])
    pipeline = async_make(script, clock)
    await pipeline.get(URL, deadline=6.0)
    assert sent_timeouts(script) == [phases(6.0), phases(2.0)]
    with pytest.raises(DeadlineReachedError):
        await pipeline.get(URL, deadline=clock.now)
    assert len(script.requests) == 2


def test_a_status_responses_http_date_is_read_against_the_injected_wall_clock() -> None:
    answer_ = response(200, {"status": "running"}, **{"Retry-After": "Tue, 14 Nov 2023 22:13:50 GMT"})
    seen = status_response(
        answer_,
        {"status": "running"},
        Thing.from_dict,
        what="Thing",
        unwrap_single_item=False,
        now=lambda: 1_700_000_000.0,
    )
    assert seen.retry_after == 30.0
    assert seen.request_id is None


def test_request_ids_are_version_4_uuids_that_do_not_repeat() -> None:
    ids = [new_request_id() for _ in range(10_000)]

    parsed = [uuid.UUID(value) for value in ids]
    assert all(
        u.version == 4 and u.variant == uuid.RFC_4122 and str(u) == v
        for u, v in zip(parsed, ids, strict=True)
    )
    assert len(set(ids)) == len(ids)


def _datetimes(value: object) -> list[datetime.datetime]:
    """Every datetime held anywhere in a parsed model (attrs fields, lists), found without the plan."""
    if isinstance(value, datetime.datetime):
        return [value]
    if isinstance(value, list):
        return [found for item in value for found in _datetimes(item)]
    cls = type(value)
    if attrs.has(cls):
        return [found for field in attrs.fields(cls) for found in _datetimes(getattr(value, field.name))]
    return []


@pytest.mark.parametrize("api", ["monitor", "partner_portal", "graph_billing"])
def test_utc_aware_reaches_every_zone_less_time_however_deep(api: str) -> None:
    """The walk only looks where a model or list may sit (its plan); each example with every
    timestamp made zone-less, at every depth (CPP's steps[].messages[].timestamp), comes out UTC."""
    import importlib
    import json as json_module

    from tests.bench.bodies import example_body

    def strip_zones(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strip_zones(item) for key, item in node.items()}
        if isinstance(node, list):
            return [strip_zones(item) for item in node]
        if isinstance(node, str) and len(node) >= 19 and node[4] == "-" and node[10] == "T":
            return node.rstrip("Z").split("+")[0]
        return node

    document = strip_zones(json_module.loads(json_module.dumps(example_body(api))))
    if isinstance(document, list):
        document = document[0]
    clients = importlib.import_module(f"opstatus._generated.{api}.clients")
    parsed = utc_aware(clients._API.parse_status(document))
    found = _datetimes(parsed)
    assert found, "the example holds timestamps"
    assert all(moment.tzinfo is datetime.UTC for moment in found)
