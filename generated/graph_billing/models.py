"""Contains all the data models used in inputs/outputs"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .types import UNSET, Unset


@_attrs_define
class Blob:
    """
    Attributes:
        name (str | None):
        partition_value (str | None):
    """

    name: str | None = None
    partition_value: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: str | Unset = UNSET if self.name is None else self.name

        partition_value: str | Unset = UNSET if self.partition_value is None else self.partition_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if partition_value is not UNSET:
            field_dict["partitionValue"] = partition_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", None)

        partition_value = d.pop("partitionValue", None)

        blob = cls(
            name=name,
            partition_value=partition_value,
        )

        blob.additional_properties = d
        return blob

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


class ExportSuccessOperationOdataType(StrEnum):
    VALUE_0 = "#microsoft.graph.partners.billing.exportSuccessOperation"

    def __str__(self) -> str:
        return str(self.value)


class LongRunningOperationStatus(StrEnum):
    """An open enum: a value the spec does not list is kept (see ``is_known``), never an error."""

    FAILED = "failed"
    NOTSTARTED = "notStarted"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    UNKNOWNFUTUREVALUE = "unknownFutureValue"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value this spec does not list (a pseudo-member that carries the raw value)."""
        return self._value_ in type(self)._value2member_map_

    @classmethod
    def _missing_(cls, value: object) -> "LongRunningOperationStatus | None":
        if not isinstance(value, str):
            return None
        pseudo_member = str.__new__(cls, value)
        pseudo_member._name_ = "UNKNOWNFUTUREVALUE"
        pseudo_member._value_ = value
        return pseudo_member


@_attrs_define
class ExportSuccessOperation:
    """
    Attributes:
        id (str): The unique identifier for an entity. Read-only.
        status (LongRunningOperationStatus | None):
        odata_type (ExportSuccessOperationOdataType):
        created_date_time (datetime.datetime | None): The start time of the operation (UTC).
        last_action_date_time (datetime.datetime | None): The time of the last action of the operation (UTC).
        resource_location_navigation_link (str | None): Link to the manifest of the export.
    """

    id: str
    status: LongRunningOperationStatus | None
    odata_type: ExportSuccessOperationOdataType
    created_date_time: datetime.datetime | None = None
    last_action_date_time: datetime.datetime | None = None
    resource_location_navigation_link: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: None | str
        if isinstance(self.status, LongRunningOperationStatus):
            status = self.status.value
        else:
            status = self.status

        odata_type = self.odata_type.value

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

        resource_location_navigation_link: str | Unset = (
            UNSET
            if self.resource_location_navigation_link is None
            else self.resource_location_navigation_link
        )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "@odata.type": odata_type,
            }
        )
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_action_date_time is not UNSET:
            field_dict["lastActionDateTime"] = last_action_date_time
        if resource_location_navigation_link is not UNSET:
            field_dict["resourceLocation@odata.navigationLink"] = resource_location_navigation_link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        odata_type = ExportSuccessOperationOdataType(d.pop("@odata.type"))

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

        resource_location_navigation_link = d.pop("resourceLocation@odata.navigationLink", None)

        export_success_operation = cls(
            id=id,
            status=status,
            odata_type=odata_type,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            last_action_date_time=None if isinstance(last_action_date_time, Unset) else last_action_date_time,
            resource_location_navigation_link=resource_location_navigation_link,
        )

        export_success_operation.additional_properties = d
        return export_success_operation

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


class FailedOperationOdataType(StrEnum):
    VALUE_0 = "#microsoft.graph.partners.billing.failedOperation"

    def __str__(self) -> str:
        return str(self.value)


