"""`pmtui remind`: open action items overdue or due within N days, grouped by owner, as
Markdown for a chat or as an iCalendar file (parsed back with the icalendar library, whose
parser enforces RFC 5545's required properties); exit code 0 whatever is overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from pmtui.model.enums import ActionStatus
from pmtui.store import PostMortemStore
from tests.followup_support import sample
from tests.trackers_support import SAMPLE_ID


@pytest.fixture
def db(tmp_path: Path) -> Path:
    today = datetime.now(UTC).date()
    pm = sample()
    a, b, c, d, e = pm.actions
    actions = (
        replace(a, owner="Jonas Weber", due=today - timedelta(days=3), status=ActionStatus.OPEN,
                completed_on=None),
        replace(b, owner="Mateo Alvarez", due=today + timedelta(days=2)),
        replace(c, owner="Lena Hoffmann", due=today + timedelta(days=20)),
        replace(d, owner="Sam Okafor", due=today - timedelta(days=9), status=ActionStatus.DONE,
                completed_on=today),
        replace(e, owner="", due=today),
    )  # fmt: skip
    path = tmp_path / "pm.json"
    with PostMortemStore.open(path) as store:
        store.create(replace(pm, actions=actions))
    return path


def test_markdown_groups_overdue_and_soon_due_items_by_owner(run_pmtui, db: Path) -> None:
    result = run_pmtui("remind", "--db", db)
    assert result.code == 0, result.err
    text = result.out
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## (no owner)", "## Jonas Weber", "## Mateo Alvarez"]
    assert "3 open action items, 1 overdue." in text
    assert "- **overdue by 3 days**" in text
    assert "- **due today**" in text
    assert "- due in 2 days" in text
    assert "Lena Hoffmann" not in text  # due in 20 days
    assert "Sam Okafor" not in text  # done
    assert f"(`{SAMPLE_ID}/act-renewal-alert`, OPS-1423)" in text


def test_days_and_owner_narrow_the_list(run_cli, db: Path) -> None:
    wide = run_cli("remind", "--db", db, "--days", "30").out
    assert "## Lena Hoffmann" in wide
    one = run_cli("remind", "--db", db, "--owner", "mateo").out
    assert [line for line in one.splitlines() if line.startswith("## ")] == ["## Mateo Alvarez"]
    assert "1 open action item, 0 overdue." in one  # one item is not "items" (mock 31b)
    none = run_cli("remind", "--db", db, "--owner", "nobody")
    assert none.code == 0
    assert "Nothing overdue or due soon." in none.out


@pytest.mark.parametrize("days", ["-1", "x", "99999"])
def test_bad_days_is_a_usage_error(run_cli, db: Path, days: str) -> None:
    result = run_cli("remind", "--db", db, "--days", days)
    assert result.code == 2
    assert "--days" in result.err


def test_ics_is_a_valid_calendar_with_stable_uids(run_cli, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "due.ics"
    result = run_cli("remind", "--db", db, "--format", "ics", "-o", out)
    assert result.code == 0, result.err
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545 folding
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//pmtui//pmtui remind//EN"
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event)
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)  # all-day
    uids = sorted(str(event["UID"]) for event in events)
    assert f"{SAMPLE_ID}-act-renewal-alert@pmtui" in uids
    overdue = next(e for e in events if str(e["UID"]).endswith("act-renewal-alert@pmtui"))
    assert str(overdue["SUMMARY"]).startswith("OVERDUE: ")
    # A second run (a day later, a changed text) keeps every UID: re-imports update.
    again = Calendar.from_ical(run_cli("remind", "--db", db, "--format", "ics").out.encode())
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == uids


def test_ics_links_each_event_to_the_document(run_cli, db: Path) -> None:
    result = run_cli(
        "remind", "--db", db, "--format", "ics", "--link-base", "https://docs.example.com/pm"
    )
    events = Calendar.from_ical(result.out.encode()).walk("VEVENT")
    assert {str(e["URL"]) for e in events} == {f"https://docs.example.com/pm/{SAMPLE_ID}.md"}


def test_hostile_text_stays_text_in_both_formats(run_cli, tmp_path: Path) -> None:
    pm = sample()
    hostile = "Fix it\r\nBEGIN:VEVENT\r\nUID:evil ## [x](javascript:alert(1)) <b>"
    action = replace(pm.actions[1], text=hostile.replace("\r\n", " "), owner="# Mallory")
    db = tmp_path / "pm.json"
    with PostMortemStore.open(db) as store:
        store.create(replace(pm, actions=(action,)))
    ics = run_cli("remind", "--db", db, "--days", "3660", "--format", "ics").out
    events = Calendar.from_ical(ics.encode()).walk("VEVENT")
    assert len(events) == 1
    assert ics.count("\r\nBEGIN:VEVENT\r\n") == 1  # the text never starts a line
    md = run_cli("remind", "--db", db, "--days", "3660").out
    assert "\n## # Mallory\n" in md  # a heading whose text is "# Mallory"
    assert "<b>" not in md
