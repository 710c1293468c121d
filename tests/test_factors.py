"""Contributing factors and verified actions in the core: reading old files as factors, the
pmtui/1 form, the store, the service's commands with their undo labels, and the blame guide."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pmtui.analysis.blame import blame_findings
from pmtui.history import describe
from pmtui.model.codec import FORMAT_MINOR, postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import CauseCategory
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

NOW = datetime(2025, 3, 20, 9, 0, tzinfo=UTC)


def old_document() -> dict[str, Any]:
    """A pmtui/1 document as a pmtui from before factors wrote it."""
    return {
        "format": "pmtui/1",
        "id": "old00001",
        "title": "Certificate expired",
        "timezone": "UTC",
        "incident_date": "2025-03-11",
        "timeline": [
            {"id": "e1", "at": "2025-03-11T09:00:00Z", "kind": "start", "text": "Expired"},
            {"id": "e2", "at": "2025-03-11T09:12:00Z", "kind": "detected", "text": "Paged"},
        ],
        "whys": [
            {
                "id": "w1",
                "problem": "The certificate expired",
                "answers": ["Renewal failed silently"],
                "root_cause": True,
                "category": "monitoring",
            },
            {"id": "w2", "problem": "Paging took 12 minutes", "answers": []},
        ],
        "action_items": [
            {"id": "a1", "text": "Alert on failed renewal", "cause": "w1"},
            {"id": "a2", "text": "Page sooner", "cause": 1},
            {"id": "a3", "text": "Write the runbook"},
        ],
    }


def load(document: dict[str, Any]) -> PostMortem:
    return postmortem_from_dict(document, now=NOW)


# Reading old files -------------------------------------------------------------------------


def test_an_old_document_reads_each_chain_as_a_factor_with_its_chain() -> None:
    pm = load(old_document())
    assert [(f.id, f.title, f.category, f.chain_id) for f in pm.factors] == [
        ("w1", "The certificate expired", CauseCategory.MONITORING, "w1"),
        ("w2", "Paging took 12 minutes", None, "w2"),
    ]
    assert [a.factor_id for a in pm.actions] == ["w1", "w2", ""]
    assert [c.id for c in pm.whys] == ["w1", "w2"]  # the chains themselves are kept whole


def test_an_old_document_keeps_everything_when_written_again() -> None:
    document = postmortem_to_dict(load(old_document()))
    assert document["format"] == "pmtui/1" and document["format_minor"] == FORMAT_MINOR
    assert [f["chain"] for f in document["factors"]] == ["w1", "w2"]
    assert [a["factor"] for a in document["action_items"]] == ["w1", "w2", ""]
    assert all("cause" not in a for a in document["action_items"])
    assert postmortem_to_dict(load(json.loads(json.dumps(document)))) == document


def test_an_old_database_file_opens_with_factors(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    # The tables as a pmtui from before factors wrote them: no factors in the header, and
    # actions that name their why chain under "cause".
    header = postmortem_to_dict(load(old_document()))
    for key in ("format", "format_minor", "timeline", "whys", "action_items", "factors"):
        header.pop(key)
    actions = [
        {"pm": "old00001", "id": "a1", "text": "Alert on failed renewal", "cause": "w1"},
        {"pm": "old00001", "id": "a3", "text": "Write the runbook", "cause": ""},
    ]
    tables = {
        "meta": {"1": {"app": "pmtui", "schema": 1}},
        "postmortems": {"1": header},
        "events": {},
        "whys": {
            "1": {
                "pm": "old00001",
                "id": "w1",
                "problem": "The certificate expired",
                "answers": ["Renewal failed silently"],
                "root_cause": True,
                "category": "monitoring",
                "branched_from": "",
            },
        },
        "actions": {str(n): doc for n, doc in enumerate(actions, 1)},
    }
    path.write_text(json.dumps(tables), encoding="utf-8")
    with PostMortemStore.open(path, read_only=True) as store:
        pm = store.load("old00001")
    assert [(f.id, f.chain_id) for f in pm.factors] == [("w1", "w1")]
    assert pm.action("a1").factor_id == "w1"


# The pmtui/1 form --------------------------------------------------------------------------


def new_document() -> dict[str, Any]:
    document = old_document()
    for action in document["action_items"]:
        action.pop("cause", None)
    document["factors"] = [
        {
            "id": "f1",
            "title": "Renewal failures raise no alert",
            "category": "monitoring",
            "events": ["e2", "e1"],
            "made_sense": "Renewal had never failed in two years",
            "chain": "w1",
        },
        {"id": "f2", "title": "Warnings go to a busy channel"},
    ]
    document["action_items"][0]["factor"] = "f1"
    document["action_items"][1]["factor"] = 1
    document["action_items"][0].update(
        status="done", verified_on="2025-03-19", verified_how="A drill renewal failure paged"
    )
    return document


def test_a_document_with_factors_reads_every_field() -> None:
    pm = load(new_document())
    first, second = pm.factors
    assert first.event_ids == ("e2", "e1") and first.made_sense.startswith("Renewal had")
    assert first.chain_id == "w1" and second.chain_id == "" and second.category is None
    assert [a.factor_id for a in pm.actions] == ["f1", "f2", ""]
    assert pm.action("a1").verified_on == date(2025, 3, 19)
    assert pm.action("a1").verified_how == "A drill renewal failure paged"
    assert pm.factor_statement(first) == "Renewal failed silently"  # its chain's root cause
    assert pm.factor_statement(second) == "Warnings go to a busy channel"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["factors"][0].update(events=["nope"]), "factors[0].events[0]"),
        (lambda d: d["factors"][0].update(chain="nope"), "factors[0].chain"),
        (lambda d: d["factors"][1].update(chain="w1"), "factors[1].chain"),
        (lambda d: d["factors"][1].update(title=" "), "factors[1].title"),
        (lambda d: d["factors"][1].update(category="blame"), "factors[1].category"),
        (lambda d: d["action_items"][2].update(factor="nope"), "action_items[2].factor"),
        (lambda d: d["action_items"][2].update(factor=7), "action_items[2].factor"),
        (lambda d: d["action_items"][2].update(verified_how="x"), "action_items[2].verified_on"),
        (lambda d: d["action_items"][2].update(verified_on="soon"), "action_items[2].verified_on"),
    ],
)
def test_a_bad_factor_or_verification_is_refused_by_name(change: Any, where: str) -> None:
    document = new_document()
    change(document)
    with pytest.raises(ValidationError) as error:
        load(document)
    assert error.value.where == where


# The service -------------------------------------------------------------------------------


def clock() -> datetime:
    return NOW


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "postmortems.json"


@pytest.fixture
def service(db: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(db) as store:
        yield PostMortemService(store, clock=clock)


def on_disk(db: Path, pm_id: str) -> PostMortem:
    with PostMortemStore.open(db, read_only=True) as reader:
        return reader.load(pm_id)


@pytest.fixture
def pm(service: PostMortemService) -> PostMortem:
    return service.import_document(old_document())


def test_a_factor_is_added_edited_and_saved(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    pm, factor = service.add_factor(pm, title="  Warnings go to a busy channel ")
    assert factor.title == "Warnings go to a busy channel"
    assert factor.id not in {c.id for c in pm.whys}  # never taken for a chain's factor
    pm = service.edit_factor(
        pm,
        factor.id,
        category="communication",
        made_sense="The channel\nhad always been noisy",
        event_ids=["e2", "e1"],
    )
    saved = on_disk(db, pm.id).factor(factor.id)
    assert saved.category is CauseCategory.COMMUNICATION
    assert saved.made_sense == "The channel had always been noisy"  # one line
    assert saved.event_ids == ("e1", "e2")  # in time order, whatever order they were picked in


def test_a_factors_kind_corrected_corrects_the_root_cause_that_named_the_same_kind(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    """Mock meeting 10: the factor was changed to documentation and its concluded chain
    still showed "Root cause · dependency" (the picker's first match) beside it."""
    assert pm.factor("w1").category is CauseCategory.MONITORING  # as its root cause
    pm = service.edit_factor(pm, "w1", category="documentation")
    saved = on_disk(db, pm.id)
    assert saved.factor("w1").category is CauseCategory.DOCUMENTATION
    assert saved.why_chain("w1").category is CauseCategory.DOCUMENTATION
    # A root cause that named another kind on purpose is left as it is.
    pm = service.mark_root_cause(pm, "w1", "process")
    pm = service.edit_factor(pm, "w1", category="testing")
    assert on_disk(db, pm.id).why_chain("w1").category is CauseCategory.PROCESS


def test_a_factor_refuses_an_empty_title_an_unknown_event_or_field(
    service: PostMortemService, pm: PostMortem
) -> None:
    with pytest.raises(ValidationError) as error:
        service.add_factor(pm, title=" ")
    assert error.value.where == "title"
    with pytest.raises(ValidationError) as error:
        service.edit_factor(pm, "w1", event_ids=["e9"])
    assert error.value.where == "events"
    with pytest.raises(ValidationError) as error:
        service.edit_factor(pm, "w1", blame="Dana")
    assert error.value.where == "blame"


def test_linking_an_event_twice_unlinks_it(service: PostMortemService, pm: PostMortem) -> None:
    pm = service.toggle_factor_event(pm, "w1", "e2")
    assert pm.factor("w1").event_ids == ("e2",)
    change = describe(service.toggle_factor_event(pm, "w1", "e1"), pm)
    assert change.place == "factors[w1].events"
    pm = service.toggle_factor_event(pm, "w1", "e2")
    assert pm.factor("w1").event_ids == ()


def test_a_link_to_a_missing_event_does_not_block_linking_others(
    service: PostMortemService, pm: PostMortem
) -> None:
    # As a hand-edited file can hold it: the factor names an event that is not there.
    broken = replace(pm, factors=(replace(pm.factor("w1"), event_ids=("gone",)), pm.factors[1]))
    linked = service.toggle_factor_event(broken, "w1", "e1")
    assert linked.factor("w1").event_ids == ("e1",)


def test_deleting_an_event_unlinks_it_from_every_factor(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    pm = service.toggle_factor_event(pm, "w1", "e2")
    pm, _ = service.delete_event(pm, "e2")
    assert on_disk(db, pm.id).factor("w1").event_ids == ()


def test_deleting_a_factor_takes_its_chain_and_unlinks_its_actions(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    before = pm
    pm, _ = service.delete_factor(pm, "w1")
    saved = on_disk(db, pm.id)
    assert [f.id for f in saved.factors] == ["w2"] and [c.id for c in saved.whys] == ["w2"]
    assert saved.action("a1").factor_id == "" and saved.action("a1").text
    assert describe(before, pm).label == "delete factor 'The certificate expired'"
    pm = service.revert(pm, before)
    assert on_disk(db, pm.id).action("a1").factor_id == "w1"


def test_drilling_into_a_factor_starts_its_chain_once(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    pm, factor = service.add_factor(pm, title="Warnings go to a busy channel")
    pm, chain = service.drill_factor(pm, factor.id)
    assert chain.problem == "Warnings go to a busy channel"
    assert on_disk(db, pm.id).factor(factor.id).chain_id == chain.id
    again, same = service.drill_factor(pm, factor.id)
    assert same == chain and again is pm
    pm = service.answer_why(pm, chain.id, "Every alert shares one channel")
    pm = service.mark_root_cause(pm, chain.id, "communication")
    # The chain's conclusion names the factor's category when nobody had.
    assert on_disk(db, pm.id).factor(factor.id).category is CauseCategory.COMMUNICATION


def test_a_new_chain_comes_with_its_factor(service: PostMortemService, pm: PostMortem) -> None:
    pm, chain = service.add_why_chain(pm, "Rollback took 20 minutes")
    assert pm.factor(chain.id).chain_id == chain.id
    assert pm.factor(chain.id).title == "Rollback took 20 minutes"


def test_an_action_links_to_a_factor(service: PostMortemService, pm: PostMortem) -> None:
    pm, action = service.add_action(pm, text="Move warnings", owner="sre", due="+1w")
    pm = service.edit_action(pm, action.id, factor_id="w2")
    assert pm.action(action.id).factor_id == "w2"
    with pytest.raises(ValidationError) as error:
        service.edit_action(pm, action.id, factor_id="w1x")
    assert error.value.where == "factor_id"


# Verifying an action ------------------------------------------------------------------------


def test_a_done_action_is_verified_with_how_and_when(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    pm = service.edit_action(pm, "a1", status="done")
    pm = service.verify_action(pm, "a1", "A drill renewal failure paged within 5 minutes")
    saved = on_disk(db, pm.id).action("a1")
    assert saved.verified_on == NOW.date() and saved.is_verified
    assert saved.verified_how == "A drill renewal failure paged within 5 minutes"
    pm = service.verify_action(pm, "a1", "Checked again", on=NOW.date().isoformat())
    assert on_disk(db, pm.id).action("a1").verified_how == "Checked again"


def test_a_check_cannot_predate_the_work_it_checks(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    """Mock 36a: "done on 2026-12-07, verified on 2026-12-05" was saved and exported."""
    pm = service.edit_action(pm, "a1", status="done")
    with pytest.raises(ValidationError, match="after the work") as error:
        service.verify_action(pm, "a1", "It paged", on=(NOW.date() - timedelta(days=2)).isoformat())
    assert error.value.where == "verified_on"
    assert str(NOW.date()) in str(error.value)
    assert not on_disk(db, pm.id).action("a1").is_verified


def test_verifying_needs_a_done_action_a_how_and_no_future_date(
    service: PostMortemService, pm: PostMortem
) -> None:
    with pytest.raises(ValidationError, match="only a done action"):
        service.verify_action(pm, "a1", "It paged")
    pm = service.edit_action(pm, "a1", status="done")
    with pytest.raises(ValidationError) as error:
        service.verify_action(pm, "a1", " ")
    assert error.value.where == "verified_how"
    with pytest.raises(ValidationError) as error:
        service.verify_action(pm, "a1", "It paged", on="tomorrow")
    assert error.value.where == "verified_on"


def test_reopening_a_verified_action_clears_the_verification(
    service: PostMortemService, pm: PostMortem, db: Path
) -> None:
    pm = service.edit_action(pm, "a1", status="done")
    pm = service.verify_action(pm, "a1", "It paged in a drill")
    pm = service.edit_action(pm, "a1", status="open")
    saved = on_disk(db, pm.id).action("a1")
    assert saved.verified_on is None and saved.verified_how == ""


# The blame guide ------------------------------------------------------------------------------


def test_the_blame_guide_reads_factor_titles_notes_and_verifications(
    service: PostMortemService, pm: PostMortem
) -> None:
    pm, factor = service.add_factor(pm, title="The on-call engineer failed to notice the warning")
    pm = service.edit_factor(pm, factor.id, made_sense="Dana should have checked the channel")
    pm = service.edit_action(pm, "a1", status="done")
    pm = service.verify_action(pm, "a1", "Human error is now impossible")
    places = {finding.where for finding in blame_findings(replace(pm, owner="Dana"))}
    assert f"factors[{factor.id}].title" in places
    assert f"factors[{factor.id}].made_sense" in places
    assert "action_items[a1].verified_how" in places


def test_linked_event_times_say_each_day_once_and_shorten_a_long_list() -> None:
    from zoneinfo import ZoneInfo

    from pmtui.model.times import format_instants, format_span

    berlin = ZoneInfo("Europe/Berlin")
    moments = [
        datetime(2025, 3, 4, 7, 41, tzinfo=UTC),
        datetime(2025, 3, 3, 9, 5, tzinfo=UTC),
        datetime(2025, 3, 4, 8, 2, tzinfo=UTC),
    ]
    assert format_instants(moments, berlin) == "2025-03-03 10:05, 2025-03-04 08:41, 09:02"
    assert format_span(moments, berlin) == "3 events: 2025-03-03 10:05 … 2025-03-04 09:02"
    assert format_span(moments[:1], berlin) == "1 event: 2025-03-04 08:41"
    assert format_span([], berlin) == ""


def test_a_chain_drilling_a_blaming_factor_is_one_finding_not_two(
    service: PostMortemService, pm: PostMortem
) -> None:
    """Mock review 28a: the factor's title and its chain's problem (the same words) were two
    blocking findings for one sentence."""
    title = "The on-call engineer failed to notice the warning"
    pm, factor = service.add_factor(pm, title=title)
    pm, chain = service.drill_factor(pm, factor.id)
    places = [f.where for f in blame_findings(pm)]
    assert places.count(f"factors[{factor.id}].title") == 1
    assert f"whys[{chain.id}].problem" not in places
    # Reworded apart, the chain's problem is a text of its own again.
    pm = service.edit_why(pm, chain.id, problem="Dana failed to notice the warning")
    assert f"whys[{chain.id}].problem" in {f.where for f in blame_findings(pm)}


@pytest.mark.parametrize("typed", ["2026-12-01", "yesterday", "-3d"])
def test_a_day_typed_as_the_evidence_is_refused(
    service: PostMortemService, pm: PostMortem, db: Path, typed: str
) -> None:
    """Mock 37a: a date typed one field early, in "how we know it worked", marked the item
    verified with the date as its evidence."""
    pm = service.edit_action(pm, "a1", status="done")
    with pytest.raises(ValidationError, match="the day goes in Checked on") as error:
        service.verify_action(pm, "a1", typed)
    assert error.value.where == "verified_how"
    assert not on_disk(db, pm.id).action("a1").is_verified
    pm = service.verify_action(pm, "a1", "Drill on 2026-12-01 paged in 2 min")
    assert on_disk(db, pm.id).action("a1").is_verified
