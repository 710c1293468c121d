"""Provides row_end_bindings: home and end that select a row list's first and last row."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def row_end_bindings(owner: str, row: str) -> list[BindingType]:
    """Home and end for a DataTable listing rows, with ids `OWNER.first` and `OWNER.last`.

    DataTable's own home and end scroll sideways, so in a list of rows they seemed to do
    nothing, and `home` then a row's key acted on the row already selected (mock 29a).
    Its scroll_top and scroll_bottom move the cursor to the first and last row.
    """
    return [
        Binding(
            "home",
            "scroll_top",
            f"First {row}",
            show=False,
            id=f"{owner}.first",
            tooltip=f"Select the first {row}",
        ),
        Binding(
            "end",
            "scroll_bottom",
            f"Last {row}",
            show=False,
            id=f"{owner}.last",
            tooltip=f"Select the last {row}",
        ),
    ]
