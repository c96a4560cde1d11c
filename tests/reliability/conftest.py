"""Shared fixtures for tests/reliability."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (``@pytest.mark.anyio``) run on asyncio, the loop opstatus's async clients target."""
    return "asyncio"
