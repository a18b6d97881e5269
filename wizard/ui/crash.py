"""The crash handler: an uncaught exception is logged and shown with copyable details.

The handler saves the setup once more through the session's atomic save, so edits
still waiting for the debounced save are kept. A failed save leaves the last file as it
was. Anything that equals the secret typed in this run is masked in the details.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType
from typing import Callable

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from wizard import APP_NAME, __version__
from wizard.ui.widgets import plain_label

log = logging.getLogger(__name__)


def crash_details(kind: type[BaseException], error: BaseException, trace: TracebackType | None, secrets: list[str]) -> str:
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        f"Platform: {platform.platform()}",
        "",
        "".join(traceback.format_exception(kind, error, trace)).rstrip(),
    ]
    text = "\n".join(lines)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "****")
    return text


class CrashDialog(QDialog):
    """Tells the user that something failed and that their saved values are safe."""

    def __init__(self, details: str, copy: Callable[[str], None], parent: QWidget | None = None, saved: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("{app} ran into a problem").format(app=APP_NAME))
        if saved:
            status = self.tr("What you entered before this moment is saved.")
        else:
            status = self.tr(
                "Your latest changes could not be saved; the last saved setup is unchanged. Keep this window open "
                "and note your recent entries."
            )
        message = plain_label(
            self.tr(
                "Something went wrong inside {app}. {status} "
                "You can keep working, or restart the program if something looks wrong. "
                "Please send the details below to support."
            ).format(app=APP_NAME, status=status),
            "crash_message",
            self,
        )
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crash_details")
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setMinimumSize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 12)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("crash_buttons")
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setObjectName("crash_copy")
        self.copy_button.setAccessibleDescription(self.tr("Copies the error details to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(lambda: copy(self.details.toPlainText()))
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)


class CrashHandler:
    """Replaces sys.excepthook while installed; PySide6 reports slot exceptions through it."""

    def __init__(
        self,
        secrets: Callable[[], list[str]],
        copy: Callable[[str], None],
        parent: Callable[[], QWidget | None],
        save: Callable[[], object] | None = None,
    ) -> None:
        self._secrets = secrets
        self._copy = copy
        self._parent = parent
        self._save = save
        self._previous = sys.excepthook
        self._handling = False
        self.dialogs: list[CrashDialog] = []

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or self._handling:
            self._previous(kind, error, trace)
            return
        self._handling = True
        try:
            details = crash_details(kind, error, trace, self._secrets())
            log.critical("Uncaught exception:\n%s", details)
            saved = True
            if self._save is not None:
                try:
                    # Writes the edits still waiting for the debounced save.
                    saved = self._save() is not False
                except Exception as save_error:  # The dialog must appear even if saving fails too.
                    log.error("Saving after the uncaught exception failed: %s", type(save_error).__name__)
                    saved = False
            if QApplication.instance() is None:
                print(details, file=sys.stderr)
                return
            dialog = CrashDialog(details, self._copy, self._parent(), saved=saved)
            self.dialogs.append(dialog)
            dialog.finished.connect(lambda _result, shown=dialog: self.dialogs.remove(shown))
            dialog.show()
        finally:
            self._handling = False
