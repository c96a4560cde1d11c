"""The spec linter: each broken fixture trips exactly its rule at its pointer, the real specs trip none."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.speclint import RULE_CHECKS, RULES, Finding, format_finding, lint_specs
from generator.speclint_core import SpecDocument, join_pointer, pointer_tokens, walk_json
from generator.speclint_examples import check_date_time
from tests.api_catalog import KEYS

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
FIXTURES = ROOT / "tests" / "fixtures" / "broken_specs"
OP = "/paths/~1operations~1{id}/get"
# libyaml when available: the real specs are large for pure-Python YAML (these helpers only copy them)
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
EXAMPLE = f"{OP}/responses/200/content/application~1json/examples/running/value"
POLLING = f"{OP}/x-opstatus-polling"

# fixture file stem -> (the one rule it breaks, the JSON pointer the finding names)
EXPECTED: dict[str, tuple[str, str]] = {
    "yaml_syntax": ("yaml-syntax", ""),
    "yaml_duplicate_key": ("yaml-duplicate-key", f"{OP}/summary"),
    "yaml_json_type": ("yaml-json-type", f"{EXAMPLE}/createdDateTime"),
    "yaml_json_type_key": ("yaml-json-type", f"{OP}/responses/404"),
    "openapi_version": ("openapi-version", "/openapi"),
    "openapi_ref": ("openapi-ref", f"{OP}/responses/200/content/application~1json/schema/$ref"),
    "openapi_schema": ("openapi-schema", f"{OP}/responses/200"),
    "openapi_schema_keyword": ("openapi-schema", "/components/schemas/Operation/properties/status/type"),
    "openapi_schema_path_param": ("openapi-schema", OP),
    "operation_id": ("operation-id", OP),
    "operation_summary": ("operation-summary", OP),
    "operation_security": ("operation-security", OP),
    "error_responses": ("error-responses", f"{OP}/responses"),
    "api_version": ("api-version", "/components/parameters/ApiVersion/schema"),
    "example_valid": ("example-valid", f"{EXAMPLE}/createdDateTime"),
    "example_unused": ("example-unused", "/components/examples/Orphan"),
    "discriminator_pinned": ("discriminator-pinned", "/components/schemas/RunningOperation"),
    "discriminator_const_typed_base": (
        "discriminator-pinned",
        "/components/schemas/RunningOperation/allOf/1/properties/@odata.type/const",
    ),
    "discriminator_mapping": (
        "discriminator-mapping",
        "/components/schemas/Operation/discriminator/mapping/#example.failed",
    ),
    "x_opstatus_api": ("x-opstatus-api", "/info/x-opstatus-api/key"),
    "x_opstatus_api_emulator": (
        "x-opstatus-api",
        "/info/x-opstatus-api/emulator/error-codes/not-found/message",
    ),
    "emulator_times": ("emulator-times", "/info/x-opstatus-api/emulator/times/ended"),
    "x_opstatus_polling": ("x-opstatus-polling", "/paths"),
    "polling_states": ("polling-states", f"{POLLING}/states/failed/1"),
    "polling_pointer": ("polling-pointer", f"{POLLING}/status"),
    "x_opstatus_read_budget": ("x-opstatus-read-budget", "/info/x-opstatus-read-budget/scope"),
    "security_scheme": ("security-scheme", "/components/securitySchemes/key"),
    "parameter_usable": ("parameter-usable", f"{OP}/parameters/2"),
    "response_header": ("response-header", f"{OP}/responses/200/headers/ETag"),
    "polling_enum": ("polling-enum", f"{POLLING}/states/canceled/0"),
    "error_envelope": (
        "error-envelope",
        "/components/schemas/ErrorResponse/x-opstatus-error-envelope/code",
    ),
    "x_opstatus_extension": (
        "x-opstatus-extension",
        "/components/schemas/Operation/properties/status/x-opstatus-secrets",
    ),
}


def rules_and_pointers(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(finding.rule, finding.pointer) for finding in findings}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_broken_fixture_trips_exactly_its_rule_at_its_pointer(stem: str) -> None:
    findings = lint_specs([FIXTURES / f"{stem}.yaml"])

    assert rules_and_pointers(findings) == {EXPECTED[stem]}, [format_finding(f) for f in findings]


def test_baseline_fixture_is_clean_so_each_fixture_differs_by_its_defect_only() -> None:
    assert lint_specs([FIXTURES / "baseline.yaml"]) == []


def test_every_fixture_file_has_an_expectation() -> None:
    stems = {path.stem for path in FIXTURES.glob("*.yaml")} - {"baseline"}

    assert stems == set(EXPECTED)


def test_every_rule_has_a_fixture_that_trips_it() -> None:
    assert {rule for rule, _pointer in EXPECTED.values()} == set(RULES)


@pytest.mark.parametrize("spec", KEYS)
def test_real_spec_has_no_findings(spec: str) -> None:
    findings = lint_specs([SPECS / f"{spec}.yaml"])

    assert findings == [], [format_finding(f) for f in findings]


def test_formatted_finding_names_file_pointer_rule_message_and_hint() -> None:
    path = FIXTURES / "example_valid.yaml"
    (finding,) = lint_specs([path])

    line = format_finding(finding)

    assert line.startswith(f"{path}:{EXAMPLE}/createdDateTime: example-valid: ")
    assert "'2020-01-01T00:00:00' is not a 'date-time'" in line
    assert line.endswith(f"(hint: {finding.hint})")
    assert "naive-date-time" in finding.hint


def test_formatted_finding_shows_the_document_root_as_root() -> None:
    (finding,) = lint_specs([FIXTURES / "yaml_syntax.yaml"])

    assert ":(root): yaml-syntax: not valid YAML at line 46, column 14" in format_finding(finding)


def test_findings_are_frozen() -> None:
    (finding,) = lint_specs([FIXTURES / "operation_id.yaml"])

    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "other"  # type: ignore[misc]


def test_several_files_give_every_finding_sorted_by_file() -> None:
    paths = [FIXTURES / "operation_summary.yaml", FIXTURES / "operation_id.yaml", SPECS / "monitor.yaml"]

    findings = lint_specs(paths)

    assert [Path(f.file).stem for f in findings] == ["operation_id", "operation_summary"]


def test_missing_file_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    (finding,) = lint_specs([tmp_path / "absent.yaml"])

    assert (finding.rule, finding.pointer) == ("yaml-syntax", "")
    assert "cannot read" in finding.message


# ------------------------------------------------------------------ mutations of the real specs


def lint_mutated(tmp_path: Path, spec: str, mutate: Callable[[dict[str, Any]], None]) -> set[tuple[str, str]]:
    """Lint a copy of a real spec (same file name, so x-opstatus-api.key still matches) after `mutate`."""
    data = yaml.load((SPECS / f"{spec}.yaml").read_text(encoding="utf-8"), Loader=FAST_LOADER)  # noqa: S506
    mutate(data)
    copy = tmp_path / f"{spec}.yaml"
    copy.write_text(yaml.dump(data, Dumper=FAST_DUMPER, sort_keys=False), encoding="utf-8")
    return rules_and_pointers(lint_specs([copy]))


GRAPH_OP = "/paths/~1reports~1partners~1billing~1operations~1{operation-id}/get"
CPP_OP = "/paths/~1api~1publishers~1{publisherId}~1offers~1{offerId}~1operations~1{operationId}/get"
MONITOR_PATH = (
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/microsoft.insights/"
    "privateLinkScopeOperationStatuses/{asyncOperationId}"
)


def test_zone_less_date_time_is_accepted_only_where_the_api_tolerates_it(tmp_path: Path) -> None:
    def drop_tolerance(data: dict[str, Any]) -> None:
        del data["info"]["x-opstatus-api"]["tolerate"]

    found = lint_mutated(tmp_path, "graph_billing", drop_tolerance)

    examples = f"{GRAPH_OP}/responses/200/content/application~1json/examples"
    assert found == {
        ("example-valid", f"{examples}/{name}/value/createdDateTime")
        for name in (
            "exportSucceeded",
            "failed",
            "running",
            "exportSucceededAsServed",
            "failedAsServed",
            "runningAsServed",
        )
    }


def test_unknown_graph_status_in_an_example_is_rejected_by_the_strict_enum(tmp_path: Path) -> None:
    def paused(data: dict[str, Any]) -> None:
        examples = data["paths"]["/reports/partners/billing/operations/{operation-id}"]["get"]["responses"][
            "200"
        ]
        examples["content"]["application/json"]["examples"]["running"]["value"]["status"] = "paused"

    found = lint_mutated(tmp_path, "graph_billing", paused)

    assert found == {
        ("example-valid", f"{GRAPH_OP}/responses/200/content/application~1json/examples/running/value/status")
    }


def test_known_subtype_is_checked_against_its_member_not_the_fallback(tmp_path: Path) -> None:
    """The anyOf ends with the unpinned base, which alone would accept a broken failedOperation."""

    def numeric_code(data: dict[str, Any]) -> None:
        examples = data["paths"]["/reports/partners/billing/operations/{operation-id}"]["get"]["responses"]
        examples["200"]["content"]["application/json"]["examples"]["failed"]["value"]["error"]["code"] = 5000

    found = lint_mutated(tmp_path, "graph_billing", numeric_code)

    assert found == {
        (
            "example-valid",
            f"{GRAPH_OP}/responses/200/content/application~1json/examples/failed/value/error/code",
        )
    }


def test_subtype_that_does_not_require_the_discriminator_is_ambiguous(tmp_path: Path) -> None:
    def optional_type(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["FailedOperation"]["allOf"][1]["required"] = ["error"]

    found = lint_mutated(tmp_path, "graph_billing", optional_type)

    assert found == {("discriminator-pinned", "/components/schemas/FailedOperation")}


def test_step_pointers_resolve_relative_to_one_step(tmp_path: Path) -> None:
    def misspelt_step_status(data: dict[str, Any]) -> None:
        operation = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"][
            "get"
        ]
        operation["x-opstatus-polling"]["progress"]["step-status"] = "/steps/0/status"

    found = lint_mutated(tmp_path, "partner_portal", misspelt_step_status)

    assert found == {("polling-pointer", f"{CPP_OP}/x-opstatus-polling/progress/step-status")}


def test_step_message_text_resolves_relative_to_one_message(tmp_path: Path) -> None:
    def text_pointer_into_the_step(data: dict[str, Any]) -> None:
        operation = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"][
            "get"
        ]
        operation["x-opstatus-polling"]["progress"]["step-message-text"] = "/stepName"

    found = lint_mutated(tmp_path, "partner_portal", text_pointer_into_the_step)

    assert found == {("polling-pointer", f"{CPP_OP}/x-opstatus-polling/progress/step-message-text")}


def test_step_message_text_needs_a_step_messages_array(tmp_path: Path) -> None:
    def no_messages_pointer(data: dict[str, Any]) -> None:
        operation = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"][
            "get"
        ]
        del operation["x-opstatus-polling"]["progress"]["step-messages"]

    found = lint_mutated(tmp_path, "partner_portal", no_messages_pointer)

    assert found == {("polling-pointer", f"{CPP_OP}/x-opstatus-polling/progress/step-message-text")}


def test_polling_flags_must_be_booleans(tmp_path: Path) -> None:
    def string_flag(data: dict[str, Any]) -> None:
        operation = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"][
            "get"
        ]
        operation["x-opstatus-polling"]["unwrap-single-item-array"] = "yes"

    found = lint_mutated(tmp_path, "partner_portal", string_flag)

    assert found == {("x-opstatus-polling", f"{CPP_OP}/x-opstatus-polling/unwrap-single-item-array")}


def test_cpp_status_pointer_needs_the_array_unwrapped(tmp_path: Path) -> None:
    """The 200 schema is an object or a one-element array; without unwrapping, /status is only on one branch
    - still declared, so the pointer resolves; dropping the object branch makes it unresolvable."""

    def array_only(data: dict[str, Any]) -> None:
        operation = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"][
            "get"
        ]
        del operation["x-opstatus-polling"]["unwrap-single-item-array"]
        data["components"]["schemas"]["OperationResponse"]["anyOf"].pop(0)

    found = lint_mutated(tmp_path, "partner_portal", array_only)

    assert ("polling-pointer", f"{CPP_OP}/x-opstatus-polling/status") in found


def test_second_polling_operation_is_flagged(tmp_path: Path) -> None:
    def twice(data: dict[str, Any]) -> None:
        listing = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations"]["get"]
        single = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"][
            "get"
        ]
        listing["x-opstatus-polling"] = single["x-opstatus-polling"]

    found = lint_mutated(tmp_path, "partner_portal", twice)

    # document order: the listing comes first, so the single-operation GET is the second carrier
    assert ("x-opstatus-polling", f"{CPP_OP}/x-opstatus-polling") in found


def test_default_scope_must_be_a_scope_of_a_security_scheme(tmp_path: Path) -> None:
    def unlisted(data: dict[str, Any]) -> None:
        scopes = data["components"]["securitySchemes"]["azure_auth"]["flows"]["implicit"]["scopes"]
        del scopes["https://management.azure.com/.default"]

    found = lint_mutated(tmp_path, "monitor", unlisted)

    assert found == {("x-opstatus-api", "/info/x-opstatus-api/default-scope")}


def test_open_enum_marker_needs_an_enum(tmp_path: Path) -> None:
    def on_plain_string(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["OperationStatus"]["properties"]["status"]["x-opstatus-open-enum"] = (
            True
        )

    found = lint_mutated(tmp_path, "monitor", on_plain_string)

    assert found == {
        (
            "x-opstatus-extension",
            "/components/schemas/OperationStatus/properties/status/x-opstatus-open-enum",
        )
    }


def test_api_version_must_be_the_same_across_one_document(tmp_path: Path) -> None:
    def second_version(data: dict[str, Any]) -> None:
        listing = data["paths"]["/api/publishers/{publisherId}/offers/{offerId}/operations"]["get"]
        listing["parameters"][2] = {
            "name": "api-version",
            "in": "query",
            "required": True,
            "schema": {"type": "string", "const": "2016-08-01-preview", "default": "2016-08-01-preview"},
        }

    found = lint_mutated(tmp_path, "partner_portal", second_version)

    assert {rule for rule, _pointer in found} == {"api-version"}


def test_monitor_error_responses_without_json_schema_are_flagged(tmp_path: Path) -> None:
    def html_error(data: dict[str, Any]) -> None:
        data["paths"][MONITOR_PATH]["get"]["responses"]["502"] = {"description": "gateway"}

    found = lint_mutated(tmp_path, "monitor", html_error)

    pointer = join_pointer("/paths", MONITOR_PATH, "get", "responses", "502")
    assert found == {("error-responses", pointer)}


# ------------------------------------------------------------------ the date-time format


@pytest.mark.parametrize(
    "value",
    [
        "2017-01-01T13:13:13.933Z",
        "2017-03-28T19:50:39.5506018Z",
        "2018-03-26T21:46:01+01:00",
        "2016-12-31T23:59:60Z",
    ],
)
def test_rfc3339_date_times_are_accepted(value: str) -> None:
    check_date_time(value, allow_naive=False)


@pytest.mark.parametrize(
    "value",
    ["2023-03-09T08:12:53", "2023-13-09T08:12:53Z", "2023-02-30T08:12:53Z", "2023-03-09 08:12:53Z", "x"],
)
def test_non_rfc3339_date_times_are_rejected(value: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        check_date_time(value, allow_naive=False)


def test_zone_less_date_time_passes_when_tolerated_but_a_bad_date_still_fails() -> None:
    check_date_time("2023-03-09T08:12:53", allow_naive=True)

    with pytest.raises(ValueError, match="day is out of range"):
        check_date_time("2023-02-30T08:12:53", allow_naive=True)


# ------------------------------------------------------------------ robustness


def _mutations() -> list[tuple[str, object]]:
    """Every node of the two extension blocks (free-form to the OpenAPI validator, parsed by hand here),
    deleted or given a wrong type. Schema mutations are not here: the structural stage stops on those."""
    data = yaml.safe_load((FIXTURES / "baseline.yaml").read_text(encoding="utf-8"))
    pointers = [p for p, _ in walk_json(data) if p.startswith(("/info/x-opstatus-api", POLLING))]
    modes: tuple[object, ...] = ("<delete>", 5, [])
    return [(pointer, mode) for pointer in pointers for mode in modes]


@pytest.mark.parametrize(("pointer", "mode"), _mutations())
def test_malformed_extension_blocks_give_findings_never_a_crash(pointer: str, mode: object) -> None:
    """Bad shapes in an extension become findings of our rules, never an exception."""
    data = yaml.safe_load((FIXTURES / "baseline.yaml").read_text(encoding="utf-8"))
    *parents, last = pointer_tokens(pointer)
    node: Any = data
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    key: Any = int(last) if isinstance(node, list) else last
    if mode == "<delete>":
        del node[key]
    else:
        node[key] = mode
    document = SpecDocument(file="baseline.yaml", stem="baseline", data=data)

    findings = [finding for check in RULE_CHECKS for finding in check(document)]

    assert all(isinstance(finding, Finding) for finding in findings)


def test_lint_command_checks_spec_files_named_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    code = main(["lint", str(FIXTURES / "operation_id.yaml")])

    assert code == 1
    assert "operation-id" in capsys.readouterr().err


def test_lint_command_passes_a_clean_named_spec(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    assert main(["lint", str(SPECS / "monitor.yaml")]) == 0
    assert "1 specs: no findings" in capsys.readouterr().out


EMULATOR = "/info/x-opstatus-api/emulator"


@pytest.mark.parametrize(
    ("block", "pointer"),
    [
        ({"sends-retry-after": "yes"}, f"{EMULATOR}/sends-retry-after"),
        ({"request-id-header": "x-request-id"}, f"{EMULATOR}/request-id-header"),
        ({"auth-challenge": ""}, f"{EMULATOR}/auth-challenge"),
        ({"error-codes": {"gone": {"code": "Gone", "message": "Gone."}}}, f"{EMULATOR}/error-codes/gone"),
        ({"error-codes": {"not-found": {"code": "NotFound"}}}, f"{EMULATOR}/error-codes/not-found"),
        (
            {"error-codes": {"not-found": {"code": "X", "message": "{id"}}},
            f"{EMULATOR}/error-codes/not-found/message",
        ),
        (["case-insensitive-paths"], EMULATOR),
    ],
)
def test_the_emulator_block_is_checked_key_by_key(tmp_path: Path, block: Any, pointer: str) -> None:
    def with_block(data: dict[str, Any]) -> None:
        data["info"]["x-opstatus-api"]["emulator"] = block

    assert lint_mutated(tmp_path, "monitor", with_block) == {("x-opstatus-api", pointer)}


def test_an_api_without_an_emulator_block_is_clean(tmp_path: Path) -> None:
    def without_block(data: dict[str, Any]) -> None:
        del data["info"]["x-opstatus-api"]["emulator"]

    assert lint_mutated(tmp_path, "monitor", without_block) == set()


def test_an_explicitly_empty_security_means_no_credential_and_is_accepted(tmp_path: Path) -> None:
    def anonymous(data: dict[str, Any]) -> None:
        data["paths"]["/reports/partners/billing/operations/{operation-id}"]["get"]["security"] = []

    assert lint_mutated(tmp_path, "graph_billing", anonymous) == set()


@pytest.mark.parametrize(
    "scope",
    [
        "499b84ac-1321-427f-aa17-267ca6975798/.default",
        "api://contoso-app/.default",
        "https://management.azure.com/.default",
    ],
)
def test_every_entra_default_scope_form_is_accepted(tmp_path: Path, scope: str) -> None:
    def with_scope(data: dict[str, Any]) -> None:
        data["info"]["x-opstatus-api"]["default-scope"] = scope
        scopes = data["components"]["securitySchemes"]["azure_auth"]["flows"]["implicit"]["scopes"]
        scopes[scope] = "the app's permissions"

    assert lint_mutated(tmp_path, "monitor", with_scope) == set()


@pytest.mark.parametrize(
    "scope", ["499b84ac-1321-427f-aa17/.default", "http://management.azure.com/.default", "https://x/"]
)
def test_a_malformed_default_scope_is_refused(tmp_path: Path, scope: str) -> None:
    def with_scope(data: dict[str, Any]) -> None:
        data["info"]["x-opstatus-api"]["default-scope"] = scope
        scopes = data["components"]["securitySchemes"]["azure_auth"]["flows"]["implicit"]["scopes"]
        scopes[scope] = "the app's permissions"

    assert ("x-opstatus-api", "/info/x-opstatus-api/default-scope") in lint_mutated(
        tmp_path, "monitor", with_scope
    )


def test_an_unlisted_status_enum_member_is_a_warning_naming_its_likely_state(tmp_path: Path) -> None:
    spec = FIXTURES / "polling_enum.yaml"
    text = spec.read_text(encoding="utf-8").replace("canceled: [Canceled]", "canceled: [Cancelled]")
    copy = tmp_path / "polling_enum.yaml"
    copy.write_text(
        text.replace(
            "Running, Succeeded, Failed, Cancelled",
            "Running, Paused, Succeeded, Completed, Failed, Cancelled",
        )
    )

    errors = lint_specs([copy])
    warnings = [f for f in lint_specs([copy], warnings=True) if f.severity == "warning"]

    assert errors == []
    assert sorted((w.rule, w.message, w.hint) for w in warnings) == [
        (
            "polling-enum",
            f"enum member {member!r} is listed by no state (it reads UNKNOWN)",
            f"it probably belongs to {state}",
        )
        for member, state in (("Completed", "succeeded"), ("Paused", "running"))
    ]


EMULATOR = "/info/x-opstatus-api/emulator"


def test_a_times_pointer_to_a_member_that_is_no_date_time_is_refused(tmp_path: Path) -> None:
    def status_as_ended(data: dict[str, Any]) -> None:
        data["info"]["x-opstatus-api"]["emulator"]["times"]["ended"] = ["/endTime", "/status"]

    found = lint_mutated(tmp_path, "monitor", status_as_ended)

    assert found == {("emulator-times", f"{EMULATOR}/times/ended/1")}


def test_a_demo_block_with_a_wrong_kind_of_value_is_refused(tmp_path: Path) -> None:
    def worded_order(data: dict[str, Any]) -> None:
        data["info"]["x-opstatus-api"]["emulator"]["demo"].update(order="first", fails="yes")

    found = lint_mutated(tmp_path, "monitor", worded_order)

    assert found == {
        ("x-opstatus-api", f"{EMULATOR}/demo/order"),
        ("x-opstatus-api", f"{EMULATOR}/demo/fails"),
    }
