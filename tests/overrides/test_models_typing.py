"""A user script that reads every public model field passes ``mypy --strict`` without casts.

``test_clients_typing.py`` is checked by ``make typecheck``; this file writes user code to a temporary
file and runs mypy on it in a subprocess, so the check covers exactly what a user's own project sees:
the installed ``opstatus`` and its public model modules. The script is written from the models present
(every API package under ``opstatus._generated``), one typed assignment per field: an optional member
must be assignable to ``X | None``, which fails while the generator's private ``Unset`` is in its type.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import opstatus._generated
import pytest

_NAME = re.compile(r"\b[A-Z]\w*\b")


def _api_keys() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(opstatus._generated.__path__)
        if info.ispkg and importlib.util.find_spec(f"opstatus._generated.{info.name}.models") is not None
    )


def _qualify(annotation: str, *, key: str, exported: frozenset[str]) -> str:
    """``Step | None`` -> ``api_partner_portal.Step | None``: names as a user imports them.

    The few names the public module does not export (Graph's single-value ``@odata.type`` enums, types
    of required members only) come from the generated models.
    """

    def qualified(match: re.Match[str]) -> str:
        name = match.group()
        if name in {"Any", "None", "UUID"}:  # typing's and uuid's (a spec's format: uuid), imported as is
            return name
        return f"{'api' if name in exported else 'gen'}_{key}.{name}"

    return _NAME.sub(qualified, annotation)


def _every_field_script() -> str:
    """One function per public model class, one typed assignment per field (the annotation as declared)."""
    lines = [
        "from __future__ import annotations",
        "",
        "import datetime",
        "from typing import Any",
        "from uuid import UUID",
        "",
    ]
    for key in _api_keys():
        # The API's public module: opstatus.<key> where one keeps a published import path, else the
        # generated package (a new API's models are opstatus.<key>.<Model> by attribute).
        path = (
            f"opstatus.{key}" if importlib.util.find_spec(f"opstatus.{key}") else f"opstatus._generated.{key}"
        )
        public = importlib.import_module(path)
        exported = frozenset(public.__all__)
        lines.append(f"import {path} as api_{key}")
        lines.append(f"import opstatus._generated.{key}.models as gen_{key}")
        for name in sorted(exported):
            cls = getattr(public, name)
            if not (isinstance(cls, type) and attrs.has(cls) and hasattr(cls, "from_dict")):
                continue
            lines += ["", "", f"def use_{key}_{name}(model: api_{key}.{name}) -> None:"]
            for field in attrs.fields(cls):
                if field.init:
                    annotation = _qualify(str(field.type), key=key, exported=exported)
                    lines.append(f"    {field.name}_value: {annotation} = model.{field.name}")
            lines.append("    extras: dict[str, Any] = model.additional_properties")
    return "\n".join(lines) + "\n"


USER_SCRIPT = textwrap.dedent(
    """\
    from __future__ import annotations

    from datetime import datetime

    import opstatus
    from opstatus.graph_billing import Blob, ExportSuccessOperation, Manifest
    from opstatus.monitor import OperationStatus
    from opstatus.partner_portal import Operation, Step


    def report(status: OperationStatus, operation: Operation, manifest: Manifest) -> str:
        ended: datetime | None = status.end_time
        percent: float | None = status.percent_complete
        steps: list[Step] = operation.steps or []
        blobs: list[Blob] = manifest.blobs or []
        names = [step.step_name for step in steps if step.step_name is not None]
        partitions = {blob.partition_value for blob in blobs} - {None}
        done = ended.isoformat() if ended is not None else "running"
        count: int = manifest.blob_count if manifest.blob_count is not None else len(blobs)
        return f"{done} {percent if percent is not None else '?'} {names} {partitions} {count}"


    def link(client: opstatus.GraphBillingClient, operation_id: str) -> str | None:
        operation = client.get_operation(operation_id=operation_id)
        if isinstance(operation, ExportSuccessOperation):
            return operation.resource_location_navigation_link
        return None
    """
)


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "user_script.py"
    script.write_text(source, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--config-file",
            str(tmp_path / "none.toml"),
            "--cache-dir",
            str(_CACHE),
            str(script),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=300,
    )


_CACHE = Path(__file__).resolve().parents[2] / ".mypy_cache" / "user-scripts"


@pytest.fixture
def mypy_dir(tmp_path: Path) -> Path:
    (tmp_path / "none.toml").write_text("[tool.mypy]\n", encoding="utf-8")
    return tmp_path


def test_a_script_reading_every_public_model_field_passes_mypy_strict(mypy_dir: Path) -> None:
    source = _every_field_script()
    assert "Unset" not in source

    result = _mypy(mypy_dir, source)

    assert result.returncode == 0, result.stdout + result.stderr


def test_user_code_reads_optional_members_as_x_or_none_without_casts(mypy_dir: Path) -> None:
    result = _mypy(mypy_dir, USER_SCRIPT)

    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_in_this_harness_does_see_the_model_types(mypy_dir: Path) -> None:
    """The control: a wrong annotation fails, so the passing scripts above are really checked."""
    wrong = USER_SCRIPT.replace("ended: datetime | None =", "ended: datetime =")

    result = _mypy(mypy_dir, wrong)

    assert result.returncode == 1
    assert 'Incompatible types in assignment (expression has type "datetime | None"' in result.stdout
