"""One entry point for every printed document, shared by the CLI and the GUI.

``gather`` reads what a document needs inside a session (quick); ``render`` lays
it out without the database, so the GUI can run it on a worker thread.
"""

from __future__ import annotations

import enum
import io
import os
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from communitydesk.files import atomic_write
from communitydesk.i18n import N_, _
from communitydesk.services.meetings.documents import (
    AgendaData,
    MeetingPackData,
    MinutesData,
    RegisterData,
    SignInSheetData,
    agenda_data,
    meeting_pack_data,
    minutes_data,
    register_data,
    sign_in_sheet_data,
)

# ReportLab keeps per-font state that is not made for threads: one layout at a time per process.
LAYOUT_LOCK = threading.Lock()

DocumentData = SignInSheetData | AgendaData | MinutesData | MeetingPackData | RegisterData


class DocumentKind(enum.StrEnum):
    SIGN_IN = "sign-in"
    AGENDA = "agenda"
    MINUTES = "minutes"
    PACK = "pack"
    REGISTER = "register"

    @property
    def title(self) -> str:
        """The document's name in the window's language (the PDF itself names it in the group's)."""
        return _(_TITLES[self])

    @property
    def needs_meeting(self) -> bool:
        return self is not DocumentKind.REGISTER


_TITLES = {
    DocumentKind.SIGN_IN: N_("Sign-in sheet"), DocumentKind.AGENDA: N_("Agenda"),
    DocumentKind.MINUTES: N_("Minutes"), DocumentKind.PACK: N_("Meeting pack"),
    DocumentKind.REGISTER: N_("Attendance register"),
}

_GATHER: dict[DocumentKind, Callable[[Session, int], Any]] = {
    DocumentKind.SIGN_IN: sign_in_sheet_data, DocumentKind.AGENDA: agenda_data,
    DocumentKind.MINUTES: minutes_data, DocumentKind.PACK: meeting_pack_data,
}

if TYPE_CHECKING:
    from communitydesk.pdf.layout import Target


def _builders() -> dict[type, Callable[..., int]]:
    """ReportLab loads on the first print, not when the app starts."""
    from communitydesk.pdf.agenda import build_agenda
    from communitydesk.pdf.meeting_pack import build_meeting_pack
    from communitydesk.pdf.minutes import build_minutes
    from communitydesk.pdf.register import build_register
    from communitydesk.pdf.sign_in_sheet import build_sign_in_sheet

    return {
        SignInSheetData: build_sign_in_sheet, AgendaData: build_agenda, MinutesData: build_minutes,
        MeetingPackData: build_meeting_pack, RegisterData: build_register,
    }


def gather(session: Session, kind: DocumentKind, meeting_id: int | None = None, *,
           from_date: date | None = None, to_date: date | None = None) -> DocumentData:
    """Read what ``kind`` prints: a meeting's documents need ``meeting_id``, the register a period."""
    if kind is DocumentKind.REGISTER:
        return register_data(session, from_date=from_date, to_date=to_date)
    if meeting_id is None:
        raise ValueError(f"{kind.title} needs a meeting")
    return _GATHER[kind](session, meeting_id)


def render(data: DocumentData, target: Target, *, printed_on: date | None = None) -> int:
    """Lay out the PDF to a path or binary file; returns the page count. No database needed."""
    if isinstance(target, (str, os.PathLike)):  # a file: all or nothing, owner-only
        payload, pages = render_bytes(data, printed_on=printed_on)
        atomic_write(Path(target), payload)
        return pages
    return _builders()[type(data)](data, target, printed_on=printed_on)


def render_alone(data: DocumentData) -> tuple[bytes, int]:
    """``render_bytes`` in this process, one layout at a time (``LAYOUT_LOCK``)."""
    with LAYOUT_LOCK:
        return render_bytes(data)


def render_bytes(data: DocumentData, *, printed_on: date | None = None) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages = render(data, buffer, printed_on=printed_on)
    return buffer.getvalue(), pages


def file_stem(kind: DocumentKind, data: DocumentData) -> str:
    """A sensible default file name, e.g. ``sign-in-2026-05-11``."""
    meeting = getattr(data, "meeting", None)
    if meeting is not None:
        return f"{kind.value}-{meeting.starts_at:%Y-%m-%d}"
    assert isinstance(data, RegisterData)
    start = data.from_date or (data.meetings[0].starts_at.date() if data.meetings else None)
    end = data.to_date or (data.meetings[-1].starts_at.date() if data.meetings else None)
    return "register" + (f"-{start}" if start else "") + (f"-to-{end}" if end else "")
