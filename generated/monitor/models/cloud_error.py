from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cloud_error_body import CloudErrorBody


T = TypeVar("T", bound="CloudError")


@_attrs_define
class CloudError:
    """The ARM error envelope returned with 4xx/5xx responses.

    Attributes:
        error (CloudErrorBody): An ARM error (code, message, optional target, nested details).
    """

    error: CloudErrorBody
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cloud_error_body import CloudErrorBody  # noqa: PLC0415

        d = dict(src_dict)
        error = CloudErrorBody.from_dict(d.pop("error"))

        cloud_error = cls(
            error=error,
        )

        cloud_error.additional_properties = d
        return cloud_error

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
