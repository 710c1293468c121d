"""Markdown export: golden documents for the three templates, what each one shows, and that
no user text, however hostile, can break a document (pymarkdown lints every one clean).

Regenerate the golden files after an intended change with:
    PMTUI_UPDATE_GOLDEN=1 pytest tests/test_export_markdown.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymarkdown.api import PyMarkdownApi

from pmtui.export import markdown_escape
from pmtui.export.html import export_html
from pmtui.export.markdown import TEMPLATES, export_markdown
from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import local_times
from pmtui.export.markdown_customer import CustomerVersionMissing
from pmtui.export.markdown_escape import guard_line_start, heading_text, inline_many, paragraphs
from pmtui.model import (
    SECTION_KEYS,
    SECTIONS,
    ActionItem,
    ActionStatus,
    ActionType,
    CauseCategory,
    ContributingFactor,
    EventKind,
    PostMortem,
    Priority,
    RelatedIncident,
    Severity,
    Status,
    TimelineEvent,
    WhyChain,
)
from pmtui.model.text import visible
from pmtui.model.times import format_instant, parse_timezone
from tests.conftest import examples

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("PMTUI_UPDATE_GOLDEN") == "1"
TODAY = date(2025, 2, 1)
BERLIN = parse_timezone("Europe/Berlin")

# Fixture: a TLS certificate expiry, in Berlin in winter (CET, UTC+1) -------------------------


def utc(hour: int, minute: int, second: int = 0, day: int = 14) -> datetime:
    return datetime(2025, 1, day, hour, minute, second, tzinfo=UTC)


def event(
    event_id: str, at: datetime, kind: EventKind, text: str, source: str, link: str = ""
) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=at, kind=kind, text=text, source=source, link=link)


WIKI_0931 = "https://wiki.example.com/incidents/0931"


def tls_postmortem() -> PostMortem:
    events = (
        event(
            "e01",
            utc(14, 2),
            EventKind.START,
            "Certificate for api.example.com expired",
            "monitoring",
        ),
        event(
            "e02",
            utc(14, 14),
            EventKind.DETECTED,
            "Synthetic TLS check failing from 3 regions",
            "monitoring",
            "https://grafana.example.com/d/tls-synthetics",
        ),
        event("e03", utc(14, 17), EventKind.ACKNOWLEDGED, "On-call acknowledged the page", "pager"),
        event(
            "e04",
            utc(14, 25),
            EventKind.COMMUNICATION,
            "Status page: investigating API errors",
            "chat",
        ),
        event(
            "e05",
            utc(14, 41),
            EventKind.ACTION,
            "Renewal job logs: DNS-01 challenge denied",
            "chat",
        ),
        event(
            "e06",
            utc(14, 58),
            EventKind.DEPLOY,
            "Manually issued certificate deployed to edge-lb",
            "deploy",
        ),
        event("e07", utc(15, 7), EventKind.MITIGATED, "Error rate back to baseline", "monitoring"),
        event(
            "e08",
            utc(16, 12),
            EventKind.RESOLVED,
            "All edge nodes serve the new certificate",
            "manual",
        ),
    )
    whys = (
        WhyChain(
            id="w-expiry",
            problem="API clients could not connect to api.example.com",
            answers=(
                "The TLS certificate on the edge load balancers had expired.",
                "The automated renewal had been failing for 30 days.",
                "Renewal failures were only logged; no alert was attached to them.",
            ),
            root_cause=True,
            category=CauseCategory.MONITORING,
        ),
        WhyChain(
            id="w-token",
            problem="The automated renewal had been failing for 30 days",
            answers=(
                "The DNS provider API token used for DNS-01 challenges was rotated.",
                "Token rotation has no checklist of the systems that use the token.",
            ),
            root_cause=True,
            category=CauseCategory.PROCESS,
            branched_from="w-expiry:1",
        ),
        WhyChain(
            id="w-detect",
            problem="Detection took 12 minutes",
            answers=("The synthetic TLS check runs every 10 minutes.",),
        ),
    )
    factors = (
        ContributingFactor(
            id="w-expiry",
            title="Certificate renewal failures raised no alert",
            category=CauseCategory.MONITORING,
            event_ids=("e01", "e05"),
            made_sense="Renewal had worked unattended for two years, so its log had no reader.",
            chain_id="w-expiry",
        ),
        ContributingFactor(
            id="w-token",
            title="The automated renewal had been failing for 30 days",
            category=CauseCategory.PROCESS,
            chain_id="w-token",
        ),
        ContributingFactor(
            id="w-detect",
            title="Detection took 12 minutes",
            event_ids=("e01", "e02"),
            made_sense="A 10-minute check had caught every failure the team had seen before.",
            chain_id="w-detect",
        ),
    )
    actions = (
        ActionItem(
            id="a1",
            text="Page on-call when certificate renewal fails",
            owner="Lee Park",
            due=date(2025, 1, 24),
            priority=Priority.P1,
            kind=ActionType.DETECT,
            status=ActionStatus.IN_PROGRESS,
            tracker="OPS-101",
            factor_id="w-expiry",
            customer_text="We are adding alerts for failed certificate renewals.",
        ),
        ActionItem(
            id="a2",
            text="Alert when a public certificate expires within 14 days",
            owner="Sam Okafor",
            due=date(2025, 2, 14),
            priority=Priority.P1,
            kind=ActionType.DETECT,
            tracker="OPS-102",
            factor_id="w-expiry",
        ),
        ActionItem(
            id="a3",
            text="Add a checklist of dependent systems to the token rotation runbook",
            owner="Dana Whitfield",
            due=date(2025, 1, 20),
            priority=Priority.P3,
            kind=ActionType.PROCESS,
            status=ActionStatus.DONE,
            tracker="OPS-103",
            completed_on=date(2025, 1, 18),
            factor_id="w-token",
            customer_text="Credential changes now include a check of every system using them.",
        ),
        # Nobody chose a priority or a type yet: the export prints none.
        ActionItem(id="a4", text="Run the synthetic TLS check every minute"),
        ActionItem(
            id="a5",
            text="Replace the edge load balancers",
            owner="Sam Okafor",
            due=date(2025, 1, 15),
            priority=Priority.P4,
            kind=ActionType.PREVENT,
            status=ActionStatus.WONT_DO,
            customer_text="We will replace our load balancers.",  # won't do: never shown
        ),
    )
    return PostMortem(
        id="tls00001",
        title="TLS certificate expiry on the public API",
        severity=Severity.SEV2,
        status=Status.IN_REVIEW,
        owner="Dana Whitfield",
        attendees=("Dana Whitfield", "Lee Park", "Sam Okafor"),
        services=("api-gateway", "edge-lb", "cert-manager"),
        incident_date=date(2025, 1, 14),
        timezone="Europe/Berlin",
        summary=(
            "The TLS certificate for api.example.com expired at 15:02 CET. Most API clients\n"
            "refused to connect until a manually issued certificate reached the edge."
        ),
        impact=(
            "- About 80% of API requests failed for 65 minutes.\n"
            "- The web dashboard was **not** affected."
        ),
        trigger="The DNS provider token used by `cert-renewer` was rotated on 2024-12-15.",
        detection=(
            "The synthetic check `tls-synthetics` alerted 12 minutes after the certificate expired."
        ),
        response=(
            "On-call found the renewal job failing on its DNS-01 challenge, issued a\n"
            "certificate by hand and deployed it to edge-lb."
        ),
        went_well="The manual issuance runbook worked first time.",
        went_poorly="Renewal failures had been logged for 30 days without anyone seeing them.",
        lucky="The incident started outside peak traffic.",
        lessons="Every automated job that can fail silently needs an alert.",
        customer_message=(
            "Between 15:02 and 16:07 CET many requests to our API failed because a security\n"
            "certificate had expired. We are sorry for the disruption."
        ),
        links="Certificate dashboard: https://grafana.example.com/d/certs",
        related=(
            RelatedIncident("INC-0931 Expired certificate on the status page", WIKI_0931),
            RelatedIncident("INC-1017"),
        ),
        created_at=utc(17, 0),
        updated_at=utc(17, 0, day=20),
        events=events,
        whys=whys,
        factors=factors,
        actions=actions,
    )


# Linting and table checks --------------------------------------------------------------------


@cache
def linter(tables: bool) -> PyMarkdownApi:
    api = PyMarkdownApi().disable_rule_by_identifier("md013")
    # The command line default does not parse GFM tables; with the extension on, the table
    # rules (MD055, MD056, MD058, MD060) check every row as GitHub would read it.
    return api.enable_extension_by_identifier("markdown-tables") if tables else api


def lint(markdown: str) -> list[str]:
    findings = []
    for tables in (False, True):
        result = linter(tables).scan_string(markdown)
        findings += [
            f"{f.rule_id} line {f.line_number}: {f.rule_description} {f.extra_error_information}"
            for f in result.scan_failures
        ]
    return findings


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def tables(markdown: str) -> list[list[str]]:
    """Each table of the document as its lines: consecutive lines starting with '|' whose
    second line is the delimiter row every exported table has (an author's paragraph of
    '|' is not a table)."""
    found: list[list[str]] = []
    previous_blank = True
    for line in markdown.split("\n"):
        if line.startswith("|"):
            if previous_blank:
                found.append([])
            found[-1].append(line)
        previous_blank = line == ""
    return [lines for lines in found if len(lines) > 1 and "---" in lines[1]]


def assert_tables_intact(markdown: str) -> None:
    for table in tables(markdown):
        widths = [len(_UNESCAPED_PIPE.findall(line)) - 1 for line in table]
        assert len(set(widths)) == 1, f"rows with different column counts: {table}"
        assert re.fullmatch(r"\|( --- \|)+", table[1]), table[1]
        for line in table:
            assert line.startswith("| ") and line.endswith(" |"), line


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.startswith("#")]


def section(markdown: str, heading: str) -> str:
    """The text under `heading` up to the next heading of any level."""
    start = markdown.index(f"\n{heading}\n") + len(heading) + 2
    end = markdown.find("\n#", start)
    return markdown[start : end if end != -1 else len(markdown)]


def row(markdown: str, first_cell: str) -> list[str]:
    for line in markdown.split("\n"):
        if line.startswith(f"| {first_cell} |"):
            return [cell.strip() for cell in _UNESCAPED_PIPE.split(line)[1:-1]]
    raise AssertionError(f"no table row starts with {first_cell!r}")


# Escaping ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text, 100% fine.", "plain text, 100% fine."),
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("<!-- x --> <?php <!DOCTYPE", "&lt;!-- x --> &lt;?php &lt;!DOCTYPE"),
        ("R&D &amp; &#60; &copy", "R&D &amp;amp; &amp;#60; &copy"),
        (
            "`x` *y* _z_ [l](u) #1 ~s~ $5 \\",
            "`x` \\*y\\* \\_z\\_ [l\\](u) #1 \\~s\\~ $5 \\\\",
        ),
        # The author's code stays code; a backtick that closes nothing cannot open any.
        ("run `pg_basebackup` again", "run `pg_basebackup` again"),
        ("`a|b` and ` lone", "`a\\|b` and \\` lone"),
        ("` padded ` ``a`b``", "\\` padded \\` ``a`b``"),
        ("`https://x.example` https://y.example", "`https://x.example` <https://y.example>"),
        # Ordinary prose stays as typed: nothing here could change the structure.
        (
            "pg_basebackup ~1.2 million #1094 >99.999% -> <300ms $5 a\\b",
            "pg_basebackup ~1.2 million #1094 >99.999% -> <300ms $5 a\\b",
        ),
        ("(text)[url] a]b [c] $1 and $2", "(text)\\[url] a]b [c] \\$1 and \\$2"),
        ("  one\r\ntwo\n\n three  \n", "one / two / three"),
        ("tab\there", "tab here"),
        ("bell\x07 nul\x00 esc\x1b[0m", "bell nul esc[0m"),
        ("see https://x.example/a_b.", "see <https://x.example/a_b>."),
        ("(https://x.example/wiki/A_(b))", "(<https://x.example/wiki/A_(b)>)"),
        ("https:// and https://.", "https&#58;// and https&#58;//."),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_one_line_escaping(text: str, expected: str) -> None:
    assert inline_many([text]) == [expected]


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="ab _*`\\&<>[]()!#;:/|~$\x00é1", max_size=24))
def test_the_pattern_is_tried_only_where_it_can_match(text: str) -> None:
    assert markdown_escape._escape_needed(text) == markdown_escape._NEEDS_ESCAPE.sub(
        markdown_escape._escape_match, text
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\tb\nc\r\nd", "a\tb\nc\r\nd"),
        ("line\n\x1b[31mred", "line\n\\u001b[31mred"),
        ("a\rb", "a\\u000db"),
        ("a\n\u202eb", "a\n\\u202eb"),
    ],
)
def test_a_whole_document_shows_control_characters_but_keeps_line_breaks_and_tabs(
    text: str, expected: str
) -> None:
    assert visible(text) == expected


def test_many_values_are_escaped_independently() -> None:
    assert inline_many([]) == []
    assert inline_many(["a\n", "", "\x00", " b|", "https://x.example"]) == [
        "a",
        "",
        "",
        "b\\|",
        "<https://x.example>",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- x", "\\- x"),
        ("+ y", "\\+ y"),
        ("===", "\\==="),
        ("---", "\\---"),
        ("10. ten", "10\\. ten"),
        ("2) two", "2\\) two"),
        ("# title", "\\# title"),
        ("> quote", "\\> quote"),
        ("2025 was fine", "2025 was fine"),
        ("a - b", "a - b"),
        # What opens no block stays as typed.
        ("-x", "-x"),
        ("#1094 fixed", "\\#1094 fixed"),  # no heading, but read as one by linters (MD018)
        ("1.5 hours", "1.5 hours"),
    ],
)
def test_line_starts_that_would_open_a_block_are_escaped(line: str, expected: str) -> None:
    assert guard_line_start(line) == expected


def test_heading_text() -> None:
    # A heading is not a sentence: its closing punctuation is left out (MD026), not encoded.
    assert heading_text("Done.", "x") == "Done"
    assert heading_text("Really!", "x") == "Really"
    assert heading_text("Why?", "x") == "Why?"
    assert heading_text("R&", "x") == "R&"
    assert heading_text("Closed #", "x") == "Closed \\#"
    assert heading_text(" \n", "Untitled") == "Untitled"


def test_paragraphs_keep_lines_and_drop_extra_blank_lines() -> None:
    assert paragraphs("a\nb\n\n\n  c  ") == ["a\\\nb", "c"]
    assert paragraphs("- x\r\n1. y") == ["\\- x\\\n1\\. y"]
    assert paragraphs("ends with \\\nnext") == ["ends with \\\\\\\nnext"]
    assert paragraphs("") == [] and paragraphs(" \n\t\n") == []


def test_document_keeps_headings_unique() -> None:
    document = MarkdownDocument("Title")
    for text in ("Notes", "Notes", "Notes (2)", "Title"):
        document.heading(2, text)
    assert headings(document.render()) == [
        "# Post-mortem: Title",
        "## Notes",
        "## Notes (2)",
        "## Notes (2) (2)",
        "## Title",
    ]


# Golden documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATES)
def test_golden_document(template: str) -> None:
    markdown = export_markdown(tls_postmortem(), template, today=TODAY)
    path = GOLDEN / f"tls_{template}.md"
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_text(markdown, encoding="utf-8", newline="\n")
    assert markdown == path.read_text(encoding="utf-8"), f"{path.name} differs; see the docstring"


@pytest.mark.parametrize("template", TEMPLATES)
def test_golden_documents_lint_clean(template: str) -> None:
    markdown = export_markdown(tls_postmortem(), template, today=TODAY)
    assert lint(markdown) == []
    assert_tables_intact(markdown)


def test_goldens_pass_the_pymarkdown_command_line(tmp_path: Path) -> None:
    paths = []
    for name, pm in (("tls", tls_postmortem()), ("hostile", hostile_postmortem())):
        for template in TEMPLATES:
            path = tmp_path / f"{name}_{template}.md"
            path.write_text(export_markdown(pm, template, today=TODAY), encoding="utf-8")
            paths.append(str(path))
    command = [sys.executable, "-m", "pymarkdown", "--disable-rules", "md013", "scan", *paths]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# API ----------------------------------------------------------------------------------------


def test_templates_are_the_three_documented_ones() -> None:
    assert TEMPLATES == ("full", "light", "customer")


def test_unknown_template_is_refused_naming_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="full, light, customer") as error:
        export_markdown(tls_postmortem(), "fancy")
    assert "'fancy'" in str(error.value)


def test_default_template_is_full() -> None:
    pm = tls_postmortem()
    assert export_markdown(pm, today=TODAY) == export_markdown(pm, "full", today=TODAY)


def test_today_defaults_to_the_date_in_the_postmortems_timezone() -> None:
    pm = tls_postmortem()
    before = datetime.now(BERLIN).date()
    markdown = export_markdown(pm)
    after = datetime.now(BERLIN).date()
    assert f"overdue as of {before}." in markdown or f"overdue as of {after}." in markdown


# Full template ------------------------------------------------------------------------------


def test_full_header_block() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    assert markdown.startswith(
        "# TLS certificate expiry on the public API\n\n- **Severity:** SEV2\n"
    )
    for fact in (
        "- **Status:** in review",
        "- **Owner:** Dana Whitfield",
        "- **Incident date:** 2025-01-14",
        "- **Timezone:** Europe/Berlin (CET)",
        "- **Attendees:** Dana Whitfield, Lee Park, Sam Okafor",
        "- **Services:** api-gateway, edge-lb, cert-manager",
    ):
        assert fact in markdown


def test_full_header_leaves_out_the_facts_nobody_filled() -> None:
    pm = replace(tls_postmortem(), owner="", attendees=(), services=(), incident_date=None)
    markdown = export_markdown(pm, today=TODAY)
    header = markdown.split("\n## ", 1)[0]
    # A published page full of "—" reads as unfinished; the checklist points at the gaps.
    assert "—" not in header
    for name in ("Owner", "Attendees", "Services"):
        assert f"**{name}:**" not in header
    assert "- **Severity:** SEV2\n- **Status:** in review\n" in header


def test_action_tally_claims_no_overdue_check_without_any_deadline() -> None:
    actions = tuple(replace(action, due=None) for action in tls_postmortem().actions)
    markdown = export_markdown(replace(tls_postmortem(), actions=actions), today=TODAY)
    assert "\n5 action items, 3 open as of 2025-02-01.\n" in markdown
    assert "overdue" not in section(markdown, "## Action items")


def test_light_action_lines_do_not_repeat_what_no_action_has() -> None:
    actions = tuple(replace(action, owner="", due=None) for action in tls_postmortem().actions)
    markdown = export_markdown(replace(tls_postmortem(), actions=actions), "light", today=TODAY)
    lines = section(markdown, "## Action items")
    assert "no owner" not in lines and "no deadline" not in lines
    assert "- Page on-call when certificate renewal fails (in progress, OPS-101)" in lines


@pytest.mark.parametrize(
    ("minutes", "spoken"),
    [
        (27, "27 minutes"),
        (60, "1 hour"),
        (61, "1 hour and 1 minute"),
        (24 * 60 + 11, "1 day and 11 minutes"),
        (13 * 1440 + 16 * 60 + 19, "13 days, 16 hours and 19 minutes"),
    ],
)
def test_customer_duration_is_said_in_words(minutes: int, spoken: str) -> None:
    pm = replace(
        tls_postmortem(),
        customer_impact_start=utc(14, 0),
        customer_impact_end=utc(14, 0) + timedelta(minutes=minutes),
    )
    impact = section(export_markdown(pm, "customer", today=TODAY), "## Impact")
    assert impact.endswith(f"- Duration of impact: {spoken}\n")


def test_timeline_is_in_local_time_with_the_date_and_zone_label() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    assert "| Time (CET) | Kind | Event | Source |" in markdown
    # 14:02Z is 15:02 in Berlin in winter.
    assert row(markdown, "2025-01-14 15:02") == [
        "2025-01-14 15:02",
        "**start**",
        "Certificate for api.example.com expired",
        "monitoring",
    ]
    assert row(markdown, "2025-01-14 15:41")[1] == "action"  # not a milestone: not bold
    assert row(markdown, "2025-01-14 15:14")[2] == (
        "Synthetic TLS check failing from 3 regions (<https://grafana.example.com/d/tls-synthetics>)"
    )


def test_timeline_shows_seconds_only_when_an_event_has_them() -> None:
    pm = tls_postmortem()
    assert "15:02:00" not in export_markdown(pm, today=TODAY)
    with_seconds = pm.with_event(event("e99", utc(14, 30, 17), EventKind.NOTE, "x", "manual"))
    markdown = export_markdown(with_seconds, today=TODAY)
    assert "| 2025-01-14 15:02:00 | **start** |" in markdown
    assert "| 2025-01-14 15:30:17 | note |" in markdown


def test_timeline_in_summer_time_and_utc() -> None:
    summer = tls_postmortem()
    summer = replace(
        summer, events=tuple(replace(e, at=e.at + timedelta(days=180)) for e in summer.events)
    )
    markdown = export_markdown(summer, today=TODAY)
    assert "| Time (CEST) | Kind | Event | Source |" in markdown
    assert "| 2025-07-13 16:02 | **start** |" in markdown
    in_utc = export_markdown(replace(tls_postmortem(), timezone="UTC"), today=TODAY)
    assert "| Time (UTC) | Kind | Event | Source |" in in_utc
    assert "| 2025-01-14 14:02 | **start** |" in in_utc
    assert "- **Timezone:** UTC\n" in in_utc


def test_timeline_across_a_clock_change_labels_every_time() -> None:
    pm = replace(
        tls_postmortem(),
        events=(
            event("e1", datetime(2025, 10, 26, 0, 30, tzinfo=UTC), EventKind.START, "a", "manual"),
            event("e2", datetime(2025, 10, 26, 1, 30, tzinfo=UTC), EventKind.NOTE, "b", "manual"),
        ),
    )
    markdown = export_markdown(pm, today=TODAY)
    # Both are 02:30 on the wall clock; only the label tells them apart.
    assert "| Time (Europe/Berlin) | Kind | Event | Source |" in markdown
    assert "| 2025-10-26 02:30 CEST | **start** |" in markdown
    assert "| 2025-10-26 02:30 CET | note |" in markdown


def test_timeline_is_shown_in_time_order() -> None:
    pm = tls_postmortem()
    shuffled = replace(pm, events=tuple(reversed(pm.events)))
    assert export_markdown(shuffled, today=TODAY) == export_markdown(pm, today=TODAY)


def test_fast_time_text_matches_format_instant() -> None:
    start = datetime(2025, 3, 30, 0, 59, 59, tzinfo=UTC)
    instants = [start + timedelta(minutes=17 * n, seconds=n) for n in range(200)]
    instants += [
        datetime(2025, 10, 26, 0, 0, 1, 999, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 0, tzinfo=UTC),
    ]
    for zone_name in ("Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "UTC"):
        zone = parse_timezone(zone_name)
        for seconds in (False, True):
            for moment in instants:
                shown = local_times([moment], zone, zone_name, seconds=seconds)
                assert shown.texts == [format_instant(moment, zone, seconds=seconds)]


def test_metrics_use_long_names_and_formatted_durations() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    metrics = section(markdown, "## Metrics")
    assert row(metrics, "Time to detect (TTD)") == ["Time to detect (TTD)", "12m"]
    assert row(metrics, "Time to acknowledge (TTA)") == ["Time to acknowledge (TTA)", "3m"]
    assert row(metrics, "Time to mitigate (TTM)") == ["Time to mitigate (TTM)", "1h 05m"]
    assert row(metrics, "Time to resolve (TTR)") == ["Time to resolve (TTR)", "2h 10m"]
    assert row(metrics, "Impact duration") == ["Impact duration", "1h 05m"]
    assert row(metrics, "Start") == ["Start", "2025-01-14 15:02"]
    assert row(metrics, "Resolved") == ["Resolved", "2025-01-14 17:12"]
    assert "out of order" not in metrics


def test_missing_milestone_is_shown_as_not_recorded_never_zero() -> None:
    pm = tls_postmortem()
    no_detection = replace(
        pm, events=tuple(e for e in pm.events if e.kind is not EventKind.DETECTED)
    )
    metrics = section(export_markdown(no_detection, today=TODAY), "## Metrics")
    assert row(metrics, "Time to detect (TTD)")[1] == "not recorded"
    assert row(metrics, "Time to acknowledge (TTA)")[1] == "not recorded"
    assert row(metrics, "Detected")[1] == "not recorded"
    assert row(metrics, "Time to resolve (TTR)")[1] == "2h 10m"
    assert "0s" not in metrics


def test_out_of_order_milestones_keep_negative_values_with_a_note() -> None:
    pm = tls_postmortem()
    early = replace(pm.event("e08"), at=utc(13, 52))  # "resolved" ten minutes before the start
    markdown = export_markdown(pm.with_event_replaced(early), today=TODAY)
    metrics = section(markdown, "## Metrics")
    assert row(metrics, "Time to resolve (TTR)")[1] == "-10m"
    assert "**Milestones out of order:** 'resolved' is earlier than 'start'" in metrics
    assert lint(markdown) == []


def test_narrative_sections_follow_the_models_order_and_empty_ones_are_left_out() -> None:
    pm = replace(tls_postmortem(), impact="", lucky=" \n")
    found = headings(export_markdown(pm, today=TODAY))
    narrative = [h[3:] for h in found if h[3:] in dict(SECTIONS).values()]
    left_out = {"impact", "lucky", "open_questions"}
    assert narrative == [title for key, title in SECTIONS if key not in left_out]


def test_full_document_outline() -> None:
    assert headings(export_markdown(tls_postmortem(), today=TODAY)) == [
        "# TLS certificate expiry on the public API",
        "## Summary",
        "## Root causes and contributing factors",
        "## Impact",
        "## Trigger",
        "## Metrics",
        "## Detection",
        "## Response and recovery",
        "## Timeline",
        "## Five whys",
        "### Factor 1: Certificate renewal failures raised no alert",
        "### Factor 2: The automated renewal had been failing for 30 days",
        "### Factor 3: Detection took 12 minutes",
        "## What went well",
        "## What went poorly",
        "## Where we got lucky",
        "## Lessons learned",
        "## Action items",
        "## Customer-facing message",
        "## Related incidents",
        "## Supporting links",
    ]


def test_narrative_keeps_the_authors_markdown() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    # A line break inside a paragraph is the author's wrapping, not a hard break.
    assert "expired at 15:02 CET. Most API clients\\\nrefused to connect" in markdown
    impact = (
        "- About 80% of API requests failed for 65 minutes.\n"
        "- The web dashboard was **not** affected."
    )
    assert section(markdown, "## Impact") == f"\n{impact}\n"
    assert "The synthetic check `tls-synthetics` alerted" in section(markdown, "## Detection")
    assert "Certificate dashboard: <https://grafana.example.com/d/certs>" in markdown
    assert "\\-" not in markdown and "\\`" not in markdown


def test_root_causes_sit_before_the_timeline_with_each_factors_conclusion() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    causes = section(markdown, "## Root causes and contributing factors")
    assert causes == (
        "\n- **Monitoring:** Certificate renewal failures raised no alert. Root cause: Renewal"
        " failures were only logged; no alert was attached to them. Seen at 2025-01-14 15:02,"
        " 15:41 CET. How it made sense at the time: Renewal had worked unattended for two"
        " years, so its log had no reader.\n"
        "- **Process:** The automated renewal had been failing for 30 days. Root cause: Token"
        " rotation has no checklist of the systems that use the token.\n"
        "- Detection took 12 minutes. Root cause not yet identified. Seen at 2025-01-14 15:02,"
        " 15:14 CET. How it made sense at the time: A 10-minute check had caught every failure"
        " the team had seen before.\n"
    )
    assert markdown.index("## Root causes") < markdown.index("## Timeline")


def test_trigger_and_related_incidents() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    assert section(markdown, "## Trigger") == (
        "\nThe DNS provider token used by `cert-renewer` was rotated on 2024-12-15.\n"
    )
    assert section(markdown, "## Related incidents") == (
        f"\n- INC-0931 Expired certificate on the status page: <{WIKI_0931}>\n- INC-1017\n"
    )
    bare = replace(tls_postmortem(), related=(RelatedIncident("", WIKI_0931),), trigger="")
    markdown = export_markdown(bare, today=TODAY)
    assert f"## Related incidents\n\n- <{WIKI_0931}>\n" in markdown
    assert "## Trigger" not in markdown
    assert lint(markdown) == []


def test_five_whys_chain_shows_answers_root_cause_and_category() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    chain = section(markdown, "### Factor 1: Certificate renewal failures raised no alert")
    assert "- **Category:** Monitoring\n" in chain
    assert (
        "- **Seen in the timeline:** 2025-01-14 15:02 CET: Certificate for api.example.com"
        " expired; 2025-01-14 15:41 CET: Renewal job logs: DNS-01 challenge denied\n"
    ) in chain
    assert (
        "- **How it made sense at the time:** Renewal had worked unattended for two years,"
        " so its log had no reader.\n"
    ) in chain
    assert "1. **Why?** The TLS certificate on the edge load balancers had expired.\n" in chain
    # The last why is the root cause, said once: it stood twice in a row (mock meeting 20).
    assert (
        "3. **Root cause (monitoring):** Renewal failures were only logged; no alert was "
        "attached to them.\n"
    ) in chain
    assert chain.count("Renewal failures were only logged") == 1
    assert (
        "Addressed by these action items:\n\n- Page on-call when certificate renewal fails\n"
        "- Alert when a public certificate expires within 14 days\n"
    ) in chain
    branched = section(markdown, "### Factor 2: The automated renewal had been failing for 30 days")
    assert "*Branches off factor 1.*" in branched
    assert "**Root cause (process):**" in branched
    open_chain = section(markdown, "### Factor 3: Detection took 12 minutes")
    assert "- **Category:** Not set yet\n" in open_chain
    assert "*Root cause not yet identified.*" in open_chain


def test_chain_without_answers_and_chains_with_the_same_problem() -> None:
    pm = replace(
        tls_postmortem(),
        whys=(WhyChain(id="c1", problem="Same."), WhyChain(id="c2", problem="Same.")),
        factors=(),
    )
    markdown = export_markdown(pm, today=TODAY)
    assert "### Chain 1: Same\n" in markdown and "### Chain 2: Same\n" in markdown
    assert "*No answers yet. Root cause not yet identified.*" in markdown
    assert lint(markdown) == []


def test_action_items_table_marks_only_open_past_due_items_overdue() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    actions = section(markdown, "## Action items")
    assert "| Action | Owner | Due | Priority | Type | Status | Tracker |" in actions
    assert "5 action items, 3 open, 1 overdue as of 2025-02-01." in actions
    assert row(actions, "Page on-call when certificate renewal fails") == [
        "Page on-call when certificate renewal fails",
        "Lee Park",
        "2025-01-24 **overdue**",
        "P1",
        "detect",
        "in progress",
        "OPS-101",
    ]
    assert row(actions, "Alert when a public certificate expires within 14 days")[2] == "2025-02-14"
    done = row(actions, "Add a checklist of dependent systems to the token rotation runbook")
    assert done[2] == "2025-01-20" and done[5] == "done on 2025-01-18"
    assert row(actions, "Replace the edge load balancers")[2:6] == [
        "2025-01-15",
        "P4",
        "prevent",
        "won't do",
    ]
    assert row(actions, "Run the synthetic TLS check every minute")[1:3] == ["—", "—"]
    assert actions.count("overdue**") == 1


def test_overdue_depends_on_today() -> None:
    pm = tls_postmortem()
    assert "**overdue**" not in export_markdown(pm, today=date(2025, 1, 24))
    later = export_markdown(pm, today=date(2025, 2, 15))
    assert "2025-01-24 **overdue**" in later and "2025-02-14 **overdue**" in later


def test_empty_postmortem_still_makes_a_clean_document() -> None:
    pm = PostMortem(id="empty001", title="", created_at=utc(12, 0), updated_at=utc(12, 0))
    for template in ("full", "light"):
        markdown = export_markdown(pm, template, today=TODAY)
        assert markdown.startswith("# Untitled post-mortem\n")
        assert lint(markdown) == [], template
    # Every template leaves an empty section out; none prints a placeholder. The customer
    # version needs only its message; the headline has a neutral default.
    customer = export_markdown(replace(pm, customer_message="Sorry."), "customer")
    assert customer == "# Incident report\n\n## What happened\n\nSorry.\n"
    assert lint(customer) == []
    full = export_markdown(pm, today=TODAY)
    assert headings(full) == ["# Untitled post-mortem"]
    assert "*" not in full.replace("**", "")


def test_title_that_reads_like_a_section_stays_a_unique_heading() -> None:
    pm = replace(tls_postmortem(), title="Summary")
    for template in ("full", "light"):
        markdown = export_markdown(pm, template, today=TODAY)
        assert markdown.startswith("# Post-mortem: Summary\n")
        assert lint(markdown) == []


# Light template -----------------------------------------------------------------------------


def test_light_document() -> None:
    markdown = export_markdown(tls_postmortem(), "light", today=TODAY)
    assert headings(markdown) == [
        "# TLS certificate expiry on the public API",
        "## Summary",
        "## Detection",
        "## Root causes and contributing factors",
        "## Action items",
    ]
    assert "\nSEV2 · in review · owner Dana Whitfield · 2025-01-14 · impact 1h 05m\n" in markdown
    cause = section(markdown, "## Root causes and contributing factors")
    assert "- **Monitoring:** Certificate renewal failures raised no alert. Root cause:" in cause
    assert "- **Process:** The automated renewal had been failing" in cause
    assert "- Detection took 12 minutes. Root cause not yet identified." in cause
    actions = section(markdown, "## Action items")
    assert (
        "- Page on-call when certificate renewal fails "
        "(Lee Park, due 2025-01-24 **overdue**, in progress, OPS-101)"
    ) in actions
    assert "- Run the synthetic TLS check every minute (no owner, no deadline, open)" in actions
    assert actions.count("overdue") == 1
    assert "Timeline" not in markdown and "Attendees" not in markdown


# Customer template --------------------------------------------------------------------------


def test_customer_document() -> None:
    markdown = export_markdown(tls_postmortem(), "customer", today=TODAY)
    # Without a customer title the headline is neutral: the internal title is not used.
    assert headings(markdown) == [
        "# Incident report: 2025-01-14",
        "## What happened",
        "## Impact",
        "## What we are doing",
    ]
    assert section(markdown, "## What happened").startswith("\nBetween 15:02 and 16:07 CET")
    impact = section(markdown, "## Impact")
    # The impact section is written for the team; the customer message replaces it.
    assert "About 80%" not in impact
    # The window defaults to the impact milestones: start and mitigated.
    assert impact == (
        "\n- Started: 2025-01-14 15:02 CET (14:02 UTC)\n"
        "- Ended: 2025-01-14 16:07 CET (15:07 UTC)\n"
        "- Duration of impact: 1 hour and 5 minutes\n"
    )
    doing = section(markdown, "## What we are doing")
    assert "Already done:\n\n- Credential changes now include a check" in doing
    assert "Next steps:\n\n- We are adding alerts for failed certificate renewals.\n" in doing
    assert "load balancers" not in doing  # won't do


def test_customer_title_and_window_are_the_authors_own() -> None:
    pm = replace(
        tls_postmortem(),
        customer_title="API errors on 14 January",
        customer_impact_start=utc(14, 5),
        customer_impact_end=utc(16, 0),
    )
    markdown = export_markdown(pm, "customer", today=TODAY)
    assert headings(markdown)[0] == "# API errors on 14 January"
    assert section(markdown, "## Impact") == (
        "\n- Started: 2025-01-14 15:05 CET (14:05 UTC)\n"
        "- Ended: 2025-01-14 17:00 CET (16:00 UTC)\n"
        "- Duration of impact: 1 hour and 55 minutes\n"
    )


def test_customer_document_leaves_out_everything_internal() -> None:
    pm = tls_postmortem()
    markdown = export_markdown(pm, "customer", today=TODAY)
    internal = [
        pm.title,
        *pm.attendees,
        pm.owner,
        *(action.owner for action in pm.actions if action.owner),
        *(action.tracker for action in pm.actions if action.tracker),
        *(action.text for action in pm.actions),
        *pm.services,
        *(e.source for e in pm.events),
        pm.severity.value,
        "overdue",
        "grafana",
    ]
    for text in internal:
        assert text not in markdown, text


def test_customer_document_is_refused_without_a_customer_message() -> None:
    pm = replace(tls_postmortem(), customer_message=" \n ")
    for template in ("full", "light"):
        assert export_markdown(pm, template, today=TODAY)  # the internal ones still export
    with pytest.raises(CustomerVersionMissing, match="customer-facing message") as refused:
        export_markdown(pm, "customer", today=TODAY)
    assert refused.value.missing == ["a customer-facing message"]


def test_customer_document_without_customer_lines_or_recovery_says_so() -> None:
    pm = tls_postmortem()
    ongoing = replace(
        pm,
        actions=tuple(replace(action, customer_text="") for action in pm.actions),
        events=tuple(
            e for e in pm.events if e.kind not in {EventKind.MITIGATED, EventKind.RESOLVED}
        ),
    )
    markdown = export_markdown(ongoing, "customer")
    impact = section(markdown, "## Impact")
    assert impact.startswith("\n- Started: 2025-01-14 15:02 CET")
    assert "- Status: not yet resolved" in impact and "Duration" not in impact
    assert (
        "## What we are doing" not in markdown
    )  # no customer lines: left out, like any empty section
    assert "certificate renewal fails" not in markdown  # no internal text stands in
    assert lint(markdown) == []


# Hostile text ---------------------------------------------------------------------------------

HOSTILE = (
    "| pipe | table |\n|---|---|\n"
    "`code` ``double`` ```fence\n"
    "# heading\n"
    "<script>alert(1)</script> <b>bold</b> &amp; &#60; &copy\n"
    "*star* **strong** _under_ __dunder__ ~~strike~~ $x$\n"
    "[link](http://evil.example) ![img](x.png) [ref]: /url <https://a.example>\n"
    "\\ backslash at end \\\n"
    "- dash list\n+ plus list\n* star list\n1. ordered\n2) ordered paren\n"
    "> quote\n>> nested\n"
    "---\n===\n***\n___\n"
    "    indented code\n\ttabbed\n"
    "crlf\r\nline\rcr\u2028sep\x0bvt\x0cff\x85nel\n"
    "\x00nul \x1b[31mansi\x07 \x7f\n"
    "emoji 🔥🧯 zwj 👩‍🚒 rtl \u202eabc\n"
    "https://bare.example/path_(x)_y. http://x https://\n"
    "trailing spaces   \n" + "verylongword" * 40 + "\n\n\n\nafter blank lines #"
)


def hostile_postmortem() -> PostMortem:
    h = HOSTILE
    return PostMortem(
        id="hostile1",
        title=h,
        severity=Severity.SEV1,
        status=Status.DRAFT,
        owner=h,
        attendees=(h, "", h),
        services=(h,),
        incident_date=date(2025, 1, 14),
        timezone="Europe/Berlin",
        **{key: h for key, _ in SECTIONS},
        customer_title=h,
        created_at=utc(12, 0),
        updated_at=utc(12, 0),
        events=(
            event("e1", utc(14, 0), EventKind.START, h, h, h),
            event("e2", utc(14, 5), EventKind.NOTE, h, h, "https://ok.example/a|b"),
            event("e3", utc(14, 6), EventKind.RESOLVED, "", "", ""),
        ),
        whys=(
            WhyChain(
                id="c1", problem=h, answers=(h, h), root_cause=True, category=CauseCategory.TOOLING
            ),
            WhyChain(id="c2", problem=h, answers=(h,), branched_from="c1:0"),
            WhyChain(id="c3", problem="", answers=()),
        ),
        # c3 is a chain no factor drills into (a hand-written file may hold one).
        factors=(
            ContributingFactor(
                id="f1",
                title=h,
                category=CauseCategory.TOOLING,
                event_ids=("e1", "e2", "e3"),
                made_sense=h,
                chain_id="c1",
            ),
            ContributingFactor(id="f2", title=h, made_sense=h, chain_id="c2"),
        ),
        actions=(
            ActionItem(
                id="a1",
                text=h,
                owner=h,
                due=date(2025, 1, 2),
                tracker=h,
                factor_id="f1",
                customer_text=h,
            ),
            ActionItem(id="a2", text=h, status=ActionStatus.DONE, tracker=h, customer_text=h),
            ActionItem(id="a3", text="", owner=""),
        ),
    )


# Line starts that would open a block the template did not write. The template's own: "- "
# items, numbered "**Why?**" and "**Root cause (…):**" answers, "*Note.*" and "**Label:**"
# lines, autolinks.
STRAY_BLOCK_START = re.compile(
    r"( {4}|[>+~`]|\*(?!\*?[A-Z])|<(?!https?://)|_{3}|={3}|-(?! )"
    r"|[0-9]+[.)] (?!\*\*(Why\?|Root cause \([a-z ]+\):)\*\* ))"
)

EXPECTED_HEADINGS = {
    # title, every section but related incidents (none), two factors and a chain
    "full": 1 + 17 + 3,
    "light": 5,
    "customer": 4,
}


def template_headings(markdown: str) -> list[str]:
    """The headings the template wrote: the author's own sit at level 3 and below."""
    return [
        h
        for h in headings(markdown)
        if not h.startswith("###") or h.startswith(("### Chain", "### Factor"))
    ]


