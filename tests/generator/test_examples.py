"""Every example in every spec parses into the class the spec names, and survives a round trip.

The client side goes through the generated public client over an httpx.MockTransport (union dispatch
included); error bodies through the HTTP layer's error reading (``error_from_response``). The emulator
side validates the same bodies with the pydantic models from ``emulator_models``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import RootModel, TypeAdapter

from tests.api_catalog import KEYS
from tests.generator.generated_calls import as_bytes, call_detailed, to_json, type_name
from tests.generator.spec_examples import Example, all_examples, expected_type, resolve, spec_document

EXAMPLES = all_examples()
SUCCESS = [example for example in EXAMPLES if example.is_success and example.operation_id]
ERRORS = [example for example in EXAMPLES if not example.is_success]


def _nulls(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The path of every null in a JSON value."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if item is None:
            yield (*path, key)
        yield from _nulls(item, (*path, key))


def _at(value: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        if isinstance(value, dict):
            assert key in value, f"{key} was left out"
        value = value[key]
    return value


WITH_NULLS = [example for example in SUCCESS if any(_nulls(example.value))]


def _package(example: Example) -> str:
    return f"opstatus._generated.{example.api_key}"


def _expected(example: Example) -> str:
    return expected_type(spec_document(example.api_key), example.schema, example.value)


def _expected_from_client(example: Example) -> str:
    """What the client returns: the status operation of an API whose table says unwrap-single-item-array
    reads a one-element array as its one operation."""
    expected = _expected(example)
    polling = importlib.import_module(f"{_package(example)}.polling").TABLE
    if (
        polling.unwrap_single_item_array
        and example.operation_id == polling.status_operation_id
        and expected.startswith("list[")
    ):
        return expected.removeprefix("list[").removesuffix("]")
    return expected


def _parse_success(example: Example, body: Any) -> Any:
    assert example.operation_id is not None
    response = call_detailed(
        _package(example), example.operation_id, status=int(example.status), content=as_bytes(body)
    )
    return response.parsed


def test_the_specs_have_success_and_error_examples_for_every_api() -> None:
    """Every API shows a success body; every API whose spec shows an error body has it found here (an
    API may show none: its errors are then checked from its schema alone, as the emulator renders them)."""
    assert {example.api_key for example in SUCCESS} == set(KEYS)
    assert {example.api_key for example in ERRORS} == {key for key in KEYS if _shows_an_error_body(key)}


def _shows_an_error_body(key: str) -> bool:
    """The spec gives an ``example`` or ``examples`` on the media of some non-2xx response, read here
    apart from the collector's walk (``spec_examples.examples_in``) so a layout it misses fails above."""
    document = spec_document(key)
    responses = [
        resolve(document, response)
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict)
        for status, response in operation.get("responses", {}).items()
        if not (str(status).isdigit() and 200 <= int(status) <= 299)
    ]
    return any(
        "example" in media or "examples" in media
        for response in responses
        for media in response.get("content", {}).values()
    )


@pytest.mark.parametrize("example", SUCCESS, ids=str)
def test_success_example_parses_into_the_class_the_spec_names(example: Example) -> None:
    assert type_name(_parse_success(example, example.value)) == _expected_from_client(example)


@pytest.mark.parametrize("example", SUCCESS, ids=str)
def test_success_example_round_trips_through_to_dict(example: Example) -> None:
    parsed = _parse_success(example, example.value)

    assert _parse_success(example, to_json(parsed)) == parsed


@pytest.mark.parametrize("example", WITH_NULLS, ids=str)
def test_a_null_in_a_success_example_is_written_back_as_null(example: Example) -> None:
    """Absent and null differ on the wire (ARM's running operation sends ``"endTime": null``)."""
    written = to_json(_parse_success(example, example.value))
    unwrapped = isinstance(example.value, list) and not isinstance(written, list)

    for path in _nulls(example.value):
        assert _at(written, path[1:] if unwrapped else path) is None, path


@pytest.mark.parametrize("example", ERRORS, ids=str)
def test_error_example_reads_as_the_code_and_message_the_client_reports(example: Example) -> None:
    """Error bodies are read as JSON by the HTTP layer (no envelope model is generated: nothing used it)."""
    import importlib

    import httpx
    from opstatus._http import error_from_response
    from opstatus._routes import pointer_get

    envelope = importlib.import_module(f"opstatus._generated.{example.api_key}.api").ROUTES.error_envelope
    status = int(example.status) if str(example.status).isdigit() else 500
    request = httpx.Request("GET", "https://example.invalid/status")
    response = httpx.Response(status, json=example.value, request=request)
    error = error_from_response(response, envelope=envelope)

    if envelope is not None:  # the spec says where (x-opstatus-error-envelope), e.g. Azure DevOps' /typeKey
        value = example.value
        code, message = pointer_get(value, envelope.code), pointer_get(value, envelope.message)
        expected = (str(code), message)
    else:
        inner = example.value.get("error", example.value)
        expected = (str(inner["code"]), inner["message"])
    assert (error.code, error.message) == expected


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_validates_into_the_emulator_model_and_round_trips(example: Example) -> None:
    adapter = _emulator_adapter(example)

    validated = adapter.validate_python(example.value)

    assert type_name(_unwrap(validated)) == _expected(example)
    dumped = adapter.dump_python(validated, mode="json", by_alias=True, exclude_unset=True)
    assert adapter.validate_python(dumped) == validated


def _unwrap(value: Any) -> Any:
    """The value inside (possibly nested) RootModels: CPP's array branch is a RootModel of its own."""
    while isinstance(value, RootModel):
        value = value.root
    return value


def _emulator_adapter(example: Example) -> TypeAdapter[Any]:
    models = importlib.import_module(f"{_package(example)}.emulator_models")
    schema = example.schema
    if schema.get("type") == "array":
        item = getattr(models, schema["items"]["$ref"].rsplit("/", 1)[1])
        return TypeAdapter(list[item])  # type: ignore[valid-type]
    return TypeAdapter(getattr(models, schema["$ref"].rsplit("/", 1)[1]))
