"""The package version, in a module of its own: the HTTP layer names it without importing ``opstatus``."""

__version__ = "0.1.0"
