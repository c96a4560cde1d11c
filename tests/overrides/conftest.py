"""Shared fixtures for tests/overrides (both engineers append here with small edits)."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (``@pytest.mark.anyio``) run on asyncio, the loop opstatus's async clients target."""
    return "asyncio"
