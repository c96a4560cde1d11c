"""No bearer token or SAS token in a log line, repr, exception, continuation token or CLI output.

Every scenario runs with the recognisable fake secrets of ``conftest`` and hands what it produced to the
``exposure`` scanner, which also reads every DEBUG log record of the run. The scenarios: the fault soak
(every fault kind, every ending, sync and async), each client's repr, credentials (good, raising,
refreshing), HTTP errors from the emulator including a refused token, a manifest and its SAS token
(parsed, unparseable, in an error body), refused redirects, continuation tokens, and the CLI.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import Iterator
from typing import Any, Final

import httpx
import opstatus
import pytest
from azure.core.credentials import AccessToken
from opstatus import OpStatusError, RetryPolicy
from opstatus.emulator import EmulatorServer, FaultKind, FaultPlan, Lifecycle, ManifestSpec

from ..reliability.soak import SoakConfig, WaitResult, run_soak
from .conftest import FAKE_SAS, FAKE_TOKEN, SECRET_FRAGMENTS, WRONG_TOKEN, Exposure

_SYNC: Final = (opstatus.MonitorClient, opstatus.PartnerPortalClient, opstatus.GraphBillingClient)
_ASYNC: Final = (
    opstatus.AsyncMonitorClient,
    opstatus.AsyncPartnerPortalClient,
    opstatus.AsyncGraphBillingClient,
)
_ASYNC_BY_API: Final[dict[str, type[Any]]] = {cls._API.key: cls for cls in _ASYNC}


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    """Accepts only the fake token, so a wrong one gets the service's 401."""
    with EmulatorServer(clock="virtual", token=FAKE_TOKEN) as server:
        yield server


@pytest.fixture
def emu(emulator: EmulatorServer) -> EmulatorServer:
    emulator.reset()
    return emulator


class _Credential:
    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(FAKE_TOKEN, 4_102_444_800)


def _scan_results(exposure: Exposure, results: list[WaitResult]) -> None:
    for result in results:
        where = f"soak op {result.planned.index}"
        exposure.add_object(f"{where} poller", result.poller)
        if result.error is not None:
            exposure.add_exception(f"{where} error", result.error)
        if result.resource is not None:
            exposure.add_object(f"{where} resource", result.resource)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_fault_soak_shows_no_token(
    exposure: Exposure, caplog: pytest.LogCaptureFixture, mode: str
) -> None:
    results: list[WaitResult] = []
    config = SoakConfig(ops=90, mode=mode, token=FAKE_TOKEN, concurrency=16)  # type: ignore[arg-type]
    report = run_soak(config, on_results=results.extend)
    assert not report.violations
    assert set(report.faults) == {kind.value for kind in FaultKind}, "every fault kind was scanned"
    _scan_results(exposure, results)
    for line in report.lines(config):
        exposure.add("soak report", line)
    assert any(r.name == "opstatus._http" for r in caplog.records), "request logging ran at DEBUG"


def test_clients_and_their_auth_show_no_token(exposure: Exposure) -> None:
    for cls in (*_SYNC, *_ASYNC):
        for auth in ({"token": FAKE_TOKEN}, {"token": lambda: FAKE_TOKEN}, {"credential": _Credential()}):
            client = cls(**auth)
            exposure.add_object(f"{cls.__name__}({next(iter(auth))}=...)", client)
            exposure.add_object(f"{cls.__name__}._auth", client._auth)


