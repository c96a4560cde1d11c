"""The published artefacts, not the checkout: build sdist + wheel, install the wheel in a fresh venv, use it.

The wheel is built the way ``pip`` builds from an sdist (``uv build``: sdist first, wheel from the sdist),
because that is where a symlinked package part can silently go missing. In a virtual environment
outside the checkout it must import, carry ``py.typed`` and its generated code, pull in exactly the
declared runtime closure (httpx, attrs and what they need, computed from the installed metadata), and,
with the ``emulator`` extra, wait for operations over real HTTP, sync and async.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap
import tomllib
import zipfile
from importlib import metadata
from typing import Final

import attrs
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.api_catalog import KEYS

ROOT: Final = pathlib.Path(__file__).resolve().parents[2]
UV: Final = ROOT / ".tools" / "bin" / "uv"
APIS: Final = KEYS
WHEEL_BUDGET_BYTES: Final = 250 * 1000
"""The team's decided wheel budget (one distribution: clients, CLI and emulator): 250 KB, enforced."""
_ALLOWED_DATA_FILES: Final = {
    "opstatus/py.typed": "PEP 561 marker",
    "opstatus/_generated/MANIFEST.json": "provenance of the generated code: spec hashes and tool versions",
}
_STUBS: Final = "opstatus-stubs/"
"""The partial stub package that gives type checkers ``opstatus.<key>`` for every API."""
_STRAY_MARKERS: Final = (
    "__pycache__",
    ".pyc",
    ".ruff_cache",
    ".mypy_cache",
    ".pytest_cache",
    ".hypothesis",
    "tests/",
    "specs/",
    "generator/",
    ".yaml",
    ".orig",
    ".rej",
    ".DS_Store",
)


@attrs.frozen
class Built:
    sdist: pathlib.Path
    wheel: pathlib.Path


@attrs.frozen
class Venv:
    root: pathlib.Path

    @property
    def python(self) -> pathlib.Path:
        return self.root / "bin" / "python"

    @property
    def site_packages(self) -> pathlib.Path:
        (site,) = (self.root / "lib").glob("python3*/site-packages")
        return site


def _env() -> dict[str, str]:
    """The environment minus anything that would point a child at the checkout or its .venv."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONHOME", "PYTHONSTARTUP"}
    return {key: value for key, value in os.environ.items() if key not in drop}


def _run(args: list[str | pathlib.Path], *, cwd: pathlib.Path, timeout: float = 180) -> str:
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout


def _install(venv: Venv, requirement: str, *, cwd: pathlib.Path) -> None:
    """Install into ``venv``: from uv's cache when it can (offline, fast), from the index otherwise."""
    if UV.exists():
        base: list[str | pathlib.Path] = [UV, "pip", "install", "--quiet", "--python", venv.python]
        try:
            _run([*base, "--offline", requirement], cwd=cwd)
        except AssertionError:
            _run([*base, requirement], cwd=cwd)
    else:
        _run([venv.python, "-m", "pip", "install", "--quiet", requirement], cwd=cwd)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    if UV.exists():
        _run([UV, "build", "--quiet", "--out-dir", out], cwd=ROOT)
    else:
        _run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=ROOT)
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Built(sdist=sdist, wheel=wheel)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, built: Built) -> Venv:
    """A fresh venv outside the checkout with the wheel installed (no extras yet)."""
    root = tmp_path_factory.mktemp("wheel-venv") / "venv"
    assert not root.is_relative_to(ROOT)
    if UV.exists():
        _run([UV, "venv", "--quiet", "--python", sys.executable, root], cwd=root.parent)
    else:
        _run([sys.executable, "-m", "venv", root], cwd=root.parent)
    env = Venv(root=root)
    _install(env, str(built.wheel), cwd=root.parent)
    return env


def _python(venv: Venv, code: str, *, cwd: pathlib.Path) -> str:
    return _run([venv.python, "-c", textwrap.dedent(code)], cwd=cwd, timeout=120)


