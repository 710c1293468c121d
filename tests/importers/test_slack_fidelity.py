"""Slack messages read like the incident: real names, links kept, mrkdwn made readable,
thread replies pointing at their parent, multi-line messages keeping their lines."""

from __future__ import annotations

from pathlib import Path

import orjson

from pmtui.importers import read_evidence

USERS = [
    {"id": "U1", "name": "ana", "real_name": "Ana Lima", "profile": {"display_name": "ana.l"}},
    {"id": "U2", "name": "bo", "profile": {"real_name": "Bo Chen", "display_name": "bochen"}},
]
PARENT_TS = "1741701720.000100"  # 2025-03-11 14:02:00 UTC, 15:02 in Berlin


def export(tmp_path: Path, *messages: dict[str, object]) -> Path:
    root = tmp_path / "export"
    (root / "inc").mkdir(parents=True)
    (root / "users.json").write_bytes(orjson.dumps(USERS))
    (root / "inc" / "2025-03-11.json").write_bytes(orjson.dumps(list(messages)))
    return root


def message(ts: str, user: str, text: str, **more: object) -> dict[str, object]:
    return {"type": "message", "ts": ts, "user": user, "text": text, **more}


def test_people_and_mentions_are_their_real_names_not_handles_or_ids(tmp_path: Path) -> None:
    root = export(tmp_path, message(PARENT_TS, "U2", "<@U1> can you roll back?"))
    [event] = read_evidence(root).events
    assert event.text == "Bo Chen: @Ana Lima can you roll back?"


def test_a_link_keeps_its_url_as_the_events_link_and_later_ones_in_the_text(
    tmp_path: Path,
) -> None:
    text = (
        "See <https://grafana.example.com/d/auth?from=1&amp;to=2|the auth dashboard> and "
        "<https://runbooks.example.com/auth|the runbook>, also <https://status.example.com>"
    )
    root = export(tmp_path, message(PARENT_TS, "U1", text))
    [event] = read_evidence(root).events
    assert event.link == "https://grafana.example.com/d/auth?from=1&to=2"
    assert event.text == (
        "Ana Lima: See the auth dashboard and the runbook (https://runbooks.example.com/auth), "
        "also https://status.example.com"
    )


def test_mrkdwn_becomes_readable_text_without_asterisks_and_emoji_codes_become_emoji(
    tmp_path: Path,
) -> None:
    text = (
        ":rotating_light: *SEV2 declared* for _login_ — ~DNS~ the cache flag; fixed at 14:02:17 "
        ":white_check_mark: :party-parrot: `kill -9 *` auth_service_v2"
    )
    root = export(tmp_path, message(PARENT_TS, "U1", text))
    [event] = read_evidence(root).events
    assert event.text == (
        "Ana Lima: 🚨 SEV2 declared for login — (struck out: DNS) the cache flag; fixed at "
        "14:02:17 ✅ :party-parrot: `kill -9 *` auth_service_v2"
    )


def test_a_thread_reply_names_its_parents_author_and_time_in_the_import_zone(
    tmp_path: Path,
) -> None:
    root = export(
        tmp_path,
        message(PARENT_TS, "U1", "502s on /login", thread_ts=PARENT_TS, reply_count=1),
        message("1741701900.000200", "U2", "on it", thread_ts=PARENT_TS, parent_user_id="U1"),
    )
    parent, reply = read_evidence(root, tz="Europe/Berlin").events
    assert parent.text == "Ana Lima: 502s on /login"
    assert reply.text == "Bo Chen ↳ reply to Ana Lima's 15:02 message: on it"
    utc_reply = read_evidence(root).events[1]
    assert utc_reply.text == "Bo Chen ↳ reply to Ana Lima's 14:02 UTC message: on it"


def test_a_reply_whose_parent_is_not_in_the_export_still_points_at_it(tmp_path: Path) -> None:
    root = export(
        tmp_path,
        message("1741788300.000200", "U2", "still on it", thread_ts=PARENT_TS, parent_user_id="U1"),
    )
    [reply] = read_evidence(root).events
    assert reply.text == "Bo Chen ↳ reply to Ana Lima's 2025-03-11 14:02 UTC message: still on it"
    unknown = export(
        tmp_path / "unknown",
        message("1741701900.000200", "U2", "seen", thread_ts=PARENT_TS, parent_user_id="U9"),
    )
    [reply] = read_evidence(unknown).events
    assert reply.text == "Bo Chen ↳ reply in the 14:02 UTC thread: seen"


def test_a_multi_line_message_keeps_its_lines(tmp_path: Path) -> None:
    text = "Status update:\n• rollback done\n\n• error rate *back to 0.1%*"
    root = export(tmp_path, message(PARENT_TS, "U1", text))
    [event] = read_evidence(root).events
    assert event.text == "Ana Lima: Status update: / • rollback done / • error rate back to 0.1%"
    assert event.original.endswith(text)  # the evidence itself keeps Slack's line breaks
