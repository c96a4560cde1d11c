from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.operation_summary_definition import OperationSummaryDefinition


T = TypeVar("T", bound="OperationSummary")


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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.operation_summary_definition import OperationSummaryDefinition  # noqa: PLC0415

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

        _changed_time = d.pop("changedTime", UNSET)
        changed_time: datetime.datetime | Unset
        if isinstance(_changed_time, Unset):
            changed_time = UNSET
        else:
            changed_time = datetime.datetime.fromisoformat(_changed_time)

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
