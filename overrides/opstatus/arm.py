"""Any Azure Resource Manager long-running operation, by the URL ARM handed back.

``az ... --no-wait``, a REST call or an SDK's ``begin_*`` start an operation and answer with one or
both of two headers; :class:`ArmClient` waits on either, for any resource provider:

``Azure-AsyncOperation``  a status resource: ``200`` with ``{"status": ..., "error": ...,
    "percentComplete": ...}``. ``Succeeded``, ``Failed`` and ``Canceled`` (any case) end the wait;
    every other value is the provider's own word for "still running" (ARM lets providers invent
    them: ``Provisioning``, ``Deleting``, ...), so it keeps the wait going and is kept in
    ``raw_status``. ``Failed`` raises :class:`OperationFailedError` and ``Canceled``
    :class:`OperationCanceledError`, each with ARM's ``error`` (``code``, ``message``, nested
    ``details``). The wait returns the last status body.
``Location``  a result URL: ``202`` (empty body, ``Retry-After``) while running, then ``200`` with the
    final resource or ``204`` without one. The wait returns the body, or ``None``. A failed operation
    answers with an error status; that is raised as the typed :class:`HttpError` (as azure-core raises
    ``HttpResponseError``), after the usual retries of 429/5xx.

Which one a URL is, is read from each answer (``via="auto"``, the default): a body with a string
``status`` member is a status resource; otherwise the HTTP status decides (202 running, other 2xx
done). azure-core reaches the same ends with its ``OperationResourcePolling`` and ``LocationPolling``
(``azure/core/polling/base_polling.py``); tests run both against the emulator over HTTP. The one
answer the two readings disagree on is a ``Location`` URL whose *final resource* has a top-level
string ``status``: pass ``via="location"`` when you know the URL came from a ``Location`` header.
(A continuation token keeps the URL, not ``via``: a resumed poller reads ``auto``.)

``Retry-After`` is honoured (clamped by :class:`PollingPolicy`), retries and errors follow the same
rules as every client (README: Errors), and the token only goes to the client's own host: the URL
must be on ``base_url`` (``https://management.azure.com`` by default; pass a sovereign cloud's
endpoint, or the emulator's origin).

This is engine code for ARM's protocol, not a per-API surface: no spec describes "any provider".
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final, Literal

from ._arm_protocol import ARM
from ._client import ApiSpec, AsyncClient, SyncClient
from ._errors import HttpError
from ._state import OperationState
from ._status import StatusReader, StatusResponse, StatusSnapshot

if TYPE_CHECKING:
    from ._poller import AsyncPoller, Poller, ProgressCallback

__all__ = ["ArmClient", "ArmResult", "AsyncArmClient", "Via"]

ArmResult = dict[str, Any] | None
"""What a finished ARM operation gives: the last status body (``Azure-AsyncOperation``), the final
resource (``Location`` with ``200``), or ``None`` (``204``)."""

Via = Literal["auto", "location", "azure-async-operation"]

_TABLE: Final = ARM.table


class ArmStatusReader(StatusReader):
    """Reads an ARM answer by body and HTTP status, as :data:`opstatus._arm_protocol.ARM` says."""

    def __init__(self, *, via: Via) -> None:
        super().__init__(_TABLE)
        self.via = via

    def read_response(self, response: StatusResponse[Any]) -> StatusSnapshot:
        body = response.body
        code = response.http_status
        if code >= 400:  # an error answer failure_answer() found to be the operation's own failure
            return self.read(body)
        has_status = isinstance(body, dict) and isinstance(body.get("status"), str)
        if self.via == "azure-async-operation" or (self.via == "auto" and has_status):
            return self.read(body)
        return StatusSnapshot(state=ARM.location_state(code), raw_status=ARM.reason(code))

    def state_of(self, raw_status: str | None) -> OperationState:
        """ARM: any status that is not terminal is running (providers add their own words)."""
        return ARM.state_of(raw_status)

    def failure_answer(
        self, error: HttpError, *, previous: StatusResponse[Any] | None
    ) -> StatusResponse[Any] | None:
        """A ``Location`` URL's 4xx after its 202: the operation failed, with the service's error.

        The answer reads as ARM's ``Failed`` status body (``{"status": "Failed", "error": ...}``, the
        error as the service sent it, else its code and message); the resource is the error body.
        """
        if self.via == "azure-async-operation" or previous is None:
            return None
        if not ARM.operation_failed(http_status=error.status_code, previous_http_status=previous.http_status):
            return None
        answer = _json_object(error.body)
        sent = answer.get("error") if answer is not None else None
        envelope = (
            sent if isinstance(sent, dict) else {"code": error.code, "message": error.message or str(error)}
        )
        return StatusResponse(
            body={"status": ARM.spelling(OperationState.FAILED), "error": envelope},
            resource=answer,
            retry_after=None,
            request_id=error.request_id,
            http_status=error.status_code,
        )


def _json_object(text: object) -> dict[str, Any] | None:
    """An error answer's body (kept as text on :class:`HttpError`) as a JSON object, else ``None``."""
    if isinstance(text, dict):
        return text
    if not isinstance(text, str | bytes):
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _parse(document: Any) -> ArmResult:
    """An ARM body is a JSON object (or absent); anything else does not fit (a DecodeError)."""
    if document is None or isinstance(document, dict):
        return document
    raise TypeError(f"an ARM operation body is a JSON object, got {type(document).__name__}")


