from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message import Message


T = TypeVar("T", bound="Step")


@_attrs_define
class Step:
    """One step of an operation.

    Attributes:
        id (str):
        status (str): notStarted | running | failed | completed, and the variants the examples use.
        estimated_time_frame (str | None): The estimated duration of this step (absent on some steps).
        step_name (str | None):
        description (str | None):
        messages (list[Message | str] | None):
        progress_percentage (int | None):
    """

    id: str
    status: str
    estimated_time_frame: str | None = None
    step_name: str | None = None
    description: str | None = None
    messages: list[Message | str] | None = None
    progress_percentage: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.message import Message  # noqa: PLC0415

        id = self.id

        status = self.status

        estimated_time_frame: str | Unset = (
            UNSET if self.estimated_time_frame is None else self.estimated_time_frame
        )

        step_name: str | Unset = UNSET if self.step_name is None else self.step_name

        description: str | Unset = UNSET if self.description is None else self.description

        messages_or_unset: list[Message | str] | Unset = UNSET if self.messages is None else self.messages
        messages: list[dict[str, Any] | str] | Unset = UNSET
        if not isinstance(messages_or_unset, Unset):
            messages = []
            for messages_item_data in messages_or_unset:
                messages_item: dict[str, Any] | str
                if isinstance(messages_item_data, Message):
                    messages_item = messages_item_data.to_dict()
                else:
                    messages_item = messages_item_data
                messages.append(messages_item)

        progress_percentage: int | Unset = (
            UNSET if self.progress_percentage is None else self.progress_percentage
        )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if estimated_time_frame is not UNSET:
            field_dict["estimatedTimeFrame"] = estimated_time_frame
        if step_name is not UNSET:
            field_dict["stepName"] = step_name
        if description is not UNSET:
            field_dict["description"] = description
        if messages is not UNSET:
            field_dict["messages"] = messages
        if progress_percentage is not UNSET:
            field_dict["progressPercentage"] = progress_percentage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message import Message  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        estimated_time_frame = d.pop("estimatedTimeFrame", None)

        step_name = d.pop("stepName", None)

        description = d.pop("description", None)

        _messages = d.pop("messages", UNSET)
        messages: list[Message | str] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:

                def _parse_messages_item(data: object) -> Message | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_message_entry_type_0 = Message.from_dict(data)

                        return componentsschemas_message_entry_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(Message | str, data)

                messages_item = _parse_messages_item(messages_item_data)

                messages.append(messages_item)

        progress_percentage = d.pop("progressPercentage", None)

        step = cls(
            id=id,
            status=status,
            estimated_time_frame=estimated_time_frame,
            step_name=step_name,
            description=description,
            messages=None if isinstance(messages, Unset) else messages,
            progress_percentage=progress_percentage,
        )

        step.additional_properties = d
        return step

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
