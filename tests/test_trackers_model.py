"""An action item's last tracker sync (synced_at, synced_from): kept by the pmtui/1 codec
and both stores, absent from files written before it existed, and merged by taking the
later sync whole, never as a conflict."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmtui.model.codec import action_to_dict, postmortem_from_dict, postmortem_to_dict
from pmtui.model.errors import ValidationError
from pmtui.store import open_store
from tests.merge_support import base_postmortem, merged

MORNING = datetime(2025, 4, 2, 8, 0, tzinfo=UTC)
EVENING = datetime(2025, 4, 2, 18, 30, tzinfo=UTC)


def synced(pm, action_id: str, at: datetime, source: str, **changes):  # type: ignore[no-untyped-def]
    action = replace(pm.action(action_id), synced_at=at, synced_from=source, **changes)
    return pm.with_action(action)


def test_codec_keeps_the_last_sync() -> None:
    pm = synced(base_postmortem(), "a1", MORNING, "jira", tracker="OPS-1")
    document = postmortem_to_dict(pm)
    assert document["action_items"][0]["synced_at"] == "2025-04-02T08:00:00Z"
    assert document["action_items"][0]["synced_from"] == "jira"
    again = postmortem_from_dict(document, pm_id=pm.id)
    assert again.action("a1").synced_at == MORNING
    assert again.action("a1").synced_from == "jira"


def test_an_item_never_synced_is_written_as_before() -> None:
    # Files of teams that never sync keep every byte: no new keys on their items.
    assert "synced_at" not in action_to_dict(base_postmortem().action("a1"))
    assert "synced_from" not in action_to_dict(base_postmortem().action("a1"))


def test_a_bad_sync_time_names_its_place() -> None:
    document = postmortem_to_dict(base_postmortem())
    document["action_items"][1]["synced_at"] = "yesterday"
    with pytest.raises(ValidationError, match=r"action_items\[1\]\.synced_at"):
        postmortem_from_dict(document)


@pytest.mark.parametrize("where", ["pm.json", "team"])
def test_both_stores_keep_the_last_sync(tmp_path: Path, where: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / where
    if where == "team":
        assert run_cli("init", path).code == 0
    pm = synced(base_postmortem(), "a2", EVENING, "github", tracker="#17")
    with open_store(path) as store:
        store.create(pm)
    with open_store(path, read_only=True) as store:
        loaded = store.load(pm.id)
    assert (loaded.action("a2").synced_at, loaded.action("a2").synced_from) == (EVENING, "github")
    assert loaded.action("a1").synced_at is None


def test_merge_takes_the_later_sync_whole_without_a_conflict() -> None:
    base = base_postmortem()
    ours = synced(base, "a1", MORNING, "jira")
    theirs = synced(base, "a1", EVENING, "linear")
    for result in (merged(base, ours, theirs), merged(base, theirs, ours)):
        assert result.action("a1").synced_at == EVENING
        assert result.action("a1").synced_from == "linear"
        assert result.conflicts == ()


def test_merge_still_merges_the_other_fields_of_a_synced_item() -> None:
    base = base_postmortem()
    ours = synced(base, "a1", MORNING, "jira", tracker="OPS-1")
    theirs = base.with_action(replace(base.action("a1"), owner="Dana"))
    result = merged(base, ours, theirs)
    action = result.action("a1")
    assert (action.owner, action.tracker, action.synced_at) == ("Dana", "OPS-1", MORNING)
    assert result.conflicts == ()


def test_the_cli_and_the_service_name_the_same_trackers_and_formats() -> None:
    # The CLI keeps its own copies so that `pmtui --help` imports neither the service nor
    # the sync package; these keep the copies equal.
    from pmtui.cli.actions import TRACKER_CHOICES
    from pmtui.cli.actions_sync import SOURCE_CHOICES
    from pmtui.export.trackers import TRACKER_FORMATS
    from pmtui.service import TRACKER_SOURCES
    from pmtui.sync.readers import SOURCE_NAMES, SOURCES

    assert TRACKER_CHOICES == TRACKER_FORMATS
    assert ("auto", *SOURCES) == SOURCE_CHOICES
    assert TRACKER_SOURCES == SOURCES == tuple(SOURCE_NAMES)
