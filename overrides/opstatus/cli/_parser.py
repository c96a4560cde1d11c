"""The ``opstatus`` command line grammar (argparse: the CLI core needs nothing beyond the runtime deps).

Habits a person brings from other tools work: the connection and output options go before the
command or after it (``opstatus --token T monitor get ...``), an API is named with ``-`` or ``_``
(``partner-portal``, ``partner_portal``, also in ``--api``), and a usage error is raised as
:class:`UsageError` instead of exiting, so ``_main`` reports it like any other error (``--json``
included) and scrubs the token out of argparse's echo of the command line.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from typing import Any, Final, NoReturn

from .. import __version__
from .._wire_values import from_text
from ._apis import CliApi, IdOption, apis
from ._credentials import API_KEY_ENV, BASE_URL_ENV, TOKEN_ENV
from ._exit import EXIT_CODES_HELP
from ._wait_all import add_wait_all

__all__ = [
    "EMULATOR_EXAMPLES_HEADER",
    "EMULATOR_ORIGIN",
    "EPILOG",
    "EXAMPLES",
    "SEE_MAIN_HELP",
    "UsageError",
    "build_parser",
    "unknown_options",
]

AUTH_HELP = f"""\
auth (first found wins):
  {"--token TOKEN":<24} a bearer token (visible in ps and shell history: prefer the variable)
  {TOKEN_ENV + "=TOKEN":<24} the same, from the environment
  {"DefaultAzureCredential":<24} with pip install 'opstatus[azure]': environment, managed identity, az login
  A token goes only over https, or plain http to 127.0.0.1/::1/localhost (the emulator).
  For a 127.0.0.1/::1/localhost --base-url, DefaultAzureCredential is never tried.

environment:
  {TOKEN_ENV:<24} the bearer token (see auth)
  {BASE_URL_ENV:<24} the default of --base-url, e.g. http://127.0.0.1:7357 for the emulator"""

EMULATOR_ORIGIN = "http://127.0.0.1:7357"
"""The emulator's default origin, as the examples use it (``opstatus emulator`` listens there)."""

_QUICKSTART_IDS = {  # the first operation `opstatus emulator --demo` creates has these ids every run
    "subscription": "613192d7-503f-477a-9cfe-4efc3ee2bd60",
    "group": "MyResourceGroup",
    "operation": "713192d7-503f-477a-9cfe-4efc3ee2bd11",
}

EMULATOR_EXAMPLES_HEADER = (
    "examples, against the emulator (start it in another shell: opstatus emulator --demo):"
)

EXAMPLES = f"""\
{EMULATOR_EXAMPLES_HEADER}
  export {TOKEN_ENV}=emulator {BASE_URL_ENV}={EMULATOR_ORIGIN}
  opstatus monitor wait --subscription-id {_QUICKSTART_IDS["subscription"]} \\
      --resource-group {_QUICKSTART_IDS["group"]} --operation-id {_QUICKSTART_IDS["operation"]}
  opstatus monitor get --subscription-id {_QUICKSTART_IDS["subscription"]} \\
      --resource-group {_QUICKSTART_IDS["group"]} --operation-id {_QUICKSTART_IDS["operation"]} --json
  opstatus partner-portal list --publisher-id contoso --offer-id contoso-offer
  opstatus wait-url "{EMULATOR_ORIGIN}/subscriptions/{_QUICKSTART_IDS["subscription"]}/resourceGroups/\\
{_QUICKSTART_IDS["group"]}/providers/microsoft.insights/privateLinkScopeOperationStatuses/\\
{_QUICKSTART_IDS["operation"]}?api-version=2019-10-17-preview"

examples, against Azure (az login first, and pip install 'opstatus[azure]'):
  opstatus graph-billing wait --operation-id ID --manifest --json
  opstatus wait-url "$STATUS_URL"
      STATUS_URL is the Azure-AsyncOperation (or Location) response header of the PUT, POST or DELETE
      that started the operation: az rest --verbose ... prints the response headers on stderr, and an
      SDK's begin_* call has them on its initial response
  opstatus resume opst1.eyJ...   (the command a wait that timed out or was stopped prints)

  opstatus demo   (needs no emulator running: one operation per API, each waited for as above)"""

