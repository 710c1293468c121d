"""Fixtures for pmtui's Pilot and snapshot tests: an isolated database, a fixed clock and a
clipboard that records instead of touching the machine's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.model.codec import postmortem_from_dict
from pmtui.model.postmortem import PostMortem
from pmtui.resources import sample_files
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from pmtui.ui.app import PmtuiApp, make_app

#: Every UI test runs at this instant (the morning after the sample incident, Berlin time).
FIXED_NOW = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)
SAMPLE_ID = "pm-2025-03-19-api-tls"


@dataclass
class RecordingClipboard:
    copied: list[str] = field(default_factory=list)
    where: str = "the system clipboard"

    def copy(self, text: str) -> str:
        self.copied.append(text)
        return self.where


@dataclass
class UI:
    """An app over a database in tmp_path, plus ways to check what reached the disk."""

    app: PmtuiApp
    service: PostMortemService
    path: Path
    clipboard: RecordingClipboard

    def saved(self, pm_id: str = SAMPLE_ID) -> PostMortem:
        """The post-mortem as a fresh reader sees it in the file."""
        with PostMortemStore.open(self.path, read_only=True) as store:
            return store.load(pm_id)

    def saved_ids(self) -> list[str]:
        with PostMortemStore.open(self.path, read_only=True) as store:
            return store.ids()


def sample_document() -> dict:
    return orjson.loads(sample_files()[0].read_bytes())


def database_path(tmp_path: Path) -> Path:
    """Where the test database lives (snapshot tests replace this with a fixed path)."""
    return tmp_path / "postmortems.json"


@pytest.fixture
def make_ui(tmp_path: Path) -> Iterator[Callable[..., UI]]:
    """Build the app; `with_sample=True` seeds the bundled sample under its own id."""
    stores: list[PostMortemStore] = []

    def build(*, with_sample: bool = True, read_only_reason: str = "") -> UI:
        path = database_path(tmp_path)
        store = PostMortemStore.open(path)
        stores.append(store)
        if with_sample and SAMPLE_ID not in store.ids():
            store.create(postmortem_from_dict(sample_document(), now=FIXED_NOW))
        service = PostMortemService(store, clock=lambda: FIXED_NOW)
        clipboard = RecordingClipboard()
        app = make_app(service, read_only_reason=read_only_reason, clipboard=clipboard)
        return UI(app=app, service=service, path=path, clipboard=clipboard)

    yield build
    for store in stores:
        store.close()


async def open_sample(pilot, tab: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """From the home screen, open the sample post-mortem (and switch to `tab`)."""
    from pmtui.ui.screens.workspace import WorkspaceScreen

    await pilot.pause()
    home = pilot.app.screen
    home.open_postmortem(SAMPLE_ID)
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkspaceScreen)
    if tab:
        pilot.app.screen.action_show_tab(tab)
        await pilot.pause()
