"""Reading a koepel: its koepel.yaml, and each network's published facts (SPEC §10).

koepel.yaml is read like any data file kring reads (the safe YAML loader, then
schemas/koepel.schema.json, with positions). Each network's facts are its
`network/export.json`, read

- from a network repository on disk (`path:`): the regular file only, never through a link;
- or from git (`git:` and `ref:`), straight from the object database at that ref without a
  checkout (kring.load.repo.files_at; a URL is first fetched one commit deep into a bare
  mirror in the koepel's .git/kring/koepel/, or the user's cache folder outside git).

An export is untrusted input from another repository: at most MAX_EXPORT_BYTES, strict UTF-8,
strict JSON (no key twice, no NaN), its `version` looked at first (a newer one is reported as
such, not as malformed), then schemas/export.schema.json. A problem names the field, never
the value, and points at the network's entry in koepel.yaml. Whatever goes wrong with one
network becomes problems of that network; the others are read all the same.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kring.core.codes import Code
from kring.core.document import Limits, Path_
from kring.core.findings import Problem, Source
from kring.core.i18n import LANGUAGES, T, Text
from kring.core.koepel_model import (
    KOEPEL_POLICY_DEFAULTS,
    ExportLocation,
    Federation,
    Koepel,
    KoepelNetwork,
    Published,
    facts_of,
)
from kring.core.layout import EXPORT_PATH, KOEPEL_FILE, Place, is_valid_id
from kring.core.model import LoadedFile, Loc
from kring.core.phrases import field_words
from kring.load import repo, strict_json, validate
from kring.load.yaml_loader import parse_file

# An export of a network with fifty groups over twenty years is about 1 MiB.
MAX_EXPORT_BYTES = 4 * 1024 * 1024
# The export versions this kring reads (views/network_export.EXPORT_VERSION writes the last).
KNOWN_VERSIONS = (1,)


class KoepelError(Exception):
    """The koepel cannot be read at all (exit code 2)."""


def find_root(start: Path | None) -> Path:
    """`--repo DIR`, else the current directory or the nearest folder above it with a
    koepel.yaml (not above the git top level)."""
    if start is not None:
        root = start.resolve()
        if not (root / KOEPEL_FILE).exists():
            raise KoepelError(T("no {file} in {root}", file=KOEPEL_FILE, root=root))
        return root
    here = Path.cwd().resolve()
    found = repo.nearest(here, lambda folder: (folder / KOEPEL_FILE).exists())
    if found is not None:
        return found
    raise KoepelError(
        T(
            "no {file} in {root} or above it; run kring koepel inside a koepel repository or "
            "give --repo DIR",
            file=KOEPEL_FILE,
            root=here,
        )
    )


# --- koepel.yaml --------------------------------------------------------------------------------


def load(root: Path, limits: Limits | None = None) -> Koepel:
    limits = limits or Limits()
    try:
        data = repo.read_limited(root, repo.Entry(KOEPEL_FILE, "file"), limits.max_bytes)
    except OSError:
        raise KoepelError(
            T(
                "{file} in {root} cannot be read: it must be a regular file, not a link",
                file=KOEPEL_FILE,
                root=root,
            )
        ) from None
    parsed = parse_file(KOEPEL_FILE, data, markdown=False, limits=limits)
    problems = list(parsed.problems)
    doc = parsed.document
    if doc is not None:
        problems.extend(validate.problems("koepel", KOEPEL_FILE, doc))
    values = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    networks: list[KoepelNetwork] = []
    seen: set[str] = set()
    items = values.get("networks")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        loc = Loc(KOEPEL_FILE, doc, ("networks", index))
        nid = item.get("id")
        if not isinstance(nid, str) or not is_valid_id(nid):
            continue  # the schema's finding; without an id there is no page to give it
        if nid in seen:
            # every entry is read (SPEC §2.3: one entry, one record); the id names none
            problems.append(
                Problem(
                    Code.DUPLICATE_ID,
                    loc.at("id"),
                    T(
                        "network '{id}' is listed more than once; each entry is read, and the "
                        "id has no page until each network has its own",
                        id=nid,
                    ),
                    T("give each network of the koepel an id of its own"),
                )
            )
        seen.add(nid)
        location, wrong = _location(item, loc)
        problems.extend(wrong)
        name = item.get("name")
        networks.append(KoepelNetwork(nid, name if isinstance(name, str) else None, location, loc))
    lang = values.get("lang")
    policy = dict(KOEPEL_POLICY_DEFAULTS)
    given = values.get("policy")
    if isinstance(given, dict):
        for key, value in given.items():
            if key in policy and isinstance(value, int) and not isinstance(value, bool):
                policy[key] = max(1, value)
    return Koepel(
        _text(values.get("name")),
        _text(values.get("description")),
        lang if lang in LANGUAGES else None,
        policy,
        tuple(networks),
        LoadedFile(KOEPEL_FILE, _PLACE, doc, tuple(problems), suppressions=()),
    )


def _location(item: Mapping[str, Any], loc: Loc) -> tuple[ExportLocation, list[Problem]]:
    """Where a network's facts are: exactly one of path and git, and a ref with git only."""
    path, git, ref = (_text(item.get(k)) for k in _WHERE)
    if path is not None and git is not None:
        return ExportLocation(), [
            Problem(
                Code.SCHEMA,
                loc.key("git"),
                T("{field} gives both path and git; give one of them", field=_field(loc)),
                T("path: for a network repository on disk, git: and ref: to read it from git"),
            )
        ]
    if path is None and git is None:
        if any(k in item for k in _WHERE):
            return ExportLocation(), []  # a path or git of the wrong type: the schema's finding
        return ExportLocation(), [
            Problem(
                Code.SCHEMA,
                loc.at(),
                T("{field} says neither path nor git: where are its facts?", field=_field(loc)),
                T(
                    "add path: ../<network repository>, or git: <URL or repository> with "
                    "ref: <branch>"
                ),
            )
        ]
    if git is not None and ref is None:
        if "ref" in item:
            return ExportLocation(), []
        return ExportLocation(), [
            Problem(
                Code.SCHEMA,
                loc.at(),
                T("missing required key 'ref' in {field}", field=_field(loc)),
                T("add ref: with the branch, tag or commit to read, such as main"),
            )
        ]
    if (git is not None and not _SAFE_GIT.fullmatch(git)) or (
        ref is not None and not _SAFE_REF.fullmatch(ref)
    ):
        return ExportLocation(), []  # the schema's finding; never handed to git
    if path is not None and "ref" in item:
        return ExportLocation(), [
            Problem(
                Code.SCHEMA,
                loc.key("ref"),
                T("{field} gives a ref without git", field=_field(loc)),
                T("ref: goes with git:; a path is read as it is on disk"),
            )
        ]
    return ExportLocation(path=path, git=git, ref=ref), []


