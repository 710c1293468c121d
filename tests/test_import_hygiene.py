"""Import hygiene: the headless layers never load Textual or Rich, only the store touches TinyDB.

Run-time checks import in a fresh interpreter and look at `sys.modules` (pattern from
tconbeer/harlequin's tests/unit_tests/test_import_hygiene.py): a test process has long since
imported everything, and only a clean one proves that a deferred import really defers.
Static checks read every source file's imports with `ast`.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest

import pmtui

SRC = Path(pmtui.__file__).resolve().parent
UI = SRC / "ui"
STORE = SRC / "store"

HEADLESS_MODULES = [
    "pmtui.model",
    "pmtui.analysis",
    "pmtui.analysis.metrics",
    "pmtui.store",
    "pmtui.export",
    "pmtui.export.json_export",
    "pmtui.export.markdown",
    "pmtui.importers",
    "pmtui.service",
    "pmtui.history",
    "pmtui.cli",
    "pmtui.merge.postmortem",
    "pmtui.merge.places",
    "pmtui.cli.merge_driver",
    "pmtui.sync.plan",
    "pmtui.sync.readers",
    "pmtui.export.trackers.jira",
    "pmtui.export.trackers.linear",
    "pmtui.export.trackers.github",
    "pmtui.analysis.reminders",
    "pmtui.export.reminders_md",
    "pmtui.export.reminders_ics",
]
TUI_PACKAGES = ("textual", "rich")


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter (inheriting the isolated test environment)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


def loaded_after(code: str, watch: tuple[str, ...] = TUI_PACKAGES) -> list[str]:
    """Which of the `watch` top-level packages are in sys.modules after running `code`.

    The report goes to a marker line on stderr, so `code` may print what it likes.
    """
    done = run_python(
        code
        + "\nimport sys\n"
        + f"print('LOADED=' + ','.join(m for m in {watch!r} if m in sys.modules), file=sys.stderr)"
    )
    [marker] = [line for line in done.stderr.splitlines() if line.startswith("LOADED=")]
    return [name for name in marker.removeprefix("LOADED=").split(",") if name]


def _main_code(argv: list[str]) -> str:
    return textwrap.dedent(
        f"""
        from pmtui.cli import main
        try:
            code = main({argv!r})
        except SystemExit as stop:
            code = stop.code
        assert code in (0, None), code
        """
    )


def test_the_check_itself_sees_a_tui_import() -> None:
    # Without this, a broken harness (say, always printing nothing) would pass every test.
    assert loaded_after("import rich.text") == ["rich"]
    assert loaded_after("import textual.app") == ["textual", "rich"]


@pytest.mark.parametrize("module", HEADLESS_MODULES)
def test_headless_modules_do_not_import_textual_or_rich(module: str) -> None:
    assert loaded_after(f"import {module}") == [], f"import {module} loaded the TUI"


def test_all_headless_modules_together() -> None:
    code = "\n".join(f"import {module}" for module in HEADLESS_MODULES)
    assert loaded_after(code) == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list", "--help"]])
def test_help_imports_neither_the_tui_nor_the_store(argv: list[str]) -> None:
    # main() defers TinyDB, orjson and the model so that --help and --version stay fast.
    watch = (*TUI_PACKAGES, "tinydb", "pmtui.store", "pmtui.model")
    assert loaded_after(_main_code(argv), watch) == []


@pytest.mark.parametrize(
    ("argv", "watch"),
    [
        (["remind", "--demo"], (*TUI_PACKAGES, "icalendar")),
        (["remind", "--demo", "--format", "ics"], TUI_PACKAGES),
        (["actions", "--demo", "--format", "github-script"], (*TUI_PACKAGES, "icalendar")),
    ],
)
def test_tracker_commands_load_no_tui_and_icalendar_only_for_ics(
    argv: list[str], watch: tuple[str, ...]
) -> None:
    assert loaded_after(_main_code(argv), watch) == []


def test_pmtui_help_subprocess_with_importtime() -> None:
    """`python -X importtime` lists every module `pmtui --help` imports, Textual not among them."""
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import sys; from pmtui.cli import main; sys.exit(main(['--help']))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: pmtui")
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "pmtui.cli.parser" in imported  # the report is real
    assert not {name for name in imported if name.split(".")[0] in TUI_PACKAGES}


def test_non_ui_commands_do_not_import_the_tui(tmp_path: Path) -> None:
    """End to end through main(): new, import, list, export md and json, delete."""
    db = tmp_path / "pm.json"
    doc = tmp_path / "doc.json"
    doc.write_text(
        '{"title": "Cache stampede", "timezone": "Europe/Berlin", '
        '"customer_message": "Pages loaded slowly."}'
    )
    code = textwrap.dedent(
        f"""
        import contextlib, io
        from pmtui.cli import main

        def run(*argv):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert main([*argv, "--db", {str(db)!r}]) == 0, argv
            return out.getvalue().strip()

        first = run("new", "Queue backlog", "--severity", "SEV2")
        second = run("import", {str(doc)!r})
        run("list")
        run("list", "--json")
        run("export", first)
        run("export", second, "--format", "json")
        run("export", second, "--template", "customer")
        run("delete", first, "--yes")
        """
    )
    assert loaded_after(code) == []


# Static rules over the source tree ------------------------------------------------------------


def parsed(path: Path) -> ast.Module:
    """The syntax tree of `path` as it reads now (a file's tree is shared, never changed)."""
    return _parsed_text(path.read_text(encoding="utf-8"), str(path))


@cache
def _parsed_text(text: str, filename: str) -> ast.Module:
    # Keyed by the text: a dozen rules walk the same few hundred files, and a file that
    # changed (a test's own sample) is parsed again.
    return ast.parse(text, filename=filename)


def imported_modules(path: Path) -> set[str]:
    """Absolute module names a file imports anywhere (top level or inside functions),
    plus string constants naming a module for importlib / __import__."""
    tree = parsed(path)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names.add(node.args[0].value)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def _importers_of(package: str, files: list[Path]) -> list[Path]:
    return [
        path
        for path in files
        if any(name == package or name.startswith(package + ".") for name in imported_modules(path))
    ]


SOURCE_FILES = sorted(SRC.rglob("*.py"))


def test_the_static_scan_reads_real_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import tinydb.table\n"
        "from tinydb import TinyDB\n"
        "from . import sibling\n"
        "def later():\n"
        "    import importlib\n"
        "    importlib.import_module('textual.app')\n"
        "    __import__('rich')\n"
    )
    assert imported_modules(sample) == {
        "tinydb.table",
        "tinydb",
        "importlib",
        "textual.app",
        "rich",
    }


