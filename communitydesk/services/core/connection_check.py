"""Trying a shared database before switching to it: the window runs this off the UI thread.

Reaching a server over a slow or wrong network can take many seconds before it
fails; the connect dialog hands this to the operation runner so the window keeps
painting, and a refusal comes back as a ``UserError`` saying why.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from communitydesk.db.engine import open_database
from communitydesk.services.core.credentials import connect_url


def server_url(target: str) -> str:
    """The URL to connect with: a password typed just now wins over a remembered one."""
    if target.startswith("postgresql") and make_url(target).password:
        return target
    return connect_url(target)


def check_server(target: str) -> str:
    """Connect, check it is (or can become) a CommunityDesk database, let go; its display name.

    Nothing is created or upgraded here: that happens when the window opens it.
    """
    db = open_database(server_url(target), backups_dir=Path(tempfile.gettempdir()), upgrade=False)
    try:
        return db.display_name
    finally:
        db.dispose()