_WHERE = ("path", "git", "ref")
# schemas/koepel.schema.json's patterns: nothing git could read as an option or a refspec
_SAFE_GIT = re.compile(r"[^\s-][^\s]*")
_SAFE_REF = re.compile(r"(?!.*\.\.)(?!.*//)(?!.*/\.)(?!.*\.lock$)[A-Za-z0-9_][A-Za-z0-9._/-]*")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _field(loc: Loc) -> Text:
    return field_words(loc.base)


# koepel.yaml is no file of a network's layout: a kind of its own
_PLACE = Place("koepel", "koepel")


# --- the networks' exports ----------------------------------------------------------------------


def read(root: Path, koepel: Koepel) -> Federation:
    """Every network's facts, in koepel.yaml's order; one that fails never stops the others.
    Every entry is read, also one whose id another entry shares (SPEC §2.3)."""
    found: dict[int, Published] = {}  # by the entry's place in koepel.yaml
    at_refs: list[tuple[int, KoepelNetwork, Path, str]] = []
    listed = Counter(n.id for n in koepel.networks)
    for index, network in enumerate(koepel.networks):
        location = network.location
        where = shown_location(location)
        if location.path is not None:
            data = _from_disk(root, network, location.path)
            found[index] = (
                Published(network, None, (data,), where)
                if isinstance(data, Problem)
                else _published(network, data, where)
            )
        elif location.git is not None and location.ref is not None:
            if repo.is_remote(location.git):
                # entries that share an id must not share the commits fetched for them, nor
                # with another network: no id holds a '.', so '<id>.<n>' is nobody's name
                name = network.id if listed[network.id] == 1 else f"{network.id}.{index}"
                mirror = _mirror(root, name)
                fetched = repo.fetch_ref(location.git, location.ref, mirror)
                if isinstance(fetched, repo.RepositoryError):
                    problem = _missing(network, "git", _reason(fetched))
                    found[index] = Published(network, None, (problem,), where)
                    continue
                at_refs.append((index, network, mirror, fetched))
            else:
                folder = _on_disk(root, location.git)
                at_refs.append((index, network, folder, location.ref))
        else:
            # koepel.yaml does not say where: its own finding (KR101) says so
            found[index] = Published(network, None, (), where)
    # each export is parsed as it comes, while git reads the next ones
    blobs = repo.files_at([(d, ref) for _, _, d, ref in at_refs], EXPORT_PATH, MAX_EXPORT_BYTES)
    for (index, network, _, _), blob in zip(at_refs, blobs, strict=True):
        where = shown_location(network.location)
        if isinstance(blob, repo.RepositoryError):
            problem = _missing(network, "git", _reason(blob))
            found[index] = Published(network, None, (problem,), where)
        else:
            found[index] = _published(network, blob, where)
    return Federation(
        koepel,
        tuple(
            dataclasses.replace(found[i], shared=listed[n.id] > 1)
            for i, n in enumerate(koepel.networks)
        ),
    )