_READERS: Final[dict[str, ArmStatusReader]] = {
    via: ArmStatusReader(via=via) for via in ("auto", "location", "azure-async-operation")
}

_API: ApiSpec[ArmResult] = ApiSpec(
    table=_TABLE,
    routes=None,  # no endpoint of its own: it waits on URLs ARM handed back
    parse_status=_parse,
    status_model="ARM operation body",
    reader=_READERS["auto"],
    empty_body_ok=True,
)


def _reader(via: object) -> ArmStatusReader:
    reader = _READERS.get(via) if isinstance(via, str) else None
    if reader is None:
        raise ValueError(f"via must be one of {', '.join(map(repr, _READERS))}, got {via!r}")
    return reader


class ArmClient(SyncClient[ArmResult]):
    """Waits on any ARM ``Azure-AsyncOperation`` or ``Location`` URL (sync).

    ``credential=`` any azure-core ``TokenCredential`` (scope ``https://management.azure.com/.default``
    by default) or ``token=``; the other constructor arguments are those of every client (README).
    ``poller_from_url(url)`` / ``resume(token)`` give the handle; :meth:`wait_url` waits at once.
    """

    _API = _API

    def poller_from_url(
        self, url: str, *, on_progress: ProgressCallback | None = None, via: Via = "auto"
    ) -> Poller[ArmResult]:
        """A poller for an ARM status URL; sends nothing yet. ``via``: see the module docstring."""
        return self._poller_for(self._service_url(url), on_progress=on_progress, reader=_reader(via))

    def wait_url(
        self,
        url: str,
        *,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
        via: Via = "auto",
    ) -> ArmResult:
        """Wait until the operation behind ``url`` ends; return its result if it succeeded."""
        return self.poller_from_url(url, on_progress=on_progress, via=via).result(timeout=timeout)


class AsyncArmClient(AsyncClient[ArmResult]):
    """The async twin of :class:`ArmClient`."""

    _API = _API

    def poller_from_url(
        self, url: str, *, on_progress: ProgressCallback | None = None, via: Via = "auto"
    ) -> AsyncPoller[ArmResult]:
        """A poller for an ARM status URL; see :meth:`ArmClient.poller_from_url`."""
        return self._poller_for(self._service_url(url), on_progress=on_progress, reader=_reader(via))

    async def wait_url(
        self,
        url: str,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the total wait budget, as the sync twin
        on_progress: ProgressCallback | None = None,
        via: Via = "auto",
    ) -> ArmResult:
        """Wait until the operation behind ``url`` ends; see :meth:`ArmClient.wait_url`."""
        poller = self.poller_from_url(url, on_progress=on_progress, via=via)
        return await poller.result(timeout=timeout)
