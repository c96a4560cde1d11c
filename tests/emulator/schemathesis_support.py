"""Shared set-up for the schemathesis property tests: seeded operations and the per-spec schemas.

Each spec is fuzzed once per seeded operation state (running, succeeded, failed, ...), with that
operation's ids pinned (``schema.config.update(parameters=...)``) so generated requests get past the 404
to the real logic; one more schema per spec ("generated_ids") pins nothing, so schemathesis generates
every path parameter and their validation (400 for invalid values, never 500) is fuzzed too.

schemathesis' ``ignored_auth`` check skips OAuth2 schemes (it only probes apiKey/basic/http), which is
what all three specs declare. :func:`call_and_validate` makes up for it: every accepted request is sent
again with a wrong token and must get a 401 that conforms to the spec.

Relaxed on purpose, and only here: date-time *format* validation for the responses of an API whose spec
tolerates ``naive-date-time`` (graph_billing). The Graph docs' example sends ``createdDateTime`` without
a zone (spec DECISION G2) and the emulator reproduces that by default; every other check stays on.

Every API present is fuzzed: the three known ones with seeds in their own idiom, any other with
:data:`GENERIC_SEEDS`, in the scope the emulator defaults to.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import schemathesis
import yaml
from opstatus.emulator import (
    API_KEYS,
    Emulator,
    ErrorSpec,
    Lifecycle,
    Outcome,
    Phase,
    PlannedStep,
    step_plan,
)
from opstatus.emulator._apis import ParamRule, profile_for
from schemathesis import Case, GenerationMode
from schemathesis.schemas import BaseSchema

SPECS: Final = Path(__file__).resolve().parents[2] / "specs"
TOKEN: Final = "schemathesis-token"
GENERATED_IDS: Final = "generated_ids"
MAX_EXAMPLES: Final = int(os.environ.get("OPSTATUS_FUZZ_EXAMPLES", "12"))
"""Examples per operation and schema; ``make fuzz-deep`` raises it."""

_NESTED_ERROR = ErrorSpec(
    code="PrivateLinkScopeValidationFailed",
    message="The private link scope could not be updated.",
    details=(ErrorSpec(code="ScopedResourceNotFound", message="The scoped resource does not exist."),),
)
_STEPS = [
    PlannedStep(id="displaydummycertify", name="Validate Pre-Requisites", seconds=10),
    PlannedStep(id="live", name="Live", seconds=10),
]

# label -> (operation id, lifecycle); the virtual clock never moves in these runs, so states are fixed.
# The three known APIs get seeds in their own idiom; any other API gets GENERIC_SEEDS.
_KNOWN_SEEDS: Final[Mapping[str, Mapping[str, tuple[str, Lifecycle]]]] = {
    "monitor": {
        "running": (
            "arm-running",
            Lifecycle(phases=(Phase(seconds=1e6, status="InProgress", percent=40.5),)),
        ),
        "succeeded": ("arm-succeeded", Lifecycle.succeeds()),
        "failed": ("arm-failed", Lifecycle(outcome=Outcome(state="failed", error=_NESTED_ERROR))),
        "canceled": ("arm-canceled", Lifecycle.canceled()),
        "custom_status": ("arm-custom", Lifecycle(phases=(Phase(seconds=1e6, status="Provisioning"),))),
    },
    "partner_portal": {
        "running": (
            "cpp-running",
            step_plan([*_STEPS[:1], PlannedStep(id="live", name="Live", seconds=1e6)]),
        ),
        "succeeded": ("cpp-succeeded", step_plan(_STEPS, final_status="complete")),
        "failed": ("cpp-failed", step_plan(_STEPS, outcome="failed", fail_at="live")),
        "object_body": (
            "cpp$object$1$preview",
            Lifecycle(array_body=False, outcome=Outcome(status="completed")),
        ),
    },
    "graph_billing": {
        "running": ("graph-running", Lifecycle.never_finishes()),
        "not_started": ("graph-queued", Lifecycle(phases=(Phase(state="not_started", seconds=1e6),))),
        "succeeded": ("graph-succeeded", Lifecycle.succeeds()),
        "failed": ("graph-failed", Lifecycle.fails(code="5000", message="No data available")),
        "zone_qualified": ("graph-zoned", Lifecycle(zone_less_created=False)),
    },
}

GENERIC_SEEDS: Final[Mapping[str, tuple[str, Lifecycle]]] = {
    "running": ("generic-running", Lifecycle.never_finishes()),
    "succeeded": ("generic-succeeded", Lifecycle.succeeds()),
    "failed": ("generic-failed", Lifecycle.fails(code="Failed", message="The operation failed.")),
}


def _generic_seeds(api: str) -> Mapping[str, tuple[str, Lifecycle]]:
    """:data:`GENERIC_SEEDS`, each id made one the API's id parameter accepts (a uuid where the spec
    says ``format: uuid``: a fixed uuid5 of the label, so runs repeat)."""
    rule = ParamRule.of(profile_for(api).status_route.route.path_params[-1])
    return {
        label: (
            seed_id
            if rule.problem(seed_id) is None
            else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{api}/{seed_id}")),
            lifecycle,
        )
        for label, (seed_id, lifecycle) in GENERIC_SEEDS.items()
    }


SEEDS: Final[Mapping[str, Mapping[str, tuple[str, Lifecycle]]]] = {
    api: _KNOWN_SEEDS.get(api) or _generic_seeds(api) for api in API_KEYS
}
"""Every API present, each with its seeds."""


def _scope(api: str) -> Mapping[str, str]:
    """The scope every seed of ``api`` lives in: the emulator's defaults (the spec's examples)."""
    return profile_for(api).scope_defaults


def seeded_emulator() -> Emulator:
    """An emulator holding every seeded operation, on a virtual clock that nobody advances."""
    emulator = Emulator(clock="virtual", token=TOKEN)
    seed_operations(emulator)
    return emulator


def seed_operations(emulator: Emulator) -> None:
    for api, seeds in SEEDS.items():
        for operation_id, lifecycle in seeds.values():
            emulator.create_operation(api, operation_id=operation_id, params=_scope(api), lifecycle=lifecycle)


def pinned_parameters(api: str, label: str, emulator: Emulator) -> dict[str, Any]:
    """Path parameters of seed ``label`` (plus the result, e.g. Graph's manifest, of the succeeded seed)."""
    if label == GENERATED_IDS:
        return {}
    profile = profile_for(api)
    parameters: dict[str, Any] = {f"path.{profile.id_param}": SEEDS[api][label][0]}
    parameters.update({f"path.{name}": value for name, value in _scope(api).items()})
    result = profile.result_route
    if result is not None:
        succeeded = emulator.get_operation(api, SEEDS[api]["succeeded"][0])
        parameters[f"path.{result.last_param}"] = succeeded.manifest_id
    return parameters


def configure(schema: BaseSchema, *, api: str, label: str, parameters: Mapping[str, Any]) -> BaseSchema:
    """Every default check, positive and negative, with our token and the pinned ids."""
    # One credential, as the spec's first choice takes it: with a key *and* a token, schemathesis' check
    # that a missing credential is refused would drop one and see the other accepted (Translator).
    profile = profile_for(api)
    key_header = profile.api_key_header
    if key_header is not None and "api_key" in profile.security:
        headers = {key_header: TOKEN}  # the emulator accepts TOKEN as a key too
    else:
        headers = {"Authorization": f"Bearer {TOKEN}"}
    schema.config.update(headers=headers, parameters=dict(parameters))
    if len(profile.security) > 1:
        # Either credential is enough (Translator: a key or a token): schemathesis' ignored-auth check
        # spoils one scheme while the configured other stays valid, and reads the 200 as auth ignored.
        # call_and_validate's probe (every credential wrong -> 401) checks these APIs instead.
        schema.config.checks.ignored_auth.enabled = False
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=MAX_EXAMPLES,
        deterministic=True,
    )
    zone_less = label == GENERATED_IDS or SEEDS[api][label][1].zone_less_created
    if _tolerates_naive_date_times(api) and zone_less:
        # DECISION G2: zone-less createdDateTime, as the Graph docs' example. Only the format check goes,
        # and only for seeds that send such times (the "zone_qualified" seed keeps it).
        schema.config.checks.response_schema_conformance.validate_formats = False
    return schema


