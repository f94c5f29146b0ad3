"""Pieces of the Reports screen: a headline figure tile and a searchable, sortable table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.reports.report_table_models import ReportRowsTableModel
from communitydesk.gui.theme import follow_system
from communitydesk.i18n import _

# The tiles' look, in a style sheet's words so that theme.follow_system adapts it to the
# computer as it does every screen's sheet (dark palette, high contrast, system font size).
# The tiles paint it themselves: a style sheet on them took ~14 ms of every build of the
# Reports screen, half of it (#14).
TILE_LOOK = "surface: white; border: #dfe4e1; value: #23332c; label: #5f6b66; font-size: 26px"


@dataclass(frozen=True)
class TileLook:
    surface: QColor
    border: QColor
    value: QColor  # the figure's ink
    label: QColor  # the caption's ink
    value_size: str  # "20.0pt" (or "26px" with no application)


def tile_look() -> TileLook:
    """``TILE_LOOK`` as the computer shows it now."""
    words = dict(part.split(":", 1) for part in follow_system(TILE_LOOK).split(";"))
    look = {key.strip(): value.strip() for key, value in words.items()}
    return TileLook(QColor(look["surface"]), QColor(look["border"]), QColor(look["value"]),
                    QColor(look["label"]), look["font-size"])


def dress_figure_label(label: QLabel, look: TileLook) -> None:
    """A caption in the tiles' soft ink (the tiles' captions, the paid-up line)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, look.label)
    label.setPalette(palette)


class FigureTile(QFrame):
    """One headline figure with its caption on a white card with a thin rounded border."""

    def __init__(self, label: str, look: TileLook | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look or tile_look()
        self.setObjectName("figureTile")
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        font = self.value.font()
        size = self.look.value_size
        if size.endswith("pt"):
            font.setPointSizeF(float(size.removesuffix("pt")))
        else:
            font.setPixelSize(round(float(size.removesuffix("px"))))
        font.setWeight(QFont.Weight.DemiBold)  # 600
        self.value.setFont(font)
        palette = self.value.palette()
        palette.setColor(QPalette.ColorRole.WindowText, self.look.value)
        self.value.setPalette(palette)
        self.label = QLabel(label)
        self.label.setObjectName("figureLabel")
        dress_figure_label(self.label, self.look)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(13, 9, 13, 9)  # 12, 8 inside the 1 px border
        layout.addWidget(self.value)
        layout.addWidget(self.label)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.look.border, 1))
        painter.setBrush(self.look.surface)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()


class ReportTable(QWidget):
    """Search box, sortable table and an empty state for one list of report rows.

    The model may come with rows already (the screen builds a table when its tab is first
    shown): ``update_count`` then says how many, or which empty state applies.
    """

    def __init__(self, model: ReportRowsTableModel, *, placeholder: str, empty: EmptyState,
                 sort_column: int, descending: bool, widths: tuple[int, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit(placeholderText=placeholder)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(sort_column, order)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.empty = empty
        self.no_match = EmptyState(_("Nothing matches"), _("Try fewer letters, or clear the search."))
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match):
            self.stack.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def set_rows(self, rows: Any, *, sorted_by: tuple[int, Qt.SortOrder] | None = None) -> None:
        """Show ``rows``; ``sorted_by`` as ``RowTableModel.set_rows`` (rows a worker presorted)."""
        self.model.set_rows(rows, sorted_by=sorted_by)
        self.update_count()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self.update_count()

    def update_count(self) -> None:
        """The count beside the search box, and the table or the empty state that applies."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(_("showing {shown} of {total}").format(shown=f"{shown:,}", total=f"{total:,}"))
        self.stack.setCurrentWidget(
            self.empty if total == 0 else self.no_match if shown == 0 else self.table)
