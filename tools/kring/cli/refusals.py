"""What the commands that write share: a refusal printed plainly, with its exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click


@contextmanager
def refusals() -> Iterator[None]:
    """Turn `authoring.Refused` into a message on stderr (with any findings) and the exit
    code it carries: 2 for a wrong command line, 1 when the network says no."""
    from kring.core.i18n import _
    from kring.edit.refused import Refused

    try:
        yield
    except Refused as exc:
        click.echo(f"kring: {exc}", err=True)
        for f in exc.findings:
            s = f.source
            click.echo(
                f"{s.path}:{s.line}:{s.column}: {f.code} [{f.severity.label}] {f.message.render()}",
                err=True,
            )
            if f.hint is not None:
                click.echo(f"    {_('hint')}: {f.hint.render()}", err=True)
        sys.exit(exc.exit_code)
