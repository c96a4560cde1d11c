"""Reading a response body with a size limit, counted on decoded bytes, within the request's budget.

A status body is a few KB. A server that sends 200 MB, never stops, or sends 1 MB of gzip that
inflates to 1 GB must not cost more than :data:`DEFAULT_MAX_BODY_SIZE` of memory, nor more time than
the request's budget. So the pipelines stream the raw bytes and decode them here, themselves:

* the requests say ``Accept-Encoding: gzip, deflate`` (:data:`ACCEPT_ENCODING`): the two encodings
  zlib can inflate *with an output bound* (``max_length``), so one compressed chunk can never
  expand past the limit in memory. A body in an encoding we did not ask for (br, zstd, ...) is a
  :class:`DecodeError`, not something we try to inflate unbounded;
* at most ``limit + 1`` decoded bytes are produced; past ``limit`` the read stops at once (the
  caller closes the connection, so the rest is never read) with :class:`ResponseTooLargeError`;
* between chunks the request's :class:`~opstatus._deadline.Budget` is checked, so even a caller's own
  ``http_client`` (whose sockets opstatus does not clamp) ends a trickled body at the deadline.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Final

import httpx

from ._deadline import Budget
from ._errors import DecodeError, ResponseTooLargeError
from ._headers import header_value

__all__ = [
    "ACCEPT_ENCODING",
    "DEFAULT_MAX_BODY_SIZE",
    "BodyReader",
    "BufferedByteStream",
    "check_max_body_size",
]

DEFAULT_MAX_BODY_SIZE: Final = 4 * 1024 * 1024
"""4 MiB: a thousand times a large status body, small enough that no body can hurt a process."""
ACCEPT_ENCODING: Final = "gzip, deflate"
_GZIP_WBITS: Final = zlib.MAX_WBITS | 16


def check_max_body_size(value: object) -> int:
    """``max_body_size=`` as given to a client: a positive int of bytes (a ``bool`` is not one)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_body_size must be a positive int of bytes, got {value!r}")
    return value


