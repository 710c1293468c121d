"""The model's door for text: control, bidirectional and zero-width characters never get in,
one-line fields stay on one line, and every field has a length limit that names it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import SECTION_KEYS
from pmtui.resources import sample_files
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from tests.conftest import examples

NOW = datetime(2025, 3, 24, 16, 0, tzinfo=UTC)
BIDI_AND_ZERO_WIDTH = set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u2060\ufeff"
)
MULTI_LINE_FIELDS = {*SECTION_KEYS, "original"}


def _forbidden(text: str, *, multi_line: bool) -> set[str]:
    allowed = {"\n", "\t"} if multi_line else set()
    return {
        c
        for c in text
        if (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in BIDI_AND_ZERO_WIDTH) and c not in allowed
    }


def _strings(value: Any, field: str = "") -> list[tuple[str, str]]:
    """Every (field name, text) in an interchange document, nested ones included."""
    if isinstance(value, str):
        return [(field, value)]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, key)]
    if isinstance(value, list):
        return [pair for item in value for pair in _strings(item, field)]
    return []


# Arbitrary unicode, with the characters an attack uses far more often than chance would.
_ATTACK = st.sampled_from(
    [
        "\x1b]0;PWNED\x07",
        "\x1b[2J",
        "\x9b31m",
        "\x7f",
        "\r\n",
        "\r",
        "\n",
        "\t",
        "\x00",
        "\u202e",
        *sorted(BIDI_AND_ZERO_WIDTH),
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=8), _ATTACK), max_size=6).map("".join)
_REQUIRED = st.builds(lambda body: f"x{body}", _TEXT)


@settings(max_examples=examples(150), deadline=None)
@given(
    title=_REQUIRED,
    owner=_TEXT,
    summary=_TEXT,
    event_text=_REQUIRED,
    source=_TEXT,
    original=_TEXT,
    answer=_REQUIRED,
    action_text=_REQUIRED,
    tracker=_TEXT,
    attendee=_TEXT,
)
def test_whatever_goes_in_the_model_holds_no_control_or_invisible_character(
    title: str,
    owner: str,
    summary: str,
    event_text: str,
    source: str,
    original: str,
    answer: str,
    action_text: str,
    tracker: str,
    attendee: str,
) -> None:
    document = {
        "title": title,
        "owner": owner,
        "attendees": [attendee],
        "summary": summary,
        "timeline": [
            {
                "at": "2025-03-11T14:00:00Z",
                "text": event_text,
                "source": source,
                "original": original,
            }
        ],
        "whys": [{"problem": answer, "answers": [answer]}],
        "action_items": [{"text": action_text, "owner": owner, "tracker": tracker}],
    }
    held = postmortem_to_dict(postmortem_from_dict(document, now=NOW))
    for field, text in _strings(held):
        multi_line = field in MULTI_LINE_FIELDS
        assert not _forbidden(text, multi_line=multi_line), (field, text)


def test_one_line_fields_lose_line_breaks_and_narrative_keeps_them() -> None:
    pm = postmortem_from_dict(
        {
            "title": "API\ndown\tagain",
            "summary": "First line\r\n\tindented\rlast\x1b[2J",
        },
        now=NOW,
    )
    assert pm.title == "API down again"
    assert pm.summary == "First line\n\tindented\nlast[2J"


@pytest.mark.parametrize(
    ("where", "limit"),
    [
        ("title", 200),
        ("owner", 200),
        ("attendees[0]", 200),
        ("timeline[0].text", 2_000),
        ("timeline[0].link", 2_000),
        ("action_items[0].text", 2_000),
        ("action_items[0].tracker", 200),
        ("whys[0].answers[0]", 2_000),
        ("summary", 100_000),
    ],
)
def test_each_field_refuses_more_than_its_limit_naming_the_field(where: str, limit: int) -> None:
    def document(length: int) -> dict[str, Any]:
        value = "x" * length
        doc: dict[str, Any] = {
            "title": "Outage",
            "timeline": [{"at": "2025-03-11T14:00:00Z", "text": "seen"}],
            "whys": [{"problem": "p", "answers": ["a"]}],
            "action_items": [{"text": "Add an alert"}],
        }
        if where == "attendees[0]":
            doc["attendees"] = [value]
        elif "." in where:
            item, field = where.split(".")
            name, index = item.rstrip("]").split("[")
            target = doc[name][int(index)]
            if field.startswith("answers"):
                target["answers"] = [value]
            else:
                target[field] = value
        else:
            doc[where] = value
        return doc

    postmortem_from_dict(document(limit), now=NOW)  # the limit itself is fine
    with pytest.raises(ValidationError) as refused:
        postmortem_from_dict(document(limit + 1), now=NOW)
    assert refused.value.where == where
    assert f"at most {limit:,}" in refused.value.message


def test_service_edits_pass_the_same_door(tmp_path: Path) -> None:
    with PostMortemStore.open(tmp_path / "pm.json") as store:
        service = PostMortemService(store)
        pm = service.create("\x1b]0;PWNED\x07Outage\u202e", owner="ops\u200b\tteam")
        assert (pm.title, pm.owner) == ("]0;PWNEDOutage", "ops team")
        pm = service.update(pm, summary="  kept indent\r\nnext\x07")
        assert pm.summary == "  kept indent\nnext"
        pm, action = service.add_action(
            pm, text="Alert\x1b[31m on expiry", owner="edge\nteam", due="2030-01-01"
        )
        assert (action.text, action.owner) == ("Alert[31m on expiry", "edge team")
        with pytest.raises(ValidationError, match="title: too long: 10,000,000 characters"):
            service.update(pm, title="x" * 10_000_000)


def test_the_bundled_sample_still_loads() -> None:
    import orjson

    for path in sample_files():
        postmortem_from_dict(orjson.loads(path.read_bytes()), now=NOW)


def test_every_narrative_section_is_admitted_as_narrative() -> None:
    """A new narrative section (Trigger came later) keeps its lines, like the others."""
    from pmtui.model.postmortem import SECTION_KEYS
    from pmtui.model.text import NARRATIVE, RULES

    assert {key: RULES.get(key) for key in SECTION_KEYS} == dict.fromkeys(SECTION_KEYS, NARRATIVE)


def _escaped_one_by_one(text: str) -> str:
    """What `visible` promises, character by character: each one `_forbidden` names (but
    line breaks, tabs and the \\r of a \\r\\n) as a \\uXXXX escape."""
    shown = []
    for index, c in enumerate(text):
        line_end = c == "\r" and text[index + 1 : index + 2] == "\n"
        unsafe = c not in "\n\t" and not line_end and _forbidden(c, multi_line=False)
        shown.append(f"\\u{ord(c):04x}" if unsafe else c)
    return "".join(shown)


# Long documents too: past a few hundred characters visible() takes another way.
_DOCUMENT = st.lists(
    st.one_of(_TEXT, st.sampled_from(["a" * 300, "| 2025-03-11 09:00 | note |\n" * 20])),
    max_size=8,
).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(text=_DOCUMENT)
def test_visible_escapes_exactly_the_unsafe_characters_in_short_and_long_texts(
    text: str,
) -> None:
    from pmtui.model.text import visible

    shown = visible(text)
    assert shown == _escaped_one_by_one(text)
    if shown == text:
        assert visible(text) is text  # a safe document is not copied
    assert visible(shown) == shown  # the stream that prints a document may look again


def test_a_document_visible_returned_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export checks its megabyte once; the terminal stream that prints it must not pay
    for the same look again (issue 9)."""
    from pmtui.model import text as text_module

    # \u2028 is unprintable yet no escape: visible() keeps it, so a second look must scan.
    document = "| 2025-03-11 09:00 | note | \x1b[2J \u2028 |\n" * 40
    shown = text_module.visible(document)

    class NoScan:
        def sub(self, *args: object) -> str:
            raise AssertionError("scanned again")

    monkeypatch.setattr(text_module, "_UNSAFE", NoScan())
    assert text_module.visible(shown) is shown


def test_a_document_checked_before_does_not_let_another_through() -> None:
    from pmtui.model.text import visible

    safe = "| 2025-03-11 09:00 | note | fine |\n" * 40
    assert visible(safe) is safe
    hostile = safe[:-1] + "\x1b]0;owned\x07\n"  # the same length, another object
    assert "\x1b" not in visible(hostile) and "\\u001b" in visible(hostile)
    assert "\x1b" not in visible(hostile + "")
