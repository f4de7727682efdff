"""Reading an issue body as GitHub renders a submitted form: strict, in either language."""

from __future__ import annotations

import pytest

from kring.core.i18n import set_language
from kring.edit.issue_forms import CLOSE, FOLLOW_UP, MEETING
from kring.edit.refused import Refused
from kring.edit.rendered_body import read

PRIVACY = "\n\n### Privacy\n\n- [X] I wrote no names of clients"
FOLLOW_UP_BODY = (
    "### Case\n\nstatushouder-gezinshereniging-school\n\n"
    "### Reported at\n\n2026-10-08\n\n"
    "### What the owner did\n\nCalled.\n\n  Indented line kept.\n\n"
    "### What came of it\n\n_No response_\n\n"
    "### Lessons\n\n_No response_\n\n"
    "### Privacy\n\n- [X] I wrote no names of clients, no e-mail addresses and no phone "
    "numbers here"
)


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")  # the messages below are English; another test may have left Dutch


def test_answers_by_field_with_empty_ones_as_none() -> None:
    answers = read(FOLLOW_UP_BODY)
    assert answers.form is FOLLOW_UP
    assert answers.text["case"] == "statushouder-gezinshereniging-school"
    assert answers.text["done"] == "Called.\n\n  Indented line kept."
    assert answers.text["result"] is None
    assert answers.checked("privacy") == {"checked"}


def test_crlf_bodies_read_the_same() -> None:
    assert read(FOLLOW_UP_BODY.replace("\n", "\r\n")).text == read(FOLLOW_UP_BODY).text


def test_an_optional_dropdown_left_alone_reads_none() -> None:
    answers = read(
        "### Group\n\nachterhoek\n\n### Date\n\n2026-12-10\n\n### Host\n\nNone" + PRIVACY
    )
    assert answers.form is MEETING
    assert answers.text["host"] is None


def test_an_unticked_box_is_not_checked() -> None:
    body = FOLLOW_UP_BODY.replace("- [X]", "- [ ]")
    assert read(body).checked("privacy") == set()


def test_headings_of_its_own_inside_an_answer_stay_in_it() -> None:
    body = "### Group\n\nliemers\n\n### Date\n\n2026-12-10" + PRIVACY
    body += "\n\n### Minutes\n\n### Topic one\n\nText"
    assert read(body).text["minutes"] == "### Topic one\n\nText"
    # …unless the heading is one of the form's: then it is refused, not guessed
    body = (
        "### Group\n\nliemers\n\n### Date\n\n2026-12-10\n\n### Minutes\n\n### Date\n\nText"
        + PRIVACY
    )
    with pytest.raises(Refused) as refused:
        read(body)
    assert [d.render() for d in refused.value.details] == [
        "the heading '### Date' is there twice; a form's headings cannot be used inside an answer"
    ]


def test_dutch_headings_read_as_the_same_form() -> None:
    body = (
        "### Actie\n\nwerkplan-2027\n\n### Uitkomst\n\ngedaan: uitgevoerd\n\n"
        "### Afgesloten op\n\n_No response_\n\n### Privacy\n\n- [X] ja"
    )
    answers = read(body)
    assert answers.form is CLOSE
    assert answers.text == {
        "action": "werkplan-2027",
        "outcome": "gedaan: uitgevoerd",
        "closed": None,
        "privacy": "- [X] ja",
    }
    assert CLOSE.field("outcome").option_values()["gedaan: uitgevoerd"] == "done"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("", "the issue has none of the headings of a kring form"),
        ("### Title\n\nx", "the issue has none of the headings of a kring form"),
        ("### Case\n\nx\n\n### Group\n\ny", "the issue is not a kring form"),
        ("### Privacy\n\n- [X] yes", "the issue could be more than one form"),
    ],
)
def test_a_body_that_is_not_one_form(body: str, problem: str) -> None:
    with pytest.raises(Refused) as refused:
        read(body)
    assert refused.value.message.render().startswith(problem)


def test_text_before_the_first_heading_and_missing_headings_are_all_listed() -> None:
    with pytest.raises(Refused) as refused:
        read("Dear facilitator,\n\n### Case\n\nx")
    assert [d.render() for d in refused.value.details] == [
        "there is text before the first heading ('### …'); remove it or move it below",
        "the heading '### Reported at' is missing; it holds a required answer",
        "the heading '### What the owner did' is missing; it holds a required answer",
        "the heading '### What came of it' is missing; it holds a required answer",
        "the heading '### Privacy' is missing; it holds a required answer",
    ]


def test_a_form_can_be_named() -> None:
    answers = read("### Action\n\nx\n\n### Outcome\n\ndone" + PRIVACY, form=CLOSE)
    assert answers.form is CLOSE
    with pytest.raises(Refused):
        read(FOLLOW_UP_BODY, form=CLOSE)
