"""Two people edit one post-mortem in their clones of a team repository and `git pull`: git
runs `pmtui merge-driver`, the merge succeeds, and the file holds both people's work (or a
merge conflict recorded in the post-mortem), never conflict markers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import ActionItem, PostMortem, TimelineEvent
from pmtui.store import pmfile
from tests.git_team import Team, git, read, write
from tests.merge_support import START, base_postmortem, later


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path, base_postmortem())


def pull_both_ways(team: Team, alice_pm: PostMortem, bob_pm: PostMortem) -> tuple[Path, Path]:
    """Alice pushes first; Bob pulls (a merge) and pushes; Alice pulls the result."""
    alice, bob = team.clone("alice"), team.clone("bob")
    write(alice, alice_pm, "alice's edits")
    write(bob, bob_pm, "bob's edits")
    git(alice, "push", "-q", "origin", "main")
    pulled = git(bob, "pull", "-q", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert git(bob, "status", "--porcelain").stdout == ""  # merged and committed
    git(bob, "push", "-q", "origin", "main")
    git(alice, "pull", "-q", "--no-edit", "origin", "main")
    return alice, bob


def assert_no_markers(clone: Path) -> None:
    text = (clone / "postmortems" / "pm1.pmtui").read_text()
    assert "<<<<<<<" not in text and ">>>>>>>" not in text


def test_disjoint_edits_merge_cleanly(team: Team) -> None:
    base = base_postmortem()
    alice_pm = replace(base, title="TLS certificate expired", updated_at=later(base, 3))
    bob_pm = base.with_action(replace(base.action("a1"), owner="Lena"))
    alice, bob = pull_both_ways(team, alice_pm, replace(bob_pm, updated_at=later(base, 7)))
    result = read(bob, "pm1")
    assert result.title == "TLS certificate expired"
    assert result.action("a1").owner == "Lena"
    assert result.conflicts == ()
    assert result.updated_at == later(base, 7)
    assert read(alice, "pm1") == result
    assert_no_markers(bob)


def test_events_and_actions_added_on_both_sides_are_all_kept(team: Team) -> None:
    base = base_postmortem()
    minute = START + timedelta(minutes=10)
    alice_pm = base.with_event(TimelineEvent("ea", minute, EventKind.NOTE, "Alice's note"))
    alice_pm = alice_pm.with_action(ActionItem("aa", "Write the renewal runbook"))
    bob_pm = base.with_event(TimelineEvent("eb", minute, EventKind.ACTION, "Bob restarts edge"))
    bob_pm = bob_pm.with_action(ActionItem("ab", "Add an expiry dashboard"))
    _, bob = pull_both_ways(team, alice_pm, bob_pm)
    result = read(bob, "pm1")
    assert {e.id for e in result.events} == {"e1", "e2", "e3", "ea", "eb"}
    assert {a.id for a in result.actions} == {"a1", "a2", "aa", "ab"}
    assert result.conflicts == ()


def test_same_field_changed_differently_becomes_a_merge_conflict(team: Team) -> None:
    base = base_postmortem()
    alice_pm = base.with_action(replace(base.action("a2"), owner="Alice"))
    bob_pm = base.with_action(replace(base.action("a2"), owner="Bob"))
    alice, bob = pull_both_ways(team, alice_pm, bob_pm)
    result = read(bob, "pm1")
    assert result.action("a2").owner == "Bob"
    (conflict,) = result.conflicts
    assert (conflict.where, conflict.kept, conflict.other) == (
        "action_items[a2].owner",
        "Bob",
        "Alice",
    )
    assert read(alice, "pm1") == result
    assert_no_markers(bob)


def test_deleted_on_one_side_and_edited_on_the_other(team: Team) -> None:
    base = base_postmortem()
    edited = replace(base.action("a2"), due=date(2025, 4, 3))
    _, bob = pull_both_ways(team, base.without_action("a2"), base.with_action(edited))
    result = read(bob, "pm1")
    assert result.action("a2") == edited
    assert result.conflict("action_items[a2]").other is None


def test_narrative_edited_in_different_paragraphs(team: Team) -> None:
    base = base_postmortem()
    alice_pm = replace(base, summary=base.summary.replace("First", "Alice's first"))
    bob_pm = replace(base, summary=base.summary.replace("Third", "Bob's third"))
    _, bob = pull_both_ways(team, alice_pm, bob_pm)
    result = read(bob, "pm1")
    assert (
        result.summary == "Alice's first paragraph.\n\nSecond paragraph.\n\nBob's third paragraph."
    )
    assert result.conflicts == ()


def test_merging_in_either_direction_gives_the_same_bytes(team: Team) -> None:
    base = base_postmortem()
    alice, bob = team.clone("alice"), team.clone("bob")
    git(alice, "checkout", "-q", "-b", "a")
    write(alice, replace(base, title="A", owner="A").without_event("e2"), "a")
    git(alice, "push", "-q", "origin", "a")
    git(bob, "checkout", "-q", "-b", "b")
    bob_pm = replace(base, title="B", summary=base.summary + "\n\nB")
    write(bob, bob_pm.with_event_replaced(replace(base.event("e2"), text="edited")), "b")
    git(bob, "push", "-q", "origin", "b")
    carol = team.clone("carol")
    git(carol, "fetch", "-q", "origin")
    git(carol, "checkout", "-q", "-b", "ab", "origin/a")
    git(carol, "merge", "-q", "--no-edit", "origin/b")
    one = (carol / "postmortems" / "pm1.pmtui").read_bytes()
    git(carol, "checkout", "-q", "-b", "ba", "origin/b")
    git(carol, "merge", "-q", "--no-edit", "origin/a")
    two = (carol / "postmortems" / "pm1.pmtui").read_bytes()
    assert one == two
    assert [c.where for c in pmfile.loads(one, Path("pm1")).conflicts] == ["title", "timeline[e2]"]


def test_both_sides_adding_the_same_post_mortem_merge_without_a_base(tmp_path: Path) -> None:
    team = Team(tmp_path)
    alice, bob = team.clone("alice"), team.clone("bob")
    base = base_postmortem()
    write(alice, replace(base, title="Alice's title"), "alice adds it")
    write(bob, replace(base, impact="Bob's impact"), "bob adds it")
    git(alice, "push", "-q", "origin", "main")
    pulled = git(bob, "pull", "-q", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stderr
    result = read(bob, "pm1")
    assert {c.where for c in result.conflicts} == {"title", "impact"}


def test_a_damaged_version_leaves_a_git_conflict_and_loses_nothing(team: Team) -> None:
    alice, bob = team.clone("alice"), team.clone("bob")
    (alice / "postmortems" / "pm1.pmtui").write_text("this is not a post-mortem\n")
    git(alice, "commit", "-q", "-am", "damage")
    git(alice, "push", "-q", "origin", "main")
    bob_pm = replace(base_postmortem(), title="Bob's title")
    write(bob, bob_pm, "bob")
    pulled = git(bob, "pull", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0
    assert "pmtui: error: postmortems/pm1.pmtui (their version)" in pulled.stderr
    assert "CONFLICT" in pulled.stdout
    assert read(bob, "pm1") == bob_pm  # git left our version in place
