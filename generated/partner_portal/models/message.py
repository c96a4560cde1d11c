from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """
    Attributes:
        message_html (str):
        level (str | None): information, warning or error.
        timestamp (datetime.datetime | None):
    """

    message_html: str
    level: str | None = None
    timestamp: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message_html = self.message_html

        level: str | Unset = UNSET if self.level is None else self.level

        timestamp_or_unset: datetime.datetime | Unset = UNSET if self.timestamp is None else self.timestamp
        timestamp: str | Unset = UNSET
        if not isinstance(timestamp_or_unset, Unset):
            timestamp = timestamp_or_unset.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messageHtml": message_html,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message_html = d.pop("messageHtml")

        level = d.pop("level", None)

        _timestamp = d.pop("timestamp", UNSET)
        timestamp: datetime.datetime | Unset
        if isinstance(_timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = datetime.datetime.fromisoformat(_timestamp)

        message = cls(
            message_html=message_html,
            level=level,
            timestamp=None if isinstance(timestamp, Unset) else timestamp,
        )

        message.additional_properties = d
        return message

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
