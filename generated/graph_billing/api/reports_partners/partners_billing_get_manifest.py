from typing import Any
from urllib.parse import quote


def _get_kwargs(
    manifest_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/partners/billing/manifests/{manifest_id}".format(
            manifest_id=quote(str(manifest_id), safe=""),
        ),
    }

    return _kwargs
