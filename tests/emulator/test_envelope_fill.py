"""Emulated bodies fit the spec's own models where a lifecycle's error meets stricter schemas.

Azure Batch's node error (``startTaskInfo.failureInfo``) requires a ``category`` the emulator's
``{code, message}`` does not carry, inside a parent whose members (a date-time among them) are required
too; Azure Speech's error codes are an enum that has no ``GatewayError``. ``fill_required`` and
``pointer_envelope`` make such bodies valid instead of turning every emulated failure into a 500.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from opstatus._routes import ErrorEnvelope
from opstatus.emulator._envelope import fill_required, listed_code, pointer_envelope
from pydantic import BaseModel


class _FailureInfo(BaseModel):
    category: Literal["usererror", "servererror"]
    code: str | None = None
    message: str | None = None


class _StartTask(BaseModel):
    state: str
    startTime: datetime
    retryCount: int
    failureInfo: _FailureInfo | None = None


class _Node(BaseModel):
    id: UUID | None = None
    startTaskInfo: _StartTask | None = None


class _SpeechError(BaseModel):
    code: Literal["InvalidRequest", "NotFound", "TooManyRequests"] | None = None
    message: str | None = None


def test_an_error_written_into_an_optional_parent_gets_every_required_member() -> None:
    body = {"startTaskInfo": {"failureInfo": {"code": "OperationFailed", "message": "The operation failed."}}}

    fill_required(_Node, body, code="OperationFailed")

    node = _Node.model_validate(body)
    assert node.startTaskInfo is not None
    assert node.startTaskInfo.failureInfo is not None
    assert node.startTaskInfo.failureInfo.category == "usererror"  # the enum's first member
    assert node.startTaskInfo.failureInfo.code == "OperationFailed"  # what was there stays
    assert node.startTaskInfo.retryCount == 0
    assert node.startTaskInfo.startTime.year == 1970  # a valid date-time, not the code


def test_members_already_present_are_left_alone() -> None:
    body = {"startTaskInfo": {"state": "completed", "startTime": "2024-07-09T10:02:00Z", "retryCount": 2}}

    fill_required(_Node, body, code="X")

    assert body == {
        "startTaskInfo": {"state": "completed", "startTime": "2024-07-09T10:02:00Z", "retryCount": 2}
    }


def test_a_code_the_envelopes_enum_does_not_list_becomes_one_it_does() -> None:
    envelope = ErrorEnvelope(code="/code", message="/message")

    gateway = pointer_envelope(_SpeechError, envelope, code="GatewayError", message="m", request_id="r")
    throttled = pointer_envelope(_SpeechError, envelope, code="toomanyrequests", message="m", request_id="r")
    listed = pointer_envelope(_SpeechError, envelope, code="NotFound", message="m", request_id="r")

    assert gateway == {"code": "InvalidRequest", "message": "m"}
    assert throttled["code"] == "TooManyRequests"
    assert listed["code"] == "NotFound"


class _Wrapped(BaseModel):
    error: _SpeechError


def test_a_wrapped_error_code_is_kept_to_the_enum_too() -> None:
    assert listed_code(_Wrapped, "/error/code", "GatewayError") == "InvalidRequest"
    assert listed_code(_Wrapped, "/error/code", "NotFound") == "NotFound"
    assert listed_code(_SpeechError, "/code", "notfound") == "NotFound"
