"""A post-mortem linked as a repeat of another: the pmtui/1 "repeat" flag (old files still
load), the typed "Repeat of:" line, the export's "Repeat of: ..." and `pmtui set ID repeat_of
OTHER` through the real CLI."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.export.markdown import export_markdown
from pmtui.model import PostMortem, RelatedIncident
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.errors import ValidationError
from pmtui.model.related import related_from_text, related_to_text
from pmtui.store import PostMortemStore
from tests.conftest import CliResult, RunCli
from tests.test_cli import assert_one_line_error

REPEAT = RelatedIncident("3fa2c1d0 Certificate expired on login", repeat=True)
PLAIN = RelatedIncident("INC-7", "https://wiki.example/7")


def pm_with(*related: RelatedIncident) -> PostMortem:
    stamp = datetime(2025, 3, 11, tzinfo=UTC)
    return PostMortem(
        id="pm1", title="Checkout down", related=related, created_at=stamp, updated_at=stamp
    )


def test_the_repeat_flag_round_trips_and_files_without_it_read_as_plain_links() -> None:
    pm = pm_with(REPEAT, PLAIN)
    data = postmortem_to_dict(pm)
    assert data["related_incidents"] == [
        {"title": REPEAT.title, "url": "", "repeat": True},
        {"title": "INC-7", "url": "https://wiki.example/7"},  # as before the flag existed
    ]
    assert postmortem_from_dict(data) == pm
    old = postmortem_from_dict({"title": "t", "related_incidents": [{"title": "INC-7"}]})
    assert old.related == (RelatedIncident("INC-7"),)
    with pytest.raises(ValidationError, match=r"related_incidents\[0\]\.repeat"):
        postmortem_from_dict({"title": "t", "related_incidents": [{"title": "x", "repeat": 1}]})


def test_the_store_keeps_the_repeat_flag(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with PostMortemStore.open(path) as store:
        store.create(pm_with(REPEAT))
        store.save(pm_with(REPEAT, PLAIN), pm_with(REPEAT))
    with PostMortemStore.open(path, read_only=True) as store:
        assert store.load("pm1").related == (REPEAT, PLAIN)


def test_a_typed_repeat_of_line_reads_back_to_the_same_links() -> None:
    typed = "repeat of: 3fa2c1d0 Certificate expired on login\nINC-7 https://wiki.example/7"
    assert related_from_text(typed) == (REPEAT, PLAIN)
    assert related_to_text((REPEAT, PLAIN)) == (
        "Repeat of: 3fa2c1d0 Certificate expired on login\nINC-7 https://wiki.example/7"
    )
    assert related_from_text("Repeat of:\n-") == ()  # nothing named: nothing linked


def test_the_export_says_repeat_of_in_related_incidents() -> None:
    markdown = export_markdown(pm_with(REPEAT, PLAIN), "full")
    section = markdown.split("## Related incidents\n\n", 1)[1]
    assert section.startswith(
        "- Repeat of: 3fa2c1d0 Certificate expired on login\n- INC-7: <https://wiki.example/7>\n"
    )


def ok(result: CliResult) -> str:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result.out


def test_pmtui_set_repeat_of_links_a_repeat_once(run_cli: RunCli, tmp_path: Path) -> None:
    db = ("--db", tmp_path / "db.json")
    old = ok(run_cli(*db, "new", "Certificate expired on login", "--date", "2023-01-01"))
    new = ok(run_cli(*db, "new", "Certificate expired on checkout", "--date", "2024-01-01"))
    old, new = old.strip(), new.strip()
    assert ok(run_cli(*db, "set", new, "repeat_of", old[:6])) == f"{new}: repeat_of changed\n"
    assert ok(run_cli(*db, "set", new, "repeat_of", old)) == f"{new}: repeat_of unchanged\n"
    markdown = ok(run_cli(*db, "export", new))
    assert f"- Repeat of: {old} Certificate expired on login (2023-01-01)\n" in markdown
    document = orjson.loads(ok(run_cli(*db, "export", new, "--format", "json")))
    assert document["related_incidents"] == [
        {"title": f"{old} Certificate expired on login (2023-01-01)", "url": "", "repeat": True}
    ]
    assert_one_line_error(run_cli(*db, "set", new, "repeat_of", new), "repeat of itself")
    assert_one_line_error(run_cli(*db, "set", new, "repeat_of", "nope"), "no post-mortem")


def test_pmtui_set_related_incidents_takes_the_typed_lines(
    run_pmtui: RunCli, tmp_path: Path
) -> None:
    db = ("--db", tmp_path / "db.json")
    pm_id = ok(run_pmtui(*db, "new", "Checkout down")).strip()
    typed = "Repeat of: INC-1 Login down\nINC-2 https://wiki.example/2\n"
    ok(run_pmtui(*db, "set", pm_id, "related_incidents", "-", stdin=typed))
    document = orjson.loads(ok(run_pmtui(*db, "export", pm_id, "--format", "json")))
    assert list(postmortem_from_dict(document).related) == [
        RelatedIncident("INC-1 Login down", repeat=True),
        RelatedIncident("INC-2", "https://wiki.example/2"),
    ]
