"""Issue 21 row 5: a forged continuation token never escapes the error hierarchy.

Every member of a decoded token is typed and range-checked before use (``opstatus._continuation``):
hypothesis forges each member in turn (wrong JSON types, huge integers, NaN and infinities, negative
numbers, bools standing in for numbers, nested junk) while the others stay valid, and ``decode`` as
well as ``resume()`` of the sync and async clients must answer with :class:`ContinuationTokenError`.
The command line's ``opstatus resume`` then exits 2 (usage error), not 1 ("operation failed").
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import math
from typing import Any, Final

import hypothesis.strategies as st
import opstatus
import pytest
from hypothesis import HealthCheck, given, settings
from opstatus import ContinuationTokenError
from opstatus._continuation import MAX_FIRST_SEEN, decode

BASE: Final = "http://127.0.0.1:9"  # never contacted: resume() only builds a poller
URL: Final = (
    f"{BASE}/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/"
    "privateLinkScopeOperationStatuses/op?api-version=2019-10-17-preview"
)
VALID: Final[dict[str, Any]] = {"v": 1, "api": "monitor", "url": URL, "first_seen": 1_700_000_000.5}


def forged(payload: dict[str, Any]) -> str:
    """A token holding ``payload`` as its JSON (NaN and infinities written as Python's json writes them)."""
    raw = json.dumps(payload, allow_nan=True).encode()
    return "opst1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.integers(max_value=-(10**300), min_value=-(10**400)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, -0.0, 5e-324]),
    st.text(max_size=20),
)
junk = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
"""Any JSON value, with numbers at and beyond every edge."""


def _in_range(value: object) -> bool:
    """What a token may say as ``first_seen`` (compared without converting: 10**400 is no float)."""
    if type(value) is int:
        return 0 <= value <= MAX_FIRST_SEEN
    return type(value) is float and math.isfinite(value) and 0 <= value <= MAX_FIRST_SEEN


bad_first_seen = st.one_of(
    junk.filter(lambda value: not _in_range(value)),
    st.just(MAX_FIRST_SEEN + 1),
    st.just(-1),
    st.just(-0.001),
    st.just(10**400),
)
bad_version = junk.filter(lambda value: not (type(value) is int and value == 1))
bad_api = junk.filter(lambda value: not isinstance(value, str)) | st.just("") | st.just("a" * 65)
bad_url = st.one_of(
    junk.filter(lambda value: not isinstance(value, str)),
    st.sampled_from(
        [
            "",
            "http://[::1",  # urlsplit's ValueError
            "http://127.0.0.1:99999/x",  # port out of range
            "http://127.0.0.1:abc/x",
            "file:///etc/passwd",
            "/relative/path",
            "http:///no-host",
            f"{URL}\x00",
            f"{URL}\r\nX-Injected: 1",
            f"{URL}\x9b2J",
            f"{URL}\ud800",
            BASE + "/" + "a" * 70_000,
        ]
    ),
)

bad_last = junk.filter(lambda value: value is not None and not (type(value) is int and 100 <= value <= 599))

FORGERIES: Final = {
    "v": bad_version,
    "api": bad_api,
    "url": bad_url,
    "first_seen": bad_first_seen,
    "last": bad_last,
}


def _resume_sync(token: str) -> None:
    with opstatus.MonitorClient(base_url=BASE) as client:
        client.resume(token)


def _resume_async(token: str) -> None:
    async def run() -> None:
        async with opstatus.AsyncMonitorClient(base_url=BASE) as client:
            client.resume(token)

    asyncio.run(run())


def _decode(token: str) -> None:
    decode(token, api="monitor")


READERS: Final = {"decode": _decode, "sync": _resume_sync, "async": _resume_async}


@pytest.mark.parametrize("member", sorted(FORGERIES))
@pytest.mark.parametrize("reader", sorted(READERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_forged_member_is_a_continuation_token_error(reader: str, member: str, data: st.DataObject) -> None:
    value = data.draw(FORGERIES[member], label=member)
    token = forged({**VALID, member: value})

    with pytest.raises(ContinuationTokenError) as caught:
        READERS[reader](token)

    assert repr(member) in str(caught.value) or "version" in str(caught.value)
    assert len(str(caught.value)) < 400  # the forged value is previewed, never copied whole


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("member", sorted(VALID))
def test_a_missing_member_is_a_continuation_token_error(reader: str, member: str) -> None:
    payload = {name: value for name, value in VALID.items() if name != member}

    with pytest.raises(ContinuationTokenError):
        READERS[reader](forged(payload))


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_400_digit_first_seen_is_a_continuation_token_error_not_an_overflow(reader: str) -> None:
    with pytest.raises(ContinuationTokenError, match="'first_seen'"):
        READERS[reader](forged({**VALID, "first_seen": 10**400}))


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_token_longer_than_any_real_one_is_refused_before_it_is_decoded(reader: str) -> None:
    with pytest.raises(ContinuationTokenError, match="characters"):
        READERS[reader]("opst1." + "A" * 200_000)


@pytest.mark.parametrize("first_seen", [0, 0.0, MAX_FIRST_SEEN, 1_700_000_000])
def test_every_first_seen_in_range_resumes_and_keeps_its_value(first_seen: float) -> None:
    state = decode(forged({**VALID, "first_seen": first_seen}), api="monitor")

    assert state.first_seen == float(first_seen)
    with opstatus.MonitorClient(base_url=BASE) as client:
        assert client.resume(forged({**VALID, "first_seen": first_seen})).continuation_token()


@pytest.mark.parametrize(
    "first_seen", [10**400, "1e999", [1], {"n": 1}, True], ids=["huge", "string", "array", "object", "bool"]
)
def test_opstatus_resume_exits_2_on_a_forged_token(first_seen: object) -> None:
    from opstatus.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(
        ["resume", forged({**VALID, "first_seen": first_seen}), "--base-url", BASE],
        stdout=out,
        stderr=err,
        environ={"OPSTATUS_TOKEN": "emulator"},
    )

    assert code == 2
    assert err.getvalue().startswith("error: ContinuationTokenError: ")
    assert "Traceback" not in err.getvalue()
