"""The Help menu: troubleshooting topics, the log folder, and the About box."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, Slot, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard import APP_NAME, __version__
from wizard.services import paths
from wizard.ui.background import call_off_ui_thread
from wizard.ui.desktop import Desktop
from wizard.ui.session import Session
from wizard.ui.widgets import heading_label, plain_label


class TroubleshootingDialog(QDialog):
    """Short answers to the questions users of the integration ask most."""

    def __init__(self, ats_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("troubleshooting_dialog")
        self.setWindowTitle(self.tr("Troubleshooting"))
        self.topics = self._topics(ats_name)

        self.list = QListWidget(self)
        self.list.setObjectName("troubleshooting_topics")
        self.list.setAccessibleName(self.tr("Topics"))
        for title, _ in self.topics:
            self.list.addItem(title)
        self.list.setMinimumWidth(self.list.sizeHintForColumn(0) + 24)
        self.title = heading_label("", "troubleshooting_title", self)
        self.answer = plain_label("", "troubleshooting_answer", self)
        self.answer.setAccessibleName(self.tr("Answer"))
        self.answer.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)

        answer_box = QVBoxLayout()
        answer_box.addWidget(self.title)
        answer_box.addWidget(self.answer)
        answer_box.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.list)
        columns.addLayout(answer_box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("troubleshooting_buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.setCurrentRow(0)

    def _topics(self, ats: str) -> list[tuple[str, str]]:
        return [
            (
                self.tr("LinkedIn profiles do not show in {ats}").format(ats=ats),
                self.tr(
                    "{ats} can show LinkedIn profiles only while you are signed in to both {ats} and LinkedIn "
                    "Recruiter in the same browser window. Sign in to LinkedIn Recruiter in a tab of that window "
                    "and reload the candidate's page."
                ).format(ats=ats),
            ),
            (
                self.tr("Recruiter Lite or Recruiter Corporate?"),
                self.tr(
                    "The integration needs the Recruiter Corporate plan. Recruiter Lite is a plan for one person and "
                    "cannot be connected. Corporate accounts have Admin Settings in LinkedIn Recruiter's More menu."
                ),
            ),
            (
                self.tr("A profile shows search results instead of the candidate"),
                self.tr(
                    "LinkedIn looks for the candidate by first and last name, and by email when there is one; it "
                    "does not use the LinkedIn profile address the candidate entered. Pick the right person from the "
                    "list once, and {ats} keeps that link for later visits."
                ).format(ats=ats),
            ),
            (
                self.tr("The LinkedIn button is missing on a candidate"),
                self.tr(
                    "The LinkedIn button on a candidate's page appears when the candidate's record contains their "
                    "LinkedIn profile address. Edit the candidate in {ats} and add the address."
                ).format(ats=ats),
            ),
            (
                self.tr("A sent InMail does not appear yet"),
                self.tr(
                    "LinkedIn lets {ats} fetch InMail messages once every 15 minutes. Wait a quarter of an hour and "
                    "look again."
                ).format(ats=ats),
            ),
            (
                self.tr("Track jobs posted by hand on LinkedIn"),
                self.tr(
                    "Create a custom source link for the job in {ats} (the job's Advertise section, custom source "
                    "tracking), and use that link as the job's application address on LinkedIn. Everyone who applies "
                    "through it arrives in {ats} with LinkedIn as the source."
                ).format(ats=ats),
            ),
            (
                self.tr("One set of credentials for two {ats} accounts").format(ats=ats),
                self.tr(
                    "Both accounts can use the same Client ID and Client Secret when they work with the same LinkedIn "
                    "Recruiter contract. If profiles show in one account and not the other, open the second account in "
                    "a separate browser."
                ),
            ),
        ]

    @Slot(int)
    def _on_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.topics):
            title, answer = self.topics[row]
            self.title.setText(title)
            self.answer.setText(answer)


def keychain_description(session: Session, window: QWidget | None) -> str:
    """Return the keychain backend's name; resolving it may wait on D-Bus, so not on the UI thread."""
    try:
        if window is None:
            return session.secrets.backend_name()
        return call_off_ui_thread(session.secrets.backend_name, window)
    except Exception as error:  # Any keyring failure is shown, not raised, in the About box.
        return f"unavailable ({type(error).__name__})"


def about_text(session: Session, backend: str) -> str:
    """Return the facts support requests first, as plain text."""
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()} ({sys.executable if not getattr(sys, 'frozen', False) else 'bundled'})",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        f"Platform: {platform.platform()}",
        f"Settings folder: {paths.config_dir()}",
        f"Log folder: {paths.log_dir()}",
        f"Profile: {session.profile.ats_name} ({session.profile.path})",
        f"Keychain: {backend}",
    ]
    return "\n".join(lines)


class AboutDialog(QDialog):
    """Version, paths, profile and keychain, with a button that copies them."""

    def __init__(self, session: Session, desktop: Desktop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.desktop = desktop
        intro = plain_label(
            self.tr("{app} sets up and checks LinkedIn Recruiter Cross System Awareness for {ats}.").format(
                app=APP_NAME, ats=session.profile.ats_name
            ),
            "about_intro",
            self,
        )
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("about_details")
        self.details.setReadOnly(True)
        self.details.setPlainText(about_text(session, keychain_description(session, parent.window() if parent else None)))
        self.details.setAccessibleName(self.tr("Program details"))
        self.details.setMinimumSize(self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().height() * 10)
        details_label = QLabel(self.tr("&Details for support:"), self)
        details_label.setObjectName("about_details_label")
        details_label.setBuddy(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("about_buttons")
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setObjectName("about_copy")
        self.copy_button.setAccessibleDescription(self.tr("Copies the program details to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(details_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        self.desktop.copy_text(self.details.toPlainText())


def open_log_folder(desktop: Desktop, parent: QWidget | None) -> bool:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return desktop.open_url(parent, QUrl.fromLocalFile(str(folder)).toString(), str(folder))
