"""The change summary in words: Markdown for the job summary and the pull-request comment,
or JSON for programs (the data is kring.views.change_summary's).

Either stays under LIMIT characters, cutting with a note that names what was left out. A
finding in a confidential case's file whose message may quote the case's text is shown
without its message (SPEC §7).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kring.core.codes import Code
from kring.core.diff import CommitmentChange, EntityChange
from kring.core.disclosure import confidential_paths, withholds_message
from kring.core.findings import Finding
from kring.core.i18n import T, _
from kring.core.phrases import entity_kind
from kring.core.printable import dumps
from kring.core.tally import tally
from kring.views import markup
from kring.views.change_summary import Summary, counts, entity_facts

_Change = TypeVar("_Change", EntityChange, CommitmentChange)

LIMIT = 60_000  # GitHub refuses comments over 65,536 characters; keep a margin


# --- JSON -------------------------------------------------------------------------------------


def to_dict(summary: Summary) -> dict[str, Any]:
    private = confidential_paths(summary.head)
    return {
        "version": 1,
        "base": {"ref": summary.base_ref, "sha": summary.base_sha},
        "head": {"ref": summary.head_ref},
        "entities": [
            {
                "kind": c.kind,
                "id": c.id,
                "change": c.change,
                "path": c.path,
                "fields": list(c.fields),
                **entity_facts(summary, c),
            }
            for c in summary.entities
        ],
        "commitments": [
            {
                "kind": c.kind,
                "ref": c.ref,
                "change": c.change,
                "owner": c.owner,
                "status": c.status,
                "path": c.source.path,
                "line": c.source.line,
            }
            for c in summary.commitments
        ],
        "changed_files": list(summary.changed_files),
        "findings": [_finding_dict(f, private) for f in summary.findings],
        "counts": {"base": counts(summary.base), "head": counts(summary.head)},
    }


def _finding_dict(finding: Finding, private: frozenset[str]) -> dict[str, Any]:
    data = finding.to_dict()
    if withholds_message(finding, private):
        data["message"] = _withheld(finding.name)
        data["hint"] = None
    return data


def _withheld(name: str) -> str:
    return T(
        "{name} in a confidential case; the message is not shown here, run kring check on the file",
        name=name,
    ).render()


def render_json(summary: Summary, limit: int = LIMIT) -> str:
    data = to_dict(summary)
    text = dumps(data)
    left_out: dict[str, int] = {}
    # Cut the longest lists from their end until the document fits, and say how much went.
    while len(text) > limit:
        key = max(
            ("findings", "entities", "commitments", "changed_files"), key=lambda k: len(data[k])
        )
        if not data[key]:
            break
        cut = max(1, len(data[key]) // 10)
        del data[key][-cut:]
        left_out[key] = left_out.get(key, 0) + cut
        data["left_out"] = left_out
        text = dumps(data)
    return text


# --- Markdown ---------------------------------------------------------------------------------


def _facts_text(facts: dict[str, Any]) -> str:
    parts = []
    if facts.get("title"):
        parts.append(markup.text(facts["title"]))
    if facts.get("name"):
        parts.append(markup.text(facts["name"]))
    for key, label in (
        ("owner", T("owner {value}")),
        ("group", T("group {value}")),
        ("date", T("on {value}")),
        ("presented", T("presented {value}")),
        ("status", T("status {value}")),
    ):
        if facts.get(key):
            parts.append(T(label.msgid, value=markup.code(facts[key])).render())
    if facts.get("confidential"):
        parts.append(_("confidential"))
    return ", ".join(parts)


def _entity_line(summary: Summary, change: EntityChange) -> str:
    label = entity_kind(change.kind)
    line = f"- {label} {markup.code(change.id)}"
    facts = _facts_text(entity_facts(summary, change))
    if facts:
        line += f" ({facts})"
    if change.fields:
        line += (
            " — "
            + T(
                "fields: {fields}", fields=", ".join(markup.code(f) for f in change.fields)
            ).render()
        )
    return line + "\n"


def _commitment_line(change: CommitmentChange) -> str:
    label = entity_kind(change.kind)
    line = f"- {label} {markup.code(change.ref)}"
    if change.owner:
        line += " — " + T("owner {value}", value=markup.code(change.owner)).render()
    if change.change == "closed":
        line += ": " + markup.code(change.status)
    if change.change == "removed":
        line += f" — **{Code.DELETED_COMMITMENT}** " + _("removed instead of closed")
    return line + "\n"


def finding_line(
    finding: Finding, *, with_path: bool = True, private: frozenset[str] = frozenset()
) -> str:
    s = finding.source
    where = (
        markup.code(f"{s.path}:{s.line}") if with_path else T("line {line}", line=s.line).render()
    )
    line = f"- {where} **{finding.code}** {finding.severity.word}: "
    if withholds_message(finding, private):
        return line + _withheld(markup.code(finding.name)) + "\n"
    line += markup.text(finding.message)
    if finding.hint is not None:
        line += f" — {_('hint')}: {markup.text(finding.hint)}"
    return line + "\n"


def blocks(summary: Summary, *, findings: bool = True) -> list[tuple[str, str]]:
    """The summary as (section, text) blocks in reading order, for markup.fit()."""
    out: list[tuple[str, str]] = []
    head = markup.code(summary.head_ref) if summary.head_ref else _("the work tree")
    out.append(
        (
            "intro",
            "## "
            + _("What this change does")
            + "\n\n"
            + T(
                "Compared {head} with {base} (the merge base with {ref}).",
                head=head,
                base=markup.code(summary.base_sha[:12]),
                ref=markup.code(summary.base_ref),
            ).render()
            + "\n\n",
        )
    )
    entities = _("entities")
    if not summary.entities:
        out.append(
            (entities, _("No meetings, cases, members, regions or themes changed.") + "\n\n")
        )
    out += _by_change(
        entities,
        summary.entities,
        (("added", _("Added")), ("changed", _("Changed")), ("removed", _("Removed"))),
        "### {}\n\n",
        lambda c: _entity_line(summary, c),
    )
    commitments = _("commitments")
    if summary.commitments:
        out.append((commitments, "### " + _("Commitments") + "\n\n"))
    out += _by_change(
        commitments,
        summary.commitments,
        (
            ("opened", _("Opened")),
            ("closed", _("Closed")),
            ("removed", _("Removed without being closed")),
        ),
        "**{}**\n\n",
        _commitment_line,
    )
    if findings:
        label = _("findings")
        out.append(
            (
                label,
                "### "
                + _("Findings in the changed files")
                + "\n\n"
                + T(
                    "{tally} in {files}.",
                    tally=tally(summary.findings),
                    files=T("1 changed file")
                    if len(summary.changed_files) == 1
                    else T("{n} changed files", n=len(summary.changed_files)),
                ).render()
                + "\n\n",
            )
        )
        private = confidential_paths(summary.head)
        out.extend((label, finding_line(f, private=private)) for f in summary.findings)
        if summary.findings:
            out.append((label, "\n"))
    out.append(("counts", _counts_table(summary)))
    return out


def _by_change(
    section: str,
    changes: Sequence[_Change],
    headings: tuple[tuple[str, str], ...],
    heading: str,
    line: Callable[[_Change], str],
) -> list[tuple[str, str]]:
    """One block per change in the order of `headings`, each under its heading; a change
    with nothing in it is left out."""
    out: list[tuple[str, str]] = []
    for change, title in headings:
        items = [c for c in changes if c.change == change]
        if items:
            out.append((section, heading.format(title)))
            out.extend((section, line(c)) for c in items)
            out.append((section, "\n"))
    return out


def _counts_table(summary: Summary) -> str:
    before, after = counts(summary.base), counts(summary.head)
    labels = {
        "members": _("members (current)"),
        "regions": _("regions"),
        "themes": _("themes"),
        "meetings": _("meetings"),
        "cases": _("cases"),
        "open_actions": _("open actions"),
        "open_intentions": _("open intentions"),
    }
    rows = [
        "### " + _("The network") + "\n\n",
        f"| | {_('before')} | {_('after')} |\n|---|---:|---:|\n",
    ]
    for key, label in labels.items():
        rows.append(f"| {label} | {before[key]} | {after[key]} |\n")
    return "".join(rows) + "\n"


def cut_note(left: list[str]) -> str:
    return (
        "\n> "
        + T(
            "Cut to stay under {limit} characters; left out: {what}. "
            "Run kring summary locally for everything.",
            limit=f"{LIMIT:,}",
            what=", ".join(left),
        ).render()
        + "\n"
    )


def render_markdown(summary: Summary, limit: int = LIMIT) -> str:
    parts = blocks(summary)
    text, left = markup.fit(parts, limit, cut_note(["x" * 200]))
    return text + (cut_note(left) if left else "")
