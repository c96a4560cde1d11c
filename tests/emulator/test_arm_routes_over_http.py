"""The emulator's ARM routes for any provider, as a client in another language sees them (raw HTTP)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from opstatus.emulator import EmulatorServer

AUTH = {"Authorization": "Bearer any-token"}


@pytest.fixture
def http(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, headers=AUTH) as client:
        yield client


def created(http: httpx.Client, **lifecycle: object) -> dict[str, str]:
    """Create a monitor operation through the admin API; return its ARM URLs from the answer."""
    answer = http.post("/_emulator/operations", json={"api": "monitor", "lifecycle": lifecycle})
    assert answer.status_code == 201, answer.text
    urls: dict[str, str] = answer.json()["armUrls"]
    return urls


def test_a_location_url_is_202_with_retry_after_and_itself_then_204(http: httpx.Client) -> None:
    urls = created(http, phases=[{"seconds": 10}], location_result="none")

    running = http.get(urls["location"])
    http.post("/_emulator/clock/advance", json={"seconds": 10})
    done = http.get(urls["location"])

    assert (running.status_code, running.content) == (202, b"")
    assert running.headers["retry-after"] == "1"
    assert running.headers["location"] == urls["location"]
    assert (done.status_code, done.content, "retry-after" in done.headers) == (204, b"", False)


def test_the_status_url_of_another_provider_is_arms_status_body(http: httpx.Client) -> None:
    urls = created(http, phases=[{"seconds": 10, "status": "Provisioning", "percent": 25}])
    url = urls["azureAsyncOperation"].replace("Microsoft.Compute", "Microsoft.Storage")

    body = http.get(url).json()

    assert (body["status"], body["percentComplete"]) == ("Provisioning", 25)
    assert body["id"].startswith("/subscriptions/")
    assert "/Microsoft.Storage/" in body["id"]


def test_begin_answers_202_with_the_headers_asked_for(http: httpx.Client) -> None:
    urls = created(http)

    both = http.post(urls["begin"])
    location_only = http.post(urls["begin"] + "&lro=location")
    unknown = http.post(urls["begin"] + "&lro=sideways")

    assert both.status_code == 202
    assert (both.headers["azure-asyncoperation"], both.headers["location"]) == (
        urls["azureAsyncOperation"],
        urls["location"],
    )
    assert "azure-asyncoperation" not in location_only.headers
    assert unknown.status_code == 400


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        (lambda url: url.split("?")[0], 400, "MissingApiVersionParameter"),
        (
            lambda url: url.replace("/subscriptions/613192d7", "/subscriptions/000000d7"),
            404,
            "ResourceNotFound",
        ),
        (lambda url: url.replace("/locations/westus", "/locations/west us"), 400, "InvalidParameter"),
    ],
)
def test_the_checks_of_every_emulated_endpoint_apply(
    http: httpx.Client, change: Callable[[str], str], status: int, code: str
) -> None:
    urls = created(http)
    answer = http.get(change(urls["location"]))
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code)


def test_no_token_is_401_and_a_wrong_method_405(http: httpx.Client, emulator: EmulatorServer) -> None:
    urls = created(http)
    assert httpx.get(urls["location"]).status_code == 401
    wrong = http.post(urls["location"])
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "GET")


def test_faults_of_the_operation_apply_to_its_arm_urls(http: httpx.Client, emulator: EmulatorServer) -> None:
    urls = created(http)
    op_id = urls["location"].split("/operationResults/")[1].split("?")[0]
    http.put(f"/_emulator/operations/monitor/{op_id}/faults", json={"script": ["throttle"]})

    throttled = http.get(urls["location"])
    fine = http.get(urls["location"])

    assert (throttled.status_code, fine.status_code) == (429, 200)
    assert [r.fault for r in emulator.requests() if r.operation_id == op_id] == ["throttle", None]


def test_the_arm_routes_speak_the_vocabulary_arm_clients_read(http: httpx.Client) -> None:
    """One trait (``opstatus._arm_protocol.ARM``): the emulator's words are those the client reads."""
    from opstatus._arm_protocol import ARM
    from opstatus._state import OperationState

    urls = created(http, phases=[{"seconds": 10, "state": "running"}])
    running = http.get(urls["azureAsyncOperation"]).json()["status"]
    http.post("/_emulator/clock/advance", json={"seconds": 10})
    done = http.get(urls["azureAsyncOperation"]).json()["status"]

    assert (running, done) == (ARM.spelling("running"), ARM.spelling("succeeded"))
    assert (ARM.state_of(running), ARM.state_of(done)) == (OperationState.RUNNING, OperationState.SUCCEEDED)


def test_only_the_operations_of_an_arm_api_have_arm_urls(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("graph_billing")
    with pytest.raises(ValueError, match="only ARM operations"):
        emulator.arm_urls_for(op)
