"""What the commands that write share: a refusal printed plainly, with its exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from kring.core.printable import escaped

if TYPE_CHECKING:
    from kring.edit.refused import Refused


def print_refused(exc: Refused) -> None:
    """The refusal on stderr: its message, what to fix one line each, and any findings as
    `kring check` prints them."""
    from kring.reporters.text import finding_lines

    click.echo(escaped(f"kring: {exc}"), err=True)
    for detail in exc.details:
        click.echo(escaped(f"  - {detail}"), err=True)
    for f in exc.findings:
        for line in finding_lines(f):
            click.echo(line, err=True)


@contextmanager
def refusals() -> Iterator[None]:
    """Turn `kring.edit.refused.Refused` into a message on stderr (`print_refused`) and the
    exit code it carries: 2 for a wrong command line, 1 when the network says no."""
    from kring.edit.refused import Refused

    try:
        yield
    except Refused as exc:
        print_refused(exc)
        sys.exit(exc.exit_code)
