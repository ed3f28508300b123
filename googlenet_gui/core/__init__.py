"""The Qt-free core: network, data, training engine, checkpoints, prediction, devices.

Nothing in this package may import PySide6, pyqtgraph or googlenet_gui.ui.
"""
