"""API keys: the ``apiKey`` security scheme of a spec (``Ocp-Apim-Subscription-Key: <key>``), as httpx auth.

A client of an API whose spec declares an ``apiKey`` scheme in a header takes ``api_key=``: a string, a
zero-argument function returning one (called before every request, so a rotated key is picked up), or
an object with a ``.key`` attribute (azure-core's ``AzureKeyCredential``, whose ``update()`` rotates it).
The key is a secret as a bearer token is: it is registered with :mod:`opstatus._secrets` (scrubbed from
exception text, reprs and the log records of opstatus, httpx and httpcore), never shown by ``repr``, and
only sent over https or plain http to a loopback address (:func:`opstatus._urls.check_token_transport`).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator

import httpx

from ._errors import CredentialError
from ._headers import set_header
from ._secrets import install_filter, remember
from ._urls import check_token_transport

__all__ = ["ApiKeyAuth", "check_api_key_source"]

_VISIBLE_ASCII = range(0x21, 0x7F)


def check_api_key_source(api_key: object) -> None:
    """TypeError unless ``api_key`` is a non-empty string, a callable, or has a ``.key`` attribute."""
    if isinstance(api_key, str):
        if not api_key.strip():
            raise TypeError("api_key must not be empty")
        return
    if callable(api_key) or hasattr(api_key, "key"):
        return
    raise TypeError(
        "api_key must be a string, a zero-argument function returning one, or an object with a .key "
        f"attribute (azure-core's AzureKeyCredential), got {type(api_key).__name__}"
    )


class ApiKeyAuth(httpx.Auth):
    """Sets the spec's API-key header (``header``) on every request from ``api_key`` (see the module)."""

    def __init__(self, *, api_key: object, header: str) -> None:
        check_api_key_source(api_key)
        self._source = api_key
        self._header = header.encode("ascii")
        self.header = header
        install_filter()
        if isinstance(api_key, str):
            remember(api_key.strip())

    def __repr__(self) -> str:
        source = self._source
        if isinstance(source, str):
            shown = "<str REDACTED>"
        elif hasattr(source, "key") and not callable(source):
            shown = f"<{type(source).__name__} REDACTED>"
        else:
            shown = f"<callable {getattr(source, '__qualname__', type(source).__name__)}>"
        return f"ApiKeyAuth(header={self.header!r}, api_key={shown})"

    __str__ = __repr__

    def key(self) -> str:
        """The key to send now; :class:`CredentialError` (never showing it) if it cannot be sent."""
        source = self._source
        try:
            value = source if isinstance(source, str) else getattr(source, "key", None)
            if value is None and callable(source):
                value = source()
        except Exception as exc:  # a user's key function: say which, never what it raised with
            raise CredentialError(f"api_key= raised {type(exc).__name__}; no key was sent") from None
        if not isinstance(value, str) or not value.strip():
            raise CredentialError("api_key= gave no key (an empty value or not a string); nothing was sent")
        value = value.strip()
        if any(ord(char) not in _VISIBLE_ASCII for char in value):
            raise CredentialError("api_key= gave a key with a space, control or non-ASCII character; refused")
        remember(value)
        return value

    def _apply(self, request: httpx.Request) -> None:
        check_token_transport(request.url)
        set_header(request.headers, self._header, self.key().encode("ascii"))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self._apply(request)
        yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        self._apply(request)
        yield request
