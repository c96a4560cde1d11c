"""Issue 21 row 6: a kept part of a text is scrubbed before it is cut, never after.

An error keeps the first 8,192 characters of a body (``.body``). A server that pads its echo so the
cut falls inside the token used to leave all of the token's prefix there (1,579 of its 1,580
characters), as did a 10 KB token echoed whole (a 7,711-character prefix): the whole form had been cut
off before anyone looked for it. Here every such body goes through the sync and async clients, as a
400, a 500 and a 200 that does not parse (``DecodeError``), with the token at every kind of position.
"""

from __future__ import annotations

import asyncio
import json
import random
import string
from collections.abc import Callable
from typing import Final

import httpx
import opstatus
import pytest
from opstatus import DecodeError, HttpError, OpStatusError
from opstatus._secrets import remember, scrub_and_cut

CUT: Final = 8192
IDS: Final = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
BASE: Final = "http://127.0.0.1:9"
JWT_LIKE: Final = "eyJhbGciOiJSUzI1NiJ9." + "Q" * 1500 + ".c2lnbmF0dXJlLWJ5dGVzXzAx" + "s" * 34  # 1,580


def _token(length: int) -> str:
    """A token no other test's token is part of (seeded by its length: reruns are alike)."""
    rng = random.Random(length)
    return "tok-" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length - 4))


def _body(token: str, *, offset: int, status: int) -> str:
    """A body whose ``offset``-th character starts the token (the cut at 8,192 falls inside it)."""
    if status == 200:  # not JSON at all: a DecodeError keeps it
        return "x" * offset + token + " and then some"
    head = '{"error":{"code":"BadRequest","message":"'
    return head + "p" * (offset - len(head)) + token + '"}}'


def _answer(token: str, *, offset: int, status: int) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == f"Bearer {token}"
        return httpx.Response(status, text=_body(token, offset=offset, status=status))

    return handler


def _sync_error(token: str, *, offset: int, status: int) -> OpStatusError:
    transport = httpx.MockTransport(_answer(token, offset=offset, status=status))
    retry = opstatus.RetryPolicy(max_attempts=1)
    with (
        opstatus.MonitorClient(base_url=BASE, token=token, transport=transport, retry=retry) as client,
        pytest.raises(OpStatusError) as caught,
    ):
        client.get_operation_status(**IDS)
    return caught.value


def _async_error(token: str, *, offset: int, status: int) -> OpStatusError:
    async def run() -> OpStatusError:
        transport = httpx.MockTransport(_answer(token, offset=offset, status=status))
        retry = opstatus.RetryPolicy(max_attempts=1)
        async with opstatus.AsyncMonitorClient(
            base_url=BASE, token=token, transport=transport, retry=retry
        ) as client:
            with pytest.raises(OpStatusError) as caught:
                await client.get_operation_status(**IDS)
        return caught.value

    return asyncio.run(run())


READS: Final = {"sync": _sync_error, "async": _async_error}
ERRORS: Final = {400: HttpError, 500: HttpError, 200: DecodeError}


def _assert_no_part_of(token: str, error: OpStatusError) -> None:
    body = getattr(error, "body", "")
    assert isinstance(body, str)
    assert len(body) <= CUT
    for text in (body, str(error), repr(error), getattr(error, "message", None) or ""):
        assert token[:16] not in text, f"a prefix of the token survived in {text[-80:]!r}"
        assert token[-16:] not in text


@pytest.mark.parametrize("status", sorted(ERRORS))
@pytest.mark.parametrize("kind", sorted(READS))
@pytest.mark.parametrize("offset", [CUT - 1579, CUT - 790, CUT - 16, CUT - 1], ids=["1579", "790", "16", "1"])
def test_a_token_straddling_the_cut_leaves_nothing_of_itself_in_the_body(
    kind: str, status: int, offset: int
) -> None:
    error = READS[kind](JWT_LIKE, offset=offset, status=status)

    assert isinstance(error, ERRORS[status])
    body: str = error.body  # type: ignore[attr-defined]
    assert "REDACTED"[: CUT - offset] in body  # the marker where the token was (the cut may fall in it)
    _assert_no_part_of(JWT_LIKE, error)


@pytest.mark.parametrize("status", sorted(ERRORS))
@pytest.mark.parametrize("kind", sorted(READS))
def test_a_10_kb_token_echoed_whole_is_scrubbed_before_the_cut(kind: str, status: int) -> None:
    token = _token(10_240)

    error = READS[kind](token, offset=100, status=status)

    assert isinstance(error, ERRORS[status])
    assert "REDACTED" in error.body  # type: ignore[attr-defined]
    _assert_no_part_of(token, error)


def test_a_body_that_ends_inside_a_token_keeps_no_prefix_of_it() -> None:
    token = _token(64)
    remember(token)

    assert scrub_and_cut("the server said " + token[:40], CUT) == "the server said REDACTED"


def test_scrubbing_first_keeps_the_text_after_the_token() -> None:
    token = _token(2000)
    remember(token)

    kept = scrub_and_cut("a" * 8000 + token + "b" * 500, CUT)

    assert kept == "a" * 8000 + "REDACTED" + "b" * (CUT - 8008)


def test_many_long_tokens_echoed_before_the_cut_still_leave_no_prefix() -> None:
    token = _token(30_000)
    remember(token)
    forms = [token, json.dumps(token)[1:-1]]

    kept = scrub_and_cut(" ".join(forms * 6) + " " + token, CUT)

    assert token[:16] not in kept
    assert kept.count("REDACTED") == 13
