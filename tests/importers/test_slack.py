"""Slack workspace export: folder and zip, channels, users, bots, threads, pins and reactions."""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.importers import ImporterError, read_evidence, slack_export
from pmtui.model.enums import EventKind
from tests.importers.conftest import SLACK_EXPORT, zip_folder

INCIDENT_CHANNEL = [
    "Alice Chen: Latency started right after the 13:58 deploy of auth-service v2.42 & the cache "
    "flag. @Bob Okafor can you check #ops-alerts?",
    "Bob Okafor ↳ reply to Alice Chen's 14:08 UTC message: Confirmed: error rate on auth-2 "
    "tracks the flag rollout",
    "Alice Chen: Rolling back auth-service to v2.41 now",
    "Bob Okafor: shared p99 latency after rollback",
    "Bob Okafor: Latency back under 300 ms on both instances",
    "Alice Chen: Post-mortem draft is up; review tomorrow 10:00",
]


def texts(result) -> list[str]:
    return [event.text for event in result.events]


def test_the_unpacked_folder_and_the_zip_give_the_same_events(slack_zip: Path) -> None:
    from_folder = read_evidence(SLACK_EXPORT)
    from_zip = read_evidence(slack_zip)
    assert from_folder.format == from_zip.format == "slack"
    assert from_folder.events == from_zip.events
    assert len(from_folder.events) == 10
    assert from_folder.rejected == ()


def test_a_zip_with_a_wrapper_folder_and_macos_junk(tmp_path: Path) -> None:
    target = zip_folder(SLACK_EXPORT, tmp_path / "export.zip", wrapper="acme", macos_junk=True)
    assert read_evidence(target).events == read_evidence(SLACK_EXPORT).events


def test_one_channel_by_name_with_or_without_hash() -> None:
    result = read_evidence(SLACK_EXPORT, channel="inc-auth-outage")
    assert texts(result) == [
        "@Alice Chen set the channel topic: SEV2: login latency | IC: alice",
        *INCIDENT_CHANNEL,
    ]
    for name in ("#inc-auth-outage", "INC-AUTH-OUTAGE"):
        assert read_evidence(SLACK_EXPORT, channel=name).events == result.events


def test_an_unknown_channel_lists_the_ones_there() -> None:
    with pytest.raises(ImporterError) as error:
        read_evidence(SLACK_EXPORT, channel="general")
    assert "has no channel 'general'; it has: inc-auth-outage, ops-alerts" in str(error.value)


def test_all_channels_prefix_each_text_with_its_channel() -> None:
    result = read_evidence(SLACK_EXPORT)
    assert all(text.startswith(("#ops-alerts ", "#inc-auth-outage ")) for text in texts(result))


def test_epoch_strings_with_fractions_are_exact_and_the_file_name_is_not_the_date() -> None:
    events = read_evidence(SLACK_EXPORT, channel="inc-auth-outage").events
    parent = events[1]
    assert parent.at == datetime(2025, 3, 11, 14, 8, 45, 900001, tzinfo=UTC)
    late = events[-1]
    assert late.where == "inc-auth-outage/2025-03-12.json[0]"
    assert late.at == datetime(2025, 3, 11, 23, 30, 0, 999999, tzinfo=UTC)


def test_users_are_named_from_users_json_and_mentions_rendered() -> None:
    first = read_evidence(SLACK_EXPORT, channel="inc-auth-outage").events[1]
    assert first.text == INCIDENT_CHANNEL[0]
    # The original keeps Slack's own text, ids and escapes, plus the message's ts.
    assert first.original == (
        "1741702125.900001 #inc-auth-outage U01ALICE: Latency started right after the 13:58 "
        "deploy of auth-service v2.42 &amp; the cache flag. <@U02BOB> can you check "
        "<#C0OPSALERTS|ops-alerts>?"
    )


def test_webhook_and_app_bots_are_both_read() -> None:
    webhook, app, resolved = read_evidence(SLACK_EXPORT, channel="ops-alerts").events
    assert webhook.kind is EventKind.ALERT
    assert webhook.text == (
        "Alertmanager: [FIRING:2] AuthLatencyHigh auth (critical identity) — p99 login "
        "latency above 2s on auth-1:9100 & auth-2:9100"
    )
    assert app.kind is EventKind.NOTE
    assert app.text == "PagerDuty: Triggered #1234 AuthLatencyHigh: p99 login latency above 2s"
    assert resolved.text.startswith("Alertmanager: [RESOLVED] AuthLatencyHigh")
    assert webhook.at == datetime(2025, 3, 11, 14, 0, 35, 200, tzinfo=UTC)