@pytest.mark.parametrize("template", TEMPLATES)
def test_hostile_text_cannot_break_the_document(template: str) -> None:
    markdown = export_markdown(hostile_postmortem(), template, today=TODAY)
    assert lint(markdown) == []
    assert_tables_intact(markdown)
    found = template_headings(markdown)
    assert len(found) == EXPECTED_HEADINGS[template], found
    # The author's "# heading" stays a heading, below the section's level, once per section.
    authors = [h for h in headings(markdown) if h not in found]
    assert authors and all(re.fullmatch(r"### heading( \(\d+\))?", h) for h in authors)
    lowered = markdown.lower()
    assert "<script" not in lowered and "<b>" not in lowered and "<!--" not in lowered
    # Only "\n" ends a line: readers that split on every Unicode line break (str.splitlines,
    # the TUI preview) see the same lines as a Markdown parser.
    assert markdown.splitlines() == markdown[:-1].split("\n")
    assert "\t" not in markdown and "\x00" not in markdown
    assert "\x1b" not in markdown and "\u2028" not in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert "\n\n\n" not in markdown
    assert not re.search(r" +$", markdown, re.MULTILINE)
    assert "\\| pipe \\| table \\|" in markdown or template != "full"
    assert "🔥🧯" in markdown


@pytest.mark.parametrize("template", TEMPLATES)
def test_one_line_texts_cannot_open_a_block(template: str) -> None:
    # Narrative sections are the author's Markdown; every other text is one escaped line.
    pm = replace(hostile_postmortem(), **{key: "" for key in SECTION_KEYS})
    # The customer version needs its message; its one-line texts are the title and lines.
    pm = replace(pm, customer_message="Sorry.") if template == "customer" else pm
    markdown = export_markdown(pm, template, today=TODAY)
    assert lint(markdown) == []
    assert_tables_intact(markdown)
    # Every line either belongs to the template's own structure or starts escaped.
    for line in markdown.split("\n"):
        assert not re.match(STRAY_BLOCK_START, line), line
    assert "<script" not in markdown.lower()


