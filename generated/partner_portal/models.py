"""Contains all the data models used in inputs/outputs"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .types import UNSET, Unset


@_attrs_define
class ErrorBody:
    """
    Attributes:
        code (str):
        message (str):
    """

    code: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        error_body = cls(
            code=code,
            message=message,
        )

        error_body.additional_properties = d
        return error_body

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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message_html = d.pop("messageHtml")

        level = d.pop("level", None)

        _timestamp = _v if (_v := d.pop("timestamp", UNSET)) is not None else UNSET
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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        id = d.pop("id", None)

        submission_type = d.pop("submissionType", None)

        _created_date_time = _v if (_v := d.pop("createdDateTime", UNSET)) is not None else UNSET
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        _last_action_date_time = _v if (_v := d.pop("lastActionDateTime", UNSET)) is not None else UNSET
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


@_attrs_define
class OperationSummaryDefinition:
    """The submitted offer definition (free-form)."""

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        operation_summary_definition = cls()

        operation_summary_definition.additional_properties = d
        return operation_summary_definition

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


@_attrs_define
class OperationSummary:
    """One entry of the operations list. The list example carries `submissionState`, not `status` (DECISION P5): both are
    optional here.

        Attributes:
            id (str | None): GUID that uniquely identifies the operation.
            offer_id (str | None):
            offer_version (int | None):
            offer_type_id (str | None):
            publisher_id (str | None):
            submission_type (str | None): The type of operation, for example publish or goLive.
            submission_state (str | None): The status of the submission, for example running.
            status (str | None):
            publishing_version (int | None):
            slot (str | None):
            version (int | None):
            definition (OperationSummaryDefinition | None): The submitted offer definition (free-form).
            changed_time (datetime.datetime | None):
            created_date_time (datetime.datetime | None):
            last_action_date_time (datetime.datetime | None):
    """

    id: str | None = None
    offer_id: str | None = None
    offer_version: int | None = None
    offer_type_id: str | None = None
    publisher_id: str | None = None
    submission_type: str | None = None
    submission_state: str | None = None
    status: str | None = None
    publishing_version: int | None = None
    slot: str | None = None
    version: int | None = None
    definition: OperationSummaryDefinition | None = None
    changed_time: datetime.datetime | None = None
    created_date_time: datetime.datetime | None = None
    last_action_date_time: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: str | Unset = UNSET if self.id is None else self.id

        offer_id: str | Unset = UNSET if self.offer_id is None else self.offer_id

        offer_version: int | Unset = UNSET if self.offer_version is None else self.offer_version

        offer_type_id: str | Unset = UNSET if self.offer_type_id is None else self.offer_type_id

        publisher_id: str | Unset = UNSET if self.publisher_id is None else self.publisher_id

        submission_type: str | Unset = UNSET if self.submission_type is None else self.submission_type

        submission_state: str | Unset = UNSET if self.submission_state is None else self.submission_state

        status: str | Unset = UNSET if self.status is None else self.status

        publishing_version: int | Unset = (
            UNSET if self.publishing_version is None else self.publishing_version
        )

        slot: str | Unset = UNSET if self.slot is None else self.slot

        version: int | Unset = UNSET if self.version is None else self.version

        definition_or_unset: OperationSummaryDefinition | Unset = (
            UNSET if self.definition is None else self.definition
        )
        definition: dict[str, Any] | Unset = UNSET
        if not isinstance(definition_or_unset, Unset):
            definition = definition_or_unset.to_dict()

        changed_time_or_unset: datetime.datetime | Unset = (
            UNSET if self.changed_time is None else self.changed_time
        )
        changed_time: str | Unset = UNSET
        if not isinstance(changed_time_or_unset, Unset):
            changed_time = changed_time_or_unset.isoformat()

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if offer_id is not UNSET:
            field_dict["offerId"] = offer_id
        if offer_version is not UNSET:
            field_dict["offerVersion"] = offer_version
        if offer_type_id is not UNSET:
            field_dict["offerTypeId"] = offer_type_id
        if publisher_id is not UNSET:
            field_dict["publisherId"] = publisher_id
        if submission_type is not UNSET:
            field_dict["submissionType"] = submission_type
        if submission_state is not UNSET:
            field_dict["submissionState"] = submission_state
        if status is not UNSET:
            field_dict["status"] = status
        if publishing_version is not UNSET:
            field_dict["publishingVersion"] = publishing_version
        if slot is not UNSET:
            field_dict["slot"] = slot
        if version is not UNSET:
            field_dict["version"] = version
        if definition is not UNSET:
            field_dict["definition"] = definition
        if changed_time is not UNSET:
            field_dict["changedTime"] = changed_time
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_action_date_time is not UNSET:
            field_dict["lastActionDateTime"] = last_action_date_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", None)

        offer_id = d.pop("offerId", None)

        offer_version = d.pop("offerVersion", None)

        offer_type_id = d.pop("offerTypeId", None)

        publisher_id = d.pop("publisherId", None)

        submission_type = d.pop("submissionType", None)

        submission_state = d.pop("submissionState", None)

        status = d.pop("status", None)

        publishing_version = d.pop("publishingVersion", None)

        slot = d.pop("slot", None)

        version = d.pop("version", None)

        _definition = d.pop("definition", UNSET)
        definition: OperationSummaryDefinition | Unset
        if isinstance(_definition, Unset):
            definition = UNSET
        else:
            definition = OperationSummaryDefinition.from_dict(_definition)

        _changed_time = _v if (_v := d.pop("changedTime", UNSET)) is not None else UNSET
        changed_time: datetime.datetime | Unset
        if isinstance(_changed_time, Unset):
            changed_time = UNSET
        else:
            changed_time = datetime.datetime.fromisoformat(_changed_time)

        _created_date_time = _v if (_v := d.pop("createdDateTime", UNSET)) is not None else UNSET
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        _last_action_date_time = _v if (_v := d.pop("lastActionDateTime", UNSET)) is not None else UNSET
        last_action_date_time: datetime.datetime | Unset
        if isinstance(_last_action_date_time, Unset):
            last_action_date_time = UNSET
        else:
            last_action_date_time = datetime.datetime.fromisoformat(_last_action_date_time)

        operation_summary = cls(
            id=id,
            offer_id=offer_id,
            offer_version=offer_version,
            offer_type_id=offer_type_id,
            publisher_id=publisher_id,
            submission_type=submission_type,
            submission_state=submission_state,
            status=status,
            publishing_version=publishing_version,
            slot=slot,
            version=version,
            definition=None if isinstance(definition, Unset) else definition,
            changed_time=None if isinstance(changed_time, Unset) else changed_time,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            last_action_date_time=None if isinstance(last_action_date_time, Unset) else last_action_date_time,
        )

        operation_summary.additional_properties = d
        return operation_summary

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


__all__ = (
    "ErrorBody",
    "Message",
    "Operation",
    "OperationSummary",
    "OperationSummaryDefinition",
    "Step",
)
