"""escape_then: an alt key of one letter or digit that nothing binds is Escape and that key."""

from __future__ import annotations

from textual import events

from pmtui.ui.escape_keys import escape_then, read_escape_digits_as_alt


def _keys(key: str, bound: tuple[str, ...] = ()) -> list[tuple[str, str | None]] | None:
    split = escape_then(events.Key(key, None), bound)
    return None if split is None else [(part.key, part.character) for part in split]


def test_an_unbound_alt_digit_or_letter_is_escape_then_that_key() -> None:
    assert _keys("alt+3") == [("escape", "\x1b"), ("3", "3")]
    assert _keys("alt+w") == [("escape", "\x1b"), ("w", "w")]
    assert _keys("alt+shift+w") == [("escape", "\x1b"), ("W", "W")]


def test_bound_alt_keys_and_other_keys_stay_as_they_are() -> None:
    assert _keys("alt+3", bound=("alt+3",)) is None  # a user's keymap may bind it
    for key in ("3", "escape", "alt+backspace", "alt+delete", "alt+left", "ctrl+w", "alt+é"):
        assert _keys(key) is None


def _parsed(data: str) -> list[tuple[str, str | None]]:
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    tokens = [*parser.feed(data), *parser.feed("")]  # "" ends the input: no more keys wait
    return [(token.key, token.character) for token in tokens if isinstance(token, events.Key)]


def test_escape_and_a_top_row_digit_arrive_as_alt_digit_not_an_option_character() -> None:
    # Textual's table read them as WezTerm's Option characters: Escape then 6 typed "§".
    read_escape_digits_as_alt()
    assert _parsed("\x1b6") == [("alt+6", "6")]
    assert _parsed("\x1b3") == [("alt+3", "3")]
    assert escape_then(events.Key("alt+6", "6"), ()) is not None
    # Typed as themselves, "§" and "£" stay characters; Escape alone stays Escape.
    assert _parsed("§£") == [("section_sign", "§"), ("pound_sign", "£")]
    assert _parsed("\x1b") == [("escape", "\x1b")]


def test_escape_then_enter_sent_together_arrive_as_both_keys() -> None:
    # tmux's `send-keys Escape Enter`, or a reflex escape and enter inside the escape delay:
    # Textual read the pair as enter alone, and the action form saved instead of asking
    # whether to discard (found in the round-19 fixes).
    read_escape_digits_as_alt()
    assert _parsed("\x1b\r") == [("escape", None), ("enter", None)]
    assert _parsed("\r") == [("enter", "\r")]
    # Option+Backspace (delete a word) is what it was.
    assert _parsed("\x1b\x7f") == [("ctrl+w", None)]
