"""Pilot tests of "Seen before?" (SimilarIncidents): in the Five Whys pane and on the first
meeting step, ranked in a worker thread, and `l` links the post-mortem as a repeat."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

from textual.widgets import OptionList

from pmtui.model import PostMortem, WhyChain
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.widgets.similar_incidents import SimilarIncidents
from tests.ui.support import UI, open_sample, pane_of, recorded_notifications, wait_until

EARLIER = "old-cert"
LATER = "later-cert"


def seed(ui: UI) -> None:
    """Beside the sample (an expired API certificate, 2025-03-19): an earlier and a later
    certificate expiry, and an earlier incident with nothing in common."""
    stamp = datetime(2024, 1, 1, tzinfo=UTC)

    def add(pm_id: str, title: str, day: date, cause: str) -> None:
        chain = WhyChain("w1", title, (cause,))
        ui.service.store.create(
            PostMortem(
                pm_id,
                title,
                incident_date=day,
                whys=(chain,),
                created_at=stamp,
                updated_at=stamp,
            )
        )

    add(EARLIER, "Status page certificate expired", date(2024, 5, 2), "Renewal had no alert")
    add(LATER, "Certificate expired on the CDN", date(2025, 9, 1), "Renewal alert was ignored")
    add("old-disk", "Search index filled the disk", date(2024, 8, 1), "No disk quota")


def similar(pilot, where: str = "#whys-similar") -> SimilarIncidents:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(where, SimilarIncidents)


async def meeting_step_one(pilot) -> SimilarIncidents:  # type: ignore[no-untyped-def]
    """Meeting mode started on the sample, its first step's "Seen before?" ranked."""
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))
    widget = similar(pilot, "#meeting-similar")
    await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
    return widget