def test_hostile_text_in_the_full_document() -> None:
    markdown = export_markdown(hostile_postmortem(), today=TODAY)
    # A table cell holds every line of the text, joined, with pipes escaped.
    timeline = tables(section(markdown, "## Timeline"))[0]
    assert len(timeline) == 5
    first_event = timeline[2]
    assert "\\| pipe \\| table \\| / \\|---\\|---\\| / `code` ``double`` \\`\\`\\`f" in first_event
    assert "crlf / line / cr / sep / vt / ff / nel" in first_event
    assert "(<https://ok.example/a>\\|b)" in markdown
    # The narrative keeps the author's Markdown and shows raw HTML as text.
    summary = markdown[markdown.index("## Summary") : markdown.index("## Root causes")]
    for kept in (
        "| pipe | table |\n| --- | --- |\n",
        "\n### heading\n",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\n- dash list\n- plus list\n- star list\n",
        "\n1. ordered\n\n2\\) ordered paren\n",  # a list from 2 would be a lint finding
        "\n> quote\n>\n> > nested\n",
        "\n```text\nindented code\ntabbed\n```\n",
        "<https://bare.example/path_(x)_y>. <http://x>",
    ):
        assert kept in summary, kept
    # The title's trailing '#' cannot close the heading.
    assert headings(markdown)[0].endswith("after blank lines \\#")


