"""The polling table: what one API's ``x-opstatus-polling`` says, as one typed value.

The generator builds this class from each API's spec (``generator/polling_step.py`` imports it) and
renders every one of its fields into ``opstatus._generated.<key>.polling.TABLE``; the status reader, the
clients, the command line and the emulator read that value. The contract is declared here once: its
fields and their types (nothing restates them: the generator and its template iterate the attrs
fields), checked by mypy in the generated code and by the validators below wherever a table is built
(the generator, a test's fake, ARM's generic table), so a broken table fails where it is built, not
hours into a wait.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ._state import OperationState

__all__ = ["PollingTable"]


def _states(value: Mapping[str, OperationState | str]) -> Mapping[str, OperationState]:
    """Casefolded raw status -> state; a state given as its name (``"running"``) is converted."""
    if not isinstance(value, Mapping):
        raise TypeError(f"polling table states must be a mapping, got {value!r}")
    states: dict[str, OperationState] = {}
    for raw, state in value.items():
        try:
            states[str(raw).casefold()] = OperationState(state)
        except ValueError:
            raise TypeError(f"polling table states[{raw!r}] = {state!r} is no state") from None
    return MappingProxyType(states)


def _pointer(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name != "status_pointer":
        return
    if not isinstance(value, str) or not (value == "" or value.startswith("/")):
        raise TypeError(f"polling table {attribute.name} must be a JSON pointer, got {value!r}")


@attrs.frozen(kw_only=True)
class PollingTable:
    """One API's polling table (see specs/README.md, ``x-opstatus-polling``).

    ``states`` maps a casefolded raw status to its state (a value not listed is UNKNOWN: not finished,
    raw value kept); the ``*_pointer`` fields are RFC 6901 pointers into a status body (the ``step_*``
    ones relative to one step, ``step_message_text_pointer`` to one message); ``api_version`` is the
    pinned ``api-version`` (``None`` if the API has none); ``unwrap_single_item_array``: the body may be
    a one-element array holding the operation; ``honours_retry_after``: the poller honours Retry-After.
    """

    api_key: str
    title: str = ""
    default_base_url: str = ""
    default_scope: str = ""
    status_operation_id: str = ""
    status_path: str = ""
    status_path_params: tuple[str, ...] = ()
    api_version: str | None = None
    status_pointer: str = attrs.field(validator=_pointer)
    states: Mapping[str, OperationState] = attrs.field(converter=_states)
    error_pointer: str | None = attrs.field(default=None, validator=_pointer)
    message_pointer: str | None = attrs.field(default=None, validator=_pointer)
    percent_pointer: str | None = attrs.field(default=None, validator=_pointer)
    steps_pointer: str | None = attrs.field(default=None, validator=_pointer)
    step_percent_pointer: str | None = attrs.field(default=None, validator=_pointer)
    step_status_pointer: str | None = attrs.field(default=None, validator=_pointer)
    step_name_pointer: str | None = attrs.field(default=None, validator=_pointer)
    step_messages_pointer: str | None = attrs.field(default=None, validator=_pointer)
    step_message_text_pointer: str | None = attrs.field(default=None, validator=_pointer)
    result_link_pointer: str | None = attrs.field(default=None, validator=_pointer)
    unwrap_single_item_array: bool = False
    honours_retry_after: bool = True
