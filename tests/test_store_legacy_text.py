"""A database written before texts passed the model's door may hold control, bidirectional
or zero-width characters: opened now, they reach no screen raw, and references still hold."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import orjson

from pmtui.model.enums import CauseCategory, EventKind
from pmtui.model.postmortem import ActionItem, PostMortem, TimelineEvent, WhyChain
from pmtui.store import PostMortemStore
from pmtui.store.legacy_text import may_hold_unsafe_text

NOW = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)
ESCAPE_TITLE = "\x1b]2;PWNED\x07\x1b[2JEvil \u202eevil"


def _write_old_file(path: Path) -> None:
    """A clean post-mortem saved, then its texts poisoned as an older pmtui could have."""
    pm = PostMortem(
        "pm1",
        "Clean",
        created_at=NOW,
        updated_at=NOW,
        events=(TimelineEvent("e1", NOW, EventKind.START, "started"),),
        whys=(WhyChain("w1", "why?", ("cause",), True, CauseCategory.TESTING),),
        actions=(ActionItem("a1", "Add a canary", factor_id="w1"),),
    )
    with PostMortemStore.open(path) as store:
        store.create(pm)
    data = orjson.loads(path.read_bytes())
    (header,) = data["postmortems"].values()
    header["title"] = ESCAPE_TITLE
    header["owner"] = "\x1b[31mRed\u200b"
    header["summary"] = "line one\nline\ttwo \x9b2J"
    (event,) = data["events"].values()
    event["text"] = "started \x07"
    path.write_bytes(orjson.dumps(data))


def test_stored_control_characters_are_shown_as_escapes_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    _write_old_file(path)
    with PostMortemStore.open(path, read_only=True) as store:
        pm = store.load("pm1")
        (summary,) = store.summaries(date(2025, 3, 12))
    assert pm.title == "\\u001b]2;PWNED\\u0007\\u001b[2JEvil \\u202eevil"
    assert summary.title == pm.title
    assert pm.owner == "\\u001b[31mRed\\u200b"
    # A narrative's line breaks and tabs are the author's: kept.
    assert pm.summary == "line one\nline\ttwo \\u009b2J"
    assert pm.events[0].text == "started \\u0007"
    assert pm.actions[0].factor_id == "w1"


def test_saving_after_open_keeps_the_visible_form(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    _write_old_file(path)
    with PostMortemStore.open(path) as store:
        old = store.load("pm1")
        store.save(old.with_event(TimelineEvent("e2", NOW, EventKind.NOTE, "x")), old)
    raw = path.read_bytes()
    assert b"\\u001b" not in raw.replace(b"\\\\u001b", b"")  # no raw ESC left, only its escape
    assert not may_hold_unsafe_text(raw.replace(b"\\\\u", b""))


def test_a_clean_file_is_not_walked(tmp_path: Path) -> None:
    path = tmp_path / "clean.json"
    with PostMortemStore.open(path) as store:
        store.create(
            PostMortem("pm1", "Café ünïcode — “quotes” 🚀", created_at=NOW, updated_at=NOW)
        )
    assert not may_hold_unsafe_text(path.read_bytes())


def test_a_file_opened_again_without_a_write_still_shows_escapes(tmp_path: Path) -> None:
    # A writer that only looks leaves its summaries and the file's digest on close; that
    # digest vouches for checked records, never for text safe to show.
    path = tmp_path / "old.json"
    _write_old_file(path)
    for read_only in (False, False, True):
        with PostMortemStore.open(path, read_only=read_only) as store:
            assert store.load("pm1").title == "\\u001b]2;PWNED\\u0007\\u001b[2JEvil \\u202eevil"


def test_a_team_file_read_again_still_shows_escapes(tmp_path: Path) -> None:
    from pmtui.store import FolderStore
    from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes

    team = tmp_path / "team"
    team.mkdir()
    (team / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    with FolderStore.open(team) as store:
        store.create(PostMortem("pm1", "Clean", created_at=NOW, updated_at=NOW))
    path = team / "postmortems" / "pm1.pmtui"
    # A teammate's push: the file's digest was never noted by this user's pmtui.
    path.write_bytes(path.read_bytes().replace(b'"Clean"', b'"Cl\\u001b[2Jean"'))
    for read_only in (False, False, True):
        with FolderStore.open(team, read_only=read_only) as store:
            assert store.load("pm1").title == "Cl\\u001b[2Jean"
