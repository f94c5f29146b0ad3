"""The log of unexpected errors: enough for a helper to find the bug, nothing about members.

Database errors from SQLAlchemy carry the statement's values (names, emails)
and PostgreSQL adds a DETAIL line quoting the row; neither reaches the log or
the screen. What is kept: where it happened (file, line, code), the kind of
error, the driver's first line, and the SQL text (which holds no values: they
are bound separately). E-mail addresses and long digit runs left in any other
message are masked. The file is created owner-only (0600) in an owner-only folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import traceback
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import StatementError

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\+?\d[\d \-]{6,}\d")
_MAX_MESSAGE = 300


def _mask(text: str) -> str:
    return _NUMBER.sub("[number]", _EMAIL.sub("[email]", text))


def safe_message(exc: BaseException) -> str:
    """One line about ``exc`` that is safe to show and to log: no SQL, no values."""
    if isinstance(exc, StatementError) and exc.orig is not None:
        lines = str(exc.orig).strip().splitlines()
        text = f"{type(exc.orig).__name__}: {lines[0] if lines else ''}"
    else:
        lines = str(exc).strip().splitlines()
        text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    text = _mask(text)
    return text if len(text) <= _MAX_MESSAGE else text[:_MAX_MESSAGE] + "…"


def log_report(exc: BaseException) -> str:
    """A traceback with code locations only: messages go through ``safe_message``."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    parts: list[str] = []
    for error in reversed(chain):
        parts.append("Traceback (most recent call last):\n")
        parts += traceback.format_list(traceback.extract_tb(error.__traceback__))
        parts.append(safe_message(error) + "\n")
        if isinstance(error, StatementError) and error.statement:
            parts.append(f"SQL (values not logged): {' '.join(error.statement.split())}\n")
    return "".join(parts)


def write_error_log(log_file: Path, exc: BaseException, *, doing: str = "") -> bool:
    """Append a report to the log; False if it cannot be written (the caller says less)."""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(log_file.parent, 0o700)
        fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            if os.name == "posix":
                os.fchmod(fh.fileno(), 0o600)  # a log made by an older version was 0644
            stamp = datetime.now().replace(microsecond=0).isoformat()
            fh.write(f"{stamp} unexpected error{f' in {doing}' if doing else ''}\n")
            fh.write(log_report(exc) + "\n")
        return True
    except OSError:
        return False
