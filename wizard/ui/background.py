"""Blocking calls (the keychain) run on a pool thread while the window keeps painting."""

from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

Result = TypeVar("Result")


class _Finished(QObject):
    """Signals:
    done(): the call returned or raised; emitted from the pool thread.
    """

    done = Signal()


class _Call(QRunnable):
    def __init__(self, function: Callable[[], object], finished: _Finished) -> None:
        super().__init__()
        self.function = function
        self.finished = finished
        self.value: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.value = self.function()
        except BaseException as error:  # Handed back to the UI thread, which re-raises it.
            self.error = error
        finally:
            self.finished.done.emit()


def call_off_ui_thread(function: Callable[[], Result], window: QWidget) -> Result:
    """Run `function` on a pool thread and return its result, or raise its exception.

    The UI thread waits in a local event loop, so the window repaints and timers run,
    while `window` is disabled so that no second action starts meanwhile. A keychain
    that shows an unlock prompt or a slow D-Bus therefore no longer freezes the window.
    """
    finished = _Finished()
    call = _Call(function, finished)
    call.setAutoDelete(False)
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    focused = QApplication.focusWidget()
    was_enabled = window.isEnabled()
    window.setEnabled(False)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        QThreadPool.globalInstance().start(call)
        loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        window.setEnabled(was_enabled)
        if focused is not None and focused.isVisible() and focused.isEnabled():
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
    if call.error is not None:
        raise call.error
    return call.value  # type: ignore[return-value]
