"""A client library for accessing Microsoft Graph partner billing operations"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
