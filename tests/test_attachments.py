"""Attachments: stored by content hash beside the database, recorded with alt text, kept
through the codec, the stores and a merge; hostile files are refused with one line."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmtui.limits import MAX_ATTACHMENT_BYTES
from pmtui.merge.postmortem import merge_documents
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import Attachment, PostMortem
from pmtui.service import PostMortemService
from pmtui.store import open_store
from pmtui.store.attachments import (
    AttachmentRefused,
    attachment_data_uri,
    attachments_folder,
    read_image,
    sniff_kind,
)
from pmtui.store.team_init import make_team_folder
from tests.attachment_support import HOSTILE_SVG, JPEG_BYTES, png_bytes
from tests.conftest import CliResult

STAMP = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _service(path: Path) -> PostMortemService:
    return PostMortemService(open_store(path))


def _postmortem(service: PostMortemService) -> PostMortem:
    pm = service.create("Checkout outage")
    pm, _event = service.add_event(pm, at="2026-03-01 09:14", kind="alert", text="Pager fired")
    return pm


def test_kind_comes_from_the_bytes_not_the_name() -> None:
    assert sniff_kind(png_bytes()) == "png"
    assert sniff_kind(JPEG_BYTES) == "jpg"
    assert sniff_kind(HOSTILE_SVG) == "svg"
    assert sniff_kind(b"\xef\xbb\xbf  <svg xmlns='x'/>") == "svg"
    assert sniff_kind(b"#!/bin/sh\necho pwned\n") is None
    assert sniff_kind(b"<html><svg></svg></html>") is None
    assert sniff_kind(b"<svg>\xff\xfe</svg>") is None  # not UTF-8: not an XML file


def test_an_attached_png_is_stored_by_its_hash_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    image = tmp_path / "evil name.png"
    image.write_bytes(png_bytes())
    with _service(db) as service:
        pm = _postmortem(service)
        event = pm.events[0]
        pm, attachment = service.attach(pm, image, "Error rate at 09:14", event_id=event.id)
        digest = hashlib.sha256(png_bytes()).hexdigest()
        assert attachment.file_name == f"{digest}.png"
        stored = tmp_path / "pm.json.attachments" / f"{digest}.png"
        assert stored.read_bytes() == png_bytes()
    with _service(db) as service:
        again = service.get(pm.id)
    assert again.attachments == (attachment,)
    assert again.attachments_of(event_id=event.id) == (attachment,)


def test_a_team_folder_keeps_attachments_inside_it_and_marks_them_binary(tmp_path: Path) -> None:
    root = tmp_path / "team"
    make_team_folder(root, markdown=False)
    assert "attachments/* binary" in (root / ".gitattributes").read_text().splitlines()
    image = tmp_path / "graph.svg"
    image.write_bytes(HOSTILE_SVG)
    with _service(root) as service:
        pm = _postmortem(service)
        pm, attachment = service.attach(pm, image, "p99 latency", section="impact")
    assert attachments_folder(root) == root / "attachments"
    assert (root / "attachments" / attachment.file_name).read_bytes() == HOSTILE_SVG
    with _service(root) as service:
        assert service.get(pm.id).attachments == (attachment,)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"#!/bin/sh\necho pwned\n"), "is not a PNG, JPEG or SVG"),
        (lambda p: os.symlink("/etc/passwd", p), "is a symbolic link"),
        (lambda p: os.mkfifo(p), "named pipe"),
        (lambda p: p.mkdir(), "Is a directory"),
        (lambda p: None, "no such file"),
    ],
)
def test_a_file_that_is_not_a_plain_image_is_refused(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shot.png"
    make(path)
    with pytest.raises(AttachmentRefused, match=message):
        read_image(path, "shot.png")


@pytest.mark.parametrize(
    ("name", "message"),
    [("x" * 300 + ".png", "File name too long"), ("shot\x00.png", "cannot be a file name")],
    ids=["name-too-long", "nul-in-name"],
)
def test_a_name_the_disk_refuses_is_a_refusal_not_a_crash(
    tmp_path: Path, name: str, message: str
) -> None:
    # The attach dialog shows a refusal under the path; an OSError or ValueError closed pmtui.
    with pytest.raises(AttachmentRefused, match=message):
        read_image(tmp_path / name, name)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as handle:
        handle.write(png_bytes())
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(AttachmentRefused, match="up to 10 MiB"):
        read_image(path)


def test_a_linked_attachments_folder_is_never_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tmp_path / "pm.json.attachments")
    image = tmp_path / "graph.png"
    image.write_bytes(png_bytes())
    with _service(tmp_path / "pm.json") as service:
        pm = _postmortem(service)
        with pytest.raises(ValidationError, match="not a folder"):
            service.attach(pm, image, "graph", section="impact")
        assert service.get(pm.id).attachments == ()
    assert list(elsewhere.iterdir()) == []


def test_alt_text_and_a_place_are_required(tmp_path: Path) -> None:
    image = tmp_path / "graph.png"
    image.write_bytes(png_bytes())
    with _service(tmp_path / "pm.json") as service:
        pm = _postmortem(service)
        with pytest.raises(ValidationError, match="alt text"):
            service.attach(pm, image, "  ", section="impact")
        with pytest.raises(ValidationError, match="either an event or a section"):
            service.attach(pm, image, "graph")
        with pytest.raises(ValidationError, match="not a section"):
            service.attach(pm, image, "graph", section="../../etc")
        with pytest.raises(KeyError):
            service.attach(pm, image, "graph", event_id="nope")
    assert not (tmp_path / "pm.json.attachments").exists()  # nothing copied for nothing


def test_detach_removes_the_record_and_keeps_the_file(tmp_path: Path) -> None:
    image = tmp_path / "graph.png"
    image.write_bytes(png_bytes())
    with _service(tmp_path / "pm.json") as service:
        pm = _postmortem(service)
        pm, attachment = service.attach(pm, image, "graph", section="impact")
        pm, removed = service.detach(pm, attachment.id)
        assert removed == attachment
        assert service.get(pm.id).attachments == ()
    assert (tmp_path / "pm.json.attachments" / attachment.file_name).exists()


def _attachment(**changes: object) -> Attachment:
    base = Attachment(
        id="at1",
        sha256="ab" * 32,
        ext="png",
        alt="Error rate",
        section="impact",
        added_at=STAMP,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_codec_round_trips_attachments_and_old_files_read_without_them() -> None:
    pm = PostMortem(id="p1", title="Outage", attachments=(_attachment(),))
    document = postmortem_to_dict(pm)
    assert document["attachments"] == [
        {
            "id": "at1",
            "sha256": "ab" * 32,
            "ext": "png",
            "alt": "Error rate",
            "section": "impact",
            "added_at": "2026-03-01T09:00:00Z",
        }
    ]
    assert postmortem_from_dict(document).attachments == pm.attachments
    old = postmortem_to_dict(PostMortem(id="p2", title="Before attachments"))
    assert "attachments" not in old
    assert postmortem_from_dict(old).attachments == ()


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("sha256", "../../../../etc/passwd", "sha256"),
        ("sha256", "ab" * 31, "sha256"),
        ("ext", "html", "ext"),
        ("ext", "png/../../x", "ext"),
        ("alt", "", "alt"),
        ("section", "nowhere", "section"),
    ],
)
def test_the_codec_refuses_a_record_that_could_name_a_path(
    field: str, value: str, where: str
) -> None:
    document = postmortem_to_dict(PostMortem(id="p1", title="Outage", attachments=(_attachment(),)))
    document["attachments"][0][field] = value
    with pytest.raises(ValidationError) as error:
        postmortem_from_dict(document)
    assert error.value.where == f"attachments[0].{where}"


def test_a_database_holding_a_hostile_attachment_record_is_refused_as_damaged(
    tmp_path: Path,
) -> None:
    import orjson

    from pmtui.store import DamagedFile

    db = tmp_path / "pm.json"
    with _service(db) as service:
        pm = service.create("Outage")
        image = tmp_path / "graph.png"
        image.write_bytes(png_bytes())
        service.attach(pm, image, "graph", section="impact")
    data = orjson.loads(db.read_bytes())
    for doc in data["postmortems"].values():
        doc["attachments"][0]["sha256"] = "../../../home/user/.ssh/id_rsa"
    db.write_bytes(orjson.dumps(data))
    with pytest.raises(DamagedFile, match="SHA-256"):
        open_store(db)


def test_a_merge_keeps_attachments_from_both_sides() -> None:
    base = PostMortem(id="p1", title="Outage", created_at=STAMP, updated_at=STAMP)
    ours = base.with_attachment(_attachment(id="a1"))
    theirs = base.with_attachment(_attachment(id="a2", sha256="cd" * 32, event_id="e1", section=""))
    merged = merge_documents(
        postmortem_to_dict(base), postmortem_to_dict(ours), postmortem_to_dict(theirs)
    )
    result = postmortem_from_dict(merged)
    assert {a.id for a in result.attachments} == {"a1", "a2"}
    assert result.conflicts == ()
    removed = merge_documents(
        postmortem_to_dict(ours), postmortem_to_dict(base), postmortem_to_dict(ours)
    )
    assert "attachments" not in removed  # one side removed it, the other left it alone


def test_data_uri_carries_the_kind_the_bytes_show(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.png"
    path.write_bytes(HOSTILE_SVG)
    assert attachment_data_uri(path).startswith("data:image/svg+xml;base64,")
    link = tmp_path / "link.png"
    os.symlink(path, link)
    with pytest.raises(AttachmentRefused):
        attachment_data_uri(link)


def test_check_names_an_attachment_whose_file_is_missing(
    tmp_path: Path,
    run_cli,
    env_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    image = tmp_path / "graph.png"
    image.write_bytes(png_bytes())
    with _service(env_db) as service:
        pm = service.create("Outage")
        pm, attachment = service.attach(pm, image, "graph", section="impact")
    (env_db.parent / f"{env_db.name}.attachments" / attachment.file_name).unlink()
    result: CliResult = run_cli("check", pm.id)
    assert f"attachment-missing at attachments[{attachment.id}]" in result.out
    assert result.code == 1
