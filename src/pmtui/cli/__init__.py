"""Provides the `pmtui` command: the TUI by default, and scriptable subcommands.

Only the TUI path imports Textual, so `pmtui --help`, `list`, `export` stay fast and work
on machines without a terminal.
"""

from pmtui.cli.main import main

__all__ = ["main"]
