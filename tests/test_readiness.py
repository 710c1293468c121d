"""Tests of the readiness checklist and waivers: what blocks publishing, how a finding is
waived with a reason, and that waivers are saved, exchanged and exported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.analysis.guides import RULES
from pmtui.analysis.readiness import CHECKLIST, CheckState, blocking_summary, readiness
from pmtui.export.json_export import export_json
from pmtui.export.markdown import export_markdown
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import Status
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem, Waiver
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from tests.guide_support import TODAY, clean_postmortem, with_action
from tests.test_export_markdown import lint

NOW = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)  # TODAY in Europe/Berlin


@pytest.fixture
def service(tmp_path: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(tmp_path / "pm.json") as store:
        yield PostMortemService(store, clock=lambda: NOW)


def stored(service: PostMortemService, pm: PostMortem) -> PostMortem:
    service.store.create(pm)
    return service.get(pm.id)


def unowned(pm: PostMortem | None = None) -> PostMortem:
    return with_action(pm or clean_postmortem(), owner="")


# The checklist ---------------------------------------------------------------------------------


def test_a_clean_postmortem_is_ready_and_every_item_passes() -> None:
    result = readiness(clean_postmortem(), today=TODAY)
    assert result.ready and result.open == () and result.waived == ()
    assert [item.state for item in result.items] == [CheckState.PASSED] * len(CHECKLIST)


def test_every_rule_is_on_the_checklist_once() -> None:
    listed = [rule for _, rules in CHECKLIST for rule in rules]
    assert sorted(listed) == sorted(RULES)


def test_a_blocking_finding_blocks_and_a_warning_does_not() -> None:
    result = readiness(unowned(), today=TODAY)
    assert not result.ready
    assert [f.rule for f in result.blocking] == ["missing-owner"]
    states = {item.label: item.state for item in result.items}
    assert states["Every open action item has an owner and a deadline"] is CheckState.BLOCKING
    vague = readiness(with_action(clean_postmortem(), text="Improve monitoring"), today=TODAY)
    assert vague.ready and [f.rule for f in vague.open] == ["vague-action"]
    concrete = next(item for item in vague.items if "concrete" in item.label)
    assert concrete.state is CheckState.WARNING


def test_a_waiver_accepts_its_finding_only() -> None:
    pm = replace(clean_postmortem(), summary="", impact="")
    waiver = Waiver("missing-section", "impact", "impact still being measured", "Dana", TODAY)
    result = readiness(replace(pm, waivers=(waiver,)), today=TODAY)
    assert [(f.rule, f.where) for f in result.blocking] == [("missing-section", "summary")]
    assert [(w.finding.where, w.waiver) for w in result.waived] == [("impact", waiver)]
    assert result.stale_waivers == ()


def test_a_waiver_whose_finding_went_away_is_stale() -> None:
    waiver = Waiver("missing-owner", "action_items[gone].owner", "x", "Dana", TODAY)
    result = readiness(replace(clean_postmortem(), waivers=(waiver,)), today=TODAY)
    assert result.ready and result.stale_waivers == (waiver,)


def test_blocking_summary_names_each_finding() -> None:
    findings = readiness(unowned(replace(clean_postmortem(), summary="")), today=TODAY).blocking
    assert blocking_summary(findings) == (
        "missing-section at summary and missing-owner at action_items[a1].owner"
    )
    assert blocking_summary(findings[:1]) == "missing-section at summary"
    assert blocking_summary(findings * 4, limit=2).endswith(" and 6 more")


# Publishing through the service ----------------------------------------------------------------


def test_publishing_is_refused_naming_the_blocking_findings(service: PostMortemService) -> None:
    pm = stored(service, unowned(replace(clean_postmortem(), summary="")))
    with pytest.raises(ValidationError) as refused:
        service.set_status(pm, "published")
    assert refused.value.where == "status"
    assert refused.value.message == (
        "cannot mark it published: 2 blocking findings are neither fixed nor waived: "
        "missing-section at Summary and missing-owner at "
        f"Action “{pm.action('a1').text[:39]}…” · owner"
    )
    assert service.get(pm.id).status is Status.DRAFT  # nothing saved


def test_update_and_closing_go_through_the_same_gate(service: PostMortemService) -> None:
    pm = stored(service, unowned())
    with pytest.raises(ValidationError, match="1 blocking finding is neither"):
        service.update(pm, status="published")
    with pytest.raises(ValidationError, match="cannot mark it closed"):
        service.update(pm, status="closed", title="Renamed")
    assert service.set_status(pm, "in-review").status is Status.IN_REVIEW


def test_fixing_or_waiving_lets_it_publish(service: PostMortemService) -> None:
    pm = stored(service, unowned(replace(clean_postmortem(), summary="")))
    pm = service.update(pm, summary="Cache flush sent reads to the database.")
    pm = service.waive(pm, "missing-owner", "action_items[a1].owner", "owner named on Monday")
    pm = service.set_status(pm, "published")
    assert service.get(pm.id).status is Status.PUBLISHED
    # Already published: a later status change is not checked again.
    assert service.set_status(pm, "closed").status is Status.CLOSED


def test_a_published_import_is_kept_as_published(service: PostMortemService) -> None:
    # Import moves a document; it does not re-run the gate on what another pmtui decided.
    document = postmortem_to_dict(replace(unowned(), status=Status.PUBLISHED))
    assert service.import_document(document).status is Status.PUBLISHED


# Waiving ---------------------------------------------------------------------------------------


def test_waive_records_reason_who_and_when(service: PostMortemService) -> None:
    pm = stored(service, unowned())
    pm = service.waive(pm, "missing-owner", "action_items[a1].owner", "  team decides Monday ")
    expected = Waiver(
        "missing-owner", "action_items[a1].owner", "team decides Monday", "Dana Kim", TODAY
    )
    assert pm.waivers == (expected,)
    assert service.get(pm.id).waivers == (expected,)  # saved
    again = service.waive(pm, "missing-owner", "action_items[a1].owner", "new reason", by="Ravi")
    assert [(w.reason, w.waived_by) for w in again.waivers] == [("new reason", "Ravi")]


@pytest.mark.parametrize(
    ("rule", "where", "reason", "message"),
    [
        ("missing-owner", "action_items[a1].owner", " ", "a reason for the waiver is required"),
        ("missing-owner", "action_items[a2].owner", "x", "no 'missing-owner' finding at"),
        ("blame-language", "action_items[a1].owner", "x", "no 'blame-language' finding"),
        ("", "summary", "x", "the rule is required"),
    ],
)
def test_waive_refuses_what_would_waive_nothing(
    service: PostMortemService, rule: str, where: str, reason: str, message: str
) -> None:
    pm = stored(service, unowned())
    with pytest.raises(ValidationError, match=message):
        service.waive(pm, rule, where, reason)
    assert service.get(pm.id).waivers == ()


def test_unwaive(service: PostMortemService) -> None:
    pm = stored(service, unowned())
    pm = service.waive(pm, "missing-owner", "action_items[a1].owner", "later")
    pm = service.unwaive(pm, "missing-owner", "action_items[a1].owner")
    assert service.get(pm.id).waivers == ()
    with pytest.raises(KeyError):
        service.unwaive(pm, "missing-owner", "action_items[a1].owner")


def test_the_service_review_uses_the_postmortems_today(service: PostMortemService) -> None:
    pm = stored(service, with_action(clean_postmortem(), due=date(2025, 6, 9)))
    assert [f.rule for f in service.findings(pm)] == ["overdue-action"]
    assert service.readiness(pm).ready


# Saved, exchanged, exported ------------------------------------------------------------------

WAIVER = Waiver("missing-owner", "action_items[a1].owner", "owner named Monday", "Dana Kim", TODAY)


def waived() -> PostMortem:
    return replace(unowned(), waivers=(WAIVER,))


def test_waivers_survive_the_store_and_a_file_without_them_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "pm.json"
    with PostMortemStore.open(path) as store:
        store.create(waived())
        store.create(replace(clean_postmortem(), id="plain"))
    with PostMortemStore.open(path, read_only=True) as store:
        assert store.load("clean-pm").waivers == (WAIVER,)
        assert store.load("plain").waivers == ()
    raw = orjson.loads(path.read_bytes())
    headers = list(raw["postmortems"].values())
    assert [h.get("waivers") for h in headers] == [
        [
            {
                "rule": "missing-owner",
                "where": "action_items[a1].owner",
                "reason": "owner named Monday",
                "waived_by": "Dana Kim",
                "waived_on": "2025-06-10",
            }
        ],
        [],
    ]
    # A file written before waivers existed has no such key.
    for header in raw["postmortems"].values():
        del header["waivers"]
    path.write_bytes(orjson.dumps(raw))
    with PostMortemStore.open(path, read_only=True) as store:
        assert store.load("clean-pm").waivers == ()


def test_waivers_in_the_interchange_come_after_the_lists() -> None:
    document = orjson.loads(export_json(waived()))
    assert list(document)[-3:] == ["action_items", "waivers", "metrics"]
    assert postmortem_from_dict(document).waivers == (WAIVER,)
    assert "waivers" not in postmortem_to_dict(clean_postmortem())


def test_reading_waivers() -> None:
    document = postmortem_to_dict(clean_postmortem())
    document["waivers"] = [
        {"rule": "no-actions", "where": "action_items", "reason": "first"},
        {"rule": "no-actions", "where": "action_items", "reason": "second", "waived_by": "Lee"},
    ]
    (read,) = postmortem_from_dict(document, now=NOW).waivers
    # A later waiver for the same finding replaces the earlier; the date defaults to today.
    assert read == Waiver("no-actions", "action_items", "second", "Lee", TODAY)
    document["waivers"] = [{"rule": "no-actions", "where": "action_items"}]
    with pytest.raises(ValidationError, match=r"waivers\[0\]\.reason: a reason is required"):
        postmortem_from_dict(document)
    document["waivers"] = [{"rule": "x", "where": "y", "reason": "z", "waived_on": "soon"}]
    with pytest.raises(ValidationError, match=r"waivers\[0\]\.waived_on"):
        postmortem_from_dict(document)


def test_the_full_markdown_lists_waived_checks_and_the_others_do_not() -> None:
    markdown = export_markdown(waived(), "full", today=TODAY)
    # The place in the panes' words, never the internal path (action_items[a1].owner).
    assert markdown.endswith(
        "## Waived checks\n\n- Missing owner at Action “Make the config validator refuse a "
        "cache namespace change unless the change carries the flag allow-full-flush.” · owner: "
        "owner named Monday (waived by Dana Kim on 2025-06-10)\n"
    )
    assert lint(markdown) == []
    assert "Waived checks" not in export_markdown(unowned(), "full", today=TODAY)
    for template in ("light", "customer"):
        assert "Waived" not in export_markdown(waived(), template, today=TODAY)


def test_hostile_waiver_text_cannot_break_the_document() -> None:
    hostile = "# not a heading\n- not a list | pipe `tick` <b>x</b> *star*"
    waiver = Waiver(WAIVER.rule, WAIVER.where, hostile, hostile, TODAY)
    markdown = export_markdown(replace(unowned(), waivers=(waiver,)), "full", today=TODAY)
    assert lint(markdown) == []
    section = markdown.split("## Waived checks\n\n", 1)[1]
    assert section.count("\n") == 1 and section.startswith("- Missing owner at Action")
    # Mid-line a "#" or "-" starts nothing; the line break is folded into " / ".
    assert ": # not a heading / - not a list" in section and "(waived by # not a" in section
    assert "<b>" not in section


def test_a_waiver_whose_finding_is_gone_is_not_exported() -> None:
    # Rewritten after it was waived: Checks lists it as no longer found, the document not at all.
    stale = Waiver("blame-language", "whys[w1].answers[0]", "quoted from the chat", "", TODAY)
    markdown = export_markdown(replace(waived(), waivers=(WAIVER, stale)), "full", today=TODAY)
    section = markdown.split("## Waived checks\n\n", 1)[1]
    assert section.count("\n") == 1 and "blame-language" not in section
    assert "Waived checks" not in export_markdown(
        replace(unowned(), owner="x", waivers=(stale,)), "full", today=TODAY
    )


# Waivers written before two findings became one ------------------------------------------------


def _waiver(rule: str, where: str) -> Waiver:
    return Waiver(rule, where, "agreed in the review", "Dana", TODAY)


def test_an_old_waiver_of_the_owner_still_applies_and_the_deadline_stays_open() -> None:
    bare = with_action(clean_postmortem(), owner="", due=None)
    owner = _waiver("missing-owner", "action_items[a1].owner")
    result = readiness(replace(bare, waivers=(owner,)), today=TODAY)
    assert [(f.rule, f.where) for f in result.open] == [
        ("missing-deadline", "action_items[a1].due")
    ]
    assert [(w.finding.where, w.waiver) for w in result.waived] == [
        ("action_items[a1].owner", owner)
    ]
    assert result.stale_waivers == ()


def test_old_waivers_of_both_parts_waive_the_item_and_none_is_stale() -> None:
    bare = with_action(clean_postmortem(), owner="", due=None)
    both = (
        _waiver("missing-owner", "action_items[a1].owner"),
        _waiver("missing-deadline", "action_items[a1].due"),
    )
    result = readiness(replace(bare, waivers=both), today=TODAY)
    assert result.open == () and result.ready
    assert len(result.waived) == 2 and result.stale_waivers == ()


def test_the_one_finding_of_an_item_without_owner_and_deadline_can_be_waived(
    service: PostMortemService,
) -> None:
    pm = stored(service, with_action(clean_postmortem(), owner="", due=None))
    pm = service.waive(pm, "missing-owner", "action_items[a1]", "owner and date on Monday")
    result = service.readiness(pm)
    assert result.open == () and result.ready and result.stale_waivers == ()


def test_an_old_milestone_order_waiver_of_an_early_detection_is_not_stale() -> None:
    from pmtui.model.enums import EventKind
    from tests.test_guides import event, with_events  # the timeline builders

    pm = with_events(
        event("d", 0, EventKind.DETECTED),
        event("s", 25, EventKind.START),
        event("m", 40, EventKind.MITIGATED),
    )
    old = _waiver("milestone-order", "timeline.start-detected")
    result = readiness(replace(pm, waivers=(old,)), today=TODAY)
    assert result.stale_waivers == () and result.open == ()
    assert [(w.finding.rule, w.waiver) for w in result.waived] == [("early-detection", old)]


def test_a_note_alone_leaves_its_checklist_item_passed() -> None:
    from pmtui.model.enums import EventKind
    from tests.test_guides import event, with_events

    pm = with_events(
        event("d", 0, EventKind.DETECTED),
        event("s", 25, EventKind.START),
        event("m", 40, EventKind.MITIGATED),
    )
    result = readiness(pm, today=TODAY)
    assert [f.rule for f in result.open] == ["early-detection"] and result.to_fix == ()
    timeline = next(item for item in result.items if "timeline" in item.label)
    assert timeline.state is CheckState.PASSED