def shown_location(location: ExportLocation) -> str:
    """Where the facts are, for a page: a path, or an address without any password in it,
    and the ref."""
    if location.path is not None:
        return location.path
    if location.git is None:
        return ""
    address = location.git
    if "://" in address:
        parts = urlsplit(address)
        host = parts.netloc.rpartition("@")[2]
        address = urlunsplit((parts.scheme, host, parts.path, "", ""))
    return f"{address} @ {location.ref}"


def _on_disk(root: Path, given: str) -> Path:
    path = Path(given).expanduser()
    return path if path.is_absolute() else root / path


def _mirror(root: Path, nid: str) -> Path:
    """Where a remote network's commits are fetched to: the koepel's git directory, else the
    user's cache folder (never the work tree, where git would see them as files to add)."""
    found = repo.git_dir(root)
    if found is not None:
        return found / "kring" / "koepel" / f"{nid}.git"
    return repo.kept_outside_git(root, "koepel-") / f"{nid}.git"


def _reason(error: repo.RepositoryError) -> Text:
    message = error.args[0] if error.args else None
    return message if isinstance(message, Text) else T("git could not read it")


def _from_disk(root: Path, network: KoepelNetwork, given: str) -> bytes | Problem:
    folder = _on_disk(root, given)
    if not folder.is_dir():
        return _missing(network, "path", T("there is no folder {path}", path=given))
    target = folder / EXPORT_PATH
    try:
        data = repo.read_file(target, MAX_EXPORT_BYTES)
    except FileNotFoundError:
        return _missing(network, "path", T("{path} has no {file}", path=given, file=EXPORT_PATH))
    except repo.NotAFile:
        return _missing(
            network,
            "path",
            T("{file} in {path} is not a regular file", file=EXPORT_PATH, path=given),
        )
    except OSError:
        return _missing(
            network,
            "path",
            T("{file} in {path} cannot be read, or is a link", file=EXPORT_PATH, path=given),
        )
    if len(data) > MAX_EXPORT_BYTES:
        # read_file stops one byte past the limit; the message gives the file's whole size
        with contextlib.suppress(OSError):
            return _malformed(network, _too_large(os.stat(target).st_size))
    return data


def _too_large(size: int) -> Text:
    return T(
        "it is {size} bytes, more than the {limit} kring reads", size=size, limit=MAX_EXPORT_BYTES
    )


