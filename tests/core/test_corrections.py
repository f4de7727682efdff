"""What a facilitator meant, read from what they wrote (issue 17): each reading is what a
hint then offers to type, so a wrong reading is a wrong fix."""

from __future__ import annotations

import datetime as dt

import pytest

from kring.core import corrections
from kring.core.i18n import set_language
from kring.core.phrases import field_words, long_date, ordinal, seconds

D = dt.date


@pytest.mark.parametrize(
    ("written", "readings"),
    [
        ("10-12-2026", (D(2026, 12, 10), D(2026, 10, 12))),  # day first, as the Dutch write it
        ("10/12/2026", (D(2026, 12, 10), D(2026, 10, 12))),
        ("10.12.2026", (D(2026, 12, 10), D(2026, 10, 12))),
        ("31/01/2027", (D(2027, 1, 31),)),  # only one reading exists
        ("12/31/2026", (D(2026, 12, 31),)),  # month first only where day first cannot be
        ("2026-3-5", (D(2026, 3, 5),)),
        ("1 februari 2027", (D(2027, 2, 1),)),
        ("1 Feb 2027", (D(2027, 2, 1),)),
        ("February 1, 2027", (D(2027, 2, 1),)),
        ("donderdag 10 december 2026", (D(2026, 12, 10),)),
        ("3 mrt. 2027", (D(2027, 3, 3),)),
        ("1e april 2027", (D(2027, 4, 1),)),
        ("31-02-2027", ()),  # no such day either way
        ("next week", ()),
        ("2026", ()),
    ],
)
def test_dates_as_people_write_them(written: str, readings: tuple[dt.date, ...]) -> None:
    assert corrections.dates_meant(written) == readings


def test_the_file_name_decides_between_two_readings() -> None:
    assert corrections.date_meant("10-12-2026") == D(2026, 12, 10)
    assert corrections.date_meant("12-10-2026", D(2026, 12, 10)) == D(2026, 12, 10)
    assert corrections.date_meant("12-10-2026") == D(2026, 10, 12)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("16.30", "16:30"),
        ("16u30", "16:30"),
        ("16h30", "16:30"),
        ("16:30 uur", "16:30"),
        ("9:30", "09:30"),
        ("4:30 pm", "16:30"),
        ("4.30 p.m.", "16:30"),
        ("12:15 am", "00:15"),
        ("12 pm", "12:00"),
        ("16 uur", "16:00"),
        ("1630", "16:30"),
        ("\u201c13:30\u201d", "13:30"),  # curly quotes pasted from Word
        ('"13:30"', "13:30"),
        ("25.00", None),
        ("13:75", None),
        ("16", None),  # a lone number is no time
        ("13 pm", None),
        ("half vier", None),
    ],
)
def test_times_as_people_write_them(written: str, meant: str | None) -> None:
    assert corrections.time_meant(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [("ja", True), ("Ja", True), ("yes", True), ("on", True), ("nee", False), ("NO", False)],
)
def test_yes_and_no(written: str, meant: bool) -> None:
    assert corrections.boolean_meant(written) is meant


def test_a_word_that_is_neither() -> None:
    assert corrections.boolean_meant("misschien") is None


@pytest.mark.parametrize(
    ("written", "items"),
    [
        ("anna, bram, cor", ["anna", "bram", "cor"]),
        ("anna;bram", ["anna", "bram"]),
        ("anna en bram", ["anna", "bram"]),
        ("[anna, bram", ["anna", "bram"]),
        ("- anna - bram", ["anna", "bram"]),  # '- ' lines that YAML folded into one text
        ("-anna - bram", ["anna", "bram"]),
        ("anna", ["anna"]),
        (" , ", []),
    ],
)
def test_a_list_written_as_text(written: str, items: list[str]) -> None:
    assert [p.text for p in corrections.list_parts(written)] == items


