"""Errors of the emulator's Python and admin APIs (part of the opstatus error hierarchy)."""

from __future__ import annotations

from opstatus._errors import OpStatusError

__all__ = ["EmulatorError", "InvalidOperationSpecError", "OperationConflictError", "UnknownOperationError"]


class EmulatorError(OpStatusError):
    """Base of the emulator's own errors (the admin API answers them with 4xx)."""

    status_code = 400


class InvalidOperationSpecError(EmulatorError, ValueError):
    """An operation, lifecycle, fault plan or parameter was refused; the message says what and where."""


class UnknownOperationError(EmulatorError, LookupError):
    """No operation with that API and id."""

    status_code = 404


class OperationConflictError(EmulatorError, ValueError):
    """The request conflicts with the operation's state (duplicate id, cancel after the end)."""

    status_code = 409
