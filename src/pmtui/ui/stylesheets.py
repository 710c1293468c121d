"""Provides the paths of pmtui's stylesheets, found installed or in a checkout.

The app loads only what the first screen needs; each screen names its own sheets, which
Textual reads the first time that screen is shown. Parsing all of them up front cost the
home screen about a third of its start-up time.
"""

from __future__ import annotations

from pathlib import PurePath

from pmtui.resources import resource_dir

#: The home screen and every dialog.
APP_SHEETS = ("base.tcss", "legible.tcss", "home.tcss", "modals.tcss")
#: A post-mortem's workspace, its panes and the dialogs opened from them.
WORKSPACE_SHEETS = (
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
