"""Email through the user's own mail client: ``mailto:`` links in batches, and ``.eml`` drafts.

Addresses always go in BCC (people's addresses stay private) and the group's own
address in To. Mail clients and browsers refuse long links, so the addresses are
split into links of about 1,800 characters; each link carries the subject and body.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from urllib.parse import quote

from communitydesk.errors import UserError
from communitydesk.i18n import _

MAX_URL_LENGTH = 1800  # what Outlook, Thunderbird, Apple Mail and Windows' launcher all accept
_BODY_ROOM = 400  # each link keeps room for at least this many characters of addresses


def _address(value: str) -> str:
    """An address inside a mailto link: ``+``, ``&``, ``%``, ``?``, ``,`` and non-ASCII escaped."""
    return quote(value.strip(), safe="@.-_~!$'*;:=")


def _text(value: str) -> str:
    """Subject or body text: everything reserved escaped, line breaks as CRLF (RFC 6068)."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n")
    return quote(lines.replace("\n", "\r\n"), safe="")


def mailto_url(to: str, bcc: Sequence[str], subject: str = "", body: str = "") -> str:
    """One link: ``mailto:TO?bcc=A,B&subject=…&body=…`` with each part escaped."""
    fields = []
    if bcc:
        fields.append("bcc=" + ",".join(_address(a) for a in bcc))
    if subject:
        fields.append("subject=" + _text(subject))
    if body:
        fields.append("body=" + _text(body))
    return f"mailto:{_address(to) if to else ''}" + ("?" + "&".join(fields) if fields else "")


@dataclass(frozen=True)
class MailBatches:
    """The links to open, one compose window each, and the addresses each carries."""

    urls: tuple[str, ...]
    batches: tuple[tuple[str, ...], ...]
    body_in_links: bool  # False: the message was too long to travel in a link; paste it

    @property
    def count(self) -> int:
        return len(self.urls)


def mailto_batches(to: str, addresses: Sequence[str], *, subject: str = "", body: str = "",
                   limit: int = MAX_URL_LENGTH) -> MailBatches:
    """Split ``addresses`` into as few links as fit in ``limit`` characters each.

    A message too long to share a link with addresses is left out of the links
    (``body_in_links`` False) rather than cut short silently.
    """
    body_in_links = bool(body) and len(mailto_url(to, [], subject, body)) + _BODY_ROOM <= limit
    text = body if body_in_links else ""
    base = len(mailto_url(to, ["x"], subject, text)) - 1  # the link with an empty bcc list
    if base + _BODY_ROOM > limit and subject:
        raise UserError(_("the subject is too long for a mail link; shorten it"))
    batches: list[list[str]] = []
    length = 0
    for address in addresses:
        piece = len(_address(address))
        if piece + base > limit:
            raise UserError(_("the address {address!r} is too long for a mail link").format(address=address))
        if batches and length + 1 + piece <= limit:
            batches[-1].append(address)
            length += 1 + piece
        else:
            batches.append([address])
            length = base + piece
    urls = tuple(mailto_url(to, batch, subject, text) for batch in batches)
    if not urls and (to or subject or text):
        urls = (mailto_url(to, [], subject, text),)
    return MailBatches(urls, tuple(tuple(b) for b in batches), body_in_links or not body)


def clipboard_text(addresses: Sequence[str]) -> str:
    """Addresses for pasting into a BCC field: ``a@x, b@y`` (what `members emails` prints)."""
    return ", ".join(addresses)


def eml_draft(to: str, bcc: Sequence[str], subject: str, body: str, *, sender: str = "") -> bytes:
    """An unsent message (``X-Unsent: 1``) that Outlook, Thunderbird and Apple Mail open as a draft."""
    message = EmailMessage(policy=SMTP)
    if sender:
        message["From"] = sender
    if to:
        message["To"] = to
    if bcc:
        message["Bcc"] = ", ".join(bcc)
    message["Subject"] = subject
    message["X-Unsent"] = "1"
    message.set_content(body or "")
    return message.as_bytes()


def write_eml(path: str | os.PathLike[str], to: str, bcc: Sequence[str], subject: str, body: str,
              *, sender: str = "") -> Path:
    target = Path(path)
    try:
        target.write_bytes(eml_draft(to, bcc, subject, body, sender=sender))
    except OSError as exc:
        raise UserError(_("cannot write {target}: {problem}").format(target=target, problem=exc.strerror or exc)) from None
    return target
