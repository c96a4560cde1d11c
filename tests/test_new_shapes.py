"""Real Microsoft APIs of new shapes are each one spec file: the proof, in a copy of the checkout.

tests/fixtures/new_shapes/ holds an Azure DevOps ``Operations - Get`` (an optional ``pluginId`` query
parameter, a bearer scope in app-id GUID form, a flat error envelope marked ``x-opstatus-error-envelope``,
an ``ActivityId`` request id marked ``x-opstatus-request-id``, a uuid operation id, an ``allOf`` model
with properties of its own) and an Azure AI Document Intelligence ``analyzeResults`` status (an apiKey
scheme in ``Ocp-Apim-Subscription-Key``, a server variable ``endpoint``, ``apim-request-id``, a uuid
result id), and a shape fixture ``export_jobs`` (integer, number, boolean and array query parameters,
an operation list declaring ``security: []``, a declared ``Operation-Location``). Three more, written the
same way as held-out checks (tests/fixtures/new_shapes/*.yaml say where from): Azure AI Translator's
batch status (an optional header parameter beside the key, seven statuses, a nested summary), Azure
Speech's batch transcription (an API key and no token scheme at all, a ``region`` server variable, a
flat envelope whose codes are an enum) and an Azure Batch compute node (OData ``$select`` and request
headers, a uuid ``request-id``, Batch's ``{code, message: {value}}`` envelope, an error object that
requires more than code and message). All are dropped into ``specs/`` of a temporary copy of the
checkout and generated there;
child processes with that copy on their path then check, against the emulator over 127.0.0.1, that the
clients send every parameter and credential, read the declared request id and error code, that the
command line has every flag, and that ``mypy --strict`` accepts user code importing ``opstatus.<key>``.
No line outside specs/ is added for any of them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "new_shapes"
PLUGIN = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
KEY = "di-key-0123456789abcdef"
TOKEN = "devops-token-0123456789"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout with both fixture specs added to specs/, regenerated."""
    copy = tmp_path_factory.mktemp("checkout")
    for part in ("specs", "generator", "overrides"):
        shutil.copytree(
            ROOT / part,
            copy / part,
            symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__", "_generated"),
        )
    (copy / "overrides" / "opstatus" / "_generated").symlink_to(Path("..") / ".." / "generated")
    for spec in FIXTURES.glob("*.yaml"):
        shutil.copy(spec, copy / "specs" / spec.name)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return copy


