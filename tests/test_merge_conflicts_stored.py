"""Merge conflicts are part of the post-mortem: both stores keep them, a resolution removes
them from the file, and a conflict pmtui could not have written is refused naming it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import MergeConflict, Waiver
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore, pmfile
from pmtui.store.errors import DamagedFile
from tests.merge_support import base_postmortem, merged

CONFLICTS = (
    MergeConflict("title", "Kept title", "Other title", "Old title"),
    MergeConflict("action_items[a2]", {"id": "a2", "text": "x"}, None, {"id": "a2", "text": "y"}),
)


def test_the_single_file_store_keeps_conflicts_and_a_resolution_removes_them(
    tmp_path: Path,
) -> None:
    db = tmp_path / "pm.json"
    pm = replace(base_postmortem(), conflicts=CONFLICTS)
    with PostMortemStore.open(db) as store:
        store.create(pm)
    with PostMortemStore.open(db) as store:
        service = PostMortemService(store)
        assert service.get("pm1").conflicts == CONFLICTS
        service.resolve_conflict(service.get("pm1"), "title", take_other=True)
        service.resolve_conflict(service.get("pm1"), "action_items[a2]", take_other=False)
    with PostMortemStore.open(db, read_only=True) as store:
        again = store.load("pm1")
    assert again.conflicts == ()
    assert again.title == "Other title"


def test_the_team_file_holds_conflicts_in_its_header_and_leaves_them_out_when_none() -> None:
    pm = replace(base_postmortem(), conflicts=CONFLICTS)
    raw = pmfile.dumps(pm)
    assert pmfile.loads(raw, Path("pm1.pmtui")) == pm
    header = raw.split(b"\n}\n", 1)[0]
    assert b'"conflicts": [' in header
    assert b"conflicts" not in pmfile.dumps(base_postmortem())


def test_pmtui1_leaves_conflicts_out_when_empty_and_reads_them_back() -> None:
    assert "conflicts" not in postmortem_to_dict(base_postmortem())
    document = postmortem_to_dict(replace(base_postmortem(), conflicts=CONFLICTS))
    assert list(document)[-1] == "conflicts"
    assert postmortem_from_dict(orjson.loads(orjson.dumps(document))).conflicts == CONFLICTS


@pytest.mark.parametrize(
    ("conflicts", "says"),
    [
        ("title", "conflicts is 'title', not a list of merge conflicts"),
        (["title"], "conflicts[0] is 'title', not a merge conflict"),
        ([{"kept": 1, "other": 2}], "conflicts[0].where is missing"),
        ([{"where": "", "kept": 1, "other": 2}], "conflicts[0].where is empty"),
        ([{"where": "title", "other": 2}], "conflicts[0].kept is missing"),
    ],
)
def test_a_conflict_pmtui_did_not_write_is_refused_naming_it(conflicts: object, says: str) -> None:
    raw = pmfile.dumps(base_postmortem())
    header, rest = raw.split(b"\n", 1)
    damaged = header + b'\n  "conflicts": ' + orjson.dumps(conflicts) + b",\n" + rest
    with pytest.raises(DamagedFile) as caught:
        pmfile.loads(damaged, Path("postmortems/pm1.pmtui"))
    assert says in str(caught.value)
    assert "postmortems/pm1.pmtui" in str(caught.value)


@pytest.mark.parametrize(
    ("conflict", "says"),
    [
        (MergeConflict("id", "a", "b"), "cannot name this place"),
        (MergeConflict("created_at", "a", "b"), "cannot name this place"),
        (MergeConflict("timeline[e1].id", "e1", "e2"), "id is never changed"),
        (MergeConflict("severity", "SEV2", "SEV9"), "severity"),
        (MergeConflict("action_items[gone].owner", "a", "b"), "no longer in the post-mortem"),
    ],
)
def test_taking_an_other_value_that_does_not_fit_is_refused_and_nothing_saved(
    tmp_path: Path, conflict: MergeConflict, says: str
) -> None:
    db = tmp_path / "pm.json"
    pm = replace(base_postmortem(), conflicts=(conflict,))
    with PostMortemStore.open(db) as store:
        store.create(pm)
        before = db.read_bytes()
        service = PostMortemService(store)
        with pytest.raises(ValidationError) as caught:
            service.resolve_conflict(pm, conflict.where, take_other=True)
    assert says in str(caught.value)
    assert db.read_bytes() == before


def test_an_imported_conflict_nested_too_deeply_is_refused() -> None:
    document = postmortem_to_dict(base_postmortem())
    document["conflicts"] = [{"where": "title", "kept": [[[[["deep"]]]]], "other": None}]
    with pytest.raises(ValidationError) as caught:
        postmortem_from_dict(document)
    assert "conflicts[0].kept" in str(caught.value)


def test_a_waiver_reason_clash_is_settled_by_taking_the_other_reason(tmp_path: Path) -> None:
    base = base_postmortem()
    day = date(2025, 3, 12)
    ours = base.with_waiver(Waiver("missing-section", "lessons", "Next week", "Priya", day))
    theirs = base.with_waiver(Waiver("missing-section", "lessons", "After the audit", "Jonas", day))
    pm = merged(base, ours, theirs)
    (conflict,) = pm.conflicts
    assert conflict.where == "waivers[missing-section:lessons]"
    with PostMortemStore.open(tmp_path / "pm.json") as store:
        store.create(pm)
        settled = PostMortemService(store).resolve_conflict(pm, conflict.where, take_other=True)
    assert settled.waiver("missing-section", "lessons").reason == conflict.other["reason"]
    assert settled.conflicts == ()


def test_an_edit_of_a_conflicted_item_becomes_its_kept_value_and_keeping_confirms_it(
    tmp_path: Path,
) -> None:
    base = base_postmortem()
    whole = {"id": "a2", "text": base.action("a2").text}
    pm = replace(
        base,
        conflicts=(
            MergeConflict("action_items[a1].owner", "Jonas", "Lena", "Mateo"),
            MergeConflict("action_items[a2]", whole, None, whole),
        ),
    )
    with PostMortemStore.open(tmp_path / "pm.json") as store:
        store.create(pm)
        service = PostMortemService(store)
        edited = service.edit_action(service.get("pm1"), "a1", owner="Ana")
        edited = service.edit_action(edited, "a2", owner="Kofi")
        kept = {conflict.where: conflict.kept for conflict in service.get("pm1").conflicts}
        assert kept["action_items[a1].owner"] == "Ana"
        assert kept["action_items[a2]"]["owner"] == "Kofi"
        service.resolve_conflict(edited, "action_items[a1].owner", take_other=False)
        assert service.get("pm1").action("a1").owner == "Ana"
