"""One moment, several sources, in a post-mortem: import, split and undo, the pmtui/1 form,
the stored file, the merge driver, the Markdown row and `pmtui timeline import`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmtui.analysis.metrics import compute_metrics
from pmtui.export.markdown import export_markdown
from pmtui.importers import read_evidence
from pmtui.merge.postmortem import merge_documents
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import EventKind
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
EVIDENCE = Path(__file__).resolve().parent / "data" / "evidence"
PAGE = ("pagerduty_log_entries.json", "slack_export", "alertmanager_webhook_deliveries.jsonl")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "postmortems.json"


@pytest.fixture
def service(db: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(db) as store:
        yield PostMortemService(store, clock=lambda: NOW)


def on_disk(db: Path, pm_id: str) -> PostMortem:
    with PostMortemStore.open(db, read_only=True) as reader:
        return reader.load(pm_id)


def imported(service: PostMortemService, *names: str) -> PostMortem:
    pm = service.create("Login errors", timezone="Europe/Lisbon", incident_date="2025-03-11")
    for name in names:
        pm = service.import_evidence(pm, read_evidence(EVIDENCE / name, tz="UTC").events).pm
    return pm


def page_row(pm: PostMortem):
    return next(e for e in pm.events if len(e.seen_in) > 1 and "AuthErrorRateHigh" in e.text)


def test_the_page_seen_three_ways_is_one_row_keeping_every_record(service, db) -> None:
    pm = imported(service, *PAGE)
    row = page_row(pm)
    assert [r.source for r in row.seen_in] == ["alertmanager", "alertmanager", "pagerduty", "slack"]
    assert row.at == min(r.at for r in row.seen_in)  # the earliest instant
    assert row.text.startswith("Firing: AuthErrorRateHigh")
    assert row.sources == ("alertmanager", "pagerduty", "slack")
    assert on_disk(db, pm.id) == pm  # the records are saved and read back
    assert len(pm.events) == 22 - 5  # 22 records, 5 merged into rows


def test_importing_a_file_again_adds_nothing_even_when_its_records_were_merged(service) -> None:
    pm = imported(service, *PAGE)
    again = service.import_evidence(pm, read_evidence(EVIDENCE / PAGE[2], tz="UTC").events)
    assert (again.added, again.duplicates, again.pm.events) == (0, 5, pm.events)


def test_without_grouping_every_record_is_a_row(service) -> None:
    pm = service.create("Login errors")
    for name in PAGE:
        events = read_evidence(EVIDENCE / name, tz="UTC").events
        pm = service.import_evidence(pm, events, group=False).pm
    assert len(pm.events) == 22 and not any(e.seen_in for e in pm.events)


def test_metrics_take_a_groups_earliest_instant(service) -> None:
    pm = imported(service, "slack_export", "opsgenie_alert_logs.json", "timeline.csv")
    resolved = [e for e in pm.events if e.kind is EventKind.RESOLVED]
    assert len(resolved) == 1 and len(resolved[0].seen_in) == 3
    assert resolved[0].at == datetime(2025, 3, 11, 14, 40, tzinfo=UTC)
    assert compute_metrics(pm.events).milestones.resolved == resolved[0].at


def test_split_gives_each_record_back_and_undo_restores_the_row(service, db) -> None:
    pm = imported(service, *PAGE)
    row = page_row(pm)
    pm = service.edit_event(pm, row.id, text="The page: auth error rate above 5%")
    change = service.run(pm, lambda pm: service.split_event(pm, row.id)[0])
    split = change.after
    assert change.label.startswith("split event 'The page: auth error rate")
    assert len(split.events) == len(pm.events) + len(row.seen_in) - 1
    kept = split.event(row.id)  # the record shown keeps the id and the author's text
    assert kept.text == "The page: auth error rate above 5%" and not kept.seen_in
    records = {(r.at, r.source, r.original) for r in row.seen_in}
    assert {(e.at, e.source, e.original) for e in split.events} >= records
    assert on_disk(db, pm.id) == split
    restored = service.revert(split, change.before)
    assert restored.events == pm.events and on_disk(db, pm.id).events == pm.events


def test_a_row_seen_once_cannot_be_split(service) -> None:
    pm = imported(service, "timeline.csv")
    with pytest.raises(ValidationError, match="one source only"):
        service.split_event(pm, pm.events[0].id)


def test_pmtui_1_keeps_the_records_and_an_old_file_reads_without_them(service) -> None:
    pm = imported(service, *PAGE)
    document = postmortem_to_dict(pm)
    assert postmortem_from_dict(document).events == pm.events
    plain = next(e for e in document["timeline"] if "seen_in" not in e)
    assert set(plain) == {"id", "at", "kind", "text", "source", "link", "original"}
    old = {
        **document,
        "timeline": [{k: v for k, v in e.items() if k != "seen_in"} for e in document["timeline"]],
    }
    assert not any(e.seen_in for e in postmortem_from_dict(old).events)


def test_a_bad_record_is_named(service) -> None:
    document = postmortem_to_dict(imported(service, *PAGE))
    index = next(i for i, e in enumerate(document["timeline"]) if "seen_in" in e)
    document["timeline"][index]["seen_in"][1]["at"] = "yesterday"
    with pytest.raises(ValidationError) as problem:
        postmortem_from_dict(document)
    assert "seen_in[1].at" in str(problem.value)


def test_the_merge_driver_keeps_records_both_sides_added(service) -> None:
    base = postmortem_to_dict(imported(service, PAGE[0], PAGE[1]))
    index = next(i for i, e in enumerate(base["timeline"]) if "seen_in" in e)
    ours, theirs = postmortem_to_dict(imported(service, PAGE[0], PAGE[1])), None
    ours = {**base, "timeline": [dict(e) for e in base["timeline"]]}
    theirs = {**base, "timeline": [dict(e) for e in base["timeline"]]}
    extra = dict(base["timeline"][index]["seen_in"][0], source="grafana", original="g")
    other = dict(base["timeline"][index]["seen_in"][0], source="opsgenie", original="o")
    ours["timeline"][index]["seen_in"] = [*base["timeline"][index]["seen_in"], extra]
    theirs["timeline"][index]["seen_in"] = [*base["timeline"][index]["seen_in"], other]
    merged = merge_documents(base, ours, theirs)
    sources = {r["source"] for r in merged["timeline"][index]["seen_in"]}
    assert {"grafana", "opsgenie", "pagerduty", "slack"} <= sources
    assert not merged.get("conflicts")


def test_the_markdown_row_shows_the_best_text_and_every_source(service) -> None:
    pm = imported(service, *PAGE)
    markdown = export_markdown(pm)
    line = next(x for x in markdown.splitlines() if "Firing: AuthErrorRateHigh" in x)
    assert line.endswith("| seen in Alertmanager, PagerDuty, Slack |")


def test_dry_run_lists_a_moment_with_its_sources(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    pm_id = run_cli(
        "new", "Login errors", "--timezone", "UTC", "--date", "2025-03-11", "--db", db
    ).out.strip()
    for name in PAGE[:2]:
        assert run_cli("timeline", "import", pm_id, EVIDENCE / name, "--db", db).code == 0
    result = run_cli("timeline", "import", pm_id, EVIDENCE / PAGE[2], "--db", db, "--dry-run")
    assert result.code == 0, result
    assert "joins the timeline's 2025-03-11 14:00:36 '#4521 AuthErrorRateHigh" in result.out
    assert "[seen in PagerDuty, Slack, Alertmanager]" in result.out
    assert "    + 2025-03-11 14:00:05  alert" in result.out
    assert "5 would be added (4 merged into moments other sources saw too)" in result.out
    done = run_cli("timeline", "import", pm_id, EVIDENCE / PAGE[2], "--db", db)
    assert "5 added (4 merged into moments other sources saw too)" in done.out
    grouped = run_cli(
        "timeline",
        "import",
        pm_id,
        EVIDENCE / "timeline.csv",
        "--db",
        db,
        "--dry-run",
        "--no-group",
    )
    assert "merged" not in grouped.out and "seen in" not in grouped.out


def test_a_team_folder_file_keeps_the_records(service) -> None:
    from pmtui.store import pmfile

    pm = imported(service, *PAGE)
    raw = pmfile.dumps(pm)
    for checked in (False, True):
        assert pmfile.loads(raw, Path("pm.pmtui"), checked=checked).events == pm.events
