"""Provides SteadyCommandPalette: Textual's command palette, whose enter runs a command found
for the words typed, never one still listed from before them.

Textual keeps the previous list up while it searches again (a cleared list flashed), so
`ctrl+p`, "edit detection" and enter at typing speed ran the first command of the unfiltered
list, "Keys", and the next sentence went into the section still focused (mock 32b). Words
typed before the palette had mounted were never searched at all: its first, unfiltered
search started after them and replaced theirs (mock 34a). Here each list knows the words it
was found for; an enter pressed while the list is another query's waits for the search of
the words in the box (started if none is running), then does what enter does on that list.
"""

from __future__ import annotations

from textual import on
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker


class SteadyCommandPalette(CommandPalette):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The words each running search looks for.
        self._queries: dict[Worker[None], str] = {}
        #: The words the list shown was found for (None: nothing listed yet).
        self._listed_for: str | None = None
        #: Enter was pressed while the list was another query's.
        self._enter_waits = False

    def _typed(self) -> str:
        return self.query_one(CommandInput).value.strip()

    def _gather_commands(self, search_value: str) -> Worker[None]:
        worker: Worker[None] = super()._gather_commands(search_value)
        self._queries[worker] = search_value
        return worker

    def _refresh_command_list(
        self, command_list: CommandList, commands: list, clear_current: bool
    ) -> None:
        super()._refresh_command_list(command_list, commands, clear_current)
        self._listed_for = self._queries.get(get_current_worker(), "")

    def _searching(self) -> bool:
        # A search cancelled before it started never reports an end: cancelled is over too.
        return any(not (worker.is_finished or worker.is_cancelled) for worker in self._queries)

    @on(Input.Submitted)
    def _enter_when_listed(self, event: Input.Submitted) -> None:
        if self._listed_for == self._typed():
            return  # Textual's own handler (in the base class) picks from this list
        event.prevent_default()
        event.stop()
        self._enter_waits = True
        if not self._searching():
            self._gather_commands(self._typed())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker not in self._queries or not worker.is_finished:
            return
        self._queries = {
            other: words
            for other, words in self._queries.items()
            if not (other.is_finished or other.is_cancelled)
        }
        if event.state is not WorkerState.SUCCESS or self._searching():
            return
        if self._listed_for != self._typed():
            # The last search to finish was for other words (the unfiltered one Textual
            # starts on mounting, after words typed at once): search for those in the box.
            self._gather_commands(self._typed())
        elif self._enter_waits:
            self._enter_waits = False
            self._select_or_command()
