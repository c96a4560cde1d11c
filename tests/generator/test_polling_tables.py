"""generated/<key>/polling.py follows the Polling table contract (BRIEF.md) and says what its spec says."""

from __future__ import annotations

import importlib
import typing
from collections.abc import Mapping
from types import MappingProxyType, ModuleType

import pytest

from generator.polling_step import STATES
from tests.api_catalog import KEYS as CATALOG_KEYS
from tests.generator.spec_examples import spec_document

KEYS = CATALOG_KEYS
CONTRACT: dict[str, object] = {
    "API_KEY": str,
    "TITLE": str,
    "DEFAULT_BASE_URL": str,
    "DEFAULT_SCOPE": str,
    "STATUS_OPERATION_ID": str,
    "STATUS_PATH": str,
    "STATUS_PATH_PARAMS": tuple[str, ...],
    "API_VERSION": str | None,
    "STATUS_POINTER": str,
    "STATES": Mapping[str, str],
    "ERROR_POINTER": str | None,
    "MESSAGE_POINTER": str | None,
    "PERCENT_POINTER": str | None,
    "STEPS_POINTER": str | None,
    "STEP_PERCENT_POINTER": str | None,
    "STEP_STATUS_POINTER": str | None,
    "STEP_NAME_POINTER": str | None,
    "STEP_MESSAGES_POINTER": str | None,
    "STEP_MESSAGE_TEXT_POINTER": str | None,
    "RESULT_LINK_POINTER": str | None,
    "UNWRAP_SINGLE_ITEM_ARRAY": bool,
    "HONOURS_RETRY_AFTER": bool,
}


def _table(key: str) -> ModuleType:
    return importlib.import_module(f"opstatus._generated.{key}.polling")


@pytest.mark.parametrize("key", KEYS)
def test_the_table_declares_exactly_the_contract_constants_as_final(key: str) -> None:
    hints = typing.get_type_hints(_table(key), include_extras=True)

    assert {name for name in hints if name.isupper()} == set(CONTRACT)
    for name, expected in CONTRACT.items():
        assert typing.get_origin(hints[name]) is typing.Final, name
        assert typing.get_args(hints[name]) == (expected,), name


@pytest.mark.parametrize("key", KEYS)
def test_states_are_casefolded_and_map_to_the_five_states_read_only(key: str) -> None:
    states = _table(key).STATES

    assert isinstance(states, MappingProxyType)
    assert all(raw == raw.casefold() for raw in states)
    assert set(states.values()) <= set(STATES)


@pytest.mark.parametrize("key", KEYS)
def test_every_state_the_spec_lists_is_in_the_table(key: str) -> None:
    document = spec_document(key)
    polling = _table(key)
    operation = next(
        operation
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "x-opstatus-polling" in operation
    )

    listed = operation["x-opstatus-polling"]["states"]

    assert operation["operationId"] == polling.STATUS_OPERATION_ID
    assert dict(polling.STATES) == {raw.casefold(): state for state, raws in listed.items() for raw in raws}


def test_monitor_table() -> None:
    table = _table("monitor")

    assert table.API_KEY == "monitor"
    assert table.DEFAULT_BASE_URL == "https://management.azure.com"
    assert table.DEFAULT_SCOPE == "https://management.azure.com/.default"
    assert table.STATUS_PATH_PARAMS == ("subscriptionId", "resourceGroupName", "asyncOperationId")
    assert table.API_VERSION == "2019-10-17-preview"
    assert table.STATES["inprogress"] == "running"
    assert table.PERCENT_POINTER == "/percentComplete"
    assert table.STEPS_POINTER is None
    assert table.UNWRAP_SINGLE_ITEM_ARRAY is False


def test_partner_portal_table() -> None:
    table = _table("partner_portal")

    assert table.API_VERSION == "2017-10-31"
    assert table.STATES["not started"] == "not_started"
    assert table.STATES["notstarted"] == "not_started"
    assert table.STEPS_POINTER == "/steps"
    assert (table.STEP_PERCENT_POINTER, table.STEP_STATUS_POINTER, table.STEP_NAME_POINTER) == (
        "/progressPercentage",
        "/status",
        "/stepName",
    )
    assert (table.STEP_MESSAGES_POINTER, table.STEP_MESSAGE_TEXT_POINTER) == ("/messages", "/messageHtml")
    assert table.UNWRAP_SINGLE_ITEM_ARRAY is True


def test_graph_billing_table() -> None:
    table = _table("graph_billing")

    assert table.DEFAULT_BASE_URL == "https://graph.microsoft.com/v1.0"
    assert table.STATUS_PATH == "/reports/partners/billing/operations/{operation-id}"
    assert table.STATUS_PATH_PARAMS == ("operation-id",)
    assert table.API_VERSION is None
    assert table.STATES["completed"] == "succeeded"
    assert "unknownfuturevalue" not in table.STATES
    assert table.RESULT_LINK_POINTER == "/resourceLocation@odata.navigationLink"
    assert table.HONOURS_RETRY_AFTER is True
