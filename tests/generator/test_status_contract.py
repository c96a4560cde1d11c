"""The endpoint contract the overrides rely on (custom endpoint_module.py.jinja, overrides/PATCHES.md).

``sync_detailed``/``asyncio_detailed`` never raise because of the HTTP status or a non-2xx body;
``status_code`` keeps the integer (an HTTPStatus when IANA lists it); ``parsed`` is the 2xx model or None.
Upstream 0.29.1 raises ValueError for 499/520 (issue #1442) and JSONDecodeError for a non-JSON error body
(issues #124, #678).
"""

from __future__ import annotations

import json
from http import HTTPStatus

import pytest

from tests.generator.generated_calls import (
    as_bytes,
    call_detailed,
    client_answering,
    endpoint_module,
    required_arguments,
)
from tests.generator.spec_examples import spec_document

OPERATIONS = [
    (f"opstatus._generated.{key}", operation["operationId"])
    for key in ("monitor", "partner_portal", "graph_billing")
    for item in spec_document(key)["paths"].values()
    for operation in item.values()
    if isinstance(operation, dict) and "operationId" in operation
]
IDS = [operation_id for _, operation_id in OPERATIONS]


@pytest.mark.parametrize(("package", "operation_id"), OPERATIONS, ids=IDS)
@pytest.mark.parametrize("status", [499, 520, 299, 600])
def test_a_status_iana_does_not_list_comes_back_as_an_int(
    package: str, operation_id: str, status: int
) -> None:
    response = call_detailed(package, operation_id, status=status, content=b'{"error": {}}')

    assert response.status_code == status
    assert type(response.status_code) is int
    assert response.parsed is None


@pytest.mark.parametrize(("package", "operation_id"), OPERATIONS, ids=IDS)
@pytest.mark.parametrize(
    ("status", "content", "content_type"),
    [
        (502, b"<html><body>Bad gateway</body></html>", "text/html"),
        (500, b"", "application/json"),
        (404, b"not json", "application/json"),
        (503, b'{"unexpected": "shape"}', "application/json"),
    ],
    ids=["html-502", "empty-500", "garbage-404", "wrong-shape-503"],
)
def test_a_non_2xx_body_is_never_parsed_and_never_raises(
    package: str, operation_id: str, status: int, content: bytes, content_type: str
) -> None:
    response = call_detailed(package, operation_id, status=status, content=content, content_type=content_type)

    assert response.status_code is HTTPStatus(status)
    assert response.parsed is None
    assert response.content == content


@pytest.mark.parametrize(("package", "operation_id"), OPERATIONS, ids=IDS)
def test_a_documented_error_envelope_is_left_in_content_for_the_overrides(
    package: str, operation_id: str
) -> None:
    envelope = {"error": {"code": "NotFound", "message": "no such operation"}}

    response = call_detailed(package, operation_id, status=404, content=as_bytes(envelope))

    assert response.parsed is None
    assert json.loads(response.content) == envelope


@pytest.mark.parametrize(("package", "operation_id"), OPERATIONS, ids=IDS)
def test_raise_on_unexpected_status_is_ignored(package: str, operation_id: str) -> None:
    module = endpoint_module(package, operation_id)
    client = client_answering(package, status=418, content=b"teapot")
    client.raise_on_unexpected_status = True

    response = module.sync_detailed(**required_arguments(module.sync_detailed), client=client)

    assert response.status_code is HTTPStatus.IM_A_TEAPOT
    assert response.parsed is None


@pytest.mark.parametrize(("package", "operation_id"), OPERATIONS, ids=IDS)
def test_a_2xx_body_that_is_not_json_raises_value_error(package: str, operation_id: str) -> None:
    with pytest.raises(ValueError, match="Expecting value"):
        call_detailed(package, operation_id, status=200, content=b"<html>maintenance</html>")


@pytest.mark.parametrize(("package", "operation_id"), OPERATIONS, ids=IDS)
def test_a_2xx_body_that_misses_a_required_field_raises_for_the_overrides_to_wrap(
    package: str, operation_id: str
) -> None:
    with pytest.raises((KeyError, ValueError, TypeError)):
        call_detailed(package, operation_id, status=200, content=b'{"unrelated": true}')


def test_the_contract_is_stated_in_the_generated_docstring() -> None:
    module = endpoint_module("opstatus._generated.graph_billing", "PartnersBilling_GetOperation")

    for function in (module.sync_detailed, module.asyncio_detailed):
        assert function.__doc__ is not None
        assert "Never raises because of the HTTP status or a non-2xx body" in function.__doc__
        assert "None for every other status" in function.__doc__
