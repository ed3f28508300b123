"""The window's language: English or Simplified Chinese, from the system's locale or the user's
choice (View > Language), loaded with Qt's translation system.

The app's strings are translated from resources/i18n/googlenet_studio_<language>.qm (made by
scripts/translations.py); pyqtgraph's menus and export dialog on the plots from
resources/i18n/pyqtgraph_<language>.qm (made by the same script: pyqtgraph ships none; see
plot_menus.py); Qt's own dialogs from Qt's qtbase_<language>.qm. English has a file of its own too:
it holds the plural forms ("1 epoch", "2 epochs") of the "%n epoch(s)" strings.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator

from .. import resources_dir

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SETTING = "ui/language"
_installed: list[QTranslator] = []
_current: str | None = None


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def chosen_language() -> str:
    """The user's choice if there is one, else the system's."""
    value = QSettings().value(SETTING)
    return value if isinstance(value, str) and value in LANGUAGES else system_language()


def current_language() -> str | None:
    return _current


def install(language: str) -> None:
    """Use `language` from now on (widgets retranslate on the LanguageChange event Qt sends)."""
    global _current
    app = QCoreApplication.instance()
    if app is None or language not in LANGUAGES:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = str(resources_dir() / "i18n")
    files = [(ours, f"googlenet_studio_{language}")]
    if language != "en":
        files += [(ours, f"pyqtgraph_{language}"), (QLibraryInfo.path(QLibraryInfo.TranslationsPath), f"qtbase_{language}")]
    for folder, name in files:
        translator = QTranslator()
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    _current = language
    # Qt posts the LanguageChange events: deliver them now, so every widget has retranslated on return
    QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)


def ensure_installed() -> None:
    """Install the chosen language once (the app does it at start; a window made by a test too)."""
    if _current is None:
        install(chosen_language())
