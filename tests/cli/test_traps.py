"""The command line's first-contact traps, each run as a person meets it: a real process through pipes.

Every test starts ``python -m opstatus`` (itself one of the traps) against an emulator on 127.0.0.1
that accepts any token, so tokens that are ordinary words (``emulator``, ``Running``) can be tried.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping

import pytest
from opstatus.emulator import EmulatedOperation, EmulatorServer, Lifecycle, Phase

from .conftest import ids

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.c2lnbmF0dXJlLWJ5dGVz"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(clock="virtual", tick_per_request=1.0) as server:  # any non-empty token
        yield server


def opstatus(
    *argv: str,
    token: str | None = "emulator",  # noqa: S107 - what a newcomer types for the emulator
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("OPSTATUS_")}
    if token is not None:
        environ["OPSTATUS_TOKEN"] = token
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "opstatus", *argv],
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def finished(emulator: EmulatorServer, api: str) -> EmulatedOperation:
    return emulator.create_operation(api, lifecycle=Lifecycle.succeeds(after=1))


# --- scrubbing never corrupts output; the token is never printed -------------------------------------


def test_a_token_that_is_an_ordinary_word_leaves_a_manifest_location_intact(emulator: EmulatorServer) -> None:
    op = finished(emulator, "graph_billing")

    done = opstatus("graph-billing", "wait", *ids(op), "--manifest", "--interval", "0.05", "--base-url",
                    emulator.base_url, token="path")  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert f".blob.core.windows.net/path/{op.manifest_id}" in done.stdout  # the spec example's location
    assert "/REDACTED/" not in done.stdout


def test_a_token_spelled_like_a_status_leaves_the_json_status_intact(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=(Phase(seconds=100),)))

    done = opstatus("monitor", "get", *ids(op), "--json", "--base-url", emulator.base_url, token="Running")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "Running"


def test_a_short_token_misplaced_on_the_command_line_is_not_echoed() -> None:
    done = opstatus("--token", "abc", "monitor", "get", "--operation-id", "x", "--timeout", "abc", token=None)

    assert done.returncode == 2
    assert done.stderr.endswith("error: UsageError: argument --timeout: not a number of seconds\n")
    assert "'abc'" not in done.stderr


def test_a_jwt_in_a_service_message_is_scrubbed_whatever_the_given_token(emulator: EmulatorServer) -> None:
    done = opstatus(
        "graph-billing", "get", "--operation-id", f"Bearer {JWT}", "--base-url", emulator.base_url
    )

    assert done.returncode == 5
    assert done.stderr.startswith("error: BadRequest: The value 'Bearer REDACTED' of segment")  # echoed
    assert JWT not in done.stderr + done.stdout
    assert "Bearer REDACTED" in done.stderr


# --- credentials ------------------------------------------------------------------------------------


def test_no_token_for_the_emulator_is_one_line_and_never_asks_azure(emulator: EmulatorServer) -> None:
    op = finished(emulator, "monitor")

    done = opstatus("monitor", "get", *ids(op), "--base-url", emulator.base_url, token=None)

    assert done.returncode == 5
    assert done.stderr == (
        f"error: CredentialError: no token for {emulator.base_url}/: pass --token or set OPSTATUS_TOKEN "
        "(the emulator accepts any non-empty token unless started with --token)\n"
    )


# --- errors that say what to do ----------------------------------------------------------------------


def test_https_to_the_plain_http_emulator_says_to_use_http(emulator: EmulatorServer) -> None:
    origin = emulator.base_url.replace("http://", "https://")

    done = opstatus("graph-billing", "get", "--operation-id", "x", "--base-url", origin)

    assert done.returncode == 5
    line, *details = done.stderr.splitlines()
    assert line.startswith("error: TransportError: ConnectError: ")
    assert line.endswith("; the server speaks plain http; use http:// in --base-url")
    assert any(re.match(r"  url +GET https://127\.0\.0\.1", detail) for detail in details)


def test_a_refused_loopback_port_asks_whether_the_emulator_runs() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again before the command runs: nothing listens

    done = opstatus("monitor", "get", "--subscription-id", "s", "--resource-group", "rg", "--operation-id",
                    "x", "--base-url", f"http://127.0.0.1:{port}")  # fmt: skip

    assert done.returncode == 5
    assert done.stderr.splitlines()[0].endswith(
        f"; nothing listens on 127.0.0.1:{port}: is the emulator running? (opstatus emulator --port {port})"
    )


def test_a_graph_base_url_without_its_version_path_gets_a_hint_on_404(emulator: EmulatorServer) -> None:
    done = opstatus("graph-billing", "get", "--operation-id", "x", "--base-url", emulator.base_url + "/beta")

    assert done.returncode == 5
    assert (
        "this API's paths start with /v1.0: pass the bare origin or ORIGIN/v1.0 as --base-url" in done.stderr
    )


def test_a_refused_id_is_reported_with_the_flag_the_user_typed(emulator: EmulatorServer) -> None:
    done = opstatus("monitor", "get", "--subscription-id", "s", "--resource-group", "rg", "--operation-id",
                    "a/b", "--base-url", emulator.base_url)  # fmt: skip

    assert done.returncode == 2
    assert done.stderr.startswith("error: InvalidParameterError: invalid --operation-id 'a/b'")
    assert "async_operation_id" not in done.stderr


# --- habits from other tools ------------------------------------------------------------------------


def test_bare_opstatus_prints_the_help() -> None:
    done = opstatus(token=None)

    assert done.returncode == 0
    assert done.stdout.startswith("usage: opstatus")
    assert "exit codes:" in done.stdout
    assert "resume" in done.stdout


def test_python_dash_m_opstatus_is_the_command() -> None:
    done = opstatus("--version", token=None)

    assert (done.returncode, done.stdout) == (0, "opstatus 0.1.0\n")


def test_connection_options_may_come_before_the_command(emulator: EmulatorServer) -> None:
    op = finished(emulator, "monitor")

    done = opstatus("--token", "any-token", "--base-url", emulator.base_url, "--json", "monitor", "get",
                    *ids(op), token=None)  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["name"] == op.id


@pytest.mark.parametrize("spelling", ["partner_portal", "partner-portal"])
def test_an_api_is_named_with_underscore_or_dash(emulator: EmulatorServer, spelling: str) -> None:
    op = finished(emulator, "partner_portal")
    url = emulator.url_for(op)

    by_command = opstatus(spelling, "get", *ids(op), "--base-url", emulator.base_url)
    by_option = opstatus("wait-url", url, "--api", spelling, "--interval", "0.05", "--base-url",
                         emulator.base_url)  # fmt: skip

    assert by_command.returncode == 0, by_command.stderr
    assert by_option.returncode == 0, by_option.stderr


def test_the_base_url_can_come_from_the_environment(emulator: EmulatorServer) -> None:
    op = finished(emulator, "graph_billing")

    done = opstatus("graph-billing", "get", *ids(op), env={"OPSTATUS_BASE_URL": emulator.base_url})

    assert done.returncode == 0, done.stderr
    assert f"graph_billing operation {op.id}:" in done.stdout


# --- a wait that stops says how to go on ---------------------------------------------------------------


def test_a_timed_out_wait_prints_the_command_that_resumes_it_and_that_command_works(
    emulator: EmulatorServer,
) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=Lifecycle(phases=(Phase(seconds=12),)))

    first = opstatus("partner-portal", "wait", *ids(op), "--interval", "0.05", "--timeout", "0.2",
                     "--base-url", emulator.base_url)  # fmt: skip
    resume = re.search(r"^to go on waiting: (opstatus resume .+)$", first.stderr, re.MULTILINE)
    assert first.returncode == 3, first.stderr
    assert resume is not None, first.stderr
    command = shlex.split(resume.group(1))
    again = opstatus(*command[1:])

    assert command[3:] == ["--base-url", emulator.base_url, "--interval", "0.05"]
    assert again.returncode == 0, again.stderr
    assert f"partner_portal operation {op.id}: succeeded" in again.stdout


def test_with_json_a_timeout_is_an_error_object_with_the_continuation_token(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.never_finishes())

    done = opstatus("monitor", "wait", *ids(op), "--json", "--quiet", "--interval", "0.05", "--timeout",
                    "0.2", "--base-url", emulator.base_url)  # fmt: skip
    error = json.loads(done.stdout)["error"]

    assert done.returncode == 3
    assert error["code"] == "PollingTimeoutError"
    assert error["exitCode"] == 3
    assert error["continuationToken"].startswith("opst1.")
    assert error["resumeCommand"].startswith(f"opstatus resume {error['continuationToken']} --base-url")
    assert error["resource"]["name"] == op.id


def test_with_json_a_service_error_is_an_error_object_on_stdout(emulator: EmulatorServer) -> None:
    done = opstatus(
        "graph-billing", "get", "--operation-id", "nope", "--json", "--base-url", emulator.base_url
    )
    error = json.loads(done.stdout)["error"]

    assert done.returncode == 5
    assert error["code"] == "itemNotFound"
    assert error["message"] == "The operation 'nope' was not found."
    assert error["exitCode"] == 5
    assert error["requestId"]
    assert error["clientRequestId"]
    assert done.stderr.startswith("error: itemNotFound: The operation 'nope' was not found.; ")
    assert re.search(rf"\n  request id +{error['requestId']}\n", done.stderr)


def test_with_json_a_usage_error_is_an_error_object_on_stdout() -> None:
    done = opstatus("--json", "monitor", "get", "--operation-id", "x")
    error = json.loads(done.stdout)["error"]

    assert done.returncode == 2
    assert error["code"] == "UsageError"
    assert error["exitCode"] == 2
    assert "--subscription-id" in error["message"]


def test_resume_refuses_what_is_not_a_continuation_token() -> None:
    done = opstatus("resume", "not-a-token", "--json")

    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["code"] == "ContinuationTokenError"
    assert done.stderr.startswith("error: ContinuationTokenError: ")
