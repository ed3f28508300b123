"""pyqtgraph's own menus on the window's plots, and its export dialog, in the language installed now.

Right-clicking a plot shows pyqtgraph's menu: View All, X axis, Y axis, Mouse Mode, and its
scene's Export... (`app_menu` leaves out pyqtgraph's Plot Options, whose transforms and downsampling
fight the window's own log scale, smoothing and drawing of long curves). pyqtgraph words them with
QCoreApplication.translate under its own contexts ("ViewBox", "Form", "GraphicsScene", "Exporter")
when it builds them, so resources/i18n/pyqtgraph_<language>.qm translates them (made by
scripts/translations.py from pyqtgraph's modules and from this one). What this module adds, through
`follow_language(view)`, called once where a plot widget is made:

- on a language switch, menus built before it are worded again: the ViewBox menu is made anew (as
  pyqtgraph itself does when its menu is enabled again), an export dialog already made is worded in
  place, keeping what it is set to;
- the words pyqtgraph shows without translating them (the export dialog's list of items, the CSV
  options) are translated here, under "PlotMenus".

Its strings belong to pyqtgraph_<language>.ts: the app's own .ts leaves this module out.
"""
from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ViewBox.ViewBoxMenu import ViewBoxMenu
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt

translate = QCoreApplication.translate

# Words pyqtgraph translates with a context and a text lupdate cannot read from its code (an f-string,
# an exporter's name) or shows untranslated; listed here so that they reach pyqtgraph_<language>.ts.
_NOT_IN_PYQTGRAPHS_CODE = (
    QT_TRANSLATE_NOOP("ViewBox", "axis"),  # "X axis": f"{axis} {translate('ViewBox', 'axis')}"
    QT_TRANSLATE_NOOP("Exporter", "Scalable Vector Graphics"),  # the SVG file dialog's filter
    # the export formats: translate('Exporter', exporter.Name)
    QT_TRANSLATE_NOOP("Exporter", "Image File (PNG, TIF, JPG, ...)"),
    QT_TRANSLATE_NOOP("Exporter", "Scalable Vector Graphics (SVG)"),
    QT_TRANSLATE_NOOP("Exporter", "CSV of original plot data"),
    QT_TRANSLATE_NOOP("Exporter", "HDF5 Export: plot (x,y)"),
    QT_TRANSLATE_NOOP("Exporter", "Matplotlib Window"),
    # the export dialog's items and the CSV exporter's choices, which pyqtgraph does not translate
    QT_TRANSLATE_NOOP("PlotMenus", "Entire Scene"),
    QT_TRANSLATE_NOOP("PlotMenus", "Plot"),
    QT_TRANSLATE_NOOP("PlotMenus", "ViewBox"),
    QT_TRANSLATE_NOOP("PlotMenus", "params"),
    QT_TRANSLATE_NOOP("PlotMenus", "comma"),
    QT_TRANSLATE_NOOP("PlotMenus", "tab"),
    QT_TRANSLATE_NOOP("PlotMenus", "(x,y) per plot"),
    QT_TRANSLATE_NOOP("PlotMenus", "(x,y,y,y) for all plots"),
)
ENGLISH = Qt.UserRole  # an export dialog item's own (English) name, to translate it again


def follow_language(view: pg.GraphicsView) -> None:
    """Keep `view`'s pyqtgraph menus and export dialog in the language installed now."""
    _Follower(view)


def app_menu(plot: pg.PlotItem) -> None:
    """`plot`'s right-click menu without pyqtgraph's Plot Options: its Log X breaks the window's plots'
    linked epoch axes, its Log Y on the loss bypasses the window's own log scale (whose range starts at
    the newest loss, not at 0), and its downsampling and averaging override how the window draws a
    million points. The view's own entries (View All, the axes, Mouse Mode) and Export... stay."""
    plot.setMenuEnabled(False, enableViewBoxMenu=True)


def retranslate(view: pg.GraphicsView) -> None:
    """Word `view`'s pyqtgraph menus (and its export dialog, if it was opened) in the language installed now."""
    scene = view.scene()
    for item in scene.items():
        if isinstance(item, pg.ViewBox) and item.menu is not None:
            old, item.menu = item.menu, ViewBoxMenu(item)  # built in the language installed now
            old.close()  # if it was open; its last reference is gone
            item.updateViewLists()  # its Link Axis lists, as pyqtgraph fills them
    scene.contextMenu[0].setText(translate("GraphicsScene", "Export..."))
    dialog = scene.exportDialog
    if dialog is not None:
        dialog.ui.retranslateUi(dialog)
        if dialog.isVisible():  # its lists are made again as it opens; made now if it is open
            current, row = dialog.ui.itemTree.currentItem(), dialog.ui.formatList.currentRow()
            dialog.updateItemList(select=current.gitem if current is not None else None)
            dialog.ui.formatList.setCurrentRow(row)
            _word_items(dialog)


def _word_items(dialog: Any) -> None:
    """The export dialog's items (Entire Scene, Plot, ViewBox), which pyqtgraph names in English."""
    tree = dialog.ui.itemTree
    for item in tree.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive):
        english = item.data(0, ENGLISH) or item.text(0)
        item.setData(0, ENGLISH, english)
        item.setText(0, translate("PlotMenus", english))


def _word_parameters(dialog: Any) -> None:
    """The chosen format's options: their heading ("params") and choices (the CSV separator and
    columns) shown translated, their values kept as the exporter knows them."""
    exporter = dialog.currentExporter
    parameters = exporter.parameters() if exporter is not None else None
    if parameters is None:
        return
    parameters.setOpts(title=translate("PlotMenus", parameters.name()))
    for parameter in parameters.children():
        if parameter.type() == "list":
            limits = parameter.opts["limits"]
            values = list(limits.values()) if isinstance(limits, dict) else list(limits)
            parameter.setLimits({translate("PlotMenus", str(value)): value for value in values})
    dialog.ui.paramTree.setParameters(parameters)  # shown again: its rows word a choice as they are made


class _Follower(QObject):
    """Lives with its view: words the menus again on a language switch, and the export dialog as it opens."""

    def __init__(self, view: pg.GraphicsView):
        super().__init__(view)
        self._dialog: Any = None  # the export dialog whose format list this follows
        view.installEventFilter(self)
        # after pyqtgraph's own slot (connected first), which makes and shows the dialog
        view.scene().contextMenu[0].triggered.connect(self._export_opened)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.LanguageChange:
            retranslate(watched)
        return False

    def _export_opened(self) -> None:
        dialog = self.parent().scene().exportDialog
        if dialog is None:
            return
        if dialog is not self._dialog:  # made just now: its format list has chosen a format already
            self._dialog = dialog
            dialog.ui.formatList.currentItemChanged.connect(lambda *_: _word_parameters(dialog))
            _word_parameters(dialog)
        _word_items(dialog)
