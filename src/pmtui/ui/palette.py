"""Provides SteadyCommandPalette: Textual's command palette, whose enter runs a command found
for the words typed, never one still listed from before them.

Textual keeps the previous list up while it searches again (a cleared list flashed), so
`ctrl+p`, "edit detection" and enter at typing speed ran the first command of the unfiltered
list, "Keys", and the next sentence went into the section still focused (mock 32b). Here an
enter pressed while the list is still an older query's waits for the search of the words in
the box, then does what enter does on that list.
"""

from __future__ import annotations

from textual import on
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import Worker, WorkerState


class SteadyCommandPalette(CommandPalette):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The words the list shown was found for (None: nothing listed yet).
        self._listed_for: str | None = None
        #: Enter was pressed while the list was an older query's.
        self._enter_waits = False

    def _typed(self) -> str:
        return self.query_one(CommandInput).value.strip()

    def _refresh_command_list(
        self, command_list: CommandList, commands: list, clear_current: bool
    ) -> None:
        super()._refresh_command_list(command_list, commands, clear_current)
        self._listed_for = self._typed()

    def _searching(self) -> bool:
        return any(
            worker.node is self
            and worker.group == self._GATHER_COMMANDS_GROUP
            and not worker.is_finished
            for worker in self.workers
        )

    @on(Input.Submitted)
    def _enter_when_listed(self, event: Input.Submitted) -> None:
        if self._listed_for != self._typed() and self._searching():
            # Textual's own handler (in the base class) would pick from the older list.
            event.prevent_default()
            event.stop()
            self._enter_waits = True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.node is not self or worker.group != self._GATHER_COMMANDS_GROUP:
            return
        if event.state is not WorkerState.SUCCESS:
            return
        if self._enter_waits and not self._searching():
            self._enter_waits = False
            if self._listed_for == self._typed():
                self._select_or_command()