# --- the artefacts ---------------------------------------------------------------------------------


@functools.cache
def _wheel_names(wheel: pathlib.Path) -> tuple[str, ...]:
    with zipfile.ZipFile(wheel) as archive:
        return tuple(archive.namelist())


def test_the_wheel_holds_the_package_its_generated_code_and_nothing_else(built: Built) -> None:
    names = _wheel_names(built.wheel)
    dist_info = next(name.split("/")[0] for name in names if ".dist-info/" in name)
    for name in names:
        assert name.startswith(("opstatus/", _STUBS, f"{dist_info}/")), f"stray top-level entry {name}"
        assert not any(marker in name for marker in _STRAY_MARKERS), f"stray file {name}"
        if name.startswith(("opstatus/_generated/_public/", _STUBS)):  # opstatus.<key> (public_step.py)
            assert name.endswith((".py", ".pyi", "/py.typed")), f"unexpected file {name}"
        elif name.startswith("opstatus/"):
            assert name.endswith(".py") or name in _ALLOWED_DATA_FILES, f"unexpected file {name}"
    for api in APIS:
        assert f"{_STUBS}{api}.pyi" in names, f"typed import path opstatus.{api} missing"
    assert f"{_STUBS}py.typed" in names
    for api in APIS:
        for module in ("__init__.py", "polling.py", "api.py", "clients.py", "types.py", "models.py"):
            assert f"opstatus/_generated/{api}/{module}" in names, f"generated {api}/{module} missing"
    assert "opstatus/py.typed" in names
    size = built.wheel.stat().st_size
    print(f"\nwheel {built.wheel.name}: {size} bytes (budget {WHEEL_BUDGET_BYTES} bytes)")
    assert size <= WHEEL_BUDGET_BYTES, f"wheel is {size} bytes, over the {WHEEL_BUDGET_BYTES}-byte budget"


def test_every_shipped_module_keeps_the_repository_line_numbers_and_code(built: Built) -> None:
    """generator/wheel_hook.py blanks notes only: same lines, same code, so tracebacks match the repo."""
    with zipfile.ZipFile(built.wheel) as archive:
        shipped = {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("opstatus/") and name.endswith(".py")
        }
    lighter = 0
    for name, text in shipped.items():
        source = (ROOT / "overrides" / name).read_text(encoding="utf-8")
        ours, theirs = text.split("\n"), source.split("\n")
        assert len(ours) == len(theirs), f"{name}: {len(ours)} lines shipped, {len(theirs)} in the repository"
        for number, (line, original) in enumerate(zip(ours, theirs, strict=True), start=1):
            if line == original or not line.strip():
                continue
            code = original.split("#", 1)[0].rstrip() if "#" in original else original
            assert line.strip() == "..." or line.rstrip() == code, (
                f"{name}:{number}: {line!r} != {original!r}"
            )
        lighter += len(text) < len(source)
        compile(text, name, "exec")
    assert lighter > len(shipped) // 2, "the wheel hook did not run: modules are shipped as written"


def test_the_sdist_carries_the_generated_code_as_files_and_no_tests(built: Built) -> None:
    with tarfile.open(built.sdist) as archive:
        members = archive.getmembers()
    names = [member.name.split("/", 1)[1] for member in members if "/" in member.name]
    assert not [m.name for m in members if m.issym() or m.islnk()], "links do not survive every unpacker"
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n or "_cache" in n]
    for api in APIS:
        assert f"overrides/opstatus/_generated/{api}/polling.py" in names


# --- the installed wheel ---------------------------------------------------------------------------


