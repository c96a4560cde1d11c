from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_body import ErrorBody
    from ..models.message import Message
    from ..models.step import Step


T = TypeVar("T", bound="Operation")


@_attrs_define
class Operation:
    """An operation on an offer with the steps it walks through.

    Attributes:
        status (str): Status of the operation (not started | running | failed | completed, and variants).
        id (str | None): GUID that uniquely identifies the operation.
        submission_type (str | None): The type of operation, for example publish or goLive.
        created_date_time (datetime.datetime | None): UTC datetime when the operation was created.
        last_action_date_time (datetime.datetime | None): UTC datetime when the last update was done on the operation.
        error (ErrorBody | str | None):
        messages (list[Message | str] | None):
        publishing_version (int | None):
        offer_version (int | None):
        cancellation_request_state (str | None): Whether the operation can still be canceled, e.g. canCancel.
        steps (list[Step] | None):
        preview_links (list[Any] | None):
        live_links (list[Any] | None):
        notification_emails (str | None): Present in the 2018 docs only; no longer returned for migrated offers.
    """

    status: str
    id: str | None = None
    submission_type: str | None = None
    created_date_time: datetime.datetime | None = None
    last_action_date_time: datetime.datetime | None = None
    error: ErrorBody | str | None = None
    messages: list[Message | str] | None = None
    publishing_version: int | None = None
    offer_version: int | None = None
    cancellation_request_state: str | None = None
    steps: list[Step] | None = None
    preview_links: list[Any] | None = None
    live_links: list[Any] | None = None
    notification_emails: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_body import ErrorBody  # noqa: PLC0415
        from ..models.message import Message  # noqa: PLC0415

        status = self.status

        id: str | Unset = UNSET if self.id is None else self.id

        submission_type: str | Unset = UNSET if self.submission_type is None else self.submission_type

        created_date_time_or_unset: datetime.datetime | Unset = (
            UNSET if self.created_date_time is None else self.created_date_time
        )
        created_date_time: str | Unset = UNSET
        if not isinstance(created_date_time_or_unset, Unset):
            created_date_time = created_date_time_or_unset.isoformat()

        last_action_date_time_or_unset: datetime.datetime | Unset = (
            UNSET if self.last_action_date_time is None else self.last_action_date_time
        )
        last_action_date_time: str | Unset = UNSET
        if not isinstance(last_action_date_time_or_unset, Unset):
            last_action_date_time = last_action_date_time_or_unset.isoformat()

        error_or_unset: ErrorBody | str | Unset = UNSET if self.error is None else self.error
        error: dict[str, Any] | str | Unset
        if isinstance(error_or_unset, Unset):
            error = UNSET
        elif isinstance(error_or_unset, ErrorBody):
            error = error_or_unset.to_dict()
        else:
            error = error_or_unset

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

        publishing_version: int | Unset = (
            UNSET if self.publishing_version is None else self.publishing_version
        )

        offer_version: int | Unset = UNSET if self.offer_version is None else self.offer_version

        cancellation_request_state: str | Unset = (
            UNSET if self.cancellation_request_state is None else self.cancellation_request_state
        )

        steps_or_unset: list[Step] | Unset = UNSET if self.steps is None else self.steps
        steps: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(steps_or_unset, Unset):
            steps = []
            for steps_item_data in steps_or_unset:
                steps_item = steps_item_data.to_dict()
                steps.append(steps_item)

        preview_links_or_unset: list[Any] | Unset = (
            UNSET if self.preview_links is None else self.preview_links
        )
        preview_links: list[Any] | Unset = UNSET
        if not isinstance(preview_links_or_unset, Unset):
            preview_links = preview_links_or_unset

        live_links_or_unset: list[Any] | Unset = UNSET if self.live_links is None else self.live_links
        live_links: list[Any] | Unset = UNSET
        if not isinstance(live_links_or_unset, Unset):
            live_links = live_links_or_unset

        notification_emails: str | Unset = (
            UNSET if self.notification_emails is None else self.notification_emails
        )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if submission_type is not UNSET:
            field_dict["submissionType"] = submission_type
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_action_date_time is not UNSET:
            field_dict["lastActionDateTime"] = last_action_date_time
        if error is not UNSET:
            field_dict["error"] = error
        if messages is not UNSET:
            field_dict["messages"] = messages
        if publishing_version is not UNSET:
            field_dict["publishingVersion"] = publishing_version
        if offer_version is not UNSET:
            field_dict["offerVersion"] = offer_version
        if cancellation_request_state is not UNSET:
            field_dict["cancellationRequestState"] = cancellation_request_state
        if steps is not UNSET:
            field_dict["steps"] = steps
        if preview_links is not UNSET:
            field_dict["previewLinks"] = preview_links
        if live_links is not UNSET:
            field_dict["liveLinks"] = live_links
        if notification_emails is not UNSET:
            field_dict["notificationEmails"] = notification_emails

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_body import ErrorBody  # noqa: PLC0415
        from ..models.message import Message  # noqa: PLC0415
        from ..models.step import Step  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        id = d.pop("id", None)

        submission_type = d.pop("submissionType", None)

        _created_date_time = d.pop("createdDateTime", UNSET)
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        _last_action_date_time = d.pop("lastActionDateTime", UNSET)
        last_action_date_time: datetime.datetime | Unset
        if isinstance(_last_action_date_time, Unset):
            last_action_date_time = UNSET
        else:
            last_action_date_time = datetime.datetime.fromisoformat(_last_action_date_time)

        def _parse_error(data: object) -> ErrorBody | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_1 = ErrorBody.from_dict(data)

                return error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorBody | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

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

        publishing_version = d.pop("publishingVersion", None)

        offer_version = d.pop("offerVersion", None)

        cancellation_request_state = d.pop("cancellationRequestState", None)

        _steps = d.pop("steps", UNSET)
        steps: list[Step] | Unset = UNSET
        if _steps is not UNSET:
            steps = []
            for steps_item_data in _steps:
                steps_item = Step.from_dict(steps_item_data)

                steps.append(steps_item)

        preview_links = cast(list[Any], d.pop("previewLinks", UNSET))

        live_links = cast(list[Any], d.pop("liveLinks", UNSET))

        notification_emails = d.pop("notificationEmails", None)

        operation = cls(
            status=status,
            id=id,
            submission_type=submission_type,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            last_action_date_time=None if isinstance(last_action_date_time, Unset) else last_action_date_time,
            error=None if isinstance(error, Unset) else error,
            messages=None if isinstance(messages, Unset) else messages,
            publishing_version=publishing_version,
            offer_version=offer_version,
            cancellation_request_state=cancellation_request_state,
            steps=None if isinstance(steps, Unset) else steps,
            preview_links=None if isinstance(preview_links, Unset) else preview_links,
            live_links=None if isinstance(live_links, Unset) else live_links,
            notification_emails=notification_emails,
        )

        operation.additional_properties = d
        return operation

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
