"""``opstatus``: parse, run one command, turn whatever ended it into an exit code and a short report.

``main`` is the console script; ``run`` is the same with its streams and environment passed in
(tests call it in process). A traceback is printed only with ``--debug``; every byte the command
writes goes through :class:`ScrubbingStream` (secrets scrubbed, control characters masked). An error
is one short line on stderr with its details below it (see ``_exit``), plus,
with ``--json``, a JSON object on stdout; a wait that timed out or was stopped also prints the
``opstatus resume`` command that goes on where it stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from typing import TextIO, cast

import attrs

from .._errors import DecodeError, HttpError, PollingTimeoutError
from ._apis import apis
from ._commands import (
    Io,
    api_of,
    effective_base_url,
    resume_command,
    run_api_command,
    run_resume,
    run_wait_url,
)
from ._credentials import BASE_URL_ENV, TOKEN_ENV
from ._detect import api_for_url
from ._exit import CliError, ExitCode, OperationOutcome, Problem, hint_for, missing_extra, problem_of
from ._output import as_json, write_json
from ._parser import UsageError, build_parser, unknown_options
from ._scrub import ScrubbingStream, scrub_message, secrets_in

__all__ = ["main", "run"]

EMULATOR_HINT = "pip install 'opstatus[emulator]'"

FLAGS: Mapping[str, str] = {
    option.kwarg: option.flag
    for api in apis()
    for option in (*api.ids, *(option for route in api.routes for option in route.options))
}
"""A client's keyword name -> the option a person types, so errors speak the user's words."""

_WITH_BASE_URL = frozenset({"api", "wait-url", "resume", "wait-all"})


def main(argv: Sequence[str] | None = None) -> int:
    """The ``opstatus`` console script; returns the exit code (see ``opstatus --help``)."""
    return run(
        sys.argv[1:] if argv is None else argv, stdout=sys.stdout, stderr=sys.stderr, environ=os.environ
    )


def run(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]) -> int:
    argv = list(argv)
    secrets = secrets_in(argv, environ)
    out = cast(TextIO, ScrubbingStream(stdout, secrets))
    err = cast(TextIO, ScrubbingStream(stderr, secrets))
    io = Io(stdout=out, stderr=err, environ=environ)
    parser = build_parser()
    if not argv:  # a bare `opstatus`: what it can do, not only "arguments are required"
        parser.print_help(out)
        return ExitCode.SUCCEEDED
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args, extra = parser.parse_known_args(argv)
            if args.command != "emulator" and extra:
                parser.error(_unrecognized(extra))
        except UsageError as exc:
            err.write(exc.usage)
            # A mistyped option (--tokn) also turns its value into a bogus command: name the option.
            unknown = unknown_options(parser, argv[: argv.index("emulator")] if "emulator" in argv else argv)
            message = _unrecognized(unknown) if unknown else exc.message
            problem = Problem(
                label="UsageError", message=scrub_message(message, secrets), exit_code=ExitCode.USAGE
            )
            return _report(problem, io, as_json="--json" in argv)
        except SystemExit as exc:  # argparse: --help or --version
            return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    if args.command in _WITH_BASE_URL and args.base_url is None:
        args.base_url = environ.get(BASE_URL_ENV) or None
    debug = bool(args.debug)
    try:
        with _debug_logging(err, enabled=debug), _azure_logging(err, debug=debug):
            return _dispatch(args, extra, io)
    except (Exception, KeyboardInterrupt) as exc:
        if debug:
            traceback.print_exception(exc, file=err)
        return _report(_problem(exc, args, environ), io, as_json=bool(args.json))


def _unrecognized(extra: list[str]) -> str:
    """``unrecognized arguments: --tokn (and 1 value, not shown)``: options by name, never a value."""
    options = list(dict.fromkeys(arg.partition("=")[0] for arg in extra if arg.startswith("-")))
    values = sum(1 for arg in extra if not arg.startswith("-")) + sum(
        1 for arg in extra if arg.startswith("-") and "=" in arg
    )
    count = f"{values} value{'s' if values != 1 else ''}"
    if not options:
        return f"unrecognized arguments: {count} (not shown)"
    named = ", ".join(options)
    return f"unrecognized arguments: {named}" + (f" (and {count}, not shown)" if values else "")


def _dispatch(args: argparse.Namespace, extra: list[str], io: Io) -> int:
    if args.command == "emulator":
        return _run_emulator(extra, out=io.stdout, err=io.stderr)
    if args.command == "demo":
        from ._demo import run_demo

        return run_demo(speed=args.speed, io=io)
    if args.command == "wait-url":
        return run_wait_url(args, io)
    if args.command == "resume":
        return run_resume(args, io)
    if args.command == "wait-all":
        from ._wait_all import run_wait_all

        return run_wait_all(args, io)
    return run_api_command(args, io)


def _problem(exc: BaseException, args: argparse.Namespace, environ: Mapping[str, str]) -> Problem:
    api = api_of(args)
    base_url = effective_base_url(api, getattr(args, "base_url", None))
    hint = hint_for(
        exc,
        base_url=base_url,
        default_base_path=api.default_base_path() if api else "",
        token_source=_token_source(args, environ),
        api_hint=_api_hint(exc, args),
    )
    problem = problem_of(exc, flags=FLAGS, hint=hint)
    if problem.continuation_token is not None:
        problem = attrs.evolve(problem, resume_command=resume_command(args, problem.continuation_token))
    resource = getattr(exc, "resource", None)
    # Only --json prints it: converting a large resource (20,000 steps) costs a second otherwise wasted.
    if getattr(args, "json", False) and resource is not None and hasattr(resource, "to_dict"):
        problem = attrs.evolve(problem, resource=as_json(resource))
    return problem


def _token_source(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    """Where the command's token came from, in ``resolve_auth``'s order (for a 401's hint)."""
    if (getattr(args, "token", None) or "").strip():
        return "--token"
    if environ.get(TOKEN_ENV, "").strip():
        return TOKEN_ENV
    return "DefaultAzureCredential"


def _api_hint(exc: BaseException, args: argparse.Namespace) -> str | None:
    """For ``wait-url``: what to pass instead when ``--api`` does not fit the URL (or None)."""
    if getattr(args, "command", None) != "wait-url" or not isinstance(
        exc, DecodeError | HttpError | PollingTimeoutError
    ):
        return None
    given = args.api
    location = isinstance(exc, DecodeError) and exc.status_code == 202 and not (exc.body or "").strip()
    if location and given != "arm":
        # An empty 202 is an ARM Location URL answering "still running": only ArmClient reads it.
        return "an ARM Location URL needs --api arm, or no --api (the API is read from the URL)"
    if given is None:
        return None
    try:
        detected = api_for_url(args.url, None)
    except CliError:
        return None
    if detected.command == given:
        return None
    return (
        f"this URL is {'an ARM' if detected.key == 'arm' else 'a ' + detected.command} status URL, not "
        f"{given}'s: pass --api {detected.command}, or no --api (the API is read from the URL)"
    )


def _report(problem: Problem, io: Io, *, as_json: bool) -> int:
    """One short line on stderr (what went wrong and the hint), then the details (request ids, URL,
    a body excerpt) indented below it, and how to resume; with ``--json`` the error object on stdout,
    unless the operation's own outcome (failed, canceled) is already the document printed there."""
    print(f"error: {problem.line()}", file=io.stderr, flush=True)
    for detail in problem.detail_lines():
        print(f"  {detail}", file=io.stderr, flush=True)
    if problem.resume_command:
        print(f"to go on waiting: {problem.resume_command}", file=io.stderr, flush=True)
    if as_json and problem.exit_code not in OperationOutcome:
        write_json(io.stdout, problem.to_json())
    return problem.exit_code


def _run_emulator(argv: list[str], *, out: TextIO, err: TextIO) -> int:
    """``opstatus emulator ...`` is ``python -m opstatus.emulator ...`` (extra ``opstatus[emulator]``)."""
    try:
        from ..emulator import main as emulator_main
    except ImportError as exc:
        raise missing_extra(exc, what="the emulator", hint=EMULATOR_HINT) from exc
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return emulator_main(argv, out=out, prog="opstatus emulator")
        except SystemExit as exc:  # its argparse: --help (0) or a usage error (2)
            return exc.code if isinstance(exc.code, int) else ExitCode.USAGE


@contextlib.contextmanager
def _debug_logging(stream: TextIO, *, enabled: bool) -> Iterator[None]:
    """With ``--debug``, the library's (redacted) DEBUG lines go to stderr for this command only."""
    if not enabled:
        yield
        return
    logger = logging.getLogger("opstatus")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@contextlib.contextmanager
def _azure_logging(stream: TextIO, *, debug: bool) -> Iterator[None]:
    """azure-identity's log lines (a dozen WARNINGs when DefaultAzureCredential finds nothing) stay
    silent, so an error is one line; with ``--debug`` they go to stderr like ours (INFO and up)."""
    logger = logging.getLogger("azure")
    handler: logging.Handler = logging.NullHandler()
    if debug:
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
    previous = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.propagate = False
    if debug:
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]
