"""Read budget of ``partner_portal``: where its service counts status reads, and what says what is left.

Rendered by ``make generate`` from ``specs/partner_portal.yaml`` (info.x-opstatus-read-budget).
Do not edit: change the spec and regenerate. One typed value (:class:`opstatus._budget.ReadBudget`);
a set of waits (``opstatus.AsyncOperationSet``) reads it.
"""

from typing import Final

from opstatus._budget import ReadBudget

READ_BUDGET: Final = ReadBudget(
    scope_after="publishers",
    scope_parameter="publisherId",
    remaining_header=None,
)
