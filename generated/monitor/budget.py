"""Read budget of ``monitor``: where its service counts status reads, and what says what is left.

Rendered by ``make generate`` from ``specs/monitor.yaml`` (info.x-opstatus-read-budget).
Do not edit: change the spec and regenerate. One typed value (:class:`opstatus._budget.ReadBudget`);
a set of waits (``opstatus.AsyncOperationSet``) reads it.
"""

from typing import Final

from opstatus._budget import ReadBudget

READ_BUDGET: Final = ReadBudget(
    scope_after="subscriptions",
    scope_parameter="subscriptionId",
    remaining_header="x-ms-ratelimit-remaining-subscription-reads",
)
