"""Follow-through across incidents: rows, filters, completion rate, overdue count, CSV."""

from __future__ import annotations

import csv
import io

from pmtui.analysis.followup import (
    ActionFilter,
    action_rows,
    filter_rows,
    followup_stats,
    row_dict,
)
from pmtui.export.actions_csv import CSV_COLUMNS, actions_csv
from pmtui.model.enums import ActionType
from tests.followup_support import TODAY, three


def keys(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.key for row in rows]


def test_every_action_of_every_postmortem_with_its_postmortem() -> None:
    rows = action_rows(three(), TODAY)
    assert len(rows) == 8
    assert keys(rows)[5:] == ["pm-db/b1", "pm-db/b2", "pm-db/b3"]
    assert {row.postmortem_id for row in rows} == {"pm-2025-03-19-api-tls", "pm-db"}
    assert rows[5].postmortem_title == "Primary database failover, writes refused"
    assert rows[5].severity.value == "SEV1"


def test_figures_at_a_glance() -> None:
    stats = followup_stats(action_rows(three(), TODAY))
    assert (stats.total, stats.done, stats.wont_do, stats.open, stats.overdue) == (8, 2, 1, 5, 2)
    # Done out of the items still meant to be done: won't-do is left out.
    assert stats.completion_rate == 2 / 7
    assert stats.completion_label() == "29%"


def test_no_actions_has_no_rate() -> None:
    stats = followup_stats([])
    assert stats.completion_rate is None
    assert stats.completion_label() == "—"


def test_overdue_is_open_and_past_due() -> None:
    rows = filter_rows(action_rows(three(), TODAY), ActionFilter(overdue_only=True))
    assert keys(rows) == [
        "pm-2025-03-19-api-tls/act-edge-probe",
        "pm-2025-03-19-api-tls/act-rotation-check",
    ]
    # Due today is not overdue yet; the won't-do item past its date is not overdue either.
    assert not any(r.overdue for r in action_rows(three(), TODAY) if r.action.id in {"b2", "b3"})


def test_filters() -> None:
    rows = action_rows(three(), TODAY)
    assert len(filter_rows(rows, ActionFilter(open_only=True))) == 5
    assert keys(filter_rows(rows, ActionFilter(owner="jonas"))) == [
        "pm-2025-03-19-api-tls/act-renewal-alert",
        "pm-db/b1",
    ]
    assert keys(filter_rows(rows, ActionFilter(postmortem="pm-db"))) == [
        "pm-db/b1",
        "pm-db/b2",
        "pm-db/b3",
    ]
    detect = filter_rows(rows, ActionFilter(kind=ActionType.DETECT))
    assert keys(detect) == [
        "pm-2025-03-19-api-tls/act-renewal-alert",
        "pm-2025-03-19-api-tls/act-edge-probe",
        "pm-db/b1",
    ]
    both = ActionFilter(open_only=True, owner="ana")
    assert keys(filter_rows(rows, both)) == ["pm-db/b3"]
    assert both.active and not ActionFilter().active


def test_row_dict_names_match_the_csv_header() -> None:
    row = action_rows(three(), TODAY)[5]
    assert tuple(row_dict(row)) == CSV_COLUMNS
    assert row_dict(row)["completed_on"] == "2025-04-09"


def test_csv_is_rfc_4180() -> None:
    text = actions_csv(action_rows(three(), TODAY))
    lines = text.split("\r\n")
    assert lines[0] == (
        "id,postmortem_id,postmortem_title,text,owner,due,priority,type,status,tracker,"
        "completed_on,overdue,verified_on,verified_how,unverified"
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert lines[8] == (
        'b3,pm-db,"Primary database failover, writes refused",'
        '"Run a quarterly failover drill, with a runbook",Ana Silva,2025-04-25,,process,'
        'open,"DB-7, ""drills""",,false,,,false'
    )
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert len(parsed) == 9
    assert parsed[8][9] == 'DB-7, "drills"'
    assert [row[11] for row in parsed[1:]].count("true") == 2


def test_csv_of_nothing_is_just_the_header() -> None:
    assert actions_csv([]) == ",".join(CSV_COLUMNS) + "\r\n"
