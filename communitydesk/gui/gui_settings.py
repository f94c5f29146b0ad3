"""This computer's window settings: a small typed class over one QSettings file.

Why: keys were spelled by hand wherever they were used ("last_database",
"printing/last_folder"…), and every reader checked ``isinstance(value, str)``
because an INI file hands back strings, lists or None. Here each option is
declared once with its type and default (Picard's options idea, without its
globals: the window's context holds the one instance), and a version key lets a
later release rename or drop options when it opens an older file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

VERSION_KEY = "settings_version"
SETTINGS_VERSION = 1

T = TypeVar("T")


class Option(Generic[T]):
    """One setting: its key, its default, and how a stored value is read back."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, instance: GuiSettings, owner: type) -> T: ...

    def __get__(self, instance: GuiSettings | None, owner: type) -> Any:
        if instance is None:
            return self
        return self.read(instance.store.value(self.key))

    def __set__(self, instance: GuiSettings, value: T) -> None:
        if value is None or value == "":
            instance.store.remove(self.key)
        else:
            instance.store.setValue(self.key, value)

    def read(self, stored: object) -> T:
        return stored if isinstance(stored, str) and stored else self.default  # type: ignore[return-value]


class BytesOption(Option[QByteArray | None]):
    def read(self, stored: object) -> QByteArray | None:
        if isinstance(stored, QByteArray | bytes) and len(stored):
            return QByteArray(stored)
        return None


class GuiSettings:
    """Typed access to the settings file; unknown keys still pass through ``value``/``setValue``."""

    last_database: Option[str | None] = Option("last_database", None)
    geometry = BytesOption("geometry", None)
    audit_user_name: Option[str | None] = Option("audit_user_name", None)
    warned_about: Option[str] = Option("warned_about", "")
    printing_last_folder: Option[str] = Option("printing/last_folder", "")

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self._upgrade()

    @classmethod
    def open(cls, path: Path) -> GuiSettings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def version(self) -> int:
        stored = self.store.value(VERSION_KEY)
        try:
            return int(stored) if stored is not None else 0  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 0

    def _upgrade(self) -> None:
        """Bring an older file up to this release's options (version 0: keys were already these)."""
        if self.version < SETTINGS_VERSION:
            self.store.setValue(VERSION_KEY, SETTINGS_VERSION)

    # --- for options not declared here yet (other screens' own keys) -------------
    def value(self, key: str, default: object = None) -> object:
        return self.store.value(key, default)

    def setValue(self, key: str, value: object) -> None:  # noqa: N802 - QSettings' spelling
        self.store.setValue(key, value)

    def remove(self, key: str) -> None:
        self.store.remove(key)

    def sync(self) -> None:
        self.store.sync()