def rows(widget: SimilarIncidents) -> list[str]:
    options = widget.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_whys_pane_shows_earlier_incidents_like_this_one(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        shown = rows(widget)
        assert widget.matches[0].pm_id == EARLIER
        assert shown[0].startswith("2024-05-02 Status page certificate expired")
        assert "certificate" in shown[0] and "renewal" in shown[0]
        assert all(LATER not in match.pm_id for match in widget.matches)  # earlier ones only


async def test_the_team_is_read_in_a_worker_thread_not_while_opening(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    threads: list[threading.Thread] = []
    read = ui.service.readable_postmortems_apart

    def recorded() -> tuple[list[PostMortem], list[str]]:
        threads.append(threading.current_thread())
        return read()

    ui.service.readable_postmortems_apart = recorded  # type: ignore[method-assign]
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None)
        assert threads and all(t is not threading.main_thread() for t in threads)
        assert "old-disk" not in [match.pm_id for match in widget.matches]
        # Read once: each edit is ranked again against what was read.
        trigger = "The search index filled the disk: no disk quota"
        ui.app.screen.commit(lambda pm: ui.service.update(pm, trigger=trigger))
        await wait_until(pilot, lambda: widget.up_to_date)
        assert "old-disk" in [match.pm_id for match in widget.matches]
        assert len(threads) == 1


async def test_l_links_the_post_mortem_as_a_repeat_of_the_highlighted_one(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        widget.query_one(OptionList).focus()
        await pilot.press("l")
        await wait_until(pilot, lambda: any(link.repeat for link in ui.saved().related))
        (link,) = [link for link in ui.saved().related if link.repeat]
        assert link.title == f"{EARLIER} Status page certificate expired (2024-05-02)"
        await wait_until(pilot, lambda: widget.up_to_date and "repeat · " in rows(widget)[0])
        await pilot.press("l")  # twice: still one link
        await pilot.pause()
        assert [r.repeat for r in ui.saved().related].count(True) == 1


async def test_l_on_the_ladder_links_the_top_earlier_incident(make_ui) -> None:
    """Mock meeting 26a: the heading says "l: this one repeats it", and `l` pressed on the
    ladder (where the facilitator is) said "no key here"."""
    ui = make_ui()
    seed(ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        pilot.app.screen.query_one("#whys-ladder").focus()
        await pilot.pause()
        await pilot.press("l")
        await wait_until(pilot, lambda: any(link.repeat for link in ui.saved().related))
        (link,) = [link for link in ui.saved().related if link.repeat]
        assert link.title == f"{EARLIER} Status page certificate expired (2024-05-02)"
        # The answer box takes `l` as a letter of the answer.
        box = pilot.app.screen.query_one("#whys-answer")
        box.focus()
        await pilot.press(*"lost")
        await pilot.pause()
        assert box.value == "lost"


async def test_the_first_meeting_step_shows_them_and_the_others_do_not(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        widget = await meeting_step_one(pilot)
        assert widget.display and "Status page certificate expired" in rows(widget)[0]
        await pilot.press("right")
        await pilot.pause()
        assert not widget.display


async def test_the_palette_marks_a_repeat_without_knowing_the_key(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        pilot.app.screen.action_show_tab("timeline")
        await pilot.pause()
        commands = {c.title: c for c in pilot.app.screen.palette_commands()}
        commands["Mark as a repeat of an earlier incident"].callback()
        await wait_until(pilot, lambda: any(link.repeat for link in ui.saved().related))
        assert pilot.app.screen.query_one("#tabs").active == "whys"


async def test_unreadable_files_are_one_line_and_the_others_still_shown(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    read = ui.service.readable_postmortems_apart
    problem = "/team/postmortems/x.pmtui is damaged (not JSON); pmtui left it untouched"

    def with_a_damaged_file() -> tuple[list[PostMortem], list[str]]:
        postmortems, _ = read()
        return postmortems, [problem]

    ui.service.readable_postmortems_apart = with_a_damaged_file  # type: ignore[method-assign]
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        note = widget.query_one("#similar-note")
        assert str(note.render()) == "1 file could not be read (see pmtui list)."
        assert note.tooltip == problem
        assert widget.matches[0].pm_id == EARLIER


async def test_nothing_is_read_until_the_widget_is_on_screen(make_ui) -> None:
    ui = make_ui()
    seed(ui)
    reads: list[int] = []
    read = ui.service.readable_postmortems_apart

    def counted() -> tuple[list[PostMortem], list[str]]:
        reads.append(1)
        return read()

    ui.service.readable_postmortems_apart = counted  # type: ignore[method-assign]
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pane_of(pilot, "whys")  # built out of sight, as ctrl+p or F1 builds it
        widget = similar(pilot)
        await pilot.pause()
        assert (reads, widget.ranked) == ([], None)
        pilot.app.screen.action_show_tab("whys")
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        assert reads == [1] and widget.matches[0].pm_id == EARLIER


async def test_l_on_the_first_meeting_step_links_the_top_earlier_incident(make_ui) -> None:
    """Mock meeting 26b: step 1 says "l: this one repeats it", and `l` said "no key here"
    until the list had the focus; on the other steps `l` links nothing."""
    ui = make_ui()
    seed(ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        widget = await meeting_step_one(pilot)
        await pilot.press("right", "l")
        await pilot.pause()
        assert not any(link.repeat for link in ui.saved().related)
        await pilot.press("left")
        await wait_until(pilot, lambda: widget.display)
        await pilot.press("l")
        await wait_until(pilot, lambda: any(link.repeat for link in ui.saved().related))
        # The row says so at once, as the Five Whys pane's does (mock review 29b).
        await wait_until(pilot, lambda: "repeat · " in rows(widget)[0])
    (link,) = [link for link in ui.saved().related if link.repeat]
    assert link.title == f"{EARLIER} Status page certificate expired (2024-05-02)"


async def test_with_only_a_later_incident_alike_the_note_says_so(make_ui) -> None:
    # Mock session 27a: the "earlier" incident had been dated after this one, and the pane
    # said only that no earlier one shared anything, so the facilitator thought it unseen.
    ui = make_ui()
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    chain = WhyChain("w1", "Certificate expired on the CDN", ("Renewal alert was ignored",))
    ui.service.store.create(
        PostMortem(
            LATER,
            "Certificate expired on the CDN",
            incident_date=date(2025, 9, 1),
            whys=(chain,),
            created_at=stamp,
            updated_at=stamp,
        )
    )
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="whys")
        widget = similar(pilot)
        await wait_until(pilot, lambda: widget.ranked is not None and widget.up_to_date)
        assert widget.matches == []
        note = str(widget.query_one("#similar-note").render())
        # The later one by its day and title (31a: a count and a command without an id).
        assert note == "No earlier incident alike; later: 2025-09-01 Certificate expired on the CDN"
        notices = recorded_notifications(widget)
        await pilot.press("l")
        await wait_until(pilot, lambda: any("No earlier incident to mark" in n for n in notices))
        assert "“Certificate expired on the CDN” (2025-09-01)" in notices[-1]
        assert "open it and press l" in notices[-1]
    assert not [link for link in ui.saved().related if link.repeat]
