"""One small error hierarchy, rooted in :class:`OpStatusError`.

Every error reads ``"<code>: <message> (request id <id>)"`` when the service gave those, so a log line or
a CLI message says what happened without a traceback. HTTP errors carry the response body (the service's
own words) but never a request header: the bearer token cannot travel on an exception.

Two families matter to callers:

* reading the status failed (:class:`HttpError` and its kinds, :class:`TransportError`,
  :class:`DecodeError`): ARM's rule - a 4xx/5xx on a status URL says nothing about the operation itself;
* the operation itself ended badly, or waiting gave up (:class:`OperationFailedError`,
  :class:`OperationCanceledError`, :class:`PollingTimeoutError`).

Which built-in exceptions they also are (the decision, pinned by ``tests/overrides/test_errors.py``):
a built-in base is mixed in only where it names what *the caller* did, so an ``except`` written for
that built-in means the same thing here as everywhere else in Python.

* ``ValueError``: a value the caller passed cannot be used (:class:`InvalidParameterError`,
  :class:`UnsafeUrlError`, :class:`ContinuationTokenError`), as ``int("x")`` raises it.
* ``TimeoutError``: a time budget the caller set for a wait ran out (:class:`PollingTimeoutError`), as
  ``asyncio.timeout`` and ``concurrent.futures`` raise it. That this makes it an ``OSError`` is
  Python's choice (``TimeoutError`` has been an ``OSError`` since 3.3), not a claim about the network.
* Nothing else: :class:`TransportError` (no usable answer) is *not* an ``OSError`` or a
  ``TimeoutError``, although a socket error or an HTTP timeout may be its ``__cause__``: it is raised
  only after the retries allowed, says which request failed, and must not be caught by code that
  handles the caller's own file or socket errors. A read that ran out of its ``timeout=`` is a
  :class:`TransportError` too: the answer did not come, whatever limit was set.

Request ids: HTTP, decode and transport errors carry ``request_id`` (the service's, from
``x-ms-request-id``/``request-id``) and ``client_request_id`` (the ``x-ms-client-request-id`` opstatus
sent, a uuid4 per status read): quote both to Azure support.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._secrets import scrub_secrets
from ._state import OperationState

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "ContinuationTokenError",
    "CredentialError",
    "DecodeError",
    "HttpError",
    "InvalidParameterError",
    "NotFoundError",
    "OpStatusError",
    "OperationCanceledError",
    "OperationError",
    "OperationFailedError",
    "PermissionDeniedError",
    "PollingTimeoutError",
    "ResponseTooLargeError",
    "ServiceError",
    "ThrottledError",
    "TransportError",
    "UnsafeUrlError",
]


def _describe(code: str | None, message: str | None, request_id: str | None, fallback: str) -> str:
    text = f"{code}: {message}" if code and message else (message or code or fallback)
    return f"{text} (request id {request_id})" if request_id else text


def _scrubbed(text: str | None) -> str | None:
    return None if text is None else scrub_secrets(text)


class OpStatusError(Exception):
    """Base of every error opstatus raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Most kinds take keyword-only arguments, which pickle's default (``cls(*args)``) cannot call:
        # rebuild from the message and the attributes instead, so an error crosses process boundaries
        # (multiprocessing, concurrent.futures) as the same class with the same fields.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[OpStatusError], args: tuple[Any, ...], state: dict[str, Any]) -> OpStatusError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


# --- bad input on our side --------------------------------------------------------------------------


class InvalidParameterError(OpStatusError, ValueError):
    """A path or query value was refused before any request was sent (it could change the URL)."""

    def __init__(self, *, name: str, value: str, reason: str) -> None:
        self.name = name
        self.value = value
        self.reason = reason
        super().__init__(f"invalid {name} {value!r}: {reason}")


class UnsafeUrlError(OpStatusError, ValueError):
    """A URL was refused: another host than the client's, or a token would travel over plain http."""


class ContinuationTokenError(OpStatusError, ValueError):
    """A continuation token is malformed, of an unknown version, or belongs to another API."""


class CredentialError(OpStatusError):
    """The credential could not produce a token (the credential's own error is the ``__cause__``)."""


# --- reading the status failed ----------------------------------------------------------------------


class TransportError(OpStatusError):
    """No usable HTTP response: connection refused or dropped, read timeout (after the retries allowed).

    ``client_request_id`` is the ``x-ms-client-request-id`` the failed read sent (``None`` if none went out).
    The message quotes the httpx error, which may quote what a server sent: bearer tokens are scrubbed.
    """

    client_request_id: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(scrub_secrets(message))


class HttpError(OpStatusError):
    """The service answered a status request with an error status.

    Attributes are what the service said; ``body`` is the raw response text (size-limited by the caller),
    ``headers`` holds only allowlisted response headers (request ids, Retry-After, content type).
    ``client_request_id`` is the ``x-ms-client-request-id`` opstatus sent with the read.
    """

    client_request_id: str | None = None

    def __init__(
        self,
        *,
        status_code: int,
        code: str | None = None,
        message: str | None = None,
        request_id: str | None = None,
        body: str = "",
        headers: Mapping[str, str] | None = None,
        url: str = "",
    ) -> None:
        # A server may echo the request, Authorization header included: nothing it said keeps a token.
        code, message, request_id = _scrubbed(code), _scrubbed(message), _scrubbed(request_id)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.request_id = request_id
        self.body = scrub_secrets(body)
        self.headers = {name: scrub_secrets(value) for name, value in (headers or {}).items()}
        self.url = url
        super().__init__(_describe(code, message, request_id, f"HTTP {status_code}"))


