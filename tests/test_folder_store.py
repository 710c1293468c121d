"""The team folder store: one file per post-mortem, written atomically and deterministically,
locked per post-mortem, listed from a cache, and never writing outside postmortems/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.model.codec import postmortem_from_dict
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.store import (
    DamagedFile,
    FolderStore,
    PostMortemStore,
    StoreError,
    StoreLocked,
    open_store,
    pmfile,
)
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes

TODAY = date(2025, 3, 20)


def make_folder(root: Path, *, markdown: bool = False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings(markdown=markdown)))
    return root


def sample(sample_path: Path, pm_id: str = "pm-sample") -> PostMortem:
    return replace(postmortem_from_dict(orjson.loads(sample_path.read_bytes())), id=pm_id)


def test_open_store_picks_the_folder_store_for_a_team_folder(tmp_path: Path) -> None:
    with open_store(make_folder(tmp_path / "team")) as store:
        assert isinstance(store, FolderStore)
    with open_store(tmp_path / "db.json") as store:
        assert isinstance(store, PostMortemStore)
    (tmp_path / "plain").mkdir()
    with pytest.raises(DamagedFile, match=r"not a team folder .*pmtui init"):
        open_store(tmp_path / "plain")


def test_each_post_mortem_is_its_own_file_and_comes_back_equal(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
        assert store.ids() == ["pm-sample"]
        assert store.resolve_id("pm-s") == "pm-sample"
        assert store.load("pm-sample") == pm
        changed = replace(pm, title="Renamed")
        store.save(changed, pm)
    assert (root / "postmortems" / "pm-sample.pmtui").is_file()
    with FolderStore.open(root, read_only=True) as store:
        assert store.load("pm-sample").title == "Renamed"


def test_same_post_mortem_same_bytes_after_save_reload_save(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    file = root / "postmortems" / "pm-sample.pmtui"
    with FolderStore.open(root) as store:
        store.create(pm)
        first = file.read_bytes()
        again = store.load(pm.id)
        store.save(again, again)
    assert file.read_bytes() == first


def test_delete_removes_the_file(tmp_path: Path, sample_path: Path) -> None:
    root = make_folder(tmp_path / "team")
    with FolderStore.open(root) as store:
        store.create(sample(sample_path))
        store.delete("pm-sample")
        assert store.ids() == []
    assert not (root / "postmortems" / "pm-sample.pmtui").exists()


@pytest.mark.parametrize("hostile", ["../escape", "/tmp/abs", "a/b", ".hidden", "", "x" * 65])
def test_an_id_that_is_not_a_safe_file_name_is_refused(
    tmp_path: Path, sample_path: Path, hostile: str
) -> None:
    root = make_folder(tmp_path / "team")
    with FolderStore.open(root) as store, pytest.raises(StoreError, match="cannot be a file name"):
        store.create(sample(sample_path, hostile))
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [SETTINGS_NAME]


def test_a_symlinked_post_mortem_file_is_neither_read_nor_written(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    outside = tmp_path / "secret.txt"
    outside.write_text("keep me\n")
    (root / "postmortems").mkdir()
    (root / "postmortems" / "pm-sample.pmtui").symlink_to(outside)
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        with pytest.raises(DamagedFile, match="is a symlink"):
            store.load("pm-sample")
        with pytest.raises(DamagedFile, match="is a symlink"):
            store.save(pm, pm)
        with pytest.raises(DamagedFile, match="is a symlink"):
            store.summaries(TODAY)
    assert outside.read_text() == "keep me\n"
    assert (root / "postmortems" / "pm-sample.pmtui").is_symlink()


def test_a_symlinked_postmortems_folder_is_refused(tmp_path: Path) -> None:
    root = make_folder(tmp_path / "team")
    (tmp_path / "elsewhere").mkdir()
    (root / "postmortems").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(DamagedFile, match="not a folder"):
        FolderStore.open(root)


def test_a_fifo_named_like_a_post_mortem_is_refused_without_blocking(tmp_path: Path) -> None:
    root = make_folder(tmp_path / "team")
    (root / "postmortems").mkdir()
    os.mkfifo(root / "postmortems" / "pipe.pmtui")
    with FolderStore.open(root) as store, pytest.raises(DamagedFile, match="named pipe"):
        store.load("pipe")


def test_a_file_holding_another_id_than_its_name_is_refused(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    with FolderStore.open(root) as store:
        store.create(sample(sample_path))
    folder = root / "postmortems"
    shutil.copy(folder / "pm-sample.pmtui", folder / "copy.pmtui")
    with FolderStore.open(root) as store, pytest.raises(DamagedFile, match="not 'copy'"):
        store.load("copy")


def test_summaries_come_from_the_cache_without_parsing_unchanged_files(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
        store.create(replace(pm, id="pm-other", title="Other"))
        cold = store.summaries(TODAY)
    assert (root / ".pmtui-cache" / "summaries.json").is_file()

    def no_parsing(raw: bytes, path: Path, **options: object) -> PostMortem:
        raise AssertionError(f"{path} was parsed although unchanged")

    monkeypatch.setattr(pmfile, "loads", no_parsing)
    monkeypatch.setattr(pmfile, "loads_summary", no_parsing)
    with FolderStore.open(root, read_only=True) as store:
        assert store.summaries(TODAY) == cold


def test_a_changed_file_is_read_again_and_a_damaged_cache_ignored(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
        store.summaries(TODAY)
        store.save(replace(pm, title="New title"), pm)
        assert [s.title for s in store.summaries(TODAY)] == ["New title"]
    (root / ".pmtui-cache" / "summaries.json").write_bytes(b"{not json")
    with FolderStore.open(root) as store:
        assert [s.title for s in store.summaries(TODAY)] == ["New title"]


def test_summaries_match_the_single_file_store(tmp_path: Path, sample_path: Path) -> None:
    pm = sample(sample_path)
    with PostMortemStore.open(tmp_path / "db.json") as single:
        single.create(pm)
        expected = single.summaries(TODAY)
    with FolderStore.open(make_folder(tmp_path / "team")) as store:
        store.create(pm)
        assert store.summaries(TODAY) == expected
        assert store.summaries(TODAY) == expected  # from the cache too


def test_markdown_setting_writes_and_deletes_the_markdown_copy(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team", markdown=True)
    markdown = root / "postmortems" / "pm-sample.md"
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
        assert markdown.read_text().startswith(f"# {pm.title}")
        store.save(replace(pm, title="Changed title"), pm)
        assert markdown.read_text().startswith("# Changed title")
        store.delete(pm.id)
    assert not markdown.exists()


HOLDER = textwrap.dedent(
    """
    import sys
    from pmtui.store import FolderStore
    store = FolderStore.open(sys.argv[1])
    store.claim(sys.argv[2])
    print("held", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_two_writers_edit_different_post_mortems_but_not_the_same_one(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    other = replace(pm, id="pm-other")
    with FolderStore.open(root) as store:
        store.create(pm)
        store.create(other)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), "pm-sample"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with FolderStore.open(root) as store:
            store.save(replace(other, title="Edited beside the other writer"), other)
            with pytest.raises(StoreLocked, match=f"pid {holder.pid}") as locked:
                store.save(replace(pm, title="Clash"), pm)
            assert "pm-sample.pmtui" in str(locked.value)
    finally:
        holder.communicate("\n", timeout=30)
    with FolderStore.open(root) as store:
        assert store.load("pm-other").title == "Edited beside the other writer"
        assert store.load("pm-sample").title == pm.title
        store.save(replace(pm, title="After the other left"), pm)  # released on close


def test_adding_an_event_changes_only_that_events_block_in_git_diff(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "first")
    event = TimelineEvent(
        "new-event", datetime(2025, 3, 19, 8, 0, 30, tzinfo=UTC), EventKind.NOTE, "Added later"
    )
    with FolderStore.open(root) as store:
        now = store.load(pm.id)
        store.save(now.with_event(event), now)
    diff = git("diff", "-U0", "--", "postmortems/pm-sample.pmtui").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert all(line.startswith("+") for line in changed), changed
    assert '+  "id": "new-event",' in changed
    assert len(changed) == 10  # the one new block: braces and eight fields


def test_a_save_over_a_file_changed_on_disk_is_refused(tmp_path: Path, sample_path: Path) -> None:
    """A `git pull` that merged a teammate's work into an open post-mortem is not overwritten."""
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
    file = root / "postmortems" / "pm-sample.pmtui"
    with FolderStore.open(root) as mine:
        opened = mine.load(pm.id)
        pulled = FolderStore.open(root)  # the other writer, after this one released nothing
        mine.close()
        pulled.save(replace(opened, title="Merged by git"), opened)
        pulled.close()
        merged = file.read_bytes()
        with pytest.raises(StoreError, match="changed on disk since pmtui read it"):
            mine.save(replace(opened, title="Mine"), opened)
        assert file.read_bytes() == merged
        again = mine.load(pm.id)  # opening it again shows the new version and allows saving
        mine.save(replace(again, title="Mine, after reading theirs"), again)
    assert b"Mine, after reading theirs" in file.read_bytes()


def test_a_first_listing_counts_each_timeline_without_building_its_events(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's first list (after a clone or a pull of many files) reads every file; the
    line needs only the timeline's length, so no event is built."""
    from pmtui.store import records

    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
        store.create(replace(pm, id="pm-other", title="Other", events=pm.events[:3]))
        expected = [entry_of_full(store.load(pm_id)) for pm_id in ("pm-sample", "pm-other")]
    shutil.rmtree(root / ".pmtui-cache", ignore_errors=True)
    built = records.events_from_records

    def counted(docs: list[dict[str, object]]) -> list[TimelineEvent]:
        assert not docs, "events were built for a list line"
        return built(docs)

    monkeypatch.setattr(records, "events_from_records", counted)
    with FolderStore.open(root, read_only=True) as store:
        lines = {s.id: s for s in store.summaries(TODAY)}
    assert [lines["pm-sample"].event_count, lines["pm-other"].event_count] == [len(pm.events), 3]
    monkeypatch.setattr(records, "events_from_records", built)
    # The lines the cache now holds are the ones a full reading gives.
    cached = orjson.loads((root / ".pmtui-cache" / "summaries.json").read_bytes())["files"]
    assert [cached[f"{n}.pmtui"]["summary"] for n in ("pm-sample", "pm-other")] == expected


def test_a_damaged_file_is_still_named_by_a_first_listing(
    tmp_path: Path, sample_path: Path
) -> None:
    root = make_folder(tmp_path / "team")
    pm = sample(sample_path)
    with FolderStore.open(root) as store:
        store.create(pm)
        store.create(replace(pm, id="pm-other", title="Other"))
    path = root / "postmortems" / "pm-other.pmtui"
    path.write_text(path.read_text().replace('"kind": "deploy"', '"kind": "party"', 1))
    shutil.rmtree(root / ".pmtui-cache", ignore_errors=True)
    with FolderStore.open(root, read_only=True) as store:
        listing = store.listing(TODAY)
    assert [s.id for s in listing.summaries] == ["pm-sample"]
    assert len(listing.unreadable) == 1 and "pm-other.pmtui" in listing.unreadable[0]


def entry_of_full(pm: PostMortem) -> dict[str, object]:
    from pmtui.store.summary_cache import entry_of

    return entry_of(pm)
