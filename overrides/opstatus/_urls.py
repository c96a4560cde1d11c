"""Where requests may go: path values that cannot change the URL, and URLs a service hands back.

Three rules live here, because each one keeps the bearer token where it belongs:

* **Path values** (ids the caller passes) are refused, not silently encoded, when they could change
  which resource the URL names: empty, ``.``/``..``, or containing ``/ \\ ? # %`` or a control
  character. Everything else is percent-encoded (``quote(safe="")``, as the generated request builders
  do). ``%`` is refused rather than encoded because a caller passing an already-encoded id would get a
  double-encoded URL that silently names nothing; we encode, the caller never does.
* **URLs from a service** (``Location``, ``Azure-AsyncOperation``, Graph result links, continuation
  tokens) are resolved against the client's base URL (CPP sends relative ones) and must stay on the
  client's origin (scheme, host, port); anything else raises :class:`UnsafeUrlError`.
* **A bearer token** only travels over https, or plain http to a loopback address (127.0.0.0/8, ::1,
  ``localhost``: the emulator).

A status URL is built without parsing it (:func:`encode_path_value`, :func:`join_encoded`): its pieces
are the client's base URL, parsed once, a route template from the spec, and values encoded here, so
the URL is in httpx's canonical form by construction, and re-parsing it per read (httpx's parse of a
new URL costs about 25 µs, most of a status read's own CPU; issue 22) only confirms what is known.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import quote

import httpx

from ._errors import InvalidParameterError, UnsafeUrlError

__all__ = [
    "check_path_value",
    "check_query_value",
    "check_token_transport",
    "encode_path_value",
    "encode_path_values",
    "is_canonical_path",
    "is_loopback",
    "join_encoded",
    "normalise_base_url",
    "origin",
    "resolve_service_url",
    "with_path_suffix",
]

_UNSAFE_IN_PATH = re.compile(r"[/\\?#%\x00-\x1f\x7f\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # a lone surrogate has no UTF-8 form: it cannot be sent
_NOT_TEXT = "must be valid Unicode text (it holds a lone surrogate, which has no UTF-8 encoding)"
_DOT_SEGMENTS = frozenset({".", ".."})


def check_path_value(name: str, value: object) -> str:
    """Return ``value`` if it is a safe path segment; else raise :class:`InvalidParameterError`."""
    if not isinstance(value, str):
        raise InvalidParameterError(name=name, value=repr(value), reason="must be a string")
    if not value:
        raise InvalidParameterError(name=name, value=value, reason="must not be empty")
    if value in _DOT_SEGMENTS:
        raise InvalidParameterError(name=name, value=value, reason="a dot segment would change the path")
    found = _UNSAFE_IN_PATH.search(value)
    if found is not None:
        char = found.group()
        if char == "%":
            reason = "must not be percent-encoded: pass the plain id, it is encoded for you"
        elif _CONTROL.match(char):
            reason = "must not contain control characters"
        elif _SURROGATE.match(char):
            reason = _NOT_TEXT
        else:
            reason = f"must not contain {char!r}: it would change the URL"
        raise InvalidParameterError(name=name, value=value, reason=reason)
    return value


_UNRESERVED: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
"""RFC 3986's unreserved characters: what ``quote(value, safe="")`` leaves as it is."""
_ALL_UNRESERVED: Final = re.compile(f"[{re.escape(_UNRESERVED)}]+").fullmatch
"""Whether a value is only unreserved characters, one or more (a GUID: ~150 ns; ``rstrip`` ~250 ns)."""


def encode_path_value(name: str, value: object) -> str:
    """``value`` checked as :func:`check_path_value` does, then percent-encoded (``quote(safe="")``).

    Most ids (GUIDs, names) hold only unreserved characters: such a value is safe and encodes to
    itself, which one match tells (:func:`check_path_value`'s searches and ``quote``'s own work cost
    more per value).
    """
    if type(value) is str and _ALL_UNRESERVED(value) and value not in _DOT_SEGMENTS:
        return value
    return quote(check_path_value(name, value), safe="")


