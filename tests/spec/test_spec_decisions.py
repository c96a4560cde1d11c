"""One test (or a few) per DECISION in specs/README.md: values the specs must accept or reject, examples
that must be the docs' examples, polling-table mappings that must hold.

Only the spec files, jsonschema and yaml are used (plus the linter's format checker, so `format:
date-time` means RFC 3339 here too); nothing generated, so these tests do not wait for the generator.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.speclint_examples import format_checker

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parent / "seed_examples"

MONITOR_PATH = (
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/microsoft.insights/"
    "privateLinkScopeOperationStatuses/{asyncOperationId}"
)
CPP_LIST_PATH = "/api/publishers/{publisherId}/offers/{offerId}/operations"
CPP_GET_PATH = "/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"
GRAPH_OPERATION_PATH = "/reports/partners/billing/operations/{operation-id}"
GRAPH_MANIFEST_PATH = "/reports/partners/billing/manifests/{manifest-id}"
GRAPH_TYPE = "#microsoft.graph.partners.billing."


# ------------------------------------------------------------------ helpers


@functools.cache
def spec(key: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "specs" / f"{key}.yaml").read_text(encoding="utf-8"))
    return loaded


def schema_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def accepts(key: str, schema: Mapping[str, Any], value: Any, *, naive_date_time: bool = False) -> bool:
    """Whether `value` is valid against `schema`, formats checked. The schema is evaluated as the root of
    the spec document (whose top-level keys are no JSON Schema keywords), so '#/components/...' resolves."""
    rooted = {**spec(key), **schema}
    checker = format_checker(allow_naive_date_time=naive_date_time)
    return bool(Draft202012Validator(rooted, format_checker=checker).is_valid(value))


def operation(key: str, path: str, method: str = "get") -> dict[str, Any]:
    found: dict[str, Any] = spec(key)["paths"][path][method]
    return found


def polling(key: str) -> dict[str, Any]:
    (block,) = [
        op["x-opstatus-polling"]
        for item in spec(key)["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "x-opstatus-polling" in op
    ]
    found: dict[str, Any] = block
    return found


def states(key: str) -> dict[str, str]:
    """The polling table contract: casefolded raw status -> state (unlisted values are UNKNOWN)."""
    return {raw.casefold(): state for state, raws in polling(key)["states"].items() for raw in raws}


def resolve(key: str, ref: str) -> dict[str, Any]:
    node: Any = spec(key)
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    resolved: dict[str, Any] = node
    return resolved


def parameter(key: str, path: str, name: str) -> dict[str, Any]:
    for raw in operation(key, path)["parameters"]:
        found = resolve(key, raw["$ref"]) if "$ref" in raw else raw
        if found["name"] == name:
            return found
    raise KeyError(name)


def example(key: str, path: str, name: str, status: str = "200") -> Any:
    media = operation(key, path)["responses"][status]["content"]["application/json"]
    return media["examples"][name]["value"]


def seed_json(name: str) -> Any:
    return json.loads((SEEDS / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ monitor (Azure Monitor, ARM)


def test_m1_nullable_times_and_error_accept_null() -> None:
    body = {"status": "InProgress", "startTime": None, "endTime": None, "error": None}

    assert accepts("monitor", schema_ref("OperationStatus"), body)


def test_m1_times_are_still_date_time_strings() -> None:
    assert not accepts("monitor", schema_ref("OperationStatus"), {"status": "Running", "startTime": 5})
    assert not accepts(
        "monitor", schema_ref("OperationStatus"), {"status": "Running", "endTime": "yesterday"}
    )


def test_m2_status_is_required() -> None:
    assert not accepts("monitor", schema_ref("OperationStatus"), {"id": "x", "name": "x"})
    assert accepts("monitor", schema_ref("OperationStatus"), {"status": "Succeeded"})


def test_m3_status_is_an_open_string() -> None:
    assert accepts("monitor", schema_ref("OperationStatus"), {"status": "SomeProviderSpecificState"})


@pytest.mark.parametrize(
    ("raw", "state"),
    [("Succeeded", "succeeded"), ("succeeded", "succeeded"), ("FAILED", "failed"), ("Canceled", "canceled")],
)
def test_m3_arm_terminal_states_map_case_insensitively(raw: str, state: str) -> None:
    assert states("monitor")[raw.casefold()] == state


@pytest.mark.parametrize("raw", ["Cancelled", "SomeProviderSpecificState"])
def test_m3_values_arm_does_not_define_stay_unknown(raw: str) -> None:
    assert raw.casefold() not in states("monitor")


def test_m4_path_keeps_lowercase_provider_and_example_id_keeps_upstream_case() -> None:
    seed = example("monitor", MONITOR_PATH, "getSpecificOperationStatus")

    assert "/providers/microsoft.insights/" in MONITOR_PATH
    assert "/providers/Microsoft.Insights/" in seed["id"]


def test_m5_api_version_is_pinned_and_defaulted() -> None:
    schema = parameter("monitor", MONITOR_PATH, "api-version")["schema"]

    assert schema["const"] == schema["default"] == "2019-10-17-preview"
    assert accepts("monitor", schema, "2019-10-17-preview")
    assert not accepts("monitor", schema, "2021-07-01-preview")


def test_m6_async_operation_id_only_refuses_empty() -> None:
    schema = parameter("monitor", MONITOR_PATH, "asyncOperationId")["schema"]

    assert not accepts("monitor", schema, "")
    assert accepts("monitor", schema, "not-a-guid")


@pytest.mark.parametrize(("percent", "ok"), [(0, True), (40.5, True), (100, True), (101, False), (-1, False)])
def test_m7_percent_complete_is_0_to_100(percent: float, ok: bool) -> None:
    body = {"status": "InProgress", "percentComplete": percent}

    assert accepts("monitor", schema_ref("OperationStatus"), body) is ok


def test_m8_errors_use_the_arm_envelope_not_the_flat_shape() -> None:
    envelope = {"error": {"code": "ResourceNotFound", "message": "not found", "target": "asyncOperationId"}}

    assert accepts("monitor", schema_ref("CloudError"), envelope)
    assert not accepts("monitor", schema_ref("CloudError"), {"code": "ResourceNotFound", "message": "x"})


def test_m8_every_error_status_is_documented_with_the_envelope() -> None:
    responses = operation("monitor", MONITOR_PATH)["responses"]

    assert set(responses) == {"200", "400", "401", "403", "404", "429", "500", "503", "default"}
    for status in set(responses) - {"200"}:
        schema = resolve("monitor", responses[status]["$ref"])["content"]["application/json"]["schema"]
        assert schema == schema_ref("CloudError"), status


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("MyResourceGroup", True),
        ("rg-1_(prod).eu", True),
        ("a" * 90, True),
        ("a" * 91, False),
        ("", False),
        ("my/rg", False),
        ("rg with space", False),
    ],
)
def test_m9_resource_group_name_has_common_types_constraints(name: str, ok: bool) -> None:
    schema = parameter("monitor", MONITOR_PATH, "resourceGroupName")["schema"]

    assert accepts("monitor", schema, name) is ok


def test_m9_subscription_id_is_min_length_1_and_not_a_uuid_format() -> None:
    schema = parameter("monitor", MONITOR_PATH, "subscriptionId")["schema"]

    assert not accepts("monitor", schema, "")
    assert accepts("monitor", schema, "not-a-uuid")
    assert "format" not in schema


def test_m10_default_scope_is_listed_next_to_user_impersonation() -> None:
    scopes = spec("monitor")["components"]["securitySchemes"]["azure_auth"]["flows"]["implicit"]["scopes"]

    assert set(scopes) == {"user_impersonation", "https://management.azure.com/.default"}
    assert (
        spec("monitor")["info"]["x-opstatus-api"]["default-scope"] == "https://management.azure.com/.default"
    )


def test_m11_retry_after_is_integer_seconds_and_honoured() -> None:
    header = resolve(
        "monitor", operation("monitor", MONITOR_PATH)["responses"]["200"]["headers"]["Retry-After"]["$ref"]
    )

    assert accepts("monitor", header["schema"], 10)
    assert not accepts("monitor", header["schema"], "Wed, 21 Oct 2015 07:28:00 GMT")
    assert polling("monitor")["retry-after"] is True


def test_m12_error_response_common_keeps_upstream_read_only_flags_and_no_target() -> None:
    properties = spec("monitor")["components"]["schemas"]["ErrorResponseCommon"]["properties"]

    assert {name: bool(p.get("readOnly")) for name, p in properties.items()} == {
        "code": False,
        "message": False,
        "details": True,
        "additionalInfo": True,
    }


def test_m12_error_response_common_is_recursive() -> None:
    nested = {"code": "a", "details": [{"code": "b", "details": [{"code": "c", "message": "deep"}]}]}

    assert accepts("monitor", schema_ref("ErrorResponseCommon"), nested)
    assert not accepts("monitor", schema_ref("ErrorResponseCommon"), {"details": [{"code": 1}]})


def test_m13_seed_example_is_verbatim_and_valid() -> None:
    seed = seed_json("monitor_get_specific_operation_status.json")

    assert example("monitor", MONITOR_PATH, "getSpecificOperationStatus") == seed
    assert accepts("monitor", schema_ref("OperationStatus"), seed)


def test_m13_added_examples_say_they_are_additions() -> None:
    examples = operation("monitor", MONITOR_PATH)["responses"]["200"]["content"]["application/json"][
        "examples"
    ]

    assert all(
        "opstatus addition" in examples[name]["summary"] for name in ("runningOperation", "failedOperation")
    )


def test_m14_model_is_2019_10_17_preview_not_2021_error_detail() -> None:
    schemas = spec("monitor")["components"]["schemas"]

    assert "ErrorDetail" not in schemas
    assert "DefaultErrorResponse" not in schemas
    assert schema_ref("ErrorResponseCommon") in schemas["OperationStatus"]["properties"]["error"]["anyOf"]


# ------------------------------------------------------------------ partner_portal (Cloud Partner Portal)


def test_p1_list_lives_under_operations_with_a_status_filter() -> None:
    filters = [
        p for p in operation("partner_portal", CPP_LIST_PATH)["parameters"] if p.get("name") == "status"
    ]

    assert filters == [filters[0]]
    assert filters[0]["in"] == "query"
    assert filters[0]["required"] is False
    assert not any("submissions" in path for path in spec("partner_portal")["paths"])


def test_p1_no_filtered_status_parameter() -> None:
    names = [p.get("name") for p in operation("partner_portal", CPP_LIST_PATH)["parameters"]]

    assert "filteredStatus" not in names


OPERATION = {"status": "running", "steps": []}


@pytest.mark.parametrize(
    ("body", "ok"),
    [
        (OPERATION, True),
        ([OPERATION], True),
        ([], False),
        ([OPERATION, OPERATION], False),
        ("running", False),
    ],
)
def test_p2_single_operation_is_an_object_or_a_one_element_array(body: Any, ok: bool) -> None:
    assert accepts("partner_portal", schema_ref("OperationResponse"), body) is ok


def test_p2_poller_unwraps_the_one_element_array() -> None:
    assert polling("partner_portal")["unwrap-single-item-array"] is True


def test_p3_docs_2020_example_is_invalid_json_and_ours_is_it_with_the_stated_repair() -> None:
    verbatim = (SEEDS / "cpp_get_operation_2020_INVALID_JSON.txt").read_text(encoding="utf-8")
    broken_tail = '"liveLinks": [],\n            }\n        }'

    with pytest.raises(json.JSONDecodeError):
        json.loads(verbatim)
    assert verbatim.count(broken_tail) == 1
    repaired = json.loads(verbatim.replace(broken_tail, '"liveLinks": []\n        }'))

    assert example("partner_portal", CPP_GET_PATH, "getOperation2020") == repaired
    assert accepts("partner_portal", schema_ref("OperationResponse"), repaired)


def test_p3_docs_2018_example_is_invalid_json_and_ours_is_it_repaired_and_shortened() -> None:
    verbatim = (SEEDS / "cpp_get_operation_2018_INVALID_JSON.txt").read_text(encoding="utf-8")
    broken_tail = '"notificationEmails": "jondoe@contoso.com"\n            } \n        }'

    with pytest.raises(json.JSONDecodeError):
        json.loads(verbatim)
    (repaired,) = json.loads(
        verbatim.replace(broken_tail, '"notificationEmails": "jondoe@contoso.com"\n        }')
    )
    repaired["steps"] = [step for step in repaired["steps"] if step["id"] in ("displaydummycertify", "live")]

    assert example("partner_portal", CPP_GET_PATH, "getOperation2018") == [repaired]
    assert accepts("partner_portal", schema_ref("OperationResponse"), [repaired])


def test_p3_list_example_is_the_docs_one_verbatim_and_valid() -> None:
    seed = seed_json("cpp_get_operations.json")
    listed = operation("partner_portal", CPP_LIST_PATH)["responses"]["200"]["content"]["application/json"]

    assert listed["examples"]["getOperations"]["value"] == seed
    assert accepts("partner_portal", listed["schema"], seed)


@pytest.mark.parametrize(
    ("raw", "state"),
    [
        ("Complete", "succeeded"),
        ("completed", "succeeded"),
        ("succeeded", "succeeded"),
        ("not started", "not_started"),
        ("notStarted", "not_started"),
        ("NotStarted", "not_started"),
        ("running", "running"),
        ("InProgress", "running"),
        ("blocked", "running"),
        ("failed", "failed"),
        ("Rejected", "failed"),
        ("Canceled", "canceled"),
        ("cancelled", "canceled"),
    ],
)
def test_p4_every_docs_spelling_maps_to_one_state_case_insensitively(raw: str, state: str) -> None:
    assert states("partner_portal")[raw.casefold()] == state


def test_p4_status_stays_an_open_string() -> None:
    assert accepts("partner_portal", schema_ref("Operation"), {"status": "someNewSpelling"})


def test_p5_list_item_may_carry_submission_state_instead_of_status() -> None:
    assert accepts(
        "partner_portal", schema_ref("OperationSummary"), {"id": "x", "submissionState": "running"}
    )
    assert accepts("partner_portal", schema_ref("OperationSummary"), {"id": "x", "status": "running"})


def test_p5_table_only_fields_are_modelled_and_optional() -> None:
    body = example("partner_portal", CPP_GET_PATH, "completedObject")

    assert {"createdDateTime", "lastActionDateTime", "submissionType", "id"} <= set(body)
    assert accepts("partner_portal", schema_ref("Operation"), body)
    assert accepts("partner_portal", schema_ref("Operation"), {"status": "running"})


@pytest.mark.parametrize(
    ("error", "ok"),
    [("No virtual machine image was found.", True), ({"code": "Failed", "message": "m"}, True), (5, False)],
)
def test_p6_error_is_a_message_string_or_the_error_object(error: Any, ok: bool) -> None:
    assert accepts("partner_portal", schema_ref("Operation"), {"status": "failed", "error": error}) is ok


@pytest.mark.parametrize(
    ("operation_id", "ok"),
    [
        ("56615b67-2185-49fe-80d2-c4ddf77bb2e8", True),
        ("contoso$contoso-offer$2$preview", True),
        ("a/b", False),
        ("../x", False),
        ("", False),
    ],
)
def test_p7_operation_id_is_a_guid_or_a_non_migrated_id(operation_id: str, ok: bool) -> None:
    schema = parameter("partner_portal", CPP_GET_PATH, "operationId")["schema"]

    assert accepts("partner_portal", schema, operation_id) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("contoso", True), ("contoso-offer.v2", True), ("a b", False), ("../x", False), ("", False)],
)
def test_p8_publisher_and_offer_ids_are_url_safe(value: str, ok: bool) -> None:
    for name in ("publisherId", "offerId"):
        schema = parameter("partner_portal", CPP_GET_PATH, name)["schema"]
        assert accepts("partner_portal", schema, value) is ok, name


def test_p9_api_version_is_the_string_2017_10_31_not_a_date() -> None:
    schema = parameter("partner_portal", CPP_GET_PATH, "api-version")["schema"]

    assert type(schema["const"]) is str
    assert schema["const"] == schema["default"] == "2017-10-31"
    assert not accepts("partner_portal", schema, "2016-08-01-preview")


def test_p9_invalid_api_version_example_names_our_version() -> None:
    bad_request = spec("partner_portal")["components"]["responses"]["BadRequest"]["content"][
        "application/json"
    ]
    body = bad_request["examples"]["invalidApiVersion"]["value"]

    assert body["error"]["message"].endswith("[2017-10-31]")
    assert accepts("partner_portal", schema_ref("ErrorResponse"), body)


def test_p10_retry_after_is_optional_integer_seconds_and_honoured() -> None:
    headers = operation("partner_portal", CPP_GET_PATH)["responses"]["200"]["headers"]
    header = resolve("partner_portal", headers["Retry-After"]["$ref"])

    assert header.get("required", False) is False
    assert accepts("partner_portal", header["schema"], 30)
    assert polling("partner_portal")["retry-after"] is True


def test_p11_version_beyond_2_to_the_53_is_an_exact_int64() -> None:
    listed = example("partner_portal", CPP_LIST_PATH, "getOperations")
    version = listed[0]["version"]

    assert type(version) is int
    assert version == 636576975611768314 > 2**53
    assert accepts("partner_portal", schema_ref("OperationSummary"), {"version": version})
    assert not accepts("partner_portal", schema_ref("OperationSummary"), {"version": 2**63})


@pytest.mark.parametrize(
    ("percent", "ok"), [(0, True), (100, True), (101, False), (-1, False), (50.5, False)]
)
def test_p12_progress_percentage_is_an_integer_0_to_100(percent: float, ok: bool) -> None:
    step = {"id": "live", "status": "running", "progressPercentage": percent}

    assert accepts("partner_portal", schema_ref("Step"), step) is ok


def test_p12_the_tables_process_percentage_is_not_a_property() -> None:
    assert "processPercentage" not in spec("partner_portal")["components"]["schemas"]["Step"]["properties"]


@pytest.mark.parametrize(
    ("messages", "ok"),
    [
        (["plain text, as the table says"], True),
        (
            [{"messageHtml": "Step completed.", "level": "information", "timestamp": "2017-03-28T19:50:36Z"}],
            True,
        ),
        ([{"level": "error"}], False),
        ([5], False),
    ],
)
def test_p13_messages_are_strings_or_message_objects(messages: list[Any], ok: bool) -> None:
    assert (
        accepts("partner_portal", schema_ref("Operation"), {"status": "running", "messages": messages}) is ok
    )


def test_p14_seven_fraction_digits_are_rfc3339_but_a_zone_is_required() -> None:
    message = {"messageHtml": "x", "timestamp": "2017-03-28T19:50:39.5506018Z"}

    assert accepts("partner_portal", schema_ref("Message"), message)
    assert not accepts(
        "partner_portal", schema_ref("Message"), {**message, "timestamp": "2017-03-28T19:50:39"}
    )


def test_p15_no_content_type_request_parameter() -> None:
    for path in (CPP_LIST_PATH, CPP_GET_PATH):
        names = [
            (resolve("partner_portal", p["$ref"]) if "$ref" in p else p)["name"].casefold()
            for p in operation("partner_portal", path)["parameters"]
        ]
        assert "content-type" not in names, path


def test_p16_docs_statuses_plus_401_and_gateway_statuses_are_documented() -> None:
    for path in (CPP_LIST_PATH, CPP_GET_PATH):
        assert set(operation("partner_portal", path)["responses"]) == {
            "200",
            "400",
            "401",
            "403",
            "404",
            "429",
            "500",
            "503",
            "default",
        }


def test_p17_client_credentials_ask_for_the_cpp_default_scope() -> None:
    flows = spec("partner_portal")["components"]["securitySchemes"]["aad"]["flows"]
    default_scope = spec("partner_portal")["info"]["x-opstatus-api"]["default-scope"]

    assert list(flows) == ["clientCredentials"]
    assert default_scope == "https://cloudpartner.azure.com/.default"
    assert default_scope in flows["clientCredentials"]["scopes"]


# ------------------------------------------------------------------ graph_billing (Microsoft Graph)

GRAPH_SEED_EXAMPLES = {
    "exportSucceeded": ("exportSuccessOperation", "ExportSuccessOperation"),
    "failed": ("failedOperation", "FailedOperation"),
    "running": ("runningOperation", "RunningOperation"),
}
PINNED_MEMBERS = ("ExportSuccessOperation", "FailedOperation", "RunningOperation")


def test_g1_status_enum_is_strict_but_marked_open() -> None:
    status = spec("graph_billing")["components"]["schemas"]["LongRunningOperationStatus"]

    assert not accepts("graph_billing", status, "paused")
    assert accepts("graph_billing", status, "unknownFutureValue")
    assert status["x-opstatus-open-enum"] is True


@pytest.mark.parametrize("raw", ["succeeded", "Succeeded", "completed", "COMPLETED"])
def test_g1_docs_completed_and_enum_succeeded_both_succeed(raw: str) -> None:
    assert states("graph_billing")[raw.casefold()] == "succeeded"


@pytest.mark.parametrize("raw", ["unknownFutureValue", "paused"])
def test_g1_evolvable_members_are_unknown(raw: str) -> None:
    assert raw.casefold() not in states("graph_billing")


@pytest.mark.parametrize("name", sorted(GRAPH_SEED_EXAMPLES))
def test_g2_seed_examples_are_verbatim_and_valid_only_with_the_zone_less_tolerance(name: str) -> None:
    seed_name, member = GRAPH_SEED_EXAMPLES[name]
    seed = seed_json("graph_docs_examples.json")[seed_name]

    assert example("graph_billing", GRAPH_OPERATION_PATH, name) == seed
    assert accepts("graph_billing", schema_ref(member), seed, naive_date_time=True)
    assert not accepts("graph_billing", schema_ref(member), seed)
    assert "naive-date-time" in spec("graph_billing")["info"]["x-opstatus-api"]["tolerate"]


def test_g2_seven_fraction_digits_with_zone_are_strictly_valid() -> None:
    body = {"id": "x", "status": "running", "lastActionDateTime": "2023-03-09T08:37:48.5046691Z"}

    assert accepts("graph_billing", schema_ref("OperationBase"), body)


@pytest.mark.parametrize("name", sorted(GRAPH_SEED_EXAMPLES))
def test_g3_each_seed_body_matches_exactly_its_own_subtype(name: str) -> None:
    body = example("graph_billing", GRAPH_OPERATION_PATH, name)

    matching = [
        m for m in PINNED_MEMBERS if accepts("graph_billing", schema_ref(m), body, naive_date_time=True)
    ]

    assert matching == [GRAPH_SEED_EXAMPLES[name][1]]


def test_g3_unknown_odata_type_parses_as_the_base_operation_only() -> None:
    body = {"@odata.type": f"{GRAPH_TYPE}pausedOperation", "id": "x", "status": "running"}

    assert accepts("graph_billing", schema_ref("Operation"), body)
    assert not any(accepts("graph_billing", schema_ref(m), body) for m in PINNED_MEMBERS)


def test_g3_discriminator_maps_each_wire_value_to_its_pinned_member() -> None:
    schemas = spec("graph_billing")["components"]["schemas"]
    mapping = schemas["Operation"]["discriminator"]["mapping"]

    for value, target in mapping.items():
        member = target.rsplit("/", 1)[-1]
        assert schemas[member]["allOf"][1]["properties"]["@odata.type"]["enum"] == [value]
    assert schemas["Operation"]["anyOf"][-1] == schema_ref("OperationBase")


def test_g4_no_odata_query_parameters() -> None:
    names = [p["name"] for p in operation("graph_billing", GRAPH_OPERATION_PATH)["parameters"]]

    assert names == ["operation-id"]


def test_g5_result_link_is_the_navigation_link_to_a_described_manifest() -> None:
    link = example("graph_billing", GRAPH_OPERATION_PATH, "exportSucceeded")[
        "resourceLocation@odata.navigationLink"
    ]
    server = spec("graph_billing")["servers"][0]["url"]

    assert polling("graph_billing")["result-link"] == "/resourceLocation@odata.navigationLink"
    assert link.startswith(server + GRAPH_MANIFEST_PATH.split("{", 1)[0])
    assert GRAPH_MANIFEST_PATH in spec("graph_billing")["paths"]


def test_g5_manifest_example_is_valid_and_marks_the_sas_token_secret() -> None:
    manifest = example("graph_billing", GRAPH_MANIFEST_PATH, "manifest")

    assert accepts("graph_billing", schema_ref("Manifest"), manifest)
    assert spec("graph_billing")["components"]["schemas"]["Manifest"]["properties"]["sasToken"][
        "x-opstatus-secret"
    ]


def test_g6_docs_error_example_has_placeholders_ours_has_real_values() -> None:
    verbatim = seed_json("graph_docs_examples.json")["graphError"]
    error = spec("graph_billing")["components"]["responses"]["Error"]["content"]["application/json"]
    ours = error["examples"]["graphError"]["value"]

    assert not accepts("graph_billing", schema_ref("ODataError"), verbatim)
    assert accepts("graph_billing", schema_ref("ODataError"), ours)
    assert ours["error"]["code"] == verbatim["error"]["code"]


def test_g7_timestamps_may_be_absent_but_not_null() -> None:
    running = {"@odata.type": f"{GRAPH_TYPE}runningOperation", "id": "x", "status": "running"}

    assert accepts("graph_billing", schema_ref("RunningOperation"), running)
    assert not accepts("graph_billing", schema_ref("RunningOperation"), {**running, "createdDateTime": None})


def test_g8_status_may_be_null() -> None:
    assert accepts("graph_billing", schema_ref("OperationBase"), {"id": "x", "status": None})


@pytest.mark.parametrize(
    ("error", "ok"),
    [(None, False), ({"message": "No data available", "code": "5000"}, True), ({"code": 5000}, False)],
)
def test_g9_failed_operation_carries_a_public_error_with_string_code(error: Any, ok: bool) -> None:
    body: dict[str, Any] = {"@odata.type": f"{GRAPH_TYPE}failedOperation", "id": "x", "status": "failed"}
    if error is not None:
        body["error"] = error

    assert accepts("graph_billing", schema_ref("FailedOperation"), body) is ok


def test_g10_odata_inner_error_and_public_inner_error_are_different_shapes() -> None:
    odata = {
        "error": {
            "code": "c",
            "message": "m",
            "innerError": {"request-id": "r", "date": "2023-03-09T08:12:53Z"},
        }
    }
    public = {"code": "5000", "innerError": {"code": "inner", "anyServiceField": 1}}
    schemas = spec("graph_billing")["components"]["schemas"]

    assert accepts("graph_billing", schema_ref("ODataError"), odata)
    assert accepts("graph_billing", schema_ref("PublicError"), public)
    assert "request-id" not in schemas["PublicInnerError"]["properties"]
    assert "target" not in schemas["InnerError"]["properties"]


def test_g11_path_parameter_is_named_operation_id() -> None:
    assert GRAPH_OPERATION_PATH in spec("graph_billing")["paths"]
    assert "/reports/partners/billing/operations/{id}" not in spec("graph_billing")["paths"]


def test_g12_members_follow_the_csdl_not_the_resource_pages() -> None:
    schemas = spec("graph_billing")["components"]["schemas"]

    assert set(schemas["OperationBase"]["properties"]) == {
        "@odata.type",
        "id",
        "createdDateTime",
        "lastActionDateTime",
        "status",
    }
    assert (
        "resourceLocation@odata.navigationLink" in schemas["ExportSuccessOperation"]["allOf"][1]["properties"]
    )
    assert "error" in schemas["FailedOperation"]["allOf"][1]["properties"]


def test_g13_only_the_two_gets_are_described() -> None:
    paths = spec("graph_billing")["paths"]

    assert set(paths) == {GRAPH_OPERATION_PATH, GRAPH_MANIFEST_PATH}
    assert all(list(item) == ["get"] for item in paths.values())


def test_g14_statuses_are_named_not_2xx() -> None:
    responses = operation("graph_billing", GRAPH_OPERATION_PATH)["responses"]
    not_found = spec("graph_billing")["components"]["responses"]["NotFound"]["content"]["application/json"]

    assert "2XX" not in responses
    assert {"200", "400", "401", "403", "404", "429", "default"} <= set(responses)
    assert accepts("graph_billing", schema_ref("ODataError"), not_found["examples"]["notFound"]["value"])


def test_g15_permission_and_default_scope() -> None:
    scopes = spec("graph_billing")["components"]["securitySchemes"]["azureaadv2"]["flows"][
        "authorizationCode"
    ]["scopes"]

    assert set(scopes) == {"PartnerBilling.Read.All", "https://graph.microsoft.com/.default"}
    assert operation("graph_billing", GRAPH_OPERATION_PATH)["security"] == [
        {"azureaadv2": ["PartnerBilling.Read.All"]}
    ]


# ------------------------------------------------------------------ the table itself


def test_readme_table_lists_each_spec_decision_once_with_existing_tests_of_that_id() -> None:
    readme = (ROOT / "specs" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([MPG]\d+) \|.*\| (`test_[^|]*) \|$", readme, flags=re.MULTILINE)
    in_specs = {
        found
        for spec in sorted((ROOT / "specs").glob("*.yaml"))
        for found in re.findall(r"DECISION ([MPG]\d+)", spec.read_text(encoding="utf-8"))
    }

    ids = [decision for decision, _tests in rows]
    assert sorted(ids) == sorted(set(ids))
    assert set(ids) == in_specs
    for decision, tests in rows:
        for name in re.findall(r"`(test_\w+)`", tests):
            assert name.startswith(f"test_{decision.lower()}_"), (decision, name)
            assert callable(globals().get(name)), name
