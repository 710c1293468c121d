"""Provides FindingsPane, the Checks tab: what the quality guides point out, blocking first,
with the way to each place and the team's waivers. A merge conflict shows the value kept and
the other side's value side by side; one key settles it.

The guides read the whole post-mortem (about 0.6 s at 10,000 events), so they run in a
thread worker a moment after the last change and post their result back: typing never
waits for them. The tab label carries the number of open findings.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from textual import work
from textual._widget_navigation import find_next_enabled_no_wrap
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList, Static, Tabs
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.merge_conflicts import MERGE_CONFLICT
from pmtui.analysis.readiness import Readiness
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import MergeConflict, PostMortem, Waiver
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.messages import FindingsCounted, ShowPlace
from pmtui.ui.modals.waive import WaiveModal
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.place_labels import place_label

#: The guides run this long after the last change, so a burst of edits costs one run.
RECHECK_DELAY_SECONDS = 0.5

_GROUPS = (
    (FindingSeverity.BLOCKING, "Blocking: fix or waive before publishing"),
    (FindingSeverity.WARNING, "Warnings"),
    (FindingSeverity.INFO, "For information"),
)
_MARKS = {FindingSeverity.BLOCKING: "✗", FindingSeverity.WARNING: "!", FindingSeverity.INFO: "i"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the list: an open or waived finding, or a waiver whose finding has gone."""

    rule: str
    where: str
    finding: Finding | None
    waiver: Waiver | None = None

    @property
    def is_open(self) -> bool:
        """Listed among the open findings (enter fixes it), not under Waived."""
        return self.finding is not None and self.waiver is None


def conflict_value_text(value: Any) -> str:
    """A merge conflict's value in full, as the side-by-side columns show it."""
    if value is None:
        return "(deleted)"
    if isinstance(value, dict):
        return "\n".join(f"{key}: {conflict_value_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(f"{number}. {item}" for number, item in enumerate(value, start=1))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value == "":
        return "(empty)"
    return str(value)


class FindingList(OptionList):
    """The findings; enter goes to the place a finding is about."""

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Go there",
            id="checks.go_to",
            tooltip="Show the place this finding is about, ready to fix",
        ),
    ]

    def action_cursor_up(self) -> None:
        # No wrapping: ↑ pressed a few times "to reach the top" went round to the last row,
        # and enter ("Go there") then put a Detection sentence into the customer message.
        if self.highlighted is None or self._next_row(-1) is not None:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self._next_row(1) is not None:
            super().action_cursor_down()

    def _next_row(self, direction: Literal[-1, 1]) -> int | None:
        """The next row that can be highlighted from the current one, never round the end."""
        return find_next_enabled_no_wrap(self.options, anchor=self.highlighted, direction=direction)

    def action_page_up(self) -> None:
        super().action_page_up()
        # A page up that reaches the top lands on the first group's heading, which cannot be
        # highlighted: Textual then highlights nothing and says nothing, and the detail went
        # on showing the row left behind. The first row is where the user was heading.
        if self.highlighted is None:
            self.action_first()

    def action_first(self) -> None:
        super().action_first()
        # The first row's group heading above it is part of what the room reads.
        self.scroll_home(animate=False, immediate=True)


#: What starts every line of a finding after its first: under the place, after the mark.
#: Non-breaking spaces, so Textual's own wrapping keeps them.
_INDENT = "\u00a0\u00a0"


def hanging(text: str, width: int) -> str:
    """`text` wrapped for a row `width` columns wide whose every line starts two columns in
    (after the mark, or under it), later lines indented with `_INDENT` (the list's own
    wrapping would start them at the edge). Unwrapped while the width is not known."""
    if width <= len(_INDENT) + 8:
        return text
    lines = textwrap.wrap(text, width - len(_INDENT), break_on_hyphens=False) or [""]
    return ("\n" + _INDENT).join(lines)


def _shown(widget: Widget) -> bool:
    """Whether `widget` and every container around it are displayed (its tab in front)."""
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


