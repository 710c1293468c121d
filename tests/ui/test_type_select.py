"""Tests of TypeSelect, the drop-down every pmtui form uses: which choice typed letters pick,
that no form builds a plain Select, and the notice where no form field carries a hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

import pmtui.ui
from pmtui.ui.widgets import type_select
from pmtui.ui.widgets.type_select import TypeSelect, pick_by_typing
from tests.ui.support import recorded_notifications, wait_until

SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"]
ACTION_TYPES = ["prevent", "detect", "mitigate", "process"]


@pytest.mark.parametrize(
    ("labels", "typed", "current", "picked"),
    [
        (ACTION_TYPES, "p", None, 0),  # the first label that starts with it
        (ACTION_TYPES, "pro", 0, 3),  # more letters narrow it down
        (ACTION_TYPES, "P", 0, 3),  # the same letter again: the next one, case ignored
        (ACTION_TYPES, "p", 3, 0),  # ... round to the first
        (ACTION_TYPES, "x", 1, None),
        (SEVERITIES, "3", None, 2),  # a label's number counts as a word of it
        (SEVERITIES, "sev4", None, 3),
        (["draft", "in-review", "published", "closed"], "rev", None, 1),
        (["—", "P1", "P2"], "2", 0, 2),
    ],
)
def test_typed_letters_pick_the_label_they_start(
    labels: list[str], typed: str, current: int | None, picked: int | None
) -> None:
    assert pick_by_typing(labels, typed, current) == picked


def test_labels_that_start_with_the_letters_come_before_later_words() -> None:
    labels = ["in-review", "review later"]
    assert pick_by_typing(labels, "r", None) == 1
    assert pick_by_typing(labels, "r", 1) == 0  # then the later word's label


def test_no_form_builds_a_plain_select() -> None:
    """Every drop-down answers typing: a Select built anywhere in the UI is a TypeSelect."""
    plain = re.compile(r"(?<![\w.])Select\(")
    root = Path(pmtui.ui.__file__).parent
    built = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if plain.search(line)
    ]
    assert built == []


async def test_a_drop_down_without_a_form_field_says_what_it_takes_in_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One run however slowly a loaded machine hands the keys over.
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TypeSelect(
                [("Full", "full"), ("Light", "light"), ("Customer", "customer")],
                value="full",
                allow_blank=False,
            )

    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        template = app.query_one(TypeSelect)
        template.focus()
        told = recorded_notifications(template)
        await pilot.press("l")
        assert template.value == "light"
        await pilot.press("z")  # "lz" starts no choice: back to the value before "l"
        await wait_until(pilot, lambda: template.value == "full")
        await pilot.press(*"zz")
        await wait_until(pilot, lambda: template.value == "full")
        # Said once for the whole run, not once a key.
        assert told == ["“lz” is not a choice: Full, Light, Customer · enter lists them"]
