"""Asking what happens to a vote by name when the voter is marked not present (#16 item 5).

The register refuses to drop someone who voted by name without being told; this is the
question, in the style of ``gui/common/dialogs.confirm``: buttons named for what they do,
Cancel the default (a stray Enter changes nothing), Escape answers Cancel.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from communitydesk.i18n import _, ngettext
from communitydesk.services.motions.votes import VotedError, VotesOnLeaving


def _votes(refusal: VotedError) -> int:
    return sum(len(v.motions) for v in refusal.voters)


def question_text(refusal: VotedError) -> str:
    """Who voted on what, and what the two answers mean."""
    lines = [_("{name} voted by name on:").format(name=v.name) + "\n" +
             "\n".join("  • " + _("motion {number}: {text}").format(number=number, text=text)
                       for number, text in v.motions) for v in refusal.voters]
    lines.append(ngettext(
        "Keep the vote: it still counts though they are no longer marked present.\n"
        "Remove the vote: it is taken back and the result is counted again.",
        "Keep the votes: they still count though they are no longer marked present.\n"
        "Remove the votes: they are taken back and the results are counted again.",
        _votes(refusal)))
    return "\n\n".join(lines)


def ask_votes_on_leaving(parent: QWidget | None, refusal: VotedError) -> VotesOnLeaving | None:
    """``"keep"``, ``"remove"``, or None when the person pressed Cancel (the mark is put back)."""
    many = _votes(refusal) > 1
    box = QMessageBox(QMessageBox.Icon.Question, _("Votes by name"), question_text(refusal),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("votes-on-leaving")
    keep = box.addButton(_("&Keep the votes") if many else _("&Keep the vote"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keep-votes")
    remove = box.addButton(_("&Remove the votes") if many else _("&Remove the vote"),
                           QMessageBox.ButtonRole.DestructiveRole)
    remove.setObjectName("remove-votes")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "keep" if clicked is keep else "remove" if clicked is remove else None