def test_joins_are_skipped_unless_asked_for_and_topics_are_kept() -> None:
    skipped = read_evidence(SLACK_EXPORT, channel="inc-auth-outage")
    assert not any("joined" in text for text in texts(skipped))
    assert "skipped 2 joins and leaves (keep them with --joins)" in skipped.notes
    kept = read_evidence(SLACK_EXPORT, channel="inc-auth-outage", joins=True)
    assert texts(kept)[:3] == [
        "@Alice Chen has joined the channel",
        "@Alice Chen set the channel topic: SEV2: login latency | IC: alice",
        "@Bob Okafor has joined the channel",
    ]


def test_pinned_messages_are_key_moments() -> None:
    events = read_evidence(SLACK_EXPORT).events
    assert [e.text for e in events if e.key] == [
        "#inc-auth-outage Alice Chen: Rolling back auth-service to v2.41 now"
    ]


def test_a_chosen_reaction_marks_key_moments_too_and_key_only_keeps_just_those() -> None:
    result = read_evidence(SLACK_EXPORT, key_reaction=":white_check_mark:", key_only=True)
    assert texts(result) == [
        "#inc-auth-outage Alice Chen: Rolling back auth-service to v2.41 now",
        "#inc-auth-outage Bob Okafor: Latency back under 300 ms on both instances",
    ]
    assert "kept 2 key moments (pinned or with the chosen reaction)" in result.notes


def test_pins_from_channels_json_alone_are_enough(tmp_path: Path) -> None:
    export = shutil.copytree(SLACK_EXPORT, tmp_path / "export")
    day = export / "inc-auth-outage" / "2025-03-11.json"
    messages = orjson.loads(day.read_bytes())
    for message in messages:
        message.pop("pinned_to", None)
    day.write_bytes(orjson.dumps(messages))
    assert sum(e.key for e in read_evidence(export).events) == 1


def test_a_channel_folder_or_a_day_file_alone() -> None:
    channel = read_evidence(SLACK_EXPORT / "inc-auth-outage", format="slack")
    assert [t for t in texts(channel) if "topic" not in t] == INCIDENT_CHANNEL
    day = read_evidence(SLACK_EXPORT / "ops-alerts" / "2025-03-11.json")
    assert day.format == "slack"
    assert len(day.events) == 3


def test_without_users_json_names_come_from_user_profile_or_the_id(tmp_path: Path) -> None:
    export = shutil.copytree(SLACK_EXPORT, tmp_path / "export")
    (export / "users.json").unlink()
    result = read_evidence(export, channel="inc-auth-outage")
    assert texts(result)[1].startswith("Alice Chen: ")  # from the message's user_profile
    assert texts(result)[2].startswith("U02BOB ↳ reply to Alice Chen's 14:08 UTC message: ")


def test_a_broken_day_file_is_rejected_and_the_rest_imports(tmp_path: Path) -> None:
    export = shutil.copytree(SLACK_EXPORT, tmp_path / "export")
    (export / "ops-alerts" / "2025-03-11.json").write_text('[{"type": "message", "ts": "17')
    (export / "inc-auth-outage" / "2025-03-12.json").write_text('{"not": "a list"}')
    result = read_evidence(export)
    assert len(result.events) == 6
    assert [where for where, _ in result.rejected] == [
        "inc-auth-outage/2025-03-12.json",
        "ops-alerts/2025-03-11.json",
    ]


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ({"type": "message", "text": "no time", "user": "U01ALICE"}, "no ts"),
        ({"type": "message", "ts": "yesterday", "text": "x"}, "is not epoch seconds"),
        ({"type": "message", "ts": "999999999999.5", "text": "x"}, "is out of range"),
        ({"type": "message", "ts": "1741702125.1"}, "an empty message"),
        ("just a string", "not a message"),
    ],
)
def test_bad_messages_are_rejected_with_reasons(
    tmp_path: Path, message: object, reason: str
) -> None:
    day = tmp_path / "export" / "inc" / "2025-03-11.json"
    day.parent.mkdir(parents=True)
    day.write_bytes(orjson.dumps([message, {"type": "message", "ts": "1741702125", "text": "ok"}]))
    result = read_evidence(tmp_path / "export")
    assert texts(result) == ["someone: ok"]
    [(where, why)] = result.rejected
    assert where == "inc/2025-03-11.json[0]" and reason in why


