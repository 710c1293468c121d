"""Provides PmtuiApp and make_app(), the one factory the CLI and the tests share."""

from __future__ import annotations

import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import events
from textual._time import get_time  # private: the clock Textual stamps each key with
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._toast import ToastRack  # private in Textual, as App's own use of it

from pmtui.ui.clipboard import Clipboard, SystemOrTerminalClipboard
from pmtui.ui.commands import ScreenCommands
from pmtui.ui.escape_keys import escape_then, read_escape_digits_as_alt
from pmtui.ui.export_memory import ExportMemory
from pmtui.ui.key_order import (
    KeyOrder,
    KeySettled,
    TypedInput,
    focus_path,
    has_work,
    is_typed,
    only_types,
)
from pmtui.ui.legible import legible
from pmtui.ui.notices import (
    TYPED_WORD,
    UNDO_PUTS_BACK,
    KindNotification,
    SecondPress,
    notify_kind,
    replaces,
    tell_unsaved,
)
from pmtui.ui.stylesheets import APP_SHEETS, stylesheet_paths
from pmtui.ui.typed_words import (
    BURST_SECONDS,
    LOOKAHEAD_LIMIT_SECONDS,
    LOOKAHEAD_SECONDS,
    TYPING_SECONDS,
    LeadLetter,
    TypedWords,
    chained,
    is_word,
    pane_key_verdict,
    repeats_one_key,
    rest_of_word,
    told_as_run,
)
from pmtui.ui.widgets.entered_box import show_start

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from pmtui.service import PostMortemService


def _is_text_box(widget: Widget | None) -> TypeGuard[Input | TextArea]:
    """Whether `widget` is a one-line or a multi-line text box."""
    if isinstance(widget, Input):
        return True
    # Looked up, not imported: the home screen has no TextArea, and importing Textual's
    # TextArea only to learn that cost the first paint about 5% of its time.
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


@dataclass(frozen=True)
class LetterRun:
    """A letter key run as a command where keys are commands, and what it found there."""

    key: events.Key
    screen: Screen[object]
    #: The change its screen's undo would take back before the letter ran (see _undo_next).
    undo_before: object
    #: Its binding's id (or action).
    command: str | None
    #: How many screens were stacked: one more afterwards is a dialog the letter opened.
    depth: int
    #: Where the user was on its screen before it ran (see _view_place).
    place: object
    #: The widget focused before it ran: focused elsewhere afterwards, it moved the focus.
    focused: Widget | None
    #: The letter run just before it, on the word it may go on: "detected" typed at 0.3 s a
    #: key ran `d` (a delete), then `e` (the edit form), and the word takes back both.
    before: LetterRun | None = None

    def of_word(self) -> list[LetterRun]:
        """This run and those before it on its word, latest first."""
        runs: list[LetterRun] = []
        run: LetterRun | None = self
        while run is not None:
            runs.append(run)
            run = run.before
        return runs


def _undo_next(screen: Screen[object]) -> object:
    """The change `screen`'s history would undo next (None without one): a letter that
    changed something leaves another."""
    return getattr(getattr(screen, "history", None), "undo_next", None)


def _view_place(screen: Screen[object]) -> object:
    """Where the user is on `screen` (its step, tab, focus, a pane's sort), as the screen
    tells it (None when it does not): a key that took them elsewhere leaves another."""
    place = getattr(screen, "view_place", None)
    return place() if callable(place) else None


def _typed_text(keys: Iterable[events.Key]) -> str:
    return "".join(key.character or "" for key in keys)


#: At most this many times ctrl+q waits behind work queued on the focus path.
QUIT_WAITS = 20
#: How much of a word typed where keys are commands its notice quotes (its end).
WORD_SHOWN = 60


