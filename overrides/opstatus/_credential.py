"""The credential protocols the clients' ``credential=`` accepts: azure-core's, structurally.

Any object with azure-core's ``TokenCredential`` shape fits :class:`TokenCredential` (azure-identity's
``DefaultAzureCredential``, ``ClientSecretCredential``, ...), and any with ``AsyncTokenCredential``'s
shape fits :class:`AsyncTokenCredential` (``azure.identity.aio``), without opstatus importing azure-core:
a type checker checks the call, the client checks ``get_token`` at run time with a clear ``TypeError``.
Extra keyword arguments azure-core's ``get_token`` takes (``claims``, ``tenant_id``...) are fine: opstatus
only ever passes the scopes.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["AccessTokenLike", "AsyncTokenCredential", "TokenCredential"]


class AccessTokenLike(Protocol):
    """What ``get_token`` returns: ``azure.core.credentials.AccessToken`` or anything shaped like it."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int:
        """Unix time (seconds) when the token expires; the client asks again before then."""
        ...


class TokenCredential(Protocol):
    """azure-core's sync credential protocol: ``get_token(*scopes) -> AccessToken``."""

    def get_token(self, *scopes: str) -> AccessTokenLike: ...


class AsyncTokenCredential(Protocol):
    """azure-core's async credential protocol: ``await get_token(*scopes) -> AccessToken``."""

    async def get_token(self, *scopes: str) -> AccessTokenLike: ...
