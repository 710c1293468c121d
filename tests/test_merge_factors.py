"""The merge of contributing factors: item by item, their linked events as a set, and a
version from before factors merging with one that has them."""

from __future__ import annotations

from dataclasses import replace

from pmtui.merge.postmortem import merge_documents
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.enums import CauseCategory
from pmtui.model.postmortem import ContributingFactor
from tests.merge_support import base_postmortem, document, merged


def test_links_added_on_both_sides_are_all_kept() -> None:
    base = base_postmortem()
    factor = base.factor("w1")
    ours = base.with_factor(replace(factor, event_ids=("e1", "e2")))
    theirs = base.with_factor(replace(factor, event_ids=("e1", "e3")))
    result = merged(base, ours, theirs)
    assert set(result.factor("w1").event_ids) == {"e1", "e2", "e3"}
    assert result.conflicts == ()


def test_a_link_removed_on_one_side_stays_removed() -> None:
    base = base_postmortem()
    factor = base.factor("w1")
    ours = base.with_factor(replace(factor, event_ids=()))
    theirs = base.with_factor(replace(factor, event_ids=("e1", "e2")))
    result = merged(base, ours, theirs)
    assert result.factor("w1").event_ids == ("e2",)
    assert result.conflicts == ()


def test_different_fields_of_one_factor_combine() -> None:
    base = base_postmortem()
    factor = base.factor("w1")
    ours = base.with_factor(replace(factor, made_sense="Renewals had never failed before"))
    theirs = base.with_factor(replace(factor, category=CauseCategory.MONITORING))
    result = merged(base, ours, theirs)
    assert result.factor("w1").made_sense == "Renewals had never failed before"
    assert result.factor("w1").category is CauseCategory.MONITORING
    assert result.conflicts == ()


def test_both_rewording_the_note_is_a_conflict_that_keeps_both() -> None:
    base = base_postmortem()
    factor = base.factor("w1")
    ours = base.with_factor(replace(factor, made_sense="The warning looked routine"))
    theirs = base.with_factor(replace(factor, made_sense="The channel was noisy"))
    result = merged(base, ours, theirs)
    conflict = result.conflict("factors[w1].made_sense")
    both = {"The warning looked routine", "The channel was noisy"}
    assert {conflict.kept, conflict.other} == both
    assert result.factor("w1").made_sense == conflict.kept


def test_factors_added_on_both_sides_are_kept() -> None:
    base = base_postmortem()
    ours = base.with_factor(ContributingFactor("fa", "Alerts routed by severity"))
    theirs = base.with_factor(ContributingFactor("fb", "No checklist item for TLS"))
    result = merged(base, ours, theirs)
    assert {f.id for f in result.factors} == {"w1", "fa", "fb"}


def test_a_link_to_an_event_the_other_side_deleted_is_dropped() -> None:
    base = base_postmortem()
    ours = base.without_event("e2")
    theirs = base.with_factor(replace(base.factor("w1"), event_ids=("e1", "e2")))
    result = merged(base, ours, theirs)
    assert result.factor("w1").event_ids == ("e1",)
    assert [e.id for e in result.events] == ["e1", "e3"]


def test_a_version_from_before_factors_merges_without_loss() -> None:
    base = base_postmortem()
    old = document(base)
    # As a pmtui from before factors wrote it: no factors, actions name their why chain.
    del old["factors"]
    old["action_items"][0].pop("factor")
    old["action_items"][0]["cause"] = "w1"
    theirs = base.with_action(replace(base.action("a1"), factor_id="w1"))
    theirs = theirs.with_factor(replace(theirs.factor("w1"), made_sense="It had always worked"))
    migrated_base = document(base)
    del migrated_base["factors"]
    result_doc = merge_documents(migrated_base, old, document(theirs))
    result = postmortem_from_dict(result_doc, pm_id=result_doc["id"])
    assert result.factor("w1").made_sense == "It had always worked"
    assert result.factor("w1").chain_id == "w1"
    assert result.action("a1").factor_id == "w1"
    assert "cause" not in result_doc["action_items"][0]
