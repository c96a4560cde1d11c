"""The ASGI app: every API at its real paths, the admin API under ``/_emulator``."""

from __future__ import annotations

from typing import Unpack

from ._admin import ADMIN_PREFIX, build_admin_app
from ._api import ApiHandler
from ._arm import ArmHandler
from ._emulator import Emulator, EmulatorOptions
from ._intake import read_body
from ._limits import MAX_REQUEST_BODY
from ._wire import Receive, Scope, Send

__all__ = ["EmulatorApp", "create_app"]


class EmulatorApp:
    """ASGI callable; ``.emulator`` is the state it serves.

    API requests go straight to :class:`ApiHandler` (no middleware in between, so it can drop a
    connection the way a crashed backend does), ARM's generic operation URLs to :class:`ArmHandler`;
    everything else, lifespan included, to the admin app. Every HTTP request's body is read first, at
    most ``MAX_REQUEST_BODY`` bytes (``_intake``): a larger one is answered 413 and routed nowhere.
    """

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self._api = ApiHandler(emulator)
        self._arm = ArmHandler(emulator)
        self._admin = build_admin_app(emulator)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            replay = await read_body(scope, receive, send, limit=MAX_REQUEST_BODY)
            if replay is None:
                return
            receive = replay
        path: str = scope.get("path", "")
        if scope["type"] == "http" and not (path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/")):
            raw = (scope.get("raw_path") or path.encode()).decode("latin-1")
            await (self._arm if self._arm.serves(raw) else self._api)(scope, receive, send)
        else:
            await self._admin(scope, receive, send)


def create_app(emulator: Emulator | None = None, **options: Unpack[EmulatorOptions]) -> EmulatorApp:
    """An in-process emulator app, for ``httpx.ASGITransport`` or schemathesis' ASGI support.

    Pass an :class:`Emulator` to control it, or emulator options (``clock="virtual"``, ...) to make one;
    either way the state is ``app.emulator``.
    """
    if emulator is not None and options:
        raise TypeError("give either an emulator or emulator options, not both")
    if emulator is None:
        emulator = Emulator(**options)
    return emulator.app