class FindingsPane(WorkspacePane):
    TAB_ID = "checks"

    BINDINGS = [
        Binding(
            "w",
            "waive",
            "Waive",
            id="checks.waive",
            tooltip="Accept the selected finding, with a reason that is recorded and exported "
            "(on a waived one: change its reason)",
        ),
        Binding(
            "u",
            "unwaive",
            "Unwaive",
            id="checks.unwaive",
            tooltip="Withdraw the waiver of the selected finding (ctrl+z brings it back)",
        ),
        Binding(
            "k",
            "keep_kept",
            "Keep this",
            id="checks.keep_kept",
            tooltip="Settle the selected merge conflict with the value in place",
        ),
        Binding(
            "o",
            "take_other",
            "Take other",
            id="checks.take_other",
            tooltip="Settle the selected merge conflict with the other side's value",
        ),
        Binding(
            "p",
            "publish",
            "Publish",
            id="checks.publish",
            tooltip="Walk the readiness checklist and mark the post-mortem published",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="checks-pane")
        self.readiness: Readiness | None = None
        self.checked: PostMortem | None = None  # the post-mortem `readiness` describes
        self._entries: dict[str, Entry] = {}
        self._timer: Timer | None = None
        self._wanted: tuple[str, str] | None = None  # (rule, where) to select once shown
        #: The focus was asked for while the list was hidden (the first check still running).
        self._focus_once_listed = False
        self._wrapped_at = 0  # the width the findings were wrapped to

    def compose(self) -> ComposeResult:
        yield Static("Checking…", id="checks-summary")
        yield FindingList(id="checks-list")
        yield Static("", id="check-detail")
        sides = Horizontal(id="conflict-sides")
        sides.display = False  # until a merge conflict is selected
        with sides:
            yield Static("", id="conflict-kept")
            yield Static("", id="conflict-other")

    @property
    def finding_list(self) -> FindingList:
        return self.query_one("#checks-list", FindingList)

    def on_mount(self) -> None:
        if self.pm is not None:
            self._check(self.pm)

    def watch_pm(self, pm: PostMortem | None) -> None:
        if pm is None or not self.is_mounted:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(RECHECK_DELAY_SECONDS, self.recheck)

    def recheck(self) -> None:
        """Run the guides over the current post-mortem now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.pm is not None:
            self._check(self.pm)

    @property
    def up_to_date(self) -> bool:
        return self.checked is not None and self.checked is self.pm

    # A description of its own: Textual otherwise names the worker by the repr of its
    # arguments, and the repr of a 100,000-event post-mortem takes longer than the check.
    @work(thread=True, exclusive=True, group="checks", description="checks")
    def _check(self, pm: PostMortem) -> None:
        result = self.service.readiness(pm)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, pm, result)

    # Showing the findings ------------------------------------------------------------------

    def _show(self, pm: PostMortem, result: Readiness) -> None:
        if pm is not self.pm:
            return  # a newer post-mortem is on its way through the debounce
        if not self.query(FindingList):
            return  # pmtui is quitting: the check finished after the list was taken down
        self.readiness, self.checked = result, pm
        selected, before = self.selected_entry(), list(self._entries.values())
        wanted, self._wanted = self._wanted, None
        self._entries = {}
        self._wrapped_at = self._wrap_width()
        options: list[Option | None] = []
        for severity, heading in _GROUPS:
            group = [f for f in result.open if f.severity is severity]
            if group:
                options.append(Option(f"{heading} ({len(group)})", disabled=True))
                options.extend(self._option(pm, Entry(f.rule, f.where, f)) for f in group)
        waived = [
            Entry(w.finding.rule, w.finding.where, w.finding, w.waiver) for w in result.waived
        ]
        waived += [Entry(w.rule, w.where, None, w) for w in result.stale_waivers]
        if waived:
            options.append(Option(f"Waived ({len(waived)})", disabled=True))
            options.extend(self._option(pm, entry) for entry in waived)
        listing = self.finding_list
        listing.set_options(options)
        listing.display = bool(options)
        # All clear, the pane itself holds the focus (and its keys: p publishes).
        self.can_focus = not listing.display
        if self._focus_once_listed:
            self._focus_once_listed = False
            focused = self.app.focused
            # Unless the user has moved on: another tab, or a field of their own choosing
            # (the focus left behind in the tab just hidden does not count).
            moved_on = focused is not None and not isinstance(focused, Tabs) and _shown(focused)
            if _shown(self) and not moved_on:
                self.focus_default()
        if wanted is not None:
            self._select_again(wanted)
        else:
            self._select_after_change(selected, before)
        self._show_summary(result)
        self.post_message(FindingsCounted(len(result.to_fix)))  # notes ask for nothing
        self._show_detail()
        self.refresh_bindings()

    def _wrap_width(self) -> int:
        """The columns a finding's lines have, a scrollbar's width kept free (the list
        scrolls once the findings outgrow it, which narrows every row)."""
        listing = self.finding_list
        return max(0, listing.size.width - listing.styles.scrollbar_size_vertical)

    def on_resize(self, event: Resize) -> None:
        # The findings were wrapped to the old width: wrapped again, their lines stay indented.
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        shown, result = self.checked, self.readiness
        if shown is None or result is None or shown is not self.pm:
            return
        if self._wrap_width() != self._wrapped_at:
            self._show(shown, result)

    def _option(self, pm: PostMortem, entry: Entry) -> Option:
        option_id = f"entry-{len(self._entries)}"
        self._entries[option_id] = entry
        place = place_label(pm, entry.where)
        if entry.finding is None:
            text = Content.assemble(("✓ ", "$text-success"), f"{entry.rule} · {place}")
            return Option(text + Content.styled(" (no longer found)", "$text-muted"), option_id)
        if entry.waiver is not None:
            mark = Content.styled("✓ ", "$text-success")
        elif entry.finding.severity is FindingSeverity.BLOCKING:
            mark = Content.styled(f"{_MARKS[entry.finding.severity]} ", "bold $text-error")
        elif entry.finding.severity is FindingSeverity.INFO:
            mark = Content.styled(f"{_MARKS[entry.finding.severity]} ", "bold $text-accent")
        else:
            mark = Content.styled(f"{_MARKS[entry.finding.severity]} ", "bold $text-warning")
        # Two lines: where (what the room looks for), then what is wrong with it; both wrap
        # under the place, clear of the mark.
        width = self._wrapped_at
        message_look = "$text-muted" if entry.waiver is not None else ""
        line = Content.assemble(
            mark,
            (hanging(place, width), "bold"),
            "\n",
            (_INDENT + hanging(entry.finding.message, width), message_look),
        )
        return Option(line, option_id)

    def _select_again(self, keep: tuple[str, str]) -> None:
        """Select the row of `keep` (rule, where), else the first open finding."""
        for option_id, entry in self._entries.items():
            if keep == (entry.rule, entry.where):
                self._highlight(option_id)
                return
        self._select_first_open()

    def _select_after_change(self, selected: Entry | None, before: list[Entry]) -> None:
        """Keep the selection on its row while the row stays in its group (open, or waived).
        A row that left it (waived, un-waived, fixed) hands the selection to the row that took
        its place: the next one of that group below it, else the nearest above. The selection
        stayed on a finding just waived, and the facilitator's next enter opened its place
        (Impact), where their typing landed (mock meeting 17). With no open finding left,
        nothing is selected: enter then opens nothing."""
        if selected is None:
            self._select_first_open()
            return
        listed = {
            (entry.rule, entry.where): option_id for option_id, entry in self._entries.items()
        }

        def still_in_group(entry: Entry) -> str | None:
            option_id = listed.get((entry.rule, entry.where))
            if option_id is None or self._entries[option_id].is_open != selected.is_open:
                return None
            return option_id

        kept = still_in_group(selected)
        if kept is not None:
            self._highlight(kept)
            return
        at = next((i for i, entry in enumerate(before) if entry == selected), len(before))
        nearest = [*before[at + 1 :], *reversed(before[:at])]
        for entry in nearest:
            option_id = still_in_group(entry) if entry.is_open == selected.is_open else None
            if option_id is not None:
                self._highlight(option_id)
                return
        if selected.is_open:
            self._highlight(None)  # all clear: the Waived rows are not what enter is for
            return
        # The last waiver withdrawn: the finding it waived, open again, is the one in mind.
        unwaived = listed.get((selected.rule, selected.where))
        if unwaived is not None and self._entries[unwaived].is_open:
            self._highlight(unwaived)
        else:
            self._select_first_open()

    def _select_first_open(self) -> None:
        first = next((key for key, entry in self._entries.items() if entry.is_open), None)
        self._highlight(first)

    def _highlight(self, option_id: str | None) -> None:
        listing = self.finding_list
        listing.highlighted = None if option_id is None else listing.get_option_index(option_id)

    def _show_summary(self, result: Readiness) -> None:
        blocking = len(result.blocking)
        warnings = len(result.to_fix) - blocking
        notes = len(result.open) - len(result.to_fix)
        waived = len(result.waived)
        if not result.to_fix:
            extra = [f"{waived} waived"] if waived else []
            extra += [f"{notes} note{'s' * (notes != 1)}"] if notes else []
            text = "✓ No open findings: the guides have nothing to point out."
            if extra:
                text = f"✓ No open findings ({', '.join(extra)})."
        else:
            parts = [f"{blocking} blocking"] if blocking else []
            parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
            parts += [f"{waived} waived"] if waived else []
            parts += [f"{notes} note{'s' * (notes != 1)}"] if notes else []
            verdict = "not ready to publish" if blocking else "ready to publish"
            text = f"{', '.join(parts)} · {verdict}"
        summary = self.query_one("#checks-summary", Static)
        summary.update(text)
        summary.set_class(bool(blocking), "-blocking")

    def _show_detail(self) -> None:
        entry = self.selected_entry()
        detail = self.query_one("#check-detail", Static)
        detail.display = entry is not None
        self._show_conflict(self.conflict_of(entry))
        if entry is None or self.pm is None:
            return
        # The rule's id is what `pmtui check` and a waiver name; the place in words, as listed.
        place = place_label(self.pm, entry.where)
        lines = [Content.styled(f"{entry.rule} · {place}", "$text-muted")]
        if entry.finding is not None:
            lines.append(Content(entry.finding.message))
            if entry.finding.hint:
                lines.append(Content.styled(f"→ {entry.finding.hint}", "$text-accent"))
        if entry.waiver is not None:
            by = f" by {entry.waiver.waived_by}" if entry.waiver.waived_by else ""
            lines.append(
                Content.styled(
                    f"Waived{by} on {entry.waiver.waived_on.isoformat()}: {entry.waiver.reason}",
                    "$text-success",
                )
            )
        detail.update(Content("\n").join(lines))

    def _show_conflict(self, conflict: MergeConflict | None) -> None:
        sides = self.query_one("#conflict-sides", Horizontal)
        sides.display = conflict is not None
        if conflict is None:
            return
        kept = Content.styled("Kept, in place now (k keeps it)", "bold $text-success")
        other = Content.styled("The other side's (o takes it)", "bold $text-warning")
        self.query_one("#conflict-kept", Static).update(
            kept + "\n" + Content(conflict_value_text(conflict.kept))
        )
        self.query_one("#conflict-other", Static).update(
            other + "\n" + Content(conflict_value_text(conflict.other))
        )

    def conflict_of(self, entry: Entry | None) -> MergeConflict | None:
        """The merge conflict an open row is about, if it is one."""
        if entry is None or entry.finding is None or entry.finding.rule != MERGE_CONFLICT:
            return None
        if self.pm is None:
            return None
        try:
            return self.pm.conflict(entry.where)
        except KeyError:
            return None  # settled since the guides last ran

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._entries.get(event.option.id or "")
        if entry is not None:
            self.go_to(entry.where, entry.finding.message if entry.finding else "")

    # Selection ---------------------------------------------------------------------------

    def selected_entry(self) -> Entry | None:
        option = self.finding_list.highlighted_option
        return self._entries.get(option.id or "") if option is not None else None

    def select(self, rule: str, where: str) -> None:
        # Kept until the guides have run again: the entry may only appear then (an undone
        # unwaive brings its waiver back on the next check).
        self._wanted = (rule, where)
        self._select_again((rule, where))

    def entries(self) -> list[Entry]:
        """What the list shows, in order (for tests and the readiness checklist)."""
        return list(self._entries.values())

    def focus_default(self) -> None:
        if self.checked is None:
            # Built as its tab was shown, the first check still running: the list (or, all
            # clear, the pane) takes the focus once checked, so the Checks keys are live.
            self._focus_once_listed = True
            return
        listing = self.finding_list
        (listing if listing.display else self).focus()

    # Going to the place ----------------------------------------------------------------

    def go_to(self, where: str, about: str = "") -> None:
        """Ask the workspace to show the place a finding is about, ready to fix; `about`
        is what the finding says."""
        self._wanted = None  # as for waive: back from the place, the list goes on from here
        self.post_message(ShowPlace(where, about))

    # Waivers -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.selected_entry() if self.is_mounted else None
        # None greys the key out in the footer: it exists, just not for this row.
        if action == "waive":
            return True if entry is not None and entry.finding is not None else None
        if action == "unwaive":
            return True if entry is not None and entry.waiver is not None else None
        if action == "publish":
            return None if self.unavailable_reason("publish") else True
        if action in ("keep_kept", "take_other"):
            if self.pm is None or not self.pm.conflicts:
                return False  # hidden: most post-mortems never see a merge conflict
            return True if self.conflict_of(entry) is not None else None
        return True

    def action_waive(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.finding is None or not self.can_run("waive"):
            return
        self._wanted = None  # the user's own choice of row outranks an undo's landing
        self.waive(entry.finding)

    def waive(self, finding: Finding, on_done: Callable[[bool], None] | None = None) -> None:
        """Ask for a reason, then record the waiver; `on_done(saved)` follows the dialog."""
        assert self.pm is not None
        current, by = "", getattr(self.app, "waived_by", "") or self.pm.owner
        with contextlib.suppress(KeyError):  # waiving again edits the reason
            waiver = self.pm.waiver(finding.rule, finding.where)
            current, by = waiver.reason, waiver.waived_by

        def save(reason: str, by: str) -> bool:
            saved = self.commit(
                lambda pm: self.service.waive(pm, finding.rule, finding.where, reason, by=by)
            )
            if saved is not None and by.strip() and hasattr(self.app, "waived_by"):
                self.app.waived_by = by.strip()
            return saved is not None

        def done(saved: bool | None) -> None:
            if saved:
                self.recheck()
                assert self.pm is not None  # the waiver was just saved into it
                place = place_label(self.pm, finding.where)
                if current:
                    # Already waived: it stays where it is, selected, with the new reason.
                    self.notify(f"Reason changed: {finding.rule} at {place} stays waived.")
                else:
                    self.notify(f"Waived: {finding.rule} at {place}.")
            if on_done is not None:
                on_done(bool(saved))

        self.app.push_screen(
            WaiveModal(finding, place_label(self.pm, finding.where), save, current, by), done
        )

    def action_unwaive(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.waiver is None or not self.can_run("unwaive"):
            return
        self._wanted = None  # as for waive
        waiver = entry.waiver
        if not self.commit(lambda pm: self.service.unwaive(pm, waiver.rule, waiver.where)):
            return
        self.recheck()

    # Merge conflicts -----------------------------------------------------------------------

    def action_keep_kept(self) -> None:
        self.settle_conflict(take_other=False)

    def action_take_other(self) -> None:
        self.settle_conflict(take_other=True)

    def settle_conflict(self, *, take_other: bool) -> None:
        """Settle the selected merge conflict (saved at once; ctrl+z reopens it)."""
        conflict = self.conflict_of(self.selected_entry())
        if conflict is None or not self.can_run("settle"):
            return
        try:
            saved = self.commit(
                lambda pm: self.service.resolve_conflict(pm, conflict.where, take_other=take_other)
            )
        except ValidationError as error:
            # The other value no longer fits (say, the item it names was deleted since).
            self.notify(str(error), title="Not taken", severity="error", timeout=8)
            return
        if not saved:
            return
        self.recheck()

    # Publishing ------------------------------------------------------------------------

    def action_publish(self) -> None:
        self.publish()

    def publish(
        self, status: str = "published", on_done: Callable[[bool | None], None] | None = None
    ) -> None:
        """Show the readiness checklist; it marks the post-mortem `status` once ready."""
        from pmtui.ui.modals.readiness import ReadinessModal

        if not self.can_run("publish"):
            if on_done is not None:
                on_done(False)
            return
        self.app.push_screen(ReadinessModal(self, status), on_done)

    def unavailable_reason(self, action: str) -> str:
        reason = super().unavailable_reason(action)
        if reason or action != "publish" or self.pm is None:
            return reason
        if self.pm.status.value in ("published", "closed"):
            return f"It is already {self.pm.status.value}."
        return ""

    def where_to_type(self) -> str:
        """Where words typed on the list belong (pmtui.ui.typed_words)."""
        return "Enter opens the selected finding's place, ready to fix."

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "Publish post-mortem",
                "Walk the readiness checklist, then mark it published",
                self.action_publish,
                action="publish",
            ),
            PaletteCommand(
                "Checks: waive the selected finding",
                "Accept it with a reason that is recorded and exported",
                self.run_in_tab(self.action_waive),
                action="waive",
            ),
            PaletteCommand(
                "Checks: withdraw the selected waiver",
                "The finding counts again",
                self.run_in_tab(self.action_unwaive),
                action="unwaive",
            ),
            PaletteCommand(
                "Checks: keep the value in place for the selected merge conflict",
                "Settle the conflict; the other side's value is dropped",
                self.run_in_tab(self.action_keep_kept),
                action="keep_kept",
            ),
            PaletteCommand(
                "Checks: take the other value for the selected merge conflict",
                "Settle the conflict with the other side's value",
                self.run_in_tab(self.action_take_other),
                action="take_other",
            ),
            PaletteCommand(
                "Checks: re-run the quality guides",
                "Blame language, action items, milestones, sections, root causes",
                self.run_in_tab(self.recheck),
            ),
        ]
