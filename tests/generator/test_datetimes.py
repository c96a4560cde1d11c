"""Date-times without a zone (Graph's own example, DECISION G2) parse instead of failing.

The generated client uses ``datetime.fromisoformat`` (upstream PR #1429), which returns a *naive*
datetime for ``2023-03-09T08:12:53``; the overrides read naive values as UTC (overrides/PATCHES.md). The
emulator models use ``--output-datetime-class datetime`` because pydantic's default AwareDatetime
rejects them (datamodel-code-generator PR #1735, issues #1944/#1996).
"""

from __future__ import annotations

import datetime

from opstatus._generated.graph_billing import emulator_models
from opstatus._generated.graph_billing.models import RunningOperation

BODY = {
    "@odata.type": "#microsoft.graph.partners.billing.runningOperation",
    "id": "1",
    "status": "running",
    "createdDateTime": "2023-03-09T08:12:53",
    "lastActionDateTime": "2023-03-09T08:37:48.5046691Z",
}


def test_a_zone_less_date_time_parses_as_a_naive_datetime_with_the_same_wall_time() -> None:
    parsed = RunningOperation.from_dict(BODY)

    assert parsed.created_date_time == datetime.datetime(2023, 3, 9, 8, 12, 53)
    assert isinstance(parsed.created_date_time, datetime.datetime)
    assert parsed.created_date_time.tzinfo is None


def test_a_z_date_time_with_seven_fraction_digits_parses_as_utc() -> None:
    parsed = RunningOperation.from_dict(BODY)

    assert parsed.last_action_date_time == datetime.datetime(
        2023, 3, 9, 8, 37, 48, 504669, tzinfo=datetime.UTC
    )


def test_the_emulator_model_accepts_a_zone_less_date_time() -> None:
    model = emulator_models.RunningOperation.model_validate(BODY)

    assert model.created_date_time == datetime.datetime(2023, 3, 9, 8, 12, 53)
