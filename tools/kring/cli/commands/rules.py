"""`kring rules` and `kring explain`: the check catalogue, from the registry."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, group_lang


@click.command(epilog="\b\nExample:\n  kring rules")
@common
def rules(repo: Path | None, today: str | None, lang: str | None) -> None:
    """List the check catalogue: code, name, default severity, what it finds."""
    from kring.checks import registry
    from kring.cli.help import best_effort_language
    from kring.core.i18n import _, set_language

    set_language(best_effort_language(repo, group_lang(lang)))
    for rule in registry.rules():
        summary = _(rule.explanation).strip().splitlines()[0]
        click.echo(f"{rule.code}  {rule.name:<22} {_(rule.severity.label):<12} {summary}")


@click.command(epilog="\b\nExamples:\n  kring explain KR201\n  kring explain unknown-reference")
@click.argument("code")
@common
def explain(code: str, repo: Path | None, today: str | None, lang: str | None) -> None:
    """Explain one check: what it finds, why it matters, a bad and a good example."""
    from kring.checks.registry import rule, rules
    from kring.cli.help import best_effort_language
    from kring.core.i18n import _, set_language
    from kring.core.suggest import closest

    set_language(best_effort_language(repo, group_lang(lang)))
    found = rule(code) or next((r for r in rules() if r.name == code.strip().lower()), None)
    if found is None:
        names = [r.code for r in rules()] + [r.name for r in rules()]
        match = closest(code, names)
        raise UsageProblem(
            _("no check {code} (did you mean {match}?); 'kring rules' lists them").format(
                code=code, match=match
            )
            if match
            else _("no check {code}; 'kring rules' lists them").format(code=code)
        )
    click.echo(f"{found.code} {found.name} [{_(found.severity.label)}]\n")
    click.echo(_(found.explanation).strip())
