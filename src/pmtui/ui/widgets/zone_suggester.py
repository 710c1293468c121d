"""Provides ZoneSuggester: completes an IANA timezone name as it is typed in a Timezone box.

"America/Los" was refused at 80x24 and the facilitator had to guess the rest of the name
(mock meeting 19a). The names are listed on the first suggestion, in a thread: listing them
takes some 70 ms, which no screen pays at start-up.
"""

from __future__ import annotations

import asyncio

from textual.suggester import Suggester

from pmtui.model.times import zone_names

#: Fewer characters than this suggest nothing: "A" would complete to a zone nobody meant.
SHORTEST = 3


class ZoneSuggester(Suggester):
    """The shortest zone name that starts with what is typed (any case); → takes it."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        if len(value) < SHORTEST:
            return None
        names = await asyncio.to_thread(zone_names)
        begun = [zone for key, zone in names.items() if key.startswith(value)]
        return min(begun, key=lambda zone: (len(zone), zone)) if begun else None
