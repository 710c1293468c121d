"""Pilot tests of traps the fourteenth new-user mock meeting found (issue 12, Rogers
2022-07-08/09): one-line boxes left showing the end of their text, the incident date's hint,
the factor form's event rows, the root cause's category choice, the chain's labels and `f`
after "no events linked (f)". Each test checks the screen and what reached the file."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from tests.ui.support import open_sample, wait_for_screen, wait_until

#: Longer than any box at 80 columns, its start and its end told apart.
LONG_SERVICES = "Start-of-text, " + ", ".join(f"service-{n}" for n in range(12)) + ", ip-core"


def _box_line(box: Input) -> str:
    """The text the box shows, as the screen draws it (its first content line)."""
    return box.render_line(0).text


async def test_a_long_overview_box_left_by_tab_shows_its_start(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: a long Services field, left by tab, read "nternet, interac, 911,
    ip-core": the end of its text. Left, it shows the start; entered again by shift+tab, its
    text is selected, as a filled box entered from the keyboard is."""
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        services = workspace.query_one("#field-services", Input)
        services.focus()
        await pilot.pause()
        services.value = ""
        await pilot.press(*LONG_SERVICES)
        await wait_until(pilot, lambda: services.value == LONG_SERVICES)
        assert "Start-of-text" not in _box_line(services)  # typed to its end: the end shows
        await pilot.press("tab")
        await wait_until(pilot, lambda: not services.has_focus)
        await wait_until(pilot, lambda: "Start-of-text" in _box_line(services))
        assert services.scroll_offset.x == 0
        await wait_until(pilot, lambda: "ip-core" in ", ".join(ui.saved().services))
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: services.has_focus)
        assert services.selected_text == LONG_SERVICES


async def test_a_long_box_in_a_form_left_by_tab_shows_its_start(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: an action form's Action field, left, read "ated route-count check
    that halts…". Forms get the same rule as the Overview, from the same place."""
    from pmtui.ui.modals.action_form import ActionItemModal

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="actions")
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        text = form.query_one("#action-text", Input)
        await wait_until(pilot, lambda: text.has_focus)
        words = (
            "Start-of-text: an automated route-count check that halts the rollout when the"
            " count of announced routes drops by more than a tenth"
        )
        await pilot.press(*words)
        await wait_until(pilot, lambda: text.value == words)
        assert "Start-of-text" not in _box_line(text)
        await pilot.press("tab")
        await wait_until(pilot, lambda: "Start-of-text" in _box_line(text))


# 2. The incident date's hint names what fits a day in the past -------------------------------

DEADLINE_FORMS = ("+3d", "+2w", "+1mo", "tomorrow", "next friday")


def _says_past_forms(message: str) -> bool:
    return "yesterday, -3d" in message and not any(f in message for f in DEADLINE_FORMS)