EPILOG = f"""\
{EXIT_CODES_HELP}

{AUTH_HELP}

{EXAMPLES}"""
"""The top-level help's epilog: exit codes, auth and examples are explained here, once."""

SEE_MAIN_HELP = "exit codes, auth, environment and examples: opstatus --help"
"""Every other command's epilog points to the one place that explains them."""

_FORMATTER = argparse.RawDescriptionHelpFormatter


class UsageError(Exception):
    """Bad arguments (exit 2), raised instead of argparse's print-and-exit; ``usage`` is the usage line."""

    def __init__(self, message: str, *, usage: str) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """argparse with its errors raised (see :class:`UsageError`); subparsers inherit the class.

    A usage error never quotes a value from the command line (a token pasted after a mistyped
    ``--tokn`` would be printed in the clear): argparse's messages that do are reworded to name the
    option or the argument only.
    """

    def error(self, message: str) -> NoReturn:
        raise UsageError(_without_values(message), usage=self.format_usage())

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(action, f"invalid choice (choose from {choices})")


_EXPLICIT = re.compile(r"(?P<option>-[^\s=]+)=\S*")


def _without_values(message: str) -> str:
    """argparse's message with what it quotes of the command line's values left out."""
    message = re.sub(r": ignored explicit argument .*$", ": takes no value", message)
    message = re.sub(r"invalid (\S+) value: .*$", r"invalid \1 value", message)
    if message.startswith("ambiguous option: "):
        message = _EXPLICIT.sub(r"\g<option>", message)
    return message


def unknown_options(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """The ``--options`` in ``argv`` that no command knows (nor abbreviates), named without a value."""
    known = _option_strings(parser)
    found = []
    for arg in argv:
        if arg == "--":
            break
        if not arg.startswith("--"):
            continue
        name = arg.partition("=")[0]
        if not any(option.startswith(name) for option in known) and name not in found:
            found.append(name)
    return found


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    options: set[str] = set()
    for action in parser._actions:
        options.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                options |= _option_strings(child)
    return options


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number of seconds") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError("must be a positive, finite number of seconds")
    return value


def _common_options(*, top_level: bool = False, token: bool = True, api_key: bool = True) -> _Parser:
    """The connection and output options. The top-level parser holds their defaults; a command's copy
    leaves an option it did not see unset (``SUPPRESS``), so a value given before the command stays.

    An API's commands offer a credential flag only where its routes take that credential (``token``,
    ``api_key``): ``--api-key`` is no use to a token-only API, nor ``--token`` to a key-only one.
    """
    common = _Parser(add_help=False)
    group = common.add_argument_group("connection and output")
    default: dict[str, Any] = {} if top_level else {"default": argparse.SUPPRESS}
    if token:
        group.add_argument(
            "--token", metavar="TOKEN", help=f"bearer token (default: ${TOKEN_ENV}, then Azure)", **default
        )
    if api_key:
        group.add_argument(
            "--api-key",
            metavar="KEY",
            help=f"API key where the spec takes one (${API_KEY_ENV})",
            **default,
        )
    group.add_argument(
        "--base-url",
        metavar="URL",
        help=f"the service to talk to (default: ${BASE_URL_ENV}, else the real API); a bare origin such "
        "as http://127.0.0.1:7357 (the emulator) gets the API's base path added (/v1.0 for Graph)",
        **default,
    )
    group.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="wait: give up after this long (exit 3); get/list: HTTP timeout per request (exit 5)",
        **default,
    )
    group.add_argument(
        "--json",
        action="store_true",
        help="print the typed resource (or the error) as JSON on stdout",
        **default,
    )
    group.add_argument(
        "--debug",
        action="store_true",
        help="log each HTTP request (redacted) and show tracebacks",
        **default,
    )
    return common


