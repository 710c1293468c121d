"""A reusable widget or dialog looks the same whichever screens were shown before it.

A screen's stylesheet applies to the whole app once the screen has been shown, so a rule for
a shared widget kept in a screen's sheet changes that widget everywhere, but only after the
user happened to visit the screen. Each probe below is shown on the home screen before and
after the workspace, meeting mode, the actions overview and the insights were opened, and
every node's resolved styles (component classes included) compared.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from pmtui.ui.controls.quick_add_line import QuickAddLine
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.event_form import EventFormModal, StampEventModal
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.widgets.agenda import AgendaStrip
from pmtui.ui.widgets.bar_chart import BarChart
from pmtui.ui.widgets.big_title import BigTitle
from pmtui.ui.widgets.hint_line import BlameHintLine
from pmtui.ui.widgets.timebox import Timebox
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import open_sample

Looks = dict[str, str]

WIDGETS: dict[str, Callable[[], Widget]] = {
    "Timebox": lambda: Timebox("Meeting", big=True),
    "AgendaStrip": AgendaStrip,
    "BigTitle": BigTitle,
    "QuickAddLine": lambda: QuickAddLine(placeholder="e.g. 14:32 detected", input_id="probe"),
    "TimelineTable": TimelineTable,
    "BlameHintLine": lambda: BlameHintLine("summary"),
    "BarChart": BarChart,
}

DIALOGS: dict[str, Callable[[], ModalScreen]] = {
    "AttendeesModal": lambda: AttendeesModal(["Noor Aziz"], [], lambda names: None),
    "EventFormModal": lambda: EventFormModal(
        "Add timeline event", {"at": "2025-03-19 10:00"}, lambda typed: None, time_hint="CET"
    ),
    "StampEventModal": lambda: StampEventModal("Stamped", lambda text: None),
}


def looks_of(root: Widget | Screen) -> Looks:
    """Every node under `root` by its place in the tree, with the styles it resolved to
    (its component classes' too: a table's cursor, a chart's bars)."""
    looks: Looks = {}
    for index, node in enumerate(root.walk_children(with_self=True)):
        classes = ".".join(sorted(c for c in node.classes if not c.startswith("-textual")))
        name = f"{index} {type(node).__name__}#{node.id}.{classes}"
        looks[name] = node.styles.css
        for part in sorted(node.COMPONENT_CLASSES):
            looks[f"{name} > .{part}"] = node.get_component_styles(part).css
    return looks


async def probe(pilot) -> dict[str, Looks]:  # type: ignore[no-untyped-def]
    """Each probe shown on the home screen (widgets mounted, dialogs pushed) and removed."""
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    found: dict[str, Looks] = {}
    for name, make in WIDGETS.items():
        widget = make()
        await home.mount(widget)
        await pilot.pause()
        found[name] = looks_of(widget)
        await widget.remove()
    for name, make_dialog in DIALOGS.items():
        dialog = make_dialog()
        await pilot.app.push_screen(dialog)
        await pilot.pause()
        found[name] = looks_of(dialog)
        dialog.dismiss(None)
        await pilot.pause()
    return found


async def back_home(pilot) -> None:  # type: ignore[no-untyped-def]
    while not isinstance(pilot.app.screen, HomeScreen):
        pilot.app.pop_screen()
        await pilot.pause()


async def test_shared_widgets_and_dialogs_look_the_same_whatever_was_shown_before(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        before = await probe(pilot)
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await pilot.pause()
        await back_home(pilot)
        for key in ("A", "I"):  # the actions overview and the insights
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(pilot.app.screen, HomeScreen), key
            await back_home(pilot)
        after = await probe(pilot)
    for name in before:
        changed = {
            node: (look, after[name].get(node))
            for node, look in before[name].items()
            if after[name].get(node) != look
        }
        assert not changed, f"{name} looks different after other screens were shown: {changed}"
