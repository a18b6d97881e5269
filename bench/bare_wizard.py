"""The yardstick for the start-up benchmark: a bare PySide6 window of the program's shape.

A QMainWindow holding a QWizard of nine pages, with a QDockWidget beside it, and nothing
else: no settings, no logging, no keychain. Like `csa-setup --self-test` it shows the
window, waits for the first paint, prints one line and exits, so both can be timed from
process start to exit in the same way.

At the first paint it also writes "first-paint SECONDS KIB" to stderr: the monotonic
clock (comparable with the parent's time.monotonic() on Linux) and the peak resident
memory so far. bench/first_paint.py writes the same line for the program.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

PAGE_COUNT = 9


def peak_rss_kib() -> int:
    """Return the peak resident memory (VmHWM) of this process in KiB, or 0 without /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def report_first_paint() -> None:
    print(f"first-paint {time.monotonic():.6f} {peak_rss_kib()}", file=sys.stderr, flush=True)


class FirstPaint(QObject):
    """Quits the application once, right after the watched window's first paint."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            report_first_paint()
            QTimer.singleShot(0, self._app.quit)
        return False


def build_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("Bare wizard")
    wizard = QWizard(window)
    for number in range(1, PAGE_COUNT + 1):
        page = QWizardPage()
        page.setTitle(f"Step {number}")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Text for step {number}."))
        layout.addWidget(QLineEdit())
        wizard.addPage(page)
    window.setCentralWidget(wizard)
    dock = QDockWidget("Side pane", window)
    dock.setWidget(QLabel("Side pane text."))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1100, 720)
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = build_window()
    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    if not watcher.painted:
        print("FAILED window: no paint within 10 seconds")
        return 1
    print("ok     window: shown and painted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
