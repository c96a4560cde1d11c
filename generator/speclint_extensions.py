"""The x-opstatus-api extension and the placement of every x-opstatus-* key (rules x-opstatus-api,
x-opstatus-extension). x-opstatus-polling has its own module (speclint_polling).

info.x-opstatus-api is what the generator reads to name the package (`key`) and what the client asks a
TokenCredential for (`default-scope`); `tolerate` lists documented leniencies (today only
`naive-date-time`, see speclint_examples); `emulator` holds what the emulator needs and a spec cannot
otherwise say (generator/emulation_step.py).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from generator.emulation_step import (
    DEMO_KEYS,
    EMULATOR_FLAGS,
    EMULATOR_KEY,
    EMULATOR_KEYS,
    ERROR_KINDS,
    ERROR_PLACEHOLDERS,
)
from generator.registry import asks_for_tokens
from generator.speclint_core import (
    Finding,
    SpecDocument,
    iter_all_schemas,
    iter_operations,
    join_pointer,
    walk_json,
)
from generator.speclint_examples import NAIVE_DATE_TIME

API_EXTENSION_KEYS: Final = frozenset({"key", "default-scope", "tolerate", "client-name", EMULATOR_KEY})
_CLIENT_NAME_RE: Final = re.compile(r"[A-Z][A-Za-z0-9]*")
_METHOD_RE: Final = re.compile(r"[a-z][a-z0-9_]*")
_FLAG_RE: Final = re.compile(r"--[a-z][a-z0-9-]*")
TOLERANCES: Final = frozenset({NAIVE_DATE_TIME})
_KEY_RE: Final = re.compile(r"[a-z][a-z0-9_]*")
_API_POINTER: Final = "/info/x-opstatus-api"


_APP_ID_SCOPE: Final = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/\.default"
)


def is_default_scope(scope: object) -> bool:
    """An Entra ``.default`` scope in any form it accepts: an https or ``api://`` application ID URI
    (``https://management.azure.com/.default``) or an app-id GUID (``499b84ac-…-798/.default``)."""
    if not isinstance(scope, str) or any(char.isspace() for char in scope):
        return False
    if _APP_ID_SCOPE.fullmatch(scope):
        return True
    parts = urlsplit(scope)
    return parts.scheme in ("https", "api") and bool(parts.netloc) and scope.endswith("/.default")


def _check_default_scope(doc: SpecDocument, scope: Any) -> Iterator[Finding]:
    where = join_pointer(_API_POINTER, "default-scope")
    if not is_default_scope(scope):
        yield doc.finding(
            where,
            "x-opstatus-api",
            f"default-scope {scope!r} is not an Entra .default scope (https URL or app-id GUID + /.default)",
            "e.g. https://management.azure.com/.default or 499b84ac-1321-427f-aa17-267ca6975798/.default",
        )
        return
    if not any(scope in scopes for scopes in doc.security_scopes().values()):
        yield doc.finding(
            where,
            "x-opstatus-api",
            f"default-scope {scope!r} is not a scope of any security scheme",
            "list it under components.securitySchemes.<scheme>.flows.<flow>.scopes",
        )


def _check_api_extension(doc: SpecDocument) -> Iterator[Finding]:
    info = doc.data.get("info")
    extension = info.get("x-opstatus-api") if isinstance(info, Mapping) else None
    if extension is None:
        yield doc.finding("/info", "x-opstatus-api", "info has no x-opstatus-api (key, default-scope)")
        return
    if not isinstance(extension, Mapping):
        yield doc.finding(_API_POINTER, "x-opstatus-api", "x-opstatus-api must be a mapping")
        return
    for unknown in sorted(set(extension) - API_EXTENSION_KEYS):
        yield doc.finding(
            join_pointer(_API_POINTER, unknown),
            "x-opstatus-api",
            f"unknown key {unknown!r} (known: {', '.join(sorted(API_EXTENSION_KEYS))})",
        )
    key = extension.get("key")
    if key is None:
        yield doc.finding(_API_POINTER, "x-opstatus-api", "no `key` (the API's short name, = the file name)")
    elif not (isinstance(key, str) and _KEY_RE.fullmatch(key)):
        yield doc.finding(
            join_pointer(_API_POINTER, "key"), "x-opstatus-api", f"key {key!r} is not a lower_snake_case name"
        )
    elif key != doc.stem:
        yield doc.finding(
            join_pointer(_API_POINTER, "key"),
            "x-opstatus-api",
            f"key {key!r} does not match the file name {doc.stem!r}",
            f"rename the file to {key}.yaml or set key: {doc.stem}",
        )
    if "default-scope" not in extension:
        if asks_for_tokens(doc.data):  # an API of API keys only has no scope to ask a credential for
            yield doc.finding(
                _API_POINTER, "x-opstatus-api", "no `default-scope` (the scope a credential is asked for)"
            )
    else:
        yield from _check_default_scope(doc, extension["default-scope"])
    client_name = extension.get("client-name")
    if client_name is not None and not (
        isinstance(client_name, str) and _CLIENT_NAME_RE.fullmatch(client_name)
    ):
        yield doc.finding(
            join_pointer(_API_POINTER, "client-name"),
            "x-opstatus-api",
            f"client-name {client_name!r} is not a CamelCase name (it becomes <Name>Client)",
        )
    if EMULATOR_KEY in extension:
        yield from _check_emulator(doc, extension[EMULATOR_KEY])
    tolerate = extension.get("tolerate", [])
    if not isinstance(tolerate, list):
        yield doc.finding(join_pointer(_API_POINTER, "tolerate"), "x-opstatus-api", "tolerate must be a list")
        return
    for index, entry in enumerate(tolerate):
        if not isinstance(entry, str) or entry not in TOLERANCES:
            yield doc.finding(
                join_pointer(_API_POINTER, "tolerate", index),
                "x-opstatus-api",
                f"unknown tolerance {entry!r} (known: {', '.join(sorted(TOLERANCES))})",
            )


def _check_emulator(doc: SpecDocument, block: Any) -> Iterator[Finding]:
    where = join_pointer(_API_POINTER, EMULATOR_KEY)
    if not isinstance(block, Mapping):
        yield doc.finding(where, "x-opstatus-api", f"{EMULATOR_KEY} must be a mapping")
        return
    for unknown in sorted(set(block) - EMULATOR_KEYS):
        yield doc.finding(
            join_pointer(where, unknown),
            "x-opstatus-api",
            f"unknown key {unknown!r} (known: {', '.join(sorted(EMULATOR_KEYS))})",
        )
    for flag in EMULATOR_FLAGS:
        if flag in block and not isinstance(block[flag], bool):
            yield doc.finding(join_pointer(where, flag), "x-opstatus-api", f"{flag} must be true or false")
    challenge = block.get("auth-challenge")
    if challenge is not None and not (isinstance(challenge, str) and challenge.strip()):
        yield doc.finding(
            join_pointer(where, "auth-challenge"),
            "x-opstatus-api",
            "auth-challenge must be a non-empty string (the WWW-Authenticate value of a 401)",
        )
    if "demo" in block:
        yield from _check_demo(doc, join_pointer(where, "demo"), block["demo"])
    codes = block.get("error-codes", {})
    if not isinstance(codes, Mapping):
        yield doc.finding(
            join_pointer(where, "error-codes"), "x-opstatus-api", "error-codes must be a mapping"
        )
        return
    for kind, entry in codes.items():
        yield from _check_error_code(doc, join_pointer(where, "error-codes", kind), kind, entry)


def _check_demo(doc: SpecDocument, where: str, demo: Any) -> Iterator[Finding]:
    """``demo``: {order: a whole number >= 0, story: text, fails: bool, quickstart: bool}, each optional."""
    if not isinstance(demo, Mapping):
        yield doc.finding(where, "x-opstatus-api", "demo must be a mapping")
        return
    for unknown in sorted(set(demo) - DEMO_KEYS):
        yield doc.finding(
            join_pointer(where, unknown),
            "x-opstatus-api",
            f"unknown key {unknown!r} (known: {', '.join(sorted(DEMO_KEYS))})",
        )
    order = demo.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        yield doc.finding(join_pointer(where, "order"), "x-opstatus-api", "order must be a whole number >= 0")
    story = demo.get("story", "story")
    if not (isinstance(story, str) and story.strip()):
        yield doc.finding(join_pointer(where, "story"), "x-opstatus-api", "story must be a non-empty string")
    for flag in ("fails", "quickstart"):
        if flag in demo and not isinstance(demo[flag], bool):
            yield doc.finding(join_pointer(where, flag), "x-opstatus-api", f"{flag} must be true or false")


def _check_error_code(doc: SpecDocument, where: str, kind: Any, entry: Any) -> Iterator[Finding]:
    if kind not in ERROR_KINDS:
        yield doc.finding(
            where, "x-opstatus-api", f"unknown error kind {kind!r} (known: {', '.join(ERROR_KINDS)})"
        )
        return
    if not (
        isinstance(entry, Mapping)
        and set(entry) == {"code", "message"}
        and all(isinstance(value, str) and value for value in entry.values())
    ):
        yield doc.finding(where, "x-opstatus-api", "an error code is {code: <string>, message: <string>}")
        return
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(entry["message"]) if name}
    except ValueError as exc:
        names, problem = set(), str(exc)
    else:
        problem = ""
        if names - ERROR_PLACEHOLDERS:
            problem = f"unknown placeholders {sorted(names - ERROR_PLACEHOLDERS)}"
    if problem:
        yield doc.finding(
            join_pointer(where, "message"),
            "x-opstatus-api",
            f"message template: {problem}",
            f"use only {{{'}, {'.join(sorted(ERROR_PLACEHOLDERS))}}} and double other braces",
        )