def narrative_section(text: str) -> str:
    pm = PostMortem(
        id="md000001", title="Markdown", lessons=text, created_at=utc(12, 0), updated_at=utc(12, 0)
    )
    markdown = export_markdown(pm, today=TODAY)
    assert lint(markdown) == [], markdown
    return markdown.split("## Lessons learned\n\n", 1)[1].rstrip("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Kept as written.
        ("- a\n- b\n\n1. one\n2. two", "- a\n- b\n\n1. one\n2. two"),
        ("*em* **strong** `code` ~~gone~~", "*em* **strong** `code` ~~gone~~"),
        ("[docs](https://d.example/x) and <https://a.example>", None),
        # Every line typed stays a line (mock 36b: "What went poorly" typed one item a line
        # was published as one run-on paragraph).
        ("> quoted\n> on two lines", "> quoted\\\n> on two lines"),
        (
            "No capacity check\nThe script said success",
            "No capacity check\\\nThe script said success",
        ),
        ("```yaml\nkey: value\n```", None),
        ("| a | b |\n| --- | :-: |\n| 1 | 2 |", "| a | b |\n| --- | :-: |\n| 1 | 2 |"),
        ("a\\\nhard break", None),
        # Written one way, so that sections by different authors lint alike.
        ("* a\n* b", "- a\n- b"),
        ("_em_ __strong__ snake_case", "*em* **strong** snake_case"),
        ("two spaces  \nbreak", "two spaces\\\nbreak"),
        ("[ref link][r]\n\n[r]: https://r.example/p", "[ref link](https://r.example/p)"),
        ("see https://bare.example/a.", "see <https://bare.example/a>."),
        ("    indented code", "```text\nindented code\n```"),
        ("~~~\ncode\n~~~", "```text\ncode\n```"),
        ("***\n\n___", "***\n\n***"),
        # Headings go below the section's level, without closing punctuation.
        ("# Big\n\ntext\n\n### Small.\n\nmore", "### Big\n\ntext\n\n#### Small\n\nmore"),
        ("Setext\n===", "### Setext"),
        # What could break the document or inject is neutralised.
        ("```\nunclosed fence", "```text\nunclosed fence\n```"),
        ("a <b onclick=x>bold</b> <!-- c", "a &lt;b onclick=x>bold&lt;/b> &lt;!-- c"),
        ("<div>\nblock\n</div>", "&lt;div&gt;\\\nblock\\\n&lt;/div&gt;"),
        ("`<b>` in code stays code", "`<b>` in code stays code"),
        (
            "[x](javascript:alert(1)) ![y](data:text/html,z)",
            "[x\\](javascript:alert(1)) ![y\\](data:text/html,z)",
        ),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        # Lint findings a renderer would not mind are kept out too.
        ("``2) `` and ![i](x.png)[b]", "`2)` and ![i](x.png)\\[b]"),
        ("2) second step", "2\\) second step"),
    ],
)
def test_narrative_markdown_is_kept_and_made_safe(text: str, expected: str | None) -> None:
    assert narrative_section(text) == (text if expected is None else expected)


