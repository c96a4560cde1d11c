"""Cloud Partner Portal: the operations on an offer and their publishing steps (``opstatus.partner_portal``).

Everything here is generated from specs/partner_portal.yaml into :mod:`opstatus._generated.partner_portal`
(the clients ``PartnerPortalClient``/``AsyncPartnerPortalClient``, ``Operation``, ``OperationSummary`` and
every other model); this module only keeps the import path the first release published. The service sends
one operation as an object or a one-element array; both read as one ``Operation``.
"""

from ._generated.partner_portal import *  # noqa: F403
from ._generated.partner_portal import __all__ as __all__
