from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_additional_info_info import ErrorAdditionalInfoInfo


T = TypeVar("T", bound="ErrorAdditionalInfo")


@_attrs_define
class ErrorAdditionalInfo:
    """The resource management error additional info.

    Attributes:
        type_ (str | None): The additional info type.
        info (ErrorAdditionalInfoInfo | None): The additional info.
    """

    type_: str | None = None
    info: ErrorAdditionalInfoInfo | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET if self.type_ is None else self.type_

        info_or_unset: ErrorAdditionalInfoInfo | Unset = UNSET if self.info is None else self.info
        info: dict[str, Any] | Unset = UNSET
        if not isinstance(info_or_unset, Unset):
            info = info_or_unset.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if info is not UNSET:
            field_dict["info"] = info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_additional_info_info import ErrorAdditionalInfoInfo  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type", None)

        _info = d.pop("info", UNSET)
        info: ErrorAdditionalInfoInfo | Unset
        if isinstance(_info, Unset):
            info = UNSET
        else:
            info = ErrorAdditionalInfoInfo.from_dict(_info)

        error_additional_info = cls(
            type_=type_,
            info=None if isinstance(info, Unset) else info,
        )

        error_additional_info.additional_properties = d
        return error_additional_info

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
