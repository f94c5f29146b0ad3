"""Errors raised by the import parsers for files a person has to fix.

They are ``UserError`` (so the CLI prints one ``error:`` line and exits 1) and
``ValueError`` (so plain-Python callers can treat them as bad input).
"""

from communitydesk.errors import UserError
from communitydesk.io.text import shorten

MAX_MESSAGE_CHARS = 400  # one line a person reads: a header of 25 M cells once made 78 MB


class InputError(UserError, ValueError):
    """A file cannot be used as it is; the message names the file and what to do."""

    def __init__(self, message: str = "") -> None:
        super().__init__(shorten(str(message), MAX_MESSAGE_CHARS))


class TableError(InputError):
    """The file cannot be read as a table at all (empty, binary, broken workbook...)."""


class MappingError(InputError):
    """The table's columns cannot be matched to member fields (or a --map is wrong)."""


class RegisterError(InputError):
    """The attendance register has no name column or no meeting-date column."""
