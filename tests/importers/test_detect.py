"""Format auto-detection, and bad input refused with one clear sentence."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

import pmtui.importers.source as source_module
from pmtui.importers import FORMATS, LABELS, ImporterError, detect, read_evidence
from tests.importers.conftest import FIXTURES, SLACK_EXPORT


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("pagerduty_log_entries.json", "pagerduty"),
        ("pagerduty_log_entries_pages.json", "pagerduty"),
        ("alertmanager_webhook.json", "alertmanager"),
        ("alertmanager_webhook_deliveries.jsonl", "alertmanager"),
        ("alertmanager_webhook_array.json", "alertmanager"),
        ("grafana_webhook.json", "grafana"),
        ("grafana_webhook_deliveries.json", "grafana"),
        ("opsgenie_alert_logs.json", "opsgenie"),
        ("timeline_spreadsheet.csv", "csv"),
        ("timeline_semicolon.csv", "csv"),
        ("app.log", "log"),
        ("syslog.log", "log"),
        ("epoch.log", "log"),
        ("slack_export", "slack"),
        ("slack_export/inc-auth-outage", "slack"),
        ("slack_export/ops-alerts/2025-03-11.json", "slack"),
    ],
)
def test_every_fixture_is_detected(name: str, fmt: str) -> None:
    assert detect(FIXTURES / name) == fmt
    assert read_evidence(FIXTURES / name, tz="UTC").format == fmt


def test_a_zip_is_detected_as_slack(slack_zip: Path) -> None:
    assert detect(slack_zip) == "slack"


def test_bytes_are_detected_the_same_as_the_file() -> None:
    for path in sorted(FIXTURES.glob("*.*[a-z]")):
        if path.name.startswith("."):
            continue
        assert detect(path.read_bytes()) == detect(path), path


def test_json_of_no_known_shape_says_what_it_tried() -> None:
    with pytest.raises(ImporterError) as error:
        read_evidence(b'{"incident": {"id": 1}}', name="incident.json")
    assert str(error.value) == (
        "could not tell the format of incident.json: it looks like JSON but matches none of "
        "PagerDuty log entries, Opsgenie alert logs, Alertmanager or Grafana webhook bodies, or "
        "a Slack day file; use --format"
    )


def test_text_of_no_known_shape_says_what_it_tried() -> None:
    with pytest.raises(ImporterError, match=r"could not tell the format of notes\.txt: it is text"):
        read_evidence(b"We rolled back at about two.\nThen it was fine.\n", name="notes.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x is empty"),
        (b" \n\r\n\t", "x is empty"),
        (b"\xef\xbb\xbf\n", "x is empty"),
        (
            gzip.compress(b"2025-03-11T14:00:00Z hi\n", mtime=0),
            "x is gzip-compressed; unpack it first",
        ),
        ("time,event\n".encode("utf-16"), "x is UTF-16 text; save it as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x is a binary file"),
        (b"time,event\n2025-03-11,caf\xe9\n", "x is not UTF-8 text (byte 25)"),
        (b'{"log_entries": [', "x is not valid JSON (it ends too early, truncated?"),
        (b"[1, 2,, 3]", "x is not valid JSON ("),
    ],
)
def test_unusable_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ImporterError) as error:
        read_evidence(data, name="x")
    assert message in str(error.value)
    for fmt in FORMATS:  # asked for by name: refused as a whole, or every line rejected
        try:
            result = read_evidence(data, format=fmt, name="x")
        except ImporterError as refused:
            assert str(refused).startswith("x")
        else:
            assert fmt == "log" and result.events == () and result.rejected


def test_a_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_module, "MAX_BYTES", 1000)
    big = tmp_path / "big.log"
    big.write_bytes(b"2025-03-11T14:00:00Z line\n" * 100)
    with pytest.raises(ImporterError, match=r"big.log is 2600 bytes; pmtui reads evidence up to"):
        read_evidence(big)


def test_a_missing_file_and_a_folder_that_is_not_an_export(tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match=r"nope\.json: no such file"):
        read_evidence(tmp_path / "nope.json", name="nope.json")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ImporterError, match="is a folder but not a Slack export"):
        read_evidence(tmp_path)
    with pytest.raises(ImporterError, match="is a folder; only a Slack export can be a folder"):
        read_evidence(tmp_path, format="csv")


def test_the_wrong_format_asked_for_is_refused_or_rejected_clearly() -> None:
    with pytest.raises(ImporterError, match="is not PagerDuty log entries"):
        read_evidence(FIXTURES / "alertmanager_webhook.json", format="pagerduty")
    with pytest.raises(ImporterError, match="the CSV header has no time column"):
        read_evidence(FIXTURES / "app.log", format="csv")
    with pytest.raises(
        ImporterError, match=r"app\.log is not Grafana alerting webhook bodies: it is not JSON"
    ):
        read_evidence(FIXTURES / "app.log", format="grafana", name="app.log")
    with pytest.raises(ImporterError, match="is not a Slack export"):
        read_evidence(FIXTURES / "app.log", format="slack")
    result = read_evidence(FIXTURES / "timeline_spreadsheet.csv", format="log")
    assert result.rejected[0] == ("line 1", "no time at the start of the line")


def test_slack_options_on_another_format_are_refused() -> None:
    with pytest.raises(ImporterError, match="--channel only applies to a Slack export; "):
        read_evidence(FIXTURES / "app.log", channel="ops")
    with pytest.raises(ImporterError, match="--key-only only applies to a Slack export"):
        read_evidence(FIXTURES / "app.log", key_only=True)


def test_bad_options() -> None:
    with pytest.raises(ImporterError, match="'Mars/Olympus' is not a known timezone"):
        read_evidence(FIXTURES / "app.log", tz="Mars/Olympus")
    with pytest.raises(ImporterError, match="'xml' is not a format"):
        read_evidence(FIXTURES / "app.log", format="xml")
    with pytest.raises(ImporterError, match="since needs a time with a UTC offset"):
        read_evidence(FIXTURES / "app.log", since=datetime(2025, 3, 11))


def test_since_and_until_keep_a_window_and_count_the_rest() -> None:
    result = read_evidence(
        FIXTURES / "pagerduty_log_entries.json",
        since=datetime(2025, 3, 11, 14, 5, 12, tzinfo=UTC),
        until=datetime(2025, 3, 11, 14, 16, tzinfo=UTC),
    )
    assert [e.at.strftime("%H:%M:%S") for e in result.events] == [
        "14:05:12",
        "14:10:03",
        "14:12:40",
        "14:12:41",
        "14:15:40",
        "14:16:00",
    ]
    assert result.outside == 5


def test_every_format_has_a_label() -> None:
    assert set(LABELS) == set(FORMATS)


def test_the_slack_folder_fixture_exists() -> None:
    assert (SLACK_EXPORT / "users.json").is_file()
