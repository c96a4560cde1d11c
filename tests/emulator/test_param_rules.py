"""The emulator's judgement of one query value's wire text (``ParamRule``), where it differs by style."""

from __future__ import annotations

import pytest
from opstatus._routes import Param
from opstatus.emulator._apis import ParamRule


def _select(*, explode: bool) -> ParamRule:
    param = Param(
        wire="$select", python="select", required=False, kind="array", explode=explode, enum=("id", "x")
    )
    return ParamRule.of(param, in_path=False)


def test_a_comma_joined_arrays_empty_value_is_the_empty_array_and_valid() -> None:
    # schemathesis sends [] of an ``explode: false`` array as ``?$select=`` (OpenAPI's form style).
    assert _select(explode=False).problem("") is None


@pytest.mark.parametrize("text", ["id,", ",x", "id,,x"])
def test_an_empty_item_among_others_is_still_judged_by_the_items_rules(text: str) -> None:
    assert _select(explode=False).problem(text) == "must be one of 'id', 'x'"


def test_a_repeated_keys_arrays_empty_value_is_one_empty_item() -> None:
    # ``?tag=`` with ``explode: true`` is the array [""]: an empty array sends no key at all.
    assert _select(explode=True).problem("") == "must be one of 'id', 'x'"
