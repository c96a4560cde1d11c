"""ARM's long-running-operation protocol as one value: the trait :class:`ArmClient` and the emulator read.

Azure Resource Manager hands every resource provider's long-running operation out through two headers
(``Azure-AsyncOperation``: a status resource; ``Location``: a result URL). What those answers mean is
written here once, and both sides read it: ``opstatus.arm`` (how a client reads an answer) and
``opstatus.emulator._arm`` (what the emulator answers), so the two cannot drift apart.

One ARM status vocabulary (:data:`ARM.table`): ``Succeeded``, ``Failed`` and ``Canceled`` (also
``Cancelled``) end an operation, ``NotStarted`` and ``Accepted`` are queued, and **every other value is
running** (:attr:`ArmProtocol.other_state`). That is ARM's own rule (the RPC lets each provider invent
non-terminal words: ``Provisioning``, ``Deleting``, ...), so for "any provider" an unlisted word is not a
surprise worth a warning. An API with its own spec (``monitor``) keeps its spec's rule instead: its
``x-opstatus-polling.states`` list every documented value, and a value outside them is UNKNOWN (not
finished, logged once), as for every API (specs/README.md, "ARM's status vocabulary").

Where "the operation failed" ends and "the status could not be read" begins (:meth:`ArmProtocol.
operation_failed`): a ``Location`` URL that has answered ``202`` (running) and then answers a 4xx
carries the operation's own failure (ARM: "the Location URL answers as the original request would have
failed"), so it reads as FAILED with the service's code and message. Not failures of the operation, but
of the read: any error on the very first read (nothing said the operation was running there yet), 401,
403 and 407 (the caller's credential), 404 (no such operation, or no longer), 408 and 429 (retried
first), and every 5xx (retried; the status stays unknown).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from ._state import OperationState
from ._table import PollingTable

__all__ = ["ARM", "ArmProtocol"]


@attrs.frozen(kw_only=True)
class ArmProtocol:
    """What ARM's two URLs answer and what each answer means (see the module docstring).

    ``table`` is the status resource's polling table (ARM's one status vocabulary), built from
    ``words`` (ARM's spellings in order: the first per state is what the emulator sends);
    ``other_state`` the state of any status the table does not list; ``running_code`` what a
    ``Location`` URL answers while the operation runs; ``read_failures`` the 4xx codes that say the
    read failed, not the operation.
    """

    table: PollingTable
    words: Mapping[str, OperationState]
    other_state: OperationState = OperationState.RUNNING
    status_header: str = "Azure-AsyncOperation"
    result_header: str = "Location"
    running_code: int = 202
    read_failures: frozenset[int] = frozenset({401, 403, 404, 407, 408, 429})
    reasons: Mapping[int, str] = MappingProxyType(
        {200: "200 OK", 201: "201 Created", 202: "202 Accepted", 204: "204 No Content"}
    )

    def state_of(self, raw_status: str | None) -> OperationState:
        """The state of one raw status: the table's, else :attr:`other_state` (None: UNKNOWN)."""
        if raw_status is None:
            return OperationState.UNKNOWN
        return self.table.states.get(raw_status.casefold(), self.other_state)

    def spelling(self, state: OperationState | str) -> str:
        """ARM's word for ``state`` (the first the vocabulary lists), as the emulator sends it."""
        wanted = OperationState(state)
        if wanted is OperationState.UNKNOWN:
            wanted = self.other_state
        return next(raw for raw, known in self.words.items() if known is wanted)

    def location_state(self, http_status: int) -> OperationState:
        """A ``Location`` answer's state by its HTTP status: 202 running, any other 2xx succeeded."""
        return OperationState.RUNNING if http_status == self.running_code else OperationState.SUCCEEDED

    def reason(self, http_status: int) -> str:
        """How a ``Location`` answer's code shows as the raw status (``202 Accepted``)."""
        return self.reasons.get(http_status, f"HTTP {http_status}")

    def operation_failed(self, *, http_status: int, previous_http_status: int | None) -> bool:
        """True when an error answer is the operation's own failure, not a failed read.

        Only a ``Location`` URL that answered :attr:`running_code` on the read before, and then a 4xx
        that is not in :attr:`read_failures`.
        """
        return (
            previous_http_status == self.running_code
            and 400 <= http_status < 500
            and http_status not in self.read_failures
        )


# ARM's spellings, the first per state being what the emulator sends. Insertion order matters.
_SPELLINGS: Final = {
    "Succeeded": OperationState.SUCCEEDED,
    "Failed": OperationState.FAILED,
    "Canceled": OperationState.CANCELED,
    "Cancelled": OperationState.CANCELED,
    "NotStarted": OperationState.NOT_STARTED,
    "Accepted": OperationState.NOT_STARTED,
    "Running": OperationState.RUNNING,
    "InProgress": OperationState.RUNNING,
}

ARM: Final = ArmProtocol(
    words=MappingProxyType(_SPELLINGS),
    table=PollingTable(
        api_key="arm",
        title="any Azure Resource Manager long-running operation",
        default_base_url="https://management.azure.com",
        default_scope="https://management.azure.com/.default",
        api_version=None,  # ARM's URLs carry their provider's api-version; none is added
        status_pointer="/status",
        states=_SPELLINGS,
        error_pointer="/error",
        message_pointer="/error/message",
        percent_pointer="/percentComplete",
        honours_retry_after=True,
    ),
)
"""ARM's protocol: the one value both :class:`opstatus.ArmClient` and the emulator's ARM routes read."""
