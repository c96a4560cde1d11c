"""opstatus: typed clients that read, and wait for, Microsoft long-running-operation statuses.

One flat namespace. Errors, states and policies are imported eagerly (they are small); clients,
pollers and the per-API modules (``opstatus.monitor``, ``opstatus.partner_portal``,
``opstatus.graph_billing``, where the model classes live) load on first use (PEP 562), so
``import opstatus`` costs little more than ``import attrs``.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._errors import (
    AuthenticationError,
    BadRequestError,
    ContinuationTokenError,
    CredentialError,
    DecodeError,
    HttpError,
    InvalidParameterError,
    NotFoundError,
    OperationCanceledError,
    OperationError,
    OperationFailedError,
    OpStatusError,
    PermissionDeniedError,
    PollingTimeoutError,
    ResponseTooLargeError,
    ServiceError,
    ThrottledError,
    TransportError,
    UnsafeUrlError,
)
from ._policy import PollingPolicy
from ._retry import RetryPolicy
from ._state import OperationState

if TYPE_CHECKING:
    from . import graph_billing, monitor, partner_portal
    from ._poller import AsyncPoller, Poller
    from ._progress import ProgressEvent, StepProgress
    from ._status import StatusSnapshot
    from .graph_billing import AsyncGraphBillingClient, GraphBillingClient
    from .monitor import AsyncMonitorClient, MonitorClient
    from .partner_portal import AsyncPartnerPortalClient, PartnerPortalClient

# The library never configures logging; without this, Python's last-resort handler would print
# our WARNINGs to stderr of applications that did not ask for them.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "AsyncGraphBillingClient",
    "AsyncMonitorClient",
    "AsyncPartnerPortalClient",
    "AsyncPoller",
    "AuthenticationError",
    "BadRequestError",
    "ContinuationTokenError",
    "CredentialError",
    "DecodeError",
    "GraphBillingClient",
    "HttpError",
    "InvalidParameterError",
    "MonitorClient",
    "NotFoundError",
    "OpStatusError",
    "OperationCanceledError",
    "OperationError",
    "OperationFailedError",
    "OperationState",
    "PartnerPortalClient",
    "PermissionDeniedError",
    "Poller",
    "PollingPolicy",
    "PollingTimeoutError",
    "ProgressEvent",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServiceError",
    "StatusSnapshot",
    "StepProgress",
    "ThrottledError",
    "TransportError",
    "UnsafeUrlError",
    "graph_billing",
    "monitor",
    "partner_portal",
]

_LAZY = {
    "MonitorClient": ".monitor",
    "AsyncMonitorClient": ".monitor",
    "PartnerPortalClient": ".partner_portal",
    "AsyncPartnerPortalClient": ".partner_portal",
    "GraphBillingClient": ".graph_billing",
    "AsyncGraphBillingClient": ".graph_billing",
    "Poller": "._poller",
    "AsyncPoller": "._poller",
    "ProgressEvent": "._progress",
    "StepProgress": "._progress",
    "StatusSnapshot": "._status",
}
_SUBMODULES = frozenset({"monitor", "partner_portal", "graph_billing"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
