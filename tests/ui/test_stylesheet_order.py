"""The dialogs' stylesheet is read before any screen's own, whichever is shown first, so a
screen's rules win over the dialogs' general ones in every navigation order; and the home
screen's start-up does not read it at all."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import PurePath

from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

import pmtui.ui
from pmtui.ui.app import PmtuiApp
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.stylesheets import MODAL_SHEETS


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def _pmtui_screens() -> set[type[Screen]]:
    """pmtui's screens with stylesheets of their own: its command palette is Textual's, with
    a steadier enter (pmtui.ui.palette), styled by Textual alone."""
    for module in pkgutil.walk_packages(pmtui.ui.__path__, "pmtui.ui."):
        importlib.import_module(module.name)
    return {
        cls
        for cls in _all_subclasses(Screen)
        if cls.__module__.startswith("pmtui.") and not issubclass(cls, CommandPalette)
    }


def _names(paths: object) -> list[str]:
    return [PurePath(str(path)).name for path in (paths or [])]  # type: ignore[attr-defined]


def test_every_screen_reads_the_dialogs_sheet_before_its_own() -> None:
    screens = _pmtui_screens()
    assert len(screens) > 10
    for screen in screens - {HomeScreen}:
        names = _names(screen.CSS_PATH)
        assert names[: len(MODAL_SHEETS)] == list(MODAL_SHEETS), screen
    for dialog in {cls for cls in screens if issubclass(cls, ModalScreen)}:
        assert _names(dialog.CSS_PATH) == list(MODAL_SHEETS), dialog


def test_the_home_screen_starts_without_the_dialogs_sheet() -> None:
    assert not set(MODAL_SHEETS) & set(_names(PmtuiApp.CSS_PATH))
    assert not set(MODAL_SHEETS) & set(_names(HomeScreen.CSS_PATH))
