"""The same id for two entities.

What it does: reports two files that claim one id — a case or meeting filed under two year
folders, a region and a theme with the same id (they share one namespace: group ids) — and
ids repeated inside files: two actions of one meeting, two municipalities or partners with
one id.

Why is this bad: a reference to that id can mean either file, so kring resolves it to
neither (SPEC §2.3): the meeting that lists the case, the member in the group, the follow-up
at the meeting are linked to nothing until one file has another id. Each file is still
checked and counted on its own; this finding is the only one the shared id causes.

Example:

    network/regions/jeugd.yaml
    network/themes/jeugd.yaml

Use instead: give one of them another id, e.g. `network/themes/jeugd-en-veiligheid.yaml`,
and update the references to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding, Source
from kring.core.i18n import T
from kring.core.model import Model, Organisation

RULE = Rule(Code.DUPLICATE_ID, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    # Sorted after filtering: sorting every claim of ten thousand files to report a few is
    # most of this check's time otherwise.
    shared = sorted((claim, paths) for claim, paths in model.claims.items() if len(paths) > 1)
    before = ctx.base.claims if ctx.base is not None else {}
    for (kind, ident), paths in shared:
        # Once per extra file. With a base revision the file that held the id before the
        # change keeps it, so the finding stands in the file the change added (and a
        # pull request is held to it); else the first path keeps it.
        held = sorted(set(paths) & set(before.get((kind, ident), ())))
        first = held[0] if held else min(paths)
        for path in sorted(p for p in paths if p != first):
            yield RULE.at(
                Source(path),
                T("{kind} id '{id}' is also used by {other}", kind=kind, id=ident, other=first),
                T("rename one of the files and update the references to it"),
            )
    for meeting in model.all_meetings:
        if len(meeting.actions) < 2:
            continue
        seen: set[str] = set()
        for action in meeting.actions:
            if action.id in seen:
                yield RULE.at(
                    action.loc.at("id"),
                    T("action id '{id}' is used twice in this meeting", id=action.id),
                    T(
                        "give each action of a meeting its own id: it is addressed as "
                        "{meeting}#<id>",
                        meeting=meeting.id,
                    ),
                )
            seen.add(action.id)
    owners: dict[str, list[Organisation]] = defaultdict(list)
    for region in model.all_regions:
        for m in region.municipalities:
            owners[m.id].append(m)
    if model.network is not None:
        for p in model.network.partners:
            owners[p.id].append(p)
    for ident, defined in owners.items():
        if len(defined) < 2:
            continue  # the position is looked up only for the ids defined twice
        for source in sorted(o.loc.at("id") for o in defined)[1:]:
            yield RULE.at(
                source,
                T("organisation id '{id}' is defined more than once", id=ident),
                T("municipalities and partners share one set of ids: keep one definition"),
            )
