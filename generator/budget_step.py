"""Step 4b: ``generated/<key>/budget.py``, the API's read budget, from ``info.x-opstatus-read-budget``.

Services limit status reads per scope; a set of waits (``opstatus.AsyncOperationSet``) shares one
budget per scope and must know, per API, what the scope is and which header says what is left::

    info:
      x-opstatus-read-budget:
        scope: subscriptionId          # a path parameter of the status route, or `client`
        remaining-header: x-ms-ratelimit-remaining-subscription-reads   # optional

``scope: <path parameter>``: operations whose status URLs share that segment's value share a budget
(ARM: the subscription; CPP: the publisher); the engine finds it after the literal segment that precedes
the parameter in the status path (``subscriptions/{subscriptionId}``), so URLs a service hands back work
too. ``scope: client``: one budget per client (Graph: the app and tenant of the token, not in any URL).
Without the extension an API gets ``scope: client`` and no header (specs/README.md, "Read budget").

The module holds one typed value, ``READ_BUDGET`` (:class:`opstatus._budget.ReadBudget`). The same
rules check the spec in the linter (:func:`read_budget_problems`, rule ``x-opstatus-read-budget``), so
``make lint-specs`` reports what this step would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from generator.errors import GeneratorError
from generator.polling_step import polling_table
from generator.registry import ApiDescription
from generator.rendering import render

READ_BUDGET_MARK: Final = "x-opstatus-read-budget"
CLIENT_SCOPE: Final = "client"
_KEYS: Final = frozenset({"scope", "remaining-header"})
_HEADER_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
_PARAM_RE: Final = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True, kw_only=True)
class BudgetValues:
    """The values of ``READ_BUDGET`` in ``budget.py`` (see :class:`opstatus._budget.ReadBudget`)."""

    api_key: str
    spec_file: str
    declared: bool
    scope_after: str | None
    scope_parameter: str | None
    remaining_header: str | None


def scope_segment(status_path: str, parameter: str) -> str | None:
    """The literal segment just before ``{parameter}`` in the status path (None: none, or not there)."""
    segments = status_path.strip("/").split("/")
    for index, segment in enumerate(segments):
        if segment == f"{{{parameter}}}" and index > 0 and not _PARAM_RE.search(segments[index - 1]):
            return segments[index - 1]
    return None


def read_budget_problems(value: Any, *, status_path: str | None) -> list[tuple[str, str]]:
    """What is wrong with an ``x-opstatus-read-budget`` value: (key it concerns, message) pairs."""
    if not isinstance(value, Mapping):
        return [("", "x-opstatus-read-budget must be a mapping with `scope` (and `remaining-header`)")]
    problems = [
        (str(key), f"unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        for key in value
        if key not in _KEYS
    ]
    scope = value.get("scope")
    if not isinstance(scope, str) or not scope:
        problems.append(
            ("scope", f"scope must be `client` or a path parameter of the status route, not {scope!r}")
        )
    elif scope != CLIENT_SCOPE and status_path is not None and scope_segment(status_path, scope) is None:
        problems.append(
            (
                "scope",
                f"scope {scope!r} is not a path parameter after a literal segment of the status route "
                f"{status_path} (or use `client`)",
            )
        )
    header = value.get("remaining-header")
    if header is not None and not (isinstance(header, str) and _HEADER_RE.fullmatch(header)):
        problems.append(("remaining-header", f"remaining-header must be an HTTP header name, not {header!r}"))
    return problems


def budget_values(api: ApiDescription, *, spec_file: str) -> BudgetValues:
    """Read ``info.x-opstatus-read-budget`` (absent: one scope per client, nothing announced)."""
    status_path = polling_table(api).status_path
    info = api.document.get("info") or {}
    value = info.get(READ_BUDGET_MARK) if isinstance(info, Mapping) else None
    if value is None:
        return BudgetValues(
            api_key=api.key,
            spec_file=spec_file,
            declared=False,
            scope_after=None,
            scope_parameter=None,
            remaining_header=None,
        )
    problems = read_budget_problems(value, status_path=status_path)
    if problems:
        key, message = problems[0]
        raise GeneratorError(f"{api.spec_path}: info.{READ_BUDGET_MARK}.{key}: {message}".replace("..", "."))
    scope = value["scope"]
    parameter = None if scope == CLIENT_SCOPE else scope
    return BudgetValues(
        api_key=api.key,
        spec_file=spec_file,
        declared=True,
        scope_after=None if parameter is None else scope_segment(status_path, parameter),
        scope_parameter=parameter,
        remaining_header=value.get("remaining-header"),
    )


def render_budget_module(values: BudgetValues) -> str:
    """The source of ``budget.py`` (ruff formats it with the rest of the tree)."""
    return render("budget.py.jinja", budget=values)
