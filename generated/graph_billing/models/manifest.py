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
        odata_type (str | Unset):
        blob_count (int | Unset):
        blobs (list[Blob] | Unset):
        created_date_time (datetime.datetime | Unset):
        data_format (str | Unset):
        e_tag (str | Unset):
        partition_type (str | Unset):
        partner_tenant_id (str | Unset):
        root_directory (str | Unset):
        sas_token (str | Unset):
        schema_version (str | Unset):
    """

    id: str
    odata_type: str | Unset = UNSET
    blob_count: int | Unset = UNSET
    blobs: list[Blob] | Unset = UNSET
    created_date_time: datetime.datetime | Unset = UNSET
    data_format: str | Unset = UNSET
    e_tag: str | Unset = UNSET
    partition_type: str | Unset = UNSET
    partner_tenant_id: str | Unset = UNSET
    root_directory: str | Unset = UNSET
    sas_token: str | Unset = _attrs_field(default=UNSET, repr=_redacted)
    schema_version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_type = self.odata_type

        blob_count = self.blob_count

        blobs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.blobs, Unset):
            blobs = []
            for blobs_item_data in self.blobs:
                blobs_item = blobs_item_data.to_dict()
                blobs.append(blobs_item)

        created_date_time: str | Unset = UNSET
        if not isinstance(self.created_date_time, Unset):
            created_date_time = self.created_date_time.isoformat()

        data_format = self.data_format

        e_tag = self.e_tag

        partition_type = self.partition_type

        partner_tenant_id = self.partner_tenant_id

        root_directory = self.root_directory

        sas_token = self.sas_token

        schema_version = self.schema_version

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

        odata_type = d.pop("@odata.type", UNSET)

        blob_count = d.pop("blobCount", UNSET)

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

        data_format = d.pop("dataFormat", UNSET)

        e_tag = d.pop("eTag", UNSET)

        partition_type = d.pop("partitionType", UNSET)

        partner_tenant_id = d.pop("partnerTenantId", UNSET)

        root_directory = d.pop("rootDirectory", UNSET)

        sas_token = d.pop("sasToken", UNSET)

        schema_version = d.pop("schemaVersion", UNSET)

        manifest = cls(
            id=id,
            odata_type=odata_type,
            blob_count=blob_count,
            blobs=blobs,
            created_date_time=created_date_time,
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
