"""What a command prints when it is done: a short human report, or the typed resource as JSON.

JSON is the model's own ``to_dict()`` (the service's field names, so a script can use the API docs),
with secrets a body may carry (a Graph manifest's ``sasToken``) replaced by ``REDACTED``: nothing
the command prints can be used to read someone's data. The human report reads the
:class:`StatusSnapshot` (the same vocabulary for all three APIs), so it is written once.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Final, Protocol, TextIO

from .._generated import API_KEYS
from .._logging import REDACTED
from .._status import StatusSnapshot
from ._text import percent_text, state_text, step_window
from ._visible import json_text, visible

__all__ = [
    "REPORT_STEPS",
    "SECRET_FIELDS",
    "as_json",
    "redact_secrets",
    "write_json",
    "write_list",
    "write_manifest",
    "write_report",
]

SECRET_FIELDS: Final = frozenset().union(
    *(importlib.import_module(f"opstatus._generated.{key}.api").SECRET_FIELDS for key in API_KEYS)
)
"""Body fields whose value is a credential (``x-opstatus-secret`` in any spec): never printed."""


REPORT_STEPS: Final = 50
"""Steps the report lists at most, around the current one (``--json`` has them all)."""


class HasToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def redact_secrets(value: Any) -> Any:
    """A copy of a JSON-like value with every :data:`SECRET_FIELDS` value replaced by ``REDACTED``."""
    if isinstance(value, dict):
        return {
            key: REDACTED if key in SECRET_FIELDS and value[key] is not None else redact_secrets(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact_secrets(item) for item in value]
    return value


def as_json(resource: HasToDict | dict[str, Any] | None) -> Any:
    """The JSON form of a typed resource (``None`` when nothing was read; ARM's bodies are plain dicts)."""
    if resource is None:
        return None
    return redact_secrets(resource if isinstance(resource, dict) else resource.to_dict())


def write_json(stream: TextIO, document: Any) -> None:
    """The document as indented JSON; control and format characters in its strings are ``\\uXXXX``
    escapes (the same values to a JSON reader, inert on a terminal: see ``_visible``)."""
    stream.write(json_text(document))
    stream.write("\n")
    stream.flush()


def write_report(
    stream: TextIO,
    *,
    label: str,
    snapshot: StatusSnapshot,
    waited: float | None = None,
    requests: int | None = None,
    details: bool = True,
) -> None:
    """``<label>: <state>`` and one indented line per thing the status says (ASCII, aligned).

    ``details=False`` leaves out the percent and the steps (the live display's last frame shows them).
    """
    print(visible(f"{label}: {state_text(snapshot.state, snapshot.raw_status)}"), file=stream)
    rows: list[tuple[str, str]] = []
    if details and snapshot.percent is not None:
        rows.append(("percent", percent_text(snapshot.percent)))
    total = len(snapshot.steps)
    start, shown = step_window(snapshot.steps, REPORT_STEPS) if details else (0, ())
    if start:
        rows.append(("steps", f"{start} earlier step{'s' if start != 1 else ''} (--json lists them all)"))
    for index, step in enumerate(shown, start=start + 1):
        status = step.raw_status or step.state.value
        percent = percent_text(step.percent)
        rows.append((f"step {index}/{total}", f"{step.name or '(unnamed)'}: {status} {percent}".rstrip()))
    if details and (after := total - start - len(shown)):
        rows.append(("steps", f"{after} more step{'s' if after != 1 else ''} (--json lists them all)"))
    if snapshot.error is not None:
        rows.append(("error", str(snapshot.error)))
    if snapshot.message and (snapshot.error is None or snapshot.message != snapshot.error.message):
        rows.append(("message", snapshot.message))
    if snapshot.result_link:
        rows.append(("result", snapshot.result_link))
    if waited is not None:
        reads = f", {requests} status read{'s' if requests != 1 else ''}" if requests is not None else ""
        rows.append(("waited", f"{waited:.1f}s{reads}"))
    _write_rows(stream, rows)


def write_manifest(stream: TextIO, manifest: HasToDict) -> None:
    """A Graph export manifest: where the blobs are (the SAS token is never shown)."""
    data = manifest.to_dict()
    print(visible(f"manifest {data.get('id', '?')}"), file=stream)
    blobs = data.get("blobs") or []
    rows = [
        ("blobs", f"{data.get('blobCount', len(blobs))} ({data.get('dataFormat', '?')})"),
        ("location", str(data.get("rootDirectory", "?"))),
        ("sas token", f"{REDACTED} (read it with GraphBillingClient.get_manifest_for in Python)"),
    ]
    rows.extend(("blob", str(blob.get("name", "?"))) for blob in blobs)
    _write_rows(stream, rows)


def write_list(stream: TextIO, items: Sequence[HasToDict], *, header: str) -> None:
    """One line per listed operation: id, type, state, last change."""
    print(visible(header), file=stream)
    if not items:
        print("  (none)", file=stream)
        stream.flush()
        return
    table = [("id", "type", "status", "changed")]
    for item in items:
        data = item.to_dict()
        status = data.get("status") or data.get("submissionState") or "?"
        changed = data.get("changedTime") or data.get("lastActionDateTime") or ""
        shown = [visible(str(cell)) for cell in (data.get("id", "?"), data.get("submissionType", ""))]
        table.append((shown[0], shown[1], visible(str(status)), visible(str(changed))))
    widths = [max(len(row[column]) for row in table) for column in range(3)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        print("  " + "  ".join([*cells, row[3]]).rstrip(), file=stream)
    stream.flush()


def _write_rows(stream: TextIO, rows: Sequence[tuple[str, str]]) -> None:
    width = max((len(name) for name, _ in rows), default=0)
    for name, value in rows:
        print(f"  {name.ljust(width)}  {visible(value)}", file=stream)
    stream.flush()