def _run(checkout: Path, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPSTATUS_", "PYTHONPATH"))}
    env["PYTHONPATH"] = str(checkout / "overrides")
    return subprocess.run(
        [sys.executable, *argv],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _script(checkout: Path, body: str) -> dict[str, Any]:
    prelude = f"""
        import asyncio, io, json, opstatus
        from opstatus.emulator import EmulatorServer, Lifecycle
        assert opstatus.__file__.startswith({str(checkout)!r}), opstatus.__file__
        PLUGIN, KEY, TOKEN = {PLUGIN!r}, {KEY!r}, {TOKEN!r}
        out = {{}}
    """
    code = textwrap.dedent(prelude) + textwrap.dedent(body) + "\nprint(json.dumps(out))\n"
    done = _run(checkout, "-c", code)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_each_new_api_is_generated_with_its_typed_import_path(checkout: Path) -> None:
    public = checkout / "generated" / "_public"

    assert {"devops_operations.py", "devops_operations.pyi", "document_intelligence.pyi"} <= {
        path.name for path in public.iterdir()
    }
    assert (
        '"DocumentIntelligenceClient": "document_intelligence"'
        in (checkout / "generated" / "__init__.py").read_text()
    )


def test_the_devops_client_sends_the_query_parameter_and_reads_the_flat_envelope(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.devops_operations import Operation, OperationStatus
        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("devops_operations", lifecycle=Lifecycle.succeeds(after=10))
            org = op.params["organization"]
            base = emu.base_urls["devops_operations"]
            with opstatus.DevopsOperationsClient(
                token=TOKEN, base_url=base, clock=emu.now, sleep=emu.sleep
            ) as client:
                first = client.get_operation(organization=org, operation_id=op.id, plugin_id=PLUGIN)
                done = client.wait(organization=org, operation_id=op.id, plugin_id=PLUGIN, timeout=600)
                try:
                    missing = "00000000-0000-4000-8000-000000000001"
                    client.get_operation(organization=org, operation_id=missing)
                except opstatus.NotFoundError as exc:
                    logged = emu.requests(api="devops_operations")[-1].request_id
                    out["error"] = [exc.code, exc.request_id, logged]
                try:
                    client.get_operation(organization=org, operation_id="not-a-uuid")
                except opstatus.InvalidParameterError as exc:
                    out["refused"] = str(exc)
            import httpx
            url = emu.url_for(op)
            bad = httpx.get(url + "&pluginId=not-a-uuid", headers={"Authorization": "Bearer " + TOKEN})
            out["bad_query"] = [bad.status_code, bad.json()]
            requests = emu.requests(api="devops_operations")
            out["first"] = [type(first).__name__, isinstance(first, Operation), str(first.status)]
            out["done"] = done.status is OperationStatus.SUCCEEDED
            out["queries"] = [r.query for r in requests if r.status == 200]
            out["auth"] = sorted({r.header("authorization") for r in requests})
            out["scope"] = opstatus.DevopsOperationsClient._API.table.default_scope
            unlisted = OperationStatus("paused")  # the status enum is open: a new value reads UNKNOWN
            out["unlisted"] = [unlisted.value, unlisted.is_known]
        """,
    )

    assert out["first"][:2] == ["Operation", True]
    assert out["done"] is True
    queries = out["queries"]
    assert len(queries) >= 2
    assert all(f"pluginId={PLUGIN}" in query for query in queries)
    assert all("api-version=7.1" in query for query in queries)
    assert out["auth"] == ["REDACTED"]  # the token was sent (and the emulator's log never shows it)
    code, request_id, logged = out["error"]
    assert code == "NotFound"  # read at /typeKey
    assert request_id == logged  # read from ActivityId
    assert "must be a UUID" in str(out["refused"])
    status, body = out["bad_query"]  # the emulator checks the query's format, answers in the flat envelope
    assert status == 400
    assert body["typeKey"] == "BadRequest"
    assert "pluginId" in body["message"]
    assert {"typeName", "errorCode", "eventId"} <= set(body)  # required members filled, not a 500
    assert out["scope"] == "499b84ac-1321-427f-aa17-267ca6975798/.default"
    assert out["unlisted"] == ["paused", False]


def test_the_document_intelligence_client_sends_its_api_key_and_reads_apim_request_id(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.document_intelligence import AnalyzeOperation, DocumentIntelligenceClient

        class KeyCredential:  # what azure-core's AzureKeyCredential looks like
            def __init__(self, key): self.key = key

        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("document_intelligence", lifecycle=Lifecycle.succeeds(after=10))
            model = op.params["modelId"]
            base = emu.base_urls["document_intelligence"]
            for key in (KEY, lambda: KEY, KeyCredential(KEY)):
                with DocumentIntelligenceClient(
                    api_key=key, base_url=base, clock=emu.now, sleep=emu.sleep
                ) as c:
                    out.setdefault("reads", []).append(
                        type(c.get_analyze_result(model_id=model, result_id=op.id)).__name__
                    )
                    out.setdefault("repr", repr(c))  # the first: api_key= a string
            async def wait_async():
                async with opstatus.AsyncDocumentIntelligenceClient(
                    api_key=KEY, base_url=base, clock=emu.now, sleep=emu.async_sleep
                ) as c:
                    return await c.wait(model_id=model, result_id=op.id, timeout=600)
            out["waited"] = str(asyncio.run(wait_async()).status)
            with DocumentIntelligenceClient(base_url=base) as anonymous:
                try:
                    anonymous.get_analyze_result(model_id=model, result_id=op.id)
                except opstatus.AuthenticationError as exc:
                    out["no_key"] = [exc.status_code, exc.code, exc.request_id, KEY in str(exc)]
            requests = emu.requests(api="document_intelligence")
            out["keys"] = sorted({r.header("ocp-apim-subscription-key") or "" for r in requests})
            out["last_request_id"] = requests[-1].request_id
            try:
                DocumentIntelligenceClient(token="t" * 20, api_key=KEY)
            except TypeError as exc:
                out["both_refused"] = str(exc)
        out["endpoint"] = DocumentIntelligenceClient(endpoint="myres.cognitiveservices.azure.com").base_url
        out["default"] = DocumentIntelligenceClient().base_url
        out["override"] = DocumentIntelligenceClient(endpoint="x.example", base_url="https://y.example").base_url
        try:
            DocumentIntelligenceClient(endpoint="evil.example/steal?")
        except opstatus.InvalidParameterError as exc:
            out["bad_endpoint"] = str(exc)
        """,
    )

    assert out["reads"] == ["AnalyzeOperation"] * 3
    assert KEY not in out["repr"]
    assert "ApiKeyAuth(header='Ocp-Apim-Subscription-Key', api_key=<str REDACTED>)" in out["repr"]
    assert out["waited"] == "succeeded"
    assert out["keys"] == ["", "REDACTED"]  # sent by every keyed read, never logged
    status, code, request_id, shows_key = out["no_key"]
    assert status == 401
    assert code == "Unauthorized"
    assert request_id == out["last_request_id"]  # read from apim-request-id
    assert shows_key is False
    assert out["both_refused"] == "pass api_key= or credential=/token=, not both"
    assert out["endpoint"] == "https://myres.cognitiveservices.azure.com/documentintelligence"
    assert out["default"] == "https://contoso.cognitiveservices.azure.com/documentintelligence"
    assert out["override"] == "https://y.example"
    assert "invalid endpoint" in str(out["bad_endpoint"])


def test_the_command_line_has_every_flag_and_sends_them(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.cli._main import run
        def cli(*argv, env=None):
            stdout, stderr = io.StringIO(), io.StringIO()
            code = run(list(argv), stdout=stdout, stderr=stderr, environ=env or {})
            return [code, stdout.getvalue(), stderr.getvalue()]
        out["devops_help"] = cli("devops-operations", "get", "--help")[1]
        out["di_help"] = cli("document-intelligence", "wait", "--help")[1]
        with EmulatorServer() as emu:
            dev = emu.create_operation("devops_operations", lifecycle=Lifecycle.succeeds(after=0))
            di = emu.create_operation("document_intelligence", lifecycle=Lifecycle.succeeds(after=0))
            origin = emu.base_urls["devops_operations"]
            out["devops"] = cli(
                "devops-operations", "get", "--organization", dev.params["organization"],
                "--operation-id", dev.id, "--plugin-id", PLUGIN, "--base-url", origin, "--json",
                env={"OPSTATUS_TOKEN": TOKEN},
            )
            out["di"] = cli(
                "document-intelligence", "get", "--model-id", di.params["modelId"], "--result-id", di.id,
                "--base-url", emu.base_urls["document_intelligence"], "--api-key", KEY, "--json",
            )
            out["di_env"] = cli(
                "document-intelligence", "get", "--model-id", di.params["modelId"], "--result-id", di.id,
                "--base-url", emu.base_urls["document_intelligence"], env={"OPSTATUS_API_KEY": KEY},
            )
            out["queries"] = [r.query for r in emu.requests(api="devops_operations")]
            logged = emu.requests(api="document_intelligence")
            out["keys"] = [r.header("ocp-apim-subscription-key") for r in logged]
        """,
    )

    for flag in ("--organization", "--operation-id", "--plugin-id"):
        assert flag in str(out["devops_help"])
    for flag in ("--model-id", "--result-id", "--endpoint", "--api-key"):
        assert flag in str(out["di_help"])
    devops, di, di_env = out["devops"], out["di"], out["di_env"]
    assert devops[0] == 0, devops[2]
    assert json.loads(devops[1])["id"]
    assert all(f"pluginId={PLUGIN}" in query for query in out["queries"])
    assert di[0] == 0, di[2]
    assert json.loads(di[1])["status"]
    assert di_env[0] == 0, di_env[2]
    assert out["keys"] == ["REDACTED", "REDACTED"]
    assert KEY not in "".join(str(part) for part in (*di, *di_env))


def test_the_command_line_sends_query_and_header_flags_and_api_keys_alone(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.cli._main import run
        def cli(*argv, env=None):
            stdout, stderr = io.StringIO(), io.StringIO()
            code = run(list(argv), stdout=stdout, stderr=stderr, environ=env or {})
            return [code, stdout.getvalue(), stderr.getvalue()]
        out["batch_help"] = cli("batch-nodes", "wait", "--help")[1]
        out["speech_help"] = cli("speech-transcriptions", "get", "--help")[1]
        with EmulatorServer() as emu:
            node = emu.create_operation("batch_nodes", lifecycle=Lifecycle.succeeds(after=0))
            talk = emu.create_operation("speech_transcriptions", lifecycle=Lifecycle.succeeds(after=0))
            out["batch"] = cli(
                "batch-nodes", "wait", "--pool-id", node.params["poolId"], "--node-id", node.id,
                "--select", "id,state", "--if-none-match", "b", "--base-url", emu.base_urls["batch_nodes"],
                env={"OPSTATUS_TOKEN": TOKEN},
            )
            out["speech"] = cli(
                "speech-transcriptions", "get", "--transcription-id", talk.id,
                "--base-url", emu.base_urls["speech_transcriptions"], "--json", env={"OPSTATUS_API_KEY": KEY},
            )
            out["speech_token"] = cli(
                "speech-transcriptions", "get", "--transcription-id", talk.id,
                "--base-url", emu.base_urls["speech_transcriptions"], env={"OPSTATUS_TOKEN": TOKEN},
            )
            reads = emu.requests(api="batch_nodes")
            out["batch_reads"] = [[r.query, r.header("if-none-match")] for r in reads]
            reads = emu.requests(api="speech_transcriptions")
            out["speech_keys"] = [r.header("ocp-apim-subscription-key") for r in reads]
        """,
    )

    for flag in (
        "--pool-id",
        "--node-id",
        "--select",
        "--client-request-id",
        "--ocp-date",
        "--if-match",
        "--batch-url",
    ):
        assert flag in str(out["batch_help"])
    for flag in ("--transcription-id", "--region", "--api-key"):
        assert flag in str(out["speech_help"])
    assert out["batch"][0] == 0, out["batch"][2]
    assert out["batch_reads"]
    assert all(
        read == ["api-version=2024-07-01.20.0&%24select=id%2Cstate", "b"] for read in out["batch_reads"]
    )
    assert out["speech"][0] == 0, out["speech"][2]
    assert json.loads(out["speech"][1])["status"] == "Succeeded"
    assert out["speech_token"][0] != 0  # a token is no API key: refused before anything is sent
    assert "--api-key" in out["speech_token"][2]
    assert out["speech_keys"] == ["REDACTED"]
    assert KEY not in "".join(str(part) for part in (*out["speech"], *out["speech_token"]))


def test_the_translator_client_sends_its_key_and_its_header_parameter(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.translator_batches import TranslationStatus, TranslatorBatchesClient
        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("translator_batches", lifecycle=Lifecycle.succeeds(after=10))
            failed = emu.create_operation("translator_batches", lifecycle=Lifecycle.fails(after=0))
            base = emu.base_urls["translator_batches"]
            with TranslatorBatchesClient(api_key=KEY, base_url=base, clock=emu.now, sleep=emu.sleep) as c:
                first = c.get_translation_status(job_id=op.id, ocp_apim_subscription_region="westus2")
                done = c.wait(job_id=op.id, ocp_apim_subscription_region="westus2", timeout=600)
                try:
                    c.wait(job_id=failed.id, timeout=600)
                except opstatus.OperationFailedError as exc:
                    out["failed"] = [exc.error.code if exc.error else None, exc.raw_status]
                try:
                    c.get_translation_status(job_id=op.id, ocp_apim_subscription_region="West US")
                except opstatus.BadRequestError as exc:  # the emulator checks the header's pattern
                    out["bad_region"] = [exc.status_code, exc.code]
            out["first"] = [type(first).__name__, first.summary.total, str(first.status)]
            out["done"] = str(done.status)
            reads = emu.requests(api="translator_batches")
            out["sent"] = sorted(
                {(r.header("ocp-apim-subscription-key"), r.header("ocp-apim-subscription-region"))
                 for r in reads if r.status == 200 and r.path.endswith(op.id)}
            )
        out["endpoint"] = TranslatorBatchesClient(endpoint="myres.cognitiveservices.azure.com").base_url
        """,
    )

    assert out["first"] == ["TranslationStatus", 10, "Running"]
    assert out["done"] == "Succeeded"
    assert out["sent"] == [["REDACTED", "westus2"]]  # the key and the header on every read
    assert out["failed"] == ["OperationFailed", "Failed"]
    assert out["bad_region"] == [400, "BadRequest"]
    assert out["endpoint"] == "https://myres.cognitiveservices.azure.com/translator/document"


def test_the_batch_client_sends_its_query_and_headers_and_reads_the_flat_error(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.batch_nodes import BatchNodesClient, ComputeNode
        CRID = "9c4d50ee-2d56-4cd3-8152-34347dc9f2b0"
        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("batch_nodes", lifecycle=Lifecycle.succeeds(after=10))
            failed = emu.create_operation("batch_nodes", lifecycle=Lifecycle.fails(after=0))
            pool = op.params["poolId"]
            with BatchNodesClient(
                token=TOKEN, base_url=emu.base_urls["batch_nodes"], clock=emu.now, sleep=emu.sleep
            ) as c:
                first = c.get_node(
                    pool_id=pool, node_id=op.id, select="id,state", client_request_id=CRID,
                    ocp_date="Tue, 09 Jul 2024 10:00:00 GMT", if_match="a", if_none_match="b",
                )
                done = c.wait(pool_id=pool, node_id=op.id, select="id,state", timeout=600)
                c.get_node(pool_id=pool, node_id=op.id, server_timeout=20, return_client_request_id=True)
                typed = emu.requests(api="batch_nodes")[-1]
                out["typed"] = [typed.query, typed.header("return-client-request-id")]
                try:
                    c.wait(pool_id=pool, node_id=failed.id, timeout=600)
                except opstatus.OperationFailedError as exc:
                    out["failed"] = [exc.error.code if exc.error else None, exc.raw_status]
                try:
                    c.get_node(pool_id=pool, node_id="nosuchnode")
                except opstatus.NotFoundError as exc:
                    logged = emu.requests(api="batch_nodes")[-1].request_id
                    out["error"] = [exc.code, "was not found" in str(exc), exc.request_id == logged]
                try:
                    c.get_node(pool_id=pool, node_id=op.id, client_request_id="not-a-uuid")
                except opstatus.InvalidParameterError as exc:
                    out["refused"] = str(exc)
            out["first"] = [isinstance(first, ComputeNode), first.state.value if first.state else None]
            out["done"] = done.state.value if done.state else None
            out["reads"] = [
                [r.query, r.header("client-request-id"), r.header("ocp-date"), r.header("if-match"),
                 r.header("if-none-match"), r.header("authorization")]
                for r in emu.requests(api="batch_nodes") if r.path.endswith(op.id) and r.status == 200
            ][:2]
        out["scope"] = BatchNodesClient._API.table.default_scope
        out["url"] = BatchNodesClient(batch_url="acct.eastus.batch.azure.com").base_url
        """,
    )

    assert out["first"] == [True, "starting"]
    assert out["done"] == "idle"
    first, second = out["reads"]
    query = "api-version=2024-07-01.20.0&%24select=id%2Cstate"
    assert first == [
        query,
        "9c4d50ee-2d56-4cd3-8152-34347dc9f2b0",
        "Tue, 09 Jul 2024 10:00:00 GMT",
        "a",
        "b",
        "REDACTED",
    ]
    assert second == [query, None, None, None, None, "REDACTED"]  # wait() sends what it was given
    assert out["failed"] == ["OperationFailed", "starttaskfailed"]  # the error inside startTaskInfo
    assert out["error"] == ["NotFound", True, True]  # code at /code, message at /message/value, request-id
    assert "must be a UUID" in str(out["refused"])
    assert out["typed"] == ["api-version=2024-07-01.20.0&timeout=20", "true"]  # int query, bool header
    assert out["scope"] == "https://batch.core.windows.net//.default"
    assert out["url"] == "https://acct.eastus.batch.azure.com"


def test_the_speech_client_takes_an_api_key_only_and_keeps_its_error_codes(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        import httpx
        from opstatus.emulator import FaultKind, FaultPlan
        from opstatus.speech_transcriptions import SpeechTranscriptionsClient, Transcription
        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("speech_transcriptions", lifecycle=Lifecycle.succeeds(after=10))
            base = emu.base_urls["speech_transcriptions"]
            with SpeechTranscriptionsClient(api_key=KEY, base_url=base, clock=emu.now, sleep=emu.sleep) as c:
                done = c.wait(transcription_id=op.id, timeout=600)
                try:
                    c.get_transcription(transcription_id="00000000-0000-4000-8000-000000000001")
                except opstatus.NotFoundError as exc:
                    logged = emu.requests(api="speech_transcriptions")[-1].request_id
                    out["error"] = [exc.code, exc.request_id == logged]
            odd = emu.create_operation(
                "speech_transcriptions",
                lifecycle=Lifecycle.succeeds(after=0),
                faults=FaultPlan(script=(FaultKind.ODD_STATUS,)),
            )
            answer = httpx.get(emu.url_for(odd), headers={"Ocp-Apim-Subscription-Key": KEY})
            out["odd"] = [answer.status_code, answer.json()["code"]]
            bearer = httpx.get(emu.url_for(op), headers={"Authorization": "Bearer " + TOKEN})
            out["bearer"] = [bearer.status_code, bearer.json()["message"]]
            from opstatus.pytest_plugin import client_options  # the plugin's opstatus_clients use these
            with SpeechTranscriptionsClient(
                **client_options(emu, "speech_transcriptions", asynchronous=False)
            ) as plugged:
                out["plugin"] = str(plugged.get_transcription(transcription_id=op.id).status)
            try:
                SpeechTranscriptionsClient(token="t" * 20)
            except TypeError as exc:
                out["token"] = str(exc)
        out["done"] = [isinstance(done, Transcription), str(done.status)]
        out["region"] = SpeechTranscriptionsClient(region="westeurope").base_url
        """,
    )

    assert out["done"] == [True, "Succeeded"]
    assert out["error"] == ["NotFound", True]  # flat {code, message}, request id from apim-request-id
    status, code = out["odd"]
    assert status >= 400
    assert code in {"InvalidRequest", "InternalServerError", "ServiceUnavailable"}  # a member of ErrorCode
    assert "takes an API key" in str(out["token"])
    assert out["bearer"] == [401, "No Ocp-Apim-Subscription-Key header was sent."]
    assert out["plugin"] == "Succeeded"  # the pytest plugin hands an API-key-only API its key
    assert out["region"] == "https://westeurope.api.cognitive.microsoft.com/speechtotext/v3.2"


def test_user_code_importing_the_new_models_passes_mypy_strict(checkout: Path, tmp_path: Path) -> None:
    user = tmp_path / "user_code.py"
    user.write_text(
        textwrap.dedent(
            """
            from opstatus.devops_operations import DevopsOperationsClient, Operation
            from opstatus.batch_nodes import BatchNodesClient, ComputeNode
            from opstatus.document_intelligence import AnalyzeOperation, DocumentIntelligenceClient
            from opstatus.speech_transcriptions import SpeechTranscriptionsClient, Transcription
            from opstatus.translator_batches import StatusSummary, TranslationStatus, TranslatorBatchesClient


            def describe(operation: Operation, analysis: AnalyzeOperation) -> str:
                message: str | None = operation.detailed_message
                return f"{operation.status.value} {message} {analysis.status.value}"


            def read(client: DocumentIntelligenceClient, devops: DevopsOperationsClient) -> str:
                analysis = client.get_analyze_result(model_id="prebuilt-layout", result_id="x")
                operation = devops.get_operation(organization="o", operation_id="x", plugin_id=None)
                return describe(operation, analysis)


            def more(b: BatchNodesClient, s: SpeechTranscriptionsClient, t: TranslatorBatchesClient) -> str:
                node: ComputeNode = b.get_node(pool_id="p", node_id="n", select="id,state", if_match=None)
                transcription: Transcription = s.get_transcription(transcription_id="x")
                job: TranslationStatus = t.get_translation_status(
                    job_id="j", ocp_apim_subscription_region="westus2"
                )
                summary: StatusSummary = job.summary
                return f"{node.state} {transcription.display_name} {summary.total}"
            """
        )
    )
    bad = tmp_path / "bad_code.py"
    bad.write_text(
        "from opstatus.devops_operations import Operation\n"
        "from opstatus.translator_batches import TranslationStatus\n\n"
        "x: int = Operation.from_dict({}).url\n"
        "y: str = TranslationStatus.from_dict({}).summary.total\n"
    )

    good = _run(checkout, "-m", "mypy", "--strict", "--no-incremental", str(user), timeout=300)
    wrong = _run(checkout, "-m", "mypy", "--strict", "--no-incremental", str(bad), timeout=300)

    assert good.returncode == 0, good.stdout + good.stderr
    assert wrong.returncode == 1, wrong.stdout
    assert "str | None" in wrong.stdout  # the model is typed, not Any
    assert 'expression has type "int", variable has type "str"' in wrong.stdout


def test_the_export_client_sends_typed_parameters_and_each_operations_credential(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        import httpx
        from opstatus.export_jobs import ExportJobsClient
        with EmulatorServer(clock="virtual") as emu:
            op = emu.create_operation("export_jobs", lifecycle=Lifecycle.succeeds(after=10))
            base = emu.base_urls["export_jobs"]
            with ExportJobsClient(token=TOKEN, base_url=base, clock=emu.now, sleep=emu.sleep) as client:
                client.get_export(export_id=op.id, include_details=True, select=["id", "status"])
                client.list_exports(top=5, min_percent=0.5, tag=["a", "b c"])
                done = client.wait(export_id=op.id, include_details=False, timeout=600)
                refused = {}
                for name, value in (("top", 0), ("top", True), ("min_percent", 101.0), ("tag", "ab")):
                    try:
                        client.list_exports(**{name: value})
                    except opstatus.InvalidParameterError as exc:
                        refused[name + "=" + repr(value)] = [exc.name, exc.reason]
                try:
                    client.get_export(export_id=op.id, select=["nope"])
                except opstatus.InvalidParameterError as exc:
                    refused["select"] = [exc.name, exc.reason]
            with ExportJobsClient(base_url=base) as anonymous:  # the list declares security: []
                out["anonymous_list"] = len(anonymous.list_exports())
                try:
                    anonymous.get_export(export_id=op.id)
                except opstatus.AuthenticationError as exc:
                    out["anonymous_status"] = exc.status_code
            sent = [[r.status, r.path.count("/"), r.query, r.header("authorization")]
                    for r in emu.requests(api="export_jobs")]
            bearer = {"Authorization": "Bearer " + TOKEN}
            out["emulator"] = {
                query: httpx.get(base + "/exports?api-version=2025-01-01&" + query).status_code
                for query in ("$top=0", "$top=x", "tag=a&tag=", "minPercent=-1", "$top=100&tag=a&tag=b")
            }
            out["emulator"]["includeDetails=yes"] = httpx.get(
                emu.url_for(op) + "&includeDetails=yes", headers=bearer
            ).status_code
            out["emulator"]["$select=id,bogus"] = httpx.get(
                emu.url_for(op) + "&$select=id,bogus", headers=bearer
            ).status_code
        out["done"] = str(done.status)
        out["sent"] = sent
        out["refused"] = refused

        moved = "1d7c7e3e-6f3c-4c71-9a8f-1e0b7c6d5a42"
        seen = []
        def handler(request):
            seen.append(request.url.path)
            if moved in request.url.path:
                return httpx.Response(200, json={"id": moved, "status": "Succeeded"})
            return httpx.Response(200, json={"id": op.id, "status": "Running"}, headers={
                "Operation-Location": f"https://exports.example.com/exports/{moved}?api-version=2025-01-01"})
        with ExportJobsClient(token=TOKEN, transport=httpx.MockTransport(handler), sleep=lambda s: None) as c:
            out["moved"] = [str(c.wait(export_id=op.id, timeout=60).status), seen, op.id]

        hosts = []
        def elsewhere(request):  # a hostile answer: the next read named on another host
            hosts.append(request.url.host)
            return httpx.Response(200, json={"id": op.id, "status": "Running"}, headers={
                "Operation-Location": f"https://collector.example.net/exports/{moved}"})
        hostile = httpx.MockTransport(elsewhere)
        with ExportJobsClient(token=TOKEN, transport=hostile, sleep=lambda s: None) as c:
            try:
                c.wait(export_id=op.id, timeout=60)
            except opstatus.UnsafeUrlError as exc:
                out["elsewhere"] = [type(exc).__name__, sorted(set(hosts)), TOKEN in str(exc)]
        """,
    )

    assert out["done"] == "Succeeded"
    sent = out["sent"]
    status_reads = [query for _status, depth, query, _auth in sent if depth == 2]
    assert status_reads[0] == "api-version=2025-01-01&includeDetails=true&%24select=id%2Cstatus"
    assert all(query.endswith("includeDetails=false") for query in status_reads[1:-1])
    lists = [(status, query, auth) for status, depth, query, auth in sent if depth == 1]
    assert lists[0] == (200, "api-version=2025-01-01&%24top=5&minPercent=0.5&tag=a&tag=b+c", None)
    assert lists[1] == (200, "api-version=2025-01-01", None)  # no credential sent where none is declared
    assert {auth for _status, depth, _query, auth in sent if depth == 2} == {"REDACTED", None}
    assert out["anonymous_list"] == 1
    assert out["anonymous_status"] == 401
    assert out["refused"] == {
        "top=0": ["top", "must be at least 1"],
        "top=True": ["top", "must be an int"],
        "min_percent=101.0": ["min_percent", "must be at most 100"],
        "tag='ab'": ["tag", "must be a list of strings"],
        "select": ["select", "must be one of 'id', 'status', 'percentComplete', 'error'"],
    }
    assert out["emulator"] == {
        "$top=0": 400,
        "$top=x": 400,
        "tag=a&tag=": 400,
        "minPercent=-1": 400,
        "$top=100&tag=a&tag=b": 200,
        "includeDetails=yes": 400,
        "$select=id,bogus": 400,
    }
    status, seen, first = out["moved"]
    assert status == "Succeeded"
    assert seen == [
        f"/exports/{first}",
        "/exports/1d7c7e3e-6f3c-4c71-9a8f-1e0b7c6d5a42",
    ]  # Operation-Location
    # ... and never a URL on another host: the wait stops there, the token is not sent elsewhere.
    assert out["elsewhere"] == ["UnsafeUrlError", ["exports.example.com"], False]


def test_the_command_line_types_the_export_flags_and_lists_without_a_credential(checkout: Path) -> None:
    out = _script(
        checkout,
        """
        from opstatus.cli._main import run
        def cli(*argv, env=None):
            stdout, stderr = io.StringIO(), io.StringIO()
            code = run(list(argv), stdout=stdout, stderr=stderr, environ=env or {})
            return [int(code), stdout.getvalue(), stderr.getvalue()]
        out["help"] = cli("export-jobs", "get", "--help")[1]
        with EmulatorServer() as emu:
            op = emu.create_operation("export_jobs", lifecycle=Lifecycle.succeeds(after=0))
            base = emu.base_urls["export_jobs"]
            token = {"OPSTATUS_TOKEN": TOKEN}
            out["list"] = cli("export-jobs", "list", "--top", "5", "--tag", "a", "--tag", "b",
                              "--min-percent", "0.5", "--base-url", base, "--json")
            out["get"] = cli("export-jobs", "get", "--export-id", op.id, "--include-details",
                             "--select", "id", "--select", "status", "--base-url", base, "--json", env=token)
            out["no"] = cli("export-jobs", "get", "--export-id", op.id, "--no-include-details",
                            "--base-url", base, env=token)
            out["not_int"] = cli("export-jobs", "list", "--top", "x", "--base-url", base)
            out["too_small"] = cli("export-jobs", "list", "--top", "0", "--base-url", base)
            out["sent"] = [[r.query, r.header("authorization")] for r in emu.requests(api="export_jobs")]
        """,
    )

    assert "--include-details, --no-include-details" in out["help"]
    assert "--select VALUE" in out["help"]
    listed, got, no = out["list"], out["get"], out["no"]
    assert listed[0] == 0, listed[2]
    assert json.loads(listed[1])[0]["status"] == "Succeeded"
    assert got[0] == 0, got[2]
    assert no[0] == 0, no[2]
    assert out["sent"] == [
        ["api-version=2025-01-01&%24top=5&minPercent=0.5&tag=a&tag=b", None],
        ["api-version=2025-01-01&includeDetails=true&%24select=id%2Cstatus", "REDACTED"],
        ["api-version=2025-01-01&includeDetails=false", "REDACTED"],
    ]
    assert out["not_int"][0] == 2
    assert "'x' is not an integer" in out["not_int"][2]
    assert out["too_small"][0] == 2
    assert "invalid --top '0': must be at least 1" in out["too_small"][2]


def test_user_code_gets_typed_keywords_for_non_string_parameters(checkout: Path, tmp_path: Path) -> None:
    good = tmp_path / "good_code.py"
    good.write_text(
        textwrap.dedent(
            """
            from opstatus.export_jobs import Export, ExportJobsClient


            def read(client: ExportJobsClient) -> list[Export]:
                client.get_export(export_id="x", include_details=True, select=["id"])
                return client.list_exports(top=5, min_percent=0.5, tag=["a"])
            """
        )
    )
    bad = tmp_path / "bad_code.py"
    bad.write_text(
        "from opstatus.export_jobs import ExportJobsClient\n\n"
        "def read(client: ExportJobsClient) -> None:\n"
        "    client.list_exports(top='5', tag='a')\n"
    )

    checked = _run(checkout, "-m", "mypy", "--strict", "--no-incremental", str(good), timeout=300)
    wrong = _run(checkout, "-m", "mypy", "--strict", "--no-incremental", str(bad), timeout=300)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert wrong.returncode == 1, wrong.stdout
    assert (
        'Argument "top" to "list_exports" of "ExportJobsClient" has incompatible type "str"' in wrong.stdout
    )
    assert 'expected "int | None"' in wrong.stdout
    assert 'expected "list[str] | None"' in wrong.stdout  # tag: a bare string is not a list
