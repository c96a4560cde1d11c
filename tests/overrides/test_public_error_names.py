"""Errors speak the public names (issue 23, row 5): ``opstatus.TransportError`` in a traceback, no internal
``PollingTimeout:`` prefix, and every label the command line prints documented in the README's errors."""

from __future__ import annotations

import pickle
import re
import traceback
from pathlib import Path

import opstatus
import pytest
from opstatus import _errors

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = list(_errors.__all__)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_error_class_reports_the_opstatus_module(name: str) -> None:
    cls = getattr(_errors, name)
    assert cls.__module__ == "opstatus"
    assert getattr(opstatus, name) is cls  # so pickle and "opstatus.X" find it


def test_a_traceback_names_the_public_class() -> None:
    try:
        raise opstatus.TransportError("connection refused")
    except opstatus.TransportError as exc:
        text = "".join(traceback.format_exception(exc))
    assert "opstatus.TransportError: connection refused" in text
    assert "_errors" not in text.splitlines()[-1]


def test_errors_still_pickle_by_their_public_name() -> None:
    error = opstatus.NotFoundError(status_code=404, code="NotFound", message="no such operation")
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(again) is opstatus.NotFoundError
    assert str(again) == str(error)


def test_polling_timeout_text_does_not_start_with_an_internal_label() -> None:
    error = opstatus.PollingTimeoutError(
        timeout=30,
        elapsed=30.04,
        last_state=opstatus.OperationState.RUNNING,
        last_raw_status="InProgress",
        resource=None,
        continuation_token="opst1.x",
    )
    assert (
        str(error) == "operation not finished after 30.0s (timeout 30s, last status 'InProgress' -> running)"
    )
    assert not str(error).startswith("PollingTimeout")


def _cli_labels() -> set[str]:
    """Every label the command line raises under its own name (``CliError(code="...")``)."""
    found: set[str] = set()
    for path in (ROOT / "overrides" / "opstatus" / "cli").glob("*.py"):
        found |= set(re.findall(r'code="([A-Za-z]+)"', path.read_text()))
    return found - {"PrivateLinkScopeValidationFailed"}  # the demo's scripted service error, not a label


def _readme_errors_section() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("### Errors")
    return readme[start : readme.index("\n## ", start)]


def test_every_label_of_the_command_line_is_documented_in_the_readmes_errors() -> None:
    section = _readme_errors_section()
    labels = _cli_labels() | {"KeyboardInterrupt", "OperationFailed", "OperationCanceled"}
    assert "UsageError" in labels  # the scan finds the labels at all
    missing = sorted(label for label in labels if f"`{label}`" not in section)
    assert missing == []


def test_every_public_error_class_is_in_the_readmes_errors() -> None:
    section = _readme_errors_section()
    missing = sorted(
        name
        for name in PUBLIC
        if name != "OperationError" and f"`{name}`" not in section and f"`opstatus.{name}`" not in section
    )
    assert missing == []
