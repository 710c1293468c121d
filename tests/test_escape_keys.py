"""escape_then: an alt key of one letter or digit that nothing binds is Escape and that key."""

from __future__ import annotations

from textual import events

from pmtui.ui.escape_keys import escape_then


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
