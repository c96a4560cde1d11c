"""``opstatus``: parse, run one command, turn whatever ended it into an exit code and one line.

``main`` is the console script; ``run`` is the same with its streams and environment passed in
(tests call it in process). A traceback is printed only with ``--debug``; every byte the command
writes goes through :class:`ScrubbingStream`. An error is one line on stderr (see ``_exit``), plus,
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
from ._credentials import BASE_URL_ENV
from ._exit import ExitCode, OperationOutcome, Problem, hint_for, missing_extra, problem_of
from ._output import as_json, write_json
from ._parser import UsageError, build_parser
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
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
        except UsageError as exc:
            err.write(exc.usage)
            problem = Problem(
                label="UsageError", message=scrub_message(exc.message, secrets), exit_code=ExitCode.USAGE
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
        return _report(_problem(exc, args), io, as_json=bool(args.json))


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


def _problem(exc: BaseException, args: argparse.Namespace) -> Problem:
    api = api_of(args)
    base_url = effective_base_url(api, getattr(args, "base_url", None))
    hint = hint_for(exc, base_url=base_url, default_base_path=api.default_base_path() if api else "")
    problem = problem_of(exc, flags=FLAGS, hint=hint)
    if problem.continuation_token is not None:
        problem = attrs.evolve(problem, resume_command=resume_command(args, problem.continuation_token))
    resource = getattr(exc, "resource", None)
    if resource is not None and hasattr(resource, "to_dict"):
        problem = attrs.evolve(problem, resource=as_json(resource))
    return problem


def _report(problem: Problem, io: Io, *, as_json: bool) -> int:
    """The one line on stderr (and how to resume); with ``--json`` the error object on stdout, unless
    the operation's own outcome (failed, canceled) is already the document printed there."""
    print(f"error: {problem.line()}", file=io.stderr, flush=True)
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
