"""The request log: what reached the emulator's API routes, exactly as it was on the wire.

``path`` and ``query`` are the raw, still percent-encoded bytes the client sent, so a test can assert
how a client encodes ids. Credentials never enter the log: the values of Authorization-like headers are
replaced by ``REDACTED``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["REDACTED", "LoggedRequest", "RequestLog"]

REDACTED = "REDACTED"
_SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-ms-authorization-auxiliary"}
)
_SECRET_WORDS = ("key", "secret", "token", "password", "signature")
"""A header named with one of these carries a credential (an apiKey header: Ocp-Apim-Subscription-Key)."""


def _secret_header(name: str) -> bool:
    return name in _SECRET_HEADERS or any(word in name for word in _SECRET_WORDS)


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One API request and what the emulator did with it."""

    seq: int
    method: str
    path: str
    """Raw path as sent (percent-encoding kept)."""
    query: str
    """Raw query string as sent, without the ``?``."""
    headers: tuple[tuple[str, str], ...]
    """Request headers in order, names lower-cased, secret values redacted."""
    status: int | None
    """Status sent; ``None`` when the connection was dropped before a status line."""
    api: str | None
    operation_id: str | None
    fault: str | None
    """The injected fault kind, if any."""
    request_id: str | None
    at: float
    """Emulator clock reading when the request arrived."""
    throttled: bool = False
    """The emulator's read budget answered 429 (its scope's bucket was empty), not an injected fault."""

    def header(self, name: str) -> str | None:
        """First value of header ``name`` (case-insensitive)."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": [list(pair) for pair in self.headers],
            "status": self.status,
            "api": self.api,
            "operationId": self.operation_id,
            "fault": self.fault,
            "requestId": self.request_id,
            "at": self.at,
            "throttled": self.throttled,
        }


def redact_headers(raw: Iterable[tuple[bytes, bytes]]) -> tuple[tuple[str, str], ...]:
    """ASGI header pairs as text, with credential values replaced."""
    pairs = []
    for key, value in raw:
        name = key.decode("latin-1").lower()
        pairs.append((name, REDACTED if _secret_header(name) else value.decode("latin-1")))
    return tuple(pairs)


class RequestLog:
    """A bounded, thread-safe list of :class:`LoggedRequest` (oldest dropped first)."""

    def __init__(self, *, limit: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LoggedRequest] = deque(maxlen=limit)
        self._seq = 0

    def next_seq(self) -> int:
        with self._lock:
            self._seq += 1
            return self._seq

    def add(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> tuple[LoggedRequest, ...]:
        with self._lock:
            return tuple(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
