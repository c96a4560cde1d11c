"""Defence in depth: what the command prints never carries a token, and never loses a legitimate word.

Nothing in opstatus prints a token on purpose: exceptions and log lines are redacted at the source,
argparse's messages are scrubbed of the given token before they are printed (:func:`scrub_message`),
and the token is never echoed. This stream wrapper catches what nobody foresaw (a service that echoes
the token in an error message) without ever corrupting ordinary output, so it only replaces:

* bearer values and JWTs, whatever token was given (``Bearer <16+ token characters>``,
  ``eyJ<...>.<...>.<...>``): every Microsoft Entra access token is a JWT;
* the token the command was given, where it stands as a whole token (not inside a longer word or
  id) and only when it is at least :data:`MIN_VERBATIM_LENGTH` characters long.

A shorter token (``--token emulator``, ``OPSTATUS_TOKEN=Running``) cannot be told apart from the words
of ordinary output (a host name, a status), so it is not replaced in the output stream: such a value
only works against the emulator, which accepts any token, and it is still kept out of what opstatus
itself prints (argparse errors, logs, exceptions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, TextIO, cast

from .._logging import REDACTED
from ._credentials import API_KEY_ENV, TOKEN_ENV
from ._visible import visible

__all__ = ["MIN_VERBATIM_LENGTH", "ScrubbingStream", "scrub_message", "secrets_in"]

MIN_VERBATIM_LENGTH: Final = 16
"""A given token this long or longer is replaced wherever it stands as a whole token."""

_NEIGHBOUR: Final = r"A-Za-z0-9_\-"
"""Characters that continue a token: the secret is not replaced inside a longer run of them."""

_SHAPED: Final = re.compile(
    r"(?P<bearer>\b[Bb]earer[ \t]+)[A-Za-z0-9\-._~+/]{16,}=*"
    r"|(?:(?<![A-Za-z0-9_\-])|(?<=%[0-9A-Fa-f][0-9A-Fa-f]))eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"
)
"""Token-shaped values: a bearer credential, or a JWT (header ``{"`` base64url-encoded is ``eyJ``),
also right after a percent-encoded character (``Bearer%20eyJ...`` in a URL the error details show)."""


def secrets_in(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[str, ...]:
    """The secrets a command line may carry: ``--token X``, ``--token=X``, ``$OPSTATUS_TOKEN``, and the
    same for API keys (``--api-key``, ``$OPSTATUS_API_KEY``)."""
    found = [environ.get(TOKEN_ENV, ""), environ.get(API_KEY_ENV, "")]
    for index, arg in enumerate(argv):
        for flag in ("--token", "--api-key"):
            if arg == flag and index + 1 < len(argv):
                found.append(argv[index + 1])
            elif arg.startswith(flag + "="):
                found.append(arg.removeprefix(flag + "="))
    return tuple(sorted({s for s in found if s.strip()}, key=len, reverse=True))


def _whole(secret: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_NEIGHBOUR}]){re.escape(secret)}(?![{_NEIGHBOUR}])")


def _shaped(match: re.Match[str]) -> str:
    return (match.group("bearer") or "") + REDACTED


def scrub_message(text: str, secrets: Iterable[str]) -> str:
    """A message that quotes the command line back (argparse's errors): every secret, whatever its
    length, replaced where it stands as a whole token. Safe there, as the message is about argv."""
    text = _SHAPED.sub(_shaped, text)
    for secret in secrets:
        text = _whole(secret).sub(REDACTED, text)
    return text


class ScrubbingStream:
    """A text stream that replaces token-shaped values and the long-enough given tokens, and forwards.

    It also renders every control character but the newline visibly (``_visible``): the backstop
    that keeps server text from driving the terminal whatever path it took. The live display, which
    writes escape sequences of its own, draws on :meth:`unmasked` and masks each cell itself.

    It has what ``print``, ``logging``, ``traceback``, ``argparse`` and rich use of a text file.
    """

    def __init__(self, stream: TextIO, secrets: Iterable[str], *, mask_controls: bool = True) -> None:
        self._stream = stream
        self._secrets = tuple(s for s in secrets if len(s) >= MIN_VERBATIM_LENGTH)
        self._patterns = tuple(_whole(secret) for secret in self._secrets)
        self._mask_controls = mask_controls

    def write(self, text: str) -> int:
        text = _SHAPED.sub(_shaped, text)
        for pattern in self._patterns:
            text = pattern.sub(REDACTED, text)
        if self._mask_controls:
            text = visible(text, keep_newlines=True)
        self._stream.write(text)
        return len(text)

    def unmasked(self) -> ScrubbingStream:
        """The same stream, still scrubbed of secrets, that lets escape sequences through: only for a
        writer that masks every piece of server text itself (the live display)."""
        inner = self._stream
        if isinstance(inner, ScrubbingStream):  # opstatus demo runs commands on its own streams
            inner = cast(TextIO, inner.unmasked())
        return ScrubbingStream(inner, self._secrets, mask_controls=False)

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
