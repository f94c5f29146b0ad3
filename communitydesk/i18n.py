"""The app's own words in the reader's language: one gettext scheme for the window, CLI and PDFs.

Why gettext (``.po``/``.mo`` catalogues, Babel's extractor) and not Qt's ``tr()``/``.ts``:
most of the words that reach people are printed by layers that never load Qt: the PDFs
(built on worker threads from plain data), the CLI and the services' messages. ``tr()``
would need a QCoreApplication there and a second scheme for them; gettext works
everywhere, and widgets call the same ``_()``. One catalogue per language
(``communitydesk/locale/<code>/LC_MESSAGES/communitydesk.po``) is what translators'
tools (Poedit, Weblate, Lokalize) edit directly. Qt's own strings (standard buttons such
as Cancel/Yes, the context menu of a text box) come from Qt's ``qtbase_<code>.qm``, which
the window installs with a QTranslator (``gui/app.py``).

Which language:
- the window and the CLI: ``COMMUNITYDESK_LANGUAGE`` if set, else the group's ``language``
  setting (the window, read once at start: a change shows after a restart), else the
  computer's language, else English;
- a printed document: the group's ``language`` setting (``translator(code)``), whatever the
  language of the window that printed it, so the door sheet is in the room's language.

Mark text with ``_("...")``; counts with ``ngettext("1 person", "{n} people", n)``; text kept
in a constant and translated where it is shown with ``N_("...")``. ``make translations``
extracts, updates the catalogues, writes the pseudo-locale and compiles.
"""

from __future__ import annotations

import contextlib
import gettext
import locale
import os
import re
from functools import cache
from pathlib import Path

DOMAIN = "communitydesk"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"
# Accented, 40% longer, bracketed English made from the catalogue (scripts in locale/): shows
# untranslated and cut-off text on screen. Not offered in Settings; COMMUNITYDESK_LANGUAGE=en_XA.
PSEUDO_LANGUAGE = "en_XA"
LANGUAGE_ENV = "COMMUNITYDESK_LANGUAGE"

_active: gettext.NullTranslations = gettext.NullTranslations()
_active_code = SOURCE_LANGUAGE


def _catalogue(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def available_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue (the pseudo-locale left out)."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir()
                   if p.is_dir() and p.name != PSEUDO_LANGUAGE and _catalogue(p.name).is_file()) \
        if LOCALE_DIR.is_dir() else []
    return (SOURCE_LANGUAGE, *[c for c in found if c != SOURCE_LANGUAGE])


def _known(code: str) -> bool:
    return code == SOURCE_LANGUAGE or _catalogue(code).is_file()


def match_language(name: str | None) -> str | None:
    """The catalogue for a locale name ("pl_PL.UTF-8", "uk-UA", "en_XA"), or None."""
    if not name:
        return None
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    if base in ("C", "POSIX"):
        return None
    for candidate in (base, base.split("_")[0].lower()):
        if candidate and _known(candidate):
            return candidate
    return None


def system_language(hint: str | None = None) -> str:
    """The computer's language if we have it (``hint``: the window passes QLocale's), else English."""
    names = os.environ.get("LANGUAGE", "").split(":")  # gettext's own preference list first
    names.append(hint)
    names += [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    with contextlib.suppress(ValueError):  # an unknown locale name in the environment
        names.append(locale.getlocale(getattr(locale, "LC_MESSAGES", locale.LC_CTYPE))[0])
    for name in names:
        found = match_language(name)
        if found is not None:
            return found
    return SOURCE_LANGUAGE


def resolve_language(setting: str = "", *, system_hint: str | None = None,
                     use_environment: bool = True) -> str:
    """The language to show: the environment override, else the setting, else the computer's."""
    override = os.environ.get(LANGUAGE_ENV) if use_environment else None
    return (match_language(override) or match_language(setting)
            or system_language(system_hint))


@cache
def translator(code: str) -> gettext.NullTranslations:
    """The catalogue for ``code`` (English, or nothing found: the text as written)."""
    if code == SOURCE_LANGUAGE or not _catalogue(code).is_file():
        return gettext.NullTranslations()
    with _catalogue(code).open("rb") as file:
        return gettext.GNUTranslations(file)


def set_language(code: str) -> str:
    """Show every later ``_()`` in ``code`` (from the next window/command on); returns it."""
    global _active, _active_code
    chosen = match_language(code) or SOURCE_LANGUAGE
    _active, _active_code = translator(chosen), chosen
    return chosen


def current_language() -> str:
    return _active_code


def _(message: str) -> str:
    """``message`` in the language chosen by ``set_language`` (English until then). An empty
    message stays empty: gettext would answer it with the catalogue's header."""
    return _active.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's name, which the extractor knows
    """Mark text for the catalogue without translating it yet (constants; ``_()`` it when shown)."""
    return message


# ----------------------------------------------------------------------------- pseudo-locale

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒğĥíĵķĺṁńóṗǫŕšţúṽŵẋýžÁƁÇĎÉƑĞĤÍĴĶĹṀŃÓṖǪŔŠŢÚṼŴẊÝŽ",
)
# Left exactly as written: {placeholders}, %(printf)s, <html>, &mnemonic letters, (*.file) filters.
_KEEP = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sd]|<[^>]*>|&.")
_FILE_FILTER = re.compile(r"(.*?)(\s*\(\*[^)]*\))")  # "Databases (*.sqlite3)": the pattern stays last
PSEUDO_GROWTH = 0.4  # German and Polish run about 30-40% longer than English


def pseudo_text(message: str) -> str:
    """'&File' -> '[&Fíĺé~~]': every letter accented, 40% longer, bracketed; placeholders,
    markup and mnemonics kept working. Untranslated text shows as plain ASCII beside it."""
    if not message.strip():
        return message
    filters = [_FILE_FILTER.fullmatch(part) for part in message.split(";;")]
    if all(filters):  # a file dialog's filter list: Qt reads the patterns at the end of each
        return ";;".join(pseudo_text(f.group(1)) + f.group(2) for f in filters if f)
    parts, last = [], 0
    for match in _KEEP.finditer(message):
        parts.append(message[last:match.start()].translate(_ACCENTED))
        parts.append(match.group())
        last = match.end()
    parts.append(message[last:].translate(_ACCENTED))
    body = "".join(parts)
    visible = len(_KEEP.sub("", message))
    lead = message[:len(message) - len(message.lstrip())]
    pad = "~" * max(1, round(visible * PSEUDO_GROWTH))
    return f"{lead}[{body.strip()}{pad}]"
