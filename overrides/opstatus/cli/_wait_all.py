"""``opstatus wait-all [FILE]``: wait on many operations at once, one per input line, sharing read budgets.

Each non-blank line of FILE (stdin when none is given; ``#`` starts a comment line) is one operation:

* a continuation token (``opst1....``): its API is read from the token, as ``opstatus resume`` does;
* a status URL: its API is read from the URL (or ``--api``), as ``opstatus wait-url`` does;
* anything else is an operation id of ``--api`` (only for an API whose status needs no other id:
  ``graph-billing``; the others need their scope, so give their URLs or tokens).

All of them go into one :class:`opstatus.AsyncOperationSet` (one async client per API, built from the
same options every command takes), so they share each scope's read budget. A line that cannot be
waited on (unknown API, a URL on another host, a damaged token) is reported as its own outcome at once
and stops nothing.

Output: on a terminal, one line per completion (``<input>: succeeded`` or ``<input>: error: ...``) and a
summary at the end. Piped, or with ``--json``: one JSON object per line per completion, ``input``
(the line as given), ``exitCode``, the operation's document as ``opstatus wait --json`` prints it
(its fields, when one was read), and ``error`` (as ``--json`` prints errors) when it did not succeed.
The exit code is the worst outcome's: usage (2) > unreadable (5) > failed (1) > canceled (4) >
timeout (3) > succeeded (0). ``--timeout`` is each operation's own.

Not done yet: a live summary on a terminal while waiting (counts by state, reads/s, throttling).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import re
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from typing import Any, TextIO

from .._errors import OpStatusError
from .._policy import PollingPolicy
from ._apis import CliApi, api_named
from ._commands import Io, _base_url, api_of_token
from ._credentials import resolve_auth
from ._detect import api_for_url
from ._exit import CliError, ExitCode, problem_of
from ._output import as_json

__all__ = ["add_wait_all", "run_wait_all"]

_WORST_FIRST = (
    ExitCode.USAGE,
    ExitCode.UNREADABLE,
    ExitCode.FAILED,
    ExitCode.CANCELED,
    ExitCode.TIMEOUT,
    ExitCode.SUCCEEDED,
)
_TOKEN_PREFIX = "opst"  # noqa: S105 - the continuation token version prefix, not a secret
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_LINE = 8192
"""Characters of one input line; a longer one is reported as a usage error, not read further."""


def add_wait_all(
    commands: argparse._SubParsersAction[Any], *, parents: list[argparse.ArgumentParser], epilog: str
) -> None:
    """Register the command (the one hook in ``_parser.build_parser``)."""
    parser = commands.add_parser(
        "wait-all",
        parents=parents,
        help="wait on many operations at once: status URLs, continuation tokens or ids, one per line",
        description=(__doc__ or "").split("\n\n", 1)[0],
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", nargs="?", default=None, help="the lines (default: stdin)")
    parser.add_argument(
        "--api", default=None, help="the API of ids and of URLs it cannot be read from (as wait-url --api)"
    )
    parser.add_argument(
        "--max-in-flight", type=int, default=32, metavar="N", help="reads in flight at most (default 32)"
    )


def run_wait_all(args: argparse.Namespace, io: Io) -> int:
    """``opstatus wait-all [FILE]``; returns the worst outcome's exit code."""
    lines = _read_lines(args.file, sys.stdin if args.file is None else None)
    piped = bool(args.json) or not _is_terminal(io.stdout)
    with ExitStack() as credentials:  # closed after the clients that use them
        return asyncio.run(_wait_all(lines, args, io, piped=piped, credentials=credentials))


def _read_lines(path: str | None, stdin: TextIO | None) -> list[str]:
    if path is not None:
        try:
            with open(path, encoding="utf-8") as handle:
                return _lines(handle)
        except OSError as exc:
            raise CliError(
                code="UsageError", message=f"cannot read {path}: {exc.strerror}", exit_code=ExitCode.USAGE
            ) from None
    assert stdin is not None
    return _lines(stdin)


def _lines(source: Iterable[str]) -> list[str]:
    return [line.strip() for line in source if line.strip() and not line.lstrip().startswith("#")]


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False


