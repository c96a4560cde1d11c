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

Output, piped or with ``--json``: one JSON object per line per completion, ``input`` (the line as
given), ``exitCode``, the operation's document as ``opstatus wait --json`` prints it (its fields, when
one was read), and ``error`` (as ``--json`` prints errors) when it did not succeed. On a terminal with
the ``cli`` extra (rich): a live summary while waiting (``_wait_all_live``: counts by outcome, reads
and reads/s, 429s and reads held by the budget, the last completions), then one line for each
operation that did not succeed and a summary line. On a terminal without rich, or with ``--quiet``:
one line per completion (``<input>: succeeded`` or ``<input>: error: ...``) and the summary line.
Input and server text reach a terminal through ``_visible`` only.

The exit code is the worst outcome's: usage (2) > unreadable (5) > failed (1) > canceled (4) >
timeout (3) > succeeded (0). ``--timeout`` is each operation's own, counted from this run's start.
Ctrl-C stops every read, prints the summary and exits 130, as ``wait`` does (``_exit``).

``--state STATE_FILE`` keeps a journal (``_wait_all_state``): killed even with SIGKILL, the same command
with the same STATE_FILE waits only on the operations that had not ended, from their continuation tokens.
Those that had ended (succeeded, failed, canceled, or a line that names no operation) are not waited
on again and not printed again (the earlier run printed them); they count in the summary and in the
exit code. One that timed out or could not be read only stopped being waited on: it keeps its token
and the next run waits on it again.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from typing import Any, Final, TextIO
from urllib.parse import urlsplit

from .._continuation import decode as decode_continuation_token
from .._errors import OpStatusError
from .._policy import PollingPolicy
from ._apis import CliApi, api_named
from ._commands import Io, _base_url, api_of_token
from ._credentials import resolve_auth
from ._detect import api_for_url
from ._exit import CliError, ExitCode, problem_of
from ._output import as_json
from ._progress import INSTALL_HINT
from ._visible import visible
from ._wait_all_state import DEFAULT_INTERVAL, StateFile
from ._wait_all_tally import OUTCOME_NAMES, Tally, summary_line

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
_THIS_RUN_ONLY: Final = frozenset({ExitCode.TIMEOUT, ExitCode.UNREADABLE})
"""Outcomes that end the wait, not the operation: ``--state`` keeps its token, so the same command
goes on waiting on it (as ``wait`` prints ``opstatus resume`` after a timeout)."""
_TICK: Final = 0.25
"""Seconds between two samples of the set's counters (and checks whether the state file is due)."""
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
    parser.add_argument(
        "--state",
        default=None,
        metavar="STATE_FILE",
        help="journal of what ended: the same command with it again goes on after a kill",
    )
    parser.add_argument(
        "--state-interval",
        type=float,
        default=DEFAULT_INTERVAL,
        metavar="SECONDS",
        help=f"seconds between rewrites of STATE_FILE (default {DEFAULT_INTERVAL:g})",
    )


def run_wait_all(args: argparse.Namespace, io: Io) -> int:
    """``opstatus wait-all [FILE]``; returns the worst outcome's exit code."""
    lines = _read_lines(args.file, sys.stdin if args.file is None else None)
    piped = bool(args.json) or not _is_terminal(io.stdout)
    state = StateFile.open(args.state, lines, interval=args.state_interval) if args.state else None
    tally = Tally(total=len(lines))
    live = None if piped or args.quiet else _live_view(tally, io)
    run = _Run(lines, args, io, piped=piped, tally=tally, state=state, live=live is not None)
    view: AbstractContextManager[object] = live if live is not None else nullcontext()
    try:
        with ExitStack() as credentials, view:  # credentials closed after the clients that use them
            code = asyncio.run(run.wait(credentials))
    except KeyboardInterrupt:
        run.finish(stopped=True)
        raise  # _main reports it: "stopped waiting", exit 130, as for every wait
    finally:
        if state is not None:
            state.close()
    run.finish(stopped=False)
    return code


def _live_view(tally: Tally, io: Io) -> AbstractContextManager[object] | None:
    try:
        from ._wait_all_live import WaitAllLiveView
    except ImportError:
        print(f"note: {INSTALL_HINT} for a live summary; showing plain lines", file=io.stderr, flush=True)
        return None
    # rich draws with escape sequences of its own: it gets the stream unmasked (still scrubbed of
    # secrets); every text in a frame was masked by the tally (see _visible).
    unmasked = getattr(io.stdout, "unmasked", None)
    return WaitAllLiveView(tally, stream=unmasked() if callable(unmasked) else io.stdout)


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


