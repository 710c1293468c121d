"""A reusable widget or dialog looks the same whichever screens were shown before it.

A screen's stylesheet applies to the whole app once the screen has been shown, so a rule for
a shared widget kept in a screen's sheet changes that widget everywhere, but only after the
user happened to visit the screen. Each probe below is shown on the home screen before and
after the workspace and meeting mode were opened, and every node's resolved styles compared.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.event_form import EventFormModal, StampEventModal
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.widgets.agenda import AgendaStrip
from pmtui.ui.widgets.big_title import BigTitle
from pmtui.ui.widgets.quick_add_line import QuickAddLine
from pmtui.ui.widgets.timebox import Timebox
from tests.ui.support import open_sample

Looks = dict[str, str]

WIDGETS: dict[str, Callable[[], Widget]] = {
    "Timebox": lambda: Timebox("Meeting", big=True),
    "AgendaStrip": AgendaStrip,
    "BigTitle": BigTitle,
    "QuickAddLine": lambda: QuickAddLine(placeholder="e.g. 14:32 detected", input_id="probe"),
}

DIALOGS: dict[str, Callable[[], ModalScreen]] = {
    "AttendeesModal": lambda: AttendeesModal(["Noor Aziz"], [], lambda names: None),
    "EventFormModal": lambda: EventFormModal(
        "Add timeline event", {"at": "2025-03-19 10:00"}, lambda typed: None, time_hint="CET"
    ),
    "StampEventModal": lambda: StampEventModal("Stamped", lambda text: None),
}


def looks_of(root: Widget | Screen) -> Looks:
    """Every node under `root` by its place in the tree, with the styles it resolved to."""
    looks: Looks = {}
    for index, node in enumerate(root.walk_children(with_self=True)):
        classes = ".".join(sorted(c for c in node.classes if not c.startswith("-textual")))
        looks[f"{index} {type(node).__name__}#{node.id}.{classes}"] = node.styles.css
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


async def test_shared_widgets_and_dialogs_look_the_same_before_and_after_meeting_mode(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        before = await probe(pilot)
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await pilot.pause()
        while not isinstance(pilot.app.screen, HomeScreen):
            pilot.app.pop_screen()
            await pilot.pause()
        after = await probe(pilot)
    for name in before:
        changed = {
            node: (look, after[name].get(node))
            for node, look in before[name].items()
            if after[name].get(node) != look
        }
        assert not changed, f"{name} looks different after meeting mode was shown: {changed}"
