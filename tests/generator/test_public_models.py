"""Public models speak Python: an absent member is None, never the generator's ``Unset`` (model.py.jinja).

Checked for every model of every API package found under ``opstatus._generated`` (an API added later is
covered the day it is generated), from the generated code alone: each model's minimal document is built
from its own required members, and each optional member's wire name is found through ``to_dict``.
The ``to_dict`` contract: an optional member that is None is left out, except a nullable member that was
explicitly ``null`` in the parsed document, which is written back as ``null``.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import importlib.util
import pkgutil
import sys
import types
import typing
import uuid
from collections.abc import Iterator
from typing import Any

import attrs
import opstatus._generated
import pytest


def _api_packages() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(opstatus._generated.__path__)
        if info.ispkg and importlib.util.find_spec(f"opstatus._generated.{info.name}.models") is not None
    )


def _model_classes(key: str) -> Iterator[type[Any]]:
    models = importlib.import_module(f"opstatus._generated.{key}.models")
    for name in sorted(getattr(models, "__all__", dir(models))):
        value = getattr(models, name)
        if isinstance(value, type) and attrs.has(value):
            yield value


API_PACKAGES = _api_packages()
MODELS = [(key, cls) for key in API_PACKAGES for cls in _model_classes(key)]
MODEL_IDS = [f"{key}.{cls.__name__}" for key, cls in MODELS]


def _public_fields(cls: type[Any]) -> list[attrs.Attribute[Any]]:
    """The constructor's fields (additional_properties and private bookkeeping are init=False)."""
    return [field for field in attrs.fields(cls) if field.init]


def _optional_fields(cls: type[Any]) -> list[attrs.Attribute[Any]]:
    return [field for field in _public_fields(cls) if field.default is not attrs.NOTHING]


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved field types, names looked up in the models module and then in its API package."""
    namespace = {
        **vars(sys.modules[cls.__module__]),
        **vars(importlib.import_module(cls.__module__.rsplit(".", 1)[0])),
    }
    return typing.get_type_hints(cls, globalns=namespace)


def _sample(hint: Any, *, nullable_to_none: bool) -> Any:
    """A valid python value of type ``hint``; None for a nullable type if ``nullable_to_none``."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        if nullable_to_none and len(members) < len(args):
            return None
        return _sample(members[0], nullable_to_none=nullable_to_none)
    if typing.get_origin(hint) is list:
        return []
    if typing.get_origin(hint) is dict:
        return {}
    if typing.get_origin(hint) is typing.Literal:
        return args[0]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    if isinstance(hint, type) and attrs.has(hint):
        return _minimal(hint)
    simple: dict[Any, Any] = {
        str: "x",
        bool: True,
        int: 1,
        float: 0.0,
        datetime.datetime: datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
        datetime.date: datetime.date(2026, 1, 2),
        uuid.UUID: uuid.UUID(int=1),
        Any: "x",
    }
    return simple[hint]


def _required_values(cls: type[Any]) -> dict[str, Any]:
    hints = _hints(cls)
    return {
        field.name: _sample(hints[field.name], nullable_to_none=True)
        for field in _public_fields(cls)
        if field.default is attrs.NOTHING
    }


def _minimal(cls: type[Any]) -> Any:
    return cls(**_required_values(cls))


def _wire_name(cls: type[Any], field: attrs.Attribute[Any]) -> str:
    """The key ``to_dict`` writes for ``field`` (the one key a value for it adds to the minimal body)."""
    hint = _hints(cls)[field.name]
    value = _sample(hint, nullable_to_none=False)
    added = set(cls(**_required_values(cls), **{field.name: value}).to_dict()) - set(_minimal(cls).to_dict())
    assert len(added) == 1, f"{cls.__name__}.{field.name} adds {added} to to_dict()"
    wire: str = added.pop()
    return wire


def test_every_api_package_is_checked() -> None:
    assert len(API_PACKAGES) >= 3
    assert {key for key, _ in MODELS} == set(API_PACKAGES)


@pytest.mark.parametrize(("key", "cls"), MODELS, ids=MODEL_IDS)
def test_no_field_annotation_default_or_docstring_mentions_unset(key: str, cls: type[Any]) -> None:
    unset = importlib.import_module(f"opstatus._generated.{key}.types").Unset

    for field in attrs.fields(cls):
        assert "Unset" not in str(field.type), f"{cls.__name__}.{field.name}: {field.type}"
        assert not isinstance(field.default, unset), f"{cls.__name__}.{field.name} defaults to UNSET"
    assert "Unset" not in (cls.__doc__ or "")
    assert "Unset" not in repr(_minimal(cls))


