from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blob import Blob


T = TypeVar("T", bound="Manifest")


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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blob import Blob  # noqa: PLC0415

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

        _created_date_time = d.pop("createdDateTime", UNSET)
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