def test_http_errors_and_a_refused_token_show_no_token(emu: EmulatorServer, exposure: Exposure) -> None:
    op = emu.create_operation("monitor", lifecycle=Lifecycle.never_finishes())
    for fault in (
        FaultKind.THROTTLE,
        FaultKind.SERVER_ERROR,
        FaultKind.HTML_ERROR,
        FaultKind.ODD_STATUS,
        FaultKind.DROP,
        FaultKind.TRUNCATED,
        FaultKind.INVALID_JSON,
        FaultKind.NON_JSON,
    ):
        emu.set_faults(FaultPlan.always(fault), api="monitor", operation_id=op.id)
        with opstatus.MonitorClient(
            base_url=emu.base_url, token=FAKE_TOKEN, retry=RetryPolicy.disabled()
        ) as c:
            with pytest.raises(OpStatusError) as caught:  # at the first read: retries are off
                c.poller_from_url(emu.url_for(op)).result(timeout=60)
            exposure.add_exception(f"{fault.value} error", caught.value)
    emu.set_faults(None, api="monitor", operation_id=op.id)
    with opstatus.MonitorClient(base_url=emu.base_url, token=WRONG_TOKEN) as client:
        with pytest.raises(opstatus.AuthenticationError) as refused:
            client.poller_from_url(emu.url_for(op)).result(timeout=60)
        exposure.add_exception("401 error", refused.value)
    with opstatus.MonitorClient(base_url=emu.base_url, token=FAKE_TOKEN) as client:
        with pytest.raises(opstatus.NotFoundError) as missing:
            client.get_operation_status(subscription_id="s", resource_group_name="rg", async_operation_id="x")
        exposure.add_exception("404 error", missing.value)
        poller = client.poller_from_url(emu.url_for(op))
        poller.refresh()  # so the timeout error carries a state and a resource
        with pytest.raises(opstatus.PollingTimeoutError) as timeout:
            poller.result(timeout=0)
        exposure.add_exception("timeout error", timeout.value)
        exposure.add_object("poller after timeout", poller)
        exposure.add_object("resumed poller", client.resume(poller.continuation_token()))
        exposure.add_object("client", client)


def test_a_manifest_never_shows_its_sas_token(emu: EmulatorServer, exposure: Exposure) -> None:
    op = emu.create_operation("graph_billing", lifecycle=Lifecycle(manifest=ManifestSpec(sas_token=FAKE_SAS)))
    with opstatus.GraphBillingClient(base_url=emu.base_urls["graph_billing"], token=FAKE_TOKEN) as client:
        events: list[object] = []
        poller = client.poller(operation_id=op.id, on_progress=events.append)
        export = poller.result(timeout=60)
        manifest = client.get_manifest_for(export)
        assert manifest.sas_token == FAKE_SAS, "the caller still gets the SAS token itself"
        for name, value in {
            "export": export,
            "manifest": manifest,
            "poller": poller,
            "client": client,
        }.items():
            exposure.add_object(name, value)
        for index, event in enumerate(events):
            exposure.add_object(f"progress event {index}", event)
    manifest_body = {"@odata.type": "#microsoft.graph.partners.billing.manifest", "sasToken": FAKE_SAS}
    for status, body in (
        (200, manifest_body),
        (500, {"error": {"code": "x", "message": "y"}, **manifest_body}),
    ):
        transport = httpx.MockTransport(lambda request, s=status, b=body: httpx.Response(s, json=b))
        with opstatus.GraphBillingClient(
            token=FAKE_TOKEN, transport=transport, retry=RetryPolicy.disabled()
        ) as c:
            with pytest.raises(OpStatusError) as caught:  # 200 without "id": DecodeError; 500: ServiceError
                c.get_manifest(manifest_id="m")
            exposure.add_exception(f"manifest {status} error", caught.value)


def test_refused_redirects_and_urls_show_no_secret(exposure: Exposure) -> None:
    location = "https://evil.example/steal?sig=FAKE-SAS-SIG-9a8b7c6d5e"
    transport = httpx.MockTransport(lambda request: httpx.Response(302, headers={"Location": location}))
    with opstatus.MonitorClient(token=FAKE_TOKEN, transport=transport) as client:
        with pytest.raises(opstatus.UnsafeUrlError) as caught:
            client.get_operation_status(subscription_id="s", resource_group_name="rg", async_operation_id="o")
        exposure.add_exception("redirect refusal", caught.value)
        with pytest.raises(opstatus.UnsafeUrlError) as foreign:
            client.poller_from_url(location)
        exposure.add_exception("foreign URL refusal", foreign.value)
        with pytest.raises(opstatus.ContinuationTokenError) as damaged:
            client.resume(FAKE_TOKEN)  # a bearer token pasted where a continuation token belongs
        exposure.add_exception("continuation token refusal", damaged.value)


