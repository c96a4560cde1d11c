"""The figures README "Guarantees" quotes for issue 11: ``python -m tests.reliability.hostile_report``.

Runs each row of the issue's table once against :mod:`hostile_server` (sync, async, CLI) and prints
one line per case: how far past its deadline it ended, what it raised, how many requests the server
saw, and, for the body rows, the peak RSS of a child process that read the body sync and async.
The assertions live in ``test_hostile_servers.py``; this only measures (about a minute).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable

import opstatus

from .hostile_server import HostileServer, full_backlog, gzip_bomb
from .test_hostile_servers import (
    _RSS_SCRIPT,
    IDS,
    TOKEN,
    _async_wait,
    _cli_wait,
    _ride_out,
    _SlowCredential,
    _sync_wait,
    _timed,
)

WAIT = 1.5


def _line(case: str, deadline: float | None, elapsed: float, outcome: str, requests: int | str = "") -> None:
    over = f"{elapsed - deadline:+.2f} s" if deadline is not None else ""
    print(f"{case:<44} {over:>9} {elapsed:6.2f} s  {outcome:<38} {requests}")


def _outcome(error: BaseException | None) -> str:
    if error is None:
        return "returned"
    cause = f" <- {type(error.__cause__).__name__}" if error.__cause__ is not None else ""
    return f"{type(error).__name__}{cause}"


def main() -> None:
    gzip_bomb()
    waits: dict[str, Callable[..., tuple[float, BaseException | None]]] = {
        "sync": _sync_wait,
        "async": _async_wait,
    }
    with HostileServer() as server:
        for mode in ("trickle-body", "trickle-chunked", "trickle-headers", "silent"):
            for kind, wait in waits.items():
                elapsed, error = wait(server.base_url(mode), timeout=WAIT, token=TOKEN)
                _line(f"{mode} wait({WAIT}) {kind}", WAIT, elapsed, _outcome(error))
            startup, _ = _cli_wait(server.base_url("ok"), 5)
            elapsed, done = _cli_wait(server.base_url(mode), 2)
            _line(
                f"{mode} CLI wait --timeout 2 (start-up subtracted)",
                2,
                elapsed - startup,
                f"exit {done.returncode}",
            )
        with opstatus.MonitorClient(base_url=server.base_url("trickle-body"), timeout=WAIT) as client:
            elapsed, error = _timed(lambda: client.get_operation_status(**IDS))
            _line(f"trickle-body get, client timeout={WAIT}", WAIT, elapsed, _outcome(error))
        with full_backlog() as port:
            for kind, wait in waits.items():
                elapsed, error = wait(f"http://127.0.0.1:{port}", timeout=WAIT)
                _line(f"full backlog wait({WAIT}) {kind}", WAIT, elapsed, _outcome(error))
        for mode in ("huge", "endless", "gzip-bomb"):
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-c", _RSS_SCRIPT, server.base_url(mode)],
                capture_output=True,
                text=True,
                check=True,
            )
            report = json.loads(done.stdout)
            kinds = "/".join(sorted({kind for kind, _ in report["results"]}))
            _line(
                f"{mode} body, sync + async",
                None,
                time.monotonic() - started,
                kinds,
                f"peak RSS {report['peak_mb']:.1f} MB",
            )
        for kind, wait in waits.items():
            elapsed, error = wait(server.base_url("ok"), timeout=1.0, credential=_SlowCredential(5))
            _line(f"credential taking 5 s, wait(1.0) {kind}", 1.0, elapsed, _outcome(error))
        for mode in ("throttle-0", "unavailable-0"):
            server.reset_counts()
            started = time.monotonic()
            with opstatus.MonitorClient(base_url=server.base_url(mode)) as client:
                _ride_out(client.poller(**IDS), 3.0)
            _line(
                f"{mode}: catch + result() again for 3 s",
                None,
                time.monotonic() - started,
                "",
                f"{server.count(mode) / 3:.1f} requests/s",
            )
        server.reset_counts()
        with opstatus.MonitorClient(
            base_url=server.base_url("running"), polling=opstatus.PollingPolicy(min_delay=0, max_delay=0)
        ) as client:
            elapsed, error = _sync_wait(server.base_url("running"), timeout=2.0, polling=client.polling)
        _line(
            "PollingPolicy(min_delay=0, max_delay=0) 2 s",
            2.0,
            elapsed,
            _outcome(error),
            f"{server.count('running') / 2:.1f} requests/s",
        )


if __name__ == "__main__":
    main()
