"""Provides paused_gc(): the cyclic garbage collector held while pmtui builds many objects.

Reading a 100,000-event database or import builds hundreds of thousands of dicts, strings
and model objects that all stay alive, so each automatic full collection meanwhile walks a
heap that only grows: a third of the time, for nothing. Nothing built there is cyclic, so no
garbage waits meanwhile; the collector runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_what_lives_on() -> None:
    """Keep every object built so far out of the collector's walks from now on.

    Called once the app is built, just before it runs: the modules, classes and stylesheets
    loaded by then live as long as the process, and the full collection that the first paint
    triggers walked all of them again (about a twentieth of the home screen's start-up).
    """
    gc.freeze()