@pytest.mark.parametrize(("key", "cls"), MODELS, ids=MODEL_IDS)
def test_every_optional_member_is_declared_x_or_none_defaulting_to_none(key: str, cls: type[Any]) -> None:
    for field in _optional_fields(cls):
        assert field.default is None, f"{cls.__name__}.{field.name} = {field.default!r}"
        assert str(field.type).endswith(" | None"), f"{cls.__name__}.{field.name}: {field.type}"
        assert f"    {field.name} ({field.type}):" in (cls.__doc__ or ""), "the docstring shows the same type"


@pytest.mark.parametrize(("key", "cls"), MODELS, ids=MODEL_IDS)
def test_absent_members_read_none_and_are_left_out_of_to_dict(key: str, cls: type[Any]) -> None:
    minimal = _minimal(cls)
    document = minimal.to_dict()

    parsed = cls.from_dict(document)

    assert len(document) == len(_public_fields(cls)) - len(_optional_fields(cls))
    assert all(getattr(parsed, field.name) is None for field in _optional_fields(cls))
    assert parsed == minimal
    assert parsed.to_dict() == document


@pytest.mark.parametrize(("key", "cls"), MODELS, ids=MODEL_IDS)
def test_a_member_set_to_none_by_the_user_is_left_out_of_to_dict(key: str, cls: type[Any]) -> None:
    for field in _optional_fields(cls):
        wire = _wire_name(cls, field)
        parsed = cls.from_dict({**_minimal(cls).to_dict(), wire: _sample_on_the_wire(cls, field)})

        setattr(parsed, field.name, None)

        assert wire not in parsed.to_dict()


@pytest.mark.parametrize(("key", "cls"), MODELS, ids=MODEL_IDS)
def test_a_null_on_the_wire_reads_none_and_a_nullable_one_is_written_back_as_null(
    key: str, cls: type[Any]
) -> None:
    kept_nulls = []
    for field in _optional_fields(cls):
        wire = _wire_name(cls, field)
        document = {**_minimal(cls).to_dict(), wire: None}
        try:
            parsed = cls.from_dict(document)
        except TypeError:
            continue  # not nullable in the spec, and a list or object: upstream rejects the null

        assert getattr(parsed, field.name) is None
        assert cls.from_dict(parsed.to_dict()) == parsed
        if wire in parsed.to_dict():  # nullable in the spec: kept, and only because it was parsed as null
            kept_nulls.append(wire)
            assert parsed.to_dict() == document
            assert cls(**_required_values(cls), **{field.name: None}).to_dict() == _minimal(cls).to_dict()
        else:
            assert parsed.to_dict() == _minimal(cls).to_dict()
    tracks_nulls = "_opstatus_nulls" in attrs.fields_dict(cls)
    assert bool(kept_nulls) == tracks_nulls, (
        "a model tracks nulls exactly when it has a nullable optional member"
    )


def _sample_on_the_wire(cls: type[Any], field: attrs.Attribute[Any]) -> Any:
    value = _sample(_hints(cls)[field.name], nullable_to_none=False)
    return cls(**_required_values(cls), **{field.name: value}).to_dict()[_wire_name(cls, field)]


def test_nulls_are_kept_for_exactly_the_nullable_members_of_the_monitor_status() -> None:
    """A known case: ARM's OperationStatus has nullable startTime/endTime/error, a plain percentComplete."""
    from opstatus._generated.monitor.models import OperationStatus

    document = {
        "status": "InProgress",
        "startTime": None,
        "endTime": None,
        "error": None,
        "percentComplete": None,
    }

    parsed = OperationStatus.from_dict(document)

    assert parsed.end_time is None
    assert parsed.percent_complete is None
    assert parsed.to_dict() == {"status": "InProgress", "startTime": None, "endTime": None, "error": None}
    assert "_opstatus_nulls" not in repr(parsed)
    assert parsed == OperationStatus(status="InProgress")


def test_a_null_in_an_optional_scalar_that_is_not_nullable_reads_none_not_a_parse_error() -> None:
    """Services send ``null`` for members they leave empty (Azure Batch's node ``state``, Speech's
    ``punctuationMode``): an optional date-time, date, uuid or enum reads it as None, as a plain string
    always did, instead of failing the whole status read in ``fromisoformat`` or the enum."""
    from opstatus._generated.partner_portal.models import Operation

    parsed = Operation.from_dict({"status": "running", "createdDateTime": None, "lastActionDateTime": None})

    assert parsed.created_date_time is None
    assert parsed.last_action_date_time is None
    assert parsed.to_dict() == {"status": "running"}  # not nullable in the spec: written back absent
