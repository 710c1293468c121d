"""Provides the palette's way to each field of the Overview: "Edit owner", "Edit severity" ...

A new post-mortem opens the Overview scrolled to its Summary, the Header out of view above;
ctrl+p "owner" found only a sort of the action items, and reaching Owner took 20 shift+tabs.
The entries are read off the form as composed (its FormFields in order, each by its own
label), so a field added to the form gets its entry without a second list to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label

from pmtui.ui.commands import PaletteCommand
from pmtui.ui.widgets.entered_box import select_entered
from pmtui.ui.widgets.form_field import FormField

#: A label that continues the one before it on the form ("Customers affected from" … "until")
#: says too little alone in the palette.
_PALETTE_WORDS = {"customer_impact_end": "customers affected until"}


def field_name(field: FormField) -> str:
    """The post-mortem field a FormField of the Overview edits ('owner', 'summary')."""
    return (field.id or "").removeprefix("ff-")


def field_label(field: FormField) -> str:
    """The words the form shows for `field` (a section's, hidden under its heading, too)."""
    return str(field.query_one(".field-label", Label).render())


def overview_field_commands(
    form: Widget, run_in_tab: Callable[[Callable[[], object]], Callable[[], object]]
) -> list[PaletteCommand]:
    """One "Edit …" entry per field of the Overview `form`, in the form's order; each shows
    the Overview (`run_in_tab`), scrolls the field into view and puts the focus in it."""
    commands = []
    for field in form.query(FormField):
        name = field_name(field)
        label = field_label(field)
        words = _PALETTE_WORDS.get(name, label[:1].lower() + label[1:])
        commands.append(
            PaletteCommand(
                f"Edit {words}",
                f"Go to the {words} field on the Overview and edit it there",
                run_in_tab(partial(show_form_field, form, field)),
            )
        )
    return commands


#: How often, and how long, the Overview is waited for to be laid out before a field is
#: scrolled to. Refreshes were not enough: from Checks, with the palette closing above it,
#: the Overview had no size after ten, and the owner was typed off screen (mock meeting 14).
LAYOUT_POLL_SECONDS = 0.02
LAYOUT_TRIES = 100


def show_form_field(form: Widget, field: FormField) -> None:
    """Focus `field`'s control, the field with its label (a section with its heading) in
    view: after the tab switch has laid the form out, or the scroll would miss."""
    heading = form.query(f"#heading-{field_name(field)}")
    shown = heading.first() if heading else field
    # The scroll the field is in (the form's first VerticalScroll was another, hidden one, so
    # the field was never scrolled to from another tab).
    scroll = field.query_ancestor(VerticalScroll)

    def bring_into_view(tries: int = LAYOUT_TRIES) -> None:
        if not scroll.size.height and tries:
            # Shown from another tab, the Overview is laid out a few refreshes later; before
            # that the field has no place to scroll to, and the owner was typed off screen.
            form.set_timer(LAYOUT_POLL_SECONDS, partial(bring_into_view, tries - 1))
            return
        # Scrolled only as far as needed, with the label or heading at the top at least.
        scroll.scroll_to_widget(shown, animate=False, top=bool(heading))
        scroll.scroll_to_widget(field, animate=False)

    def show() -> None:
        # A filled one-line box is entered selected, as by tab: "Edit owner" then a name
        # typed made "Priya RamanPriya Raman" (pmtui.ui.widgets.entered_box).
        select_entered(field.control.focus(scroll_visible=False))
        bring_into_view()

    form.call_after_refresh(show)
