"""The change summary in words: Markdown for the job summary and the pull-request comment,
or JSON for programs, both from the document kring.views.change_summary.to_dict writes.

Either stays under LIMIT characters, cutting with a note that names what was left out. The
Markdown reads only the JSON form, never the models: the privileged workflow renders a
document that an untrusted run wrote (`kring bot comment`), so every string in it passes
through markup.text or markup.code here. A finding in a confidential case's file arrives with
a placeholder where its message would quote the file's values (kring.core.disclosure,
applied by the runner), so it is shown as it is (SPEC §7).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from kring.core.codes import Code
from kring.core.findings import Severity
from kring.core.i18n import N_, T, _
from kring.core.phrases import entity_kind
from kring.core.printable import dumps
from kring.core.tally import tally_of
from kring.views import markup
from kring.views.change_summary import Summary, to_dict, withheld_message

LIMIT = 60_000  # GitHub refuses comments over 65,536 characters; keep a margin


def render_json(summary: Summary, limit: int = LIMIT) -> str:
    data = to_dict(summary)
    text = dumps(data)
    left_out: dict[str, int] = {}
    # Cut the longest lists from their end until the document fits, and say how much went.
    while len(text) > limit:
        key = max(
            ("findings", "entities", "commitments", "changed_files", "rules", "suppressions"),
            key=lambda k: len(data[k]),
        )
        if not data[key]:
            break
        cut = max(1, len(data[key]) // 10)
        del data[key][-cut:]
        left_out[key] = left_out.get(key, 0) + cut
        data["left_out"] = left_out
        text = dumps(data)
    return text


# --- Markdown, from the JSON form -------------------------------------------------------------
#
# Every function below reads the document `to_dict` writes (and schemas/summary.schema.json
# describes), never the models: the privileged workflow renders a document that an untrusted
# run wrote, so every string in it passes through markup.text or markup.code here.

Doc = dict[str, Any]


def _facts_text(facts: Doc) -> str:
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


def _entity_line(change: Doc) -> str:
    label = entity_kind(change["kind"])
    line = f"- {label} {markup.code(change['id'])}"
    facts = _facts_text(change)
    if facts:
        line += f" ({facts})"
    if change["fields"]:
        line += (
            " — "
            + T(
                "fields: {fields}", fields=", ".join(markup.code(f) for f in change["fields"])
            ).render()
        )
    return line + "\n"


def _commitment_line(change: Doc) -> str:
    label = entity_kind(change["kind"])
    line = f"- {label} {markup.code(change['ref'])}"
    if change["owner"]:
        line += " — " + T("owner {value}", value=markup.code(change["owner"])).render()
    if change["change"] == "closed":
        line += ": " + markup.code(change["status"])
    if change["change"] == "removed":
        line += f" — **{Code.DELETED_COMMITMENT}** " + _("removed instead of closed")
    return line + "\n"


def finding_line(finding: Doc, *, with_path: bool = True) -> str:
    """One finding of the JSON form (`finding_dict`) as a Markdown list item."""
    where = (
        markup.code(f"{finding['path']}:{finding['line']}")
        if with_path
        else T("line {line}", line=finding["line"]).render()
    )
    severity = Severity.parse(finding["severity"]).word
    line = f"- {where} **{markup.text(finding['code'])}** {severity}: "
    if finding.get("withheld"):
        return line + withheld_message(markup.code(finding["name"])) + "\n"
    line += markup.text(finding["message"])
    if finding["hint"] is not None:
        line += f" — {_('hint')}: {markup.text(finding['hint'])}"
    return line + "\n"


def severity_counts(findings: Sequence[Doc]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        out[finding["severity"]] += 1
    return out


# The top of the summary and the comment: what a reviewer must look at before anything else.
NOTICE_ITEMS = 20  # items listed per notice; the rest are counted


def notices(doc: Doc, rules: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """The change edits kring's rules (the paths), or adds suppressions (with their codes).

    `rules` replaces the document's own list: the privileged workflow passes the files
    GitHub itself says the pull request changes, which no run of the pull request can alter.
    """
    paths = [r["path"] for r in doc["rules"]] if rules is None else list(rules)
    out: list[tuple[str, str]] = []
    if paths:
        lines = [markup.code(p) for p in paths]
        out.append(
            (
                "notice",
                _notice(
                    _("This change edits kring's rules: a maintainer must review it."),
                    _(
                        "The check below ran with the rules of the base branch; these files "
                        "take effect once the change is merged."
                    ),
                    lines,
                ),
            )
        )
    added = doc["suppressions"]
    if added:
        lines = []
        for s in added:
            form = "ignore-file" if s["scope"] == "file" else "ignore"
            written = f"{form}[{', '.join(s['codes'])}]"
            where = markup.code(f"{s['path']}:{s['line']}")
            lines.append(f"{where} {markup.code(written)}")
        out.append(
            (
                "notice",
                _notice(
                    _("This change adds suppressions: a reviewer must agree with each."),
                    _(
                        "An error that one of them would hide still counts in this check; "
                        "once the change is merged, the comment suppresses it."
                    ),
                    lines,
                ),
            )
        )
    return out


def _notice(title: str, why: str, items: list[str]) -> str:
    shown = [f"> - {item}\n" for item in items[:NOTICE_ITEMS]]
    if len(items) > NOTICE_ITEMS:
        more = T("and {n} more", n=len(items) - NOTICE_ITEMS).render()
        shown.append(f"> - {more}\n")
    return f"> ⚠️ **{title}** {why}\n>\n" + "".join(shown) + "\n"


def blocks(doc: Doc, *, findings: bool = True) -> list[tuple[str, str]]:
    """The summary as (section, text) blocks in reading order, for markup.fit()."""
    out: list[tuple[str, str]] = []
    head_ref = doc["head"]["ref"]
    head = markup.code(head_ref) if head_ref else _("the work tree")
    out.append(
        (
            "intro",
            "## "
            + _("What this change does")
            + "\n\n"
            + T(
                "Compared {head} with {base} (the merge base with {ref}).",
                head=head,
                base=markup.code(doc["base"]["sha"][:12]),
                ref=markup.code(_short(doc["base"]["ref"])),
            ).render()
            + "\n\n",
        )
    )
    entities = _("entities")
    if not doc["entities"]:
        out.append(
            (entities, _("No meetings, cases, members, regions or themes changed.") + "\n\n")
        )
    out += _by_change(
        entities,
        doc["entities"],
        (("added", _("Added")), ("changed", _("Changed")), ("removed", _("Removed"))),
        "### {}\n\n",
        _entity_line,
    )
    commitments = _("commitments")
    if doc["commitments"]:
        out.append((commitments, "### " + _("Commitments") + "\n\n"))
    out += _by_change(
        commitments,
        doc["commitments"],
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
        changed = len(doc["changed_files"])
        out.append(
            (
                label,
                "### "
                + _("Findings in the changed files")
                + "\n\n"
                + T(
                    "{tally} in {files}.",
                    tally=tally_of(severity_counts(doc["findings"])),
                    files=T("1 changed file")
                    if changed == 1
                    else T("{n} changed files", n=changed),
                ).render()
                + "\n\n",
            )
        )
        out.extend((label, finding_line(f)) for f in doc["findings"])
        if doc["findings"]:
            out.append((label, "\n"))
    out.append(("counts", _counts_table(doc)))
    return out


def _short(ref: str) -> str:
    """A commit id as a ref (the bot names the base by its id) is shown as git abbreviates."""
    return ref[:12] if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", ref) else ref


def _by_change(
    section: str,
    changes: Sequence[Doc],
    headings: tuple[tuple[str, str], ...],
    heading: str,
    line: Callable[[Doc], str],
) -> list[tuple[str, str]]:
    """One block per change in the order of `headings`, each under its heading; a change
    with nothing in it is left out."""
    out: list[tuple[str, str]] = []
    for change, title in headings:
        items = [c for c in changes if c["change"] == change]
        if items:
            out.append((section, heading.format(title)))
            out.extend((section, line(c)) for c in items)
            out.append((section, "\n"))
    return out


COUNT_LABELS = {
    "members": N_("members (current)"),
    "regions": N_("regions"),
    "themes": N_("themes"),
    "meetings": N_("meetings"),
    "cases": N_("cases"),
    "open_actions": N_("open actions"),
    "open_intentions": N_("open intentions"),
}


def _counts_table(doc: Doc) -> str:
    before, after = doc["counts"]["base"], doc["counts"]["head"]
    rows = [
        "### " + _("The network") + "\n\n",
        f"| | {_('before')} | {_('after')} |\n|---|---:|---:|\n",
    ]
    for key, label in COUNT_LABELS.items():
        rows.append(f"| {_(label)} | {int(before[key])} | {int(after[key])} |\n")
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


def left_out(doc: Doc) -> list[str]:
    """What the document's writer already cut (`left_out`), as labels for cut_note."""
    return [f"{markup.text(key)} ({int(n)})" for key, n in doc.get("left_out", {}).items()]


def render_markdown(summary: Summary, limit: int = LIMIT) -> str:
    doc = to_dict(summary)
    parts = [*notices(doc), *blocks(doc)]
    text, left = markup.fit(parts, limit, cut_note(["x" * 200]))
    return text + (cut_note(left) if left else "")
