"""Bearer tokens in use, and the scrubber that keeps them out of every text opstatus lets out.

Headers are redacted by allowlist where opstatus writes them (``_logging``). That does not cover a
server that *echoes* the request (a 400 page quoting the ``Authorization`` header), nor httpcore's own
DEBUG lines, which print the response headers such a server sends. So every token :class:`BearerAuth`
hands out is remembered here (a small bounded set), and :func:`scrub_secrets` replaces it in every
form it can take in text: raw, JSON- or backslash-escaped, and percent-encoded (``quote`` and
``quote_plus``). The errors' constructors run it on what they carry (``.body``, ``.message``, the
text of ``str``), and :class:`SecretFilter` runs it on every record of the opstatus, httpx,
httpcore and aiohttp loggers, with ``_logging.redact_query_values`` (signed URLs), installed when
the first client is made.

**Scrub first, cut after** (issue 21): a text kept only in part (an error's ``.body`` keeps 8,192
characters) must be scrubbed *before* it is cut, or a token straddling the cut leaves its prefix
behind where no whole form of it is left to find. :func:`scrub_and_cut` scrubs a window long enough
that no remembered form can straddle its end into what is kept, then cuts, then drops a trailing
prefix of any remembered form (a body that itself ended inside a token) as ``REDACTED``.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable
from typing import Final

__all__ = ["REDACTED", "SecretFilter", "remember", "scrub_and_cut", "scrub_secrets"]

REDACTED: Final = "REDACTED"
_MAX_REMEMBERED: Final = 64
_MIN_LENGTH: Final = 8
"""Shorter strings are not scrubbed: replacing every "abc" in a message would corrupt it, not protect it."""
_MIN_PREFIX: Final = 4
"""The shortest trailing prefix of a token :func:`scrub_and_cut` replaces (shorter ones tell nothing)."""
_WINDOW_SLACK: Final = 64 * 1024
"""Beyond the longest remembered form, how much more than it keeps :func:`scrub_and_cut` scrubs: room for
pattern scrubbers (``scrub``'s ``sig=`` values) whose matches have no fixed length."""
_FILTERED_LOGGERS: Final = (
    "opstatus",
    "opstatus._client",
    "opstatus._http",
    "opstatus._auth",
    "opstatus._poller",
    "opstatus._status",
    "opstatus._machine",
    "opstatus._retry",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "aiohttp",
    "aiohttp.client",
    "aiohttp.internal",
    "aiohttp.access",
    "aiohttp.server",
    "aiohttp.web",
    "aiohttp.websocket",
)

_lock = threading.Lock()
_forms: OrderedDict[str, tuple[str, ...]] = OrderedDict()
_newest: list[str | None] = [None]
"""The secret last made the freshest entry of ``_forms`` (a one-item list, so it is set in place)."""


def _forms_of(secret: str) -> tuple[str, ...]:
    escaped = json.dumps(secret)[1:-1]
    forms = {
        secret,
        escaped,
        escaped.replace("/", "\\/"),
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote(secret),
        urllib.parse.quote_plus(secret),
        repr(secret)[1:-1],
    }
    return tuple(sorted((f for f in forms if len(f) >= _MIN_LENGTH), key=len, reverse=True))


def remember(secret: str) -> None:
    """Scrub ``secret`` (and the surrounding-whitespace-free form of it) from now on."""
    if secret is _newest[0]:
        # The token remembered last, as on every read of a client with one token: it is the
        # freshest already (``_forms`` only grows through here, so nothing newer came since).
        return
    if secret in _forms and secret.strip() is secret:
        # Sent before and still remembered (a token is sent with every read): keep it fresh, no more.
        # (``strip()`` gives the string itself back when there is nothing to strip: no second form.)
        with _lock:
            if secret in _forms:
                _forms.move_to_end(secret)
                _newest[0] = secret
                return
    if len(secret.strip()) < _MIN_LENGTH:
        return
    with _lock:
        for value in {secret, secret.strip()}:
            if value in _forms:
                _forms.move_to_end(value)
                continue
            _forms[value] = _forms_of(value)
            if len(_forms) > _MAX_REMEMBERED:
                _forms.popitem(last=False)
        # With two forms (surrounding whitespace), which of them came last is not known: no shortcut.
        _newest[0] = secret if secret.strip() is secret else None


def scrub_secrets(text: str) -> str:
    """``text`` with every remembered token, in each of its forms, replaced by ``REDACTED``."""
    if not _forms or not text:
        return text
    with _lock:
        all_forms = [form for forms in _forms.values() for form in forms]
    for form in all_forms:
        if form in text:
            text = text.replace(form, REDACTED)
    return text


def scrub_and_cut(text: str, limit: int, scrub: Callable[[str], str] | None = None) -> str:
    """The first ``limit`` characters of ``text`` once every secret in it is scrubbed.

    ``scrub`` is an extra scrubber run with :func:`scrub_secrets` on the same window (``_http.scrub``:
    SAS signatures, OAuth members). Work is bounded by ``limit`` and the longest remembered form, not
    by the size of ``text``: the window grows only while scrubbing shrinks it below what is kept.
    """
    with _lock:
        forms = [form for forms in _forms.values() for form in forms]
    longest = max(map(len, forms), default=0)
    size = limit + longest + _WINDOW_SLACK
    while True:
        window = text[:size]
        scrubbed = scrub_secrets(window if scrub is None else scrub(window))
        # A form cut by the window's own end lies past ``limit`` + slack unless scrubbing shrank the
        # window by more than that (many long tokens echoed): then scrub a longer window.
        if size >= len(text) or len(scrubbed) >= limit + longest + _WINDOW_SLACK:
            break
        size *= 2
    return _without_trailing_prefix(scrubbed[:limit], forms)


def _without_trailing_prefix(text: str, forms: list[str]) -> str:
    """``text`` with a trailing prefix (at least :data:`_MIN_PREFIX` characters) of any form replaced."""
    cut_at = len(text)
    for form in forms:
        start = max(0, len(text) - len(form) + 1)
        while True:
            start = text.find(form[0], start, len(text) - _MIN_PREFIX + 1)
            if start < 0:
                break
            if form.startswith(text[start:]):
                cut_at = min(cut_at, start)
                break
            start += 1
    return text if cut_at == len(text) else text[:cut_at] + REDACTED


class SecretFilter(logging.Filter):
    """Rewrites a log record whose text holds a remembered token or a query value (its args folded in).

    Query values go because other libraries' records print whole URLs (see ``_logging``); the
    traceback of a record with ``exc_info`` is formatted here, so it is rewritten too. Runs only for
    records a logger made, so a process that does not log at DEBUG pays nothing per request.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        from ._logging import redact_query_values  # not at import: _logging loads httpx (and its extras)

        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return True
        scrubbed = redact_query_values(scrub_secrets(message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_query_values(scrub_secrets(record.exc_text))
        return True


_installed: list[bool] = [False]


def install_filter() -> None:
    """Put one :class:`SecretFilter` on each logger that may print a token or a URL (idempotent, once).

    A filter on a logger sees only the records made on that very logger, hence the list of names.
    """
    if _installed[0]:
        return
    with _lock:
        for name in _FILTERED_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, SecretFilter) for f in logger.filters):
                logger.addFilter(SecretFilter())
        _installed[0] = True
