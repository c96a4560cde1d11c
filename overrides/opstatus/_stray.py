"""A pooled connection that holds bytes nobody asked for is closed, never reused (issue 21).

HTTP/1.1 has no request ids: a client pairs a response with a request only by order on the connection.
A server (or a broken proxy) that queues a second, unrequested response behind the real one therefore
makes the *next* request on that keep-alive connection read the stray response as its answer: a wait
reported ``Succeeded`` (or ``NotFoundError``) that no request of it was ever answered with.

Stray bytes can wait in two places, and a connection is reused only if both are empty:

* **the socket**: httpcore already closes an idle connection whose socket is readable before it is
  reused (``has_expired``: a readable idle socket can only mean a close, or bytes nobody asked for);
* **the parser's buffer**: bytes that came in the same read as the end of the last response (one
  segment carrying both) sit in h11's receive buffer, out of the socket's sight; httpcore starts the
  next cycle on them. :class:`StrictConnectionPool` (and its async twin) builds connections whose
  ``has_expired`` also says yes when the idle connection's h11 buffer (``trailing_data``) is not empty.

The pool asks ``has_expired`` of every connection each time it assigns a request, so the added check
is two attribute reads for a busy connection, the length of an empty buffer for an idle one. It reads
httpcore's private ``_h11_state`` (h11's state is public): should a future httpcore rename it, the
check does nothing (``getattr``) and ``tests/reliability/test_stray_answers.py`` fails.

The aiohttp transport (``_fast``) closes an idle connection as soon as any byte arrives on it; a
caller's own ``http_client``/``transport`` keeps its own pool's rules (httpx's default pool reuses a
connection whose h11 buffer holds a stray response).
"""

from __future__ import annotations

import h11
import httpcore

__all__ = ["AsyncStrictConnectionPool", "StrictConnectionPool", "holds_stray_bytes"]


def holds_stray_bytes(connection: object) -> bool:
    """Whether an idle HTTP/1.1 connection's parser holds bytes no request of it has asked for yet.

    Asked of every pooled connection each time the pool assigns a request: two attribute reads and a
    comparison for one that is busy (mid-response, buffered bytes are that response's).
    """
    h11_state = getattr(connection, "_h11_state", None)  # None: not connected yet, or not HTTP/1.1
    if h11_state is None or h11_state.their_state is not h11.IDLE:
        return False
    return bool(h11_state.trailing_data[0])


class _StrictConnection(httpcore.HTTPConnection):
    def has_expired(self) -> bool:
        return super().has_expired() or holds_stray_bytes(self._connection)


class _AsyncStrictConnection(httpcore.AsyncHTTPConnection):
    def has_expired(self) -> bool:
        return super().has_expired() or holds_stray_bytes(self._connection)


class StrictConnectionPool(httpcore.ConnectionPool):
    """httpcore's pool, whose direct connections are closed rather than reused when they hold stray bytes."""

    def create_connection(self, origin: httpcore.Origin) -> httpcore.ConnectionInterface:
        connection = super().create_connection(origin)
        # Same object, same construction (the pool's own settings); only has_expired is added. Proxy
        # connections are other classes and keep theirs (opstatus's transports use no proxy).
        if type(connection) is httpcore.HTTPConnection:
            connection.__class__ = _StrictConnection
        return connection


class AsyncStrictConnectionPool(httpcore.AsyncConnectionPool):
    """The async twin of :class:`StrictConnectionPool`."""

    def create_connection(self, origin: httpcore.Origin) -> httpcore.AsyncConnectionInterface:
        connection = super().create_connection(origin)
        if type(connection) is httpcore.AsyncHTTPConnection:
            connection.__class__ = _AsyncStrictConnection
        return connection
