"""`kring schema`: where the JSON Schemas are, or one of them printed."""

from __future__ import annotations

from pathlib import Path

import click

from kring.cli.main import UsageProblem, common, group_lang


@click.command(epilog="\b\nExamples:\n  kring schema\n  kring schema meeting > meeting.schema.json")
@click.argument("kind", required=False)
@common
def schema(kind: str | None, repo: Path | None, today: str | None, lang: str | None) -> None:
    """Show where the JSON Schemas are, or print one (network, region, theme, member,
    meeting, case; koepel and export for a koepel of networks)."""
    import json
    from importlib import resources

    from kring.cli.help import best_effort_language
    from kring.core.i18n import _, set_language
    from kring.core.layout import SCHEMAS

    # The schemas are the installed kring's, whatever the repository: --repo and --today
    # are taken as by every command (SPEC §4), the repository only decides the language.
    set_language(best_effort_language(repo, group_lang(lang)))
    folder = resources.files("kring.schemas")
    if kind is None:
        for k in SCHEMAS:
            click.echo(f"{k:<8} {folder.joinpath(f'{k}.schema.json')}")
        return
    if kind not in SCHEMAS:
        raise UsageProblem(
            _("no schema '{kind}'; choose one of: {kinds}").format(
                kind=kind, kinds=", ".join(SCHEMAS)
            )
        )
    data = json.loads(folder.joinpath(f"{kind}.schema.json").read_text("utf-8"))
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