async def _wait_all(
    lines: list[str], args: argparse.Namespace, io: Io, *, piped: bool, credentials: ExitStack
) -> int:
    from .. import AsyncOperationSet

    clients: dict[str, Any] = {}
    worst = ExitCode.SUCCEEDED
    counts: dict[str, int] = {}

    def report(line: str, *, result: Any = None, error: BaseException | None = None) -> None:
        nonlocal worst
        code = ExitCode.SUCCEEDED if error is None else ExitCode(problem_of(error).exit_code)
        worst = min((worst, code), key=_WORST_FIRST.index)
        counts[code.name.lower()] = counts.get(code.name.lower(), 0) + 1
        _write(io.stdout, line, code=code, result=result, error=error, piped=piped)

    waiting = AsyncOperationSet(max_in_flight=_positive_count(args.max_in_flight))
    try:
        for index, line in enumerate(lines):
            try:
                poller = _poller(line, args, _Clients(args, io, clients, credentials))
                waiting.add(poller, label=f"{index}", timeout=args.timeout)
            except (OpStatusError, CliError) as exc:
                report(line, error=exc)
        async for outcome in waiting:
            error = outcome.error
            resource = outcome.result if error is None else getattr(error, "resource", None)
            report(lines[int(outcome.label)], result=resource, error=error)
    finally:
        await waiting.aclose()
        for client in clients.values():
            await client.aclose()
    if not piped:
        summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
        print(
            f"{len(lines)} operations: {summary}; {waiting.reads} reads, {waiting.throttles} throttled",
            file=io.stdout,
            flush=True,
        )
    return int(worst)


class _Clients:
    """One async client per API, built from the options as every command builds its client."""

    def __init__(
        self, args: argparse.Namespace, io: Io, made: dict[str, Any], credentials: ExitStack
    ) -> None:
        self._args, self._io, self._made, self._credentials = args, io, made, credentials

    def of(self, api: CliApi) -> Any:
        client = self._made.get(api.key)
        if client is not None:
            return client
        args = self._args
        base_url = _base_url(api, args.base_url)
        auth = resolve_auth(token=args.token, environ=self._io.environ, base_url=base_url)
        self._credentials.callback(auth.close)
        kwargs: dict[str, Any] = auth.client_kwargs()
        if base_url is not None:
            kwargs["base_url"] = base_url
        if args.interval is not None:
            kwargs["polling"] = PollingPolicy(min_delay=args.interval, max_delay=args.interval)
        client_type = getattr(importlib.import_module("opstatus"), f"Async{api.client_class}")
        client = self._made[api.key] = client_type(**kwargs)
        return client


def _poller(line: str, args: argparse.Namespace, clients: _Clients) -> Any:
    if len(line) > MAX_LINE:
        raise CliError(
            code="UsageError", message=f"line longer than {MAX_LINE} characters", exit_code=ExitCode.USAGE
        )
    if line.startswith(_TOKEN_PREFIX):
        return clients.of(api_of_token(line)).resume(line)
    if "://" in line or line.startswith("/"):
        api = api_for_url(line, args.api)
        return clients.of(api).poller_from_url(line)
    if args.api is None:
        raise CliError(
            code="UsageError",
            message="neither a status URL nor a continuation token; an operation id needs --api",
            exit_code=ExitCode.USAGE,
        )
    api = api_named(args.api)
    if api.scope:
        flags = ", ".join(option.flag for option in api.scope)
        raise CliError(
            code="UsageError",
            message=f"an id alone does not locate a {api.key} operation (it needs {flags}); give its URL",
            exit_code=ExitCode.USAGE,
        )
    return clients.of(api).poller(**{api.operation.kwarg: line})


def _positive_count(value: int) -> int:
    if value < 1:
        raise CliError(code="UsageError", message="--max-in-flight must be >= 1", exit_code=ExitCode.USAGE)
    return value


def _write(
    stream: TextIO, line: str, *, code: ExitCode, result: Any, error: BaseException | None, piped: bool
) -> None:
    if piped:
        document: dict[str, Any] = {}
        body = as_json(result) if result is not None else None
        if isinstance(body, dict):
            document.update(body)
        elif body is not None:
            document["operation"] = body
        document["input"] = line
        document["exitCode"] = int(code)
        if error is not None:
            document["error"] = problem_of(error).to_json()["error"]
        stream.write(json.dumps(document, default=str, ensure_ascii=False) + "\n")
    else:
        outcome = "succeeded" if error is None else f"error: {problem_of(error).line()}"
        stream.write(f"{_printable(line)}: {_printable(outcome)}\n")
    stream.flush()


def _printable(text: str) -> str:
    """Server and input text reaches a terminal with control characters in caret notation (ESC: ``^[``)."""
    return _CONTROL.sub(
        lambda m: "^" + chr((ord(m.group()) + 64) % 128) if ord(m.group()) < 128 else "?", text
    )