def test_deeply_nested_blocks_are_read_without_recursing(tmp_path: Path) -> None:
    day = tmp_path / "export" / "inc" / "2025-03-11.json"
    day.parent.mkdir(parents=True)
    blocks = '{"type": "section", "elements": [' * 500 + '{"type": "text", "text": "deep"}'
    blocks += "]}" * 500
    day.write_text(f'[{{"type": "message", "ts": "1741702125", "text": "", "blocks": [{blocks}]}}]')
    assert texts(read_evidence(tmp_path / "export")) == ["someone: deep"]


def test_numeric_ts_and_created_strings_are_accepted(tmp_path: Path) -> None:
    day = tmp_path / "export" / "inc" / "2025-03-11.json"
    day.parent.mkdir(parents=True)
    day.write_bytes(orjson.dumps([{"type": "message", "ts": 1741702125.5, "text": "float ts"}]))
    assert read_evidence(tmp_path / "export").events[0].at == datetime(
        2025, 3, 11, 14, 8, 45, 500000, tzinfo=UTC
    )


def test_an_export_too_big_to_read_asks_for_one_channel(
    slack_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slack_export, "MAX_BYTES", 9000)
    with pytest.raises(ImporterError, match="holds more than 9000 bytes of messages"):
        read_evidence(slack_zip)
    assert len(read_evidence(slack_zip, channel="ops-alerts").events) == 3


def test_a_zip_that_is_not_an_export(tmp_path: Path) -> None:
    target = tmp_path / "photos.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8\xff")
    with pytest.raises(ImporterError, match="is not a Slack export"):
        read_evidence(target)


def test_a_damaged_zip(tmp_path: Path, slack_zip: Path) -> None:
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(slack_zip.read_bytes()[:300])
    with pytest.raises(ImporterError, match=r"damaged\.zip is not a readable zip file"):
        read_evidence(damaged)


def test_an_encrypted_or_corrupt_member_is_a_clear_error(tmp_path: Path, slack_zip: Path) -> None:
    data = bytearray(slack_zip.read_bytes())
    with zipfile.ZipFile(slack_zip) as archive:
        info = archive.getinfo("ops-alerts/2025-03-11.json")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 20] = b"\x00" * 20  # damage the compressed bytes of one day file
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    with pytest.raises(ImporterError, match=r"ops-alerts/2025-03-11\.json cannot be"):
        read_evidence(broken)


# Files that are not the export's -----------------------------------------------------------

OUTSIDE_DAY = [
    {"type": "message", "text": "SECRET from outside", "user": "U01ALICE", "ts": "1741735900.0"}
]


def test_symlinks_out_of_an_export_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "day.json").write_bytes(orjson.dumps(OUTSIDE_DAY))
    (outside / "2025-03-13.json").write_bytes(orjson.dumps(OUTSIDE_DAY))
    export = shutil.copytree(SLACK_EXPORT, tmp_path / "slack")
    channel = export / "inc-auth-outage"
    (channel / "2025-03-13.json").symlink_to(outside / "day.json")
    (export / "leaked").symlink_to(outside, target_is_directory=True)
    # Inside the export, a symlink is an ordinary way to lay files out: followed.
    (channel / "2025-03-12.json").rename(export / "moved.json")
    (channel / "2025-03-12.json").symlink_to(export / "moved.json")

    assert read_evidence(export).events == read_evidence(SLACK_EXPORT).events
    one_channel = read_evidence(SLACK_EXPORT / "inc-auth-outage").events
    assert read_evidence(channel).events == one_channel


def test_zip_members_outside_the_export_or_symlinks_are_ignored(tmp_path: Path) -> None:
    target = zip_folder(SLACK_EXPORT, tmp_path / "export.zip")
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr("../2025-03-13.json", orjson.dumps(OUTSIDE_DAY))
        archive.writestr("/inc-auth-outage/2025-03-13.json", orjson.dumps(OUTSIDE_DAY))
        archive.writestr("inc-auth-outage/../../2025-03-13.json", orjson.dumps(OUTSIDE_DAY))
        link = zipfile.ZipInfo("inc-auth-outage/2025-03-13.json")
        link.external_attr = (0o120777 << 16) | 0x20  # a symlink, as `zip --symlinks` stores it
        archive.writestr(link, b"/etc/passwd")
    result = read_evidence(target)
    assert result.events == read_evidence(SLACK_EXPORT).events
    assert result.rejected == ()
