"""Microsoft Graph partner billing: export operations and their manifests (``opstatus.graph_billing``).

Everything here is generated from specs/graph_billing.yaml into :mod:`opstatus._generated.graph_billing`:
the clients (``get_operation``, ``get_manifest``, ``get_manifest_for`` - which follows a succeeded export's
result link - ``poller``, ``wait``), the ``Operation`` union (``ExportSuccessOperation | FailedOperation |
RunningOperation | OperationBase``, the base as the fallback for an unknown ``@odata.type``) and every
model. This module only keeps the import path the first release published.
"""

from ._generated.graph_billing import *  # noqa: F403
from ._generated.graph_billing import __all__ as __all__
