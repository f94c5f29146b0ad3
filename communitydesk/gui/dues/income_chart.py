"""Income by month as plain painted bars (no QtCharts: it loads fast and prints the same)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from communitydesk.i18n import _

BAR = QColor("#3E7CB1")
NEGATIVE = QColor("#B42318")
INK = QColor("#52606D")


class IncomeChart(QWidget):
    """Twelve bars (months, oldest first), each labelled with its month and amount."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[tuple[str, Decimal]] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Income by month"))

    def set_months(self, months: list[tuple[str, Decimal]]) -> None:
        self.months = months
        self.setToolTip("\n".join(f"{m}: {v}" for m, v in months))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(INK)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, _("Income by month"))
        if not self.months:
            return
        top, bottom = line * 2 + 4, self.height() - line * 2 - 4
        peak = max((abs(v) for _m, v in self.months), default=Decimal(0)) or Decimal(1)
        slot = self.width() / len(self.months)
        locale = QLocale()
        for i, (month, value) in enumerate(self.months):
            height = float(abs(value) / peak) * (bottom - top)
            x = i * slot + slot * 0.15
            painter.fillRect(QRectF(x, bottom - height, slot * 0.7, height), NEGATIVE if value < 0 else BAR)
            year, mon = int(month[:4]), int(month[5:7])
            label = locale.monthName(mon, QLocale.FormatType.ShortFormat)
            if (mon == 1 or i == 0) and metrics.horizontalAdvance(f"{label} 00") < slot:
                label += f" {year % 100:02d}"
            painter.drawText(QRectF(i * slot, bottom + 2, slot, line), Qt.AlignmentFlag.AlignHCenter, label)
            amount = f"{value:.0f}" if value == value.to_integral_value() else f"{value}"
            if metrics.horizontalAdvance(amount) > slot:  # a narrow window: whole units only
                amount = f"{value:.0f}"
            painter.drawText(QRectF(i * slot, bottom - height - line - 1, slot, line),
                             Qt.AlignmentFlag.AlignHCenter, amount if value else "")
        painter.end()
