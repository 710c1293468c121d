"""Provides the way out when pmtui's terminal goes away (a closed window, a dropped ssh, kill).

Textual's own shutdown writes to the terminal to restore it; with the terminal gone those
writes fail or block and the process lingers, holding the writer lock. So after the pending
typing is saved the process leaves at once (hangup) or after a short grace (terminate, whose
terminal may still be there to restore), whatever a worker thread is busy with.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable

#: How long a terminate may spend restoring the terminal before the process just ends.
GRACE_SECONDS = 2.0
OUTPUT_THREAD = "textual-output"  # the name Textual gives the thread that writes the screen


def leave_now(code: int) -> None:
    """End the process without waiting for threads or the terminal (saving is done)."""
    os._exit(code)


def leave_soon(code: int, delay: float = GRACE_SECONDS) -> None:
    """End the process after `delay` unless it has ended by itself before."""
    timer = threading.Timer(delay, leave_now, (code,))
    timer.daemon = True
    timer.start()


def install(save_everything: Callable[[], None], exit_app: Callable[[int], None]) -> None:
    """Call from the running app: route hangup, terminate and a dead terminal to a save and
    a prompt exit."""
    loop = asyncio.get_running_loop()

    def on_hangup() -> None:
        try:
            save_everything()
        finally:
            leave_now(128 + signal.SIGHUP)

    def on_terminate() -> None:
        try:
            save_everything()
        finally:
            leave_soon(128 + signal.SIGTERM)
            exit_app(0)

    for signum, handler in ((signal.SIGHUP, on_hangup), (signal.SIGTERM, on_terminate)):
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop.add_signal_handler(signum, handler)

    previous = threading.excepthook

    def on_thread_error(args: threading.ExceptHookArgs) -> None:
        dead_terminal = isinstance(args.exc_value, OSError) and (
            args.thread is not None and args.thread.name == OUTPUT_THREAD
        )
        if not dead_terminal:
            previous(args)
            return
        # The screen can no longer be written (EIO, EPIPE): save on the app's own thread if
        # it still runs, and end the process either way.
        leave_soon(128 + signal.SIGHUP)
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(on_hangup)

    threading.excepthook = on_thread_error
