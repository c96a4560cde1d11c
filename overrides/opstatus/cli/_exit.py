"""Exit codes and the error report: how the command tells a person and a script what happened.

The codes are a contract with shell scripts and CI jobs, so they are spelled out once here and
printed in ``opstatus --help``. The message is always one line on stderr, ``error: <label>: <message>
(request id <id>, client request id <id>)``; a traceback only with ``--debug``; with ``--json`` the
same facts are also a JSON object on stdout (:meth:`Problem.to_json`).

One label style: the label is the service's own error code when the service gave one
(``itemNotFound``, ``Conflict``), else the name of the exception class that describes the problem:
an opstatus error (``TransportError``, ``UnsafeUrlError``, ``PollingTimeoutError``: the class a
Python caller would catch), ``KeyboardInterrupt``, or one of the command line's own
(``UsageError``, ``CredentialError``, ``MissingExtraError``).

Where the cause is a common slip, the message ends with what to do (:func:`hint_for`): https to the
plain-http emulator, nothing listening on a loopback port, a Graph base URL without ``/v1.0``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from .._errors import (
    ContinuationTokenError,
    CredentialError,
    DecodeError,
    HttpError,
    InvalidParameterError,
    NotFoundError,
    OperationCanceledError,
    OperationFailedError,
    OpStatusError,
    PollingTimeoutError,
    TransportError,
    UnsafeUrlError,
)
from .._urls import is_loopback

__all__ = [
    "EXIT_CODES_HELP",
    "CliError",
    "ExitCode",
    "OperationOutcome",
    "Problem",
    "StoppedWaiting",
    "exit_code_for",
    "hint_for",
    "missing_extra",
    "problem_of",
]


class ExitCode(enum.IntEnum):
    """What ``opstatus`` returns to the shell."""

    SUCCEEDED = 0
    FAILED = 1
    USAGE = 2
    TIMEOUT = 3
    CANCELED = 4
    UNREADABLE = 5
    INTERRUPTED = 130


EXIT_CODES_HELP = """\
exit codes:
    0  succeeded (get, list: the status was read, whatever the operation's state)
    1  the operation failed
    2  usage error: bad arguments, a refused id or URL, a missing extra
    3  timeout: wait gave up after --timeout seconds (the operation goes on; resume prints how)
    4  the operation was canceled
    5  could not read the status: HTTP error, network, unreadable body, no or bad credential
  130  interrupted (Ctrl-C; the operation goes on; resume prints how)"""


OperationOutcome = frozenset({ExitCode.FAILED, ExitCode.CANCELED})
"""Exit codes that report the operation's own end: its resource is the answer, not an error object."""


class CliError(Exception):
    """A problem found by the command line itself (no credential, a missing extra), with its exit code."""

    def __init__(self, *, code: str, message: str, exit_code: ExitCode) -> None:
        self.code = code
        self.message = message
        self.exit_code = exit_code
        super().__init__(f"{code}: {message}")


class StoppedWaiting(KeyboardInterrupt):
    """Ctrl-C during a wait: carries the continuation token, so the command can say how to resume."""

    def __init__(self, continuation_token: str | None) -> None:
        super().__init__()
        self.continuation_token = continuation_token


def missing_extra(exc: ImportError, *, what: str, hint: str) -> CliError:
    """``MissingExtraError: <what> needs <package>: <hint>`` (exit 2) for an extra not installed."""
    package = (exc.name or "its extra packages").partition(".")[0]
    return CliError(
        code="MissingExtraError", message=f"{what} needs {package}: {hint}", exit_code=ExitCode.USAGE
    )


def exit_code_for(exc: BaseException) -> ExitCode:
    """The exit code for an exception that ended a command."""
    if isinstance(exc, CliError):
        return exc.exit_code
    if isinstance(exc, OperationFailedError):
        return ExitCode.FAILED
    if isinstance(exc, OperationCanceledError):
        return ExitCode.CANCELED
    if isinstance(exc, PollingTimeoutError):
        return ExitCode.TIMEOUT
    if isinstance(exc, InvalidParameterError | UnsafeUrlError | ContinuationTokenError):
        return ExitCode.USAGE
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    # HttpError, TransportError, DecodeError, CredentialError, and anything unexpected: the status is
    # not known, which is what 5 says.
    return ExitCode.UNREADABLE


@attrs.frozen(kw_only=True)
class Problem:
    """What ended a command, as the one-line report and the ``--json`` error object both say it."""

    label: str
    message: str
    exit_code: ExitCode
    request_id: str | None = None
    client_request_id: str | None = None
    continuation_token: str | None = None
    resume_command: str | None = None
    resource: Any = None
    """The last resource read (JSON form), for a wait that timed out."""
    hint: str | None = None
    """What to do about it, when the cause is a common slip."""

    def line(self) -> str:
        """``<label>: <message> (request id <id>, client request id <id>); <hint>``, one line."""
        ids = [f"request id {self.request_id}"] if self.request_id else []
        if self.client_request_id:
            ids.append(f"client request id {self.client_request_id}")
        text = f"{self.label}: {self.message}" + (f" ({', '.join(ids)})" if ids else "")
        text += f"; {self.hint}" if self.hint else ""
        return " ".join(text.split())

    def to_json(self) -> dict[str, Any]:
        """``{"error": {"code", "message", "exitCode", ...}}``: the fields a script reads."""
        error: dict[str, Any] = {
            "code": self.label,
            "message": " ".join(self.message.split()),
            "exitCode": int(self.exit_code),
        }
        optional = {
            "requestId": self.request_id,
            "clientRequestId": self.client_request_id,
            "continuationToken": self.continuation_token,
            "resumeCommand": self.resume_command,
            "resource": self.resource,
            "hint": self.hint,
        }
        error.update({key: value for key, value in optional.items() if value is not None})
        return {"error": error}


def problem_of(
    exc: BaseException, *, flags: Mapping[str, str] | None = None, hint: str | None = None
) -> Problem:
    """The :class:`Problem` for any exception that ended a command.

    ``flags`` maps a client's keyword name to the option the person typed (``async_operation_id`` ->
    ``--operation-id``), so a refused id is reported in the user's words; ``hint`` is appended.
    """
    label, message = _label_and_message(exc, flags or {})
    return Problem(
        label=label,
        message=message,
        hint=hint,
        exit_code=exit_code_for(exc),
        request_id=getattr(exc, "request_id", None),
        client_request_id=getattr(exc, "client_request_id", None),
        continuation_token=getattr(exc, "continuation_token", None),
    )


def _label_and_message(exc: BaseException, flags: Mapping[str, str]) -> tuple[str, str]:
    if isinstance(exc, CliError):
        return exc.code, exc.message
    if isinstance(exc, HttpError):
        return exc.code or f"HTTP {exc.status_code}", exc.message or f"the service answered {exc.status_code}"
    if isinstance(exc, OperationFailedError | OperationCanceledError):
        error = exc.error
        fallback = "OperationFailed" if isinstance(exc, OperationFailedError) else "OperationCanceled"
        code = (error.code if error else None) or fallback
        message = (error.message if error else None) or f"the operation ended with status {exc.raw_status!r}"
        return code, message
    if isinstance(exc, InvalidParameterError):
        name = flags.get(exc.name, exc.name)
        return type(exc).__name__, f"invalid {name} {exc.value!r}: {exc.reason}"
    if isinstance(exc, DecodeError):
        return type(exc).__name__, f"{exc.reason}{f' at {exc.where}' if exc.where else ''}"
    if isinstance(exc, PollingTimeoutError):
        return type(exc).__name__, str(exc).removeprefix("PollingTimeout: ")
    if isinstance(exc, OpStatusError):
        return type(exc).__name__, str(exc)
    if isinstance(exc, KeyboardInterrupt):
        return "KeyboardInterrupt", "stopped waiting (the operation itself goes on)"
    return type(exc).__name__, f"{exc} (an unexpected error: run with --debug for the traceback)"


def hint_for(exc: BaseException, *, base_url: str | None, default_base_path: str) -> str | None:
    """What to do about a common slip, judged from the error and the base URL in use (or None)."""
    if isinstance(exc, CredentialError):
        return (
            "pass --token, set OPSTATUS_TOKEN, or sign in for DefaultAzureCredential (for example az login)"
        )
    if isinstance(exc, TransportError):
        chain = " | ".join(f"{type(link).__name__}: {link}" for link in _chain(exc))
        if "WRONG_VERSION_NUMBER" in chain:
            return "the server speaks plain http; use http:// in --base-url"
        if "ConnectionRefusedError" in chain or "Connection refused" in chain:
            where = httpx.URL(base_url) if base_url else None
            if where is not None and is_loopback(where.host):
                port = where.port or (443 if where.scheme == "https" else 80)
                return (
                    f"nothing listens on {where.host}:{port}: is the emulator running? "
                    f"(opstatus emulator --port {port})"
                )
            return "the connection was refused: check the host and port of --base-url"
    if isinstance(exc, NotFoundError) and base_url and default_base_path:
        path = httpx.URL(base_url).path.rstrip("/")
        if not path.endswith(default_base_path):
            return (
                f"this API's paths start with {default_base_path}: "
                f"pass the bare origin or ORIGIN{default_base_path} as --base-url"
            )
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception behind it (``__cause__`` or ``__context__``), without loops."""
    links: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not link for link in links):
        links.append(current)
        current = current.__cause__ or current.__context__
    return links
