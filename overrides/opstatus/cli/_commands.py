"""The commands themselves: get, wait, list, wait-url, resume. Written once for the three APIs.

Every command builds the API's public client from the parsed options (auth, ``--base-url``,
``--timeout``, ``--interval``), does one thing with it and prints the result; errors travel up to
``_main`` as exceptions and become one line plus an exit code there. A wait that times out or is
interrupted hands its continuation token up with the error, so ``_main`` can print the ``opstatus
resume`` command that goes on where it stopped.
"""

from __future__ import annotations

import argparse
import shlex
import time
from collections.abc import Callable, Mapping
from typing import Any, TextIO
from urllib.parse import urlsplit

import attrs
import httpx

from .._continuation import decode as decode_continuation_token
from .._errors import (
    ContinuationTokenError,
    OperationCanceledError,
    OperationFailedError,
    PollingTimeoutError,
    UnsafeUrlError,
)
from .._policy import PollingPolicy
from .._poller import Poller, ProgressCallback
from .._state import OperationState
from .._status import StatusSnapshot
from ._apis import CliApi, api_named, apis
from ._credentials import API_KEY_ENV, Auth, resolve_api_key, resolve_auth
from ._detect import api_for_url
from ._exit import CliError, ExitCode, StoppedWaiting
from ._output import as_json, write_json, write_list, write_manifest, write_report
from ._progress import choose_view

__all__ = [
    "Io",
    "api_of",
    "effective_base_url",
    "resume_command",
    "run_api_command",
    "run_resume",
    "run_wait_url",
]


@attrs.frozen(kw_only=True)
class Io:
    """Where a command writes and what environment it reads (injected by tests)."""

    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str]


def run_api_command(args: argparse.Namespace, io: Io) -> int:
    """``opstatus <api> get|wait|list ...``."""
    api = api_named(args.api)
    values = vars(args)
    with _Session(api, args, io, waiting=args.verb == "wait") as client:
        if args.verb not in ("get", "wait"):
            return _route(client, api, args, io)
        ids = api.kwargs_from(values, (*api.ids, *api.options))
        label = f"{api.key} operation {ids[api.operation.kwarg]}"
        if args.verb == "get":
            return _get(client, ids, label=label, args=args, io=io)

        def make_poller(on_progress: ProgressCallback) -> Poller[Any]:
            poller: Poller[Any] = client.poller(**ids, on_progress=on_progress)
            return poller

        return _wait(client, make_poller, label=label, args=args, io=io)


def run_wait_url(args: argparse.Namespace, io: Io) -> int:
    """``opstatus wait-url URL [--api ...]``: wait for a status URL a service handed back.

    Without ``--api`` the API is read from the URL (``_detect``); any ARM URL goes to ``ArmClient``.
    """
    api = api_for_url(args.url, args.api)
    segment = urlsplit(args.url).path.rstrip("/").rpartition("/")[2] or args.url
    with _Session(api, args, io, waiting=True) as client:

        def make_poller(on_progress: ProgressCallback) -> Poller[Any]:
            try:
                poller: Poller[Any] = client.poller_from_url(args.url, on_progress=on_progress)
            except UnsafeUrlError as exc:
                raise CliError(
                    code="UnsafeUrlError",
                    message=f"{exc}; pass --base-url with the URL's origin if you trust it",
                    exit_code=ExitCode.USAGE,
                ) from exc
            return poller

        return _wait(client, make_poller, label=f"{api.key} operation {segment}", args=args, io=io)


def run_resume(args: argparse.Namespace, io: Io) -> int:
    """``opstatus resume TOKEN``: go on waiting where a timed-out or interrupted wait stopped."""
    token: str = args.continuation_token
    api = api_of_token(token)
    url = decode_continuation_token(token, api=api.key).url
    segment = urlsplit(url).path.rstrip("/").rpartition("/")[2] or url
    with _Session(api, args, io, waiting=True) as client:

        def make_poller(on_progress: ProgressCallback) -> Poller[Any]:
            poller: Poller[Any] = client.resume(token, on_progress=on_progress)
            return poller

        return _wait(client, make_poller, label=f"{api.key} operation {segment}", args=args, io=io)


