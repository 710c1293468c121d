"""Provides ImportEvidenceModal: read a pager, chat, monitoring or log export into a preview,
let the user deselect rows, and hand back the events chosen for one write.

Reading runs in a worker thread (a 100,000-line log takes a moment); the post-mortem is not
touched here at all: the dialog dismisses with an ImportChoice and the Timeline pane commits
it through the service, so escape at any point leaves everything as it was. Under
`pmtui serve` it reads, lists and completes only files in the database's folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Input, LoadingIndicator, Select, Static

from pmtui.confinement import outside_folder
from pmtui.importers import FORMATS, LABELS, ImportedEvent, ImporterError, read_evidence
from pmtui.importers.grouping import best_record, held_records, plan_grouping
from pmtui.limits import size_text
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import format_instant, parse_timezone
from pmtui.service import duplicate_flags
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.export_file import resolve_typed_path
from pmtui.ui.modals.form_modal import form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.type_select import TypeSelect

#: Rows put in the preview table; a 100,000-row DataTable would stall the screen for seconds.
#: The selection still covers every event (toggle-all reaches the rows not shown).
PREVIEW_ROWS = 500
#: Rejections listed (in a box that scrolls) under the preview; the rest are counted.
SHOWN_REJECTIONS = 200
#: How a rejected time's reason says to name its zone here: the dialog's Timezone field, not
#: the CLI's --tz, which the reason named in the preview (mock meeting 15).
ZONE_ADVICE = "or without one, read in the Timezone field's zone"
#: The Text column is never narrower than this, even when the others leave less.
MIN_TEXT_WIDTH = 12

CHECK = "✓"
#: Marks an event that will join the row of a moment another source saw.
JOINS = "↳ "
DUPLICATE = "dup"


@dataclass(frozen=True)
class ImportChoice:
    """What the user chose to import: the events, and how many rows were already there."""

    events: tuple[ImportedEvent, ...]
    duplicates: int
    label: str  # "alerts.json (Alertmanager webhook bodies)", for the notification
    rejected: int = 0  # rows the preview listed as rejected: the notification says so too


@dataclass(frozen=True)
class _Preview:
    """One read, prepared in the worker so the UI thread only fills the table."""

    name: str
    format: str
    events: tuple[ImportedEvent, ...]
    duplicates: tuple[bool, ...]
    rejected: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    rows: tuple[tuple[str, str, str, str], ...]  # the first PREVIEW_ROWS, formatted, uncut
    joining: int = 0  # events that join a moment another source's record makes a row of


def _joining(pm: PostMortem, events: Sequence[ImportedEvent], held: Sequence[bool]) -> set[int]:
    """The indices of `events` that an import would merge into another source's row: into
    one the timeline holds, or into a moment an earlier event of this file starts."""
    fresh = [index for index, is_held in enumerate(held) if not is_held]
    grouping = plan_grouping(pm.events, [events[index] for index in fresh])
    merged = {fresh[i] for joined in grouping.joins.values() for i in joined}
    for moment in grouping.moments:
        shown = best_record([events[fresh[i]] for i in moment])
        merged.update(fresh[i] for i in moment if events[fresh[i]] is not shown)
    return merged


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder; a name the disk refuses (too long) is not one."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _missing(path: Path) -> str:
    """Why nothing can be read at `path` ('' when something is there). A name the disk
    refuses is a reason to show: looking it up raised and closed pmtui with the dialog."""
    try:
        there = path.exists()
    except OSError as error:
        return f"Cannot read {path}: {error.strerror or error}."
    return "" if there else f"There is no file or folder at {path}."


def _size_words(path: Path) -> str:
    if path.is_dir():
        return f"Reading the folder {path.name}…"
    try:
        size = os.path.getsize(path)
    except OSError:
        return f"Reading {path.name}…"
    return f"Reading {size_text(size)}…"


def format_title(name: str) -> str:
    """A format's label as a heading: "Slack export", "PagerDuty log entries"."""
    label = LABELS[name].removeprefix("a ")
    return label[0].upper() + label[1:]


def _all_held(preview: _Preview) -> bool:
    """Whether the input had events and the timeline already holds every one of them."""
    return bool(preview.duplicates) and all(preview.duplicates)


