"""Mail-merge letters: edit the template, see it filled for a real member, preview the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)
from sqlalchemy.orm import Session

from communitydesk.errors import UserError
from communitydesk.gui.outreach.print_dialogs import (
    Built,
    Choices,
    OutreachPrintDialog,
    _left,
    _pdf,
)
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.outreach.letters import (
    DEFAULT_TEMPLATE,
    FIELDS,
    LetterPreview,
    check_template,
    preview_letter,
    read_template,
)


class LettersDialog(OutreachPrintDialog):
    title = N_("Letters")
    file_name = "letters"

    def add_widgets(self, layout: QVBoxLayout) -> None:
        self.template = QPlainTextEdit(_(DEFAULT_TEMPLATE))
        self.sample = QPlainTextEdit(readOnly=True)
        self.sample.setObjectName("letterPreview")
        self.template.setAccessibleName(_("Letter template"))
        self.sample.setAccessibleName(_("As the first person will get it"))
        fields = QLabel(_("Fields: {fields}").format(fields=", ".join(f"{{{name}}}" for name in FIELDS)))
        fields.setWordWrap(True)
        fields.setToolTip("\n".join(f"{{{name}}}: {_(meaning)}" for name, meaning in FIELDS.items()))
        fields.setObjectName("countLabel")
        self.problem = QLabel("")
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        load = QPushButton(_("Open a &template…"))
        load.clicked.connect(lambda: self.load_template())
        row = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel(_("Template")))
        left.addWidget(self.template, 1)
        left.addWidget(load)
        right.addWidget(QLabel(_("As the first person will get it")))
        right.addWidget(self.sample, 1)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        layout.addLayout(row, 1)
        layout.addWidget(fields)
        layout.addWidget(self.problem)
        self.resize(900, 600)
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.refresh_sample)
        self.template.textChanged.connect(self._timer.start)
        self.tag.currentIndexChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self._timer.start)
        self.audience.currentIndexChanged.connect(self._timer.start)
        self.days.valueChanged.connect(self._timer.start)

    def loaded(self, choices: Choices) -> None:
        self.refresh_sample()

    def hint(self) -> str:
        return _("One page each, with the group's letterhead: only people who agreed to post.")

    def load_template(self, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, _("Open a letter template"), "",
                                                        _("Text (*.txt);;All files (*)"))
            if not path:
                return
        try:
            self.template.setPlainText(read_template(Path(path)))
        except UserError as exc:
            self.problem.setText(str(exc))

    def _template_ok(self) -> bool:
        try:
            check_template(self.template.toPlainText())
        except UserError as exc:
            self.problem.setText(str(exc))
            self.preview_button.setEnabled(False)
            return False
        self.problem.setText("")
        self.preview_button.setEnabled(True)
        return True

    def refresh_sample(self) -> None:
        if not self._template_ok():
            return
        text, ids = self.template.toPlainText(), self.people_chooser()
        self.sampling = self.ctx.ops.read(lambda s: preview_letter(s, ids(s), text), parent=self,
                                          done=self._sampled, key="letter-sample")

    def _sampled(self, sample: LetterPreview) -> None:
        self.sample.setPlainText(sample.text)
        self.problem.setText(sample.warning)
        letters = ngettext("{n} letter", "{n} letters", sample.letters).format(n=sample.letters)
        self.note.setText(letters + _("; {n} left out (no address or no consent to post).").format(
            n=sample.left_out) if sample.left_out else letters + ".")

    def builder(self) -> Callable[[Session], Built]:
        from communitydesk.pdf.letters import render_letters
        from communitydesk.services.outreach.letters import gather_letters

        text, ids = self.template.toPlainText(), self.people_chooser()

        def build(session: Session) -> Built:
            data = gather_letters(session, ids(session), text)
            return Built(_pdf(render_letters, data), ngettext("{n} letter.", "{n} letters.", len(data.letters)).format(n=len(data.letters)) + _left(data.left_out, "post"))

        return build
