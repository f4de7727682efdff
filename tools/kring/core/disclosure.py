"""What of a confidential case may be shown (SPEC §7): the one place it is decided.

A confidential case shows only its id, path, owner, group, dates and status; its title,
question, intention, narrative and follow-up never leave the machine. Every view asks here:
the report, the summary, history, the due list and the agenda (through the timeline's open
commitments), and the reporters that withhold a finding's message in a confidential file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kring.core.model import Model


def confidential_paths(model: Model) -> frozenset[str]:
    """The files of confidential cases, whose findings are shown without their message."""
    return frozenset(c.loc.path for c in model.cases.values() if c.confidential)
