from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.failed_operation_odata_type import FailedOperationOdataType
from ..models.long_running_operation_status import LongRunningOperationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.public_error import PublicError


T = TypeVar("T", bound="FailedOperation")


@_attrs_define
class FailedOperation:
    """
    Attributes:
        id (str): The unique identifier for an entity. Read-only.
        status (LongRunningOperationStatus | None):
        odata_type (FailedOperationOdataType):
        error (PublicError): microsoft.graph.publicError (all members nullable strings in CSDL).
        created_date_time (datetime.datetime | None): The start time of the operation (UTC).
        last_action_date_time (datetime.datetime | None): The time of the last action of the operation (UTC).
    """

    id: str
    status: LongRunningOperationStatus | None
    odata_type: FailedOperationOdataType
    error: PublicError
    created_date_time: datetime.datetime | None = None
    last_action_date_time: datetime.datetime | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: None | str
        if isinstance(self.status, LongRunningOperationStatus):
            status = self.status.value
        else:
            status = self.status

        odata_type = self.odata_type.value

        error = self.error.to_dict()

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
        field_dict.update(
            {
                "id": id,
                "status": status,
                "@odata.type": odata_type,
                "error": error,
            }
        )
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_action_date_time is not UNSET:
            field_dict["lastActionDateTime"] = last_action_date_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_error import PublicError  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_status(data: object) -> LongRunningOperationStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = LongRunningOperationStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LongRunningOperationStatus | None, data)

        status = _parse_status(d.pop("status"))

        odata_type = FailedOperationOdataType(d.pop("@odata.type"))

        error = PublicError.from_dict(d.pop("error"))

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

        failed_operation = cls(
            id=id,
            status=status,
            odata_type=odata_type,
            error=error,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            last_action_date_time=None if isinstance(last_action_date_time, Unset) else last_action_date_time,
        )

        failed_operation.additional_properties = d
        return failed_operation

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
