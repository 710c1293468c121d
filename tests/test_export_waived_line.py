"""The published document never cuts the team's words (mock meeting 18a): the "Waived checks"
line names an action, a factor, an event or a why answer whole, in every format and in the
preview, and an action item's empty cells all read "—"."""

from __future__ import annotations

from dataclasses import replace

from pmtui.analysis.places import place_label
from pmtui.export.html import export_html
from pmtui.export.markdown import export_markdown
from pmtui.export.markdown_escape import MISSING
from pmtui.model import ActionItem, Priority
from pmtui.model.postmortem import Attachment, PostMortem, Waiver
from pmtui.ui.widgets.document_preview import build_preview
from tests.guide_support import TODAY, clean_postmortem, with_action
from tests.test_export_markdown import lint

LONG_ACTION = (
    "Review thread-per-connection designs in every edge proxy and move the ones that "
    "hold a thread per idle client to the event loop"
)
LONG_EVENT = (
    "The synthetic API check from three regions fails the TLS handshake and pages the "
    "Edge Platform on-call, who starts the incident bridge"
)


def _waived_unowned() -> PostMortem:
    """The one action with a long name and no owner, its missing owner waived."""
    pm = with_action(clean_postmortem(), text=LONG_ACTION, owner="")
    waiver = Waiver("missing-owner", "action_items[a1].owner", "owner named Monday", "Dana", TODAY)
    return replace(pm, waivers=(waiver,))


def test_the_waived_checks_line_names_the_action_whole_in_markdown_html_and_preview() -> None:
    pm = _waived_unowned()
    markdown = export_markdown(pm, "full", today=TODAY)
    waived = markdown.split("## Waived checks\n\n", 1)[1]
    assert waived == (
        f"- Missing owner at Action “{LONG_ACTION}” · owner: owner named Monday "
        "(waived by Dana on 2025-06-10)\n"
    )
    assert lint(markdown) == []
    page = export_html(markdown)
    assert f"Action “{LONG_ACTION}” · owner" in page
    preview = "".join(build_preview(pm, "full", TODAY))
    assert f"Action “{LONG_ACTION}” · owner" in preview
    assert "…" not in waived


def test_a_waived_why_answer_event_and_factor_are_named_whole() -> None:
    pm = clean_postmortem()
    answer = pm.whys[0].answers[2]
    assert len(answer) > 40
    for where, words in (
        ("whys[w1].answers[2]", answer),
        ("whys[w1].problem", pm.whys[0].problem),
        ("timeline[e2].text", LONG_EVENT),
        ("factors[w1].title", pm.factors[0].title),
    ):
        label = place_label(
            replace(pm, events=(replace(pm.events[1], text=LONG_EVENT),)), where, whole=True
        )
        assert f"“{words}”" in label, label
    # The panes keep their short form: a list line has one row.
    assert "…" in place_label(pm, "whys[w1].answers[2]")


def test_empty_priority_and_type_cells_read_like_every_other_empty_cell() -> None:
    pm = clean_postmortem()
    bare = ActionItem(id="a2", text="Write the cache flush runbook", owner="Ravi Patel")
    pm = replace(pm, actions=(replace(pm.actions[0], tracker="OPS-12"), bare))
    markdown = export_markdown(pm, "full", today=TODAY)
    row = next(line for line in markdown.splitlines() if line.startswith("| Write the cache"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    header = next(line for line in markdown.splitlines() if line.startswith("| Action"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    by_name = dict(zip(names, cells, strict=True))
    assert by_name["Priority"] == by_name["Type"] == by_name["Tracker"] == by_name["Due"]
    assert by_name["Priority"] == MISSING
    assert "" not in cells
    assert pm.actions[0].priority is Priority.P1  # the other row keeps its values


def test_an_event_figure_names_the_event_whole() -> None:
    pm = clean_postmortem()
    event = replace(pm.events[1], text=LONG_EVENT)
    figure = Attachment(id="f1", sha256="ab" * 32, ext="png", alt="Error rate", event_id=event.id)
    pm = replace(pm, events=(pm.events[0], event, *pm.events[2:]), attachments=(figure,))
    markdown = export_markdown(pm, "full", today=TODAY)
    line = next(line for line in markdown.splitlines() if "Error rate" in line)
    assert LONG_EVENT in line, line


def test_the_waived_checks_line_names_the_check_in_words_not_its_id() -> None:
    # Mock meeting 19b: the published document read "no-customer-message at …".
    from pmtui.export.markdown_waivers import rule_words

    assert rule_words("no-customer-message") == "No customer message"
    assert rule_words("blame-language") == "Blame language"
    markdown = export_markdown(_waived_unowned(), "full", today=TODAY)
    assert "missing-owner" not in markdown


def test_a_waived_check_on_a_field_the_check_names_says_the_field_once() -> None:
    """Mock meeting 22b: "No customer message at Customer-facing message: …"."""
    pm = replace(clean_postmortem(), customer_message="")
    waiver = Waiver("no-customer-message", "customer_message", "internal only", "Dana", TODAY)
    markdown = export_markdown(replace(pm, waivers=(waiver,)), "full", today=TODAY)
    waived = markdown.split("## Waived checks\n\n", 1)[1]
    assert waived == "- No customer message: internal only (waived by Dana on 2025-06-10)\n"
    # A field the check does not name keeps its place; an item's place always stays.
    blame = Waiver("blame-language", "impact", "quoted from the chat", "Dana", TODAY)
    pm = replace(pm, impact="The on-call engineer was careless.", waivers=(blame,))
    markdown = export_markdown(pm, "full", today=TODAY)
    assert "- Blame language at Impact: quoted from the chat" in markdown
    assert "- Missing owner at Action “" in export_markdown(_waived_unowned(), "full", today=TODAY)


def test_a_waived_check_on_an_items_own_words_names_the_item_without_its_field() -> None:
    """Mock meeting 24a: "Vague action at Action “Improve security” · text: …"."""
    pm = with_action(clean_postmortem(), text="Improve security")
    waiver = Waiver("vague-action", "action_items[a1].text", "scoped in SEC-142", "Dana", TODAY)
    markdown = export_markdown(replace(pm, waivers=(waiver,)), "full", today=TODAY)
    waived = markdown.split("## Waived checks\n\n", 1)[1]
    assert waived == (
        "- Vague action at Action “Improve security”: scoped in SEC-142 "
        "(waived by Dana on 2025-06-10)\n"
    )
