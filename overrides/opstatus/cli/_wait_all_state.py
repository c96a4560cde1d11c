"""``wait-all --state STATE_FILE``: the journal that lets a killed ``wait-all`` go on where it stopped.

Why a journal: a run over 5,000 operations may be killed (``kill -9``, an OOM kill, a CI runner's
timeout) with most of them still running; running the same command again with the same STATE_FILE waits
only on those that had not ended, from their continuation tokens, and waits on none twice.

The file is JSON lines, written only by this module:

* line 1, the header: ``{"opstatus": "wait-all-state", "version": 1, "lines": N, "inputs": SHA}``,
  ``SHA`` being the SHA-256 of the input lines (so a file is never applied to other input);
* one line per operation, by its input line's index ``i`` (0-based, blank and comment lines not
  counted): ``{"i": 3, "token": "opst1..."}`` while it is waiting (its continuation token from
  :meth:`AsyncOperationSet.continuation_tokens`), ``{"i": 3, "exitCode": 1}`` once it has ended.
  Which outcomes are an end is the command's choice (``_wait_all``: a timeout is not, so a timed-out
  operation keeps its last token here).

How it is written, and what survives a kill:

* the whole file is rewritten atomically (a temporary file beside it, fsync, ``os.replace``) when
  the run starts, every ``--state-interval`` seconds while operations wait (a token may change: an
  ARM ``Location`` URL that answered 202 says so in it), and when the run ends or is stopped: a
  reader sees the old file or the new one, never a mix. The periodic rewrite runs on a worker thread
  from a snapshot taken on the event loop, so reads go on while it writes; ``_wait_all_journal``
  says how a completion appended meanwhile reaches the new file before the rename;
* each completion is also appended as one ``exitCode`` line (one ``write``, flushed) right after its
  outcome is printed, with nothing awaited between the two: a later line for the same ``i``
  overrides an earlier one, and a last line cut short by a kill is ignored. A process killed with
  SIGKILL loses nothing the kernel was given, so a completion is lost from the file only if the kill
  lands between the print and the append; that operation is then waited on again and printed a
  second time. The order is chosen so: an outcome may be printed twice, never not at all. A power
  loss can take the appends made since the last rewrite, with the same effect.

What it never holds: a bearer token, an API key, a header, a server's text. A continuation token is
the API, the status URL and two numbers (``opstatus._continuation``). The file is created ``0600``.

A file that is not such a journal, is damaged, or was written for other input lines is a usage
error (exit 2) naming the file and what is wrong; a missing or empty file starts a new journal.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from .._continuation import MAX_TOKEN_CHARS
from .._errors import ContinuationTokenError
from ._commands import api_of_token
from ._exit import CliError, ExitCode
from ._wait_all_journal import JournalWriter

__all__ = ["DEFAULT_INTERVAL", "StateFile"]

FORMAT: Final = "wait-all-state"
VERSION: Final = 1
DEFAULT_INTERVAL: Final = 5.0
"""Seconds between two rewrites of the whole file while operations are waiting."""
_TOKEN_PREFIX: Final = "opst"  # noqa: S105 - the continuation token version prefix, not a secret
_ENDINGS: Final = frozenset(code for code in ExitCode if code is not ExitCode.INTERRUPTED)


class StateFile:
    """The journal of one ``wait-all`` input: what ended (and how) and the tokens of what waits."""

    def __init__(
        self, path: Path, lines: Sequence[str], *, interval: float, clock: Callable[[], float]
    ) -> None:
        self.path = path
        self._fingerprint = _fingerprint(lines)
        self._count = len(lines)
        self._interval = interval
        self._clock = clock
        self._saved_at = -float("inf")
        self._writer = JournalWriter(path)
        self.ended: dict[int, ExitCode] = {}
        """Index -> outcome of every operation that ended, in this run or an earlier one."""
        self.tokens: dict[int, str] = {}
        """Index -> continuation token of each operation an earlier run left waiting."""

    @classmethod
    def open(
        cls,
        path: str,
        lines: Sequence[str],
        *,
        interval: float = DEFAULT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> StateFile:
        """Read ``path`` (if it holds anything) for these input ``lines``; usage error when it cannot be."""
        if not interval > 0:
            raise _usage(f"--state-interval must be > 0 seconds, got {interval:g}")
        state = cls(Path(path), lines, interval=interval, clock=clock)
        try:
            text = state.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return state
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or exc
            raise _usage(f"cannot read the state file {path}: {why}") from None
        if text.strip():
            state._load(text)
        return state

    # --- reading --------------------------------------------------------------------------------------

    def _load(self, text: str) -> None:
        records = text.split("\n")
        torn = not text.endswith("\n")  # the last append may have been cut short by a kill
        header = self._record(records[0], 1)
        if header.get("opstatus") != FORMAT or header.get("version") != VERSION:
            raise self._damaged("it is not a wait-all state file (its first line is not the header)")
        if header.get("lines") != self._count or header.get("inputs") != self._fingerprint:
            raise _usage(
                f"the state file {self.path} was written for other input lines "
                f"({header.get('lines')!r} of them, not these {self._count}): give the same lines, "
                "or another --state file"
            )
        for number, raw in enumerate(records[1:], start=2):
            if not raw.strip():
                continue
            try:
                record = self._record(raw, number)
            except CliError:
                if torn and number == len(records):
                    break  # a cut-short append: that completion is waited on again
                raise
            self._apply(record, number)

    def _record(self, raw: str, number: int) -> dict[str, Any]:
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError):
            raise self._damaged(f"line {number} is not JSON") from None
        if not isinstance(record, dict):
            raise self._damaged(f"line {number} is not a JSON object")
        return record

    def _apply(self, record: dict[str, Any], number: int) -> None:
        index = record.get("i")
        if type(index) is not int or not 0 <= index < self._count:
            raise self._damaged(f"line {number}: 'i' is not the index of an input line")
        token, code = record.get("token"), record.get("exitCode")
        if isinstance(token, str) and code is None:
            if not token.startswith(_TOKEN_PREFIX) or len(token) > MAX_TOKEN_CHARS:
                raise self._damaged(f"line {number}: 'token' is not a continuation token")
            try:
                api_of_token(token)
            except ContinuationTokenError as exc:
                raise self._damaged(f"line {number}: 'token' is not a continuation token ({exc})") from None
            self.tokens[index] = token
            self.ended.pop(index, None)
        elif type(code) is int and code in {int(known) for known in _ENDINGS} and token is None:
            self.ended[index] = ExitCode(code)
            self.tokens.pop(index, None)
        else:
            raise self._damaged(f"line {number} holds neither a 'token' nor an 'exitCode'")

    def _damaged(self, why: str) -> CliError:
        return _usage(
            f"the state file {self.path} is damaged: {why}; delete it to start over (operations it "
            "recorded as ended would be waited on again)"
        )

    # --- writing --------------------------------------------------------------------------------------

    def record_end(self, index: int, code: ExitCode) -> None:
        """Append that operation ``index`` ended with ``code`` (one write, flushed before returning)."""
        self.ended[index] = code
        self.tokens.pop(index, None)
        self._writer.append(json.dumps({"i": index, "exitCode": int(code)}) + "\n")

    def save_if_due(self, tokens: Callable[[], Mapping[int, str]]) -> None:
        """On the event loop, a few times a second: when ``--state-interval`` seconds passed since the
        last rewrite began and none is still running, take the snapshot now (``tokens()`` and two list
        copies) and rewrite the file on a worker thread (``_wait_all_journal``). Raises the failure of
        the previous background rewrite."""
        if self._writer.busy or self._clock() - self._saved_at < self._interval:
            return
        if self._writer.start_rewrite(lambda: self._snapshot(tokens())):
            self._saved_at = self._clock()

    def save(self, tokens: Mapping[int, str]) -> None:
        """Rewrite the whole file atomically, on this thread (at the start and the end of a run): the
        header, every ended operation, the waiting ones' tokens."""
        self._writer.rewrite(self._snapshot(tokens))
        self._saved_at = self._clock()

    def _snapshot(self, tokens: Mapping[int, str]) -> Callable[[], str]:
        """What the file says now, copied (cheap, on the loop); the returned callable makes its text
        (serialising: the costly part, on whichever thread writes)."""
        self.tokens.update({index: token for index, token in tokens.items() if index not in self.ended})
        header = {"opstatus": FORMAT, "version": VERSION, "lines": self._count, "inputs": self._fingerprint}
        ended, waiting = list(self.ended.items()), list(self.tokens.items())

        def render() -> str:
            body = [json.dumps(header)]
            body += [json.dumps({"i": index, "exitCode": int(code)}) for index, code in sorted(ended)]
            body += [json.dumps({"i": index, "token": token}) for index, token in sorted(waiting)]
            return "\n".join(body) + "\n"

        return render

    @property
    def rewriting(self) -> bool:
        """True while a rewrite started by :meth:`save_if_due` is still being written."""
        return self._writer.busy

    def close(self) -> None:
        """Wait (bounded) for a rewrite in flight, then close the file: a valid journal stays."""
        self._writer.close()


def _fingerprint(lines: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def _usage(message: str) -> CliError:
    return CliError(code="UsageError", message=message, exit_code=ExitCode.USAGE)
