"""Qt's own words (Cancel, Yes, a text box's menu) in the pseudo-locale, so the screenshot test
sees every string a real translation would change, ours and Qt's alike."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from communitydesk.i18n import pseudo_text


class PseudoQtTranslator(QTranslator):
    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return pseudo_text(source) if source else source
