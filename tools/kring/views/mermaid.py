"""Charts as Mermaid blocks, which GitHub and GitLab draw in place of the code.

Only two diagram types are used, each written to its documented grammar:
`xychart-beta` (https://mermaid.js.org/syntax/xyChart.html) and `pie`
(https://mermaid.js.org/syntax/pie.html). Labels are quoted strings; a double quote or a
line break inside one would end the diagram's statement, so both are replaced.
"""

from __future__ import annotations

from collections.abc import Sequence


def label(value: str) -> str:
    """A quoted Mermaid string: no double quotes, no line breaks, no entity syntax."""
    flat = " ".join(value.split()).replace('"', "'").replace("#", "").replace(";", ",")
    return f'"{flat}"'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def xychart(
    title: str,
    categories: Sequence[str],
    y_title: str,
    series: Sequence[tuple[str, Sequence[float]]],
    y_max: float | None = None,
) -> str:
    """A bar/line chart: `series` are ("bar" | "line", one value per category)."""
    for kind, values in series:
        if kind not in ("bar", "line") or len(values) != len(categories):
            raise ValueError(f"a {kind} series needs {len(categories)} values")
    top = y_max
    if top is None:
        top = max([1.0, *(float(v) for _, values in series for v in values)])
    lines = [
        "```mermaid",
        "xychart-beta",
        f"    title {label(title)}",
        "    x-axis [" + ", ".join(label(c) for c in categories) + "]",
        f"    y-axis {label(y_title)} 0 --> {_number(top)}",
    ]
    for kind, values in series:
        lines.append(f"    {kind} [" + ", ".join(_number(v) for v in values) + "]")
    lines.append("```")
    return "\n".join(lines) + "\n"


def pie(title: str, slices: Sequence[tuple[str, int]]) -> str:
    """A pie chart of positive counts (Mermaid draws nothing sensible for zero slices)."""
    lines = ["```mermaid", f"pie title {label(title)[1:-1]}"]
    for name, count in slices:
        if count > 0:
            lines.append(f"    {label(name)} : {count}")
    lines.append("```")
    return "\n".join(lines) + "\n"
