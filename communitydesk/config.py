"""Where things live: data folder, backups, logs, and which database to open.

Nothing here runs at import time; ``main()`` builds a ``Paths`` and passes it on.
Environment overrides (``COMMUNITYDESK_DATA_DIR``, ``COMMUNITYDESK_CONFIG_DIR``)
let tests and portable installs keep everything in one folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from communitydesk import APP_NAME

DB_ENV = "COMMUNITYDESK_DB"
DEFAULT_DB_NAME = "communitydesk.sqlite3"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path

    @classmethod
    def from_environment(cls) -> Paths:
        data = os.environ.get("COMMUNITYDESK_DATA_DIR") or platformdirs.user_data_dir(
            APP_NAME, appauthor=False
        )
        conf = os.environ.get("COMMUNITYDESK_CONFIG_DIR") or platformdirs.user_config_dir(
            APP_NAME, appauthor=False
        )
        return cls(data_dir=Path(data), config_dir=Path(conf))

    @property
    def default_database(self) -> Path:
        return self.data_dir / DEFAULT_DB_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "communitydesk.log"

    @property
    def gui_settings_file(self) -> Path:
        return self.config_dir / "gui.ini"


def is_url(target: str) -> bool:
    """A SQLAlchemy URL has a scheme (``postgresql+psycopg://``, ``sqlite:///``)."""
    return "://" in target


def sqlite_file(target: str) -> Path | None:
    """The file behind a path or ``sqlite:`` URL; None for a server database."""
    if not is_url(target):
        return Path(target).expanduser().resolve()
    if not target.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url  # only URLs need it

    return Path(make_url(target).database or "").expanduser().resolve()


def resolve_database(cli_value: str | None, paths: Paths) -> str:
    """``--db`` first, then ``COMMUNITYDESK_DB``, then the per-user default file."""
    for candidate in (cli_value, os.environ.get(DB_ENV)):
        if candidate:
            return candidate if is_url(candidate) else str(Path(candidate).expanduser())
    return str(paths.default_database)
