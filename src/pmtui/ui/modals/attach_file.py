"""Provides AttachFileModal: attach a graph or screenshot, with the alt text readers need.

The path box is the import dialog's: tab completes a file or folder name (under `pmtui
serve`, only inside the database's folder, which is also the only place a file may come
from); the alt text is required, as a reader who cannot see the image reads it
instead. Saving goes through a callback that raises ValidationError (not an image, too large,
a link, no alt text), so the message appears under the box it is about and nothing typed is
lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static

from pmtui.confinement import outside_folder
from pmtui.limits import MAX_ATTACHMENT_BYTES, size_text
from pmtui.model.errors import ValidationError
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.export_file import resolve_typed_path
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.modals.import_evidence import PathInput
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.type_select import TypeSelect

#: Attaches the file at the path with the alt text (to the chosen section's key, '' when the
#: dialog offers no sections); raises ValidationError to refuse it. Returns False when
#: nothing was saved for another reason (read-only).
SaveAttachment = Callable[[Path, str, str], bool]


class AttachFileModal(FormModal[bool], ShortTerminalFit[bool]):
    BINDINGS = form_bindings("attach", cancel="Attach nothing")
    CANCELLED = False
    ERROR_FIELD = "attach-path"

    def __init__(
        self,
        place: str,
        save: SaveAttachment,
        *,
        confine_to: Path | None = None,
        sections: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(classes="modal", id="attach-form")
        self._place = place
        self._sections = tuple(sections)
        self._save = save
        self._base = confine_to or Path.cwd()
        self._confine_to = confine_to

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static(f"Attach an image to {self._place}", classes="modal-title", markup=False)
            if self._sections:
                yield FormField(
                    "Section",
                    TypeSelect(
                        [(heading, key) for key, heading in self._sections],
                        value=self._sections[0][0],
                        allow_blank=False,
                        compact=True,
                        id="attach-section",
                    ),
                    id="ff-section",
                )
            yield FormField(
                "File (PNG, JPEG or SVG)",
                # The import dialog's path box: tab completes, only inside a confined folder.
                PathInput(
                    confine_to=self._confine_to,
                    placeholder="e.g. ~/Downloads/error-rate.png",
                    id="attach-path",
                ),
                hint=f"tab completes a name; up to {size_text(MAX_ATTACHMENT_BYTES)}",
                id="ff-attach-path",
            )
            yield FormField(
                "Alt text: what the image shows (required)",
                Input(placeholder="e.g. 5xx rate jumps to 40% at 09:14", id="attach-alt"),
                id="ff-alt",
            )
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Attach", id="attach", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#attach-section" if self._sections else "#attach-path").focus()

    def input_submitted(self, box: Input) -> None:
        # Enter in the path box moves on to the alt text, which is still to be written.
        alt = self.query_one("#attach-alt", Input)
        if box.id == "attach-path" and not alt.value.strip():
            alt.focus()
            return
        self.action_save()

    def submit(self) -> bool:
        typed = self.query_one("#attach-path", Input).value.strip()
        if not typed:
            raise ValidationError("give the image file to attach", "attach-path")
        path = resolve_typed_path(typed, self._base)
        refused = outside_folder(path, self._confine_to)
        if refused:
            raise ValidationError(refused, "attach-path")
        section = ""
        if self._sections:
            section = str(self.query_one("#attach-section", Select).value)
        return self._save(path, self.query_one("#attach-alt", Input).value, section)
