"""Fixtures for pmtui's Pilot and snapshot tests: an isolated database, a fixed clock and a
clipboard that records instead of touching the machine's."""

from __future__ import annotations

import asyncio
import gc
import time
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual import events
from textual._wait import wait_for_idle
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from pmtui.gcpause import paused_gc
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
    """Where the test database lives: in the test's own folder, snapshot tests included."""
    return tmp_path / "postmortems.json"


#: Parsed stylesheets shared by every app of the test run, by their text and theme variables.
_PARSED_CSS: dict[tuple[object, ...], list[RuleSet]] = {}


@pytest.fixture(autouse=True)
def quick_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app parses the same stylesheets (pmtui's and each widget's DEFAULT_CSS) again,
    about a twentieth of a Pilot test's CPU time: the rules are parsed once per run and shared.

    Pilot's idle wait (20 ms slices) is left alone: it is longer than one frame, so a pause
    also lets the screen refresh and run what call_after_refresh queued.
    """
    parse = Stylesheet._parse_rules

    def parse_once(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        theme = tuple(sorted(self._variables.items()))
        key = (css, read_from, is_default_rules, tie_breaker, scope, theme)
        if key not in _PARSED_CSS:
            _PARSED_CSS[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return list(_PARSED_CSS[key])

    monkeypatch.setattr(Stylesheet, "_parse_rules", parse_once)


def _key_event(key: str) -> events.Key:
    """The event Textual's `App._press_keys` sends for `key` (same names, same character)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def _press_typing_as_bursts(app: App[Any], keys: Iterable[str]) -> None:
    """Textual's `App._press_keys`, but a run of printable characters goes out as one burst,
    as tmux or a fast typist sends it, and the run is waited for once.

    Pilot waits for the process to idle twice after every key, in 20 ms slices: about 85 ms a
    key of which 65 ms asleep, so the typing of a test's sentences was most of its time. The
    app reads a burst as it reads slow typing (pmtui.ui.key_order holds every key behind one
    that runs a command), and burst tests prove it, so the tests lose nothing by it.
    """
    driver = app._driver
    assert driver is not None
    order = getattr(app, "key_order", None)
    burst = False

    async def settle() -> None:
        while order is not None and order.held:
            await asyncio.sleep(0.005)
        await wait_for_idle(0)
        await app._animator.wait_until_complete()
        await wait_for_idle(0)

    for key in keys:
        event = _key_event(key)
        if event.is_printable and not key.startswith("wait:"):
            event.set_sender(app)
            driver.send_message(event)
            burst = True
            continue
        if burst:
            burst = False
            await settle()
        await _PRESS_KEYS(app, [key])
    if burst:
        await settle()


_PRESS_KEYS = App._press_keys


@pytest.fixture(autouse=True)
def typing_in_bursts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot sends typed text as bursts (see _press_typing_as_bursts)."""
    monkeypatch.setattr(App, "_press_keys", _press_typing_as_bursts)


@contextmanager
def collected_once() -> Iterator[None]:
    """The cyclic garbage collector held meanwhile, then one full collection; what outlives
    it is frozen, so no later collection walks it again."""
    try:
        with paused_gc():
            yield
    finally:
        gc.collect()
        gc.freeze()


@pytest.fixture(autouse=True)
def one_full_collection_per_test() -> Iterator[None]:
    """Each test runs `collected_once`.

    An app's widgets, styles and strips live until its test ends, so each automatic full
    collection meanwhile walked the whole live app to free little: five or so per Pilot test,
    about a third of its CPU time. The garbage a test makes is freed once, at its end, so it
    never piles up from test to test (as pmtui.gcpause does around a big read). What outlives
    the test (Textual's bounded caches of styles and strips, a module's shared app) grew by
    thousands of objects a test, and every later collection walked it all: it is frozen.
    """
    with collected_once():
        yield


def build_ui(
    folder: Path,
    stores: list[PostMortemStore],
    *,
    with_sample: bool = True,
    read_only_reason: str = "",
) -> UI:
    """The app over a database in `folder` (its store is added to `stores` to be closed)."""
    path = database_path(folder)
    store = PostMortemStore.open(path)
    stores.append(store)
    if with_sample and SAMPLE_ID not in store.ids():
        store.create(postmortem_from_dict(sample_document(), now=FIXED_NOW))
    service = PostMortemService(store, clock=lambda: FIXED_NOW)
    clipboard = RecordingClipboard()
    app = make_app(service, read_only_reason=read_only_reason, clipboard=clipboard)
    # The end state of every animation at once: keys need not wait for slides and fades.
    app.animation_level = "none"
    return UI(app=app, service=service, path=path, clipboard=clipboard)


@pytest.fixture
def make_ui(tmp_path: Path) -> Iterator[Callable[..., UI]]:
    """Build the app; `with_sample=True` seeds the bundled sample under its own id."""
    stores: list[PostMortemStore] = []

    def build(*, with_sample: bool = True, read_only_reason: str = "") -> UI:
        return build_ui(
            tmp_path, stores, with_sample=with_sample, read_only_reason=read_only_reason
        )

    yield build
    for store in stores:
        store.close()


@dataclass
class SharedWorkspace:
    """One app with the sample opened, shared by the read-only tests of a module: opening a
    workspace is most of a Pilot test's CPU time. `fresh` hands it back as just opened."""

    ui: UI
    pilot: Any
    tab: str

    async def fresh(self) -> Any:
        """Every screen above the workspace closed, its meeting forgotten, `tab` in front;
        returns the pilot. What a test saved is not undone: only read-only tests share."""
        from pmtui.ui.screens.workspace import WorkspaceScreen

        app = self.pilot.app
        while not isinstance(app.screen, WorkspaceScreen):
            app.pop_screen()
            await self.pilot.pause()
        workspace = app.screen
        assert workspace.pm == self.ui.saved(), "a test sharing the workspace changed it"
        workspace.meeting = None
        workspace.action_show_tab(self.tab)
        await self.pilot.pause()
        return self.pilot


