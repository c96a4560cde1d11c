"""A 127.0.0.1 HTTP server that answers every GET with whatever the test set: hostile text, huge bodies.

The emulator speaks each API correctly; this one says exactly what a test wants, on any path, so a
test can put escape sequences in any field or serve 20,000 steps without the emulator's own costs.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs


@attrs.define
class Answer:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = attrs.Factory(dict)


class HostileServer:
    """Serves :attr:`answer` (settable at any time) to every GET; counts the GETs."""

    def __init__(self) -> None:
        self.answer = Answer()
        self.reads = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.reads += 1
                answer = owner.answer
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(answer.body)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def serve(self, body: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.answer = Answer(status=status, body=raw, headers=headers or {})

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def cpp_operation(*, status: str, steps: list[dict[str, Any]], messages: list[Any] | None = None) -> Any:
    """A Cloud Partner Portal operation body (the one-element array the service sends)."""
    return [
        {
            "id": "op-1",
            "submissionType": "publish",
            "createdDateTime": "2024-01-01T00:00:00Z",
            "lastActionDateTime": "2024-01-01T00:00:00Z",
            "status": status,
            "messages": messages or [],
            "steps": steps,
        }
    ]


def cpp_step(name: str, *, status: str = "inProgress", percent: int = 50) -> dict[str, Any]:
    return {"id": "s", "stepName": name, "status": status, "messages": [], "progressPercentage": percent}


def monitor_status(*, status: str, code: str | None = None, message: str | None = None) -> Any:
    body: dict[str, Any] = {"id": "/subscriptions/s/x", "name": "op-1", "status": status}
    if code is not None or message is not None:
        body["error"] = {"code": code, "message": message}
    return body


MONITOR_IDS = ("--subscription-id", "s", "--resource-group", "rg", "--operation-id", "op-1")
CPP_IDS = ("--publisher-id", "p", "--offer-id", "o", "--operation-id", "op-1")
