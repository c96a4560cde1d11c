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
    """One API's emulation hints (generator/emulation_step.py says where each value comes from).

    ``request_id_header`` names the request-id response header; ``client_request_id_header`` the request
    header echoed back (answered even when not sent if ``always_sends_client_request_id``);
    ``case_insensitive_paths``: scope values compare case-insensitively; ``sends_retry_after``: Retry-After
    while running; ``auth_challenge``: WWW-Authenticate of a 401. ``error_envelope`` is the errors' model,
    ``envelope_member`` its member holding ``{code, message}`` (``None``: flat), ``envelope_inner_error``
    the ``error.innerError`` members filled; ``error_codes``: kind -> (code, message template).
    ``models``/``examples``: operationId -> a 200 body's model and first example (one item of a list);
    ``status_examples``: name -> status example, ``state_examples``: state -> example name,
    ``status_id_members``: members holding the operation id; ``spellings``: state -> default raw status;
    ``arm_operations``: the operations are Azure Resource Manager operations (the status path is an ARM
    resource id), so the emulator also serves them by ARM's ``Azure-AsyncOperation``/``Location`` URLs;
    ``discriminator``: the member the status body's union dispatches on (``None``: no union), and
    ``discriminator_values``: state -> its value in that state's example (Graph's ``@odata.type``);
    ``times``: ``created``/``changed``/``ended`` -> the status body's pointers carrying that moment (any
    other date-time an example holds reads as the last change); ``error_members``: what the error object
    declares of ``code``/``message``/``target``/``details``, ``error_detail_members`` the same for one
    of its details. The demos: ``example_steps``, (id, name) of the steps the running example shows;
    ``demo_order`` (``None``: after the ordered ones), ``demo_story`` (the line ``opstatus demo`` prints;
    ``None``: one built from the title), ``demo_fails`` (its ``opstatus demo`` operation fails),
    ``demo_quickstart`` (the emulator's ``--demo`` starts with its README quickstart operation).
    """

    __slots__ = (
        "always_sends_client_request_id",
        "arm_operations",
        "auth_challenge",
        "case_insensitive_paths",
        "client_request_id_header",
        "demo_fails",
        "demo_order",
        "demo_quickstart",
        "demo_story",
        "discriminator",
        "discriminator_values",
        "envelope_inner_error",
        "envelope_member",
        "error_codes",
        "error_detail_members",
        "error_envelope",
        "error_members",
        "example_steps",
        "examples",
        "models",
        "request_id_header",
        "sends_retry_after",
        "spellings",
        "state_examples",
        "status_examples",
        "status_id_members",
        "times",
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
        arm_operations: bool = False,
        discriminator: str | None = None,
        discriminator_values: Mapping[str, str] | None = None,
        times: Mapping[str, tuple[str, ...]] | None = None,
        error_members: tuple[str, ...] = (),
        error_detail_members: tuple[str, ...] = (),
        example_steps: tuple[tuple[str, str], ...] = (),
        demo_order: int | None = None,
        demo_story: str | None = None,
        demo_fails: bool = False,
        demo_quickstart: bool = False,
    ) -> None:
        self.request_id_header = request_id_header
        self.client_request_id_header = client_request_id_header
        self.always_sends_client_request_id = always_sends_client_request_id
        self.case_insensitive_paths = case_insensitive_paths
        self.sends_retry_after = sends_retry_after
        self.auth_challenge = auth_challenge
        self.error_envelope = error_envelope
        self.envelope_member = envelope_member
        self.envelope_inner_error = envelope_inner_error
        self.error_codes: Mapping[str, tuple[str, str]] = dict(error_codes or {})
        self.models: Mapping[str, str] = dict(models or {})
        self.examples: Mapping[str, Mapping[str, Any]] = dict(examples or {})
        self.status_id_members = status_id_members
        self.status_examples: Mapping[str, Mapping[str, Any]] = dict(status_examples or {})
        self.state_examples: Mapping[str, str] = dict(state_examples or {})
        self.spellings: Mapping[str, str] = dict(spellings or {})
        self.arm_operations = arm_operations
        self.discriminator = discriminator
        self.discriminator_values: Mapping[str, str] = dict(discriminator_values or {})
        self.times: Mapping[str, tuple[str, ...]] = dict(times or {})
        self.error_members = error_members
        self.error_detail_members = error_detail_members
        self.example_steps = example_steps
        self.demo_order = demo_order
        self.demo_story = demo_story
        self.demo_fails = demo_fails
        self.demo_quickstart = demo_quickstart

    def __repr__(self) -> str:
        return (
            f"Emulation(request_id_header={self.request_id_header!r}, error_envelope={self.error_envelope!r})"
        )
