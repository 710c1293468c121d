"""The `pmtui check ID [--json]` contract: findings printed, exit 0 when there are none and 1
when there are, a JSON shape for scripts, one-line errors, and read-only use."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from pmtui.model.postmortem import PostMortem, Waiver
from pmtui.store import PostMortemStore
from tests.guide_support import at, clean_postmortem, with_action
from tests.test_cli import HOLDER, assert_one_line_error, snapshot

FINDING_KEYS = {"rule", "severity", "where", "message", "hint"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pm.json"


def seed(db: Path, *pms: PostMortem) -> None:
    with PostMortemStore.open(db) as store:
        for pm in pms:
            store.create(pm)


def clean() -> PostMortem:
    # The CLI reads the real clock, so the deadline is counted from the real today.
    return clean_postmortem(today=date.today())


def broken() -> PostMortem:
    pm = with_action(clean(), owner="", text="Improve monitoring")
    return replace(pm, id="broken-pm", summary="Dana forgot to warm the cache.")


def test_no_findings_exits_0(run_cli, db: Path) -> None:
    seed(db, clean())
    result = run_cli("check", "clean-pm", "--db", db)
    assert result.code == 0, result
    assert result.err == ""
    assert result.out == (
        "clean-pm  Checkout latency after the cache flush\nNo findings. Ready to publish.\n"
    )


def test_findings_exit_1_blocking_first_each_with_its_hint(run_cli, db: Path) -> None:
    seed(db, broken())
    result = run_cli("check", "broken", "--db", db)  # a unique prefix is enough
    assert result.code == 1
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "broken-pm  Checkout latency after the cache flush"
    assert lines[1] == (
        "blocking blame-language at summary: 'Dana forgot' puts a person at the centre of the "
        "failure"
    )
    # The slip names its subject, one of the post-mortem's people.
    assert lines[2].startswith("  hint: This makes Dana the subject of the failure")
    assert "Forgetting is normal." in lines[2]
    assert lines[3].startswith("blocking missing-owner at action_items[a1].owner: ")
    assert lines[5].startswith("warning vague-action at action_items[a1].text: ")
    assert lines[-1] == "3 findings (2 blocking). Not ready to publish."


def test_only_warnings_still_exit_1_but_are_ready(run_cli, db: Path) -> None:
    seed(db, with_action(clean(), text="Improve monitoring"))
    result = run_cli("check", "clean-pm", "--db", db)
    assert result.code == 1
    assert result.out.endswith("1 finding (0 blocking). Ready to publish.\n")


def test_json_shape(run_cli, db: Path) -> None:
    seed(db, broken())
    result = run_cli("check", "broken-pm", "--json", "--db", db)
    assert result.code == 1
    assert result.err == ""
    document = orjson.loads(result.out)
    assert document["id"] == "broken-pm" and document["ready"] is False
    assert [f["rule"] for f in document["findings"]] == [
        "blame-language",
        "missing-owner",
        "vague-action",
    ]
    for finding in document["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in ("blocking", "warning", "info")
        assert all(isinstance(value, str) and value for value in finding.values())
    assert document["waived"] == []


def test_json_without_findings(run_cli, db: Path) -> None:
    seed(db, clean())
    result = run_cli("check", "clean-pm", "--json", "--db", db)
    assert result.code == 0
    assert orjson.loads(result.out)["findings"] == []


def test_waived_findings_do_not_count(run_cli, db: Path) -> None:
    where = "action_items[a1].owner"
    waiver = Waiver("missing-owner", where, "named on Monday", "Dana", date.today())
    seed(db, replace(with_action(clean(), owner=""), waivers=(waiver,)))
    human = run_cli("check", "clean-pm", "--db", db)
    assert human.code == 0
    assert human.out.endswith("No findings; 1 waived. Ready to publish.\n")
    document = orjson.loads(run_cli("check", "clean-pm", "--json", "--db", db).out)
    assert document["findings"] == []
    (listed,) = document["waived"]
    assert set(listed) == FINDING_KEYS | {"reason", "waived_by", "waived_on"}
    assert (listed["rule"], listed["reason"]) == ("missing-owner", "named on Monday")


def test_unknown_id_is_a_one_line_error(run_cli, db: Path) -> None:
    seed(db, clean())
    assert_one_line_error(run_cli("check", "nope", "--db", db), "no post-mortem with id 'nope'")
    assert_one_line_error(run_cli("check", "nope", "--json", "--db", db), "'nope'")


def test_usage_errors_exit_2(run_cli, db: Path) -> None:
    assert run_cli("check", "--db", db).code == 2
    assert run_cli("check", "x", "--yaml", "--db", db).code == 2


@pytest.fixture
def held(db: Path) -> Iterator[None]:
    """Another process holds `db` open for writing while the test runs."""
    seed(db, broken())
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "ready\n"
        yield
    finally:
        holder.communicate("\n", timeout=30)


def test_check_is_read_only_and_works_while_another_pmtui_writes(
    run_pmtui, db: Path, held: None
) -> None:
    before = snapshot(db)
    result = run_pmtui("check", "broken-pm", "--json", "--db", db)
    assert result.code == 1, result
    assert "Traceback" not in result.err and result.err == ""
    assert len(orjson.loads(result.out)["findings"]) == 3
    assert snapshot(db) == before


def test_demo_sample_is_checked_in_a_real_process(run_pmtui) -> None:
    result = run_pmtui("check", "pm-2025-03-19-api-tls", "--demo")
    # The sample's open items are past their 2025 deadlines by now: warnings, not blocking.
    assert result.code == 1, result
    assert result.out.splitlines()[-1].endswith("(0 blocking). Ready to publish.")


def test_an_item_without_owner_and_deadline_is_one_finding(run_cli, db: Path) -> None:
    seed(db, with_action(clean(), owner="", due=None))
    result = run_cli("check", "clean-pm", "--db", db)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[1].startswith("blocking missing-owner at action_items[a1]: ")
    assert lines[1].endswith("has no owner and no deadline")
    assert lines[-1] == "1 finding (1 blocking). Not ready to publish."


def test_an_early_detection_is_a_note_and_check_still_exits_0(run_cli, db: Path) -> None:
    pm = clean()
    # The config change was caught by the canary 10 minutes before customers saw anything.
    events = tuple(replace(e, at=at(-10)) if e.id == "e2" else e for e in pm.events)
    seed(db, replace(pm, events=events))
    result = run_cli("check", "clean-pm", "--db", db)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[1].startswith("note early-detection at timeline.start-detected: detected ")
    assert lines[-1] == "No findings; 1 note. Ready to publish."
    document = orjson.loads(run_cli("check", "clean-pm", "--json", "--db", db).out)
    assert [f["severity"] for f in document["findings"]] == ["info"]
