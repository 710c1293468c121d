"""Tests of the rule that tells a word typed where single keys are commands from commands
typed in one go (pmtui.ui.typed_words)."""

from __future__ import annotations

from textual import events

from pmtui.ui.typed_words import (
    BURST_SECONDS,
    TYPING_SECONDS,
    LeadLetter,
    TypedWords,
    chained,
    is_word,
    rest_of_word,
    told_as_run,
)

#: The Five Whys ladder's keys, as `command_of` names them.
LADDER = {"o": "whys.reopen", "e": "whys.edit", "b": "whys.branch", "r": "whys.root_cause"}
LADDER |= {"d": "whys.delete", "W": "whys.new", "4": "workspace.tab"}


def keys(text: str, *, start: float = 100.0, apart: float = 0.001) -> list[events.Key]:
    made = []
    for number, character in enumerate(text):
        key = events.Key("space" if character == " " else character, character)
        key.time = start + number * apart
        made.append(key)
    return made


def test_a_burst_holding_a_key_with_no_command_is_a_word() -> None:
    assert is_word(keys("okay"), LADDER.get)  # o reopens, but k is no command: a word
    assert is_word(keys("retry"), LADDER.get)


def test_commands_typed_in_one_go_are_commands() -> None:
    assert not is_word(keys("ooe"), LADDER.get)  # every key a command
    assert not is_word(keys("dy"), LADDER.get)  # two keys: delete, then its question's y


def test_what_follows_a_key_that_opens_an_empty_box_is_for_the_box() -> None:
    assert not is_word(keys("bRenewals ran unmonitored"), LADDER.get)  # b: the branch form
    assert not is_word(keys("b the renewal job"), LADDER.get)
    assert not is_word(keys("4WConsul slowed"), LADDER.get)  # a tab, then W and a problem
    assert is_word(keys("rcc"), LADDER.get)  # r opens a picker, not a box for text
    quick_add = {"/": "timeline.quick_add", "n": "timeline.stamp", "o": "timeline.insert"}
    assert not is_word(keys("/now mitigated"), quick_add.get)  # "/" and a lowercase line


def test_lowercase_running_on_from_a_box_key_is_a_word() -> None:
    # Mock meeting 10: "because of capacity" opened a branch holding "ecause of capacity";
    # "owner is Tomas" ran o (the owner form) because w opens a box.
    meeting = {"o": "meeting.assign", "w": "meeting.why", "n": "meeting.next"}
    meeting |= {"e": "meeting.edit_answer", "r": "meeting.attendees"}
    assert is_word(keys("because of capacity"), LADDER.get)
    assert is_word(keys("we should stage updates"), meeting.get)
    assert is_word(keys("owner is Tomas"), meeting.get)


def test_a_burst_is_the_keys_read_in_one_go() -> None:
    leader, *rest = keys("abc")
    late = keys("d", start=rest[-1].time + BURST_SECONDS * 2)
    enter = events.Key("enter", "\r")
    assert chained(leader, [*rest, *late]) == [leader, *rest]
    assert chained(leader, [enter, *rest]) == [leader]


def test_a_word_goes_on_at_typing_pace_and_ends_after_a_pause() -> None:
    words = TypedWords()
    first, second = keys("Be", apart=TYPING_SECONDS / 2)
    pause = keys("x", start=second.time + TYPING_SECONDS * 2)[0]
    assert not words.continues(first)  # no word yet
    words.add(first)
    assert words.continues(second)
    words.add(second)
    assert not words.continues(pause)
    assert words.end() == "Be" and words.text == ""


def test_a_key_pressed_again_does_not_read_as_writing() -> None:
    words = TypedWords()
    for key in keys("jj"):
        words.add(key)
    assert not words.looks_typed
    for text in ("B", "th", "a b"):
        words.end()
        for key in keys(text):
            words.add(key)
        assert words.looks_typed, text


def test_a_box_key_ending_a_burst_of_digits_is_no_word() -> None:
    # "44a" in one go on a meeting step: nothing follows the box key to tell a word by (it
    # was looked for past the burst's end, an IndexError in the middle of the meeting).
    meeting = {"4": "meeting.step4", "a": "meeting.action"}
    assert not is_word(keys("44a"), meeting.get)


def test_the_rest_of_a_word_after_a_letter_that_opened_a_dialog() -> None:
    o, k, space, capital = keys("ok P")
    # o opened the owner form on step 5: a letter or a space after it goes on its word.
    assert rest_of_word("meeting.assign", o, k)
    assert rest_of_word("meeting.assign", o, space)
    assert not rest_of_word("meeting.assign", o, keys("+")[0])
    # a opened an empty box for a title: only lowercase running on makes a word of it.
    a = keys("a")[0]
    assert not rest_of_word("meeting.action", a, capital)
    assert rest_of_word("meeting.action", a, k)


def test_the_letter_that_ran_first_counts_towards_writing() -> None:
    # "done" at 0.3 s a key: d ran and was taken back; "o" alone is not writing, "do" is,
    # so the n after it is the word's too.
    words = TypedWords()
    words.follows_letters([LeadLetter("d")])
    words.add(keys("o")[0])
    assert words.looks_typed
    words.end()
    assert (words.lead, words.lead_letters) == ("", ())


def test_the_letters_that_ran_first_are_told_by_what_became_of_them() -> None:
    # "detected" at 0.3 s a key on the Timeline: d deleted, e opened the edit form.
    assert told_as_run([LeadLetter("d", undone=True), LeadLetter("e", closed=True)]) == (
        "“d” and “e” ran as commands before the rest came, the dialog “e” opened is closed "
        "unsaved, and what “d” changed is undone"
    )
    # One that only took the user elsewhere (n moved the meeting on) is as if never run.
    assert told_as_run([LeadLetter("n"), LeadLetter("o", closed=True)]) == (
        "“o” ran as one before the rest came, and the dialog it opened is closed unsaved"
    )
    assert told_as_run([LeadLetter("c", undone=True), LeadLetter("d", undone=True)]) == (
        "“c” and “d” ran as commands before the rest came, and what “c” and “d” changed is undone"
    )
    assert told_as_run([LeadLetter("n"), LeadLetter("p")]) == ""


def test_two_different_digits_in_one_go_are_a_number() -> None:
    # "12:44" typed on a list ran `1` (the Overview); "44a" is a key pressed again, then a box.
    workspace = {"1": "workspace.tab1", "2": "workspace.tab2", "4": "workspace.tab4"}
    assert is_word(keys("12"), workspace.get)
    assert not is_word(keys("44"), workspace.get)
    # A box key counts after one digit (a step, then W and a problem), not after a number.
    meeting = {"1": "meeting.step1", "2": "meeting.step2", ":": "meeting.quick_add"}
    meeting |= {"4": "meeting.step4", "W": "meeting.new_chain"}
    assert not is_word(keys("4WConsul slowed"), meeting.get)
    assert is_word(keys("12:44"), meeting.get)


def test_a_word_begun_goes_on_over_command_letters() -> None:
    # "next one" at 0.35 s a key on the Actions table: `n` is no key there, `e` edits.
    words = TypedWords()
    n, e = keys("ne", apart=0.35)
    words.add(n)
    assert words.goes_on_over(e, "actions.edit")
    # "jj", then `e`: a key pressed again, then a command.
    words.end()
    j, j2, e = keys("jje", apart=0.1)
    words.add(j)
    words.add(j2)
    assert not words.goes_on_over(e, "timeline.edit")
    assert words.goes_on_over(e, None)
