"""Fixtures for the emulator tests: one real server on 127.0.0.1 per session, reset for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opstatus.emulator import EmulatorServer


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def _shared_server() -> Iterator[EmulatorServer]:
    with EmulatorServer(clock="virtual") as server:
        yield server


@pytest.fixture
def emulator(_shared_server: EmulatorServer) -> Iterator[EmulatorServer]:
    """The session's emulator (virtual clock, any token), empty: no operations, faults or logged requests."""
    _shared_server.reset()
    yield _shared_server
    _shared_server.reset()
