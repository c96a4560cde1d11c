"""Azure Monitor (ARM): the status of a private link scope asynchronous operation (``opstatus.monitor``).

Everything here is generated from specs/monitor.yaml into :mod:`opstatus._generated.monitor` (the clients
``MonitorClient``/``AsyncMonitorClient`` and every model, ``OperationStatus`` first); this module only
keeps the import path ``opstatus.monitor`` the first release published.
"""

from ._generated.monitor import *  # noqa: F403
from ._generated.monitor import __all__ as __all__
