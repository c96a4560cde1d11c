"""A real HTTP server (uvicorn, HTTP/1.1 over TCP) for the emulator, in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Self, Unpack

import uvicorn

from ._apis import PROFILES, ApiKey, profile_for
from ._connections import guarded_protocol
from ._emulator import Emulator, EmulatorOptions
from ._limits import BODY_TIMEOUT, HEADER_TIMEOUT, KEEP_ALIVE_TIMEOUT
from ._records import EmulatedOperation

__all__ = ["DEFAULT_HOST", "EmulatorServer"]

DEFAULT_HOST = "127.0.0.1"
_START_TIMEOUT = 10.0


class EmulatorServer(Emulator):
    """An :class:`Emulator` served over real HTTP on ``host:port`` (port 0 = a free port).

    Use it as a context manager; inside, ``base_url`` is the origin and ``base_urls[api]`` the base URL a
    client of that API uses (Graph's includes ``/v1.0``)::

        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=30))
            url = emu.url_for(op)

    The server binds its socket before the context is entered, so the port is known and free of races.

    No connection is kept that does not finish its request (``_connections``): one whose request head is
    not complete ``header_timeout`` seconds after it opened (or after its previous response) is closed,
    one whose body is not complete ``body_timeout`` seconds after its head gets a 408 and is closed, and
    a kept-alive connection silent for ``keep_alive_timeout`` seconds is closed. Request bodies are capped
    at ``MAX_REQUEST_BODY`` (1 MiB, see ``_intake``).
    """

    def __init__(
        self,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        header_timeout: float = HEADER_TIMEOUT,
        body_timeout: float = BODY_TIMEOUT,
        keep_alive_timeout: float = KEEP_ALIVE_TIMEOUT,
        **options: Unpack[EmulatorOptions],
    ) -> None:
        self._protocol = guarded_protocol(
            header_timeout=header_timeout, body_timeout=body_timeout, keep_alive_timeout=keep_alive_timeout
        )
        super().__init__(**options)
        self._host = host
        self._port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    # --- lifecycle ----------------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind, start serving in a daemon thread, and wait until the server accepts connections."""
        if self._server is not None:
            raise RuntimeError("the emulator server is already running")
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        # proto=IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP.
        # Without it Nagle holds the body behind the headers until the client's delayed ACK (~40 ms/request).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self._host, self._port))
        except OSError:
            sock.close()
            raise
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            http=self._protocol,
            loop="asyncio",
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="opstatus-emulator", daemon=True
        )
        self._server, self._thread, self._socket = server, thread, sock
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the emulator server did not start on {self._host}:{self._port}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread (idempotent)."""
        server, thread, sock = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=_START_TIMEOUT)
        if sock is not None:
            sock.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- where to reach it --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._socket is None:
            raise RuntimeError("the emulator server is not running")
        port: int = self._socket.getsockname()[1]
        return port

    @property
    def base_url(self) -> str:
        """The origin, e.g. ``http://127.0.0.1:54321`` (ARM and CPP clients use it as their base URL)."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def base_urls(self) -> Mapping[str, str]:
        """Per-API base URLs: the origin for monitor and partner_portal, origin + ``/v1.0`` for Graph."""
        return {key: self.base_url + profile.base_path for key, profile in PROFILES.items()}

    def base_url_for(self, api: ApiKey | str) -> str:
        return self.base_url + profile_for(api).base_path

    @property
    def admin_url(self) -> str:
        return self.base_url + "/_emulator"

    def url_for(self, op: EmulatedOperation) -> str:
        """The absolute status URL of ``op`` (with its api-version)."""
        return op.status_url(self.base_url)

    def arm_urls_for(
        self, op: EmulatedOperation, *, namespace: str = "Microsoft.Compute", location: str = "westus"
    ) -> dict[str, str]:
        """ARM's ``azure_async_operation``, ``location`` and ``begin`` URLs of an ARM API's operation,
        under any provider ``namespace`` (see ``opstatus.emulator._arm``)."""
        from ._arm import arm_urls

        return arm_urls(op, origin=self.base_url, namespace=namespace, location=location)

    def manifest_url_for(self, op: EmulatedOperation) -> str | None:
        path = op.manifest_path()
        return self.base_url + path if path is not None else None
