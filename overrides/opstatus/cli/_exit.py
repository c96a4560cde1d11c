"""Exit codes and the error report: how the command tells a person and a script what happened.

The codes are a contract with shell scripts and CI jobs, so they are spelled out once here and
printed in ``opstatus --help``. An error is one short line on stderr, ``error: <label>: <message>;
<hint>`` (what went wrong and what to do), then indented details (request ids, the URL, a body
excerpt: what makes a line 400 characters long goes below it); a traceback only with ``--debug``;
with ``--json`` the same facts are also a JSON object on stdout (:meth:`Problem.to_json`). Server
text in any of it is masked (``_visible``).

One label style: the label is the service's own error code when the service gave one
(``itemNotFound``, ``Conflict``), else the name of the exception class that describes the problem:
an opstatus error (``TransportError``, ``UnsafeUrlError``, ``PollingTimeoutError``: the class a
Python caller would catch), ``KeyboardInterrupt``, or one of the command line's own
(``UsageError``, ``CredentialError``, ``MissingExtraError``).

Where the cause is a common slip, the line ends with what to do (:func:`hint_for`): https to the
plain-http emulator, nothing listening on a loopback port, a Graph base URL without ``/v1.0``, the
emulator's ids drawn anew each run (a 404), where a refused token came from (a 401), the ``--api``
that fits a ``wait-url`` URL.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from .._errors import (
    AuthenticationError,
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
from ._visible import visible

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
    details: tuple[tuple[str, str], ...] = ()
    """More to look at, after the short line: ``("url", "GET https://...")``, ``("body", "...")``."""

    def line(self) -> str:
        """``<label>: <message>; <hint>``: one short line, what went wrong and what to do about it.

        Server text in it is masked (``_visible``); runs of spaces, tabs and newlines become one space.
        """
        text = f"{self.label}: {self.message}" + (f"; {self.hint}" if self.hint else "")
        return visible(_one_line(text))

    def detail_lines(self) -> list[str]:
        """What helps to look further, after the short line: ``request id ...``, the URL, a body
        excerpt; each ``name  value``, masked, on its own line."""
        given = [("request id", self.request_id), ("client request id", self.client_request_id)]
        rows = [(name, value) for name, value in (*given, *self.details) if value]
        width = max((len(name) for name, _ in rows), default=0)
        return [f"{name:<{width}}  {visible(_one_line(value))}" for name, value in rows]

    def to_json(self) -> dict[str, Any]:
        """``{"error": {"code", "message", "exitCode", ...}}``: the fields a script reads."""
        error: dict[str, Any] = {
            "code": self.label,
            "message": _one_line(self.message),
            "exitCode": int(self.exit_code),
        }
        optional = {
            **{_camel(name): value for name, value in self.details},
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
    message, details = _short(exc, message)
    return Problem(
        label=label,
        message=message,
        details=details,
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
        if _empty_202(exc):
            return type(exc).__name__, (
                "the URL answered 202 Accepted with an empty body: that is how an ARM Location URL says "
                "'still running'"
            )
        where = f" at {exc.where}" if exc.where and exc.where != "body" else ""
        return type(exc).__name__, f"{exc.reason}{where}"
    if isinstance(exc, OpStatusError):  # the label already names the class: no second prefix
        name = type(exc).__name__
        return name, str(exc).removeprefix(f"{name}: ").removeprefix(f"{name.removesuffix('Error')}: ")
    if isinstance(exc, KeyboardInterrupt):
        return "KeyboardInterrupt", "stopped waiting (the operation itself goes on)"
    return type(exc).__name__, f"{exc} (an unexpected error: run with --debug for the traceback)"


def hint_for(
    exc: BaseException,
    *,
    base_url: str | None,
    default_base_path: str,
    token_source: str | None = None,
    api_hint: str | None = None,
) -> str | None:
    """What to do about a common slip, judged from the error and the base URL in use (or None).

    ``token_source`` says where the command's token came from (``--token``, ``OPSTATUS_TOKEN``,
    ``DefaultAzureCredential``), for a 401; ``api_hint`` is what to say when ``wait-url --api`` named
    another API than the URL's (see ``_main``).
    """
    if api_hint is not None:
        return api_hint
    if isinstance(exc, CredentialError):
        return (
            "pass --token, set OPSTATUS_TOKEN, or sign in for DefaultAzureCredential (for example az login)"
        )
    if isinstance(exc, AuthenticationError):
        return _refused_token_hint(token_source, base_url)
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
    if isinstance(exc, NotFoundError) and base_url:
        path = httpx.URL(base_url).path.rstrip("/")
        if default_base_path and not path.endswith(default_base_path):
            return (
                f"this API's paths start with {default_base_path}: "
                f"pass the bare origin or ORIGIN{default_base_path} as --base-url"
            )
        if _is_loopback_url(base_url):
            return (
                "the emulator draws new operation ids each time it starts: use an id (or a resume "
                "command) it printed this run, or start it with --seed N for the same ids every run"
            )
    return None


def _refused_token_hint(source: str | None, base_url: str | None) -> str:
    """A 401: which token was refused and how to give another."""
    if source == "DefaultAzureCredential":
        return (
            "the token DefaultAzureCredential got was refused: check the identity it signed in with "
            "(az account show), or pass --token / set OPSTATUS_TOKEN"
        )
    where = "--token" if source == "--token" else "OPSTATUS_TOKEN"
    other = "or set OPSTATUS_TOKEN" if source == "--token" else "or pass --token"
    emulator = (
        " (an emulator started with --token T accepts only T)"
        if base_url is not None and _is_loopback_url(base_url)
        else ""
    )
    return f"the token from {where} was refused: give a valid one with {where} {other}{emulator}"


def _is_loopback_url(url: str) -> bool:
    try:
        return is_loopback(httpx.URL(url).host)
    except httpx.InvalidURL:
        return False


_TRANSPORT = re.compile(
    r"(?P<method>[A-Z]+) (?P<url>\S+) failed after (?P<tries>\d+) attempt\(s\): (?P<why>.*)", re.DOTALL
)
"""``_http``'s TransportError text: the URL goes to the details, what failed stays on the short line."""

_BODY_EXCERPT = 200
"""Characters of an error body shown under the short line (``--json`` and ``--debug`` have more)."""


def _short(exc: BaseException, message: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The message without what makes it long (a URL, a body), and those as detail rows."""
    details: list[tuple[str, str]] = []
    if isinstance(exc, TransportError) and (found := _TRANSPORT.fullmatch(message)):
        tries = int(found["tries"])
        message = f"{found['why']} (after {tries} attempt{'s' if tries != 1 else ''})"
        details.append(("url", f"{found['method']} {found['url']}"))
    if isinstance(exc, HttpError) and exc.url:
        details.append(("url", f"GET {exc.url}"))
    body = getattr(exc, "body", None)
    said = isinstance(exc, HttpError) and bool(exc.message)  # the message already says what the body did
    if isinstance(exc, HttpError | DecodeError) and isinstance(body, str) and body.strip() and not said:
        text = _one_line(body)
        details.append(("body", text[:_BODY_EXCERPT] + ("..." if len(text) > _BODY_EXCERPT else "")))
    return message, tuple(details)


def _one_line(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _camel(name: str) -> str:
    first, *rest = name.split()
    return first + "".join(word.capitalize() for word in rest)


def _empty_202(exc: DecodeError) -> bool:
    return exc.status_code == 202 and not (exc.body or "").strip()


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception behind it (``__cause__`` or ``__context__``), without loops."""
    links: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not link for link in links):
        links.append(current)
        current = current.__cause__ or current.__context__
    return links
