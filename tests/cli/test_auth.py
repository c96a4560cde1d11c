"""Where the token comes from (--token, OPSTATUS_TOKEN, DefaultAzureCredential), and that it never shows."""

from __future__ import annotations

import logging
import sys
import time
from typing import ClassVar

import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError
from opstatus.emulator import EmulatorServer, Lifecycle

from .conftest import FAST, TOKEN, Cli, ids


class FakeDefaultAzureCredential:
    """Stands in for azure-identity's DefaultAzureCredential (which would probe the network)."""

    scopes: ClassVar[list[tuple[str, ...]]] = []
    closed: ClassVar[int] = 0

    def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
        type(self).scopes.append(scopes)
        return AccessToken(TOKEN, int(time.time()) + 3600)

    def close(self) -> None:
        type(self).closed += 1


class SignedOutDefaultAzureCredential:
    def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
        raise ClientAuthenticationError(message="DefaultAzureCredential failed to retrieve a token.")


@pytest.fixture
def no_azure_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the ``azure`` extra were not installed."""
    monkeypatch.setitem(sys.modules, "azure.identity", None)


@pytest.fixture
def emulator_seen_as_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    """The emulator's 127.0.0.1 treated as a remote host, the only way to let DefaultAzureCredential's
    path reach a server in a test (the CLI never tries it for a loopback base URL)."""
    monkeypatch.setattr("opstatus.cli._credentials._loopback", lambda base_url: False)


def test_token_option_is_used(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), "--token", TOKEN, env={})

    assert ran.code == 0


def test_token_option_wins_over_the_environment(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), "--token", TOKEN, env={"OPSTATUS_TOKEN": "wrong-token-value"})

    assert ran.code == 0


def test_environment_variable_is_used(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor")

    assert cli("monitor", "get", *ids(op), env={"OPSTATUS_TOKEN": TOKEN}).code == 0


@pytest.mark.usefixtures("no_azure_identity")
def test_missing_credential_says_what_to_set_in_one_line(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), env={}, base_url=False)  # the real API: no request is sent

    assert ran.code == 5
    assert ran.out == ""
    assert ran.err == (
        "error: CredentialError: no credential: pass --token, set OPSTATUS_TOKEN, or pip install "
        "'opstatus[azure]' and sign in (for example az login) to use DefaultAzureCredential\n"
    )


@pytest.mark.usefixtures("emulator_seen_as_remote")
def test_default_azure_credential_is_used_with_the_apis_scope(
    cli: Cli, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("azure.identity.DefaultAzureCredential", FakeDefaultAzureCredential)
    FakeDefaultAzureCredential.scopes, FakeDefaultAzureCredential.closed = [], 0
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=1))

    ran = cli("graph-billing", "wait", *ids(op), *FAST, env={})

    assert ran.code == 0
    assert FakeDefaultAzureCredential.scopes[0] == ("https://graph.microsoft.com/.default",)
    assert FakeDefaultAzureCredential.closed == 1


@pytest.mark.usefixtures("emulator_seen_as_remote")
def test_a_signed_out_azure_credential_is_exit_5_with_what_to_do(
    cli: Cli, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("azure.identity.DefaultAzureCredential", SignedOutDefaultAzureCredential)
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), env={})

    assert ran.code == 5
    [line] = ran.err.splitlines()
    assert line.startswith("error: CredentialError: SignedOutDefaultAzureCredential")
    assert line.endswith(
        "; pass --token, set OPSTATUS_TOKEN, or sign in for DefaultAzureCredential (for example az login)"
    )


def test_debug_logs_requests_without_the_token(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=Lifecycle.fails(after=1))

    ran = cli("partner-portal", "wait", *ids(op), *FAST, "--debug", "--json", "--token", TOKEN)

    assert ran.code == 1
    assert "debug: opstatus._http: GET http://127.0.0.1" in ran.err
    assert "'authorization': 'REDACTED'" in ran.err
    assert "Traceback" in ran.err  # --debug shows it; the runner checked the token is in none of it


def test_an_empty_token_option_is_a_credential_problem_exit_5_as_the_help_says(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), "--token", " ")

    assert ran.code == 5
    assert ran.err == (
        "error: CredentialError: --token is empty: pass a token, or leave --token out to use OPSTATUS_TOKEN\n"
    )


def test_a_token_pasted_in_the_wrong_place_is_scrubbed_from_the_usage_error(cli: Cli) -> None:
    ran = cli("monitor", "get", "--operation-id", "x", "--timeout", TOKEN, base_url=False)

    assert ran.code == 2
    assert ran.err.endswith("error: UsageError: argument --timeout: not a number of seconds\n")


class ChattyDefaultAzureCredential:
    """Logs the way azure-identity does when every credential in the chain fails, then raises."""

    def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
        log = logging.getLogger("azure.identity._credentials.chained")
        for source in ("EnvironmentCredential", "ManagedIdentityCredential", "AzureCliCredential"):
            log.warning("%s: unavailable", source)
        raise ClientAuthenticationError(message="DefaultAzureCredential failed to retrieve a token.")


@pytest.mark.usefixtures("emulator_seen_as_remote")
def test_azure_identitys_log_lines_stay_silent_so_the_error_is_one_line(
    cli: Cli, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("azure.identity.DefaultAzureCredential", ChattyDefaultAzureCredential)
    op = emulator.create_operation("monitor")

    quiet = cli("monitor", "get", *ids(op), env={})
    debug = cli("monitor", "get", *ids(op), "--debug", env={})

    assert quiet.code == 5
    assert len(quiet.err.splitlines()) == 1
    assert "unavailable" not in quiet.err
    assert "debug: azure.identity._credentials.chained: AzureCliCredential: unavailable" in debug.err
