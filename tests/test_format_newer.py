"""Files from a newer or older pmtui: `format_minor` is written, read and checked, so a
post-mortem a newer pmtui wrote is read but never written back without what it added
(codec, both stores, the service and the merge driver); older files still load and save."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.model.codec import FORMAT_MINOR, postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import EventKind
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import TimelineEvent
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore, StoreError, checked_files, open_store, pmfile
from tests.format_support import (
    FIXED_NOW,
    NEWER_EVENT_FIELD,
    NEWER_HEADER_FIELD,
    SAMPLE_ID,
    make_newer_database,
    make_newer_file,
    sample_document,
    team_folder,
)

OTHER_ID = "pm-other"
SAYS = "written by a newer pmtui (format 1.99; this one reads up to 1.2)"


def service_over(path: Path) -> PostMortemService:
    return PostMortemService(open_store(path), clock=lambda: FIXED_NOW)


# The codec ---------------------------------------------------------------------------------


def test_the_minor_is_2_since_seen_in_synced_repeat_and_attachments() -> None:
    pm = postmortem_from_dict(sample_document(), now=FIXED_NOW)
    assert FORMAT_MINOR == 2
    assert postmortem_to_dict(pm)["format_minor"] == 2


@pytest.mark.parametrize(("given", "kept"), [(None, 0), (0, 0), (1, 1), (2, 2), (99, 99)])
def test_a_document_keeps_the_minor_it_was_written_with(given: int | None, kept: int) -> None:
    document = sample_document()
    document.pop("format_minor", None)
    if given is not None:
        document["format_minor"] = given
    assert postmortem_from_dict(document, now=FIXED_NOW).format_minor == kept


@pytest.mark.parametrize("bad", ["2", True, -1, 1.5, [2]])
def test_a_minor_that_is_not_a_whole_number_is_refused_by_name(bad: object) -> None:
    document = {**sample_document(), "format_minor": bad}
    with pytest.raises(ValidationError) as raised:
        postmortem_from_dict(document, now=FIXED_NOW)
    assert raised.value.where == "format_minor"


# The team folder ---------------------------------------------------------------------------


def test_a_folder_file_from_a_newer_pmtui_reads_but_is_never_written(tmp_path: Path) -> None:
    root = team_folder(tmp_path / "team", SAMPLE_ID, OTHER_ID)
    file = root / "postmortems" / f"{SAMPLE_ID}.pmtui"
    before = make_newer_file(file)
    with service_over(root) as service:
        pm = service.get(SAMPLE_ID)
        assert pm.format_minor == 99
        assert {s.id for s in service.listing().summaries} == {SAMPLE_ID, OTHER_ID}
        assert SAYS in service.read_only_reason(pm)
        refusals = [
            lambda: service.update(pm, title="Renamed"),
            lambda: service.add_event(pm, at="2025-03-19T10:00:00Z", text="Late note"),
            lambda: service.delete(SAMPLE_ID),
            lambda: service.restore(pm),
            lambda: service.append_evidence(SAMPLE_ID, pm.events[:1]),
            lambda: service.store.save(pm, pm),
        ]
        for refused in refusals:
            with pytest.raises(StoreError) as raised:
                refused()
            assert SAYS in str(raised.value)
        # The others stay editable.
        other = service.get(OTHER_ID)
        assert service.read_only_reason(other) == ""
        service.update(other, title="Edited")
    assert file.read_bytes() == before
    assert NEWER_HEADER_FIELD in before.decode() and NEWER_EVENT_FIELD in before.decode()


def test_an_older_folder_file_loads_and_is_saved_with_this_minor(tmp_path: Path) -> None:
    root = team_folder(tmp_path / "team")
    file = root / "postmortems" / f"{SAMPLE_ID}.pmtui"
    file.write_text(file.read_text().replace('  "format_minor": 2,\n', ""))  # before minors
    with service_over(root) as service:
        pm = service.get(SAMPLE_ID)
        assert pm.format_minor == 0 and service.read_only_reason(pm) == ""
        service.update(pm, title="Renamed")
    header = pmfile.loads_blocks(file.read_bytes(), file)[0]
    assert (header["format_minor"], header["title"]) == (2, "Renamed")


def test_an_append_to_an_older_file_writes_this_minor_into_its_header(tmp_path: Path) -> None:
    root = team_folder(tmp_path / "team")
    file = root / "postmortems" / f"{SAMPLE_ID}.pmtui"
    older = file.read_bytes().replace(b'"format_minor": 2,', b'"format_minor": 1,')
    file.write_bytes(older)
    # As if this user's pmtui of format 1.1 had written it: the splice path would apply.
    checked_files.note(root, file.name, checked_files.digest(older), written=True)
    later = TimelineEvent(
        id="x", at=datetime(2025, 3, 19, 23, 59, tzinfo=UTC), kind=EventKind.NOTE, text="Later"
    )
    with service_over(root) as service:
        assert service.append_evidence(SAMPLE_ID, [later]).added == 1
    header = pmfile.loads_blocks(file.read_bytes(), file)[0]
    assert header["format_minor"] == 2


# The database file -------------------------------------------------------------------------


def test_a_database_record_from_a_newer_pmtui_reads_but_is_never_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "postmortems.json"
    before = make_newer_database(path)
    with service_over(path) as service:
        pm = service.get(SAMPLE_ID)
        assert pm.format_minor == 99
        assert SAYS in service.read_only_reason(pm)
        for refused in (
            lambda: service.update(pm, title="Renamed"),
            lambda: service.delete(SAMPLE_ID),
            lambda: service.append_evidence(SAMPLE_ID, pm.events[:1]),
            lambda: service.store.save(pm, pm),
            lambda: service.store.append_events(SAMPLE_ID, (), FIXED_NOW),
        ):
            with pytest.raises(StoreError) as raised:
                refused()
            assert SAYS in str(raised.value)
        # Another post-mortem in the same file is still written.
        created = service.create("Another incident")
    with PostMortemStore.open(path, read_only=True) as store:
        assert store.load(created.id).title == "Another incident"
    old, new = orjson.loads(before), orjson.loads(path.read_bytes())
    for table in ("events", "whys", "actions"):
        assert new[table] == old[table]
    (header,) = [h for h in new["postmortems"].values() if h["id"] == SAMPLE_ID]
    assert header == next(iter(old["postmortems"].values()))
    assert (header["format_minor"], header["blast_radius"]) == (99, "eu-west-1 only")
    assert any(event.get("confidence") == "high" for event in new["events"].values())


def test_a_database_record_from_before_minors_is_saved_with_this_minor(tmp_path: Path) -> None:
    path = tmp_path / "postmortems.json"
    make_newer_database(path, minor=1)
    data = orjson.loads(path.read_bytes())
    for header in data["postmortems"].values():
        del header["format_minor"]
    path.write_bytes(orjson.dumps(data))
    with service_over(path) as service:
        pm = service.get(SAMPLE_ID)
        assert pm.format_minor == 0
        service.update(pm, title="Renamed")
    (header,) = orjson.loads(path.read_bytes())["postmortems"].values()
    assert (header["format_minor"], header["title"]) == (2, "Renamed")


def test_a_database_record_with_a_minor_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    from pmtui.store import DamagedFile

    path = tmp_path / "postmortems.json"
    make_newer_database(path, minor=1)
    data = orjson.loads(path.read_bytes())
    for header in data["postmortems"].values():
        header["format_minor"] = "two"
    path.write_bytes(orjson.dumps(data))
    with (
        pytest.raises(DamagedFile, match="format_minor is 'two', not a whole number"),
        PostMortemStore.open(path, read_only=True) as store,
    ):
        store.load(SAMPLE_ID)
