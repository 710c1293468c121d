"""Provides ExportFileModal: asks where to write an export (and, where a document can be
written several ways, as what), then writes it off the UI thread.

The prompt stays open with what was typed until the file is written: a missing folder or a
refused permission shows under the path, and replacing an existing file is asked first. Under
`pmtui serve` only files in the database's folder may be written (see pmtui.confinement).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from pmtui.confinement import outside_folder
from pmtui.export.files import describe_write_error, export_target, write_document
from pmtui.model.errors import ValidationError
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.form_modal import KEEP_OPEN, FormModal, KeepOpen, form_bindings
from pmtui.ui.widgets.entered_box import select_entered, show_start
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.type_select import TypeSelect

#: Under the file name while the file is written (escape waits for it).
WRITING = "Writing the file… the dialog closes when it is written."


def resolve_typed_path(typed: str, base: Path) -> Path:
    """The absolute file a typed path means: "~" expanded, relative to `base`, ".." removed.

    "~name" of no user on this machine stays as typed (a folder of that name under `base`):
    the dialog then says that folder does not exist, where expanding it raised and took pmtui
    down with it.
    """
    path = Path(typed.strip())
    with contextlib.suppress(RuntimeError):
        path = path.expanduser()
    if not path.is_absolute():
        path = base / path
    return Path(os.path.abspath(path))


@dataclass(frozen=True)
class ExportFormat:
    """One way the dialog can write an export."""

    #: In the format choice: "Markdown", "HTML".
    label: str
    #: What the title and the notification call it: "full Markdown", "JSON".
    what: str
    #: File name endings, the one a default name gets first: ("html", "htm").
    suffixes: tuple[str, ...]
    #: Makes the text, in the writer thread.
    produce: Callable[[], str]


class ExportFileModal(FormModal[Path | None]):
    """Dismisses with the absolute path written, or None when the user gives up.

    With more than one format the dialog offers a choice: picking one changes the file
    name's ending, and typing a name that ends like another format picks that one.
    """

    BINDINGS = [
        *form_bindings("export", cancel="Write nothing"),
        # As every other form saves: ctrl+s in this dialog did nothing.
        Binding("ctrl+s", "save", "Export", id="export.save", tooltip="Write the file"),
    ]
    ERROR_FIELD = "export-path"
    SAVES = "exports"
    # Nothing typed here is work to lose: the path and format are remembered or re-offered.
    DISCARD_QUESTION = None

    class Written(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Failed(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(
        self,
        formats: Sequence[ExportFormat],
        default: Path,
        *,
        chosen: int = 0,
        protected: Callable[[Path], bool] | None = None,
        confine_to: Path | None = None,
    ) -> None:
        """`formats` the export can be written as, `chosen` the one offered first (its
        ending replaces `default`'s); `protected` says which files are never to be written
        over (the database, a team folder's post-mortems); `confine_to` the only folder that
        may be written in (relative paths start there)."""
        super().__init__(classes="modal")
        if not formats:
            raise ValueError("an export needs at least one format")
        self._formats = tuple(formats)
        self._chosen = chosen
        self._default = default.with_suffix(f".{self.format.suffixes[0]}")
        self._protected = protected
        self._confine_to = confine_to
        self._base = confine_to or Path.cwd()
        self._writing = False
        #: A format was just picked from the list and the focus is still on it.
        self._picked = False
        #: The format of the file last written (or being written); the caller names it.
        self.written_as = self.format
        #: The file written, until the dialog closes with it.
        self._written: Path | None = None
        #: (the name offered back, what to say) after a format's name was typed as the file's.
        self._format_said: tuple[str, str] | None = None

    @property
    def format(self) -> ExportFormat:
        """The format the file will be written in."""
        return self._formats[self._chosen]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body export-body"):
            yield Static(self._title(), id="export-title", classes="modal-title")
            if len(self._formats) > 1:
                yield FormField(
                    "Format",
                    TypeSelect(
                        [(f.label, index) for index, f in enumerate(self._formats)],
                        value=self._chosen,
                        allow_blank=False,
                        compact=True,
                        id="export-format",
                    ),
                    id="ff-export-format",
                )
            yield FormField(
                "File",
                Input(str(self._default), id="export-path", select_on_focus=False),
                hint=self._hint(),
                id="ff-export-path",
            )
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line()
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def _title(self) -> str:
        return f"Export {self.format.what}"

    def _hint(self) -> str:
        if self._confine_to is not None:
            return f"Only files in {self._confine_to} can be written; a relative path starts there."
        return f"A relative path starts in {self._base}; ~ is your home folder."

    def on_mount(self) -> None:
        self._input().focus()
        # The file name is what people change: show the end of a long path, cursor there.
        # (Input leaves a value given at construction scrolled to its start.) Selected, as
        # every filled box a form opens on: a path typed at once was appended to the offered
        # one ("…2022-07-08.md/tmp/x.md", mock meeting 14); → or end keeps it to edit.
        self.call_after_refresh(self._show_path_end)

    @property
    def focus_chain(self) -> list[Widget]:
        """Format, file, Export, Cancel: the buttons read Cancel then Export, as in every
        pmtui dialog, but tab from the file name goes on to what the user came to do."""
        chain = super().focus_chain
        buttons = [widget for widget in chain if isinstance(widget, Button)]
        if [button.id for button in buttons] == ["cancel", "export"]:
            cancel, export = buttons
            at, to = chain.index(cancel), chain.index(export)
            chain[at], chain[to] = export, cancel
        return chain

    def _show_path_end(self) -> None:
        path_input = self._input()
        path_input.action_home()
        path_input.action_end()
        select_entered(path_input)

    def _show_renamed_path(self) -> None:
        """The path a format change renamed: in the box being typed in, its end (the new
        ending, cursor there); in a box the user is not in, its start, as every box left shows
        it (it showed "…tmortem.html", mock meeting 17). Its cursor waits at the end, so
        entering it by tab selects it all with the file name in view."""
        path_input = self._input()
        if path_input.has_focus:
            self._show_path_end()
            return
        path_input.cursor_position = len(path_input.value)
        show_start(path_input)

    def _input(self) -> Input:
        return self.query_one("#export-path", Input)

    # The format ----------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id != "export-format" or not isinstance(event.value, int):
            return
        self._picked = self.focused is event.select
        before, self._chosen = self.format, event.value
        self.query_one("#export-title", Static).update(self._title())
        path_input = self._input()
        stem, dot, ending = path_input.value.rpartition(".")
        # A name that still ends as the old format's follows the choice; any other ending
        # was typed on purpose and stays. The drop-down also reports its first value as it
        # mounts: nothing is renamed then, and the selection the box opened with stays.
        renamed = f"{stem}.{self.format.suffixes[0]}"
        if (
            dot
            and ending.lower() in before.suffixes
            and "/" not in ending
            and renamed != path_input.value
        ):
            path_input.value = renamed
            # The focus stays on the format, where the user is: tab goes on to the file name
            # (moving it there for them made their next tab land on a button instead).
            self.call_after_refresh(self._show_renamed_path)

    def on_key(self, event: events.Key) -> None:
        # Enter right after picking a format from the list exports, as enter does in the file
        # name: people pick "HTML page", press enter and expect the file. Before a pick,
        # enter on the format opens the list (the way everyone found to open it).
        if event.key != "enter" or not self._picked:
            return
        select = self.query("#export-format").first(Select)
        if self.focused is select and not select.expanded:
            event.stop()
            event.prevent_default()
            self.action_save()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Anywhere but the format (or its open list), enter means what it means there.
        if not any(node.id == "export-format" for node in (event.widget, *event.widget.ancestors)):
            self._picked = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "export-path":
            return
        said, self._format_said = self._format_said, None
        if said is not None and event.value == said[0]:
            self._field().set_error(said[1])
        elif not self._writing:
            # A message about the name as it was ("… was kept; type another name") is stale
            # once the name changed, by typing or by a format choice renaming it.
            self._field().set_error("")
        if len(self._formats) < 2:
            return
        ending = event.value.rpartition(".")[2].lower()
        for index, candidate in enumerate(self._formats):
            if index != self._chosen and ending in candidate.suffixes:
                # "report.html" is written as HTML: the name says what the reader expects.
                self.query_one("#export-format", Select).value = index
                return

    def _field(self) -> FormField:
        return self.query_one("#ff-export-path", FormField)

    def action_cancel(self) -> None:
        if self._writing:  # a write under way finishes and reports; don't lose its result
            self._field().set_hint(WRITING)
            return
        self.dismiss(None)

    def submit(self) -> KeepOpen:
        # The dialog closes when the writer reports back (on_export_file_modal_written).
        if self._writing:
            return KEEP_OPEN
        typed = self._input().value
        if not typed.strip():
            raise ValidationError("Type a file name.")
        named = self._format_named(typed)
        if named is not None:
            self._offer_named_format(typed.strip(), named)
            return KEEP_OPEN
        path = resolve_typed_path(typed, self._base)
        try:
            problem = outside_folder(path, self._confine_to) or self._problem(path)
            exists = path.exists()
        except OSError as error:
            # A look at the disk that fails (a name too long, a folder that may not be
            # entered) is a reason to show, not a crash that closes everything unwritten.
            raise ValidationError(describe_write_error(path, error)) from error
        except ValueError as error:  # a NUL pasted into the name: no file system takes it
            raise ValidationError(f"{typed.strip()!r} cannot be a file name.") from error
        if problem:
            raise ValidationError(problem)
        if exists:

            def answered(replace: bool | None) -> None:
                if replace:
                    self._write(path)
                    return
                # Still open, and saying why nothing was written.
                self._field().set_error(f"{path} already exists and was kept; type another name.")
                self._input().focus()

            self.app.push_screen(
                ConfirmModal(f"{path} already exists. Replace it?", confirm_label="Replace"),
                answered,
            )
        else:
            self._write(path)
        return KEEP_OPEN

    def _format_named(self, typed: str) -> int | None:
        """The format `typed` names on its own ("html", "Markdown", ".md"), else None: a name
        no one gives a file, typed by reflex to choose the format."""
        word = typed.strip().lstrip(".").casefold()
        for index, candidate in enumerate(self._formats):
            if word in candidate.suffixes or word == candidate.label.casefold():
                return index
        return None

    def _offer_named_format(self, typed: str, index: int) -> None:
        """ "html" typed over the offered name and enter: it chose the format, so nothing is
        written; the offered name comes back with that format's ending, ready for enter. It
        wrote a file called "html", with no ending, in the current folder (mock meeting 27a).
        """
        if len(self._formats) > 1:
            self.query_one("#export-format", Select).value = index
        self._chosen = index
        path = self._default.with_suffix(f".{self._formats[index].suffixes[0]}")
        self._input().value = str(path)
        self._input().focus()
        self.call_after_refresh(self._show_path_end)
        # Said once the box reports its new value (a change clears the message under it).
        self._format_said = (
            str(path),
            f"“{typed}” names a format, not a file: the file is {path.name}. enter exports it.",
        )

    def _problem(self, path: Path) -> str:
        """Why `path` cannot be written, found before anything is written; '' if none."""
        if path.is_dir():
            return f"{path} is a folder; add a file name."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        if self._protected is not None and self._protected(path):
            return "That is pmtui's own data (the database or a post-mortem); choose another name."
        try:
            export_target(path)  # a device or a pipe is refused before "Replace it?" is asked
        except OSError as error:
            return describe_write_error(path, error)
        return ""

    def _write(self, path: Path) -> None:
        self._writing = True
        self._field().set_hint(WRITING)
        self.query_one("#export", Button).disabled = True
        # The format is fixed now: a choice made while the file is being written is not it.
        self.written_as = self.format
        self._write_in_thread(path, self.written_as)

    @work(thread=True, exclusive=True, group="export-file")
    def _write_in_thread(self, path: Path, written_as: ExportFormat) -> None:
        # Rendering a 10,000-event document and fsyncing it both take a moment: not on the
        # UI thread, where the facilitator is still talking over the screen.
        try:
            write_document(path, written_as.produce())
        except OSError as error:
            self.post_message(self.Failed(describe_write_error(path, error)))
        except Exception as error:  # an export bug must still end as a message, not a crash
            self.post_message(self.Failed(f"Export failed: {error}"))
        else:
            self.post_message(self.Written(path))

    def on_export_file_modal_written(self, event: Written) -> None:
        self._written = event.path
        self._close_when_on_top()

    def on_screen_resume(self) -> None:
        self._close_when_on_top()

    def _close_when_on_top(self) -> None:
        # dismiss() closes whichever screen is on top: written while the command palette
        # was open over the dialog, it closed the palette and left the dialog open for good
        # (its Export disabled, escape waiting for the write). It closes when shown again.
        if self._written is not None and self.app.screen is self and not self._submitted:
            self._submitted = True
            self.dismiss(self._written)

    def on_export_file_modal_failed(self, event: Failed) -> None:
        self._writing = False
        self._field().set_hint(self._hint())
        self.query_one("#export", Button).disabled = False
        self._field().set_error(event.message)
        self._input().focus()
