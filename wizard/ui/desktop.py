"""Dialogs, clipboard, browser and mail behind one object.

The rest of the UI calls these methods instead of QMessageBox, QFileDialog,
QDesktopServices and QClipboard, so tests can hand in a subclass that returns prepared dialog results
and records what was opened, without patching Qt.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QObject, QStandardPaths, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)

_PLAIN = Qt.TextFormat.PlainText
_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse
SECRET_CLIPBOARD_MS = 30_000


class Desktop(QObject):
    """The program's one door to the user's desktop."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._secret_timer = QTimer(self)
        self._secret_timer.setSingleShot(True)
        self._secret_timer.timeout.connect(self._clear_secret_from_clipboard)
        self._secret_on_clipboard = ""
        application = QCoreApplication.instance()
        if application is not None:
            # Quitting before the 30 seconds are over must not leave the secret behind.
            application.aboutToQuit.connect(self._clear_secret_from_clipboard)

    # --- browser and mail -------------------------------------------------------------

    def open_url(self, parent: QWidget | None, url: str, what: str) -> bool:
        """Open an address in the default browser or mail program.

        When nothing opens it, the address is copied and a message shows it.
        """
        opened = bool(url) and self._open(QUrl(url, QUrl.ParsingMode.StrictMode) if url.startswith("mailto:") else QUrl(url))
        if opened:
            log.info("Opened %s", url.split("?", 1)[0])
            return True
        log.warning("Nothing opened %s", url.split("?", 1)[0])
        self.copy_text(url)
        self.inform(
            parent,
            self.tr("Could not open %1").replace("%1", what),
            self.tr(
                "No program on this computer opened %1. The address was copied to the clipboard; "
                "paste it into your browser or mail program:\n\n%2"
            ).replace("%1", what).replace("%2", url if len(url) < 600 else url[:600] + "\u2026"),
        )
        return False

    def _open(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    # --- clipboard --------------------------------------------------------------------

    def copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def copy_secret(self, secret_text: str) -> None:
        """Copy a secret and clear the clipboard after 30 seconds if it still contains it.

        The copy carries the formats that tell clipboard managers (KDE's Klipper, Windows'
        clipboard history) not to keep it, as password managers do.
        """
        data = QMimeData()
        data.setText(secret_text)
        data.setData("x-kde-passwordManagerHint", QByteArray(b"secret"))
        data.setData("ExcludeClipboardContentFromMonitorProcessing", QByteArray(b"1"))
        QGuiApplication.clipboard().setMimeData(data)
        self._secret_on_clipboard = secret_text
        self._secret_timer.start(SECRET_CLIPBOARD_MS)

    @Slot()
    def _clear_secret_from_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._secret_on_clipboard and clipboard.text() == self._secret_on_clipboard:
            clipboard.clear()
            log.info("Cleared the copied secret from the clipboard")
        self._secret_on_clipboard = ""

    @property
    def secret_clear_pending(self) -> bool:
        return self._secret_timer.isActive()

    # --- dialogs ----------------------------------------------------------------------

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(_PLAIN)
        box.setTextInteractionFlags(_SELECTABLE)
        box.exec()

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(_PLAIN)
        box.exec()

    def choose(self, parent: QWidget | None, title: str, text: str, buttons: list[str]) -> int:
        """Ask a question with named buttons; return the chosen index, or -1 when closed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(_PLAIN)
        added = []
        for index, label in enumerate(buttons):
            if index == 0:
                role = QMessageBox.ButtonRole.AcceptRole
            elif index == len(buttons) - 1:
                role = QMessageBox.ButtonRole.RejectRole
            else:
                role = QMessageBox.ButtonRole.ActionRole
            added.append(box.addButton(label, role))
        box.exec()
        clicked = box.clickedButton()
        return added.index(clicked) if clicked in added else -1

    def open_file_name(self, parent: QWidget | None, title: str, file_filter: str) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, title, _documents_folder(), file_filter)
        return path

    def save_file_name(self, parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
        """Ask where to save; a bare file name is suggested in the user's documents folder."""
        if suggested and not os.path.isabs(suggested):
            suggested = os.path.join(_documents_folder(), suggested)
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return path


def _documents_folder() -> str:
    """Return the user's documents folder, or the home folder, never the working directory."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and os.path.isdir(folder) else os.path.expanduser("~")