def _wait_options() -> _Parser:
    waiting = _Parser(add_help=False)
    group = waiting.add_argument_group("waiting")
    group.add_argument(
        "--interval",
        type=_seconds,
        metavar="SECONDS",
        help="read the status every SECONDS (default: an adaptive schedule, about a third of the "
        "operation's age, 1 s to 15 min, honouring Retry-After)",
    )
    group.add_argument("--quiet", "-q", action="store_true", help="no progress display, only the result")
    return waiting


def _add_ids(
    parser: argparse.ArgumentParser, api: CliApi, options: tuple[IdOption, ...], *, title: str = "ids"
) -> None:
    group = parser.add_argument_group(f"{api.command} {title}")
    for option in options:
        group.add_argument(
            option.flag,
            dest=option.dest,
            required=option.required,
            help=option.help + _KIND_HELP.get(option.kind, ""),
            **_typed(option),
        )


_KIND_HELP: Final = {
    "array": " (repeat the flag for each value)",
    "boolean": " (--no-... sends false)",
    "integer": " (an integer)",
    "number": " (a number)",
}
"""What a flag of a non-string parameter adds to its help: how its value is given."""


def _typed(option: IdOption) -> dict[str, Any]:
    """argparse's reading of a flag, by the parameter's type: a boolean is ``--flag``/``--no-flag``
    (a value left out is not sent), an array a repeated flag, a number parsed (a bad one: exit 2)."""
    if option.kind == "boolean":
        return {"action": argparse.BooleanOptionalAction, "default": None}
    metavar = "ID" if option.required else "VALUE"
    if option.kind == "array":
        return {"action": "append", "metavar": metavar}
    if option.kind in ("integer", "number"):
        return {"type": _reader(option.kind), "metavar": metavar}
    return {"metavar": metavar}


