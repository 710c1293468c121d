"""Provides pmtui's size limits and the one way a size is written in a message.

Kept free of imports so the argument parser can name the limits in its help without loading
the model, the store or the importers.
"""

from __future__ import annotations

MIB = 2**20

#: The largest file pmtui reads as input: evidence (a file, or all of a Slack export's files
#: together) and pmtui/1 documents. 100,000 log lines are about 10 MiB; far larger is a whole
#: archive, not one incident's.
MAX_INPUT_BYTES = 256 * MIB

#: The largest graph or screenshot `pmtui attach` takes. A full-screen PNG is a few MiB; a team
#: folder is a git repository, and every attachment stays in its history for good.
MAX_ATTACHMENT_BYTES = 10 * MIB

#: The most events one post-mortem's timeline holds. Past this every command that opens the
#: file slows down for everyone; a timeline this long is an archive, not a story.
MAX_EVENTS = 100_000


def size_text(size: int) -> str:
    """A byte count as people read it in pmtui's messages: '256 MiB', '1.5 MiB', '812 bytes'."""
    if size < MIB:
        return f"{size} bytes" if size != 1 else "1 byte"
    mebibytes = size / MIB
    if mebibytes < 10:
        return f"{mebibytes:.1f} MiB".replace(".0 ", " ")
    return f"{mebibytes:,.0f} MiB"


def size_over(size: int | None, cap: int) -> str:
    """How a message says an input is past `cap`: 'is 300 MiB', or 'is larger than 256 MiB'
    when its size is not known (a pipe, a growing file) or would read the same as the cap."""
    if size is None or size_text(size) == size_text(cap):
        return f"is larger than {size_text(cap)}"
    return f"is {size_text(size)}"
