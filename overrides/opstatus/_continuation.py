"""Continuation tokens (first draft: encode only; decoding and validation land next)."""

from __future__ import annotations

import base64
import json

__all__ = ["encode"]

PREFIX = "opst1."


def encode(*, api: str, url: str, first_seen: float) -> str:
    """A plain, versioned string: ``opst1.`` + base64url(JSON). Holds no token or secret."""
    payload = {"v": 1, "api": api, "url": url, "first_seen": round(first_seen, 3)}
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")