def _reader(kind: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        try:
            return from_text(kind, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    read.__name__ = kind  # argparse names it in "invalid integer value"
    return read


def _verb_help(api: CliApi, verb: str) -> str:
    fixed = {
        "get": "read the operation's status once",
        "wait": "wait until the operation is finished, with a progress display",
        "list": "list the operations of the scope (the spec's " + _list_route_name(api) + ")",
    }
    if verb in fixed:
        return fixed[verb]
    route = api.route_verb(verb).route
    return (route.summary or route.operation_id).rstrip(".")


def _list_route_name(api: CliApi) -> str:
    return next((route.route.operation_id for route in api.routes if route.lists_operations), "list")


def _add_api(commands: argparse._SubParsersAction[_Parser], api: CliApi) -> None:
    common = _common_options(token=api.takes_token, api_key=api.takes_api_key)
    waiting = _wait_options()
    aliases = [api.key] if api.key != api.command else []
    api_parser = commands.add_parser(
        api.command,
        aliases=aliases,
        help=api.title,
        description=api.title,
        epilog=_verbs_help(api),
        formatter_class=_FORMATTER,
    )
    verbs = api_parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb in api.verbs:
        parents = [common, waiting] if verb == "wait" else [common]
        parser = verbs.add_parser(
            verb,
            parents=parents,
            help=_verb_help(api, verb),
            description=f"{api.title}: {_verb_help(api, verb)}.",
            epilog=SEE_MAIN_HELP,
            formatter_class=_FORMATTER,
        )
        parser.set_defaults(command="api", api=api.command)
        if api.server:
            _add_ids(parser, api, api.server, title="server")
        if verb in ("get", "wait"):
            _add_ids(parser, api, (*api.ids, *api.options))
            if api.result_flag is not None:
                parser.add_argument(
                    api.result_flag,
                    dest="result",
                    action="store_true",
                    help="also read what the finished operation links to (where its results are)",
                )
            continue
        route = api.route_verb(verb)
        _add_ids(parser, api, route.options)
        if verb == "list" and any(option.param == "status" for option in route.options):
            parser.add_argument("--running", action="store_true", help="only the operations still running")


def _verbs_help(api: CliApi) -> str:
    """``opstatus <api> --help``'s epilog: every verb with the options it takes (from the spec)."""
    rows = [("get, wait", _flags(api.ids) + (f" [{api.result_flag}]" if api.result_flag else ""))]
    for verb in api.verbs[2:]:
        options = api.route_verb(verb).options
        running = verb == "list" and any(option.param == "status" for option in options)
        rows.append((verb, _flags(options) + (" [--running]" if running else "")))
    width = max(len(verb) for verb, _ in rows)
    lines = [f"  opstatus {api.command} {verb:<{width}}  {flags}".rstrip() for verb, flags in rows]
    return "\n".join(["verbs and their options:", *lines, "", SEE_MAIN_HELP])


def _flags(options: tuple[IdOption, ...]) -> str:
    return " ".join(
        f"{option.flag} ID"
        if option.required
        else f"[{option.flag}]"
        if option.kind == "boolean"
        else f"[{option.flag} VALUE]"
        for option in options
    )


def _api_command(text: str) -> str:
    """``--api`` takes the command (``partner-portal``) or the key (``partner_portal``)."""
    return text.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="opstatus",
        parents=[_common_options(top_level=True)],
        description="Read, and wait for, long-running operations: one command per API below, and "
        "wait-url for the status URL of any Azure Resource Manager operation.",
        epilog=EPILOG,
        formatter_class=_FORMATTER,
    )
    parser.add_argument("--version", action="version", version=f"opstatus {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for api in apis():
        _add_api(commands, api)

    wait_url = commands.add_parser(
        "wait-url",
        parents=[_common_options(), _wait_options()],
        help="wait for a Location / Azure-AsyncOperation URL a service handed back (any ARM operation)",
        description="Wait for the operation behind a status URL a service handed back (Location, "
        "Azure-AsyncOperation; relative URLs resolve against --base-url). The API is read from the URL "
        "when it can be: any ARM URL (management.azure.com or a /subscriptions/... path) is waited on "
        "as ARM's protocol says, for every resource provider; Graph and Partner Portal URLs by their "
        "host or path. The URL must be on the API's host (--base-url), so the token never goes elsewhere.",
        epilog=SEE_MAIN_HELP,
        formatter_class=_FORMATTER,
    )
    wait_url.add_argument("url", metavar="URL", help="the status URL")
    wait_url.add_argument(
        "--api",
        default=None,
        type=_api_command,
        choices=["arm", *(api.command for api in apis())],
        help="which API the URL belongs to (default: read from the URL; partner-portal or partner_portal)",
    )

    resume = commands.add_parser(
        "resume",
        parents=[_common_options(), _wait_options()],
        help="go on waiting from a continuation token (a timed-out or stopped wait prints the command)",
        description="Go on waiting for the operation a continuation token names (the token says which API "
        "and which status URL; pass the same --base-url as the first wait).",
        epilog=SEE_MAIN_HELP,
        formatter_class=_FORMATTER,
    )
    resume.add_argument("continuation_token", metavar="TOKEN", help="the continuation token (opst1....)")
    resume.set_defaults(command="resume")
    add_wait_all(commands, parents=[_common_options(), _wait_options()], epilog=EPILOG)

    commands.add_parser(
        "emulator",
        add_help=False,
        help="run the local emulator of every API above (extra opstatus[emulator]; --help for its options)",
    )
    demo = commands.add_parser(
        "demo",
        help="watch one operation per API finish on the embedded emulator (what make demo runs)",
        description="Start the emulator on a free 127.0.0.1 port, create one short operation per API, "
        "run `opstatus ... wait` for each and print a summary. Needs opstatus[cli,emulator].",
        epilog=SEE_MAIN_HELP,
        formatter_class=_FORMATTER,
    )
    demo.add_argument(
        "--speed",
        type=_seconds,
        default=1.0,
        metavar="FACTOR",
        help="run the scripted lifecycles FACTOR times faster (default 1: about 20 s in all)",
    )
    return parser
