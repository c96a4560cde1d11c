"""The x-opstatus-read-budget extension (rule x-opstatus-read-budget): the same rules the generator
applies (generator/budget_step.py), reported as findings at the key they concern, so a spec that
``make generate`` would refuse fails ``make lint-specs`` first, with its place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from generator.budget_step import READ_BUDGET_MARK, read_budget_problems
from generator.speclint_core import Finding, SpecDocument, iter_operations, join_pointer

_POINTER = f"/info/{READ_BUDGET_MARK}"


def _status_path(doc: SpecDocument) -> str | None:
    """The path of the one operation carrying x-opstatus-polling (None: that rule reports it)."""
    paths = [path for path, _method, _pointer, op in iter_operations(doc.data) if "x-opstatus-polling" in op]
    return paths[0] if len(paths) == 1 else None


def _findings(doc: SpecDocument) -> Iterator[Finding]:
    info = doc.data.get("info")
    if not isinstance(info, Mapping) or READ_BUDGET_MARK not in info:
        return
    for key, message in read_budget_problems(info[READ_BUDGET_MARK], status_path=_status_path(doc)):
        where = join_pointer(_POINTER, key) if key else _POINTER
        yield doc.finding(where, READ_BUDGET_MARK, message)


def check_read_budget(doc: SpecDocument) -> list[Finding]:
    """Findings of x-opstatus-read-budget (none when the spec leaves it out: the default applies)."""
    return list(_findings(doc))