@asynccontextmanager
async def shared_workspace(
    folder: Path, size: tuple[int, int], tab: str
) -> AsyncIterator[SharedWorkspace]:
    """The sample opened at `size` on `tab`, for a module-scoped fixture (see SharedWorkspace).
    Its tests run in the module's event loop: `pytest.mark.asyncio(loop_scope="module")`."""
    stores: list[PostMortemStore] = []
    ui = build_ui(folder, stores)
    try:
        async with ui.app.run_test(size=size) as pilot:
            await open_sample(pilot, tab=tab)
            yield SharedWorkspace(ui=ui, pilot=pilot, tab=tab)
    finally:
        for store in stores:
            store.close()
        # The app was frozen with what outlived its tests: the next collection may free it.
        gc.unfreeze()


#: What the home screen names as its database in snapshots. The real file is in the test's
#: own tmp_path (two runs at once never share it), whose name changes from run to run.
SNAPSHOT_DATABASE = "/tmp/pmtui-snapshots/postmortems.json"


@pytest.fixture
def snapshot_ui(make_ui: Callable[..., UI]) -> Callable[..., UI]:
    """make_ui for snapshot tests (home screen pictures also need show_snapshot_database)."""
    return make_ui


@pytest.fixture(autouse=True)
def steady_cursors(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In every snapshot test, text cursors stay on instead of blinking: a picture taken more
    than half a second after the last key (a loaded machine) caught the cursor off, and
    "Jo|nas Weber" differed from the stored picture by the cursor cell alone."""
    if "snap_compare" not in request.fixturenames:
        return
    from textual.widgets import Input, TextArea

    def stay_visible(box: Input | TextArea) -> None:
        box._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", stay_visible)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", stay_visible)


async def show_snapshot_database(pilot) -> None:  # type: ignore[no-untyped-def]
    """Name the database as SNAPSHOT_DATABASE in the home screen's title, then let it lay out."""
    await pilot.pause()
    pilot.app.screen.query_one("#home-title").update(f"pmtui · {SNAPSHOT_DATABASE}")
    await pilot.pause()


async def open_sample(pilot, tab: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """From the home screen, open the sample post-mortem (and switch to `tab`)."""
    from pmtui.ui.screens.workspace import WorkspaceScreen

    await pilot.pause()
    home = pilot.app.screen
    home.open_postmortem(SAMPLE_ID)
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    if tab:
        # Asked for as the tab bar appears, as a user pressing F2 at once: the Overview's
        # 160 widgets are then never composed.
        await wait_until(pilot, lambda: bool(workspace.query(f"#--content-tab-{tab}")), pause=False)
        workspace.action_show_tab(tab)
    # The pane in front is composed and bound a refresh later; the others when first shown.
    await wait_until(pilot, lambda: workspace.panes_ready)


async def open_postmortem(pilot, pm_id: str, tab: str):  # type: ignore[no-untyped-def]
    """From the home screen, open the post-mortem `pm_id` on `tab`; returns its workspace."""
    from pmtui.ui.screens.workspace import WorkspaceScreen

    await pilot.pause()
    pilot.app.screen.open_postmortem(pm_id)
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    await wait_until(pilot, lambda: bool(workspace.query(f"#--content-tab-{tab}")), pause=False)
    workspace.action_show_tab(tab)
    await wait_until(pilot, lambda: workspace.panes_ready)
    return workspace


def screen_lines(app: App[Any]) -> list[str]:
    """The screen's lines as drawn, without the borders and spaces at their ends."""
    return [
        "".join(segment.text for segment in strip).strip(" █▎▊▌▐│")
        for strip in app.screen._compositor.render_strips()
    ]


async def pane_of(pilot, tab_id: str):  # type: ignore[no-untyped-def]
    """The workspace's pane of `tab_id`, built if its tab was never shown (as showing it
    would), once it is mounted and follows the post-mortem."""
    from textual.widgets import TabPane

    from pmtui.ui.panes.base import WorkspacePane

    workspace = pilot.app.screen
    # From the screen's own task, as a key would: a pane mounted from the test's task
    # posts its messages out of reach of run_test's message_hook.
    workspace.call_later(workspace.pane, tab_id)
    tab = workspace.query_one(f"#{tab_id}", TabPane)

    def built() -> bool:
        panes = tab.query_children(WorkspacePane)
        return bool(panes) and panes.first().is_mounted and workspace.panes_ready

    await wait_until(pilot, built, pause=False)
    return tab.query_children(WorkspacePane).first()


async def wait_until(  # type: ignore[no-untyped-def]
    pilot, condition: Callable[[], bool], timeout: float = 15.0, *, pause: bool = True
) -> None:
    """Let the app run until `condition()` holds (a debounce fired, a worker finished), then
    (unless `pause` is False) until what that set off has been handled."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"still waiting after {timeout} s"
        # A plain sleep: the app runs its timers, messages and screen updates meanwhile.
        # pilot.pause() would also post a message to every widget on the screen and wait for
        # each: about 10 ms of CPU on a workspace, a third of a core while polling.
        await asyncio.sleep(0.01)
    if pause:
        await pilot.pause()


async def type_at_end(pilot, ui: UI, name: str, text: str):  # type: ignore[no-untyped-def]
    """Type `text` at the end of the Overview's section `name` until it is saved; returns
    the section's text area."""
    from textual.widgets import TextArea

    workspace = pilot.app.screen
    area = workspace.query_one(f"#field-{name}", TextArea)
    area.focus()
    await wait_until(pilot, lambda: workspace.focused is area)
    await pilot.press("ctrl+end", *text)
    await wait_until(pilot, lambda: getattr(ui.saved(), name).endswith(text))
    return area


async def wait_for_screen(pilot, screen_type: type) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until the screen on top is a `screen_type` (a modal opened or closed)."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen_type))


async def wait_for_palette_hit(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Let the command palette finish searching for `typed` until it highlights a command
    whose title holds it, so that enter runs that command."""
    from textual.command import Command, CommandList, CommandPalette

    def found() -> bool:
        palette = pilot.app.screen
        if not isinstance(palette, CommandPalette):
            return False
        # A search still running may put a better hit above the highlighted one.
        if any(not worker.is_finished for worker in pilot.app.workers if worker.node is palette):
            return False
        hits = palette.query_one(CommandList)
        if hits.highlighted is None:
            return False
        option = hits.get_option_at_index(hits.highlighted)
        return isinstance(option, Command) and typed.lower() in str(option.hit.text).lower()

    await wait_until(pilot, found)


def nothing_pending(app: App[Any]) -> bool:
    """No message queued and no callback waiting for a refresh, in the app or on its screen."""
    from pmtui.ui.key_order import has_work

    return not any(has_work(node) for node in (app, *app.screen.walk_children(with_self=True)))


def workspace_settled(screen) -> bool:  # type: ignore[no-untyped-def]
    """Nothing is left to arrive on the workspace: the checks have read the current
    post-mortem and every preview on screen shows it."""
    from pmtui.ui.panes.findings import FindingsPane
    from pmtui.ui.widgets.document_preview import DocumentPreview
    from pmtui.ui.widgets.similar_incidents import SimilarIncidents

    if not getattr(screen, "panes_ready", True):
        return False  # the pane in front is composed a refresh after opening
    if not getattr(screen, "checks_counted", True):
        return False  # the Checks tab's count, taken in a worker until its pane is built
    if not all(pane.up_to_date for pane in screen.query(FindingsPane)):
        return False
    if not all(similar.up_to_date for similar in screen.query(SimilarIncidents)):
        return False  # "Seen before?" ranks in a worker after the first paint
    return all(
        preview.renders > 0 and not preview._stale and not preview._rendering
        for preview in screen.query(DocumentPreview)
        if preview._visible()
    )


def recorded_notifications(node: Any) -> list[str]:
    """What `node` (a screen) tells the user from now on, in order; it still shows them."""
    messages: list[str] = []
    original = node.notify

    def record(message: str, **kwargs: Any) -> None:
        messages.append(message)
        original(message, **kwargs)

    node.notify = record
    return messages
