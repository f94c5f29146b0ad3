"""Errors raised by the import parsers for files a person has to fix.

They are ``UserError`` (so the CLI prints one ``error:`` line and exits 1) and
``ValueError`` (so plain-Python callers can treat them as bad input).
"""

from communitydesk.errors import UserError


class InputError(UserError, ValueError):
    """A file cannot be used as it is; the message names the file and what to do."""


class TableError(InputError):
    """The file cannot be read as a table at all (empty, binary, broken workbook...)."""


class MappingError(InputError):
    """The table's columns cannot be matched to member fields (or a --map is wrong)."""


class RegisterError(InputError):
    """The attendance register has no name column or no meeting-date column."""
