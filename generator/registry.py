"""Which APIs the package holds: specs/ itself is the registry.

Every ``specs/*.yaml`` whose ``info`` carries ``x-opstatus-api`` is an API (:func:`discover`); adding one is
one new file and ``make generate``. The package name, class names, default base URL, scope and title are
read from the document by :func:`describe`, so they are never written down twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from generator.errors import GeneratorError
from generator.spec_io import load_spec

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
"""The checkout the default registry and output directory are relative to."""

DEFAULT_OUTPUT: Final = REPO_ROOT / "generated"

_PACKAGE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, kw_only=True)
class ApiEntry:
    """One API: its short key (also the generated package name) and where its spec lives."""

    key: str
    spec: Path
    """Relative to the root the pipeline runs in (the repository root by default)."""


SPECS_DIR: Final = Path("specs")
"""Where :func:`discover` looks, relative to the root the pipeline runs in."""


def discover(root: Path, *, specs: Path = SPECS_DIR) -> tuple[ApiEntry, ...]:
    """One entry per ``*.yaml`` in ``root/specs`` that declares ``info.x-opstatus-api``, by key.

    A spec whose YAML does not load is still an entry (keyed by its file name), so that ``lint`` reports
    what is wrong with it instead of the API silently disappearing.
    """
    entries = []
    for path in sorted((root / specs).glob("*.yaml")):
        try:
            document = load_spec(path)
        except GeneratorError:
            entries.append(ApiEntry(key=path.stem, spec=specs / path.name))
            continue
        info = document.get("info")
        if isinstance(info, dict) and "x-opstatus-api" in info:
            entries.append(ApiEntry(key=path.stem, spec=specs / path.name))
    return tuple(entries)


REGISTRY: Final[tuple[ApiEntry, ...]] = discover(REPO_ROOT)
"""The APIs of this checkout (every spec in specs/ with ``info.x-opstatus-api``)."""


@dataclass(frozen=True, kw_only=True)
class ApiDescription:
    """An entry joined with what its spec says about the API as a whole."""

    entry: ApiEntry
    spec_path: Path
    document: dict[str, Any]
    title: str
    default_base_url: str
    default_scope: str

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def client_name(self) -> str:
        """The clients' class-name stem: ``x-opstatus-api.client-name``, else the key in CamelCase."""
        return _client_name(self.document, key=self.entry.key)

    @property
    def package_name(self) -> str:
        """The generated package, importable as ``opstatus._generated.<package_name>``."""
        return self.entry.key


def describe(entry: ApiEntry, *, root: Path) -> ApiDescription:
    """Load the entry's spec and check that it agrees with the entry."""
    spec_path = root / entry.spec
    document = load_spec(spec_path)
    where = f"{spec_path}: info.x-opstatus-api"
    info = document.get("info")
    api = info.get("x-opstatus-api") if isinstance(info, dict) else None
    if not isinstance(api, dict):
        raise GeneratorError(f"{where} is missing (every API declares its key and default-scope there)")
    if api.get("key") != entry.key:
        raise GeneratorError(f"{where}.key is {api.get('key')!r}, but the registry entry says {entry.key!r}")
    if not _PACKAGE_NAME.fullmatch(entry.key):
        raise GeneratorError(f"{where}.key {entry.key!r} is not a valid package name (^[a-z][a-z0-9_]*$)")
    scope = api.get("default-scope", None if asks_for_tokens(document) else "")
    if not isinstance(scope, str) or (not scope and "default-scope" in api):
        raise GeneratorError(f"{where}.default-scope must be a non-empty string")
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0].get("url"), str):
        raise GeneratorError(f"{spec_path}: servers[0].url is missing (it is the client's default base URL)")
    title = info.get("title") if isinstance(info, dict) else None
    if not isinstance(title, str):
        raise GeneratorError(f"{spec_path}: info.title is missing")
    client_name = _client_name(document, key=entry.key)
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", client_name):
        raise GeneratorError(f"{where}.client-name {client_name!r} is not a CamelCase name")
    return ApiDescription(
        entry=entry,
        spec_path=spec_path,
        document=document,
        title=title,
        default_base_url=server_url(servers[0]),
        default_scope=scope,
    )


def asks_for_tokens(document: Mapping[str, Any]) -> bool:
    """The spec declares a scheme whose credential is a token (OAuth2, OpenID Connect, HTTP bearer).

    Only such an API needs ``x-opstatus-api.default-scope``: one whose schemes are all API keys (Azure
    Speech's batch transcription) has no scope to ask a TokenCredential for.
    """
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, Mapping) else None
    if not isinstance(schemes, Mapping):
        return True
    for scheme in schemes.values():
        if not isinstance(scheme, Mapping):
            continue
        kind = scheme.get("type")
        if kind in ("oauth2", "openIdConnect") or (
            kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
        ):
            return True
    return False


def server_url(server: Mapping[str, Any]) -> str:
    """A server object's URL with each ``{variable}`` replaced by its ``default`` (OpenAPI requires one)."""
    url = str(server["url"])
    variables = server.get("variables")
    for name, variable in variables.items() if isinstance(variables, Mapping) else ():
        default = variable.get("default") if isinstance(variable, Mapping) else None
        if isinstance(default, str):
            url = url.replace("{" + str(name) + "}", default)
    return url


def _client_name(document: dict[str, Any], *, key: str) -> str:
    info = document.get("info")
    api = info.get("x-opstatus-api") if isinstance(info, dict) else None
    explicit = api.get("client-name") if isinstance(api, dict) else None
    return explicit if isinstance(explicit, str) else "".join(part.capitalize() for part in key.split("_"))
