"""Exit codes and the one-line error message: how the command tells a script what happened.

The codes are a contract with shell scripts and CI jobs, so they are spelled out once here and
printed in ``opstatus --help``. The message is always one line on stderr, ``error: <code>: <message>
(request id <id>)`` where the service gave a request id; a traceback only with ``--debug``.
"""

from __future__ import annotations

import enum

from .._errors import (
    ContinuationTokenError,
    CredentialError,
    DecodeError,
    HttpError,
    InvalidParameterError,
    OperationCanceledError,
    OperationFailedError,
    OpStatusError,
    PollingTimeoutError,
    TransportError,
    UnsafeUrlError,
)

__all__ = ["EXIT_CODES_HELP", "CliError", "ExitCode", "describe", "exit_code_for", "missing_extra"]


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
    3  timeout: wait gave up after --timeout seconds (the operation goes on)
    4  the operation was canceled
    5  could not read the status: HTTP error, network, unreadable body, no or bad credential
  130  interrupted (Ctrl-C)"""


class CliError(Exception):
    """A problem found by the command line itself (no credential, a missing extra), with its exit code."""

    def __init__(self, *, code: str, message: str, exit_code: ExitCode) -> None:
        self.code = code
        self.message = message
        self.exit_code = exit_code
        super().__init__(f"{code}: {message}")


def missing_extra(exc: ImportError, *, what: str, hint: str) -> CliError:
    """``MissingExtra: <what> needs <package>: <hint>`` (exit 2) for an extra that is not installed."""
    package = (exc.name or "its extra packages").partition(".")[0]
    return CliError(code="MissingExtra", message=f"{what} needs {package}: {hint}", exit_code=ExitCode.USAGE)


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


def describe(exc: BaseException) -> str:
    """``<code>: <message>[ (request id <id>)]``, one line, from any exception that ended a command."""
    if isinstance(exc, CliError):
        return f"{exc.code}: {exc.message}"
    if isinstance(exc, HttpError):
        code = exc.code or f"HTTP {exc.status_code}"
        message = exc.message or f"the service answered {exc.status_code}"
        return _one_line(_with_request_id(f"{code}: {message}", exc.request_id))
    if isinstance(exc, OperationFailedError | OperationCanceledError):
        error = exc.error
        fallback = "OperationFailed" if isinstance(exc, OperationFailedError) else "OperationCanceled"
        code = (error.code if error else None) or fallback
        message = (error.message if error else None) or f"the operation ended with status {exc.raw_status!r}"
        return _one_line(f"{code}: {message}")
    if isinstance(exc, PollingTimeoutError | DecodeError):
        return _one_line(str(exc))  # already "<code>: <message> ..."
    if isinstance(exc, CredentialError):
        return _one_line(
            f"CredentialError: {exc}. Pass --token, set OPSTATUS_TOKEN, or sign in for "
            "DefaultAzureCredential (for example az login)"
        )
    if isinstance(exc, TransportError | OpStatusError):
        return _one_line(f"{type(exc).__name__}: {exc}")
    if isinstance(exc, KeyboardInterrupt):
        return "Interrupted: stopped waiting (the operation itself goes on)"
    return _one_line(f"InternalError: {type(exc).__name__}: {exc} (run with --debug for the traceback)")


def _with_request_id(text: str, request_id: str | None) -> str:
    return f"{text} (request id {request_id})" if request_id else text


def _one_line(text: str) -> str:
    return " ".join(text.split())
