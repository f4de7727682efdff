"""Messages that can be read in Dutch or English.

Findings carry a `Text` (a message id with its arguments), not a rendered string, so the
same findings — cached or fresh — read in whichever language the run asks for. Rendering
goes through the standard library's gettext with catalogues under `kring/locale/`.

Three markers, all collected by `scripts/messages.py extract` into the Dutch catalogue
`locale/nl/LC_MESSAGES/kring.po` (compiled, checked in, to `kring.mo`):

- `T("… {x} …", x=v)`: a message rendered later (findings, hints, exceptions);
- `_("…")`: a fixed string translated now (headings, labels);
- `N_("…")`: marked for the catalogue only, translated elsewhere (click's own strings).

Check explanations (the check modules' docstrings) and the CLI's help texts are collected
from the registry and from the click commands themselves; see `kring.cli.help`.
"""

from __future__ import annotations

import functools
import gettext
import os
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("en", "nl")
_LOCALE_DIR = Path(__file__).parent / "locale"
_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


@dataclass(frozen=True, slots=True)
class Text:
    """A translatable message: `msgid` with `{name}` placeholders and their values."""

    msgid: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self) -> str:
        template = _(self.msgid)
        if not self.args:
            return template
        values = {k: (v.render() if isinstance(v, Text) else v) for k, v in self.args}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide a finding: fall back to the source text.
            return self.msgid.format(**values)

    def __str__(self) -> str:
        return self.render()


def T(msgid: str, **args: object) -> Text:
    """Mark `msgid` for translation; placeholders are filled when the text is rendered."""
    return Text(msgid, tuple(args.items()))


def _(msgid: str) -> str:
    """Translate a fixed string now (headings, labels)."""
    # gettext("") is the catalogue's header, never a translation of an empty text
    return _translation.gettext(msgid) if msgid else msgid


def N_(msgid: str) -> str:
    """Mark `msgid` for the catalogue without translating it here."""
    return msgid


def set_language(lang: str) -> None:
    global _translation, _language
    _language = lang if lang in LANGUAGES else "en"
    if _language == "en":
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(
        "kring", localedir=str(_LOCALE_DIR), languages=[_language], fallback=True
    )


def current_language() -> str:
    return _language


@functools.lru_cache(maxsize=1024)
def every_language(msgid: str) -> tuple[str, ...]:
    """`msgid` as it reads in each language, English first: for reading back text that kring
    wrote in whichever language it ran in (the headings of an issue form, say)."""
    out = [msgid]
    for lang in LANGUAGES[1:]:
        catalogue = gettext.translation(
            "kring", localedir=str(_LOCALE_DIR), languages=[lang], fallback=True
        )
        translated = catalogue.gettext(msgid) if msgid else msgid
        if translated not in out:
            out.append(translated)
    return tuple(out)


def language_from(
    option: str | None, network_lang: str | None, config_lang: str | None = None
) -> str:
    """`--lang`, else KRING_LANG, else `[tool.kring] lang`, else the network's `lang`, else
    English. A value that is not a known language is passed over, not an error."""
    env = os.environ.get("KRING_LANG", "").strip().lower() or None
    for candidate in (option, env, config_lang, network_lang):
        if candidate in LANGUAGES:
            return candidate
    return "en"
