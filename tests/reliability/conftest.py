"""Shared fixtures for tests/reliability."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opstatus.emulator import EmulatorServer


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (``@pytest.mark.anyio``) run on asyncio, the loop opstatus's async clients target."""
    return "asyncio"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    """One emulator on 127.0.0.1 per test module (virtual clock); each test starts with an empty log."""
    with EmulatorServer(clock="virtual") as server:
        yield server


@pytest.fixture
def emu(emulator: EmulatorServer) -> EmulatorServer:
    emulator.reset()
    return emulator