def encode_path_values(names: tuple[str, ...], values: Mapping[str, object]) -> list[str]:
    """:func:`encode_path_value` of each of ``names`` in ``values`` (a missing one is ``None``), in
    order: the same test and result, without a call per value (a status read of a new operation
    encodes three or four, issue 22)."""
    encoded = []
    for name in names:
        value = values.get(name)
        if type(value) is not str or not _ALL_UNRESERVED(value) or value in _DOT_SEGMENTS:
            value = quote(check_path_value(name, value), safe="")
        encoded.append(value)
    return encoded


# What httpx's parse leaves as it is in a path and in a query (httpx/_urlparse.py, PATH_SAFE and
# QUERY_SAFE with the unreserved characters: printable ASCII less the WHATWG percent-encode sets;
# ``%`` stays as it is). Pinned httpx < 0.29; tests/overrides/test_url_building.py compares them
# with httpx's own parse, character by character.
_QUERY_KEEPS: Final = "".join(chr(code) for code in range(0x21, 0x7F) if chr(code) not in '"#<>')
_PATH_KEEPS: Final = "".join(char for char in _QUERY_KEEPS if char not in "?`{}")
_CANONICAL_PATH: Final = re.compile(f"/[{re.escape(_PATH_KEEPS)}]*")
_CANONICAL_QUERY: Final = re.compile(f"[{re.escape(_QUERY_KEEPS)}]*")
_LONGEST_BUILT = 4096
"""Longer paths and queries are left to httpx's parse (its own length limit applies there)."""


def is_canonical_path(path: str) -> bool:
    """Whether httpx's parse keeps ``path`` (an absolute path, no query) exactly as it is."""
    return bool(_CANONICAL_PATH.fullmatch(path)) and not (
        "/." in path and bool(_DOT_SEGMENTS.intersection(path.split("/")))
    )


def join_encoded(base: httpx.URL, path_and_query: str, *, canonical: bool = False) -> httpx.URL:
    """``base`` (normalised: :func:`normalise_base_url`) with ``path_and_query`` appended to its path,
    the URL ``httpx.URL(str(base).rstrip("/") + path_and_query)`` gives, without parsing it again.

    httpx keeps a parsed URL as a tuple of its canonical parts (``_uri_reference``, pinned httpx <
    0.29): the base's scheme, host and port are parsed already, and a path and query that hold only
    characters httpx's parse keeps as they are (and no ``.``/``..`` segment, which it would remove) are
    canonical as given. Anything else (a template or a value with other characters) goes through
    httpx's parse as before, so the result is the same URL either way. ``canonical``: the caller
    vouches for that form (:attr:`opstatus._routes.Route.canonical`), and it is not checked again.
    """
    path, mark, query = path_and_query.partition("?")
    if len(path_and_query) <= _LONGEST_BUILT and (
        canonical or (is_canonical_path(path) and _CANONICAL_QUERY.fullmatch(query))
    ):
        parsed = base._uri_reference
        url = httpx.URL.__new__(httpx.URL)
        # tuple.__new__: what the NamedTuple's own __new__ calls, less a Python frame (~100 ns)
        url._uri_reference = tuple.__new__(
            type(parsed),
            (
                parsed.scheme,
                parsed.userinfo,
                parsed.host,
                parsed.port,
                parsed.path.rstrip("/") + path,
                query if mark else None,
                None,
            ),
        )
        return url
    return httpx.URL(str(base).rstrip("/") + path_and_query)


def with_path_suffix(stem: httpx.URL, suffix: str) -> httpx.URL | None:
    """``stem`` (from :func:`join_encoded`, with a canonical path) with ``suffix`` appended to its
    path, query kept: the URL ``join_encoded`` gives for the longer path. ``suffix`` must be canonical
    path text (encoded values, a canonical route's literal text). ``None`` where the result would be
    longer than what ``join_encoded`` builds itself (the caller builds that one whole)."""
    parsed = stem._uri_reference
    path, query = parsed.path + suffix, parsed.query
    if len(path) + (len(query) + 1 if query is not None else 0) > _LONGEST_BUILT:
        return None
    url = httpx.URL.__new__(httpx.URL)
    url._uri_reference = tuple.__new__(
        type(parsed), (parsed.scheme, parsed.userinfo, parsed.host, parsed.port, path, query, None)
    )
    return url


