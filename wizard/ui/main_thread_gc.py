"""Python's cyclic garbage collection, moved to the UI thread.

The collector runs in whatever thread happens to allocate when a threshold is reached.
When that is a worker thread (the credential test, report files), it may destroy a Qt
object that lives in the UI thread, such as a widget with a running timer, and Qt
later delivers an event to freed memory. Running every collection from a timer in the
UI thread avoids that. pyqtgraph's GarbageCollector uses the same approach.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

CHECK_INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Disables automatic collection and collects from a UI-thread timer instead."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.collect_if_due()

    @staticmethod
    def collect_if_due() -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                break
