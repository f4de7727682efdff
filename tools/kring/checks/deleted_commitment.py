"""An open action or intention removed instead of closed.

What it does: with a base revision (`kring check --changed-since REF`, `kring summary
--base REF`), reports every action that was open at the base and is gone at the head, and
every case whose open intention (no follow_up, status open) is gone — the case file deleted,
or the intention taken out — without a follow-up or `status: dropped`. An action counts as
the same action by its address `<meeting-id>#<action-id>`. Without a base it finds nothing.

Why is this bad: a commitment is what a member promised the network. Deleting it erases the
promise from the record without saying whether it was kept; the next meeting cannot ask about
it and the history shows nothing was decided. Commitments are closed, not deleted.

Example:

    actions:
      - id: werkplan-2027      # this action was open; the change deleted it
        owner: marieke-jansen
        status: open

    (and in the change: the whole action removed from the list)

Use instead:

    actions:
      - id: werkplan-2027
        owner: marieke-jansen
        status: dropped
        closed: 2026-12-10
        note: The region decided to write one plan with Liemers instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model

RULE = Rule(Code.DELETED_COMMITMENT, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    if ctx.base is None:
        return
    # imported here: without --changed-since (most runs) the entity diff is never needed
    from kring.core.diff import commitment_changes

    for change in commitment_changes(ctx.base, model):
        if change.change != "removed":
            continue
        if change.kind == "action":
            yield RULE.at(
                change.source,
                T("the open action '{ref}' was removed instead of closed", ref=change.ref),
                T(
                    "put it back and set status: done or dropped with closed: YYYY-MM-DD "
                    "(and a note); commitments are closed, not deleted"
                ),
            )
        else:
            yield RULE.at(
                change.source,
                T(
                    "the open intention of case '{case}' was removed without a follow-up",
                    case=change.ref,
                ),
                T(
                    "put the intention back and add a follow_up when the owner reports back, "
                    "or set status: dropped with a reason"
                ),
            )