class _Run:
    """One run: adds every line to one set, reports each outcome once, keeps the tally and the journal."""

    def __init__(
        self,
        lines: list[str],
        args: argparse.Namespace,
        io: Io,
        *,
        piped: bool,
        tally: Tally,
        state: StateFile | None,
        live: bool,
    ) -> None:
        self._lines, self._args, self._io = lines, args, io
        self._piped, self._tally, self._state, self._live = piped, tally, state, live
        self._worst = ExitCode.SUCCEEDED
        self._not_succeeded: list[str] = []  # the live view prints these when it ends

    async def wait(self, credentials: ExitStack) -> int:
        from .. import AsyncOperationSet

        clients: dict[str, Any] = {}
        waiting = AsyncOperationSet(max_in_flight=_positive_count(self._args.max_in_flight))
        ticker: asyncio.Future[None] | None = None
        state = self._state
        try:
            self._add_all(waiting, _Clients(self._args, self._io, clients, credentials))
            if state is not None:
                state.save(_tokens(waiting))
            ticker = asyncio.ensure_future(self._tick(waiting))
            async for outcome in waiting:
                error = outcome.error
                resource = outcome.result if error is None else getattr(error, "resource", None)
                self._report(int(outcome.label), result=resource, error=error)
        finally:
            if ticker is not None:
                ticker.cancel()
            await waiting.aclose()
            self._sample(waiting)
            if state is not None:
                state.save(_tokens(waiting))  # also when stopped: what still waits, with fresh tokens
            for client in clients.values():
                await client.aclose()
        return int(self._worst)

    def _add_all(self, waiting: Any, clients: _Clients) -> None:
        state = self._state
        for index, line in enumerate(self._lines):
            if state is not None and index in state.ended:
                code = state.ended[index]
                self._worse(code)
                self._tally.ended(_short_name(line), code, OUTCOME_NAMES[code], earlier=True)
                continue
            source = state.tokens.get(index, line) if state is not None else line
            try:
                poller = _poller(source, self._args, clients)
                waiting.add(poller, label=f"{index}", timeout=self._args.timeout)
            except (OpStatusError, CliError) as exc:
                self._report(index, error=exc)

    async def _tick(self, waiting: Any) -> None:
        """The counters for the display and the journal's periodic rewrite, a few times a second."""
        state = self._state
        while True:
            self._sample(waiting)
            if state is not None:
                state.save_if_due(lambda: _tokens(waiting))
            await asyncio.sleep(_TICK)

    def _sample(self, waiting: Any) -> None:
        self._tally.sample(
            time.monotonic(), reads=waiting.reads, throttles=waiting.throttles, holds=waiting.holds
        )

    def _worse(self, code: ExitCode) -> None:
        self._worst = min((self._worst, code), key=_WORST_FIRST.index)

    def _report(self, index: int, *, result: Any = None, error: BaseException | None = None) -> None:
        """Print one outcome, then journal it: a kill between the two waits on it again (never lost)."""
        line = self._lines[index]
        code = ExitCode.SUCCEEDED if error is None else ExitCode(problem_of(error).exit_code)
        self._worse(code)
        outcome = "succeeded" if error is None else f"error: {problem_of(error).line()}"
        self._tally.ended(_short_name(line), code, outcome)
        if self._live:
            if code is not ExitCode.SUCCEEDED:
                self._not_succeeded.append(_plain(line, outcome))
        else:
            _write(self._io.stdout, line, code=code, result=result, error=error, piped=self._piped)
        if self._state is not None and code not in _THIS_RUN_ONLY:
            self._state.record_end(index, code)

    def finish(self, *, stopped: bool) -> None:
        """After the wait (or Ctrl-C): the live view's held-back lines and the summary line."""
        stream = self._io.stderr if self._piped else self._io.stdout
        for text in self._not_succeeded:
            stream.write(text)
        if not self._piped or stopped:
            print(summary_line(self._tally.frame, stopped=stopped), file=stream, flush=True)
        if stopped and self._state is not None and self._tally.frame.waiting:
            print(
                f"to go on waiting: run the same command again (--state {self._state.path} "
                "holds what still waits)",
                file=self._io.stderr,
                flush=True,
            )


def _short_name(line: str) -> str:
    """What names an operation in the live view's few columns: a URL's or token's last path segment
    (the operation id, as ``wait-url`` labels it), else the line itself."""
    url = line
    if line.startswith(_TOKEN_PREFIX):
        try:
            url = decode_continuation_token(line, api=api_of_token(line).key).url
        except (OpStatusError, CliError):
            return line
    if "://" not in url and not url.startswith("/"):
        return line
    try:
        return urlsplit(url).path.rstrip("/").rpartition("/")[2] or line
    except ValueError:  # not a URL after all ("http://[x"): the line names it
        return line


def _tokens(waiting: Any) -> dict[int, str]:
    return {int(label): token for label, token in waiting.continuation_tokens().items()}


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
        stream.write(_plain(line, "succeeded" if error is None else f"error: {problem_of(error).line()}"))
    stream.flush()


def _plain(line: str, outcome: str) -> str:
    """``<input>: <outcome>``, input and server text masked (``_visible``: ESC as ``\\x1b``)."""
    return f"{visible(line)}: {visible(outcome)}\n"
