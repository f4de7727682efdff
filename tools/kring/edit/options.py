"""What a writing command is given on its command line, checked before anything is loaded
or written: ids that must exist (with a "did you mean"), new ids, dates, free text.

Each returns the value or raises Refused with exit code 2: the command line is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from kring.core.corrections import time_meant
from kring.core.i18n import N_, T, Text
from kring.core.layout import is_valid_id
from kring.core.suggest import suffix
from kring.core.timeline import TodayError, option_date
from kring.edit.refused import Refused

_UNKNOWN = {
    "member": N_("unknown member '{id}'{mean}"),
    "group": N_("unknown group '{id}'{mean}"),
    "organisation": N_("unknown organisation '{id}'{mean}"),
    "meeting": N_("unknown meeting '{id}'{mean}"),
    "case": N_("unknown case '{id}'{mean}"),
    "action": N_("unknown action '{id}'{mean}"),
}


def unknown(kind: str, ref: str, ids: Collection[str], *, quoted: str | None = None) -> Text:
    """'unknown member …' with a 'did you mean' among `ids`; `quoted` is how to show `ref`
    when it is not to be quoted whole (an answer of an issue form)."""
    return T(_UNKNOWN[kind], id=ref if quoted is None else quoted, mean=suffix(ref, ids))


def shared(quoted: str) -> Text:
    """An id several files claim names no one file to change: KR202 is fixed first."""
    return T(
        "'{id}' is the id of more than one file: give each its own id first (KR202)", id=quoted
    )


def known(kind: str, ref: str, ids: Collection[str], claimed: Collection[str] = ()) -> str:
    """`ref` if it is one of `ids`, else Refused (exit 2) with a 'did you mean'; `claimed`
    holds the ids several files claim, which name no one file to edit (SPEC §2.3)."""
    if ref in ids:
        return ref
    if ref in claimed:
        raise Refused(shared(ref), exit_code=2)
    raise Refused(unknown(kind, ref, ids), exit_code=2)


def not_an_id(quoted: str) -> Text:
    return T(
        "'{id}' is not a valid id: use lowercase letters, digits and single "
        "hyphens, at most 64 characters, like anna-de-vries",
        id=quoted,
    )


def valid_id(value: str) -> str:
    if not is_valid_id(value):
        raise Refused(not_an_id(value), exit_code=2)
    return value


def date_option(value: str, option: str) -> dt.date:
    try:
        return option_date(value, option)
    except TodayError as exc:
        raise Refused(exc.args[0], exit_code=2) from None


def time_option(value: str, option: str) -> str:
    """A time of day as the schemas write it, "HH:MM", from what people type (13:30, 13.30,
    13u30, 1:30 pm)."""
    meant = time_meant(value)
    if meant is None:
        raise Refused(
            T(
                "{option}: '{value}' is not a time; write it as HH:MM, like 13:30",
                option=option,
                value=value,
            ),
            exit_code=2,
        )
    return meant


def text_option(value: str, option: str) -> str:
    """Free text from the command line: not empty, and encodable as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Refused(
            T("{option}: the text is not valid UTF-8", option=option), exit_code=2
        ) from None
    if not value.strip():
        raise Refused(T("{option}: give some text", option=option), exit_code=2)
    return value
