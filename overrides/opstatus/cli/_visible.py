"""Server text is data: the one sanitiser between what the network said and the user's terminal.

A status value, an error code or message, a step name, a 429 body: any of it may carry ESC ``[2J``
(clear the screen), OSC 0 (set the window title), OSC 8 (a hyperlink), BEL, a backspace, the 8-bit CSI
U+009B, or a bidi override (U+202E) that makes ``deb`` read as ``bed``. A terminal obeys them, so the
command never writes them raw: like git's "sideband: mask control characters" (CVE-2024-52005), every
such character is rendered visibly, in Python's escape notation, ``\\x1b[2J`` for ESC ``[2J``.

What is masked (:data:`UNSAFE`): every C0 and C1 control and DEL (Unicode ``Cc``), every format
character (``Cf``: bidi embeddings, overrides and isolates, zero-width spaces, the BOM, invisible tag
characters) except the zero-width joiner and non-joiner that emoji and several scripts need, the line
and paragraph separators (``Zl``, ``Zp``) and lone surrogates (which could not even be encoded). That is
the set of Python 3.11's Unicode 14 tables (a test checks it against the running Python's), plus the
Egyptian hieroglyph format controls Unicode 15 completes.

Where it is applied (the CLI's output edge, nowhere else):

* :func:`visible`: every field a human-readable line takes from the network (progress lines, the
  report, the ``error:`` line, each cell of the live display), newlines included, so a server cannot
  forge a line of its own either;
* the output streams (``_scrub.ScrubbingStream``) run :func:`visible` over everything written,
  keeping only the newline the command itself ends lines with: a backstop for any path nobody
  foresaw (``--debug`` log records, tracebacks quoting a message). The live display draws with its
  own escape sequences, so it writes to an unmasked view of the stream and masks each cell instead;
* :func:`json_text`: ``--json`` keeps every value exact for the script reading it, but writes each of
  these characters as a JSON ``\\uXXXX`` escape, never raw (``json`` already does so for C0).

Rich markup in server text (``[red]``) is not a control sequence: the live display puts text in
``rich.text.Text`` cells, which never parse markup, and plain output never goes through rich.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = ["UNSAFE", "json_text", "visible"]

_RANGES: Final = (
    "\x00-\x1f\x7f-\x9f\xad"
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)

UNSAFE: Final = re.compile(f"[{_RANGES}]")
"""One character a terminal may obey or hide (see the module docstring)."""

_UNSAFE_BUT_NEWLINE: Final = re.compile(f"(?!\n)[{_RANGES}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON spells a character beyond the BMP as its UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every :data:`UNSAFE` character written as its escape (``\\x1b``, ``\\u202e``).

    ``keep_newlines`` leaves ``\\n`` alone: for whole lines the command built itself (the stream
    backstop), never for a single field a server sent.
    """
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else UNSAFE
    return pattern.sub(_escaped, text)


def json_text(document: Any) -> str:
    """``document`` as indented JSON (non-ASCII kept readable) with every unsafe character escaped.

    A JSON string can only hold these characters inside string values, where ``\\uXXXX`` is the same
    value to any JSON reader: the document is unchanged for a script, and inert on a terminal.
    """
    text = json.dumps(document, indent=2, default=str, ensure_ascii=False)
    return _UNSAFE_BUT_NEWLINE.sub(_json_escaped, text)
