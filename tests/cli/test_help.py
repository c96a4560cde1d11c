"""The help a person reads: each API's verbs and options, exit codes and auth said once, examples that run.

The examples in ``opstatus --help`` that target the emulator are extracted and run as written against
``opstatus emulator --demo``'s operations (only the port differs: the test's emulator takes a free one).
"""

from __future__ import annotations

import io
import shlex
from collections.abc import Iterator

import pytest
from opstatus.cli import run
from opstatus.cli._apis import apis
from opstatus.cli._parser import EMULATOR_EXAMPLES_HEADER, EMULATOR_ORIGIN
from opstatus.emulator import EmulatorServer
from opstatus.emulator._cli import create_demo_operations


def help_of(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = run([*argv, "--help"], stdout=out, stderr=err, environ={})
    assert code == 0, err.getvalue()
    return out.getvalue()


@pytest.mark.parametrize("api", apis(), ids=lambda api: api.command)
def test_an_api_s_help_lists_its_verbs_and_every_option_they_take(api: object) -> None:
    from opstatus.cli._apis import CliApi

    assert isinstance(api, CliApi)
    text = help_of(api.command)

    for verb in api.verbs:
        assert f"opstatus {api.command} {verb}" in text or (verb in ("get", "wait") and "get, wait" in text)
    for option in api.ids:
        assert f"{option.flag} ID" in text
    for route in api.routes:
        for option in route.options:
            assert option.flag in text


@pytest.mark.parametrize("api", apis(), ids=lambda api: api.command)
def test_a_verb_offers_each_credential_flag_only_where_the_api_takes_that_credential(api: object) -> None:
    from opstatus.cli._apis import CliApi

    assert isinstance(api, CliApi)
    for verb in api.verbs:
        text = help_of(api.command, verb)

        assert ("--token TOKEN" in text) == api.takes_token, (api.command, verb)
        assert ("--api-key KEY" in text) == api.takes_api_key, (api.command, verb)


def test_a_credential_flag_the_api_does_not_take_is_a_usage_error_not_shown() -> None:
    api = next(api for api in apis() if not api.takes_api_key)
    out, err = io.StringIO(), io.StringIO()

    ids = [part for option in api.ids if option.required for part in (option.flag, "1")]

    code = run([api.command, "get", *ids, "--api-key", "k3y-not-shown"], stdout=out, stderr=err, environ={})

    assert code == 2
    assert "--api-key" in err.getvalue()
    assert "k3y-not-shown" not in err.getvalue() + out.getvalue()


def test_exit_codes_and_auth_are_explained_once_in_the_top_level_help_only() -> None:
    top = help_of()
    commands = [help_of(api.command, verb) for api in apis() for verb in api.verbs] + [
        help_of("wait-url"),
        help_of("resume"),
        help_of("demo"),
        *(help_of(api.command) for api in apis()),
    ]

    assert top.count("exit codes:") == 1
    assert top.count("auth (first found wins):") == 1
    for text in commands:
        assert "exit codes:" not in text
        assert "auth (first found wins)" not in text
        assert "opstatus --help" in text  # where to read them
    for api in apis():  # what every command shares stays short; an API's own flags add their lines
        assert _shared_help_lines(help_of(api.command, "get"), api.command) <= 24, api.command


def _shared_help_lines(text: str, command: str) -> int:
    """Lines of a ``--help`` outside its usage block and the API's own option groups (``<api> ids:``,
    ``<api> server:``, ...), which grow with what the spec declares."""
    blocks = text.strip("\n").split("\n\n")
    own = sum(len(block.splitlines()) + 1 for block in blocks if block.startswith(command + " "))
    return len(text.splitlines()) - own - len(blocks[0].splitlines())


def test_the_help_names_no_fixed_number_of_apis_and_no_example_that_cannot_work() -> None:
    top = help_of()

    assert "three" not in top
    assert "--no-wait" not in top  # az prints nothing with --no-wait, never a response header
    for api in apis():
        assert api.command in top
    assert "specs/" not in help_of("emulator")  # wheel users have no checkout


def _emulator_examples(text: str) -> list[str]:
    block = text.split(EMULATOR_EXAMPLES_HEADER, 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.replace("\\\n", "").splitlines() if line.strip()]


@pytest.fixture
def demo_emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(clock="virtual", tick_per_request=2.0) as server:
        create_demo_operations(server)
        yield server


def test_every_emulator_example_in_the_help_runs_as_written(demo_emulator: EmulatorServer) -> None:
    examples = _emulator_examples(help_of())
    environ: dict[str, str] = {}
    ran = []

    assert len(examples) >= 4
    for example in examples:
        words = shlex.split(example.replace(EMULATOR_ORIGIN, demo_emulator.base_url))
        if words[0] == "export":
            environ.update(word.partition("=")[::2] for word in words[1:])
            continue
        assert words[0] == "opstatus", example
        out, err = io.StringIO(), io.StringIO()
        code = run(words[1:], stdout=out, stderr=err, environ=environ)
        assert code == 0, (example, err.getvalue())
        ran.append(words[1])

    assert {"monitor", "partner-portal", "wait-url"} <= set(ran)
