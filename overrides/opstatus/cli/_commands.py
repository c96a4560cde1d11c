"""The commands themselves: get, wait, list, wait-url. Written once for the three APIs.

Every command builds the API's public client from the parsed options (auth, ``--base-url``,
``--timeout``, ``--interval``), does one thing with it and prints the result; errors travel up to
``_main`` as exceptions and become one line plus an exit code there.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Mapping
from typing import Any, TextIO
from urllib.parse import urlsplit

import attrs
import httpx

from .._errors import (
    OperationCanceledError,
    OperationFailedError,
    PollingTimeoutError,
    UnsafeUrlError,
)
from .._policy import PollingPolicy
from .._poller import Poller, ProgressCallback
from .._state import OperationState
from .._status import StatusSnapshot
from ._apis import CliApi, api_named
from ._credentials import Auth, resolve_auth
from ._detect import api_for_url
from ._exit import CliError, ExitCode
from ._output import as_json, write_json, write_list, write_manifest, write_report
from ._progress import choose_view

__all__ = ["Io", "run_api_command", "run_wait_url"]


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
        if args.verb == "list":
            return _list(client, api, args, io)
        ids = api.kwargs_from(values, api.ids)
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
                    code="UnsafeUrl",
                    message=f"{exc}; pass --base-url with the URL's origin if you trust it",
                    exit_code=ExitCode.USAGE,
                ) from exc
            return poller

        return _wait(client, make_poller, label=f"{api.key} operation {segment}", args=args, io=io)


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
    waited = time.monotonic() - started
    if poller.snapshot is not None:
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


def _list(client: Any, api: CliApi, args: argparse.Namespace, io: Io) -> int:
    scope = api.kwargs_from(vars(args), api.scope)
    items = client.list_operations(**scope, filtered_status="running" if args.running else None)
    if args.json:
        write_json(io.stdout, [as_json(item) for item in items])
    else:
        where = "/".join(scope.values())
        write_list(
            io.stdout, items, header=f"{api.key} operations on {where}{' (running)' if args.running else ''}"
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
    """The final report or JSON; with ``--manifest`` (Graph) also the manifest of a succeeded export."""
    want_manifest = bool(getattr(args, "manifest", False))
    manifest = (
        client.get_manifest_for(resource)
        if want_manifest and snapshot.state is OperationState.SUCCEEDED
        else None
    )
    if args.json:
        document = as_json(resource)
        write_json(
            io.stdout, {"operation": document, "manifest": as_json(manifest)} if want_manifest else document
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
        self._auth: Auth = resolve_auth(token=args.token, environ=io.environ)
        kwargs: dict[str, Any] = self._auth.client_kwargs()
        base_url = _base_url(api, args.base_url)
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


def _base_url(api: CliApi, given: str | None) -> str | None:
    """``--base-url`` as the client wants it; a bare origin gets the API's own base path."""
    if given is None:
        return None
    try:
        url = httpx.URL(given)
    except httpx.InvalidURL as exc:
        raise CliError(
            code="InvalidBaseUrl",
            message=f"--base-url {given!r} is not a URL: {exc}",
            exit_code=ExitCode.USAGE,
        ) from None
    if url.path in ("", "/"):
        url = url.copy_with(path=api.default_base_path() or "/")
    return str(url)
