"""Constructor arguments checked where they enter, with a clear ``ValueError`` / ``TypeError``.

A bad argument found at construction is the caller's bug and says so at once; found later it would
surface as a bare ``OverflowError`` deep in a socket call, or silently mean something else (``True``
seconds). Rules:

* a timeout is a number of seconds (``int``/``float``, not ``bool``), finite and > 0, or an
  ``httpx.Timeout`` whose phases are each such a number or ``None``; ``None`` means no limit
  (``inf`` is refused with the hint to pass ``None``);
* a base URL is a ``str`` or ``httpx.URL`` that parses, with a port in 1-65535 if it has one (the
  http(s) and no-credentials rules are ``_urls.normalise_base_url``'s).
"""

from __future__ import annotations

import math

import httpx

from ._urls import normalise_base_url

__all__ = ["check_base_url", "check_timeout"]


def _seconds(value: object, *, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number of seconds or None, got {type(value).__name__}")
    if math.isnan(value) or value <= 0:
        raise ValueError(f"{what} must be a number of seconds > 0 or None, got {value!r}")
    if math.isinf(value):
        raise ValueError(f"{what} must be finite, got {value!r} (pass None for no limit)")
    return float(value)


def check_timeout(value: object) -> httpx.Timeout | None:
    """The per-request timeout as an ``httpx.Timeout`` (None: no limit), or the error for ``value``."""
    if value is None:
        return None
    if isinstance(value, httpx.Timeout):
        for phase in ("connect", "read", "write", "pool"):
            limit = getattr(value, phase)
            if limit is not None:
                _seconds(limit, what=f"timeout.{phase}")
        return value
    return httpx.Timeout(_seconds(value, what="timeout"))


def check_base_url(value: object) -> httpx.URL:
    """``base_url`` parsed and normalised; ValueError for one that does not parse or has a bad port."""
    if not isinstance(value, str | httpx.URL):
        raise TypeError(f"base_url must be a str or httpx.URL, got {type(value).__name__}")
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise ValueError(f"base_url is not a valid URL: {exc}") from None
    if url.port is not None and not 1 <= url.port <= 65535:
        raise ValueError(f"base_url port must be in 1-65535, got {url.port}")
    return normalise_base_url(url)
