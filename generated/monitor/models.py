"""Contains all the data models used in inputs/outputs"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .types import UNSET, Unset


@_attrs_define
class ErrorAdditionalInfoInfo:
    """The additional info."""

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error_additional_info_info = cls()

        error_additional_info_info.additional_properties = d
        return error_additional_info_info

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
class ErrorAdditionalInfo:
    """The resource management error additional info.

    Attributes:
        type_ (str | None): The additional info type.
        info (ErrorAdditionalInfoInfo | None): The additional info.
    """

    type_: str | None = None
    info: ErrorAdditionalInfoInfo | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET if self.type_ is None else self.type_

        info_or_unset: ErrorAdditionalInfoInfo | Unset = UNSET if self.info is None else self.info
        info: dict[str, Any] | Unset = UNSET
        if not isinstance(info_or_unset, Unset):
            info = info_or_unset.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if info is not UNSET:
            field_dict["info"] = info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", None)

        _info = d.pop("info", UNSET)
        info: ErrorAdditionalInfoInfo | Unset
        if isinstance(_info, Unset):
            info = UNSET
        else:
            info = ErrorAdditionalInfoInfo.from_dict(_info)

        error_additional_info = cls(
            type_=type_,
            info=None if isinstance(info, Unset) else info,
        )

        error_additional_info.additional_properties = d
        return error_additional_info

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
class ErrorResponseCommon:
    """The resource management error response (upstream: allOf ErrorResponse + details + additionalInfo, flattened here
    because openapi-python-client merges allOf into one class anyway). Recursive.

        Attributes:
            code (str | None): Error code
            message (str | None): Error message indicating why the operation failed.
            details (list[ErrorResponseCommon] | None): The error details.
            additional_info (list[ErrorAdditionalInfo] | None): The error additional info.
    """

    code: str | None = None
    message: str | None = None
    details: list[ErrorResponseCommon] | None = None
    additional_info: list[ErrorAdditionalInfo] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str | Unset = UNSET if self.code is None else self.code

        message: str | Unset = UNSET if self.message is None else self.message

        details_or_unset: list[ErrorResponseCommon] | Unset = UNSET if self.details is None else self.details
        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(details_or_unset, Unset):
            details = []
            for details_item_data in details_or_unset:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        additional_info_or_unset: list[ErrorAdditionalInfo] | Unset = (
            UNSET if self.additional_info is None else self.additional_info
        )
        additional_info: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(additional_info_or_unset, Unset):
            additional_info = []
            for additional_info_item_data in additional_info_or_unset:
                additional_info_item = additional_info_item_data.to_dict()
                additional_info.append(additional_info_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if details is not UNSET:
            field_dict["details"] = details
        if additional_info is not UNSET:
            field_dict["additionalInfo"] = additional_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code", None)

        message = d.pop("message", None)

        _details = d.pop("details", UNSET)
        details: list[ErrorResponseCommon] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = ErrorResponseCommon.from_dict(details_item_data)

                details.append(details_item)

        _additional_info = d.pop("additionalInfo", UNSET)
        additional_info: list[ErrorAdditionalInfo] | Unset = UNSET
        if _additional_info is not UNSET:
            additional_info = []
            for additional_info_item_data in _additional_info:
                additional_info_item = ErrorAdditionalInfo.from_dict(additional_info_item_data)

                additional_info.append(additional_info_item)

        error_response_common = cls(
            code=code,
            message=message,
            details=None if isinstance(details, Unset) else details,
            additional_info=None if isinstance(additional_info, Unset) else additional_info,
        )

        error_response_common.additional_properties = d
        return error_response_common

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
class OperationStatus:
    """The status of operation.

    Attributes:
        status (str): The status of the operation.
        id (str | None): The operation Id.
        name (str | None): The operation name.
        start_time (datetime.datetime | None): Start time of the job in standard ISO8601 format.
        end_time (datetime.datetime | None): End time of the job in standard ISO8601 format.
        percent_complete (float | None): Progress of the operation, 0-100, when the resource provider reports it.
        error (ErrorResponseCommon | None): The error detail of the operation if any.
    """

    status: str
    id: str | None = None
    name: str | None = None
    start_time: datetime.datetime | None = None
    end_time: datetime.datetime | None = None
    percent_complete: float | None = None
    error: ErrorResponseCommon | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # Wire names of the nullable members that were null (not absent) in the parsed document: to_dict
    # writes these back as null and leaves every other None out.
    _opstatus_nulls: frozenset[str] = _attrs_field(init=False, factory=frozenset, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        id: str | Unset = UNSET if self.id is None else self.id

        name: str | Unset = UNSET if self.name is None else self.name

        start_time_or_unset: datetime.datetime | None | Unset = (
            UNSET if self.start_time is None and "startTime" not in self._opstatus_nulls else self.start_time
        )
        start_time: None | str | Unset
        if isinstance(start_time_or_unset, Unset):
            start_time = UNSET
        elif isinstance(start_time_or_unset, datetime.datetime):
            start_time = start_time_or_unset.isoformat()
        else:
            start_time = start_time_or_unset

        end_time_or_unset: datetime.datetime | None | Unset = (
            UNSET if self.end_time is None and "endTime" not in self._opstatus_nulls else self.end_time
        )
        end_time: None | str | Unset
        if isinstance(end_time_or_unset, Unset):
            end_time = UNSET
        elif isinstance(end_time_or_unset, datetime.datetime):
            end_time = end_time_or_unset.isoformat()
        else:
            end_time = end_time_or_unset

        percent_complete: float | Unset = UNSET if self.percent_complete is None else self.percent_complete

        error_or_unset: ErrorResponseCommon | None | Unset = (
            UNSET if self.error is None and "error" not in self._opstatus_nulls else self.error
        )
        error: dict[str, Any] | None | Unset
        if isinstance(error_or_unset, Unset):
            error = UNSET
        elif isinstance(error_or_unset, ErrorResponseCommon):
            error = error_or_unset.to_dict()
        else:
            error = error_or_unset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if percent_complete is not UNSET:
            field_dict["percentComplete"] = percent_complete
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        id = d.pop("id", None)

        name = d.pop("name", None)

        def _parse_start_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_time_type_0 = datetime.datetime.fromisoformat(data)

                return start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_time = _parse_start_time(d.pop("startTime", UNSET))

        def _parse_end_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_time_type_0 = datetime.datetime.fromisoformat(data)

                return end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_time = _parse_end_time(d.pop("endTime", UNSET))

        percent_complete = d.pop("percentComplete", None)

        def _parse_error(data: object) -> ErrorResponseCommon | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ErrorResponseCommon.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorResponseCommon | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        operation_status = cls(
            status=status,
            id=id,
            name=name,
            start_time=None if isinstance(start_time, Unset) else start_time,
            end_time=None if isinstance(end_time, Unset) else end_time,
            percent_complete=percent_complete,
            error=None if isinstance(error, Unset) else error,
        )
        if start_time is None or end_time is None or error is None:
            operation_status._opstatus_nulls = frozenset(
                [
                    *(("startTime",) if start_time is None else ()),
                    *(("endTime",) if end_time is None else ()),
                    *(("error",) if error is None else ()),
                ]
            )

        operation_status.additional_properties = d
        return operation_status

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
    "ErrorAdditionalInfo",
    "ErrorAdditionalInfoInfo",
    "ErrorResponseCommon",
    "OperationStatus",
)