def test_credential_errors_show_no_token(exposure: Exposure) -> None:
    class Raising:
        def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
            raise RuntimeError("identity endpoint unavailable")

    class Garbage:
        def get_token(self, *scopes: str, **kwargs: Any) -> object:
            return {"token": FAKE_TOKEN}

    class AsyncOnly:
        async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
            return AccessToken(FAKE_TOKEN, 4_102_444_800)

    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"status": "Succeeded"}))
    # Any: Garbage and AsyncOnly do not fit opstatus.TokenCredential (mypy says so); the run time must too.
    credentials: tuple[Any, ...] = (Raising(), Garbage(), AsyncOnly())
    for credential in credentials:
        with opstatus.MonitorClient(credential=credential, transport=transport) as client:
            with pytest.raises(opstatus.CredentialError) as caught:
                client.get_operation_status(
                    subscription_id="s", resource_group_name="rg", async_operation_id="o"
                )
            exposure.add_exception(f"{type(credential).__name__} error", caught.value)
            exposure.add_object(f"client with {type(credential).__name__}", client)


def test_async_waits_show_no_token(emu: EmulatorServer, exposure: Exposure) -> None:
    ops = [
        emu.create_operation("partner_portal", lifecycle=Lifecycle.fails(message="step failed")),
        emu.create_operation("monitor", lifecycle=Lifecycle.canceled()),
        emu.create_operation("graph_billing", lifecycle=Lifecycle.succeeds()),
    ]

    async def scenario() -> None:
        for op in ops:
            async with _ASYNC_BY_API[op.api](
                base_url=emu.base_urls[op.api], credential=_AsyncCredential()
            ) as client:
                poller = client.poller_from_url(emu.url_for(op))
                try:
                    exposure.add_object(f"{op.api} result", await poller.result(timeout=60))
                except OpStatusError as error:
                    exposure.add_exception(f"{op.api} error", error)
                exposure.add_object(f"{op.api} poller", poller)
                exposure.add_object(f"{op.api} client", client)

    asyncio.run(scenario())


class _AsyncCredential:
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(FAKE_TOKEN, 4_102_444_800)


def test_a_continuation_token_keeps_its_status_url_exactly_but_no_credential() -> None:
    """Lead's decision on the issue 7 finding: a continuation token holds its status URL verbatim.

    Resuming must read the exact URL the service handed out, signed query values included (newer ARM
    Azure-AsyncOperation URLs sign theirs), so a token is as sensitive as that URL - README, "Continuation
    tokens". It never holds the bearer token, and the poller's repr/str show no query value.
    """
    exposure = Exposure()
    client = opstatus.GraphBillingClient(token=FAKE_TOKEN)
    url = "https://graph.microsoft.com/v1.0/reports/partners/billing/operations/x?sig=FAKE-SAS-SIG-9a8b7c6d5e"
    poller = client.poller_from_url(url)
    exposure.add("repr(poller)", repr(poller))
    exposure.add("str(poller)", str(poller))
    token = poller.continuation_token()
    payload = token.partition(".")[2]
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

    exposure.assert_clean()
    assert decoded["url"] == url
    assert FAKE_TOKEN not in json.dumps(decoded)
    assert client.resume(token).status_url == url


# --- the CLI -----------------------------------------------------------------------------------------


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str], exposure: Exposure) -> int:
    from opstatus.cli import main

    code = main(argv)
    captured = capsys.readouterr()
    exposure.add(f"stdout of opstatus {' '.join(argv[:2])}", captured.out)
    exposure.add(f"stderr of opstatus {' '.join(argv[:2])}", captured.err)
    return code


