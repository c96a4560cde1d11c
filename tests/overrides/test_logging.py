"""Request logging: one redacted DEBUG line per request; the library never configures logging itself."""

from __future__ import annotations

import logging

import httpx
import opstatus
import pytest
from opstatus._auth import BearerAuth
from opstatus._http import SyncPipeline
from opstatus._logging import REDACTED, redact_headers, redact_url
from opstatus._retry import RetryPolicy

from tests.overrides.http_fakes import FAKE_SAS, FAKE_TOKEN, Script, VirtualClock, json_response

STATUS_URL = "https://management.azure.com/subscriptions/s/op/1?api-version=2019-10-17-preview&$skiptoken=abc"


def test_query_values_are_redacted_except_api_version() -> None:
    assert redact_url(STATUS_URL) == (
        f"https://management.azure.com/subscriptions/s/op/1?api-version=2019-10-17-preview&%24skiptoken={REDACTED}"
    )


def test_sas_signatures_and_user_info_never_show() -> None:
    shown = redact_url(f"https://user:pw@account.blob.core.windows.net/c/blob?{FAKE_SAS}")
    assert "FAKE-SAS-SIGNATURE" not in shown
    assert "pw" not in shown
    assert shown.startswith("https://account.blob.core.windows.net/c/blob?sv=REDACTED")


def test_an_unparseable_url_is_redacted_whole() -> None:
    assert redact_url("http://[::1") == REDACTED


def test_headers_show_only_allowlisted_values() -> None:
    shown = redact_headers(
        [
            ("Authorization", f"Bearer {FAKE_TOKEN}"),
            ("x-ms-request-id", "req-1"),
            ("Cookie", "session=1"),
            ("Retry-After", "5"),
            ("Location", "https://management.azure.com/op?api-version=1&sig=FAKE-SAS-SIGNATURE"),
            ("X-Custom-Secret", "s3cr3t"),
        ]
    )
    assert shown == {
        "Authorization": REDACTED,
        "x-ms-request-id": "req-1",
        "Cookie": REDACTED,
        "Retry-After": "5",
        "Location": f"https://management.azure.com/op?api-version=1&sig={REDACTED}",
        "X-Custom-Secret": REDACTED,
    }


def pipeline(script: Script, clock: VirtualClock, retry: RetryPolicy | None = None) -> SyncPipeline:
    return SyncPipeline(
        client=httpx.Client(transport=script.transport),
        auth=BearerAuth(token=FAKE_TOKEN, scopes=["https://management.azure.com/.default"]),
        retry=retry or RetryPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
    )


def test_one_debug_line_per_request_with_method_url_status_and_time(caplog: pytest.LogCaptureFixture) -> None:
    clock = VirtualClock()
    script = Script(
        [httpx.Response(503), json_response(200, {"status": "Succeeded"}, **{"x-ms-request-id": "r-9"})]
    )
    with caplog.at_level(logging.DEBUG, logger="opstatus"):
        pipeline(script, clock).get(STATUS_URL)
    lines = [record for record in caplog.records if record.name == "opstatus._http"]
    assert len(lines) == 2
    assert all(record.levelno == logging.DEBUG for record in lines)
    first, second = (record.getMessage() for record in lines)
    assert first.startswith(
        "GET https://management.azure.com/subscriptions/s/op/1?api-version=2019-10-17-preview"
        f"&%24skiptoken={REDACTED} -> 503 in "
    )
    assert "(attempt 1)" in first
    assert " -> 200 in " in second
    assert "(attempt 2)" in second
    assert "'x-ms-request-id': 'r-9'" in second
    assert f"'authorization': '{REDACTED}'" in second


def test_no_token_or_query_secret_in_any_opstatus_log_record(caplog: pytest.LogCaptureFixture) -> None:
    clock = VirtualClock()
    script = Script([httpx.ConnectError("refused"), json_response(200, {})])
    with caplog.at_level(logging.DEBUG, logger="opstatus"):
        pipeline(script, clock).get(f"https://management.azure.com/x?{FAKE_SAS}")
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("opstatus"))
    assert "ConnectError" in ours
    assert FAKE_TOKEN not in ours
    assert "FAKE-SAS-SIGNATURE" not in ours


def test_nothing_is_formatted_when_debug_is_off(caplog: pytest.LogCaptureFixture) -> None:
    clock = VirtualClock()
    with caplog.at_level(logging.INFO, logger="opstatus"):
        pipeline(Script([json_response(200, {})]), clock).get(STATUS_URL)
    assert [r for r in caplog.records if r.name == "opstatus._http"] == []


def test_the_package_logger_has_a_null_handler_and_no_other() -> None:
    handlers = logging.getLogger(opstatus.__name__).handlers
    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)
    assert all(isinstance(handler, logging.NullHandler) for handler in handlers)
