"""Provides every Binding pmtui declares, found by walking its UI modules, and the key each has now.

The keymap check, the README's list of binding ids and the tests read the bindings from here,
so the Binding stays the one description of an action.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode


def _ui_modules() -> Iterator[object]:
    # Imported here: only a keymap file or F1 walks the modules, not the app's start-up.
    import pkgutil

    import pmtui.ui

    for info in pkgutil.walk_packages(pmtui.ui.__path__, prefix="pmtui.ui."):
        yield importlib.import_module(info.name)


def binding_owners() -> dict[type[DOMNode], list[Binding]]:
    """Each pmtui screen, pane, modal and widget class with the Bindings it declares itself."""
    owners: dict[type[DOMNode], list[Binding]] = {}
    for module in _ui_modules():
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__.startswith("pmtui.")
                and "BINDINGS" in vars(value)
            ):
                owners[value] = [b for b in value.BINDINGS if isinstance(b, Binding)]
    return owners


def binding_ids() -> dict[str, Binding]:
    """Every binding id pmtui declares, with its Binding (ids are unique across pmtui)."""
    return {
        binding.id: binding
        for bindings in binding_owners().values()
        for binding in bindings
        if binding.id
    }


def remapped(binding: Binding, keymap: Mapping[str, str]) -> Binding:
    """The binding with the key the user's keymap gives it (unchanged when it gives none)."""
    if binding.id and binding.id in keymap:
        return replace(binding, key=keymap[binding.id])
    return binding
