"""Provides notice kinds: a notice of a kind replaces the one of its kind still shown.

Undo pressed three times told the room three things, two of them no longer true, in three
stacked toasts. A notice given a kind (`notify_kind`) says what is true now: the newest of
its kind takes the place of the one before, whatever its words.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from textual.notifications import Notification, SeverityLevel
from textual.widgets._toast import ToastRack  # private in Textual, as App's own use of it

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from pmtui.ui.app import PmtuiApp

#: What the last change to a post-mortem did (added, deleted, undone, redone) or why undo
#: could not: one notice at a time, as the one before it may no longer be true.
CHANGE = "change"
#: A word typed where single keys are commands (pmtui.ui.typed_words), told as it grows.
TYPED_WORD = "typed-word"
#: A meeting timebox running out.
TIMEBOX = "timebox"
#: Where things are on the Overview (its header above Summary): untrue on any other tab,
#: where it only covered the top of the pane (an empty timeline's hint).
OVERVIEW_LAYOUT = "overview-layout"

#: A second ctrl+q (or ctrl+l) within this long goes even with typing that could not be saved.
UNSAVED_AGAIN_SECONDS = 6.0
#: How long a notice of a quick key (undo, redo, a stamp) stays: read in passing.
SHORT_SECONDS = 3.0

#: The class that puts a screen's notices at its bottom (styles/workspace.tcss).
NOTICES_BELOW = "-below"


@dataclass
class KindNotification(Notification):
    """A notification that replaces the one of the same `kind` still shown."""

    kind: str = ""
    #: id() of the screen that told it (see drop_notices_of).
    origin: int = 0


def replaces(new: Notification, shown: Notification) -> bool:
    """Whether `new` takes the place of `shown`: the same kind, or the very same words."""
    kind = getattr(new, "kind", "")
    if kind and kind == getattr(shown, "kind", ""):
        return True
    return (new.message, new.title, new.severity) == (shown.message, shown.title, shown.severity)


def notify_kind(
    node: Widget,
    message: str,
    *,
    kind: str,
    severity: SeverityLevel = "information",
    timeout: float = SHORT_SECONDS,
) -> None:
    """Show `message` in place of the notice of `kind` still shown (pmtui's app only).
    Its words are shown as written: they often quote the user's own text."""
    # Every screen of pmtui runs inside PmtuiApp; Textual types `app` as its own App.
    app = cast("PmtuiApp", node.app)
    # Told through `node.notify` as any notice (Textual's signature has no kind): the app
    # reads the kind as it builds the notification.
    app.next_notice_kind = kind
    app.next_notice_origin = id(node.screen)
    try:
        node.notify(message, severity=severity, timeout=timeout, markup=False)
    finally:
        app.next_notice_kind = ""
        app.next_notice_origin = 0


def drop_notices(node: Widget, kind: str) -> None:
    """Take the notices of `kind` off the screen: what they say is no longer true."""
    app = node.app
    for shown in list(app._notifications):
        if getattr(shown, "kind", "") == kind:
            app._unnotify(shown)


def drop_notices_of(screen: Screen[Any]) -> None:
    """Take the notices `screen` told by kind off when another full screen covers it: they
    name its keys and its changes. "Once you know it worked, v records how", still up on
    All action items, where `v` lists the overdue, made a facilitator press it (31a)."""
    from textual.screen import ModalScreen

    if isinstance(screen.app.screen, ModalScreen):
        return  # a dialog over it: its notices still speak of what is under the dialog
    drop_notices_told_by(screen)


def drop_notices_told_by(screen: Screen[Any]) -> None:
    """Take off every notice `screen` told by kind, whatever screen is in front."""
    app = screen.app
    for shown in list(app._notifications):
        if getattr(shown, "origin", 0) == id(screen):
            app._unnotify(shown)


#: What ctrl+z does to typing that was refused, once nothing was saved after it.
UNDO_PUTS_BACK = "ctrl+z puts back what was saved"


def tell_unsaved(node: Widget, said: str, again: str, undo: str = UNDO_PUTS_BACK) -> None:
    """The notice that `said` ("typing in Services / tags") could not be saved, given by a
    first ctrl+q or ctrl+l that stays; `again` says what the key does pressed again, `undo`
    what ctrl+z does (changes saved after the typing go first)."""
    node.notify(
        f"Not saved: {said} (refused; the reason is under the field). {again}, {undo}.",
        severity="warning",
        timeout=UNSAVED_AGAIN_SECONDS,
        markup=False,
    )


class SecondPress:
    """ctrl+q or ctrl+l with typing that could not be saved: the first press stays to warn
    (`warns` True), a second within UNSAVED_AGAIN_SECONDS goes on."""

    def __init__(self) -> None:
        self._warned = -UNSAVED_AGAIN_SECONDS

    def warns(self) -> bool:
        now = time.monotonic()
        if now - self._warned < UNSAVED_AGAIN_SECONDS:
            return False
        self._warned = now
        return True


def place_notices(screen: Screen[object]) -> None:
    """Show `screen`'s notices where they cover neither the focus nor the detail below it.

    Textual shows them at the bottom right, where at 80x24 a workspace has the boxes people
    type in (Summary, the answer box, the quick-add line) and the details they read (the
    selected event, a finding): "Created: …" covered the Summary box about to be typed in,
    and an import's count the selected event's text (mock meeting 18a). The workspace shows
    them at its top right, under the tab bar; at the bottom only while the focus is up there
    (an Attendees box), on the right half the notices take.
    """
    focused = screen.focused
    region = focused.region if focused is not None else None
    size = screen.size
    below = (
        region is not None
        and region.bottom <= size.height // 2
        and region.right > size.width // 2
        and region.y > 2  # under the tab bar: the notices start below it
    )
    for rack in screen.query_children(ToastRack):
        rack.set_class(below, NOTICES_BELOW)
