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
nesting too deep for Python's stack, or a member of the wrong JSON type (``"v": true``), is a
:class:`ContinuationTokenError`, never another exception.

What is never in it: a bearer token, a credential, a header. The URL is refused if it carries
``user:password@``. The prefix names the version, so a future format can be told apart from damage.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import urllib.parse
from typing import Any, Final

import attrs

from ._errors import ContinuationTokenError

__all__ = ["VERSION", "ContinuationState", "decode", "encode"]

VERSION: Final = 1
_PREFIX: Final = "opst"


@attrs.frozen(kw_only=True)
class ContinuationState:
    """What a token says: which API, which status URL, and when the operation was first seen."""

    api: str
    url: str
    first_seen: float
    last_http_status: int | None = None
    """The HTTP status of the last answer read before the token was made, if it was not 200."""


def encode(*, api: str, url: str, first_seen: float, last_http_status: int | None = None) -> str:
    """Make a token. Raises ValueError for a URL that carries credentials (they must not travel)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise ValueError("a status URL with user:password@ cannot go into a continuation token")
    payload: dict[str, Any] = {"v": VERSION, "api": api, "url": url, "first_seen": round(first_seen, 3)}
    if last_http_status is not None and last_http_status != 200:
        payload["last"] = last_http_status
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return f"{_PREFIX}{VERSION}." + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: object, *, api: str) -> ContinuationState:
    """Read a token made by :func:`encode` for the API ``api``.

    Raises :class:`ContinuationTokenError` saying which of these went wrong: not a token at all,
    a version this opstatus does not read, damaged content, or a token of another API.
    """
    if not isinstance(token, str):
        raise ContinuationTokenError(f"a continuation token is a string, got {type(token).__name__}")
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
        raise ContinuationTokenError(
            f"continuation token is damaged: header says version {VERSION}, data says {version!r}"
        )
    api, url, first_seen = payload.get("api"), payload.get("url"), payload.get("first_seen")
    if not isinstance(api, str) or not api:
        raise ContinuationTokenError("continuation token is damaged: 'api' is missing or not a string")
    if not isinstance(url, str) or urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ContinuationTokenError("continuation token is damaged: 'url' is missing or not an http(s) URL")
    if (
        isinstance(first_seen, bool)
        or not isinstance(first_seen, int | float)
        or not math.isfinite(first_seen)
    ):
        raise ContinuationTokenError("continuation token is damaged: 'first_seen' is missing or not a number")
    last = payload.get("last")
    if last is not None and (type(last) is not int or not 100 <= last <= 599):
        raise ContinuationTokenError("continuation token is damaged: 'last' is not an HTTP status")
    return ContinuationState(api=api, url=url, first_seen=float(first_seen), last_http_status=last)


def _preview(token: str) -> str:
    """Enough of a bad token to recognise it in a message, never all of something that may be a secret."""
    return repr(token[:12] + "...") if len(token) > 12 else repr(token)
