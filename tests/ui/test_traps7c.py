"""Pilot tests of a trap a first-time facilitator met in a mock review at 80x24 (issue 12,
part 7c): a long service tag in the meeting's header lines was cut mid-word by the wrap.
Each opens the meeting as a user would and reads the screen."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pmtui.model import PostMortem
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.widgets.similar_incidents import SimilarIncidents
from tests.ui.support import UI, open_sample, wait_until

SIZE = (80, 24)
#: Tags as a team writes them: short ones, one with a space, and one wider than the screen.
LONG_TAG = "roblox-game-servers-us-east-1-production-fleet-behind-the-consul-streaming-cluster"
TAGS = ("consul", "caching system", "roblox-game-servers", LONG_TAG)


def screen_lines(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    strips = pilot.app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


def cut_words(lines: list[str], tags: tuple[str, ...]) -> list[str]:
    """The words on `lines` that are a piece of a tag but neither a whole word of one nor
    shortened with "…": what a wrap inside a word leaves ("…-consul-strea" / "ming-cluster")."""
    whole = {word for tag in tags for word in tag.split()}
    cut = []
    for line in lines:
        for word in line.replace("·", " ").split():
            word = word.rstrip(",")
            if word in whole or (word.endswith("…") and any(word[:-1] in t for t in tags)):
                continue
            if len(word) > 3 and any(word in tag for tag in tags):  # not "in", "the"
                cut.append(word)
    return cut


def tag_the_sample(ui: UI) -> None:
    ui.service.update(ui.saved(), services=list(TAGS))


async def start_meeting(pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot)
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    return meeting


async def test_the_summary_header_wraps_tags_whole_or_shortens_them_at_80x24(make_ui) -> None:
    ui = make_ui()
    tag_the_sample(ui)
    async with ui.app.run_test(size=SIZE) as pilot:
        meeting = await start_meeting(pilot)
        await pilot.press("right")
        await wait_until(pilot, lambda: meeting.step == 1 and "  Summary" in screen_lines(pilot))
        lines = screen_lines(pilot)
        header = lines[next(i for i, line in enumerate(lines) if "SEV2 · in-review" in line) :]
        header = header[: next(i for i, line in enumerate(header) if not line.strip())]
        assert cut_words(header, TAGS) == [], header
        text = " ".join(header)
        assert "roblox-game-servers," in text and "caching system," in text
        assert LONG_TAG[:40] in text and "…" in text  # shortened, with the mark
        assert header[-1].endswith("Wed 19 Mar 2025")  # the date is never split either


async def test_seen_before_keeps_shared_tags_whole_on_one_line_at_80x24(make_ui) -> None:
    ui = make_ui()
    tag_the_sample(ui)
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    ui.service.store.create(
        PostMortem(
            "earlier-fleet",
            "Matchmaking outage in one region",
            incident_date=date(2024, 6, 1),
            services=("roblox-game-servers", LONG_TAG),
            created_at=stamp,
            updated_at=stamp,
        )
    )
    async with ui.app.run_test(size=SIZE) as pilot:
        meeting = await start_meeting(pilot)
        similar = meeting.query_one("#meeting-similar", SimilarIncidents)
        await wait_until(pilot, lambda: similar.ranked is not None and similar.up_to_date)
        await wait_until(pilot, lambda: any("2024-06-01" in line for line in screen_lines(pilot)))
        lines = screen_lines(pilot)
        row = next(index for index, line in enumerate(lines) if "2024-06-01" in line)
        # One line, nothing of it wrapped onto the next, every tag on it whole or marked.
        assert lines[row + 1].strip() == "", lines[row : row + 2]
        assert cut_words([lines[row]], TAGS) == [], lines[row]
        assert "roblox-game-servers" in lines[row] and "…" in lines[row]
