"""Provides the Slack importer: a workspace export (zip or folder), one channel or all.

Each message becomes a `note` at its `ts` (epoch seconds with six decimals, read exactly;
the day file's name is never trusted for the date). Text is "name: message": people by their
real names from users.json, mentions named, mrkdwn made readable and the first link kept as
the event's link (see `slack_text`). Both bot shapes are read: an app (PagerDuty: `bot_id`
and `bot_profile`, no subtype) and an incoming webhook (Alertmanager: subtype `bot_message`
with `username`); a bot's "[FIRING..." post is an `alert`. A thread reply points to its
parent: "Bob Okafor ↳ reply to Alice Chen's 14:08 message: ...", the time in the import's
timezone (UTC when none is given). Topic, purpose and name changes are kept as notes; joins and
leaves are skipped unless asked for. Pinned messages, and messages carrying a chosen reaction,
are key moments (`ImportedEvent.key`), and can be the only ones kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import orjson

from pmtui.importers.base import (
    Collector,
    ImportedEvent,
    ImporterError,
    Record,
    RowError,
    clean_text,
    clip_original,
    text_field,
)
from pmtui.importers.slack_export import ExportFiles, open_export
from pmtui.importers.slack_text import (
    attachment_text,
    block_text,
    file_text,
    one_line,
    render,
)
from pmtui.importers.source import Input
from pmtui.importers.stamps import from_epoch
from pmtui.model.enums import EventKind

JOINS = frozenset({"channel_join", "channel_leave", "group_join", "group_leave"})
CHANGES = frozenset(
    {"channel_topic", "channel_purpose", "channel_name", "group_topic", "group_purpose"}
)
# Notices about other messages, or messages that no longer exist.
SKIPPED = frozenset(
    {
        "tombstone",
        "message_deleted",
        "message_changed",
        "message_replied",
        "pinned_item",
        "unpinned_item",
        "bot_add",
        "bot_remove",
        "bot_enable",
        "bot_disable",
    }
)


def read_slack(inp: Input, collector: Collector) -> None:
    export = open_export(inp)
    reader = _Reader(collector, _user_names(export), *_channel_meta(export))
    channels = _choose(export, collector.options.channel)
    reader.prefix = len(channels) > 1
    for channel in channels:
        for path in export.channels[channel]:
            try:
                messages = orjson.loads(export.read(path))
            except orjson.JSONDecodeError as error:
                collector.reject(path, f"not valid JSON ({error})")
                continue
            if not isinstance(messages, list):
                collector.reject(path, "not a Slack day file (a JSON array of messages)")
                continue
            for index, message in enumerate(messages):
                where = f"{path}[{index}]"
                try:
                    event = reader.event(message, channel, where)
                except RowError as error:
                    collector.reject(where, str(error))
                    continue
                if event is not None:
                    collector.add(event)
    reader.report()


def _choose(export: ExportFiles, wanted: str | None) -> list[str]:
    if not export.channels:
        raise ImporterError(f"{export.name} has no channel folders with messages")
    if wanted is None:
        return sorted(export.channels)
    key = wanted.strip().lstrip("#").lower()
    for name in export.channels:
        if name.lower() == key:
            return [name]
    shown = ", ".join(sorted(export.channels)[:20])
    raise ImporterError(f"{export.name} has no channel {wanted!r}; it has: {shown}")


def _user_names(export: ExportFiles) -> dict[str, str]:
    names: dict[str, str] = {}
    for path in ("users.json", "org_users.json"):
        users = export.json(path)
        for user in users if isinstance(users, list) else ():
            if isinstance(user, dict) and isinstance(user.get("id"), str):
                names[user["id"]] = _person(user) or user["id"]
    return names


def _person(record: object) -> str:
    """The name Slack shows for a user object or a message's `user_profile`."""
    if not isinstance(record, dict):
        return ""
    profile = record.get("profile")
    # The real name first: a post-mortem is read by people who may not know the handles.
    for source, key in (
        (profile, "real_name"),
        (record, "real_name"),
        (profile, "display_name"),
        (record, "display_name"),
        (record, "name"),
    ):
        if isinstance(source, dict) and text_field(source, key).strip():
            return text_field(source, key).strip()
    return ""


def _channel_meta(export: ExportFiles) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Channel ids to names (for <#C…> mentions), and each channel's pinned message ts."""
    ids: dict[str, str] = {}
    pins: dict[str, set[str]] = {}
    for path in ("channels.json", "groups.json", "mpims.json"):
        channels = export.json(path)
        for channel in channels if isinstance(channels, list) else ():
            if not isinstance(channel, dict) or not isinstance(channel.get("name"), str):
                continue
            if isinstance(channel.get("id"), str):
                ids[channel["id"]] = channel["name"]
            pinned = channel.get("pins")
            if isinstance(pinned, list):
                pins[channel["name"]] = {
                    _ts_text(pin.get("id")) for pin in pinned if isinstance(pin, dict)
                }
    return ids, pins


def _ts_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.6f}"
    return ""


