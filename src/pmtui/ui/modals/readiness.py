"""Provides ReadinessModal: the checklist walked before a post-mortem is marked published.

Every item shows passed, waived, warning or blocking. A blocking finding is waived right
here with a reason (w), or the checklist closes on it so it can be fixed (enter). Publish is
enabled only once nothing blocks; the service checks again when it saves the status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.readiness import CheckState, Readiness
from pmtui.model.errors import ValidationError
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import form_bindings
from pmtui.ui.place_labels import place_label

if TYPE_CHECKING:
    from pmtui.ui.host import ChecklistHost

_STATE_LOOK = {
    CheckState.PASSED: ("✓", "$text-success", "passed"),
    CheckState.WAIVED: ("✓", "$text-success", "waived"),
    CheckState.WARNING: ("!", "$text-warning", "warning"),
    CheckState.BLOCKING: ("✗", "$text-error", "blocking"),
}

_BUTTON = {"published": "Publish", "closed": "Close"}


class ChecklistList(OptionList):
    """The checklist; enter closes it on the selected finding so it can be fixed."""

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Fix it",
            id="readiness.go_to",
            tooltip="Close the checklist and show the place of the selected finding",
        ),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            # Nothing to fix on this line: the footer did say "⏎ Fix it", and enter did
            # nothing (mock 31b). The dialog's enter takes it (ReadinessModal.action_enter).
            selected = getattr(self.screen, "selected_finding", None)
            return selected is not None and selected() is not None
        return True


class ReadinessModal(ShortTerminalFit):
    BINDINGS = [
        *form_bindings("readiness", cancel="Keep the status"),
        Binding(
            "w",
            "waive",
            "Waive",
            id="readiness.waive",
            tooltip="Accept the selected finding with a reason (recorded and exported)",
        ),
        Binding(
            "ctrl+s",
            "publish",
            "Publish",
            id="readiness.publish",
            tooltip="Mark the post-mortem published (once nothing blocks)",
        ),
        Binding(
            "enter",
            "enter",
            "Publish",
            show=False,
            id="readiness.enter",
            tooltip="With no finding selected: publish once nothing blocks, else say what does",
        ),
    ]

    def __init__(self, pane: ChecklistHost, status: str = "published") -> None:
        super().__init__(classes="modal", id="readiness-form")
        self._pane = pane
        self._status = status
        self._findings: dict[str, Finding] = {}
        self.readiness: Readiness | None = None

    def compose(self) -> ComposeResult:
        verb = "publish" if self._status == "published" else f"mark it {self._status}"
        with Vertical(classes="modal-body readiness-body"):
            yield Static(f"Ready to {verb}?", classes="modal-title")
            yield Static("", id="readiness-summary")
            yield ChecklistList(id="readiness-list", compact=True)
            yield Static("", id="readiness-detail")
            yield Static("", id="readiness-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Waive (w)", id="waive", variant="warning")
                yield Button(_BUTTON.get(self._status, "Save"), id="publish", variant="success")

    def on_mount(self) -> None:
        self.query_one("#readiness-error", Static).display = False
        self.refresh_checklist()
        self.query_one(ChecklistList).focus()

    # The checklist -----------------------------------------------------------------------

    def refresh_checklist(self) -> None:
        """Run the guides again (after a waiver) and show every item's state."""
        pane = self._pane
        assert pane.pm is not None
        result = pane.service.readiness(pane.pm)
        self.readiness = result
        self._findings = {}
        options: list[Option] = []
        first_open: str | None = None
        for item in result.items:
            mark, colour, word = _STATE_LOOK[item.state]
            extra = f" ({len(item.waived)} waived)" if item.waived and item.open else ""
            options.append(
                Option(
                    Content.assemble(
                        (f"{mark} ", f"bold {colour}"),
                        item.label,
                        (f"  {word}{extra}", "$text-muted"),
                    ),
                    disabled=True,
                )
            )
            for finding in item.open:
                option_id = f"finding-{len(self._findings)}"
                self._findings[option_id] = finding
                blocking = finding.severity is FindingSeverity.BLOCKING
                first_open = first_open or (option_id if blocking else None)
                look = "$text-error" if blocking else "$text-warning"
                options.append(
                    Option(
                        Content.assemble(
                            ("    ✗ " if blocking else "    ! ", f"bold {look}"),
                            (place_label(pane.pm, finding.where), "bold"),
                            " — ",
                            finding.message,
                        ),
                        option_id,
                    )
                )
            for waived in item.waived:
                options.append(
                    Option(
                        Content.assemble(
                            ("    ✓ waived ", "$text-success"),
                            place_label(pane.pm, waived.finding.where),
                            (f" — {waived.waiver.reason}", "$text-muted"),
                        ),
                        disabled=True,
                    )
                )
        checklist = self.query_one(ChecklistList)
        checklist.set_options(options)
        chosen = first_open or next(iter(self._findings), None)
        if chosen is not None:
            checklist.highlighted = checklist.get_option_index(chosen)
        left = len(result.blocking)
        summary = self.query_one("#readiness-summary", Static)
        if left:
            summary.update(
                f"{left} blocking finding{'s' * (left != 1)} left: fix "
                f"{'them' if left != 1 else 'it'} (enter goes there) or waive with a "
                "reason (w)."
            )
        else:
            summary.update("Nothing blocks. Warnings, if any, are worth a look but may stay.")
        summary.set_class(bool(left), "-blocking")
        self.query_one("#publish", Button).disabled = not result.ready
        self._show_detail()
        self.refresh_bindings()

    def selected_finding(self) -> Finding | None:
        # Bindings are checked while the dialog is still composing and again while it
        # closes (its children gone): no list then means no finding, not a crash.
        lists = self.query(ChecklistList)
        if not lists:
            return None
        option = lists.first().highlighted_option
        return self._findings.get(option.id or "") if option is not None else None

    def _show_detail(self) -> None:
        finding = self.selected_finding()
        detail = self.query_one("#readiness-detail", Static)
        detail.display = finding is not None and bool(finding.hint)
        if finding is not None:
            detail.update(Content.styled(f"→ {finding.hint}", "$text-accent"))
        self.query_one("#waive", Button).disabled = finding is None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self._findings.get(event.option.id or "")
        if finding is not None:
            self.dismiss(False)
            self._pane.go_to(finding.where, finding.message)

    # Actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "waive":
            return True if self.selected_finding() is not None else None
        if action == "publish":
            return True if self.readiness is not None and self.readiness.ready else None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "publish":
            self.action_publish()
        elif event.button.id == "waive":
            self.action_waive()
        else:
            self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_enter(self) -> None:
        """Enter on no finding: the dialog's own button once nothing blocks."""
        if self.readiness is not None and self.readiness.ready:
            self.action_publish()
            return
        self.notify(
            "Nothing to fix on this line: ↑/↓ to a finding marked ✗, then enter goes there "
            "(or w waives it).",
            severity="warning",
        )

    def action_waive(self) -> None:
        finding = self.selected_finding()
        if finding is not None:
            self._pane.waive(finding, lambda saved: self._after_waiver(saved))

    def _after_waiver(self, saved: bool) -> None:
        if saved:
            self.refresh_checklist()
        self.query_one(ChecklistList).focus()

    def action_publish(self) -> None:
        if self.readiness is None or not self.readiness.ready:
            return
        pane = self._pane
        error = self.query_one("#readiness-error", Static)
        try:
            saved = pane.commit(lambda pm: pane.service.set_status(pm, self._status)) is not None
        except ValidationError as refused:
            # Something changed since the checklist was drawn; show it again with the reason.
            error.update(refused.message)
            error.display = True
            self.refresh_checklist()
            return
        if saved:
            self.notify(f"Marked {self._status}.")
        self.dismiss(saved)
