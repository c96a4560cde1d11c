"""The ``response-header`` rule: a spec declares no response header that nothing generated reads.

A declared header is a promise that the clients read it (issue 20: "nothing dropped in silence"). The
headers the generated surface uses, on any GET operation's responses:

* a request id: a header marked ``x-opstatus-request-id: true``, or named ``*request-id`` (the clients
  read ``request-id``/``x-ms-request-id``/``apim-request-id`` into ``request_id``; ``client-request-id``
  and ``x-ms-client-request-id`` echo the id the clients send with every read);
* ``Retry-After`` (every read honours it);
* the read budget's remaining header (``info.x-opstatus-read-budget.remaining-header``);

and on the status operation's responses only, the headers that move a poller to another URL:

* ``Location`` (a 202's next URL) and ``Operation-Location`` (a status answer's next URL, when it
  differs from the URL read), for every API;
* ``Azure-AsyncOperation`` for an Azure Resource Manager API (its status path starts at
  ``/subscriptions/{...}``): ``ArmClient`` reads it.

Any other declared response header is an error naming its pointer: remove it, or mark it
``x-opstatus-request-id: true`` if it carries the request id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from generator.speclint_core import Finding, SpecDocument, iter_operations, join_pointer, mapping_at

REQUEST_ID_MARK: Final = "x-opstatus-request-id"
POLLING_MARK: Final = "x-opstatus-polling"
_EVERY_READ: Final = frozenset({"retry-after"})
_STATUS_MOVES: Final = frozenset({"location", "operation-location"})
_ARM_MOVES: Final = frozenset({"azure-asyncoperation"})


def check_response_headers(doc: SpecDocument) -> list[Finding]:
    """Findings of response-header (see the module)."""
    return list(_unused_headers(doc))


def _unused_headers(doc: SpecDocument) -> Iterator[Finding]:
    budget = mapping_at(doc.data, "info", "x-opstatus-read-budget").get("remaining-header")
    common = set(_EVERY_READ) | ({str(budget).casefold()} if isinstance(budget, str) else set())
    arm = _is_arm(doc.data)
    for _path, method, pointer, operation in iter_operations(doc.data):
        if method != "get":
            continue
        is_status = POLLING_MARK in operation
        used = common | (_STATUS_MOVES | (_ARM_MOVES if arm else set()) if is_status else set())
        for status, raw in (operation.get("responses") or {}).items():
            response, where = doc.deref(raw, join_pointer(pointer, "responses", status))
            if not isinstance(response, Mapping) or not isinstance(response.get("headers"), Mapping):
                continue
            for name, header_raw in response["headers"].items():
                header, _ = doc.deref(header_raw, join_pointer(where, "headers", name))
                if _reads(str(name), header, used):
                    continue
                yield doc.finding(
                    join_pointer(where, "headers", name),
                    "response-header",
                    f"response header {name!r} of {operation.get('operationId', pointer)!r} is declared "
                    "but nothing generated reads it",
                    f"remove it, or mark it `{REQUEST_ID_MARK}: true` if it carries the request id "
                    f"(read: request ids, Retry-After, the read budget's remaining header"
                    f"{', Location, Operation-Location' if is_status else ''}"
                    f"{', Azure-AsyncOperation' if is_status and arm else ''})",
                )


def _reads(name: str, header: Any, used: set[str]) -> bool:
    folded = name.casefold()
    if folded in used or folded.endswith("request-id"):
        return True
    return isinstance(header, Mapping) and header.get(REQUEST_ID_MARK) is True


def _is_arm(data: Mapping[str, Any]) -> bool:
    """The status path is an ARM resource id, as the generator's ARM trait decides."""
    for path, _method, _pointer, operation in iter_operations(data):
        if POLLING_MARK in operation:
            return path.casefold().startswith("/subscriptions/{")
    return False