def _published(network: KoepelNetwork, data: bytes, where: str) -> Published:
    if len(data) > MAX_EXPORT_BYTES:
        return Published(network, None, (_malformed(network, _too_large(len(data))),), where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Published(network, None, (_malformed(network, T("it is not UTF-8 text")),), where)
    try:
        value = strict_json.loads(text)
    except json.JSONDecodeError as exc:
        reason = T(
            "it is not JSON (line {line}, column {column})", line=exc.lineno, column=exc.colno
        )
        return Published(network, None, (_malformed(network, reason),), where)
    except strict_json.Refused as exc:
        return Published(network, None, (_malformed(network, exc.reason),), where)
    except (ValueError, RecursionError):
        reason = T("it is not JSON kring can read (nested too deep, or a number too long)")
        return Published(network, None, (_malformed(network, reason),), where)
    if not isinstance(value, dict):
        return Published(network, None, (_malformed(network, T("it is not a JSON object")),), where)
    version = value.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > KNOWN_VERSIONS[-1]:
        return Published(network, None, (_newer(network, version),), where)
    wrong = validate.first_error("export", value)
    if wrong is not None:
        return Published(network, None, (_malformed(network, _schema_reason(*wrong)),), where)
    twice = _listed_twice(value)
    if twice is not None:
        return Published(network, None, (_malformed(network, twice),), where)
    return Published(network, facts_of(value), (), where)


def _listed_twice(value: dict[str, Any]) -> Text | None:
    """A group or a year an export lists twice: kring export writes each once, and a
    koepel page would show (and count) a copy made by hand as a second one. JSON Schema
    cannot say "unique by id"."""
    lists: list[tuple[Path_, str, Text]] = [(("network", "totals"), "year", T("year"))]
    lists.append((("groups",), "id", T("group")))
    lists.extend((("groups", i, "years"), "year", T("year")) for i in range(len(value["groups"])))
    for at, key, what in lists:
        items: Any = value
        for part in at:
            items = items[part]
        seen: set[object] = set()
        for i, item in enumerate(items):
            if item[key] in seen:
                return T(
                    "it lists one {what} twice, at {field}",
                    what=what,
                    field=_json_path((*at, i)),
                )
            seen.add(item[key])
    return None


_BROKEN = {
    "type": T("a value of the wrong type"),
    "required": T("a required field is missing"),
    "additionalProperties": T("a key the format does not have"),
    "propertyNames": T("a key the format does not have"),
    "minimum": T("a number out of range"),
    "maximum": T("a number out of range"),
    "format": T("a value in the wrong form"),
    "pattern": T("a value in the wrong form"),
}


def _schema_reason(at: Path_, keyword: str) -> Text:
    return T(
        "it does not fit schemas/export.schema.json at {field}: {problem}",
        field=_json_path(_known_part(at)),
        problem=_BROKEN.get(keyword, T("a value the format does not allow")),
    )


def _json_path(at: Path_) -> str | Text:
    """`network.totals[0].held`: where in an export, as a JSON path (an export is written by
    kring, and a coordinator looks the place up in the file, not in a form)."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or T("the file")


def _known_part(at: Path_) -> Path_:
    """The path up to the first key the schema does not define: a key from another repository
    may be anything, so it is not repeated."""
    out: list[str | int] = []
    for part in at:
        if isinstance(part, str) and part not in _export_keys():
            break
        out.append(part)
    return tuple(out)


@functools.cache
def _export_keys() -> frozenset[str]:
    """Every key schemas/export.schema.json defines, at any depth."""
    keys: set[str] = set()
    todo: list[object] = [validate.schema_for("export")]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            properties = value.get("properties")
            if isinstance(properties, dict):
                keys.update(properties)
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return frozenset(keys)


def _source(network: KoepelNetwork, key: str) -> Source:
    return network.loc.at(key)


def _missing(network: KoepelNetwork, key: str, reason: Text) -> Problem:
    hint = (
        T(
            "run kring export --write in that network and commit network/export.json (the "
            "report workflow does this), or correct {key}: here",
            key=key,
        )
        if key == "path"
        else T(
            "check git: and ref: here; the network publishes network/export.json on that "
            "branch with kring export --write (the report workflow does this)"
        )
    )
    return Problem(
        Code.EXPORT_MISSING,
        _source(network, key),
        T("network '{id}': no export to read: {reason}", id=network.id, reason=reason),
        hint,
    )


def _malformed(network: KoepelNetwork, reason: Text) -> Problem:
    key = "path" if network.location.path is not None else "git"
    return Problem(
        Code.EXPORT_MALFORMED,
        _source(network, key),
        T("network '{id}': its export cannot be used: {reason}", id=network.id, reason=reason),
        T(
            "in that network, write network/export.json again with kring export --write and "
            "commit it; an export edited by hand is refused"
        ),
    )


def _newer(network: KoepelNetwork, version: int) -> Problem:
    key = "path" if network.location.path is not None else "git"
    return Problem(
        Code.EXPORT_NEWER_VERSION,
        _source(network, key),
        T(
            "network '{id}': its export is version {version}, newer than this kring reads "
            "(up to {known})",
            id=network.id,
            version=version,
            known=KNOWN_VERSIONS[-1],
        ),
        T("update kring in the koepel repository to the version the network uses"),
    )