def test_author_headings_stay_unique_in_the_document() -> None:
    pm = replace(tls_postmortem(), went_well="# Summary\n\nx", lessons="# Summary\n\ny")
    markdown = export_markdown(pm, today=TODAY)
    assert "### Summary (2)\n" in markdown and "### Summary (3)\n" in markdown
    assert lint(markdown) == []


# Random text ----------------------------------------------------------------------------------


def random_postmortem(title: str, event_text: str, action_text: str, owner: str) -> PostMortem:
    return PostMortem(
        id="random01",
        title=title,
        owner=owner,
        attendees=(owner,),
        timezone="Europe/Berlin",
        summary=event_text,
        customer_message=f"Message: {event_text}",
        customer_title=title,
        created_at=utc(12, 0),
        updated_at=utc(12, 0),
        events=(
            event("e1", utc(14, 0), EventKind.START, event_text, owner),
            event("e2", utc(14, 9, 30), EventKind.MITIGATED, title, action_text, event_text),
        ),
        whys=(
            WhyChain(
                id="c1",
                problem=title,
                answers=(event_text,),
                root_cause=True,
                category=CauseCategory.OTHER,
            ),
        ),
        actions=(
            ActionItem(
                id="a1",
                text=action_text,
                owner=owner,
                due=date(2025, 1, 1),
                tracker=title,
                customer_text=action_text,
            ),
            ActionItem(id="a2", text=title, owner=action_text, status=ActionStatus.DONE),
        ),
    )


