"""The municipal contact who rarely comes.

What it does: reports the network's `municipal_contact` who attended fewer than
`policy.contact_share` percent (50 unless set) of the meetings of their groups in the
twelve months before today — meetings that took place, list their attendees and are dated
on or after the contact joined. Apologies count as absent. A contact without such meetings,
or who left (KR402), is not reported here. It points at `municipal_contact`.

Why is this bad: a municipal contact is the participants' way in to the municipality, and
the municipality's way to hear what its residents and professionals run into; that only
works when the contact is in the room. In Almere a civil servant was present at every
meeting ("steeds een gemeenteambtenaar aanwezig", research/004_0e1b1fca02ef0560.txt,
summary), and the report advises a fixed contact who takes part ("een vast aanspreekpunt
die deelneemt aan de kenniskring", §4.2.3). Talk with the contact about the dates, or
agree that another member from a municipality takes the role.

Example:

    # anna-de-vries came to 1 of the 4 meetings of her groups this year
    municipal_contact: anna-de-vries

Use instead:

    municipal_contact: marieke-jansen   # attends the platform's meetings
"""

from __future__ import annotations

from collections.abc import Iterator

from kring.checks.context import Context
from kring.core.codes import Code, Rule
from kring.core.findings import Finding
from kring.core.i18n import T
from kring.core.model import Model
from kring.core.practice import contact_attendance
from kring.core.timeline import has_left, policy

RULE = Rule(Code.ABSENT_CONTACT, __doc__ or "")


def check(model: Model, ctx: Context) -> Iterator[Finding]:
    network = model.network
    if network is None or network.broken or network.municipal_contact is None:
        return
    member = model.members.get(network.municipal_contact)
    if member is None or member.broken or has_left(member, ctx.today):
        return  # an unknown contact is KR201's finding, one who left KR402's
    share = policy(model, None, "contact_share")
    found = contact_attendance(model, member, ctx.today)
    meetings = len(found.meetings)
    if not meetings or found.attended * 100 >= share * meetings:
        return
    yield RULE.at(
        network.loc.at("municipal_contact"),
        T(
            "the municipal contact '{member}' attended {attended} of the {meetings} meetings "
            "of their groups since {since}, fewer than the {share}% the policy asks",
            member=member.id,
            attended=found.attended,
            meetings=meetings,
            since=found.since,
            share=share,
        ),
        T(
            "talk with {member} about the meeting dates, or agree that another member from a "
            "municipality becomes municipal_contact; the share is policy: contact_share: in "
            "{path}",
            member=member.id,
            path=network.loc.path,
        ),
    )
