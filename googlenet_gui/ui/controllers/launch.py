"""Training on every GPU from the window: "All N GPUs (torchrun)" in the device list.

Start launches torchrun as a child process (QProcess: nothing waits on the GUI thread) into a new
run folder, and asks for that folder to be followed (File > Follow Run Folder's follower shows the
curves and progress from metrics.jsonl, which rank 0 writes). Stop writes the folder's STOP file,
which rank 0 watches and every rank obeys after the same batch. If the child fails, the last
error line it printed reaches the status bar and the training panel. Closing the window stops the
child (STOP, then SIGTERM, which torchrun passes on to every rank; each saves last.pt first).
"""
from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from ...core.common.text import error_line, printable
from ...state.activity import Activity
from ..panels.training_panel import TrainingPanel

KEPT_LINES = 40  # of the child's stderr, for the error shown when it fails
CLOSE_WAIT_MS = 30_000  # how long closing the window waits for every rank to save last.pt


class LaunchController(QObject):
    follow_requested = Signal(object)  # the run folder the child writes (Path)
    ended = Signal(int)  # the child's exit code (-1: it did not start or crashed)

    def __init__(self, panel: TrainingPanel, activity: Activity, status: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.activity, self.status = panel, activity, status
        self.process: QProcess | None = None
        self.run_dir: Path | None = None
        self._stderr: deque[str] = deque(maxlen=KEPT_LINES)
        self._partial = ""
        panel.stop_clicked.connect(self.stop)

    @property
    def running(self) -> bool:
        return self.process is not None

    # ------------------------------------------------------------ commands

    def start(self, config: Any, run_dir: Path, resume: Path | None, processes: int) -> None:
        """Train `config` (a TrainConfig) with torchrun in `processes` processes, one per GPU."""
        from ...core.training.distributed import StopFile, prepare_launch  # imports torch: loaded by the time Start works

        if self.running:
            return
        try:
            run_dir.mkdir(parents=True, exist_ok=True)
            StopFile.clear(run_dir)  # an earlier stop's file must not stop this run
        except OSError as exc:
            self._fail(self.tr("cannot write to {0}: {1}").format(run_dir, error_line(exc, 150)))
            return
        try:
            command = prepare_launch(config, processes, run_dir, resume, tensorboard=self.panel.tensorboard_logs())
        except OSError as exc:
            self._fail(self.tr("cannot write to {0}: {1}").format(run_dir, error_line(exc, 150)))
            return
        self.run_dir = run_dir
        self._stderr.clear()
        self._partial = ""
        process = QProcess(self)
        process.setProgram(command[0])
        process.setArguments(command[1:])
        process.setProcessEnvironment(_environment())
        process.setStandardOutputFile(QProcess.nullDevice())  # rank 0's progress is read from metrics.jsonl
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self.process = process
        process.start()
        self.panel.show_error("")
        self.activity.set_launching(True)  # torchrun's processes cannot pause together: Pause stays off
        self.status.showMessage(self.tr("Starting %n process(es) with torchrun…", "", processes))
        self.follow_requested.emit(run_dir)

    @Slot()
    def stop(self) -> None:
        """Every rank stops after the same batch, rank 0 saving last.pt."""
        from ...core.training.distributed import StopFile

        if not self.running or self.run_dir is None:
            return
        try:
            StopFile.write(self.run_dir)
        except OSError as exc:
            self.status.showMessage(self.tr("Cannot stop the run: {0}").format(error_line(exc, 150)))
            return
        self.status.showMessage(self.tr("Stopping every process after this step and saving last.pt…"))

    def close(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        """The window closes: stop the child (every rank saves last.pt) and wait for it to end."""
        process = self.process
        if process is None:
            return
        self.stop()
        process.terminate()  # SIGTERM to torchrun, which passes it on to every rank
        if not process.waitForFinished(wait_ms):
            process.kill()
            process.waitForFinished(5000)

    # ------------------------------------------------------------ the child

    @Slot()
    def _read_stderr(self) -> None:
        if self.process is None:
            return
        text = self._partial + bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
        lines = text.replace("\r", "\n").split("\n")
        self._partial = lines.pop()[-2000:]
        self._stderr.extend(line for line in lines if line.strip())

    @Slot(int, QProcess.ExitStatus)
    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stderr()
        if self._partial.strip():
            self._stderr.append(self._partial)
        crashed = status != QProcess.NormalExit
        self._end(-1 if crashed else code)

    @Slot(QProcess.ProcessError)
    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.FailedToStart and self.process is not None:
            self._stderr.append(self.tr("torchrun could not be started ({0})").format(self.process.errorString()))
            self._end(-1)

    def _end(self, code: int) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.deleteLater()
        self.activity.set_launching(False)
        if code == 0:
            self.status.showMessage(self.tr("The torchrun run has ended; its folder: {0}").format(self.run_dir))
        else:
            self._fail(self.last_error() or self.tr("torchrun ended with code {0}").format(code))
        self.ended.emit(code)

    def _fail(self, message: str) -> None:
        self.status.showMessage(self.tr("Training with torchrun failed: {0}").format(message))
        self.panel.show_error(lambda: self.tr("Training with torchrun failed: {0}").format(message))

    def last_error(self) -> str:
        """The child's most telling line: the app's own "error:" line if it printed one, else
        its last line that names an error, else its last line."""
        lines = list(self._stderr)
        for wanted in (lambda s: s.lstrip().startswith("error:"), lambda s: "error" in s.lower()):
            for line in reversed(lines):
                if wanted(line):
                    return printable(line.strip().removeprefix("error:").strip(), 300)
        return printable(lines[-1].strip(), 300) if lines else ""


def _environment() -> QProcessEnvironment:
    """This environment, with this copy of the app importable by the child (`-m googlenet_gui`)."""
    import os

    import googlenet_gui

    environment = QProcessEnvironment.systemEnvironment()
    root = str(Path(googlenet_gui.__file__).resolve().parent.parent)
    current = environment.value("PYTHONPATH", "")
    environment.insert("PYTHONPATH", root + (os.pathsep + current if current else ""))
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):  # torchrun sets its own
        environment.remove(name)
    return environment
