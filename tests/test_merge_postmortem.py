"""The merge of two versions of one post-mortem, item by item, without git."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pmtui.merge.postmortem import merge_documents
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import (
    ActionItem,
    MergeConflict,
    RelatedIncident,
    TimelineEvent,
    Waiver,
)
from pmtui.store import pmfile
from tests.merge_support import START, base_postmortem, document, later, merged


def test_disjoint_edits_combine_without_conflict() -> None:
    base = base_postmortem()
    ours = replace(base, title="TLS certificate expired", updated_at=later(base, 5))
    theirs = base.with_action(replace(base.action("a1"), owner="Lena"))
    theirs = replace(theirs, updated_at=later(base, 9))
    result = merged(base, ours, theirs)
    assert result.title == "TLS certificate expired"
    assert result.action("a1").owner == "Lena"
    assert result.conflicts == ()
    assert result.updated_at == later(base, 9)  # the later of the two


def test_additions_from_both_sides_are_kept() -> None:
    base = base_postmortem()
    ours = base.with_event(TimelineEvent("ea", START + timedelta(minutes=7), EventKind.NOTE, "A"))
    ours = ours.with_action(ActionItem("aa", "Add renewal runbook"))
    theirs = base.with_event(TimelineEvent("eb", START + timedelta(minutes=7), EventKind.NOTE, "B"))
    theirs = theirs.with_action(ActionItem("ab", "Add expiry dashboard"))
    result = merged(base, ours, theirs)
    assert [e.id for e in result.events] == ["e1", "e2", "ea", "eb", "e3"]
    assert [a.id for a in result.actions] == ["a1", "a2", "aa", "ab"]
    assert result == merged(base, theirs, ours)


def test_same_field_changed_differently_keeps_one_and_records_the_other() -> None:
    base = base_postmortem()
    ours = base.with_action(replace(base.action("a1"), owner="Lena"))
    theirs = base.with_action(replace(base.action("a1"), owner="Mateo"))
    result = merged(base, ours, theirs)
    assert result.action("a1").owner == "Mateo"  # "Mateo" sorts after "Lena"
    assert result.conflicts == (MergeConflict("action_items[a1].owner", "Mateo", "Lena", "Jonas"),)
    assert pmfile.dumps(result) == pmfile.dumps(merged(base, theirs, ours))


def test_a_deletion_wins_over_no_change_and_is_not_brought_back() -> None:
    base = base_postmortem()
    ours = base.without_action("a2").without_event("e2")
    theirs = replace(base, title="Edited elsewhere")
    result = merged(base, ours, theirs)
    assert [a.id for a in result.actions] == ["a1"]
    assert [e.id for e in result.events] == ["e1", "e3"]
    assert result.conflicts == ()


def test_deleted_on_one_side_and_edited_on_the_other_keeps_the_edit() -> None:
    base = base_postmortem()
    ours = base.without_action("a2")
    edited = replace(base.action("a2"), due=date(2025, 4, 2))
    theirs = base.with_action(edited)
    for result in (merged(base, ours, theirs), merged(base, theirs, ours)):
        assert result.action("a2") == edited
        (conflict,) = result.conflicts
        assert conflict.where == "action_items[a2]"
        assert conflict.other is None
        assert conflict.kept["due"] == "2025-04-02"


def test_narrative_edited_in_different_paragraphs_keeps_both() -> None:
    base = base_postmortem()
    ours = replace(base, summary=base.summary.replace("First", "1st"))
    theirs = replace(base, summary=base.summary.replace("Third", "3rd"))
    result = merged(base, ours, theirs)
    assert result.summary == "1st paragraph.\n\nSecond paragraph.\n\n3rd paragraph."
    assert result.conflicts == ()


def test_narrative_same_paragraph_edited_differently_is_a_conflict_on_the_section() -> None:
    base = base_postmortem()
    ours = replace(base, summary=base.summary.replace("Second", "2nd (A)"))
    theirs = replace(base, summary=base.summary.replace("Second", "2nd (B)"))
    result = merged(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.where == "summary"
    assert result.summary == conflict.kept
    assert "2nd (B)" in conflict.kept and "2nd (A)" in conflict.other
    assert conflict.base == base.summary


def test_why_answers_merge_as_lines() -> None:
    base = base_postmortem()
    chain = base.why_chain("w1")
    reworded = ("Renewal is manual (A)", *chain.answers[1:])
    ours = base.with_why_chain(replace(chain, answers=reworded))
    theirs = base.with_why_chain(replace(chain, answers=(*chain.answers, "Nobody owns it")))
    result = merged(base, ours, theirs)
    assert result.why_chain("w1").answers == (
        "Renewal is manual (A)",
        "No reminder exists",
        "Nobody owns it",
    )
    assert result.conflicts == ()


def test_one_answer_reworded_differently_names_that_answer() -> None:
    base = base_postmortem()
    chain = base.why_chain("w1")
    ours = base.with_why_chain(replace(chain, answers=(chain.answers[0], "No reminder (A)")))
    theirs = base.with_why_chain(replace(chain, answers=(chain.answers[0], "No reminder (B)")))
    (conflict,) = merged(base, ours, theirs).conflicts
    assert conflict == MergeConflict(
        "whys[w1].answers[1]", "No reminder (B)", "No reminder (A)", "No reminder exists"
    )


def test_attendees_merge_as_sets_of_names() -> None:
    base = base_postmortem()
    ours = replace(base, attendees=("Priya", "Jonas", "Lena"))
    theirs = replace(base, attendees=("Priya", "Sam"))  # Jonas removed, Sam added
    result = merged(base, ours, theirs)
    assert set(result.attendees) == {"Priya", "Lena", "Sam"}
    assert result.attendees == merged(base, theirs, ours).attendees


def test_waivers_merge_by_finding() -> None:
    base = base_postmortem()
    day = date(2025, 3, 12)
    waiver = Waiver("missing-section", "lessons", "Written next week", "Priya", day)
    other = Waiver("vague-action", "action_items[a1]", "Concrete enough", "Jonas", day)
    result = merged(base, base.with_waiver(waiver), base.with_waiver(other))
    assert {(w.rule, w.where) for w in result.waivers} == {
        ("missing-section", "lessons"),
        ("vague-action", "action_items[a1]"),
    }


def test_an_action_pointing_at_a_factor_the_other_side_deleted_loses_the_link() -> None:
    base = base_postmortem()
    ours = base.without_why_chain("w1").without_factor("w1")
    theirs = base.with_action(replace(base.action("a1"), factor_id="w1"))
    result = merged(base, ours, theirs)
    assert result.whys == () and result.factors == () and result.action("a1").factor_id == ""
    assert result.conflict("action_items[a1].factor").other == "w1"


def test_both_sides_added_the_file_merges_without_a_base() -> None:
    base = base_postmortem()
    ours = replace(base, title="Version A")
    theirs = replace(base, title="Version B", owner="Sam")
    result = merged(None, ours, theirs)
    assert result.title == "Version B"
    assert [c.where for c in result.conflicts] == ["title", "owner"]


def test_unresolved_conflicts_of_both_sides_are_kept_and_a_resolution_sticks() -> None:
    base = replace(
        base_postmortem(),
        conflicts=(
            MergeConflict("title", "T1", "T2", "T0"),
            MergeConflict("owner", "O1", "O2", "O0"),
        ),
    )
    ours = base.without_conflict("title")  # resolved here
    theirs = replace(base, impact="Edited")  # untouched conflicts
    result = merged(base, ours, theirs)
    assert [c.where for c in result.conflicts] == ["owner"]


def test_merged_document_is_the_same_in_either_order() -> None:
    base = base_postmortem()
    ours = replace(base, title="A", owner="A", summary="A\n\n" + base.summary).without_event("e2")
    theirs = replace(base, title="B", owner="B", summary=base.summary + "\n\nB")
    theirs = theirs.with_event_replaced(replace(base.event("e2"), text="edited"))
    one = merge_documents(document(base), document(ours), document(theirs))
    two = merge_documents(document(base), document(theirs), document(ours))
    assert one == two


def test_related_incidents_merge_as_one_value() -> None:
    base = base_postmortem()
    first = (RelatedIncident("INC-1", "https://wiki.example/1"),)
    ours = replace(base, related=first, updated_at=later(base, 5))
    theirs = replace(base, title="Edited elsewhere")
    assert merged(base, ours, theirs).related == first
    # A version from before related incidents existed reads as having none.
    old = document(base)
    del old["related_incidents"]
    result = merge_documents(old, document(ours), old)
    assert result["related_incidents"] == [{"title": "INC-1", "url": "https://wiki.example/1"}]
    clash = replace(base, related=(RelatedIncident("INC-2"),))
    both = merged(base, ours, clash)
    assert [c.where for c in both.conflicts] == ["related_incidents"]
    assert both == merged(base, clash, ours)
