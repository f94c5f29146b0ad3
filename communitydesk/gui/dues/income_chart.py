"""Income by month as plain painted bars (no QtCharts: it loads fast and prints the same)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from communitydesk.gui.accessibility import FOCUS_RING
from communitydesk.gui.accessible_style import draw_focus_ring
from communitydesk.i18n import _

BAR = QColor("#3E7CB1")
NEGATIVE = QColor("#B42318")
INK = QColor("#52606D")
INSET = FOCUS_RING + 2  # px kept free round the bars for the focus ring


class IncomeChart(QWidget):
    """Twelve bars (months, oldest first), each labelled with its month and amount."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[tuple[str, Decimal]] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Income by month"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it, so its months are read (#19)

    def set_months(self, months: list[tuple[str, Decimal]]) -> None:
        self.months = months
        self.setToolTip("\n".join(f"{m}: {v}" for m, v in months))
        self.setAccessibleDescription("; ".join(f"{m}: {v}" for m, v in months))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.hasFocus():  # the keyboard focus shows as on every control (#19)
            draw_focus_ring(painter, self.rect(), self.palette())
        painter.translate(INSET, INSET)  # the bars and labels stay clear of the ring
        width, height_all = self.width() - 2 * INSET, self.height() - 2 * INSET
        painter.setPen(INK)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft, _("Income by month"))
        if not self.months:
            painter.end()
            return
        top, bottom = line * 2 + 4, height_all - line * 2 - 4
        peak = max((abs(v) for _m, v in self.months), default=Decimal(0)) or Decimal(1)
        slot = width / len(self.months)
        labels = month_labels([m for m, _v in self.months], metrics.horizontalAdvance, slot)
        for i, (_month, value) in enumerate(self.months):
            height = float(abs(value) / peak) * (bottom - top)
            x = i * slot + slot * 0.15
            painter.fillRect(QRectF(x, bottom - height, slot * 0.7, height), NEGATIVE if value < 0 else BAR)
            painter.drawText(QRectF(i * slot, bottom + 2, slot, line), Qt.AlignmentFlag.AlignHCenter, labels[i])
            amount = f"{value:.0f}" if value == value.to_integral_value() else f"{value}"
            if metrics.horizontalAdvance(amount) > slot:  # a narrow window: whole units only
                amount = f"{value:.0f}"
            painter.drawText(QRectF(i * slot, bottom - height - line - 1, slot, line),
                             Qt.AlignmentFlag.AlignHCenter, amount if value else "")
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()


def month_labels(months: list[str], advance: Callable[[str], int], slot: float) -> list[str]:
    """Each bar's month ("2026-01") as the locale's short name, or its narrow one where short
    names would run into each other ("груд" and "січ." do in Ukrainian on a 1024 px window);
    the year after January or the first month when there is room."""
    locale = QLocale()
    numbers = [(int(m[:4]), int(m[5:7])) for m in months]
    room = slot - 4  # a gap between neighbours
    names = [locale.monthName(mon, QLocale.FormatType.ShortFormat) for _y, mon in numbers]
    if any(advance(n) > room for n in names):
        names = [locale.monthName(mon, QLocale.FormatType.NarrowFormat) for _y, mon in numbers]
    return [f"{name} {year % 100:02d}" if (mon == 1 or i == 0) and advance(f"{name} 00") < room else name
            for i, (name, (year, mon)) in enumerate(zip(names, numbers, strict=True))]