def test_list_parts_know_where_each_item_stands() -> None:
    text = "anna, joost-hendrik"
    parts = corrections.list_parts(text)
    assert [text[p.offset : p.offset + len(p.text)] for p in parts] == ["anna", "joost-hendrik"]


@pytest.mark.parametrize(
    ("field", "written", "meant"),
    [
        ("status", "gedaan", "done"),
        ("status", "vervallen", "dropped"),
        ("status", "Done", "done"),
        ("kind", "regionaal", "regional"),
        ("roles", "procesbegeleider", "process-guide"),
        ("roles", "process guide", "process-guide"),
        ("knowledge_source", "ervaringskennis", "experiential"),
        ("status", "misschien", None),
    ],
)
def test_the_schemas_values_in_dutch(field: str, written: str, meant: str | None) -> None:
    options = {
        "status": ["open", "done", "dropped"],
        "kind": ["regional", "thematic", "evaluation", "kickoff", "visit"],
        "roles": ["initiator", "networker", "process-guide", "chair", "expert", "confidant"],
        "knowledge_source": ["experiential", "professional", "scientific"],
    }[field]
    assert corrections.choice_meant(field, written, options) == meant


def test_field_names_in_dutch_and_with_pasted_characters() -> None:
    allowed = ["date", "attendees", "apologies", "host"]
    assert corrections.key_meant("aanwezigen", allowed) == "attendees"
    assert corrections.key_meant("gastgemeente", allowed) == "host"
    assert corrections.key_meant("date\u00a0", allowed) == "date"
    assert corrections.key_meant("Date", allowed) == "date"
    assert corrections.key_meant("owner", allowed) is None


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Eva Jansen", "eva-jansen"),
        ("Jan-Willem de Bruïne", "jan-willem-de-bruine"),
        ("  Anna  de   Vries ", "anna-de-vries"),
        ("Zoë O'Brien", "zoe-o-brien"),
        ("???", ""),
    ],
)
def test_an_id_from_a_name(name: str, ident: str) -> None:
    assert corrections.slug(name) == ident


def test_pasted_characters_are_named_with_what_to_type() -> None:
    found = list(corrections.pasted("\u201c13:30\u201d in\u00a0de\u200bzaal"))
    assert [(p.offset, p.code, p.plain) for p in found] == [
        (0, "U+201C", '"'),
        (6, "U+201D", '"'),
        (10, "U+00A0", " "),
        (13, "U+200B", ""),
    ]
    assert corrections.typed("\u201c13:30\u201d in\u00a0de\u200bzaal") == '"13:30" in dezaal'
    set_language("nl")
    try:
        assert corrections.pasted_words(found[2]).render() == (
            "er staat een harde spatie (U+00A0) in: typ er een gewone spatie voor in de plaats"
        )
    finally:
        set_language("en")
    assert corrections.pasted_words(found[0]).render() == (
        'it holds a curly quote (U+201C): type " instead'
    )
    assert list(corrections.pasted("plain ascii: 'quotes' and \"more\"")) == []


def test_positions_and_dates_in_words() -> None:
    assert field_words(("actions", 1, "owner")).render() == "owner of the 2nd action"
    assert field_words(("attendees", 2)).render() == "the 3rd entry in attendees"
    assert field_words(("facilitators", 0, "roles", 10)).render() == (
        "the 11th entry in roles of the 1st facilitator"
    )
    assert field_words(()).render() == "the file"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th",
    ]  # fmt: skip
    assert long_date(D(2026, 12, 10)).render() == "Thursday 10 December 2026"
    assert seconds(0.031).render() == "0.03 s"
    set_language("nl")
    try:
        assert field_words(("actions", 1, "owner")).render() == "owner van de 2e actie"
        assert long_date(D(2026, 12, 10)).render() == "donderdag 10 december 2026"
        assert long_date(D(2027, 3, 1), weekday=False).render() == "1 maart 2027"
        assert seconds(0.031).render() == "0,03 s"
    finally:
        set_language("en")
