"""The pytest plugin: a running emulator and clients of every API bound to it, nothing to copy.

Installed with opstatus (a ``pytest11`` entry point, so pytest loads it by itself); it works with the
``emulator`` extra (``pip install "opstatus[emulator]"``). This module imports only pytest and
``opstatus`` itself: without the extra a pytest run is untouched, and a test that asks for one of the
fixtures is skipped with the install hint.

Fixtures (every name starts with ``opstatus_``, so none shadows a fixture of your own):

``opstatus_emulator``
    A running :class:`opstatus.emulator.EmulatorServer` on 127.0.0.1, empty for each test (no
    operations, faults or logged requests; virtual time 0). By default the clock is virtual and the ids
    random (``pytest --opstatus-clock=wall --opstatus-seed=7`` for the whole run);
    ``@pytest.mark.opstatus_emulator(clock="wall", seed=7, ...)`` (any ``EmulatorServer`` keyword) gives
    a test its own server. Tests without the mark share one server per session.
``opstatus_clients`` / ``opstatus_async_clients``
    A client of every API of the build (read from the generated registry), built for the emulator: its
    base URL, a token, and on a virtual clock the emulator's ``now``/``sleep`` so waits advance virtual
    time instead of sleeping. ``opstatus_clients.monitor`` or ``opstatus_clients["monitor"]``; closed
    after the test.
``opstatus_operation``
    ``opstatus_operation("monitor", lifecycle=..., faults=...)``: ``create_operation`` on the emulator;
    the operation's ``kwargs`` are exactly the keyword arguments its API's client takes
    (``opstatus_clients.monitor.wait(**op.kwargs)``).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

import pytest

from . import _generated

if TYPE_CHECKING:
    from .emulator import EmulatedOperation, EmulatorServer

__all__ = [
    "EmulatorClients",
    "opstatus_async_clients",
    "opstatus_clients",
    "opstatus_emulator",
    "opstatus_operation",
]

TOKEN: Final = "opstatus-pytest-token"  # noqa: S105 - the emulator accepts any token
"""The bearer token the clients send; the plugin's emulators accept any non-empty one."""
_MARK: Final = "opstatus_emulator"
_DEFAULTS: Final[Mapping[str, Any]] = {"clock": "virtual"}
_INSTALL_HINT: Final = (
    "the opstatus pytest fixtures need the emulator extra: pip install 'opstatus[emulator]'"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("opstatus", "opstatus emulator fixtures")
    group.addoption(
        "--opstatus-clock",
        choices=("virtual", "wall"),
        default=None,
        help="the clock of the session's shared opstatus emulator (default: virtual)",
    )
    group.addoption(
        "--opstatus-seed",
        type=int,
        default=None,
        help="seed the session's shared opstatus emulator: the same operation ids every run",
    )


def _session_options(config: pytest.Config) -> dict[str, Any]:
    options = dict(_DEFAULTS)
    clock = config.getoption("--opstatus-clock", default=None)
    seed = config.getoption("--opstatus-seed", default=None)
    if clock is not None:
        options["clock"] = clock
    if seed is not None:
        options["seed"] = seed
    return options


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARK}(**options): run this test on its own opstatus emulator, started with these "
        "EmulatorServer options (clock='virtual'|'wall', seed=N, tick_per_request=S, faults=..., ...)",
    )


def _server_class() -> type[EmulatorServer]:
    try:
        from .emulator import EmulatorServer
    except ImportError as missing:  # starlette, uvicorn or pydantic absent: the extra is not installed
        pytest.skip(f"{_INSTALL_HINT} ({missing})")
    return EmulatorServer


@pytest.fixture(scope="session")
def _opstatus_shared_emulator(pytestconfig: pytest.Config) -> Iterator[Callable[[], EmulatorServer]]:
    """One emulator for the session's unmarked tests, started by the first test that needs it (options:
    ``--opstatus-clock``, ``--opstatus-seed``; a seeded one is started again for each test, so every
    test sees the same ids)."""
    options = _session_options(pytestconfig)
    started: list[EmulatorServer] = []

    def get() -> EmulatorServer:
        if started and options.get("seed") is not None:
            started.pop().stop()
        if not started:
            started.append(_server_class()(**options).start())
        return started[0]

    yield get
    for server in started:
        server.stop()


