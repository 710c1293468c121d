"""Provides what the customer version of a post-mortem is made of, and what it still lacks.

The customer version is built only from fields written for customers: the customer message,
an optional customer title, the customer impact window and each action's customer line.
Nothing internal stands in for a missing one (the summary names hosts and tickets, an action
text names Bug ids and error budgets). Without a customer message there is no customer
version; the `no-customer-message` guide says so in the checklist, and the export refuses.

Defaults, shown to the author so they can correct them:
- the impact window runs from the timeline's first 'start' event to its first 'mitigated'
  event (else its first 'resolved' one), as the impact duration metric does;
- without a customer title the headline is "Incident report: <date>", the date being the
  window's start in the post-mortem's timezone (else the incident date), or just
  "Incident report" when neither is known: it names no service, host or team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.metrics import find_milestones
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import PostMortem, by_due_date

NO_CUSTOMER_MESSAGE = "no-customer-message"
NEUTRAL_HEADLINE = "Incident report"
#: The one thing without which there is no customer version, as errors name it.
MISSING_MESSAGE = "a customer-facing message"
_WHERE = "customer_message"


@dataclass(frozen=True, slots=True)
class CustomerWindow:
    """When customers were affected; each end says whether the author set it or it is the
    timeline's milestone (None when neither exists)."""

    start: datetime | None
    end: datetime | None
    start_is_default: bool
    end_is_default: bool

    @property
    def duration(self) -> float | None:
        """Seconds, or None when an end is unknown or the ends are out of order."""
        if self.start is None or self.end is None or self.end < self.start:
            return None
        return (self.end - self.start).total_seconds()


def default_window(pm: PostMortem) -> tuple[datetime | None, datetime | None]:
    """The impact milestones: first 'start' and first 'mitigated' (else 'resolved')."""
    milestones = find_milestones(pm.events)
    recovered = milestones.mitigated if milestones.mitigated is not None else milestones.resolved
    return milestones.start, recovered


def customer_window(pm: PostMortem) -> CustomerWindow:
    start, end = default_window(pm)
    return CustomerWindow(
        start=pm.customer_impact_start or start,
        end=pm.customer_impact_end or end,
        start_is_default=pm.customer_impact_start is None,
        end_is_default=pm.customer_impact_end is None,
    )


def headline_date(pm: PostMortem) -> date | None:
    start = customer_window(pm).start
    return start.astimezone(pm.zone).date() if start is not None else pm.incident_date


def default_headline(pm: PostMortem) -> str:
    """The headline a customer version has without a customer title."""
    day = headline_date(pm)
    return f"{NEUTRAL_HEADLINE}: {day.isoformat()}" if day is not None else NEUTRAL_HEADLINE


def customer_headline(pm: PostMortem) -> str:
    return pm.customer_title or default_headline(pm)


def customer_lines(pm: PostMortem) -> tuple[list[str], list[str]]:
    """(done, planned) customer lines, soonest deadline first as in every template; an action
    without one, or one the team will not do, is left out."""
    done: list[str] = []
    planned: list[str] = []
    for action in by_due_date(pm.actions):
        if not action.customer_text or action.status is ActionStatus.WONT_DO:
            continue
        (done if action.status is ActionStatus.DONE else planned).append(action.customer_text)
    return done, planned


def missing_for_customers(pm: PostMortem) -> list[str]:
    """What the customer version needs and does not have yet, e.g. ['a customer-facing
    message']; empty when it can be exported."""
    return [] if pm.customer_message.strip() else [MISSING_MESSAGE]


def customer_findings(pm: PostMortem) -> list[Finding]:
    if not missing_for_customers(pm):
        return []
    return [
        Finding(
            NO_CUSTOMER_MESSAGE,
            FindingSeverity.WARNING,
            _WHERE,
            "there is no customer version: the customer-facing message is empty",
            "Write what customers saw, when, and what is being done, in their words; "
            "nothing internal is used in its place.",
        )
    ]
