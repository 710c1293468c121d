"""Provides a throwaway team repository for the merge driver's tests: a bare origin holding a
folder of `.pmtui` files with `.gitattributes`, and clones with pmtui's driver in git config
(which `pmtui init` does for users)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from pmtui.model.postmortem import PostMortem
from pmtui.store import pmfile

ATTRIBUTES = "postmortems/*.pmtui merge=pmtui\n*.pmtui text eol=lf\n"
DRIVER = f"{shlex.quote(sys.executable)} -m pmtui merge-driver %O %A %B %P"


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "pmtui test",
        "GIT_AUTHOR_EMAIL": "test@pmtui.invalid",
        "GIT_COMMITTER_NAME": "pmtui test",
        "GIT_COMMITTER_EMAIL": "test@pmtui.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check, timeout=60
    )


class Team:
    """An origin and the clones of the people who edit it."""

    def __init__(self, root: Path, *postmortems: PostMortem) -> None:
        self.root = root
        seed = root / "seed"
        (seed / "postmortems").mkdir(parents=True)
        (seed / ".gitattributes").write_text(ATTRIBUTES)
        for pm in postmortems:
            (seed / "postmortems" / pmfile.file_name(pm.id)).write_bytes(pmfile.dumps(pm))
        git(seed, "init", "-q", "-b", "main")
        git(seed, "add", "-A")
        git(seed, "commit", "-q", "-m", "post-mortems")
        git(root, "clone", "-q", "--bare", str(seed), "origin.git")

    def clone(self, name: str) -> Path:
        path = self.root / name
        git(self.root, "clone", "-q", "origin.git", name)
        git(path, "config", "merge.pmtui.name", "pmtui post-mortem merge")
        git(path, "config", "merge.pmtui.driver", DRIVER)
        git(path, "config", "pull.rebase", "false")
        return path


def write(clone: Path, pm: PostMortem, message: str) -> None:
    target = clone / "postmortems" / pmfile.file_name(pm.id)
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(pmfile.dumps(pm))
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", message)


def read(clone: Path, pm_id: str) -> PostMortem:
    path = clone / "postmortems" / pmfile.file_name(pm_id)
    return pmfile.loads(path.read_bytes(), path)
