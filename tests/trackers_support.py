"""Shared by the tracker tests: a database holding the bundled sample (action trackers
OPS-1423..OPS-1427), the fixture files, and the action items as a file holds them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import ActionItem, PostMortem
from pmtui.store import PostMortemStore, open_store
from tests.followup_support import sample

SAMPLE_ID = "pm-2025-03-19-api-tls"
FIXTURES = Path(__file__).parent / "data" / "trackers"


def new_work(pm: PostMortem) -> PostMortem:
    """`pm` with every action item unfinished (a done one reopened, one in progress kept)
    and in no tracker: what a tracker file takes."""
    return replace(
        pm,
        actions=tuple(
            replace(a, tracker="")
            if a.is_open
            else replace(a, tracker="", status=ActionStatus.OPEN, completed_on=None)
            for a in pm.actions
        ),
    )


def sample_database(
    path: Path, *, trackers: dict[str, str] | None = None, untracked: bool = False
) -> Path:
    """The sample in a new database at `path`; `trackers` replaces some items' references;
    `untracked` makes every item open work in no tracker (see new_work)."""
    pm = new_work(sample()) if untracked else sample()
    if trackers:
        pm = replace(
            pm,
            actions=tuple(replace(a, tracker=trackers.get(a.id, a.tracker)) for a in pm.actions),
        )
    with PostMortemStore.open(path) as store:
        store.create(pm)
    return path


def saved(path: Path, pm_id: str = SAMPLE_ID) -> PostMortem:
    with open_store(path, read_only=True) as store:
        return store.load(pm_id)


def saved_actions(path: Path, pm_id: str = SAMPLE_ID) -> dict[str, ActionItem]:
    return {action.id: action for action in saved(path, pm_id).actions}