def check_query_value(name: str, value: object) -> str:
    """Return ``value`` if it is a usable query value (httpx encodes it); else raise."""
    if not isinstance(value, str):
        raise InvalidParameterError(name=name, value=repr(value), reason="must be a string")
    if not value:
        raise InvalidParameterError(name=name, value=value, reason="must not be empty")
    if _CONTROL.search(value):
        raise InvalidParameterError(name=name, value=value, reason="must not contain control characters")
    if _SURROGATE.search(value):
        raise InvalidParameterError(name=name, value=value, reason=_NOT_TEXT)
    return value


def normalise_base_url(base_url: str | httpx.URL) -> httpx.URL:
    """An absolute http(s) base URL without query, fragment or trailing slash."""
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise UnsafeUrlError(f"base_url must be an absolute http(s) URL, got {str(url)!r}")
    if url.query or url.fragment or url.userinfo:
        raise UnsafeUrlError("base_url must not carry a query, a fragment or credentials")
    return url.copy_with(path=url.path.rstrip("/") or "/")


def origin(url: httpx.URL) -> str:
    """``scheme://host[:port]`` - what two URLs must share for a token to go to both."""
    port = f":{url.port}" if url.port is not None else ""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}{port}"


def resolve_service_url(url: str, *, base_url: httpx.URL, api_version: str | None) -> httpx.URL:
    """Resolve a URL a service handed back and check it stays on the client's origin.

    Relative URLs (CPP's ``Location``) resolve against ``base_url`` as a directory, so
    ``reports/x`` under ``https://graph.microsoft.com/v1.0`` stays under ``/v1.0``. When the API has an
    ``api-version`` and the URL lacks one, it is added (the status endpoint requires it).
    """
    if not isinstance(url, str) or not url.strip():
        raise UnsafeUrlError(f"expected a status URL, got {url!r}")
    if _CONTROL.search(url):
        raise UnsafeUrlError("a status URL must not contain control characters")
    if _SURROGATE.search(url):
        raise UnsafeUrlError("a status URL must be valid Unicode text (it holds a lone surrogate)")
    directory = base_url.copy_with(path=base_url.path.rstrip("/") + "/")
    try:
        resolved = directory.join(url.strip())
    except httpx.InvalidURL as exc:
        raise UnsafeUrlError(f"not a valid URL: {exc}") from None
    if resolved.userinfo:
        raise UnsafeUrlError("a status URL must not carry credentials")
    if origin(resolved) != origin(base_url):
        raise UnsafeUrlError(
            f"refusing a URL on {origin(resolved)}: this client only talks to {origin(base_url)} "
            "(its base_url), so the bearer token never goes to another host"
        )
    resolved = resolved.copy_with(fragment=None)
    if api_version is not None and "api-version" not in resolved.params:
        resolved = resolved.copy_merge_params({"api-version": api_version})
    return resolved


@functools.lru_cache(maxsize=64)
def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and the name ``localhost`` (where the emulator runs).

    Asked before every request that carries a token, about the few hosts a process talks to:
    remembered, as parsing the address costs more than the rest of the check.
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_token_transport(url: httpx.URL) -> None:
    """Raise :class:`UnsafeUrlError` unless a bearer token may be sent to ``url``."""
    scheme = url.scheme
    if scheme == "https" or (scheme == "http" and is_loopback(url.host)):
        return
    raise UnsafeUrlError(
        f"refusing to send a bearer token to {origin(url)}: tokens go only over https, "
        "or plain http to a loopback address (127.0.0.1, ::1, localhost)"
    )
