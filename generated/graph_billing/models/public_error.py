from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.public_error_detail import PublicErrorDetail
    from ..models.public_inner_error import PublicInnerError


T = TypeVar("T", bound="PublicError")


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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_error_detail import PublicErrorDetail  # noqa: PLC0415
        from ..models.public_inner_error import PublicInnerError  # noqa: PLC0415

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
                _wire
                for _wire, _value in (("code", code), ("message", message), ("target", target))
                if _value is None
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