class PmtuiApp(App[int]):
    TITLE = "pmtui"
    SUB_TITLE = "blameless post-mortems"
    CSS_PATH = stylesheet_paths(*APP_SHEETS)
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Save everything and leave pmtui",
            priority=True,
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Every key on this screen"),
        # Textual's one-line Input binds ctrl+a to "go to start" (emacs): typing a date after
        # ctrl+a ran it into the old one. Every text box selects all with it here, so the next
        # key replaces the text; home goes to the start. Priority, to come before Input's own.
        Binding(
            "ctrl+a",
            "select_all_text",
            "Select all (text boxes)",
            show=False,
            id="editing.select_all",
            tooltip="Select the whole text of the box, one-line or multi-line; home goes to "
            "the start",
            priority=True,
        ),
    ]

    def __init__(
        self,
        service: PostMortemService,
        *,
        read_only_reason: str = "",
        clipboard: Clipboard | None = None,
        confine_to: Path | None = None,
    ) -> None:
        super().__init__()
        read_escape_digits_as_alt()
        self.service = service
        self.read_only_reason = read_only_reason
        #: Under `pmtui serve`: the one folder the file dialogs may read or write in.
        self.confine_to = confine_to
        self.pm_clipboard = clipboard or SystemOrTerminalClipboard(self.copy_to_clipboard)
        #: Where and as what this session's exports were written: the next one offers it.
        self.export_memory = ExportMemory()
        #: The name last given as who waived a finding: the next waiver offers it, where the
        #: post-mortem's owner was recorded for whoever waived (mock reviews 28a, 28b).
        self.waived_by = ""
        #: When the last key read was made (its event's time): a pane's digit after a
        #: sentence is that pane's key only after a pause (OverviewPane.pane_key_typed_here).
        self.delivered_key_at = 0.0
        #: The user's keymap as applied (binding id -> keys), for F1 and the palette.
        self.pm_keymap: dict[str, str] = {}
        self.key_order = KeyOrder(self)
        #: The word being typed where single keys are commands (pmtui.ui.typed_words).
        self.typed_words = TypedWords()
        #: How long a command key waits for more characters (None: LOOKAHEAD_SECONDS in a
        #: terminal, 0 under Pilot, whose keys are queued at once; tests set it to type slowly).
        self.word_lookahead: float | None = None
        #: The letter key last run as a command: typed slowly (0.3 s a key), a word's first
        #: letter outwaits the lookahead and runs ("done" deleted an action, mock meeting 17;
        #: "ok moving on" opened the owner form, round 17), and the word that follows takes
        #: it back (see _take_back_first_letter, _take_back_where_first_key_led).
        self._letter_run: LetterRun | None = None
        #: When a word's notice was last taken back (time.time(), as a notice's raised_at).
        self._word_notices_cut = 0.0
        #: When the last escape was pressed (its key time): meeting mode tells a repeated one.
        self.last_escape_at: float | None = None
        #: How often ctrl+q has waited behind work queued on the focus path (see action_quit).
        self._quit_waits = 0
        #: ctrl+q stays once to say that typing could not be saved (see action_quit).
        self._quit_again = SecondPress()
        #: The kind of the notice being told (see pmtui.ui.notices.notify_kind).
        self.next_notice_kind = ""
        #: id() of the screen telling it (see pmtui.ui.notices.drop_notices_of).
        self.next_notice_origin = 0

    def get_css_variables(self) -> dict[str, str]:
        # Every theme, built-in or not, is read on a shared screen: lift its text colours
        # to 4.5:1 where they fall short (see pmtui.ui.legible).
        return legible(super().get_css_variables(), self.current_theme.dark)

    def get_default_screen(self) -> Screen:
        # The home screen is the bottom of the stack itself: pushed over Textual's blank
        # default screen, that one was composed, styled and laid out too, never to be seen
        # (about 4% of the home screen's start-up).
        from pmtui.ui.screens.home import HomeScreen

        # Keys remapped before the home screen's footer is built, as when it was pushed.
        self.load_user_keymap()
        return HomeScreen()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._modal_opened)
        if not self.is_headless:
            # A closed terminal window (SIGHUP) or a `kill` (SIGTERM) must not lose typing
            # still waiting for its debounce timer, any more than ctrl+q does, and must not
            # leave the process behind when the terminal is gone.
            from pmtui.ui import hangup

            hangup.install(self.save_everything, self.exit)

    def load_user_keymap(self) -> None:
        """Apply keymap.toml; each line pmtui cannot use is named in one notification."""
        from pmtui.ui.binding_catalog import binding_ids
        from pmtui.ui.keymap import keymap_path, load_keymap

        keymap = load_keymap(keymap_path(), binding_ids)
        self.pm_keymap = keymap.keys
        if keymap.keys:
            self.set_keymap(keymap.keys)
        if keymap.problems:
            # markup=False: ids and keys come from the user's file, brackets and all.
            self.notify("\n".join(keymap.problems), severity="warning", timeout=15, markup=False)

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes are read one at a time, each once the one before has settled, so a
        # burst (tmux, a paste, a fast typist) lands where slow typing lands (see
        # pmtui.ui.key_order). Mouse events and keys bubbling back up pass straight on.
        if is_typed(event):
            if isinstance(event, events.Key) and event.key == "escape":
                self.last_escape_at = event.time
            # Only an alt key may be two keys; the bindings are gathered for those alone.
            keys = None
            if isinstance(event, events.Key) and event.key.startswith("alt+"):
                keys = escape_then(event, self.active_bindings)
            for key in keys or (event,):
                if not self.key_order.hold(key):
                    await self._read_typed(key)
            return
        await super().on_event(event)

    async def _read_typed(self, event: TypedInput, *, as_command: bool = False) -> bool:
        """Read a key or paste as Textual does (priority bindings, then the focused widget),
        then follow it with its sentinel unless it only typed a character into a box; True
        when the keys after it wait for it. A character where keys are commands may be part
        of a word and run nothing (`_read_as_word`); `as_command`: it was found not to be."""
        if not as_command:
            verdict = self._read_as_word(event)
            if verdict is not None:
                return verdict
        typing = only_types(event, self.focused)
        await super().on_event(event)
        if isinstance(event, events.Key):
            self.delivered_key_at = event.time
        if typing:
            return False
        self._drop_word_notice()
        self.key_order.read()
        return True

    def _drop_word_notice(self) -> None:
        """A command ran: the notice about a word typed before it is done with (it sat over
        the Checks detail for eight seconds after F7)."""
        # One still on its way is taken back too: "06:20 …" sent in one burst to the
        # Timeline's table showed "“0” is no key here" after "6" had sent the line there.
        self._word_notices_cut = time.time()
        for shown in list(self._notifications):
            if getattr(shown, "kind", "") == TYPED_WORD:
                self._unnotify(shown)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Here, where every screen's boxes pass, rather than in each form: a one-line box
        # left shows its text from the start (pmtui.ui.widgets.entered_box).
        show_start(event.widget)

    async def on_key_settled(self, message: KeySettled) -> None:
        message.stop()
        if self.key_order.arrived(message):
            await self._read_held()

    async def _read_held(self) -> None:
        # Held letters are read on until a key that the next ones must wait for.
        while (following := self.key_order.next_held()) is not None:
            if await self._read_typed(following):
                break

    # Words typed where keys are commands (pmtui.ui.typed_words) ---------------------------

    def _read_as_word(self, event: TypedInput) -> bool | None:
        """What became of `event` as part of a word: None when it is read as a key; else
        what `_read_typed` returns (True: a command key waits for the keys behind it)."""
        words = self.typed_words
        if self._on_screen_letter_opened() and self._take_back_where_first_key_led(event):
            # Before the screen's own keys: "I think" showed Insights with its `I`, where
            # letters are commands too.
            return True
        if not isinstance(event, events.Key) or not self._keys_are_commands(event):
            words.end()
            if self._take_back_where_first_key_led(event):
                return True  # the next key waits: it is read where this one began
            if isinstance(event, events.Key) and self._pane_key_place(event) is not None:
                # Typing or the pane's key: the characters typed right after it tell.
                self.key_order.pause()
                self._decide_after(event, self._lookahead(), self._decide_pane_key)
                return True
            return None
        if not event.is_printable:
            ended_line = event.key == "enter" and words.continues(event) and words.looks_typed
            words.end()
            # The enter of a sentence typed here ran nothing, as its letters did.
            return False if ended_line else None
        command = self._commands_here()(event.key)
        if words.goes_on_over(event, command):
            return self._grow_word(event)
        if command is None or self._number_goes_on(event):
            words.end()
            self._take_back_first_letter(event)
            return self._grow_word(event)  # no command (or a number's digit): a word starts
        # A command key: the characters typed right after it may make it part of a word (a
        # key with no command just before it, "b" on the timeline, then stays its start:
        # "ecause it was late" lost its "b").
        self.key_order.pause()
        self._decide_after(event, self._lookahead())
        return True

    def _lookahead(self) -> float:
        """How long a command key waits for the characters that may follow it."""
        if self.word_lookahead is not None:
            return self.word_lookahead
        # Pilot queues its keys before the app reads the first: nothing more is coming.
        return 0.0 if self.is_headless else LOOKAHEAD_SECONDS

    def _decide_after(
        self,
        leader: events.Key,
        seconds: float,
        decide: Callable[[events.Key], Awaitable[None]] | None = None,
    ) -> None:
        """Run `decide` (by default _decide_burst) on `leader` after `seconds`."""
        then = decide or self._decide_burst
        if seconds <= 0:
            # Behind the keys already queued (those read in one go with it).
            self.call_later(then, leader)
        else:
            self.set_timer(seconds, lambda: self.call_later(then, leader))

    def _pane_key_place(self, key: events.Key) -> DOMNode | None:
        """The pane on the focus path that may read `key`, typed into its field, as a pane's
        key (see OverviewPane.pane_key_typed_here); None where it is only typing."""
        node: DOMNode | None = self.focused
        while node is not None:
            typed_here = getattr(node, "pane_key_typed_here", None)
            if callable(typed_here):
                return node if typed_here(key) else None
            node = node.parent
        return None

    async def _decide_pane_key(self, leader: events.Key) -> None:
        """Read `leader`, a pane's digit typed where the cursor had just been put, as the
        pane's key or as the start of text, by the characters typed right after it (see
        pane_key_verdict); the keys after a pane's key are read in the pane it shows."""
        held = self.key_order.held_keys()
        run = chained(leader, held, TYPING_SECONDS)
        as_key = pane_key_verdict(_typed_text(run[1:]))
        if as_key is None:
            waited = get_time() - run[-1].time
            if len(held) == len(run) - 1 and self._lookahead() > 0 and waited < TYPING_SECONDS:
                self._decide_after(leader, TYPING_SECONDS - waited, self._decide_pane_key)
                return
            as_key = True  # a pause after it: nothing more was typed on
        self.key_order.resume()
        read = getattr(self._pane_key_place(leader), "read_pane_key", None)
        if callable(read):
            read(leader, as_key=as_key)
            if as_key:
                # The letter pressed again, as nothing showed at once, is one press: read
                # twice, "aa" was a word typed on the Actions table, whose `a` form it closed
                # (mock meetings 24a, 24b).
                after = _typed_text(run[1:])
                pressed_again = len(after) - len(after.lstrip(after[:1])) - 1
                self.key_order.drop(max(0, pressed_again))
                self.key_order.read()  # the keys after it are read in the pane it shows
                return
        await self._read_typed(leader, as_command=True)
        await self._read_held()

    def _keys_are_commands(self, event: events.Key) -> bool:
        """Whether `event` is read where single keys are commands: a screen that says so,
        and the focus neither a text box nor a form's control."""
        try:
            screen = self.screen
        except ScreenStackError:
            return False
        if not getattr(screen, "LETTERS_MAY_BE_WORDS", False) or only_types(event, self.focused):
            return False
        from pmtui.ui.typing_focus import is_form_focus

        return not is_form_focus(self.focused)

    def _commands_here(self) -> Callable[[str], str | None]:
        """What each key runs here: its binding's id (or action), None for a key that runs
        nothing. A greyed-out command is one: pressed, it was meant as that command. The
        bindings are gathered once (every binding's check_action runs for them)."""
        active = self.screen.active_bindings

        def command_of(key: str) -> str | None:
            binding = active.get(key)
            return None if binding is None else binding.binding.id or binding.binding.action

        return command_of

    async def _decide_burst(self, leader: events.Key) -> None:
        """Read `leader` as the command it is, or with the keys typed right after it as a
        word; while they may still become one, wait for the next."""
        lookahead = self._lookahead()
        held = self.key_order.held_keys()
        burst = chained(leader, held, max(lookahead, BURST_SECONDS))
        on_commands = self._keys_are_commands(leader)
        if on_commands and self._typed_into_line(_typed_text(burst)):
            # "12:44 action …" on the Timeline's table: the quick-add line has it, and the
            # keys behind the burst are read there once it has the focus.
            self.key_order.resume()
            self.key_order.drop(len(burst) - 1)
            self.typed_words.end()
            self._letter_run = None
            self.key_order.read()
            return
        word = on_commands and is_word(burst, self._commands_here())
        if not word and lookahead > 0:
            waited = get_time() - burst[-1].time
            typing_on = len(burst) == len(held) + 1 and waited < lookahead
            young = burst[-1].time - leader.time < LOOKAHEAD_LIMIT_SECONDS
            if typing_on and young and not repeats_one_key(burst):
                self._decide_after(leader, lookahead - waited)
                return
        self.key_order.resume()
        if not (word and self.typed_words.continues(leader)):
            self.typed_words.end()
        if word:
            self.key_order.drop(len(burst) - 1)
            if not self.typed_words.text:
                # A letter run just before it is the word's start: "d", a pause, then
                # "etected" in one go left the delete done and said none of it ran.
                self._take_back_first_letter(leader)
            for key in burst:
                self._add_to_word(key)
        else:
            self._remember_letter_run(leader)
            if await self._read_typed(leader, as_command=True):
                return  # the held keys follow once it has settled
        await self._read_held()

    def _remember_letter_run(self, key: events.Key) -> None:
        """Note a letter or digit about to run as a command, and the undo and the place it
        finds on its screen."""
        if not (key.character or "").isalnum():
            self._letter_run = None
            return
        before = self._letter_run
        self._letter_run = LetterRun(
            key,
            self.screen,
            _undo_next(self.screen),
            self._commands_here()(key.key),
            len(self.screen_stack),
            _view_place(self.screen),
            self.focused,
            before if before is not None and self._goes_on_run(before, key) else None,
        )

    def _goes_on_run(self, run: LetterRun, key: events.Key) -> bool:
        """Whether `key`, about to run as a command too, may go on the word `run`'s letter
        began: typed at typing pace after it, on its screen. A word typed slowly whose first
        two letters are commands ran both ("de…": a delete, then the edit form); a key
        pressed again after a look is meant. A digit is not a word's letter: "5" moves the
        meeting to the step the room then talks about ("ok moving on" takes back only `o`).
        Under Pilot keys carry no typist's pace."""
        return (
            run.screen is self.screen
            and (run.key.character or "").isalpha()
            and self._lookahead() > 0
            and key.time - run.key.time <= TYPING_SECONDS
            and rest_of_word(run.command, run.key, key)
        )

    def _number_goes_on(self, key: events.Key) -> bool:
        """Whether `key`, a command here, is a digit typed on from a digit that just ran: a
        number ("42" typed slowly ran `4`, then `2`), whose first digit is taken back."""
        run = self._letter_run
        return (
            run is not None
            and (key.character or "").isdigit()
            and (run.key.character or "").isdigit()
            and run.screen is self.screen
            and key.time - run.key.time <= TYPING_SECONDS
            and self._lookahead() > 0
        )

    def _take_back_first_letter(self, key: events.Key) -> None:
        """`key` starts a word right after a letter (or digit) that ran as a command on this
        screen, as a word typed slowly does: that key was its start, not a command. A change
        it made is undone (a delete), where it took the user is left (a step, a tab), and the
        word's notice says what happened either way."""
        run, self._letter_run = self._letter_run, None
        if run is None:
            return
        after_digit = (run.key.character or "").isdigit()
        if not ((key.character or "").isalpha() or after_digit):
            return
        if run.screen is not self.screen or key.time - run.key.time > TYPING_SECONDS:
            return
        self._began_word_with(run, closed=False)

    def _on_screen_letter_opened(self) -> bool:
        """Whether the screen on top is one the letter last run as a command opened (a
        dialog, or a screen of its own such as Insights) over the screen it ran on."""
        run, stack = self._letter_run, self.screen_stack
        return run is not None and len(stack) == run.depth + 1 and stack[-2] is run.screen

    def _runs_nothing_here(self, key: events.Key) -> bool:
        """Whether `key` is neither typing nor any command where it is read: a letter that
        answers no question ("o" when Delete asks y or n)."""
        from pmtui.ui.typing_focus import is_form_focus

        return not is_form_focus(self.focused) and self._commands_here()(key.key) is None

    def _take_back_where_first_key_led(self, key: TypedInput) -> bool:
        """Whether `key`, read in a dialog, screen or box that a key run as a command opened
        or focused, went on the word that key began: then the dialog or screen is closed
        unsaved (or the focus goes back) and `key` starts the word. "ok moving on" at 0.3 s
        a key: `o` opened the owner form, and "k moving on" replaced the owner; "we
        should…": `w` on the ladder focused the answer box; "12:44": `1` showed the
        Overview, its box focused; "done now" on the home list: `d` asked "Delete …?" and
        `o` answers nothing there. Someone who meant the command looks at the dialog or box
        before typing in it; typed sooner than TYPING_SECONDS, into the box it opened on with
        nothing else done there, or running nothing in what it opened, the key was the
        word's."""
        run, self._letter_run = self._letter_run, None
        if run is None or not isinstance(key, events.Key) or not key.is_printable:
            return False
        if self._lookahead() <= 0:
            # Under Pilot keys carry no typist's pace: a letter pressed on its own there (the
            # keys after it waited for the app to settle) was meant, dialog and all.
            return False
        if key.time - run.key.time > TYPING_SECONDS:
            return False
        if not rest_of_word(run.command, run.key, key):
            return False
        typing = only_types(key, self.focused)
        dialog, stack = self.screen, self.screen_stack
        modal = isinstance(dialog, ModalScreen)
        # A screen of its own is closed only if opening it changed nothing (Insights); the
        # meeting, say, has started its clock.
        closes = modal or getattr(dialog, "SHOWS_ONLY", False)
        opened = len(stack) == run.depth + 1 and stack[-2] is run.screen
        if opened and closes and (typing or self._runs_nothing_here(key)):
            changed = getattr(dialog, "form_changed", None)
            if callable(changed) and changed():
                return False
            # A screen that only showed something leaves nothing: told as never run.
            closed = modal
            dialog.dismiss(getattr(dialog, "CANCELLED", None))
        elif (
            typing
            and dialog is run.screen
            and len(stack) == run.depth
            and self.focused is not run.focused
        ):
            closed = False  # the focus it moved goes back with the place (_began_word_with)
        else:
            return False
        self.typed_words.end()
        self._began_word_with(run, closed=closed)
        if not self._grow_word(key):
            # The next key waits for the dialog to close or the focus to go back.
            self.key_order.read()
        return True

    def _began_word_with(self, run: LetterRun, *, closed: bool) -> None:
        """The word being typed began with `run`'s key and the letters run before it on the
        word: what each changed on its screen is undone, latest first, the user is back where
        they were before the first, and the word's notice will say so (`closed`: the dialog
        `run`'s key opened was closed unsaved)."""
        runs = run.of_word()
        letters: list[LeadLetter] = []
        for each in runs:
            undo_now = _undo_next(each.screen)
            undone = undo_now is not None and undo_now is not each.undo_before
            if undone:
                each.screen.action_undo()  # type: ignore[attr-defined]  # it has a history
            letters.insert(0, LeadLetter(each.key.character or "", closed and each is run, undone))
        first = runs[-1]
        go_back = getattr(first.screen, "return_to_view", None)
        if callable(go_back) and _view_place(first.screen) != first.place:
            # A step moved on, a tab switched, a sort changed: taken back without a word, as
            # nothing of it is left (the room saw the meeting stay on its step).
            go_back(first.place)
        self.typed_words.follows_letters(letters)

    def _grow_word(self, key: events.Key) -> bool:
        """`key` goes on the word (or starts one); True when the keys after it wait: the word
        read as the start of a quick-add line went there ("+5m", "12" on the Timeline)."""
        words = self.typed_words
        if self._typed_into_line(words.lead + words.text + (key.character or "")):
            words.end()
            self._drop_word_notice()
            self.key_order.read()
            return True
        self._add_to_word(key)
        return False

    def _typed_into_line(self, text: str) -> bool:
        """Whether the focused pane took `text`, typed where keys are commands, into its
        quick-add line (the Timeline's "Type a line below, e.g. 14:32 detected …")."""
        node: DOMNode | None = self.focused
        while node is not None:
            take = getattr(node, "take_line_typed_here", None)
            if callable(take):
                return bool(take(text))
            node = node.parent
        return False

    def _add_to_word(self, key: events.Key) -> None:
        self.typed_words.add(key)
        text = self.typed_words.text
        if len(text) > WORD_SHOWN:
            text = "…" + text[-WORD_SHOWN:]
        where = self._where_to_type()
        began = self.typed_words.lead
        ran = told_as_run(self.typed_words.lead_letters)
        if ran and self.typed_words.text.strip():
            # Its first letters ran before the rest came: said, so the notice never claims
            # that nothing ran (a change they made is undone already, and said so apart).
            said = (
                f"“{began}{text}” was typed here, where single keys are commands: {ran}; the "
                f"rest ran nothing. {where}"
            )
        elif began:
            # Its first keys only took the user elsewhere, and they are back: nothing ran.
            said = (
                f"“{began}{text}” was not typed anywhere: here single keys are commands, so "
                f"none of them ran. {where}"
            )
        elif self.typed_words.looks_typed:
            said = (
                f"“{text}” was not typed anywhere: here single keys are commands, so none of "
                f"them ran. {where}"
            )
        else:
            # A stray key (or one pressed again): the tab bar took `f` meant for the ladder
            # and nothing said so.
            said = f"“{text}” is no key here. {where}"
        notify_kind(
            self,  # type: ignore[arg-type]  # App has the notify notify_kind calls
            said,
            kind=TYPED_WORD,
            timeout=8,
        )

    def _where_to_type(self) -> str:
        """The focused pane's (or screen's) word on where typing goes from here."""
        node: DOMNode | None = self.focused or self.screen
        while node is not None:
            hint = getattr(node, "where_to_type", None)
            if callable(hint):
                return str(hint())
            node = node.parent
        return "Tab moves to a box; F1 lists the keys here."

    def action_command_palette(self) -> None:
        # Textual's palette, whose enter waits for the words typed (pmtui.ui.palette).
        from pmtui.ui.palette import SteadyCommandPalette

        # CommandPalette.is_open's own test, which its App[object] typing refuses PmtuiApp.
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(SteadyCommandPalette(id="--command-palette"))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notify; a notice of a kind (told by pmtui.ui.notices.notify_kind)
        replaces the one of its kind still shown."""
        kind, self.next_notice_kind = self.next_notice_kind, ""
        origin, self.next_notice_origin = self.next_notice_origin, 0
        if not kind:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            return
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        notice = KindNotification(
            message, title, severity, seconds, markup=markup, kind=kind, origin=origin
        )
        self.post_message(Notify(notice))

    def _on_notify(self, event: Notify) -> None:
        # Runs before Textual's own handler, which then shows the notice. A key pressed four
        # times ("Escape stays here" x4, ctrl+z x4) stacked four toasts over the room's view:
        # the same notice, or a newer one of its kind, replaces the one still shown.
        notice = event.notification
        if getattr(notice, "kind", "") == TYPED_WORD and notice.raised_at <= self._word_notices_cut:
            event.prevent_default()  # taken back before it could be shown
            return
        for shown in list(self._notifications):
            if replaces(event.notification, shown):
                self._unnotify(shown, refresh=False)
                self._take_down(shown)

    def _take_down(self, notice: Notification) -> None:
        """Remove `notice`'s toast from every screen now. Textual's rack drops a stale toast
        only once its inner Toast is mounted: a notice replaced a moment after it came (a
        form's "Saved, not discarded", then the roll call's "Attendees saved") stayed up
        beside the one that replaced it."""
        toast_id = ToastRack._toast_id(notice)
        for screen in self.screen_stack:
            for rack in screen.query_children(ToastRack):
                for holder in list(rack.children):
                    if holder.id == toast_id:
                        holder.remove()

    def _modal_opened(self, screen: Screen[object]) -> None:
        # A form opened over notices of what happened before: at 80x24 they covered its
        # buttons. What they said is done with; an error stays (shown above the form).
        if isinstance(screen, ModalScreen):
            for shown in list(self._notifications):
                if shown.severity != "error":
                    self._unnotify(shown, refresh=False)
            # The screens under the form keep drawing their own toasts around it otherwise.
            for under in self.screen_stack:
                for rack in under.query_children(ToastRack):
                    self.call_later(rack.show, self._notifications)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_all_text":
            # Elsewhere ctrl+a is left to the focused widget's own bindings.
            return _is_text_box(self.focused)
        return super().check_action(action, parameters)

    def action_select_all_text(self) -> None:
        focused = self.focused
        if _is_text_box(focused):
            focused.select_all()

    def save_everything(self) -> None:
        """Save typing still waiting for its debounce timer, on every open screen."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_pending", None)
            if callable(flush):
                flush()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # pmtui's own Quit (ctrl+q: save everything, then leave) is in the palette already;
        # Textual's "Quit the application as soon as possible" made a second, different-
        # sounding Quit beside it (mock meeting 17). Both ran action_quit.
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def save_and_exit(self) -> None:
        self.save_everything()
        self.exit(0)

    async def action_quit(self) -> None:
        busy = next((node for node in focus_path(self) if has_work(node)), None)
        if busy is not None and self._quit_waits < QUIT_WAITS:
            # Characters typed just before ctrl+q (read at once) still wait in the box's
            # queue, and what they change in its pane's: quit behind them, or a pasted tag
            # too long went without a word.
            self._quit_waits += 1
            busy.call_later(self.action_quit)
            return
        self._quit_waits = 0
        # Typing still waiting for its save is read first: a tag too long, typed 0.3 s before
        # ctrl+q, was refused only as pmtui quit, and went without a word.
        self.save_everything()
        if not self._keeps_unsaved_typing():
            self.exit(0)

    def _keeps_unsaved_typing(self) -> bool:
        """Whether a first ctrl+q stays because a field shows typing that could not be saved
        (a tag too long): quitting dropped it without a word. It says so; pressed again
        soon after, ctrl+q quits (see SecondPress)."""
        said, holder = next(
            (
                (said, screen)
                for screen in reversed(self.screen_stack)
                if callable(unsaved := getattr(screen, "unsaved_typing", None))
                and (said := unsaved())
            ),
            ("", None),
        )
        if not said or not self._quit_again.warns():
            return False
        quit_key = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.action == "quit")
        again = f"{self.get_key_display(quit_key)} again quits without it"
        undo = getattr(holder, "undo_of_unsaved", lambda: UNDO_PUTS_BACK)()
        tell_unsaved(self, said, again, undo)  # type: ignore[arg-type]  # App has the notify it calls
        return True

    def action_help(self) -> None:
        from pmtui.ui.modals.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(
    service: PostMortemService,
    *,
    read_only_reason: str = "",
    clipboard: Clipboard | None = None,
    confine_to: Path | None = None,
) -> PmtuiApp:
    return PmtuiApp(
        service, read_only_reason=read_only_reason, clipboard=clipboard, confine_to=confine_to
    )