def _check_placement(doc: SpecDocument) -> Iterator[Finding]:
    operations = {pointer for _path, _method, pointer, _op in iter_operations(doc.data)}
    schemas = {pointer: schema for pointer, schema in iter_all_schemas(doc.data)}
    for pointer, node in walk_json(doc.data):
        if not isinstance(node, Mapping):
            continue
        for key, value in node.items():
            if not (isinstance(key, str) and key.startswith("x-opstatus-")):
                continue
            where = join_pointer(pointer, key)
            problem: str | None = None
            if key == "x-opstatus-api":
                problem = None if pointer == "/info" else "x-opstatus-api belongs in info"
            elif key == "x-opstatus-read-budget":  # its value: speclint_budget
                problem = None if pointer == "/info" else "x-opstatus-read-budget belongs in info"
            elif key == "x-opstatus-polling":
                problem = None if pointer in operations else "x-opstatus-polling belongs on an operation"
            elif key == "x-opstatus-method":
                if pointer not in operations:
                    problem = "x-opstatus-method belongs on an operation"
                elif not (isinstance(value, str) and _METHOD_RE.fullmatch(value)):
                    problem = f"x-opstatus-method must be a lower_snake_case method name, not {value!r}"
            elif key in ("x-opstatus-name", "x-opstatus-cli-flag"):
                pattern = _METHOD_RE if key == "x-opstatus-name" else _FLAG_RE
                if not _is_parameter(node):
                    problem = f"{key} belongs on a parameter"
                elif not (isinstance(value, str) and pattern.fullmatch(value)):
                    kind = "a lower_snake_case python name" if key == "x-opstatus-name" else "a --flag"
                    problem = f"{key} must be {kind}, not {value!r}"
            elif key in ("x-opstatus-open-enum", "x-opstatus-secret"):
                if pointer not in schemas:
                    problem = f"{key} belongs on a schema"
                elif value is not True:
                    problem = f"{key} must be `true` (leave it out otherwise), not {value!r}"
                elif key == "x-opstatus-open-enum" and not isinstance(node.get("enum"), list):
                    problem = "x-opstatus-open-enum marks an enum schema; this schema has no enum"
            elif key in ("x-opstatus-error-envelope", "x-opstatus-request-id"):
                problem = None  # placement and values: the error-envelope rule (speclint_access)
            else:
                problem = f"unknown extension {key!r}"
            if problem is not None:
                yield doc.finding(where, "x-opstatus-extension", problem)


def _is_parameter(node: Mapping[str, Any]) -> bool:
    return node.get("in") in ("path", "query", "header", "cookie") and isinstance(node.get("name"), str)


def check_extensions(doc: SpecDocument) -> list[Finding]:
    """Findings of x-opstatus-api and x-opstatus-extension."""
    return [*_check_api_extension(doc), *_check_placement(doc)]
