"""Read budget of ``graph_billing``: where its service counts status reads, and what says what is left.

Rendered by ``make generate`` from ``specs/graph_billing.yaml`` (no info.x-opstatus-read-budget: the default).
Do not edit: change the spec and regenerate. One typed value (:class:`opstatus._budget.ReadBudget`);
a set of waits (``opstatus.AsyncOperationSet``) reads it.
"""

from typing import Final

from opstatus._budget import ReadBudget

READ_BUDGET: Final = ReadBudget(
    scope_after=None,
    scope_parameter=None,
    remaining_header=None,
)