def test_only_the_store_imports_tinydb() -> None:
    users = _importers_of("tinydb", SOURCE_FILES)
    assert users, "the store no longer imports tinydb? then this rule checks nothing"
    outside = [str(path.relative_to(SRC)) for path in users if STORE not in path.parents]
    assert outside == [], f"only pmtui/store may import tinydb: {outside}"


def test_ui_never_imports_tinydb() -> None:
    ui_files = sorted(UI.rglob("*.py"))
    offenders = [str(path.relative_to(SRC)) for path in _importers_of("tinydb", ui_files)]
    assert offenders == []
    # The same rule as a plain text search, in case a file does not parse as expected.
    pattern = re.compile(r"^\s*(import\s+tinydb|from\s+tinydb\b)", re.MULTILINE)
    assert [p.name for p in ui_files if pattern.search(p.read_text(encoding="utf-8"))] == []


def test_ui_reaches_the_store_only_through_the_service() -> None:
    """The workspace opens a database file or a team folder alike through pmtui.service."""
    ui_files = sorted(UI.rglob("*.py"))
    offenders = [str(path.relative_to(SRC)) for path in _importers_of("pmtui.store", ui_files)]
    assert offenders == []


def test_a_team_folder_list_never_loads_tinydb(tmp_path: Path) -> None:
    """Only the single-file store needs TinyDB; listing a team folder does not import it."""
    folder = tmp_path / "team"
    code = (
        "import sys; from pmtui.cli import main; "
        f"main(['init', {str(folder)!r}]); main(['--db', {str(folder)!r}, 'list']); "
        "assert 'tinydb' not in sys.modules, 'tinydb loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


HEADLESS_PATHS = ["model", "analysis", "export", "importers", "store", "service.py", "paths.py"]


@pytest.mark.parametrize("part", HEADLESS_PATHS)
def test_headless_sources_never_name_textual_or_rich(part: str) -> None:
    root = SRC / part
    files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    assert files
    offenders = {
        str(path.relative_to(SRC)): sorted(
            name for name in imported_modules(path) if _top(name) in TUI_PACKAGES
        )
        for path in files
    }
    assert {path: names for path, names in offenders.items() if names} == {}


@pytest.mark.parametrize("part", ["model", "analysis", "export", "importers"])
def test_pure_layers_do_not_reach_up(part: str) -> None:
    """model, analysis, export and importers sit below the store, service, UI and CLI."""
    files = sorted((SRC / part).rglob("*.py"))
    upward = ("pmtui.store", "pmtui.service", "pmtui.ui", "pmtui.cli", "tinydb")
    offenders = {
        str(path.relative_to(SRC)): sorted(
            name
            for name in imported_modules(path)
            if any(name == up or name.startswith(up + ".") for up in upward)
        )
        for path in files
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_cli_reaches_the_ui_only_lazily() -> None:
    """The CLI may open the workspace, but never at module level (it must start without it)."""
    for path in sorted((SRC / "cli").rglob("*.py")):
        tree = parsed(path)
        top_level = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        modules = {
            alias.name for node in top_level if isinstance(node, ast.Import) for alias in node.names
        }
        modules |= {node.module or "" for node in top_level if isinstance(node, ast.ImportFrom)}
        assert not {m for m in modules if _top(m) in TUI_PACKAGES or m.startswith("pmtui.ui")}, path


# The UI's own layers: screens over panes over controls over modals over widgets ----------------

#: What each ui subpackage must never import (under TYPE_CHECKING and inside functions too):
#: a pane that imports its screen, or a widget that knows the panes, ties the UI into one
#: import circle. Panes reach the screen through pmtui.ui.host and pmtui.ui.messages.
UI_FORBIDDEN = {
    "panes": {"screens"},
    "controls": {"panes", "screens"},
    "modals": {"controls", "panes", "screens"},
    "widgets": {"controls", "modals", "panes", "screens"},
}


def ui_part(module: str) -> str | None:
    """'panes' for pmtui.ui.panes.findings, 'host' for pmtui.ui.host; None outside the UI."""
    parts = module.split(".")
    if parts[:2] != ["pmtui", "ui"]:
        return None
    return parts[2] if len(parts) > 2 else "__init__"


def ui_imports(path: Path, ui_root: Path) -> set[str]:
    """Absolute names of the modules a file under `ui_root` imports, relative imports
    resolved (`from ..screens import x` in pmtui/ui/panes names pmtui.ui.screens), and each
    name imported from a package as a module of it (`from pmtui.ui import screens`)."""
    relative = path.relative_to(ui_root).with_suffix("").parts
    package = ["pmtui", "ui", *relative[:-1]]
    names = set(imported_modules(path))
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def ui_part_imports(ui_root: Path) -> dict[str, dict[str, list[str]]]:
    """For each subpackage of `ui_root`, the other parts of the UI it imports, each with
    the files that do."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(ui_root.rglob("*.py")):
        relative = path.relative_to(ui_root)
        if len(relative.parts) < 2:
            continue  # a module of the ui package itself, not of a subpackage
        source = relative.parts[0]
        targets = {ui_part(name) for name in ui_imports(path, ui_root)} - {None, source}
        for target in sorted(t for t in targets if t is not None):
            graph.setdefault(source, {}).setdefault(target, []).append(str(relative))
    return graph


def layering_breaches(ui_root: Path) -> list[str]:
    graph = ui_part_imports(ui_root)
    return sorted(
        f"{file} imports {target}"
        for source, forbidden in UI_FORBIDDEN.items()
        for target, files in graph.get(source, {}).items()
        if target in forbidden
        for file in files
    )


def subpackage_cycles(ui_root: Path) -> list[list[str]]:
    """Import cycles between the subpackages of `ui_root` (each as the path around it)."""
    subpackages = {path.parent.name for path in ui_root.glob("*/__init__.py")}
    edges = {
        source: sorted(target for target in targets if target in subpackages)
        for source, targets in ui_part_imports(ui_root).items()
        if source in subpackages
    }
    cycles: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        for target in edges.get(node, []):
            if target == path[0]:
                cycles.append([*path, target])
            elif target not in path and target > path[0]:  # each cycle once, from its least
                walk(target, [*path, target])

    for start in sorted(edges):
        walk(start, [start])
    return cycles


def test_the_ui_layering_check_sees_a_pane_importing_its_screen(tmp_path: Path) -> None:
    # Without this, a check that reads no imports (say, relative ones) would pass every tree.
    ui_root = tmp_path / "ui"
    for part in ("panes", "screens", "widgets", "modals"):
        (ui_root / part).mkdir(parents=True)
        (ui_root / part / "__init__.py").write_text("")
    (ui_root / "host.py").write_text("")
    (ui_root / "panes" / "pane.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from pmtui.ui.host import Host\n"
        "if TYPE_CHECKING:\n"
        "    from ..screens.screen import Screen\n"
    )
    (ui_root / "screens" / "screen.py").write_text(
        "from pmtui.ui.panes.pane import Pane\nfrom pmtui.ui import widgets\n"
    )
    (ui_root / "widgets" / "widget.py").write_text(
        "def later():\n    from pmtui.ui.screens import screen\n"
    )
    (ui_root / "modals" / "modal.py").write_text("from pmtui.ui.widgets import widget\n")
    assert layering_breaches(ui_root) == [
        "panes/pane.py imports screens",
        "widgets/widget.py imports screens",
    ]
    assert subpackage_cycles(ui_root) == [
        ["panes", "screens", "panes"],
        ["screens", "widgets", "screens"],
    ]


def test_panes_widgets_and_modals_never_import_a_screen() -> None:
    """Panes post messages up to the workspace screen; widgets know no panes; modals open
    over any screen, so none of them imports one (not even for type hints)."""
    assert ui_part_imports(UI)["screens"]["panes"], "the scan sees no screen importing a pane?"
    assert layering_breaches(UI) == []


def test_the_ui_subpackages_import_each_other_without_cycles() -> None:
    assert subpackage_cycles(UI) == []


def test_a_workspace_loads_no_markdown_renderer_until_its_preview_shows() -> None:
    # The side preview is composed in every workspace but shown only on wide terminals and
    # the Document tab; the exporter and Markdown widget cost about as much as the rest of
    # the workspace's imports when a post-mortem is opened.
    watch = ("markdown_it", "pmtui.export.markdown", "pmtui.ui.widgets.preview_markdown")
    assert loaded_after("import pmtui.ui.screens.workspace", watch) == []


def test_a_small_model_module_does_not_build_the_postmortem_dataclasses() -> None:
    # The CLI's error handling imports pmtui.model.errors before every command; the
    # post-mortem's dataclasses load with the first name that needs them.
    watch = ("pmtui.model.postmortem",)
    assert loaded_after("import pmtui.model.errors, pmtui.model.enums", watch) == []
    assert loaded_after("from pmtui.model import PostMortem", watch) == list(watch)