def _tolerates_naive_date_times(api: str) -> bool:
    info = yaml.safe_load((SPECS / f"{api}.yaml").read_text(encoding="utf-8"))["info"]
    return "naive-date-time" in info["x-opstatus-api"].get("tolerate", [])


def load_schema(api: str) -> BaseSchema:
    return schemathesis.openapi.from_path(SPECS / f"{api}.yaml")


def fuzz_schema(api: str, label: str, emulator: Emulator, *, base_url: str | None = None) -> BaseSchema:
    """The configured schema for seed ``label``: in process (ASGI) unless ``base_url`` is given."""
    schema = load_schema(api)
    if base_url is None:
        schema.app = emulator.app
    else:
        schema.config.update(base_url=base_url)
    return configure(schema, api=api, label=label, parameters=pinned_parameters(api, label, emulator))


def schema_labels(api: str) -> list[str]:
    """The seeded states fuzzed for ``api``, plus :data:`GENERATED_IDS`."""
    return [*SEEDS[api], GENERATED_IDS]


def call_and_validate(case: Case[Any]) -> None:
    """schemathesis' checks, then the auth probe the OAuth2 schemes miss (see the module docstring).

    The probe reads the operation's own ``security`` (``ApiRoutes.security_for``): a route that takes a
    credential must refuse a wrong one with 401; a route declaring ``security: []`` takes none, so a
    wrong one changes nothing (Export jobs' operation list).
    """
    response = case.call_and_validate()
    if 200 <= response.status_code < 300:
        wrong = "not-the-configured-token"
        keys = {header for api in API_KEYS if (header := profile_for(api).api_key_header) is not None}
        probe = case.call(headers={"Authorization": f"Bearer {wrong}", **dict.fromkeys(sorted(keys), wrong)})
        if route_security(case):
            accepted = f"a wrong token was accepted: {probe.status_code} {probe.text[:200]}"
            assert probe.status_code == 401, accepted
        else:
            assert probe.status_code == response.status_code, (
                f"a route without security judged a credential: {probe.status_code} {probe.text[:200]}"
            )
        case.validate_response(probe)


def route_security(case: Case[Any]) -> tuple[str, ...]:
    """The credential kinds the operation ``case`` calls accepts, as its API's routes declare them."""
    api = case.operation.schema.raw_schema["info"]["x-opstatus-api"]["key"]
    routes = profile_for(api).api.ROUTES
    kinds: tuple[str, ...] = routes.security_for(routes.named(case.operation.definition.raw["operationId"]))
    return kinds


def assert_edges_reached(emulator: Emulator, expected: Mapping[str, set[int]]) -> None:
    """Guard against runs that silently generate nothing: each API saw at least these statuses."""
    seen = {api: {entry.status for entry in emulator.requests(api=api)} for api in expected}
    missing = {
        api: sorted(statuses - seen[api]) for api, statuses in expected.items() if statuses - seen[api]
    }
    assert not missing, f"statuses never produced: {missing} (seen: {seen})"
