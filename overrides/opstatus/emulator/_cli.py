"""``python -m opstatus.emulator`` / ``opstatus emulator``: run the emulator standalone.

With ``--demo`` it is a newcomer's first contact: one operation per outcome and API, each printed as
an ``opstatus ... wait`` command ready to paste, whose lifecycle starts at its first status read (so
nothing has finished before the person has typed anything). The operations come from each API's
description (``_demos``); the first has the ids of the README's Python quickstart (the succeeded example
of the API whose spec marks ``demo.quickstart``), so that example runs as written against ``--demo``.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import shlex
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

from ..cli._apis import apis
from ._apis import API_KEYS, PROFILES
from ._budget import parse_read_budget
from ._demos import demo_profiles, failing, quickstart_id, succeeding
from ._errors import InvalidOperationSpecError
from ._lifecycle import Lifecycle
from ._limits import BODY_TIMEOUT, HEADER_TIMEOUT, KEEP_ALIVE_TIMEOUT
from ._records import EmulatedOperation
from ._server import DEFAULT_HOST, EmulatorServer

__all__ = ["DEFAULT_PORT", "build_parser", "create_demo_operations", "main"]

DEFAULT_PORT = 7357


def build_parser(prog: str = "python -m opstatus.emulator") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Serve every operation-status API of this opstatus locally, at its real paths: "
            + ", ".join(API_KEYS)
            + "."
        ),
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to bind, 0 for a free one (default {DEFAULT_PORT})",
    )
    parser.add_argument("--demo", action="store_true", help="create demo operations for every API")
    parser.add_argument(
        "--clock",
        choices=("wall", "virtual"),
        default="wall",
        help="wall (default) or virtual (advance via admin API)",
    )
    parser.add_argument(
        "--token", default=None, help="accept only this bearer token (default: any non-empty one)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed for generated ids, to get the same ids in every run (default: new ids each run, so an "
        "old continuation token cannot read a new, unrelated operation)",
    )
    for flag, default, what in (
        ("--header-timeout", HEADER_TIMEOUT, "close a connection whose request head is not complete by then"),
        ("--body-timeout", BODY_TIMEOUT, "answer 408 and close when a request body is not complete by then"),
        ("--keep-alive-timeout", KEEP_ALIVE_TIMEOUT, "close a kept-alive connection idle that long"),
    ):
        parser.add_argument(
            flag, type=_seconds, default=default, metavar="S", help=f"{what} (default {default:g} s)"
        )
    parser.add_argument(
        "--read-budget",
        metavar="SIZE/REFILL",
        default=None,
        help="count status reads per scope (subscription, publisher) in a token bucket of SIZE reads "
        "refilled at REFILL a second, answering 429 + Retry-After when empty ('arm': 250/25, ARM's own); "
        "default: off, every read is answered",
    )
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a number of seconds > 0, not {text!r}")
    return value


def create_demo_operations(emulator: EmulatorServer) -> list[tuple[str, EmulatedOperation]]:
    """A success and a failure per API, each finishing within a minute of its first status read.

    Every API of the build, in demo order (``_demos``), the one whose spec marks ``demo.quickstart``
    first with one more operation: the README quickstart's, under its succeeded example's ids.
    """
    profiles = sorted(demo_profiles(), key=lambda profile: not profile.emulation.demo_quickstart)
    created: list[tuple[str, EmulatedOperation]] = []
    for profile in profiles:
        key, steps = profile.key, len(profile.emulation.example_steps) if profile.reports_steps else 0
        operation_id = quickstart_id(profile) if profile.emulation.demo_quickstart else None
        if operation_id is not None:
            quickstart = _demo_operation(emulator, key, succeeding(profile, 20), operation_id=operation_id)
            created.append(
                (f"{key}: the README quickstart's operation, succeeds 20 s after its first read", quickstart)
            )
        if steps:
            seconds = 10.0 * steps
            stop = profile.emulation.example_steps[1 if steps > 1 else 0][1]
            labels = (f"walks through {steps} steps in {seconds:g} s", f"fails at step {stop}")
        else:
            seconds, labels = 20.0, ("succeeds after 20 s", "fails after 10 s")
        created.append((f"{key}: {labels[0]}", _demo_operation(emulator, key, succeeding(profile, seconds))))
        failure = failing(profile, seconds if steps else 10.0)
        created.append((f"{key}: {labels[1]}", _demo_operation(emulator, key, failure)))
    return created


def _demo_operation(
    emulator: EmulatorServer, key: str, lifecycle: Lifecycle, *, operation_id: str | None = None
) -> EmulatedOperation:
    return emulator.create_operation(
        key, lifecycle=lifecycle, operation_id=operation_id, starts_on_first_read=True
    )


def wait_command(op: EmulatedOperation, *, base_url: str) -> str:
    """The ``opstatus <api> wait ...`` command for ``op``, ids spelled with the CLI's own flags."""
    api = next(api for api in apis() if api.key == op.api)
    argv = ["opstatus", api.command, "wait", "--base-url", base_url]
    for option in api.ids:
        argv += [option.flag, op.params[option.param]]
    return shlex.join(argv)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, prog: str | None = None) -> int:
    """Run until interrupted (Ctrl-C or SIGTERM); returns the process exit code."""
    stream = out or sys.stdout
    parser = build_parser(prog or "python -m opstatus.emulator")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be 0-65535, not {args.port}")
    try:
        read_budget = None if args.read_budget is None else parse_read_budget(args.read_budget)
    except InvalidOperationSpecError as exc:
        parser.error(f"--read-budget: {exc}")
    server = EmulatorServer(
        host=args.host,
        port=args.port,
        clock=args.clock,
        token=args.token,
        seed=args.seed,
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        keep_alive_timeout=args.keep_alive_timeout,
        read_budget=read_budget,
    )
    try:
        server.start()
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        _print_urls(
            server,
            stream,
            demo=create_demo_operations(server) if args.demo else [],
            host=args.host,
            token_configured=args.token is not None,
        )
        _wait_for_signal()
    finally:
        server.stop()
    return 0


def _print_urls(
    server: EmulatorServer,
    out: TextIO,
    *,
    demo: list[tuple[str, EmulatedOperation]],
    host: str,
    token_configured: bool,
) -> None:
    print(f"opstatus emulator listening on {server.base_url} (clock: {server.clock.mode})", file=out)
    if not _is_loopback(host):
        accepts = "only the configured token" if token_configured else "any bearer token"
        print(f"warning: bound to {host}, reachable from other machines; it accepts {accepts}", file=out)
    print("base URLs:", file=out)
    for key in PROFILES:
        print(f"  {key:<15} {server.base_url_for(key)}", file=out)
    print(f"  {'admin':<15} {server.admin_url}", file=out)
    if demo:
        token = "<the --token value>" if token_configured else "emulator"
        note = "the token given to --token" if token_configured else "any non-empty token"
        print("demo operations: each starts at its first read; paste a command in another shell", file=out)
        print(f"  export OPSTATUS_TOKEN={token}   # {note}", file=out)
        for label, op in demo:
            print(f"  {label}", file=out)
            print(f"    {wait_command(op, base_url=server.base_url)}", file=out)
            print(f"    {server.url_for(op)}", file=out)
    print("press Ctrl-C to stop", file=out, flush=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _wait_for_signal() -> None:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_signal)
    try:
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
