"""The ``opstatus`` command line grammar (argparse: the CLI core needs nothing beyond the runtime deps)."""

from __future__ import annotations

import argparse
import math

from .. import __version__
from ._apis import APIS, CliApi
from ._credentials import TOKEN_ENV
from ._exit import EXIT_CODES_HELP

__all__ = ["EPILOG", "build_parser"]

AUTH_HELP = f"""\
auth (first found wins):
  {"--token TOKEN":<24} a bearer token (visible in ps and shell history: prefer the variable)
  {TOKEN_ENV + "=TOKEN":<24} the same, from the environment
  {"DefaultAzureCredential":<24} with pip install 'opstatus[azure]': environment, managed identity, az login
  A token goes only over https, or plain http to 127.0.0.1/::1/localhost (the emulator)."""

EPILOG = f"""\
{EXIT_CODES_HELP}

{AUTH_HELP}

examples:
  opstatus demo
  opstatus monitor wait --subscription-id SUB --resource-group RG --operation-id ID
  opstatus partner-portal list --publisher-id contoso --offer-id my-offer --running
  opstatus graph-billing wait --operation-id ID --manifest --json
  opstatus wait-url "$LOCATION" --api partner-portal --base-url http://127.0.0.1:7357
  opstatus wait-url "$(az vm restart -g RG -n VM --no-wait --query ... )"   (any ARM operation URL)"""

_FORMATTER = argparse.RawDescriptionHelpFormatter


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("connection and output")
    group.add_argument("--token", metavar="TOKEN", help=f"bearer token (default: ${TOKEN_ENV}, then Azure)")
    group.add_argument(
        "--base-url",
        metavar="URL",
        help="the service to talk to (default: the real API); a bare origin such as "
        "http://127.0.0.1:7357 (the emulator) gets the API's base path added (/v1.0 for Graph)",
    )
    group.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="wait: give up after this long (exit 3); get/list: HTTP timeout per request (exit 5)",
    )
    group.add_argument("--json", action="store_true", help="print the typed resource as JSON on stdout")
    group.add_argument(
        "--debug", action="store_true", help="log each HTTP request (redacted) and show tracebacks"
    )
    return common


def _wait_options() -> argparse.ArgumentParser:
    waiting = argparse.ArgumentParser(add_help=False)
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


def _add_ids(parser: argparse.ArgumentParser, api: CliApi, *, with_operation: bool) -> None:
    group = parser.add_argument_group(f"{api.command} ids")
    for option in api.ids if with_operation else api.scope:
        group.add_argument(option.flag, dest=option.dest, metavar="ID", required=True, help=option.help)


def _add_api(commands: argparse._SubParsersAction[argparse.ArgumentParser], api: CliApi) -> None:
    common, waiting = _common_options(), _wait_options()
    api_parser = commands.add_parser(api.command, help=api.title, description=api.title)
    verbs = api_parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    verb_help = {
        "get": "read the operation's status once",
        "wait": "wait until the operation is finished, with a progress display",
        "list": "list the operations on an offer",
    }
    for verb in api.verbs:
        parents = [common, waiting] if verb == "wait" else [common]
        parser = verbs.add_parser(
            verb,
            parents=parents,
            help=verb_help[verb],
            description=f"{api.title}: {verb_help[verb]}.",
            epilog=EPILOG,
            formatter_class=_FORMATTER,
        )
        parser.set_defaults(command="api", api=api.command)
        _add_ids(parser, api, with_operation=verb != "list")
        if verb == "list":
            parser.add_argument("--running", action="store_true", help="only the operations still running")
        if api.key == "graph_billing":
            parser.add_argument(
                "--manifest",
                action="store_true",
                help="also fetch the manifest of the finished export (where its blobs are)",
            )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opstatus",
        description="Read, and wait for, long-running operations of Azure Monitor, the Cloud Partner "
        "Portal and Microsoft Graph partner billing.",
        epilog=EPILOG,
        formatter_class=_FORMATTER,
    )
    parser.add_argument("--version", action="version", version=f"opstatus {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for api in APIS:
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
        epilog=EPILOG,
        formatter_class=_FORMATTER,
    )
    wait_url.add_argument("url", metavar="URL", help="the status URL")
    wait_url.add_argument(
        "--api",
        default=None,
        choices=["arm", *(api.command for api in APIS)],
        help="which API the URL belongs to (default: read from the URL)",
    )

    commands.add_parser(
        "emulator",
        add_help=False,
        help="run the local emulator of the three APIs (extra opstatus[emulator]; --help for its options)",
    )
    demo = commands.add_parser(
        "demo",
        help="watch one operation per API finish on the embedded emulator (what make demo runs)",
        description="Start the emulator on a free 127.0.0.1 port, create one short operation per API, "
        "run `opstatus ... wait` for each and print a summary. Needs opstatus[cli,emulator].",
        epilog=EXIT_CODES_HELP,
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
