"""What may be shown (SPEC §2.3, §7): confidential by path, placeholders, masking."""

from __future__ import annotations

import pytest
from support import MakeRepo, check, load

from kring.core.disclosure import PLACEHOLDER, confidential_file, confidential_paths, withhold
from kring.core.i18n import Quoted, T, using_language
from kring.core.personal_data import mask

CASE = """\
---
title: A case
owner: anna
presented_at: 2026-03-12-noord
question: What now?
intention:
  what: Call the family.
status: open
{extra}---

The narrative.
"""


@pytest.mark.parametrize(
    ("path", "data", "secret"),
    [
        ("network/cases/2026/a.md", {"confidential": False}, False),
        ("network/cases/2026/a.md", {"confidential": True}, True),
        ("network/cases/2026/a.md", {}, True),  # half-written: no key is true
        ("network/cases/2026/a.md", {"confidential": "false"}, True),  # text, not false
        ("network/cases/2026/a.md", None, True),  # did not parse
        ("network/cases/2026/a.md", ["confidential", False], True),
        ("network/cases/a.md", {"confidential": False}, False),
        ("network/cases/notes.txt", None, True),  # misplaced, never parsed
        ("network/members/anna.yaml", None, False),
    ],
)
def test_a_file_under_cases_is_confidential_unless_it_says_false(
    path: str, data: object, secret: bool
) -> None:
    assert confidential_file(path, data) is secret


def test_confidential_paths_are_decided_per_file(make_repo: MakeRepo) -> None:
    from support import base_files

    files = {
        **base_files(),
        # the same id in two years: one public, one that says nothing (confidential)
        "network/cases/2025/casus.md": CASE.format(extra="confidential: false\n"),
        "network/cases/2026/broken.md": "---\ntitle: [unclosed\n---\n",
        "network/cases/notes.md": "Loose notes about a family.\n",
    }
    repo = make_repo(files)
    private = confidential_paths(load(repo))
    assert private == {
        "network/cases/2026/casus.md",
        "network/cases/2026/broken.md",
        "network/cases/notes.md",
    }


def test_withhold_replaces_every_quoted_value_also_inside_a_text() -> None:
    text = T(
        "'{value}' in {field}{mean}",
        value=Quoted("secret"),
        field="status",
        mean=T(" (did you mean '{match}'?)", match=Quoted("secret too")),
    )
    with using_language("en"):  # an earlier test may have left another language set
        shown = withhold(text).render()
        placeholder = PLACEHOLDER.render()
    assert "secret" not in shown
    assert shown == f"'{placeholder}' in status (did you mean '{placeholder}'?)"
    plain = T("meeting {meeting}", meeting="2026-03-12-noord")
    assert withhold(plain) is plain


def test_a_message_masks_personal_data_in_every_text_argument() -> None:
    text = T("'{value}' in {field}", value=Quoted("jan@example.nl"), field="bel 06-12345678")
    with using_language("en"):
        assert text.render() == "'***' in bel ***"
        assert T("{n} files in {s:.1f}s", n=123456782, s=1.25).render() == (
            "123456782 files in 1.2s"
        )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("mail jan@example.nl today", "mail *** today"),
        ("bel 06-12345678 of 020 123 45 67", "bel *** of ***"),
        ("IBAN NL91ABNA0417164300\nbsn 123456782", "IBAN ***\nbsn ***"),
        ("date 2026-03-12, 15 members", "date 2026-03-12, 15 members"),
    ],
)
def test_mask(text: str, shown: str) -> None:
    assert mask(text) == shown


def test_a_finding_in_a_confidential_file_quotes_the_placeholder(make_repo: MakeRepo) -> None:
    from support import base_files

    files = {
        **base_files(),
        "network/cases/2026/casus.md": CASE.format(extra="").replace(
            "status: open", "status: wachtend-op-de-rechter"
        ),
        "network/cases/2026/open.md": CASE.format(extra="confidential: false\n").replace(
            "status: open", "status: wachtend-op-de-rechter"
        ),
    }
    run = check(make_repo(files))
    messages = {str(f["path"]): str(f["message"]) for f in run.findings if f["code"] == "KR101"}
    assert messages == {
        "network/cases/2026/casus.md": (
            "status: 'the value is not shown: confidential case' is not one of open, "
            "followed-up, dropped"
        ),
        "network/cases/2026/open.md": (
            "status: 'wachtend-op-de-rechter' is not one of open, followed-up, dropped"
        ),
    }
