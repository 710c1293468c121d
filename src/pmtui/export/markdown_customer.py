"""Provides what the customer-facing template tells that no other one does: when customers
were affected, and the error for a post-mortem that has no customer version.

It is built only from the fields written for customers (see pmtui.analysis.customer): the
customer message, the customer title (else a neutral "Incident report: <date>"), the
customer impact window (else the impact milestones) and each action's customer line (an
action without one is left out). No internal field stands in for a missing one: without a
customer message there is no customer version, and CustomerVersionMissing says so.
"""

from __future__ import annotations

from pmtui.analysis.customer import CustomerWindow
from pmtui.export.markdown_clock import labelled_instant
from pmtui.model.postmortem import PostMortem


class CustomerVersionMissing(ValueError):
    """The post-mortem has no customer version yet; `missing` names what it needs."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            f"there is no customer version without {' and '.join(missing)}; "
            "write it in the Overview pane (or: pmtui set ID customer_message TEXT)"
        )


def timing(pm: PostMortem, window: CustomerWindow) -> list[str]:
    """When customers were affected, in the incident's timezone and in UTC."""
    lines = []
    if window.start is not None:
        lines.append(f"Started: {labelled_instant(window.start, pm.zone)}")
    if window.end is not None:
        lines.append(f"Ended: {labelled_instant(window.end, pm.zone)}")
    elif window.start is not None:
        lines.append("Status: not yet resolved")
    # Ends out of order give no duration: a negative one would only confuse a customer.
    if window.duration is not None:
        lines.append(f"Duration of impact: {spoken_duration(window.duration)}")
    return lines


def spoken_duration(seconds: float) -> str:
    """'45 seconds', '27 minutes', '1 hour and 5 minutes', '13 days, 16 hours and 19 minutes'.

    A status page reader is not an engineer: '1d 0h 11m' is a metric, not a sentence. From a
    minute on it is to the nearest minute, as the internal documents give it."""
    total = round(seconds)
    if total < 60:
        return _count(total, "second")
    days, rest = divmod(round(total / 60), 1440)
    hours, minutes = divmod(rest, 60)
    parts = [
        _count(amount, unit)
        for amount, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
        if amount
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _count(amount: int, unit: str) -> str:
    return f"{amount} {unit}" if amount == 1 else f"{amount} {unit}s"
