"""`pmtui similar` through the real CLI: earlier post-mortems ranked with the terms they share,
--all for later ones, --json for scripts, one clear line for an unknown id, and a damaged file
named on stderr while the others are still ranked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from tests.conftest import CliResult, RunCli
from tests.test_cli import assert_one_line_error


def ok(result: CliResult) -> str:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result.out


def add(run: RunCli, db: Path, tmp: Path, title: str, day: str, **fields: object) -> str:
    path = tmp / f"{title[:12]}.json"
    document = {"format": "pmtui/1", "title": title, "incident_date": day, **fields}
    path.write_bytes(orjson.dumps(document))
    return ok(run("--db", db, "import", path)).strip()


def cert_chain(*answers: str) -> list[dict[str, object]]:
    return [{"problem": "The API refused TLS handshakes", "answers": list(answers)}]


def three(run: RunCli, tmp: Path) -> tuple[Path, str, str, str, str]:
    db = tmp / "team.json"
    old = add(
        run,
        db,
        tmp,
        "Login down: TLS certificate expired",
        "2023-02-01",
        whys=cert_chain("The certificate expired", "Renewal was a manual calendar reminder"),
    )
    unrelated = add(run, db, tmp, "Search index rebuild filled the disk", "2023-06-01")
    now = add(
        run,
        db,
        tmp,
        "Checkout API down",
        "2024-05-01",
        summary="The certificate on the checkout API expired.",
        whys=cert_chain("Nobody renewed the certificate", "Renewal was manual"),
    )
    later = add(run, db, tmp, "Expired certificate on the CDN", "2025-01-10")
    return db, old, unrelated, now, later


def test_earlier_post_mortems_are_ranked_with_the_terms_they_share(
    run_cli: RunCli, tmp_path: Path
) -> None:
    db, old, unrelated, now, later = three(run_cli, tmp_path)
    out = ok(run_cli("--db", db, "similar", now))
    assert f'like {now} "Checkout API down"' in out.splitlines()[0]
    assert f" 1. {old}  2023-02-01  Login down: TLS certificate expired" in out
    shared = out.split("shared: ")[1].split("  (score")[0].split(", ")
    assert {"certificate", "renewal", "manual"} <= set(shared)
    assert later not in out and unrelated not in out

    everything = ok(run_cli("--db", db, "similar", now, "--all"))
    assert f"{later}  2025-01-10  Expired certificate on the CDN (later)" in everything


def test_json_lists_matches_with_their_shared_terms_for_scripts(
    run_cli: RunCli, tmp_path: Path
) -> None:
    db, old, _unrelated, now, later = three(run_cli, tmp_path)
    document = orjson.loads(ok(run_cli("--db", db, "similar", now, "--json", "--all")))
    assert (document["id"], document["incident_date"], document["unreadable"]) == (
        now,
        "2024-05-01",
        [],
    )
    matches = {match["id"]: match for match in document["matches"]}
    assert set(matches) == {old, later}
    first = document["matches"][0]
    assert first["id"] == old and first["later"] is False
    terms = [term["term"] for term in first["shared_terms"]]
    assert "certificate" in terms and "renewal" in terms
    assert first["score"] > matches[later]["score"] > 0
    assert matches[later]["later"] is True
    assert first["repeat"] is False


def test_the_one_marked_as_repeated_is_named_so(run_cli: RunCli, tmp_path: Path) -> None:
    """Mock 31b: after `l` in the pane the CLI showed nothing of the repeat link."""
    db, old, _unrelated, now, _later = three(run_cli, tmp_path)
    ok(run_cli("--db", db, "set", now, "repeat_of", old))
    out = ok(run_cli("--db", db, "similar", now))
    assert f" 1. {old}  2023-02-01  Login down: TLS certificate expired ({now} repeats it)" in out
    document = orjson.loads(ok(run_cli("--db", db, "similar", now, "--json")))
    assert document["matches"][0]["repeat"] is True


def test_an_unknown_id_is_one_clear_line(run_cli: RunCli, tmp_path: Path) -> None:
    db, *_ = three(run_cli, tmp_path)
    assert_one_line_error(run_cli("--db", db, "similar", "nope"), "no post-mortem with id")


def test_nothing_alike_says_so_on_stderr_and_prints_nothing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    db = tmp_path / "db.json"
    first = add(run_cli, db, tmp_path, "Disk full", "2024-01-01")
    add(run_cli, db, tmp_path, "The service had an error", "2023-01-01")
    result = run_cli("--db", db, "similar", first)
    assert (result.code, result.out) == (0, "")
    assert "No earlier post-mortem shares" in result.err


def test_a_damaged_file_is_named_and_the_others_still_ranked(
    run_cli: RunCli, tmp_path: Path
) -> None:
    team = tmp_path / "team"
    ok(run_cli("init", team))
    db = ("--db", team)
    old = add(run_cli, team, tmp_path, "Certificate expired on login", "2023-01-01")
    bad = add(run_cli, team, tmp_path, "Certificate expired on search", "2023-02-01")
    now = add(run_cli, team, tmp_path, "Certificate expired on checkout", "2024-01-01")
    damaged = team / "postmortems" / f"{bad}.pmtui"
    damaged.write_text("{broken")
    result = run_cli(*db, "similar", now)
    assert result.code == 1 and "Traceback" not in result.err
    (line,) = result.err.splitlines()
    assert line.startswith("pmtui: error: ") and str(damaged) in line
    assert old in result.out and bad not in result.out


def test_similar_never_loads_the_terminal_ui(tmp_path: Path, run_cli: RunCli) -> None:
    db, _old, _unrelated, now, _later = three(run_cli, tmp_path)
    code = (
        "import sys; from pmtui.cli import main; "
        f"code = main(['--db', {str(db)!r}, 'similar', {now!r}, '--json']); "
        "assert code == 0; assert 'textual' not in sys.modules, 'textual loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
