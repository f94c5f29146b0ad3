"""argparse's own words ("usage:", "options", "show this help message and exit", what a bad
command line lacks) in the reader's language, from our catalogue (#19).

argparse looks its words up with the stdlib's global gettext domain, where no catalogue of ours
is; pointing its module-level ``_``/``ngettext`` at ``communitydesk.i18n`` gives it ours. The
"%(prog)s: error: %(message)s" line is deliberately not in the catalogue: "error:" is the word
scripts look for, in every language.
"""

from __future__ import annotations

import argparse

from communitydesk.i18n import N_, _, ngettext

# The messages argparse shows (Python 3.11-3.13), so that `make translations` extracts them.
WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def install() -> None:
    """argparse's words from our catalogue from now on (in the language ``set_language`` chose)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
