"""Provides OverviewPane: header fields and the narrative sections, saved as you type."""

from __future__ import annotations

import re
import time
from functools import partial
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TabbedContent, Tabs, TextArea

from pmtui.analysis.blame import BLAME_LANGUAGE, people
from pmtui.analysis.person_blame import blame_matches
from pmtui.model.enums import Severity, Status
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import SECTIONS, PostMortem
from pmtui.model.related import related_from_text, related_to_text
from pmtui.model.times import incident_day_preview
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.messages import PaneKeyTyped, PublishRequested, RefusedTypingChanged
from pmtui.ui.notices import OVERVIEW_LAYOUT, notify_kind
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.typed_words import TYPING_SECONDS
from pmtui.ui.widgets.customer_fields import customer_defaults, customer_field_text
from pmtui.ui.widgets.entered_box import select_entered
from pmtui.ui.widgets.form_field import FormField, refusal, refused_field
from pmtui.ui.widgets.hint_line import BlameHintLine
from pmtui.ui.widgets.narrative_area import NarrativeArea, change_end
from pmtui.ui.widgets.status_bar import SaveState
from pmtui.ui.widgets.type_select import TypeSelect
from pmtui.ui.widgets.zone_suggester import ZoneSuggester

#: The field where related incidents are typed, one a line (see model.related).
RELATED = "related_incidents"

#: Typing is saved this long after the last keystroke (and at once on leaving the field).
DEBOUNCE_SECONDS = 0.8
#: Typing without a pause is saved (one step of undo) at the first word's end after this.
BATCH_SECONDS = 5.0
#: A sentence just ended: its end typed, then a space or a new line.
_SENTENCE_ENDED = re.compile(r"[.!?]\s")  # matched on the last two characters only

#: Under Incident date while it holds no typed "-3d" whose day could be shown instead.
_INCIDENT_DATE_HINT = "YYYY-MM-DD"

_TEXT_FIELDS = (
    ("title", "Title", ""),
    ("owner", "Owner / facilitator", ""),
    ("incident_date", "Incident date", _INCIDENT_DATE_HINT),
    ("timezone", "Timezone", "IANA name, e.g. Europe/Berlin"),
    ("attendees", "Attendees", "comma-separated"),
    ("services", "Services / tags", "comma-separated"),
)
_TEXT_FIELD_NAMES = frozenset(name for name, *_ in _TEXT_FIELDS)

#: The drop-downs of the header, with their labels ("Nothing typed on Severity was kept").
_SELECT_LABELS = {"severity": "Severity", "status": "Status"}

_FIELD_NAMES = frozenset(
    [name for name, *_ in _TEXT_FIELDS] + list(_SELECT_LABELS) + [key for key, _ in SECTIONS]
)
_SECTION_NAMES = frozenset(key for key, _ in SECTIONS)
#: How many texts of one section OverviewPane remembers the typed ends of.
_TYPED_ENDS_KEPT = 200


#: The customer version's own header fields, edited under the customer-facing message.
_CUSTOMER_FIELDS = (
    ("customer_title", "Customer title"),
    ("customer_impact_start", "Customers affected from"),
    ("customer_impact_end", "until"),
)


def _field_text(pm: PostMortem, name: str) -> str:
    value = getattr(pm, name)
    if isinstance(value, tuple):
        return ", ".join(value)
    if value is None:
        return ""
    return str(value)


#: Every field show_field can show: the header, the sections, the customer version's own
#: fields and the related incidents (an undo of any lands on it).
_SHOWN_FIELDS = _FIELD_NAMES | {name for name, _ in _CUSTOMER_FIELDS} | {RELATED}

#: What each field is called where the user reads it ("Undid: typing in Title").
_FIELD_LABELS = {
    **{name: label for name, label, _ in _TEXT_FIELDS},
    **dict(SECTIONS),
    **dict(_CUSTOMER_FIELDS),
    RELATED: "Related incidents",
}


def _refill(box: Input, text: str, *, typing: bool) -> None:
    """Show `text` in `box`. After an undo or redo (not `typing`), or in the box being typed
    in, the cursor goes after what changed: left where it was, a redo into an empty box put
    the next words in front of the tags it put back (mock meeting 21a). Any other box keeps
    showing its text from the start."""
    place_cursor = box.has_focus or not typing
    end = change_end(box.value, text) if place_cursor else 0
    with box.prevent(Input.Changed):
        box.value = text
    if place_cursor:
        box.cursor_position = end


