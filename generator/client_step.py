"""Step 2: the typed models, by openapi-python-client with our config and templates.

Runs the pinned generator in-process (one import for all specs instead of one interpreter per spec) with
the same semantics as ``openapi-python-client generate --meta none --fail-on-warning --config
generator/openapi_python_client.yaml --custom-template-path generator/templates/openapi_python_client``:
any warning fails the run, because a warning means the generator silently left models out.

Between parsing and rendering it applies what the CLI cannot be told:
* OData annotation properties get readable python names (:mod:`generator.naming`);
* the templates learn which enums are open (``x-opstatus-open-enum: true`` on a component schema),
  which properties are secrets (``x-opstatus-secret: true``: left out of the attrs repr), and the public
  type of each optional model member (``X | None``, never the generator's ``Unset``: see
  :func:`public_type` and the model template).

What nothing ships or calls is not kept: upstream's endpoint modules (``api/``), ``client.py``
(``Client``/``AuthenticatedClient``) and ``errors.py`` are deleted after rendering (:data:`UNUSED`). The
routes and the public clients are rendered from the spec by our own step (:mod:`generator.surface_step`).
The one file per model it writes under ``models/`` is merged into ``models.py`` next
(:mod:`generator.models_step`).
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError as UpstreamError
from openapi_python_client.parser.properties import EnumProperty
from openapi_python_client.parser.properties.none import NoneProperty
from openapi_python_client.parser.properties.schemas import Class
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.schema.untrusted_string import UntrustedString
from openapi_python_client.strings import PythonCode, pascal_case, safe_for_docstring

from generator.access_step import status_operation
from generator.errors import GeneratorError
from generator.naming import annotation_python_name
from generator.polling_step import POLLING_MARK
from generator.registry import ApiDescription
from generator.spec_prepare import prepared
from generator.spec_refs import ref_name, resolve

CONFIG_FILE: Final = Path(__file__).resolve().parent / "openapi_python_client.yaml"
TEMPLATES: Final = Path(__file__).resolve().parent / "templates" / "openapi_python_client"
OPEN_ENUM_MARK: Final = "x-opstatus-open-enum"
NULL_AS_ABSENT: Final = frozenset(
    f"{kind}_property.py.jinja" for kind in ("enum", "datetime", "date", "uuid")
)
"""Property templates of scalars whose ``null`` (in an optional member the spec does not call nullable)
``from_dict`` reads as absent - None, as a plain string's - instead of failing in the enum or parser.
Objects and lists keep upstream's refusal of a null."""
REPR_HIDDEN_MARK: Final = "x-opstatus-secret"
UNUSED: Final = ("api", "client.py", "errors.py")
"""Upstream's output the package never uses: its own engine sends, retries and raises."""


def generate_client(api: ApiDescription, *, dest: Path) -> None:
    """Write the client package for ``api`` into ``dest`` (created; it must not exist yet)."""
    config = Config.from_sources(
        ConfigFile.load_from_path(CONFIG_FILE),
        MetaType.NONE,
        api.spec_path,
        "utf-8",
        False,  # overwrite: dest is always fresh, a leftover directory is a bug
        dest,
    )
    data = GeneratorData.from_dict(prepared(api.document), config=config)
    if isinstance(data, UpstreamError):
        raise GeneratorError(f"{api.spec_path}: openapi-python-client: {_describe([data])}")
    _rename_annotation_properties(data, config=config, api=api)
    project = Project(openapi=data, config=config, custom_template_path=TEMPLATES)
    secret_names = secret_wire_names(api.document)
    project.env.globals.update(
        opstatus_is_secret=lambda prop: _wire_name(prop) in secret_names,
        opstatus_nullable_optionals=lambda model: [
            prop for prop in model.optional_properties or [] if not prop.required and is_nullable(prop)
        ],
        opstatus_public_type=public_type,
        opstatus_public_docstring=public_docstring,
        opstatus_open_enums=_open_enum_class_names(api, data=data, config=config),
        opstatus_null_as_absent=NULL_AS_ABSENT,
    )
    with contextlib.redirect_stdout(io.StringIO()):
        problems = project.build()
    if problems:  # --fail-on-warning
        raise GeneratorError(f"{api.spec_path}: openapi-python-client: {_describe(problems)}")
    for name in UNUSED:
        path = dest / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def class_name_for(api: ApiDescription, schema_name: str) -> str:
    """The python class openapi-python-client names after component schema ``schema_name``."""
    config = Config.from_sources(
        ConfigFile.load_from_path(CONFIG_FILE), MetaType.NONE, api.spec_path, "utf-8", False, None
    )
    return str(Class.from_string(string=schema_name, config=config).name)


def is_nullable(prop: Any) -> bool:
    """True if the schema admits ``null`` (openapi-python-client models that as a union with ``None``)."""
    if isinstance(prop, NoneProperty):
        return True
    return isinstance(prop, UnionProperty) and any(is_nullable(inner) for inner in prop.inner_properties)


def public_type(prop: Any) -> PythonCode:
    """The annotation users see for a model member: upstream's, but ``X | None`` where upstream says Unset.

    A required member keeps upstream's type (``None`` in it only if the schema is nullable). An optional
    member reads ``None`` when absent, so its type is the type without ``Unset`` plus ``None`` (once, last:
    ``datetime.datetime | None``, not ``None | datetime.datetime | Unset``).
    """
    if prop.required:
        code: PythonCode = prop.get_type_string()
        return code
    codes = (
        prop.get_type_strings_in_union(no_optional=True, json=False)
        if isinstance(prop, UnionProperty)
        else {prop.get_type_string(no_optional=True)}
    )
    members = {code.as_unembedded_code() for code in codes} - {"None"}
    return PythonCode(" | ".join([*sorted(members, key=str.lower), "None"]))