class BadRequestError(HttpError):
    """400 and other 4xx not covered below: the request was malformed (e.g. a wrong api-version)."""


class AuthenticationError(HttpError):
    """401: the token is missing, expired or not accepted."""


class PermissionDeniedError(HttpError):
    """403: the identity has no access to this operation."""


class NotFoundError(HttpError):
    """404: no such operation (or parent resource)."""


class ThrottledError(HttpError):
    """429 after the retries allowed; ``retry_after`` is the server's last requested delay in seconds."""

    def __init__(self, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(**kwargs)


class ServiceError(HttpError):
    """5xx, or a status code no standard knows (499, 520), after the retries allowed."""


class DecodeError(OpStatusError):
    """A response body is not what the spec says (not JSON, wrong types, missing required fields).

    ``where`` names the offending place (a JSON path or model name); ``body`` is the raw text;
    ``client_request_id`` the ``x-ms-client-request-id`` opstatus sent with the read.
    """

    client_request_id: str | None = None

    def __init__(
        self,
        *,
        reason: str,
        where: str = "",
        body: str = "",
        status_code: int | None = None,
        request_id: str | None = None,
    ) -> None:
        reason, request_id = scrub_secrets(reason), _scrubbed(request_id)
        self.reason = reason
        self.where = where
        self.body = scrub_secrets(body)
        self.status_code = status_code
        self.request_id = request_id
        location = f" at {where}" if where else ""
        super().__init__(_describe("DecodeError", f"{reason}{location}", request_id, reason))


class ResponseTooLargeError(DecodeError):
    """A response body was larger than the client's ``max_body_size`` (counted after gzip/deflate).

    Reading stopped there and the connection was closed; nothing of the rest was read. A status body
    is a few KB, so this is a broken or hostile server, not a big operation.
    """

    def __init__(self, *, limit: int, status_code: int | None = None, request_id: str | None = None) -> None:
        self.limit = limit
        super().__init__(
            reason=(
                f"response body larger than max_body_size={limit} bytes ({limit / 1048576:g} MiB, after "
                "decoding); reading stopped. Raise it with the client's max_body_size= argument"
            ),
            where="body",
            status_code=status_code,
            request_id=request_id,
        )


# --- the operation ended badly, or waiting gave up --------------------------------------------------


@attrs.frozen
class OperationError:
    """The operation's own error, as the service reported it, in one shape across the three APIs."""

    code: str | None = None
    message: str | None = None
    target: str | None = None
    details: tuple[OperationError, ...] = ()

    def __str__(self) -> str:
        return _describe(self.code, self.message, None, "operation error")


class OperationFailedError(OpStatusError):
    """The operation finished in a failed state. ``error`` is its own error; ``resource`` the last body."""

    def __init__(self, *, error: OperationError | None, raw_status: str | None, resource: object) -> None:
        self.error = error
        self.raw_status = raw_status
        self.resource = resource
        self.state = OperationState.FAILED
        described = str(error) if error else f"operation failed (status {raw_status!r})"
        super().__init__(described)


class OperationCanceledError(OpStatusError):
    """The operation was canceled (by someone, on the service); polling stopped."""

    def __init__(self, *, error: OperationError | None, raw_status: str | None, resource: object) -> None:
        self.error = error
        self.raw_status = raw_status
        self.resource = resource
        self.state = OperationState.CANCELED
        described = str(error) if error else f"operation canceled (status {raw_status!r})"
        super().__init__(described)


class PollingTimeoutError(OpStatusError, TimeoutError):
    """Waiting exceeded the caller's total timeout. Never a silent non-final result.

    Carries what was last seen and a continuation token to resume waiting later.
    """

    def __init__(
        self,
        *,
        timeout: float,
        elapsed: float,
        last_state: OperationState | None,
        last_raw_status: str | None,
        resource: object,
        continuation_token: str,
    ) -> None:
        self.timeout = timeout
        self.elapsed = elapsed
        self.last_state = last_state
        self.last_raw_status = last_raw_status
        self.resource = resource
        self.continuation_token = continuation_token
        state = last_state.value if last_state else "never read"
        super().__init__(
            f"operation not finished after {elapsed:.1f}s "
            f"(timeout {timeout:g}s, last status {last_raw_status!r} -> {state})"
        )


class DeadlineReachedError(OpStatusError):
    """Internal: the wait's deadline had passed before a status request could go out, so none was sent.

    Raised by the HTTP layer only when it was given a deadline, which only the pollers do; they turn
    it into :class:`PollingTimeoutError` carrying what was last seen. Callers never see it.
    """


def _public_module() -> None:
    """Tracebacks and ``repr`` name the public classes as users import them: ``opstatus.TransportError``.

    Every class in ``__all__`` is re-exported by ``opstatus`` under the same name, so pickling (which
    looks a class up by ``__module__`` and ``__qualname__``) finds it there too.
    """
    for name in __all__:
        globals()[name].__module__ = "opstatus"


_public_module()
