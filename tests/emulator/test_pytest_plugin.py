"""The pytest plugin (issue 23, row 2): fixtures for a running emulator and clients of every API, loaded by
pytest from opstatus's ``pytest11`` entry point, with nothing to copy.

The user's side is tests/fixtures/pytest_plugin_user/user_tests.py, run here alone in an empty folder (no
conftest) by a pytest in a subprocess; tests/packaging/test_wheel.py runs it again from the built wheel.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from opstatus.emulator import EmulatorServer
from opstatus.pytest_plugin import EmulatorClients, _client_classes

from tests.api_catalog import ApiCase, cases

ROOT = Path(__file__).resolve().parents[2]
USER_TESTS = ROOT / "tests" / "fixtures" / "pytest_plugin_user" / "user_tests.py"


def _pytest(folder: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--strict-markers",
        "-rs",
        *args,
    ]
    if code is not None:
        command = [sys.executable, "-c", code]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, check=False)


def test_a_test_file_without_conftest_uses_the_plugins_fixtures(tmp_path: Path) -> None:
    shutil.copy(USER_TESTS, tmp_path / "test_user.py")
    assert not list(tmp_path.glob("conftest.py"))

    done = _pytest(tmp_path, "test_user.py")

    assert done.returncode == 0, done.stdout + done.stderr
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed is not None, done.stdout
    assert int(passed.group(1)) >= 8, done.stdout


def test_without_the_emulator_extra_the_plugin_leaves_pytest_alone(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text(
        textwrap.dedent(
            """
            def test_plain():
                assert True

            def test_wants_the_emulator(opstatus_emulator):
                raise AssertionError("never reached: skipped without the extra")
            """
        )
    )
    blocker = textwrap.dedent(
        """
        import sys, importlib.abc

        class NoExtra(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("starlette", "uvicorn", "pydantic"):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, NoExtra())
        import pytest
        sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-rs", "test_plain.py"]))
        """
    )

    done = _pytest(tmp_path, code=blocker)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout
    assert "pip install 'opstatus[emulator]'" in done.stdout


def test_importing_the_plugin_loads_no_extra() -> None:
    code = (
        "import sys, opstatus.pytest_plugin; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'pydantic') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.key)
def test_op_kwargs_are_exactly_the_keywords_the_clients_take(case: ApiCase) -> None:
    with EmulatorServer(clock="virtual") as emulator:
        op = emulator.create_operation(case.key)
    ids = [param.python for param in case.routes.status.path_params]
    assert list(op.kwargs) == ids
    assert set(op.kwargs.values()) == set(op.params.values())
    for cls in (case.client, case.async_client):
        keywords = inspect.signature(cls.wait).parameters
        assert all(name in keywords for name in op.kwargs)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_python_results_are_snake_case_and_admin_json_camel_case_one_for_one() -> None:
    with EmulatorServer(clock="virtual") as emulator:
        op = emulator.create_operation("monitor")
        described = op.to_json()
    attributes = {field.name for field in dataclasses.fields(op)} | {
        name for name, value in inspect.getmembers(type(op)) if isinstance(value, property)
    }
    assert {_snake(key) for key in described} <= attributes
    assert described["kwargs"] == op.kwargs


def test_the_client_fixtures_hold_a_client_of_every_api_of_the_registry() -> None:
    import opstatus._generated as registry

    sync, asynchronous = _client_classes(asynchronous=False), _client_classes(asynchronous=True)
    assert sorted(sync) == sorted(asynchronous) == sorted(registry.API_KEYS)
    assert {cls.__name__ for cls in [*sync.values(), *asynchronous.values()]} == set(registry.CLIENTS)
    clients = EmulatorClients({"monitor": "m"})
    assert clients.monitor == clients["monitor"] == "m"
    with pytest.raises(AttributeError, match="no API 'nope'"):
        _ = clients.nope


def test_command_line_options_set_the_shared_emulators_clock_and_seed(tmp_path: Path) -> None:
    (tmp_path / "test_options.py").write_text(
        textwrap.dedent(
            """
            from opstatus.emulator import Emulator


            def test_first(opstatus_emulator, opstatus_operation):
                assert opstatus_emulator.clock.mode == "wall"
                assert opstatus_operation("monitor").id == Emulator(seed=11).create_operation("monitor").id


            def test_second_sees_the_same_ids(opstatus_operation):
                assert opstatus_operation("monitor").id == Emulator(seed=11).create_operation("monitor").id
            """
        )
    )

    done = _pytest(tmp_path, "--opstatus-clock=wall", "--opstatus-seed=11", "test_options.py")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
