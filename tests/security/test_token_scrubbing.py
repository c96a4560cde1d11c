"""Issue 11: a token never shows in a text opstatus lets out, in any form a server may echo it in."""

from __future__ import annotations

import json
import logging
import urllib.parse

import httpx
import opstatus
import pytest
from opstatus._errors import BadRequestError, DecodeError, TransportError
from opstatus._secrets import SecretFilter, install_filter, remember, scrub_secrets

SECRET = "scrub-me/please+now=42"


@pytest.fixture(autouse=True)
def _remembered() -> None:
    remember(SECRET)


@pytest.mark.parametrize(
    "form",
    [
        SECRET,
        json.dumps(SECRET)[1:-1].replace("/", "\\/"),
        urllib.parse.quote(SECRET, safe=""),
        urllib.parse.quote(SECRET),
        urllib.parse.quote_plus(SECRET),
    ],
    ids=["raw", "json-escaped-slash", "percent-all", "percent-path", "percent-plus"],
)
def test_every_form_of_a_remembered_token_is_scrubbed(form: str) -> None:
    assert scrub_secrets(f"before {form} after") == "before REDACTED after"


def test_a_short_string_is_never_treated_as_a_secret() -> None:
    remember("abc")
    assert scrub_secrets("abc abc") == "abc abc"


def test_http_error_fields_are_scrubbed_at_construction() -> None:
    error = BadRequestError(
        status_code=400,
        code="BadRequest",
        message=f"you sent Bearer {SECRET}",
        body=json.dumps({"echo": SECRET}),
        headers={"x-echo": SECRET},
        request_id=SECRET,
    )
    for text in (str(error), repr(error), error.message or "", error.body, json.dumps(error.headers)):
        assert SECRET not in text
        assert "REDACTED" in text


def test_decode_and_transport_errors_are_scrubbed_at_construction() -> None:
    decode = DecodeError(reason=f"bad {SECRET}", body=SECRET)
    transport = TransportError(f"Illegal header value b'Bearer {SECRET}'")

    assert SECRET not in str(decode) + decode.body + decode.reason
    assert SECRET not in str(transport)


def test_httpcore_debug_lines_are_scrubbed(caplog: pytest.LogCaptureFixture) -> None:
    install_filter()
    caplog.set_level(logging.DEBUG)

    logging.getLogger("httpcore.http11").debug("receive_response_headers.complete return_value=%r", [SECRET])

    assert SECRET not in caplog.text
    assert "REDACTED" in caplog.text


def test_the_filter_leaves_other_records_as_they_were() -> None:
    record = logging.LogRecord("httpx", logging.DEBUG, __file__, 1, "GET %s", ("/x",), None)

    assert SecretFilter().filter(record)
    assert (record.msg, record.args) == ("GET %s", ("/x",))


def test_a_token_is_remembered_when_it_is_handed_out() -> None:
    fresh = "never-seen-before-token-0001"
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(
            400, json={"error": {"code": "Echo", "message": request.headers["authorization"]}}
        )

    client = opstatus.MonitorClient(token=f"  {fresh}\n", transport=httpx.MockTransport(answer))
    with client, pytest.raises(BadRequestError) as caught:
        client.get_operation_status(subscription_id="s", resource_group_name="rg", async_operation_id="op")

    assert seen == [f"Bearer {fresh}"]  # surrounding whitespace stripped before sending
    assert fresh not in str(caught.value)
    assert caught.value.message == "Bearer REDACTED"


def test_a_token_sent_again_after_others_is_still_scrubbed() -> None:
    """The shortcut for the token remembered last must not keep an older one from being refreshed:
    one client's token, 63 others, the first client's next read, then one more token (64 is the
    most remembered: the oldest goes, and that must not be the token just sent)."""
    first = "first-client-token-0123456789"
    others = [f"other-client-token-{n:04d}-abcdef" for n in range(64)]
    remember(first)
    remember(first)  # a second read: the remembered last, now through the shortcut
    for token in others[:63]:
        remember(token)
    remember(first)
    remember(others[63])
    assert scrub_secrets(f"x {first} y") == "x REDACTED y"
    assert scrub_secrets(f"x {others[0]} y") == f"x {others[0]} y"  # the oldest then: forgotten


def test_a_token_with_surrounding_whitespace_is_remembered_in_both_forms_each_time() -> None:
    padded = "  padded-token-0123456789  "
    remember(padded)
    for n in range(64):
        remember(f"another-token-{n:04d}-abcdef")
    remember(padded)
    assert scrub_secrets("a padded-token-0123456789 b") == "a REDACTED b"
