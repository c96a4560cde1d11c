from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_additional_info import ErrorAdditionalInfo


T = TypeVar("T", bound="ErrorResponseCommon")


@_attrs_define
class ErrorResponseCommon:
    """The resource management error response (upstream: allOf ErrorResponse + details + additionalInfo, flattened here
    because openapi-python-client merges allOf into one class anyway). Recursive.

        Attributes:
            code (str | None): Error code
            message (str | None): Error message indicating why the operation failed.
            details (list[ErrorResponseCommon] | None): The error details.
            additional_info (list[ErrorAdditionalInfo] | None): The error additional info.
    """

    code: str | None = None
    message: str | None = None
    details: list[ErrorResponseCommon] | None = None
    additional_info: list[ErrorAdditionalInfo] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str | Unset = UNSET if self.code is None else self.code

        message: str | Unset = UNSET if self.message is None else self.message

        details_or_unset: list[ErrorResponseCommon] | Unset = UNSET if self.details is None else self.details
        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(details_or_unset, Unset):
            details = []
            for details_item_data in details_or_unset:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        additional_info_or_unset: list[ErrorAdditionalInfo] | Unset = (
            UNSET if self.additional_info is None else self.additional_info
        )
        additional_info: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(additional_info_or_unset, Unset):
            additional_info = []
            for additional_info_item_data in additional_info_or_unset:
                additional_info_item = additional_info_item_data.to_dict()
                additional_info.append(additional_info_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if details is not UNSET:
            field_dict["details"] = details
        if additional_info is not UNSET:
            field_dict["additionalInfo"] = additional_info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_additional_info import ErrorAdditionalInfo  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code", None)

        message = d.pop("message", None)

        _details = d.pop("details", UNSET)
        details: list[ErrorResponseCommon] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = ErrorResponseCommon.from_dict(details_item_data)

                details.append(details_item)

        _additional_info = d.pop("additionalInfo", UNSET)
        additional_info: list[ErrorAdditionalInfo] | Unset = UNSET
        if _additional_info is not UNSET:
            additional_info = []
            for additional_info_item_data in _additional_info:
                additional_info_item = ErrorAdditionalInfo.from_dict(additional_info_item_data)

                additional_info.append(additional_info_item)

        error_response_common = cls(
            code=code,
            message=message,
            details=None if isinstance(details, Unset) else details,
            additional_info=None if isinstance(additional_info, Unset) else additional_info,
        )

        error_response_common.additional_properties = d
        return error_response_common

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
