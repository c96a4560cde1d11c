"""The opstatus emulator in its own process, serving one never-finishing monitor operation.

Only used to measure what one request costs when the emulator (starlette + pydantic + uvicorn) is the
server, next to the bench responder, so BENCHMARKS.md can say why timing figures use the responder.
Prints the operation's status URL, then serves until stdin closes or SIGTERM.
"""

from __future__ import annotations

import signal
import sys
import threading

from opstatus.emulator import EmulatorServer, Lifecycle


def _set_on_stdin_eof(stop: threading.Event) -> None:
    sys.stdin.read()  # the runner holds our stdin pipe; EOF means it is gone
    stop.set()


def main() -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with EmulatorServer(clock="virtual") as emulator:
        operation = emulator.create_operation("monitor", lifecycle=Lifecycle.never_finishes())
        print(emulator.url_for(operation), flush=True)
        threading.Thread(target=_set_on_stdin_eof, args=(stop,), daemon=True).start()
        stop.wait(timeout=3600)


if __name__ == "__main__":
    main()
