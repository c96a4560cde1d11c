"""The jinja2 environment for the modules opstatus renders itself (templates/opstatus/)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Final

import jinja2

TEMPLATES: Final = Path(__file__).resolve().parent / "templates" / "opstatus"


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - renders Python source, never HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["py"] = repr  # a Python literal; ruff normalises the quotes afterwards
    return environment


def render(template: str, **context: Any) -> str:
    """Render ``templates/opstatus/<template>``; an undefined name is an error, never an empty string."""
    return _environment().get_template(template).render(**context)
