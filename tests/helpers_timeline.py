"""Small networks written as files, for the time rules (SPEC §3) and their outputs.

`network(...)` returns the files of one region `noord` (municipalities aa, bee, cee in that
hosting order), an optional theme `thema`, and the members, meetings and cases given. Every
helper writes the YAML a facilitator would, so the tests go through the real loader.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from kring.core.config import Config
from kring.core.model import Model
from kring.load import pipeline


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def member(
    mid: str,
    joined: str = "2025-01-01",
    groups: tuple[str, ...] = ("noord",),
    **extra: Any,
) -> tuple[str, str]:
    data = {"name": mid.title(), "organisation": "aa", "groups": list(groups), "joined": joined}
    data.update(extra)
    return f"network/members/{mid}.yaml", _dump(data)


def meeting(
    date: str,
    attendees: tuple[str, ...] | None = ("anna", "bert"),
    group: str = "noord",
    **extra: Any,
) -> tuple[str, str]:
    data: dict[str, Any] = {
        "date": date,
        "group": group,
        "kind": "regional" if group == "noord" else "thematic",
    }
    if attendees is not None:
        data["attendees"] = list(attendees)
    data.update(extra)
    return f"network/meetings/{date[:4]}/{date}-{group}.md", f"---\n{_dump(data)}---\n\nMinutes.\n"


def case(
    cid: str,
    presented_at: str,
    owner: str = "anna",
    due: str = "next-meeting",
    body: str = "The narrative.",
    **extra: Any,
) -> tuple[str, str]:
    data: dict[str, Any] = {
        "title": f"Case {cid}",
        "owner": owner,
        "presented_at": presented_at,
        "question": "What now?",
        "intention": {"what": "Call the family.", "due": due},
        "status": "open",
    }
    data.update(extra)
    return (
        f"network/cases/{presented_at[:4]}/{cid}.md",
        f"---\n{_dump(data)}---\n\n{body}\n",
    )


def network(
    *files: tuple[str, str],
    policy: dict[str, int] | None = None,
    region_policy: dict[str, int] | None = None,
    theme: bool = False,
) -> dict[str, str | bytes]:
    net: dict[str, Any] = {
        "name": "Testnetwerk",
        "facilitators": [{"member": "anna", "roles": ["chair"]}],
        # no attendance commitments unless a test asks for them
        "policy": {"commitment_meetings": 0, **(policy or {})},
    }
    region: dict[str, Any] = {
        "name": "Noord",
        "municipalities": [
            {"id": "aa", "name": "Aa"},
            {"id": "bee", "name": "Bee"},
            {"id": "cee", "name": "Cee"},
        ],
        "host_rotation": ["aa", "bee", "cee"],
    }
    if region_policy:
        region["policy"] = region_policy
    out: dict[str, str | bytes] = {
        "network/network.yaml": _dump(net),
        "network/regions/noord.yaml": _dump(region),
    }
    if theme:
        out["network/themes/thema.yaml"] = _dump({"name": "Thema", "structural": True})
    names = {path for path, _ in files}
    for mid in ("anna", "bert"):
        path, text = member(mid)
        if path not in names:
            out[path] = text
    out.update(dict(files))
    return out


def load(root: Path) -> Model:
    return pipeline.load(root, Config())


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
