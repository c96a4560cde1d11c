"""generator/wheel_hook.py: what the wheel ships of each module (the wheel budget's notes-free copy)."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
import textwrap
import types
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hook() -> Any:
    """The hook module, with hatchling's base class stood in (hatchling lives in the build env only)."""
    names = ("hatchling", "hatchling.builders", "hatchling.builders.hooks", "hatchling.builders.hooks.plugin")
    fakes = {name: types.ModuleType(name) for name in (*names, "hatchling.builders.hooks.plugin.interface")}
    fakes["hatchling.builders.hooks.plugin.interface"].BuildHookInterface = object  # type: ignore[attr-defined]
    saved = {name: sys.modules.get(name) for name in fakes}
    sys.modules.update(fakes)
    try:
        spec = importlib.util.spec_from_file_location("wheel_hook", ROOT / "generator" / "wheel_hook.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = value


SOURCE = textwrap.dedent(
    '''\
    """Module notes."""
    import os  # noqa: F401 - kept
    X = "# not a comment"  # a trailing remark


    def public(a: int) -> int:
        """Public docs stay."""
        # a note
        return a


    def _private() -> None:
        """Only a docstring."""


    class Thing:
        """Public class docs."""

        size: int = 0
        """Attribute docs of a public class stay."""

        def _helper(self) -> int:
            """Private method docs go."""
            return 1


    class _Hidden:
        """Private class docs go."""

        def method(self) -> None:
            """A public method of a private class stays: a public subclass inherits it."""
            value = 1  # type: ignore[assignment]
            del value
    '''
)


def test_a_public_module_keeps_public_docs_and_loses_private_ones_and_comments(hook: Any) -> None:
    shipped = hook.shipped_source(SOURCE, private_module=False)
    assert shipped.count("\n") == SOURCE.count("\n")
    for kept in (
        '"""Module notes."""',
        "Public docs stay.",
        "Public class docs.",
        "Attribute docs of a public",
        "# noqa: F401 - kept",
        "# type: ignore[assignment]",
        'X = "# not a comment"\n',
    ):
        assert kept in shipped, kept
    for gone in (
        "a note",
        "a trailing remark",
        "Only a docstring",
        "Private method docs",
        "Private class docs",
        "Inside a private class",
    ):
        assert gone not in shipped, gone
    assert "def _private() -> None:\n    ...\n" in shipped  # the only statement stays a statement
    namespace: dict[str, Any] = {}
    exec(compile(shipped, "shipped", "exec"), namespace)  # noqa: S102 - our own fixture text
    assert namespace["public"].__doc__ == "Public docs stay."
    assert "a public subclass inherits it" in namespace["_Hidden"].method.__doc__
    assert namespace["_private"]() is None


def test_an_internal_name_of_a_private_module_loses_its_docs_an_exported_one_keeps_them(hook: Any) -> None:
    source = textwrap.dedent(
        '''\
        class Exported:
            """Exported docs."""

            def method(self) -> None:
                """Exported method docs."""


        class Internal:
            """Internal docs."""

            size = 0
            """Internal attribute docs."""

            def method(self) -> None:
                """Internal method docs."""
        '''
    )
    shipped = hook.shipped_source(source, private_module=True, exported=frozenset({"Exported"}))
    assert "Exported docs." in shipped
    assert "Exported method docs." in shipped
    assert "Internal" not in shipped.replace("class Internal:", "")
    assert hook.shipped_source(source, private_module=False, exported=frozenset()) == source


def test_exported_names_are_what_public_modules_and_generated_code_import_and_their_bases(hook: Any) -> None:
    exported = hook.exported_names(ROOT / "overrides" / "opstatus")
    assert {"PollingPolicy", "AsyncOperationSet", "Lifecycle", "ArmClient"} <= exported
    assert "SyncClient" in exported  # the generated clients' base: its public methods are theirs
    assert "MonitorClient" in exported  # listed by the generated registry, read through the _generated link
    assert "PollingMachine" not in exported  # the engine's inside


def test_a_private_module_loses_its_notes_unless_it_reads_its_own_docstring(hook: Any) -> None:
    assert '"""Module notes."""' not in hook.shipped_source(SOURCE, private_module=True)
    reads = SOURCE + "\nHELP = __doc__\n"
    assert '"""Module notes."""' in hook.shipped_source(reads, private_module=True)


@pytest.mark.parametrize(
    ("relative", "private"),
    [
        ("_client.py", True),
        ("cli/_main.py", True),
        ("_generated/monitor/api.py", True),
        ("arm.py", False),
        ("emulator/__init__.py", False),
        ("__init__.py", False),
        ("cli/__main__.py", False),
    ],
)
def test_which_modules_are_private(hook: Any, relative: str, private: bool) -> None:
    assert hook.is_private_module(pathlib.PurePosixPath(relative)) is private


def test_every_module_of_the_package_still_compiles_with_the_same_lines(hook: Any) -> None:
    package = ROOT / "overrides" / "opstatus"
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        source = path.read_text(encoding="utf-8")
        shipped = hook.shipped_source(source, private_module=hook.is_private_module(relative))
        assert shipped.count("\n") == source.count("\n"), relative
        compile(shipped, str(relative), "exec")
