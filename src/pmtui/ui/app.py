"""Provides PmtuiApp and make_app(), the one factory the CLI and the tests share."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from pmtui.service import PostMortemService
from pmtui.ui.clipboard import Clipboard, SystemOrTerminalClipboard
from pmtui.ui.commands import ScreenCommands
from pmtui.ui.legible import legible
from pmtui.ui.stylesheets import APP_SHEETS, stylesheet_paths


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
