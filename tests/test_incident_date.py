"""The incident date's own reader: a day in the past, and a refusal that names its forms
(mock meeting 14: it suggested the deadline forms "+3d, +2w, +1mo, tomorrow or next friday")."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.model.errors import ValidationError
from pmtui.model.times import parse_incident_date

THURSDAY = date(2025, 3, 20)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-07-08", date(2022, 7, 8)),
        ("today", THURSDAY),
        (" Yesterday ", date(2025, 3, 19)),
        ("-3d", date(2025, 3, 17)),
        ("3 days ago", date(2025, 3, 17)),
        ("1 day ago", date(2025, 3, 19)),
        ("-2w", date(2025, 3, 6)),
        ("2 weeks ago", date(2025, 3, 6)),
        ("last friday", date(2025, 3, 14)),
        ("monday", date(2025, 3, 17)),
        ("last thursday", date(2025, 3, 13)),  # the latest before today, not today
    ],
)
def test_incident_dates_read_days_in_the_past(text: str, day: date) -> None:
    assert parse_incident_date(text, THURSDAY) == day


@pytest.mark.parametrize("text", ["the 21st", "+3d", "tomorrow", "next friday", "-2mo"])
def test_a_refused_incident_date_names_the_forms_of_a_past_day(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_incident_date(text, THURSDAY)
    message = caught.value.message
    assert caught.value.where == "incident_date"
    assert message.startswith(f"{text!r} is not a date; use YYYY-MM-DD, yesterday")
    for deadline_form in ("+3d", "+2w", "+1mo", "tomorrow", "next friday"):
        assert deadline_form not in message.removeprefix(f"{text!r}")
    for form in ("-3d", "-2w", "last friday"):  # each is read (above)
        assert form in message


def test_an_incident_date_out_of_range_is_refused() -> None:
    with pytest.raises(ValidationError, match="out of range"):
        parse_incident_date("-99999999d", THURSDAY)
    with pytest.raises(ValidationError, match="not a real date"):
        parse_incident_date("2022-02-30", THURSDAY)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("June 8 2021", date(2021, 6, 8)),
        ("8 Jun 2021", date(2021, 6, 8)),
        ("June 8, 2021", date(2021, 6, 8)),
        ("sept. 30, 2019", date(2019, 9, 30)),
    ],
)
def test_a_date_with_its_month_by_name_is_read(typed: str, day: date) -> None:
    """Mock 37b: "June 8 2021", the date as the public write-up gave it, was refused."""
    assert parse_incident_date(typed, date(2026, 12, 7)) == day


@pytest.mark.parametrize("typed", ["07/02/2019", "June 31 2021", "Ju 8 2021", "Jun 2021"])
def test_an_ambiguous_or_impossible_named_date_is_still_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="is not a date"):
        parse_incident_date(typed, date(2026, 12, 7))
