"""`pmtui timeline import`: counts, reasons, --dry-run, options, and one-line errors."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest

from pmtui.cli.timeline import FORMAT_CHOICES
from pmtui.importers import FORMATS
from pmtui.store import PostMortemStore
from tests.importers.conftest import FIXTURES, SLACK_EXPORT


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pm.json"


@pytest.fixture
def pm_id(run_cli, db: Path) -> str:
    result = run_cli(
        "new", "Auth outage", "--timezone", "America/New_York", "--date", "2025-03-11", "--db", db
    )
    assert result.code == 0, result
    return result.out.strip()


def timeline(db: Path, pm_id: str):
    with PostMortemStore.open(db, read_only=True) as reader:
        return reader.load(pm_id).events


def one_line_error(result) -> str:
    assert result.code == 1, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pmtui: error: "), result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    return lines[0]


def test_the_cli_offers_exactly_the_importers_formats() -> None:
    assert ("auto", *FORMATS) == FORMAT_CHOICES


def test_import_prints_added_duplicates_and_rejected(run_cli, db: Path, pm_id: str) -> None:
    path = FIXTURES / "pagerduty_log_entries_pages.json"
    result = run_cli("timeline", "import", pm_id, path, "--db", db)
    assert result.code == 0, result
    assert result.out.splitlines() == [
        f"{path} (PagerDuty log entries): 11 added, 0 skipped as duplicates, 0 rejected "
        f"for {pm_id}.",
        "note: 1 log entries appeared on two pages; read once",
    ]
    assert result.err == ""
    assert len(timeline(db, pm_id)) == 11
    again = run_cli("timeline", "import", pm_id, path, "--db", db)
    assert again.out.splitlines()[0].endswith(
        f"0 added, 11 skipped as duplicates, 0 rejected for {pm_id}."
    )
    assert len(timeline(db, pm_id)) == 11


def test_rejections_are_listed_with_their_reasons(run_cli, db: Path, pm_id: str) -> None:
    path = FIXTURES / "timeline_spreadsheet.csv"
    result = run_cli("timeline", "import", pm_id, path, "--db", db)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == (
        f"{path} (CSV with a time and a text column): 7 added, 0 skipped as duplicates, "
        f"2 rejected for {pm_id}."
    )
    assert lines[1].startswith("rejected line 10: 'yesterday' is not a time pmtui reads")
    assert lines[2] == "rejected line 11: no text"
    # Naive spreadsheet times default to the post-mortem's zone, and the user is told.
    assert "note: 7 times without a UTC offset read in America/New_York" in lines
    assert timeline(db, pm_id)[0].at.isoformat() == "2025-03-11T13:58:00+00:00"


def test_tz_overrides_the_post_mortems_zone(run_cli, db: Path, pm_id: str) -> None:
    path = FIXTURES / "timeline_spreadsheet.csv"
    result = run_cli("timeline", "import", pm_id, path, "--tz", "Europe/Berlin", "--db", db)
    assert "note: 7 times without a UTC offset read in Europe/Berlin" in result.out
    assert timeline(db, pm_id)[0].at.isoformat() == "2025-03-11T08:58:00+00:00"


def test_dry_run_shows_what_would_be_added_and_writes_nothing(
    run_cli, db: Path, pm_id: str
) -> None:
    path = FIXTURES / "alertmanager_webhook_deliveries.jsonl"
    run_cli("timeline", "import", pm_id, FIXTURES / "alertmanager_webhook.json", "--db", db)
    before = db.read_bytes()
    result = run_cli("timeline", "import", pm_id, path, "--dry-run", "--db", db)
    assert result.code == 0, result
    assert db.read_bytes() == before
    lines = result.out.splitlines()
    assert lines[0] == "Would add (times in America/New_York):"
    assert lines[1] == (
        "  2025-03-11 10:20:10  note          alertmanager Resolved: AuthLatencyHigh "
        "(instance=auth-2:9100) — p99 login latency above 2s on auth-2:9100 → identity-pager"
    )
    assert len(lines) == 5
    assert lines[-1] == (
        f"{path} (Alertmanager webhook bodies), dry run: 3 would be added, 2 skipped as "
        f"duplicates, 0 rejected for {pm_id}; nothing was written."
    )


def test_slack_export_with_channel_and_key_moments(run_cli, db: Path, pm_id: str) -> None:
    result = run_cli(
        "timeline", "import", pm_id, SLACK_EXPORT, "--channel", "#inc-auth-outage",
        "--key-reaction", "white_check_mark", "--key-only", "--db", db,
    )  # fmt: skip
    assert result.code == 0, result
    assert "2 added" in result.out
    assert [e.text for e in timeline(db, pm_id)] == [
        "Alice Chen: Rolling back auth-service to v2.41 now",
        "Bob Okafor: Latency back under 300 ms on both instances",
    ]


def test_since_and_until_in_the_post_mortems_zone(run_cli, db: Path, pm_id: str) -> None:
    path = FIXTURES / "pagerduty_log_entries.json"
    result = run_cli(
        "timeline", "import", pm_id, path, "--since", "10:05", "--until", "2025-03-11 10:16",
        "--db", db,
    )  # fmt: skip
    assert result.code == 0, result
    assert "6 added, 0 skipped as duplicates, 0 rejected, 5 outside --since/--until" in result.out
    assert len(timeline(db, pm_id)) == 6


def test_the_window_stays_in_the_post_mortems_zone_whatever_tz_says(
    run_cli, db: Path, pm_id: str
) -> None:
    path = FIXTURES / "pagerduty_log_entries.json"
    argv = ["--since", "10:05", "--until", "10:16", "--tz", "Asia/Tokyo", "--db", db]
    result = run_cli("timeline", "import", pm_id, path, *argv)
    assert "6 added" in result.out


def test_stdin(run_cli, db: Path, pm_id: str) -> None:
    data = (FIXTURES / "grafana_webhook_deliveries.json").read_bytes()
    result = run_cli("timeline", "import", pm_id, "-", "--db", db, stdin=data)
    assert result.out.startswith("stdin (Grafana alerting webhook bodies): 2 added")


def test_syslog_gets_the_incident_year(run_cli, db: Path, pm_id: str) -> None:
    result = run_cli("timeline", "import", pm_id, FIXTURES / "syslog.log", "--db", db)
    assert result.code == 0, result
    assert timeline(db, pm_id)[0].at.isoformat() == "2025-03-11T14:02:17+00:00"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["alertmanager_webhook.json", "--format", "pagerduty"], "is not PagerDuty log entries"),
        (["app.log", "--channel", "ops"], "--channel only applies to a Slack export"),
        (["app.log", "--tz", "Mars/Base"], "--tz: 'Mars/Base' is not a known timezone"),
        (["app.log", "--since", "someday"], "--since: 'someday' is not a time"),
        (["missing.log"], "missing.log: no such file"),
        (["slack_export", "--channel", "random"], "has no channel 'random'; it has: "),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_database(
    run_cli, db: Path, pm_id: str, argv: list[str], fragment: str
) -> None:
    before = db.read_bytes()
    result = run_cli("timeline", "import", pm_id, FIXTURES / argv[0], *argv[1:], "--db", db)
    assert fragment in one_line_error(result)
    assert db.read_bytes() == before


def test_a_file_where_every_record_is_rejected_is_an_error(
    run_cli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("time,event\nlater,one\nsoon,two\n")
    before = db.read_bytes()
    line = one_line_error(run_cli("timeline", "import", pm_id, bad, "--db", db))
    assert line == (
        f"pmtui: error: {bad} (CSV with a time and a text column): none of its 2 records could "
        "be imported (first: line 2: 'later' is not a time pmtui reads; use ISO-8601 such as "
        "2025-03-11 14:02:17 (with an offset, or give --tz) or epoch seconds)"
    )
    assert db.read_bytes() == before


def test_an_unknown_post_mortem(run_cli, db: Path, pm_id: str) -> None:
    line = one_line_error(run_cli("timeline", "import", "nope", FIXTURES / "app.log", "--db", db))
    assert "no post-mortem with id 'nope'" in line


def test_many_rejections_are_cut_short(run_cli, db: Path, pm_id: str, tmp_path: Path) -> None:
    (tmp_path / "bad.log").write_text(
        "2025-03-11T14:00:00Z ok\n" + "".join(f"2025-02-30T14:00:{n:02d}Z x\n" for n in range(30))
    )
    result = run_cli("timeline", "import", pm_id, tmp_path / "bad.log", "--db", db)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert sum(line.startswith("rejected line") for line in lines) == 20
    assert "... and 10 more rejected" in lines


def test_help_names_every_option(run_cli) -> None:
    result = run_cli("timeline", "import", "--help")
    assert result.code == 0
    for option in ("--format", "--tz", "--channel", "--since", "--until", "--dry-run"):
        assert option in result.out
    assert re.search(r"\{auto,pagerduty,slack,alertmanager,grafana,opsgenie,csv,log\}", result.out)


def test_timeline_without_an_action_is_a_usage_error(run_cli) -> None:
    assert run_cli("timeline").code == 2


def test_in_a_real_process_with_a_slack_zip(run_pmtui, db: Path, pm_id: str, slack_zip) -> None:
    result = run_pmtui("timeline", "import", pm_id, slack_zip, "--db", db)
    assert result.code == 0, result
    assert "10 added" in result.out
    exported = run_pmtui("export", pm_id, "--format", "json", "--db", db)
    originals = [e["original"] for e in orjson.loads(exported.out)["timeline"]]
    assert originals[0].startswith("1741701635.000200 #ops-alerts Alertmanager: ")


def test_keep_values_keeps_grafanas_query_values_and_is_refused_elsewhere(
    run_cli, db: Path, pm_id: str
) -> None:
    grafana = FIXTURES / "grafana_webhook_deliveries.json"
    plain = run_cli("timeline", "import", pm_id, grafana, "--dry-run", "--db", db)
    assert plain.code == 0, plain
    assert "[B=912.4, C=1]" not in plain.out
    kept = run_cli("timeline", "import", pm_id, grafana, "--keep-values", "--dry-run", "--db", db)
    assert "[B=912.4, C=1]" in kept.out
    refused = run_cli(
        "timeline", "import", pm_id, FIXTURES / "alertmanager_webhook.json", "--keep-values",
        "--db", db,
    )  # fmt: skip
    assert "--keep-values only applies to Grafana webhook bodies" in one_line_error(refused)


def test_a_link_too_long_for_the_model_is_left_out_not_the_whole_import(
    run_cli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    body = orjson.loads((FIXTURES / "alertmanager_webhook.json").read_bytes())
    body["alerts"][0]["generatorURL"] = "http://prometheus.example.com/graph?g0.expr=" + "x" * 3000
    path = tmp_path / "long.json"
    path.write_bytes(orjson.dumps(body))
    result = run_cli("timeline", "import", pm_id, path, "--db", db)
    assert result.code == 0, result
    assert "note: 1 link longer than 2,000 characters left out of the events" in result.out
    links = [event.link for event in timeline(db, pm_id)]
    assert links[0] == "" and links[1].startswith("http://prometheus.example.com:9090/graph?")


def test_a_line_without_a_time_mid_file_is_rejected_and_indented_ones_are_counted(
    run_cli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    """Mock meeting 14: a flush-left line without a time after an event was hidden in that
    event's original; now it is rejected with its line, and an indented one joins visibly."""
    (tmp_path / "rtr.log").write_text(
        "2025-03-11 04:43:10 core-rtr-01 BGP routes exceeded threshold\n"
        "2025-03-11 04:44:10 noc paged\n"
        "this line has no time at all\n"
        "2025-03-11 04:50:00 rollback started\n"
        "    on core-rtr-01 and core-rtr-02\n"
    )
    result = run_cli("timeline", "import", pm_id, tmp_path / "rtr.log", "--db", db)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0].endswith(f"3 added, 0 skipped as duplicates, 1 rejected for {pm_id}.")
    assert "rejected line 3: no time at the start of the line" in lines
    assert (
        "note: 1 line joined to the line above (indented, or part of a stack trace): "
        'their event\'s text shows them after "/"'
    ) in lines
    assert [event.text for event in timeline(db, pm_id)] == [
        "core-rtr-01 BGP routes exceeded threshold",
        "noc paged",
        "rollback started / on core-rtr-01 and core-rtr-02",
    ]