def api_of_token(token: str) -> CliApi:
    """The API a continuation token belongs to; :class:`ContinuationTokenError` when it is none's."""
    error: ContinuationTokenError | None = None
    for api in apis():
        try:
            decode_continuation_token(token, api=api.key)
        except ContinuationTokenError as exc:
            error = error or exc  # the first API's complaint says what is wrong with the token itself
            continue
        return api
    assert error is not None
    raise error


def api_of(args: argparse.Namespace) -> CliApi | None:
    """The API a parsed command talks to, if it names one (for error hints); never raises."""
    try:
        if args.command == "api":
            return api_named(args.api)
        if args.command == "wait-url":
            return api_for_url(args.url, args.api)
        if args.command == "resume":
            return api_of_token(args.continuation_token)
    except (KeyError, ContinuationTokenError, CliError):
        return None
    return None


def resume_command(args: argparse.Namespace, continuation_token: str) -> str:
    """The exact command that goes on waiting: the same base URL and interval, never the token."""
    argv = ["opstatus", "resume", continuation_token]
    if getattr(args, "base_url", None):
        argv += ["--base-url", args.base_url]
    if getattr(args, "interval", None) is not None:
        argv += ["--interval", f"{args.interval:g}"]
    return shlex.join(argv)


# --- the verbs ----------------------------------------------------------------------------------------


def _get(client: Any, ids: Mapping[str, str], *, label: str, args: argparse.Namespace, io: Io) -> int:
    poller: Poller[Any] = client.poller(**ids)
    snapshot = poller.refresh()
    _print_outcome(client, poller.resource, snapshot, label=label, args=args, io=io)
    return ExitCode.SUCCEEDED


def _wait(
    client: Any,
    make_poller: Callable[[ProgressCallback], Poller[Any]],
    *,
    label: str,
    args: argparse.Namespace,
    io: Io,
) -> int:
    # With --json, stdout is for the document alone: progress goes to stderr.
    view = choose_view(
        label=label, stream=io.stderr if args.json else io.stdout, hint_stream=io.stderr, quiet=args.quiet
    )
    poller = make_poller(view.update)
    ending: OperationFailedError | OperationCanceledError | PollingTimeoutError | None = None
    started = time.monotonic()
    try:
        with view:
            poller.result(timeout=args.timeout)
    except (OperationFailedError, OperationCanceledError, PollingTimeoutError) as exc:
        ending = exc
    except KeyboardInterrupt:
        raise StoppedWaiting(poller.continuation_token()) from None
    waited = time.monotonic() - started
    # With --json a timeout's document is the error object (_main), which carries the last resource.
    timed_out_json = args.json and isinstance(ending, PollingTimeoutError)
    if poller.snapshot is not None and not timed_out_json:
        _print_outcome(
            client,
            poller.resource,
            poller.snapshot,
            label=label,
            args=args,
            io=io,
            waited=(waited, poller.requests),
            details=not view.shows_details,
        )
    if ending is not None:
        raise ending
    return ExitCode.SUCCEEDED


def _route(client: Any, api: CliApi, args: argparse.Namespace, io: Io) -> int:
    """A verb of one of the spec's other routes: its options in, its typed answer out."""
    verb = api.route_verb(args.verb)
    values = dict(vars(args))
    running = bool(values.get("running"))
    if running:
        status = next(option for option in verb.options if option.param == "status")
        values[status.dest] = "running"
    kwargs = api.kwargs_from(values, verb.options)
    answer = getattr(client, verb.route.method)(**kwargs)
    if args.json or not verb.lists_operations:
        write_json(
            io.stdout, [as_json(item) for item in answer] if isinstance(answer, list) else as_json(answer)
        )
    else:
        where = "/".join(api.kwargs_from(values, api.scope).values())
        write_list(
            io.stdout, answer, header=f"{api.key} operations on {where}{' (running)' if running else ''}"
        )
    return ExitCode.SUCCEEDED


