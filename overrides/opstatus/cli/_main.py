"""``opstatus``: parse, run one command, turn whatever ended it into an exit code and one line.

``main`` is the console script; ``run`` is the same with its streams and environment passed in
(tests call it in process). A traceback is printed only with ``--debug``; every byte the command
writes goes through :class:`ScrubbingStream`, so the token it was given never shows.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from typing import TextIO, cast

from ._commands import Io, run_api_command, run_wait_url
from ._exit import ExitCode, describe, exit_code_for, missing_extra
from ._parser import build_parser
from ._scrub import ScrubbingStream, secrets_in

__all__ = ["main", "run"]

EMULATOR_HINT = "pip install 'opstatus[emulator]'"


def main(argv: Sequence[str] | None = None) -> int:
    """The ``opstatus`` console script; returns the exit code (see ``opstatus --help``)."""
    return run(
        sys.argv[1:] if argv is None else argv, stdout=sys.stdout, stderr=sys.stderr, environ=os.environ
    )


def run(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]) -> int:
    secrets = secrets_in(argv, environ)
    out = cast(TextIO, ScrubbingStream(stdout, secrets))
    err = cast(TextIO, ScrubbingStream(stderr, secrets))
    io = Io(stdout=out, stderr=err, environ=environ)
    parser = build_parser()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args, extra = parser.parse_known_args(list(argv))
            if args.command != "emulator" and extra:
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
        except SystemExit as exc:  # argparse: --help, --version (0) or a usage error (2)
            return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    debug = bool(getattr(args, "debug", False))
    try:
        with _debug_logging(err, enabled=debug):
            if args.command == "emulator":
                return _run_emulator(extra, out=out, err=err)
            if args.command == "demo":
                from ._demo import run_demo

                return run_demo(speed=args.speed, io=io)
            if args.command == "wait-url":
                return run_wait_url(args, io)
            return run_api_command(args, io)
    except (Exception, KeyboardInterrupt) as exc:
        if debug:
            traceback.print_exception(exc, file=err)
        print(f"error: {describe(exc)}", file=err, flush=True)
        return exit_code_for(exc)


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