class OverviewScroll(VerticalScroll, can_focus=False):
    """Scrolls the form; not a tab stop of its own, so tab goes from field to field."""


class OverviewPane(WorkspacePane):
    TAB_ID = "overview"

    def __init__(self) -> None:
        super().__init__(id="overview-pane")
        self._pending: dict[str, str] = {}
        #: When the typing not yet saved began (time.monotonic()).
        self._batch_began = 0.0
        self._timer: Timer | None = None
        #: The field the Overview last put the cursor in and its text then, until a key is
        #: read there (see pane_key_typed_here).
        self._placed: tuple[str, str] | None = None
        #: The field whose sentence a pane's digit was just typed after (see
        #: pane_key_typed_here), until that key is read.
        self._after_sentence = ""
        #: For each section, the spaces and line breaks typed after a text that was saved
        #: without them (a save strips them): an undo back to that text shows them again,
        #: so the next words do not stick to it ("enforced.5xx errors", mock meeting 24a).
        self._typed_ends: dict[str, dict[str, str]] = {}
        #: The post-mortem the fields were last brought in line with.
        self._shown: PostMortem | None = None
        #: The field the user last typed in, where a tab key brings them back.
        self._last_edited: str | None = None
        #: The fields typing goes in (see holds_refused_typing), found on first use.
        self._typed_fields: list[FormField] | None = None
        #: The drop-downs with a type-ahead run under way, each with the timer that ends it.
        self._runs: dict[str, Timer] = {}

    def compose(self) -> ComposeResult:
        with OverviewScroll(id="overview-scroll"):
            yield Static("Header", classes="section-heading")
            with Grid(id="header-grid"):
                for name, label, hint in _TEXT_FIELDS[:1]:
                    yield FormField(label, Input(id=f"field-{name}"), hint=hint, id=f"ff-{name}")
                for name, choices in (("severity", Severity), ("status", Status)):
                    yield FormField(
                        _SELECT_LABELS[name],
                        TypeSelect(
                            [(c.value, c.value) for c in choices],
                            allow_blank=False,
                            id=f"field-{name}",
                        ),
                        id=f"ff-{name}",
                    )
                for name, label, hint in _TEXT_FIELDS[1:]:
                    suggester = ZoneSuggester() if name == "timezone" else None
                    box = Input(id=f"field-{name}", suggester=suggester)
                    yield FormField(label, box, hint=hint, id=f"ff-{name}")
            for key, heading in SECTIONS:
                yield Static(heading, classes="section-heading", id=f"heading-{key}")
                yield FormField(
                    heading,
                    NarrativeArea(id=f"field-{key}", soft_wrap=True, tab_behavior="focus"),
                    id=f"ff-{key}",
                    show_label=False,  # the section heading above names it
                )
                if key != "links":  # links are addresses and titles, not the team's words
                    yield BlameHintLine(key, id=f"blame-{key}")
                if key == "customer_message":
                    with Horizontal(id="customer-fields"):
                        for name, label in _CUSTOMER_FIELDS:
                            yield FormField(label, Input(id=f"field-{name}"), id=f"ff-{name}")
            yield Static("Related incidents", classes="section-heading")
            yield FormField(
                "Related incidents",
                NarrativeArea(id=f"field-{RELATED}", soft_wrap=True, tab_behavior="focus"),
                hint="one a line: the incident's title or id, then its URL",
                id=f"ff-{RELATED}",
                show_label=False,
            )

    def on_mount(self) -> None:
        if self.workspace.read_only:
            for control in self.query("Input, Select, TextArea"):
                control.disabled = True
        if self.pm is not None:
            self._show(self.pm)

    def watch_pm(self, pm: PostMortem | None) -> None:
        # Binding the pane to its screen hands it the post-mortem it was mounted with once
        # more: filling the form again would only restyle every field a second time.
        if pm is not None and self.is_mounted and pm is not self._shown:
            self._show(pm)

    def show_field(self, name: str) -> bool:
        """Focus the field `name` ('impact', 'owner', ...) and scroll it into view with its
        label; False for a name that is no field of the form (an odd place read from a
        file), which changes nothing."""
        if name not in _SHOWN_FIELDS:
            return False  # never spliced into a selector: a stored place can be any text
        field = self.query_one(f"#field-{name}")
        self._place_cursor(name)
        # After the tab switch has laid the form out, so the field scrolls into view. The
        # scroll is this pane's own: the focus's scrolls only when the focus moves, and
        # centres a tall section on its middle.
        self.call_after_refresh(self.focus_in_front, field, scroll_visible=False)
        self.call_after_refresh(self.scroll_to_field, name)
        return True

    def scroll_to_field(self, name: str) -> None:
        """Scroll the form just far enough to show the field `name` with its label (a
        section with its heading); taller than the view, its top."""
        scroll = self.query_one(OverviewScroll)
        field = self.query_one(f"#ff-{name}")
        if name not in _SECTION_NAMES:
            # In the header grid or the customer fields' row: Textual finds its place.
            scroll.scroll_to_widget(field, animate=False, immediate=True)
            return
        # Both children of the scroll, so their regions share its coordinates; without their
        # margins, which show nothing (at 120x35 the box then fits under the Header).
        region = self.query_one(f"#heading-{name}").virtual_region.union(field.virtual_region)
        taller = region.height > scroll.scrollable_content_region.height
        scroll.scroll_to_region(region, animate=False, top=taller, immediate=True)

    def palette_commands(self) -> list[PaletteCommand]:
        """One "Edit …" entry per field, each reached from any tab (see overview_fields)."""
        from pmtui.ui.panes.overview_fields import overview_field_commands

        if self.workspace.read_only or not self.is_mounted:
            return []  # nothing here takes typing, or the form is not built yet
        return overview_field_commands(self, self.run_in_tab)

    def show_saved(self, pm: PostMortem) -> None:
        """Bring every field in line with `pm`, the focused one too: after an undo or redo
        the field must show the text that is saved now, not the text typed before it."""
        self._show(pm, typing=False)

    def _show(self, pm: PostMortem, *, typing: bool = True) -> None:
        """Bring every field in line with `pm`, except ones the user is still typing in."""
        self._shown = pm
        for name, *_ in _TEXT_FIELDS:
            self._show_text_field(pm, name, self.query_one(f"#field-{name}", Input), typing)
        self._show_customer_fields(pm, typing=typing)
        for name in _SELECT_LABELS:
            select = self.query_one(f"#field-{name}", Select)
            value = getattr(pm, name).value
            # A run under way shows its own choice until it ends (and is saved then).
            if select.value != value and not (typing and name in self._runs):
                with select.prevent(Select.Changed):
                    select.value = value
        for key, _ in SECTIONS:
            area = self.query_one(f"#field-{key}", NarrativeArea)
            text = getattr(pm, key)
            text += self._typed_ends.get(key, {}).get(text, "")
            if area.text != text and not self._keeps_typing(key, area, typing):
                with area.prevent(TextArea.Changed):
                    area.load_text_at_change(text)
        self._show_related(pm, typing=typing)
        self._show_blame_hints(pm)

    def _keeps_typing(self, name: str, control: Input | TextArea, typing: bool) -> bool:
        """Whether a refill from the saved post-mortem must leave the field `name` alone:
        typing not yet saved, the box being typed in, or a refused value with its reason."""
        if name in self._pending or (typing and control.has_focus):
            return True
        return self._field(name).holds_refused

    def _show_related(self, pm: PostMortem, *, typing: bool) -> None:
        area = self.query_one(f"#field-{RELATED}", NarrativeArea)
        if self._keeps_typing(RELATED, area, typing):
            return
        text = related_to_text(pm.related)
        # The typed lines stay while they mean the same incidents (a trailing separator).
        same = related_from_text(area.text) == pm.related
        if area.text != text and not same:
            with area.prevent(TextArea.Changed):
                area.load_text_at_change(text)

    def _show_customer_fields(self, pm: PostMortem, *, typing: bool) -> None:
        """The customer title and impact window, each with the default it has when empty
        (the neutral headline, the impact milestones) shown as placeholder and hint."""
        defaults = customer_defaults(pm)
        for name, _ in _CUSTOMER_FIELDS:
            control = self.query_one(f"#field-{name}", Input)
            default, hint = defaults[name]
            control.placeholder = default
            self._field(name).set_hint(hint)
            text = customer_field_text(pm, name)
            if control.value != text and not self._keeps_typing(name, control, typing):
                _refill(control, text, typing=typing)

    def _show_blame_hints(self, pm: PostMortem) -> None:
        # Runs on each saved change (after the debounce), never per keystroke.
        names = people(pm)
        waived = {w.where for w in pm.waivers if w.rule == BLAME_LANGUAGE}
        for hint in self.query(BlameHintLine):
            text = "" if hint.where in waived else pm.section(hint.where)
            hint.show_matches(blame_matches(text, names) if text else [])

    # Typing --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-incident_date":
            self._preview_incident_date(event.value)
        self._queue(event.input.id, event.value)

    def _preview_incident_date(self, typed: str) -> None:
        """Under Incident date, the day a typed "-3d" or "yesterday" means, else its forms."""
        pm = self.pm
        today = self.service.today(pm) if pm is not None else None
        preview = incident_day_preview(typed, today) if today is not None else ""
        self._field("incident_date").set_hint(preview or _INCIDENT_DATE_HINT)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._queue(event.text_area.id, event.text_area.text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter saves and moves on, like a paper form; a refused value keeps the focus.
        self.flush_pending()
        name = (event.input.id or "").removeprefix("field-")
        if not self._field(name).has_class("-invalid"):
            select_entered(self.screen.focus_next())

    def on_select_changed(self, event: Select.Changed) -> None:
        # Selects announce their initial value on mount; only a user's choice is saved.
        if not event.select.has_focus_within:
            return
        name = (event.select.id or "").removeprefix("field-")
        if name in _SELECT_LABELS:
            self._settle_after_typing(name, event.select)

    def _needs_checklist(self, status: str) -> bool:
        finished = (Status.PUBLISHED.value, Status.CLOSED.value)
        return self.pm is not None and status in finished and self.pm.status.value not in finished

    def _settle_after_typing(self, name: str, select: Select[Any]) -> None:
        """Save the choice `select` shows once its type-ahead run is over (the pause after
        its last key, or leaving it), and only if it differs from the saved one. Each key of
        a run moves the choice: saving each step turned "2018" on SEV1 into two saves and an
        undo to SEV2, a value nobody chose; "p" of "please check" must not publish."""
        ending = self._runs.pop(name, None)
        if ending is not None:
            ending.stop()
        wait = select.seconds_until_run_ends() if isinstance(select, TypeSelect) else 0.0
        if wait > 0:
            settle = partial(self._settle_after_typing, name, select)
            self._runs[name] = self.set_timer(wait + 0.01, settle)
            return
        self._settle(name, select)

    def _settle(self, name: str, select: Select[Any]) -> None:
        """Save the choice `select` shows; a finished status walks the checklist first."""
        if self.pm is None or select.value is Select.BLANK:
            return
        value = str(select.value)
        if value == getattr(self.pm, name).value:
            return  # a run that matched nothing put the saved choice back: nothing to save
        if name == "status" and self._needs_checklist(value):
            self._walk_checklist(value)
            return
        self._save({name: value})

    def _settle_runs(self) -> None:
        """End every type-ahead run still waiting for its pause: its choice is saved now."""
        runs, self._runs = self._runs, {}
        for name, ending in runs.items():
            ending.stop()
            self._settle(name, self.query_one(f"#field-{name}", Select))

    def _walk_checklist(self, status: str) -> None:
        """Publishing goes through the readiness checklist; cancelled, the status stays."""

        def done(published: bool | None) -> None:
            if self.pm is not None:
                self._show(self.pm)  # back to the saved status when it was not changed

        self.post_message(PublishRequested(status, done))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        had_pending = bool(self._pending)
        self.flush_pending()
        if not had_pending:
            self._show_left(event.widget)

    def _show_left(self, widget: Widget) -> None:
        """A header box saved by a pause while still typed in shows the saved value once
        left: the incident date kept reading "yesterday" (mock meeting 14). (A save made as
        it is left shows it already, the box no longer focused.)"""
        name = (widget.id or "").removeprefix("field-")
        if self.pm is not None and isinstance(widget, Input) and name in _TEXT_FIELD_NAMES:
            self._show_text_field(self.pm, name, widget, typing=False)

    def _show_text_field(self, pm: PostMortem, name: str, box: Input, typing: bool) -> None:
        """Bring one header box in line with `pm`, unless its typing is still to be kept."""
        text = _field_text(pm, name)
        if box.value != text and not self._keeps_typing(name, box, typing):
            _refill(box, text, typing=typing)
            if name == "incident_date":
                self._preview_incident_date(text)

    def _queue(self, control_id: str | None, value: str) -> None:
        name = (control_id or "").removeprefix("field-")
        if not name or self.pm is None:
            return
        if not self._pending:
            self._batch_began = time.monotonic()
        self._pending[name] = value
        self._last_edited = name
        self.workspace.mark_pending()
        if self._timer is not None:
            self._timer.stop()
        # At a word's end only: cut after five seconds wherever the typing was, an undo
        # left "…synthetic checks page" of "paged" (mock meeting 25a).
        batch_is_long = (
            time.monotonic() - self._batch_began > BATCH_SECONDS and value[-1:].isspace()
        )
        if _SENTENCE_ENDED.match(value[-2:]) or batch_is_long:
            # Each save is one step of undo: a paragraph typed without a pause was one, and
            # the first ctrl+z after a correction took the whole paragraph away in front of
            # the room (mock meeting 19a). A sentence ended, or a few seconds of typing up to
            # a word's end, is a step of its own.
            self.flush_pending()
            return
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.flush_pending)

    def pane_key_typed_here(self, key: events.Key) -> bool:
        """Whether `key`, typed into the focused field, may be a pane's digit meant as that
        pane's key: the first key into a field the Overview put the cursor in (`1`, F2, an
        undo, a finding shown) with nothing typed there since. From the tab bar a
        facilitator pressed 1, talked, then pressed 4 for Actions and `a`, and Summary read
        "4a" (mock meetings 20b, 21b); after ctrl+z on the tab bar "2" went into the Summary
        the undo had shown. The app then tells the pane's key from text by what follows it
        (pmtui.ui.typed_words.pane_key_verdict): "3 regions…" typed on stays text."""
        character = key.character or ""
        digit = len(character) == 1 and character in "123456"
        # `1` too, this pane's own key: pressed to "go to the Overview" right after creating,
        # it read "1A valid customer change…" in the Summary (mock review 28b).
        if self._in_first_key_moment() and digit:
            return True  # asked again once the app has seen what follows it
        self._placed = None  # any other key ends the moment: " 2" typed there is text
        # Right after a sentence's end too: "…took every edge CPU to 100%.", then 2 for the
        # Timeline, saved "100%.2" in the Summary (tried in tmux). Prose puts a space there;
        # "v1.2" has a digit before its point, and stays text.
        self._after_sentence = self._sentence_ended_in(key) if digit else ""
        return bool(self._after_sentence)

    def _sentence_ended_in(self, key: events.Key) -> str:
        """The name of the focused field when its text ends a sentence ("…100%.") with the
        cursor after it, and `key` comes after a pause, else ''."""
        if key.time - getattr(self.app, "delivered_key_at", 0.0) < TYPING_SECONDS:
            # Typed on at typing pace ("Section 4.2"): text. The field may not yet show the
            # keys before it either.
            return ""
        focused = self.app.focused
        name = (focused.id or "").removeprefix("field-") if focused is not None else ""
        if not name or focused is None or self not in focused.ancestors:
            return ""
        text = self._text_of(name)
        if isinstance(focused, TextArea):
            at_end = focused.cursor_location == focused.document.end
        else:
            at_end = isinstance(focused, Input) and focused.cursor_position == len(text)
        ended = len(text) > 1 and text[-1] in ".!?" and not text[-2].isdigit()
        return name if at_end and ended else ""

    def _in_first_key_moment(self) -> bool:
        """Whether no key has been read since the Overview put the cursor in a field, and
        the field still has the focus and its text of then."""
        if self._placed is None:
            return False
        name, text = self._placed
        return self.app.focused is self.query_one(f"#field-{name}") and self._text_of(name) == text

    def read_pane_key(self, key: events.Key, *, as_key: bool) -> None:
        """`key` (see pane_key_typed_here) was read as the pane's key (`as_key`: its pane is
        shown, the field keeps its text) or as typing: either way the moment is over, and a
        digit typed next ("12 …") is text."""
        after_sentence = self._placed is None and bool(self._after_sentence)
        name = self._placed[0] if self._placed is not None else self._after_sentence
        self._placed, self._after_sentence = None, ""
        if as_key:
            where = _FIELD_LABELS.get(name, name)
            self.post_message(PaneKeyTyped(key.character or "", where, after_sentence))

    def _place_cursor(self, name: str) -> None:
        """The Overview puts the cursor in the field `name`: see pane_key_typed_here. Its
        text is taken again once an undo's refill and the focus have landed, before the
        next key is read (pmtui.ui.key_order waits for callbacks after a refresh)."""
        self._placed = (name, self._text_of(name))
        self.call_after_refresh(self._retake_placed_text, name)

    def _retake_placed_text(self, name: str) -> None:
        if self._placed is not None and self._placed[0] == name:
            self._placed = (name, self._text_of(name))

    def flush_pending(self) -> None:
        self._settle_runs()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        self._note_typed_ends(pending)
        self._save(pending)

    def _note_typed_ends(self, pending: dict[str, str]) -> None:
        """Remember the spaces and line breaks typed after each section's text (see
        _typed_ends); a few hundred texts a section at most."""
        for name, typed in pending.items():
            kept = typed.rstrip()
            if name in _SECTION_NAMES and kept != typed:
                ends = self._typed_ends.setdefault(name, {})
                ends.pop(kept, None)  # the latest last, so the oldest go first
                ends[kept] = typed[len(kept) :]
                if len(ends) > _TYPED_ENDS_KEPT:
                    del ends[next(iter(ends))]

    def _save(self, fields: dict[str, Any]) -> None:
        """Save the valid fields; a bad one gets its inline message and keeps its text."""
        # Refused typing is what ctrl+z takes back first: the footer names it, or no longer.
        # (Handled once this save is over, the refusals shown.)
        self.post_message(RefusedTypingChanged())
        while fields:
            try:
                saved = self.commit(partial(self.service.update, **fields))
            except ValidationError as error:
                name = refused_field(error.where)
                if name not in fields:
                    self.notify(str(error), severity="error")
                    break
                # The refused text stays in its box (see _keeps_typing), the reason under it.
                self._field(name).set_error(refusal(error))
                fields = {k: v for k, v in fields.items() if k != name}
                continue
            if saved:
                for name in fields:
                    self._field(name).set_error("")
                self.workspace.show_save_state()  # refused during the save, fixed now
            return
        # What is left was refused: say so instead of leaving "unsaved typing" up.
        self.workspace.save_state = SaveState("failed")

    # Typing the form refused, for undo and redo ------------------------------------------

    def refused_typing(self) -> dict[str, str]:
        """The fields that show typing refused and never saved, with that typing."""
        return {
            name: self._text_of(name) for name in _FIELD_LABELS if self._field(name).holds_refused
        }

    def holds_refused_typing(self) -> bool:
        """Whether any field shows typing that was refused. Asked each time the keys are
        refreshed: the fields are looked up once, not searched for in the form each time."""
        if self._typed_fields is None:
            self._typed_fields = [self._field(name) for name in _FIELD_LABELS]
        return any(field.holds_refused for field in self._typed_fields)

    @staticmethod
    def drop_down_label(widget: object) -> str | None:
        """The label of `widget` if it is one of the header's drop-downs ("Severity")."""
        if not isinstance(widget, TypeSelect):
            return None
        return _SELECT_LABELS.get((widget.id or "").removeprefix("field-"))

    @staticmethod
    def typing_label(names: list[str]) -> str:
        """'typing in Title': how an undo of unsaved typing is named."""
        return "typing in " + ", ".join(_FIELD_LABELS.get(name, name) for name in names)

    def revert_typing(self, names: list[str]) -> None:
        """Put the fields `names` back to the saved value, their refusal gone."""
        for name in names:
            self._pending.pop(name, None)
            self._field(name).set_error("")
        if self.pm is not None:
            self.show_saved(self.pm)
        self.workspace.save_state = SaveState("saved")
        self.post_message(RefusedTypingChanged())

    def restore_typing(self, typed: dict[str, str]) -> None:
        """Type `typed` back into its fields (a redo) and save it as typing is saved: what is
        refused again shows its reason again."""
        for name, text in typed.items():
            control = self.query_one(f"#field-{name}")
            if isinstance(control, TextArea):
                with control.prevent(TextArea.Changed):
                    control.load_text(text)
            elif isinstance(control, Input):
                with control.prevent(Input.Changed):
                    control.value = text
        self._save(dict(typed))

    def _field(self, name: str) -> FormField:
        return self.query_one(f"#ff-{name}", FormField)

    def _first_empty_section(self) -> str:
        pm = self.pm
        empty = [key for key, _ in SECTIONS if pm is not None and not getattr(pm, key).strip()]
        return empty[0] if empty else SECTIONS[0][0]

    def _text_of(self, name: str) -> str:
        control = self.query_one(f"#field-{name}")
        if isinstance(control, TextArea):
            return control.text
        return control.value if isinstance(control, Input) else ""

    def focus_first_empty_section(self, *, after_creating: bool = False) -> None:
        """Focus the first narrative section with nothing written yet (a new post-mortem's
        Summary), scrolled into view; none empty: the Summary. `after_creating`: say where
        the header is when the section leaves it out of view."""
        key = self._first_empty_section()
        area = self.query_one(f"#field-{key}")
        # Placed by pmtui, as by `1` or F2: `2` pressed alone right after creating shows the
        # Timeline instead of going into the Summary (tried in tmux, session 26).
        self._place_cursor(key)
        self.call_after_refresh(self.focus_in_front, area, scroll_visible=False)
        self.call_after_refresh(self._show_section, key, after_creating)

    def _show_section(self, key: str, say_where_the_header_is: bool = False) -> None:
        """Scroll just far enough to show a section's heading and box together: an empty box
        alone does not say what goes in it (the focus's own scrolling would stop at the box's
        top edge), and scrolling the heading to the top would hide the header above it, which
        a new post-mortem's author fills next (owner, attendees, tags)."""
        self.scroll_to_field(key)
        if say_where_the_header_is:
            self.say_where_the_header_is()

    def say_where_the_header_is(self) -> None:
        """After creating: where Summary's box and heading leave no room for the Header (80x24),
        one notice says the owner and the rest are above, and how to reach them."""
        scroll = self.query_one(OverviewScroll)
        if self.query_one("#ff-owner").virtual_region.y >= scroll.scroll_y:
            return  # in view: nothing to find
        if self.pm is not None and self.pm.owner:
            # Named in the new post-mortem dialog: what is left up there is the rest. What
            # was just given is said back, since at 80x24 it is out of view: the title,
            # severity and owner seemed gone after creating (mock meeting 14).
            said = (
                f"Created: {self.pm.severity.value}, owner {self.pm.owner}. "
                "Attendees and tags are above Summary: shift+tab goes up to them."
            )
        else:
            said = (
                "Owner, attendees and tags are above Summary: shift+tab goes up to them, "
                "or ctrl+p “Edit owner”."
            )
        notify_kind(self, said, kind=OVERVIEW_LAYOUT, timeout=8)

    def focus_default(self) -> None:
        """The field last typed in, else the first empty section, else the Summary: shown by
        a tab key with only the tab bar focused, a summary typed at once ran as commands
        (its `3` switched to Five Whys; issue 12)."""
        if self.workspace.read_only:
            self.focus_list()  # nothing here takes typing
            return
        if self._last_edited is None:
            self.focus_first_empty_section()  # which places the cursor there
            return
        self._place_cursor(self._last_edited)
        field = self.query_one(f"#field-{self._last_edited}")
        # After the tab switch has laid the form out, so the field scrolls into view.
        self.call_after_refresh(self.focus_in_front, field)

    def focus_list(self) -> None:
        # The tab bar, not a field: a digit pressed next still switches panes, and tab
        # walks into the form from its first field.
        self.screen.query_one(TabbedContent).query_one(Tabs).focus()