@dataclass
class _Reader:
    collector: Collector
    users: Mapping[str, str]
    channel_ids: Mapping[str, str]
    pins: Mapping[str, set[str]]
    prefix: bool = False
    skipped: dict[str, int] = field(default_factory=dict)
    kept_key: int = 0
    # Who started each thread and when, by (channel, ts): only thread parents are kept.
    parents: dict[tuple[str, str], tuple[str, datetime]] = field(default_factory=dict)

    def event(self, message: object, channel: str, where: str) -> ImportedEvent | None:
        if not isinstance(message, dict):
            raise RowError("not a message (a JSON object)")
        options = self.collector.options
        subtype = text_field(message, "subtype")
        if message.get("type", "message") != "message" or subtype in SKIPPED:
            self._skip("notices about other messages")
            return None
        if message.get("hidden") is True:
            self._skip("hidden messages")
            return None
        if subtype in JOINS and not options.joins:
            self._skip("joins and leaves (keep them with --joins)")
            return None
        ts = _ts_text(message.get("ts"))
        if not ts:
            raise RowError("no ts (the message's time)")
        at = from_epoch(ts)
        thread = _ts_text(message.get("thread_ts"))
        if thread == ts or message.get("reply_count"):
            # Kept even when the parent itself is skipped below: its replies still name it.
            self.parents[(channel, ts)] = (self._name(message, subtype), at)
        key = self._is_key(message, channel, ts)
        if options.key_only and not key:
            self._skip("messages that are not key moments")
            return None
        raw = text_field(message, "text")
        links: list[str] = []
        body = self._body(message, raw, links)
        bot = subtype == "bot_message" or bool(text_field(message, "bot_id"))
        if subtype in JOINS or subtype in CHANGES:
            text = body  # Slack's own text names who did it: "<@U…> set the channel topic: …"
        else:
            reply = self._reply(message, channel, thread, at) if thread and thread != ts else ""
            text = f"{self._name(message, subtype)}{reply}: {body}"
        if self.prefix:
            text = f"#{channel} {text}"
        firing = bot and body.lstrip().upper().startswith("[FIRING")
        who = (
            text_field(message, "user")
            or text_field(message, "username")
            or text_field(message, "bot_id")
        )
        self.kept_key += key
        return ImportedEvent(
            at=at,
            kind=EventKind.ALERT if firing else EventKind.NOTE,
            text=clean_text(text),
            source="slack",
            original=clip_original(f"{ts} #{channel} {who or '?'}: {raw or body}"),
            link=links[0] if links else "",
            where=where,
            key=key,
        )

    def _skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def _body(self, message: Record, raw: str, links: list[str]) -> str:
        for text in (
            raw,
            attachment_text(message.get("attachments"), links),
            block_text(message.get("blocks")),
        ):
            if not text:
                continue
            rendered = clean_text(one_line(render(text, self.users, self.channel_ids, links)))
            if rendered:
                return rendered
            links.clear()
        shared = file_text(message.get("files"))
        if shared:
            return shared
        raise RowError("an empty message (no text, attachment, block or file)")

    def _name(self, message: Record, subtype: str) -> str:
        user = text_field(message, "user")
        profile = message.get("bot_profile")
        bot_name = text_field(profile, "name") if isinstance(profile, dict) else ""
        if subtype == "bot_message":  # an incoming webhook names itself
            return text_field(message, "username") or bot_name or self.users.get(user) or "bot"
        return (
            self.users.get(user)
            or _person(message.get("user_profile"))
            or bot_name
            or text_field(message, "username")
            or user
            or "someone"
        )

    def _reply(self, message: Record, channel: str, thread: str, at: datetime) -> str:
        """ " ↳ reply to Alice Chen's 14:08 message", from the parent when it was read, else
        from the reply's own `parent_user_id` and `thread_ts` (the parent's ts)."""
        parent = self.parents.get((channel, thread))
        if parent is not None:
            name, parent_at = parent
        else:
            # An id missing from users.json is no name to show: the thread's time still is.
            name = self.users.get(text_field(message, "parent_user_id"), "")
            try:
                parent_at = from_epoch(thread)
            except RowError:
                return " ↳ reply in a thread"
        when = self._clock(parent_at, at)
        return f" ↳ reply to {name}'s {when} message" if name else f" ↳ reply in the {when} thread"

    def _clock(self, moment: datetime, beside: datetime) -> str:
        """A parent's time as the room reads it, with its date when it is not the reply's."""
        zone = self.collector.options.tz
        if zone is None:
            shown, near = moment, beside
            suffix = " UTC"
        else:
            shown, near = moment.astimezone(zone), beside.astimezone(zone)
            suffix = ""
        clock = (
            shown.strftime("%H:%M")
            if shown.date() == near.date()
            else shown.strftime("%Y-%m-%d %H:%M")
        )
        return clock + suffix

    def _is_key(self, message: Record, channel: str, ts: str) -> bool:
        pinned_to = message.get("pinned_to")
        if ts in self.pins.get(channel, ()) or (isinstance(pinned_to, list) and pinned_to):
            return True
        wanted = (self.collector.options.key_reaction or "").strip(":").lower()
        reactions = message.get("reactions")
        if not wanted or not isinstance(reactions, list):
            return False
        return any(
            isinstance(r, dict) and text_field(r, "name").split("::")[0].lower() == wanted
            for r in reactions
        )

    def report(self) -> None:
        notes = self.collector.notes
        for why, count in self.skipped.items():
            notes.append(f"skipped {count} {why}")
        if self.collector.options.key_only:
            notes.append(f"kept {self.kept_key} key moments (pinned or with the chosen reaction)")
