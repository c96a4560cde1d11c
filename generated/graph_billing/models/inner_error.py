from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InnerError")


@_attrs_define
class InnerError:
    """
    Attributes:
        request_id (str | None):
        client_request_id (str | None):
        date (datetime.datetime | None):
    """

    request_id: str | None = None
    client_request_id: str | None = None
    date: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id: str | Unset = UNSET if self.request_id is None else self.request_id

        client_request_id: str | Unset = UNSET if self.client_request_id is None else self.client_request_id

        date_or_unset: datetime.datetime | Unset = UNSET if self.date is None else self.date
        date: str | Unset = UNSET
        if not isinstance(date_or_unset, Unset):
            date = date_or_unset.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if request_id is not UNSET:
            field_dict["request-id"] = request_id
        if client_request_id is not UNSET:
            field_dict["client-request-id"] = client_request_id
        if date is not UNSET:
            field_dict["date"] = date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_id = d.pop("request-id", None)

        client_request_id = d.pop("client-request-id", None)

        _date = d.pop("date", UNSET)
        date: datetime.datetime | Unset
        if isinstance(_date, Unset):
            date = UNSET
        else:
            date = datetime.datetime.fromisoformat(_date)

        inner_error = cls(
            request_id=request_id,
            client_request_id=client_request_id,
            date=None if isinstance(date, Unset) else date,
        )

        inner_error.additional_properties = d
        return inner_error

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