def test_the_installed_wheel_imports_with_types_and_generated_code(
    venv: Venv, tmp_path: pathlib.Path
) -> None:
    out = _python(
        venv,
        """
        import importlib.resources, sys
        import opstatus
        assert opstatus.__file__.startswith(sys.prefix), opstatus.__file__
        assert importlib.resources.files("opstatus").joinpath("py.typed").is_file()
        for name in opstatus.__all__:
            getattr(opstatus, name)
        from opstatus._generated.monitor import polling
        assert polling.TABLE.api_key == "monitor"
        heavy = {"pydantic", "starlette", "uvicorn", "rich", "azure"} & {m.split(".")[0] for m in sys.modules}
        assert not heavy, heavy
        print("imported", opstatus.__version__, "from", opstatus.__file__)
        """,
        cwd=tmp_path,
    )
    assert "imported" in out
    assert "opstatus 0.1.0" in _run([venv.root / "bin" / "opstatus", "--version"], cwd=tmp_path)


def test_the_installed_wheel_keeps_every_public_docstring(venv: Venv, tmp_path: pathlib.Path) -> None:
    """What users read through help() and their IDE is the repository's, word for word."""
    probe = """
        import importlib, inspect, json
        names = {}
        modules = ("opstatus", "opstatus.arm", "opstatus.emulator", "opstatus.cli", "opstatus.monitor")
        for module_name in modules:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue  # an extra's module (the emulator) without the extra
            names[module_name] = inspect.getdoc(module)
            for name in getattr(module, "__all__", ()):
                value = getattr(module, name)
                if inspect.isclass(value) or inspect.isfunction(value):
                    names[f"{module_name}.{name}"] = inspect.getdoc(value)
                    for member in dir(value) if inspect.isclass(value) else ():
                        item = inspect.getattr_static(value, member)
                        if member.startswith("_") or item is getattr(object, member, None):
                            continue
                        if isinstance(item, (classmethod, staticmethod)):
                            item = item.__func__
                        if inspect.isfunction(item) or isinstance(item, property):
                            names[f"{module_name}.{name}.{member}"] = inspect.getdoc(item)
        print(json.dumps(names))
    """
    shipped = json.loads(_python(venv, probe, cwd=tmp_path))
    here = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(probe)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    repository = json.loads(here.stdout)
    assert len(shipped) > 200
    differ = {name: doc for name, doc in shipped.items() if repository.get(name) != doc}
    assert not differ, f"public docstrings lost or changed in the wheel: {sorted(differ)[:10]}"


def test_the_installed_wheel_gives_every_api_a_typed_import_path(venv: Venv, tmp_path: pathlib.Path) -> None:
    user = tmp_path / "user_code.py"
    user.write_text(
        "".join(f"import opstatus.{api}\n" for api in APIS)
        + "from opstatus.monitor import OperationStatus\n\n\n"
        + "def status(s: OperationStatus) -> str:\n    return s.status\n\n\n"
        + "wrong: int = OperationStatus.from_dict({}).status\n"
    )
    out = _python(venv, "import opstatus.graph_billing, opstatus.partner_portal; print('ok')", cwd=tmp_path)
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            venv.python,
            user,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert out.strip() == "ok"
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert 'expression has type "str", variable has type "int"' in checked.stdout  # typed: not Any
    assert checked.stdout.count("error:") == 1, checked.stdout


