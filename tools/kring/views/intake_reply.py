"""What the intake workflow writes back on GitHub, in the network's language (SPEC §8, §11):
the comment on the issue (recorded, or what to fix) and the pull request's title and body.

Everything quoted from the issue is escaped (kring.views.markup): no raw HTML, no @mention
that pings, no Markdown that changes the page. What was recorded is said with ids, dates and
paths only; a finding in a confidential case's file quotes a placeholder for each of the
file's values (the runner's kring.core.disclosure.disclosed, SPEC §7).
The issue number is an integer the command line checked, so "Closes #N" links the issue.
"""

from __future__ import annotations

from collections.abc import Sequence

from kring.core.findings import Finding
from kring.core.i18n import T, Text, _
from kring.views import markup
from kring.views.change_summary import finding_dict
from kring.views.summary_text import finding_line

MARKER = "<!-- kring:intake -->"


def recorded_comment(what: Text) -> str:
    return (
        f"{MARKER}\n### ✅ {markup.text(T('Recorded: {what}', what=what))}\n\n"
        + markup.text(
            _(
                "kring made a pull request with the change; it is linked below. A maintainer "
                "reviews and merges it, and that closes this issue."
            )
        )
        + "\n"
    )


def refused_comment(
    message: Text, details: Sequence[Text], findings: Sequence[Finding] = ()
) -> str:
    out = [f"{MARKER}\n### ❌ {markup.text(_('kring could not record this form'))}\n"]
    out.append(markup.text(message) + "\n")
    out.extend(f"- {markup.text(detail)}" for detail in details)
    if details:
        out.append("")
    if findings:
        out.append(markup.text(_("What kring check would find in the result:")) + "\n")
        out.extend(finding_line(finding_dict(f)).rstrip("\n") for f in findings)
        out.append("")
    out.append(markup.text(_("Edit the issue to fix this; kring reads it again when you save it.")))
    return "\n".join(out) + "\n"


def pull_request_title(what: Text) -> str:
    # a title is plain text on GitHub: no Markdown to escape, but one line
    return " ".join(T("Intake: {what}", what=what).render().split())


def pull_request_body(what: Text, paths: Sequence[str], issue: int | None) -> str:
    out = [
        markup.text(T("Recorded with kring intake from an issue form: {what}.", what=what)),
        "",
        markup.text(_("Changed files:")),
        "",
        *(f"- {markup.code(path)}" for path in paths),
        "",
        markup.text(
            _("kring check passed on the result before it was written. Review it, then merge.")
        ),
    ]
    if issue is not None:
        out += ["", f"Closes #{issue:d}"]
    return "\n".join(out) + "\n"
