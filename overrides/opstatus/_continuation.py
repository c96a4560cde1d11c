"""Continuation tokens: a plain string that lets another process (or a later run) resume a wait.

Format: ``"opst1." + base64url(JSON)`` without padding, the JSON being
``{"v": 1, "api": <API key>, "url": <absolute status URL>, "first_seen": <unix seconds>}``, plus
``"last": <HTTP status>`` when the last answer read was not a ``200`` (an ARM ``Location`` URL's ``202``).

What is in it, and why:

* ``api`` so a token handed to the wrong client fails clearly instead of polling a URL it cannot read;
* ``url`` the status resource itself, so resuming needs no other call;
* ``first_seen`` (when the operation was first seen, wall-clock seconds) so a resumed poller keeps the
  schedule's pace: an operation already an hour old is read every few minutes, not every second.
  The polling policy is deliberately *not* in the token: it belongs to the client that resumes;
* ``last`` (optional) so a resumed wait keeps one meaning per outcome: a ``Location`` URL that had
  answered ``202`` and answers a 4xx after the resume is the operation's failure, as without the resume
  (``opstatus._arm_protocol``). Left out for a ``200``, so the tokens of the status APIs are unchanged.

Decoding is defensive: a token is input from anywhere (a file, a queue, another team's service), so
every member is typed and range-checked before anything uses it, and whatever is wrong is a
:class:`ContinuationTokenError` naming the member, never another exception (issue 21: a 400-digit
``first_seen`` used to escape as ``OverflowError``):

* the token itself: a string of at most :data:`MAX_TOKEN_CHARS` characters (read no further);
* ``v``: the integer 1 (not ``true``, not ``1.0``);
* ``api``: a non-empty string of at most 64 characters;
* ``url``: a string of at most :data:`MAX_URL_CHARS` characters with no control character or lone
  surrogate, that parses as an absolute ``http``/``https`` URL with a host (whether it is on the
  client's own origin is the client's check, :class:`UnsafeUrlError`);
* ``first_seen``: a finite JSON number (not a bool, not NaN or an infinity, whatever its size), from
  0 (1970) to :data:`MAX_FIRST_SEEN` (the end of year 9999), so the age a resumed poller computes
  from it is always a modest float;
* ``last`` (optional): an integer HTTP status from 100 to 599;
* nesting too deep for Python's stack is refused too. Members the format does not name are ignored.

Error messages show a bad value only as its type or a short preview, never all of it.

What is never in it: a bearer token, a credential, a header. The URL is refused if it carries
``user:password@``. The prefix names the version, so a future format can be told apart from damage.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import urllib.parse
from typing import Any, Final

import attrs

from ._errors import ContinuationTokenError

__all__ = [
    "MAX_FIRST_SEEN",
    "MAX_TOKEN_CHARS",
    "MAX_URL_CHARS",
    "VERSION",
    "ContinuationState",
    "decode",
    "encode",
    "recorded_status",
]

VERSION: Final = 1
_PREFIX: Final = "opst"
MAX_TOKEN_CHARS: Final = 128 * 1024
"""The longest token read: a real one is its URL plus about 100 characters."""
MAX_URL_CHARS: Final = 64 * 1024
"""The longest status URL a token may carry (far above any service's URL length limit)."""
MAX_FIRST_SEEN: Final = 253_402_300_799
"""9999-12-31T23:59:59Z in unix seconds: the latest ``first_seen`` a token may say."""
_MAX_API_CHARS: Final = 64
_CONTROL_OR_SURROGATE: Final = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@attrs.frozen(kw_only=True)
class ContinuationState:
    """What a token says: which API, which status URL, and when the operation was first seen."""

    api: str
    url: str
    first_seen: float
    last_http_status: int | None = None
    """The HTTP status of the last answer read before the token was made, if it was not 200."""


def recorded_status(last_http_status: int | None) -> int | None:
    """The last HTTP status as a token records it: 200 (the usual answer) is left out, like none yet."""
    return None if last_http_status == 200 else last_http_status


def encode(*, api: str, url: str, first_seen: float, last_http_status: int | None = None) -> str:
    """Make a token. Raises ValueError for a URL that carries credentials (they must not travel)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise ValueError("a status URL with user:password@ cannot go into a continuation token")
    payload: dict[str, Any] = {"v": VERSION, "api": api, "url": url, "first_seen": round(first_seen, 3)}
    last = recorded_status(last_http_status)
    if last is not None:
        payload["last"] = last
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return f"{_PREFIX}{VERSION}." + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: object, *, api: str) -> ContinuationState:
    """Read a token made by :func:`encode` for the API ``api``.

    Raises :class:`ContinuationTokenError` saying which of these went wrong: not a token at all,
    a version this opstatus does not read, damaged content, or a token of another API.
    """
    if not isinstance(token, str):
        raise ContinuationTokenError(f"a continuation token is a string, got {type(token).__name__}")
    if len(token) > MAX_TOKEN_CHARS:
        raise ContinuationTokenError(
            f"continuation token is damaged: {len(token)} characters, more than any token "
            f"(at most {MAX_TOKEN_CHARS})"
        )
    head, dot, body = token.strip().partition(".")
    if not dot or not head.startswith(_PREFIX):
        raise ContinuationTokenError(
            "not an opstatus continuation token "
            f"(expected '{_PREFIX}{VERSION}.<data>', got {_preview(token)})"
        )
    version = head[len(_PREFIX) :]
    if version != str(VERSION):
        raise ContinuationTokenError(
            f"continuation token version {version!r} is not supported (this opstatus reads version "
            f"{VERSION}); resume it with the opstatus version that made it"
        )
    payload = _payload(body)
    state = _state(payload)
    if state.api != api:
        raise ContinuationTokenError(
            f"continuation token belongs to the {state.api!r} API; this client is for {api!r}"
        )
    return state


def _payload(body: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError) as exc:
        raise ContinuationTokenError(
            f"continuation token is damaged: its data is not base64url JSON ({exc})"
        ) from None
    except RecursionError:  # a hostile token nested deeper than Python's stack; a real one is flat
        raise ContinuationTokenError("continuation token is damaged: its data nests too deeply") from None


def _state(payload: Any) -> ContinuationState:
    if not isinstance(payload, dict):
        raise ContinuationTokenError("continuation token is damaged: its data is not a JSON object")
    version = payload.get("v")
    if type(version) is not int or version != VERSION:  # `true == 1` in Python; a bool is not a version
        shown = version if type(version) is int and abs(version) < 10**6 else _kind(version)
        raise ContinuationTokenError(
            f"continuation token is damaged: header says version {VERSION}, data says {shown}"
        )
    api, url = _api(payload.get("api")), _url(payload.get("url"))
    first_seen = _first_seen(payload.get("first_seen"))
    last = payload.get("last")
    if last is not None and (type(last) is not int or not 100 <= last <= 599):
        raise ContinuationTokenError(
            f"continuation token is damaged: 'last' is not an HTTP status (100-599), got {_kind(last)}"
        )
    return ContinuationState(api=api, url=url, first_seen=first_seen, last_http_status=last)


def _api(api: object) -> str:
    if not isinstance(api, str) or not api or len(api) > _MAX_API_CHARS:
        raise ContinuationTokenError(
            "continuation token is damaged: 'api' is missing or not a string (a non-empty one of at most "
            f"{_MAX_API_CHARS} characters), got {_kind(api)}"
        )
    return api


def _url(url: object) -> str:
    problem = f"got {_kind(url)}" if not isinstance(url, str) else _url_problem(url)
    if problem:
        raise ContinuationTokenError(
            f"continuation token is damaged: 'url' is missing or not an http(s) URL: {problem}"
        )
    assert isinstance(url, str)
    return url


def _url_problem(url: str) -> str | None:
    """What is wrong with a token's URL as a URL (None: nothing); its origin is the client's check."""
    if len(url) > MAX_URL_CHARS:
        return f"{len(url)} characters long (at most {MAX_URL_CHARS})"
    if _CONTROL_OR_SURROGATE.search(url):
        return "it holds a control character or a lone surrogate"
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"it does not parse ({exc})"
    if parts.scheme not in ("http", "https") or not host:
        return "not an absolute http(s) URL with a host"
    return None


def _first_seen(first_seen: object) -> float:
    # Checked as the JSON type it is before any conversion: float() of a 400-digit int overflows,
    # and a bool is an int in Python.
    if type(first_seen) is int:
        number: float | None = float(first_seen) if 0 <= first_seen <= MAX_FIRST_SEEN else None
    elif type(first_seen) is float:
        number = first_seen if math.isfinite(first_seen) and 0 <= first_seen <= MAX_FIRST_SEEN else None
    else:
        number = None
    if number is None:
        raise ContinuationTokenError(
            "continuation token is damaged: 'first_seen' is missing or not a number of unix seconds from "
            f"0 to {MAX_FIRST_SEEN} (year 9999), got {_kind(first_seen)}"
        )
    return number


def _kind(value: object) -> str:
    """A bad value as a message shows it: a short preview of a string or number, else its JSON type."""
    if isinstance(value, str):
        return f"the string {_preview(value)}"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if type(value) is int:
        return str(value) if abs(value) < 10**15 else f"an integer of {value.bit_length()} bits"
    if type(value) is float:
        return repr(value)
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _preview(token: str) -> str:
    """Enough of a bad token to recognise it in a message, never all of something that may be a secret."""
    return repr(token[:12] + "...") if len(token) > 12 else repr(token)
