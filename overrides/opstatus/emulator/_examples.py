"""From a spec's example to a served body: the generic rules every API's bodies follow.

The emulator knows no API by name. Each body starts as a copy of one of the spec's own 200 examples
(``EMULATION.status_examples``/``examples``) and these rules make it the emulated operation's:

* **pointers** (RFC 6901) set and drop members where the polling table and ``times`` say;
* **links**: a string that starts with the API's server URL (``servers[0]``) is moved onto the
  emulator's origin, so an ``@odata.context`` or a result link a client follows stays on the emulator;
* **scope**: a top-level member named like a path parameter of the status route (CPP's ``offerId``,
  ``publisherId``) carries the operation's value of it;
* **times**: ``EMULATION.times`` names the members that carry the moment the operation was created, last
  changed and ended (absent until it ends); every other date-time string an example holds reads as the
  last change. A date-time some example of the same body writes without a zone (a spec that tolerates
  ``naive-date-time``, such as Graph's ``createdDateTime``) is sent without one while
  ``Lifecycle.zone_less_created`` holds.

Nothing here imports a generated package: :mod:`._bodies` hands in the values.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, Final

__all__ = [
    "Moments",
    "at_pointer",
    "camel",
    "drop_pointer",
    "naive_members",
    "set_pointer",
    "stamp_times",
    "start_from",
]

_DATE_TIME: Final = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(?P<zone>Z|z|[+-]\d{2}:?\d{2})?$"
)
_ANY_INDEX: Final = "*"

Moments = Mapping[str, datetime | None]
"""``created``/``changed``/``ended`` -> when (``None``: not yet, so the member is left out)."""


def _tokens(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def camel(name: str) -> str:
    """``estimated_time_frame`` -> ``estimatedTimeFrame``: where a Python field goes by name in a body."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def at_pointer(document: Any, pointer: str) -> Any:
    """The value at ``pointer`` (array items by index), or ``None`` when the document has none there."""
    target = document
    for part in _tokens(pointer):
        if isinstance(target, Mapping) and part in target:
            target = target[part]
        elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
            target = target[int(part)]
        else:
            return None
    return target


def set_pointer(document: dict[str, Any], pointer: str, value: Any) -> None:
    """Set ``value`` at ``pointer``, creating the objects on the way."""
    *parents, last = _tokens(pointer)
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def drop_pointer(document: dict[str, Any], pointer: str) -> None:
    """Remove the member at ``pointer`` if it is there."""
    *parents, last = _tokens(pointer)
    target: Any = document
    for part in parents:
        target = target.get(part) if isinstance(target, dict) else None
    if isinstance(target, dict):
        target.pop(last, None)


def start_from(
    example: Mapping[str, Any] | None, *, server_url: str, origin: str | None, scope: Mapping[str, str]
) -> dict[str, Any]:
    """A deep copy of ``example`` with its links moved to ``origin`` and its scope members set."""
    body: dict[str, Any] = copy.deepcopy(dict(example or {}))
    if origin is not None and server_url:
        body = _rebased(body, server_url.rstrip("/"), origin)
    for name, value in scope.items():
        if name in body:
            body[name] = value
    return body


def _rebased(value: Any, server_url: str, origin: str) -> Any:
    if isinstance(value, str) and (value == server_url or value.startswith(server_url + "/")):
        return origin + value[len(server_url) :]
    if isinstance(value, dict):
        return {key: _rebased(item, server_url, origin) for key, item in value.items()}
    if isinstance(value, list):
        return [_rebased(item, server_url, origin) for item in value]
    return value


def _date_times(value: Any, pointer: str = "", shape: str = "") -> Iterator[tuple[str, str, bool]]:
    """(pointer, the pointer with ``*`` for array indices, zone-less?) of every date-time string in
    ``value``."""
    if isinstance(value, str):
        match = _DATE_TIME.match(value)
        if match:
            yield pointer, shape, match.group("zone") is None
    elif isinstance(value, Mapping):
        for key, item in value.items():
            token = _escape(str(key))
            yield from _date_times(item, f"{pointer}/{token}", f"{shape}/{token}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _date_times(item, f"{pointer}/{index}", f"{shape}/{_ANY_INDEX}")


def naive_members(examples: Iterable[Any]) -> frozenset[str]:
    """Pointers (array indices as ``*``) some example writes as a date-time without a zone."""
    return frozenset(shape for example in examples for _p, shape, naive in _date_times(example) if naive)


def stamp_times(
    body: dict[str, Any],
    moments: Moments,
    *,
    roles: Mapping[str, tuple[str, ...]],
    naive: frozenset[str],
    forced: bool,
) -> None:
    """Put the operation's moments into ``body`` (the module docstring's *times* rule).

    ``roles``: ``times`` (role -> pointers); each named pointer gets its moment, or is dropped while the
    moment is ``None``; with ``forced`` a named member the example lacks is added too. Every other
    date-time string reads as the last change. ``naive``: pointers to send without a zone.
    """
    named = {pointer: role for role, pointers in roles.items() for pointer in pointers}
    for pointer, shape, _naive in list(_date_times(body)):
        if pointer not in named:
            _put(body, pointer, moments.get("changed"), naive=shape in naive)
    for pointer, role in named.items():
        if forced or at_pointer(body, pointer) is not None:
            _put(body, pointer, moments.get(role), naive=pointer in naive)


def _put(body: dict[str, Any], pointer: str, moment: datetime | None, *, naive: bool) -> None:
    if moment is None:
        drop_pointer(body, pointer)
        return
    value = moment.replace(tzinfo=None) if naive else moment
    parent = at_pointer(body, pointer.rsplit("/", 1)[0]) if pointer.count("/") > 1 else body
    last = _tokens(pointer)[-1]
    if isinstance(parent, list) and last.isdigit():
        parent[int(last)] = value
    elif isinstance(parent, dict):
        parent[last] = value
