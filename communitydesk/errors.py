"""Errors a person can act on.

A ``UserError`` is printed as one ``error:`` line by the CLI and shown in a
message box by the GUI; anything else is a bug and is logged with its traceback.
"""


class UserError(Exception):
    """Bad input, an unknown id, an unusable file: the message says what to do."""


class ConflictError(UserError):
    """Someone else saved the same record first (optimistic locking)."""

    def __init__(self, message: str, *, mine: dict | None = None, theirs: dict | None = None):
        super().__init__(message)
        self.mine = mine or {}
        self.theirs = theirs or {}
