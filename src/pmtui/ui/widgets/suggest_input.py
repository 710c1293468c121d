"""Provides SuggestInput: an Input whose suggestion tab or → accepts, and says so.

A plain Input offers "Tom Okafor" after "Tom" but tab moves on and keeps "Tom": the owner
of an action item became a first name in front of the room. Here tab takes the suggestion
(a second tab then moves on), and the field's hint line names what tab would take.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from pmtui.ui.widgets.form_field import FormField


class SuggestInput(Input):
    BINDINGS = [
        Binding(
            "tab",
            "accept_suggestion",
            "Accept",
            show=False,
            id="suggest.accept",
            tooltip="Take the suggested name (→ does too)",
        ),
    ]

    @property
    def suggestion(self) -> str:
        """The completion shown after the cursor, '' when there is none to take."""
        shown = self._suggestion
        return shown if len(shown) > len(self.value) else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            # Without a suggestion tab keeps its usual job: the next field.
            return bool(self.suggestion)
        return super().check_action(action, parameters)

    def action_accept_suggestion(self) -> None:
        self.value = self.suggestion
        self.cursor_position = len(self.value)

    def watch__suggestion(self, suggestion: str) -> None:
        self.refresh_bindings()
        shown = self.suggestion
        hint = f"tab or → takes “{shown}”" if shown else ""
        # A compact input has no border to carry it: the form field's hint line does.
        field = next((node for node in self.ancestors if isinstance(node, FormField)), None)
        if field is not None:
            field.set_hint(hint)
        else:
            self.border_subtitle = hint