RANDOM_SECTIONS = {
    "full": {
        "## Summary",
        "## Customer-facing message",
        "## Root causes and contributing factors",
        "## Metrics",
        "## Timeline",
        "## Five whys",
        "### Chain 1",
        "## Action items",
    },
    "light": {"## Summary", "## Root causes and contributing factors", "## Action items"},
    "customer": {"## What happened", "## Impact", "## What we are doing"},
}


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(), event_text=st.text(), action_text=st.text(), owner=st.text())
def test_random_text_keeps_every_document_clean(
    title: str, event_text: str, action_text: str, owner: str
) -> None:
    pm = random_postmortem(title, event_text, action_text, owner)
    for template in TEMPLATES:
        markdown = export_markdown(pm, template, today=TODAY)
        assert lint(markdown) == [], (template, markdown)
        assert_tables_intact(markdown)
        assert markdown.splitlines() == markdown[:-1].split("\n")
        # Only the template's sections, each once (a blank random text leaves one out); the
        # author's headings (random summary) sit below them.
        found = [re.sub(r"^### Chain 1.*", "### Chain 1", h) for h in template_headings(markdown)]
        assert found[0].startswith("# ") and len(found) == len(set(found)), found
        assert set(found[1:]) <= RANDOM_SECTIONS[template], found
        assert not re.search(r"<(?!https?://)[A-Za-z/!?]", markdown), markdown


