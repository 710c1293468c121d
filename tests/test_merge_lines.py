"""diff3 over lines: changes to different lines combine, the same lines changed differently
clash, and the clash keeps the same hunk whichever side is "ours"."""

from __future__ import annotations

from pmtui.merge.lines import merge_lines

BASE = ("one", "", "two", "", "three")


def test_changes_to_different_lines_are_both_kept() -> None:
    ours = ("one, edited", "", "two", "", "three")
    theirs = ("one", "", "two", "", "three, edited")
    result = merge_lines(BASE, ours, theirs)
    assert result.merged == ("one, edited", "", "two", "", "three, edited")
    assert result.other is None


def test_additions_at_different_places_are_both_kept() -> None:
    ours = ("zero", *BASE)
    theirs = (*BASE, "four")
    assert merge_lines(BASE, ours, theirs).merged == ("zero", *BASE, "four")


def test_the_same_change_on_both_sides_is_no_clash() -> None:
    same = ("one", "", "TWO", "", "three")
    assert merge_lines(BASE, same, same).merged == same
    assert merge_lines(BASE, same, same).other is None


def test_one_line_changed_differently_clashes_and_keeps_the_other_hunk() -> None:
    ours = ("one", "", "two by A", "", "three, edited")
    theirs = ("one", "", "two by B", "", "three")
    result = merge_lines(BASE, ours, theirs)
    assert result.merged == ("one", "", "two by B", "", "three, edited")
    assert result.other == ("one", "", "two by A", "", "three, edited")
    swapped = merge_lines(BASE, theirs, ours)
    assert swapped == result


def test_deleted_on_one_side_edited_on_the_other_clashes() -> None:
    ours = ("one", "", "", "three")
    theirs = ("one", "", "two, edited", "", "three")
    result = merge_lines(BASE, ours, theirs)
    assert result.other is not None
    assert {result.merged, result.other} == {
        ("one", "", "two, edited", "", "three"),
        ("one", "", "", "three"),
    }


def test_many_repeated_blank_lines_still_match() -> None:
    base = tuple(line for n in range(300) for line in (f"paragraph {n}", ""))
    ours = ("new first", *base[1:])
    theirs = (*base[:-2], "new last", "")
    result = merge_lines(base, ours, theirs)
    assert result.merged == ("new first", *base[1:-2], "new last", "")


def test_no_base_two_different_texts_clash_as_a_whole() -> None:
    result = merge_lines((), ("a",), ("b",))
    assert result.merged == ("b",) and result.other == ("a",)
