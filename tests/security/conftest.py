"""The secret scanner: a recognisable fake bearer token and SAS token, and everything that must not show them.

``exposure`` collects what the scenarios produce - ``repr()``/``str()`` of clients, pollers, resources and
errors (with their chained causes, tracebacks and attributes), continuation tokens (decoded too: base64 is
not redaction), CLI output - and, when the test ends, every log record of every logger at DEBUG. Any
occurrence of a secret fails the test, naming where it appeared.
"""

from __future__ import annotations

import base64
import binascii
import logging
import traceback
from collections.abc import Iterator
from typing import Final

import pytest

FAKE_TOKEN: Final = "FAKE-TOKEN-opstatus-issue7-4f1c9d2b7e"
"""The bearer token every scenario uses. Its tail is what the scan looks for (also inside longer text)."""
WRONG_TOKEN: Final = FAKE_TOKEN + "-revoked"
FAKE_SAS: Final = "sv=2022-11-02&sr=c&se=2030-01-01&sp=rl&sig=FAKE-SAS-SIG-9a8b7c6d5e"
"""A SAS token as Graph puts it in a manifest."""
SECRET_FRAGMENTS: Final = ("4f1c9d2b7e", "FAKE-SAS-SIG-9a8b7c6d5e")
"""Unreserved characters only, so percent-encoding or JSON escaping cannot hide them."""
_ERROR_ATTRIBUTES: Final = (
    "body",
    "headers",
    "url",
    "message",
    "code",
    "reason",
    "where",
    "resource",
    "error",
)


class Exposure:
    """Everything a user could see, labelled by where it came from."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def add(self, where: str, text: object) -> None:
        self.texts.append((where, text if isinstance(text, str) else repr(text)))

    def add_object(self, where: str, value: object) -> None:
        if isinstance(value, BaseException):
            self.add_exception(where, value)
            return
        self.add(f"repr({where})", repr(value))
        self.add(f"str({where})", str(value))
        token = getattr(value, "continuation_token", None)
        if callable(token):
            self.add_continuation_token(f"{where}.continuation_token()", token())

    def add_exception(self, where: str, error: BaseException) -> None:
        self.add(f"str({where})", str(error))
        self.add(f"repr({where})", repr(error))
        self.add(f"traceback of {where}", "".join(traceback.format_exception(error)))
        for name in _ERROR_ATTRIBUTES:
            if hasattr(error, name):
                self.add(f"{where}.{name}", repr(getattr(error, name)))
        token = getattr(error, "continuation_token", None)
        if isinstance(token, str):
            self.add_continuation_token(f"{where}.continuation_token", token)

    def add_continuation_token(self, where: str, token: str) -> None:
        self.add(where, token)
        _, _, data = token.partition(".")
        try:
            decoded = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return
        self.add(f"{where} (decoded)", decoded)

    def leaks(self) -> list[str]:
        found = []
        for where, text in self.texts:
            for secret in SECRET_FRAGMENTS:
                at = text.find(secret)
                if at >= 0:
                    found.append(f"{where}: ...{text[max(0, at - 60) : at + len(secret) + 20]!r}...")
        return found

    def assert_clean(self) -> None:
        leaks = self.leaks()
        assert not leaks, "secret shown in:\n" + "\n".join(leaks)


def _record_texts(record: logging.LogRecord) -> list[str]:
    texts = [record.getMessage(), repr(record.args)]
    if record.exc_info and record.exc_info[1] is not None:
        texts.append("".join(traceback.format_exception(record.exc_info[1])))
    if record.exc_text:
        texts.append(record.exc_text)
    return texts


@pytest.fixture
def exposure(caplog: pytest.LogCaptureFixture) -> Iterator[Exposure]:
    """The collector; at the end every DEBUG record of every logger is scanned too."""
    caplog.set_level(logging.DEBUG)
    collected = Exposure()
    yield collected
    for record in caplog.records:
        for text in _record_texts(record):
            collected.add(f"log record {record.name}:{record.levelname}", text)
    collected.assert_clean()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
