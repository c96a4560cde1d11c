from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails
    from ..models.inner_error import InnerError


T = TypeVar("T", bound="MainError")


@_attrs_define
class MainError:
    """
    Attributes:
        code (str):
        message (str):
        target (str | None):
        details (list[ErrorDetails] | None):
        inner_error (InnerError | None):
    """

    code: str
    message: str
    target: str | None = None
    details: list[ErrorDetails] | None = None
    inner_error: InnerError | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # Wire names of the nullable members that were null (not absent) in the parsed document: to_dict
    # writes these back as null and leaves every other None out.
    _opstatus_nulls: frozenset[str] = _attrs_field(init=False, factory=frozenset, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        target_or_unset: None | str | Unset = (
            UNSET if self.target is None and "target" not in self._opstatus_nulls else self.target
        )
        target: None | str | Unset
        if isinstance(target_or_unset, Unset):
            target = UNSET
        else:
            target = target_or_unset

        details_or_unset: list[ErrorDetails] | Unset = UNSET if self.details is None else self.details
        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(details_or_unset, Unset):
            details = []
            for details_item_data in details_or_unset:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        inner_error_or_unset: InnerError | Unset = UNSET if self.inner_error is None else self.inner_error
        inner_error: dict[str, Any] | Unset = UNSET
        if not isinstance(inner_error_or_unset, Unset):
            inner_error = inner_error_or_unset.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if target is not UNSET:
            field_dict["target"] = target
        if details is not UNSET:
            field_dict["details"] = details
        if inner_error is not UNSET:
            field_dict["innerError"] = inner_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_details import ErrorDetails  # noqa: PLC0415
        from ..models.inner_error import InnerError  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        _details = d.pop("details", UNSET)
        details: list[ErrorDetails] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = ErrorDetails.from_dict(details_item_data)

                details.append(details_item)

        _inner_error = d.pop("innerError", UNSET)
        inner_error: InnerError | Unset
        if isinstance(_inner_error, Unset):
            inner_error = UNSET
        else:
            inner_error = InnerError.from_dict(_inner_error)

        main_error = cls(
            code=code,
            message=message,
            target=None if isinstance(target, Unset) else target,
            details=None if isinstance(details, Unset) else details,
            inner_error=None if isinstance(inner_error, Unset) else inner_error,
        )
        if target is None:
            main_error._opstatus_nulls = frozenset(
                _wire for _wire, _value in (("target", target),) if _value is None
            )

        main_error.additional_properties = d
        return main_error

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
