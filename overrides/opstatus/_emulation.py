"""What the local emulator needs to serve one API beyond its routes, as generated data.

Every API's ``opstatus._generated.<key>.api`` module holds one :class:`Emulation`, rendered by
``make generate`` from the spec: the header names its 200 response declares, the error envelope its error
responses use, its 200 examples (one per state) and the optional ``info.x-opstatus-api.emulator`` block
for what a spec cannot otherwise say (specs/README.md, "Extensions"). The emulator
(``opstatus.emulator``) reads nothing else about an API, so a new spec is served without new code.

Plain data with no dependency: ``opstatus`` imports it with the routes even where the emulator's extra
(starlette, pydantic) is not installed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["Emulation"]


class Emulation:
    """One API's emulation hints (see the module docstring for where each value comes from)."""

    __slots__ = (
        "always_sends_client_request_id",
        "auth_challenge",
        "case_insensitive_paths",
        "client_request_id_header",
        "envelope_inner_error",
        "envelope_member",
        "error_codes",
        "error_envelope",
        "examples",
        "models",
        "request_id_header",
        "sends_retry_after",
        "spellings",
        "state_examples",
        "status_examples",
        "status_id_members",
    )

    def __init__(
        self,
        *,
        request_id_header: str,
        client_request_id_header: str | None = None,
        always_sends_client_request_id: bool = False,
        case_insensitive_paths: bool = False,
        sends_retry_after: bool = False,
        auth_challenge: str | None = None,
        error_envelope: str | None = None,
        envelope_member: str | None = None,
        envelope_inner_error: tuple[str, ...] = (),
        error_codes: Mapping[str, tuple[str, str]] | None = None,
        models: Mapping[str, str] | None = None,
        examples: Mapping[str, Mapping[str, Any]] | None = None,
        status_id_members: tuple[str, ...] = (),
        status_examples: Mapping[str, Mapping[str, Any]] | None = None,
        state_examples: Mapping[str, str] | None = None,
        spellings: Mapping[str, str] | None = None,
    ) -> None:
        self.request_id_header = request_id_header
        """Response header carrying the request id (declared ``*request-id`` on the 200 response)."""
        self.client_request_id_header = client_request_id_header
        """Request header echoed back when sent (a declared ``[x-ms-]client-request-id``)."""
        self.always_sends_client_request_id = always_sends_client_request_id
        """The echo header is answered even when not sent (then it carries the request id)."""
        self.case_insensitive_paths = case_insensitive_paths
        """Path values (the operation's scope) compare case-insensitively, as ARM's do."""
        self.sends_retry_after = sends_retry_after
        """The service sends ``Retry-After`` while an operation runs."""
        self.auth_challenge = auth_challenge
        """``WWW-Authenticate`` value sent with a 401, or ``None``."""
        self.error_envelope = error_envelope
        """Emulator model (component name) of the error responses' body, or ``None`` (no schema)."""
        self.envelope_member = envelope_member
        """The envelope member holding ``{code, message}`` (``"error"``), or ``None`` for a flat envelope."""
        self.envelope_inner_error = envelope_inner_error
        """Members of ``error.innerError`` it fills: ``request-id``, ``client-request-id``, ``date``."""
        self.error_codes: Mapping[str, tuple[str, str]] = dict(error_codes or {})
        """Error kind -> (code, message template), from ``x-opstatus-api.emulator.error-codes``."""
        self.models: Mapping[str, str] = dict(models or {})
        """operationId -> emulator model (component name) of one 200 body (one item for a list)."""
        self.examples: Mapping[str, Mapping[str, Any]] = dict(examples or {})
        """operationId -> the first 200 example (its first item for a list); the status route is absent."""
        self.status_id_members = status_id_members
        """Top-level status members that carry the operation id (``id``, ``name``) in the schema."""
        self.status_examples: Mapping[str, Mapping[str, Any]] = dict(status_examples or {})
        """Example name -> a 200 example of the status route (one element, for a one-element array)."""
        self.state_examples: Mapping[str, str] = dict(state_examples or {})
        """State -> the example name to start a body from: one whose status maps to it, else the first."""
        self.spellings: Mapping[str, str] = dict(spellings or {})
        """State -> the raw status sent by default: the first value the polling table lists for it (a state
        with none, such as Graph's canceled, reads as failed's)."""

    def __repr__(self) -> str:
        return (
            f"Emulation(request_id_header={self.request_id_header!r}, error_envelope={self.error_envelope!r})"
        )
