"""What a warm `kring check` imports: only what the run needs (issue 8, start-up)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import TODAY, MakeRepo

# Each is needed by some runs only: the change summary and the entity diff by
# --changed-since, difflib by a misspelt name, tomllib by a repository with a pyproject.toml.
NOT_ON_A_PLAIN_RUN = {
    "kring.views.change_summary",
    "kring.views.summary_text",
    "kring.core.diff",
    "difflib",
    "tomllib",
}


def modules_of_check(repo: Path) -> set[str]:
    code = (
        "import sys\n"
        "from kring.cli.main import cli\n"
        "try:\n"
        f"    cli.main(['check', '--repo', {str(repo)!r}, '--today', {TODAY!r}],"
        " standalone_mode=False)\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "print(' '.join(sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.splitlines()[-1].split())


def test_a_warm_check_imports_only_what_the_run_needs(make_repo: MakeRepo) -> None:
    repo = make_repo(example=True)
    modules_of_check(repo)  # cold: fills the cache
    warm = modules_of_check(repo)
    assert "kring.load.pipeline" in warm  # it did run the checks
    assert not warm & NOT_ON_A_PLAIN_RUN