def public_docstring(prop: Any) -> str:
    """The ``Attributes:`` line of a member as upstream's ``to_docstring`` writes it, with the public type."""
    doc = f"{prop.python_name} ({safe_for_docstring(public_type(prop))}): "
    doc += safe_for_docstring(prop.description or "")
    if prop.default:
        doc += f" Default: {safe_for_docstring(prop.default.python_code)}."
    if prop.example:
        doc += f" Example: {safe_for_docstring(prop.example)}."
    return doc


def _rename_annotation_properties(data: GeneratorData, *, config: Config, api: ApiDescription) -> None:
    for model in data.models:
        properties = [*(model.required_properties or []), *(model.optional_properties or [])]
        taken = {prop.python_name for prop in properties}
        for prop in properties:
            wanted = annotation_python_name(_wire_name(prop))  # made of [a-z0-9_] only, safe to emit
            if wanted is None or prop.python_name == wanted:
                continue
            if wanted in taken:
                raise GeneratorError(
                    f"{api.spec_path}: {model.class_info.name}.{prop.name} would be named {wanted!r}, "
                    "which another property of the model already uses"
                )
            prop.set_python_name(UntrustedString(wanted), config=config)
            taken.add(prop.python_name)


def secret_wire_names(document: Mapping[str, Any]) -> frozenset[str]:
    """Wire names of every schema property marked ``x-opstatus-secret: true``, wherever it is declared.

    Keyed on the wire name alone, so a secret declared in a base schema is also hidden in every model
    that merges it (allOf); hiding one property too many from a repr is the safe mistake.
    """
    found: set[str] = set()
    pending: list[object] = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, Mapping):
            properties = node.get("properties")
            if isinstance(properties, Mapping):
                found.update(
                    name
                    for name, schema in properties.items()
                    if isinstance(schema, Mapping) and schema.get(REPR_HIDDEN_MARK) is True
                )
            pending.extend(value for key, value in node.items() if key not in {"example", "examples"})
        elif isinstance(node, list):
            pending.extend(node)
    return frozenset(found)


def _wire_name(prop: Any) -> str:
    name = prop.name
    return name.get_untrusted_value() if isinstance(name, UntrustedString) else str(name)


def _open_enum_class_names(api: ApiDescription, *, data: GeneratorData, config: Config) -> frozenset[str]:
    components = api.document.get("components", {})
    schemas: Mapping[str, Any] = components.get("schemas", {}) if isinstance(components, dict) else {}
    marked = sorted(
        name for name, schema in schemas.items() if isinstance(schema, dict) and schema.get(OPEN_ENUM_MARK)
    )
    names = frozenset(Class.from_string(string=name, config=config).name for name in marked)
    string_enums = {
        enum.class_info.name
        for enum in data.enums
        if isinstance(enum, EnumProperty) and enum.value_type is str
    }
    missing = sorted(names - string_enums)
    if missing:
        raise GeneratorError(
            f"{api.spec_path}: {OPEN_ENUM_MARK} is set on {', '.join(missing)}, "
            "which the client does not generate as a string enum"
        )
    # The status member's enum is always open: a status the table does not list reads UNKNOWN and the
    # wait goes on (README "Waiting"), which a closed enum would turn into a DecodeError.
    status = frozenset(Class.from_string(string=name, config=config).name for name in status_enum_names(api))
    return names | (status & string_enums)


def status_enum_names(api: ApiDescription) -> frozenset[str]:
    """The enums the status operation's ``x-opstatus-polling.status`` pointer reaches: a component's
    name, or for an enum written inline on a model's property the name openapi-python-client gives it
    (the model's name and the property's title or name, ``Export`` + ``status``: ``ExportStatus``)."""
    operation = status_operation(api)
    try:
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        pointer = str(operation[POLLING_MARK]["status"])
    except (KeyError, TypeError):
        return frozenset()
    candidates = _shapes(api, schema)
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        candidates = [
            (name if name is not None or parent is None else _inline_name(parent, shape, token), shape)
            for parent, resolved in candidates
            for name, shape in _shapes(api, (resolved.get("properties") or {}).get(token))
        ]
    return frozenset(name for name, resolved in candidates if name is not None and "enum" in resolved)


def _inline_name(parent: str, schema: Mapping[str, Any], prop: str) -> str:
    """The class name openapi-python-client gives a schema written inline on ``parent``'s property."""
    return f"{pascal_case(parent)}{pascal_case(str(schema.get('title') or prop))}"


def _shapes(api: ApiDescription, schema: Any, depth: int = 0) -> list[tuple[str | None, Mapping[str, Any]]]:
    """``schema`` and its allOf/anyOf/oneOf parts and array items, refs followed: (component name, schema)."""
    if not isinstance(schema, Mapping) or depth > 20:
        return []
    resolved = resolve(api, schema)
    found: list[tuple[str | None, Mapping[str, Any]]] = [(ref_name(schema), resolved)]
    for keyword in ("allOf", "anyOf", "oneOf"):
        for part in resolved.get(keyword) or []:
            found += _shapes(api, part, depth + 1)
    if "items" in resolved:
        found += _shapes(api, resolved["items"], depth + 1)
    return found


def _describe(problems: Sequence[UpstreamError]) -> str:
    return "; ".join(f"{problem.header}: {problem.detail or ''}".strip() for problem in problems)
