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
            id (str | Unset): GUID that uniquely identifies the operation.
            offer_id (str | Unset):
            offer_version (int | Unset):
            offer_type_id (str | Unset):
            publisher_id (str | Unset):
            submission_type (str | Unset): The type of operation, for example publish or goLive.
            submission_state (str | Unset): The status of the submission, for example running.
            status (str | Unset):
            publishing_version (int | Unset):
            slot (str | Unset):
            version (int | Unset):
            definition (OperationSummaryDefinition | Unset): The submitted offer definition (free-form).
            changed_time (datetime.datetime | Unset):
            created_date_time (datetime.datetime | Unset):
            last_action_date_time (datetime.datetime | Unset):
    """

    id: str | Unset = UNSET
    offer_id: str | Unset = UNSET
    offer_version: int | Unset = UNSET
    offer_type_id: str | Unset = UNSET
    publisher_id: str | Unset = UNSET
    submission_type: str | Unset = UNSET
    submission_state: str | Unset = UNSET
    status: str | Unset = UNSET
    publishing_version: int | Unset = UNSET
    slot: str | Unset = UNSET
    version: int | Unset = UNSET
    definition: OperationSummaryDefinition | Unset = UNSET
    changed_time: datetime.datetime | Unset = UNSET
    created_date_time: datetime.datetime | Unset = UNSET
    last_action_date_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        offer_id = self.offer_id

        offer_version = self.offer_version

        offer_type_id = self.offer_type_id

        publisher_id = self.publisher_id

        submission_type = self.submission_type

        submission_state = self.submission_state

        status = self.status

        publishing_version = self.publishing_version

        slot = self.slot

        version = self.version

        definition: dict[str, Any] | Unset = UNSET
        if not isinstance(self.definition, Unset):
            definition = self.definition.to_dict()

        changed_time: str | Unset = UNSET
        if not isinstance(self.changed_time, Unset):
            changed_time = self.changed_time.isoformat()

        created_date_time: str | Unset = UNSET
        if not isinstance(self.created_date_time, Unset):
            created_date_time = self.created_date_time.isoformat()

        last_action_date_time: str | Unset = UNSET
        if not isinstance(self.last_action_date_time, Unset):
            last_action_date_time = self.last_action_date_time.isoformat()

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
        id = d.pop("id", UNSET)

        offer_id = d.pop("offerId", UNSET)

        offer_version = d.pop("offerVersion", UNSET)

        offer_type_id = d.pop("offerTypeId", UNSET)

        publisher_id = d.pop("publisherId", UNSET)

        submission_type = d.pop("submissionType", UNSET)

        submission_state = d.pop("submissionState", UNSET)

        status = d.pop("status", UNSET)

        publishing_version = d.pop("publishingVersion", UNSET)

        slot = d.pop("slot", UNSET)

        version = d.pop("version", UNSET)

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
            definition=definition,
            changed_time=changed_time,
            created_date_time=created_date_time,
            last_action_date_time=last_action_date_time,
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