async def test_a_refused_incident_date_on_the_overview_suggests_past_days(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: "the 8th" in the Incident date said "use YYYY-MM-DD, +3d, +2w, +1mo,
    tomorrow or next friday", forms for deadlines. "yesterday", then, is read."""
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        box = workspace.query_one("#field-incident_date", Input)
        box.focus()
        await pilot.pause()
        await pilot.press("ctrl+a", *"the 8th", "tab")
        field = workspace.query_one("#ff-incident_date")
        await wait_until(pilot, lambda: field.has_class("-invalid"))
        error = str(field.query_one(".field-error", Static).render())
        assert _says_past_forms(error), error
        box.focus()
        await pilot.press("ctrl+a", *"yesterday", "tab")
        await wait_until(pilot, lambda: not field.has_class("-invalid"))
        await wait_until(pilot, lambda: ui.saved().incident_date == date(2025, 3, 19))


async def test_a_refused_incident_date_in_the_new_dialog_suggests_past_days(make_ui) -> None:  # type: ignore[no-untyped-def]
    from pmtui.ui.modals.new_postmortem import NewPostMortemModal

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        modal = pilot.app.screen
        await pilot.press(*"BGP leak", "tab", "tab")
        date_box = modal.query_one("#incident_date", Input)
        await wait_until(pilot, lambda: date_box.has_focus)
        await pilot.press(*"next week", "enter")
        field = modal.query_one("#ff-incident_date")
        error_line = field.query_one(".field-error", Static)
        await wait_until(pilot, lambda: "is not a date" in str(error_line.render()))
        error = str(error_line.render())
        assert _says_past_forms(error), error
        await pilot.press("ctrl+a", *"yesterday", "enter")
        await wait_until(pilot, lambda: bool(ui.saved_ids()))
    (pm_id,) = ui.saved_ids()
    assert ui.saved(pm_id).incident_date == date(2025, 3, 19)


# 3 and 6. The factor form's event rows, and `f` after "no events linked (f)" ------------------


def _rogers(ui) -> str:  # type: ignore[no-untyped-def]
    """A post-mortem with two imported events in one minute and a factor with no events."""
    service = ui.service
    pm = service.create("Nationwide outage", timezone="UTC", incident_date="2022-07-08")
    for at, text in (
        ("2022-07-08 04:43", "Maintenance update pushed to the distribution routers"),
        ("2022-07-08 04:44:10", "core-rtr-3: BGP routes falling"),
        ("2022-07-08 04:44:55", "core-rtr-3: BGP routes withdrawn, OSPF flooding"),
    ):
        pm, _ = service.add_event(pm, at=at, kind="note", text=text)
    service.add_factor(pm, title="A route filter was removed in one change")
    return pm.id


async def _open(pilot, pm_id: str, tab: str):  # type: ignore[no-untyped-def]
    from pmtui.ui.screens.workspace import WorkspaceScreen

    await pilot.pause()
    pilot.app.screen.open_postmortem(pm_id)
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    await wait_until(pilot, lambda: bool(workspace.query(f"#--content-tab-{tab}")), pause=False)
    workspace.action_show_tab(tab)
    await wait_until(pilot, lambda: workspace.panes_ready)
    return workspace


async def test_factor_form_rows_tell_events_in_one_minute_apart(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: events at 04:44:10 and 04:44:55 both read "2022-07-08 04:44 note":
    the rows show their seconds, and their text."""
    from pmtui.ui.modals.factor_form import FactorModal

    ui = make_ui(with_sample=False)
    pm_id = _rogers(ui)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, pm_id, "whys")
        await pilot.press("up", "f")  # from the answer box, as the pane's keys say
        await wait_for_screen(pilot, FactorModal)
        events = pilot.app.screen.query_one("#factor-events")
        rows = [events.render_line(y).text for y in range(3)]
        assert "2022-07-08 04:43    note Maintenance update" in rows[0], rows
        assert "2022-07-08 04:44:10 note core-rtr-3: BGP routes" in rows[1], rows
        assert "2022-07-08 04:44:55 note core-rtr-3: BGP routes" in rows[2], rows


async def test_f_on_a_factor_with_no_events_opens_on_its_events(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: after the hint "no events linked (f)", `f` opened the factor form on
    its title, and three tabs reached the events. A titled factor with no events opens on
    the events list, the form saying so; space ticks one, ctrl+s saves it."""
    from textual.widgets import SelectionList

    from pmtui.ui.modals.factor_form import FactorModal

    ui = make_ui(with_sample=False)
    pm_id = _rogers(ui)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        workspace = await _open(pilot, pm_id, "whys")
        assert "no events linked (f)" in str(workspace.query_one("#whys-factor").render())
        await pilot.press("up", "f")  # from the answer box, as the pane's keys say
        await wait_for_screen(pilot, FactorModal)
        form = pilot.app.screen
        events = form.query_one("#factor-events", SelectionList)
        await wait_until(pilot, lambda: events.has_focus)
        hint = str(form.query_one("#ff-events").query_one(".field-hint", Static).render())
        assert "no event is linked yet" in hint.lower(), hint
        await pilot.press("down", "space", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, FactorModal))
    (factor,) = ui.saved(pm_id).factors
    assert factor.event_ids == (ui.saved(pm_id).events[1].id,)


# 4. The root-cause picker opens on a category, and enter marks it -------------------------


async def test_meeting_c_then_enter_marks_the_factors_category(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: in meeting mode, step 4, `c` then enter answered "No category chosen
    yet": nothing was highlighted. The picker opens on the factor's own category, its hint
    names what enter marks, and enter (pressed once the dialog could be read) marks it."""
    import asyncio

    from textual.widgets import OptionList

    from pmtui.ui.modals.why_forms import REFLEX_SECONDS, CauseCategoryModal
    from pmtui.ui.screens.meeting import MeetingScreen
    from tests.ui.test_traps9a import _hint, _meeting_on_new_chain, _with_open_chain

    ui = make_ui()
    chain_id = _with_open_chain(ui)
    service = ui.service
    service.edit_factor(service.get(ui.saved().id), chain_id, category="monitoring")
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await _meeting_on_new_chain(ui, pilot)
        await pilot.press("c")
        await wait_for_screen(pilot, CauseCategoryModal)
        options = pilot.app.screen.query_one(OptionList)
        assert options.highlighted == options.get_option_index("monitoring")
        await wait_until(pilot, lambda: "enter marks the root cause as monitoring" in _hint(pilot))
        await asyncio.sleep(REFLEX_SECONDS)  # the facilitator reads the dialog
        await pilot.press("enter")
        await wait_for_screen(pilot, MeetingScreen)
        await wait_until(pilot, lambda: ui.saved().why_chain(chain_id).root_cause)
        await wait_until(pilot, lambda: "root cause: monitoring" in meeting.step_widget.text)
    assert ui.saved().why_chain(chain_id).category == "monitoring"


async def test_root_cause_picker_without_a_factor_category_opens_on_the_first(make_ui) -> None:  # type: ignore[no-untyped-def]
    """No category anywhere: the first is highlighted, ↓ moves on and the hint follows."""
    from textual.widgets import OptionList

    from pmtui.ui.modals.why_forms import CauseCategoryModal
    from tests.ui.test_traps9a import _hint, _meeting_on_new_chain, _with_open_chain

    ui = make_ui()
    chain_id = _with_open_chain(ui)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await _meeting_on_new_chain(ui, pilot)
        await pilot.press("c")
        await wait_for_screen(pilot, CauseCategoryModal)
        assert pilot.app.screen.query_one(OptionList).highlighted == 0
        await wait_until(pilot, lambda: "enter marks the root cause as process" in _hint(pilot))
        await pilot.press("down")
        await wait_until(pilot, lambda: "enter marks the root cause as testing" in _hint(pilot))
        await pilot.press("enter")  # a pick made: enter marks it at once
        await wait_until(pilot, lambda: ui.saved().why_chain(chain_id).root_cause)
    assert ui.saved().why_chain(chain_id).category == "testing"


# 5. "Root cause ▸", with its space ----------------------------------------------------------


async def test_meeting_chain_shows_root_cause_label_apart_from_its_mark(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: step 4's chain read "Root cause▸": the label is one column longer
    than the others and touched the mark. Every answer's text starts in one column."""
    from pmtui.ui.screens.meeting import MeetingScreen

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("4")
        await wait_until(pilot, lambda: meeting.step == 3)
        await wait_until(pilot, lambda: "Root cause" in meeting.step_widget.text)
        lines = meeting.step_widget.text.splitlines()
        cause = next(line for line in lines if line.startswith("Root cause"))
        assert cause.startswith("Root cause ▸ "), cause
        why = next(line for line in lines if line.startswith("1. Why?"))
        assert why[13] != " " and why[12] == " ", why  # the text where the cause's starts
        assert cause[13] != " ", cause
