"""Provides the paths of pmtui's stylesheets, found installed or in a checkout.

The app loads only what the first screen needs; each screen names its own sheets, which
Textual reads the first time that screen is shown. Parsing all of them up front cost the
home screen about a third of its start-up time.
"""

from __future__ import annotations

from pathlib import PurePath

from pmtui.resources import resource_dir

#: The home screen.
APP_SHEETS = ("base.tcss", "legible.tcss", "home.tcss")
#: Every dialog: read with the first dialog shown, or with the workspace, whichever comes first
#: (20 ms of the home screen's start-up, for a dialog it does not show).
MODAL_SHEETS = ("modals.tcss",)
#: A post-mortem's workspace, its panes and the dialogs opened from them.
WORKSPACE_SHEETS = (
    # First: read after the home screen's sheets and before these, as every dialog's rules
    # were, so a pane's sheet (import.tcss) still wins over the dialogs' general rules.
    *MODAL_SHEETS,
    "workspace.tcss",
    "panes.tcss",
    "timeline.tcss",
    "whys.tcss",
    "actions.tcss",
    "document.tcss",
    "findings.tcss",
    "import.tcss",
)


def stylesheet_paths(*names: str) -> list[str | PurePath]:
    # Typed as Textual's CSS_PATH is, so a screen may assign the list as it is.
    folder = resource_dir("styles")
    return [folder / name for name in names]


#: What every pmtui dialog class sets as its CSS_PATH.
MODAL_CSS = stylesheet_paths(*MODAL_SHEETS)
