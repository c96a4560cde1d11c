from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetails")


@_attrs_define
class ErrorDetails:
    """
    Attributes:
        code (str):
        message (str):
        target (str | None):
    """

    code: str
    message: str
    target: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # Wire names of the nullable members that were null (not absent) in the parsed document: to_dict
    # writes these back as null and leaves every other None out.
    _opstatus_nulls: frozenset[str] = _attrs_field(init=False, factory=frozenset, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        target_or_unset: None | str | Unset = (
            UNSET if self.target is None and "target" not in self._opstatus_nulls else self.target
        )
        target: None | str | Unset
        if isinstance(target_or_unset, Unset):
            target = UNSET
        else:
            target = target_or_unset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        error_details = cls(
            code=code,
            message=message,
            target=None if isinstance(target, Unset) else target,
        )
        if target is None:
            error_details._opstatus_nulls = frozenset(
                _wire for _wire, _value in (("target", target),) if _value is None
            )

        error_details.additional_properties = d
        return error_details

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
