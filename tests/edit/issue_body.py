"""Issue bodies as GitHub renders a submitted issue form, for the intake tests.

Written from GitHub's documented behaviour, independently of kring's reader: each element
but markdown becomes `### <label>`, a blank line and the answer, the elements joined by a
blank line; an empty answer is `_No response_`, an optional dropdown left alone `None`, a
multiple dropdown's choices are joined by ", ", checkboxes are `- [X] <label>` / `- [ ] …`.
The forms are read from the YAML kring generated, so the tests fill in the real forms.
"""

from __future__ import annotations

from typing import Any

import yaml

Answer = str | list[str] | set[str] | None


def render(form_yaml: str, answers: dict[str, Answer], *, crlf: bool = False) -> str:
    """The body of `form_yaml` filled with `answers` (by element id; checkboxes take the set
    of option indexes ticked, as strings; a key left out is left empty)."""
    form: dict[str, Any] = yaml.safe_load(form_yaml)
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        label = element["attributes"]["label"]
        answer = answers.get(element["id"])
        parts.append(f"### {label}\n\n{_value(element, answer)}")
    body = "\n\n".join(parts)
    return body.replace("\n", "\r\n") if crlf else body


def _value(element: dict[str, Any], answer: Answer) -> str:
    kind = element["type"]
    if kind == "checkboxes":
        ticked = answer if isinstance(answer, set) else set()
        return "\n".join(
            f"- [{'X' if str(i) in ticked else ' '}] {option['label']}"
            for i, option in enumerate(element["attributes"]["options"])
        )
    if kind == "dropdown":
        if not answer:
            required = element.get("validations", {}).get("required", False)
            return "_No response_" if required else "None"
        return ", ".join(answer) if isinstance(answer, list) else str(answer)
    if answer is None or answer == "":
        return "_No response_"
    assert isinstance(answer, str)
    return answer


def labels(form_yaml: str) -> dict[str, str]:
    """Element id -> label, for the fields of a form."""
    form: dict[str, Any] = yaml.safe_load(form_yaml)
    return {e["id"]: e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"}


def elements(form_yaml: str) -> list[dict[str, Any]]:
    form: dict[str, Any] = yaml.safe_load(form_yaml)
    return [e for e in form["body"] if e["type"] != "markdown"]
