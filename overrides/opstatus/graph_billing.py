"""Microsoft Graph partner billing: export operations and the manifest a finished export points to.

``GET /v1.0/reports/partners/billing/operations/{operation-id}`` and ``.../manifests/{manifest-id}``

An operation comes back as one of three types, told apart by ``@odata.type`` (the spec pins each
subtype to its value, so parsing tries them in the spec's order): :class:`ExportSuccessOperation`
(with the link to its manifest), :class:`FailedOperation` (with ``error``), :class:`RunningOperation`;
an ``@odata.type`` this version does not know still parses as :class:`OperationBase`. Graph sends
``createdDateTime`` without a zone; it is read as UTC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._client import ApiSpec, AsyncClient, SyncClient
from ._errors import InvalidParameterError
from ._generated.graph_billing import polling as _polling
from ._generated.graph_billing.api.reports_partners import partners_billing_get_manifest as _manifest_get
from ._generated.graph_billing.api.reports_partners import partners_billing_get_operation as _status_get
from ._generated.graph_billing.models import (
    Blob,
    ErrorDetails,
    InnerError,
    LongRunningOperationStatus,
    MainError,
    ODataError,
    PublicError,
    PublicErrorDetail,
    PublicInnerError,
)
from ._generated.graph_billing.models import ExportSuccessOperation as _GeneratedExportSuccessOperation
from ._generated.graph_billing.models import FailedOperation as _GeneratedFailedOperation
from ._generated.graph_billing.models import Manifest as _GeneratedManifest
from ._generated.graph_billing.models import OperationBase as _GeneratedOperationBase
from ._generated.graph_billing.models import RunningOperation as _GeneratedRunningOperation
from ._logging import REDACTED
from ._parsers import model, one_of

if TYPE_CHECKING:
    from ._poller import AsyncPoller, Poller, ProgressCallback

__all__ = [
    "AsyncGraphBillingClient",
    "Blob",
    "ErrorDetails",
    "ExportSuccessOperation",
    "FailedOperation",
    "GraphBillingClient",
    "InnerError",
    "LongRunningOperationStatus",
    "MainError",
    "Manifest",
    "ODataError",
    "Operation",
    "OperationBase",
    "PublicError",
    "PublicErrorDetail",
    "PublicInnerError",
    "RunningOperation",
]


class ExportSuccessOperation(_GeneratedExportSuccessOperation):
    """A finished export; :attr:`manifest_link` is where its manifest is (``get_manifest_for``)."""

    __slots__ = ()

    @property
    def manifest_link(self) -> str | None:
        """``resourceLocation@odata.navigationLink``, or None if the service left it out."""
        return self.resource_location_navigation_link


class FailedOperation(_GeneratedFailedOperation):
    """A failed export; ``error`` is Graph's ``publicError`` (code, message, details)."""

    __slots__ = ()


class RunningOperation(_GeneratedRunningOperation):
    """An export not finished yet (``status`` ``notStarted`` or ``running``)."""

    __slots__ = ()


class OperationBase(_GeneratedOperationBase):
    """An operation of an ``@odata.type`` this version does not know (extras in ``additional_properties``)."""

    __slots__ = ()


Operation = ExportSuccessOperation | FailedOperation | RunningOperation | OperationBase
"""What ``get_operation`` and the pollers return: one of the three subtypes, or the base as fallback."""


class Manifest(_GeneratedManifest):
    """Where a finished export's blobs are. ``sas_token`` is a secret: ``repr()`` never shows it."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{field.name}={REDACTED!r}"
            if field.name == "sas_token" and self.sas_token is not None
            else f"{field.name}={getattr(self, field.name)!r}"
            for field in attrs.fields(type(self))
            if field.init  # the constructor's fields: not additional_properties nor private bookkeeping
        )
        return f"{type(self).__name__}({shown})"

    __str__ = __repr__


_API: ApiSpec[Operation] = ApiSpec(
    table=_polling,
    status_request=_status_get._get_kwargs,
    parse_status=one_of(
        model(ExportSuccessOperation), model(FailedOperation), model(RunningOperation), model(OperationBase)
    ),
    status_model="Operation",
)
_parse_manifest = model(Manifest)


def _manifest_link(operation: Operation) -> str:
    link = operation.manifest_link if isinstance(operation, ExportSuccessOperation) else None
    if not link:
        raise InvalidParameterError(
            name="operation",
            value=str(operation.id),
            reason=f"has no manifest link (status {operation.status!r}); only a succeeded export has one",
        )
    return link


class GraphBillingClient(SyncClient[Operation]):
    """Reads and waits for Graph partner billing export operations (sync).

    ``credential=`` any azure-core ``TokenCredential`` (scope ``https://graph.microsoft.com/.default``
    by default) or ``token=``; see :mod:`opstatus._client` for every constructor argument.
    """

    _API = _API

    def get_operation(self, *, operation_id: str) -> Operation:
        """Read the operation once."""
        return self._get_status({"operation_id": operation_id})

    def get_manifest(self, *, manifest_id: str) -> Manifest:
        """Read a manifest by id."""
        return self._get(
            self._url(_manifest_get._get_kwargs, {"manifest_id": manifest_id}, {}),
            _parse_manifest,
            what="Manifest",
        )

    def get_manifest_for(self, operation: Operation) -> Manifest:
        """The manifest a succeeded export links to (the link must be on this client's host)."""
        return self._get(self._service_url(_manifest_link(operation)), _parse_manifest, what="Manifest")

    def poller(self, *, operation_id: str, on_progress: ProgressCallback | None = None) -> Poller[Operation]:
        """A handle to wait for the operation; sends nothing until asked."""
        return self._poller({"operation_id": operation_id}, on_progress)

    def wait(
        self, *, operation_id: str, timeout: float | None = None, on_progress: ProgressCallback | None = None
    ) -> Operation:
        """Wait until the export is terminal; return the :class:`ExportSuccessOperation` if it succeeded.

        Raises :class:`OperationFailedError` (with Graph's error) or :class:`PollingTimeoutError`.
        """
        return self._wait({"operation_id": operation_id}, timeout=timeout, on_progress=on_progress)


class AsyncGraphBillingClient(AsyncClient[Operation]):
    """The async twin of :class:`GraphBillingClient`."""

    _API = _API

    async def get_operation(self, *, operation_id: str) -> Operation:
        """Read the operation once."""
        return await self._get_status({"operation_id": operation_id})

    async def get_manifest(self, *, manifest_id: str) -> Manifest:
        """Read a manifest by id."""
        url = self._url(_manifest_get._get_kwargs, {"manifest_id": manifest_id}, {})
        return await self._get(url, _parse_manifest, what="Manifest")

    async def get_manifest_for(self, operation: Operation) -> Manifest:
        """The manifest a succeeded export links to; see :meth:`GraphBillingClient.get_manifest_for`."""
        return await self._get(self._service_url(_manifest_link(operation)), _parse_manifest, what="Manifest")

    def poller(
        self, *, operation_id: str, on_progress: ProgressCallback | None = None
    ) -> AsyncPoller[Operation]:
        """A handle to wait for the operation; sends nothing until awaited."""
        return self._poller({"operation_id": operation_id}, on_progress)

    async def wait(
        self,
        *,
        operation_id: str,
        timeout: float | None = None,  # noqa: ASYNC109 - total wait budget (issue 4), as the sync twin
        on_progress: ProgressCallback | None = None,
    ) -> Operation:
        """Wait until the export is terminal; see :meth:`GraphBillingClient.wait`."""
        return await self._wait({"operation_id": operation_id}, timeout=timeout, on_progress=on_progress)
