"""Defence in depth: the command's stdout and stderr never show the token it was given.

Nothing in opstatus prints a token on purpose (exceptions and log lines are redacted at the source);
this wrapper also catches what nobody foresaw, such as a service that echoes the token in an error
message, or a mistyped option that argparse quotes back. Tokens shorter than
:data:`MIN_SECRET_LENGTH` are not scrubbed (they would mangle ordinary words; real tokens are long).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from .._logging import REDACTED
from ._credentials import TOKEN_ENV

__all__ = ["MIN_SECRET_LENGTH", "ScrubbingStream", "secrets_in"]

MIN_SECRET_LENGTH = 6


def secrets_in(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[str, ...]:
    """The token values a command line may carry: ``--token X``, ``--token=X`` and ``$OPSTATUS_TOKEN``."""
    found = [environ.get(TOKEN_ENV, "")]
    for index, arg in enumerate(argv):
        if arg == "--token" and index + 1 < len(argv):
            found.append(argv[index + 1])
        elif arg.startswith("--token="):
            found.append(arg.removeprefix("--token="))
    return tuple(sorted({s for s in found if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True))


class ScrubbingStream:
    """A text stream that replaces each secret by ``REDACTED`` and forwards everything else.

    It has what ``print``, ``logging``, ``traceback``, ``argparse`` and rich use of a text file.
    """

    def __init__(self, stream: TextIO, secrets: Iterable[str]) -> None:
        self._stream = stream
        self._secrets = tuple(secrets)

    def write(self, text: str) -> int:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        self._stream.write(text)
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    def writable(self) -> bool:
        return True
