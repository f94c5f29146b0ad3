"""Paper in the group's language: its words (the ``language`` setting's catalogue) and its dates
and numbers through Babel, since Qt is not loaded where PDFs are built (worker threads, the CLI).

English keeps the house style of ``meeting_text`` ("Thursday 5 March 2026", read the same by
day-first and month-first readers); another language writes dates as its readers do
("czwartek, 5 marca 2026", "четвер, 5 березня 2026 р.").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

from communitydesk.i18n import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, resolve_language, translator
from communitydesk.pdf import meeting_text
from communitydesk.services.meetings.documents import DocumentMeeting


@dataclass(frozen=True)
class PrintedLanguage:
    """One document's language: ``_()`` for its words, and its way of writing dates."""

    code: str

    @classmethod
    def for_setting(cls, setting: str) -> PrintedLanguage:
        """The group's setting; "" (or a language we have no catalogue for) is the computer's."""
        return cls(resolve_language(setting, use_environment=False))

    @property
    def english(self) -> bool:
        return self.code in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE)

    @property
    def locale(self) -> Locale:
        return Locale.parse(SOURCE_LANGUAGE if self.code == PSEUDO_LANGUAGE else self.code)

    def _(self, message: str) -> str:
        return translator(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return translator(self.code).ngettext(singular, plural, count)

    def long_date(self, day: date) -> str:
        return meeting_text.long_date(day) if self.english else format_date(day, "full", self.locale)

    def clock(self, moment: datetime) -> str:
        return meeting_text.clock(moment) if self.english else format_time(moment, "HH:mm", locale=self.locale)

    def number(self, value: int | float) -> str:
        return str(value) if self.english else format_decimal(value, locale=self.locale)

    def short_date(self, day: date) -> str:
        """'5 Mar 2026' / '5 mar 2026' / '5 бер. 2026 р.'."""
        return meeting_text.short_date(day) if self.english else format_date(day, "medium", self.locale)

    def pattern(self, day: date, english: str, cldr: str) -> str:
        """A date in a fixed shape: ``english`` is a strftime format, ``cldr`` the same in CLDR
        ("%b %y" / "LLL yy"), so month names come out in this language."""
        return day.strftime(english) if self.english else format_date(day, cldr, self.locale)

    def percent(self, share: float) -> str:
        return f"{share:.0%}" if self.english else format_percent(share, locale=self.locale)

    def meeting_when(self, meeting: DocumentMeeting) -> str:
        """'Tuesday 5 May 2026, 19:00–21:00' in this language."""
        when = f"{self.long_date(meeting.starts_at.date())}, {self.clock(meeting.starts_at)}"
        if meeting.ends_at and meeting.ends_at.date() == meeting.starts_at.date():
            when += f"–{self.clock(meeting.ends_at)}"
        return when

    def meeting_subtitle(self, meeting: DocumentMeeting) -> str:
        return " · ".join(p for p in (self.meeting_when(meeting), meeting.venue) if p)

    def printed_note(self, today: date | None = None) -> str:
        return self._("Printed {date} with CommunityDesk").format(
            date=self.long_date(today or date.today()))

    def page_label(self) -> str:
        return self._("Page {page} of {total}")
