"""Provides KeyOrder: the keys of a burst read one at a time, each once the one before it
has settled, so that a burst lands where the same keys typed slowly land.

Textual reads each raw key in the app and posts it at once to the widget focused at that
moment; the key's binding runs only when the key has bubbled back up to the app, behind the
later keys of the burst, and what the binding starts (an Input's Submitted, a dialog pushed,
a focus set after a refresh) later still. A tmux group, a paste or a fast typist ("w" and
an answer, "a" and an action, a line and enter) therefore reached the focus of before: the
dialog opened empty, a line was submitted three times with the same text.

Here a key read while another is in flight is held, in order, with pastes. A character
typed into the focused box is only typing: it moves no focus and runs no binding, so the
next key follows it at once (a burst of letters runs at Textual's own pace). Any other key
is followed by a `KeySettled` sentinel posted to the same widget, which bubbles up behind the
key to the app. There the focus path (focused widget, its ancestors, the screen) is looked
over: a node with messages still queued gets the sentinel again, behind them; a screen not
yet mounted, callbacks waiting for the next refresh (a focus set "after refresh") and the
app's own queue are waited for too. Only when nothing is left is the next key read. A
sentinel lost with its widget (a dialog closed) is sent again along the current path within
WATCH_SECONDS, and after GIVE_UP_SECONDS the next key is read anyway: keys are never stuck
or dropped. Mouse events are never held.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import events
from textual.app import ScreenStackError
from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

#: After this long a held key is read even if its predecessor never reported back. A lost
#: sentinel is found sooner (WATCH_SECONDS): this is the last resort, longer than a dialog
#: takes to open on a loaded machine (0.4-0.7 s measured with two cores shared seven ways).
GIVE_UP_SECONDS = 2.0
#: How often a key in flight is looked at: its sentinel may have gone with a closed dialog.
WATCH_SECONDS = 0.05
#: Refreshes a key may wait for (a focus set after a refresh, which may set up another);
#: a workspace composing its panes refresh after refresh must not hold typing that long.
MAX_REFRESH_WAITS = 3

#: What keeps its order with the keys: a key or a paste the terminal has just sent.
TypedInput = events.Key | events.Paste


class KeySettled(Message, bubble=True):
    """The sentinel that follows key number `generation` up the DOM to the app."""

    def __init__(self, generation: int) -> None:
        super().__init__()
        self.generation = generation


def is_typed(event: events.Event) -> TypeGuard[TypedInput]:
    """Whether `event` is a key or paste just read from the terminal (not yet handed on)."""
    return isinstance(event, TypedInput) and not event.is_forwarded


def only_types(event: TypedInput, focused: Widget | None) -> bool:
    """Whether `event` is a character the focused box takes as typing: it lands in the box
    in turn, runs no binding and moves no focus, so the key after it need not wait."""
    return (
        isinstance(event, events.Key)
        and focused is not None
        and event.is_printable
        and focused.check_consume_key(event.key, event.character)
    )


def has_work(node: MessagePump) -> bool:
    """Whether `node` has messages queued or callbacks to run after the current one."""
    return bool(node._message_queue.qsize() or node._next_callbacks)


def focus_path(app: App[Any]) -> list[MessagePump]:
    """The focused widget (or the screen) and its ancestors below the app, deepest first."""
    start: MessagePump = app.focused or app.screen
    path = [start]
    node = start._parent
    while node is not None and node is not app:
        path.append(node)
        node = node._parent
    return path


class KeyOrder:
    """The app's keys in flight and held back (see the module doc)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: deque[TypedInput] = deque()
        self._generation = 0
        self._in_flight = False
        self._read_at = 0.0
        self._refresh_waits = 0
        #: Whether the sentinel is on its last lap through the app's queue (see _still_busy).
        self._last_lap = False
        #: Where the sentinel was last sent: if one of these goes, the sentinel may be gone.
        self._route: list[MessagePump] = []
        self._watch: asyncio.TimerHandle | None = None
        #: Keys read before the one ahead had settled: it took GIVE_UP_SECONDS (see _look).
        self.gave_up = 0

    @property
    def held(self) -> int:
        """How many keys wait for the one in flight."""
        return len(self._held)

    def hold(self, event: TypedInput) -> bool:
        """Keep `event` back while another key is in flight; False when it may be read now."""
        if not self._in_flight:
            return False
        self._held.append(event)
        return True

    def read(self) -> None:
        """A key was just read and handed on: follow it with its sentinel."""
        self._generation += 1
        self._in_flight = True
        self._read_at = time.monotonic()
        self._refresh_waits = 0
        self._last_lap = False
        self._send(self._target())
        self._watch_later()

    def pause(self) -> None:
        """Hold the keys that come next until `resume` or `read`: a command key waits to see
        whether the characters read with it make it part of a word (pmtui.ui.typed_words)."""
        self._generation += 1  # a late copy of the last key's sentinel must not end the pause
        self._in_flight = True
        self._route = []

    def resume(self) -> None:
        """Read held keys again (see `pause`); `next_held` gives them."""
        self._settle()

    def held_keys(self) -> tuple[TypedInput, ...]:
        """The held keys, oldest first (not taken)."""
        return tuple(self._held)

    def drop(self, count: int) -> None:
        """Forget the `count` oldest held keys: they were part of a word that ran nothing."""
        for _ in range(count):
            self._held.popleft()

    def arrived(self, message: KeySettled) -> bool:
        """The sentinel is back at the app: send it on again while something is left to do;
        True once the key has settled (the held keys may then be read, see next_held)."""
        if not self._in_flight or message.generation != self._generation:
            return False  # a copy of a sentinel already answered
        if time.monotonic() - self._read_at < GIVE_UP_SECONDS and self._app.screen_stack:
            if self._still_busy():
                return False
        else:
            self.gave_up += 1
        self._settle()
        return True

    def next_held(self) -> TypedInput | None:
        """The oldest held key, to be read now (only while no key is in flight)."""
        if self._in_flight or not self._held:
            return None
        return self._held.popleft()

    def _still_busy(self) -> bool:
        """Send the sentinel where work from the key may still be waiting; False if nowhere."""
        app = self._app
        screen = app.screen
        if not screen.is_mounted:
            # A pushed screen composes and mounts before it reads its queue.
            self._last_lap = False
            self._send(screen)
            return True
        busy = next((node for node in focus_path(app) if has_work(node)), None)
        if busy is None and has_work(app):
            # A focus set with call_later, a screen pushed from a callback: in the app's queue.
            busy = app
        if busy is not None:
            self._last_lap = False
            self._send(busy)
            return True
        if screen._callbacks and self._refresh_waits < MAX_REFRESH_WAITS:
            self._refresh_waits += 1
            self._last_lap = False
            generation = self._generation
            # Behind the callbacks already waiting for the refresh (a focus, a scroll); if
            # the screen goes first, the watch sends the sentinel again.
            self._route = [screen]
            screen._invoke_later(lambda: self._resend(generation), app)
            return True
        if not self._last_lap:
            # What the key's binding posted to the app (a focus set with call_later) may
            # reach the app's queue only on the event loop's next turn: one more lap, behind it.
            self._last_lap = True
            self._send(app)
            return True
        return False

    def _settle(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        self._in_flight = False
        self._route = []

    def _send(self, node: MessagePump) -> None:
        self._route = [node, *node.ancestors] if hasattr(node, "ancestors") else [node]
        if not node.post_message(KeySettled(self._generation)):
            # A node closing takes no messages: the app looks again at once.
            self._route = [self._app]
            self._app.post_message(KeySettled(self._generation))

    def _resend(self, generation: int) -> None:
        if self._in_flight and generation == self._generation:
            self._send(self._target())

    def _target(self) -> MessagePump:
        """Where a key read now would go: the focused widget, else the screen."""
        try:
            return self._app.focused or self._app.screen
        except ScreenStackError:
            return self._app  # the app is closing its last screen

    def _watch_later(self) -> None:
        if self._watch is None:
            loop = asyncio.get_running_loop()
            self._watch = loop.call_later(WATCH_SECONDS, self._look)

    def _look(self) -> None:
        """Send the sentinel again if its way up was cut, or when the key took too long."""
        self._watch = None
        if not self._in_flight or not self._app.is_running:
            return
        if time.monotonic() - self._read_at >= GIVE_UP_SECONDS:
            self._send(self._app)
        elif any(_gone(node) for node in self._route):
            self._send(self._target())
        self._watch_later()


def _gone(node: MessagePump) -> bool:
    """Whether `node` can no longer pass a message on to the app."""
    return node._closing or node._closed or not (node.is_attached or node.is_dom_root)
