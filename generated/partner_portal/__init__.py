"""A client library for accessing Cloud Partner Portal operations"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