# Faithful facts ------------------------------------------------------------------------------


def test_incident_date_comes_from_the_start_event_in_the_postmortems_timezone() -> None:
    deploy = event("d0", utc(22, 30, day=13), EventKind.DEPLOY, "Deploy v2", "deploy")
    start = event("s0", utc(23, 30, day=13), EventKind.START, "Errors begin", "monitoring")
    pm = replace(tls_postmortem(), incident_date=None, events=(deploy, start))
    # 23:30 UTC on the 13th is 00:30 CET on the 14th; the deploy is still the 13th.
    assert "- **Incident date:** 2025-01-14\n" in export_markdown(pm, today=TODAY)
    assert " · 2025-01-14" in export_markdown(pm, "light", today=TODAY)
    no_start = replace(pm, events=(deploy,))
    assert "**Incident date:**" not in export_markdown(no_start, today=TODAY)


def test_actions_by_due_date_and_columns_nobody_filled_are_left_out() -> None:
    actions = (
        ActionItem(id="b", text="Undated b"),
        ActionItem(id="a", text="Undated a"),
        ActionItem(id="c", text="Later", due=date(2025, 3, 1)),
        ActionItem(id="d", text="Sooner", due=date(2025, 2, 20)),
    )
    markdown = export_markdown(replace(tls_postmortem(), actions=actions), today=TODAY)
    table = tables(section(markdown, "## Action items"))[0]
    assert table[0] == "| Action | Due | Status |"
    assert [line.split(" | ")[0][2:] for line in table[2:]] == [
        "Sooner",
        "Later",
        "Undated a",
        "Undated b",
    ]
    assert lint(markdown) == []
    light = export_markdown(replace(tls_postmortem(), actions=actions), "light", today=TODAY)
    assert light.index("- Sooner") < light.index("- Later") < light.index("- Undated a")


