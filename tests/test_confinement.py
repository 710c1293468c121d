"""outside_folder(): the check behind the served workspace's file dialogs, and the CLI flag that
turns it on for each browser session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.confinement import outside_folder
from pmtui.ui.modals.import_evidence import complete_path


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "alerts.json").write_text("[]", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (folder / "out").symlink_to(tmp_path)
    (folder / "secret.txt").symlink_to(tmp_path / "secret.txt")
    return folder


@pytest.mark.parametrize(
    "path",
    ["/etc/passwd", "{team}/../secret.txt", "{team}/secret.txt", "{team}/out/secret.txt", "/"],
)
def test_paths_leaving_the_folder_are_refused(team: Path, path: str) -> None:
    typed = Path(path.format(team=team))
    assert "outside the folder this workspace may use" in outside_folder(typed, team)


@pytest.mark.parametrize("path", ["{team}/evidence/alerts.json", "{team}/new.md", "{team}"])
def test_paths_inside_the_folder_are_allowed(team: Path, path: str) -> None:
    assert outside_folder(Path(path.format(team=team)), team) == ""


def test_hidden_names_inside_the_folder_are_refused(team: Path) -> None:
    assert "hidden" in outside_folder(team / ".git" / "hooks" / "pre-commit", team)


def test_a_folder_reached_through_a_symlink_still_holds_its_files(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    assert outside_folder(tmp_path / "real" / "a.md", tmp_path / "alias") == ""


def test_without_a_folder_nothing_is_refused() -> None:
    assert outside_folder(Path("/etc/passwd"), None) == ""


def test_completion_offers_nothing_outside_the_folder(team: Path) -> None:
    assert complete_path("/et", team, team) is None
    assert complete_path("../sec", team, team) is None
    assert complete_path("out/", team, team) is None
    assert complete_path("ev", team, team) == "evidence/"
    assert complete_path("/et", team) == "/etc/"  # not confined: as before


def test_the_hidden_confine_flag_reaches_the_workspace(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import pmtui.ui.launch as launch

    seen: dict[str, object] = {}

    def fake_run(path: Path, *, confine_to: Path | None = None) -> int:
        seen.update(path=path, confine_to=confine_to)
        return 0

    monkeypatch.setattr(launch, "run_workspace", fake_run)
    result = run_cli("--db", tmp_path / "pm.json", "--confine-to", tmp_path)
    assert result.code == 0
    assert seen == {"path": tmp_path / "pm.json", "confine_to": tmp_path}
    assert "--confine-to" not in run_cli("--help").out
