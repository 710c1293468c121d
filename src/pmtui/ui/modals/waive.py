"""Provides WaiveModal: accept one finding on purpose, with the reason the team gives.

Opened on a finding already waived, it changes the reason, and its title and button say so.
Who waived is asked too, offered as the name given last (else the post-mortem's owner).
The reason is saved through a callback that raises ValidationError (an empty reason, a
finding that has gone meanwhile), so the message appears under the box and the text stays.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from pmtui.analysis.findings import Finding
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField

#: An example reason for the findings of each check; one example for all read as nonsense
#: under a missing Lessons section ("a quote from the customer's own report", mock 19a).
REASON_EXAMPLES = {
    "blame-language": "e.g. a quote from the customer's own report",
    "missing-section": "e.g. nothing fits here for this incident",
    "missing-owner": "e.g. the owning team picks a name on Monday",
    "missing-deadline": "e.g. waits for the vendor's fix date",
    "vague-action": "e.g. scoped in the linked ticket",
    "no-customer-message": "e.g. no customer was affected",
}
REASON_EXAMPLE = "e.g. why the team accepts it as it is"

#: Saves the reason and who waived; raises ValidationError to refuse them. Returns False
#: when nothing was saved for another reason (read-only), which closes the dialog.
SaveReason = Callable[[str, str], bool]


class WaiveModal(FormModal[bool], ShortTerminalFit[bool]):
    BINDINGS = form_bindings("waive", cancel="Keep the finding open")
    SAVES = "waives"
    CANCELLED = False
    ERROR_FIELD = "waive-reason"

    def __init__(
        self, finding: Finding, place: str, save: SaveReason, reason: str = "", by: str = ""
    ) -> None:
        super().__init__(classes="modal", id="waive-form")
        self._finding = finding
        self._place = place
        self._save = save
        self._reason = reason
        self._by = by

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            # Waiving a waived finding again changes its reason, and says so.
            title = "Change the reason of this waiver?" if self._reason else "Waive this finding?"
            yield Static(title, classes="modal-title")
            yield Static(
                f"{self._finding.rule} · {self._place}\n{self._finding.message}",
                id="waive-finding",
                markup=False,
            )
            yield FormField(
                "Why is it acceptable? (recorded and exported)",
                Input(
                    self._reason,
                    placeholder=REASON_EXAMPLES.get(self._finding.rule, REASON_EXAMPLE),
                    id="waive-reason",
                ),
                id="ff-waive-reason",
            )
            yield FormField(
                "Waived by (recorded and exported)",
                Input(self._by, placeholder="e.g. the facilitator's name", id="waive-by"),
                id="ff-waive-by",
            )
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line("saves" if self._reason else "")
                yield Button("Cancel", id="cancel")
                label = "Save reason" if self._reason else "Waive"
                yield Button(label, id="waive", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#waive-reason", Input).focus()

    def submit(self) -> bool:
        reason = self.query_one("#waive-reason", Input).value
        return self._save(reason, self.query_one("#waive-by", Input).value)
