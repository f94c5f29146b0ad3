"""Write the pseudo-locale's catalogue (en_XA) from the template: every message accented,
40% longer and bracketed (``communitydesk.i18n.pseudo_text``), so a screenshot test shows
text that is not marked for translation and text cut off by a layout sized for English.

Usage (``make translations`` runs it): python -m communitydesk.locale.pseudo_catalogue TEMPLATE.pot
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from communitydesk.i18n import DOMAIN, LOCALE_DIR, PSEUDO_LANGUAGE, pseudo_text


def pseudo_catalogue(template: Catalog) -> Catalog:
    out = Catalog(locale="en", domain=DOMAIN, project="CommunityDesk",
                  creation_date=template.creation_date, revision_date=template.creation_date,
                  fuzzy=False)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # ngettext: singular and plural
            string: str | tuple[str, ...] = tuple(pseudo_text(m) for m in message.id)
        else:
            string = pseudo_text(message.id)
        out.add(message.id, string, locations=message.locations, flags=message.flags - {"fuzzy"},
                auto_comments=message.auto_comments)
    return out


def main(argv: list[str]) -> int:
    with open(argv[1], "rb") as file:
        template = read_po(file)
    target = LOCALE_DIR / PSEUDO_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue = pseudo_catalogue(template)
    catalogue.creation_date = catalogue.revision_date = _stable_date(target, template)
    with target.open("wb") as file:
        write_po(file, catalogue, width=100, sort_output=True, include_lineno=False)
    print(f"wrote {Path(target).relative_to(LOCALE_DIR.parent.parent)} ({len(catalogue)} messages)")
    return 0


def _stable_date(target: Path, template: Catalog):  # noqa: ANN202 - a datetime
    """The existing file's date, so regenerating unchanged messages changes no file."""
    if target.is_file():
        with target.open("rb") as file:
            return read_po(file).creation_date
    return template.creation_date


if __name__ == "__main__":
    sys.exit(main(sys.argv))