def _closure(site: pathlib.Path, root: str) -> set[str]:
    """Names of the distributions ``root`` needs at runtime (no extras), from the installed metadata.

    Markers are evaluated for this interpreter, which is the venv's (it was made from ``sys.executable``).
    """
    installed = {canonicalize_name(d.metadata["Name"]): d for d in metadata.distributions(path=[str(site)])}
    needed: set[str] = set()
    todo = [(canonicalize_name(root), frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        if name in needed and not extras:
            continue
        needed.add(name)
        assert name in installed, f"{name} is required but not installed"
        for raw in installed[name].requires or []:
            requirement = Requirement(raw)
            wanted = extras or {""}
            if requirement.marker is None or any(
                requirement.marker.evaluate({"extra": extra}) for extra in wanted
            ):
                todo.append((canonicalize_name(requirement.name), frozenset(requirement.extras)))
    return needed


def test_the_runtime_closure_is_exactly_the_declared_one(venv: Venv) -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        declared = {
            canonicalize_name(Requirement(r).name) for r in tomllib.load(handle)["project"]["dependencies"]
        }
    (opstatus_dist,) = [
        d for d in metadata.distributions(path=[str(venv.site_packages)]) if d.metadata["Name"] == "opstatus"
    ]
    direct = {
        canonicalize_name(req.name)
        for req in map(Requirement, opstatus_dist.requires or [])
        if req.marker is None or req.marker.evaluate({"extra": ""})
    }
    assert direct == declared == {"httpx", "attrs"}
    closure = _closure(venv.site_packages, "opstatus")
    installed = {
        canonicalize_name(d.metadata["Name"]) for d in metadata.distributions(path=[str(venv.site_packages)])
    }
    assert installed - {"pip", "setuptools", "wheel"} == closure, "the venv holds exactly the closure"
    print(f"\nruntime closure ({len(closure) - 1} packages): {', '.join(sorted(closure - {'opstatus'}))}")


def test_the_installed_wheel_waits_against_the_emulator_sync_and_async(
    venv: Venv, built: Built, tmp_path: pathlib.Path
) -> None:
    _install(venv, f"opstatus[emulator] @ {built.wheel.as_uri()}", cwd=tmp_path)
    out = _python(
        venv,
        """
        import asyncio, sys
        import opstatus
        from opstatus.emulator import EmulatorServer, Lifecycle
        assert opstatus.__file__.startswith(sys.prefix)

        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=30))
            p = op.params
            with opstatus.MonitorClient(base_url=emu.base_url, token="wheel", sleep=emu.advance) as client:
                status = client.wait(
                    subscription_id=p["subscriptionId"],
                    resource_group_name=p["resourceGroupName"],
                    async_operation_id=op.id,
                    timeout=120,
                )
            assert status.status == "Succeeded", status

            export = emu.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=30))

            async def wait_async():
                async def sleep(seconds):
                    emu.advance(seconds)

                async with opstatus.AsyncGraphBillingClient(
                    base_url=emu.base_urls["graph_billing"], token="wheel", sleep=sleep
                ) as client:
                    done = await client.wait(operation_id=export.id, timeout=120)
                    return done, await client.get_manifest_for(done)

            done, manifest = asyncio.run(wait_async())
            assert type(done).__name__ == "ExportSuccessOperation", done
            assert manifest.blob_count == 1, manifest
            print("sync", status.status, "async", done.status.value, "requests", len(emu.requests()))
        """,
        cwd=tmp_path,
    )
    assert out.startswith("sync Succeeded async succeeded"), out


def test_the_pytest_plugin_works_from_the_wheel_in_a_test_file_without_conftest(
    venv: Venv, built: Built, tmp_path: pathlib.Path
) -> None:
    """``pip install "opstatus[emulator]"`` and pytest, then a test file with no conftest: the plugin's
    fixtures come from the wheel's ``pytest11`` entry point. The official SDKs are installed too when the
    index (or uv's cache) has them, so the recipe's azure-mgmt-monitor test runs rather than skips."""
    _install(venv, f"opstatus[emulator,azure] @ {built.wheel.as_uri()}", cwd=tmp_path)
    _install(venv, "pytest", cwd=tmp_path)
    with contextlib.suppress(AssertionError):  # no index and not in the cache: that test skips, saying so
        _install(venv, "azure-mgmt-monitor==6.0.2", cwd=tmp_path)  # the last with these operations
    folder = tmp_path / "downstream"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "pytest_plugin_user" / "user_tests.py", folder / "test_user.py")

    out = _run(
        [
            venv.python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--strict-markers",
            "-rs",
            "test_user.py",
        ],
        cwd=folder,
        timeout=300,
    )

    passed = re.search(r"(\d+) passed", out)
    assert passed is not None, out
    assert int(passed.group(1)) >= 8, out
