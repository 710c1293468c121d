"""Provides the questions a facilitator asks about a contributing factor besides "why?": one
per phase of the response (detection, diagnosis, repair) and "how did it make sense at the
time?", which keeps a review about the system rather than the people in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhasePrompt:
    phase: str  # "detection", "diagnosis", "repair"
    question: str


PHASE_PROMPTS: tuple[PhasePrompt, ...] = (
    PhasePrompt("detection", "How did we find out, and what could have told us sooner?"),
    PhasePrompt("diagnosis", "What made it hard to see what was wrong?"),
    PhasePrompt("repair", "What slowed the fix once we knew?"),
)

MADE_SENSE_QUESTION = "How did it make sense at the time?"


def phase_prompt(step: int) -> PhasePrompt:
    """The prompt for the `step`-th question of a chain: the phases in turn, so a room
    answering why after why is also asked about each phase of the response."""
    return PHASE_PROMPTS[step % len(PHASE_PROMPTS)]
