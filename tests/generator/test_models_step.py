"""The models step turns upstream's one-file-per-model package into one module without changing meaning.

Fed small hand-made model packages shaped like openapi-python-client's output (the real specs go through
it in every other generator test): sibling imports go wherever upstream put them, the rest of the
imports survive one package level up, definitions come before their users, and anything that would
silently shadow a name fails the step.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.models_step import bundle_models

TYPES = "class Unset:\n    pass\n\n\nUNSET = Unset()\n"
INIT = '''\
""" Contains all the data models used in inputs/outputs """

from .status import Status
from .zone import Zone

__all__ = ("Status", "Zone")
'''
ZONE = """\
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.status import Status


class Zone:
    \"\"\"A model that refers back to Status (upstream breaks the cycle with lazy imports).\"\"\"

    def status(self, raw: Any) -> Status | Unset:
        from ..models.status import Status  # noqa: PLC0415

        return UNSET if raw is None else Status(raw)

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self:
        return cls()
"""
STATUS = """\
from enum import StrEnum


class Status(StrEnum):
    DONE = "done"
"""


def _package(tmp_path: Path, files: dict[str, str], *, init: str = INIT) -> Path:
    package = tmp_path / "pkg_models_step"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "types.py").write_text(TYPES)
    (package / "models" / "__init__.py").write_text(init)
    for name, text in files.items():
        (package / "models" / name).write_text(textwrap.dedent(text))
    return package


@pytest.fixture
def importable(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith("pkg_models_step")]:
        del sys.modules[name]


def test_the_package_becomes_one_module_exporting_the_same_names(importable: Path) -> None:
    package = _package(importable, {"status.py": STATUS, "zone.py": ZONE})

    exported = bundle_models(package)

    assert exported == ["Status", "Zone"]
    assert sorted(path.name for path in package.iterdir()) == ["__init__.py", "models.py", "types.py"]
    models = importlib.import_module("pkg_models_step.models")
    assert models.__all__ == ("Status", "Zone")
    assert models.Zone().status("done") is models.Status.DONE
    assert models.Zone.__doc__.startswith("A model that refers back to Status")


def test_sibling_imports_are_gone_and_others_move_up_one_package(tmp_path: Path) -> None:
    package = _package(tmp_path, {"status.py": STATUS, "zone.py": ZONE})

    bundle_models(package)
    text = (package / "models.py").read_text()

    assert ".models" not in text
    assert "TYPE_CHECKING" not in text
    assert "from .types import UNSET, Unset" in text
    assert "from __future__ import annotations" in text


def test_a_definition_comes_before_the_first_definition_that_uses_it(tmp_path: Path) -> None:
    package = _package(tmp_path, {"status.py": STATUS, "zone.py": ZONE})

    bundle_models(package)
    text = (package / "models.py").read_text()

    assert text.index("class Status(") < text.index("class Zone:")


def test_a_name_used_while_loading_is_defined_first_even_against_the_file_order(tmp_path: Path) -> None:
    uses_at_load = """\
        from ..models.zz_base import ZzBase


        class Alpha(ZzBase):
            pass
        """
    base = "class ZzBase:\n    pass\n"
    init = 'from .alpha import Alpha\nfrom .zz_base import ZzBase\n\n__all__ = ("Alpha", "ZzBase")\n'
    package = _package(tmp_path, {"alpha.py": uses_at_load, "zz_base.py": base}, init=init)

    bundle_models(package)
    text = (package / "models.py").read_text()

    assert text.index("class ZzBase:") < text.index("class Alpha(ZzBase):")


def test_a_helper_defined_alike_in_several_models_is_kept_once(tmp_path: Path) -> None:
    helper = 'def _redacted(value: object) -> str:\n    return "REDACTED"\n\n\n'
    files = {"status.py": helper + "class Status:\n    pass\n", "zone.py": helper + "class Zone:\n    pass\n"}
    package = _package(tmp_path, files)

    bundle_models(package)

    assert (package / "models.py").read_text().count("def _redacted(") == 1


def test_two_different_definitions_of_one_name_fail_the_step(tmp_path: Path) -> None:
    files = {
        "status.py": "def _helper() -> int:\n    return 1\n\n\nclass Status:\n    pass\n",
        "zone.py": "def _helper() -> int:\n    return 2\n\n\nclass Zone:\n    pass\n",
    }
    package = _package(tmp_path, files)

    with pytest.raises(GeneratorError, match="two different definitions of '_helper'"):
        bundle_models(package)


def test_a_model_named_like_an_import_another_model_uses_fails_the_step(tmp_path: Path) -> None:
    zone = "from collections.abc import Mapping\n\n\nclass Zone:\n    table: Mapping[str, str]\n"
    init = 'from .mapping import Mapping\nfrom .zone import Zone\n\n__all__ = ("Mapping", "Zone")\n'
    package = _package(tmp_path, {"mapping.py": "class Mapping:\n    pass\n", "zone.py": zone}, init=init)

    with pytest.raises(GeneratorError, match="Mapping is both a model"):
        bundle_models(package)


def test_an_unused_import_of_a_model_file_does_not_count_as_a_clash(tmp_path: Path) -> None:
    generator_model = "from typing import Any, Generator\n\n\nclass Generator:\n    x: Any\n"
    init = 'from .generator import Generator\n\n__all__ = ("Generator",)\n'
    package = _package(tmp_path, {"generator.py": generator_model}, init=init)

    assert bundle_models(package) == ["Generator"]


def test_an_import_only_for_type_checking_that_is_no_sibling_stays_one(tmp_path: Path) -> None:
    zone = """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from ..types import Unset


        class Zone:
            marker: Unset
        """
    init = 'from .zone import Zone\n\n__all__ = ("Zone",)\n'
    package = _package(tmp_path, {"zone.py": zone}, init=init)

    bundle_models(package)
    text = (package / "models.py").read_text()

    assert "from typing import TYPE_CHECKING" in text
    assert "if TYPE_CHECKING:\n    from .types import Unset" in text
