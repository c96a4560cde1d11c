from typing import Any, Literal
from urllib.parse import quote

from ...types import UNSET, Unset


def _get_kwargs(
    publisher_id: str,
    offer_id: str,
    *,
    api_version: Literal["2017-10-31"] = "2017-10-31",
    status: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["api-version"] = api_version

    params["status"] = status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/publishers/{publisher_id}/offers/{offer_id}/operations".format(
            publisher_id=quote(str(publisher_id), safe=""),
            offer_id=quote(str(offer_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs
