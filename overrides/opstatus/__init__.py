"""opstatus: typed clients that read, and wait for, Microsoft long-running-operation statuses.

One flat namespace. Errors, states and policies are imported eagerly (they are small); clients,
pollers, the per-API modules and ``opstatus.arm`` (any ARM long-running operation by its URL) load on
first use (PEP 562), so ``import opstatus`` costs little more than ``import attrs``.

Which APIs exist is not written here: every spec in specs/ generates a package
``opstatus._generated.<key>`` whose ``<Name>Client``/``Async<Name>Client`` are served here as top-level
names (the generated registry ``opstatus._generated.CLIENTS``), and whose models are
``opstatus.<key>.<Model>``.
"""

from __future__ import annotations

import importlib
import logging
import os as _os
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import _generated
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
from ._generated import API_KEYS as _API_KEYS
from ._generated import CLIENTS as _CLIENTS
from ._policy import PollingPolicy
from ._retry import RetryPolicy
from ._state import OperationState
from ._version import __version__ as __version__

if TYPE_CHECKING:
    from . import arm, graph_billing, monitor, partner_portal
    from ._credential import AsyncTokenCredential, TokenCredential
    from ._generated import *  # noqa: F403 - every API's clients, from the generated registry
    from ._many import AsyncOperationSet, OperationSet, Outcome
    from ._poller import AsyncPoller, Poller
    from ._progress import ProgressEvent, RetryNotice, StepProgress
    from ._status import StatusSnapshot
    from .arm import ArmClient, AsyncArmClient

# opstatus.<key> for every API, generated (generator/public_step.py): the directory holding one module per
# API comes after this package's own, so a hand-written module of the same name (monitor.py) wins.
__path__.append(_os.path.join(_os.path.dirname(_generated.__file__), "_public"))  # noqa: F405 - the package's

# The library never configures logging; without this, Python's last-resort handler would print
# our WARNINGs to stderr of applications that did not ask for them.
logging.getLogger(__name__).addHandler(logging.NullHandler())


__all__ = [
    "ArmClient",
    "AsyncArmClient",
    "AsyncOperationSet",
    "AsyncPoller",
    "AsyncTokenCredential",
    "AuthenticationError",
    "BadRequestError",
    "ContinuationTokenError",
    "CredentialError",
    "DecodeError",
    "HttpError",
    "InvalidParameterError",
    "NotFoundError",
    "OpStatusError",
    "OperationCanceledError",
    "OperationError",
    "OperationFailedError",
    "OperationSet",
    "OperationState",
    "Outcome",
    "PermissionDeniedError",
    "Poller",
    "PollingPolicy",
    "PollingTimeoutError",
    "ProgressEvent",
    "ResponseTooLargeError",
    "RetryNotice",
    "RetryPolicy",
    "ServiceError",
    "StatusSnapshot",
    "StepProgress",
    "ThrottledError",
    "TokenCredential",
    "TransportError",
    "UnsafeUrlError",
    "arm",
    "graph_billing",
    "monitor",
    "partner_portal",
]
__all__ += _generated.__all__

_LAZY = {
    "ArmClient": ".arm",
    "AsyncArmClient": ".arm",
    "Poller": "._poller",
    "AsyncPoller": "._poller",
    "AsyncOperationSet": "._many",
    "Outcome": "._many",
    "OperationSet": "._many",
    "ProgressEvent": "._progress",
    "StepProgress": "._progress",
    "RetryNotice": "._progress",
    "StatusSnapshot": "._status",
    "TokenCredential": "._credential",
    "AsyncTokenCredential": "._credential",
}


_SUBMODULES = frozenset({"arm"})
"""Hand-written public modules beside the generated APIs (``opstatus.arm``: any ARM operation URL)."""


def __getattr__(name: str) -> Any:
    if name in _API_KEYS:
        return _api_module(name)
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    key = _CLIENTS.get(name)
    if key is not None:
        module = _api_module(key)
    elif name in _LAZY:
        module = importlib.import_module(_LAZY[name], __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def _api_module(key: str) -> ModuleType:
    """``opstatus.<key>``: its public module where one is written (an import path kept for the first
    APIs), else the generated package itself."""
    try:
        return importlib.import_module(f".{key}", __name__)
    except ModuleNotFoundError as missing:
        if missing.name != f"{__name__}.{key}":
            raise
        return importlib.import_module(f"._generated.{key}", __name__)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