@_attrs_define
class PublicErrorDetail:
    """
    Attributes:
        code (str | None):
        message (str | None):
        target (str | None):
    """

    code: str | None = None
    message: str | None = None
    target: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # Wire names of the nullable members that were null (not absent) in the parsed document: to_dict
    # writes these back as null and leaves every other None out.
    _opstatus_nulls: frozenset[str] = _attrs_field(init=False, factory=frozenset, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        code_or_unset: None | str | Unset = (
            UNSET if self.code is None and "code" not in self._opstatus_nulls else self.code
        )
        code: None | str | Unset
        if isinstance(code_or_unset, Unset):
            code = UNSET
        else:
            code = code_or_unset

        message_or_unset: None | str | Unset = (
            UNSET if self.message is None and "message" not in self._opstatus_nulls else self.message
        )
        message: None | str | Unset
        if isinstance(message_or_unset, Unset):
            message = UNSET
        else:
            message = message_or_unset

        target_or_unset: None | str | Unset = (
            UNSET if self.target is None and "target" not in self._opstatus_nulls else self.target
        )
        target: None | str | Unset
        if isinstance(target_or_unset, Unset):
            target = UNSET
        else:
            target = target_or_unset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        public_error_detail = cls(
            code=None if isinstance(code, Unset) else code,
            message=None if isinstance(message, Unset) else message,
            target=None if isinstance(target, Unset) else target,
        )
        if code is None or message is None or target is None:
            public_error_detail._opstatus_nulls = frozenset(
                [
                    *(("code",) if code is None else ()),
                    *(("message",) if message is None else ()),
                    *(("target",) if target is None else ()),
                ]
            )

        public_error_detail.additional_properties = d
        return public_error_detail

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
class PublicInnerError:
    """
    Attributes:
        code (str | None):
        message (str | None):
        target (str | None):
        details (list[PublicErrorDetail] | None):
    """

    code: str | None = None
    message: str | None = None
    target: str | None = None
    details: list[PublicErrorDetail] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # Wire names of the nullable members that were null (not absent) in the parsed document: to_dict
    # writes these back as null and leaves every other None out.
    _opstatus_nulls: frozenset[str] = _attrs_field(init=False, factory=frozenset, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        code_or_unset: None | str | Unset = (
            UNSET if self.code is None and "code" not in self._opstatus_nulls else self.code
        )
        code: None | str | Unset
        if isinstance(code_or_unset, Unset):
            code = UNSET
        else:
            code = code_or_unset

        message_or_unset: None | str | Unset = (
            UNSET if self.message is None and "message" not in self._opstatus_nulls else self.message
        )
        message: None | str | Unset
        if isinstance(message_or_unset, Unset):
            message = UNSET
        else:
            message = message_or_unset

        target_or_unset: None | str | Unset = (
            UNSET if self.target is None and "target" not in self._opstatus_nulls else self.target
        )
        target: None | str | Unset
        if isinstance(target_or_unset, Unset):
            target = UNSET
        else:
            target = target_or_unset

        details_or_unset: list[PublicErrorDetail] | Unset = UNSET if self.details is None else self.details
        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(details_or_unset, Unset):
            details = []
            for details_item_data in details_or_unset:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if target is not UNSET:
            field_dict["target"] = target
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        _details = d.pop("details", UNSET)
        details: list[PublicErrorDetail] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = PublicErrorDetail.from_dict(details_item_data)

                details.append(details_item)

        public_inner_error = cls(
            code=None if isinstance(code, Unset) else code,
            message=None if isinstance(message, Unset) else message,
            target=None if isinstance(target, Unset) else target,
            details=None if isinstance(details, Unset) else details,
        )
        if code is None or message is None or target is None:
            public_inner_error._opstatus_nulls = frozenset(
                [
                    *(("code",) if code is None else ()),
                    *(("message",) if message is None else ()),
                    *(("target",) if target is None else ()),
                ]
            )

        public_inner_error.additional_properties = d
        return public_inner_error

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
class PublicError:
    """microsoft.graph.publicError (all members nullable strings in CSDL).

    Attributes:
        code (str | None):
        message (str | None):
        target (str | None):
        details (list[PublicErrorDetail] | None):
        inner_error (PublicInnerError | None):
    """

    code: str | None = None
    message: str | None = None
    target: str | None = None
    details: list[PublicErrorDetail] | None = None
    inner_error: PublicInnerError | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # Wire names of the nullable members that were null (not absent) in the parsed document: to_dict
    # writes these back as null and leaves every other None out.
    _opstatus_nulls: frozenset[str] = _attrs_field(init=False, factory=frozenset, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        code_or_unset: None | str | Unset = (
            UNSET if self.code is None and "code" not in self._opstatus_nulls else self.code
        )
        code: None | str | Unset
        if isinstance(code_or_unset, Unset):
            code = UNSET
        else:
            code = code_or_unset

        message_or_unset: None | str | Unset = (
            UNSET if self.message is None and "message" not in self._opstatus_nulls else self.message
        )
        message: None | str | Unset
        if isinstance(message_or_unset, Unset):
            message = UNSET
        else:
            message = message_or_unset

        target_or_unset: None | str | Unset = (
            UNSET if self.target is None and "target" not in self._opstatus_nulls else self.target
        )
        target: None | str | Unset
        if isinstance(target_or_unset, Unset):
            target = UNSET
        else:
            target = target_or_unset

        details_or_unset: list[PublicErrorDetail] | Unset = UNSET if self.details is None else self.details
        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(details_or_unset, Unset):
            details = []
            for details_item_data in details_or_unset:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        inner_error_or_unset: PublicInnerError | Unset = (
            UNSET if self.inner_error is None else self.inner_error
        )
        inner_error: dict[str, Any] | Unset = UNSET
        if not isinstance(inner_error_or_unset, Unset):
            inner_error = inner_error_or_unset.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if target is not UNSET:
            field_dict["target"] = target
        if details is not UNSET:
            field_dict["details"] = details
        if inner_error is not UNSET:
            field_dict["innerError"] = inner_error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        _details = d.pop("details", UNSET)
        details: list[PublicErrorDetail] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = PublicErrorDetail.from_dict(details_item_data)

                details.append(details_item)

        _inner_error = d.pop("innerError", UNSET)
        inner_error: PublicInnerError | Unset
        if isinstance(_inner_error, Unset):
            inner_error = UNSET
        else:
            inner_error = PublicInnerError.from_dict(_inner_error)

        public_error = cls(
            code=None if isinstance(code, Unset) else code,
            message=None if isinstance(message, Unset) else message,
            target=None if isinstance(target, Unset) else target,
            details=None if isinstance(details, Unset) else details,
            inner_error=None if isinstance(inner_error, Unset) else inner_error,
        )
        if code is None or message is None or target is None:
            public_error._opstatus_nulls = frozenset(
                [
                    *(("code",) if code is None else ()),
                    *(("message",) if message is None else ()),
                    *(("target",) if target is None else ()),
                ]
            )

        public_error.additional_properties = d
        return public_error

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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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


def _redacted(value: object) -> str:
    """How a secret member (``x-opstatus-secret``) shows in a repr: never its value."""
    return "'REDACTED'" if value else repr(value)


@_attrs_define
class Manifest:
    """microsoft.graph.partners.billing.manifest. `sasToken` is a secret the client never logs.

    Attributes:
        id (str):
        odata_type (str | None):
        blob_count (int | None):
        blobs (list[Blob] | None):
        created_date_time (datetime.datetime | None):
        data_format (str | None):
        e_tag (str | None):
        partition_type (str | None):
        partner_tenant_id (str | None):
        root_directory (str | None):
        sas_token (str | None):
        schema_version (str | None):
    """

    id: str
    odata_type: str | None = None
    blob_count: int | None = None
    blobs: list[Blob] | None = None
    created_date_time: datetime.datetime | None = None
    data_format: str | None = None
    e_tag: str | None = None
    partition_type: str | None = None
    partner_tenant_id: str | None = None
    root_directory: str | None = None
    sas_token: str | None = _attrs_field(default=None, repr=_redacted)
    schema_version: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_type: str | Unset = UNSET if self.odata_type is None else self.odata_type

        blob_count: int | Unset = UNSET if self.blob_count is None else self.blob_count

        blobs_or_unset: list[Blob] | Unset = UNSET if self.blobs is None else self.blobs
        blobs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(blobs_or_unset, Unset):
            blobs = []
            for blobs_item_data in blobs_or_unset:
                blobs_item = blobs_item_data.to_dict()
                blobs.append(blobs_item)

        created_date_time_or_unset: datetime.datetime | Unset = (
            UNSET if self.created_date_time is None else self.created_date_time
        )
        created_date_time: str | Unset = UNSET
        if not isinstance(created_date_time_or_unset, Unset):
            created_date_time = created_date_time_or_unset.isoformat()

        data_format: str | Unset = UNSET if self.data_format is None else self.data_format

        e_tag: str | Unset = UNSET if self.e_tag is None else self.e_tag

        partition_type: str | Unset = UNSET if self.partition_type is None else self.partition_type

        partner_tenant_id: str | Unset = UNSET if self.partner_tenant_id is None else self.partner_tenant_id

        root_directory: str | Unset = UNSET if self.root_directory is None else self.root_directory

        sas_token: str | Unset = UNSET if self.sas_token is None else self.sas_token

        schema_version: str | Unset = UNSET if self.schema_version is None else self.schema_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if blob_count is not UNSET:
            field_dict["blobCount"] = blob_count
        if blobs is not UNSET:
            field_dict["blobs"] = blobs
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if data_format is not UNSET:
            field_dict["dataFormat"] = data_format
        if e_tag is not UNSET:
            field_dict["eTag"] = e_tag
        if partition_type is not UNSET:
            field_dict["partitionType"] = partition_type
        if partner_tenant_id is not UNSET:
            field_dict["partnerTenantId"] = partner_tenant_id
        if root_directory is not UNSET:
            field_dict["rootDirectory"] = root_directory
        if sas_token is not UNSET:
            field_dict["sasToken"] = sas_token
        if schema_version is not UNSET:
            field_dict["schemaVersion"] = schema_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        odata_type = d.pop("@odata.type", None)

        blob_count = d.pop("blobCount", None)

        _blobs = d.pop("blobs", UNSET)
        blobs: list[Blob] | Unset = UNSET
        if _blobs is not UNSET:
            blobs = []
            for blobs_item_data in _blobs:
                blobs_item = Blob.from_dict(blobs_item_data)

                blobs.append(blobs_item)

        _created_date_time = _v if (_v := d.pop("createdDateTime", UNSET)) is not None else UNSET
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        data_format = d.pop("dataFormat", None)

        e_tag = d.pop("eTag", None)

        partition_type = d.pop("partitionType", None)

        partner_tenant_id = d.pop("partnerTenantId", None)

        root_directory = d.pop("rootDirectory", None)

        sas_token = d.pop("sasToken", None)

        schema_version = d.pop("schemaVersion", None)

        manifest = cls(
            id=id,
            odata_type=odata_type,
            blob_count=blob_count,
            blobs=None if isinstance(blobs, Unset) else blobs,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            data_format=data_format,
            e_tag=e_tag,
            partition_type=partition_type,
            partner_tenant_id=partner_tenant_id,
            root_directory=root_directory,
            sas_token=sas_token,
            schema_version=schema_version,
        )

        manifest.additional_properties = d
        return manifest

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
class OperationBase:
    """microsoft.graph.partners.billing.operation, also the fallback for an unknown `@odata.type` (DECISION G3).

    Attributes:
        id (str): The unique identifier for an entity. Read-only.
        status (LongRunningOperationStatus | None):
        odata_type (str | None):
        created_date_time (datetime.datetime | None): The start time of the operation (UTC).
        last_action_date_time (datetime.datetime | None): The time of the last action of the operation (UTC).
    """

    id: str
    status: LongRunningOperationStatus | None
    odata_type: str | None = None
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

        odata_type: str | Unset = UNSET if self.odata_type is None else self.odata_type

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
            }
        )
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_action_date_time is not UNSET:
            field_dict["lastActionDateTime"] = last_action_date_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        odata_type = d.pop("@odata.type", None)

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

        operation_base = cls(
            id=id,
            status=status,
            odata_type=odata_type,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            last_action_date_time=None if isinstance(last_action_date_time, Unset) else last_action_date_time,
        )

        operation_base.additional_properties = d
        return operation_base

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


class RunningOperationOdataType(StrEnum):
    VALUE_0 = "#microsoft.graph.partners.billing.runningOperation"

    def __str__(self) -> str:
        return str(self.value)


@_attrs_define
class RunningOperation:
    """
    Attributes:
        id (str): The unique identifier for an entity. Read-only.
        status (LongRunningOperationStatus | None):
        odata_type (RunningOperationOdataType):
        created_date_time (datetime.datetime | None): The start time of the operation (UTC).
        last_action_date_time (datetime.datetime | None): The time of the last action of the operation (UTC).
    """

    id: str
    status: LongRunningOperationStatus | None
    odata_type: RunningOperationOdataType
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
            }
        )
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_action_date_time is not UNSET:
            field_dict["lastActionDateTime"] = last_action_date_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        odata_type = RunningOperationOdataType(d.pop("@odata.type"))

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

        running_operation = cls(
            id=id,
            status=status,
            odata_type=odata_type,
            created_date_time=None if isinstance(created_date_time, Unset) else created_date_time,
            last_action_date_time=None if isinstance(last_action_date_time, Unset) else last_action_date_time,
        )

        running_operation.additional_properties = d
        return running_operation

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
    "Blob",
    "ExportSuccessOperation",
    "ExportSuccessOperationOdataType",
    "FailedOperation",
    "FailedOperationOdataType",
    "LongRunningOperationStatus",
    "Manifest",
    "OperationBase",
    "PublicError",
    "PublicErrorDetail",
    "PublicInnerError",
    "RunningOperation",
    "RunningOperationOdataType",
)
