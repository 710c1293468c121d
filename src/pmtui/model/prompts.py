"""Provides the questions a facilitator asks about a contributing factor besides "why?": one
per phase of the response (detection, diagnosis, repair) and "how did it make sense at the
time?", which keeps a review about the system rather than the people in it.

The phase questions are prompts for the facilitator, shown together on one quiet line that
never changes. They once took turns by answer number ("Why #1 … Detection: how did we find
out?"), which read as the meaning of the answer and confused a room whose first why was a
technical cause ("why did Consul slow?").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhasePrompt:
    phase: str  # "detection", "diagnosis", "repair"
    question: str


PHASE_PROMPTS: tuple[PhasePrompt, ...] = (
    PhasePrompt("detection", "how did we find out?"),
    PhasePrompt("diagnosis", "what hid the cause?"),
    PhasePrompt("repair", "what slowed the fix?"),
)

#: The phase questions as one line, under any "why?" of any chain.
PHASE_PROMPTS_LINE = "Prompts: " + " · ".join(
    f"{prompt.phase} – {prompt.question}" for prompt in PHASE_PROMPTS
)

#: The same questions without their phase names, for a pane too narrow for the line above
#: (the Five Whys pane at 80 columns): the questions are what the room is asked.
PHASE_PROMPTS_SHORT = "Also ask: " + " · ".join(prompt.question for prompt in PHASE_PROMPTS)

MADE_SENSE_QUESTION = "How did it make sense at the time?"
