"""The one operation each contender reads, per API: path parameters and the raw URL (stdlib only).

Peer scripts run in another interpreter (.bench-peers) and import this module too, so it must not
import anything outside the standard library.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Final

APIS: Final = ("monitor", "partner_portal", "graph_billing")

MONITOR_SUBSCRIPTION: Final = "613192d7-503f-477a-9cfe-4efc3ee2bd60"
MONITOR_RESOURCE_GROUP: Final = "MyResourceGroup"
MONITOR_OPERATION: Final = "813192d7-503f-477a-9cfe-4efc3ee2bd12"
MONITOR_API_VERSION: Final = "2019-10-17-preview"

PARTNER_PUBLISHER: Final = "contoso"
PARTNER_OFFER: Final = "contoso-vm"
PARTNER_OPERATION: Final = "56615b67-2185-49fe-80d2-c4ddf77bb2e8"
PARTNER_API_VERSION: Final = "2017-10-31"

GRAPH_OPERATION: Final = "6fe687d7-1e0f-4bd6-9091-4672691f64bc"

TOKEN: Final = "bench-token-not-a-secret"


def api_base_url(server: str, api: str) -> str:
    """The base URL an opstatus client for `api` is given (Graph's default base includes /v1.0)."""
    return f"{server}/v1.0" if api == "graph_billing" else server


def raw_url(server: str, api: str, operation: str | None = None) -> str:
    """The full status URL a raw HTTP client GETs for `api` (same bytes on the wire as opstatus).

    `operation`: another monitor operation id than MONITOR_OPERATION (the distinct-operations row).
    """
    if api == "monitor":
        operation = operation or MONITOR_OPERATION
        return (
            f"{server}/subscriptions/{MONITOR_SUBSCRIPTION}/resourceGroups/{MONITOR_RESOURCE_GROUP}"
            f"/providers/microsoft.insights/privateLinkScopeOperationStatuses/{operation}"
            f"?api-version={MONITOR_API_VERSION}"
        )
    if api == "partner_portal":
        return (
            f"{server}/api/publishers/{PARTNER_PUBLISHER}/offers/{PARTNER_OFFER}/operations/"
            f"{PARTNER_OPERATION}?api-version={PARTNER_API_VERSION}"
        )
    if api == "graph_billing":
        return f"{server}/v1.0/reports/partners/billing/operations/{GRAPH_OPERATION}"
    raise ValueError(f"unknown api {api!r}; expected one of {APIS}")


def many_operation_id(index: int) -> str:
    """The GUID-shaped monitor operation id of the many-operations section's operation `index`."""
    return f"{index:08x}-0000-4000-8000-000000000022"


def many_operation_index(operation_id: str) -> int | None:
    """`index` back from many_operation_id's text; None for any other id (the responder's fixed one)."""
    if len(operation_id) != 36 or not operation_id.endswith("-0000-4000-8000-000000000022"):
        return None
    try:
        return int(operation_id[:8], 16)
    except ValueError:
        return None


def monitor_operation_ids(distinct: int) -> list[str]:
    """The monitor operation ids a contender cycles through: the one fixed id, or `distinct` ids.

    Section 4's distinct-operations row reads a different operation (URL) on every call, as a
    process waiting on many operations does; the repeated row reads MONITOR_OPERATION every time.
    """
    if distinct <= 1:
        return [MONITOR_OPERATION]
    return [many_operation_id(index) for index in range(distinct)]


# How many distinct monitor operations this contender process cycles through (protocol's --distinct),
# and, in a paired run (protocol's --paired), whether the block being timed reads them or the one.
_distinct_operations = 0
_paired = False
_reading_distinct = True


def use_distinct_operations(count: int, *, paired: bool = False) -> None:
    """Set by the contender's command line (`--distinct N`, `--paired`) before any client is built."""
    global _distinct_operations, _paired  # one process-wide setting of a one-shot process
    _distinct_operations, _paired = count, paired and count > 1


def read_distinct(distinct: bool) -> None:
    """In a paired run, switch between the distinct operations and the one repeated (loops' blocks)."""
    global _reading_distinct  # the block being timed, process-wide like the settings above
    _reading_distinct = distinct


def _cycle_or_one(items: list[str], one: str) -> Callable[[], str]:
    cycle = itertools.cycle(items).__next__
    if not _paired:
        return cycle

    def next_item() -> str:  # both blocks of a paired run pay this one extra call alike
        return cycle() if _reading_distinct else one

    return next_item


def next_monitor_operation() -> Callable[[], str]:
    """A function giving the monitor operation id of each next call (repeated, or cycling distinct)."""
    return _cycle_or_one(monitor_operation_ids(_distinct_operations), MONITOR_OPERATION)


def next_raw_monitor_url(server: str) -> Callable[[], str]:
    """The same, as the full URLs a raw client GETs (built once, as a caller holding them would)."""
    urls = [raw_url(server, "monitor", op) for op in monitor_operation_ids(_distinct_operations)]
    return _cycle_or_one(urls, raw_url(server, "monitor", MONITOR_OPERATION))
