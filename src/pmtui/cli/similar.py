"""Provides `pmtui similar`: "Seen before?", the earlier post-mortems most like one, with the
terms they share. Read-only, so it works while a pmtui window has the file open."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.analysis.similar import SimilarIncident
    from pmtui.model.postmortem import PostMortem

#: How many matches a plain `pmtui similar ID` lists.
DEFAULT_LIMIT = 5


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs a whole number of 1 or more, got {text!r}")
    return value


def add_similar_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `similar` through parser.py's `command` helper (which adds --db and --demo)."""
    sub = command(
        "similar",
        "seen before? the earlier post-mortems most like one, by shared causes and words",
    )
    sub.add_argument("id", metavar="ID", help="post-mortem id (a unique prefix is enough)")
    sub.add_argument(
        "--all", action="store_true", help="also post-mortems of incidents after this one"
    )
    sub.add_argument(
        "-n",
        "--limit",
        type=_count,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"list at most N (default: {DEFAULT_LIMIT})",
    )
    sub.add_argument("--json", action="store_true", help="print a JSON object for scripts")


def _match_dict(match: SimilarIncident, repeats: frozenset[str]) -> dict[str, object]:
    return {
        "id": match.pm_id,
        "title": match.title,
        "incident_date": match.day.isoformat() if match.day else None,
        "later": match.later,
        "repeat": match.pm_id in repeats,
        "score": round(match.score, 3),
        "shared_terms": [
            {"term": term.term, "weight": round(term.weight, 3)} for term in match.shared
        ],
    }


def _table(
    pm: PostMortem, matches: list[SimilarIncident], later: bool, repeats: frozenset[str]
) -> str:
    which = "Other" if later else "Earlier"
    lines = [f'Seen before? {which} post-mortems like {pm.id} "{pm.title}":']
    width = max(len(match.pm_id) for match in matches)
    for number, match in enumerate(matches, start=1):
        day = match.day.isoformat() if match.day else "-"
        # Marked as the one this repeats, as the pane marks it (mock 31b); "(repeat of it)"
        # did not say which of the two repeats the other (mock 35b).
        after = f" ({pm.id} repeats it)" if match.pm_id in repeats else ""
        after += " (later)" if match.later else ""
        lines.append(f"{number:>2}. {match.pm_id:<{width}}  {day:<10}  {match.title}{after}")
        shared = ", ".join(term.term for term in match.shared)
        lines.append(f"    {'':<{width}}  shared: {shared}  (score {match.score:.1f})")
    return "\n".join(lines) + "\n"


def cmd_similar(args: argparse.Namespace) -> int:
    # Imported here: the parser imports this module, and --help should stay quick.
    import orjson

    from pmtui.analysis.similar import similar_incidents
    from pmtui.cli.commands import open_service
    from pmtui.cli.main import EXIT_ERROR, EXIT_OK
    from pmtui.model.related import repeated_ids

    with open_service(args, write=False) as service:
        pm = service.get(args.id)
        postmortems, unreadable = service.readable_postmortems()
    # The ranking is over the others; the exit code tells a script that one was not read.
    for problem in unreadable:
        print(f"pmtui: error: {problem}", file=sys.stderr)
    done = EXIT_ERROR if unreadable else EXIT_OK
    matches = similar_incidents(pm, postmortems, later=args.all, limit=args.limit)
    repeats = repeated_ids(pm.related)
    if args.json:
        document = {
            "id": pm.id,
            "title": pm.title,
            "incident_date": pm.incident_day.isoformat() if pm.incident_day else None,
            "matches": [_match_dict(match, repeats) for match in matches],
            "unreadable": unreadable,
        }
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
        return done
    if not matches:
        which = "other" if args.all else "earlier"
        hint = "" if args.all else " (--all adds later ones)"
        print(f"No {which} post-mortem shares causes or terms with {pm.id}{hint}.", file=sys.stderr)
        return done
    sys.stdout.write(_table(pm, matches, args.all, repeats))
    return done
