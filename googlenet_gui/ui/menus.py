"""The main window's menus: File, Train, View (Language) and Help. Each action calls its controller's
command; whether it is enabled follows the app's activity (state.activity's `can_*`), and its words
follow the language (retranslate)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from . import i18n
from .panels.guide_dialog import GuideDialog

if TYPE_CHECKING:
    from .main_window import MainWindow


class Menus(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        self.file_menu = file_menu = bar.addMenu("")
        self.open_action = self._action(window.checkpoints.open_dialog, file_menu, QKeySequence.Open)
        self.save_action = self._action(window.checkpoints.save_dialog, file_menu, QKeySequence.Save)
        self.evaluate_action = self._action(window.evaluate.evaluate_dialog, file_menu)
        self.follow_action = self._action(window.follow.follow_dialog, file_menu)
        self.export_model_action = self._action(window.export.export_dialog, file_menu)
        self.imagenet_action = self._action(window.imagenet.use, file_menu)
        file_menu.addSeparator()
        self.new_dataset_action = self._action(window.dataset_editor.new_dialog, file_menu)
        self.edit_dataset_action = self._action(window.dataset_editor.edit_dialog, file_menu)
        file_menu.addSeparator()
        self.open_images_action = self._action(window.classify.open_dialog, file_menu, "Ctrl+I")
        self.paste_action = self._action(window.classify.paste, file_menu, QKeySequence.Paste)
        file_menu.addSeparator()
        self.export_plots_action = self._action(window.plots_panel.export_image_dialog, file_menu)
        self.export_csv_action = self._action(window.plots_panel.export_csv_dialog, file_menu)
        self.export_matrix_action = self._action(window.evaluate.export_dialog, file_menu)
        file_menu.addSeparator()
        self.quit_action = self._action(window.close, file_menu, QKeySequence.Quit)

        self.train_menu = train_menu = bar.addMenu("")
        self.start_action = self._action(window.training.start, train_menu, "Ctrl+Return")
        self.pause_action = self._action(window.training.toggle_pause, train_menu, "Ctrl+P")
        self.stop_action = self._action(window.training.stop, train_menu, "Ctrl+.")
        self.stop_action.triggered.connect(window.launch.stop)
        train_menu.addSeparator()
        self.find_lr_action = self._action(window.understanding.lr_find.open, train_menu)
        self.new_run_action = self._action(window.training.new_run, train_menu, "Ctrl+N")

        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for language, name in i18n.LANGUAGES.items():
            act = self.language_menu.addAction(name)  # each language is named in itself, never translated
            act.setCheckable(True)
            act.setChecked(language == i18n.current_language())
            act.triggered.connect(lambda _=False, chosen=language: self.set_language(chosen))
            self.language_group.addAction(act)
            self.language_actions[language] = act

        self.help_menu = help_menu = bar.addMenu("")
        self.guide_action = self._action(self.show_guide, help_menu, QKeySequence.HelpContents)
        self.about_action = self._action(self._about, help_menu)
        window.state.activity.changed.connect(self.update_enabled)
        self.update_enabled()

    def _action(self, slot: Callable, menu: QMenu, shortcut: object = None) -> QAction:
        act = QAction(self.window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        self.window.addAction(act)
        return act

    def update_enabled(self) -> None:
        activity = self.window.state.activity
        enabled = {self.start_action: activity.can_start(), self.pause_action: activity.can_pause(),
                   self.stop_action: activity.can_stop(), self.open_action: activity.can_open(),
                   self.follow_action: activity.can_open(), self.new_run_action: activity.can_new_run(),
                   self.save_action: activity.to_save() is not None}
        for act, on in enabled.items():
            act.setEnabled(on)

    def retranslate(self) -> None:
        """The menus' and actions' words in the language installed now."""
        for menu, title in ((self.file_menu, self.tr("&File")), (self.train_menu, self.tr("&Train")),
                            (self.view_menu, self.tr("&View")), (self.language_menu, self.tr("&Language")),
                            (self.help_menu, self.tr("&Help"))):
            menu.setTitle(title)
        texts = ((self.open_action, self.tr("&Open Checkpoint…")), (self.save_action, self.tr("&Save Checkpoint As…")),
                 (self.evaluate_action, self.tr("&Evaluate Checkpoint…")),
                 (self.follow_action, self.tr("&Follow Run Folder…")), (self.export_model_action, self.tr("Export &Model…")),
                 (self.imagenet_action, self.tr("Use &ImageNet Weights")),
                 (self.new_dataset_action, self.tr("New &Dataset…")), (self.edit_dataset_action, self.tr("&Edit Dataset…")),
                 (self.open_images_action, self.tr("Open &Images…")), (self.paste_action, self.tr("&Paste Image")),
                 (self.export_plots_action, self.tr("Export &Plots…")),
                 (self.export_csv_action, self.tr("Export &Metrics (CSV)…")),
                 (self.export_matrix_action, self.tr("Export Confusion Matri&x…")), (self.quit_action, self.tr("&Quit")),
                 (self.start_action, self.tr("&Start")), (self.pause_action, self.tr("&Pause / Continue")),
                 (self.stop_action, self.tr("S&top")), (self.find_lr_action, self.tr("&Find a Learning Rate…")),
                 (self.new_run_action, self.tr("&New Run (forget the opened checkpoint)")),
                 (self.guide_action, self.tr("&Guide")), (self.about_action, self.tr("&About")))
        for act, text in texts:
            act.setText(text)

    def set_language(self, language: str) -> None:
        """View > Language: switch now (every widget retranslates on Qt's LanguageChange) and remember."""
        QSettings().setValue(i18n.SETTING, language)
        i18n.install(language)
        self.language_actions[language].setChecked(True)

    def show_guide(self) -> None:
        """Help > Guide, with the shortcuts the menus have (in the language they are in)."""
        self.guide = GuideDialog(self.shortcuts, self.window)
        self.guide.show()

    def shortcuts(self) -> list[tuple[str, str]]:
        found = []
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            for act in menu.actions() if menu is not None else []:
                if not act.shortcut().isEmpty():
                    name = f"{menu_action.text()} > {act.text()}".replace("&", "").rstrip("…")
                    found.append((name, act.shortcut().toString(QKeySequence.NativeText)))
        return found

    def _about(self) -> None:
        QMessageBox.about(self.window, self.tr("GoogLeNet Studio"),
                          self.tr("Train and understand GoogLeNet (Inception v1 with BatchNorm).\n"
                                  "Drop images on the window to classify them with the current weights."))
