"""Code emitted by ``make generate`` from the OpenAPI documents in specs/; never edited by hand.

One package per API (``graph_billing``, ``monitor``, ``partner_portal``): its models
(openapi-python-client), ``polling.py`` (the polling table), ``api.py`` (the routes), ``clients.py`` (the
public sync and async clients) and ``emulator_models.py`` (pydantic models for the emulator).

This module is the registry the hand-written layer reads: ``opstatus`` serves the clients named in
:data:`CLIENTS` as top-level names, the command line and the emulator serve every key in :data:`API_KEYS`.
It imports no API package: each loads on first use.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .graph_billing import AsyncGraphBillingClient as AsyncGraphBillingClient
    from .graph_billing import GraphBillingClient as GraphBillingClient
    from .monitor import AsyncMonitorClient as AsyncMonitorClient
    from .monitor import MonitorClient as MonitorClient
    from .partner_portal import AsyncPartnerPortalClient as AsyncPartnerPortalClient
    from .partner_portal import PartnerPortalClient as PartnerPortalClient

API_KEYS: Final[tuple[str, ...]] = (
    "graph_billing",
    "monitor",
    "partner_portal",
)
"""Every API of this build, in file-name order."""

CLIENTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "GraphBillingClient": "graph_billing",
        "AsyncGraphBillingClient": "graph_billing",
        "MonitorClient": "monitor",
        "AsyncMonitorClient": "monitor",
        "PartnerPortalClient": "partner_portal",
        "AsyncPartnerPortalClient": "partner_portal",
    }
)
"""Public client class name -> the API key whose package defines it."""

__all__ = [
    "AsyncGraphBillingClient",
    "GraphBillingClient",
    "AsyncMonitorClient",
    "MonitorClient",
    "AsyncPartnerPortalClient",
    "PartnerPortalClient",
]