def _clip(text: str, limit: int) -> str:
    """`text` in at most `limit` cells, ending with "…" when it was cut."""
    if cell_len(text) <= limit:
        return text
    return set_cell_size(text, limit - 1).rstrip() + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def complete_path(typed: str, base: Path, confine_to: Path | None = None) -> str | None:
    """`typed` extended as far as the files it can name agree (a folder gets its "/"), or
    None when tab has nothing to add. "~" stays as typed; relative paths start at `base`.
    With `confine_to`, only names inside that folder are offered (tab must not list others)."""
    if not typed.strip():
        return None
    head, sep, stem = typed.rpartition("/")
    folder = resolve_typed_path(head + sep if sep else ".", base)
    if outside_folder(folder, confine_to):
        return None
    hidden_ok = stem.startswith(".") and confine_to is None
    try:
        names = sorted(
            entry.name + ("/" if entry.is_dir() else "")
            for entry in os.scandir(folder)
            if entry.name.startswith(stem) and (hidden_ok or entry.name[0] != ".")
        )
    except OSError:
        return None
    if not names:
        return None
    common = os.path.commonprefix(names)  # noqa: RUF071 - names, not paths: by character
    completed = head + sep + common
    return completed if completed != typed else None


class PathInput(Input):
    """The path box: tab completes a file or folder name, like a shell."""

    BINDINGS = [
        Binding(
            "tab",
            "complete",
            "Complete",
            show=False,
            id="import.complete_path",
            tooltip="Complete the file or folder name",
        )
    ]

    def __init__(self, *, confine_to: Path | None = None, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.confine_to = confine_to
        self.base = confine_to or Path.cwd()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "complete":
            # Nothing to complete: tab moves on to the next field as usual.
            return complete_path(self.value, self.base, self.confine_to) is not None
        return True

    def action_complete(self) -> None:
        completed = complete_path(self.value, self.base, self.confine_to)
        if completed is not None:
            self.value = completed
            self.cursor_position = len(completed)


class PreviewTable(DataTable[str | Text]):
    """The preview's rows. It says when its width changes: the Text column takes what the
    other columns leave, cut with "…", so no row runs off the right edge."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class ImportEvidenceModal(ShortTerminalFit):
    """Dismisses with an ImportChoice, or None when the user cancels."""

    BINDINGS = [
        *form_bindings("import", cancel="Import nothing"),
        Binding(
            "ctrl+s",
            "import",
            "Import",
            id="import.commit",
            tooltip="Add the selected events to the timeline",
            priority=True,
        ),
        Binding(
            "space",
            "toggle_row",
            "Toggle row",
            id="import.toggle",
            tooltip="Select or deselect the highlighted event",
        ),
        Binding(
            "a",
            "toggle_all",
            "Toggle all",
            id="import.toggle_all",
            tooltip="Select every event (or none, when all are selected)",
        ),
    ]

    class Read(Message):
        def __init__(self, preview: _Preview) -> None:
            super().__init__()
            self.preview = preview

    class Failed(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(
        self, pm: PostMortem, reference_date: date, *, confine_to: Path | None = None
    ) -> None:
        """`reference_date` gives yearless syslog times their year (the incident's date);
        `confine_to` is the only folder to read from (relative paths start there)."""
        super().__init__(classes="modal import-dialog")
        self._pm = pm
        self._confine_to = confine_to
        self._base = confine_to or Path.cwd()
        self._reference_date = reference_date
        self._preview: _Preview | None = None
        self._chosen: list[bool] = []
        self._reading = False
        self._text_width = 0  # the Text column's width the rows were cut to (0: none shown)

    # Layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        formats = [("Detect automatically", "auto")]
        formats += [(format_title(name), name) for name in FORMATS]
        with Vertical(classes="modal-body import-body", id="import-body"):
            yield Static("Import evidence into the timeline", classes="modal-title")
            yield FormField(
                "File, Slack export folder or zip",
                PathInput(
                    confine_to=self._confine_to,
                    placeholder=(
                        "e.g. alerts.json" if self._confine_to else "e.g. ~/incident/alerts.json"
                    ),
                    id="import-path",
                ),
                hint=self._path_hint(),
                id="ff-import-path",
            )
            with Horizontal(classes="form-row"):
                yield FormField(
                    "Format",
                    TypeSelect(formats, value="auto", allow_blank=False, id="import-format"),
                    id="ff-import-format",
                )
                yield FormField(
                    "Timezone",
                    Input(self._pm.timezone, id="import-tz"),
                    hint="Naive times use it",
                    id="ff-import-tz",
                )
                yield FormField(
                    "Slack channel",
                    Input(placeholder="all channels", id="import-channel"),
                    id="ff-import-channel",
                )
            with Horizontal(id="import-progress"):
                yield LoadingIndicator(id="import-loading")
                yield Static("", id="import-status")
            with Vertical(id="import-preview-box"):
                yield Static("", id="import-summary")
                yield PreviewTable(id="import-preview", cursor_type="row", zebra_stripes=True)
                # A modal has no footer: the keys of the preview are said here.
                yield Static(
                    "space or enter: select or deselect · a: all or none · ctrl+s: import",
                    id="import-keys",
                )
                yield Static("", id="import-details")
                with VerticalScroll(id="import-rejected-box"):
                    yield Static("", id="import-rejected")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="import-cancel")
                yield Button("Read", id="import-read")
                yield Button("Import", id="import-commit", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self._add_columns()
        self._show_preview(False)
        self._set_reading(False)
        self._update_channel_field()
        self.query_one("#import-path", Input).focus()

    def _table(self) -> PreviewTable:
        return self.query_one("#import-preview", PreviewTable)

    def _time_label(self) -> str:
        return f"Time ({self._pm.timezone})"

    def _add_columns(self) -> None:
        table = self._table()
        table.add_column(CHECK, key="check", width=3)
        table.add_column(self._time_label(), key="at")
        table.add_column("Kind", key="kind")
        # Source before text: the text is the long one, cut to the width left at the end.
        table.add_column("Source", key="source")
        table.add_column("Text", key="text")

    def _fitting_text_width(self, preview: _Preview) -> int:
        """The width the other columns leave the text (room kept for a vertical scrollbar,
        which appears without a resize): wider text made a horizontal scrollbar, whose
        thumb was a stray "▎" under the rows, and cut words with no "…" (mock meeting 14)."""
        table = self._table()
        padding = 2 * table.cell_padding
        used = 3 + padding  # the check column
        for index, label in ((0, self._time_label()), (1, "Kind"), (3, "Source")):
            widest = max([cell_len(label), *(cell_len(row[index]) for row in preview.rows)])
            used += widest + padding
        room = table.scrollable_content_region.width - table.styles.scrollbar_size_vertical
        return max(MIN_TEXT_WIDTH, room - used - padding)

    def _fill_table(self, preview: _Preview, row: int = 0) -> None:
        """The preview's rows, their text cut to the width the table has now; the cursor
        on `row`."""
        table = self._table()
        # Columns too: an auto-width column never narrows, and the last read's text did.
        table.clear(columns=True)
        self._add_columns()
        self._text_width = width = self._fitting_text_width(preview)
        for index, (when, kind, text, source) in enumerate(preview.rows):
            # Text, not str: DataTable reads a str as markup, and a log line's "[/]" stopped
            # pmtui with a traceback.
            style = "dim" if preview.duplicates[index] else ""
            cells = [Text(cell, style=style) for cell in (when, kind, source)]
            cells.append(Text(_clip(text, width), style=style))
            table.add_row(self._check_cell(index), *cells, key=str(index))
        if preview.rows:
            table.move_cursor(row=min(row, len(preview.rows) - 1))

    def on_preview_table_resized(self, event: PreviewTable.Resized) -> None:
        event.stop()
        preview = self._preview
        if preview is not None and self._fitting_text_width(preview) != self._text_width:
            self._fill_table(preview, self._table().cursor_row)

    def _field(self, name: str) -> FormField:
        return self.query_one(f"#ff-import-{name}", FormField)

    def _path_hint(self) -> str:
        if self._confine_to is not None:
            return f"Only files in {self._confine_to} · tab completes"
        return "PagerDuty, Slack, Alertmanager, Grafana, Opsgenie, CSV, logs · tab completes"

    # Keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_row", "toggle_all"):
            # Only on the table: in a text box these keys type.
            return self._preview is not None and self._table().has_focus
        if action == "import":
            return self._preview is not None and not self._reading
        return True

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import-read")
        self.dismiss(None)

    def action_toggle_row(self) -> None:
        table = self._table()
        if self._preview is None or not table.row_count:
            return
        index = table.cursor_row
        if self._preview.duplicates[index]:
            self.notify("That event is already in the timeline.", timeout=3)
            return
        self._chosen[index] = not self._chosen[index]
        table.update_cell(str(index), "check", self._check_cell(index))
        self._update_counts()

    def action_toggle_all(self) -> None:
        preview = self._preview
        if preview is None:
            return
        new = [not held for held in preview.duplicates]
        if self._chosen == new:  # everything importable is selected: select none
            new = [False] * len(new)
        self._chosen = new
        table = self._table()
        for index in range(table.row_count):
            table.update_cell(str(index), "check", self._check_cell(index))
        self._update_counts()

    def action_import(self) -> None:
        preview = self._preview
        if preview is None or self._reading:
            return
        chosen = tuple(e for e, keep in zip(preview.events, self._chosen, strict=True) if keep)
        if not chosen and not _all_held(preview):
            self.notify("No event is selected: press a to select them all.", severity="warning")
            return
        label = f"{preview.name} ({LABELS[preview.format]})"
        self.dismiss(ImportChoice(chosen, sum(preview.duplicates), label, len(preview.rejected)))

    # Typing and buttons ----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._read()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # A preview of what was read before would be imported under the new settings' name.
        self._forget_preview()
        for name in ("path", "tz"):
            field = self._field(name)
            if event.input is field.control and field.has_class("-invalid"):
                field.set_error("")
        if event.input.id == "import-path":
            self._update_channel_field()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._forget_preview()
        self._update_channel_field()

    def _forget_preview(self) -> None:
        if self._preview is not None:
            self._show_preview(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-read":
            self._read()
        elif event.button.id == "import-commit":
            self.action_import()
        else:
            self.action_cancel()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # enter on a row toggles it too: the key people try first
        self.action_toggle_row()

    def _format(self) -> str:
        value = self.query_one("#import-format", Select).value
        return value if isinstance(value, str) else "auto"

    def _update_channel_field(self) -> None:
        """The channel only means something for a Slack export (chosen, or a zip/folder)."""
        fmt = self._format()
        slack = fmt == "slack"
        if fmt == "auto":
            typed = self.query_one("#import-path", Input).value.strip()
            if typed:
                path = resolve_typed_path(typed, self._base)
                # Outside the folder: not even whether it is a folder is looked up.
                allowed = not outside_folder(path, self._confine_to)
                slack = allowed and (path.suffix.lower() == ".zip" or _is_folder(path))
        self._field("channel").display = slack

    # Reading ---------------------------------------------------------------------------------

    def _read(self) -> None:
        if self._reading:
            return
        typed = self.query_one("#import-path", Input).value
        path_field, tz_field = self._field("path"), self._field("tz")
        if not typed.strip():
            path_field.set_error("Type the path of an export file, a Slack folder or a zip.")
            path_field.control.focus()
            return
        path = resolve_typed_path(typed, self._base)
        outside = outside_folder(path, self._confine_to)
        if outside:  # before any look at the disk: whether it exists is not told either
            path_field.set_error(outside)
            path_field.control.focus()
            return
        problem = _missing(path)
        if problem:
            path_field.set_error(problem)
            path_field.control.focus()
            return
        zone = self.query_one("#import-tz", Input).value.strip() or self._pm.timezone
        try:
            parse_timezone(zone)
        except ValidationError as error:
            tz_field.set_error(error.message)
            tz_field.control.focus()
            return
        path_field.set_error("")
        tz_field.set_error("")
        channel = ""
        if self._field("channel").display:
            channel = self.query_one("#import-channel", Input).value.strip()
        self._show_preview(False)
        self._set_reading(True, _size_words(path))
        self._read_in_thread(path, self._format(), zone, channel)

    @work(thread=True, exclusive=True, group="import-read")
    def _read_in_thread(self, path: Path, fmt: str, zone: str, channel: str) -> None:
        try:
            result = read_evidence(
                path,
                format=fmt,
                tz=zone,
                channel=channel or None,
                reference_date=self._reference_date,
                held=len(self._pm.events),
                zone_advice=ZONE_ADVICE,
            )
            flags = duplicate_flags(held_records(self._pm.events), result.events)
            joining = _joining(self._pm, result.events, flags)
            rows = tuple(
                (
                    format_instant(event.at, self._pm.zone, seconds=True),
                    event.kind.value,
                    (JOINS + event.text) if index in joining else event.text,
                    event.source,
                )
                for index, event in enumerate(result.events[:PREVIEW_ROWS])
            )
        except ImporterError as error:
            self.post_message(self.Failed(str(error)))
            return
        except Exception as error:  # an importer bug must still end as a message, not a crash
            self.post_message(self.Failed(f"Could not read {path.name}: {error}"))
            return
        preview = _Preview(
            path.name,
            result.format,
            result.events,
            tuple(flags),
            result.rejected,
            result.notes,
            rows,
            len(joining),
        )
        self.post_message(self.Read(preview))

    def on_import_evidence_modal_failed(self, event: Failed) -> None:
        self._set_reading(False)
        field = self._field("path")
        field.set_error(event.message)
        field.control.focus()

    def on_import_evidence_modal_read(self, event: Read) -> None:
        self._set_reading(False)
        preview = event.preview
        self._preview = preview
        self._chosen = [not held for held in preview.duplicates]
        table = self._table()
        self._fill_table(preview)
        self._field("channel").display = preview.format == "slack" or self._format() == "slack"
        self._show_details(preview)
        self._show_preview(True)
        self._update_counts()
        if preview.rows:
            table.move_cursor(row=0)
            table.focus()
        else:
            self.query_one("#import-path", Input).focus()

    def _check_cell(self, index: int) -> str | Text:
        assert self._preview is not None
        if self._preview.duplicates[index]:
            return Text(DUPLICATE, style="dim")
        return CHECK if self._chosen[index] else ""

    # Showing state ---------------------------------------------------------------------------

    def _set_reading(self, reading: bool, words: str = "") -> None:
        self._reading = reading
        self.query_one("#import-progress").display = reading
        self.query_one("#import-status", Static).update(words)
        self.query_one("#import-read", Button).disabled = reading
        self.refresh_bindings()

    def _show_preview(self, shown: bool) -> None:
        if not shown:
            self._preview = None
            self._chosen = []
        self.query_one("#import-preview-box").display = shown
        self.query_one("#import-body").set_class(shown, "-preview")
        # Hints make way for the preview rows in a short terminal.
        for name in ("path", "tz"):
            field = self._field(name)
            if not field.has_class("-invalid"):
                field.query_one(".field-hint").display = not shown
        self._update_counts()
        self.refresh_bindings()

    def _show_details(self, preview: _Preview) -> None:
        lines = []
        shown = len(preview.rows)
        if shown < len(preview.events):
            lines.append(
                f"Showing the first {shown:,} of {len(preview.events):,} events; "
                "a selects or deselects all of them."
            )
        if preview.joining:
            lines.append(
                f"{JOINS}{_plural(preview.joining, 'event')}: the same moment as another "
                "source's record; each joins that row, which keeps every source."
            )
        lines.extend(preview.notes)
        details = self.query_one("#import-details", Static)
        details.update(Text("\n".join(lines)))
        details.display = bool(lines)
        rejected = preview.rejected
        listed = [f"{where}: {reason}" for where, reason in rejected[:SHOWN_REJECTIONS]]
        more = len(rejected) - SHOWN_REJECTIONS
        if more > 0:
            listed.append(f"… and {more:,} more")
        shown_rejected = self.query_one("#import-rejected", Static)
        heading = f"{_plural(len(rejected), 'row')} rejected:"
        shown_rejected.update(Text("\n".join([heading, *listed])))
        self.query_one("#import-rejected-box").display = bool(rejected)

    def _update_counts(self) -> None:
        preview = self._preview
        button = self.query_one("#import-commit", Button)
        if preview is None:
            button.label = "Import"
            button.disabled = True
            return
        selected = sum(self._chosen)
        button.label = f"Import {_plural(selected, 'event')}"
        # With every row already in the timeline, Import still closes and says so.
        button.disabled = not selected and not _all_held(preview)
        parts = [format_title(preview.format)]
        parts.append(_plural(len(preview.events), "event"))
        held = sum(preview.duplicates)
        if held:
            parts.append(f"{held:,} already in the timeline")
        if preview.joining:
            parts.append(f"{preview.joining:,} seen by another source too")
        if preview.rejected:
            parts.append(f"{len(preview.rejected):,} rejected")
        self.query_one("#import-summary", Static).update(Text(" · ".join(parts)))
