"""A client library for accessing Azure Monitor private link scope operation status"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
