"""A 401 for a missing credential names the header(s) this API's scheme takes (not always Authorization).

An API of API keys only (Azure Speech) answered "No Authorization header was sent." even to a caller who
had sent a bearer token: the message now names the key's header.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from opstatus.emulator._api import _credential_headers
from opstatus.emulator._apis import DEFAULT_ERRORS


@pytest.mark.parametrize(
    ("security", "key_header", "named"),
    [
        (("bearer",), None, "Authorization"),
        (("api_key",), "Ocp-Apim-Subscription-Key", "Ocp-Apim-Subscription-Key"),
        (("api_key", "bearer"), "Ocp-Apim-Subscription-Key", "Authorization or Ocp-Apim-Subscription-Key"),
    ],
)
def test_a_missing_credential_names_the_headers_the_api_takes(
    security: tuple[str, ...], key_header: str | None, named: str
) -> None:
    profile: Any = SimpleNamespace(security=security, api_key_header=key_header)

    message = DEFAULT_ERRORS["auth_missing"][1].format(name=_credential_headers(profile))

    assert message == f"No {named} header was sent."
