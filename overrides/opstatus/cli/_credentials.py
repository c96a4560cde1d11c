"""Where the command line's bearer token comes from, in the order a person expects.

1. ``--token`` (visible in ``ps`` and shell history: fine for the emulator, not for real tokens);
2. the ``OPSTATUS_TOKEN`` environment variable;
3. azure-identity's ``DefaultAzureCredential`` (environment, workload or managed identity, Azure CLI
   sign-in...) when the ``azure`` extra is installed; imported only here, only when needed. Never
   for a loopback base URL (the emulator): no Azure token belongs there, and asking for one would
   only probe the network and print azure-identity's many lines before ours.

None of them: one clear line that says what to set, exit code 5 (like any other auth problem).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from .._urls import is_loopback
from ._exit import CliError, ExitCode

__all__ = ["API_KEY_ENV", "BASE_URL_ENV", "TOKEN_ENV", "Auth", "resolve_api_key", "resolve_auth"]

TOKEN_ENV = "OPSTATUS_TOKEN"  # noqa: S105 - the variable's name, not a token
API_KEY_ENV = "OPSTATUS_API_KEY"
"""The default of ``--api-key``, for an API whose spec declares an apiKey scheme."""
BASE_URL_ENV = "OPSTATUS_BASE_URL"
"""The default of ``--base-url`` (e.g. the emulator's origin for a whole shell session)."""

MISSING_CREDENTIAL = (
    f"no credential: pass --token, set {TOKEN_ENV}, or pip install 'opstatus[azure]' and sign in "
    "(for example az login) to use DefaultAzureCredential"
)


@attrs.frozen(kw_only=True)
class Auth:
    """What to hand a client: ``token=`` or ``credential=``, and the token text to keep out of output."""

    token: str | None = attrs.field(default=None, repr=False)
    credential: Any = None
    api_key: str | None = attrs.field(default=None, repr=False)
    source: str

    def client_kwargs(self) -> dict[str, Any]:
        if self.api_key is not None:
            return {"api_key": self.api_key}
        if self.token is not None:
            return {"token": self.token}
        return {"credential": self.credential}

    @property
    def secrets(self) -> tuple[str, ...]:
        """Strings that must never be printed (the CLI scrubs its output for them)."""
        return tuple(secret for secret in (self.token, self.api_key) if secret)

    def close(self) -> None:
        close = getattr(self.credential, "close", None)
        if callable(close):
            close()


def resolve_auth(*, token: str | None, environ: Mapping[str, str], base_url: str | None = None) -> Auth:
    """The first source that gives something; raises :class:`CliError` (exit 5) when none does."""
    if token is not None:
        if not token.strip():
            raise CliError(  # a credential problem, exit 5 as `opstatus --help` says, like a missing one
                code="CredentialError",
                message=f"--token is empty: pass a token, or leave --token out to use {TOKEN_ENV}",
                exit_code=ExitCode.UNREADABLE,
            )
        return Auth(token=token, source="--token")
    from_env = environ.get(TOKEN_ENV, "")
    if from_env.strip():
        return Auth(token=from_env, source=TOKEN_ENV)
    if base_url is not None and _loopback(base_url):
        raise CliError(
            code="CredentialError",
            message=f"no token for {base_url}: pass --token or set {TOKEN_ENV} "
            "(the emulator accepts any non-empty token unless started with --token)",
            exit_code=ExitCode.UNREADABLE,
        )
    try:
        identity = importlib.import_module("azure.identity")
    except ImportError:
        raise CliError(
            code="CredentialError", message=MISSING_CREDENTIAL, exit_code=ExitCode.UNREADABLE
        ) from None
    return Auth(credential=identity.DefaultAzureCredential(), source="DefaultAzureCredential")


def resolve_api_key(*, api_key: str | None, environ: Mapping[str, str]) -> Auth | None:
    """``--api-key``, else ``$OPSTATUS_API_KEY``, for an API that takes one; None when neither is given."""
    if api_key is not None:
        if not api_key.strip():
            raise CliError(code="CredentialError", message="--api-key is empty", exit_code=ExitCode.USAGE)
        return Auth(api_key=api_key, source="--api-key")
    from_env = environ.get(API_KEY_ENV, "")
    return Auth(api_key=from_env, source=API_KEY_ENV) if from_env.strip() else None


def _loopback(base_url: str) -> bool:
    try:
        return is_loopback(httpx.URL(base_url).host)
    except httpx.InvalidURL:
        return False