def test_an_unset_priority_or_type_shows_the_empty_cell_mark_never_a_default() -> None:
    markdown = export_markdown(tls_postmortem(), today=TODAY)
    cells = row(section(markdown, "## Action items"), "Run the synthetic TLS check every minute")
    # "—" as every other empty cell (an empty one read as a fault in the published document).
    assert cells[3:5] == ["—", "—"]
    assert "P2" not in markdown and "prevent |" in markdown  # a5 chose "prevent"


@pytest.mark.parametrize(
    ("seconds", "shown"), [(86400 + 660, "1d 0h 11m"), (3 * 86400 + 7200, "3d 2h 00m")]
)
def test_durations_keep_minutes_past_a_day(seconds: int, shown: str) -> None:
    start = event("s0", utc(10, 0), EventKind.START, "Errors begin", "monitoring")
    end = event("r0", utc(10, 0) + timedelta(seconds=seconds), EventKind.RESOLVED, "ok", "m")
    markdown = export_markdown(replace(tls_postmortem(), events=(start, end)), today=TODAY)
    assert row(markdown, "Time to resolve (TTR)")[1] == shown


def test_a_verified_action_says_when_and_how_the_team_knows_it_worked() -> None:
    """Mock meeting 26b: the room asked for the actions with their verification, and only
    the CSV carried it."""
    pm = tls_postmortem()
    done = next(a for a in pm.actions if a.id == "a3")
    how = "A staging rotation | alerted <b>every</b> consumer in 2 min"
    verified = replace(done, verified_on=date(2025, 1, 25), verified_how=how)
    pm = replace(pm, actions=tuple(verified if a.id == "a3" else a for a in pm.actions))
    markdown = export_markdown(pm, today=TODAY)
    actions = section(markdown, "## Action items")
    cells = row(actions, "Add a checklist of dependent systems to the token rotation runbook")
    assert "done on 2025-01-18, verified on 2025-01-25" in cells
    assert "How we know they worked:" in actions
    (line,) = [x for x in actions.splitlines() if x.startswith("- Add a checklist")]
    assert line.endswith("in 2 min (checked on 2025-01-25)")
    assert "<b>" not in line  # escaped: the document shows what was typed
    assert lint(markdown) == []
    # Done but unverified (none here but a3) lists nothing; the light list says it too.
    assert actions.count("(checked on") == 1
    light = export_markdown(pm, "light", today=TODAY)
    assert "done on 2025-01-18, verified on 2025-01-25" in light
    html = export_html(markdown)
    assert "How we know they worked:" in html and "<b>every</b>" not in html


def test_a_factor_seen_twice_in_one_minute_names_that_minute_once() -> None:
    """Mock 36b: "Seen at 2021-01-04 14:47, 14:47, 16:15 UTC" for events 30 seconds apart."""
    from datetime import timedelta

    from pmtui.model import EventKind, TimelineEvent

    pm = tls_postmortem()
    factor = pm.factors[0]
    first = next(event for event in pm.events if event.id in factor.event_ids)
    echo = TimelineEvent("ev-echo", first.at + timedelta(seconds=30), EventKind.NOTE, "Echo")
    factor = replace(factor, event_ids=(*factor.event_ids, echo.id))
    pm = replace(pm, events=(*pm.events, echo), factors=(factor, *pm.factors[1:]))
    markdown = export_markdown(pm, today=TODAY)
    (line,) = [
        line for line in markdown.splitlines() if "Seen at" in line and factor.title[:20] in line
    ]
    seen = line.split("Seen at ", 1)[1].split(".")[0]
    clocks = re.findall(r"\d\d:\d\d", seen)
    assert clocks and len(clocks) == len(set(clocks)), seen


def test_a_factors_whys_print_the_problem_they_answer_when_it_is_not_its_title() -> None:
    """Mock 39c: the problem a chain starts from (the ladder's first step) was in no document
    when it differed from its factor's title, so the first "Why?" answered nothing shown."""
    pm = tls_postmortem()
    factor = pm.factors[0]
    chain = next(chain for chain in pm.whys if chain.id == factor.chain_id)
    assert chain.problem.split() != factor.title.split()
    markdown = export_markdown(pm, today=TODAY)
    section = markdown.split(f"Factor 1: {factor.title}", 1)[1].split("### Factor 2", 1)[0]
    problem = f"- **Problem:** {chain.problem}"
    assert problem in section
    assert section.index(problem) < section.index("1. **Why?**")
    assert "<strong>Problem:</strong>" in export_html(markdown)
    # Where the chain starts from the title itself (as drilling a factor does), once is enough.
    same = replace(factor, title=f"  {chain.problem}")
    markdown = export_markdown(replace(pm, factors=(same, *pm.factors[1:])), today=TODAY)
    assert "**Problem:**" not in markdown.split("### Factor 2", 1)[0]