@pytest.fixture
def opstatus_emulator(
    request: pytest.FixtureRequest, _opstatus_shared_emulator: Callable[[], EmulatorServer]
) -> Iterator[EmulatorServer]:
    """A running emulator on 127.0.0.1, empty for this test (see the module docstring)."""
    marker = request.node.get_closest_marker(_MARK)
    if marker is None:
        server = _opstatus_shared_emulator()
        server.reset()
        yield server
        server.reset()
        return
    if marker.args:
        raise pytest.UsageError(f"@pytest.mark.{_MARK} takes keyword options only, got {marker.args!r}")
    with _server_class()(**{**_DEFAULTS, **marker.kwargs}) as server:
        yield server


class EmulatorClients(Mapping[str, Any]):
    """A client of every API of the build, by API key (``clients["monitor"]``) or attribute
    (``clients.monitor``); ``clients.of(opstatus.MonitorClient)`` returns it typed."""

    def __init__(self, clients: Mapping[str, Any]) -> None:
        self._clients = dict(clients)

    def __getitem__(self, key: str) -> Any:
        return self._clients[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._clients)

    def __len__(self) -> int:
        return len(self._clients)

    def __getattr__(self, key: str) -> Any:
        try:
            return self._clients[key]
        except KeyError:
            raise AttributeError(f"no API {key!r}; the APIs are {', '.join(self._clients)}") from None

    def of(self, cls: type[Any]) -> Any:
        """The client of class ``cls`` (``clients.of(opstatus.MonitorClient)``)."""
        for client in self._clients.values():
            if type(client) is cls:
                return client
        raise KeyError(cls.__name__)

    def __repr__(self) -> str:
        return f"EmulatorClients({', '.join(self._clients)})"


def _client_classes(*, asynchronous: bool) -> dict[str, type[Any]]:
    """API key -> its sync (or async) client class, from the generated registry."""
    classes: dict[str, type[Any]] = {}
    for name, key in _generated.CLIENTS.items():
        if name.startswith("Async") == asynchronous:
            classes[key] = getattr(importlib.import_module(f"opstatus._generated.{key}"), name)
    return classes


def client_options(emulator: EmulatorServer, key: str, *, asynchronous: bool) -> dict[str, Any]:
    """The constructor arguments that bind a client of API ``key`` to ``emulator``: the emulator's token,
    as ``api_key=`` for an API whose spec takes an API key and no bearer token (Azure Speech)."""
    routes = importlib.import_module(f"{_generated.__name__}.{key}.api").ROUTES
    credential = "token" if "bearer" in routes.security or routes.api_key_header is None else "api_key"
    options: dict[str, Any] = {"base_url": emulator.base_urls[key], credential: TOKEN}
    if emulator.clock.mode == "virtual":
        options["clock"] = emulator.now
        options["sleep"] = emulator.async_sleep if asynchronous else emulator.sleep
    return options


@pytest.fixture
def opstatus_clients(opstatus_emulator: EmulatorServer) -> Iterator[EmulatorClients]:
    """A sync client of every API, bound to ``opstatus_emulator``; closed after the test."""
    clients = {
        key: cls(**client_options(opstatus_emulator, key, asynchronous=False))
        for key, cls in _client_classes(asynchronous=False).items()
    }
    yield EmulatorClients(clients)
    for client in clients.values():
        client.close()


@pytest.fixture
def opstatus_async_clients(opstatus_emulator: EmulatorServer) -> Iterator[EmulatorClients]:
    """An async client of every API, bound to ``opstatus_emulator``.

    Their connections belong to the event loop of the test that used them, which has ended by
    teardown; each is closed on a loop of its own, and a connection that cannot be closed there is
    dropped (the emulator is local: nothing waits on it). Close them yourself (``async with``) to be
    tidy: closing twice is harmless.
    """
    import asyncio

    clients = {
        key: cls(**client_options(opstatus_emulator, key, asynchronous=True))
        for key, cls in _client_classes(asynchronous=True).items()
    }
    yield EmulatorClients(clients)
    for client in clients.values():
        with contextlib.suppress(Exception):
            asyncio.run(client.aclose())


@pytest.fixture
def opstatus_operation(opstatus_emulator: EmulatorServer) -> Callable[..., EmulatedOperation]:
    """``opstatus_operation(api, **options)``: an operation on the emulator (``create_operation``)."""

    def create(api: str, /, **options: Any) -> EmulatedOperation:
        return opstatus_emulator.create_operation(api, **options)

    return create
