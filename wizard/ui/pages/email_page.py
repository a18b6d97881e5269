"""Step 5: the activation email to LinkedIn."""

from __future__ import annotations

from pathlib import Path
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton

from wizard.domain import activation_email, validation
from wizard.domain.model import StepId, today
from wizard.ui.pages.base import StepPage
from wizard.ui.widgets import CheckedField, FieldNote, NoteKind, plain_label


class ActivationEmailPage(StepPage):
    step_id = StepId.ACTIVATION_EMAIL

    def build(self) -> None:
        self.add_text(
            self.tr(
                "LinkedIn switches the integration on after an email with five facts about your company. "
                "Enter the contact person (someone with a LinkedIn Recruiter account), check the draft, "
                "and send it from your own mail program. The draft never contains the Client Secret."
            ),
            "email_help",
        )
        form = QFormLayout()
        self.contact_name = CheckedField(
            "email_contact_name", self.tr("Contact n&ame:"),
            lambda text: validation.check_person_name(text, self.tr("Contact name")),
            lambda value: setattr(self.session.state, "contact_name", value), self,
        )
        self.contact_email = CheckedField(
            "email_contact_email", self.tr("Contact e&mail:"),
            lambda text: validation.check_email(text, self.tr("Contact email")),
            lambda value: setattr(self.session.state, "contact_email", value), self,
        )
        self.recipient = CheckedField(
            "email_recipient", self.tr("Send &to:"),
            lambda text: validation.check_email(text, self.tr("Recipient address")),
            lambda value: setattr(self.session.state, "email_recipient", value), self,
        )
        for field in (self.contact_name, self.contact_email, self.recipient):
            field.add_to(form)
            field.value_changed.connect(self._on_field_value_changed)
        self.body.addLayout(form)

        preview_label = QLabel(self.tr("&Draft:"), self)
        preview_label.setObjectName("email_preview_label")
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("email_preview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Activation email draft"))
        self.preview.setMinimumHeight(self.fontMetrics().height() * 8)
        preview_label.setBuddy(self.preview)
        self.body.addWidget(preview_label)
        self.body.addWidget(self.preview, 1)

        buttons = QGridLayout()
        self.open_mail = QPushButton(self.tr("&Open in mail program"), self)
        self.open_mail.setObjectName("email_open_mail")
        self.save_eml = QPushButton(self.tr("&Save as .eml\u2026"), self)
        self.save_eml.setObjectName("email_save_eml")
        self.copy_text = QPushButton(self.tr("&Copy text"), self)
        self.copy_text.setObjectName("email_copy_text")
        self.copy_text.setAccessibleDescription(self.tr("Copies the subject and text of the draft to the clipboard"))
        # Two rows, so the page still fits a narrow window.
        buttons.addWidget(self.open_mail, 0, 0)
        buttons.addWidget(self.save_eml, 0, 1)
        buttons.addWidget(self.copy_text, 1, 0)
        buttons.setColumnStretch(2, 1)
        self.body.addLayout(buttons)
        self.action_note = FieldNote("email_action_note", self)
        self.body.addWidget(self.action_note)

        sent_row = QHBoxLayout()
        self.sent_button = QPushButton(self, objectName="email_sent_button")
        self.sent_status = plain_label("", "email_sent_status", self)
        sent_row.addWidget(self.sent_button)
        sent_row.addWidget(self.sent_status, 1)
        self.body.addLayout(sent_row)

        self.open_mail.clicked.connect(self._on_open_mail_clicked)
        self.save_eml.clicked.connect(self._on_save_eml_clicked)
        self.copy_text.clicked.connect(self._on_copy_text_clicked)
        self.sent_button.clicked.connect(self._on_sent_button_clicked)
        self._update_sent()

    # --- loading ----------------------------------------------------------------------

    def load(self) -> None:
        state = self.session.state
        profile_recipient = self.session.profile.email_recipient
        if profile_recipient and not state.email_recipient:
            state.email_recipient = profile_recipient
        self.contact_name.set_text(state.contact_name)
        self.contact_email.set_text(state.contact_email)
        self.recipient.set_text(state.email_recipient)
        recipient_note = self.recipient.note
        if profile_recipient:
            recipient_note.show_note(NoteKind.INFO, self.tr("This address comes from the {ats} profile.").format(ats=self.session.profile.ats_name))
        else:
            recipient_note.show_note(
                NoteKind.INFO,
                self.tr("Type the LinkedIn address your account manager or {ats} support gave you for activation requests.").format(
                    ats=self.session.profile.ats_name
                ),
            )
        self._update_preview()
        self._update_sent()

    def refresh(self) -> None:
        self._update_preview()
        self._update_sent()

    def draft(self) -> activation_email.Draft:
        profile = self.session.profile
        return activation_email.build_draft(self.session.state, profile.email_subject, profile.ats_name)

    def _update_preview(self) -> None:
        draft = self.draft()
        self.preview.setPlainText(
            self.tr("To: {to}\nSubject: {subject}\n\n{body}").format(
                to=draft.recipient or self.tr("(recipient missing)"), subject=draft.subject, body=draft.body.replace("\r\n", "\n")
            )
        )

    def _update_sent(self) -> None:
        sent_on = self.session.state.email_sent_on
        if sent_on:
            self.sent_button.setText(self.tr("Mar&k as not sent"))
            self.sent_status.setText(self.tr("Sent on {date}.").format(date=sent_on))
        else:
            self.sent_button.setText(self.tr("I have sent &it"))
            self.sent_status.setText(self.tr("Click after you sent the email, so the wait for LinkedIn can be tracked."))
        self.sent_button.setAccessibleName(self.sent_button.text().replace("&", ""))

    @Slot()
    def _on_field_value_changed(self) -> None:
        self._update_preview()
        self.changed()

    # --- actions ------------------------------------------------------------------------

    def _full_text(self) -> str:
        draft = self.draft()
        return self.tr("Subject: {subject}\n\n{body}").format(subject=draft.subject, body=draft.body.replace("\r\n", "\n"))

    @Slot()
    def _on_open_mail_clicked(self) -> None:
        short_body = self.tr(
            "The full text of this request is on the clipboard. Paste it here, replacing this line."
        )
        url, shortened = activation_email.mailto_url(self.draft(), short_body)
        if shortened:
            self.desktop.copy_text(self.draft().body.replace("\r\n", "\n"))
        if self.desktop.open_url(self, url, self.tr("your mail program")):
            if shortened:
                self.action_note.show_note(
                    NoteKind.INFO,
                    self.tr("The draft is too long for a mail link, so the text was copied. Paste it into the new email."),
                )
            else:
                self.action_note.show_note(NoteKind.INFO, self.tr("Your mail program should now show the draft. Check it and send it."))

    @Slot()
    def _on_save_eml_clicked(self) -> None:
        from wizard.services.files import FileWriteError, write_bytes_atomic

        target = self.desktop.save_file_name(
            self, self.tr("Save the activation email"), "linkedin-activation.eml", self.tr("Email messages (*.eml)")
        )
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() != ".eml":
            path = path.with_name(path.name + ".eml")
        data = activation_email.to_message(self.draft(), self.session.state.contact_email)
        try:
            write_bytes_atomic(path, data)
        except FileWriteError as error:
            self.action_note.show_note(NoteKind.ERROR, str(error))
            return
        self.action_note.show_note(NoteKind.INFO, self.tr("Saved to {path}. Open it in your mail program to send it.").format(path=path))

    @Slot()
    def _on_copy_text_clicked(self) -> None:
        self.desktop.copy_text(self._full_text())
        self.action_note.show_note(NoteKind.INFO, self.tr("The subject and text are on the clipboard."))

    @Slot()
    def _on_sent_button_clicked(self) -> None:
        state = self.session.state
        state.email_sent_on = "" if state.email_sent_on else today()
        self._update_sent()
        self.changed()
