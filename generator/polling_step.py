"""Step 4: ``generated/<key>/polling.py``, the per-API polling table, rendered from ``x-opstatus-polling``.

The module holds one typed value, ``TABLE``, an :class:`opstatus._table.PollingTable`. Its schema is
declared there once, for the generated code, the engine, mypy and this step alike: this step builds that
very class from the spec (so its validators run here, at ``make generate``) and renders every one of its
attrs fields, in declaration order, into the module. A field added to ``PollingTable`` is generated
without touching the template. Everything that differs per API is read here from the spec; a key this
step does not know is an error, so nothing in the extension is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs
from opstatus._state import OperationState
from opstatus._table import PollingTable

from generator.errors import GeneratorError
from generator.registry import ApiDescription
from generator.rendering import render
from generator.spec_refs import resolve as _resolve

POLLING_MARK: Final = "x-opstatus-polling"
STATES: Final = ("succeeded", "failed", "canceled", "not_started", "running")
_KNOWN_KEYS: Final = frozenset(
    {
        "status",
        "states",
        "error",
        "message",
        "progress",
        "result-link",
        "result-operation",
        "retry-after",
        "unwrap-single-item-array",
    }
)
_PROGRESS_KEYS: Final = frozenset(
    {"percent", "steps", "step-percent", "step-status", "step-name", "step-messages", "step-message-text"}
)
_PATH_PARAM = re.compile(r"\{([^{}]+)\}")
_HTTP_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def polling_table(api: ApiDescription) -> PollingTable:
    """Read the one operation that carries ``x-opstatus-polling`` and build its table (the runtime's type)."""
    path, operation = _status_operation(api)
    polling = operation[POLLING_MARK]
    where = f"{api.spec_path}: {operation.get('operationId', path)}.{POLLING_MARK}"
    if not isinstance(polling, Mapping):
        raise GeneratorError(f"{where} must be a mapping")
    unknown = sorted(set(polling) - _KNOWN_KEYS)
    if unknown:
        raise GeneratorError(f"{where}: unknown keys {unknown} (known: {sorted(_KNOWN_KEYS)})")
    progress = polling.get("progress", {})
    if not isinstance(progress, Mapping) or set(progress) - _PROGRESS_KEYS:
        raise GeneratorError(f"{where}.progress: only {sorted(_PROGRESS_KEYS)} are allowed")
    operation_id = operation.get("operationId")
    if not isinstance(operation_id, str):
        raise GeneratorError(f"{where}: the status operation needs an operationId")
    return PollingTable(
        api_key=api.key,
        title=api.title,
        default_base_url=api.default_base_url,
        default_scope=api.default_scope,
        status_operation_id=operation_id,
        status_path=path,
        status_path_params=tuple(_PATH_PARAM.findall(path)),
        api_version=_api_version(api, path=path, operation=operation),
        status_pointer=_required_pointer(polling.get("status"), where=f"{where}.status"),
        states=_states(polling.get("states"), where=f"{where}.states"),
        error_pointer=_pointer(polling.get("error"), where=f"{where}.error"),
        message_pointer=_pointer(polling.get("message"), where=f"{where}.message"),
        percent_pointer=_pointer(progress.get("percent"), where=f"{where}.progress.percent"),
        steps_pointer=_pointer(progress.get("steps"), where=f"{where}.progress.steps"),
        step_percent_pointer=_pointer(progress.get("step-percent"), where=f"{where}.progress.step-percent"),
        step_status_pointer=_pointer(progress.get("step-status"), where=f"{where}.progress.step-status"),
        step_name_pointer=_pointer(progress.get("step-name"), where=f"{where}.progress.step-name"),
        step_messages_pointer=_pointer(
            progress.get("step-messages"), where=f"{where}.progress.step-messages"
        ),
        step_message_text_pointer=_pointer(
            progress.get("step-message-text"), where=f"{where}.progress.step-message-text"
        ),
        result_link_pointer=_pointer(polling.get("result-link"), where=f"{where}.result-link"),
        unwrap_single_item_array=_flag(polling, "unwrap-single-item-array", where=where),
        honours_retry_after=_flag(polling, "retry-after", where=where),
    )


def render_polling_module(table: PollingTable, *, spec_file: str) -> str:
    """The source of ``polling.py``: every field of ``PollingTable``, in declaration order (ruff formats
    it with the rest of the tree)."""
    fields = [(field.name, _source(getattr(table, field.name))) for field in attrs.fields(PollingTable)]
    return render("polling.py.jinja", table=table, spec_file=spec_file, fields=fields)


def _source(value: object) -> str:
    """A field's value as Python source; states as ``{raw: OperationState.X}``, in the spec's order."""
    if isinstance(value, Mapping):
        items = "".join(
            f"{raw!r}: OperationState.{OperationState(state).name}, " for raw, state in value.items()
        )
        return "{" + items + "}"
    return repr(value)


def _status_operation(api: ApiDescription) -> tuple[str, Mapping[str, Any]]:
    found = [
        (path, operation)
        for path, item in (api.document.get("paths") or {}).items()
        for method, operation in item.items()
        if method in _HTTP_METHODS and isinstance(operation, Mapping) and POLLING_MARK in operation
    ]
    if len(found) != 1:
        raise GeneratorError(
            f"{api.spec_path}: exactly one operation must carry {POLLING_MARK}, found {len(found)}"
        )
    return found[0]


def _api_version(api: ApiDescription, *, path: str, operation: Mapping[str, Any]) -> str | None:
    path_item = api.document["paths"][path]
    for parameter in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        resolved = _resolve(api, parameter)
        if resolved.get("name") == "api-version" and resolved.get("in") == "query":
            schema = _resolve(api, resolved.get("schema", {}))
            enum = schema.get("enum")
            const = enum[0] if "const" not in schema and isinstance(enum, list) and len(enum) == 1 else None
            const = schema.get("const", const)
            if not isinstance(const, str):
                raise GeneratorError(
                    f"{api.spec_path}: the api-version parameter of {path} needs a const "
                    "(a spec describes one version)"
                )
            return const
    return None


def _states(raw: object, *, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping) or set(raw) != set(STATES):
        raise GeneratorError(f"{where} must list exactly {list(STATES)} (an empty list is fine)")
    table: dict[str, str] = {}
    for state in STATES:
        values = raw[state]
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise GeneratorError(f"{where}.{state} must be a list of strings")
        for value in values:
            folded = value.casefold()
            if table.setdefault(folded, state) != state:
                raise GeneratorError(
                    f"{where}: {value!r} is listed as {table[folded]!r} and {state!r} (compared casefolded)"
                )
    return table


def _pointer(raw: object, *, where: str) -> str | None:
    return None if raw is None else _required_pointer(raw, where=where)


def _required_pointer(raw: object, *, where: str) -> str:
    if not isinstance(raw, str) or not (raw == "" or raw.startswith("/")):
        raise GeneratorError(
            f"{where} must be a JSON pointer (RFC 6901: '' or starting with '/'), got {raw!r}"
        )
    return raw


def _flag(polling: Mapping[str, Any], key: str, *, where: str) -> bool:
    value = polling.get(key, False)
    if not isinstance(value, bool):
        raise GeneratorError(f"{where}.{key} must be true or false, got {value!r}")
    return value
