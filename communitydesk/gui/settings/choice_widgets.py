"""Searchable choosers for settings with many possible values: country, time zone, currency, month.

Why: a secretary knows "Ireland", not "IE"; typing part of a name narrows the
list. What is stored is still the code; anything the lists do not know is
handed to the settings rules as typed, so the same inline error explains it.
"""

from __future__ import annotations

from babel import Locale
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from communitydesk.i18n import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, _, current_language
from communitydesk.services.core.text import fold
from communitydesk.services.settings.group_settings import (
    CURRENCIES,
    LANGUAGES_AVAILABLE,
    time_zones,
)

# Names for the currencies groups most often keep accounts in; the rest show as codes.
CURRENCY_NAMES = {
    "GBP": "Pound sterling", "EUR": "Euro", "USD": "US dollar", "CAD": "Canadian dollar",
    "AUD": "Australian dollar", "NZD": "New Zealand dollar", "ZAR": "South African rand",
    "INR": "Indian rupee", "CHF": "Swiss franc", "SEK": "Swedish krona", "NOK": "Norwegian krone",
    "DKK": "Danish krone", "PLN": "Polish złoty", "CZK": "Czech koruna", "HUF": "Hungarian forint",
    "RON": "Romanian leu", "BGN": "Bulgarian lev", "TRY": "Turkish lira", "UAH": "Ukrainian hryvnia",
    "JPY": "Japanese yen", "CNY": "Chinese yuan", "HKD": "Hong Kong dollar", "SGD": "Singapore dollar",
    "NGN": "Nigerian naira", "KES": "Kenyan shilling", "GHS": "Ghanaian cedi", "MXN": "Mexican peso",
    "BRL": "Brazilian real", "PKR": "Pakistani rupee", "BDT": "Bangladeshi taka",
    "PHP": "Philippine peso", "ISK": "Icelandic króna",
}


def _translated_names() -> Locale | None:
    """CLDR's names (Babel) in the window's language when it is not English: "Irlandia",
    "funt szterling". Qt only knows English names for other countries."""
    language = current_language()
    if language in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE):
        return None
    return Locale.parse(language)


def region_name(code: str) -> str:
    """'IE' -> 'Ireland' (Qt's English territory names; 'Irlandia' in a Polish window); the
    code when neither knows it."""
    names = _translated_names()
    if names is not None and names.territories.get(code):
        return names.territories[code]
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyCountry:
        return code
    return QLocale.territoryToString(territory)


class SearchableCombo(QComboBox):
    """An editable combo whose typed text filters the list by any part of an item."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        for text, value in items:
            self.addItem(text, value)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def value(self) -> str:
        """The chosen item's code, or the typed text when it names no item (left to the rules).

        "Ireland", "ireland (ie)" and "IE" all mean IE; so does "irel" when only one item
        contains it.
        """
        typed = fold(self.currentText().strip())
        if not typed:
            return ""
        partial: list[str] = []
        for i in range(self.count()):
            text, value = fold(self.itemText(i)), str(self.itemData(i))
            if typed in (text, fold(value), text.rsplit(" (", 1)[0]):
                return value
            if typed in text:
                partial.append(value)
        return partial[0] if len(partial) == 1 else self.currentText().strip()

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(value)


def region_combo(parent: QWidget | None = None) -> SearchableCombo:
    import phonenumbers

    codes = [c for c in phonenumbers.SUPPORTED_REGIONS if c.isalpha()]
    items = sorted(((f"{region_name(c)} ({c})", c) for c in codes), key=lambda item: fold(item[0]))
    combo = SearchableCombo(items, parent)
    combo.lineEdit().setPlaceholderText(_("Type a country, e.g. Ireland"))
    return combo


def timezone_combo(parent: QWidget | None = None) -> SearchableCombo:
    zones = sorted(z for z in time_zones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    combo = SearchableCombo([(z.replace("_", " "), z) for z in [*zones, "UTC"]], parent)
    combo.lineEdit().setPlaceholderText(_("Type a city, e.g. Dublin"))
    return combo


def currency_combo(parent: QWidget | None = None) -> SearchableCombo:
    names = _translated_names()
    shown = {c: names.currencies.get(c, n) if names else n for c, n in CURRENCY_NAMES.items()}
    named = sorted(shown, key=lambda c: fold(shown[c]))
    rest = sorted(CURRENCIES - set(CURRENCY_NAMES))
    items = [(f"{shown[c]} ({c})", c) for c in named] + [(c, c) for c in rest]
    combo = SearchableCombo(items, parent)
    combo.lineEdit().setPlaceholderText(_("Type a currency or its code, e.g. EUR"))
    return combo


def month_combo(parent: QWidget | None = None) -> QComboBox:
    """Month names in the window's language ("kwiecień" in Polish), the computer's otherwise."""
    combo = QComboBox(parent)
    language = current_language()
    names = QLocale() if language in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE) else QLocale(language)
    for month in range(1, 13):
        combo.addItem(names.standaloneMonthName(month, QLocale.FormatType.LongFormat), month)
    return combo


def language_name(code: str) -> str:
    """'pl' -> 'Polski', 'uk' -> 'Українська', 'en' -> 'English' (not Qt's 'American English')."""
    if code == "en":
        return "English"
    name = QLocale(code).nativeLanguageName() or code
    return name[:1].upper() + name[1:]


def language_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(_("Same as this computer"), "")
    for code in LANGUAGES_AVAILABLE:  # each in its own language: a reader looks for their own
        combo.addItem(language_name(code), code)
    return combo


def default_region() -> str:
    """The computer's country, a good first guess for how members' phones are written."""
    import phonenumbers

    code = QLocale.territoryToCode(QLocale.system().territory())
    return code if code in phonenumbers.SUPPORTED_REGIONS else "GB"
