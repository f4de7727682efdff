"""Writing a planned generated file (views.page_plan): what `kring report`, `kring koepel
report`, `kring export` and `kring intake --forms` share.

Each says what it does to each file (unchanged, out of date, created, updated) and writes
through the one atomic, never-clobbering path, which replaces a file only while it still
holds the bytes the plan read.
"""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem
from kring.core.i18n import T
from kring.core.printable import escaped
from kring.edit import atomic_write
from kring.views.page_plan import PageWrite


def write_planned(root: Path, write: PageWrite, *, check_only: bool) -> bool:
    """Say what happens to the planned file and, unless `check_only`, write it; True when
    it was out of date (created or changed, or would be)."""
    rel, text, old = write.page.path, write.page.text, write.old
    if write.unchanged:
        click.echo(escaped(str(T("unchanged {path}", path=rel))))
        return False
    if check_only:
        click.echo(escaped(str(T("out of date {path}", path=rel))))
        return True
    try:
        if old is None:
            atomic_write.create(root / rel, text, within=root)
        else:
            atomic_write.replace(root / rel, text, expected=old, within=root)
    except (atomic_write.WriteRefused, OSError) as exc:
        raise UsageProblem(str(exc)) from None
    done = T("created {path}", path=rel) if old is None else T("updated {path}", path=rel)
    click.echo(escaped(str(done)))
    return True