def _print_outcome(
    client: Any,
    resource: Any,
    snapshot: StatusSnapshot,
    *,
    label: str,
    args: argparse.Namespace,
    io: Io,
    waited: tuple[float, int] | None = None,
    details: bool = True,
) -> None:
    """The final report or JSON; with the API's result flag (Graph: ``--manifest``) also what a succeeded
    operation links to."""
    want_manifest = bool(getattr(args, "result", False))  # only get/wait of an API with a result flag
    api = api_named(args.api) if want_manifest else None
    result_method = api.result_method if api is not None else None
    result_key = (api.result_flag if api is not None and api.result_flag else "--result").removeprefix("--")
    manifest = (
        getattr(client, result_method)(resource)
        if result_method is not None and snapshot.state is OperationState.SUCCEEDED
        else None
    )
    if args.json:
        document = as_json(resource)
        write_json(
            io.stdout, {"operation": document, result_key: as_json(manifest)} if want_manifest else document
        )
        return
    write_report(
        io.stdout,
        label=label,
        snapshot=snapshot,
        waited=waited[0] if waited else None,
        requests=waited[1] if waited else None,
        details=details,
    )
    if manifest is not None:
        write_manifest(io.stdout, manifest)
    elif want_manifest:
        print("  (no manifest: only a succeeded export has one)", file=io.stdout, flush=True)


# --- the client ---------------------------------------------------------------------------------------


class _Session:
    """The API's client built from the options, and the credential it may own; closes both."""

    def __init__(self, api: CliApi, args: argparse.Namespace, io: Io, *, waiting: bool) -> None:
        base_url = _base_url(api, args.base_url)
        self._auth: Auth = _auth_for(api, args, io, base_url)
        kwargs: dict[str, Any] = self._auth.client_kwargs()
        kwargs.update(api.kwargs_from(vars(args), api.server))  # --endpoint and the like
        if base_url is not None:
            kwargs["base_url"] = base_url
        if waiting:
            # --timeout bounds the whole wait (the poller passes what is left to each request).
            if args.interval is not None:
                kwargs["polling"] = PollingPolicy(min_delay=args.interval, max_delay=args.interval)
        elif args.timeout is not None:
            kwargs["timeout"] = args.timeout
        try:
            self._client: Any = api.client_type()(**kwargs)
        except BaseException:
            self._auth.close()
            raise

    def __enter__(self) -> Any:
        return self._client

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._client.close()
        finally:
            self._auth.close()


def _auth_for(api: CliApi, args: argparse.Namespace, io: Io, base_url: str | None) -> Auth:
    """An API key (``--api-key``, ``$OPSTATUS_API_KEY``) for an API that takes one and was given one, else
    the bearer token sources; an API that takes only keys and got none is a credential error (exit 5).
    A verb whose operation declares ``security: []`` needs neither (the client sends none on it)."""
    verb = getattr(args, "verb", None)  # wait-url and resume read the status route
    if verb not in (None, "get", "wait") and not api.route_verb(verb).needs_credential:
        return Auth(source="none (the operation declares security: [])")
    keyed = (
        resolve_api_key(api_key=getattr(args, "api_key", None), environ=io.environ)
        if api.takes_api_key
        else None
    )
    if keyed is not None:
        return keyed
    if not api.takes_token:
        raise CliError(
            code="CredentialError",
            message=f"{api.command} takes an API key: pass --api-key or set {API_KEY_ENV}",
            exit_code=ExitCode.UNREADABLE,
        )
    return resolve_auth(token=args.token, environ=io.environ, base_url=base_url)


def _base_url(api: CliApi, given: str | None) -> str | None:
    """``--base-url`` as the client wants it; a bare origin gets the API's own base path."""
    if given is None:
        return None
    try:
        url = httpx.URL(given)
    except httpx.InvalidURL as exc:
        raise CliError(
            code="UsageError",
            message=f"--base-url {given!r} is not a URL: {exc}",
            exit_code=ExitCode.USAGE,
        ) from None
    if url.path in ("", "/"):
        url = url.copy_with(path=api.default_base_path() or "/")
    return str(url)


def effective_base_url(api: CliApi | None, given: str | None) -> str | None:
    """The ``--base-url`` a command used, completed as the client got it (for error hints), or None."""
    if api is None:
        return given
    try:
        return _base_url(api, given)
    except CliError:
        return None
