"""generated/<key>/polling.py is one typed PollingTable (opstatus._table) that says what its spec says."""

from __future__ import annotations

import importlib
import typing
from types import MappingProxyType

import pytest
from opstatus._table import PollingTable

from generator.polling_step import STATES
from tests.api_catalog import KEYS as CATALOG_KEYS
from tests.generator.spec_examples import spec_document

KEYS = CATALOG_KEYS


def _table(key: str) -> PollingTable:
    table: PollingTable = importlib.import_module(f"opstatus._generated.{key}.polling").TABLE
    return table


@pytest.mark.parametrize("key", KEYS)
def test_the_module_holds_one_typed_table_and_nothing_else_public(key: str) -> None:
    module = importlib.import_module(f"opstatus._generated.{key}.polling")

    assert isinstance(module.TABLE, PollingTable)
    assert typing.get_type_hints(module) == {"TABLE": typing.Final}
    assert {name for name in vars(module) if name.isupper()} == {"TABLE"}


def test_a_table_that_breaks_the_contract_fails_where_it_is_built() -> None:
    with pytest.raises(TypeError, match="is no state"):
        PollingTable(api_key="x", status_pointer="/status", states={"done": "finished"})
    with pytest.raises(TypeError, match="must be a JSON pointer"):
        PollingTable(api_key="x", status_pointer="status", states={})
    with pytest.raises(TypeError, match="error_pointer must be a JSON pointer"):
        PollingTable(api_key="x", status_pointer="/status", states={}, error_pointer="error")


@pytest.mark.parametrize("key", KEYS)
def test_states_are_casefolded_and_map_to_the_five_states_read_only(key: str) -> None:
    states = _table(key).states

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

    assert operation["operationId"] == polling.status_operation_id
    assert dict(polling.states) == {raw.casefold(): state for state, raws in listed.items() for raw in raws}


def test_monitor_table() -> None:
    table = _table("monitor")

    assert table.api_key == "monitor"
    assert table.default_base_url == "https://management.azure.com"
    assert table.default_scope == "https://management.azure.com/.default"
    assert table.status_path_params == ("subscriptionId", "resourceGroupName", "asyncOperationId")
    assert table.api_version == "2019-10-17-preview"
    assert table.states["inprogress"] == "running"
    assert table.percent_pointer == "/percentComplete"
    assert table.steps_pointer is None
    assert table.unwrap_single_item_array is False


def test_partner_portal_table() -> None:
    table = _table("partner_portal")

    assert table.api_version == "2017-10-31"
    assert table.states["not started"] == "not_started"
    assert table.states["notstarted"] == "not_started"
    assert table.steps_pointer == "/steps"
    assert (table.step_percent_pointer, table.step_status_pointer, table.step_name_pointer) == (
        "/progressPercentage",
        "/status",
        "/stepName",
    )
    assert (table.step_messages_pointer, table.step_message_text_pointer) == ("/messages", "/messageHtml")
    assert table.unwrap_single_item_array is True


def test_graph_billing_table() -> None:
    table = _table("graph_billing")

    assert table.default_base_url == "https://graph.microsoft.com/v1.0"
    assert table.status_path == "/reports/partners/billing/operations/{operation-id}"
    assert table.status_path_params == ("operation-id",)
    assert table.api_version is None
    assert table.states["completed"] == "succeeded"
    assert "unknownfuturevalue" not in table.states
    assert table.result_link_pointer == "/resourceLocation@odata.navigationLink"
    assert table.honours_retry_after is True
