"""Provides DocumentPane: the finished document in the chosen template, export and copy.

DocumentPreview (the rendered Markdown) lives in ui/widgets/document_preview.py because the
workspace also mounts one beside the panes in wide terminals; it is re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Button, Label, Select

from pmtui.analysis.customer import customer_headline, missing_for_customers
from pmtui.export.files import suggested_filename
from pmtui.export.html import export_html
from pmtui.export.json_export import export_json
from pmtui.export.markdown import TEMPLATES, export_markdown
from pmtui.model.postmortem import SECTIONS, PostMortem
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.export_memory import ExportMemory
from pmtui.ui.messages import TemplateChosen
from pmtui.ui.modals.attach_file import AttachFileModal
from pmtui.ui.modals.export_file import ExportFileModal, ExportFormat
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.widgets.document_preview import DocumentPreview
from pmtui.ui.widgets.toolbar_select import ToolbarSelect

__all__ = ["DocumentPane", "DocumentPreview"]

_TEMPLATE_HELP = {
    "full": "the whole post-mortem, to publish internally",
    "light": "a short one for minor incidents: summary, detection, causes, actions",
    "customer": "for a status page: no names, no internals",
}


class DocumentPane(WorkspacePane):
    TAB_ID = "document"

    BINDINGS = [
        Binding(
            "t",
            "cycle_template",
            "Template",
            id="document.template",
            tooltip="Show the next template: full, light, customer",
        ),
        Binding(
            "f",
            "show_template('full')",
            "Full",
            show=False,
            id="document.full",
            tooltip="Show the full template",
        ),
        Binding(
            "l",
            "show_template('light')",
            "Light",
            show=False,
            id="document.light",
            tooltip="Show the light template",
        ),
        Binding(
            "c",
            "show_template('customer')",
            "Customer",
            show=False,
            id="document.customer",
            tooltip="Show the customer-facing template",
        ),
        Binding(
            "x",
            "export_markdown",
            "Export",
            id="document.export",
            tooltip="Write this template to a file, as Markdown or as an HTML page",
        ),
        Binding(
            "y",
            "copy_markdown",
            "Copy",
            id="document.copy",
            tooltip="Copy this template's Markdown to the clipboard",
        ),
        Binding(
            "p",
            "attach",
            "Attach",
            show=False,
            id="document.attach",
            tooltip="Attach a graph or screenshot (PNG, JPEG, SVG) to a section",
        ),
        Binding(
            "j",
            "export_json",
            "Export JSON",
            id="document.export_json",
            tooltip="Write the pmtui/1 JSON (imports back without loss) to a file",
        ),
        # The preview's own keys, from wherever the focus is in the pane: on the toolbar they
        # did nothing or opened the drop-down, and F1 listed none of them (mock meeting 18a).
        *(
            Binding(
                key,
                f"scroll_preview('{how}')",
                description,
                show=False,
                id=f"document.{name}",
                tooltip=f"Scroll the document preview {tooltip}",
            )
            for key, how, name, description, tooltip in (
                ("pagedown,space", "page_down", "page_down", "Scroll a page down", "one page down"),
                ("pageup", "page_up", "page_up", "Scroll a page up", "one page up"),
                ("down", "scroll_down", "line_down", "Scroll a line down", "one line down"),
                ("up", "scroll_up", "line_up", "Scroll a line up", "one line up"),
                ("home", "scroll_home", "top", "Scroll to the top", "to the title"),
                ("end", "scroll_end", "bottom", "Scroll to the end", "to the last line"),
            )
        ),
    ]

    #: The template shown here, in the side preview, and used by export and copy.
    template: reactive[str] = reactive("full")

    def __init__(self) -> None:
        super().__init__(id="document-pane")

    def compose(self) -> ComposeResult:
        with Horizontal(id="document-toolbar"):
            yield Label("Template", id="document-template-label")
            yield ToolbarSelect(
                [(name.title(), name) for name in TEMPLATES],
                value=self.template,
                allow_blank=False,
                compact=True,
                id="document-template",
            )
            yield Button("Export… x", id="document-export", compact=True)
            yield Button("Copy y", id="document-copy", compact=True)
            yield Button("JSON… j", id="document-export-json", compact=True)
        yield DocumentPreview(id="document-preview").data_bind(
            DocumentPane.pm, DocumentPane.template
        )

    def focus_default(self) -> None:
        # The preview scrolls with the arrow keys, and the pane's keys show in the footer.
        self.query_one("#document-preview", DocumentPreview).focus()

    def tab_shown(self) -> None:
        # Told by the tab bar, not only by the preview's own Show event: after the palette,
        # on a loaded machine, a first visit once stayed blank for 15 s (mock meeting 16).
        self.query_one("#document-preview", DocumentPreview).catch_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_preview" and self.is_mounted:
            # An open drop-down's list takes its own keys.
            return not self.query_one("#document-template", ToolbarSelect).expanded
        exports = {"export_markdown", "export_html", "copy_markdown", "export_json"}
        if action in exports and self.pm is None:
            return None
        if action == "attach" and (self.pm is None or self.workspace.read_only):
            return None
        return True

    def action_scroll_preview(self, how: str) -> None:
        """Scroll the preview as its own key `how` ("page_down", "scroll_home", ...) does."""
        preview = self.query_one("#document-preview", DocumentPreview)
        getattr(preview, f"action_{how}")()

    # Attachments -------------------------------------------------------------------------

    def action_attach(self) -> None:
        # The palette runs actions without check_action: read-only must still say no.
        if self.pm is None or not self.can_run("attach"):
            return
        confine_to: Path | None = getattr(self.app, "confine_to", None)

        def save(path: Path, alt: str, section: str) -> bool:
            change = self.commit(lambda pm: self.service.attach(pm, path, alt, section=section)[0])
            return change is not None

        modal = AttachFileModal("a section", save, confine_to=confine_to, sections=SECTIONS)
        self.app.push_screen(modal, self._attached)

    def _attached(self, saved: bool | None) -> None:
        if saved:
            self.notify("Attached. The document shows it after the section's text.", timeout=4)

    # Template ----------------------------------------------------------------------------

    def watch_template(self, template: str) -> None:
        if not self.is_mounted:
            return
        select = self.query_one("#document-template", Select)
        if select.value != template:
            with select.prevent(Select.Changed):
                select.value = template
        # The preview here is bound to `template`; the one beside the panes in the wide
        # layout belongs to the workspace, which follows the choice made here.
        self.post_message(TemplateChosen(template))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "document-template" and event.value in TEMPLATES:
            self.template = str(event.value)

    def action_show_template(self, template: str) -> None:
        if template in TEMPLATES:
            self.template = template

    def action_cycle_template(self) -> None:
        index = TEMPLATES.index(self.template)
        self.template = TEMPLATES[(index + 1) % len(TEMPLATES)]

    def view_place(self) -> object:
        return self.template

    def return_to_view(self, place: object) -> None:
        if isinstance(place, str):
            self.action_show_template(place)

    # Export and copy ---------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "document-export": self.action_export_markdown,
            "document-copy": self.action_copy_markdown,
            "document-export-json": self.action_export_json,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    def _current_pm(self) -> PostMortem:
        # Typing still waiting for its debounce in another pane belongs in the document.
        self.workspace.flush_pending()
        return self.workspace.pm

    def _markdown_producer(self) -> tuple[str, Callable[[], str], PostMortem]:
        pm = self._current_pm()
        template = self.template
        today = self.service.today(pm)
        return template, lambda: export_markdown(pm, template, today=today), pm

    def _refused(self, pm: PostMortem, template: str) -> bool:
        """Whether `template` cannot be made for `pm` (no customer version yet); says why."""
        missing = missing_for_customers(pm) if template == "customer" else []
        if missing:
            self.notify(
                f"No customer version yet: it needs {' and '.join(missing)} "
                "(Overview, Customer-facing message).",
                severity="error",
                markup=False,
            )
        return bool(missing)

    def action_copy_markdown(self) -> None:
        template, produce, pm = self._markdown_producer()
        if self._refused(pm, template):
            return
        text = produce()
        where = self.app.pm_clipboard.copy(text)  # type: ignore[attr-defined]
        lines = len(text.splitlines())
        self.notify(f"Copied {template} Markdown ({lines:,} lines) to {where}.", markup=False)

    @property
    def _export_memory(self) -> ExportMemory:
        # The app's, not the pane's: the pane goes when the post-mortem is closed.
        memory: ExportMemory = self.app.export_memory  # type: ignore[attr-defined]
        return memory

    def action_export_markdown(self) -> None:
        # `x` offers the document as the last export of this post-mortem wrote it.
        self._export_document(self._export_memory.formats.get(self._current_pm().id, 0))

    def action_export_html(self) -> None:
        self._export_document(1)

    def _export_document(self, chosen: int) -> None:
        """The export dialog for this template, offering Markdown (0) or HTML (1)."""
        template, markdown, pm = self._markdown_producer()
        if self._refused(pm, template):
            return
        # The customer version's file is named by its own headline, not the internal title.
        title = customer_headline(pm) if template == "customer" else pm.title
        formats = (
            ExportFormat("Markdown", f"{template} Markdown", ("md", "markdown"), markdown),
            ExportFormat(
                "HTML page",
                f"{template} HTML",
                ("html", "htm"),
                # Attached images are embedded: the page has no folder beside it.
                lambda: export_html(markdown(), images=self.service.embedded_images(pm)),
            ),
        )
        name = suggested_filename(title, pm.incident_date, "md")
        self._export(formats, name, chosen=chosen)

    def action_export_json(self) -> None:
        pm = self._current_pm()
        name = suggested_filename(pm.title, pm.incident_date, "json")
        self._export((ExportFormat("JSON", "JSON", ("json",), lambda: export_json(pm)),), name)

    def _export(self, formats: tuple[ExportFormat, ...], filename: str, chosen: int = 0) -> None:
        confine_to: Path | None = getattr(self.app, "confine_to", None)
        memory, pm_id = self._export_memory, self._current_pm().id
        folder = memory.folder_for(pm_id) or confine_to or Path.cwd()
        modal = ExportFileModal(
            formats,
            folder / filename,
            chosen=chosen,
            protected=self.service.is_store_file,
            confine_to=confine_to,
        )

        def exported(path: Path | None) -> None:
            # Every way out of the dialog says what happened; a write that failed kept it open.
            if path is None:
                self.notify("Export cancelled: nothing was written.", timeout=4)
                return
            chosen = formats.index(modal.written_as) if len(formats) > 1 else None
            memory.remember(pm_id, path.parent, chosen)
            images = self._images_beside(path) if "md" in modal.written_as.suffixes else ""
            self.notify(f"Exported {modal.written_as.what} to {path}{images}", markup=False)

        self.app.push_screen(modal, exported)

    def _images_beside(self, document: Path) -> str:
        """Copy the attached images the Markdown at `document` links (attachments/<hash>)
        into a folder beside it, as `pmtui export -o` does; what to add to the notice. The
        dialog wrote the links and no files, so a published page showed broken images."""
        pm = self._current_pm()
        if not pm.attachments:
            return ""
        try:
            copied = self.service.copy_attachments(pm, document.parent / "attachments")
        except (ValueError, OSError) as error:
            self.notify(
                f"The document was written, its images were not: {error}",
                severity="error",
                markup=False,
            )
            return ""
        for finding in self.service.attachment_findings(pm):
            self.notify(
                f"{finding.message}; the document only links to it",
                severity="warning",
                markup=False,
            )
        if not copied:
            return ""
        return f", its image{'s' * (copied != 1)} to {document.parent / 'attachments'}"

    # Palette -----------------------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        # Export and copy work on the current post-mortem from any tab, without switching.
        commands = [
            PaletteCommand(
                "Export Markdown to file",
                "Write the document (the template chosen in Document) to a file",
                partial(self._export_document, 0),
                action="export_markdown",
            ),
            PaletteCommand(
                "Export HTML page to file",
                "Write the document (the template chosen in Document) as one web page",
                self.action_export_html,
            ),
            PaletteCommand(
                "Copy Markdown",
                "Copy the document (the template chosen in Document) to the clipboard",
                self.action_copy_markdown,
                action="copy_markdown",
            ),
            PaletteCommand(
                "Export JSON to file",
                "Write the pmtui/1 JSON, which imports back without loss",
                self.action_export_json,
                action="export_json",
            ),
        ]
        commands.extend(
            PaletteCommand(
                f"Show {name} template",
                f"Preview {_TEMPLATE_HELP[name]}",
                self.run_in_tab(partial(self.action_show_template, name)),
                f"show_template({name!r})",
            )
            for name in TEMPLATES
        )
        return commands
