"""``python -m opstatus.emulator`` / ``opstatus emulator``: run the emulator standalone."""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

from ._apis import PROFILES
from ._lifecycle import ErrorSpec, Lifecycle, Phase, PlannedStep, step_plan
from ._server import DEFAULT_HOST, EmulatorServer

__all__ = ["DEFAULT_PORT", "build_parser", "create_demo_operations", "main"]

DEFAULT_PORT = 7357


def build_parser(prog: str = "python -m opstatus.emulator") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve every opstatus operation-status API (one per spec in specs/) locally.",
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
    parser.add_argument("--seed", type=int, default=0, help="seed for generated ids (default 0)")
    return parser


def create_demo_operations(emulator: EmulatorServer) -> list[tuple[str, str]]:
    """Demo operations finishing within a minute of wall time; returns (label, url).

    The three known APIs get a success and a failure in their own idiom; any other API a success.
    """
    created = [
        (
            "monitor: succeeds after 20 s",
            emulator.create_operation(
                "monitor",
                lifecycle=Lifecycle(
                    phases=(
                        Phase(state="not_started", seconds=5),
                        Phase(seconds=5, percent=25),
                        Phase(seconds=10, percent=75),
                    ),
                ),
            ),
        ),
        (
            "monitor: fails after 10 s",
            emulator.create_operation(
                "monitor",
                lifecycle=Lifecycle.fails(
                    after=10,
                    code="PrivateLinkScopeValidationFailed",
                    message="The private link scope could not be updated.",
                ),
            ),
        ),
        (
            "partner_portal: publishes through 3 steps in 30 s",
            emulator.create_operation(
                "partner_portal",
                lifecycle=step_plan(
                    [
                        PlannedStep(id="displaydummycertify", name="Validate Pre-Requisites", seconds=10),
                        PlannedStep(id="displaycertify", name="Certification", seconds=10),
                        PlannedStep(id="live", name="Live", seconds=10),
                    ],
                    final_status="complete",
                ),
            ),
        ),
        (
            "partner_portal: rejected in certification",
            emulator.create_operation(
                "partner_portal",
                lifecycle=step_plan(
                    [
                        PlannedStep(id="displaydummycertify", name="Validate Pre-Requisites", seconds=5),
                        PlannedStep(id="displaycertify", name="Certification", seconds=5),
                    ],
                    outcome="failed",
                    error=ErrorSpec(
                        code="CertificationFailed", message="No virtual machine image was found."
                    ),
                ),
            ),
        ),
        (
            "graph_billing: export succeeds after 15 s",
            emulator.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=15)),
        ),
        (
            "graph_billing: export fails after 10 s",
            emulator.create_operation(
                "graph_billing", lifecycle=Lifecycle.fails(after=10, code="5000", message="No data available")
            ),
        ),
    ]
    curated = {op.api for _label, op in created}
    for key in PROFILES:
        if key not in curated:
            op = emulator.create_operation(key, lifecycle=Lifecycle.succeeds(after=20))
            created.append((f"{key}: succeeds after 20 s", op))
    return [(label, emulator.url_for(op)) for label, op in created]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, prog: str | None = None) -> int:
    """Run until interrupted (Ctrl-C or SIGTERM); returns the process exit code."""
    stream = out or sys.stdout
    parser = build_parser(prog or "python -m opstatus.emulator")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be 0-65535, not {args.port}")
    server = EmulatorServer(
        host=args.host, port=args.port, clock=args.clock, token=args.token, seed=args.seed
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
    server: EmulatorServer, out: TextIO, *, demo: list[tuple[str, str]], host: str, token_configured: bool
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
        print("demo operations (GET with an Authorization: Bearer header):", file=out)
        for label, url in demo:
            print(f"  {label}\n    {url}", file=out)
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