class _Inflater:
    """gzip/deflate/identity with an output bound; deflate accepts zlib-wrapped and raw streams."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._z: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(_GZIP_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        self._first = True

    def feed(self, data: bytes, budget: int) -> Iterator[bytes]:
        """Decoded bytes of ``data``, stopping once more than ``budget`` bytes came out."""
        if self._z is None:
            yield data
            return
        produced = 0
        pending = data
        while pending and produced <= budget:
            try:
                out = self._z.decompress(pending, budget - produced + 1)
            except zlib.error:
                if not (self._first and self.encoding == "deflate"):
                    raise
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                out = self._z.decompress(pending, budget - produced + 1)
            self._first = False
            pending = self._z.unconsumed_tail
            produced += len(out)
            if out:
                yield out
            if self._z.eof:
                return


class BufferedByteStream(httpx.AsyncByteStream):
    """An async body stream that may hold the whole body already when the response head is read.

    A status body is small and comes in the same packet as the head: the aiohttp transport (``_fast``)
    has all of it by then. :meth:`BodyReader.aread` takes it in one step, with none of the async
    iteration (two ``__anext__`` coroutines, a read coroutine, ``StopAsyncIteration``) that finds
    the same bytes: about 3 % of a status read with 1,000 in flight.
    """

    def take_whole(self) -> bytes | None:
        """The whole raw body if it is here already (the stream is then used up), else None."""
        return None


class BodyReader:
    """Collects one response body: decoded, bounded by ``limit`` bytes and by the request's budget."""

    def __init__(self, response: httpx.Response, *, limit: int, budget: Budget | None) -> None:
        raw_header = header_value(response.headers, b"content-encoding")
        header = None if raw_header is None else raw_header.decode("latin-1")
        self.encoded = header is not None
        """Whether the response names a ``Content-Encoding`` (see :func:`with_body`)."""
        encodings: list[str] = []
        if header:
            encodings = [e.strip().lower() for e in header.split(",")]
            encodings = [e for e in encodings if e and e != "identity"]
        if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
            raise DecodeError(
                reason=f"content-encoding {', '.join(encodings)!r} was not asked for ({ACCEPT_ENCODING})",
                where="body",
                status_code=response.status_code,
            )
        self._response = response
        # None: the body is sent as is (the usual case), taken without an inflater's generator.
        self._inflater = _Inflater(encodings[0]) if encodings else None
        self._limit = limit
        self._budget = budget
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, raw: bytes) -> None:
        """Add one raw chunk; raises when the limit or the budget is passed."""
        inflater = self._inflater
        try:
            for out in (raw,) if inflater is None else inflater.feed(raw, self._limit - self._size):
                self._size += len(out)
                if self._size > self._limit:
                    raise ResponseTooLargeError(limit=self._limit, status_code=self._response.status_code)
                self._parts.append(out)
        except zlib.error as exc:
            assert inflater is not None  # only an inflater raises it
            raise httpx.DecodingError(f"{inflater.encoding} body cannot be decoded: {exc}") from exc
        if self._budget is not None and self._budget.expired():
            raise httpx.ReadTimeout("the request's total deadline passed while reading the body")

    def content(self) -> bytes:
        return b"".join(self._parts)

    def read(self) -> bytes:
        """The whole body of a sync streamed response.

        Chunks are taken as the network gives them, straight from the transport's stream
        (``response.stream``, what ``iter_raw`` wraps): no ``chunk_size`` (httpx would buffer up to it,
        and a trickled body would never reach the deadline check), and none of ``iter_raw``'s
        wrappers either (a chunker, a byte counter and a context manager nothing here reads: about
        3 % of a status read with 1,000 in flight).
        """
        response = self._response
        if response.is_stream_consumed:
            return self._already_read()
        response.is_stream_consumed = True
        stream = response.stream
        if not isinstance(stream, httpx.SyncByteStream):
            raise RuntimeError("Attempted to call a sync iterator on an async stream.")
        for raw in stream:
            self.feed(raw)
        return self.content()

    async def aread(self) -> bytes:
        """The whole body of an async streamed response (as :meth:`read`)."""
        response = self._response
        if response.is_stream_consumed:
            return self._already_read()
        response.is_stream_consumed = True
        stream = response.stream
        if isinstance(stream, BufferedByteStream):
            whole = stream.take_whole()
            if whole is not None:
                self.feed(whole)  # the same limits and deadline check as chunk by chunk
                return self.content()
        elif not isinstance(stream, httpx.AsyncByteStream):
            raise RuntimeError("Attempted to call an async iterator on a sync stream.")
        async for raw in stream:
            self.feed(raw)
        return self.content()

    def _already_read(self) -> bytes:
        """A response a transport built in memory (``httpx.MockTransport``): httpx decoded it already."""
        content = self._response.content
        if len(content) > self._limit:
            raise ResponseTooLargeError(limit=self._limit, status_code=self._response.status_code)
        return content


def with_body(response: httpx.Response, content: bytes, *, encoded: bool | None = None) -> httpx.Response:
    """The closed, streamed ``response`` made to hold its decoded ``content`` (``response.content``).

    ``encoded``: whether ``response`` names a ``Content-Encoding``, when the caller knows already
    (:attr:`BodyReader.encoded`); else its headers are looked at.

    A body that came encoded gets a copy of the response without ``Content-Encoding`` (the content is
    already decoded). One that did not, the common case, is stored where httpx's own
    ``Response.read()`` stores it: a new ``httpx.Response`` costs about 10 µs, 3 % of a status read
    on loopback. (httpx < 0.29, pinned in pyproject, has kept ``_content`` there since 0.18.)
    """
    if encoded is None:
        encoded = "content-encoding" in response.headers
    if not encoded:
        response._content = content
        return response
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"]
    copy = httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=response.request,
        extensions=response.extensions,
    )
    return copy
