"""The polling step refuses an extension it cannot render faithfully, and says where."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.errors import GeneratorError
from generator.polling_step import polling_table
from generator.registry import REPO_ROOT, ApiDescription, describe
from tests.generator.conftest import FOURTH_API


def _with_polling(change: dict[str, Any]) -> ApiDescription:
    api = describe(FOURTH_API, root=REPO_ROOT)
    document = copy.deepcopy(api.document)
    document["paths"]["/jobs/{jobId}"]["get"]["x-opstatus-polling"].update(change)
    return ApiDescription(
        entry=api.entry,
        spec_path=api.spec_path,
        document=document,
        title=api.title,
        default_base_url=api.default_base_url,
        default_scope=api.default_scope,
    )


def _states(**overrides: list[str]) -> dict[str, list[str]]:
    states: dict[str, list[str]] = {
        "succeeded": ["done"],
        "failed": [],
        "canceled": [],
        "not_started": [],
        "running": [],
    }
    return {**states, **overrides}


def test_a_value_listed_under_two_states_case_insensitively_is_refused() -> None:
    api = _with_polling({"states": _states(failed=["DONE"])})

    with pytest.raises(GeneratorError, match=r"'DONE' is listed as 'succeeded' and 'failed'"):
        polling_table(api)


def test_a_missing_state_is_refused() -> None:
    states = _states()
    del states["canceled"]

    with pytest.raises(GeneratorError, match="must list exactly"):
        polling_table(_with_polling({"states": states}))


def test_an_unknown_key_is_refused_rather_than_dropped() -> None:
    with pytest.raises(GeneratorError, match=r"Jobs_Get\.x-opstatus-polling: unknown keys \['timeout'\]"):
        polling_table(_with_polling({"timeout": 30}))


def test_a_pointer_that_is_not_a_json_pointer_is_refused() -> None:
    with pytest.raises(GeneratorError, match=r"x-opstatus-polling\.error must be a JSON pointer"):
        polling_table(_with_polling({"error": "problem"}))


def test_the_states_keep_the_spec_order() -> None:
    api = _with_polling({"states": _states(succeeded=["Done", "Finished"], running=["Busy"])})

    assert tuple(polling_table(api).states.items()) == (
        ("done", "succeeded"),
        ("finished", "succeeded"),
        ("busy", "running"),
    )


def test_the_generator_builds_the_runtimes_table_and_renders_every_field_of_it() -> None:
    """The schema is declared once (``opstatus._table``): nothing in the generator restates it."""
    import attrs
    from opstatus._table import PollingTable

    from generator.polling_step import render_polling_module

    table = polling_table(describe(FOURTH_API, root=REPO_ROOT))
    source = render_polling_module(table, spec_file="job_status.yaml")

    assert isinstance(table, PollingTable)
    for field in attrs.fields(PollingTable):
        assert f"    {field.name}=" in source
    namespace: dict[str, Any] = {}
    exec(compile(source, "polling.py", "exec"), namespace)  # noqa: S102 - our own generated source
    assert namespace["TABLE"] == table
