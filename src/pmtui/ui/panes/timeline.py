"""Provides TimelinePane: the sorted timeline, a quick-add line and the live "stamp now" key.

The table renders straight from the post-mortem's immutable `events` tuple, so every change
(add, insert, edit, duplicate, delete, undo) is one service call plus a repaint of the
visible rows, and stays instant with 10,000 events.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from pmtui.export.markdown_clock import reference_moment
from pmtui.importers import paused_gc
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.model.quick_add import (
    bare_time_day,
    begins_with_time,
    keeps_anchor,
    read_event_time,
)
from pmtui.model.sources import seen_in_label
from pmtui.model.stamping import stamp_is_live
from pmtui.model.times import iso_utc, parse_instant, typed_clock
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.controls.quick_add_line import (
    Capture,
    QuickAddLine,
    asked_offer,
    local_time,
    new_event_time_hint,
)
from pmtui.ui.keymap import key_now
from pmtui.ui.modals.attach_file import AttachFileModal
from pmtui.ui.modals.event_form import EventFormModal, ReadTime, SaveEvent
from pmtui.ui.modals.import_evidence import ImportChoice, ImportEvidenceModal
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.typing_focus import keys_are_typing
from pmtui.ui.widgets.timeline_table import TimelineTable

QUICK_ADD_PLACEHOLDER = (
    "e.g. 14:32 detected Pager fired  ·  +5m restarted api  ·  now mitigated failover done"
)

# Actions that change the timeline (greyed out in read-only mode).
_CHANGES = frozenset(
    {
        "add",
        "insert",
        "edit",
        "delete",
        "duplicate",
        "split",
        "stamp_now",
        "stamp_line",
        "import_evidence",
        "attach",
    }
)
# Actions that work on the selected event (greyed out while the timeline is empty).
_NEEDS_EVENT = frozenset({"insert", "edit", "delete", "duplicate", "split", "attach"})
# Single-letter keys of the table; while the quick-add line has focus they type letters.
_TABLE_KEYS = frozenset(
    {
        "add",
        "insert",
        "edit",
        "delete",
        "duplicate",
        "split",
        "stamp_now",
        "focus_quick_add",
        "import_evidence",
        "attach",
    }
)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rejected_words(rejected: int, joint: str) -> str:
    """The import notice's word on the rows the preview rejected (nothing when none were):
    the preview is gone once the notice shows, and a count said only there was missed."""
    if not rejected:
        return ""
    return f"{joint}{rejected:,} {'row' if rejected == 1 else 'rows'} rejected (not imported)"


#: Clocks disagree by a little; an event this far ahead of now is worth a word.
FUTURE_GRACE = timedelta(minutes=2)


class TimelinePane(WorkspacePane):
    TAB_ID = "timeline"

    BINDINGS = [
        Binding(
            "n",
            "stamp_now",
            "Stamp now",
            id="timeline.stamp",
            tooltip="Add an event at this very second; type what happened afterwards",
        ),
        Binding(
            "ctrl+n",
            "stamp_line",
            "Stamp line now",
            id="timeline.stamp_line",
            tooltip="Add the quick-add line as an event at this very second",
        ),
        Binding("a", "add", "Add", id="timeline.add", tooltip="Add an event with the form"),
        Binding(
            "i",
            "insert",
            "Insert",
            show=False,
            id="timeline.insert",
            tooltip="Add an event one minute after the selected one",
        ),
        Binding("e", "edit", "Edit", id="timeline.edit", tooltip="Edit the selected event"),
        Binding(
            "enter",
            "edit",
            "Edit",
            show=False,
            id="timeline.edit_enter",
            tooltip="Edit the selected event",
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="timeline.delete",
            tooltip="Delete the selected event (ctrl+z brings it back)",
        ),
        Binding(
            "c",
            "duplicate",
            "Duplicate",
            show=False,
            id="timeline.duplicate",
            tooltip="Copy the selected event (same time, right after it)",
        ),
        Binding(
            "s",
            "split",
            "Split",
            show=False,  # offered by the detail line when the selected row is a group
            id="timeline.split",
            tooltip="Give each source's record of the selected moment (a row marked ×2 "
            "sources, …) its own row (ctrl+z joins them again)",
        ),
        Binding(
            "p",
            "attach",
            "Attach",
            show=False,
            id="timeline.attach",
            tooltip="Attach a graph or screenshot (PNG, JPEG, SVG) to the selected event",
        ),
        Binding(
            "I",
            "import_evidence",
            "Import",
            show=False,
            id="timeline.import",
            tooltip="Import events from a PagerDuty, Slack, Alertmanager, Grafana, Opsgenie, "
            "CSV or log file",
        ),
        Binding(
            "colon,slash",
            "focus_quick_add",
            "Quick add",
            id="timeline.quick_add",
            tooltip="Type an event as one line: 14:32 detected Pager fired",
        ),
        Binding(
            "escape",
            "focus_table",
            "Table",
            id="timeline.table",
            tooltip="Back from the quick-add line to the table",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="timeline-pane")
        self._select_next: str | None = None

    def compose(self) -> ComposeResult:
        yield TimelineTable(id="timeline-table")
        # The table cuts long texts to its width; the selected event is shown here in full.
        yield Static(id="timeline-detail")
        yield QuickAddLine(placeholder=QUICK_ADD_PLACEHOLDER, input_id="quick-add")

    @property
    def table(self) -> TimelineTable:
        return self.query_one(TimelineTable)

    @property
    def quick_line(self) -> QuickAddLine:
        return self.query_one(QuickAddLine)

    @property
    def quick_add(self) -> Input:
        return self.quick_line.input

    def on_mount(self) -> None:
        self.quick_line.clock = self.service.now
        if self.pm is not None:
            self._show(self.pm)

    def watch_pm(self, pm: PostMortem | None) -> None:
        if pm is not None and self.is_mounted:
            self._show(pm)

    def _show(self, pm: PostMortem) -> None:
        self.quick_line.pm = pm
        table = self.table
        select, self._select_next = self._select_next, None
        attached = frozenset(a.event_id for a in pm.attachments if a.event_id)
        if attached != table.attached:
            table.attached = attached  # the 📎 marks repaint; the rows stay as they are
            self._show_anchor()
        # With no event yet, the header's EST or EDT is the incident's, not today's.
        zone_moment = None if pm.events else reference_moment(pm)
        unchanged = table.events is pm.events and table.zone is pm.zone
        if unchanged and select is None and table.zone_moment == zone_moment:
            return  # a header or narrative edit: nothing in the timeline changed
        was_empty = not table.events
        table.show(pm.events, pm.zone, select=select, zone_moment=zone_moment)
        self._show_anchor()  # an edit may have moved the selected event in time
        if was_empty != (not pm.events):
            self.refresh_bindings()

    def focus_default(self) -> None:
        self.table.focus()

    # The anchor: what "+5m" and bare times count from -------------------------------------

    def _anchor(self) -> datetime | None:
        event = self.table.cursor_event
        return event.at if event is not None else None

    def on_timeline_table_cursor_moved(self, message: TimelineTable.CursorMoved) -> None:
        self._show_anchor()

    def _show_anchor(self) -> None:
        event = self.table.cursor_event
        self._show_detail(event, self.pm)
        self.quick_line.anchor_at = event.at if event is not None else None

    def _show_detail(self, event: TimelineEvent | None, pm: PostMortem | None) -> None:
        detail = self.query_one("#timeline-detail", Static)
        if event is None or pm is None:
            detail.update("")
            detail.display = False
            return
        seen_in = seen_in_label(event)
        source = f"{seen_in} (s splits)" if seen_in else f"source: {event.source or '—'}"
        facts = [local_time(event.at, pm), event.kind.value, source]
        if event.link:
            facts.append(event.link)
        attached = pm.attachments_of(event_id=event.id)
        if attached:
            facts.append("📎 " + ", ".join(_short(a.alt, 30) for a in attached))
        detail.update(
            Content.assemble((" · ".join(facts), "$text-muted"), "\n", " ".join(event.text.split()))
        )
        detail.display = True

    def on_timeline_table_event_chosen(self, message: TimelineTable.EventChosen) -> None:
        self.action_edit()

    # Keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.is_mounted and self.quick_add.has_focus
        if action == "focus_table":
            # Only from the quick-add line; on the table escape still goes home.
            return typing
        if action == "stamp_line":
            return typing and not self.workspace.read_only
        if typing and action in _TABLE_KEYS and keys_are_typing():
            return False
        if action in _CHANGES and self.workspace.read_only:
            return None
        if action in _NEEDS_EVENT and self.table.cursor_event is None:
            return None
        # Split stays offered on a one-source row (F1, the footer, ctrl+p): greyed out there,
        # `s` did nothing and said nothing; action_split says why instead.
        return True

    def action_focus_quick_add(self) -> None:
        self.quick_add.focus()

    def take_line_typed_here(self, text: str) -> bool:
        """Take `text`, typed on the table where keys are commands, into the quick-add line
        when it starts as a line does, with a time; True if it did. The hint says "Type a
        line below, e.g. 14:32 detected Pager fired": typed on the table, "12:44 action…"
        ran its `1` (the Overview) and the rest went into the Incident date (mock meeting
        18a). A line already holding a draft keeps it: the typing then runs nothing."""
        line = self.quick_add
        if not begins_with_time(text) or not self.table.has_focus or line.value:
            return False
        line.focus()
        line.insert_text_at_cursor(text)
        return True

    def action_focus_table(self) -> None:
        self.table.focus()

    # Quick add and stamp now --------------------------------------------------------------

    def action_stamp_now(self) -> None:
        self.quick_line.stamp_now()

    def action_stamp_line(self) -> None:
        self.quick_line.stamp_now()

    def on_quick_add_line_submitted(self, message: QuickAddLine.Submitted) -> None:
        message.stop()
        captured = message.event
        quick = captured.quick
        fields = {
            "at": iso_utc(quick.at),
            "kind": quick.kind.value,
            "text": quick.text,
            "source": captured.source,
            "link": captured.link,
        }
        selected = self.table.cursor_event
        # A cause planted days earlier leaves the selection, and what the next bare time
        # counts from, where it was (see keeps_anchor).
        keep = selected.id if selected and keeps_anchor(quick.at, captured.anchor) else None
        try:
            added = self._add_from(captured.anchor, fields, keep=keep)
        except ValidationError as error:
            message.line.refused(error.message)
            return
        if added is None:
            return
        message.line.accepted(captured)
        if keep is not None:
            assert self.pm is not None
            self.notify(
                f"Added at {local_time(quick.at, self.pm)}, days before the selected event, "
                "which stays selected: bare times still count from it.",
                timeout=6,
            )
        typed = captured.how in (Capture.TYPED, Capture.STAMPED_LINE)
        if typed and quick.at > self.service.now() + FUTURE_GRACE:
            # A bare "14:32" lands on the selected event's day; if that is still to
            # come, a date was probably meant.
            assert self.pm is not None
            self.notify(
                f"Added at {local_time(quick.at, self.pm)}, which is in the future. "
                "If that is wrong, press e and give the date.",
                severity="warning",
                timeout=8,
            )

    # Add, insert, edit, duplicate, delete ----------------------------------------------------

    def _commit_selecting(
        self,
        change: Callable[[PostMortem], tuple[PostMortem, TimelineEvent]],
        *,
        keep: str | None = None,
    ) -> TimelineEvent | None:
        """Commit a service call returning (pm, event); the cursor follows that event, or
        stays on the event `keep`."""
        made: list[TimelineEvent] = []

        def run(pm: PostMortem) -> PostMortem:
            new, event = change(pm)
            made.append(event)
            # Read by watch_pm while the commit assigns `pm`.
            self._select_next = keep or event.id
            return new

        try:
            saved = self.commit(run)
        finally:
            self._select_next = None
        return made[0] if saved and made else None

    def _add_from(
        self, anchor: datetime | None, fields: dict[str, str], *, keep: str | None = None
    ) -> str | None:
        """Add the event; the cursor follows it, or stays on the event `keep`."""
        event = self._commit_selecting(
            lambda pm: self.service.add_event(pm, anchor=anchor, **fields), keep=keep
        )
        return event.id if event is not None else None

    def _selected(self) -> TimelineEvent | None:
        event = self.table.cursor_event
        if event is None:
            self.notify("The timeline is empty: add an event first.", severity="warning")
        return event

    def _open_form(
        self,
        heading: str,
        values: dict[str, str],
        save: SaveEvent,
        read_time: ReadTime,
        *,
        editing: bool = False,
    ) -> None:
        pm = self.pm
        if pm is None:
            return
        if editing:
            # An edited time stays on its event's day: 02:10 for a 02:15 event is 5 min back.
            hint = f"{pm.timezone} time; 14:32 = on this event's day; also +5m, now"
        else:
            try:
                offered: datetime | None = read_time(values.get("at", ""))
            except ValidationError:
                offered = None
            hint = new_event_time_hint(pm, self._anchor(), offered)
        form = EventFormModal(
            heading,
            values,
            save,
            time_hint=hint,
            read_time=read_time,
            zone=pm.zone,
            editing=editing,
        )
        self.app.push_screen(form)

    def _new_event_form(self, heading: str, values: dict[str, str]) -> None:
        """The form for an event to add, its time read by the quick-add rule from the
        selected event (pmtui.model.quick_add.read_event_time), the preview's and the save's."""
        pm, anchor = self.pm, self._anchor()
        if pm is None:
            return
        zone, incident_date = pm.zone, bare_time_day(pm)

        def read_time(typed: str) -> datetime:
            return read_event_time(
                typed, zone, now=self.service.now(), anchor=anchor, incident_date=incident_date
            )

        def save(typed: dict[str, str]) -> str | None:
            # The instant the preview showed, not the words read again another way.
            return self._add_from(anchor, {**typed, "at": iso_utc(read_time(typed["at"]))})

        self._open_form(heading, values, save, read_time)

    def action_add(self) -> None:
        pm = self.pm
        if pm is None:
            return
        now = self.service.now().replace(second=0, microsecond=0)
        heading, at = "Add timeline event", now
        last = pm.events[-1].at if pm.events else None
        if not stamp_is_live(pm.incident_date, last, now):
            # Today's date in an older incident would land days away from its timeline and
            # turn the metrics meaningless: offer the selected (else last) event's time, else
            # the incident date's.
            chosen = self.table.cursor_event
            today = now.astimezone(pm.zone).date()
            at, offered = asked_offer(pm, chosen.at if chosen is not None else None, today)
            heading = f"Add timeline event · not today's incident ({offered} offered)"
        values = {"at": local_time(at, pm), "kind": "note", "text": "", "source": "manual"}
        self._new_event_form(heading, values)

    def action_insert(self) -> None:
        pm, event = self.pm, self._selected()
        if pm is None or event is None:
            return
        values = {
            "at": local_time(event.at + timedelta(minutes=1), pm),
            "kind": "note",
            "text": "",
            "source": event.source,
        }
        heading = f"Insert event after {local_time(event.at, pm)} {event.kind.value}"
        self._new_event_form(heading, values)

    def action_edit(self) -> None:
        pm, event = self.pm, self._selected()
        if pm is None or event is None:
            return
        values = {
            "at": local_time(event.at, pm),
            "kind": event.kind.value,
            "text": event.text,
            "source": event.source,
            "link": event.link,
        }

        zone = pm.zone

        def read_time(typed: str) -> datetime:
            # As service.edit_event reads it: a bare 14:32 on this event's own day.
            return parse_instant(typed_clock(typed), zone, now=self.service.now(), anchor=event.at)

        def save(typed: dict[str, str]) -> str | None:
            # Only what was changed is sent, so an untouched time keeps its exact instant.
            changed = {name: value for name, value in typed.items() if value != values.get(name)}
            if not changed:
                return event.id
            if "at" in changed:
                # The instant the preview showed, not the words read again another way.
                changed["at"] = iso_utc(read_time(changed["at"]))
            if self.commit(lambda pm: self.service.edit_event(pm, event.id, **changed)):
                return event.id
            return None

        self._open_form(f"Edit event at {values['at']}", values, save, read_time, editing=True)

    def action_duplicate(self) -> None:
        event = self._selected()
        if event is None:
            return
        copy = self._commit_selecting(lambda pm: self.service.duplicate_event(pm, event.id))
        if copy is not None:
            self.notify("Duplicated. Press e to edit the copy.", timeout=4)

    def action_delete(self) -> None:
        pm, event = self.pm, self._selected()
        if pm is None or event is None:
            return
        self.commit(lambda pm: self.service.delete_event(pm, event.id)[0])

    def action_split(self) -> None:
        event = self._selected()
        # The palette runs actions without check_action: say why nothing happens.
        if event is None or not self.can_run("split"):
            return
        if len(event.seen_in) < 2:
            self.notify(
                "Nothing to split: this event has one source's record. s splits a row an "
                "import merged from several sources (marked ×2 sources, ×3 …).",
                severity="warning",
            )
            return
        made: list[tuple[str, ...]] = []

        def run(pm: PostMortem) -> PostMortem:
            new, ids = self.service.split_event(pm, event.id)
            made.append(ids)
            self._select_next = event.id
            return new

        try:
            saved = self.commit(run)
        finally:
            self._select_next = None
        if saved and made:
            self.notify(
                f"Split into {len(made[0])} events, one per source's record. "
                "ctrl+z joins them again.",
                timeout=5,
            )

    # Attachments -------------------------------------------------------------------------

    def action_attach(self) -> None:
        pm, event = self.pm, self._selected()
        # The palette runs actions without check_action: read-only must still say no.
        if pm is None or event is None or not self.can_run("attach"):
            return
        confine_to: Path | None = getattr(self.app, "confine_to", None)

        def save(path: Path, alt: str, _section: str) -> bool:
            change = self.commit(
                lambda pm: self.service.attach(pm, path, alt, event_id=event.id)[0]
            )
            return change is not None

        place = f"the event at {local_time(event.at, pm)}"
        modal = AttachFileModal(place, save, confine_to=confine_to)
        self.app.push_screen(modal, self._attached)

    def _attached(self, saved: bool | None) -> None:
        if saved:
            self.notify("Attached. Exports show it with its alt text.", timeout=4)
        self.table.focus()

    # Evidence import ---------------------------------------------------------------------

    def action_import_evidence(self) -> None:
        pm = self.pm
        # The palette runs actions without check_action: read-only must still say no.
        if pm is None or not self.can_run("import_evidence"):
            return
        reference = pm.incident_date or self.service.today(pm)
        confine_to: Path | None = getattr(self.app, "confine_to", None)
        modal = ImportEvidenceModal(pm, reference, confine_to=confine_to)
        self.app.push_screen(modal, self._import_chosen)

    def _import_chosen(self, choice: ImportChoice | None) -> None:
        if choice is None:
            return
        if not choice.events:
            self.notify(
                f"Added 0 events: all {choice.duplicates:,} are already in the timeline"
                f"{_rejected_words(choice.rejected, ', and ')}.",
                title=choice.label,
            )
            return
        counts: list[int] = []

        def run(pm: PostMortem) -> PostMortem:
            before = {event.id for event in pm.events}
            with paused_gc():  # 100,000 new events, none of them garbage
                new, added, duplicates, merged = self.service.import_evidence(pm, choice.events)
            counts.extend((added, duplicates, merged))
            # The cursor goes to the earliest added event (events are kept in time order).
            first = next((event.id for event in new.events if event.id not in before), None)
            self._select_next = first
            return new

        try:
            saved = self.commit(run)
        except ValidationError as error:
            self.notify(f"Nothing imported: {error.message}", severity="error", timeout=8)
            return
        finally:
            self._select_next = None
        if saved and counts:
            added, duplicates, merged = counts
            skipped = duplicates + choice.duplicates
            grouped = f" ({merged:,} into moments other sources saw too)" if merged else ""
            self.notify(
                f"Added {added:,} {'event' if added == 1 else 'events'}{grouped}, "
                f"skipped {skipped:,} {'duplicate' if skipped == 1 else 'duplicates'}"
                f"{_rejected_words(choice.rejected, ', ')}.",
                title=choice.label,
                timeout=6,
            )
        self.table.focus()

    # Command palette ----------------------------------------------------------------------

    def where_to_type(self) -> str:
        """Where words typed on the table belong (pmtui.ui.typed_words)."""
        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        return (
            f"{self._footer_key('timeline.quick_add', ':')} types an event as one line, "
            f"{key_now(keymap, 'timeline.edit', 'e')} edits the selected one."
        )

    def _footer_key(self, binding_id: str, default: str) -> str:
        """The key the footer shows for `binding_id`, written as the footer writes it.

        Quick add has two keys (":" and "/"): the notice named "/" while the footer said
        ": Quick add" (mock meeting 14). The footer shows the first active one, remapped."""
        for _, binding, _, _ in self.screen.active_bindings.values():
            if binding.id == binding_id:
                return self.app.get_key_display(binding)
        return default

    def palette_commands(self) -> list[PaletteCommand]:
        def command(
            title: str, help: str, run: Callable[[], Any], action: str = ""
        ) -> PaletteCommand:
            return PaletteCommand(title, help, self.run_in_tab(run), action)

        return [
            command("Add timeline event", "Open the event form", self.action_add, action="add"),
            command(
                "Stamp event now",
                "Add an event at this second; type what happened afterwards",
                self.action_stamp_now,
                action="stamp_now",
            ),
            command(
                "Quick-add timeline event",
                "Type one line: 14:32 detected Pager fired, +5m restarted api, now …",
                self._focus_later(self.quick_add),
                action="focus_quick_add",
            ),
            command(
                "Insert event after selected",
                "Open the form one minute after the selected event",
                self.action_insert,
                action="insert",
            ),
            command(
                "Edit selected event", "Open the selected event", self.action_edit, action="edit"
            ),
            command(
                "Delete selected event",
                "Delete it (ctrl+z brings it back)",
                self.action_delete,
                "delete",
            ),
            command(
                "Duplicate selected event",
                "Copy it, right after itself",
                self.action_duplicate,
                "duplicate",
            ),
            command(
                "Split selected moment by source",
                "Give each source's record of a moment several sources saw its own row",
                self.action_split,
                "split",
            ),
            command(
                "Attach image to selected event",
                "A graph or screenshot (PNG, JPEG, SVG), with alt text",
                self.action_attach,
                action="attach",
            ),
            command(
                "Import evidence into the timeline",
                "Add events from a PagerDuty, Slack, Alertmanager, Grafana, Opsgenie, CSV or log "
                "export",
                self.action_import_evidence,
                action="import_evidence",
            ),
        ]

    def _focus_later(self, widget: Input) -> Callable[[], None]:
        # The tab switch shows the pane on the next refresh; focus after it.

        def focus() -> None:
            self.call_after_refresh(widget.focus)

        return focus
