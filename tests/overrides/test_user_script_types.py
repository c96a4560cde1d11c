"""A user script touching every public result of every API is clean under ``mypy --strict`` and pyright.

Issue 23 (row 3): ``GraphBillingClient.wait()`` was typed as the four-way status union although it only
returns on success, so reading the manifest link took ``isinstance`` checks for what cannot happen. The
script here is written from the generated registry and routes (every API of the build, sync and async):
it calls every method of every client, reads every member of what each returns (of a union, the members
all its types share; of ``wait()``, every member of the succeeded type), uses the pollers' azure-core
habits (``add_done_callback``, a plain async ``status()``) and the credential as the first positional
argument, and is then checked by mypy --strict and by pyright in strict mode (basedpyright, a dev
dependency: the same checker with its node runtime in a PyPI wheel). Neither may report anything.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.api_catalog import ApiCase, cases

_VENV_BIN = Path(sys.executable).parent


def _members(annotation: Any) -> list[str]:
    """attrs members every type of ``annotation`` has (a class, a union of classes, or ``list[X]``)."""
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    shared: list[str] | None = None
    for option in options:
        names = [
            field.name
            for field in attrs.fields(option)
            if field.name != "additional_properties" and not field.name.startswith("_")
        ]
        shared = names if shared is None else [name for name in shared if name in names]
    return shared or []


def _touch(variable: str, annotation: Any, indent: str) -> list[str]:
    if typing.get_origin(annotation) is list:
        lines = [f"{indent}for item in {variable}:"]
        return lines + [f"{indent}    print(item.{name})" for name in _members(annotation)]
    return [f"{indent}print({variable}.{name})" for name in _members(annotation)]


def _returns(method: Any, module: types.ModuleType) -> Any:
    """The return annotation of a generated method, evaluated in its module (where its models are)."""
    annotation = method.__annotations__["return"]
    return eval(annotation, vars(module)) if isinstance(annotation, str) else annotation  # noqa: S307


def _call(args: dict[str, str]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in args.items())


def _api_lines(case: ApiCase) -> tuple[list[str], list[str]]:
    sync, asynchronous = case.client, case.async_client
    module = importlib.import_module(sync.__module__)
    sync_lines = [
        "",
        "",
        f"def sync_{case.key}(credential: opstatus.TokenCredential) -> None:",
        f"    with opstatus.{sync.__name__}(credential, base_url=BASE) as {case.key}:",
    ]
    async_lines = [
        "",
        "",
        f"async def async_{case.key}(credential: opstatus.AsyncTokenCredential) -> None:",
        f"    async with opstatus.{asynchronous.__name__}(credential, base_url=BASE) as {case.key}:",
    ]
    for route in case.routes:
        args = {param.python: f"{param.python}-1" for param in route.arguments if param.required}
        returned = _returns(getattr(sync, route.method), module)
        sync_lines.append(f"        {route.method} = {case.key}.{route.method}({_call(args)})")
        sync_lines += _touch(route.method, returned, "        ")
        async_lines.append(f"        {route.method} = await {case.key}.{route.method}({_call(args)})")
        async_lines += _touch(route.method, returned, "        ")
    ids = _call(dict(case.ids))
    final = _returns(sync.wait, module)
    sync_lines += [
        f"        final = {case.key}.wait({ids}, timeout=60, polling_interval=5)",
        *_touch("final", final, "        "),
        f"        poller = {case.key}.poller({ids})",
        "        poller.add_done_callback(lambda p: print(p.status()))",
        "        print(poller.status(), poller.done(), poller.continuation_token(), poller.resource)",
        "        print(poller.result(timeout=60))",
    ]
    async_lines += [
        f"        final = await {case.key}.wait({ids}, timeout=60, polling_interval=5)",
        *_touch("final", final, "        "),
        f"        poller = {case.key}.poller({ids})",
        "        poller.add_done_callback(print)",
        "        poller.status()  # a plain method, as azure-core's: nothing to await",
        "        state: opstatus.OperationState = poller.status()",
        "        print(state, await poller.read_status(), poller.done())",
        "        print(await poller.result(timeout=60))",
    ]
    return sync_lines, async_lines


def user_script() -> str:
    """The script, for every API of the build."""
    lines = [
        '"""What a downstream team writes: every client, every method, every result read plainly."""',
        "",
        "from __future__ import annotations",
        "",
        "import opstatus",
        "",
        'BASE = "http://127.0.0.1:7357"',
    ]
    for case in cases():
        sync_lines, async_lines = _api_lines(case)
        lines += sync_lines + async_lines
    return "\n".join([*lines, ""])


@pytest.fixture(scope="module")
def script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("user_script")
    path = folder / "user_code.py"
    path.write_text(user_script())
    return path


def test_the_user_script_reads_the_succeeded_type_of_each_wait_without_isinstance() -> None:
    text = user_script()
    assert "isinstance" not in text
    assert "final.resource_location_navigation_link" in text  # Graph: the succeeded export's own member
    compile(text, "user_code.py", "exec")


def test_the_user_script_is_clean_under_mypy_strict(script: Path) -> None:
    done = subprocess.run(
        [str(_VENV_BIN / "mypy"), "--strict", "--no-incremental", "--config-file=", str(script)],
        capture_output=True,
        text=True,
        cwd=script.parent,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_user_script_is_clean_under_pyright_strict(script: Path) -> None:
    pyright = shutil.which("basedpyright", path=str(_VENV_BIN))
    if pyright is None:
        pytest.skip("basedpyright (a dev dependency) is not installed in this environment")
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11", "reportMissingModuleSource": False}
    (script.parent / "pyrightconfig.json").write_text(json.dumps(config))
    done = subprocess.run(
        [pyright, "--pythonpath", sys.executable, "--outputjson", str(script)],
        capture_output=True,
        text=True,
        cwd=script.parent,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stdout)
    problems = [
        f"{d['range']['start']['line'] + 1}: {d['severity']}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] in ("error", "warning")
    ]
    assert problems == [], "\n".join(problems)
    assert report["summary"]["filesAnalyzed"] == 1