def test_the_cli_shows_no_token(
    emu: EmulatorServer,
    exposure: Exposure,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("opstatus.cli")
    monitor = emu.create_operation("monitor", lifecycle=Lifecycle.fails(message="deployment failed"))
    portal = emu.create_operation("partner_portal", lifecycle=Lifecycle.succeeds())
    export = emu.create_operation(
        "graph_billing", lifecycle=Lifecycle(manifest=ManifestSpec(sas_token=FAKE_SAS))
    )
    stuck = emu.create_operation("graph_billing", lifecycle=Lifecycle.never_finishes())
    base = ["--base-url", emu.base_url, "--debug"]
    token = ["--token", FAKE_TOKEN]
    m = monitor.params
    runs = [
        [
            "monitor",
            "wait",
            "--subscription-id",
            m["subscriptionId"],
            "--resource-group",
            m["resourceGroupName"],
            "--operation-id",
            monitor.id,
            *token,
            *base,
        ],
        [
            "monitor",
            "get",
            "--subscription-id",
            m["subscriptionId"],
            "--resource-group",
            m["resourceGroupName"],
            "--operation-id",
            monitor.id,
            "--json",
            f"--token={FAKE_TOKEN}",
            *base,
        ],
        [
            "partner-portal",
            "wait",
            "--publisher-id",
            portal.params["publisherId"],
            "--offer-id",
            portal.params["offerId"],
            "--operation-id",
            portal.id,
            "--json",
            *token,
            *base,
        ],
        ["graph-billing", "wait", "--operation-id", export.id, "--manifest", "--json", *token, *base],
        ["graph-billing", "wait", "--operation-id", export.id, "--manifest", *token, *base],
        [
            "graph-billing",
            "wait",
            "--operation-id",
            stuck.id,
            "--timeout",
            "0.05",
            "--interval",
            "0.01",
            *token,
            *base,
        ],
        ["graph-billing", "get", "--operation-id", "does-not-exist", *token, *base],
        ["graph-billing", "get", "--operation-id", export.id, "--token", WRONG_TOKEN, *base],
        ["graph-billing", "get", "--operation-id", "../escape", *token, *base],
        ["wait-url", emu.url_for(portal), "--api", "partner-portal", *token, *base],
        ["wait-url", "https://evil.example/x", "--api", "monitor", *token, *base],
    ]
    codes = [_cli(argv, capsys, exposure) for argv in runs]
    assert codes[3] == 0, "the manifest run worked (so its output was really scanned)"
    assert sorted(set(codes)) != [0], "error paths ran too"
    monkeypatch.setenv("OPSTATUS_TOKEN", FAKE_TOKEN)
    _cli(["graph-billing", "get", "--operation-id", export.id, "--json", *base], capsys, exposure)


def test_the_scanner_finds_a_planted_leak(caplog: pytest.LogCaptureFixture) -> None:
    """The scan can fail: each kind of place it reads reports a secret put there on purpose."""
    caplog.set_level(logging.DEBUG)
    leaky = Exposure()
    # Not an opstatus logger: those scrub remembered tokens (issue 11), which would hide the plant.
    logging.getLogger("tests.security.planted").debug("Authorization: Bearer %s", FAKE_TOKEN)
    for record in caplog.records:
        leaky.add("log", record.getMessage())
    leaky.add_exception("error", ValueError(FAKE_SAS))
    leaky.add_continuation_token("token", "opst1." + _b64(json.dumps({"url": f"https://x/?sig={FAKE_SAS}"})))
    where = "\n".join(leaky.leaks())
    assert "log" in where
    assert "error" in where
    assert "token (decoded)" in where
    assert all(fragment for fragment in SECRET_FRAGMENTS)


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
