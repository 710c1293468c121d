"""Pilot tests of the footer: it keeps its keys while the keys it shows stay the same, and
shows the new ones as soon as they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from pmtui.ui.modals.confirm import ConfirmModal
from tests.ui.support import wait_until


def shown(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [key.description for key in screen.query(FooterKey)]


async def test_the_footer_keeps_its_keys_until_they_change(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = pilot.app.screen
        keys = list(home.query(FooterKey))
        assert "Undo" not in shown(home)
        # A dialog opened and cancelled updates the bindings, not what they show.
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        await pilot.press("n")
        await wait_until(pilot, lambda: pilot.app.screen is home)
        await pilot.pause()
        assert list(home.query(FooterKey)) == keys
        # A delete makes ctrl+z an undo: the footer shows it.
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is home and "Undo" in shown(home))


async def test_footer_keys_are_built_as_compact_as_the_footer(make_ui, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A key built compact and then bound to a footer that is not flipped its class, restyled
    # twice before the first paint; built as compact as the footer, it is never restyled.
    restyled: list[str] = []
    restyle = FooterKey.update_node_styles

    def counted(self: FooterKey, animate: bool = True) -> None:
        restyled.append(self.key)
        restyle(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = list(pilot.app.screen.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        bound = {key.key for key in keys if key not in palette}
        assert bound >= {"n", "ctrl+q", "f1"}
        assert [key for key in restyled if key in bound] == []
        # As Textual's footer leaves it: the palette's key (not bound) compact, the others not.
        assert [(key.compact, key.has_class("-compact")) for key in palette] == [(True, True)]
        assert {(key.compact, key.has_class("-compact")) for key in keys if key not in palette} == {
            (False, False)
        }
