"""What a request log line may show: redacted URLs and allowlisted headers.

One DEBUG line per HTTP request (each retry attempt is a request), on the ``opstatus._http`` logger:
method, URL, status, elapsed milliseconds, and headers. Redaction is by allowlist, never by blocklist:

* query values show as ``REDACTED`` except ``api-version`` (SAS signatures travel in queries);
  user info in a URL is dropped;
* request and response headers show their value only when the name is on :data:`SAFE_HEADERS`;
  every other header (``Authorization`` first of all) shows as ``REDACTED``. URL-valued headers on the
  list (``Location``, ``Azure-AsyncOperation``) have their query values redacted too.

Other libraries' records are not written here: httpx's INFO request line prints the whole URL, and
httpcore's DEBUG records print the response headers (``Location`` with a ``sig=``). So
:func:`redact_query_values` redacts every query value but ``api-version`` in any text, by pattern (a
``?`` or ``&``, a name, ``=``, a value), and ``_secrets.SecretFilter`` runs it on every record of the
opstatus, httpx, httpcore and aiohttp loggers (issue 21). The continuation token is no log record: it
keeps its URL whole, as documented.

The library never configures logging: the package logger has a ``NullHandler`` (see ``__init__``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import httpx

__all__ = [
    "REDACTED",
    "SAFE_HEADERS",
    "SAFE_QUERY_KEYS",
    "redact_headers",
    "redact_query_values",
    "redact_url",
    "request_line",
]

REDACTED = "REDACTED"

SAFE_QUERY_KEYS = frozenset({"api-version"})

SAFE_HEADERS = frozenset(
    {
        "accept",
        "azure-asyncoperation",
        "client-request-id",
        "content-length",
        "content-type",
        "date",
        "host",
        "location",
        "request-id",
        "retry-after",
        "retry-after-ms",
        "user-agent",
        "x-ms-client-request-id",
        "x-ms-correlation-request-id",
        "x-ms-request-id",
        "x-ms-retry-after-ms",
    }
)
_URL_HEADERS = frozenset({"location", "azure-asyncoperation"})
_QUERY_PAIR = re.compile(r"([?&][^=&?#\s'\"<>\\]+=)([^&#\s'\"<>\\]+)")
"""``?name=value`` / ``&name=value`` in free text; a value ends at ``&``, ``#``, a space, a quote or ``>``
(the ends of a URL in a repr of bytes, a log line or markup)."""


def redact_query_values(text: str) -> str:
    """``text`` with the value of every query pair that is not ``api-version`` replaced by ``REDACTED``."""
    if "=" not in text:
        return text
    return _QUERY_PAIR.sub(_redacted_pair, text)


def _redacted_pair(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[1:-1].lower() in SAFE_QUERY_KEYS or match.group(2) == REDACTED:
        return match.group(0)
    return name + REDACTED


def redact_url(url: httpx.URL | str) -> str:
    """The URL with user info dropped and every query value but ``api-version`` replaced."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return REDACTED
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    if not parsed.query:
        return str(parsed.copy_with(fragment=None))
    pairs = [
        (key, value if key.lower() in SAFE_QUERY_KEYS else REDACTED)
        for key, value in parsed.params.multi_items()
    ]
    return str(parsed.copy_with(query=None, fragment=None, params=pairs))


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Header name -> value for allowlisted names, ``REDACTED`` for every other name."""
    shown: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        if key not in SAFE_HEADERS:
            shown[name] = REDACTED
        elif key in _URL_HEADERS:
            shown[name] = redact_url(value)
        else:
            shown[name] = value
    return shown


def request_line(
    request: httpx.Request,
    response: httpx.Response | None,
    *,
    elapsed: float,
    attempt: int,
    outcome: str = "",
) -> str:
    """The one log line for one request: ``GET <url> -> 200 in 12.3 ms (attempt 1) ...``."""
    status = str(response.status_code) if response is not None else outcome
    took = f"{elapsed * 1000:.1f} ms"
    parts = [
        f"{request.method} {redact_url(request.url)} -> {status} in {took} (attempt {attempt})",
        f"request headers {redact_headers(request.headers.multi_items())}",
    ]
    if response is not None:
        parts.append(f"response headers {redact_headers(response.headers.multi_items())}")
    return "; ".join(parts)
