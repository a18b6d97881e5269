"""Step 4: the app's Client ID and Client Secret. The secret goes to the keychain on Next."""

from __future__ import annotations

import logging

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wizard.domain import steps, validation
from wizard.domain.model import StepId, timestamp
from wizard.domain.secret import Secret
from wizard.ui.background import call_off_ui_thread
from wizard.ui.pages.base import StepPage
from wizard.ui.widgets import FieldNote, NoteKind, plain_label

log = logging.getLogger(__name__)


class CredentialsPage(StepPage):
    step_id = StepId.CREDENTIALS

    # Fingerprint of the secret this page stored in the keychain during this run.
    _stored_this_run = ""

    def build(self) -> None:
        self.add_text(
            self.tr(
                "On your new app's Auth page, LinkedIn shows the Client ID and the Client Secret. Copy each one "
                "and paste it here. Both are case sensitive and are kept exactly as pasted. The secret is saved "
                "in this computer's keychain when you click Next, never in a file."
            ),
            "credentials_help",
        )
        form = QFormLayout()
        self.client_id = QLineEdit(self)
        self.client_id.setObjectName("credentials_client_id")
        self.client_id.setAccessibleName(self.tr("Client ID"))
        self.client_id_note = FieldNote("credentials_client_id_note", self)
        self.client_id_note.attach_to(self.client_id)
        self.client_id_clean = QPushButton(self.tr("Remove these characters"), self)
        self.client_id_clean.setObjectName("credentials_client_id_clean")
        self.client_id_clean.setAccessibleName(self.tr("Remove unwanted characters from the Client ID"))
        self.client_id_clean.hide()
        form.addRow(self._label(self.tr("Client &ID:"), self.client_id), self._column("credentials_client_id_column", self.client_id, self.client_id_note, self.client_id_clean))

        self.secret = QLineEdit(self)
        self.secret.setObjectName("credentials_secret")
        self.secret.setAccessibleName(self.tr("Client Secret"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_secret = QCheckBox(self.tr("Sho&w"), self)
        self.show_secret.setObjectName("credentials_show_secret")
        self.show_secret.setAccessibleName(self.tr("Show the Client Secret"))
        secret_row = QWidget(self)
        secret_row.setObjectName("credentials_secret_row")
        secret_layout = QHBoxLayout(secret_row)
        secret_layout.setContentsMargins(0, 0, 0, 0)
        secret_layout.addWidget(self.secret, 1)
        secret_layout.addWidget(self.show_secret)
        self.secret_note = FieldNote("credentials_secret_note", self)
        self.secret_note.attach_to(self.secret)
        self.secret_clean = QPushButton(self.tr("Remove these characters"), self)
        self.secret_clean.setObjectName("credentials_secret_clean")
        self.secret_clean.setAccessibleName(self.tr("Remove unwanted characters from the Client Secret"))
        self.secret_clean.hide()
        form.addRow(self._label(self.tr("Client &Secret:"), self.secret), self._column("credentials_secret_column", secret_row, self.secret_note, self.secret_clean))
        self.body.addLayout(form)
        self.saved_status = plain_label("", "credentials_saved_status", self)
        self.body.addWidget(self.saved_status)
        self.body.addStretch(1)

        self.client_id.textChanged.connect(self._on_client_id_text_changed)
        self.secret.textChanged.connect(self._on_secret_text_changed)
        self.show_secret.toggled.connect(self._on_show_secret_toggled)
        self.client_id_clean.clicked.connect(self._on_client_id_clean_clicked)
        self.secret_clean.clicked.connect(self._on_secret_clean_clicked)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(f"{buddy.objectName()}_label")
        label.setBuddy(buddy)
        return label

    def _column(self, name: str, *widgets: QWidget) -> QWidget:
        column = QWidget(self)
        column.setObjectName(name)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return column

    # --- loading ----------------------------------------------------------------------

    def load(self) -> None:
        self.client_id.setText(self.session.state.client_id)
        typed = self.session.typed_secret
        self.secret.setText(typed.reveal() if typed else "")
        self._show_saved_status()

    def _show_saved_status(self) -> None:
        state = self.session.state
        if self.session.secrets.in_memory:
            text = self.tr("The secret is held in memory for this session only. You will need to enter it again next time.")
        elif state.secret_backend:
            text = self.tr("A secret is saved in the keychain ({backend}) since {when}. Paste a new one only to replace it.").format(
                backend=state.secret_backend, when=state.secret_saved_at[:10]
            )
        elif state.secret_fingerprint:
            text = self.tr("A secret was entered in an earlier session but not saved in a keychain. Paste it again.")
        else:
            text = ""
        self.saved_status.setText(text)
        self.saved_status.setVisible(bool(text))

    # --- edits --------------------------------------------------------------------------

    @Slot(str)
    def _on_client_id_text_changed(self, text: str) -> None:
        self.session.state.client_id = text
        checked = validation.check_client_id(text)
        findings = validation.find_paste_problems(text)
        self.client_id_clean.setVisible(bool(findings))
        if text and checked.error:
            self.client_id_note.show_note(NoteKind.ERROR, checked.error)
        elif checked.warning:
            self.client_id_note.show_note(NoteKind.WARNING, checked.warning)
        else:
            self.client_id_note.clear()
        self.changed()

    @Slot(str)
    def _on_secret_text_changed(self, text: str) -> None:
        self.session.set_typed_secret(Secret(text) if text else None)
        checked = validation.check_secret(text)
        self.secret_clean.setVisible(bool(text) and bool(validation.find_paste_problems(text)))
        if text and checked.error:
            self.secret_note.show_note(NoteKind.ERROR, checked.error)
        elif text and checked.warning:
            self.secret_note.show_note(NoteKind.WARNING, checked.warning)
        else:
            self.secret_note.clear()
        if not self._loading:
            self.update_completeness()

    @Slot(bool)
    def _on_show_secret_toggled(self, shown: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    @Slot()
    def _on_client_id_clean_clicked(self) -> None:
        before = self.client_id.text()
        findings = validation.describe_paste_problems(validation.find_paste_problems(before))
        self.client_id.setText(validation.remove_paste_problems(before))
        self.client_id_note.show_note(NoteKind.INFO, self.tr("Removed {what}. Letter case was not changed.").format(what=findings))

    @Slot()
    def _on_secret_clean_clicked(self) -> None:
        before = self.secret.text()
        findings = validation.describe_paste_problems(validation.find_paste_problems(before))
        self.secret.setText(validation.remove_paste_problems(before))
        self.secret_note.show_note(NoteKind.INFO, self.tr("Removed {what}. Letter case was not changed.").format(what=findings))

    # --- completeness and leaving ---------------------------------------------------------

    def isComplete(self) -> bool:
        typed = self.session.typed_secret
        return not steps.missing_credentials(self.session.state, typed.reveal() if typed else "")

    def apply_on_leave(self) -> bool:
        typed = self.session.typed_secret
        state = self.session.state
        if not typed:
            return True
        # Stored again unless this run already stored this very value: a secret pasted
        # anew may be replacing one that vanished from the keychain.
        if typed.fingerprint() == self._stored_this_run and (state.secret_backend or self.session.secrets.in_memory):
            return True
        if not self._store_secret(typed):
            return False
        self._stored_this_run = typed.fingerprint()
        return True

    def _store_secret(self, secret: Secret) -> bool:
        from wizard.services.secret_store import SecretStoreError

        state = self.session.state
        while True:
            try:
                backend = call_off_ui_thread(lambda: self.session.secrets.save(secret), self.window())
            except SecretStoreError as error:
                choice = self.desktop.choose(
                    self,
                    self.tr("Client Secret not saved"),
                    self.tr("{message}\n\nYour values are still on the page.").format(message=str(error)),
                    [self.tr("Try again"), self.tr("Keep it for this session only"), self.tr("Stay on this page")],
                )
                if choice == 0:
                    continue
                if choice == 1:
                    self.session.secrets.hold_in_memory(secret)
                    state.secret_backend = ""
                    state.secret_fingerprint = secret.fingerprint()
                    state.secret_saved_at = ""
                    self._show_saved_status()
                    return True
                return False
            state.secret_backend = backend
            state.secret_fingerprint = secret.fingerprint()
            state.secret_saved_at = timestamp()
            self._show_saved_status()
            self.session.secret_changed.emit()
            return True
