"""Provides PmtuiApp and make_app(), the one factory the CLI and the tests share."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify
from textual.widget import Widget
from textual.widgets import Input

from pmtui.service import PostMortemService
from pmtui.ui.clipboard import Clipboard, SystemOrTerminalClipboard
from pmtui.ui.commands import ScreenCommands
from pmtui.ui.export_memory import ExportMemory
from pmtui.ui.legible import legible
from pmtui.ui.stylesheets import APP_SHEETS, stylesheet_paths

if TYPE_CHECKING:
    from textual.widgets import TextArea

#: The keys that move between fields.
_FOCUS_MOVES = frozenset({"tab", "shift+tab"})
#: What Textual's screens bind tab and shift+tab to: the same moves, only later.
_TEXTUAL_FOCUS_MOVES = {"app.focus_next", "app.focus_previous"}


def _is_text_box(widget: Widget | None) -> TypeGuard[Input | TextArea]:
    """Whether `widget` is a one-line or a multi-line text box."""
    if isinstance(widget, Input):
        return True
    # Looked up, not imported: the home screen has no TextArea, and importing Textual's
    # TextArea only to learn that cost the first paint about 5% of its time.
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


class PmtuiApp(App[int]):
    TITLE = "pmtui"
    SUB_TITLE = "blameless post-mortems"
    CSS_PATH = stylesheet_paths(*APP_SHEETS)
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Save everything and leave pmtui",
            priority=True,
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Every key on this screen"),
        # Textual's one-line Input binds ctrl+a to "go to start" (emacs): typing a date after
        # ctrl+a ran it into the old one. Every text box selects all with it here, so the next
        # key replaces the text; home goes to the start. Priority, to come before Input's own.
        Binding(
            "ctrl+a",
            "select_all_text",
            "Select all (text boxes)",
            show=False,
            id="editing.select_all",
            tooltip="Select the whole text of the box, one-line or multi-line; home goes to "
            "the start",
            priority=True,
        ),
    ]

    def __init__(
        self,
        service: PostMortemService,
        *,
        read_only_reason: str = "",
        clipboard: Clipboard | None = None,
        confine_to: Path | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.read_only_reason = read_only_reason
        #: Under `pmtui serve`: the one folder the file dialogs may read or write in.
        self.confine_to = confine_to
        self.pm_clipboard = clipboard or SystemOrTerminalClipboard(self.copy_to_clipboard)
        #: Where and as what this session's exports were written: the next one offers it.
        self.export_memory = ExportMemory()
        #: The user's keymap as applied (binding id -> keys), for F1 and the palette.
        self.pm_keymap: dict[str, str] = {}

    def get_css_variables(self) -> dict[str, str]:
        # Every theme, built-in or not, is read on a shared screen: lift its text colours
        # to 4.5:1 where they fall short (see pmtui.ui.legible).
        return legible(super().get_css_variables(), self.current_theme.dark)

    def on_mount(self) -> None:
        from pmtui.ui.screens.home import HomeScreen

        self.load_user_keymap()
        self.push_screen(HomeScreen())
        if not self.is_headless:
            # A closed terminal window (SIGHUP) or a `kill` (SIGTERM) must not lose typing
            # still waiting for its debounce timer, any more than ctrl+q does, and must not
            # leave the process behind when the terminal is gone.
            from pmtui.ui import hangup

            hangup.install(self.save_everything, self.exit)

    def load_user_keymap(self) -> None:
        """Apply keymap.toml; each line pmtui cannot use is named in one notification."""
        from pmtui.ui.binding_catalog import binding_ids
        from pmtui.ui.keymap import keymap_path, load_keymap

        keymap = load_keymap(keymap_path(), binding_ids)
        self.pm_keymap = keymap.keys
        if keymap.keys:
            self.set_keymap(keymap.keys)
        if keymap.problems:
            # markup=False: ids and keys come from the user's file, brackets and all.
            self.notify("\n".join(keymap.problems), severity="warning", timeout=15, markup=False)

    async def on_event(self, event: events.Event) -> None:
        # Textual forwards each key to the widget focused when the key is read, but acts on
        # tab only once the tab has bubbled back up to the app. In a burst ("tab Tom" from a
        # fast typist, tmux or a slow link) the letters were by then queued on the old field
        # and "Tom" landed there. The focus moves here instead, as the tab is read, so the
        # letters after it go to the next field. Not a Binding: tab is not a command to remap.
        if isinstance(event, events.Key) and not event.is_forwarded:
            from pmtui.ui.select_keys import read_select_key

            # A drop-down's keys, likewise, act as they are read (see pmtui.ui.select_keys).
            if read_select_key(self.screen, self.focused, event.key):
                event.stop()
                return
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key in _FOCUS_MOVES
            and self.moves_focus_now(event.key)
        ):
            event.stop()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        await super().on_event(event)

    def moves_focus_now(self, key: str) -> bool:
        """Whether tab (or shift+tab) only moves the focus here and may do so at once."""
        focused = self.focused
        if focused is None:
            return False
        # A box that reads tab in turn with the letters typed before it (to take a suggested
        # name) keeps it; so does a control with a use of its own for it right now (complete
        # a path), and a TextArea that indents with it.
        if getattr(focused, "keeps_key_order", False):
            return False
        if focused.check_consume_key(key, None):
            return False
        for namespace, bindings in self.screen._binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.action in _TEXTUAL_FOCUS_MOVES:
                    continue
                target, name, params = self._parse_action(binding.action, namespace)
                if target.check_action(name, params):
                    return False
        return True

    def _on_notify(self, event: Notify) -> None:
        # Runs before Textual's own handler, which then shows the notice. A key pressed four
        # times ("Escape stays here" x4) stacked four identical toasts over the room's view:
        # the same notice replaces the one still shown, its time starting again.
        new = event.notification
        for shown in list(self._notifications):
            if (shown.message, shown.title, shown.severity) == (
                new.message,
                new.title,
                new.severity,
            ):
                self._unnotify(shown, refresh=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_all_text":
            # Elsewhere ctrl+a is left to the focused widget's own bindings.
            return _is_text_box(self.focused)
        return super().check_action(action, parameters)

    def action_select_all_text(self) -> None:
        focused = self.focused
        if _is_text_box(focused):
            focused.select_all()

    def save_everything(self) -> None:
        """Save typing still waiting for its debounce timer, on every open screen."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_pending", None)
            if callable(flush):
                flush()

    def save_and_exit(self) -> None:
        self.save_everything()
        self.exit(0)

    async def action_quit(self) -> None:
        self.save_and_exit()

    def action_help(self) -> None:
        from pmtui.ui.modals.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(
    service: PostMortemService,
    *,
    read_only_reason: str = "",
    clipboard: Clipboard | None = None,
    confine_to: Path | None = None,
) -> PmtuiApp:
    return PmtuiApp(
        service, read_only_reason=read_only_reason, clipboard=clipboard, confine_to=confine_to
    )
